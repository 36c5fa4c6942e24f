"""The corpus: one SQLite file holding articles, sources, claims and embeddings.

The database stores and caches what the stages produce; it never sits in the middle of the logic. Opening a
database applies every package's pending migrations in order (sources, claims, verify).
"""
from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import stat
from collections.abc import Callable, Iterable, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
from sqlite_utils import Database, Migrations

from ..claims import Claim, analyse, analysis_key, extract_claims
from ..claims.store import insert_claims, migrations as claim_migrations, text_hash
from ..sources import Article, ClaimdiffError, SourceRegistry, attribute
from ..sources.dates import parse_date
from ..sources.store import find_article, insert_article, load_article, migrations as source_migrations
from ..sources.errors import shown

from .comparison import REVIEW_VERDICTS, Review
from .embed import Embedder
from .files import replaced
from .stories import group_articles

migrations = Migrations("claimdiff.verify")


class StoreError(ClaimdiffError):
    """The database cannot be opened or written (corrupt, read-only, locked too long)."""


@migrations()
def m001_embeddings(db: Database) -> None:
    # Keyed by the claim text's hash and the model: the same text is never embedded twice by one model.
    db["embeddings"].create({"text_hash": str, "model": str, "dims": int, "vector": bytes},
                            pk=("text_hash", "model"))


@migrations()
def m002_stories(db: Database) -> None:
    db["stories"].create({"article_id": int, "story_id": int}, pk="article_id",
                         foreign_keys=[("article_id", "articles", "id")])
    db["stories"].create_index(["story_id"])


@migrations()
def m003_reviews(db: Database) -> None:
    db["reviews"].create({"id": int, "claim_a": str, "claim_b": str, "verdict": str, "note": str, "reviewer": str,
                          "at": str}, pk="id", foreign_keys=[("claim_a", "claims", "id"), ("claim_b", "claims", "id")])
    db["reviews"].create_index(["claim_a", "claim_b"])


@migrations()
def m004_alignments(db: Database) -> None:
    # The latest comparison of each story, as compare/report --story computed it; `verdicts` puts the human
    # verdict next to the machine's.
    db["alignments"].create({
        "id": int, "story_id": int, "claims": str, "verdict": str, "machine_verdict": str, "similarity": float,
        "differences": str, "agreements": str, "shared_origin": str, "independent_origins": int, "review": str,
        "model": str, "computed_at": str,
    }, pk="id")
    db["alignments"].create_index(["story_id"])
    db.create_view("verdicts", """
        select a.id as alignment_id, a.story_id, a.claims, a.machine_verdict, a.verdict,
               json_extract(a.review, '$.by') as reviewed_by, json_extract(a.review, '$.note') as review_note,
               a.shared_origin, a.independent_origins
        from alignments a""")


@migrations()
def m005_analyses(db: Database) -> None:
    # Each article's claims as compare computed them, keyed by claims.analysis_key (text, metadata, registry, code
    # version): a second compare of the same articles needs no parser.
    db["analyses"].create({"key": str, "claims": str}, pk="key")


@migrations()
def m006_generation(db: Database) -> None:
    # The search side file copies the claim vectors and is trusted only for the generation of the database it was
    # built from. Any change to claims or embeddings draws a new random generation in the same transaction, so a
    # database deleted and rebuilt with as many claims (or restored from a copy) never matches an old side file.
    db.execute("create table generation (id integer primary key check (id = 1), value text not null)")
    db.execute("insert into generation values (1, lower(hex(randomblob(16))))")
    for table in ("claims", "embeddings"):
        for event in ("insert", "update", "delete"):
            db.execute(f"create trigger {table}_{event}_generation after {event} on {table} "
                       f"begin update generation set value = lower(hex(randomblob(16))); end")


def default_db_path() -> Path:
    """$CLAIMDIFF_DB, else claimdiff.db in the user data directory."""
    if os.environ.get("CLAIMDIFF_DB"):
        return Path(os.environ["CLAIMDIFF_DB"])
    from platformdirs import user_data_dir

    return Path(user_data_dir("claimdiff")) / "claimdiff.db"


