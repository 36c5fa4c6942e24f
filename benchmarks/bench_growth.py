"""How each stage grows with its input: every input is doubled 4 times, with the time and peak memory of each step.

A linear stage about doubles its time from one step to the next (ratio ~2, exponent ~1); a quadratic one about
quadruples it (exponent ~2). Exponents are given over all steps and over the last doubling, which decides the
verdict (linear below 1.3).

Each step runs in a fresh process: the stage is warmed up on a small input (models and lazy imports load once),
then timed on the step's input, and its memory is the peak resident set during the run above the resident set
before it (Linux: /proc/self/status VmHWM, reset through /proc/self/clear_refs). That counts what tracemalloc cannot
see (spaCy's and numpy's own buffers), and no memory freed by an earlier step is reused to hide growth.

    python benchmarks/bench_growth.py [--stage WORD ...] [--scale 0.5]
"""
from __future__ import annotations

import argparse
import gc
import json
import math
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from claimdiff.claims import analyse
from claimdiff.sources import Article, SourceRegistry, read_articles, split_sentences
from claimdiff.verify import HashingEmbedder, compare

STEPS = 5  # the base size and four doublings
SENTENCE = ("Two soldiers were killed and {n} others wounded when gunmen attacked a checkpoint near Hama on Monday, "
            "a police director told the state news agency SANA. ")
_TEMPORARY = tempfile.TemporaryDirectory(prefix="bench-growth-")  # removed when the process exits
FOLDER = Path(_TEMPORARY.name)


@dataclass
class Stage:
    name: str
    unit: str
    base: int
    make: Callable[[int], object]  # size -> input (built outside the timed part)
    run: Callable[[object], object]


def _file(name: str, text: str) -> Path:
    path = FOLDER / name
    path.write_text(text, encoding="utf-8")
    return path


