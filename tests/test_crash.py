"""Real processes: kill -9 during an ingest of 1,000 articles, and two ingests (plus a reader) on one database."""
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

CLAIMDIFF = [sys.executable, "-m", "claimdiff"]
ROOT = Path(__file__).resolve().parent.parent


def corpus(path: Path, numbers: range) -> Path:
    with open(path, "w") as handle:
        for n in numbers:
            text = (f"Gunmen attacked checkpoint {n} near Hama on Monday, the army said. "
                    f"Residents said {n % 7 + 2} people were wounded.")
            handle.write(json.dumps({"text": text, "outlet": f"Outlet {n % 5}", "published": "2025-03-11"}) + "\n")
    return path


def run(*args, **kwargs):
    return subprocess.Popen([*CLAIMDIFF, *args], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, **kwargs)


def counts(db: Path) -> dict:
    with sqlite3.connect(db) as conn:
        return {
            "articles": conn.execute("select count(*) from articles").fetchone()[0],
            "distinct": conn.execute("select count(distinct content_hash) from articles").fetchone()[0],
            "articles_without_claims": conn.execute(
                "select count(*) from articles a where not exists (select 1 from claims c where c.article_id = a.id)"
            ).fetchone()[0],
            "orphan_claims": conn.execute(
                "select count(*) from claims c where not exists (select 1 from articles a where a.id = c.article_id)"
            ).fetchone()[0],
            "claims_without_vectors": conn.execute(
                "select count(*) from claims c where not exists (select 1 from embeddings e "
                "where e.text_hash = c.text_hash)").fetchone()[0],
        }


def test_kill_minus_nine_leaves_whole_articles_and_a_rerun_finishes(tmp_path):
    source = corpus(tmp_path / "big.jsonl", range(1000))
    db = tmp_path / "c.db"
    process = run("ingest", str(source), "--db", str(db), "--model", "hashing")
    deadline = time.time() + 120
    stored = 0
    while time.time() < deadline and stored < 100:
        time.sleep(0.2)
        if db.exists():
            try:
                stored = counts(db)["articles"]
            except sqlite3.OperationalError:
                stored = 0
    assert stored >= 100, process.communicate()
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    after_kill = counts(db)
    assert 100 <= after_kill["articles"] < 1000
    assert after_kill["articles_without_claims"] == after_kill["orphan_claims"] == 0
    assert after_kill["claims_without_vectors"] == 0
    rerun = run("ingest", str(source), "--db", str(db), "--model", "hashing")
    out, err = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, err
    final = counts(db)
    assert final["articles"] == final["distinct"] == 1000
    assert final["articles_without_claims"] == final["orphan_claims"] == final["claims_without_vectors"] == 0


def test_two_ingests_and_a_reader_at_once_lose_and_fail_nothing(tmp_path):
    first = corpus(tmp_path / "one.jsonl", range(0, 250))
    second = corpus(tmp_path / "two.jsonl", range(150, 400))  # 100 articles in both
    db = tmp_path / "c.db"
    subprocess.run([*CLAIMDIFF, "ingest", str(corpus(tmp_path / "seed.jsonl", range(1000, 1001))), "--db", str(db),
                    "--model", "hashing"], cwd=ROOT, check=True, capture_output=True)
    writers = [run("ingest", str(first), "--db", str(db), "--model", "hashing"),
               run("ingest", str(second), "--db", str(db), "--model", "hashing")]
    time.sleep(1.0)
    reader = run("search", "checkpoint near Hama", "--db", str(db), "--model", "hashing", "--format", "json")
    read_out, read_err = reader.communicate(timeout=120)
    assert reader.returncode == 0, read_err
    assert json.loads(read_out)
    for writer in writers:
        out, err = writer.communicate(timeout=300)
        assert writer.returncode == 0, err
    final = counts(db)
    assert final["articles"] == final["distinct"] == 401
    assert final["articles_without_claims"] == final["orphan_claims"] == final["claims_without_vectors"] == 0


# --- files the tool creates never follow a symbolic link ----------------------------------------------------------

EXAMPLES = ROOT / "examples"


def test_output_replaces_a_symbolic_link_and_leaves_its_target_alone(tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    (tmp_path / "report.md").symlink_to(victim)
    process = run("report", str(EXAMPLES / "wire.txt"), str(EXAMPLES / "regional.md"), "--model", "hashing",
                  "-o", str(tmp_path / "report.md"))
    out, err = process.communicate(timeout=120)
    assert process.returncode == 0, err
    assert victim.read_text() == "precious"
    assert not (tmp_path / "report.md").is_symlink() and "claimdiff report" in (tmp_path / "report.md").read_text()


def test_search_never_writes_through_links_planted_beside_the_database(tmp_path):
    import hashlib

    db = tmp_path / "c.db"
    subprocess.run([*CLAIMDIFF, "ingest", str(EXAMPLES / "wire.txt"), "--db", str(db), "--model", "hashing"],
                   cwd=ROOT, check=True, capture_output=True)
    key = hashlib.sha256(b"hashing").hexdigest()[:12]
    victims = {}
    for part in ("vectors", "vectors.npy", "ids.npy", "json"):  # the side file, and the names it once had
        victims[part] = tmp_path / f"victim-{part}"
        victims[part].write_text("precious")
        (tmp_path / f"c.db.search-{key}.{part}").symlink_to(victims[part])
    process = run("search", "soldiers killed", "--db", str(db), "--model", "hashing", "--format", "json")
    out, err = process.communicate(timeout=120)
    assert process.returncode == 0, err
    assert json.loads(out)[0]["text"]
    assert all(v.read_text() == "precious" for v in victims.values())
