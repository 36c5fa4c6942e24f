"""The corpus: one SQLite file holding articles, sources, claims and embeddings.

The database stores and caches what the stages produce; it never sits in the middle of the logic. Opening a
database applies every package's pending migrations in order (sources, claims, verify).
"""
from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
from sqlite_utils import Database, Migrations

from claims import Claim, analyse, analysis_key, extract_claims
from claims.store import insert_claims, migrations as claim_migrations, text_hash
from sources import Article, ClaimdiffError, SourceRegistry, attribute
from sources.dates import parse_date
from sources.store import find_article, insert_article, load_article, migrations as source_migrations

from .compare import REVIEW_VERDICTS, Review
from .embed import Embedder
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


def default_db_path() -> Path:
    """$CLAIMDIFF_DB, else claimdiff.db in the user data directory."""
    if os.environ.get("CLAIMDIFF_DB"):
        return Path(os.environ["CLAIMDIFF_DB"])
    from platformdirs import user_data_dir

    return Path(user_data_dir("claimdiff")) / "claimdiff.db"


def open_db(path: str | Path | None = None, write: bool = True) -> Database:
    """Open (creating if needed) and migrate the corpus database; ``write=False`` accepts a read-only file."""
    path = Path(path) if path else default_db_path()
    try:
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


def _unpack(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype="<f4")


class CachedEmbedder:
    """Wraps an embedder: vectors of texts already seen come from the database, new ones are stored."""

    def __init__(self, embedder: Embedder, db: Database):
        self.inner = embedder
        self.db = db
        self.name = embedder.name

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        hashes = [text_hash(t) for t in texts]
        found: dict[str, np.ndarray] = {}
        unique = list(dict.fromkeys(hashes))
        for start in range(0, len(unique), 500):
            chunk = unique[start:start + 500]
            marks = ",".join("?" * len(chunk))
            for row in self.db.query(f"select text_hash, vector from embeddings where model = ? and text_hash in "
                                     f"({marks})", [self.name, *chunk]):
                found[row["text_hash"]] = _unpack(row["vector"])
        missing = [h for h in unique if h not in found]
        if missing:
            first_text = {h: t for h, t in zip(reversed(hashes), reversed(list(texts)))}
            vectors = self.inner.embed([first_text[h] for h in missing])
            with writing(self.db, "cannot store embeddings"):
                self.db["embeddings"].insert_all(
                    ({"text_hash": h, "model": self.name, "dims": int(v.shape[0]), "vector": _pack(v)}
                     for h, v in zip(missing, vectors)), replace=True)
            found.update(zip(missing, vectors))
        if not texts:
            return np.zeros((0, 1), dtype=np.float32)
        return np.vstack([found[h] for h in hashes]).astype(np.float32)


class CachedAnalyser:
    """Wraps ``claims.analyse``: articles analysed before (same text, metadata, registry and code) are read back."""

    def __init__(self, db: Database):
        self.db = db

    def __call__(self, article: Article, registry: SourceRegistry) -> list[Claim]:
        key = analysis_key(article, registry)
        article_id = article.id or "a1"
        row = self.db.execute("select claims from analyses where key = ?", [key]).fetchone()
        if row:
            return [Claim.from_record(r, article_id) for r in json.loads(row[0])]
        claims = analyse(article, registry)
        with writing(self.db, "cannot store the analysis"):
            self.db["analyses"].insert({"key": key, "claims": json.dumps([c.record() for c in claims])},
                                       replace=True)
        return claims


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


