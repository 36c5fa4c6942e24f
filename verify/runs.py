"""A comparison run with the corpus beside it: what the database already holds is reused, and what the run computed
is kept only once it has succeeded."""
from __future__ import annotations

import numpy as np
from sqlite_utils import Database

from ..claims import Claim
from ..sources import Article, SourceRegistry
from .alignment import THRESHOLD
from .comparison import Comparison, apply_reviews, compare
from .corpus import CachedAnalyser, CachedEmbedder, save_run
from .embed import Embedder
from .nli import NLIScorer
from .reviews import reviews


def compare_with_corpus(articles: list[Article], embedder: Embedder, db: Database | None = None,
                        story: int | None = None, registry: SourceRegistry | None = None,
                        threshold: float = THRESHOLD, nli: NLIScorer | None = None) -> Comparison:
    """``compare``, reading each article's analysis and claim vectors from ``db`` where it holds them; for a stored
    ``story`` the fact-checkers' reviews are applied and the comparison is saved. New analyses and vectors are
    written together with it, after the run succeeded: a failed run leaves the database as it was."""
    analyser = None
    if db is not None:
        embedder, analyser = CachedEmbedder(embedder, db, deferred=True), CachedAnalyser(db, deferred=True)
    comparison = compare(articles, embedder=embedder, registry=registry, threshold=threshold, nli=nli,
                         analyser=analyser)
    if db is not None:
        if story is not None:
            comparison = apply_reviews(comparison, reviews(db), similarity=lambda a, b: _cosine(embedder, a, b))
        save_run(db, [embedder, analyser], story, comparison)
    return comparison


def _cosine(embedder: Embedder, a: Claim, b: Claim) -> float:
    """The two claims' cosine similarity (their vectors come from the cache the comparison filled)."""
    x, y = embedder.embed([a.text, b.text])
    return float(x @ y / max(np.linalg.norm(x) * np.linalg.norm(y), 1e-9))
