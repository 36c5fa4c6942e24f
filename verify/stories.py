"""Stories: stored articles grouped by the event they report (claim centroids, shared names and numbers, dates)."""
from __future__ import annotations

import re
from datetime import date

import numpy as np

from ..claims import place_key
from ..claims.facts import CALENDAR_WORDS

STORY_AFFINITY = 1.1
"""Average affinity (centroid cosine + share of names and numbers in common) at which articles form one story.

Calibrated on ECB+ dev (topics 1-35, two look-alike real events per topic): mean adjusted Rand index against the
true event split 0.425 / 0.541 / 0.609 / 0.643 / 0.565 at 0.8 / 0.9 / 1.0 / 1.1 / 1.2
(benchmarks/eval_stories.py)."""
DATE_WINDOW = 3
DATE_PENALTY = 0.5
FAR_DAYS = 30
"""Articles published more than DATE_WINDOW days apart lose DATE_PENALTY of affinity (another week, likely another
event); more than FAR_DAYS apart, twice that, so even identical wording months later is another story."""
SAME_DAY_BONUS = 0.25
"""Articles published within a day of each other gain this much: accounts of one incident that disagree on its place
and victims share few names, but they appear together (the bundled examples are such a case)."""
_NAME = re.compile(r"(?<!^)\b(?:[A-Z][a-z]{2,}|\d{2,})\b")


def names_of(texts: list[str]) -> set[str]:
    """Names and numbers in an article's claims, spelled-variant-proof (Kafr Buhum and Kfar Bohom share keys);
    sentence-initial words and calendar words say nothing about which event it is."""
    keys = set()
    for text in texts:
        for word in _NAME.findall(text):
            if word.lower() not in CALENDAR_WORDS:
                keys.add(word if word.isdigit() else place_key(word))
    return keys


def affinity(centroids: np.ndarray, names: list[set[str]], published: list[date | None]) -> np.ndarray:
    """Article x article affinity from normalised claim centroids, name sets and publication dates."""
    shared = np.array([[len(a & b) / max(1, min(len(a), len(b))) for b in names] for a in names])
    score = centroids @ centroids.T + shared
    for i, di in enumerate(published):
        for j, dj in enumerate(published):
            if di and dj and abs((di - dj).days) > DATE_WINDOW:
                score[i, j] -= DATE_PENALTY * (2 if abs((di - dj).days) > FAR_DAYS else 1)
            elif di and dj and abs((di - dj).days) <= 1:
                score[i, j] += SAME_DAY_BONUS
    return score


def group_articles(ids: list[int], texts: list[list[str]], vectors: list[np.ndarray],
                   published: list[date | None], threshold: float = STORY_AFFINITY) -> list[list[int]]:
    """Stories as lists of article ids, largest first (then by first article). ``texts``/``vectors``: each
    article's claim texts and their embedding matrix."""
    if not ids:
        return []
    centroids = np.vstack([v.mean(axis=0) if len(v) else np.zeros(vectors[0].shape[-1]) for v in vectors])
    centroids /= np.maximum(np.linalg.norm(centroids, axis=1, keepdims=True), 1e-9)
    names = [names_of(claim_texts) for claim_texts in texts]
    if len(ids) == 1:
        return [list(ids)]
    from sklearn.cluster import AgglomerativeClustering

    distance = np.maximum(0.0, 3.0 - affinity(centroids, names, published))
    np.fill_diagonal(distance, 0.0)
    labels = AgglomerativeClustering(n_clusters=None, metric="precomputed", linkage="average",
                                     distance_threshold=3.0 - threshold).fit_predict(distance)
    stories: dict[int, list[int]] = {}
    for article_id, label in zip(ids, labels):
        stories.setdefault(int(label), []).append(article_id)
    return sorted(stories.values(), key=lambda s: (-len(s), min(s)))
