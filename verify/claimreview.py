"""schema.org ClaimReview JSON-LD for the verdicts a fact-checker reviewed: what fact-checkers publish so that search
engines and other checkers can pick their work up.

A review (``claimdiff review A B --verdict ...``) judges a pair of claims from two accounts. Each claim of a pair
judged ``agree`` or ``contradict`` becomes one ClaimReview: the claim's text, who made it (the first speaker of its
source chain as author, the relays as contributors), where it appeared (the outlet's article, its URL and date), the
reviewer's verdict as the rating, the reviewer, the review date and the note. ``unrelated`` says the two claims are
not about one fact: it rates neither, and is not exported.

The rating scale (``ratingValue``; ``worstRating`` 1, ``bestRating`` 3), with its ``alternateName``:

- 1, "Contradicted by another account": the verdict ``contradict``.
- 2, "Matches another account from the same origin": ``agree``, but both chains relay one identifiable source (two
  outlets quoting one agency) or both claims come from one article: a repetition, not a confirmation.
- 3, "Corroborated by an independent account": ``agree``, from independent chains.

``ratingExplanation`` names the other claim of the pair (outlet, id, chain, text); ``reviewBody`` is the note.
"""
from __future__ import annotations

import json
import re
from collections.abc import Sequence

from sqlite_utils import Database

from ..sources import ClaimdiffError
from .comparison import Comparison, Review, resolved
from .judge import origins

CONTEXT = "https://schema.org"
WORST_RATING, BEST_RATING = 1, 3
RATINGS = {
    "contradict": (1, "Contradicted by another account"),
    "same origin": (2, "Matches another account from the same origin"),
    "agree": (3, "Corroborated by an independent account"),
}
EXPORTED_VERDICTS = ("agree", "contradict")
_PERSON_KINDS = {"person", "resident", "anonymous"}
# An official named by a role ("a police director", "the governor") is a person; "the interior ministry" is not.
_PERSON_ROLE = re.compile(r"\b(?:spokes(?:man|woman|person)|director|minister|governor|official|officer|mayor|"
                          r"president|chief|commander|colonel|general|captain|lieutenant|brigadier|prosecutor|judge|"
                          r"sheriff|secretary|senator|ambassador|envoy|deputy|head|doctor|witness|source)s?$", re.I)


class ClaimReviewError(ClaimdiffError):
    """Nothing to export: no pair of claims in the comparison carries a reviewer's agree/contradict verdict."""


def claim_reviews(comparison: Comparison, reviews: Sequence[Review] | None = None) -> list[dict]:
    """One ClaimReview (a JSON-LD object) per claim of each pair a person judged ``agree`` or ``contradict``.

    ``reviews``: the stored reviews (``verify.reviews.reviews``); each pair's latest review counts, and pairs with a
    claim outside the comparison are skipped. Without them, the reviews the comparison carries
    (``apply_reviews``: the latest review of each group) are used."""
    out = []
    if reviews is not None:  # stored reviews name claims by content: their ids in this comparison
        reviews = resolved(comparison, list(reviews))
    for review in _latest(comparison, reviews):
        if review.verdict not in EXPORTED_VERDICTS:
            continue
        a, b = review.claims
        for this, other in ((a, b), (b, a)):
            out.append(_claim_review(comparison, this, other, review))
    return out


def to_claimreview(comparison: Comparison, reviews: Sequence[Review] | None = None) -> str:
    """The ClaimReview JSON-LD document (a list of ClaimReview objects); refuses an empty export with a
    ClaimReviewError, so that a file meant for publication is never silently empty."""
    found = claim_reviews(comparison, reviews)
    if not found and any(r.verdict in EXPORTED_VERDICTS for r in _latest(None, reviews or [])):
        raise ClaimReviewError("the reviewed claims are not in this comparison (their articles were analysed "
                               "differently since the review); nothing to export as ClaimReview")
    if not found:
        raise ClaimReviewError("no reviewed verdicts to export as ClaimReview: judge pairs of claims with "
                               "`claimdiff review A B --verdict agree|contradict` first")
    return json.dumps(found, ensure_ascii=False, indent=2) + "\n"


def reviews_to_export(db: Database, story_id: int) -> list[Review]:
    """The stored reviews of a story that an export would publish (each pair's latest, agree or contradict), checked
    before any comparison runs: a story without them is a ClaimReviewError, a story that is gone a StoreError."""
    from .reviews import story_reviews

    found = story_reviews(db, story_id)
    if not any(r.verdict in EXPORTED_VERDICTS for r in _latest(None, found)):
        raise ClaimReviewError(f"story {story_id} has no reviewed verdicts to export as ClaimReview: judge pairs of "
                               f"its claims with `claimdiff review A B --verdict agree|contradict` first")
    return found


