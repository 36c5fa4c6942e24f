import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import cli

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
FILES = [str(EXAMPLES / name) for name in ("wire.txt", "regional.md", "local.html")]


def run(*args, input=None):
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


def test_sources_json_follows_the_contract():
    result = run("sources", FILES[1], "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["article"]["outlet"] == "Orontes Today"
    text = (EXAMPLES / "regional.md").read_text()
    first = next(s for s in data["statements"] if s["source"])
    assert first["source"]["chain"] == ["a police director", "SANA", "Orontes Today"]
    assert text[first["source"]["start"]:first["source"]["end"]] == first["source"]["text"]
    assert text[first["content"]["start"]:first["content"]["end"]] == first["content"]["text"]
    assert text[first["cue"]["start"]:first["cue"]["end"]] == first["cue"]["text"] == "told"


def test_sources_table_shows_the_chain_tree():
    result = run("sources", FILES[0])
    assert result.exit_code == 0
    assert "a security source → SANA → Meridian Wire" in result.output
    assert "(inherited)" in result.output


def test_claims_json_and_table():
    result = run("claims", FILES[1], "--format", "json")
    data = json.loads(result.output)
    captured = next(c for c in data["claims"] if c["text"] == "several others captured")
    assert captured["facts"]["numbers"][0]["vague"] is True
    assert "Kafr Buhum" in run("claims", FILES[1]).output


def test_compare_with_a_registered_embedder_writes_every_format(tmp_path):
    for fmt in ("json", "md", "html", "csv"):
        out = tmp_path / f"report.{fmt}"
        result = run("compare", *FILES, "--model", "hashing", "--format", fmt, "--output", str(out))
        assert result.exit_code == 0, result.output
        assert out.stat().st_size > 200
    data = json.loads((tmp_path / "report.json").read_text())
    assert [a["outlet"] for a in data["articles"]] == ["Meridian Wire", "Orontes Today", "Hama Pulse"]
    assert data["model"] == "hashing"


def test_outlet_and_date_options_apply_in_order_and_stdin_is_read():
    story = "Two soldiers were killed in Hama on Monday, the army said."
    result = run("compare", "-", FILES[0], "--outlet", "Pasted", "--date", "2025-03-11", "--model", "hashing",
                 "--format", "json", input=story)
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["articles"][0]["outlet"] == "Pasted" and data["articles"][0]["published"] == "2025-03-11"
    claim = data["claims"][0]
    assert claim["facts"]["dates"][0]["value"] == "2025-03-10"


@pytest.mark.parametrize("setup, args, message", [
    (None, ["compare", "{tmp}/missing.txt", FILES[0]], "missing.txt: no such file"),
    ("empty.txt:", ["compare", "{tmp}/empty.txt", FILES[0]], "empty.txt: empty file"),
    ("bad.json:{\"text\": ", ["compare", "{tmp}/bad.json", FILES[0]], "bad.json: malformed JSON"),
    (None, ["compare", FILES[0]], "at least two articles"),
    (None, ["compare", FILES[0], FILES[1], "--model", "/nonexistent/model"], "no such folder"),
    (None, ["compare", FILES[0], FILES[1], "--model", "no-such-org/no-such-model"], "cannot load model"),
    (None, ["sources", "{tmp}/missing.txt"], "no such file"),
    (None, ["compare", FILES[0], FILES[1], "--model", "hashing", "--nli", "/nonexistent/nli"], "NLI model"),
])
def test_bad_input_is_one_line_and_exit_1(tmp_path, setup, args, message):
    if setup:
        name, content = setup.split(":", 1)
        (tmp_path / name).write_text(content)
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1, result.output
    assert message in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert "Traceback" not in result.output


def test_unknown_format_is_a_usage_error():
    assert run("compare", *FILES, "--format", "pdf").exit_code == 2


def _imported_after(commands: str) -> set[str]:
    code = ("import sys; from click.testing import CliRunner; from cli import cli; " + commands +
            "; print(' '.join(sorted({m.split('.')[0] for m in sys.modules})))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(out.stdout.split())


def test_help_imports_neither_the_model_nor_the_parser():
    loaded = _imported_after("assert CliRunner().invoke(cli, ['--help']).exit_code == 0")
    assert not loaded & {"torch", "sentence_transformers", "spacy", "numpy"}


def test_model_free_commands_do_not_import_torch():
    loaded = _imported_after(f"assert CliRunner().invoke(cli, ['sources', {FILES[0]!r}]).exit_code == 0")
    assert "spacy" in loaded and not loaded & {"torch", "sentence_transformers"}


def test_a_second_compare_with_a_database_needs_no_parser(tmp_path):
    args = ["compare", *FILES, "--model", "hashing", "--db", str(tmp_path / "c.db"), "--format", "json"]
    first = run(*args)
    assert first.exit_code == 0, first.output
    loaded = _imported_after(f"r = CliRunner().invoke(cli, {args!r}); assert r.exit_code == 0; "
                             f"assert r.output == {first.output!r}")
    assert not loaded & {"spacy", "torch"}


# --- hostile input: devices, pipes, sockets, names, reports --------------------------------------------------------

ROOT = Path(__file__).resolve().parent.parent


def shell(script: str, timeout: float = 60) -> subprocess.CompletedProcess:
    """Run a bash script in which `claimdiff` is this checkout's CLI: process substitution and pipes need a real
    shell. On a timeout the whole process group goes, so a runaway read or a blocked FIFO writer is not left behind."""
    import os
    import signal

    env = {**os.environ, "PY": sys.executable}
    prelude = 'claimdiff() { "$PY" -c "from cli import cli; cli(prog_name=\'claimdiff\')" "$@"; }\n'
    process = subprocess.Popen(["bash", "-c", prelude + script], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, cwd=ROOT, env=env, start_new_session=True)
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise
    return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)


# (shell script, message): a stream longer than --max-bytes is refused after reading max-bytes + 1 bytes, whatever
# its st_size says, so none of these may run away with memory or time.
STREAMS = [
    ("claimdiff claims /dev/zero --max-bytes 10", "/dev/zero: over the 10-byte limit"),
    ("claimdiff claims <(yes) --max-bytes 1000", "over the 1,000-byte limit"),
    ("yes | claimdiff claims - --max-bytes 1000", "<stdin>: over the 1,000-byte limit"),
    ("ln -s /dev/zero {tmp}/zero.txt && claimdiff claims {tmp}/zero.txt --max-bytes 10", "zero.txt: over the 10-byte"),
    ("mkfifo {tmp}/f.txt && (yes > {tmp}/f.txt &) && claimdiff claims {tmp}/f.txt --max-bytes 10", "f.txt: over the"),
    ("claimdiff claims /dev/null", "/dev/null: empty file"),
    ("claimdiff claims {tmp}", "is a directory"),
    ("claimdiff claims {tmp}/sock", "sock: is a socket, not a file"),
]


@pytest.mark.parametrize("script, message", STREAMS, ids=[s[0].split("claimdiff claims ")[-1] for s in STREAMS])
def test_devices_pipes_and_sockets_are_bounded_or_refused(tmp_path, script, message):
    import socket

    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(tmp_path / "sock"))
        result = shell(script.replace("{tmp}", str(tmp_path)), timeout=30)
    assert result.returncode == 1, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0], result.stderr


