"""Group similar claims across any number of articles: embeddings plus facts, at most one claim per article."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..claims import Claim

THRESHOLD = 0.55
"""Adjusted cosine at which two claims of different outlets are taken to report the same thing.

Calibrated on ECB+ dev (benchmarks/eval_alignment.py, topics 1-35, the int8 ONNX default): F1 0.527 / 0.511 / 0.492
at hard-negative FPR 0.128 / 0.127 / 0.117 for 0.5 / 0.55 / 0.6. 0.55 keeps false groups (which show editors conflicts
that are not there) nearer the 0.10 FPR goal and holds the bundled examples' gold groups."""
LINK_FLOOR = 0.8
"""Two groups merge when their claims' mean score reaches this share of THRESHOLD (0.7 to 0.9 move ECB+ F1 by
0.003) ..."""
MIN_GAP = 0.2
"""... and no pair of them falls more than this below THRESHOLD, so groups do not chain through one claim (ECB+:
0.1 gives F1 0.48 at FPR 0.10, 0.3 gives 0.51 at 0.14)."""

RESTATEMENT = 0.6
"""Cosine at which two claims of one article say the same thing (the lead and a later paragraph); a shared count
adds COUNT_PULL, as it does across articles. Only the count counts here: one article's claims share its date and
places anyway (with them, ECB+ hard-negative FPR rose from 0.141 to 0.155 under the earlier constants)."""

# Fact adjustments of the cosine (fact_adjustment), from the one-at-a-time ECB+ sweep in BENCHMARKS.md. ECB+ texts
# carry no publication date, so the date terms are not measurable there: DATE_PUSH outweighs PLACE_PULL so that the
# same wording at the same place weeks apart stays two events (tests/test_verify.py).
DATE_PULL = 0.03
"""Added when the claims' dates are at most a day apart."""
DATE_PUSH = 0.3
"""Taken off when their dates are further apart: look-alike events of another week."""
PLACE_PULL = 0.12
"""Added when they name one place (spelling variants share a key)."""
COUNT_PULL = 0.18
"""Added when they count the same thing with the same value."""


@dataclass
class Group:
    members: list[int]
    similarity: float


def date_gap(a: Claim, b: Claim) -> int | None:
    """Days between the nearest dates the two claims give, or None when either has no resolved date."""
    best = None
    for x in a.facts.dates:
        for y in b.facts.dates:
            if not (x.earliest and y.earliest and x.latest and y.latest):
                continue
            if x.earliest <= y.latest and y.earliest <= x.latest:
                gap = 0
            else:
                gap = min(abs((x.earliest - y.latest).days), abs((y.earliest - x.latest).days))
            best = gap if best is None else min(best, gap)
    return best


def shared_count(a: Claim, b: Claim) -> bool:
    """Both claims count the same thing with the same value ("two ... killed")."""
    counts = [{(n.value, n.event) for n in c.facts.numbers if n.value is not None and n.event} for c in (a, b)]
    return bool(counts[0] & counts[1])


def fact_adjustment(a: Claim, b: Claim) -> float:
    """Facts move the embedding score: shared places and counts pull claims together, distant dates apart.

    An unknown date is no evidence either way."""
    adjust = 0.0
    gap = date_gap(a, b)
    if gap is not None:
        adjust += DATE_PULL if gap <= 1 else -DATE_PUSH
    if {p.key for p in a.facts.places} & {p.key for p in b.facts.places}:
        adjust += PLACE_PULL
    if shared_count(a, b):
        adjust += COUNT_PULL
    return adjust


BLOCK = 1024
"""Rows of the similarity matrix computed at a time: candidate pairs are found block by block, so memory grows with
the claims and their plausible pairs, never with claims squared."""
NEAREST = 512
"""At most this many candidates per claim, the most similar: a pair is looked at when either claim is among the
other's NEAREST. A group needs every pair of its claims to be candidates, so this bounds a group to about NEAREST
outlets, far more than report one fact in any real comparison (ECB+ topics, a few dozen articles and up to 880
claims, give at most 372 candidates to a claim, realnews 81): normal inputs are never capped, and many alike articles
cost candidates in proportion to their number, not to its square."""


