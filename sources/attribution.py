"""Who said what: cues, sources, nested chains (official -> agency -> outlet) and inheritance across sentences."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .article import Article
from .registry import SourceRegistry, infer_kind
from .sentences import Sentence, split_sentences
from .types import Span

# Reporting verbs (speech acts and the stated beliefs news attributes), every inflection written out.
_VERB_STEMS = {
    "say": "say says said saying", "tell": "tell tells told telling", "report": "report reports reported reporting",
    "add": "add adds added adding", "note": "note notes noted noting", "state": "state states stated stating",
    "announce": "announce announces announced announcing", "claim": "claim claims claimed claiming",
    "confirm": "confirm confirms confirmed confirming", "deny": "deny denies denied denying",
    "accuse": "accuse accuses accused accusing", "condemn": "condemn condemns condemned condemning",
    "vow": "vow vows vowed vowing", "threaten": "threaten threatens threatened threatening",
    "insist": "insist insists insisted insisting", "explain": "explain explains explained explaining",
    "warn": "warn warns warned warning", "allege": "allege alleges alleged alleging",
    "acknowledge": "acknowledge acknowledges acknowledged acknowledging", "admit": "admit admits admitted admitting",
    "argue": "argue argues argued arguing", "assert": "assert asserts asserted asserting",
    "estimate": "estimate estimates estimated", "write": "write writes wrote written",
    "tweet": "tweet tweets tweeted", "post": "posted", "inform": "inform informs informed",
    "declare": "declare declares declared", "disclose": "disclose discloses disclosed",
    "reveal": "reveal reveals revealed", "stress": "stress stresses stressed",
    "emphasise": "emphasise emphasises emphasised emphasize emphasizes emphasized",
    "indicate": "indicate indicates indicated", "suggest": "suggest suggests suggested",
    "predict": "predict predicts predicted", "promise": "promise promises promised", "pledge": "pledge pledges pledged",
    "urge": "urge urges urged", "blame": "blame blames blamed", "maintain": "maintain maintains maintained",
    "contend": "contend contends contended", "recall": "recall recalls recalled", "describe": "describe describes described",
    "mention": "mention mentions mentioned", "observe": "observe observes observed", "remark": "remark remarks remarked",
    "reply": "reply replies replied", "respond": "respond responds responded", "answer": "answer answers answered",
    "comment": "comment comments commented", "counter": "countered", "concede": "concede concedes conceded",
    "believe": "believe believes believed", "think": "think thinks thought", "know": "knows knew",
    "learn": "learned learnt", "fear": "fears feared", "hope": "hopes hoped", "expect": "expects expected",
    "agree": "agree agrees agreed", "announce2": "pointed out", "quote": "quoted", "cite": "cited",
    "charge": "charged", "publish": "published", "broadcast": "broadcast", "show": "showed", "ask": "asked",
    "complain": "complain complains complained", "testify": "testified testifies", "shout": "shouted",
    "cry": "cried", "recount": "recounted", "describe2": "described", "caution": "cautioned", "tout": "touted",
    "boast": "boasted", "question": "questioned", "dispute": "disputed", "reiterate": "reiterated reiterates",
    "affirm": "affirmed affirms", "clarify": "clarified", "detail": "detailed", "brief": "briefed",
    "speculate": "speculated", "conclude": "concluded", "find": "found", "determine": "determined",
    "rule": "ruled", "demand": "demanded demands", "call": "called", "propose": "proposed",
}
_VERBS = sorted({form for forms in _VERB_STEMS.values() for form in forms.split(" ") if form}, key=len, reverse=True)
# Mental-state and ambiguous verbs count only when a clause follows ("believes that", "found that").
_NEEDS_THAT = {"claim", "claims", "claimed", "claiming", "respond", "responded", "reply", "replied", "answer",
               "confirm", "confirmed", "confirms", "deny", "denied", "denies", "admit", "admitted", "admits",
               "believe", "believes", "believed", "think", "thinks", "thought", "knows", "knew", "fears", "feared",
               "hopes", "hoped", "expects", "expected", "agree", "agrees", "agreed", "found", "determined", "ruled",
               "showed", "asked", "demanded", "demands", "called", "proposed", "published", "broadcast",
               "cited", "quoted", "described", "learned", "learnt", "charged", "detailed", "posted", "recalled",
               "concluded", "urge", "urges", "urged", "state", "states", "note", "report", "add", "estimated",
               "estimate", "estimates", "answer", "answered", "comment", "commented", "counter", "countered",
               "suggest", "suggests", "suggested", "indicated", "indicate", "indicates", "mention", "mentions",
               "mentioned", "observe", "observes", "observed", "argue", "argues", "argued", "question", "questioned",
               "dispute", "disputed", "brief", "briefed"}
_VERB_RE = re.compile(r"(?<![\w-])(" + "|".join(re.escape(v) for v in _VERBS) + r")(?![\w-])")
_AUX = re.compile(r"(?:\s+(?:has|have|had|also|later|earlier|previously|further|separately|then|would|will|could|"
                  r"had|did|does|do|is|are|was|were|been|has\s+been|have\s+been|reportedly|once|repeatedly|"
                  r"publicly|privately|recently|initially|first|again|not|n't|never|already))+\s*$", re.I)
_LEAD_ADVERBIAL = re.compile(r"^(?:(?:but|and|however|meanwhile|separately|still|yet|also|so|earlier|later|instead|"
                             r"in addition|moreover)\b,?\s*)+", re.I)
_AFTER_VERB = re.compile(
    r"^(?:\s*,?\s*(?:on|in|at|late on|early on|late|earlier|later|during|by|via|through|over|from|after|before)\s+"
    r"(?:a |an |the |his |her |its |their )?[\w'-]+(?:\s+[\w'-]+){0,3}?(?=\s*(?:,|that\b|[.;:\"”]|$))"
    r"|\s*,?\s*(?:today|yesterday|tonight|earlier|later|again|also|publicly|privately|repeatedly|recently|"
    r"(?:last|this|next)\s+(?:week|month|year|night|weekend)))*",
    re.I)
_CITING = re.compile(r",?\s*\b(?:citing|quoting|referencing|referring to|relying on|according to)\s+"
                     r"((?:an?|the|one|two|several)?\s*[^,.;:\"“”]{2,80}?)(?=\s*(?:,|\bthat\b|\.|;|$))", re.I)
_ACCORDING = re.compile(r"\b(?:according\s+to|as\s+reported\s+by|as\s+told\s+(?:to|by)|in\s+the\s+words\s+of|"
                        r"as\s+(?:quoted|cited)\s+by|(?:in\s+)?(?:comments|remarks|statements?)\s+(?:carried|quoted)"
                        r"\s+by)\s+", re.I)
_AS_SRC_VERB = re.compile(r"\bas\s+((?:an?|the)?\s*[^,.;]{2,60}?)\s+(said|reported|noted|put it|told \w+|stated|"
                          r"confirmed|claimed)\b", re.I)
_QUOTE_OPEN = "\"“"
_QUOTE_CLOSE = "\"”"
_PRONOUNS = {"he", "she", "they", "it", "we", "i", "his", "her", "their"}
_DEFINITE = re.compile(r"^(?:the|this|that|these|those)\s+((?:[\w-]+\s+){0,2}[\w-]+)$", re.I)
_ANAPHORIC_OPENER = re.compile(
    r"^[\"“]?(?:he|she|they|it|this|these|the\s+(?:attack|assault|ambush|incident|explosion|blast|clash(?:es)?|"
    r"bombing|shooting|raid|strike|source|official|agency|ministry|colonel|general|spokes\w+|director|statement|"
    r"residents?|witness(?:es)?|group|army|police|victims?|dead|wounded|gunmen|attackers?|assailants?)|"
    r"in\s+addition|additionally|also|moreover|furthermore)\b", re.I)
_MEDIA_OBJECT = re.compile(r"\b(?:agency|news|tv|television|channel|newspaper|daily|broadcaster|radio|media|"
                           r"website|magazine|outlet)\b", re.I)
_BAD_SOURCE_START = re.compile(r"^(?:the|a|an|this|that|these|those|its|his|her|their|our|so|most|often|widely|"
                               r"previously|as|is|are|was|were|be|been|to|of|in|on|for|with|by|and|or|it's)$", re.I)
_CLAUSE_WORD = re.compile(r"\b(?:that|which|because|if|when|after|before|while|since|although|though|as|where)\s*$",
                          re.I)
_APPOSITIVE = re.compile(r"^(?:an?|the)?\s*(?:[a-z][\w-]*\s+){0,3}(?:head|chief|director|spokes\w+|commander|"
                         r"minister|official|member|leader|officer|secretary|governor|mayor|president|founder|"
                         r"resident|owner|manager|analyst|expert|professor|researcher|editor|reporter|"
                         r"correspondent|adviser|advisor|aide|envoy|representative|colonel|general|who)\b", re.I)


@dataclass
class Source:
    """Whom a statement is attributed to, and the chain from the original speaker out to the publishing outlet."""

    name: str
    kind: str
    chain: list[str]
    text: str
    start: int
    end: int
    chain_kinds: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"name": self.name, "kind": self.kind, "chain": list(self.chain), "text": self.text,
                "start": self.start, "end": self.end}


@dataclass
class Piece:
    text: str
    start: int
    end: int

    def to_dict(self) -> dict:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass
class Statement:
    """One attributed (or unattributed) piece of an article: source, cue and content with spans into the text."""

    content: Piece
    source: Source | None = None
    cue: Piece | None = None
    inherited: bool = False
    sentence: int = 0
    paragraph: int = 0

    def to_dict(self) -> dict:
        return {
            "source": self.source.to_dict() if self.source else None,
            "cue": self.cue.to_dict() if self.cue else None,
            "content": self.content.to_dict(),
            "inherited": self.inherited,
        }


@dataclass
class _Match:
    source: Span
    cue: Span
    content: list[Span]
    inner: list[Span] = field(default_factory=list)   # sources the main source cites ("citing a security source")
    relays: list[Span] = field(default_factory=list)  # media the main source spoke to ("told the state agency")


def attribute(article: Article, registry: SourceRegistry | None = None) -> list[Statement]:
    """Attribute every sentence of the story: one statement per attribution, or an unattributed one."""
    registry = registry or SourceRegistry.default()
    text = article.text
    sentences = split_sentences(article)
    countries = _countries(text, registry)
    statements: list[Statement] = []
    history: list[Source] = []
    open_quote: Source | None = None
    previous: Statement | None = None
    for index, sentence in enumerate(sentences):
        matches = _find(sentence, text)
        made: list[Statement] = []
        for match in matches:
            source, referred = _resolve(match, text, article, registry, countries, history)
            cue = Piece(text[match.cue[0]:match.cue[1]], *match.cue)
            for s, e in match.content:
                made.append(Statement(Piece(text[s:e], s, e), source, cue, referred, index,
                                      sentence.paragraph))
            history.extend(_upstream(source))
            history.append(source)
        if made:
            statements.extend(made)
            open_quote = made[-1].source if _opens_quote(sentence.text) else None
            previous = made[-1]
            continue
        content = Piece(sentence.text, sentence.start, sentence.end)
        heir = _inheritor(sentence, previous, open_quote)
        statement = Statement(content, heir, None, heir is not None, index, sentence.paragraph)
        if open_quote and _closes_quote(sentence.text):
            open_quote = None
        statements.append(statement)
        previous = statement if heir else (None if _breaks_chain(sentence, previous) else previous)
    return statements


def _countries(text: str, registry: SourceRegistry) -> frozenset[str]:
    found = set()
    for country in registry.countries:
        stem = country[:-1] if country.endswith("a") else country  # Syria -> Syrian, Russia -> Russian
        if re.search(rf"\b{re.escape(stem)}", text):
            found.add(country)
    return frozenset(found)


def _opens_quote(sentence: str) -> bool:
    opens = sum(sentence.count(q) for q in "“") + sentence.count('"') % 2
    closes = sentence.count("”")
    return opens > closes


def _closes_quote(sentence: str) -> bool:
    return "”" in sentence or sentence.count('"') % 2 == 1


def _inheritor(sentence: Sentence, previous: Statement | None, open_quote: Source | None) -> Source | None:
    """The source a cue-less sentence continues: an open multi-sentence quote, or the previous attributed
    sentence of the same paragraph, or of the paragraph before when the sentence opens with a reference to it."""
    if open_quote is not None:
        return open_quote
    if previous is None or previous.source is None:
        return None
    if previous.source.kind == "outlet" and previous.source.name == "":
        return None
    same_paragraph = previous.paragraph == sentence.paragraph
    if same_paragraph or (sentence.paragraph - previous.paragraph == 1 and _ANAPHORIC_OPENER.match(sentence.text)):
        return previous.source
    return None


def _breaks_chain(sentence: Sentence, previous: Statement | None) -> bool:
    return previous is None or sentence.paragraph != previous.paragraph


def _is_reference(mention: str) -> bool:
    words = mention.strip().lower()
    return words in _PRONOUNS or bool(_DEFINITE.match(words) and not _has_name(mention))


def _is_proper(text: str) -> bool:
    words = [re.sub(r"^(?:al|el|ad|ar|as|ash|an|at|az)-", "", w) for w in text.split()
             if w.lower() not in {"al", "bin", "abu", "umm", "el", "of"}]
    return bool(words) and all(w[:1].isupper() for w in words) and len(words) <= 5


def _has_name(mention: str) -> bool:
    return any(w[:1].isupper() for w in mention.split()[1:])


# --- finding cues in one sentence -------------------------------------------------------------------------------

def _find(sentence: Sentence, text: str) -> list[_Match]:
    s = sentence.text
    base = sentence.start
    for finder in (_find_according, _find_as_source, _find_verb):
        found = finder(s)
        if found:
            return [_shift(m, base) for m in found]
    return []


def _shift(match: _Match, base: int) -> _Match:
    def move(span: Span) -> Span:
        return (span[0] + base, span[1] + base)

    return _Match(move(match.source), move(match.cue), [move(c) for c in match.content],
                  [move(i) for i in match.inner], [move(r) for r in match.relays])


def _strip_span(s: str, start: int, end: int, chars: str = " ,;:—–-\"“”'‘’()") -> Span | None:
    while start < end and s[start] in chars + "\n\t":
        start += 1
    while end > start and s[end - 1] in chars + ".\n\t":
        end -= 1
    return (start, end) if end - start >= 2 else None


def _np_end(s: str, start: int) -> int:
    """End of a source noun phrase that starts at ``start``: up to a comma, clause word or sentence end."""
    match = re.search(r"[,;:.!?\"“”()]|\s(?:that|who|which|in a statement|on \w+day)\b|\s[-–—]\s", s[start:])
    return start + match.start() if match else len(s)


def _find_according(s: str) -> list[_Match]:
    cue = _ACCORDING.search(s)
    if not cue:
        return []
    src_start = cue.end()
    src_end = _np_end(s, src_start)
    source = _strip_span(s, src_start, src_end)
    if not source:
        return []
    inner, after = _citing(s, source[1])
    cue_span = (cue.start(), cue.end() - 1)
    head = _strip_span(s, 0, cue.start())
    if head and len(s[head[0]:head[1]].split()) >= 3:
        content = [head]
        tail = _strip_span(s, after, len(s))
        if tail and len(s[tail[0]:tail[1]].split()) >= 4 and s[after:].lstrip().startswith(","):
            content.append(tail)
    else:
        body = _strip_span(s, after, len(s))
        if not body:
            return []
        content = [body]
    return [_Match(source, cue_span, content, inner)]


def _citing(s: str, pos: int) -> tuple[list[Span], int]:
    """Sources cited right after ``pos`` (", citing a security source,"), and where the text goes on."""
    inner = []
    while True:
        match = _CITING.match(s, pos)
        if not match:
            return inner, pos
        span = _strip_span(s, match.start(1), match.end(1))
        if span:
            inner.append(span)
        pos = match.end()


def _find_as_source(s: str) -> list[_Match]:
    match = _AS_SRC_VERB.search(s)
    if not match or len(match.group(1).split()) > 8:
        return []
    source = _strip_span(s, match.start(1), match.end(1))
    before = _strip_span(s, 0, match.start())
    after = _strip_span(s, match.end(), len(s))
    content = [c for c in (before, after) if c and len(s[c[0]:c[1]].split()) >= 3]
    if not source or not content:
        return []
    return [_Match(source, (match.start(2), match.end(2)), content[:1])]


def _find_verb(s: str) -> list[_Match]:
    results: list[_Match] = []
    for verb in _VERB_RE.finditer(s):
        match = _try_verb(s, verb)
        if match:
            results.append(match)
            break  # the first clean reporting clause governs the sentence
    return results


_TELL_VERBS = {"told", "tell", "tells", "telling", "informed", "inform", "informs", "briefed", "warned", "urged",
               "asked", "quoted", "assured"}
# The listener of "told": a name (with an acronym in brackets), a media description, or reporters.
_OBJECT = re.compile(
    r"\s+((?:the\s+)?(?:[A-Z][\w.'&-]*(?:\s+(?:of|for|al|el)\s+|\s+)?)+(?:\s*\([A-Z][\w-]*\))?"
    r"|(?:the|a|an|his|her|their|its)\s+(?:[\w-]+\s+){0,4}?(?:agency|news agency|reporters?|journalists?|newspaper|"
    r"paper|channel|television|tv|radio|website|site|media|outlet|correspondents?|broadcaster|daily|magazine)"
    r"(?:\s*\([A-Z][\w-]*\))?"
    r"|reporters|journalists|me|us|him|her|them)(?=[\s,.;:]|$)")


def _after_listener(s: str, word: str, pos: int) -> tuple[Span | None, int]:
    """For "told"-type verbs, the listener's span and where the reported content starts."""
    if word not in _TELL_VERBS:
        return None, pos
    obj = _OBJECT.match(s, pos)
    if not obj:
        return None, pos
    return _strip_span(s, obj.start(1), obj.end(1)), obj.end()


