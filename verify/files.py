"""Files the tool creates (reports, the search side file) are replaced whole, never written in place.

Writing in place loses the old file to a full disk halfway, and opening an existing name follows a symbolic link
planted there to whatever it points at. So a new file is written under a fresh name in the same folder (created
exclusively: never through a link), flushed to disk, and renamed over the name: readers see the old file or the
new one, and a link at the name is itself replaced, its target untouched.
"""
from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import BinaryIO


@contextmanager
def replaced(path: str | Path) -> Iterator[BinaryIO]:
    """A binary file to write; when the block ends without error it becomes ``path`` in one atomic step."""
    target = Path(path)
    fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), _mode(target))
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)
    except BaseException:
        with suppress(OSError):
            os.unlink(temporary)
        raise
    _sync_folder(target.parent)


def write_replacing(path: str | Path, data: bytes) -> None:
    with replaced(path) as handle:
        handle.write(data)


def _mode(target: Path) -> int:
    """The permissions of the file being replaced, else what a plain open() would give (0666 less the umask);
    mkstemp's 0600 would hide a report from the people it is for."""
    try:
        existing = os.lstat(target)
        if stat.S_ISREG(existing.st_mode):
            return stat.S_IMODE(existing.st_mode)
    except OSError:
        pass
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _sync_folder(folder: Path) -> None:
    # The rename is durable once the folder's entry is on disk; some filesystems cannot sync a folder.
    with suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
