"""The corpus: one SQLite file holding articles, their claims and analyses, embeddings, stories and comparisons.

The database stores and caches what the stages produce; it never sits in the middle of the logic. Opening a
database applies every package's pending migrations in order (sources, claims, verify).
"""
from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
from sqlite_utils import Database, Migrations

from ..claims import Claim, analyse, analysis_key
from ..claims.store import insert_claims, text_hash
from ..claims.store import migrations as claim_migrations
from ..sources import Article, ClaimdiffError, SourceRegistry
from ..sources.dates import parse_date
from ..sources.errors import shown
from ..sources.store import find_article, insert_article, load_article
from ..sources.store import migrations as source_migrations
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


@migrations()
def m007_stable_story_ids(db: Database) -> None:
    # A story id is assigned once and never reused (AUTOINCREMENT never hands out a deleted or retired id again),
    # so an id a reviewer wrote down keeps naming the same articles; merges and splits are recorded.
    db.execute("create table story_ids (id integer primary key autoincrement, created_at text)")
    db.execute("insert into story_ids (id) select distinct story_id from stories order by story_id")
    db["story_merges"].create({"old_id": int, "into_id": int, "at": str}, pk="old_id",
                              foreign_keys=[("old_id", "story_ids", "id"), ("into_id", "story_ids", "id")])
    db["story_splits"].create({"from_id": int, "into_id": int, "article_ids": str, "at": str},
                              foreign_keys=[("from_id", "story_ids", "id"), ("into_id", "story_ids", "id")])


# Readable views for `datasette claimdiff.db` (and any SQLite client): JSON columns unpacked, ids joined to text.
# Damaged JSON in a row shows as an empty cell instead of failing the whole page (json_valid guards).
_CHAIN = ("(select group_concat(value, ' → ') from (select value from json_each(case when json_valid({col}) "
          "then {col} else '[]' end, '$[0].chain') order by key))")
BROWSE_VIEWS = {
    "claims_view": f"""
        select c.id as claim_id, s.story_id, a.outlet, a.published, c.text as claim,
               {_CHAIN.format(col="c.sources")} as chain,
               case when json_valid(c.sources) then json_extract(c.sources, '$[0].kind') end as source_kind,
               case when json_valid(c.record) then
                   case when json_type(c.record, '$.sentence[1]') = 'integer'
                        then substr(a.text, json_extract(c.record, '$.sentence[0]') + 1,
                                    json_extract(c.record, '$.sentence[1]') - json_extract(c.record, '$.sentence[0]'))
                   end
               end as sentence,
               c.hedged, a.title, a.url, c.article_id, c.start, c."end"
        from claims c join articles a on a.id = c.article_id left join stories s on s.article_id = a.id""",
    "alignments_view": f"""
        with pairs as (
            select al.id as alignment_id, al.story_id, x.value as claim_a, y.value as claim_b, al.verdict,
                   al.machine_verdict, al.similarity, al.shared_origin, al.independent_origins, al.computed_at
            from alignments al, json_each(case when json_valid(al.claims) then al.claims else '[]' end) x,
                 json_each(case when json_valid(al.claims) then al.claims else '[]' end) y
            where x.key < y.key),
        latest as (
            select r.*, row_number() over (partition by r.claim_a, r.claim_b order by r.at desc, r.id desc) as n
            from reviews r)
        select p.alignment_id, p.story_id, p.claim_a, aa.outlet as outlet_a, ca.text as text_a,
               {_CHAIN.format(col="ca.sources")} as chain_a,
               p.claim_b, ab.outlet as outlet_b, cb.text as text_b, {_CHAIN.format(col="cb.sources")} as chain_b,
               coalesce(lr.verdict, p.verdict) as verdict, p.machine_verdict, lr.verdict as human_verdict,
               lr.reviewer as reviewed_by, lr.note as review_note, lr.at as reviewed_at, p.similarity,
               p.shared_origin, p.independent_origins, p.computed_at
        from pairs p
        left join claims ca on ca.id = p.claim_a left join articles aa on aa.id = ca.article_id
        left join claims cb on cb.id = p.claim_b left join articles ab on ab.id = cb.article_id
        left join latest lr on lr.n = 1 and lr.claim_a = min(p.claim_a, p.claim_b)
                            and lr.claim_b = max(p.claim_a, p.claim_b)""",
    "reviews_view": """
        select r.id as review_id, s.story_id, r.verdict, r.reviewer, r.note, r.at,
               r.claim_a, aa.outlet as outlet_a, ca.text as text_a, r.claim_b, ab.outlet as outlet_b, cb.text as text_b
        from reviews r
        left join claims ca on ca.id = r.claim_a left join articles aa on aa.id = ca.article_id
        left join claims cb on cb.id = r.claim_b left join articles ab on ab.id = cb.article_id
        left join stories s on s.article_id = ca.article_id""",
    "stories_view": """
        select s.story_id, count(*) as articles, group_concat(distinct a.outlet) as outlets,
               min(a.published) as first_published, max(a.published) as last_published,
               (select count(*) from claims c join stories t on t.article_id = c.article_id
                where t.story_id = s.story_id) as claims,
               (select group_concat(m.old_id, ', ') from story_merges m where m.into_id = s.story_id) as merged_from
        from stories s join articles a on a.id = s.article_id
        group by s.story_id""",
    "story_articles_view": """
        select s.story_id, a.id as article_id, a.outlet, a.published, a.title, a.url, a.path,
               (select count(*) from claims c where c.article_id = a.id) as claims
        from stories s join articles a on a.id = s.article_id
        order by s.story_id, a.published, a.id""",
}


