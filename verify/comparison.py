"""``compare(articles) -> Comparison``: the whole pipeline over any number of articles."""
from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

import numpy as np

from ..claims import Claim, analyse
from ..claims.facts import dateline
from ..sources import Article, ClaimdiffError, SourceRegistry
from .alignment import THRESHOLD, align
from .embed import Embedder, get_embedder
from .facttable import FactRow, background_claims, build_fact_table, table_to_dicts
from .judge import Agreement, Difference, Verdict, judge, origins
from .nli import DECISIVE, NLIScorer
from .slots import CASUALTY_EVENTS, Context
from .stories import group_articles

VERDICT_ORDER = {Verdict.CONTRADICT: 0, Verdict.AGREE: 1, Verdict.RELATED: 2}
"""The order groups are shown in: conflicts first, they are what a fact-checker must look at."""


@dataclass
class Alignment:
    claims: list[str]
    similarity: float
    verdict: Verdict
    differences: list[Difference]
    agreements: list[Agreement]
    shared_origin: str | None
    independent_origins: int
    chains: dict[str, list[str]]
    caveats: list[str] = field(default_factory=list)
    nli: list[dict] = field(default_factory=list)
    review: dict | None = None

    def to_dict(self) -> dict:
        """The JSON contract's alignment group."""
        return {"claims": list(self.claims), "similarity": self.similarity, "verdict": self.verdict,
                "differences": [d.to_dict() for d in self.differences],
                "agreements": [a.to_dict() for a in self.agreements], "shared_origin": self.shared_origin,
                "independent_origins": self.independent_origins,
                "chains": {cid: list(chain) for cid, chain in self.chains.items()}, "caveats": list(self.caveats),
                "nli": [dict(scores) for scores in self.nli], "review": dict(self.review) if self.review else None}


@dataclass
class Comparison:
    articles: list[Article]
    claims: list[Claim]
    alignments: list[Alignment]
    unique: dict[str, list[str]]
    model: str
    fact_table: list[FactRow] = field(default_factory=list)
    background: list[str] = field(default_factory=list)

    def claim(self, claim_id: str) -> Claim:
        return self._by_id[claim_id]

    def __post_init__(self) -> None:
        self._by_id = {c.id: c for c in self.claims}

    def article(self, article_id: str) -> Article:
        return next(a for a in self.articles if a.id == article_id)

    def to_dict(self) -> dict:
        """The JSON contract of ``claimdiff compare --format json``."""
        chains = {c.id: c.chain for c in self.claims}
        return {
            "articles": [a.to_dict() for a in self.articles],
            "claims": [c.to_dict() for c in self.claims],
            "alignments": [a.to_dict() for a in self.alignments],
            "unique": {k: list(v) for k, v in self.unique.items()},
            "model": self.model,
            "fact_table": table_to_dicts(self.fact_table, chains),
            "background": list(self.background),
        }


def importance(claim: Claim) -> float:
    """How much an omission matters: casualty counts first, then other numbers, named actors, places, dates."""
    facts = claim.facts
    score = 0.0
    if any(n.event in CASUALTY_EVENTS for n in facts.numbers):
        score += 4
    if facts.numbers:
        score += 2
    score += min(len(facts.actors), 2) * 0.75 + min(len(facts.places), 2) * 0.75
    score += 0.5 if facts.dates else 0
    score += min(len(claim.text.split()), 30) / 60  # a longer claim says more, slightly
    return score


def with_ids(articles: list[Article]) -> list[Article]:
    """Copies of the articles with ids a1..aN wherever an id is missing or repeated."""
    seen: set[str] = set()
    out = []
    for index, article in enumerate(articles, start=1):
        new_id = article.id if article.id and article.id not in seen else f"a{index}"
        while new_id in seen:
            new_id += "x"
        seen.add(new_id)
        out.append(dataclasses.replace(article, id=new_id, furniture=list(article.furniture),
                                       notes=list(article.notes)))
    return out


def compare(articles: list[Article], embedder: Embedder | None = None, registry: SourceRegistry | None = None,
            threshold: float = THRESHOLD, nli: NLIScorer | None = None,
            analyser: Callable[[Article, SourceRegistry], list[Claim]] | None = None) -> Comparison:
    """Attribute, extract claims, embed, align across all articles, judge each group and list omissions.

    ``analyser`` turns one article into its claims (``claims.analyse``, or a cache of it)."""
    if len(articles) < 2:
        raise ClaimdiffError(f"compare needs at least two articles (got {len(articles)})")
    articles = with_ids(articles)
    registry = registry or SourceRegistry.default()
    claims: list[Claim] = []
    for article in articles:
        claims.extend((analyser or analyse)(article, registry))
    embedder = embedder or get_embedder()
    vectors = embedder.embed([c.text for c in claims])
    return compare_claims(articles, claims, vectors, threshold, getattr(embedder, "name", "unknown"), nli)


