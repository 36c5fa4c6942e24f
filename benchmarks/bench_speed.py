"""Speed: cold starts of the commands, raw encode vs the whole pipeline, and ONNX vs torch agreement.

    python benchmarks/bench_speed.py            (uses ../shared/eval/ecbplus for 2,000 real sentences)
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time

import numpy as np
from common import EVAL, ROOT, read_jsonl

CLAIMDIFF = [sys.executable, "-m", "claimdiff"]
EXAMPLES = [str(ROOT / "examples" / n) for n in ("wire.txt", "regional.md", "local.html")]


def timed(args: list[str], runs: int = 3) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([*CLAIMDIFF, *args], cwd=ROOT, check=True, capture_output=True)
        best = min(best, time.perf_counter() - start)
    return best


def sentences(count: int) -> list[str]:
    from eval_alignment import detokenise

    out = []
    for doc in read_jsonl(EVAL / "ecbplus" / "docs.jsonl"):
        out.extend(detokenise(s["text"]) for s in doc["sentences"] if len(s["text"].split()) >= 5)
        if len(out) >= count:
            return out[:count]
    return out


def main() -> None:
    print(f"claimdiff --help: {timed(['--help']):.2f} s (best of 3)")
    print(f"claimdiff sources examples/wire.txt: {timed(['sources', EXAMPLES[0]]):.2f} s")
    for backend in ("torch", "onnx"):
        with tempfile.TemporaryDirectory() as tmp:
            db = os.path.join(tmp, "c.db")
            base = ["compare", *EXAMPLES[:2], "--backend", backend, "--format", "json"]
            first = timed(base, runs=1)
            timed([*base, "--db", db], runs=1)  # fills the embedding cache
            second = timed([*base, "--db", db])
        print(f"compare of two articles, {backend}: {first:.2f} s cold; {second:.2f} s with stored embeddings")

    from claimdiff.claims import extract_claims
    from claimdiff.sources import Article, SourceRegistry, attribute
    from claimdiff.verify import compare_claims, get_embedder

    texts = sentences(2000)
    torch_embedder, onnx_embedder = get_embedder(backend="torch"), get_embedder(backend="onnx")
    torch_embedder.embed(texts[:8])
    onnx_embedder.embed(texts[:8])
    for name, embedder in (("torch", torch_embedder), ("onnx int8", onnx_embedder)):
        start = time.perf_counter()
        embedder.embed(texts)
        print(f"raw encode, {name}: {len(texts) / (time.perf_counter() - start):.0f} sentences/s")
    reference, fast = torch_embedder.embed(texts), onnx_embedder.embed(texts)
    cosines = (reference * fast).sum(axis=1)
    neighbours = (np.argmax(reference @ reference.T - 2 * np.eye(len(texts)), axis=1)
                  == np.argmax(fast @ fast.T - 2 * np.eye(len(texts)), axis=1)).mean()
    print(f"onnx int8 vs torch on {len(texts)} sentences: cosine mean {cosines.mean():.4f}, "
          f"min {cosines.min():.4f}; nearest neighbour agreement {neighbours:.3f}")

    # The pipeline on the same sentences: 40 articles of 50 sentences, attribution to verdicts.
    registry = SourceRegistry.default()
    for name, embedder in (("torch", torch_embedder), ("onnx int8", onnx_embedder)):
        stages = {"attribution": 0.0, "claims": 0.0, "embedding": 0.0, "alignment+verdicts": 0.0}
        start_all = time.perf_counter()
        articles = [Article.from_text("\n\n".join(texts[i:i + 50]), outlet=f"o{i}", id=f"a{i}")
                    for i in range(0, len(texts), 50)]
        claims = []
        for article in articles:
            t = time.perf_counter()
            statements = attribute(article, registry)
            stages["attribution"] += time.perf_counter() - t
            t = time.perf_counter()
            claims.extend(extract_claims(article, statements))
            stages["claims"] += time.perf_counter() - t
        t = time.perf_counter()
        vectors = embedder.embed([c.text for c in claims])
        stages["embedding"] += time.perf_counter() - t
        t = time.perf_counter()
        compare_claims(articles, claims, vectors)
        stages["alignment+verdicts"] += time.perf_counter() - t
        total = time.perf_counter() - start_all
        shares = ", ".join(f"{k} {v / total:.0%}" for k, v in stages.items())
        print(f"pipeline, {name}: {len(texts) / total:.0f} sentences/s, {len(claims) / total:.0f} claims/s "
              f"({len(articles)} articles in one compare; {shares})")


if __name__ == "__main__":
    main()
