"""The learned pair scorer: how likely two statements of different articles report the same fact of one event.

A logistic regression over cheap pair features (claim cosine, article-level similarity, shared names, numbers and
words, the kind of event, same outlet), trained on ECB+ topics 1-30 by ``benchmarks/train_aligner.py`` and shipped
as plain JSON numbers in ``pairscorer.json`` beside this file (ECB+ is CC BY 3.0, Cybulska & Vossen 2014: the credit
is in the file). Loading reads numbers only; nothing in the file is executed.

Every feature comes from a statement's text and vector, its article and (optionally) its outlet, so it needs no
parse and serves stored claims as well as fresh ones. It decides which articles report one event
(``verify.stories``: ``claimdiff stories`` and the stories inside every ``compare``). Claim groups
(``verify.alignment``) do not use it yet: grouping claims by its probabilities aligned fewer realnews gold fact pairs
than the cosine-and-facts rule and split the bundled examples' gold groups (BENCHMARKS.md).
"""
from __future__ import annotations

import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from ..claims import place_key
from ..claims.facts import CALENDAR_WORDS, event_kind

MODEL_PATH = Path(__file__).with_name("pairscorer.json")

FEATURES = ("cosine", "cosine_squared", "article_cosine", "cosine_x_article", "names_shared", "names_apart",
            "numbers_shared", "numbers_apart", "words", "article_names", "article_name_weights", "kind_same",
            "kind_apart", "same_outlet")
"""The pair features, in the order of the model's coefficients."""

COSINE_FLOOR = 0.3
"""Pairs whose claim cosine is below this are never scored (probability 0): the model is trained above it too, and
skipping them keeps the work proportional to the plausible pairs."""

_NAME = re.compile(r"(?<!^)\b[A-Z][a-z]{2,}\b")
_NUMBER = re.compile(r"\b\d+(?:[.,]\d+)*\b")
_NUMBER_WORDS = {w: str(i) for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split())}
_WORD = re.compile(r"[a-z]{3,}")
_STOP = frozenset("""the and for that with was were are has have had his her its their they them this these those
from into onto after before about over under said says say told also been being but not who whom which what when
where while will would could can may might than then there here more most some such one two three four five six
seven eight nine ten other another our out off per via upon amid among just only very still all any each both
she him you your yes new last first year years day days time week weeks month months""".split())


def names(text: str) -> set[str]:
    """Capitalised words past the first, keyed by spelling skeleton (Kafr Buhum and Kfar Bohom share keys); calendar
    words say nothing about which event it is."""
    return {place_key(w) for w in _NAME.findall(text) if w.lower() not in CALENDAR_WORDS}


def numbers(text: str) -> set[str]:
    """Numbers as written in digits or small number words, normalised ("2", "two" -> "2"; "1,200" -> "1200")."""
    found = {n.replace(",", "") for n in _NUMBER.findall(text)}
    found |= {_NUMBER_WORDS[w] for w in re.findall(r"[a-z]+", text.lower()) if w in _NUMBER_WORDS}
    return found


def words(text: str) -> set[str]:
    """Content words, crudely lemmatised (killed, kills, killing -> kill)."""
    out = set()
    for word in _WORD.findall(text.lower()):
        if word in _STOP:
            continue
        for suffix in ("ing", "ed", "es", "s"):
            if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                word = word[: -len(suffix)]
                break
        out.add(word)
    return out


@dataclass
class Statements:
    """What the scorer needs of each statement: unit vectors, article index, outlet, and the key sets."""

    vectors: np.ndarray
    article: np.ndarray
    outlet: np.ndarray
    names: list[set[str]]
    numbers: list[set[str]]
    words: list[set[str]]
    kinds: np.ndarray
    centroids: np.ndarray
    article_names: list[set[str]]
    name_matrix: object
    """Per article, its names' counts weighted by their rarity among the articles compared (tf-idf, unit rows): the
    names that tell one event from a look-alike one weigh most (``name_weights``)."""

    def __post_init__(self) -> None:
        self._incidence: dict[str, object] = {}

    def name_weights(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """Cosine of the tf-idf name vectors of articles a[k] and b[k]."""
        m = self.name_matrix
        return np.asarray(m[a].multiply(m[b]).sum(axis=1), dtype=np.float64).ravel()

    def incidence(self, field: str):
        if field not in self._incidence:
            self._incidence[field] = _incidence(getattr(self, field))
        return self._incidence[field]

    @classmethod
    def of(cls, texts: list[str], vectors: np.ndarray, articles: list, outlets: list | None = None) -> Statements:
        """``articles`` (and ``outlets``, when known) label each text; any hashable labels."""
        vectors = np.asarray(vectors, dtype=np.float32)
        vectors = vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)
        codes = {a: i for i, a in enumerate(dict.fromkeys(articles))}
        article = np.array([codes[a] for a in articles], dtype=int)
        if outlets is None:
            outlet = -1 - article  # unknown outlets: every article its own
        else:
            outlet_codes = {o: i for i, o in enumerate(dict.fromkeys(outlets))}
            outlet = np.array([outlet_codes[o] for o in outlets], dtype=int)
        kind_codes = {None: -1, "quake": 0, "trial": 1, "arrest": 2, "attack": 3, "death": 4}
        centroids = np.zeros((len(codes), vectors.shape[1] if vectors.ndim == 2 else 1), dtype=np.float32)
        np.add.at(centroids, article, vectors)
        centroids /= np.maximum(np.linalg.norm(centroids, axis=1, keepdims=True), 1e-9)
        name_sets = [names(t) for t in texts]
        article_names: list[set[str]] = [set() for _ in codes]
        counts: list[Counter] = [Counter() for _ in codes]
        for a, found in zip(article, name_sets):
            article_names[a] |= found
            counts[a].update(found)
        return cls(vectors, article, outlet, name_sets, [numbers(t) for t in texts], [words(t) for t in texts],
                   np.array([kind_codes.get(event_kind(t), -1) for t in texts], dtype=int), centroids, article_names,
                   _name_weights(counts))


