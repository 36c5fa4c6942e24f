"""Story grouping on ECB+ (topics 1-35): do `claimdiff stories` groups match the two real events of each topic?

Each topic's documents are grouped with verify.stories.group_articles; the score is the adjusted Rand index against
the true event split (subtopic), averaged over topics, for several thresholds.

    python benchmarks/eval_stories.py [--thresholds 0.8,0.9,1.0,1.1,1.2]
"""
from __future__ import annotations

import argparse
from collections import defaultdict

import numpy as np
from common import EVAL, read_jsonl
from eval_alignment import build_articles
from sklearn.metrics import adjusted_rand_score

from claimdiff.claims import analyse
from claimdiff.sources import SourceRegistry
from claimdiff.verify import get_embedder
from claimdiff.verify.stories import group_articles


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--thresholds", default="0.8,0.9,1.0,1.1,1.2")
    args = parser.parse_args()
    docs = [d for d in read_jsonl(EVAL / "ecbplus" / "docs.jsonl") if 1 <= int(d["topic"]) <= 35]
    by_topic = defaultdict(list)
    for doc in docs:
        by_topic[doc["topic"]].append(doc)
    embedder, registry = get_embedder(), SourceRegistry.default()
    prepared = []
    for topic_docs in by_topic.values():
        articles, _ = build_articles(topic_docs)
        texts, vectors, kept = [], [], []
        for article, doc in zip(articles, topic_docs):
            claims = analyse(article, registry)
            if claims:
                texts.append([c.text for c in claims])
                vectors.append(embedder.embed([c.text for c in claims]))
                kept.append((article, doc["subtopic"]))
        prepared.append((texts, vectors, kept))
    for threshold in [float(t) for t in args.thresholds.split(",")]:
        scores = []
        for texts, vectors, kept in prepared:
            stories = group_articles(list(range(len(kept))), texts, vectors, [a.published for a, _ in kept],
                                     threshold)
            label = {i: n for n, story in enumerate(stories) for i in story}
            scores.append(adjusted_rand_score([s for _, s in kept], [label[i] for i in range(len(kept))]))
        print(f"threshold {threshold}: mean adjusted Rand index {np.mean(scores):.3f} over {len(scores)} topics")


if __name__ == "__main__":
    main()
