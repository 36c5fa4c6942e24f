"""Search over the stored claims: cosine over their embeddings (from a memory-mapped side file of the vectors) fused
with a keyword match over their text (SQLite FTS5), optionally within one story or one outlet."""
from __future__ import annotations

import hashlib
import json
import os
import re
import stat
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sqlite_utils import Database

from ..claims.facts import asked_count
from ..sources.errors import shown
from .corpus import StoreError, stack_vectors, unpack_vector
from .embed import Embedder
from .files import replaced


@dataclass
class Hit:
    claim_id: str
    score: float
    """Cosine similarity of the claim to the query."""
    text: str
    outlet: str | None
    published: str | None
    chain: list[str]
    sentence: str
    """The sentence the claim came from (the claim itself where the stored claim has no sentence span)."""
    keyword: bool
    """The claim shares a word (stemmed) with the query."""

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


FUSION_K = 60
"""Reciprocal rank fusion: a hit's score is the sum of 1 / (FUSION_K + rank) over the embedding and keyword rankings
(the constant of Cormack et al. 2009). benchmarks/eval_search.py measures it against the embedding alone."""
KEYWORD_WEIGHT = 1.0
"""The keyword ranking's weight in the fusion (the embedding's is 1)."""
CANDIDATES = 100
"""How deep each ranking is read before fusing (at least ``limit``)."""
_STOPWORDS = frozenset("""a an and are as at be by did do does for from has have how in is it of on or the to was were
what when where which who whom why will with any many much""".split())


def search(db: Database, query: str, embedder: Embedder, limit: int = 10, story: int | None = None,
           outlet: str | None = None) -> list[Hit]:
    """The stored claims that best answer ``query``: cosine over the stored embeddings of the same model, fused
    with a keyword match, within one stored ``story`` and/or one ``outlet`` (case-insensitive) if given.

    Each hit's vector is checked against the database: a side file that disagrees (edited, or ids permuted) is
    rebuilt rather than trusted, at the cost of ``limit`` rows."""
    vector = embedder.embed([query])[0]
    allowed = _allowed(db, story, outlet)
    keyword = _keyword_ranks(db, query, allowed, max(limit, CANDIDATES))
    event = asked_count(query)
    ids, matrix = _vector_matrix(db, embedder.name)
    hits = _best(db, ids, matrix, vector, embedder.name, limit, allowed, keyword, event, check=True)
    if hits is None:
        ids, matrix = _vector_matrix(db, embedder.name, use_file=False)
        hits = _best(db, ids, matrix, vector, embedder.name, limit, allowed, keyword, event)
    return hits


def _allowed(db: Database, story: int | None, outlet: str | None) -> set[str] | None:
    """The claim ids a filter leaves (None: no filter)."""
    if story is None and outlet is None:
        return None
    where, params = [], []
    if story is not None:
        where.append("a.id in (select article_id from stories where story_id = ?)")
        params.append(story)
    if outlet is not None:
        where.append("lower(a.outlet) = lower(?)")
        params.append(outlet)
    return {row[0] for row in db.execute(f"select c.id from claims c join articles a on a.id = c.article_id "
                                         f"where {' and '.join(where)}", params)}


def _counting(db: Database, claim_ids: list[str], event: str | None) -> set[str]:
    """Those of ``claim_ids`` that give a count of ``event`` (their facts say so: "Two soldiers were killed" for
    "killed")."""
    if event is None or not claim_ids:
        return set()
    marks = ",".join("?" * len(claim_ids))
    return {row[0] for row in db.execute(
        f"select distinct c.id from claims c, json_each(iif(json_valid(c.facts), c.facts, '{{}}'), '$.numbers') n "
        f"where c.id in ({marks}) and json_extract(n.value, '$.event') = ?", [*claim_ids, event])}


