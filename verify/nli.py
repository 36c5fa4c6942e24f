"""Optional natural-language-inference evidence from a sentence-transformers CrossEncoder (``--nli NAME|PATH``).

Any three-way NLI cross-encoder works, for example ``cross-encoder/nli-deberta-v3-base`` (more accurate) or
``cross-encoder/nli-MiniLM2-L6-H768`` (faster), once it is in the local Hugging Face cache or a local folder;
nothing is downloaded at run time.
"""
from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from .embed import ModelError

# The label order of the sentence-transformers NLI cross-encoders, used when a model names its labels LABEL_0..2.
DEFAULT_LABELS = ("contradiction", "entailment", "neutral")
DECISIVE = 0.5
"""Probability at which NLI decides a verdict that the facts left open."""


class NLIScorer:
    """Contradiction / entailment / neutral probabilities for pairs of claims."""

    def __init__(self, name: str):
        self.name = name
        self._model = None
        self.labels: tuple[str, ...] = DEFAULT_LABELS

    def _load(self):
        if self._model is not None:
            return self._model
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        if self.name.startswith(("/", ".", "~")) and not Path(self.name).exists():
            raise ModelError(f"NLI model {self.name!r}: no such folder")
        try:
            from sentence_transformers import CrossEncoder

            model = CrossEncoder(self.name, device="cpu")
        except Exception as exc:  # any loader failure means the same to the user: this model cannot be used
            reason = str(exc).strip().splitlines()[0] if str(exc).strip() else exc.__class__.__name__
            raise ModelError(f"cannot load NLI model {self.name!r} ({reason[:160]})") from None
        id2label = getattr(model.config, "id2label", None) or {}
        names = tuple(str(id2label.get(i, "")).lower() for i in range(len(id2label)))
        if len(names) != 3:
            raise ModelError(f"NLI model {self.name!r} has {len(names)} labels; a three-way NLI model is needed")
        self.labels = names if set(names) == set(DEFAULT_LABELS) else DEFAULT_LABELS
        self._model = model
        return model

    def score(self, pairs: Sequence[tuple[str, str]]) -> list[dict[str, float]]:
        """Probabilities per pair, each direction averaged (a contradiction holds both ways)."""
        if not pairs:
            return []
        model = self._load()
        both = list(pairs) + [(b, a) for a, b in pairs]
        probs = np.asarray(model.predict(both, apply_softmax=True, show_progress_bar=False), dtype=np.float64)
        probs = (probs[:len(pairs)] + probs[len(pairs):]) / 2
        return [{label: round(float(p[i]), 4) for i, label in enumerate(self.labels)} for p in probs]
