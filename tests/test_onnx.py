"""The int8 ONNX fast path against the torch reference, on the example articles' claims."""
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from claims import extract_claims
from sources import read_article
from verify import get_embedder

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def cache(tmp_path_factory):
    """A fresh cache folder holding an export made by this test session."""
    import os

    folder = str(tmp_path_factory.mktemp("onnx-cache"))
    previous = os.environ.get("CLAIMDIFF_ONNX_CACHE")
    os.environ["CLAIMDIFF_ONNX_CACHE"] = folder
    get_embedder(backend="onnx").embed(["export me"])
    yield folder
    if previous is None:
        os.environ.pop("CLAIMDIFF_ONNX_CACHE", None)
    else:
        os.environ["CLAIMDIFF_ONNX_CACHE"] = previous


def test_onnx_vectors_agree_with_torch(cache):
    texts = [c.text for name in ("wire.txt", "regional.md", "local.html")
             for c in extract_claims(read_article(EXAMPLES / name))]
    fast = get_embedder(backend="onnx").embed(texts)
    reference = get_embedder(backend="torch").embed(texts)
    cosines = (fast * reference).sum(axis=1)
    assert fast.shape == reference.shape and cosines.mean() >= 0.99 and cosines.min() >= 0.97
    # Nearest neighbours mostly agree: the alignment sees nearly the same similarities.
    same = (np.argsort(-(fast @ fast.T), axis=1)[:, 1] == np.argsort(-(reference @ reference.T), axis=1)[:, 1])
    assert same.mean() >= 0.9


def test_a_cached_export_runs_without_torch(cache):
    code = ("import sys; from verify import get_embedder; "
            "v = get_embedder(backend='onnx').embed(['Two soldiers were killed']); "
            "print(v.shape, 'torch' in sys.modules, 'transformers' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={**__import__("os").environ, "CLAIMDIFF_ONNX_CACHE": cache})
    assert out.stdout.split() == ["(1,", "384)", "False", "False"]
