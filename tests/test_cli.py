import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimdiff.cli import cli

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
    code = ("import sys; from click.testing import CliRunner; from claimdiff.cli import cli; " + commands +
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
    prelude = 'claimdiff() { "$PY" -c "from claimdiff.cli import cli; cli(prog_name=\'claimdiff\')" "$@"; }\n'
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
    from claimdiff.verify.report import _md

    assert _md(value) == cell


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1", " =1", "\n=1", "\u00a0=1",
                                   "\uff1d1+1", "\uff0b1", "\uff0d1", "\uff20SUM(A1)"])
def test_csv_cells_a_spreadsheet_would_run_are_quoted(value):
    from claimdiff.verify.report import _cell

    assert _cell(value) == "'" + value


@pytest.mark.parametrize("value", ["Two soldiers", "2 soldiers", "", None, "a=b"])
def test_csv_cells_of_plain_text_are_left_alone(value):
    from claimdiff.verify.report import _cell

    assert _cell(value) == ("" if value is None else value)


# --- the terminal: data is shown, never obeyed ---------------------------------------------------------------------

# What a terminal acts on (clear screen, window title, OSC 8 hyperlinks, CSI as one C1 byte, a right-to-left
# override) and what rich would read as markup (a hyperlink, a closing tag that raises MarkupError).
CONTROLS = ["\x1b", "\x07", "\x9b", "\u202e", "\r"]
HOSTILE_RECORD = {
    "id": "[link=http://x]z",
    "outlet": "\x1b]0;pwned\x07Evil [/oops] Wire\u202e",
    "title": "\x1b[2JTitle [bold]x",
    "text": "Two soldiers were killed in Hama on Monday, \x1b]8;;http://evil.example\x1b\\the army\x1b]8;;\x1b\\ said "
            "[/oops]. Residents said \x9b31mthree people were wounded [link=http://x]there[/link].\r",
}


@pytest.fixture
def hostile(tmp_path, monkeypatch):
    monkeypatch.setenv("COLUMNS", "250")  # wide enough that rich crops no cell
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(HOSTILE_RECORD), encoding="utf-8")
    db = str(tmp_path / "c.db")
    assert run("ingest", str(path), FILES[0], "--db", db, "--model", "hashing").exit_code == 0
    return {"file": str(path), "db": db}


VIEWS = [
    (["sources", "{file}"], "Evil [/oops] Wire"),
    (["claims", "{file}"], "[link=http://x]z-c1"),
    (["compare", "{file}", FILES[0], "--model", "hashing"], "[/oops]"),
    (["search", "soldiers killed Hama", "--db", "{db}", "--model", "hashing"], "Evil [/oops] Wire"),
    (["stories", "--db", "{db}", "--model", "hashing"], "Title [bold]x"),
]


@pytest.mark.parametrize("args, literal", VIEWS, ids=[v[0][0] for v in VIEWS])
def test_every_view_shows_data_as_text_without_control_characters(hostile, args, literal):
    result = CliRunner().invoke(cli, [a.format(**hostile) for a in args])
    assert result.exit_code == 0, result.output
    assert not [c for c in CONTROLS if c in result.output], repr(result.output)
    assert literal in result.output  # markup in the data is printed as written, not applied


ERRORS = [
    (["review", "A1-c1\x1b[2J", "A1-c2", "--verdict", "agree", "--db", "{tmp}/c.db"], "no stored claim A1-c1\\x1b[2J"),
    (["stories", "--db", "{tmp}/no\x1b]0;t\x07/c.db"], "no\\x1b]0;t\\x07 does not exist"),
    (["claims", "{tmp}/a\u202e.txt"], "a\\u202e.txt: no such file"),
]


@pytest.mark.parametrize("args, message", ERRORS, ids=["claim-id", "db-folder", "file-name"])
def test_error_messages_escape_control_characters(tmp_path, args, message):
    assert run("ingest", FILES[0], "--db", str(tmp_path / "c.db"), "--model", "hashing").exit_code == 0
    result = CliRunner().invoke(cli, [a.replace("{tmp}", str(tmp_path)) for a in args])
    assert result.exit_code == 1
    assert not [c for c in CONTROLS if c in result.output], repr(result.output)
    assert message in result.output and len(result.output.strip().splitlines()) == 1


