"""Atomic claims: attributed statements split at coordinated clauses and counted lists, with spans and facts."""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date

from ..sources import Article, SourceRegistry, Statement, attribute
from ..sources.clauses import DASHES, named_entities, parse_sentences
from ..sources.errors import Span
from ..sources.sentences import split_sentences
from .facts import (
    Facts,
    dateline,
    event_anchor,
    event_kind,
    extract_actors,
    extract_dates,
    extract_hedges,
    extract_numbers,
    extract_perpetrators,
    extract_persons,
    extract_places,
    extract_quantities,
    extract_times,
    is_negated,
    is_timestamp,
    is_written_count,
    place_key,
)

# A clause boundary: a semicolon, or a conjunction followed by a new subject and its verb.
_CLAUSE_SPLIT = re.compile(
    r";\s+|,?\s+(?:while|whereas|but)\s+|,\s+and\s+(?=(?:the|a|an|two|three|several|his|her|their|its|[A-Z]|\d)"
    r"[^,;]{0,60}?\b(?:was|were|is|are|has|have|had|did|will|would|could|\w+ed)\b)")
_AUX_VERB = re.compile(r"\b(?:was|were|is|are|has|have|had|did|will|would|could|can|\w{3,}ed|\w+s)\b")
# A participle after "but" or "while" goes on with the subject before it ("a cyclist from the U. S. but living in
# Lyon", "was shot while fleeing"): no new clause. Words ending the same way that are no participles do not count.
_BUT_WHILE = re.compile(r"\b(?:but|while)\b")
_PARTICIPLE = re.compile(r"(?!\w*thing\b|(?:during|according|morning|evening|spring|building|ceiling|wedding|king"
                         r"|ring|wing|string)\b)[a-z]\w+(?:ing|ed)\b")
_LIST_SEP = re.compile(r",\s+(?:and\s+)?|\s+and\s+")
_MIN_WORDS = 3


@dataclass
class ClaimSource:
    """Whom a claim is credited to: the source its statement names, or the outlet itself; the chain from the
    original speaker out to the outlet, with each link's kind; and whether the statement is a denial."""

    name: str
    kind: str
    chain: list[str]
    kinds: list[str]
    denial: bool = False

    def to_dict(self) -> dict:
        return {"name": self.name, "kind": self.kind, "chain": list(self.chain), "kinds": list(self.kinds),
                "denial": self.denial}

    @classmethod
    def from_dict(cls, data: dict) -> ClaimSource:
        return cls(data["name"], data["kind"], list(data["chain"]), list(data.get("kinds", [])),
                   bool(data.get("denial")))


@dataclass
class Claim:
    """One atomic claim: the smallest statement a fact-checker can check on its own."""

    id: str
    article: str
    text: str
    start: int
    end: int
    source: ClaimSource
    inherited_by: str | None = None
    """What carried the source over from an earlier sentence (sources.attribution.INHERITANCE), or None."""
    facts: Facts = field(default_factory=Facts)
    statement: int = 0
    sentence: Span | None = None
    """The span of the sentence (or sentences, for a quotation) the claim comes from: the claim in context."""

    @property
    def chain(self) -> list[str]:
        """The source chain, from the original speaker out to the outlet."""
        return self.source.chain

    @property
    def inherited(self) -> bool:
        """Whether the source was carried over from an earlier sentence."""
        return self.inherited_by is not None

    @property
    def hedged(self) -> bool:
        return bool(self.facts.hedges)

    def to_dict(self) -> dict:
        facts = self.facts.to_dict()
        return {
            "id": self.id, "article": self.article, "text": self.text, "start": self.start, "end": self.end,
            "sources": [self.source.to_dict()], "hedged": self.hedged, "inherited": self.inherited,
            "inherited_by": self.inherited_by, "facts": facts,
            "sentence": {"start": self.sentence[0], "end": self.sentence[1]} if self.sentence else None,
        }

    def record(self) -> dict:
        """Every field, JSON-safe, without the article id (a cached analysis serves any id the article gets)."""
        return {"n": int(self.id.rsplit("-c", 1)[1]), "text": self.text, "start": self.start, "end": self.end,
                "sources": [self.source.to_dict()], "inherited_by": self.inherited_by,
                "facts": self.facts.record(), "statement": self.statement,
                "sentence": list(self.sentence) if self.sentence else None}

    @classmethod
    def from_record(cls, data: dict, article_id: str) -> Claim:
        sentence = data.get("sentence")
        return cls(f"{article_id}-c{data['n']}", article_id, data["text"], data["start"], data["end"],
                   ClaimSource.from_dict(data["sources"][0]), data["inherited_by"],
                   Facts.from_record(data["facts"]), data["statement"], tuple(sentence) if sentence else None)


