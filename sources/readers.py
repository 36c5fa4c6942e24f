"""Readers for every input form: text, Markdown, HTML, JSON, JSONL and standard input."""
from __future__ import annotations

import json
import os
import stat
import sys
from collections import Counter
from collections.abc import Iterable
from html.parser import HTMLParser
from pathlib import Path

from .article import Article
from .dates import parse_date
from .errors import InputError, checked_text, shown

MAX_BYTES = 5_000_000
"""Default size limit of one input file; larger files are refused rather than processed for minutes."""

_CHUNK = 1 << 20


def read_article(path: str | Path, max_bytes: int = MAX_BYTES) -> Article:
    """Read one article from ``path`` (``-`` is standard input). A JSON/JSONL file must hold exactly one record."""
    articles = read_articles(path, max_bytes=max_bytes)
    if len(articles) != 1:
        raise InputError(f"{shown(path)}: holds {len(articles)} articles; expected one")
    return articles[0]


def read_articles(path: str | Path, max_bytes: int = MAX_BYTES) -> list[Article]:
    """Read every article in ``path``: one for text/HTML, one per record for JSON (a list) and JSONL."""
    name = str(path)
    if name == "-":
        raw = _read_stream(sys.stdin.buffer, "<stdin>", max_bytes)
        return [_parse_sniffed(_decode(raw, "<stdin>"), "<stdin>")]
    text = _decode(read_bytes(name, max_bytes), shown(name))
    file = Path(name)
    reader = READERS.get(file.suffix.lower(), _text_reader)  # any other name is read as plain text
    return reader(text, name, file.stem)


def _text_reader(text: str, name: str, stem: str) -> list[Article]:
    return [Article.from_text(text, outlet=None, path=name)._with_default_outlet(stem)]


def _html_reader(text: str, name: str, stem: str) -> list[Article]:
    return [_from_html(text, name, stem)]


READERS = {
    ".txt": _text_reader, ".text": _text_reader, ".md": _text_reader, ".markdown": _text_reader,
    ".html": _html_reader, ".htm": _html_reader, ".xhtml": _html_reader,
    ".json": lambda text, name, stem: _from_records(_parse_json(text, name), name, stem),
    ".jsonl": lambda text, name, stem: _from_records(_parse_jsonl(text, name), name, stem),
}
"""The reader of each file name suffix (the article files ``ingest`` looks for in a directory)."""


def article_files(paths: Iterable[str]) -> list[str]:
    """The files named, and the article files (a suffix in READERS, not hidden) inside directories named, sorted and
    recursively; ``-`` stays standard input."""
    out = []
    for path in paths:
        folder = Path(path)
        if path != "-" and folder.is_dir():
            out.extend(str(p) for p in sorted(folder.rglob("*"))
                       if p.is_file() and p.suffix.lower() in READERS and not p.name.startswith("."))
        else:
            out.append(path)
    return out


def read_bytes(path: str | Path, max_bytes: int) -> bytes:
    """The bytes of a file, refused past ``max_bytes``. Devices, pipes and FIFOs report a size of 0 whatever they
    hold (``/dev/zero`` never ends), so the size is never trusted: at most ``max_bytes + 1`` bytes are read."""
    name = shown(path)
    try:
        mode = os.stat(path).st_mode
    except (FileNotFoundError, ValueError):  # ValueError: a NUL in the name, which no file can have
        raise InputError(f"{name}: no such file") from None
    except OSError as exc:
        raise InputError(f"{name}: cannot read ({exc.strerror or exc})") from None
    if stat.S_ISDIR(mode):
        raise InputError(f"{name}: is a directory")
    if stat.S_ISSOCK(mode):
        raise InputError(f"{name}: is a socket, not a file")
    try:
        with open(path, "rb") as file:  # a FIFO blocks here until its writer opens it, as `cat` would
            opened = os.fstat(file.fileno())  # what was opened, should the name have changed since the stat
            if stat.S_ISREG(opened.st_mode) and opened.st_size > max_bytes:  # refused unread, the size shown
                raise InputError(f"{name}: {opened.st_size:,} bytes is over the {max_bytes:,}-byte limit")
            return _read_stream(file, name, max_bytes)
    except OSError as exc:
        raise InputError(f"{name}: cannot read ({exc.strerror or exc})") from None


def _read_stream(stream, name: str, max_bytes: int) -> bytes:
    # Chunked: one read of a terminal returns a line, and memory grows with what arrives, not with the limit.
    chunks, size = [], 0
    while size <= max_bytes:
        chunk = stream.read(min(_CHUNK, max_bytes + 1 - size))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        size += len(chunk)
    raise InputError(f"{name}: over the {max_bytes:,}-byte limit")


def _parse_sniffed(text: str, name: str) -> Article:
    """Standard input has no suffix: recognise JSON and HTML by their first character."""
    head = text.lstrip()[:200].lower()
    if head.startswith("{") or head.startswith("["):
        articles = _from_records(_parse_json(text, name), name, "stdin")
        if len(articles) != 1:
            raise InputError(f"{name}: holds {len(articles)} articles; expected one")
        return articles[0]
    if head.startswith("<"):
        return _from_html(text, name, None)
    return Article.from_text(text, path=name)