def test_pipes_stay_readable():
    wire, regional = FILES[0], FILES[1]
    substituted = shell(f"claimdiff compare <(cat {wire}) <(cat {regional}) --model hashing --format json")
    assert substituted.returncode == 0, substituted.stderr
    assert len(json.loads(substituted.stdout)["articles"]) == 2


def test_a_named_fifo_is_read(tmp_path):
    import os

    fifo = tmp_path / "story.txt"
    os.mkfifo(fifo)
    result = shell(f"(cat {FILES[0]} > {fifo} &) && claimdiff claims {fifo} --format json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["article"]["outlet"] == "Meridian Wire"


def test_stdin_given_twice_is_named(tmp_path):
    result = CliRunner().invoke(cli, ["compare", "-", "-", "--model", "hashing"], input="Two soldiers died.")
    assert result.exit_code == 1, result.output
    assert result.output.strip() == "Error: standard input ('-') is given more than once; it can be read only once"


def test_a_file_name_with_a_newline_is_shown_escaped(tmp_path):
    result = CliRunner().invoke(cli, ["claims", str(tmp_path / "two\nlines\x1b[2J.txt")])
    assert result.exit_code == 1
    assert result.output.strip() == f"Error: {tmp_path}/two\\nlines\\x1b[2J.txt: no such file"


def test_one_article_added_is_singular(tmp_path):
    result = run("ingest", FILES[0], "--db", str(tmp_path / "c.db"), "--model", "hashing")
    assert result.output.startswith("1 article added (")


HOSTILE = ("outlet: Hostile | Wire\n"
           "title: Attack <img src=\"http://evil.example/t.png\"> ![](http://evil.example/t2.png)\n\n"
           "Two soldiers were killed in Hama, the army said.\n\n"
           "Gunmen fled toward <img src=\"http://evil.example/a.png\"> the hills![](http://evil.example/b.png) and "
           "[x](http://evil.example) `code` *loud*, residents said.\n")


def test_markdown_report_escapes_markdown_and_html(tmp_path):
    (tmp_path / "hostile.txt").write_text(HOSTILE)
    result = run("compare", str(tmp_path / "hostile.txt"), FILES[0], "--model", "hashing", "--format", "md")
    assert result.exit_code == 0, result.output
    report = result.output
    assert "<img" not in report and "![" not in report and "[x](" not in report and "`code`" not in report
    assert report.count("&lt;img src=") == 2 and "\\!\\[\\](http://evil.example/t2.png)" in report
    assert "Hostile \\| Wire" in report


@pytest.mark.parametrize("value, cell", [
    ("a <b> & c", "a &lt;b&gt; &amp; c"),
    ("![](http://x/a.png)", "\\!\\[\\](http://x/a.png)"),
    ("[link](http://x)", "\\[link\\](http://x)"),
    ("*a* _b_ `c` ~d~ #e", "\\*a\\* \\_b\\_ \\`c\\` \\~d\\~ \\#e"),
    ("a | b \\ c", "a \\| b \\\\ c"),
    ("one\r\ntwo\rthree\nfour", "one two three four"),
    (None, ""),
])
def test_markdown_cells_are_escaped(value, cell):
    from verify.report import _md

    assert _md(value) == cell


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1", " =1", "\n=1", "\u00a0=1",
                                   "\uff1d1+1", "\uff0b1", "\uff0d1", "\uff20SUM(A1)"])
def test_csv_cells_a_spreadsheet_would_run_are_quoted(value):
    from verify.report import _cell

    assert _cell(value) == "'" + value


@pytest.mark.parametrize("value", ["Two soldiers", "2 soldiers", "", None, "a=b"])
def test_csv_cells_of_plain_text_are_left_alone(value):
    from verify.report import _cell

    assert _cell(value) == ("" if value is None else value)