def open_db(path: str | Path | None = None, write: bool = True) -> Database:
    """Open (creating if needed) and migrate the corpus database; ``write=False`` accepts a read-only file.

    Only the default location's folder is created: a folder missing from a path someone gave (--db,
    $CLAIMDIFF_DB) is more likely a typo than a wish for a new tree of folders."""
    given = path or os.environ.get("CLAIMDIFF_DB")
    path = Path(given) if given else default_db_path()
    if given and not path.parent.is_dir():
        raise StoreError(f"{shown(path)}: folder {shown(path.parent)} does not exist; create it first")
    try:
        if not given:
            path.parent.mkdir(parents=True, exist_ok=True)
        db = Database(path)
        db.execute("pragma busy_timeout = 10000")
        if write:
            # Fail here, naming the file, rather than halfway through a command.
            db.execute("begin immediate")
            db.rollback()
            if db.execute("pragma journal_mode").fetchone()[0] != "wal":
                db.execute("pragma journal_mode = wal")
        for migration_set in (source_migrations, claim_migrations, migrations):
            if write or migration_set.pending(db):
                migration_set.apply(db)
    except sqlite3.OperationalError as exc:
        if "readonly" in str(exc) or "read-only" in str(exc):
            raise StoreError(f"{path}: the database is read-only") from None
        raise StoreError(f"{path}: cannot open the database ({exc})") from None
    except (sqlite3.DatabaseError, OSError) as exc:
        raise StoreError(f"{path}: cannot open the database ({exc})") from None
    return db


@contextmanager
def writing(db: Database, failure: str):
    """A write transaction that takes the write lock up front (BEGIN IMMEDIATE), so that a concurrent writer makes
    this one wait for the busy timeout instead of failing halfway; rolled back on any error, and a database error
    becomes a StoreError that starts with ``failure``."""
    try:
        db.execute("begin immediate")
        try:
            yield db
        except BaseException:
            db.rollback()
            raise
        db.commit()
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{failure} ({exc})") from None


def _pack(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype="<f4").tobytes()


def _unpack(blob: bytes, dims: int) -> np.ndarray:
    """A stored vector, checked against the dimensions stored with it: a truncated or foreign blob read as it is
    would give scores that look like any others."""
    if isinstance(blob, bytes) and isinstance(dims, int) and dims > 0 and len(blob) == 4 * dims:
        return np.frombuffer(blob, dtype="<f4")
    held = f"{len(blob)} bytes" if isinstance(blob, bytes) else f"a {type(blob).__name__}"
    raise StoreError(f"the database holds a corrupt vector ({held} for {dims} dimensions); ingest into a new database")


def _check_lengths(vectors: Iterable[np.ndarray], model: str) -> None:
    if len({len(v) for v in vectors}) > 1:
        raise StoreError(f"the database holds vectors of different lengths for model {shown(model)}; "
                         f"ingest into a new database")


def _stack(vectors: Sequence[np.ndarray], model: str) -> np.ndarray:
    _check_lengths(vectors, model)
    return np.vstack(vectors).astype(np.float32)


class CachedEmbedder:
    """Wraps an embedder: vectors of texts already seen come from the database, new ones are stored.

    ``deferred`` keeps new vectors in memory until ``save_pending`` (compare stores nothing from a run that fails)."""

    def __init__(self, embedder: Embedder, db: Database, deferred: bool = False):
        self.inner = embedder
        self.db = db
        self.name = embedder.name
        self.deferred = deferred
        self.pending: dict[str, np.ndarray] = {}

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        hashes = [text_hash(t) for t in texts]
        found: dict[str, np.ndarray] = {h: self.pending[h] for h in hashes if h in self.pending}
        unique = [h for h in dict.fromkeys(hashes) if h not in found]
        for start in range(0, len(unique), 500):
            chunk = unique[start:start + 500]
            marks = ",".join("?" * len(chunk))
            for row in self.db.query(f"select text_hash, vector, dims from embeddings where model = ? and "
                                     f"text_hash in ({marks})", [self.name, *chunk]):
                found[row["text_hash"]] = _unpack(row["vector"], row["dims"])
        missing = [h for h in unique if h not in found]
        if missing:
            first_text = {h: t for h, t in zip(reversed(hashes), reversed(list(texts)))}
            new = dict(zip(missing, self.inner.embed([first_text[h] for h in missing])))
            if self.deferred:
                self.pending.update(new)
            else:
                with writing(self.db, "cannot store embeddings"):
                    self._insert(new)
            found.update(new)
        if not texts:
            return np.zeros((0, 1), dtype=np.float32)
        return _stack([found[h] for h in hashes], self.name)

    def save_pending(self) -> None:
        """Store the vectors held back (inside the caller's transaction)."""
        self._insert(self.pending)
        self.pending = {}

    def _insert(self, vectors: dict[str, np.ndarray]) -> None:
        self.db["embeddings"].insert_all(
            ({"text_hash": h, "model": self.name, "dims": int(v.shape[0]), "vector": _pack(v)}
             for h, v in vectors.items()), replace=True)