def _story(size: int) -> str:
    """About ``size`` bytes of news text in paragraphs of three sentences."""
    sentences = [SENTENCE.format(n=n) for n in range(size // len(SENTENCE) + 1)]
    return "\n\n".join(" ".join(sentences[i:i + 3]) for i in range(0, len(sentences), 3))


def _furnished(lines: int) -> str:
    chrome = ["By John Smith", "Share this article", "Updated: 3/11/2025 7:45 a.m. ET", "Read more: other news"]
    return "\n".join(chrome[n % 4] if n % 2 else SENTENCE.format(n=n) for n in range(lines))


def _articles(count: int) -> list[Article]:
    return [Article.from_text(f"Gunmen attacked checkpoint {n} near Hama on Monday, the army said. Residents said "
                              f"{n % 7 + 2} people were wounded.", outlet=f"Outlet {n}", id=f"a{n}",
                              published="2025-03-11") for n in range(count)]


REGISTRY = SourceRegistry.default()
STAGES = [
    Stage("read: HTML with unclosed tags", "tags", 5_000,
          lambda n: _file(f"tags-{n}.html", "<html><body><article>" + "<div><span>word " * n),
          read_articles),
    Stage("read: text with page furniture", "lines", 2_000,
          lambda n: _furnished(n), lambda text: Article.from_text(text)),
    Stage("sentences: one unpunctuated paragraph of news words", "bytes", 6_250,
          lambda n: Article.from_text((SENTENCE.replace(". ", " ") * (n // len(SENTENCE) + 1))[:n]),
          split_sentences),
    Stage("sentences: tiny sentences in one paragraph", "sentences", 1_250,
          lambda n: Article.from_text("He ran. " * n), split_sentences),
    Stage("sentences: initials in one paragraph ('A b. A b.')", "pieces", 625,
          lambda n: Article.from_text("A b. " * n), split_sentences),
    Stage("attribution and claims: one long article", "bytes", 16_000,
          lambda n: Article.from_text(_story(n), outlet="Wire"), lambda article: analyse(article, REGISTRY)),
    Stage("compare: many short articles", "articles", 64,
          _articles, lambda articles: compare(articles, embedder=HashingEmbedder(), registry=REGISTRY)),
    Stage("compare: one long article and a short one", "bytes", 16_000,
          lambda n: [Article.from_text(_story(n), outlet="Long", id="a1"),
                     Article.from_text(SENTENCE.format(n=3), outlet="Short", id="a2")],
          lambda articles: compare(articles, embedder=HashingEmbedder(), registry=REGISTRY)),
]


def _resident_mb(field: str) -> float:
    status = Path("/proc/self/status").read_text()
    return int(re.search(rf"{field}:\s+(\d+) kB", status).group(1)) / 1024


def run_step(stage: Stage, size: int, warm_up: int) -> dict:
    """One step, in this (fresh) process: seconds and peak MB above the resident set before the run."""
    stage.run(stage.make(warm_up))
    data = stage.make(size)
    gc.collect()
    Path("/proc/self/clear_refs").write_text("5")  # the peak restarts from the resident set now
    before = _resident_mb("VmRSS")
    start = time.perf_counter()
    stage.run(data)
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "peak_mb": _resident_mb("VmHWM") - before}


def exponent(sizes: list[int], values: list[float]) -> float:
    """The least-squares slope of log(value) over log(size): 1 for linear growth, 2 for quadratic."""
    xs, ys = [math.log(s) for s in sizes], [math.log(max(v, 1e-6)) for v in values]
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys)) / sum((x - mean_x) ** 2 for x in xs)


def measure(index: int, scale: float) -> None:
    stage = STAGES[index]
    print(f"\n{stage.name}")
    print(f"  {stage.unit:>10}  {'seconds':>8}  {'x prev':>6}  {'peak MB':>8}  {'x prev':>6}")
    sizes, times, peaks = [], [], []
    for step in range(STEPS):
        size = max(1, int(stage.base * scale)) * 2 ** step
        # Warmed up on a quarter of the first step: big enough to load every model and table, small enough that the
        # memory it leaves for reuse does not hide the first step's own.
        warm_up = max(2, int(stage.base * scale) // 4)
        child = subprocess.run([sys.executable, __file__, "--child", str(index), str(size), str(warm_up)],
                               capture_output=True, text=True, check=True)
        result = json.loads(child.stdout.strip().splitlines()[-1])
        seconds, peak = result["seconds"], max(result["peak_mb"], 0.1)
        ratio = f"{seconds / times[-1]:6.2f}" if times else ""
        memory_ratio = f"{peak / peaks[-1]:6.2f}" if peaks else ""
        print(f"  {size:>10,}  {seconds:8.3f}  {ratio:>6}  {peak:8.1f}  {memory_ratio:>6}", flush=True)
        sizes.append(size)
        times.append(seconds)
        peaks.append(peak)
    # Judged on the last doubling, the largest and least noisy step: a quadratic part that only starts to dominate
    # late hides in an exponent fitted over all steps.
    last = exponent(sizes[-2:], times[-2:])
    print(f"  time ~ n^{exponent(sizes, times):.2f} over all steps, n^{last:.2f} over the last doubling "
          f"({'linear' if last < 1.3 else 'SUPERLINEAR'}); memory ~ n^{exponent(sizes, peaks):.2f}, "
          f"n^{exponent(sizes[-2:], peaks[-2:]):.2f} over the last doubling")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stage", action="append", default=[],
                        help="run only the stages whose name contains this word (repeatable)")
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every base size (default 1)")
    parser.add_argument("--child", nargs=3, type=int, metavar=("STAGE", "SIZE", "WARM_UP"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_step(STAGES[args.child[0]], *args.child[1:])))
        return
    for index, stage in enumerate(STAGES):
        if not args.stage or any(word.lower() in stage.name.lower() for word in args.stage):
            measure(index, args.scale)


if __name__ == "__main__":
    main()