def _decode(raw: bytes, name: str) -> str:
    if not raw.strip():
        raise InputError(f"{name}: empty file")
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):  # UTF-16 with a byte-order mark, as Windows tools export it
        try:
            raw = raw.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError:
            raise InputError(f"{name}: invalid UTF-16 text") from None
    if b"\x00" in raw[:8192]:
        raise InputError(f"{name}: binary file, not text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: not UTF-8 (invalid byte at offset {exc.start}); convert it to UTF-8 first") from None
    # Offsets are into the text as read; only line endings are normalised so spans are stable across platforms.
    return text.replace("\r\n", "\n").replace("\r", "\n")


class _NotJSON(ValueError):
    """A constant Python's json module accepts but JSON does not have."""


def _refuse_constant(name: str) -> object:
    raise _NotJSON(f"{name} is not a JSON value")


def load_json(text: str, name: str, line: int | None = None) -> object:
    """Strict JSON: NaN and Infinity are refused (Python would read them, and an outlet would become "nan"), and
    nesting deeper than the interpreter's stack is bad input, not a RecursionError. ``line`` numbers a JSONL line."""
    on_line = f" on line {line}" if line else ""
    where = f"{shown(name)}: malformed JSON{on_line}"
    try:
        return json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as exc:
        position = "" if line else f" at line {exc.lineno} column {exc.colno}"
        raise InputError(f"{where}{position}: {exc.msg}") from None
    except _NotJSON as exc:
        raise InputError(f"{where} ({exc})") from None
    except RecursionError:
        raise InputError(f"{shown(name)}: JSON nested too deeply{on_line}") from None


def _parse_json(text: str, name: str) -> list:
    data = load_json(text, name)
    return data if isinstance(data, list) else [data]


def _parse_jsonl(text: str, name: str) -> list:
    return [load_json(line, name, line=number) for number, line in enumerate(text.split("\n"), start=1)
            if line.strip()]


def _from_records(records: list, name: str, stem: str) -> list[Article]:
    if not records:
        raise InputError(f"{shown(name)}: no records")
    articles = []
    for index, record in enumerate(records, start=1):
        path = f"{name} record {index}" if len(records) > 1 else name
        where = shown(path)
        if not isinstance(record, dict):
            raise InputError(f"{where}: a record must be a JSON object")
        text = record.get("text") or record.get("body") or record.get("content")
        if not isinstance(text, str) or not text.strip():
            raise InputError(f"{where}: no 'text' field with article text")
        article = Article.from_text(
            checked_text(text, f"{where}: 'text'").replace("\r\n", "\n"),
            outlet=_field(record, ("outlet", "source", "publisher"), where),
            published=_field(record, ("published", "date"), where),
            title=_field(record, ("title",), where),
            url=_field(record, ("url",), where),
            id=_field(record, ("id",), where, numbers=True),
            path=path,
        )
        articles.append(article._with_default_outlet(stem if len(records) == 1 else f"{stem}-{index}"))
    return articles


_JSON_TYPES = {list: "a list", dict: "an object", bool: "true or false"}


def _field(record: dict, keys: tuple[str, ...], where: str, numbers: bool = False) -> str | None:
    """The first of ``keys`` the record fills, as text: a string (or a whole number, for an id), never a list or an
    object whose Python repr would become the outlet."""
    key = next((k for k in keys if record.get(k) not in (None, "")), None)
    if key is None:
        return None
    value = record[key]
    if numbers and isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str):
        wanted = "a string or a whole number" if numbers else "a string"
        raise InputError(f"{where}: '{key}' must be {wanted}, not {_JSON_TYPES.get(type(value), 'a number')}")
    return checked_text(value, f"{where}: '{key}'")