def _skip_adverbials(s: str, pos: int) -> tuple[list[Span], int]:
    rest = _AFTER_VERB.match(s[pos:])
    pos += rest.end() if rest else 0
    inner, pos = _citing(s, pos)
    rest = _AFTER_VERB.match(s[pos:])
    pos += rest.end() if rest else 0
    return inner, pos


def _try_verb(s: str, verb: re.Match) -> _Match | None:
    word = verb.group(1)
    vstart, vend = verb.start(), verb.end()
    before = s[:vstart]
    cue = (vstart, vend)
    # '"CONTENT," said SRC' and 'CONTENT, said the ministry.': the speaker follows the verb.
    inverted = re.search(r"(?:,[\"”’]|[\"”’],|,)\s*$", before)
    if inverted and re.search(r"[\"”’]", before[-3:] + "") or (inverted and not s[vend:].strip(" .").count(" ") > 12):
        src_end = _np_end(s, vend + 1)
        src = _strip_span(s, vend, src_end)
        # Keep an appositive ("said Umm Khaled, a mother of four") with the speaker.
        apposition = re.match(r",\s*((?:an?|the)\s+[^.;\"“”]+)", s[src_end:]) if src else None
        if apposition and src:
            src = _strip_span(s, src[0], src_end + apposition.end(1))
        content = _strip_span(s, 0, inverted.start() + 1)
        if src and content and len(s[src[0]:src[1]].split()) <= 16 and not _BAD_SOURCE_START.match(
                s[src[0]:src[1]].split()[0]):
            inner, _ = _citing(s, src[1])
            return _Match(src, cue, [content], inner)
    aux = _AUX.search(before)
    subject_end = aux.start() if aux else len(before.rstrip())
    src = _source_before(s, subject_end)
    if not src:
        return None
    listener, pos = _after_listener(s, word, vend)
    inner, pos = _skip_adverbials(s, pos)
    tail = s[pos:].strip(" .\"”'’)\n")
    relays: list[Span] = []
    if listener and word == "quoted":  # "SANA quoted a source as saying": the source speaks, SANA relays
        relays, src, listener = [src], listener, None
    elif listener:
        text = s[listener[0]:listener[1]]
        if _MEDIA_OBJECT.search(text) or text[:1].isupper():
            relays.append(listener)
    # "CONTENT, SRC said." / '"CONTENT," SRC told Hama Pulse.'
    if (not tail or tail.startswith(",")) and src[0] > 0:
        content = _strip_span(s, 0, src[0])
        if content and len(s[content[0]:content[1]].split()) >= 3 and _ends_clause(s[:src[0]]):
            more = []
            if tail.startswith(","):
                extra = _strip_span(s, pos, len(s))
                if extra and len(s[extra[0]:extra[1]].split()) >= 4:
                    more.append(extra)
            return _Match(src, cue, [content, *more], inner, relays)
    # "SRC said (that) CONTENT" / "SRC told OBJ (that) CONTENT"
    if src[0] > 0 and not _opens_clause(s[:src[0]]):
        return None
    has_that = re.match(r"\s*,?\s*(?:that\b|as saying\b|:)", s[pos:])
    if word in _NEEDS_THAT and not has_that:
        return None
    if has_that:
        pos += has_that.end()
    content = _strip_span(s, pos, len(s))
    if not content or len(s[content[0]:content[1]].split()) < 2:
        return None
    content, trailing = _trailing_citation(s, content)
    return _Match(src, cue, [content], inner + trailing, relays)


