import dataclasses
import hashlib
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

import claimdiff.verify.corpus as store
from claimdiff.claims import analysis_key
from claimdiff.cli import cli
from claimdiff.sources import Article, SourceRegistry, read_article
from claimdiff.verify import HashingEmbedder, register_embedder
from claimdiff.verify.corpus import CachedAnalyser, CachedEmbedder, StoreError, ingest, open_db

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


class CountingEmbedder(HashingEmbedder):
    def __init__(self):
        super().__init__(name="counting")
        self.texts = 0

    def embed(self, texts):
        self.texts += len(texts)
        return super().embed(texts)


def articles():
    return [Article.from_text("Two soldiers were killed in Hama, the army said. Schools closed.", outlet="A",
                              path="a.txt"),
            Article.from_text("Two police officers died near Kafr Buhum, SANA reported.", outlet="B", path="b.txt")]


def test_opening_migrates_once_and_keeps_the_tables(tmp_path):
    db = open_db(tmp_path / "c.db")
    assert {"articles", "claims", "analyses", "embeddings"} <= set(db.table_names())
    applied = [r["name"] for r in db["_sqlite_migrations"].rows]
    assert [name for name in applied if name.startswith("m001")] == ["m001_articles", "m001_claims", "m001_embeddings"]
    assert [r["name"] for r in open_db(tmp_path / "c.db")["_sqlite_migrations"].rows] == applied


def test_ingest_stores_claims_and_embeddings_and_skips_known_text(tmp_path):
    db = open_db(tmp_path / "c.db")
    embedder = CountingEmbedder()
    first = ingest(db, articles(), embedder)
    assert [r.new for r in first] == [True, True]
    assert db["claims"].count == sum(r.claims for r in first) == 3
    assert db["embeddings"].count == 3 and embedder.texts == 3
    row = next(db["claims"].rows_where("article_id = ?", [first[0].article_id]))
    assert row["id"].startswith(f"A{first[0].article_id}-c") and row["text_hash"] == hashlib.sha256(
        row["text"].encode()).hexdigest()
    again = ingest(db, articles(), embedder)
    assert [r.new for r in again] == [False, False] and db["articles"].count == 2 and embedder.texts == 3


def test_a_failed_article_leaves_nothing_behind(tmp_path, monkeypatch):
    db = open_db(tmp_path / "c.db")

    def broken(*args):
        raise store.sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(store, "insert_claims", broken)
    with pytest.raises(StoreError, match="cannot store the article"):
        ingest(db, articles()[:1], CountingEmbedder())
    assert [db[t].count for t in ("articles", "claims", "analyses", "embeddings")] == [0, 0, 0, 0]


def test_cached_embedder_embeds_each_text_once(tmp_path):
    db = open_db(tmp_path / "c.db")
    inner = CountingEmbedder()
    cached = CachedEmbedder(inner, db)
    first = cached.embed(["a claim about Hama", "another claim", "a claim about Hama"])
    assert inner.texts == 2
    second = cached.embed(["another claim", "a claim about Hama"])
    assert inner.texts == 2
    assert (second[1] == first[0]).all() and second.dtype.name == "float32"


def test_cli_ingest_a_directory_twice(tmp_path):
    db = tmp_path / "c.db"
    runner = CliRunner()
    first = runner.invoke(cli, ["ingest", str(EXAMPLES), "--db", str(db), "--model", "hashing"])
    assert first.exit_code == 0, first.output
    assert "3 articles added" in first.output
    second = runner.invoke(cli, ["ingest", str(EXAMPLES), "--db", str(db), "--model", "hashing"])
    assert "0 articles added" in second.output and "3 already stored" in second.output