@migrations()
def m008_browse_views(db: Database) -> None:
    for name, sql in BROWSE_VIEWS.items():
        db.create_view(name, sql)


@migrations()
def m009_review_content(db: Database) -> None:
    # Each reviewed claim as it read (article, text, span), so that a later analysis, whose claim ids may differ
    # after a rule changed, finds the same claims; rows reviewed before take it from the claims they name.
    for side in ("a", "b"):
        db["reviews"].add_column(f"article_{side}", int)
        db["reviews"].add_column(f"text_{side}", str)
        db["reviews"].add_column(f"start_{side}", int)
        db["reviews"].add_column(f"end_{side}", int)
        db.execute(f"update reviews set (article_{side}, text_{side}, start_{side}, end_{side}) = "
                   f"(select c.article_id, c.text, c.start, c.end from claims c where c.id = reviews.claim_{side})")


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


def pack_vector(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype="<f4").tobytes()


def unpack_vector(blob: bytes, dims: int) -> np.ndarray:
    """A stored vector, checked against the dimensions stored with it: a truncated or foreign blob read as it is
    would give scores that look like any others."""
    if isinstance(blob, bytes) and isinstance(dims, int) and dims > 0 and len(blob) == 4 * dims:
        return np.frombuffer(blob, dtype="<f4")
    held = f"{len(blob)} bytes" if isinstance(blob, bytes) else f"a {type(blob).__name__}"
    raise StoreError(f"the database holds a corrupt vector ({held} for {dims} dimensions); ingest into a new database")


def check_lengths(vectors: Iterable[np.ndarray], model: str) -> None:
    if len({len(v) for v in vectors}) > 1:
        raise StoreError(f"the database holds vectors of different lengths for model {shown(model)}; "
                         f"ingest into a new database")


