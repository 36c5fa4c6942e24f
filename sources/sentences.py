"""Sentence splitting with character spans into ``Article.text``."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .article import Article
from .errors import Span

_CREDIT_ONLY = re.compile(r"[\"”]?\s*[―—]")
# Where pysbd cuts but the sentence goes on: a quotation closed by a comma ('"We are scared, " Ana said.'), a title
# or an initial before a name ("Const. Tim Fanning", "Bryant A. Dalton"), a place abbreviation ("Mt. Cook").
_GOES_ON = re.compile(r"(?:,\s*[\"”’']|(?:^|[\s(-])(?:[A-Za-z]|Const|Sgt|Lt|Capt|Cpl|Gov|Gen|Col|Maj|Adm|Cmdr|Det|Insp|"
                      r"Supt|Mt|Ft|Dr|Prof|Rev|Sen|Rep|Ave|Blvd|St)\.)\s*$")
# "7 p. m." (as some pages space it) ends a sentence unless the next piece carries on with a day or a lowercase word.
_CLOCK = re.compile(r"\b[ap]\.\s?m\.\s*$", re.I)
_DAY_OR_MONTH = re.compile(r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b|"
                           r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b")
# News style starts no sentence with a numeral but a year: a piece opening with digits after "word." goes on.
_SPACED_DECIMAL = re.compile(r"\d(?!\d{3}\b)")
MAX_SENTENCE = 1500
"""Sentences longer than this (lines without punctuation, pasted tables) are cut at clause marks or spaces."""
WINDOW = 4000
"""pysbd is quadratic in its input (its abbreviation replacer): a paragraph longer than this goes to it in windows of at
most this many characters (see _pieces); shorter paragraphs go whole, as always."""
_TAIL = 16
"""_goes_on's patterns all end at the end of the piece and reach back fewer characters than this (past the spaces
before a closing quote), so joining pieces looks at no more than this tail (see _tail)."""
_BOUNDARY = re.compile(r"[.!?][\"”’')\]]*\s|\n")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    paragraph: int


@lru_cache(maxsize=1)
def _segmenter():
    import pysbd

    return pysbd.Segmenter(language="en", clean=False)


def split_sentences(article: Article) -> list[Sentence]:
    """Split the story text (never the header or page furniture) into sentences.

    Paragraphs are blank-line separated blocks when the text has blank lines, else single lines; pysbd splits each
    paragraph and every sentence is located in the text, so ``text[start:end] == sentence.text`` always holds.
    """
    text = article.text
    paragraphs = _paragraphs(text, article.body_spans())
    sentences: list[Sentence] = []
    for number, (start, end) in enumerate(paragraphs):
        for s, e in _split_paragraph(text, start, end):
            sentences.append(Sentence(s, e, text[s:e], number))
    return sentences


def _paragraphs(text: str, spans: list[Span]) -> list[Span]:
    body = "".join(text[s:e] for s, e in spans)
    separator = r"\n[ \t]*\n" if re.search(r"\n[ \t]*\n", body.strip()) else r"\n"
    result = []
    for span_start, span_end in spans:
        cursor = span_start
        for match in re.finditer(separator, text[span_start:span_end]):
            result.append((cursor, span_start + match.start()))
            cursor = span_start + match.end()
        result.append((cursor, span_end))
    return [trimmed for s, e in result if (trimmed := _trim(text, s, e))]


def _trim(text: str, start: int, end: int) -> Span | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None


def _split_paragraph(text: str, start: int, end: int) -> list[Span]:
    chunk = text[start:end]
    spans: list[Span] = []
    cursor = 0
    for found, found_end in _pieces(chunk):
        gap = _trim(chunk, cursor, found)
        if gap:
            spans.append(gap)
        spans.append((found, found_end))
        cursor = found_end
    tail = _trim(chunk, cursor, len(chunk))
    if tail:
        spans.append(tail)
    # '... in deep trouble.” ― Ada Brennan': a credit after a closing quote belongs to the quoted sentence.
    for i in range(len(spans) - 1, 0, -1):
        if _CREDIT_ONLY.match(chunk, spans[i][0], spans[i][1]):
            spans[i - 1:i + 1] = [(spans[i - 1][0], spans[i][1])]
    joined: list[Span] = []  # left to right, so that "p." + "m." is whole before the word after it is judged
    for span in spans:
        if joined and _goes_on(_tail(chunk, *joined[-1]), chunk[span[0]:span[1]]):
            joined[-1] = (joined[-1][0], span[1])
        else:
            joined.append(span)
    spans = joined
    out: list[Span] = []
    for s, e in spans:
        out.extend(_cut_long(chunk, s, e))
    return [(start + s, start + e) for s, e in out]


def _pieces(chunk: str) -> list[Span]:
    """pysbd's sentences of ``chunk``, located in it, in order; pysbd never sees more than WINDOW characters.

    A longer paragraph is split window by window: a window ends at a space, every sentence in it but the last is kept
    and the next window starts where that last one did, so each cut is one pysbd made with the text after it in view.
    A window pysbd finds no boundary in is cut at its last sentence-like mark (". ", "? ", "! ", newline) or else at
    its last space; _goes_on and _cut_long treat the pieces as they treat pysbd's.
    """
    if len(chunk) <= WINDOW:
        return _located(chunk, 0, len(chunk))
    spans: list[Span] = []
    position = 0
    while position < len(chunk):
        if len(chunk) - position <= WINDOW:
            spans.extend(_located(chunk, position, len(chunk)))
            break
        limit = position + WINDOW
        space = max(chunk.rfind(" ", position + 1, limit), chunk.rfind("\n", position + 1, limit))
        window_end = space if space > position + WINDOW // 2 else limit
        found = _located(chunk, position, window_end)
        if len(found) >= 2 and found[-1][0] > position:
            spans.extend(found[:-1])
            position = found[-1][0]
            continue
        marks = [m.end() for m in _BOUNDARY.finditer(chunk, position + WINDOW // 3, window_end)]
        cut = marks[-1] if marks else window_end
        piece = _trim(chunk, position, cut)
        if piece:
            spans.append(piece)
        position = cut
        while position < len(chunk) and chunk[position].isspace():
            position += 1
    return spans


def _located(chunk: str, start: int, end: int) -> list[Span]:
    """pysbd's sentences of ``chunk[start:end]``, located in the chunk; a piece pysbd altered is left out."""
    window = chunk[start:end]
    try:
        # The processor's sentences, located here: pysbd's own span search compiles a regex per sentence.
        pieces = _segmenter().processor(window).process()
    except Exception:  # pysbd fails on rare inputs; fall back to a plain rule rather than lose the paragraph
        pieces = re.split(r"(?<=[.!?])\s+(?=[\"“A-Z0-9])", window)
    spans: list[Span] = []
    cursor = 0
    for piece in pieces:
        piece = piece.strip()
        found = window.find(piece, cursor) if piece else -1
        if found < 0:  # pysbd altered this piece; the text it covered stays in the gap before the next one
            continue
        spans.append((start + found, start + found + len(piece)))
        cursor = found + len(piece)
    return spans