def publication_dates(articles: list[Article]) -> dict[str, date | None]:
    """Each article's date for resolving relative days: its metadata, else its own dateline."""
    return {a.id: a.published or dateline(a.text) for a in articles}


def compare_claims(articles: list[Article], claims: list[Claim], vectors: np.ndarray, threshold: float = THRESHOLD,
                   model: str = "unknown", nli: NLIScorer | None = None) -> Comparison:
    """The comparison of claims already extracted and embedded (one row of ``vectors`` per claim)."""
    published = publication_dates(articles)
    background = background_claims(claims, published)
    story_of = article_stories(articles, claims, vectors)
    groups = align(claims, vectors, threshold, [(story_of[c.article], c.id in background) for c in claims])

    # Containment the texts state anywhere ("the al-Hader district of Hama") holds for every claim.
    ctx = Context.of(claims, published)
    alignments = [_judged([claims[i] for i in group.members], group.similarity, ctx) for group in groups]
    grouped = {cid for alignment in alignments for cid in alignment.claims}
    if nli is not None:
        _add_nli(alignments, {c.id: c for c in claims}, nli)
    alignments.sort(key=lambda a: (VERDICT_ORDER[a.verdict], -a.similarity))
    table = []
    for story in sorted(set(story_of.values())):
        table.extend(build_fact_table([c for c in claims if story_of[c.article] == story], ctx, background))
    return Comparison(articles, claims, alignments, _unique(articles, claims, grouped), model, table,
                      sorted(background, key=[c.id for c in claims].index))


def article_stories(articles: list[Article], claims: list[Claim], vectors: np.ndarray) -> dict[str, int]:
    """Which event each article reports (the story clustering of ``claimdiff stories``): articles about two
    look-alike events compared together get one fact table each, and their claims never share a group."""
    if len(articles) < 4:
        return {a.id: 0 for a in articles}  # two stories need two articles each
    ids = list(range(len(articles)))
    of_article: dict[str, list[int]] = {a.id: [] for a in articles}
    for i, claim in enumerate(claims):
        of_article[claim.article].append(i)
    texts = [[claims[i].text for i in of_article[a.id]] for a in articles]
    rows = [np.array(of_article[a.id], dtype=int) for a in articles]
    dim = vectors.shape[1] if vectors.ndim == 2 else 1
    matrices = [vectors[r] if len(r) else np.zeros((0, dim)) for r in rows]
    stories = group_articles(ids, texts, matrices, [a.published for a in articles])
    # Articles the user compares are taken to report one event unless they fall into separate stories of two or
    # more articles each: an article alone in a story is still compared with the rest (the largest story).
    if any(len(story) < 2 for story in stories):
        lone = [i for story in stories if len(story) < 2 for i in story]
        stories = [story for story in stories if len(story) >= 2] or [[]]
        stories[0] = sorted(stories[0] + lone)
    return {articles[i].id: index for index, story in enumerate(stories) for i in story}


def _unique(articles: list[Article], claims: list[Claim], grouped: set[str]) -> dict[str, list[str]]:
    """Per article, the claims in no group: what no other outlet reports, most important first."""
    alone: dict[str, list[Claim]] = {article.id: [] for article in articles}
    for claim in claims:
        if claim.id not in grouped:
            alone[claim.article].append(claim)
    return {article_id: [c.id for c in sorted(found, key=lambda c: -importance(c))]
            for article_id, found in alone.items()}


def _add_nli(alignments: list[Alignment], by_id: dict[str, Claim], nli: NLIScorer) -> None:
    """Add NLI probabilities for every cross-outlet pair of each group; they decide verdicts the facts left open."""
    pairs, owners = [], []
    for alignment in alignments:
        for i, a in enumerate(alignment.claims):
            for b in alignment.claims[i + 1:]:
                if by_id[a].article != by_id[b].article:
                    pairs.append((by_id[a].text, by_id[b].text))
                    owners.append((alignment, a, b))
    for (alignment, a, b), probs in zip(owners, nli.score(pairs)):
        alignment.nli.append({"claims": [a, b], **probs})
    for alignment in alignments:
        if alignment.verdict == "contradict" or not alignment.nli:
            continue
        worst = max(p["contradiction"] for p in alignment.nli)
        best = min(p["entailment"] for p in alignment.nli)
        if worst >= DECISIVE:
            alignment.verdict = Verdict.CONTRADICT
            alignment.differences.append(Difference("meaning", {
                p["claims"][1]: [f"contradiction {p['contradiction']:.2f}"] for p in alignment.nli}))
        elif best >= DECISIVE:
            alignment.verdict = Verdict.AGREE


@dataclass
class Review:
    """A fact-checker's verdict on two claims: agree, contradict, or unrelated (they should not be grouped)."""

    claims: tuple[str, str]
    verdict: str
    note: str
    reviewer: str
    at: str
    content: tuple[dict, dict] | None = None
    """Each claim as it read when reviewed, ``{"article", "text", "start", "end"}``: a later analysis finds the same
    claims by it (``resolved``), whatever ids they have then."""

    def to_dict(self) -> dict:
        return {"verdict": self.verdict, "note": self.note, "by": self.reviewer, "at": self.at,
                "claims": list(self.claims)}