class CachedAnalyser:
    """Wraps ``claims.analyse``: articles analysed before (same text, metadata, registry and code) are read back.

    ``deferred`` keeps new analyses in memory until ``save_pending``, as CachedEmbedder does."""

    def __init__(self, db: Database, deferred: bool = False):
        self.db = db
        self.deferred = deferred
        self.pending: dict[str, str] = {}

    def __call__(self, article: Article, registry: SourceRegistry) -> list[Claim]:
        key = analysis_key(article, registry)
        article_id = article.id or "a1"
        stored = self.pending.get(key)
        if stored is None:
            row = self.db.execute("select claims from analyses where key = ?", [key]).fetchone()
            stored = row[0] if row else None
        if stored is not None:
            return [Claim.from_record(r, article_id) for r in json.loads(stored)]
        claims = analyse(article, registry)
        new = {key: json.dumps([c.record() for c in claims])}
        if self.deferred:
            self.pending.update(new)
        else:
            with writing(self.db, "cannot store the analysis"):
                self._insert(new)
        return claims

    def save_pending(self) -> None:
        """Store the analyses held back (inside the caller's transaction)."""
        self._insert(self.pending)
        self.pending = {}

    def _insert(self, analyses: dict[str, str]) -> None:
        self.db["analyses"].insert_all(({"key": k, "claims": v} for k, v in analyses.items()), replace=True)


@dataclass
class IngestResult:
    path: str
    article_id: int
    outlet: str | None
    claims: int
    new: bool


def ingest(db: Database, articles: Iterable[Article], embedder: Embedder, registry: SourceRegistry | None = None,
           progress: Callable[[IngestResult], None] | None = None) -> list[IngestResult]:
    """Store each article with its sources, claims and embeddings, one transaction per article.

    An article whose text is already stored is skipped, so running the same ingest twice adds nothing.
    """
    registry = registry or SourceRegistry.default()
    cached = CachedEmbedder(embedder, db)
    results = []
    for article in articles:
        existing = find_article(db, article)
        if existing is None:
            statements = attribute(article, registry)
            claims = extract_claims(article, statements)
            cached.embed([c.text for c in claims])  # before the transaction: the slow part holds no lock
            with writing(db, f"{article.path}: cannot store the article"):
                # Checked again under the write lock: another process may have stored the same text meanwhile.
                existing = find_article(db, article)
                if existing is None:
                    article_id = insert_article(db, article, statements)
                    prefix = f"A{article_id}"
                    for claim in claims:
                        claim.id = claim.id.replace(claim.article, prefix, 1)
                        claim.article = prefix
                    insert_claims(db, article_id, claims)
        if existing is None:
            result = IngestResult(article.path or "", article_id, article.outlet, len(claims), True)
        else:
            result = IngestResult(article.path or "", existing, article.outlet, 0, False)
        results.append(result)
        if progress:
            progress(result)
    return results


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
    matrix = _stack([_unpack(r[1], r[2]) for r in rows], model)
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
    if check and not all(cid in rows and np.array_equal(_unpack(rows[cid]["vector"], rows[cid]["dims"]), matrix[i])
                         for cid, i in zip(wanted, top)):
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


@dataclass
class Story:
    id: int
    article_ids: list[int]
    outlets: list[str]
    first: str | None
    last: str | None
    title: str | None

    def to_dict(self) -> dict:
        return dict(self.__dict__)


def update_stories(db: Database, embedder: Embedder) -> list[Story]:
    """Group every stored article into stories (see verify.stories) and save the grouping; ids run 1..n."""
    articles = {r["id"]: r for r in db.query("select id, outlet, title, published from articles order by id")}
    claims: dict[int, list[tuple[str, np.ndarray]]] = {i: [] for i in articles}
    for row in db.query("select c.article_id, c.text, e.vector, e.dims from claims c join embeddings e "
                        "on e.text_hash = c.text_hash and e.model = ?", [embedder.name]):
        claims[row["article_id"]].append((row["text"], _unpack(row["vector"], row["dims"])))
    _check_lengths((v for found in claims.values() for _, v in found), embedder.name)
    ids = [i for i in articles if claims[i]]
    groups = group_articles(ids, [[t for t, _ in claims[i]] for i in ids],
                            [np.vstack([v for _, v in claims[i]]) for i in ids],
                            [parse_date(articles[i]["published"]) for i in ids])
    with writing(db, "cannot save stories"):
        db.execute("delete from stories")
        db["stories"].insert_all({"article_id": a, "story_id": n} for n, g in enumerate(groups, 1) for a in g)
    return stories(db)


