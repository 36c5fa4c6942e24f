"""Stories: articles grouped by the event they report, from the learned pair scorer's best claim matches between
two articles and the rare names they share (``verify.pairscorer``); ``claimdiff stories`` and every ``compare`` of
four or more articles use the same grouping, so a stored story and a compare of its files agree."""
from __future__ import annotations

from datetime import date

import numpy as np

from .pairscorer import COSINE_FLOOR, PairScorer, Statements, default_scorer, features

STORY_CUT = 0.5
"""Mean affinity (below) at which articles form one story (average linkage).

ECB+ dev (benchmarks/eval_stories.py, two look-alike real events per topic): mean ARI 0.659 / 0.607 / 0.565 at
0.4 / 0.5 / 0.6. 0.5 because realnews decides: its mixed runs (two articles of each of two look-alike events) split
right in 6 of 7 topics at 0.5, 5 of 7 at 0.4, and none of its 16 one-event runs splits (BENCHMARKS.md)."""
TOP = 10
"""An article pair's affinity: the mean of the pair scorer's TOP highest probabilities between their claims (each
claim's best match), so a long article is not diluted by its background paragraphs."""
ARTICLE_FLOOR = 0.3
"""Articles whose claim centroids are less similar than this are not compared claim by claim (their affinity is
their names in common and dates alone): far below any story cut anyway."""
BLOCK = 100_000
"""At most this many claim pairs are scored at once: memory grows with the articles, not with claims squared."""
NAMES = 1.0
"""Weight of the articles' names in common, each weighted by its rarity among the articles grouped (tf-idf cosine,
``Statements.name_weights``): the names that tell one event from a look-alike one."""
SEPARATION = 0.55
"""Two stories stay apart only when their mutual affinity is below this share of the looser story's own: without
it, 3 of realnews' 16 one-event runs split in two (0.6: 1 of 16; 0.5: none, but ECB+ ARI falls to 0.58)."""
DATE_WINDOW = 3
DATE_PENALTY = 0.5
FAR_DAYS = 30
FAR_PENALTY = 2.0
"""Articles published more than DATE_WINDOW days apart lose DATE_PENALTY of affinity (another week, likely another
event); more than FAR_DAYS apart, FAR_PENALTY: even identical wording months later is another story (no affinity
reaches the cut after it)."""
SAME_DAY_BONUS = 0.25
"""Articles published within a day of each other gain this much: accounts of one incident that disagree on its place
and victims share few names, but they appear together (the bundled examples are such a case)."""


