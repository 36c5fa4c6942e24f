"""Story grouping on ECB+ (topics 1-35): do `claimdiff stories` groups match the two real events of each topic?

Each topic's documents are grouped with verify.stories.group_articles (the pair scorer's best claim matches between
two articles, average linkage); the score is the adjusted Rand index against the true event split (subtopic),
averaged over topics, for several cuts.

    python benchmarks/eval_stories.py [--thresholds 0.3,0.4,0.5,0.6,0.7] [--topics 1-35] [--cache FILE]

--cache reads (or writes) the same prepared claims as benchmarks/eval_alignment.py --cache.
"""
from __future__ import annotations

import argparse
import pickle
from collections import defaultdict
from pathlib import Path

import numpy as np
from common import EVAL, read_jsonl
from eval_alignment import build_articles, parse_topics
from sklearn.metrics import adjusted_rand_score

from claimdiff.claims import analyse
from claimdiff.sources import SourceRegistry
from claimdiff.verify import get_embedder
from claimdiff.verify.stories import STORY_CUT, group_articles


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--thresholds", default=f"0.3,0.4,{STORY_CUT},0.6,0.7")
    parser.add_argument("--topics", default="1-35")
    parser.add_argument("--cache", default=None, help="prepared claims pickled by eval_alignment.py --cache")
    args = parser.parse_args()
    topics = parse_topics(args.topics)
    docs = [d for d in read_jsonl(EVAL / "ecbplus" / "docs.jsonl") if d["topic"] in topics]
    subtopic = {d["doc_id"]: d["subtopic"] for d in docs}
    by_topic = defaultdict(list)
    for doc in docs:
        by_topic[doc["topic"]].append(doc)
    cache = Path(args.cache) if args.cache else None
    cached = pickle.loads(cache.read_bytes()) if cache and cache.exists() else {}
    embedder, registry = None, SourceRegistry.default()
    prepared = []
    for topic, topic_docs in sorted(by_topic.items(), key=lambda item: int(item[0])):
        if topic in cached:
            articles, claims, vectors = cached[topic][:3]
        else:
            embedder = embedder or get_embedder()
            articles, _ = build_articles(topic_docs)
            claims = [c for a in articles for c in analyse(a, registry)]
            vectors = embedder.embed([c.text for c in claims])
        texts, matrices, kept = [], [], []
        for article in articles:
            rows = [i for i, c in enumerate(claims) if c.article == article.id]
            if rows:
                texts.append([claims[i].text for i in rows])
                matrices.append(np.asarray(vectors)[rows])
                kept.append((article, subtopic[article.id]))
        prepared.append((texts, matrices, kept))
    for threshold in [float(t) for t in args.thresholds.split(",")]:
        scores = []
        for texts, matrices, kept in prepared:
            stories = group_articles(list(range(len(kept))), texts, matrices, [a.published for a, _ in kept],
                                     threshold, outlets=[a.outlet for a, _ in kept])
            label = {i: n for n, story in enumerate(stories) for i in story}
            scores.append(adjusted_rand_score([s for _, s in kept], [label[i] for i in range(len(kept))]))
        print(f"threshold {threshold}: mean adjusted Rand index {np.mean(scores):.3f} over {len(scores)} topics")


if __name__ == "__main__":
    main()