def stories(db: Database) -> list[Story]:
    """The saved stories, with their outlets and date range."""
    out: dict[int, Story] = {}
    for row in db.query("select s.story_id, a.id, a.outlet, a.title, a.published from stories s join articles a "
                        "on a.id = s.article_id order by s.story_id, a.published, a.id"):
        story = out.setdefault(row["story_id"], Story(row["story_id"], [], [], None, None, row["title"]))
        story.article_ids.append(row["id"])
        if row["outlet"] and row["outlet"] not in story.outlets:
            story.outlets.append(row["outlet"])
        if row["published"]:
            story.first = story.first or row["published"]
            story.last = row["published"]
    return list(out.values())


def story_articles(db: Database, story_id: int) -> list[Article]:
    """The articles of a saved story, read back from the database."""
    rows = list(db.query("select a.* from stories s join articles a on a.id = s.article_id where s.story_id = ? "
                         "order by a.published, a.id", [story_id]))
    if not rows:
        raise StoreError(f"no story {story_id}; run `claimdiff stories` to list them")
    return [load_article(row) for row in rows]


def add_review(db: Database, claim_a: str, claim_b: str, verdict: str, note: str, reviewer: str) -> Review:
    """Store a fact-checker's verdict on two stored claims."""
    if verdict not in REVIEW_VERDICTS:
        raise StoreError(f"verdict must be one of {', '.join(REVIEW_VERDICTS)}")
    if claim_a == claim_b:  # a verdict of a claim on itself would still join or split its group
        raise StoreError(f"a claim cannot be reviewed against itself ({shown(claim_a)} twice)")
    known = claim_outlines(db, [claim_a, claim_b])
    for claim in (claim_a, claim_b):
        if claim not in known:
            raise StoreError(f"no stored claim {shown(claim)}")
    a, b = sorted((claim_a, claim_b))
    review = Review((a, b), verdict, note, reviewer, datetime.now(timezone.utc).isoformat(timespec="seconds"))
    with writing(db, "cannot store the review"):
        db["reviews"].insert({"claim_a": a, "claim_b": b, "verdict": verdict, "note": note, "reviewer": reviewer,
                              "at": review.at})
    return review


def claim_outlines(db: Database, claim_ids: Sequence[str]) -> dict[str, tuple[str | None, str]]:
    """Outlet and text of each stored claim of ``claim_ids``, for confirmations that name more than ids."""
    marks = ",".join("?" * len(claim_ids))
    return {r["id"]: (r["outlet"], r["text"]) for r in db.query(
        f"select c.id, c.text, a.outlet from claims c join articles a on a.id = c.article_id where c.id in ({marks})",
        list(claim_ids))}


def reviews(db: Database) -> list[Review]:
    return [Review((r["claim_a"], r["claim_b"]), r["verdict"], r["note"] or "", r["reviewer"] or "", r["at"])
            for r in db.query("select * from reviews order by at, id")]


def save_run(db: Database, caches: Sequence[CachedEmbedder | CachedAnalyser], story_id: int | None = None,
             comparison=None) -> None:
    """Store what a compare that succeeded computed, in one transaction: the vectors and analyses its caches held
    back, and the comparison of a stored story. A run that fails before this stores nothing."""
    with writing(db, "cannot save the comparison"):
        for cache in caches:
            cache.save_pending()
        if story_id is not None:
            _replace_alignments(db, story_id, comparison)


def _replace_alignments(db: Database, story_id: int, comparison) -> None:
    """Keep the latest comparison of a story (replacing the previous one) for reports and datasette."""
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    db.execute("delete from alignments where story_id = ?", [story_id])
    db["alignments"].insert_all({
        "story_id": story_id, "claims": json.dumps(a.claims), "verdict": a.verdict,
        "machine_verdict": a.review["machine_verdict"] if a.review else a.verdict,
        "similarity": a.similarity, "differences": json.dumps(a.differences),
        "agreements": json.dumps(a.agreements), "shared_origin": a.shared_origin,
        "independent_origins": a.independent_origins, "review": json.dumps(a.review) if a.review else None,
        "model": comparison.model, "computed_at": now,
    } for a in comparison.alignments)
