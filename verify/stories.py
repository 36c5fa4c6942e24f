"""Stories: articles grouped by the event they report, from the learned pair scorer's best claim matches between
two articles and the rare names they share (``verify.pairscorer``); ``claimdiff stories`` and every ``compare`` of
four or more articles use the same grouping, so a stored story and a compare of its files agree."""
from __future__ import annotations

import heapq
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
STORY_NEAREST = 64
"""Above STORY_NEAREST + 1 articles each article is compared only with its STORY_NEAREST nearest by claim centroid
(a pair is compared when either is among the other's nearest), and stories are average linkage over the compared
pairs: the work grows with the articles, not with their pairs. Up to STORY_NEAREST + 1 articles every pair is
compared, as before. 64 because ECB+ topics (at most 39 articles with claims, benchmarks/eval_stories.py) and
realnews runs stay below it, so they group exactly as without the cap (32 would cap the largest ECB+ topic)."""


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
        first, second = np.triu_indices(len(present), k=1)
        close = (statements.centroids @ statements.centroids.T)[first, second] >= ARTICLE_FLOOR
        index = np.array(present)
        best = np.zeros(len(first))
        best[close] = _matches(statements, first[close], second[close], scorer or default_scorer())
        score[index[first], index[second]] = score[index[second], index[first]] = best
        names = NAMES * statements.name_weights(first, second)
        score[index[first], index[second]] += names
        score[index[second], index[first]] += names
    days = np.array([d.toordinal() if d else 0 for d in published], dtype=np.int64)
    dated = np.array([d is not None for d in published])
    both = dated[:, None] & dated[None, :] & ~np.eye(n, dtype=bool)
    return _dated(score, np.abs(days[:, None] - days[None, :]), both)