def extract_claims(article: Article, statements: list[Statement] | None = None,
                   registry: SourceRegistry | None = None) -> list[Claim]:
    """Split every statement of the article into atomic claims with facts and the statement's sources.

    A claim's ``text`` is always ``article.text[start:end]``.
    """
    if statements is None:
        statements = attribute(article, registry)
    article_id = article.id or "a1"
    claims: list[Claim] = []
    source_names = {s.source.text for s in statements if s.source} | {article.outlet or ""}
    # Relative dates resolve against the publication date, or the article's own dateline when metadata has none.
    published = article.published or dateline(article.text)
    shared_facts = [_shared_facts(article, s.content.text, s.content.start, source_names, published)
                    for s in statements]
    parses = _read_parses(statements, shared_facts)
    for index, statement in enumerate(statements):
        content = statement.content
        source = _source(statement, article)
        shared = shared_facts[index]
        credit = _credit_start(article.text, statement, parses.get(index))
        for piece, (start, end) in enumerate(split_atomic(article.text, content.start, content.end)):
            text = article.text[start:end]
            if is_timestamp(text):
                continue  # a dateline or timestamp the furniture filter let through states nothing
            facts = Facts(
                numbers=extract_numbers(text, offset=start),
                places=shared.places,
                actors=shared.actors,
                dates=shared.dates,
                hedges=extract_hedges(text) or shared.hedges,
                negated=is_negated(text) or _denial(statement),
                perpetrators=extract_perpetrators(text) or shared.perpetrators,
                quantities=extract_quantities(text, offset=start),
                times=shared.times,
                event=event_kind(text) or shared.event,
                persons=[p for p in shared.persons if start <= p.start and p.end <= end],
            )
            # A claim that needs its credit reads with it; its facts are the content's alone.
            first = credit if piece == 0 and credit is not None else start
            claims.append(Claim(f"{article_id}-c{len(claims) + 1}", article_id, article.text[first:end], first, end,
                                source, statement.inherited_by, facts, index))
    _drop_non_persons(claims, article.outlet)
    _counted_by_parse(claims, statements, parses)
    _sentences(claims, split_sentences(article))
    return claims


def _credit_start(text: str, statement: Statement, doc) -> int | None:
    """Where a claim starts that needs its credit: a reported content that cannot stand on its own, being no clause
    ("put the ship's length at 210 metres", "estimated the turnout at 4,000") or a clause about "it" ("the agency said
    it was 4.2"), is claimed with the credit right before it. None when the content stands alone or no credit opens
    it."""
    source, cue, content = statement.source, statement.cue, statement.content
    if source is None or cue is None or doc is None or not source.end <= cue.start < content.start:
        return None
    if text[source.end:cue.start].strip(" ,.") or text[cue.end:content.start].strip(" ,:"):
        return None
    return source.start if not _is_clause(doc) or _about_it(doc) else None


def _is_clause(doc) -> bool:
    """The parsed content has a finite verb of its own."""
    return any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in doc)


def _about_it(doc) -> bool:
    """The parsed content's main verb has "it" for its subject."""
    return any(t.dep_ in ("nsubj", "nsubjpass") and t.lower_ == "it" and t.head.dep_ == "ROOT" for t in doc)


def _sentences(claims: list[Claim], sentences: list) -> None:
    """Each claim's sentence span: from the sentence its first character is in to the one its last is in."""
    starts = [s.start for s in sentences]
    for claim in claims:
        first = max(0, bisect_right(starts, claim.start) - 1)
        last = max(first, bisect_right(starts, claim.end - 1) - 1)
        if sentences:
            claim.sentence = (min(sentences[first].start, claim.start), max(sentences[last].end, claim.end))


def _counted_by_parse(claims: list[Claim], statements: list[Statement], parses: dict[int, object]) -> None:
    """What a number counts is the noun it modifies in the parse ("three stolen vans", "Three delivery vans
    crashed", "40 M 4 rifles"), where the parse says so; the word pattern stays where it does not."""
    for claim in claims:
        doc = parses.get(claim.statement)
        if doc is None:
            continue
        offset = statements[claim.statement].content.start
        for number in claim.facts.numbers:
            span = doc.char_span(number.start - offset, number.end - offset, alignment_mode="expand")
            if span is None or len(span) > 3:
                continue  # people counted one by one: their own words say who they were
            token = span[-1]
            if token.dep_ == "nummod" and token.head.pos_ in {"NOUN", "PROPN"} and token.head.i > token.i:
                number.of = token.head.text.lower()


def _drop_non_persons(claims: list[Claim], outlet: str | None) -> None:
    """What the entity recogniser takes for people and is not: a name the article gives a place ("Kafr Buhum"), the
    outlet's own name ("Meridian Wire"), and a one-word PERSON unless the article names someone in full with that
    surname ("Brandt" after "Lena Brandt"; otherwise it is too often a misread place, "Hama")."""
    named = {place.key for c in claims for place in c.facts.places} | ({place_key(outlet)} if outlet else set())
    full = {p.key for c in claims for p in c.facts.persons if p.first}
    for claim in claims:
        claim.facts.persons = [p for p in claim.facts.persons if (p.first or p.key in full)
                               and place_key(p.name) not in named]