def _trailing_citation(s: str, content: Span) -> tuple[Span, list[Span]]:
    """"... were killed in the attack, citing the Hama police command." cites an upstream source."""
    match = re.search(r",\s*(?:citing|quoting|referencing)\s+([^,;]{2,80}?)\s*[.\"”]*$", s[content[0]:content[1]])
    if not match:
        return content, []
    inner = _strip_span(s, content[0] + match.start(1), content[0] + match.end(1))
    trimmed = _strip_span(s, content[0], content[0] + match.start())
    return (trimmed or content), ([inner] if inner else [])


def _ends_clause(before: str) -> bool:
    return bool(re.search(r"[,\"”’:—–-]\s*$", before))


def _opens_clause(before: str) -> bool:
    """The subject starts a clause: sentence start, after an introductory comma, a colon or a quote."""
    stripped = before.rstrip()
    return not stripped or stripped[-1] in ",:;\"“”—–(" or bool(_LEAD_ADVERBIAL.fullmatch(stripped + " "))


def _source_before(s: str, end: int) -> Span | None:
    """The source noun phrase that ends at ``end``: back to the clause start, appositives included."""
    head = s[:end]
    if not head.strip():
        return None
    cut = max(head.rfind(c) for c in ";:\"“”()—–")
    if cut < 0:
        cut = -1
    pieces = [p for p in re.finditer(r"[^,]+", head[cut + 1:])]
    if not pieces:
        return None
    offset = cut + 1
    last = pieces[-1]
    start, stop = offset + last.start(), offset + last.end()
    # Merge appositives: "Colonel X, head of the provincial police, told" -> the whole phrase.
    index = len(pieces) - 1
    while index > 0:
        piece = s[offset + pieces[index].start():offset + pieces[index].end()].strip()
        previous = pieces[index - 1]
        prev_text = s[offset + previous.start():offset + previous.end()].strip()
        if not (_APPOSITIVE.match(piece) or re.match(r"^(?:an?|the)\s+[a-z]", piece) and _is_proper(prev_text)):
            break
        if not prev_text[:1].isupper() or len(prev_text.split()) > 6:
            break
        start = offset + previous.start()
        index -= 1
    # "The governor of Hama, Mahmoud al-Sheikh, condemned": a title phrase before the name.
    if index > 0 and _is_proper(s[offset + pieces[index].start():offset + pieces[index].end()].strip()):
        previous = pieces[index - 1]
        prev_text = s[offset + previous.start():offset + previous.end()].strip()
        if re.match(r"^(?:the|a|an)\s+[a-z]", prev_text, re.I) and _APPOSITIVE.match(prev_text) and len(
                prev_text.split()) <= 8:
            start = offset + previous.start()
    lead = _LEAD_ADVERBIAL.match(s, start + (len(s[start:stop]) - len(s[start:stop].lstrip())))
    if lead:
        start = lead.end()
    span = _strip_span(s, start, stop)
    if not span:
        return None
    words = s[span[0]:span[1]].split()
    if not words or len(words) > 14 or _BAD_SOURCE_START.match(words[-1]) or _CLAUSE_WORD.search(s[span[0]:span[1]]):
        return None
    if words[0].lower() in {"it", "there"} and len(words) == 1:
        return None  # "it was reported": impersonal, no source
    return span


