"""Type aliases, errors and input guards shared by every package (imports flow sources <- claims <- verify <- cli)."""
from __future__ import annotations

import re

import yaml

Span = tuple[int, int]
"""A ``(start, end)`` pair of character offsets into ``Article.text`` (end exclusive)."""

MAX_NESTING = 50
"""Deepest YAML nesting accepted: headers and registries need three levels; thousands would overflow the stack."""


class ClaimdiffError(Exception):
    """Base of every error the library raises on purpose; the CLI prints its message on one line."""


class InputError(ClaimdiffError):
    """An article could not be read: missing, empty, binary, badly encoded, malformed, too large."""


# C0 controls (newline and tab too: a message is one line), DEL, C1 controls, bidi overrides and isolates.
_UNSHOWABLE = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def shown(name: object) -> str:
    """A file name as a message shows it: control characters escaped, so that it stays on one line and cannot
    drive the terminal."""
    return _UNSHOWABLE.sub(_escape, str(name))


def _escape(match: re.Match) -> str:
    char = match.group(0)
    return _ESCAPES.get(char) or (f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}")


def checked_text(value: str, what: str) -> str:
    """``value`` if it can be written as UTF-8; a lone surrogate (JSON "\\ud800") would fail only when written."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InputError(f"{what} holds a lone surrogate (\\u{ord(value[exc.start]):04x})") from None
    return value


class _Refused(Exception):
    """YAML the bounded loader will not build; the message says why."""


class _BoundedLoader(yaml.SafeLoader):
    """PyYAML's safe loader without aliases and with bounded nesting. An alias repeats a whole subtree, so a few
    hundred bytes of aliases to aliases expand to billions of nodes (the "billion laughs"); deep nesting recurses
    past Python's stack."""

    def __init__(self, stream):
        super().__init__(stream)
        self.depth = 0

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent) and self.peek_event().anchor in self.anchors:
            # An undefined alias is left to PyYAML, which reports it as the syntax error it is.
            raise _Refused("uses a YAML alias (*name); write the value out instead")
        self.depth += 1
        try:
            if self.depth > MAX_NESTING:
                raise _Refused(f"is nested more than {MAX_NESTING} levels deep")
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def load_yaml(text: str, what: str) -> object:
    """YAML as plain data, or an InputError starting with ``what`` ("a.md: front matter") for a refused alias, deep
    nesting or an impossible value (``2025-02-30`` is read as a timestamp and raises ValueError). A syntax error
    stays a ``yaml.YAMLError``: whether that is bad input is the caller's call."""
    try:
        return yaml.load(text, Loader=_BoundedLoader)  # a SafeLoader subclass: builds plain data only
    except _Refused as exc:
        raise InputError(f"{what} {exc}") from None
    except (ValueError, OverflowError) as exc:
        raise InputError(f"{what} has an invalid value ({exc})") from None