def test_cli_ingest_with_one_bad_file_changes_nothing(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text("Two soldiers were killed in Hama, the army said.")
    (folder / "bad.json").write_text('{"text": ')
    db = tmp_path / "c.db"
    runner = CliRunner()
    runner.invoke(cli, ["ingest", str(EXAMPLES / "wire.txt"), "--db", str(db), "--model", "hashing"])
    from tests.test_bad_input import snapshot

    before = snapshot(db)
    result = runner.invoke(cli, ["ingest", str(folder), "--db", str(db), "--model", "hashing"])
    assert result.exit_code == 1 and "bad.json: malformed JSON" in result.output
    assert snapshot(db) == before


def test_compare_with_a_database_reuses_embeddings(tmp_path):
    counter = CountingEmbedder()
    register_embedder("counting-test", lambda: counter)
    files = [str(EXAMPLES / "wire.txt"), str(EXAMPLES / "regional.md")]
    args = ["compare", *files, "--model", "counting-test", "--db", str(tmp_path / "c.db"), "--format", "json"]
    first = CliRunner().invoke(cli, args)
    assert first.exit_code == 0, first.output
    seen = counter.texts
    second = CliRunner().invoke(cli, args)
    assert second.exit_code == 0 and counter.texts == seen and second.output == first.output


def test_a_corrupt_database_is_a_one_line_error(tmp_path):
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"this is not a database" * 100)
    result = CliRunner().invoke(cli, ["ingest", str(EXAMPLES / "wire.txt"), "--db", str(bad), "--model", "hashing"])
    assert result.exit_code == 1 and "cannot open the database" in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_stories_group_same_day_accounts_and_keep_another_event_apart():
    from datetime import date

    import numpy as np

    from claimdiff.verify.stories import group_articles

    near = np.array([[1.0, 0.0, 0.0]])
    other = np.array([[0.0, 1.0, 0.0]])
    stories = group_articles(
        [1, 2, 3, 4],
        [["Gunmen attacked a checkpoint in Kafr Buhum"], ["Gunmen hit a patrol near Kfar Bohom"],
         ["A quake struck Aceh"], ["Gunmen attacked Kafr Buhum again"]],
        [near, near, other, near],
        [date(2025, 3, 11), date(2025, 3, 12), date(2025, 3, 11), date(2025, 6, 1)])
    assert stories == [[1, 2], [3], [4]]


def test_cli_stories_then_compare_and_report_a_story(tmp_path):
    db = str(tmp_path / "c.db")
    runner = CliRunner()
    assert runner.invoke(cli, ["ingest", str(EXAMPLES), "--db", db]).exit_code == 0
    listed = runner.invoke(cli, ["stories", "--db", db, "--format", "json"])
    assert listed.exit_code == 0, listed.output
    import json

    [story] = json.loads(listed.output)
    assert len(story["article_ids"]) == 3
    assert sorted(story["outlets"]) == ["Hama Pulse", "Meridian Wire", "Orontes Today"]
    compared = runner.invoke(cli, ["compare", "--story", "1", "--db", db, "--format", "json"])
    assert compared.exit_code == 0, compared.output
    data = json.loads(compared.output)
    assert any(a["shared_origin"] == "SANA" and a["verdict"] == "contradict" for a in data["alignments"])
    report = tmp_path / "r.html"
    assert runner.invoke(cli, ["report", "--story", "1", "--db", db, "--format", "html", "-o", str(report)]
                         ).exit_code == 0
    assert "SANA" in report.read_text()
    missing = runner.invoke(cli, ["compare", "--story", "9", "--db", db])
    assert missing.exit_code == 1 and "no story 9" in missing.output