def candidate_pairs(vectors: np.ndarray, floor: float, labels: np.ndarray | None = None
                    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(i, j, cosine) of the pairs i < j whose cosine reaches ``floor`` (and, with ``labels``, of the same label),
    where j is among i's NEAREST such claims or i among j's; in order of i, then j."""
    rows, cols, sims = [], [], []
    for start in range(0, len(vectors), BLOCK):
        block = vectors[start:start + BLOCK] @ vectors.T
        keep = block >= floor
        keep[np.arange(len(block)), np.arange(start, start + len(block))] = False
        if labels is not None:
            keep &= labels[start:start + BLOCK, None] == labels[None, :]
        crowded = np.nonzero(keep.sum(axis=1) > NEAREST)[0]
        if len(crowded):
            # Only the nearest of a crowded claim's candidates are kept.
            masked = np.where(keep[crowded], block[crowded], -np.inf)
            top = np.argpartition(-masked, NEAREST - 1, axis=1)[:, :NEAREST]
            keep[crowded] = False
            keep[crowded[:, None], top] = True
        i, j = np.nonzero(keep)
        sims.append(block[i, j])
        i = i + start
        rows.append(np.minimum(i, j))
        cols.append(np.maximum(i, j))
    i, j, cosine = np.concatenate(rows), np.concatenate(cols), np.concatenate(sims).astype(np.float64)
    # Each pair once, as the lower claim's row found it (the first time it was found).
    _, first = np.unique(i * len(vectors) + j, return_index=True)
    return i[first], j[first], cosine[first]


RESTATING = 128
"""At most this many candidate restatements per claim, its most similar of its own article (a pair is kept when
either claim is among the other's RESTATING): an article restates its lead a few times, never a hundred (ECB+
articles give a claim at most 57 own-article pairs that could restate it, realnews 18), so normal inputs are never
capped, and an article that repeats one sentence costs pairs in proportion to its length, not to its square."""


def nearest_restatements(articles: np.ndarray, i: np.ndarray, j: np.ndarray, cosine: np.ndarray
                         ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The candidate pairs (i, j, cosine) without those of one article that cannot restate each other, and with
    only each claim's RESTATING most similar ones of its own article; pairs of two articles are all kept."""
    same = articles[i] == articles[j]
    could = np.nonzero(same & (cosine >= RESTATEMENT - COUNT_PULL))[0]
    ends, both = np.concatenate([i[could], j[could]]), np.concatenate([could, could])
    order = np.lexsort((-cosine[both], ends))  # claim by claim, the most similar first
    rank = np.arange(len(order)) - np.searchsorted(ends[order], ends[order])
    keep = ~same
    keep[both[order][rank < RESTATING]] = True
    return i[keep], j[keep], cosine[keep]


def align(claims: list[Claim], vectors: np.ndarray, threshold: float = THRESHOLD,
          events: list | None = None) -> list[Group]:
    """Groups of claims from different articles that report the same thing (groups of two or more only).

    ``events`` labels each claim with the event it is about (the story of its article, or a background event):
    claims with different labels never share a group. Only pairs whose cosine reaches the lowest score that could
    still link them are ever looked at (a pair below it would fail the MIN_GAP check of any merge)."""
    n = len(claims)
    if n < 2:
        return []
    labels = None
    if events is not None:
        codes = {label: index for index, label in enumerate(dict.fromkeys(events))}
        labels = np.array([codes[e] for e in events])
    floor = min(threshold - MIN_GAP, RESTATEMENT - COUNT_PULL)
    similarity: dict[tuple[int, int], float] = {}
    score: dict[tuple[int, int], float] = {}
    restates: dict[int, set[int]] = {}
    articles = {a: code for code, a in enumerate(dict.fromkeys(c.article for c in claims))}
    pairs = candidate_pairs(np.asarray(vectors), floor, labels)
    for i, j, cosine in zip(*nearest_restatements(np.array([articles[c.article] for c in claims]), *pairs)):
        i, j, cosine = int(i), int(j), float(cosine)
        if claims[i].article != claims[j].article:
            if cosine >= threshold - MIN_GAP:
                similarity[i, j] = cosine
                # Facts adjust the score of plausible pairs only.
                score[i, j] = cosine + fact_adjustment(claims[i], claims[j])
        elif cosine >= RESTATEMENT or (cosine >= RESTATEMENT - COUNT_PULL and shared_count(claims[i], claims[j])):
            similarity[i, j] = score[i, j] = cosine
            restates.setdefault(i, set()).add(j)
            restates.setdefault(j, set()).add(i)

    def pair(x: int, y: int) -> float | None:
        """The score of a pair, or None for one too far apart to link anything."""
        return score.get((x, y) if x < y else (y, x))

    # The claims every member of a group has a score with: two groups can merge only when each holds the other
    # (every pair across them has a score), which is checked before any pair is compared.
    reach: dict[int, set[int]] = {}
    for i, j in score:
        reach.setdefault(i, set()).add(j)
        reach.setdefault(j, set()).add(i)
    order = sorted((ij for ij, value in score.items() if value >= threshold
                    and claims[ij[0]].article != claims[ij[1]].article), key=lambda ij: -score[ij])
    group_of = list(range(n))
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    for i, j in order:
        gi, gj = group_of[i], group_of[j]
        if gi == gj:
            continue
        left, right = members[gi], members[gj]
        if not reach[gi].issuperset(right):
            continue
        cross = [score[min(x, y), max(x, y)] for x in left for y in right]
        # Average linkage, with no pair far apart: groups grow across many outlets without chaining.
        if sum(cross) / len(cross) < threshold * LINK_FLOOR or min(cross) < threshold - MIN_GAP:
            continue
        # Two claims of one article share a group only when they restate each other (the lead and a later
        # paragraph about the same event); otherwise a group holds one claim per article.
        if any(claims[x].article == claims[y].article and y not in restates.get(x, ())
               for x in left for y in right):
            continue
        for k in right:
            group_of[k] = gi
        members[gi] = left + right
        del members[gj]
        reach[gi] = reach[gi] & reach.pop(gj)

    # A claim may restate what its own article already put in a group ("two officers dead" in the lead and again
    # later): it joins when it restates that claim and reaches the threshold with every member from the other
    # articles; a group holds at most two claims of one article.
    for k in range(n):
        if len(members.get(group_of[k], [])) > 1:
            continue
        best = None
        for gid in {group_of[r] for r in restates.get(k, ())}:
            group = members[gid]
            own = [m for m in group if claims[m].article == claims[k].article]
            if len(group) < 2 or len(own) != 1 or own[0] not in restates[k]:
                continue
            links = [pair(k, m) for m in group if claims[m].article != claims[k].article]
            if all(link is not None and link >= threshold for link in links):
                mean = sum(links) / len(links)
                if best is None or mean > best[1] or (mean == best[1] and gid < best[0]):
                    best = (gid, mean)
        if best:
            del members[group_of[k]]
            group_of[k] = best[0]
            members[best[0]].append(k)

    groups = []
    for group in members.values():
        if len(group) < 2:
            continue
        pairs = [similarity[min(x, y), max(x, y)] for a, x in enumerate(group) for y in group[a + 1:]
                 if claims[x].article != claims[y].article]
        groups.append(Group(sorted(group), round(float(np.mean(pairs)), 4)))
    groups.sort(key=lambda g: min(g.members))
    return groups
