"""Property-based tests: arbitrary Unicode never crashes the stages, and every span slices the text it names."""
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimdiff.claims import extract_claims, extract_dates, extract_numbers, extract_places
from claimdiff.sources import Article, InputError, attribute, split_sentences

# Text with the characters news actually contains: letters of several scripts, digits, quotes, dashes, newlines.
ALPHABET = st.characters(codec="utf-8", categories=("L", "N", "P", "Zs", "S"), include_characters="\n“”‘’\"'—–-")
WORDS = st.sampled_from(["said", "told", "according to", "SANA", "the army", "Two", "soldiers", "killed", "in",
                         "Hama", "al-Bab", "on Monday", "reportedly", "citing", "a security source", ",", ".",
                         "\n\n", "“", "”", "دمشق", "قال", "several", "12", "residents", "that", "He", "—"])
TEXTS = st.one_of(st.text(ALPHABET, min_size=1, max_size=400),
                  st.lists(WORDS, min_size=1, max_size=60).map(" ".join))
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def article_or_none(text):
    try:
        return Article.from_text(text, outlet="Daily", published="2025-03-11")
    except InputError:
        return None  # empty or furniture-only text is refused, which is the contract


@SETTINGS
@given(TEXTS)
def test_sentences_slice_the_text(text):
    article = article_or_none(text)
    if article is None:
        return
    for sentence in split_sentences(article):
        assert 0 <= sentence.start < sentence.end <= len(text)
        assert text[sentence.start:sentence.end] == sentence.text


@SETTINGS
@given(TEXTS)
def test_attribution_spans_slice_the_text(text):
    article = article_or_none(text)
    if article is None:
        return
    for statement in attribute(article):
        pieces = [statement.content]
        if statement.cue:
            pieces.append(statement.cue)
        if statement.source:
            pieces.append(statement.source)
            assert statement.source.chain and statement.source.chain[-1] == "Daily"
        for piece in pieces:
            assert 0 <= piece.start <= piece.end <= len(text)
            assert text[piece.start:piece.end] == piece.text


@SETTINGS
@given(TEXTS)
def test_claims_slice_the_text(text):
    article = article_or_none(text)
    if article is None:
        return
    for claim in extract_claims(article):
        assert text[claim.start:claim.end] == claim.text
        for number in claim.facts.numbers:
            assert text[number.start:number.end] == number.text


@SETTINGS
@given(st.text(ALPHABET, max_size=300))
def test_fact_extractors_never_fail(text):
    for number in extract_numbers(text):
        assert text[number.start:number.end] == number.text
    for place in extract_places(text):
        assert text[place.start:place.end] == place.name
    extract_dates(text, None)


ODD = [
    "قال محمد إن الهجوم وقع ليلاً. The ministry said two soldiers were killed in Dayr az-Zawr (دير الزور).",
    "“Two were killed,” the mayor said. \"Nobody came,\" said ‘Abu Ali’.",
    "The army said that " + "the convoy moved on and " * 300 + "stopped before dawn.",
    "line without punctuation one\nanother line without punctuation\nthe army said nothing happened",
    "‏الجيش‏ said that 3 people died",
]


def test_odd_texts_keep_every_span_exact():
    for text in ODD:
        article = Article.from_text(text, outlet="Daily")
        for claim in extract_claims(article):
            assert text[claim.start:claim.end] == claim.text
        sources = [s.source for s in attribute(article) if s.source]
        assert sources, text[:40]
        assert not any(ch in source.name for source in sources for ch in "\u200e\u200f\u202a\u202b\u202c")


# --- page furniture never swallows reporting ----------------------------------------------------------------------

def furniture_overlaps(article, start, end):
    return any(s < end and start < e for s, e in article.furniture)


# Lines that look like page chrome (a byline, a timestamp, a share or read-more link) but are sentences that report.
REPORTING_LOOK_ALIKES = [
    "By Tuesday, the death toll had risen to 40, the health ministry said.",
    "Published 3 days after the attack, the UN report said the camp had been shelled twice.",
    "By John Smith, Reuters - Two soldiers were killed in Hama on Monday, the army said.",
    "Updated figures show 12 people were killed, officials said.",
    "Photo: residents said three people were wounded.",
    "By midnight, two people had died in the fire.",
]


@pytest.mark.parametrize("line", REPORTING_LOOK_ALIKES)
def test_furniture_keeps_lines_that_report(line):
    article = Article.from_text(line, outlet="Daily")
    story = line.split(" - ", 1)[-1]  # a byline before a dash is furniture, the story after it is not
    start = line.index(story)
    assert not furniture_overlaps(article, start, len(line)), article.furniture
    assert "".join(line[s:e] for s, e in article.body_spans()).strip() == story


def test_a_one_line_json_article_opening_with_a_byline_is_read(tmp_path):
    from claimdiff.sources import read_article

    path = tmp_path / "wire.json"
    path.write_text('{"text": "By John Smith, Reuters - Two soldiers were killed in Hama, the army said."}')
    article = read_article(path)
    assert [article.text[s:e] for s, e in article.body_spans()] == ["Two soldiers were killed in Hama, the army said."]


@pytest.mark.parametrize("line", [
    "By John Smith", "BY JANE DOE and Omar Ali, Reuters", "By John Smith | Meridian Wire",
    "Updated: 3/11/2025 7:45 a.m. ET", "Published March 11, 2025 at 7:45 pm GMT", "Posted 2025-03-11 14:00 UTC",
    "(Reporting by John Smith; Editing by Jane Doe)", "Share this article", "Copyright 2025 Meridian Wire",
])
def test_real_furniture_is_still_furniture(line):
    article = Article.from_text(f"{line}\nTwo soldiers were killed in Hama, the army said.", outlet="Daily")
    assert (0, len(line)) in article.furniture


