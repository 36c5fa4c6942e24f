"""The commands a fact-checker runs at the desk, timed as they run there: a fresh process each, on the three bundled
examples, median of --runs; then, in one process, where the time of a compare goes (reading, analysis, embedding,
alignment and verdicts, and each way of showing the result).

    python benchmarks/bench_desk.py [--runs 3]
"""
from __future__ import annotations

import argparse
import io
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = [str(ROOT / "examples" / n) for n in ("wire.txt", "regional.md", "local.html")]
CLAIMDIFF = [sys.executable, "-m", "claimdiff"]


def cold(args: list[str], runs: int, env: dict | None = None) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([*CLAIMDIFF, *args], cwd=ROOT, check=True, capture_output=True, env=env)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def stages() -> list[tuple[str, float]]:
    """One warm process: each stage of a compare of the examples, and each renderer of its result."""
    from rich.console import Console

    from claimdiff.claims import analyse
    from claimdiff.sources import SourceRegistry, read_article
    from claimdiff.verify import get_embedder, render
    from claimdiff.verify.comparison import compare_claims, with_ids
    from claimdiff.verify.views import show_comparison

    out = []

    def step(name, fn):
        start = time.perf_counter()
        result = fn()
        out.append((name, time.perf_counter() - start))
        return result

    articles = step("read the three files", lambda: with_ids([read_article(p) for p in EXAMPLES]))
    registry = SourceRegistry.default()
    claims = step("analyse (parse, attribute, claims, facts; first run loads spaCy)",
                  lambda: [c for a in articles for c in analyse(a, registry)])
    step("analyse again (spaCy loaded)", lambda: [c for a in articles for c in analyse(a, registry)])
    embedder = step("load the embedder", get_embedder)
    vectors = step("embed the claims (first call starts the model)", lambda: embedder.embed([c.text for c in claims]))
    comparison = step("align, judge, fact table", lambda: compare_claims(articles, claims, vectors,
                                                                        model=embedder.name))
    for fmt in ("json", "md", "csv", "html"):
        step(f"render {fmt}", lambda fmt=fmt: render(comparison, fmt))
    step("terminal table (rich, 100 columns)",
         lambda: show_comparison(Console(file=io.StringIO(), width=100, force_terminal=True), comparison))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = str(Path(folder) / "desk.db")
        rows = [
            ("compare 3 files --format json", cold(["compare", *EXAMPLES, "--format", "json"], args.runs)),
            ("compare 3 files (terminal table)", cold(["compare", *EXAMPLES], args.runs)),
            ("report 3 files --format html", cold(["report", *EXAMPLES, "--format", "html"], args.runs)),
            ("sources of one article", cold(["sources", EXAMPLES[1]], args.runs)),
            ("claims of one article", cold(["claims", EXAMPLES[1]], args.runs)),
        ]
        subprocess.run([*CLAIMDIFF, "ingest", *EXAMPLES, "--db", db], cwd=ROOT, check=True, capture_output=True)
        subprocess.run([*CLAIMDIFF, "stories", "--db", db], cwd=ROOT, check=True, capture_output=True)
        rows += [
            ("compare --story 1 (stored analysis and vectors)", cold(["compare", "--story", "1", "--db", db],
                                                                    args.runs)),
            ("search a question in the corpus", cold(["search", "what is the death toll", "--db", db], args.runs)),
        ]
    print("| command (fresh process, median) | seconds |\n|---|---|")
    for name, seconds in rows:
        print(f"| `{name}` | {seconds:.2f} |")
    print("\n| stage of a compare (one process) | seconds |\n|---|---|")
    for name, seconds in stages():
        print(f"| {name} | {seconds:.3f} |")


if __name__ == "__main__":
    main()