class _MainText(HTMLParser):
    """Collects the readable blocks of a page: prefers <article>, then <main>, then <body>, skipping chrome."""

    _SKIP = {"script", "style", "nav", "header", "footer", "aside", "form", "noscript", "svg", "button", "figure",
             "template", "iframe", "select"}
    _BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "div", "section", "article", "main",
               "br", "tr", "pre", "dd", "dt", "figcaption", "td"}
    _VOID = {"br", "img", "hr", "meta", "link", "input", "source", "wbr", "area", "col", "embed", "param", "track"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.skip_depth = 0
        self.stack: list[str] = []
        # How many of each tag are open: asking the stack itself costs its length per tag, quadratic on a page of
        # thousands of unclosed tags.
        self.open = Counter()
        self.containers = {"article": [], "main": [], "body": []}
        self.current: list[str] = []
        self.meta: dict[str, str] = {}
        self.in_title = False
        self.title_parts: list[str] = []
        self.h1: str | None = None
        self.in_h1 = False
        self.h1_parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            key = (attributes.get("property") or attributes.get("name") or "").lower()
            if key and attributes.get("content"):
                self.meta.setdefault(key, attributes["content"].strip())
            return
        if tag == "link" and attributes.get("rel", "").lower() == "canonical" and attributes.get("href"):
            self.meta.setdefault("canonical", attributes["href"])
            return
        if tag in self._VOID:
            if tag == "br":
                self._flush()
            return
        self.stack.append(tag)
        self.open[tag] += 1
        if tag in self._SKIP:
            self.skip_depth += 1
        if tag == "title":
            self.in_title = True
        if tag == "h1":
            self.in_h1 = True
        if tag in self._BLOCKS:
            self._flush()

    def handle_endtag(self, tag):
        if tag in self._VOID or not self.open[tag]:
            return
        while self.stack:
            open_tag = self.stack.pop()
            self.open[open_tag] -= 1
            if open_tag in self._SKIP:
                self.skip_depth -= 1
            if open_tag == "title":
                self.in_title = False
            if open_tag == "h1":
                self.in_h1 = False
                if self.h1 is None and self.h1_parts:
                    self.h1 = " ".join("".join(self.h1_parts).split())
            if open_tag in self._BLOCKS:
                self._flush()
            if open_tag == tag:
                break

    def handle_data(self, data):
        if self.in_title:
            self.title_parts.append(data)
            return
        if self.skip_depth:
            return
        if self.in_h1:
            self.h1_parts.append(data)
            return
        self.current.append(data)

    def _flush(self) -> None:
        block = " ".join("".join(self.current).split())
        self.current = []
        if not block:
            return
        for container in ("article", "main"):
            if self.open[container]:
                self.containers[container].append(block)
        self.containers["body"].append(block)

    def result(self) -> tuple[list[str], dict]:
        self._flush()
        for container in ("article", "main", "body"):
            if self.containers[container]:
                blocks = self.containers[container]
                break
        else:
            blocks = []
        title = self.h1 or " ".join("".join(self.title_parts).split()) or None
        return blocks, {"title": title, **self.meta}


MIN_EXTRACTED = 40
"""Under this many characters, what trafilatura extracts is no article (a lone navigation link, say)."""
_EXTRACT_OPTIONS = {"output_format": "json", "with_metadata": True, "include_comments": False, "include_tables": True,
                    "favor_precision": True, "prune_xpath": "//template"}
"""trafilatura without reader comments, favouring precision, and with ``<template>`` pruned (lxml reads its inert
content as text); the setting benchmarks/compare_extractors.py found best on pages in the shapes news sites use."""


def _from_html(html: str, name: str, stem: str | None) -> Article:
    """The main text of a page: trafilatura's extraction (the field's maintained extractor: teaser cards, comment
    threads, menus and related links stay out; dates from JSON-LD and microdata too), with the hand-written parser
    as the fallback where trafilatura finds little (lxml drops what is nested deeper than 255 elements) and for the
    metadata it lacks. Page furniture is then marked on the text as for any other input."""
    try:
        blocks, meta = _hand_read(html)
        refusal = None if blocks else f"{shown(name)}: HTML has no article text"
    except Exception as exc:  # html.parser is lenient: what it still rejects is bad input, unless trafilatura reads it
        blocks, meta, refusal = [], {}, f"{shown(name)}: malformed HTML ({exc})"
    extracted = _extract(html)
    lines = [line.strip() for line in (extracted.get("text") or "").splitlines() if line.strip()]
    title = meta.get("og:title") or extracted.get("title") or meta.get("title")
    if lines and title and " ".join(lines[0].split()) == " ".join(title.split()):
        lines = lines[1:]  # the headline, which the hand reader keeps out of the text as the title
    hand_text, extracted_text = "\n\n".join(blocks), "\n\n".join(lines)
    if refusal and len(extracted_text) < MIN_EXTRACTED:
        raise InputError(refusal)
    # One block a paragraph, separated by blank lines, so that sentence splitting sees paragraph breaks.
    text = extracted_text if len(extracted_text) >= max(MIN_EXTRACTED, len(hand_text) / 2) else hand_text
    article = Article.from_text(
        text,
        outlet=meta.get("og:site_name") or meta.get("application-name") or extracted.get("sitename"),
        # The first date that reads as one: a page's own meta tags, then trafilatura's (JSON-LD, microdata, text).
        published=next((d for d in (meta.get("article:published_time"), meta.get("date"), meta.get("pubdate"),
                                     extracted.get("date")) if d and parse_date(d)), None),
        title=title,
        url=meta.get("og:url") or meta.get("canonical") or extracted.get("url"),
        path=name,
    )
    return article._with_default_outlet(stem) if stem else article


def _hand_read(html: str) -> tuple[list[str], dict]:
    parser = _MainText()
    parser.feed(html)
    parser.close()
    return parser.result()


def _extract(html: str) -> dict:
    """trafilatura's text and metadata of a page (empty when it finds nothing or fails on the markup)."""
    import trafilatura  # imported on use: lxml and its date parsers cost a tenth of a second

    try:
        found = trafilatura.extract(html, **_EXTRACT_OPTIONS)
    except Exception:  # a failure of the extractor on hostile markup leaves the hand-written parser to decide
        return {}
    try:
        data = json.loads(found) if found else {}
    except ValueError:
        return {}
    return {k: v for k, v in data.items() if isinstance(v, str)} if isinstance(data, dict) else {}