def _name_weights(counts: list[Counter]):
    from scipy.sparse import csr_matrix, diags

    n = len(counts)
    frequency = Counter(key for found in counts for key in found)
    vocabulary = {key: i for i, key in enumerate(sorted(frequency))}
    rows, cols, values = [], [], []
    for a, found in enumerate(counts):
        for key, count in found.items():
            rows.append(a)
            cols.append(vocabulary[key])
            values.append((1 + math.log(count)) * math.log((n + 1) / frequency[key]))
    matrix = csr_matrix((np.array(values, dtype=np.float64), (rows, cols)), shape=(n, max(1, len(vocabulary))))
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    matrix = (diags(1 / np.maximum(norms, 1e-9)) @ matrix).tocsr()
    matrix.sort_indices()  # one order of summation, so rebuilds give the same bits
    return matrix


def _incidence(sets: list[set[str]]):
    from scipy.sparse import csr_matrix

    vocabulary: dict[str, int] = {}
    rows, cols = [], []
    for row, keys in enumerate(sets):
        for key in keys:
            rows.append(row)
            cols.append(vocabulary.setdefault(key, len(vocabulary)))
    return csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(len(sets), max(1, len(vocabulary))))


def _shared(matrix, i: np.ndarray, j: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For each pair: keys in common, and how many keys each side has (``matrix``: statements x keys, 0/1)."""
    common = np.asarray(matrix[i].multiply(matrix[j]).sum(axis=1)).ravel()
    size = np.diff(matrix.indptr)
    return common, size[i], size[j]


def features(s: Statements, i: np.ndarray, j: np.ndarray, cosine: np.ndarray) -> np.ndarray:
    """The FEATURES of the pairs (i[k], j[k]), one row per pair; ``cosine`` is their vectors' cosine."""
    a, b = s.article[i], s.article[j]
    article_cosine = np.einsum("ij,ij->i", s.centroids[a], s.centroids[b])
    name_common, name_i, name_j = _shared(s.incidence("names"), i, j)
    number_common, number_i, number_j = _shared(s.incidence("numbers"), i, j)
    word_common, word_i, word_j = _shared(s.incidence("words"), i, j)
    # Article-level terms once per pair of articles, then spread to their statements' pairs.
    codes, where = np.unique(a * len(s.article_names) + b, return_inverse=True)
    first, second = codes // len(s.article_names), codes % len(s.article_names)
    overlap = np.array([len(s.article_names[x] & s.article_names[y])
                        / max(1, min(len(s.article_names[x]), len(s.article_names[y])))
                        for x, y in zip(first.tolist(), second.tolist())], dtype=np.float64)
    article_names, name_weights = overlap[where], s.name_weights(first, second)[where]
    kind_i, kind_j = s.kinds[i], s.kinds[j]
    both_kinds = (kind_i >= 0) & (kind_j >= 0)
    columns = [
        cosine, cosine ** 2, article_cosine, cosine * article_cosine,
        np.minimum(name_common, 3) / 3, (name_i > 0) & (name_j > 0) & (name_common == 0),
        number_common > 0, (number_i > 0) & (number_j > 0) & (number_common == 0),
        word_common / np.maximum(1, word_i + word_j - word_common),
        article_names, name_weights,
        both_kinds & (kind_i == kind_j), both_kinds & (kind_i != kind_j),
        s.outlet[i] == s.outlet[j],
    ]
    return np.column_stack([np.asarray(c, dtype=np.float64) for c in columns])


@dataclass(frozen=True)
class PairScorer:
    """Logistic regression coefficients, one per feature, and the intercept."""

    coefficients: tuple[float, ...]
    intercept: float

    @classmethod
    def from_dict(cls, data: dict) -> PairScorer:
        if list(data.get("features", [])) != list(FEATURES):
            raise ValueError(f"pair scorer features {data.get('features')} are not this code's {list(FEATURES)}")
        return cls(tuple(float(c) for c in data["coefficients"]), float(data["intercept"]))

    def probability(self, x: np.ndarray) -> np.ndarray:
        z = x @ np.asarray(self.coefficients) + self.intercept
        return 1.0 / (1.0 + np.exp(-z))

    def pairs(self, s: Statements, cosine: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """A matrix of probabilities for the pairs ``mask`` selects (upper triangle read; 0 elsewhere and below
        COSINE_FLOOR); symmetric."""
        out = np.zeros(cosine.shape, dtype=np.float64)
        i, j = np.nonzero(np.triu(mask & (cosine >= COSINE_FLOOR), k=1))
        if len(i):
            p = self.probability(features(s, i, j, cosine[i, j].astype(np.float64)))
            out[i, j] = p
            out[j, i] = p
        return out


@lru_cache(maxsize=1)
def default_scorer() -> PairScorer:
    """The shipped model (JSON numbers only)."""
    return PairScorer.from_dict(json.loads(MODEL_PATH.read_text(encoding="utf-8")))
