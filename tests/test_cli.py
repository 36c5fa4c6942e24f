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
