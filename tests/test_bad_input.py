"""Bad input: a one-line message naming the file and the problem, exit 1, no traceback, the database unchanged."""
import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimdiff.cli import cli

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def snapshot(db: Path) -> str:
    """Everything the database holds, write-ahead log included (the main file alone can lag behind in WAL mode)."""
    conn = sqlite3.connect(db)
    try:
        return "\n".join(conn.iterdump())
    finally:
        conn.close()

STORY = b"Two soldiers were killed in Hama on Monday, the army said."
# A "billion laughs": nine levels of ten aliases, 352 bytes that expand to 10^9 strings.
BOMB = b'a: &a ["x","x","x","x","x","x","x","x","x","x"]\n' + b"".join(
    b"%c: &%c [%s]\n" % (level, level, b",".join([b"*%c" % (level - 1)] * 10)) for level in b"bcdefghi")

# (file name, bytes or None for a missing file, extra options, words the message must contain)
CASES = [
    ("missing.txt", None, [], "missing.txt: no such file"),
    ("empty.txt", b"", [], "empty.txt: empty file"),
    ("blank.txt", b"  \n\t\n", [], "blank.txt: empty file"),
    ("binary.txt", b"\x00\x01\x02PNG\x00", [], "binary.txt: binary file"),
    ("latin1.txt", "café crème, the army said".encode("latin-1"), [], "latin1.txt: not UTF-8"),
    ("cut.json", b'{"text": "Two soldiers were', [], "cut.json: malformed JSON"),
    ("lines.jsonl", b'{"text": "One story."}\n{"text": \n{"text": "Three."}\n', [],
     "lines.jsonl: malformed JSON on line 2"),
    ("nothing.html", b"<html><body><nav>Home</nav><script>x()</script></body></html>", [],
     "nothing.html: HTML has no article text"),
    ("big.txt", b"word " * 3000, ["--max-bytes", "10000"], "big.txt: 15,000 bytes is over the 10,000-byte limit"),
    ("wire.txt", "copy", ["--model", "/no/such/model"], "no such folder"),
    ("bad-date.md", b"---\noutlet: X\ndate: 2025-02-30\n---\n\n" + STORY, [],
     "bad-date.md: front matter has an invalid value (day is out of range for month)"),
    ("bomb.md", b"---\n" + BOMB + b"outlet: *i\n---\n\n" + STORY, [], "bomb.md: front matter uses a YAML alias"),
    ("list-outlet.md", b"---\noutlet: [A, B]\n---\n\n" + STORY, [], "list-outlet.md: front matter field 'outlet'"),
    ("deep.md", b"---\nx: " + b"[" * 5000 + b"]" * 5000 + b"\n---\n\n" + STORY, [],
     "deep.md: front matter is nested more than 50 levels deep"),
    ("deep.json", b'{"text": "' + STORY + b'", "x": ' + b"[" * 5000 + b"]" * 5000 + b"}", [],
     "deep.json: JSON nested too deeply"),
    ("surrogate.json", b'{"text": "Two soldiers \\ud800 were killed, the army said."}', [],
     "surrogate.json: 'text' holds a lone surrogate"),
    ("nan.json", b'{"text": "' + STORY + b'", "outlet": NaN}', [],
     "nan.json: malformed JSON (NaN is not a JSON value)"),
    ("number-outlet.json", b'{"text": "' + STORY + b'", "outlet": 5}', [],
     "number-outlet.json: 'outlet' must be a string"),
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
    subprocess.run([sys.executable, "-m", "claimdiff", "ingest", str(EXAMPLES / "regional.md"),
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


REGISTRY_CASES = [
    ("country.yaml", "- {name: X, kind: official, country: [a, b]}", "entry 1 (X): country must be one name"),
    ("aliases-number.yaml", "- {name: X, kind: official, aliases: 5}", "entry 1 (X): aliases must be a list of names"),
    ("aliases-string.yaml", "- {name: X, kind: official, aliases: abc}", "entry 1 (X): aliases must be a list"),
    ("alias-empty.yaml", "- {name: X, kind: official}\n- {name: Y, kind: official, aliases: ['']}",
     "entry 2 (Y): aliases must be a list of names with a letter or digit"),
    ("alias-punctuation.yaml", "- {name: X, kind: official, descriptive: ['--']}", "entry 1 (X): descriptive must"),
    ("name-list.yaml", "- {name: [X], kind: official}", "entry 1: name must be one name"),
    ("no-name.yaml", "- {kind: official}", "entry 1 has no name"),
    ("typo.yaml", "- {name: X, kind: official, alias: [Y]}", "entry 1 (X): unknown field 'alias'"),
    ("bomb.yaml", "- name: X\n" + "".join("  " + line for line in BOMB.decode().splitlines(keepends=True))
     + "  aliases: *i\n", "uses a YAML alias"),
    ("deep.yaml", "- {name: X, kind: official, aliases: " + "[" * 5000 + "]" * 5000 + "}", "nested more than 50"),
    ("deep.json", '[{"name": "X", "aliases": ' + "[" * 5000 + "]" * 5000 + "}]", "JSON nested too deeply"),
    ("nan.json", '[{"name": NaN}]', "NaN is not a JSON value"),
    ("surrogate.json", '[{"name": "X\\ud800"}]', "entry 1: name holds a lone surrogate"),
    ("date.yaml", "- {name: X, kind: official, country: 2025-02-30}", "invalid value (day is out of range"),
]


@pytest.mark.parametrize("name, content, message", REGISTRY_CASES, ids=[c[0] for c in REGISTRY_CASES])
def test_a_bad_registry_names_the_entry_in_one_line(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    result = CliRunner().invoke(cli, ["sources", str(EXAMPLES / "wire.txt"), "--registry", str(path)])
    assert result.exit_code == 1, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and f"{path}: " in lines[0] and message in lines[0], result.output
