"""The HTML report in a real headless Chromium: key elements render, hostile article text never runs."""
import shutil
import subprocess

import pytest

from claimdiff.sources import Article
from claimdiff.verify import compare, render
from tests.fakes import TopicEmbedder

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (.ci/run installs it)")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
HOSTILE = ("<script>document.title='HACKED'</script> Two soldiers were killed in the al-Hader district of Hama on "
           "Monday, SANA reported. <img src=x onerror=\"document.title='HACKED'\"> Schools closed.")


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    folder = tmp_path_factory.mktemp("browser")
    articles = [Article.from_text(HOSTILE, outlet="Wire <b>X</b>", published="2025-03-11"),
                Article.from_text("Two police officers were killed near the village of Kafr Buhum on Monday, a police "
                                  "director told the Syrian Arab News Agency.", outlet="Regional",
                                  published="2025-03-11")]
    path = folder / "report.html"
    path.write_text(render(compare(articles, embedder=TopicEmbedder(["killed"])), "html"))
    return folder, path


def chromium(folder, *args):
    return subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={folder / 'profile'}", *args], capture_output=True,
                          text=True, timeout=120)


def test_report_renders_its_parts_and_no_article_text_runs(report):
    folder, path = report
    dom = chromium(folder, "--dump-dom", path.as_uri()).stdout
    assert "<title>claimdiff report</title>" in dom  # a script that ran would have renamed the page
    assert "HACKED" in dom and "&lt;/script&gt;" in dom  # the hostile text is there, as text
    assert "<script" not in dom and "<img" not in dom
    assert "1 conflict<" in dom and "shared origin: SANA" in dom
    assert "<svg" in dom and "Who relayed whom" in dom and "Timeline" in dom
    assert "Wire &lt;b&gt;X&lt;/b&gt;" in dom


def test_report_screenshot(report):
    folder, path = report
    shot = folder / "report.png"
    chromium(folder, "--window-size=1200,1600", f"--screenshot={shot}", path.as_uri())
    assert shot.exists() and shot.stat().st_size > 20_000