def stack_vectors(vectors: Sequence[np.ndarray], model: str) -> np.ndarray:
    check_lengths(vectors, model)
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
                found[row["text_hash"]] = unpack_vector(row["vector"], row["dims"])
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
        return stack_vectors([found[h] for h in hashes], self.name)

    def save_pending(self) -> None:
        """Store the vectors held back (inside the caller's transaction)."""
        self._insert(self.pending)
        self.pending = {}

    def _insert(self, vectors: dict[str, np.ndarray]) -> None:
        self.db["embeddings"].insert_all(
            ({"text_hash": h, "model": self.name, "dims": int(v.shape[0]), "vector": pack_vector(v)}
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
    """Store each article with its claims, their analysis and embeddings, one transaction per article.

    An article whose text is already stored is skipped, so running the same ingest twice adds nothing. The analysis
    is the one ``compare`` reads back (``analyses``), so a later ``compare --story`` needs no parser."""
    registry = registry or SourceRegistry.default()
    analyser = CachedAnalyser(db, deferred=True)
    cached = CachedEmbedder(embedder, db, deferred=True)
    results = []
    for article in articles:
        existing = find_article(db, article)
        if existing is None:
            # The slow part (parse, model) before the transaction: it holds no lock.
            claims = analyser(article, registry)
            cached.embed([c.text for c in claims])
            with writing(db, f"{article.path}: cannot store the article"):
                # Checked again under the write lock: another process may have stored the same text meanwhile.
                existing = find_article(db, article)
                if existing is None:
                    article_id = insert_article(db, article)
                    prefix = f"A{article_id}"
                    insert_claims(db, article_id, [Claim.from_record(c.record(), prefix) for c in claims], article.text)
                    analyser.save_pending()
                    cached.save_pending()
        if existing is None:
            result = IngestResult(article.path or "", article_id, article.outlet, len(claims), True)
        else:
            result = IngestResult(article.path or "", existing, article.outlet, 0, False)
        results.append(result)
        if progress:
            progress(result)
    return results


def load_claims(db: Database, article_id: int) -> list[Claim]:
    """A stored article's claims, read back as the Claim objects ingest stored (ids ``A<article>-c<n>``)."""
    prefix = f"A{article_id}"
    rows = db.execute("select record from claims where article_id = ? order by rowid", [article_id]).fetchall()
    try:
        return [Claim.from_record(json.loads(row[0]), prefix) for row in rows]
    except (TypeError, ValueError, LookupError, AttributeError):
        raise StoreError(f"article {article_id} has damaged claims in the database; ingest into a new database") \
            from None


@dataclass
class Story:
    id: int
    article_ids: list[int]
    outlets: list[str]
    first: str | None
    last: str | None
    title: str | None
    merged: list[int] = field(default_factory=list)
    """Ids of the stories merged into this one, ever (``story_merges``): they name no story of their own now."""

    def to_dict(self) -> dict:
        return dict(self.__dict__)


@dataclass
class StoryUpdate:
    """What a regrouping changed, besides the stories themselves."""

    stories: list[Story]
    merged: list[tuple[int, int]] = field(default_factory=list)
    """(old id, id it merged into): two stories found to report one event."""
    split: list[tuple[int, int, list[int]]] = field(default_factory=list)
    """(story id, id the articles went to, article ids): articles that left a story that goes on."""
    new: list[int] = field(default_factory=list)
    """Ids given for the first time."""


def assign_story_ids(groups: Sequence[Sequence[int]], previous: dict[int, int]
                     ) -> tuple[list[int | None], list[tuple[int, int]], list[tuple[int, int, list[int]]]]:
    """Keep story ids stable across regroupings.

    ``groups`` are the new stories as lists of article ids, ``previous`` the story id each article had. Each old
    story continues in the group that holds most of its articles (ties: the earlier, larger group); a group that
    continues several keeps the lowest (oldest) id and the others merge into it; a group that continues none gets
    ``None`` (a new id). Returns the id per group, the merges (old id, into id) and the articles that moved out of a
    story that goes on elsewhere (story id, group index, article ids)."""
    overlap: dict[int, dict[int, list[int]]] = {}
    for index, group in enumerate(groups):
        for article in group:
            if article in previous:
                overlap.setdefault(previous[article], {}).setdefault(index, []).append(article)
    heir = {old: max(parts, key=lambda i: (len(parts[i]), -i)) for old, parts in overlap.items()}
    ids: list[int | None] = [None] * len(groups)
    merges = []
    for old in sorted(heir):
        index = heir[old]
        if ids[index] is None:
            ids[index] = old
        else:
            merges.append((old, ids[index]))
    moved = [(old, index, sorted(articles)) for old, parts in sorted(overlap.items())
             for index, articles in sorted(parts.items()) if index != heir[old]]
    return ids, merges, moved


def update_stories(db: Database, embedder: Embedder) -> list[Story]:
    """Group every stored article into stories (see verify.stories) and save the grouping with stable ids."""
    return regroup_stories(db, embedder).stories


def regroup_stories(db: Database, embedder: Embedder) -> StoryUpdate:
    """Group every stored article into stories and save the grouping.

    Ids are stable (see ``assign_story_ids``): an id stays with its articles, merged stories keep the lowest id and
    the merge is recorded in ``story_merges``, articles that leave a story are recorded in ``story_splits``, and a
    new story gets an id never used before. Articles this grouping cannot place (no claims, or no vectors for this
    model) keep the story they had."""
    articles = {r["id"]: r for r in db.query("select id, outlet, title, published from articles order by id")}
    claims: dict[int, list[tuple[str, np.ndarray]]] = {i: [] for i in articles}
    for row in db.query("select c.article_id, c.text, e.vector, e.dims from claims c join embeddings e "
                        "on e.text_hash = c.text_hash and e.model = ?", [embedder.name]):
        claims[row["article_id"]].append((row["text"], unpack_vector(row["vector"], row["dims"])))
    check_lengths((v for found in claims.values() for _, v in found), embedder.name)
    ids = [i for i in articles if claims[i]]
    groups = group_articles(ids, [[t for t, _ in claims[i]] for i in ids],
                            [np.vstack([v for _, v in claims[i]]) for i in ids],
                            [parse_date(articles[i]["published"]) for i in ids])
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    with writing(db, "cannot save stories"):
        # Read under the write lock: another process may have regrouped meanwhile.
        previous = {r[0]: r[1] for r in db.execute("select article_id, story_id from stories")}
        story_ids, merges, moved = assign_story_ids(groups, previous)
        new = []
        for index, story_id in enumerate(story_ids):
            if story_id is None:
                story_ids[index] = db.execute("insert into story_ids (created_at) values (?)", [now]).lastrowid
                new.append(story_ids[index])
        final = dict(merges)
        placed = {a for g in groups for a in g}
        kept = [(a, final.get(s, s)) for a, s in previous.items() if a not in placed and a in articles]
        db.execute("delete from stories")
        db["stories"].insert_all(
            [{"article_id": a, "story_id": story_ids[n]} for n, g in enumerate(groups) for a in g]
            + [{"article_id": a, "story_id": s} for a, s in kept])
        db["story_merges"].insert_all({"old_id": old, "into_id": into, "at": now} for old, into in merges)
        split = [(old, story_ids[index], articles_moved) for old, index, articles_moved in moved]
        db["story_splits"].insert_all({"from_id": old, "into_id": into, "article_ids": json.dumps(moved_ids),
                                       "at": now} for old, into, moved_ids in split)
    return StoryUpdate(stories(db), merges, split, new)


def stories(db: Database) -> list[Story]:
    """The saved stories, with their outlets, date range and the ids merged into them."""
    merged: dict[int, list[int]] = {}
    for row in db.query("select old_id, into_id from story_merges order by old_id"):
        merged.setdefault(row["into_id"], []).append(row["old_id"])
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
    for story in out.values():
        story.merged = _merged_into_closure(merged, story.id)
    return list(out.values())


def _merged_into_closure(merged: dict[int, list[int]], story_id: int) -> list[int]:
    """Every id merged into ``story_id``, directly or through a story merged into it."""
    found, todo = [], list(merged.get(story_id, []))
    while todo:
        old = todo.pop()
        found.append(old)
        todo.extend(merged.get(old, []))
    return sorted(found)


def merged_into(db: Database, story_id: int) -> tuple[int, str] | None:
    """The story a merged id now lives in (following merges of merges) and when it first merged, or None."""
    row = db.execute("select into_id, at from story_merges where old_id = ?", [story_id]).fetchone()
    if row is None:
        return None
    into, at = row
    seen = {story_id}
    while into not in seen:
        seen.add(into)
        nxt = db.execute("select into_id from story_merges where old_id = ?", [into]).fetchone()
        if nxt is None:
            break
        into = nxt[0]
    return into, at


def story_articles(db: Database, story_id: int) -> list[Article]:
    """The articles of a saved story, read back from the database."""
    rows = list(db.query("select a.* from stories s join articles a on a.id = s.article_id where s.story_id = ? "
                         "order by a.published, a.id", [story_id]))
    if not rows:
        raise _missing_story(db, story_id)
    return [load_article(row) for row in rows]


def story_article_ids(db: Database, story_id: int) -> list[int]:
    """The ids of a saved story's articles; a story that is gone is an error that says where it went."""
    ids = [r[0] for r in db.execute("select article_id from stories where story_id = ? order by article_id",
                                    [story_id])]
    if not ids:
        raise _missing_story(db, story_id)
    return ids


def _missing_story(db: Database, story_id: int) -> StoreError:
    merged = merged_into(db, story_id)
    if merged is not None:
        into, at = merged
        return StoreError(f"story {story_id} was merged into story {into} ({at[:10]}): its articles report the "
                          f"same event; use --story {into}")
    return StoreError(f"no story {story_id}; run `claimdiff stories` to list them")


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
        "similarity": a.similarity, "differences": json.dumps([d.to_dict() for d in a.differences]),
        "agreements": json.dumps([x.to_dict() for x in a.agreements]), "shared_origin": a.shared_origin,
        "independent_origins": a.independent_origins, "review": json.dumps(a.review) if a.review else None,
        "model": comparison.model, "computed_at": now,
    } for a in comparison.alignments)
