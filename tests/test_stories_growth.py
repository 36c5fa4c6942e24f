"""Stories grow linearly with the articles: above STORY_NEAREST + 1 articles each is compared claim by claim with its
nearest only and stories are average linkage over the compared pairs; smaller inputs group as before."""
from datetime import date

import numpy as np

from claimdiff.verify import stories
from claimdiff.verify.pairscorer import default_scorer
from claimdiff.verify.stories import group_articles, nearest_affinity

DAY = date(2025, 3, 11)


def _event(count: int, direction: int, place: str, seed: int) -> tuple[list[list[str]], list[np.ndarray]]:
    """``count`` accounts of one event: two claims each, all near one direction of their own."""
    rng = np.random.default_rng(seed)
    texts, vectors = [], []
    for n in range(count):
        texts.append([f"Gunmen attacked a checkpoint near {place} on Monday, the army said.",
                      f"Residents of {place} said {n % 5 + 2} people were wounded."])
        matrix = rng.normal(0, 0.1, (2, 24))
        matrix[:, direction] += 1.0
        vectors.append((matrix / np.linalg.norm(matrix, axis=1, keepdims=True)).astype(np.float32))
    return texts, vectors


def _group(*events: tuple[list[list[str]], list[np.ndarray]]) -> list[list[int]]:
    texts = [t for event in events for t in event[0]]
    vectors = [v for event in events for v in event[1]]
    return group_articles(list(range(len(texts))), texts, vectors, [DAY] * len(texts))


class CountingScorer:
    """The default pair scorer, counting the claim pairs it scores."""

    def __init__(self):
        self.pairs = 0

    def probability(self, x):
        self.pairs += len(x)
        return default_scorer().probability(x)


def test_the_capped_path_groups_a_small_input_as_the_uncapped_one(monkeypatch):
    hama, aleppo, idlib = _event(6, 0, "Hama", 1), _event(5, 1, "Aleppo", 2), _event(3, 2, "Idlib", 3)
    uncapped = _group(hama, aleppo, idlib)
    assert uncapped == [list(range(6)), list(range(6, 11)), list(range(11, 14))]
    monkeypatch.setattr(stories, "STORY_NEAREST", 3)
    texts = hama[0] + aleppo[0] + idlib[0]
    first, _, _ = nearest_affinity(texts, hama[1] + aleppo[1] + idlib[1], [DAY] * 14)
    assert len(first) < 14 * 13 / 2  # the cap binds
    assert _group(hama, aleppo, idlib) == uncapped


def test_many_alike_articles_stay_one_story():
    count = 4 * stories.STORY_NEAREST
    assert _group(_event(count, 0, "Hama", 1)) == [list(range(count))]


def test_two_events_each_larger_than_the_cap_stay_two_stories():
    count = stories.STORY_NEAREST + 8
    found = _group(_event(count, 0, "Hama", 1), _event(count, 1, "Aleppo", 2))
    assert found == [list(range(count)), list(range(count, 2 * count))]


def test_claim_pairs_scored_double_when_alike_articles_double():
    counts = []
    for count in (4 * stories.STORY_NEAREST, 8 * stories.STORY_NEAREST):
        scorer = CountingScorer()
        texts, vectors = _event(count, 0, "Hama", 1)
        first, _, _ = nearest_affinity(texts, vectors, [DAY] * count, scorer=scorer)
        assert len(first) <= count * stories.STORY_NEAREST  # not every pair of articles
        counts.append(scorer.pairs)
    assert 1.8 < counts[1] / counts[0] < 2.2