REVIEW_VERDICTS = ("agree", "contradict", "unrelated")


def resolved(comparison: Comparison, reviews: list[Review]) -> list[Review]:
    """The reviews with the ids their claims have in this comparison, found by content: the claim of the same
    article with the same text (the nearest, should the text recur), else the one covering most of the reviewed
    span (a rule changed the claim's edges). Claim ids are positions, so a changed rule can give another claim the
    old id: ids alone never decide. A review whose claims are not found is left out."""
    by_article: dict[str, list[Claim]] = {}
    for claim in comparison.claims:
        by_article.setdefault(claim.article, []).append(claim)

    def find(key: dict) -> str | None:
        candidates = by_article.get(key["article"], [])
        same = [c for c in candidates if c.text == key["text"]]
        if same:
            return min(same, key=lambda c: abs(c.start - key["start"])).id

        def covered(c: Claim) -> int:
            return max(0, min(c.end, key["end"]) - max(c.start, key["start"]))

        best = max(candidates, key=covered, default=None)
        if best is not None and 2 * covered(best) >= max(best.end - best.start, key["end"] - key["start"]):
            return best.id
        return None

    out = []
    known = {c.id for c in comparison.claims}
    for review in reviews:
        ids = tuple(find(k) for k in review.content) if review.content else review.claims
        if all(i in known for i in ids) and ids[0] != ids[1]:
            out.append(dataclasses.replace(review, claims=ids))
    return out


def apply_reviews(comparison: Comparison, reviews: list[Review],
                  similarity: Callable[[Claim, Claim], float] | None = None) -> Comparison:
    """Human verdicts win over the machine's: the latest review of a pair decides its group's verdict; "unrelated"
    takes the reviewed claim out of the group, and the group is judged again without it; a reviewed pair the
    machine did not group becomes a group, with its real ``similarity`` where given. Groups keep the verdict
    order (conflicts first)."""
    by_id = {c.id: c for c in comparison.claims}
    ctx = None
    for review in sorted(resolved(comparison, reviews), key=lambda r: r.at):
        a, b = review.claims
        group = next((g for g in comparison.alignments if a in g.claims and b in g.claims), None)
        if review.verdict == "unrelated":
            if group is not None:
                ctx = ctx or Context.of(comparison.claims, publication_dates(comparison.articles))
                members = [by_id[c] for c in group.claims if c != b]
                machine = group.review["machine_verdict"] if group.review else group.verdict
                index = comparison.alignments.index(group)
                group = comparison.alignments[index] = _judged(members, group.similarity, ctx)
                group.review = {**review.to_dict(), "machine_verdict": machine}
            continue
        if group is None:
            score = round(similarity(by_id[a], by_id[b]), 4) if similarity else 0.0
            group = Alignment(claims=[a, b], similarity=score, verdict=Verdict(review.verdict), differences=[],
                              agreements=[], shared_origin=None, independent_origins=2,
                              chains={c: by_id[c].chain for c in (a, b)})
            comparison.alignments.append(group)
        machine = group.review["machine_verdict"] if group.review else group.verdict
        group.verdict = Verdict(review.verdict)
        group.review = {**review.to_dict(), "machine_verdict": machine}
    comparison.alignments = [g for g in comparison.alignments if len(g.claims) > 1]
    comparison.alignments.sort(key=lambda g: (VERDICT_ORDER[g.verdict], -g.similarity))
    grouped = {c for g in comparison.alignments for c in g.claims}
    comparison.unique = _unique(comparison.articles, comparison.claims, grouped)
    return comparison


def _judged(members: list[Claim], similarity: float, ctx: Context) -> Alignment:
    """A group's alignment: verdict, evidence, origins and caveats of its claims."""
    result = judge(members, similarity, ctx)
    shared, independent, chains = origins(members)
    return Alignment(claims=[c.id for c in members], similarity=similarity, verdict=result.verdict,
                     differences=result.differences, agreements=result.agreements, shared_origin=shared,
                     independent_origins=independent, chains={c.id: chain for c, chain in zip(members, chains)},
                     caveats=_caveats(members))


def _caveats(members: list[Claim]) -> list[str]:
    """Say where a claim is hedged or comes from a party to the conflict: "X says", not a fact."""
    notes = []
    for claim in members:
        if claim.hedged:
            notes.append(f"{claim.id} is hedged ({', '.join(sorted(set(claim.facts.hedges)))})")
        parties = [n for n, k in zip(claim.chain, claim.source.kinds) if k == "party to the conflict"]
        if parties:
            notes.append(f"{claim.id} comes from a party to the conflict ({', '.join(parties)})")
    return notes