def _tail(chunk: str, start: int, end: int) -> str:
    """As much of ``chunk[start:end]`` as _goes_on can match in: its last _TAIL characters, reaching back past the
    spaces before its last mark, so that judging a piece that keeps growing costs the same at every step."""
    last = end - 1
    while last > start and chunk[last].isspace():
        last -= 1
    mark = last - 1
    while mark > start and chunk[mark].isspace():
        mark -= 1
    return chunk[max(start, min(last - _TAIL, mark - 1)):end]


def _goes_on(piece: str, following: str) -> bool:
    """pysbd ended ``piece`` where the sentence does not end (see _GOES_ON), before a lowercase word or a comma, or
    before marks alone ('”.' closing the quotation)."""
    if following[:1].islower() or following[:1] in (",", ";", ":") or not any(c.isalnum() for c in following):
        return True
    if _SPACED_DECIMAL.match(following) and piece.endswith(".") and piece[-2:-1].isalpha():
        return True  # "a. 22-caliber rifle", "a rate of. 05 percent": a decimal point spaced off
    if _CLOCK.search(piece):
        return bool(_DAY_OR_MONTH.match(following))
    return bool(_GOES_ON.search(piece))


def _cut_long(chunk: str, start: int, end: int) -> list[Span]:
    pieces = []
    while end - start > MAX_SENTENCE:
        window = chunk[start:start + MAX_SENTENCE]
        cut = max(window.rfind("; "), window.rfind(", "), window.rfind(" "))
        cut = cut + 1 if cut > MAX_SENTENCE // 3 else MAX_SENTENCE
        trimmed = _trim(chunk, start, start + cut)
        if trimmed:
            pieces.append(trimmed)
        start += cut
    trimmed = _trim(chunk, start, end)
    if trimmed:
        pieces.append(trimmed)
    return pieces