def affinity(texts: list[list[str]], vectors: list[np.ndarray], published: list[date | None],
             outlets: list | None = None, scorer: PairScorer | None = None) -> np.ndarray:
    """Article x article affinity: the pair scorer's best claim matches plus the names in common, then publication
    dates. Claims are compared one article against the others at a time (memory grows with the articles, not
    with claims squared), and only for articles whose claim centroids reach ARTICLE_FLOOR."""
    n = len(texts)
    score = np.zeros((n, n))
    present = [a for a in range(n) if len(texts[a])]
    if present:
        owner = [a for a in present for _ in texts[a]]
        statements = Statements.of([t for a in present for t in texts[a]], np.vstack([vectors[a] for a in present]),
                                   owner, [outlets[a] for a in owner] if outlets else None)
        scorer = scorer or default_scorer()
        bounds = np.cumsum([0] + [len(texts[a]) for a in present])
        near = statements.centroids @ statements.centroids.T
        k = 0
        while k < len(present):
            # A chunk of articles against every later one, at most BLOCK cosines at a time.
            end = k + 1
            while end < len(present) and (bounds[end + 1] - bounds[k]) * (bounds[-1] - bounds[k]) <= BLOCK:
                end += 1
            rows, columns = np.arange(bounds[k], bounds[end]), np.arange(bounds[k], bounds[-1])
            cosine = statements.vectors[rows] @ statements.vectors[columns].T
            owner_r, owner_c = statements.article[rows], statements.article[columns]
            keep = ((owner_r[:, None] < owner_c[None, :]) & (near[owner_r][:, owner_c] >= ARTICLE_FLOOR)
                    & (cosine >= COSINE_FLOOR))
            i, j = np.nonzero(keep)
            p = np.zeros(cosine.shape)
            if len(i):
                p[i, j] = scorer.probability(features(statements, rows[i], columns[j],
                                                      cosine[i, j].astype(np.float64)))
            for x in range(k, end):
                for y in range(x + 1, len(present)):
                    if near[x, y] < ARTICLE_FLOOR:
                        continue
                    base = bounds[k]
                    block = p[bounds[x] - base:bounds[x + 1] - base, bounds[y] - base:bounds[y + 1] - base]
                    best = np.sort(np.concatenate([block.max(axis=1), block.max(axis=0)]))[::-1]
                    score[present[x], present[y]] = score[present[y], present[x]] = float(best[:TOP].mean())
            k = end
        first, second = np.triu_indices(len(present), k=1)
        names = NAMES * statements.name_weights(first, second)
        index = np.array(present)
        score[index[first], index[second]] += names
        score[index[second], index[first]] += names
    days = np.array([d.toordinal() if d else 0 for d in published], dtype=np.int64)
    dated = np.array([d is not None for d in published])
    gap = np.abs(days[:, None] - days[None, :])
    both = dated[:, None] & dated[None, :] & ~np.eye(n, dtype=bool)
    score -= np.where(both & (gap > FAR_DAYS), FAR_PENALTY, np.where(both & (gap > DATE_WINDOW), DATE_PENALTY, 0.0))
    score += np.where(both & (gap <= 1), SAME_DAY_BONUS, 0.0)
    return score


def group_articles(ids: list[int], texts: list[list[str]], vectors: list[np.ndarray],
                   published: list[date | None], threshold: float = STORY_CUT,
                   outlets: list | None = None) -> list[list[int]]:
    """Stories as lists of article ids, largest first (then by first article). ``texts``/``vectors``: each
    article's claim texts and their embedding matrix; ``outlets``, when given, one per article."""
    if not ids:
        return []
    if len(ids) == 1:
        return [list(ids)]
    from sklearn.cluster import AgglomerativeClustering

    score = affinity(texts, vectors, published, outlets)
    distance = np.maximum(0.0, 2.0 - score)
    np.fill_diagonal(distance, 0.0)
    labels = AgglomerativeClustering(n_clusters=None, metric="precomputed", linkage="average",
                                     distance_threshold=2.0 - threshold).fit_predict(distance)
    groups: dict[int, list[int]] = {}
    for index, label in enumerate(labels):
        groups.setdefault(int(label), []).append(index)
    parts = _separated(list(groups.values()), score)
    stories = [[ids[i] for i in part] for part in parts]
    return sorted(stories, key=lambda s: (-len(s), min(s)))


def _within(score: np.ndarray, part: list[int]) -> float:
    block = score[np.ix_(part, part)]
    return float((block.sum() - np.trace(block)) / (len(part) * (len(part) - 1)))


def _separated(parts: list[list[int]], score: np.ndarray) -> list[list[int]]:
    """Merge back stories that are not clearly apart: their mutual affinity reaches SEPARATION of the looser one's
    own. One event told very differently (affinities spread from 0.2 to 0.6) stays one story; two look-alike events
    whose accounts hang tightly together split."""
    merged = True
    while merged and len(parts) > 1:
        merged = False
        for x in range(len(parts)):
            for y in range(x + 1, len(parts)):
                a, b = parts[x], parts[y]
                if len(a) < 2 or len(b) < 2:
                    continue
                between = float(score[np.ix_(a, b)].mean())
                if between >= SEPARATION * min(_within(score, a), _within(score, b)):
                    parts[x] = sorted(a + b)
                    del parts[y]
                    merged = True
                    break
            if merged:
                break
    return parts
