"""A deterministic fake embedder: claims that share a topic word get the same direction."""
from __future__ import annotations

import numpy as np


class TopicEmbedder:
    """Each text maps to the one-hot vector of the first topic word it contains (else its own direction).

    Tests choose topic words, so which claims align is decided by the test, not by a model.
    """

    name = "fake-topics"

    def __init__(self, topics: list[str]):
        self.topics = topics

    def embed(self, texts):
        dims = len(self.topics) + len(texts)
        out = np.zeros((len(texts), dims), dtype=np.float32)
        for row, text in enumerate(texts):
            lowered = text.lower()
            hit = next((i for i, t in enumerate(self.topics) if t in lowered), None)
            out[row, hit if hit is not None else len(self.topics) + row] = 1.0
        return out