def _latest(comparison: Comparison | None, reviews: Sequence[Review] | None) -> list[Review]:
    """The latest review of each pair whose claims are both in the comparison (any pair, without one), in the order
    they were made."""
    known = {c.id for c in comparison.claims} if comparison is not None else None
    if reviews is None:
        reviews = [Review(tuple(a.review["claims"]), a.review["verdict"], a.review.get("note") or "",
                          a.review.get("by") or "", a.review["at"])
                   for a in comparison.alignments if a.review and len(a.review.get("claims", ())) == 2]
    latest: dict[tuple[str, str], Review] = {}
    for review in sorted(reviews, key=lambda r: r.at):  # stable: reviews made in one second keep their order
        pair = tuple(sorted(review.claims))
        if len(pair) == 2 and (known is None or set(pair) <= known):
            latest.pop(pair, None)
            latest[pair] = review
    return list(latest.values())


def _claim_review(comparison: Comparison, claim_id: str, other_id: str, review: Review) -> dict:
    claim, other = comparison.claim(claim_id), comparison.claim(other_id)
    shared, _, _ = origins([claim, other])
    if shared:
        origin = f" Both relay {shared}."
    elif claim.article == other.article:  # two claims of one article are one account, whatever their sources
        origin = f" Both come from one article of {_outlet(comparison, claim_id)}."
    else:
        origin = ""
    rating = "contradict" if review.verdict == "contradict" else ("same origin" if origin else "agree")
    value, name = RATINGS[rating]
    explanation = (f"Reviewer's verdict: {review.verdict}, comparing it with {_outlet(comparison, other_id)} "
                   f"({other_id}, via {' → '.join(_chain(comparison, other_id))}): “{other.text}”.{origin}")
    return _clean({
        "@context": CONTEXT,
        "@type": "ClaimReview",
        "claimReviewed": claim.text,
        "itemReviewed": _claim(comparison, claim_id),
        "reviewRating": {"@type": "Rating", "ratingValue": value, "worstRating": WORST_RATING,
                         "bestRating": BEST_RATING, "alternateName": name, "ratingExplanation": explanation},
        "author": {"@type": "Person", "name": review.reviewer} if review.reviewer else None,
        "datePublished": review.at,
        "reviewBody": review.note or None,
    })


def _claim(comparison: Comparison, claim_id: str) -> dict:
    """The schema.org Claim: who made it (the first speaker), who relayed it, where and when it appeared."""
    claim = comparison.claim(claim_id)
    article = comparison.article(claim.article)
    outlet = _outlet(comparison, claim_id)
    chain = _chain(comparison, claim_id)
    kinds = claim.source.kinds
    parties = [_party(name, kinds[i] if i < len(kinds) else None) for i, name in enumerate(chain)]
    published = article.published.isoformat() if hasattr(article.published, "isoformat") else article.published
    return _clean({
        "@type": "Claim",
        "identifier": claim.id,
        "text": claim.text,
        "author": parties[0],
        # The relays between the first speaker and the outlet, in order ("a security source → SANA → the outlet").
        "contributor": [p for p, name in zip(parties[1:], chain[1:]) if name != outlet] or None,
        "description": "Source chain: " + " → ".join(chain),
        "datePublished": published,
        "appearance": _clean({
            "@type": "NewsArticle", "url": article.url, "headline": article.title, "datePublished": published,
            "publisher": {"@type": "Organization", "name": outlet},
        }),
    })


def _chain(comparison: Comparison, claim_id: str) -> list[str]:
    claim = comparison.claim(claim_id)
    chain = list(claim.chain)
    return chain or [_outlet(comparison, claim_id)]  # a claim the outlet makes itself


def _outlet(comparison: Comparison, claim_id: str) -> str:
    article = comparison.article(comparison.claim(claim_id).article)
    return article.outlet or article.id or "?"


def _party(name: str, kind: str | None) -> dict:
    person = kind in _PERSON_KINDS or (kind == "official" and bool(_PERSON_ROLE.search(name)))
    return {"@type": "Person" if person else "Organization", "name": name}


def _clean(item: dict) -> dict:
    """Leave out what is unknown (no URL, no date, no note) rather than writing null into published markup."""
    return {k: v for k, v in item.items() if v is not None and v != ""}