def test_a_review_wins_over_the_machine_in_later_views(tmp_path):
    import json

    db = str(tmp_path / "c.db")
    runner = CliRunner()
    runner.invoke(cli, ["ingest", str(EXAMPLES), "--db", db, "--model", "hashing"])
    runner.invoke(cli, ["stories", "--db", db, "--model", "hashing"])

    def story_json():
        result = runner.invoke(cli, ["compare", "--story", "1", "--db", db, "--model", "hashing", "--format", "json"])
        assert result.exit_code == 0, result.output
        return json.loads(result.output)

    data = story_json()
    texts = {c["id"]: c["text"] for c in data["claims"]}
    killed = sorted(cid for cid, text in texts.items() if "were killed" in text or "officers dead" in text)[:2]
    done = runner.invoke(cli, ["review", *killed, "--verdict", "contradict", "--note", "place differs", "--by", "ed",
                               "--db", db])
    assert done.exit_code == 0, done.output
    group = next(a for a in story_json()["alignments"] if set(killed) <= set(a["claims"]))
    assert group["verdict"] == "contradict"
    assert group["review"]["note"] == "place differs" and group["review"]["by"] == "ed"
    markdown = runner.invoke(cli, ["report", "--story", "1", "--db", db, "--model", "hashing"]).output
    assert "reviewed: contradict by ed" in markdown
    import sqlite_utils

    stored = [r for r in sqlite_utils.Database(db).query("select * from verdicts") if r["reviewed_by"] == "ed"]
    assert len(stored) == 1 and stored[0]["verdict"] == "contradict" and stored[0]["review_note"] == "place differs"

    runner.invoke(cli, ["review", *killed, "--verdict", "unrelated", "--db", db])
    after = story_json()
    assert not any(set(killed) <= set(a["claims"]) for a in after["alignments"])

    bad = runner.invoke(cli, ["review", "A1-c1", "A99-c1", "--verdict", "agree", "--db", db])
    assert bad.exit_code == 1 and "no stored claim A99-c1" in bad.output


def test_a_database_from_the_first_migrations_upgrades_without_loss(tmp_path):
    import sqlite_utils

    from claimdiff.claims.store import migrations as claim_migrations
    from claimdiff.sources.store import migrations as source_migrations

    path = tmp_path / "old.db"
    old = sqlite_utils.Database(path)
    source_migrations.apply(old, stop_before="m002_no_sources_table")
    claim_migrations.apply(old, stop_before="m002_claim_records")
    store.migrations.apply(old, stop_before="m002_stories")
    old["articles"].insert({"content_hash": "h", "text": "Two soldiers were killed."})
    old["sources"].insert({"article_id": 1, "name": "the army"})
    old["claims"].insert({"id": "A1-c1", "article_id": 1, "text": "Two soldiers were killed.", "text_hash": "t"})
    before = {t: old[t].count for t in ("articles", "claims")}
    old.close()
    upgraded = open_db(path)
    assert {"stories", "reviews", "alignments", "analyses"} <= set(upgraded.table_names())
    assert "verdicts" in upgraded.view_names()
    assert "sources" not in upgraded.table_names() and "record" in upgraded["claims"].columns_dict
    assert {t: upgraded[t].count for t in before} == before


def test_search_sees_new_claims_after_the_vector_file_was_written(tmp_path):
    from claimdiff.verify.search import search

    db = open_db(tmp_path / "c.db")
    embedder = HashingEmbedder()
    ingest(db, articles()[:1], embedder)
    assert search(db, "soldiers killed in Hama", embedder, limit=1)[0].text.startswith("Two soldiers")
    assert len(list(tmp_path.glob("c.db.search-*.vectors"))) == 1  # memory-mapped vectors beside the database
    ingest(db, articles()[1:], embedder)
    [hit] = search(db, "police officers died near Kafr Buhum", embedder, limit=1)
    assert hit.text.startswith("Two police officers") and hit.outlet == "B" and hit.chain[-1] == "B"


