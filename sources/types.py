"""Type aliases and errors shared by every package (imports flow sources <- claims <- verify <- cli)."""
from __future__ import annotations

Span = tuple[int, int]
"""A ``(start, end)`` pair of character offsets into ``Article.text`` (end exclusive)."""


class ClaimdiffError(Exception):
    """Base of every error the library raises on purpose; the CLI prints its message on one line."""


class InputError(ClaimdiffError):
    """An article could not be read: missing, empty, binary, badly encoded, malformed, too large."""