# --- resolving a match to a source and its chain --------------------------------------------------------------

def _resolve(match: _Match, text: str, article: Article, registry: SourceRegistry, countries: frozenset[str],
             history: list[Source]) -> tuple[Source, bool]:
    """The source of a match with its chain, and whether it was resolved from an earlier sentence."""
    s, e = match.source
    mention = text[s:e]
    resolved = _refer(mention, history)
    if resolved is not None:
        names, kinds = list(resolved.chain), list(resolved.chain_kinds)
        name, kind = resolved.name, resolved.kind
        # The outlet closes every chain; drop the copy the earlier source carried.
        if article.outlet and names and names[-1] == article.outlet:
            names, kinds = names[:-1], kinds[:-1]
    else:
        info = registry.resolve(mention, countries)
        name, kind = info.name, info.kind
        if not info.known:
            nested = _nested_relay(mention, registry, countries)
            if nested is not None:
                name = info.name
                names, kinds = [name, nested.name], [kind, nested.kind]
            else:
                names, kinds = [name], [kind]
        else:
            names, kinds = [name], [kind]
    for relay in match.relays:
        info = registry.resolve(text[relay[0]:relay[1]], countries)
        if info.name not in names:
            names.append(info.name)
            kinds.append(info.kind)
    upstream_names, upstream_kinds = [], []
    for inner in match.inner:
        info = registry.resolve(text[inner[0]:inner[1]], countries)
        upstream_names.append(info.name)
        upstream_kinds.append(info.kind)
    names = list(reversed(upstream_names)) + names
    kinds = list(reversed(upstream_kinds)) + kinds
    if article.outlet and names[-1] != article.outlet:
        names.append(article.outlet)
        kinds.append("outlet")
    return Source(name, kind, names, mention, s, e, kinds), resolved is not None


