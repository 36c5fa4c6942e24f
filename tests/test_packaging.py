"""What installing claimdiff puts on a machine, and the JSON contract of the examples kept byte for byte."""
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimdiff.cli import cli

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOT = ROOT / "tests" / "fixtures" / "examples.json"


def test_the_wheel_installs_one_namespace_and_nothing_else(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "-w",
                    str(tmp_path), str(ROOT)], check=True, capture_output=True)
    (wheel,) = tmp_path.glob("claimdiff-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert {name.split("/")[0] for name in names} == {"claimdiff", wheel.name.split("-py3")[0] + ".dist-info"}
    for module in ("cli.py", "__main__.py", "sources/attribution.py", "sources/registry.yaml", "claims/facts.py",
                   "verify/comparison.py"):
        assert f"claimdiff/{module}" in names
    assert not any(name.startswith(("claimdiff/tests/", "claimdiff/benchmarks/", "claimdiff/examples/"))
                   for name in names)


def test_the_code_passes_the_linter():
    pytest.importorskip("ruff")
    out = subprocess.run([sys.executable, "-m", "ruff", "check", str(ROOT)], capture_output=True, text=True)
    assert out.returncode == 0, out.stdout[-2000:]


def test_python_dash_m_runs_the_command():
    out = subprocess.run([sys.executable, "-m", "claimdiff", "--version"], capture_output=True, text=True, check=True)
    assert out.stdout.startswith("claimdiff, version ")


def test_the_top_level_folders_are_not_importable_on_their_own(tmp_path):
    # Outside the repository only the namespace exists: no generic `cli`, `sources`, `claims`, `verify` module.
    code = "import importlib.util as u; print([n for n in ('cli', 'sources', 'claims', 'verify') if u.find_spec(n)])"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path)
    assert out.stdout.strip() == "[]"


@pytest.mark.model
def test_the_json_of_the_examples_is_unchanged(monkeypatch):
    """A refactoring keeps the contract byte for byte. When a change means to alter the analysis, rewrite the copy with
    CLAIMDIFF_UPDATE_SNAPSHOT=1 and read its diff before committing it."""
    monkeypatch.chdir(ROOT)  # the JSON names the files as given
    files = [f"examples/{name}" for name in ("wire.txt", "regional.md", "local.html")]
    result = CliRunner().invoke(cli, ["compare", *files, "--format", "json"])
    assert result.exit_code == 0, result.output
    # The packaged model is named by where it is installed: the same model in another virtualenv is the same.
    output = re.sub(r'("model": ")[^"]*/site-packages/', r"\1.../site-packages/", result.output)
    if os.environ.get("CLAIMDIFF_UPDATE_SNAPSHOT"):
        SNAPSHOT.write_text(output, encoding="utf-8")
    assert output == SNAPSHOT.read_text(encoding="utf-8"), \
        "the examples' JSON changed; if that is meant, rerun with CLAIMDIFF_UPDATE_SNAPSHOT=1 and review the diff"