def _keyword_ranks(db: Database, query: str, allowed: set[str] | None, depth: int) -> dict[str, int]:
    """Claim id -> rank (1 = best) by FTS5's BM25 over the query's words (any of them; stop words dropped) in the
    claim, and with half the weight in its sentence (which names who said it)."""
    words = [w for w in re.findall(r"\w+", query.lower()) if w not in _STOPWORDS]
    if not words:
        return {}
    match = " OR ".join(f'"{word}"' for word in dict.fromkeys(words))
    rows = db.execute("select c.id from claims_fts join claims c on c.rowid = claims_fts.rowid "
                      "where claims_fts match ? order by bm25(claims_fts, 1.0, 0.5) limit ?",
                      [match, depth if allowed is None else -1]).fetchall()
    ranked = [row[0] for row in rows if allowed is None or row[0] in allowed][:depth]
    return {cid: rank for rank, cid in enumerate(ranked, start=1)}


def _best(db: Database, ids: np.ndarray, matrix: np.ndarray, vector: np.ndarray, model: str, limit: int,
          allowed: set[str] | None, keyword: dict[str, int], event: str | None,
          check: bool = False) -> list[Hit] | None:
    """The ``limit`` best hits by the fused rankings: the embedding's, the keyword match's, and, for a question
    that asks for a count, the embedding's among the claims that give that count. With ``check``, None when a
    hit's vector is not the one the database holds."""
    if not len(ids):
        return []
    if matrix.shape[1] != len(vector):
        raise StoreError(f"the stored vectors of model {shown(model)} have {matrix.shape[1]} dimensions and the "
                         f"model gives {len(vector)}; ingest into a new database")
    scores = np.asarray(matrix @ vector, dtype=np.float64)
    if allowed is not None:
        scores[~np.isin(ids, np.array([cid.encode("utf-8") for cid in allowed], dtype=bytes))] = -np.inf
    depth = min(max(limit, CANDIDATES), len(scores))
    top = np.argpartition(-scores, depth - 1)[:depth]
    top = top[np.argsort(-scores[top], kind="stable")]
    top = top[np.isfinite(scores[top])]
    position = {ids[i].decode("utf-8", "replace"): i for i in top}
    fused: dict[str, float] = {}
    for rank, cid in enumerate(position, start=1):
        fused[cid] = 1 / (FUSION_K + rank)
    for cid, rank in keyword.items():
        fused[cid] = fused.get(cid, 0.0) + KEYWORD_WEIGHT / (FUSION_K + rank)
    counted = _counting(db, list(position), event)
    for rank, cid in enumerate((cid for cid in position if cid in counted), start=1):
        fused[cid] += 1 / (FUSION_K + rank)
    wanted = sorted(fused, key=lambda cid: -fused[cid])[:limit]
    marks = ",".join("?" * len(wanted))
    rows = {r["id"]: r for r in db.query(
        f"select c.id, c.text, coalesce(c.sentence, c.text) as sentence, c.sources, a.outlet, a.published, "
        f"e.vector, e.dims from claims c join articles a on a.id = c.article_id "
        f"join embeddings e on e.text_hash = c.text_hash and e.model = ? where c.id in ({marks})", [model, *wanted])}

    def stored(cid: str) -> np.ndarray:
        return unpack_vector(rows[cid]["vector"], rows[cid]["dims"])

    if check and not all(cid in rows and np.array_equal(stored(cid), matrix[position[cid]])
                         for cid in wanted if cid in position):
        return None
    return [Hit(cid, round(float(stored(cid) @ vector), 4), rows[cid]["text"], rows[cid]["outlet"],
                rows[cid]["published"], _chain(rows[cid]["sources"], cid), rows[cid]["sentence"], cid in keyword)
            for cid in wanted if cid in rows]


def _chain(stored: str, claim_id: str) -> list[str]:
    """The source chain of a stored claim; a damaged ``sources`` value is a one-line error, never a traceback."""
    try:
        chain = json.loads(stored)[0]["chain"]
    except (ValueError, TypeError, LookupError):
        chain = None
    if not (isinstance(chain, list) and all(isinstance(name, str) for name in chain)):
        raise StoreError(f"claim {shown(claim_id)} has damaged sources in the database ({shown(str(stored)[:40])})")
    return chain


