"""Bad input: a one-line message naming the file and the problem, exit 1, no traceback, the database unchanged."""
import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import cli

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def snapshot(db: Path) -> str:
    """Everything the database holds, write-ahead log included (the main file alone can lag behind in WAL mode)."""
    conn = sqlite3.connect(db)
    try:
        return "\n".join(conn.iterdump())
    finally:
        conn.close()

# (file name, bytes or None for a missing file, extra options, words the message must contain)
CASES = [
    ("missing.txt", None, [], "missing.txt: no such file"),
    ("empty.txt", b"", [], "empty.txt: empty file"),
    ("blank.txt", b"  \n\t\n", [], "blank.txt: empty file"),
    ("binary.txt", b"\x00\x01\x02PNG\x00", [], "binary.txt: binary file"),
    ("latin1.txt", "café crème, the army said".encode("latin-1"), [], "latin1.txt: not UTF-8"),
    ("cut.json", b'{"text": "Two soldiers were', [], "cut.json: malformed JSON"),
    ("lines.jsonl", b'{"text": "One story."}\n{"text": \n{"text": "Three."}\n', [], "lines.jsonl: malformed JSON on line 2"),
    ("nothing.html", b"<html><body><nav>Home</nav><script>x()</script></body></html>", [],
     "nothing.html: HTML has no article text"),
    ("big.txt", b"word " * 3000, ["--max-bytes", "10000"], "big.txt: 15,000 bytes is over the 10,000-byte limit"),
    ("wire.txt", "copy", ["--model", "/no/such/model"], "no such folder"),
]


@pytest.mark.parametrize("name, content, options, message", CASES, ids=[c[0] for c in CASES])
def test_bad_input_changes_nothing(tmp_path, name, content, options, message):
    db = tmp_path / "c.db"
    runner = CliRunner()
    assert runner.invoke(cli, ["ingest", str(EXAMPLES / "regional.md"), "--db", str(db), "--model", "hashing"]
                         ).exit_code == 0
    before = snapshot(db)
    path = tmp_path / name
    if content == "copy":
        shutil.copy(EXAMPLES / name, path)
    elif content is not None:
        path.write_bytes(content)
    result = runner.invoke(cli, ["ingest", str(path), "--db", str(db), *(options or ["--model", "hashing"])])
    assert result.exit_code == 1, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and message in lines[0] and "Traceback" not in result.output
    assert snapshot(db) == before


def test_compare_needs_two_articles_and_a_known_format(tmp_path):
    runner = CliRunner()
    one = runner.invoke(cli, ["compare", str(EXAMPLES / "wire.txt"), "--model", "hashing"])
    assert one.exit_code == 1 and "at least two articles" in one.output
    fmt = runner.invoke(cli, ["compare", str(EXAMPLES / "wire.txt"), str(EXAMPLES / "local.html"), "--format", "pdf"])
    assert fmt.exit_code == 2 and "'pdf' is not one of" in fmt.output  # a usage error, as click reports them


def test_a_corrupt_database_is_left_as_it_was(tmp_path):
    db = tmp_path / "bad.db"
    db.write_bytes(b"not a database " * 200)
    before = db.read_bytes()
    result = CliRunner().invoke(cli, ["ingest", str(EXAMPLES / "wire.txt"), "--db", str(db), "--model", "hashing"])
    assert result.exit_code == 1 and "cannot open the database" in result.output
    assert db.read_bytes() == before


def test_a_read_only_database_is_named_and_left_as_it_was(tmp_path):
    import subprocess

    import sys

    db = tmp_path / "ro.db"
    runner = CliRunner()
    subprocess.run([sys.executable, "-c", "from cli import cli; cli()", "ingest", str(EXAMPLES / "regional.md"),
                    "--db", str(db), "--model", "hashing"], check=True, capture_output=True,
                   cwd=Path(__file__).resolve().parent.parent)
    conn = sqlite3.connect(db)  # fold the write-ahead log back in: a read-only copy has no log beside it
    conn.execute("pragma journal_mode = delete")
    conn.close()
    before = snapshot(db)
    if subprocess.run(["chattr", "+i", str(db)], capture_output=True).returncode != 0:
        pytest.skip("chattr +i is not available here (it needs root and a supporting filesystem)")
    try:
        result = runner.invoke(cli, ["ingest", str(EXAMPLES / "wire.txt"), "--db", str(db), "--model", "hashing"])
        assert result.exit_code == 1 and f"{db}: the database is read-only" in result.output
        assert len(result.output.strip().splitlines()) == 1
        found = runner.invoke(cli, ["search", "police", "--db", str(db), "--model", "hashing", "--format", "json"])
        assert found.exit_code == 0, found.output  # reading still works
    finally:
        subprocess.run(["chattr", "-i", str(db)], capture_output=True)
    assert snapshot(db) == before
