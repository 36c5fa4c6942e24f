"""Search over the stored claims: cosine over their embeddings, from a memory-mapped side file of the vectors."""
from __future__ import annotations

import hashlib
import json
import os
import stat
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sqlite_utils import Database

from ..sources.errors import shown

from .corpus import StoreError, stack_vectors, unpack_vector
from .embed import Embedder
from .files import replaced


@dataclass
class Hit:
    claim_id: str
    score: float
    text: str
    outlet: str | None
    published: str | None
    chain: list[str]

    def to_dict(self) -> dict:
        return dict(self.__dict__)


SIDE_FORMAT = 1
_ALIGN = 64


def _side_file(db: Database, model: str) -> Path | None:
    """``<db>.search-<model hash>.vectors``, beside the database file (none for an in-memory database)."""
    filename = db.execute("pragma database_list").fetchone()[2]
    return Path(f"{filename}.search-{hashlib.sha256(model.encode()).hexdigest()[:12]}.vectors") if filename else None


def _vector_matrix(db: Database, model: str, use_file: bool = True) -> tuple[np.ndarray, np.ndarray]:
    """Claim ids (UTF-8 bytes) and their vectors for one model, memory-mapped from the side file when it was built
    from this very generation of the database; else read from the database and the side file written anew (where
    the folder allows: a read-only one only makes search slower)."""
    # The generation is read before the rows: should a writer commit in between, the file is labelled older than
    # what it holds and rebuilt on the next search, never the other way round.
    generation = db.execute("select value from generation").fetchone()[0]
    path = _side_file(db, model)
    if path and use_file:
        loaded = _read_side_file(path, generation, model)
        if loaded is not None:
            return loaded
    rows = db.execute("select c.id, e.vector, e.dims from claims c join embeddings e "
                      "on e.text_hash = c.text_hash and e.model = ? order by c.rowid", [model]).fetchall()
    if not rows:
        return np.zeros(0, dtype="S1"), np.zeros((0, 1), dtype=np.float32)
    ids = np.array([r[0].encode("utf-8") for r in rows], dtype=bytes)
    matrix = stack_vectors([unpack_vector(r[1], r[2]) for r in rows], model)
    if path:
        with suppress(OSError):
            _write_side_file(path, generation, model, ids, matrix)
    return ids, matrix


def _write_side_file(path: Path, generation: str, model: str, ids: np.ndarray, matrix: np.ndarray) -> None:
    """One file, replaced whole: a JSON header line, the ids at a fixed width, then the float32 vectors."""
    count, dims = matrix.shape
    meta = {"format": SIDE_FORMAT, "generation": generation, "model": model, "count": count, "dims": dims,
            "id_width": ids.dtype.itemsize}
    header = json.dumps(meta).encode()
    header += b" " * (-(len(header) + 1) % _ALIGN) + b"\n"
    ids_end = len(header) + ids.nbytes
    with replaced(path) as handle:
        handle.write(header)
        handle.write(ids.tobytes())
        handle.write(b"\0" * (-ids_end % _ALIGN))
        handle.write(memoryview(np.ascontiguousarray(matrix, dtype="<f4")))


def _read_side_file(path: Path, generation: str, model: str) -> tuple[np.ndarray, np.ndarray] | None:
    """The side file's ids and vectors, or None unless it is a regular file of this generation and model whose
    size fits its header exactly. Never through a symbolic link, and never waiting on a FIFO left there."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        size = info.st_size if stat.S_ISREG(info.st_mode) else -1
        try:
            meta = json.loads(handle.readline(4096))
        except ValueError:
            return None
        if not (isinstance(meta, dict) and meta.get("format") == SIDE_FORMAT
                and meta.get("generation") == generation and meta.get("model") == model):
            return None
        count, dims, width = (meta.get(k) for k in ("count", "dims", "id_width"))
        if not all(type(n) is int and n > 0 for n in (count, dims, width)):
            return None
        ids_start = handle.tell()
        vectors_start = ids_start + count * width + (-(ids_start + count * width) % _ALIGN)
        if size != vectors_start + count * dims * 4:
            return None
        ids = np.frombuffer(handle.read(count * width), dtype=f"S{width}")
        vectors = np.memmap(handle, dtype="<f4", mode="r", offset=vectors_start, shape=(count, dims))
    return ids, vectors


def search(db: Database, query: str, embedder: Embedder, limit: int = 10) -> list[Hit]:
    """The stored claims most similar to ``query`` (cosine over the stored embeddings of the same model).

    Each hit's vector is checked against the database: a side file that disagrees (edited, or ids permuted) is
    rebuilt rather than trusted, at the cost of ``limit`` rows."""
    vector = embedder.embed([query])[0]
    ids, matrix = _vector_matrix(db, embedder.name)
    hits = _best(db, ids, matrix, vector, embedder.name, limit, check=True)
    if hits is None:
        ids, matrix = _vector_matrix(db, embedder.name, use_file=False)
        hits = _best(db, ids, matrix, vector, embedder.name, limit)
    return hits


def _best(db: Database, ids: np.ndarray, matrix: np.ndarray, vector: np.ndarray, model: str, limit: int,
          check: bool = False) -> list[Hit] | None:
    """The ``limit`` best hits; with ``check``, None when a hit's vector is not the one the database holds."""
    if not len(ids):
        return []
    if matrix.shape[1] != len(vector):
        raise StoreError(f"the stored vectors of model {shown(model)} have {matrix.shape[1]} dimensions and the "
                         f"model gives {len(vector)}; ingest into a new database")
    scores = np.asarray(matrix @ vector)
    top = np.argpartition(-scores, min(limit, len(scores)) - 1)[:limit]
    top = top[np.argsort(-scores[top])]
    wanted = [ids[i].decode("utf-8", "replace") for i in top]
    marks = ",".join("?" * len(wanted))
    rows = {r["id"]: r for r in db.query(
        f"select c.id, c.text, c.sources, a.outlet, a.published, e.vector, e.dims from claims c "
        f"join articles a on a.id = c.article_id join embeddings e on e.text_hash = c.text_hash and e.model = ? "
        f"where c.id in ({marks})", [model, *wanted])}
    def stored(cid: str) -> np.ndarray:
        return unpack_vector(rows[cid]["vector"], rows[cid]["dims"])

    if check and not all(cid in rows and np.array_equal(stored(cid), matrix[i]) for cid, i in zip(wanted, top)):
        return None
    return [Hit(cid, round(float(scores[i]), 4), rows[cid]["text"], rows[cid]["outlet"], rows[cid]["published"],
                _chain(rows[cid]["sources"], cid)) for cid, i in zip(wanted, top) if cid in rows]


def _chain(stored: str, claim_id: str) -> list[str]:
    """The source chain of a stored claim; a damaged ``sources`` value is a one-line error, never a traceback."""
    try:
        chain = json.loads(stored)[0]["chain"]
    except (ValueError, TypeError, LookupError):
        chain = None
    if not (isinstance(chain, list) and all(isinstance(name, str) for name in chain)):
        raise StoreError(f"claim {shown(claim_id)} has damaged sources in the database ({shown(str(stored)[:40])})")
    return chain