def _upstream(source: Source) -> list[Source]:
    """The sources a statement's source cites, so that "the source" later resolves to "a security source"."""
    position = source.chain.index(source.name) if source.name in source.chain else 0
    return [Source(name, kind, source.chain[i:], name, source.start, source.end, source.chain_kinds[i:])
            for i, (name, kind) in enumerate(zip(source.chain[:position], source.chain_kinds[:position]))]


def _nested_relay(mention: str, registry: SourceRegistry, countries: frozenset[str]):
    """"a police director who told the state agency" names the agency the speaker spoke to."""
    match = re.search(r"\bwho\s+(?:told|spoke\s+to|informed)\s+(.+)$", mention)
    if not match:
        return None
    return registry.resolve(match.group(1), countries)


def _refer(mention: str, history: list[Source]) -> Source | None:
    """Resolve a pronoun or definite description ("he", "the source", "the colonel") to an earlier source."""
    words = mention.strip().lower()
    if words in _PRONOUNS:
        wanted = _pronoun_kinds(words)
        for source in reversed(history):
            if source.kind in wanted and not _is_reference_plural_mismatch(words, source):
                return source
        return None
    definite = _DEFINITE.match(words)
    if not definite or _has_name(mention):
        return None
    head = definite.group(1).split()[-1]
    for source in reversed(history):
        if re.search(rf"\b{re.escape(head)}", source.text.lower()) or re.search(rf"\b{re.escape(head)}",
                                                                               source.name.lower()):
            return source
    if head not in _GENERIC_HEADS:
        return None
    kind = infer_kind(mention)
    for source in reversed(history):
        if kind != "unknown" and source.kind == kind:
            return source
    return None


# Descriptions vague enough to point back to any earlier source of their kind.
_GENERIC_HEADS = {"source", "sources", "official", "officials", "agency", "spokesman", "spokeswoman", "spokesperson",
                  "group", "witness", "witnesses", "resident", "residents", "activist", "activists", "monitor"}


def _pronoun_kinds(pronoun: str) -> set[str]:
    if pronoun in {"he", "she", "his", "her", "i"}:
        return {"official", "person", "anonymous", "resident", "activist", "unknown"}
    if pronoun == "it":
        return {"wire", "state media", "outlet", "official", "party to the conflict", "activist"}
    return {"resident", "activist", "anonymous", "official", "party to the conflict", "wire", "state media",
            "outlet", "person", "unknown"}


def _is_reference_plural_mismatch(pronoun: str, source: Source) -> bool:
    plural = bool(re.search(r"s\b", source.text.split()[-1])) if source.text.split() else False
    if pronoun in {"he", "she"}:
        return plural and source.kind != "official"
    return False
