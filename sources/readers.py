"""Readers for every input form: text, Markdown, HTML, JSON, JSONL and standard input."""
from __future__ import annotations

import json
import sys
from html.parser import HTMLParser
from pathlib import Path

from .article import Article
from .types import InputError

MAX_BYTES = 5_000_000
"""Default size limit of one input file; larger files are refused rather than processed for minutes."""

_TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown", ""}
_HTML_SUFFIXES = {".html", ".htm", ".xhtml"}


def read_article(path: str | Path, max_bytes: int = MAX_BYTES) -> Article:
    """Read one article from ``path`` (``-`` is standard input). A JSON/JSONL file must hold exactly one record."""
    articles = read_articles(path, max_bytes=max_bytes)
    if len(articles) != 1:
        raise InputError(f"{path}: holds {len(articles)} articles; expected one")
    return articles[0]


def read_articles(path: str | Path, max_bytes: int = MAX_BYTES) -> list[Article]:
    """Read every article in ``path``: one for text/HTML, one per record for JSON (a list) and JSONL."""
    name = str(path)
    if name == "-":
        raw = sys.stdin.buffer.read(max_bytes + 1)
        text = _decode(raw, "<stdin>", max_bytes)
        return [_parse_sniffed(text, "<stdin>")]
    file = Path(name)
    if not file.exists():
        raise InputError(f"{name}: no such file")
    if file.is_dir():
        raise InputError(f"{name}: is a directory")
    try:
        size = file.stat().st_size
        if size > max_bytes:
            raise InputError(f"{name}: {size:,} bytes is over the {max_bytes:,}-byte limit")
        raw = file.read_bytes()
    except OSError as exc:
        raise InputError(f"{name}: cannot read ({exc.strerror or exc})") from None
    text = _decode(raw, name, max_bytes)
    suffix = file.suffix.lower()
    stem = file.stem
    if suffix == ".jsonl":
        return _from_records(_parse_jsonl(text, name), name, stem)
    if suffix == ".json":
        return _from_records(_parse_json(text, name), name, stem)
    if suffix in _HTML_SUFFIXES:
        return [_from_html(text, name, stem)]
    if suffix in _TEXT_SUFFIXES or suffix:
        return [Article.from_text(text, outlet=None, path=name)._with_default_outlet(stem)]
    raise InputError(f"{name}: unknown file type")  # pragma: no cover - every suffix is read as text


def _parse_sniffed(text: str, name: str) -> Article:
    """Standard input has no suffix: recognise JSON and HTML by their first character."""
    head = text.lstrip()[:200].lower()
    if head.startswith("{") or head.startswith("["):
        records = _parse_json(text, name)
        articles = _from_records(records, name, "stdin")
        if len(articles) != 1:
            raise InputError(f"{name}: holds {len(articles)} articles; expected one")
        return articles[0]
    if head.startswith("<"):
        return _from_html(text, name, None)
    return Article.from_text(text, path=name)


def _decode(raw: bytes, name: str, max_bytes: int) -> str:
    if len(raw) > max_bytes:
        raise InputError(f"{name}: over the {max_bytes:,}-byte limit")
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


def _parse_json(text: str, name: str) -> list[dict]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{name}: malformed JSON at line {exc.lineno} column {exc.colno}: {exc.msg}") from None
    records = data if isinstance(data, list) else [data]
    return records


def _parse_jsonl(text: str, name: str) -> list[dict]:
    records = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            records.append(json.loads(line))
        except json.JSONDecodeError as exc:
            raise InputError(f"{name}: malformed JSON on line {number}: {exc.msg}") from None
    return records


def _from_records(records: list, name: str, stem: str) -> list[Article]:
    if not records:
        raise InputError(f"{name}: no records")
    articles = []
    for index, record in enumerate(records, start=1):
        where = f"{name} record {index}" if len(records) > 1 else name
        if not isinstance(record, dict):
            raise InputError(f"{where}: a record must be a JSON object")
        text = record.get("text") or record.get("body") or record.get("content")
        if not isinstance(text, str) or not text.strip():
            raise InputError(f"{where}: no 'text' field with article text")
        article = Article.from_text(
            text.replace("\r\n", "\n"),
            outlet=_str(record.get("outlet") or record.get("source") or record.get("publisher")),
            published=_str(record.get("published") or record.get("date")),
            title=_str(record.get("title")),
            url=_str(record.get("url")),
            id=_str(record.get("id")),
            path=where,
        )
        articles.append(article._with_default_outlet(stem if len(records) == 1 else f"{stem}-{index}"))
    return articles


def _str(value: object) -> str | None:
    return None if value is None else str(value)


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
        if tag in self._SKIP:
            self.skip_depth += 1
        if tag == "title":
            self.in_title = True
        if tag == "h1":
            self.in_h1 = True
        if tag in self._BLOCKS:
            self._flush()

    def handle_endtag(self, tag):
        if tag in self._VOID or tag not in self.stack:
            return
        while self.stack:
            open_tag = self.stack.pop()
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
            if container in self.stack:
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


def _from_html(html: str, name: str, stem: str | None) -> Article:
    parser = _MainText()
    try:
        parser.feed(html)
        parser.close()
    except Exception as exc:  # html.parser is lenient; anything it still rejects is bad input
        raise InputError(f"{name}: malformed HTML ({exc})") from None
    blocks, meta = parser.result()
    if not blocks:
        raise InputError(f"{name}: HTML has no article text")
    # One block a paragraph, separated by blank lines, so that sentence splitting sees paragraph breaks.
    text = "\n\n".join(blocks)
    article = Article.from_text(
        text,
        outlet=meta.get("og:site_name") or meta.get("application-name"),
        published=meta.get("article:published_time") or meta.get("date") or meta.get("pubdate"),
        title=meta.get("og:title") or meta.get("title"),
        url=meta.get("og:url") or meta.get("canonical"),
        path=name,
    )
    return article._with_default_outlet(stem) if stem else article