def _vector_matrix(db: Database, model: str) -> tuple[np.ndarray, np.ndarray]:
    """Claim ids and their vectors for one model, from a memory-mapped file beside the database that is rebuilt
    only when the claims change; where that file cannot be written, straight from the database."""
    signature = list(db.execute("select count(*), coalesce(max(rowid), 0) from claims").fetchone())
    filename = db.execute("pragma database_list").fetchone()[2]
    key = hashlib.sha256(model.encode()).hexdigest()[:12]
    files = {part: Path(f"{filename}.search-{key}.{part}") for part in ("vectors.npy", "ids.npy", "json")} \
        if filename else None
    if files:
        try:
            meta = json.loads(files["json"].read_text())
            if meta["signature"] == signature:
                return np.load(files["ids.npy"]), np.load(files["vectors.npy"], mmap_mode="r")
        except (OSError, ValueError, KeyError):
            pass
    rows = db.execute("select c.id, e.vector from claims c join embeddings e "
                      "on e.text_hash = c.text_hash and e.model = ? order by c.rowid", [model]).fetchall()
    ids = np.array([r[0] for r in rows], dtype=str)
    matrix = np.vstack([_unpack(r[1]) for r in rows]) if rows else np.zeros((0, 1), dtype=np.float32)
    if files and rows:
        try:
            np.save(files["vectors.npy"], matrix)
            np.save(files["ids.npy"], ids)
            files["json"].write_text(json.dumps({"signature": signature, "model": model}))  # written last
        except OSError:
            pass  # a read-only folder: search still works, only slower
    return ids, matrix


def search(db: Database, query: str, embedder: Embedder, limit: int = 10) -> list[Hit]:
    """The stored claims most similar to ``query`` (cosine over the stored embeddings of the same model)."""
    ids, matrix = _vector_matrix(db, embedder.name)
    if not len(ids):
        return []
    scores = np.asarray(matrix @ embedder.embed([query])[0])
    top = np.argpartition(-scores, min(limit, len(scores)) - 1)[:limit]
    top = top[np.argsort(-scores[top])]
    wanted = [str(ids[i]) for i in top]
    marks = ",".join("?" * len(wanted))
    rows = {r["id"]: r for r in db.query(
        f"select c.id, c.text, c.sources, a.outlet, a.published from claims c join articles a "
        f"on a.id = c.article_id where c.id in ({marks})", wanted)}
    return [Hit(cid, round(float(scores[i]), 4), rows[cid]["text"], rows[cid]["outlet"], rows[cid]["published"],
                json.loads(rows[cid]["sources"])[0]["chain"]) for cid, i in zip(wanted, top) if cid in rows]


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
    for row in db.query("select c.article_id, c.text, e.vector from claims c join embeddings e "
                        "on e.text_hash = c.text_hash and e.model = ?", [embedder.name]):
        claims[row["article_id"]].append((row["text"], _unpack(row["vector"])))
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
    known = {r["id"] for r in db.query("select id from claims where id in (?, ?)", [claim_a, claim_b])}
    for claim in (claim_a, claim_b):
        if claim not in known:
            raise StoreError(f"no stored claim {claim}")
    a, b = sorted((claim_a, claim_b))
    review = Review((a, b), verdict, note, reviewer, datetime.now(timezone.utc).isoformat(timespec="seconds"))
    with writing(db, "cannot store the review"):
        db["reviews"].insert({"claim_a": a, "claim_b": b, "verdict": verdict, "note": note, "reviewer": reviewer,
                              "at": review.at})
    return review


def reviews(db: Database) -> list[Review]:
    return [Review((r["claim_a"], r["claim_b"]), r["verdict"], r["note"] or "", r["reviewer"] or "", r["at"])
            for r in db.query("select * from reviews order by at, id")]


def save_comparison(db: Database, story_id: int, comparison) -> None:
    """Keep the latest comparison of a story (replacing the previous one) for reports and datasette."""
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    with writing(db, "cannot save the comparison"):
        db.execute("delete from alignments where story_id = ?", [story_id])
        db["alignments"].insert_all({
            "story_id": story_id, "claims": json.dumps(a.claims), "verdict": a.verdict,
            "machine_verdict": a.review["machine_verdict"] if a.review else a.verdict,
            "similarity": a.similarity, "differences": json.dumps(a.differences),
            "agreements": json.dumps(a.agreements), "shared_origin": a.shared_origin,
            "independent_origins": a.independent_origins, "review": json.dumps(a.review) if a.review else None,
            "model": comparison.model, "computed_at": now,
        } for a in comparison.alignments)
