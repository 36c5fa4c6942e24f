"""The int8 ONNX fast path against the torch reference, on the example articles' claims."""
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from claimdiff.claims import extract_claims
from claimdiff.sources import read_article
from claimdiff.verify import get_embedder
from claimdiff.verify.embed import ModelError, SentenceTransformerEmbedder
from claimdiff.verify.onnx import OnnxEmbedder

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def cache(onnx_cache):
    """The session's cache folder, holding an export made by this test session."""
    get_embedder(backend="onnx").embed(["export me"])
    return onnx_cache


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
    code = ("import sys; from claimdiff.verify import get_embedder; "
            "v = get_embedder(backend='onnx').embed(['Two soldiers were killed']); "
            "print(v.shape, 'torch' in sys.modules, 'transformers' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={**os.environ, "CLAIMDIFF_ONNX_CACHE": cache})
    assert out.stdout.split() == ["(1,", "384)", "False", "False"]


def test_onnx_is_the_default_and_torch_the_fallback(cache, monkeypatch, caplog):
    assert isinstance(get_embedder(), OnnxEmbedder)
    assert isinstance(get_embedder(backend="torch"), SentenceTransformerEmbedder)
    monkeypatch.setenv("CLAIMDIFF_ONNX_CACHE", str(Path(cache) / "empty"))

    def broken(self):
        raise RuntimeError("exporter crashed")

    monkeypatch.setattr(OnnxEmbedder, "_export", broken)
    with caplog.at_level("WARNING", logger="claimdiff"):
        fallback = get_embedder()
    assert isinstance(fallback, SentenceTransformerEmbedder)
    assert "exporter crashed" in caplog.text and "using torch" in caplog.text
    with pytest.raises(ModelError, match="exporter crashed.*--backend torch"):
        get_embedder(backend="onnx").embed(["x"])


def test_compare_by_default_runs_the_fast_path_without_torch(cache):
    files = [str(EXAMPLES / "wire.txt"), str(EXAMPLES / "regional.md")]
    code = ("import sys, json; from click.testing import CliRunner; from claimdiff.cli import cli; "
            f"r = CliRunner().invoke(cli, ['compare', *{files!r}, '--format', 'json']); "
            "print(r.exit_code, json.loads(r.output)['model'].endswith('#onnx-int8'), "
            "any(m.split('.')[0] in ('torch', 'sentence_transformers') for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={**os.environ, "CLAIMDIFF_ONNX_CACHE": cache})
    assert out.stdout.split() == ["0", "True", "False"]