def nearest_affinity(texts: list[list[str]], vectors: list[np.ndarray], published: list[date | None],
                     outlets: list | None = None,
                     scorer: PairScorer | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``affinity`` of the compared pairs only, as (first, second, affinity) with first < second: each article and
    its STORY_NEAREST nearest by claim centroid (either way; claim by claim when their centroids reach
    ARTICLE_FLOOR)."""
    n = len(texts)
    present = np.array([a for a in range(n) if len(texts[a])], dtype=int)
    first = second = np.zeros(0, dtype=int)
    value = np.zeros(0)
    if len(present) > 1:
        owner = [a for a in present for _ in texts[a]]
        statements = Statements.of([t for a in present for t in texts[a]], np.vstack([vectors[a] for a in present]),
                                   owner, [outlets[a] for a in owner] if outlets else None)
        first, second, near = _nearest(statements.centroids)
        close = near >= ARTICLE_FLOOR
        value = np.zeros(len(first))
        value[close] = _matches(statements, first[close], second[close], scorer or default_scorer())
        value += NAMES * statements.name_weights(first, second)
        first, second = present[first], present[second]
    days = np.array([d.toordinal() if d else 0 for d in published], dtype=np.int64)
    dated = np.array([d is not None for d in published])
    return first, second, _dated(value, np.abs(days[first] - days[second]), dated[first] & dated[second])


def _nearest(centroids: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Article pairs (first < second, each once, in order) where either is among the other's STORY_NEAREST nearest
    by centroid cosine, and that cosine; at most BLOCK cosines at a time."""
    n = len(centroids)
    count = min(STORY_NEAREST, n - 1)
    step = max(1, BLOCK // n)
    pairs, cosines = [], []
    for start in range(0, n, step):
        own = np.arange(start, min(start + step, n))
        near = centroids[own] @ centroids.T
        near[own - start, own] = -np.inf
        nearest = np.argpartition(-near, count - 1, axis=1)[:, :count]
        pairs.append(np.minimum(own[:, None], nearest).ravel() * n + np.maximum(own[:, None], nearest).ravel())
        cosines.append(np.take_along_axis(near, nearest, axis=1).ravel())
    pairs, index = np.unique(np.concatenate(pairs), return_index=True)
    return pairs // n, pairs % n, np.concatenate(cosines)[index]


def _matches(statements: Statements, first: np.ndarray, second: np.ndarray, scorer: PairScorer) -> np.ndarray:
    """The best-matches affinity (TOP) of article pairs first[k] < second[k] (sorted by first), claim by claim: one
    article against its partners at a time, the plausible claim pairs (COSINE_FLOOR) of about BLOCK cosines scored at
    once."""
    bounds = np.searchsorted(statements.article, np.arange(len(statements.centroids) + 1))
    claims = [np.arange(bounds[a], bounds[a + 1]) for a in range(len(bounds) - 1)]
    value = np.zeros(len(first))
    starts = np.r_[np.unique(first, return_index=True)[1], len(first)]  # each article's run of pairs
    k = 0
    while k < len(starts) - 1:
        # Articles k..end against their partners, their blocks' plausible pairs scored in one call.
        blocks, rows, columns, cosines, size = [], [], [], [], 0
        end = k
        while end < len(starts) - 1 and (end == k or size <= BLOCK):
            pairs = np.arange(starts[end], starts[end + 1])
            row, column = claims[first[pairs[0]]], np.concatenate([claims[b] for b in second[pairs]])
            cosine = statements.vectors[row] @ statements.vectors[column].T
            i, j = np.nonzero(cosine >= COSINE_FLOOR)
            blocks.append((pairs, cosine.shape, i, j, np.cumsum([0] + [len(claims[b]) for b in second[pairs]])))
            rows.append(row[i])
            columns.append(column[j])
            cosines.append(cosine[i, j].astype(np.float64))
            size += cosine.size
            end += 1
        row, column = np.concatenate(rows), np.concatenate(columns)
        p = scorer.probability(features(statements, row, column, np.concatenate(cosines))) if len(row) else row
        offset = 0
        for pairs, shape, i, j, edges in blocks:
            block = np.zeros(shape)
            block[i, j] = p[offset:offset + len(i)]
            offset += len(i)
            for pair, left, right in zip(pairs, edges[:-1], edges[1:]):
                value[pair] = _best(block[:, left:right])
        k = end
    return value


def _best(block: np.ndarray) -> float:
    """The mean of the TOP highest of each claim's best match in the other article."""
    best = np.sort(np.concatenate([block.max(axis=1), block.max(axis=0)]))[::-1]
    return float(best[:TOP].mean())


def _dated(score: np.ndarray, gap: np.ndarray, both: np.ndarray) -> np.ndarray:
    """Affinities after the publication dates' terms, for pairs ``gap`` days apart (``both``: both dated)."""
    score = score - np.where(both & (gap > FAR_DAYS), FAR_PENALTY,
                             np.where(both & (gap > DATE_WINDOW), DATE_PENALTY, 0.0))
    return score + np.where(both & (gap <= 1), SAME_DAY_BONUS, 0.0)


def group_articles(ids: list[int], texts: list[list[str]], vectors: list[np.ndarray],
                   published: list[date | None], threshold: float = STORY_CUT,
                   outlets: list | None = None) -> list[list[int]]:
    """Stories as lists of article ids, largest first (then by first article). ``texts``/``vectors``: each
    article's claim texts and their embedding matrix; ``outlets``, when given, one per article."""
    if not ids:
        return []
    if len(ids) == 1:
        return [list(ids)]
    if len(ids) > STORY_NEAREST + 1:
        parts = _Linkage(len(ids), *nearest_affinity(texts, vectors, published, outlets)).stories(threshold)
    else:
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


class _Linkage:
    """Average linkage over the compared article pairs only (``nearest_affinity``), then ``_separated``'s merging
    back, both on the sums and counts of the compared pairs' affinities within and between stories. A merge moves
    the smaller story's links into the larger one's, and only the links it moves change their mean, so the work
    grows with the pairs (times their log), not with the articles squared."""

    def __init__(self, n: int, first: np.ndarray, second: np.ndarray, value: np.ndarray):
        self.members = [[a] for a in range(n)]
        self.inner = [[0.0, 0] for _ in range(n)]  # sum and count of the pairs within each story
        self.links: list[dict[int, list]] = [{} for _ in range(n)]  # story -> other story -> [sum, count]
        for a, b, v in zip(first.tolist(), second.tolist(), value.tolist()):
            self.links[a][b] = self.links[b][a] = [v, 1]

    def stories(self, threshold: float) -> list[list[int]]:
        """The two stories of highest mean affinity merge while it is above ``threshold``, then stories that are not
        clearly apart merge back (as ``_separated``)."""
        heap = [(-link[0], a, b) for a in range(len(self.links)) for b, link in self.links[a].items() if a < b]
        heapq.heapify(heap)
        while heap and -heap[0][0] > threshold:
            mean, a, b = heapq.heappop(heap)
            link = self.links[a].get(b)
            if link is not None and link[0] / link[1] == -mean:  # else a later merge changed or ended this link
                kept, changed = self.merge(a, b)
                for c, link in changed:
                    heapq.heappush(heap, (-link[0] / link[1], min(kept, c), max(kept, c)))
        return self.separated()

    def separated(self) -> list[list[int]]:
        """``_separated`` over the compared pairs: the means are theirs, and stories with none between them stay
        apart."""
        merged = True
        while merged:
            merged = False
            for a in sorted((a for a, m in enumerate(self.members) if len(m) > 1), key=lambda a: self.members[a][0]):
                for b, link in sorted(self.links[a].items(), key=lambda item: self.members[item[0]][0]):
                    if len(self.members[b]) > 1 and self.members[b][0] > self.members[a][0] and (
                            link[0] / link[1] >= SEPARATION * min(self._within(a), self._within(b))):
                        self.merge(a, b)
                        merged = True
                        break
                if merged:
                    break
        return [sorted(m) for m in self.members if m]

    def _within(self, story: int) -> float:
        total, count = self.inner[story]
        return total / count

    def merge(self, a: int, b: int) -> tuple[int, list[tuple[int, list]]]:
        """Merges the story with fewer links into the other; returns the merged story and its links whose mean
        changed, as (other story, [sum, count])."""
        if len(self.links[a]) < len(self.links[b]):
            a, b = b, a
        link = self.links[a].pop(b)
        del self.links[b][a]
        self.inner[a] = [self.inner[a][0] + self.inner[b][0] + link[0], self.inner[a][1] + self.inner[b][1] + link[1]]
        self.members[a] += self.members[b]
        self.members[b] = []
        changed = []
        for c, moved in self.links[b].items():
            del self.links[c][b]
            kept = self.links[a].get(c)
            if kept is None:
                self.links[a][c] = self.links[c][a] = kept = list(moved)
            else:
                kept[0] += moved[0]
                kept[1] += moved[1]
            changed.append((c, kept))
        self.links[b] = {}
        return a, changed