OPENERS = st.sampled_from(["", "By", "By Tuesday,", "BY", "Published", "Updated:", "Posted", "Photo:", "Read more:",
                           "Related:", "Share", "Follow us", "Subscribe", "Click here", "Copyright", "Advertisement",
                           "All rights reserved", "(Reporting by", "7 pm", "Video:", "By John Smith -", "©"])
SUBJECTS = st.one_of(st.sampled_from(["Two soldiers", "40 people", "The convoy", "Gunmen", "Schools", "He",
                                      "The death toll", "Residents", "Dozens"]),
                     st.from_regex(r"[A-Z][a-z]{1,9}( [A-Z][a-z]{1,9})?", fullmatch=True))
FINITE_VERBS = st.sampled_from(["were killed", "died", "attacked the checkpoint", "fled", "closed", "rose to 40",
                                "had risen", "was shelled", "are missing", "stopped"])
REPORTERS = st.sampled_from(["the army", "the health ministry", "police", "SANA", "a witness", "officials",
                             "the UN report"])
CUES = st.sampled_from(["said", "says", "told reporters", "reported", "announced", "confirmed", "stated"])


@st.composite
def reporting_sentences(draw):
    opener, subject, verb = draw(OPENERS), draw(SUBJECTS), draw(FINITE_VERBS)
    reporter, cue = draw(REPORTERS), draw(CUES)
    core = draw(st.sampled_from([f"{subject} {verb}, {reporter} {cue}.", f"{reporter.capitalize()} {cue} "
                                 f"{subject.lower() if subject != 'SANA' else subject} {verb}.",
                                 f"According to {reporter}, {subject} {verb}."]))
    return opener, core


@SETTINGS
@given(reporting_sentences(), st.booleans())
def test_a_sentence_with_a_finite_verb_and_a_reporting_cue_is_never_furniture(sentence, on_its_own):
    opener, core = sentence
    line = f"{opener} {core}".strip()
    text = line if on_its_own else f"Shelling resumed overnight.\n{line}\nThe road stayed closed."
    article = Article.from_text(text, outlet="Daily")
    start = text.index(line) + len(line) - len(core)
    assert not furniture_overlaps(article, start, start + len(core)), (line, article.furniture)


# Issue 12: no main clause is ever lost. Articles built from the shapes news sentences take (credits before, after and
# inside them, quotations, coordination, relative and subordinate clauses, brackets and dashes); every finite verb of
# what is reported lands inside some claim or some furniture. The credits' own verbs ("said") are never claims.
CONTENT_VERBS = ["died", "fled", "were killed", "closed the road", "attacked the checkpoint", "was shelled",
                 "had risen to 40", "collapsed", "stopped the convoy", "were injured"]
NOUN_PHRASES = ["Two soldiers", "The convoy", "Gunmen", "Three workers", "The bridge", "A police officer",
                "Dozens of residents", "The old market"]
CREDITS = ["the army said", "police said", "officials told reporters", "the ministry reported", "witnesses say",
           "a spokesman for the governor said"]


@st.composite
def reported_sentences(draw):
    """A sentence and the content verbs in it (each as written, so it can be found in the sentence)."""
    first, second = draw(st.sampled_from(NOUN_PHRASES)), draw(st.sampled_from(NOUN_PHRASES))
    verb, other = draw(st.sampled_from(CONTENT_VERBS)), draw(st.sampled_from(CONTENT_VERBS))
    credit = draw(st.sampled_from(CREDITS))
    speaker, cue = credit.rsplit(" ", 1) if credit.count(" ") and not credit.endswith("reporters") else (
        credit.rsplit(" told", 1)[0], "told reporters")
    low = second[0].lower() + second[1:]
    shapes = [
        (f"{first} {verb}.", [verb]),
        (f"{first} {verb}, {credit}.", [verb]),
        (f"{speaker[0].upper() + speaker[1:]} {cue} {low} {other}.", [other]),
        (f"According to {speaker}, {low} {other}.", [other]),
        (f"{first} {verb} and {low} {other}, {credit}.", [verb, other]),
        (f"{first} {verb}, but {credit} {low} {other}.", [verb, other]),
        (f"{first} {verb} after {low} {other}.", [verb, other]),
        (f"{first}, which {other} on Monday, {verb}.", [other, verb]),
        (f'"{first} {verb}," {credit}.', [verb]),
        (f"{first} {verb} ({credit} {low} {other}).", [verb, other]),
        (f"{first} {verb} — {credit} — and {low} {other}.", [verb, other]),
        (f"{first} {verb} on Sunday, {credit}, and {low} {other}.", [verb, other]),
    ]
    return draw(st.sampled_from(shapes))


@SETTINGS
@given(st.lists(reported_sentences(), min_size=1, max_size=6), st.sampled_from(["\n\n", " ", "\n"]))
def test_every_reported_finite_verb_lands_in_a_claim(sentences, joiner):
    text = joiner.join(sentence for sentence, _ in sentences)
    article = Article.from_text(text, outlet="Daily")
    claims = extract_claims(article)
    cursor = 0
    for sentence, verbs in sentences:
        base = text.index(sentence, cursor)
        cursor = base + len(sentence)
        position = base
        for verb in verbs:
            start = text.index(verb, position)
            position = start + len(verb)
            inside = any(c.start <= start and start + len(verb) <= c.end for c in claims)
            assert inside or furniture_overlaps(article, start, start + len(verb)), (
                sentence, verb, [c.text for c in claims])