def _read_parses(statements: list[Statement], shared: list[Facts]) -> dict[int, object]:
    """What needs the parse, from one batch over the statements: the people each names, which event each time and
    place belongs to, what each number counts. Returns the parses by statement index."""
    if not statements:
        return {}
    docs = parse_sentences([s.content.text for s in statements])
    # Names need the entity recogniser, the costliest step: run it in one batch, only where a capitalised word
    # could be a name.
    named = [i for i, s in enumerate(statements) if re.search(r"[A-Z][a-z]", s.content.text)]
    for i, doc in zip(named, named_entities().pipe([docs[i] for i in named], batch_size=64)):
        shared[i].persons = extract_persons(doc, statements[i].content.start)
    for i, doc in enumerate(docs):
        offset = statements[i].content.start
        for fact in [*shared[i].times, *shared[i].places]:
            kind = event_anchor(doc, fact.start - offset, fact.end - offset)
            # Where the parse does not tie it to an event word, it is taken to be the statement's event (None: the
            # statement names none either; the comparison decides).
            fact.event = kind or shared[i].event
    return dict(enumerate(docs))


def _denial(statement: Statement) -> bool:
    return bool(statement.cue and re.match(r"den(?:y|ies|ied)|refut|reject", statement.cue.text, re.I))


def _source(statement: Statement, article: Article) -> ClaimSource:
    if statement.source is None:
        outlet = article.outlet or "the outlet"
        return ClaimSource(outlet, "outlet", [outlet], ["outlet"])
    source = statement.source
    return ClaimSource(source.name, source.kind, list(source.chain), list(source.chain_kinds), _denial(statement))


def _shared_facts(article: Article, text: str, offset: int, exclude: set[str], published: date | None) -> Facts:
    """Places, actors, dates and hedges hold for every atomic piece of one statement."""
    return Facts(
        places=extract_places(text, offset, exclude),
        actors=extract_actors(text, exclude),
        dates=extract_dates(text, published),
        hedges=extract_hedges(text),
        perpetrators=extract_perpetrators(text),
        times=extract_times(text, offset, published),
        event=event_kind(text),
    )


def split_atomic(text: str, start: int, end: int) -> list[Span]:
    """Spans of the atomic claims in ``text[start:end]``: clauses first, then lists of counts within a clause."""
    pieces = []
    for s, e in _split_clauses(text, start, end):
        pieces.extend(_split_counted_list(text, s, e))
    return pieces or [(start, end)]


def _split_clauses(text: str, start: int, end: int) -> list[Span]:
    chunk = text[start:end]
    spans, cursor = [], 0
    for match in _CLAUSE_SPLIT.finditer(chunk):
        left = chunk[cursor:match.start()]
        right = chunk[match.end():]
        if (len(left.split()) >= _MIN_WORDS and len(right.split()) >= _MIN_WORDS and _AUX_VERB.search(right)
                and not (_BUT_WHILE.search(match.group()) and _PARTICIPLE.match(right))):
            spans.append((cursor, match.start()))
            cursor = match.end()
    spans.append((cursor, len(chunk)))
    return [t for s, e in spans if (t := _trim(text, start + s, start + e))]


def _split_counted_list(text: str, start: int, end: int) -> list[Span]:
    """"two dead, several injured and seven captured" -> one claim per count, where each count tells an event
    (killed, injured, captured): each can be compared, and found missing, on its own. A list of things ("seized 12
    rifles, 40 magazines and 600 rounds", "one count of arson and two of criminal damage") is one fact and stays one
    claim: a cut goes only between two counts of events."""
    chunk = text[start:end]
    # Written counts only: people named one by one ("a third co-worker") are no items of a counted list.
    numbers = [n for n in extract_numbers(chunk) if is_written_count(n.text)]
    if len(numbers) < 2:
        return [(start, end)]
    cuts = []
    for left, right in zip(numbers, numbers[1:]):
        if left.event is None or right.event is None:
            continue
        between = chunk[left.end:right.start]
        separator = None
        for match in _LIST_SEP.finditer(between):
            separator = match
        if separator is None or len(between) > 80 or ";" in between:
            continue
        # Only items of one list: no verb of its own between the two counts except a participle.
        if re.search(r"\b(?:said|told|and\s+then|after|before|when|while)\b", between):
            continue
        # The next item starts right after the separator, so "the arrest of five suspects" stays whole.
        cuts.append((left.end + separator.start(), left.end + separator.end()))
    if not cuts:
        return [(start, end)]
    spans, cursor = [], 0
    for cut_from, cut_to in cuts:
        spans.append((cursor, cut_from))
        cursor = cut_to
    spans.append((cursor, len(chunk)))
    return [t for s, e in spans if (t := _trim(text, start + s, start + e))]


def _trim(text: str, start: int, end: int) -> Span | None:
    while start < end and (text[start].isspace() or text[start] in ",;:\"“”'‘’(" + DASHES):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:.\"“”'‘’)" + DASHES):
        end -= 1
    return (start, end) if end - start >= 2 else None