def test_a_stored_analysis_reads_back_equal_and_skips_the_parser(tmp_path, monkeypatch):
    db = open_db(tmp_path / "c.db")
    article = read_article(EXAMPLES / "regional.md")
    registry = SourceRegistry.default()
    fresh = CachedAnalyser(db)(dataclasses.replace(article, id="x1"), registry)
    monkeypatch.setattr(store, "analyse", lambda *a: pytest.fail("analysed again"))
    again = CachedAnalyser(db)(dataclasses.replace(article, id="y2"), registry)
    assert [c.id for c in again] == [c.id.replace("x1-", "y2-") for c in fresh]
    assert [dataclasses.replace(c, id="", article="") for c in again] == \
        [dataclasses.replace(c, id="", article="") for c in fresh]
    assert any(c.facts.dates and c.facts.dates[0].value for c in again)  # dates survive as dates


def test_another_outlet_or_registry_is_another_analysis(tmp_path):
    article = read_article(EXAMPLES / "regional.md")
    registry = SourceRegistry.default()
    extra = tmp_path / "extra.yaml"
    extra.write_text("- name: Hama Police Command\n  kind: official\n  aliases: [the police command]\n")
    keys = {analysis_key(article, registry), analysis_key(dataclasses.replace(article, outlet="Other"), registry),
            analysis_key(article, registry.extended(extra))}
    assert len(keys) == 3 and analysis_key(article, registry) == analysis_key(article, SourceRegistry.default())


# --- the search side file: trusted only for the database generation it was built from -----------------------------

TWO_CLAIMS = ["Gunmen attacked a checkpoint near Hama, the army said.",
              "The death toll rose to forty, the health ministry said."]


def stored(path, sentences):
    db = open_db(path)
    ingest(db, [Article.from_text(" ".join(sentences), outlet="A", path="a.txt")], HashingEmbedder())
    return db


def side_file(tmp_path):
    [path] = tmp_path.glob("c.db.search-*.vectors")
    return path


def test_search_after_the_database_was_deleted_and_rebuilt_reads_the_new_claims(tmp_path):
    from claimdiff.verify.search import search

    first = stored(tmp_path / "c.db", TWO_CLAIMS)
    assert search(first, "death toll", HashingEmbedder(), limit=1)[0].text.startswith("The death toll")
    first.close()
    for path in tmp_path.glob("c.db*"):
        if ".search-" not in path.name:
            path.unlink()
    # The same claims in the other order: as many claims and the same largest rowid, so the old signature matched.
    again = stored(tmp_path / "c.db", TWO_CLAIMS[::-1])
    assert again["claims"].count == 2
    [hit] = search(again, "death toll", HashingEmbedder(), limit=1)
    assert hit.text.startswith("The death toll") and hit.claim_id == "A1-c1"


def _swap_first_two_ids(path):
    data = bytearray(path.read_bytes())
    header = data.index(b"\n") + 1
    width = json.loads(data[:header])["id_width"]
    first, second = data[header:header + width], data[header + width:header + 2 * width]
    data[header:header + 2 * width] = second + first
    path.write_bytes(bytes(data))


def _rewrite_header(path, **changes):
    data = path.read_bytes()
    header = data.index(b"\n") + 1
    meta = {**json.loads(data[:header]), **changes}
    text = json.dumps(meta).encode()
    path.write_bytes(text + b" " * (header - 1 - len(text)) + b"\n" + data[header:])


def _make_fifo(path):
    path.unlink()
    os.mkfifo(path)


CORRUPTIONS = [
    ("truncated", lambda p: p.write_bytes(p.read_bytes()[:-7])),
    ("garbage", lambda p: p.write_bytes(b"\x93NUMPY garbage" * 50)),
    ("empty", lambda p: p.write_bytes(b"")),
    ("other dims", lambda p: _rewrite_header(p, dims=3)),
    ("other count", lambda p: _rewrite_header(p, count=1)),
    ("ids permuted", _swap_first_two_ids),
    ("not an object", lambda p: p.write_bytes(b"[1, 2]\n" + p.read_bytes())),
    ("a fifo", _make_fifo),
    ("a link to /dev/zero", lambda p: (p.unlink(), p.symlink_to("/dev/zero"))),
]


