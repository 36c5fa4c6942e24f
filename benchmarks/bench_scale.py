"""Scale: compare time from 2 to 50 articles, memory peaks, ingest of a generated 10,000-article corpus, and search
over the real claims it stores.

    python benchmarks/bench_scale.py [--articles 10000] [--workdir DIR]

Commands run as separate processes under /usr/bin/time (wall time and peak RSS); the corpus comes from
benchmarks/generate.py. The ingest runs in two halves into one database: the first gives the memory peak of
ingesting 5,000 articles, both together the 10,000-article figures.
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import ROOT
from generate import generate, one_story, write

from claimdiff.sources import Article
from claimdiff.verify import compare, get_embedder

CLAIMDIFF = [sys.executable, "-m", "claimdiff"]
QUERIES = ["two soldiers were killed in an ambush", "residents heard gunfire through the night",
           "suspects were arrested after the attack", "the governor condemned the attack", "roads were closed",
           "a drone strike hit a village", "no group claimed responsibility", "wounded taken to hospital",
           "the fire at the market", "police officers died near the city"]


def measured(args: list[str]) -> tuple[float, float]:
    """Wall seconds and peak resident memory (MB) of one claimdiff command."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
        subprocess.run(["/usr/bin/time", "-f", "%e %M", "-o", report.name, *CLAIMDIFF, *args], cwd=ROOT, check=True,
                       capture_output=True)
        seconds, kilobytes = report.read().split()[-2:]
    return float(seconds), int(kilobytes) / 1024


def articles_of(records: list[dict]) -> list[Article]:
    return [Article.from_text(r["text"], outlet=r["outlet"], published=r["published"], id=f"a{i}")
            for i, r in enumerate(records)]


def compare_growth(embedder) -> None:
    story = one_story(50, seed=3)
    compare(articles_of(story[:2]), embedder=embedder)  # parser and model loaded before timing
    for n in (2, 5, 10, 20, 50):
        start = time.perf_counter()
        result = compare(articles_of(story[:n]), embedder=embedder)
        seconds = time.perf_counter() - start
        print(f"compare of {n:2d} articles ({len(result.claims):4d} claims, {len(result.alignments):3d} groups): "
              f"{seconds:5.2f} s, {seconds / n * 1000:4.0f} ms per article")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--workdir", type=Path, default=None, help="keep the corpus and database here")
    args = parser.parse_args()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="claimdiff-scale-"))
    workdir.mkdir(parents=True, exist_ok=True)

    embedder = get_embedder()
    print(f"backend: {embedder.name.rsplit('#', 1)[-1] if '#' in embedder.name else 'torch'}")
    compare_growth(embedder)

    fifty = workdir / "story50.jsonl"
    fifty.write_text("".join(json.dumps(r) + "\n" for r in one_story(50, seed=3)), encoding="utf-8")
    seconds, peak = measured(["compare", str(fifty), "--format", "json", "-o", str(workdir / "c50.json")])
    print(f"claimdiff compare of 50 articles (one process, model load included): {seconds:.1f} s, "
          f"peak {peak:.0f} MB")

    files = write(generate(args.articles, seed=1), workdir / "corpus", per_file=max(1, args.articles // 20))
    db = workdir / "corpus.db"
    db.unlink(missing_ok=True)
    half = len(files) // 2
    total_seconds = 0.0
    for label, part in (("first", files[:half]), ("second", files[half:])):
        seconds, peak = measured(["ingest", *map(str, part), "--db", str(db)])
        total_seconds += seconds
        count = sum(1 for path in part for line in path.open() if line.strip())
        print(f"ingest, {label} half: {count} articles in {seconds:.1f} s ({count / seconds:.0f} articles/s), "
              f"peak {peak:.0f} MB")
    size = sum(p.stat().st_size for p in workdir.glob("corpus.db*")) / 1e6
    print(f"ingest of {args.articles} articles: {total_seconds:.1f} s ({args.articles / total_seconds:.0f} "
          f"articles/s); database {size:.0f} MB")

    from claimdiff.verify.corpus import open_db
    from claimdiff.verify.search import search

    store = open_db(db, write=False)
    claims = store["claims"].count
    seconds, peak = measured(["search", QUERIES[0], "--db", str(db)])
    print(f"claimdiff search over {claims} claims, one process (model load, first query builds the vector file): "
          f"{seconds:.2f} s, peak {peak:.0f} MB")
    search(store, QUERIES[0], embedder)
    latencies = []
    for query in QUERIES:
        start = time.perf_counter()
        search(store, query, embedder)
        latencies.append((time.perf_counter() - start) * 1000)
    print(f"search over {claims} claims, in process: median {statistics.median(latencies):.0f} ms, "
          f"max {max(latencies):.0f} ms per query (query embedding included)")
    print(f"work files in {workdir}")


if __name__ == "__main__":
    main()