def test_the_reviewer_name_is_shown_without_control_characters(tmp_path):
    db = str(tmp_path / "c.db")
    run("ingest", FILES[0], "--db", db, "--model", "hashing")
    result = run("review", "A1-c1", "A1-c2", "--verdict", "agree", "--by", "ed\x1b[2J", "--db", db)
    assert result.exit_code == 0 and "\x1b" not in result.output and "ed\\x1b[2J" in result.output


# --- HTML highlighting --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, values, html", [
    ("The army's 2 soldiers", {"2"}, "The army&#x27;s <mark>2</mark> soldiers"),
    ("Sudanese officials in Sudan", {"Sudan"}, "Sudanese officials in <mark>Sudan</mark>"),
    ("<b>5</b> killed & 12 hurt", {"5", "2"}, "&lt;b&gt;<mark>5</mark>&lt;/b&gt; killed &amp; 12 hurt"),
    ("2,500 fled, 500 stayed", {"500"}, "2,500 fled, <mark>500</mark> stayed"),
    ("20 and 2", {"2", "20"}, "<mark>20</mark> and <mark>2</mark>"),
    ("in al-Hader", {"al-Hader", "Hader"}, "in <mark>al-Hader</mark>"),
    ("x & y", {"&"}, "x <mark>&amp;</mark> y"),
    ("nothing here", set(), "nothing here"),
])
def test_html_marks_whole_values_in_the_raw_text_then_escapes(text, values, html):
    from claimdiff.verify.report import _highlighted

    assert _highlighted(text, values) == html


def test_html_report_never_marks_inside_an_entity():
    from claimdiff.sources import Article
    from claimdiff.verify import compare, render
    from tests.fakes import TopicEmbedder

    one = Article.from_text("Police said 2 soldiers were killed at the army's base in Sudan.", outlet="A")
    two = Article.from_text("Police said 7 soldiers were killed at the army's base in Sudan.", outlet="B")
    page = render(compare([one, two], embedder=TopicEmbedder(["killed"])), "html")
    assert "<mark>2</mark>" in page and "<mark>7</mark>" in page
    assert "&#x<mark>" not in page and "&#x27;" in page


# --- --output: a whole new file, never an input, never through a link ---------------------------------------------

@pytest.mark.parametrize("make_output", [
    lambda tmp, input_: input_,
    lambda tmp, input_: tmp / ".." / tmp.name / input_.name,
    lambda tmp, input_: (tmp / "link.md").symlink_to(input_) or tmp / "link.md",
], ids=["same", "other-spelling", "symlink"])
def test_output_naming_an_input_is_refused_before_any_work(tmp_path, make_output):
    story = tmp_path / "story.txt"
    story.write_text("Two soldiers were killed in Hama on Monday, the army said.")
    output = make_output(tmp_path, story)
    for command in ("compare", "report"):
        result = run(command, str(story), FILES[0], "--model", "hashing", "--format", "md", "-o", str(output))
        assert result.exit_code == 2 and "is the input file" in result.output, result.output
    assert story.read_text() == "Two soldiers were killed in Hama on Monday, the army said."


def test_a_failed_write_keeps_the_old_report_and_leaves_no_partial_file(tmp_path, monkeypatch):
    import errno
    import os

    report = tmp_path / "report.md"
    report.write_text("the old report")

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    result = run("compare", *FILES[:2], "--model", "hashing", "--format", "md", "-o", str(report))
    assert result.exit_code == 1 and "report.md: cannot write (No space left on device)" in result.output
    assert report.read_text() == "the old report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.md"]


def test_a_report_keeps_the_permissions_of_the_file_it_replaces(tmp_path):
    report = tmp_path / "report.md"
    report.write_text("old")
    report.chmod(0o640)
    assert run("report", *FILES[:2], "--model", "hashing", "-o", str(report)).exit_code == 0
    assert report.stat().st_mode & 0o777 == 0o640 and "claimdiff report" in report.read_text()


# --- the ONNX fallback and onnxruntime's telemetry ----------------------------------------------------------------