@pytest.mark.parametrize("name, corrupt", CORRUPTIONS, ids=[c[0] for c in CORRUPTIONS])
def test_a_wrong_side_file_is_rebuilt_not_trusted(tmp_path, name, corrupt):
    from claimdiff.verify.search import search

    db = stored(tmp_path / "c.db", TWO_CLAIMS)
    search(db, "death toll", HashingEmbedder(), limit=1)
    corrupt(side_file(tmp_path))
    hits = search(db, "death toll", HashingEmbedder(), limit=2)
    assert [h.text[:13] for h in hits] == ["The death tol", "Gunmen attack"]
    assert side_file(tmp_path).is_file() and not side_file(tmp_path).is_symlink()
    assert search(db, "checkpoint gunmen", HashingEmbedder(), limit=1)[0].text.startswith("Gunmen")


# (what the database holds instead of a vector, what the message says)
BAD_VECTORS = [
    ("update embeddings set vector = x'00000000' where rowid = 1", "corrupt vector (4 bytes for 512 dimensions)"),
    ("update embeddings set vector = 'text' where rowid = 1", "corrupt vector (a str"),
    ("update embeddings set vector = x'0000803f', dims = 1 where rowid = 1", "vectors of different lengths"),
]
COMMANDS = [
    ["search", "soldiers", "--format", "json"],
    ["stories"],
    ["compare", str(EXAMPLES / "wire.txt"), str(EXAMPLES / "regional.md")],
]


@pytest.mark.parametrize("command", COMMANDS, ids=[c[0] for c in COMMANDS])
@pytest.mark.parametrize("sql, message", BAD_VECTORS, ids=["4-bytes", "text", "one-dimension"])
def test_a_corrupt_stored_vector_is_a_one_line_error(tmp_path, sql, message, command):
    import sqlite3

    db = str(tmp_path / "c.db")
    runner = CliRunner()
    assert runner.invoke(cli, ["ingest", str(EXAMPLES / "wire.txt"), "--db", db, "--model", "hashing"]).exit_code == 0
    with sqlite3.connect(db) as conn:
        conn.execute(sql)
    result = runner.invoke(cli, [*command, "--db", db, "--model", "hashing"])
    assert result.exit_code == 1, result.output
    assert len(result.output.strip().splitlines()) == 1 and message in result.output, result.output


# --- reviews ------------------------------------------------------------------------------------------------------

def test_a_claim_is_never_reviewed_against_itself_and_a_review_names_both_claims(tmp_path):
    db = str(tmp_path / "c.db")
    runner = CliRunner()
    runner.invoke(cli, ["ingest", str(EXAMPLES / "wire.txt"), "--db", db, "--model", "hashing"])
    same = runner.invoke(cli, ["review", "A1-c1", "A1-c1", "--verdict", "agree", "--db", db])
    assert same.exit_code == 1 and "cannot be reviewed against itself" in same.output
    assert not open_db(db)["reviews"].count
    done = runner.invoke(cli, ["review", "A1-c2", "A1-c1", "--verdict", "contradict", "--by", "ed", "--db", db])
    assert done.exit_code == 0, done.output
    texts = {r["id"]: r["text"] for r in open_db(db).query("select id, text from claims where id in ('A1-c1', "
                                                           "'A1-c2')")}
    assert done.output.splitlines() == ["reviewed: contradict by ed",
                                        f"  A1-c1 (Meridian Wire): {texts['A1-c1']}",
                                        f"  A1-c2 (Meridian Wire): {texts['A1-c2']}"]


# --- nothing written by a run that fails, and no folder tree made up -----------------------------------------------

