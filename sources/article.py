"""The ``Article`` record: text as read, metadata, and which parts of the text are not the story."""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date

import yaml

from .dates import parse_date
from .errors import InputError, Span, checked_text, load_yaml, shown

# Header keys as exports write them, mapped to Article fields.
_HEADER_KEYS = {
    "outlet": "outlet", "source": "outlet", "publisher": "outlet", "site": "outlet", "site_name": "outlet",
    "date": "published", "published": "published", "publication_date": "published", "pubdate": "published",
    "title": "title", "headline": "title", "url": "url", "link": "url",
    "author": None, "byline": None, "id": "id",
}
_HEADER_LINE = re.compile(r"^[ \t]*([A-Za-z_]+)[ \t]*:[ \t]*(.*?)[ \t]*$")
_DATE_TOKEN = re.compile(r"\A[ \t]*date[ \t]+(\d{4}-\d{2}-\d{2})\b[ \t]*\n?", re.IGNORECASE)
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*(?:\n|\Z)", re.DOTALL)

# Page furniture: lines that belong to the web page, not to the story.
_FURNITURE = re.compile(
    r"""^\s*(?:
        (?:see|read)\s+(?:more|also|next)\b.*
      | related(?:\s+(?:articles?|stories|coverage))?\s*:.*
      | (?:share|tweet|email|print)(?:\s+(?:this|on\s+\w+))?(?:\s+(?:article|story))?\s*[:!]?\s*$
      | (?:follow|like)\s+us\b.*
      | (?:subscribe|sign\s+up)\b.*
      | click\s+here\b.*
      | (?:photo|image|picture|video)\s*(?:credit)?\s*:.*
      | advertisement\s*$
      | (?:©|\(c\)|copyright\b).*
      | all\s+rights\s+reserved.*
      | \(?(?:additional\s+)?(?:reporting|writing|editing|compiled)\s+by\b.*
      | [\W_]*
      | \d{1,2}(?::\d\d)?\s*[ap]\.?m\.?(?:\s+\w{2,4})?
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
# A byline is a short line of names ("By John Smith", "BY JANE DOE and Omar Ali, Reuters"): every word capitalised
# but the joining ones, matched case-sensitively, so that "By Tuesday, the death toll had risen to 40" stays story.
_NAMES = r"[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|and|of|in|&)){0,5}"
_BYLINE_NAMES = rf"[ \t]*(?:By|BY|by)\s+{_NAMES}(?:\s*(?:,|\||/|and|&)\s*{_NAMES}){{0,3}}"
_BYLINE = re.compile(rf"^{_BYLINE_NAMES}\s*$")
# A byline opening the story's first line ("By John Smith, Reuters - Two soldiers ..."): furniture up to the dash.
_BYLINE_LEAD = re.compile(rf"^{_BYLINE_NAMES}\s*[-–—|]+\s*")
# A timestamp line holds nothing but the date and time after its label ("Updated: 3/11/2025 7:45 a.m. ET");
# "Published 3 days after the attack, the UN report said ..." is a sentence.
_TIMESTAMP = re.compile(
    r"^\s*(?:updated|published|posted|last\s+modified)(?:\s+on)?\s*:?\s*"
    r"(?:(?:\d[\d/.:-]*(?:st|nd|rd|th)?|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
    r"|(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?|[ap]\.?m\.?|at|utc|gmt|bst|[cemp][sd]t|cest|eet|et|pt|ct"
    r"|[+-]\d\d:?\d\d)[\s,|]*)+$",
    re.IGNORECASE,
)
# What furniture never removes, whatever it looks like: a reporting cue or a count of casualties is the story.
_REPORTING_CUE = re.compile(
    r"\b(?:said|says|told|tells|reported|reports|according\s+to|announced|stated|confirmed|added|claimed|quoted|"
    r"warned|denied|insisted|declared)\b", re.IGNORECASE)
_COUNT = re.compile(r"\b(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?|scores|"
                    r"hundreds|thousands)\b", re.IGNORECASE)
_CASUALTY = re.compile(r"\b(?:killed|dead|died|deaths?|wounded|injured|hurt|casualties|toll|missing|kidnapped|"
                       r"abducted)\b", re.IGNORECASE)
# Publisher disclaimers: furniture too, but kept as notes on the article.
_DISCLAIMER = re.compile(
    r"translated\s+and\s+edited\s+by|has\s+not\s+(?:independently\s+)?verified\s+(?:the|this|these)\s+(?:content|article|report)"
    r"|views\s+expressed\s+(?:in\s+this\s+article\s+)?are|does\s+not\s+necessarily\s+reflect|editor['’]?s\s+note\s*:",
    re.IGNORECASE,
)
# A wire dateline opening a paragraph ("BEIRUT, March 11 (Meridian Wire) - "): furniture, the story follows it.
_DATELINE = re.compile(r"^[A-Z][A-Z .'/-]{2,40}(?:,\s*[A-Z][a-z]{2,9}\.?\s+\d{1,2})?\s*\([^)\n]{2,40}\)\s*[-–—]+\s*")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")


@dataclass
class Article:
    """One news article.

    ``text`` is the article as read: for text and Markdown files the whole decoded file (a metadata header included,
    so claim offsets point into the file); for HTML the extracted main text; for JSON the record's ``text``.
    ``body_start`` is where the story starts after any header; ``furniture`` lists spans that are page furniture
    (navigation, bylines, disclaimers) and are never claims.
    """

    text: str
    outlet: str | None = None
    published: date | None = None
    title: str | None = None
    url: str | None = None
    id: str | None = None
    path: str | None = None
    body_start: int = 0
    furniture: list[Span] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def content_hash(self) -> str:
        """sha256 of the text: two reads of the same text are the same article."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @classmethod
    def from_text(
        cls,
        text: str,
        outlet: str | None = None,
        published: date | str | None = None,
        id: str | None = None,
        title: str | None = None,
        url: str | None = None,
        path: str | None = None,
    ) -> Article:
        """Build an article from raw text, reading an optional metadata header and marking page furniture.

        Explicit arguments win over the header's values.
        """
        where = shown(path or "text")
        if not text.strip():
            raise InputError(f"{where}: no article text")
        meta, body_start = _read_header(text, where)
        article = cls(
            text=text,
            outlet=outlet or meta.get("outlet"),
            published=parse_date(published) or parse_date(meta.get("published")),
            title=title or meta.get("title"),
            url=url or meta.get("url"),
            id=id or meta.get("id"),
            path=path,
            body_start=body_start,
        )
        article._mark_furniture()
        if not any(text[s:e].strip() for s, e in article.body_spans()):
            raise InputError(f"{where}: no article text after the header and page furniture")
        return article

    def _mark_furniture(self) -> None:
        for start, end in _lines(self.text, self.body_start):
            line = self.text[start:end]
            heading = _MD_HEADING.match(line)
            if heading:
                self.furniture.append((start, end))
                if self.title is None:
                    self.title = heading.group(1).strip() or None
            elif _DISCLAIMER.search(line):
                self.furniture.append((start, end))
                self.notes.append(line.strip())
            elif _is_furniture(line):
                self.furniture.append((start, end))
            elif lead := _DATELINE.match(line) or _BYLINE_LEAD.match(line):
                self.furniture.append((start, start + lead.end()))

    def body_spans(self) -> list[Span]:
        """Spans of story text: after the header, between furniture lines."""
        spans: list[Span] = []
        cursor = self.body_start
        for start, end in sorted(self.furniture):
            if start > cursor:
                spans.append((cursor, start))
            cursor = max(cursor, end)
        if cursor < len(self.text):
            spans.append((cursor, len(self.text)))
        return spans

    def _with_default_outlet(self, outlet: str | None) -> Article:
        # The outlet defaults to the file name's stem when no header or record names it.
        if not self.outlet and outlet:
            self.outlet = outlet
        return self

    def to_dict(self) -> dict:
        """The article's entry in the JSON contract."""
        return {
            "id": self.id,
            "outlet": self.outlet,
            "title": self.title,
            "published": self.published.isoformat() if self.published else None,
            "path": self.path,
            "url": self.url,
            "notes": list(self.notes),
        }


def _is_furniture(line: str) -> bool:
    """Page furniture, never a line that reports: a look-alike of chrome that carries a reporting cue or a
    casualty count ("Published 3 days after the attack, the UN report said ...") is kept as story."""
    if _REPORTING_CUE.search(line) or (_COUNT.search(line) and _CASUALTY.search(line)):
        return False
    return bool(_FURNITURE.match(line) or _BYLINE.match(line) or _TIMESTAMP.match(line))


def _lines(text: str, start: int) -> list[Span]:
    spans = []
    for match in re.finditer(r"[^\n]+", text[start:]):
        spans.append((start + match.start(), start + match.end()))
    return spans


def _read_header(text: str, where: str) -> tuple[dict, int]:
    """Return the metadata and where the body starts, for front matter, key lines or a leading date token."""
    front = _FRONT_MATTER.match(text)
    if front:
        try:
            data = load_yaml(front.group(1), f"{where}: front matter")
        except yaml.YAMLError:
            data = None  # not YAML: text between two rules ("---") is story text
        if isinstance(data, dict):
            return _normalise(data, f"{where}: front matter"), front.end()
    token = _DATE_TOKEN.match(text)
    if token:
        return {"published": token.group(1)}, token.end()
    meta: dict = {}
    offset = 0
    for line in text.splitlines(keepends=True):
        if not line.strip():
            if meta:
                offset += len(line)
            break
        match = _HEADER_LINE.match(line)
        if not match or match.group(1).lower() not in _HEADER_KEYS:
            break
        meta[match.group(1).lower()] = match.group(2)
        offset += len(line)
    if not meta or not text[offset:].strip():
        return {}, 0  # a "Source: ..." line with nothing after it is the story, not a header
    return _normalise(meta, where), offset


# What a header field may hold: one value. A list or mapping where an outlet belongs is a mistake to report, and
# stringifying it ("[[['x', ...") would put its whole expansion into the outlet.
_SCALARS = (str, int, float, date)


def _normalise(raw: dict, where: str) -> dict:
    meta = {}
    for key, value in raw.items():
        target = _HEADER_KEYS.get(str(key).lower())
        if not target or value in (None, "") or target in meta:
            continue
        if not isinstance(value, _SCALARS):
            raise InputError(f"{where} field '{shown(key)}' must be a single value, not a {type(value).__name__}")
        if isinstance(value, str):
            checked_text(value, f"{where} field '{shown(key)}'")
        meta[target] = value if target == "published" else str(value).strip()
    return meta