def test_the_onnx_fallback_says_why_once_even_when_the_root_logger_was_raised(monkeypatch):
    import logging

    from claimdiff.verify import HashingEmbedder, ModelError, embed, onnx

    root = logging.getLogger()
    level = root.level

    def failing_export(self):
        root.setLevel(logging.ERROR)  # what the export does to quiet the quantiser, left so when it fails
        raise ModelError(f"ONNX fast path for {self.model_dir} failed (Read-only file system)")

    monkeypatch.setattr(onnx.OnnxEmbedder, "prepare", failing_export)
    monkeypatch.setattr(embed, "SentenceTransformerEmbedder", lambda name: HashingEmbedder(name="torch-stand-in"))
    try:
        result = CliRunner().invoke(cli, ["compare", *FILES[:2], "--format", "json"])
    finally:
        root.setLevel(level)
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 1 and "failed (Read-only file system); using torch" in warnings[0]


def test_onnxruntime_telemetry_is_off(tmp_path):
    import os

    env = {**os.environ, "HOME": str(tmp_path)}
    env.pop("ORT_DISABLE_TELEMETRY", None)
    done = subprocess.run([sys.executable, "-c", "import claimdiff.cli, onnxruntime"], cwd=tmp_path, env=env,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert not (tmp_path / ".cache" / "Microsoft").exists() and "elemetry" not in done.stderr


# --- at the desk: wide groups, claims in context -------------------------------------------------------------------

def _twelve_outlets(tmp_path) -> str:
    """Twelve outlets with long names reporting one death toll in the same words (the fake embedder groups them)."""
    lines = [json.dumps({"outlet": f"Regional Broadcasting Corporation {n}", "date": "2025-03-04",
                         "text": "Two soldiers were killed in Hama on Monday, the army said. "
                                 f"Reporter {n} filed this story from the scene."}) for n in range(1, 13)]
    path = tmp_path / "twelve.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("width", [60, 200])
def test_a_wide_group_never_cuts_an_id_or_an_outlet(tmp_path, width):
    data = json.loads(run("compare", _twelve_outlets(tmp_path), "--model", "hashing", "--format", "json").output)
    wide = [cid for a in data["alignments"] if len(a["claims"]) == 12 for cid in a["claims"]]
    assert wide
    result = CliRunner().invoke(cli, ["compare", _twelve_outlets(tmp_path), "--model", "hashing"],
                                env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result.output
    assert "…" not in result.output
    shown = result.output.split()
    for claim_id in wide:
        assert claim_id in shown  # whole, as one word: cards put "outlet · id" on a line of its own
    assert all(len(line) <= width for line in result.output.splitlines())
    assert result.output.count("Regional Broadcasting Corporation 12") >= 1


def test_context_shows_the_sentence_of_each_claim():
    data = json.loads(run("compare", *FILES, "--model", "hashing", "--format", "json").output)
    grouped = [c for a in data["alignments"] for c in a["claims"]]
    texts = {c["id"]: c["text"] for c in data["claims"]}
    result = CliRunner().invoke(cli, ["compare", *FILES, "--model", "hashing", "--context"], env={"COLUMNS": "40"})
    assert result.exit_code == 0, result.output
    flat = " ".join(result.output.split())
    assert grouped and flat.count(" in: ") == len(grouped)
    for claim_id in grouped:  # once as the claim, once inside its sentence
        assert flat.count(" ".join(texts[claim_id].split())) >= 2


def test_the_html_report_anchors_groups_and_shows_claims_in_their_sentence():
    data = json.loads(run("compare", *FILES, "--model", "hashing", "--format", "json").output)
    page = run("report", *FILES, "--model", "hashing", "--format", "html").output
    for number in range(1, len(data["alignments"]) + 1):
        assert f"id='group-{number}'" in page and f"href='#group-{number}'" in page
    grouped = sum(len(a["claims"]) for a in data["alignments"])
    assert page.count("<details><summary>in its sentence</summary>") == grouped
    # Each box of the relay graph links to the list of claims that passed through that source, with whole names.
    for anchor in set(re.findall(r"href='#(via-\d+)'", page)):
        assert f"id='{anchor}'" in page
    assert "a security source" in page and "…" not in page.split("<svg", 1)[1].split("</svg>", 1)[0]
