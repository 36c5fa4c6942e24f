import os

import pytest

# No test may reach a model hub: the packaged model is local, everything else is a fake.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


@pytest.fixture(scope="session", autouse=True)
def onnx_cache(tmp_path_factory):
    """One int8 ONNX export per test session, made by the tests themselves, outside the user's data directory."""
    previous = os.environ.get("CLAIMDIFF_ONNX_CACHE")
    folder = str(tmp_path_factory.mktemp("onnx-cache"))
    os.environ["CLAIMDIFF_ONNX_CACHE"] = folder
    yield folder
    if previous is None:
        os.environ.pop("CLAIMDIFF_ONNX_CACHE", None)
    else:
        os.environ["CLAIMDIFF_ONNX_CACHE"] = previous
