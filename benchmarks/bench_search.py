"""Search latency over a large corpus: 100,000 stored claims with real-sized (384-d) vectors.

The claims and vectors are synthetic (random unit vectors; texts of eight words from a 5,000-word vocabulary; one
claim in ten counts people killed), so the run measures storage and lookup (vectors, keywords, count questions),
not the model.

    python benchmarks/bench_search.py [--claims 100000]
"""
from __future__ import annotations

import argparse
import hashlib
import tempfile
import time
from pathlib import Path

import numpy as np

from claimdiff.verify.corpus import open_db
from claimdiff.verify.search import search


class QueryEmbedder:
    name = "bench-model"

    def embed(self, texts):
        rng = np.random.default_rng(len(texts[0]))
        vector = rng.normal(size=(len(texts), 384)).astype(np.float32)
        return vector / np.linalg.norm(vector, axis=1, keepdims=True)


def build(path: Path, claims: int) -> None:
    db = open_db(path)
    rng = np.random.default_rng(7)
    per_article = 10
    with db.atomic():
        db["articles"].insert_all(({"id": a + 1, "content_hash": f"h{a}", "outlet": f"Outlet {a % 50}",
                                    "text": "synthetic", "published": "2025-03-11"}
                                   for a in range(claims // per_article)), batch_size=5000)
        for start in range(0, claims, 10_000):
            vectors = rng.normal(size=(10_000, 384)).astype(np.float32)
            vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
            rows, embeddings = [], []
            for i, vector in enumerate(vectors):
                n = start + i
                key = hashlib.sha256(str(n).encode()).hexdigest()
                text = " ".join(f"w{w}" for w in rng.integers(0, 5000, size=8))
                facts = '{"numbers": [{"value": 2, "event": "killed"}]}' if n % 10 == 0 else "{}"
                article = n // per_article + 1
                rows.append({"id": f"A{article}-c{n % per_article + 1}", "article_id": article,
                             "text": text, "start": 0, "end": len(text), "hedged": 0, "inherited": 0,
                             "sources": '[{"chain": ["Outlet"]}]', "facts": facts, "text_hash": key,
                             "sentence": text})
                embeddings.append({"text_hash": key, "model": "bench-model", "dims": 384,
                                   "vector": vector.astype("<f4").tobytes()})
            db["claims"].insert_all(rows, batch_size=5000)
            db["embeddings"].insert_all(embeddings, batch_size=5000)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.db"
        start = time.perf_counter()
        build(path, args.claims)
        print(f"built {args.claims:,} claims in {time.perf_counter() - start:.1f} s, "
              f"{path.stat().st_size / 1e6:.0f} MB")
        db = open_db(path, write=False)
        embedder = QueryEmbedder()
        times = []
        for query in ("first query w12", "how many people were killed near w345 and w7?", "w1 w2 w3 w4",
                      "a plain question"):
            start = time.perf_counter()
            hits = search(db, query, embedder, limit=10)
            times.append(time.perf_counter() - start)
            assert len(hits) == 10
        print(f"search over {args.claims:,} claims: first {times[0] * 1000:.0f} ms, then "
              + ", ".join(f"{t * 1000:.0f} ms" for t in times[1:]) + " (a count question, keywords, plain)")


if __name__ == "__main__":
    main()
