"""Who said what: cues, sources, nested chains (official -> agency -> outlet) and inheritance across sentences."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .article import Article
from .clauses import DASHES, Clause, clauses, parenthetical, parse_sentences
from .errors import Span
from .registry import SourceRegistry, infer_kind
from .sentences import Sentence, split_sentences

_CITING = re.compile(r",?\s*\b(?:citing|quoting|referencing|referring to|relying on|according to)\s+"
                     r"((?:an?|the|one|two|several)?\s*[^,.;:\"“”]{2,80}?)(?=\s*(?:,|\bthat\b|\.|;|$))", re.I)
_ACCORDING = re.compile(r"\b(?:according\s+to|as\s+reported\s+by|as\s+told\s+(?:to|by)|in\s+the\s+words\s+of|"
                        r"as\s+(?:quoted|cited)\s+by|(?:in\s+)?(?:comments|remarks|statements?)\s+(?:carried|quoted)"
                        r"\s+by)\s+", re.I)
_AS_SRC_VERB = re.compile(r"\bas\s+((?:an?|the)?\s*[^,.;]{2,60}?)\s+(said|reported|noted|put it|told \w+|stated|"
                          r"confirmed|claimed)\b", re.I)
# "I" points back to no earlier speaker: outside a quotation it is the writer.
_PRONOUNS = {"he", "she", "they", "it", "we", "his", "her", "their"}
_DEFINITE = re.compile(r"^(?:the|this|that|these|those)\s+((?:[\w-]+\s+){0,2}[\w-]+)$", re.I)
# A cue-less sentence that says it adds to the report before it: "The attack also left the post damaged."
_ADDITIVE = re.compile(r"\b(?:also|in addition|additionally|moreover|furthermore)\b", re.I)
_MEDIA_OBJECT = re.compile(r"\b(?:agency|news|tv|television|channel|newspaper|daily|broadcaster|radio|media|"
                           r"website|magazine|outlet)\b", re.I)


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
    gender: str | None = None  # 'f' or 'm' once a pronoun ("she said") has told it

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
    inherited_by: str | None = None
    """What carried the source over from an earlier sentence (one of INHERITANCE), None when the statement names its
    own."""
    sentence: int = 0
    paragraph: int = 0

    @property
    def inherited(self) -> bool:
        return self.inherited_by is not None

    def to_dict(self) -> dict:
        return {
            "source": self.source.to_dict() if self.source else None,
            "cue": self.cue.to_dict() if self.cue else None,
            "content": self.content.to_dict(),
            "inherited": self.inherited,
            "inherited_by": self.inherited_by,
        }


# What carries a source over to a statement that does not name it itself.
ANAPHORIC = "anaphoric subject"  # a cue whose subject points back: "He noted ...", "The source added ..."
OPEN_QUOTE = "open quote"  # a sentence inside a quotation the speaker's sentence left open
QUOTE_PARAGRAPH = "continuing quote paragraph"  # a quotation opening right after the speaker's statement
LATER_QUOTE = "later quote paragraph"  # a quotation paragraph a little after the speaker's, nobody between
ADDITIVE = "additive sentence"  # a sentence of the same paragraph that adds to the report: "The attack also ..."
REST = "rest of credited sentence"  # a clause after the cue: "..., officials said, and roads were closed"
TURN = "transcript turn"  # the rest of a speaker's paragraph in a transcript ("PENCE: ...")
INHERITANCE = (ANAPHORIC, OPEN_QUOTE, QUOTE_PARAGRAPH, LATER_QUOTE, ADDITIVE, REST, TURN)


@dataclass
class _Match:
    source: Span
    cue: Span
    content: list[Span]
    inner: list[Span] = field(default_factory=list)   # sources the main source cites ("citing a security source")
    relays: list[Span] = field(default_factory=list)  # media the main source spoke to ("told the state agency")
    closes: bool = False  # credits the quotation of the sentence before ('"...!" / Ana Ruiz thundered.')


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
    docs = parse_sentences([s.text for s in sentences])
    pending: tuple[Source, Piece] | None = None
    quoted: list[Statement] = []  # sentences of a quotation whose speaker has not been named yet
    turn: Statement | None = None  # a transcript turn ("PENCE: ..."): its speaker says the rest of the paragraph
    marks = [_quote_marks(s.text) for s in sentences]
    quote_speaker: tuple[Source, int] | None = None  # the last speaker quoted, and the paragraph
    for index, (sentence, doc) in enumerate(zip(sentences, docs)):
        # A quotation runs on into the next paragraph only when that paragraph re-opens it, as news style does, or
        # when text stored one sentence a paragraph closes it soon ('"The quake was strong.' / 'We ran.' /
        # 'Then it stopped, " said Sara.').
        if (quoted and quoted[-1].paragraph != sentence.paragraph and not _continues_quote(sentence.text)
                and not (not marks[index] and _closes_ahead(marks[index + 1:index + 4]))):
            quoted = []
        matches = _find(sentence, doc)
        in_turn = turn is not None and turn.paragraph == sentence.paragraph  # a transcript turn reports on its own
        near = previous is not None and sentence.paragraph - previous.paragraph <= 1
        if not in_turn and (open_quote is not None or quoted) and (_continues_quote(sentence.text) or near):
            # Inside a quotation carried over from the sentence before, a "cue" is the speaker's own words ('"We got
            # so close that Nora thought of my aunt as family."'): the quotation goes on, nobody new speaks.
            regions = _quoted_regions(sentence.text, sentence.start)
            matches = [m for m in matches if text[m.cue[0]:m.cue[1]] == ":"  # a transcript turn ("PENCE: ...")
                       or not any(s <= m.cue[0] < e for s, e in regions)]
        elif not in_turn and _starts_quote(sentence.text):
            # A sentence that opens with a quotation ('"They need to hear our anger."', '"During the debate Ruiz
            # said ...' of a quotation credited later) reports nothing itself: a cue whose speaker is inside the
            # quotation is the quoted person's own words.
            regions = _quoted_regions(sentence.text, sentence.start)
            matches = [m for m in matches if text[m.cue[0]:m.cue[1]] == ":"  # a transcript turn ('"PENCE: ...')
                       or not any(s <= m.cue[0] < e and s <= m.source[0] < e for s, e in regions)]
        made: list[Statement] = []
        if pending and not matches:  # "He said:" then the quote
            source, cue = pending
            made.append(Statement(Piece(sentence.text, sentence.start, sentence.end), source, cue, None, index,
                                  sentence.paragraph))
        pending = None
        if turn and turn.paragraph != sentence.paragraph:
            turn = None
        for match in matches:
            if turn:  # "HOST: ... the mayor's office announced that ...": the office's words reach us through him
                match.relays.append((turn.source.start, turn.source.end))
            source, referred = _resolve(match, text, article, registry, countries, history)
            cue = Piece(text[match.cue[0]:match.cue[1]], *match.cue)
            history.extend(_upstream(source))
            history.append(source)
            if not match.content and match.closes:
                # '"A protest is one thing, arson is another!"' / 'Ana Ruiz shouted in the council.'
                target = statements[-1] if statements else None
                if (target is not None and target.cue is None and sentence.paragraph - target.paragraph <= 1
                        and _quote_only(sentences[target.sentence].text)):
                    target.source, target.cue, target.inherited_by = source, cue, None
                    quote_speaker = (source, sentence.paragraph)
                continue
            if not match.content:
                pending = (source, cue)
            for s, e in match.content:
                made.append(Statement(Piece(text[s:e], s, e), source, cue, ANAPHORIC if referred else None, index,
                                      sentence.paragraph))
            if cue.text == ":" and made:  # only a speaker label ("PENCE: ...", at the sentence start) has this cue
                turn = made[-1]
        if made:
            # '"We heard a blast. Then the windows broke," said Umm Khaled': the speaker named at the end of a
            # quotation spoke all of it.
            for earlier in quoted:
                earlier.source, earlier.cue, earlier.inherited_by = made[0].source, made[0].cue, None
            quoted = []
            rest = [] if turn or not matches else _rest(text, sentence, doc, matches, made, index)
            statements.extend(sorted(made + rest, key=lambda st: st.content.start))
            quote_speaker = (made[-1].source, sentence.paragraph) if marks[index] else None
            open_quote = made[-1].source if _opens_quote(sentence.text) else None
            previous = made[-1]
            continue
        content = Piece(sentence.text, sentence.start, sentence.end)
        heir, carrier = (turn.source, TURN) if turn else _inheritor(sentence, doc, previous, open_quote)
        if (heir is None and quote_speaker is not None and _quote_only(sentence.text)
                and sentence.paragraph - quote_speaker[1] <= _FLOATING):
            # A quotation paragraph a little after a quoted speaker, with no other speaker between, goes on with them:
            # '"We found ladders and ropes," a spokesman said.' / (the outlet's own lines) / '"That proves it."'
            heir, carrier = quote_speaker[0], LATER_QUOTE
        if heir is not None and marks[index]:
            quote_speaker = (heir, sentence.paragraph)
        statement = Statement(content, heir, None, carrier, index, sentence.paragraph)
        if open_quote and _closes_quote(sentence.text):
            open_quote = None
        elif heir and _opens_quote(sentence.text):  # a speaker's quotation re-opened: '" The government failed.'
            open_quote = heir
        # A quotation whose speaker may still be named at its end: '"We heard a blast. Nobody came," said Umm Khaled'.
        if (heir is None or _starts_quote(sentence.text)) and (quoted or _opens_quote(sentence.text)):
            quoted = [] if quoted and _closes_quote(sentence.text) else quoted + [statement]
        statements.append(statement)
        previous = statement if heir else (None if _breaks_chain(sentence, previous) else previous)
    return statements


_REST_EDGES = " ,;:\"“”'‘’()" + DASHES
_RELATIVE = re.compile(r"(?:who|whom|whose|which)\b", re.I)
_DANGLING = re.compile(rf"[\s,;{DASHES}]+(?:but|and|or|after|while|where|when|as|because|though|although|so)$", re.I)


def _rest(text: str, sentence: Sentence, doc, matches: list[_Match], made: list[Statement],
          index: int) -> list[Statement]:
    """The clauses of an attributed sentence besides its sources, cues and contents. Before the last cue the outlet
    states them itself ("Seven workers were trapped, but police say they freed them"); after it they go on with
    the speaker ("..., officials said, offering a reward", '..., " is that I love my city."'). A clause that
    describes the source ("a local activist who tracks the violence") or has no verb ("in a statement") is none."""
    taken = sorted(span for m in matches for span in [m.source, m.cue, *m.content, *m.inner, *m.relays])
    last_cue = max(m.cue[1] for m in matches)
    verb = next((t for t in doc if sentence.start + t.idx == max(m.cue[0] for m in matches)), None)
    if verb is not None and _report_is_subordinate(verb):
        last_cue = sentence.end + 1  # the main clause around the report is the outlet's
    rest = []
    for start, end in _gaps(taken, sentence.start, sentence.end):
        while start < end and text[start] in _REST_EDGES + " \n\t":
            start += 1
        while end > start and text[end - 1] in _REST_EDGES + ". \n\t":
            end -= 1
        dangling = _DANGLING.search(text[start:end])  # "..., but" before "police say ..."
        end = start + dangling.start() if dangling else end
        joined = re.match(r"(?:and|but|or)\s+", text[start:end], re.I)  # "..., she said, and none was hurt"
        start = start + joined.end() if joined else start
        words = text[start:end]
        verbs = [t for t in doc if start <= sentence.start + t.idx < end and t.pos_ in ("VERB", "AUX")]
        finite = any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in verbs)  # "Two soldiers died, but ..."
        if (len(re.findall(r"[A-Za-z]{2,}", words)) < (2 if finite else 4) or not verbs
                or _RELATIVE.match(words)):
            continue
        contrast = joined is not None and _contrast(doc, sentence.start, joined.group(), start, end)
        source = made[-1].source if (start >= last_cue and not contrast
                                     and not _circumstance(doc, sentence.start, start)) else None
        if source is not None and (region := parenthetical(sentence.text, last_cue - sentence.start)) is not None \
                and start - sentence.start >= region[1]:
            source = None  # "... — the same day the autopsy showed X — part of the crowd ...": the outlet's again
        rest.append(Statement(Piece(words, start, end), source, None, REST if source else None, index,
                              sentence.paragraph))
    return rest


def _gaps(taken: list[Span], start: int, end: int) -> list[Span]:
    """The stretches of ``start:end`` outside the sorted spans ``taken``."""
    gaps, cursor = [], start
    for low, high in taken:
        if low > cursor:
            gaps.append((cursor, low))
        cursor = max(cursor, high)
    gaps.append((cursor, end))
    return gaps


def _report_is_subordinate(verb) -> bool:
    """The cue verb reports inside a relative or subordinate clause or after a preposition ("After saying X, she was
    taken to hospital", "The senator, who said X, left the chamber", "While his aides said X, he was determined to
    ..."): the report is the speaker's, the main clause around it the outlet's."""
    return verb.dep_ in ("relcl", "pcomp", "pobj") or verb.dep_ == "advcl" and any(
        c.dep_ == "mark" for c in verb.children)


def _contrast(doc, base: int, conjunction: str, start: int, end: int) -> bool:
    """The rest ``start:end`` after "but" has a subject of its own ("..., but its shares fell"): the outlet sets it
    against the report."""
    return conjunction.lower().startswith("but") and any(
        t.dep_ in ("nsubj", "nsubjpass") for t in doc if start <= base + t.idx < end)


def _circumstance(doc, base: int, start: int) -> bool:
    """The rest after a credit opens with a subordinator or a preposition ("..., she said as she entered the talks",
    "..., cut jobs in order to win contracts"): it tells when, why or how the report was made, which the outlet
    states; a coordinated clause or a participle ("..., and roads were closed", "..., offering a reward") goes on
    with the speaker."""
    # When it was said ("..., they said Tuesday evening, as they ...") is no part of the rest's first word.
    first = next((t for t in doc if base + t.idx >= start and not t.is_punct
                  and "npadvmod" not in (t.dep_, t.head.dep_)), None)
    return first is not None and (first.lower_ in _WHEN or first.tag_ == "IN" and first.lower_ not in _WHY)


# Subordinators of time and place open circumstances; those of reason, result and condition go on with the speaker's
# argument ("..., Ortiz said, since most of them back the plan").
_WHEN = {"when", "as", "after", "before", "while", "until", "once", "whereas", "even"}
_WHY = {"that", "because", "since", "so", "though", "although", "if", "unless", "whether", "than", "like"}


def _countries(text: str, registry: SourceRegistry) -> frozenset[str]:
    found = set()
    for country in registry.countries:
        stem = country[:-1] if country.endswith("a") else country  # Syria -> Syrian, Russia -> Russian
        if re.search(rf"\b{re.escape(stem)}", text):
            found.add(country)
    return frozenset(found)


def _quote_marks(sentence: str) -> list[bool]:
    """Each quotation mark of the sentence: True where it opens a quotation, False where it closes one.

    Curly marks say which they are, except a closing mark typed to open the sentence ('”Fear. I am afraid ...') and an
    opening one typed to close its quotation at the sentence end ('... were “Mostly False.“'). A
    straight mark closes an open quotation; with none open it still closes one begun in an earlier sentence when it
    follows sentence punctuation and a space or the end follows ('... the other three, " a spokesman said.'), as the
    first mark of the sentence: after another one it re-opens ('"We ran," said Ana, " and hid."')."""
    marks: list[bool] = []
    inside = False
    for match in re.finditer(r"[\"“”]", sentence):
        mark, before, after = match.group(), sentence[:match.start()].rstrip(), sentence[match.end():match.end() + 1]
        if mark == "“" and inside and not any(c.isalnum() for c in sentence[match.end():]):
            opens = False  # an opening mark typed to close the sentence's quotation ('... were “Mostly False.“')
        elif mark == "“" or (mark == "”" and not before and any(c.isalnum() for c in sentence)):
            opens = True
        elif mark == "”":
            opens = False
        else:
            # A mark glued to the word before it and followed by a space or a stop closes ('... "subdued".').
            glued = sentence[match.start() - 1:match.start()].isalnum() and after in ("", " ", ".", ",", ";", ":")
            opens = not inside and not (not marks and (before[-1:] in tuple(",.!?…") and after in ("", " ")
                                                       or glued))
        marks.append(opens)
        inside = opens
    return marks


def _quoted_regions(sentence: str, base: int) -> list[Span]:
    """Spans of a sentence that lie inside a quotation, for a sentence that begins inside one."""
    regions, start = [], 0
    for match, opens in zip(re.finditer(r"[\"“”]", sentence), _quote_marks(sentence)):
        if opens and start is None:
            start = match.start()
        elif not opens and start is not None:
            regions.append((base + start, base + match.start()))
            start = None
    if start is not None:
        regions.append((base + start, base + len(sentence)))
    return regions


def _opens_quote(sentence: str) -> bool:
    """The sentence leaves a quotation open for the next one."""
    marks = _quote_marks(sentence)
    return bool(marks) and marks[-1]


def _closes_quote(sentence: str) -> bool:
    return False in _quote_marks(sentence)


def _closes_ahead(marks: list[list[bool]]) -> bool:
    """The first quotation mark in these sentences closes a quotation."""
    return next((not sentence[0] for sentence in marks if sentence), False)


def _continues_quote(sentence: str) -> bool:
    """The sentence carries on a quotation of the paragraph before: it re-opens it, or its first mark closes it."""
    marks = _quote_marks(sentence)
    return _starts_quote(sentence) or (bool(marks) and not marks[0])


def _inheritor(sentence: Sentence, doc, previous: Statement | None,
               open_quote: Source | None) -> tuple[Source | None, str | None]:
    """The source a cue-less sentence continues and what carries it, only when the sentence signals it: an open
    multi-sentence quote, a quotation opening right after an attributed statement (a speaker's quote running on into
    the next paragraph), or a sentence of the same paragraph that adds to the report ("also", "in addition") about
    what happened. Otherwise the outlet states it itself: background after a quote ("The explosion occurred Friday")
    is the reporter's, and so is what a person also did ("He also wants ...", "Ruiz also posted ...")."""
    if open_quote is not None:
        return open_quote, OPEN_QUOTE
    if previous is None or previous.source is None:
        return None, None
    gap = sentence.paragraph - previous.paragraph
    if gap <= 1 and _starts_quote(sentence.text):
        return previous.source, QUOTE_PARAGRAPH
    if gap == 0 and _ADDITIVE.search(sentence.text) and not _about_a_person(doc):
        return previous.source, ADDITIVE
    return None, None


def _about_a_person(doc) -> bool:
    """The sentence's subject is a person or people: a personal pronoun, a name or a role ("Six women")."""
    subject = next((t for t in doc if t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ == "ROOT"), None)
    return subject is not None and (subject.tag_ == "PRP" and subject.lower_ != "it" or subject.pos_ == "PROPN"
                                    or subject.lemma_.lower() in _PERSON_ROLES)


_FLOATING = 3
"""How many paragraphs after a quoted speaker a quotation paragraph with no credit is still theirs."""


def _quote_only(sentence: str) -> bool:
    """The sentence is one quotation: it opens with a quotation mark and its last mark closes it at its end."""
    marks = _quote_marks(sentence)
    return (_starts_quote(sentence) and len(marks) >= 2 and not marks[-1]
            and sentence.rstrip(".!?…) \n\t")[-1:] in ("\"", "”"))


def _starts_quote(sentence: str) -> bool:
    return sentence.lstrip()[:1] in ("\"", "“", "”")


def _breaks_chain(sentence: Sentence, previous: Statement | None) -> bool:
    return previous is None or sentence.paragraph != previous.paragraph


def _has_name(mention: str) -> bool:
    return any(w[:1].isupper() for w in mention.split()[1:])


# --- finding cues in one sentence -------------------------------------------------------------------------------

def _find(sentence: Sentence, doc) -> list[_Match]:
    s = sentence.text
    base = sentence.start
    found = _find_according(s, doc) + _find_as_source(s) + _find_speaker_label(s, doc) + _find_quote_credit(s)
    for clause in clauses(doc):
        match = _from_clause(s, clause)
        if match and not any(_inside(match.cue, m.source) or _inside(match.cue, m.cue) for m in found):
            found.append(match)
    # Credits the parser could not read (a cue taken for a noun, a subject lost in a long appositive).
    for match in _find_unparsed_credit(s, doc):
        if not any(_inside(match.cue, m.cue) or _inside(m.cue, match.cue) or _inside(match.cue, m.source)
                   or any(_inside(m.cue, c) for c in match.content)
                   or any(_inside(r, match.source) or _inside(match.source, r) for r in m.relays)
                   for m in found):
            found.append(match)
    return [_shift(m, base) for m in found]


_DAYS = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
# ", the governor of the province, Ana Ruiz, told the state agency [on Sunday]." closing a sentence.
_FINAL_CREDIT = re.compile(
    r",\s*[\"”]?\s*((?:the|a|an|[A-Z])[^,;:\"“”()]{1,80}?(?:,\s*[^,;:\"“”()]{2,60}?,)?)\s+"
    r"(said|says|told|tells|reported|reports|added|stated|confirmed|announced|alleged|alleges)"
    r"(\s+(?:(?:the\s+)?[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,4}|reporters|journalists|the\s+[a-z]+"
    r"(?:\s+[a-z]+){0,2}))??(?:\s+(?:on\s+)?(?:" + _DAYS + r"|today|yesterday))?"
    r"(?:\s+(?:on|in|at|to|during)\s+(?:an?\s+|the\s+)?[\w'’-]+(?:\s+[\w'’-]+){0,2})?"
    r"\s*[.!?]?\s*$")
# "..., after which, officials said, a fence was cut ...": a credit set off by commas after a subordinator or a
# preposition vouches for the rest of the sentence.
_INSERTED_CREDIT = re.compile(
    r"\b(?:after|before|when|while|because|since|as|which|where|that|until|although|though)\s*,\s*"
    r"((?:the|a|an|[A-Z])[^,;:\"“”()]{1,60}?)\s+(said|says|say|reported|reports|added|alleged|allege|alleges|"
    r"claimed|claims|told\s+\w+)(?:\s+(?:on\s+)?(?:" + _DAYS + r"|today|yesterday))?\s*,\s*(\S.{10,})$", re.S)
# "Police allege the driver ...", "Prosecutors say ...": a short subject and a cue the parser may take for a noun.
_LEAD_CREDIT = re.compile(r"^((?:The\s+)?[A-Z][\w'’-]*(?:\s+[A-Za-z][\w'’-]*){0,2})\s+"
                          r"(allege|alleges|say|says|contend|contends|insist|insists|maintain|maintains)\s+"
                          r"(?:that\s+)?(\S.{10,})$", re.S)


def _find_unparsed_credit(s: str, doc) -> list[_Match]:
    """A credit closing the sentence after a comma, or opening it, which the dependency parse missed. The source
    must hold no verb, and the content at least three words."""
    def verbless(start: int, end: int) -> bool:
        return not any(start <= t.idx < end and t.pos_ in ("VERB", "AUX") and t.tag_ != "VBN" for t in doc)

    found = []
    final = _FINAL_CREDIT.search(s)
    if final and verbless(*final.span(1)):
        content = _strip_span(s, 0, final.start())
        if content and len(s[content[0]:content[1]].split()) >= 3:
            listener = _strip_span(s, *final.span(3)) if final.group(3) else None
            relays = [listener] if listener and s[listener[0]:listener[1]][:1].isupper() else []
            found.append(_Match(_strip_span(s, *final.span(1)), final.span(2), [content], [], relays))
    inserted = _INSERTED_CREDIT.search(s)
    if inserted and verbless(*inserted.span(1)):
        content = _strip_span(s, *inserted.span(3))
        if content and len(s[content[0]:content[1]].split()) >= 3:
            found.append(_Match(_strip_span(s, *inserted.span(1)), inserted.span(2), [content]))
    lead = _LEAD_CREDIT.match(s)
    if lead and verbless(*lead.span(1)) and not any(t.pos_ in ("VERB", "AUX") and t.idx == lead.start(2)
                                                    for t in doc):
        content = _strip_span(s, *lead.span(3))
        if content:
            found.append(_Match((lead.start(1), lead.end(1)), lead.span(2), [content]))
    return found


def _drop_that(s: str, span: Span) -> Span:
    """"that two officers were killed" -> "two officers were killed": the complementiser is not the claim. A capital
    opens a quotation ('said, "That makes me smart"', '"If you continue that, ..."'): its words are the claim."""
    match = re.match(r"(?:that|whether|if)\s+", s[span[0]:span[1]])
    return (span[0] + match.end(), span[1]) if match else span


def _inside(span: Span, outer: Span) -> bool:
    return outer[0] <= span[0] < outer[1]


def _from_clause(s: str, clause: Clause) -> _Match | None:
    # "I" is the one source of a single letter ("I laughed and said, ...", in first-person columns).
    source = clause.source if s[clause.source[0]:clause.source[1]] == "I" else _strip_span(s, *clause.source)
    content = [c for span in clause.content if (c := _strip_span(s, *_drop_that(s, span)))]
    if not source or not (content or clause.continues or clause.closes):
        return None
    relays: list[Span] = [r for span in clause.relays if (r := _strip_span(s, *span))]
    listener = _strip_span(s, *clause.listener) if clause.listener else None
    if listener and s[clause.cue[0]:clause.cue[1]].lower().startswith("quot"):
        relays, source = [source], listener  # "SANA quoted a source as saying": the source speaks
    elif listener:
        words = s[listener[0]:listener[1]]
        if _MEDIA_OBJECT.search(words) or words[:1].isupper():
            relays.append(listener)
    inner = [i for span in clause.inner if (i := _strip_span(s, *span))]
    return _Match(source, clause.cue, content, inner, relays, clause.closes)


_QUOTE_CREDIT = re.compile(r"^\s*[\"“”]?(.{8,}?)[\"“”]\s*[" + DASHES
                           + r"]+\s*([A-Z](?:[^,.;:\n]|\.(?=\s+[A-Z])){1,60})")


def _find_quote_credit(s: str) -> list[_Match]:
    """A quote credited after a dash: '"The council has failed us ..." ― Ada Brennan, a nurse'."""
    match = _QUOTE_CREDIT.match(s)
    if not match:
        return []
    dash = s.find(s[match.end(1):match.start(2)].strip()[-1:], match.end(1))
    return [_Match((match.start(2), match.end(2)), (dash, dash + 1), [(match.start(1), match.end(1))])]


_SPEAKER_LABEL = re.compile(r"^[\"“]?([A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}):\s+(\S.*)$", re.S)


# Labels of news furniture that look like a speaker's ("The Latest: ...", "CLARIFICATION: ...").
_NOT_SPEAKERS = {"note", "update", "updated", "editor's note", "correction", "clarification", "warning", "photo",
                 "the latest", "breaking", "breaking news", "watch", "read more", "related", "exclusive", "analysis",
                 "opinion", "live", "video", "photos", "disclaimer", "source", "sources"}


def _find_speaker_label(s: str, doc) -> list[_Match]:
    """Transcripts and headlines: "MAYOR: The pool will not open", "Mayor: ...", "MAN IN CROWD: ...". A label in
    title case with a verb or a preposition is a headline's kicker, not a speaker ("Bridges Stay Closed: ...", "Rain
    Over Easter: ...")."""
    match = _SPEAKER_LABEL.match(s)
    if not match or match.group(1).lower().replace("’", "'") in _NOT_SPEAKERS or not match.group(1).isupper() and any(
            t.pos_ in ("VERB", "AUX", "ADP") for t in doc if match.start(1) <= t.idx < match.end(1)):
        return []
    content = _strip_span(s, match.start(2), match.end(2))
    if not content:
        return []
    return [_Match((match.start(1), match.end(1)), (match.end(1), match.end(1) + 1), [content])]


def _shift(match: _Match, base: int) -> _Match:
    def move(span: Span) -> Span:
        return (span[0] + base, span[1] + base)

    return _Match(move(match.source), move(match.cue), [move(c) for c in match.content],
                  [move(i) for i in match.inner], [move(r) for r in match.relays], match.closes)


def _strip_span(s: str, start: int, end: int, chars: str = " ,;:\"“”'‘’()" + DASHES) -> Span | None:
    while start < end and s[start] in chars + "\n\t":
        start += 1
    while end > start and s[end - 1] in chars + ".\n\t":
        end -= 1
    return (start, end) if end - start >= 2 else None


def _np_end(s: str, start: int) -> int:
    """End of a source noun phrase that starts at ``start``: up to a comma, clause word or sentence end. The full
    stop of a title or an initial ("Lt. Mara Quell", "the U. N. refugee agency") ends nothing."""
    for match in re.finditer(r"[,;:.!?\"“”()]|\s(?:that|who|which|in a statement|on \w+day)\b|\s[-–—]\s",
                             s[start:]):
        at = start + match.start()
        if s[at] == "." and re.search(r"(?:^|[\s.])(?:[A-Z]|" + _ABBREVIATIONS + r")$", s[start:at]) and re.match(
                r"\s*[A-Z]", s[at + 1:]):
            continue
        return at
    return len(s)


_ABBREVIATIONS = (r"Mr|Mrs|Ms|Dr|Sgt|Cpl|Capt|Lt|Col|Gen|Maj|Adm|Gov|Sen|Rep|Det|Insp|Supt|Const|Prof|Rev|St|Mt|Ft|"
                  r"Cmdr|Cdr|Pvt|Sr|Jr")


def _source_end(s: str, doc, start: int, end: int) -> int:
    """Where the source after "according to" ends when no punctuation ends it ("According to news broadcasts
    anarchists occupied the hall"): at the end of the preposition's object in the parse."""
    if doc is None or not any(start <= t.idx < end and t.pos_ in ("VERB", "AUX") and t.tag_ != "VBN" for t in doc):
        return end
    preposition = next((t for t in doc if t.idx < start and t.dep_ == "prep" and t.idx + len(t) >= start - 1), None)
    obj = next((c for c in preposition.children if c.dep_ == "pobj"), None) if preposition is not None else None
    if obj is None:
        return end
    edge = obj.right_edge
    return min(end, edge.idx + len(edge))


def _find_according(s: str, doc=None) -> list[_Match]:
    cue = _ACCORDING.search(s)
    if not cue:
        return []
    src_start = cue.end()
    src_end = _source_end(s, doc, src_start, _np_end(s, src_start))
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


# --- resolving a match to a source and its chain --------------------------------------------------------------

def _resolve(match: _Match, text: str, article: Article, registry: SourceRegistry, countries: frozenset[str],
             history: list[Source]) -> tuple[Source, bool]:
    """The source of a match with its chain, and whether it was resolved from an earlier sentence."""
    s, e = match.source
    mention = text[s:e]
    staff = _staff(mention, registry, countries)
    if staff is not None:  # "The BBC's Frances Harrison": she speaks, through the BBC
        person, outlet = staff
        names, kinds = [person, outlet.name], ["person", outlet.kind]
        return _close_chain(Source(person, "person", names, mention, s, e, kinds), match, text, article, registry,
                            countries), False
    info = registry.resolve(mention, countries)
    if not info.known and match.cue[0] > e:
        # "The state news agency SANA reported": the parse may leave the name out of the subject.
        wider = registry.resolve(text[s:match.cue[0]], countries)
        info = wider if wider.known else info
    # A registry name wins; otherwise a pronoun or description may point back to an earlier source.
    resolved = None if info.known else _refer(mention, history)
    if resolved is not None:
        names, kinds = list(resolved.chain), list(resolved.chain_kinds)
        name, kind = resolved.name, resolved.kind
        # The outlet closes every chain; drop the copy the earlier source carried.
        if article.outlet and names and names[-1] == article.outlet:
            names, kinds = names[:-1], kinds[:-1]
    else:
        name, kind = info.name, info.kind
        if not info.known:
            name = _same_person(name, kind, history) or name
        nested = None if info.known else _nested_relay(mention, registry, countries)
        names, kinds = ([name, nested.name], [kind, nested.kind]) if nested else ([name], [kind])
    return _close_chain(Source(name, kind, names, mention, s, e, kinds), match, text, article, registry,
                        countries), resolved is not None


_STAFF = re.compile(r"^(?:the\s+)?(.+?)['’]s\s+((?:[A-Z][\w'’.-]*\s+){1,3}[A-Z][\w'’-]+)")


def _staff(mention: str, registry: SourceRegistry, countries: frozenset[str]) -> tuple[str, object] | None:
    """"The Herald's Tom Baines in Cairo", "CNN's Ana Ruiz": a named journalist of a news organisation."""
    match = _STAFF.match(mention.strip())
    if not match:
        return None
    outlet = registry.resolve(match.group(1), countries)
    if outlet.kind not in {"wire", "state media", "outlet"}:
        return None
    return match.group(2), outlet


def _close_chain(source: Source, match: _Match, text: str, article: Article, registry: SourceRegistry,
                 countries: frozenset[str]) -> Source:
    """The chain of a resolved source with the media it spoke to, the sources it cites, and the outlet last."""
    names, kinds = source.chain, source.chain_kinds
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
    source.chain, source.chain_kinds = names, kinds
    return source


def _same_person(name: str, kind: str, history: list[Source]) -> str | None:
    """"Brigadier Khalil" after "Brigadier Adnan Khalil": the same person, by surname, keeps the first name given."""
    words = name.split()
    if kind not in {"person", "official"} or len(words) < 2 or not words[-1][:1].isupper():
        return None
    for source in reversed(history):
        if source.kind in {"person", "official"} and source.name.split()[-1:] == words[-1:] and source.name != name:
            return source.name
    return None


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
    """Resolve a pronoun or definite description ("he", "the source", "the colonel") to an earlier speaker.

    A pronoun takes the most recent speaker it agrees with: "he"/"she" a person (never an institution such as
    "Police") of a compatible gender where a title, role, pronoun or first name tells it; "it" an organisation;
    "they" a group. A description takes the speaker introduced with that role ("the governor" -> "Mehdi Karimi,
    the governor of the island"), agreeing in number ("the witness" is not "Witnesses")."""
    words = mention.strip().lower()
    if words in _PRONOUNS:
        for source in reversed(history):
            if _agrees(words, source):
                if source.gender is None and words in {"he", "she"}:
                    source.gender = "m" if words == "he" else "f"  # "..., she said": she is a woman from now on
                return source
        return None
    definite = _DEFINITE.match(words)
    if not definite or _has_name(mention):
        return None
    head = definite.group(1).split()[-1]
    plural = _plural_word(head)
    for source in reversed(history):
        if head in _roles(source) and _plural(source) == plural:
            return source
    for source in reversed(history):
        if head in normalise_words(source.name) and _plural(source) == plural:
            return source
    if head not in _GENERIC_HEADS:
        return None
    media = {"wire", "state media", "outlet"}
    kind = "outlet" if head in _MEDIA_HEADS or "news" in words.split() else infer_kind(mention)
    for source in reversed(history):
        same = source.kind == kind or kind in media and source.kind in media
        if kind != "unknown" and same and _plural(source) == plural:
            return source
    if head not in {"source", "official"}:
        return None
    # "The source noted ..." after a named official: the description points back to the last speaker.
    return next((s for s in reversed(history) if s.kind not in {"wire", "state media", "outlet"}), None)


# Descriptions vague enough to point back to any earlier source of their kind.
_GENERIC_HEADS = {"source", "sources", "official", "officials", "agency", "spokesman", "spokeswoman", "spokesperson",
                  "group", "witness", "witnesses", "resident", "residents", "activist", "activists", "monitor",
                  "newspaper", "paper", "daily", "broadcaster", "channel", "station", "network", "magazine"}


_MEDIA_HEADS = {"newspaper", "paper", "daily", "broadcaster", "channel", "station", "magazine", "network"}


def normalise_words(text: str) -> list[str]:
    return re.findall(r"[a-z][a-z'-]*", text.lower())


_PIECE_CUT = re.compile(r",|\s+(?:of|who|whose|in|from|at|for|with|on|to)\s+|\s+\(")
_TITLES = re.compile(r"^(?:mr|mrs|ms|miss|dr|sgt|cpl|capt|lt|col|gen|maj|adm|admiral|gov|sen|rep|det|insp|supt|"
                     r"const|prof|rev|judge|justice|sir|lord|lady|dame|president|minister|governor|mayor|colonel|"
                     r"general|captain|lieutenant|sergeant|corporal|brigadier|commander|inspector|officer|"
                     r"detective|senator|congressman|congresswoman|chief)\.?$", re.I)
_ORG_WORDS = {"police", "department", "ministry", "agency", "survey", "news", "press", "times", "post", "tv",
              "council", "office", "court", "institute", "university", "center", "centre", "service", "network",
              "foundation", "party", "corporation", "company", "inc", "ltd", "bank", "group", "army", "navy",
              "forces", "force", "government", "authorities", "administration", "house", "committee", "association",
              "union", "club", "school", "hospital", "church", "media", "television", "radio", "channel", "daily",
              "journal", "herald", "tribune", "gazette", "observatory", "commission", "organization",
              "organisation", "embassy", "command", "state", "federal", "county", "city", "board",
              "guard", "brigade", "movement", "front", "coalition", "alliance", "federation", "reuters", "bureau"}
_PERSON_ROLES = {"spokesman", "spokeswoman", "spokesperson", "officer", "official", "governor", "minister",
                 "president", "chief", "commander", "director", "witness", "eyewitness", "resident", "man", "woman",
                 "source", "neighbour", "neighbor", "friend", "mother", "father", "student", "teacher", "lawyer",
                 "attorney", "judge", "prosecutor", "sergeant", "detective", "doctor", "manager", "representative",
                 "victim", "survivor", "relative", "protester", "driver", "worker", "employee", "mayor", "sheriff",
                 "secretary", "senator", "lawmaker", "aide", "colonel", "general", "captain", "lieutenant",
                 "brigadier", "admiral", "inspector", "analyst", "expert", "professor", "activist", "leader",
                 "chairman", "chairwoman", "wife", "husband", "son", "daughter", "brother", "sister", "girl", "boy",
                 "dispatcher", "owner", "publisher", "editor", "correspondent", "reporter", "journalist", "member",
                 "villager", "farmer", "shopkeeper", "parent", "nurse", "paramedic", "firefighter", "soldier",
                 "policeman", "policewoman", "coroner", "superintendent", "constable", "administrator", "mum",
                 "mom", "dad", "grandmother", "grandfather", "uncle", "aunt", "businessman", "businesswoman",
                 "congressman", "congresswoman", "ambassador", "envoy", "deputy", "head", "councilman",
                 "councilwoman", "councillor", "councilor", "pilot", "guide", "climber", "ranger", "investigator"}
_FEMALE_WORDS = {"mrs", "ms", "miss", "madam", "lady", "dame", "woman", "spokeswoman", "chairwoman", "congresswoman",
                 "councilwoman", "policewoman", "businesswoman", "mother", "wife", "sister", "daughter", "girl",
                 "grandmother", "aunt", "mum", "mom", "her", "she", "widow", "niece", "actress", "queen"}
_MALE_WORDS = {"mr", "sir", "lord", "man", "spokesman", "chairman", "congressman", "councilman", "policeman",
               "businessman", "father", "husband", "brother", "son", "boy", "grandfather", "uncle", "dad", "his",
               "he", "him", "widower", "nephew", "actor", "king"}
# Common first names whose gender is clear; a name not listed tells nothing.
_FEMALE_NAMES = set("""
mary patricia jennifer linda elizabeth barbara susan jessica sarah sara karen nancy lisa betty margaret sandra ashley
kimberly emily donna michelle dorothy carol amanda melissa deborah stephanie rebecca sharon laura cynthia kathleen amy
shirley angela helen anna brenda pamela nicole emma samantha katherine christine debra rachel catherine carolyn janet
ruth maria heather diane virginia julie joyce victoria olivia kelly christina lauren joan evelyn judith megan cheryl
andrea hannah martha jacqueline frances gloria ann teresa kathryn sophia janice jean alice madison doris abigail julia
judy grace denise amber marilyn beverly danielle theresa diana natalie brittany charlotte marie kayla alexis lori
yvonne tanya latonya janice angela rose jane louise claire fiona alison helen margaret katie kate sophie chloe lucy
hillary nadia fatima aisha leila layla mariam maryam zeinab zainab amina sonia sonya ana elena irina olga natasha
tatiana svetlana ines isabel carmen rosa lucia priya anjali sunita indira benazir golda angela theresa nicola
""".split())
_MALE_NAMES = set("""
james robert john michael david william richard joseph thomas charles christopher daniel matthew anthony mark donald
steven paul andrew joshua kenneth kevin brian george timothy ronald edward jason jeffrey ryan jacob gary nicholas eric
jonathan stephen larry justin scott brandon benjamin samuel gregory alexander frank patrick raymond jack dennis jerry
tyler aaron jose adam nathan henry douglas zachary peter kyle walter ethan jeremy harold keith christian roger noah
gerald carl terry sean austin arthur lawrence jesse dylan bryan joe jordan billy bruce albert willie gabriel logan
alan juan wayne roy ralph randy eugene vincent russell elijah louis bobby philip johnny tim tom mike bob bill jim
ahmed ahmad mohammed muhammad mohammad mahmoud ali hassan hussein omar khalid youssef yusuf ibrahim mustafa abdullah
hamid reza mehdi hossein mohsen vladimir sergei dmitry ivan george nikos rahul raj ben marty tim anthony
""".split())


def _pieces(source: Source) -> list[str]:
    return [p.strip() for p in re.split(r",|\s+(?:who|which|that)\s+|\s+\(", source.text) if p.strip()]


def _roles(source: Source) -> set[str]:
    """Role nouns a speaker was introduced with: "The police commissioner, Raymond Kelly" -> commissioner; "police
    officer Ana Ruiz" -> officer; "Ana Ruiz, a spokeswoman for the army" -> spokeswoman. The last common noun of
    each appositive piece before its "of"/"for" tail, not any word of the mention ("The police commissioner" is no
    "police")."""
    roles = set()
    for piece in _pieces(source):
        head = _PIECE_CUT.split(piece, maxsplit=1)[0].split()
        common = [w for w in head if w[:1].islower() or w.lower() in {"the", "a", "an"}]
        common = [w.lower().strip(".") for w in common if w.lower() not in {"the", "a", "an"}]
        if common:
            roles.add(common[-1])
        titles = [w.lower().strip(".") for w in head if _TITLES.match(w)]
        roles.update(titles)
    return roles


def _plural_word(word: str) -> bool:
    word = word.lower()
    return word in {"police", "people", "authorities", "officials", "men", "women", "residents", "witnesses",
                    "they", "sources", "children"} or (bool(re.search(r"[^s]s$", word)) and word not in {
                        "press", "news", "times", "post", "is", "was", "his", "this", "us"})


def _plural(source: Source) -> bool:
    """A group ("Residents of the town", "officials", "police") rather than one speaker or one organisation."""
    head = _PIECE_CUT.split(source.text.strip(), maxsplit=1)[0].split()
    if not head:
        return False
    if " and " in f" {source.text.split(',')[0]} ":
        return True
    word = head[-1].lower()
    if head[-1][:1].isupper():  # "Witnesses", "Officials" open a sentence; "Reuters" is one agency
        return word in {"police", "authorities", "people"} or word.endswith("s") and (
            word[:-1] in _PERSON_ROLES or word[:-2] in _PERSON_ROLES or word[:-1] in _GROUP_NOUNS)
    return _plural_word(word)


_GROUP_NOUNS = {"rescuer", "troop", "critic", "official", "neighbour", "neighbor", "local", "agencie", "medic"}


def _is_person(source: Source) -> bool:
    """One person rather than an institution. The head of the mention decides: an organisation word ("Oregon State
    Police", "the attorney's office") makes an institution; a title or a personal role ("Troy police Sgt", "Police
    spokesman"), a first name, or capitalised words none of which names an organisation ("Whiteside", "Barry
    Whiteside") make a person. A name written like a brand or an acronym ("TallGrass", "IRNA") is none."""
    if _plural(source):
        return False
    for piece in _pieces(source)[:2]:
        words = [w for w in _PIECE_CUT.split(piece, maxsplit=1)[0].split() if w.lower() not in {"the", "a", "an"}]
        lowered = [re.sub(r"[’']s$", "", w.lower().strip(".,'’\"")) for w in words]
        if not lowered:
            continue
        if lowered[-1] in _ORG_WORDS:
            continue
        if any(_TITLES.match(w) for w in words) or lowered[-1] in _PERSON_ROLES:
            return True
        if any(w in _FEMALE_NAMES or w in _MALE_NAMES for w in lowered):
            return True
        if any(w in _ORG_WORDS for w in lowered):
            continue
        names = [w for w in words if w[:1].isupper()]
        if names and len(names) == len(words) and not any(
                w.isupper() and len(w) > 1 or re.search(r"[a-z][A-Z]", re.sub(r"^(?:Mc|Mac|O'|D'|Di|De|La|Le)", "", w))
                for w in names):
            return True
    return False


def _gender(source: Source) -> str | None:
    """'f' or 'm' where a title, a role, a pronoun in the mention or a first name tells it."""
    if source.gender:
        return source.gender
    words = [w.lower().strip(".,'’\"") for w in source.text.split()]
    female = any(w in _FEMALE_WORDS for w in words)
    male = any(w in _MALE_WORDS for w in words)
    if female != male:
        return "f" if female else "m"
    names = [w for w in words if w in _FEMALE_NAMES or w in _MALE_NAMES]
    if names:
        return "f" if names[0] in _FEMALE_NAMES else "m"
    return None


def _agrees(pronoun: str, source: Source) -> bool:
    if pronoun in {"he", "she", "his", "her"}:
        if not _is_person(source):
            return False
        gender = _gender(source)
        wanted = {"he": "m", "his": "m", "she": "f", "her": "f"}.get(pronoun)
        return gender is None or wanted is None or gender == wanted
    if pronoun == "it":
        return not _is_person(source) and not _plural(source) and source.kind != "resident"
    return _plural(source) or source.kind in {"official", "party to the conflict", "activist", "wire",
                                              "state media", "outlet"} and not _is_person(source)
