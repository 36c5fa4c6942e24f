"""Property-based tests: arbitrary Unicode never crashes the stages, and every span slices the text it names."""
from hypothesis import HealthCheck, given, settings, strategies as st

from claims import extract_claims, extract_dates, extract_numbers, extract_places
from sources import Article, InputError, attribute, split_sentences

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