@pytest.mark.parametrize("args", [
    ["compare", str(EXAMPLES / "wire.txt"), str(EXAMPLES / "regional.md")],
    ["compare", "--story", "1"],
], ids=["files", "story"])
def test_a_failed_compare_writes_nothing_to_the_database(tmp_path, args):
    from tests.test_bad_input import snapshot

    db = str(tmp_path / "c.db")
    runner = CliRunner()
    runner.invoke(cli, ["ingest", str(EXAMPLES), "--db", db, "--model", "hashing"])
    runner.invoke(cli, ["stories", "--db", db, "--model", "hashing"])
    before = snapshot(tmp_path / "c.db")
    result = runner.invoke(cli, [*args, "--db", db, "--model", "no-such-org/no-such-model"])
    assert result.exit_code == 1 and "cannot load model" in result.output
    assert snapshot(tmp_path / "c.db") == before


def test_a_compare_that_succeeds_keeps_its_analyses_and_vectors(tmp_path):
    db = str(tmp_path / "c.db")
    result = CliRunner().invoke(cli, ["compare", str(EXAMPLES / "wire.txt"), str(EXAMPLES / "regional.md"),
                                      "--db", db, "--model", "hashing", "--format", "json"])
    assert result.exit_code == 0, result.output
    kept = open_db(db)
    assert kept["analyses"].count == 2 and kept["embeddings"].count == len(json.loads(result.output)["claims"])


@pytest.mark.parametrize("args", [
    ["ingest", str(EXAMPLES / "wire.txt"), "--model", "hashing"],
    ["search", "soldiers", "--model", "hashing"],
    ["stories", "--model", "hashing"],
    ["review", "A1-c1", "A1-c2", "--verdict", "agree"],
    ["compare", str(EXAMPLES / "wire.txt"), str(EXAMPLES / "regional.md"), "--model", "hashing"],
], ids=lambda a: a[0])
@pytest.mark.parametrize("how", ["env", "option"])
def test_a_database_in_a_missing_folder_is_refused(tmp_path, monkeypatch, args, how):
    path = tmp_path / "no" / "such" / "folder" / "c.db"
    if how == "env":
        monkeypatch.setenv("CLAIMDIFF_DB", str(path))
    else:
        args = [*args, "--db", str(path)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1, result.output
    assert f"folder {path.parent} does not exist" in result.output and len(result.output.strip().splitlines()) == 1
    assert not (tmp_path / "no").exists()


@pytest.mark.parametrize("damaged", ["[]", "{}", "not json", '[{"chain": 5}]'])
def test_search_over_damaged_stored_sources_is_a_one_line_error(tmp_path, damaged):
    from claimdiff.verify.search import search

    db = stored(tmp_path / "c.db", ["Two soldiers were killed in Hama on Monday."])
    db.execute("update claims set sources = ?", [damaged])
    with pytest.raises(StoreError, match="damaged sources"):
        search(db, "soldiers killed", HashingEmbedder(), limit=1)


def test_ingest_stores_the_analysis_that_compare_reads_and_claims_read_back(tmp_path, monkeypatch):
    from claimdiff.claims import Claim
    from claimdiff.verify.corpus import load_claims, story_articles, update_stories

    db = open_db(tmp_path / "c.db")
    read = [read_article(EXAMPLES / name) for name in ("regional.md", "local.html")]
    results = ingest(db, read, HashingEmbedder())
    assert db["analyses"].count == 2
    claims = load_claims(db, results[0].article_id)
    stored = list(db.query("select id, text from claims where article_id = ? order by rowid", [results[0].article_id]))
    assert [(c.id, c.text) for c in claims] == [(r["id"], r["text"]) for r in stored]
    assert all(isinstance(c, Claim) for c in claims) and any(c.facts.numbers for c in claims)
    # A compare of the stored story reads the analyses ingest wrote: the parser never runs again.
    update_stories(db, HashingEmbedder())
    monkeypatch.setattr(store, "analyse", lambda *a: pytest.fail("analysed again"))
    for article in story_articles(db, 1):
        again = CachedAnalyser(db)(article, SourceRegistry.default())
        assert [c.text for c in again] == [c.text for c in load_claims(db, int(article.id[1:]))]
