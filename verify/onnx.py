"""The fast path: an int8 ONNX export of a sentence-transformers model, run with onnxruntime.

The export is made once, locally, from the installed weights (torch.onnx export of the transformer with the model's
mean pooling and normalisation, then onnxruntime dynamic per-channel int8 quantisation), and cached in the user data
directory keyed by the model folder and its weights. Inference needs only onnxruntime and the `tokenizers` library:
no torch, no transformers, so a cold start is a fraction of a second.
"""
from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from .embed import ModelError

BATCH = 64


def onnx_available() -> bool:
    import importlib.util

    return importlib.util.find_spec("onnxruntime") is not None


def cache_root() -> Path:
    from platformdirs import user_data_dir

    return Path(os.environ.get("CLAIMDIFF_ONNX_CACHE") or Path(user_data_dir("claimdiff")) / "onnx")


class OnnxEmbedder:
    """A local sentence-transformers folder (mean pooling, normalised output) served by onnxruntime in int8."""

    def __init__(self, model_dir: str):
        self.model_dir = Path(model_dir)
        self.name = f"{model_dir}#onnx-int8"
        self._session = None
        self._tokenizer = None

    @staticmethod
    def supports(model_dir: str) -> bool:
        """A folder with a fast tokenizer and a mean-pooling, normalising sentence-transformers pipeline."""
        folder = Path(model_dir)
        try:
            modules = json.loads((folder / "modules.json").read_text())
            pooling = json.loads((folder / "1_Pooling" / "config.json").read_text())
        except (OSError, ValueError):
            return False
        kinds = [m.get("type", "") for m in modules]
        return ((folder / "tokenizer.json").exists() and pooling.get("pooling_mode_mean_tokens") is True
                and any(k.endswith("Normalize") for k in kinds))

    def _key(self) -> str:
        weights = next((self.model_dir / n for n in ("model.safetensors", "pytorch_model.bin")
                        if (self.model_dir / n).exists()), None)
        stamp = f"{self.model_dir.resolve()}|{weights.stat().st_size if weights else 0}|" \
                f"{weights.stat().st_mtime_ns if weights else 0}"
        return hashlib.sha256(stamp.encode()).hexdigest()[:16]

    @property
    def path(self) -> Path:
        return cache_root() / self._key() / "model-int8.onnx"

    def _export(self) -> None:
        """Export and quantise once (needs torch and transformers, imported only here)."""
        import logging
        import tempfile
        import warnings

        import torch
        from onnxruntime.quantization import QuantType, quantize_dynamic
        from transformers import AutoModel, AutoTokenizer
        from transformers.utils import logging as hf_logging

        hf_logging.set_verbosity_error()
        hf_logging.disable_progress_bar()
        model = AutoModel.from_pretrained(str(self.model_dir))
        model.eval()
        sample = AutoTokenizer.from_pretrained(str(self.model_dir))(["a sentence", "another, longer sentence"],
                                                                     padding=True, return_tensors="pt")

        class Pooled(torch.nn.Module):
            """The transformer with the pipeline's mean pooling and L2 normalisation."""

            def __init__(self, inner):
                super().__init__()
                self.inner = inner

            def forward(self, input_ids, attention_mask, token_type_ids):
                hidden = self.inner(input_ids=input_ids, attention_mask=attention_mask,
                                    token_type_ids=token_type_ids).last_hidden_state
                mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
                pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
                return torch.nn.functional.normalize(pooled, p=2, dim=1)

        self.path.parent.mkdir(parents=True, exist_ok=True)
        root = logging.getLogger()
        level = root.level
        root.setLevel(logging.ERROR)  # the quantiser logs advice at WARNING on the root logger
        with tempfile.TemporaryDirectory(dir=self.path.parent) as tmp, warnings.catch_warnings():
            warnings.simplefilter("ignore")  # tracer warnings about constant shapes do not apply to this graph
            full = Path(tmp) / "model.onnx"
            names = ["input_ids", "attention_mask", "token_type_ids"]
            with torch.no_grad():
                torch.onnx.export(Pooled(model), tuple(sample[n] for n in names), str(full), input_names=names,
                                  output_names=["embedding"], opset_version=17, dynamo=False,
                                  dynamic_axes={**{n: {0: "batch", 1: "tokens"} for n in names},
                                                "embedding": {0: "batch"}})
            quantised = Path(tmp) / "model-int8.onnx"
            quantize_dynamic(str(full), str(quantised), weight_type=QuantType.QInt8, per_channel=True)
            os.replace(quantised, self.path)  # atomic: a concurrent process sees the whole file or none
        root.setLevel(level)

    def prepare(self) -> None:
        """Make the export if it is not cached yet (a one-time cost of a few seconds)."""
        if self.path.exists():
            return
        try:
            self._export()
        except Exception as exc:
            raise self._failure(exc) from None

    def _failure(self, exc: Exception) -> ModelError:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else exc.__class__.__name__
        return ModelError(f"ONNX fast path for {self.model_dir} failed ({reason[:160]})")

    def _load(self):
        if self._session is not None:
            return self._session, self._tokenizer
        try:
            self.prepare()
            import onnxruntime as ort
            from tokenizers import Tokenizer

            options = ort.SessionOptions()
            options.intra_op_num_threads = min(4, os.cpu_count() or 1)
            options.log_severity_level = 3
            self._session = ort.InferenceSession(str(self.path), options, providers=["CPUExecutionProvider"])
            tokenizer = Tokenizer.from_file(str(self.model_dir / "tokenizer.json"))
            tokenizer.enable_truncation(max_length=self._max_length())
            tokenizer.no_padding()  # embed() pads each batch itself, with zeros (the attention mask hides them)
            self._tokenizer = tokenizer
        except ModelError as exc:
            raise ModelError(f"{exc}; try --backend torch") from None
        except Exception as exc:  # a broken cached file or runtime: the user can fall back to --backend torch
            raise ModelError(f"{self._failure(exc)}; try --backend torch") from None
        return self._session, self._tokenizer

    def _max_length(self) -> int:
        try:
            return int(json.loads((self.model_dir / "sentence_bert_config.json").read_text())["max_seq_length"])
        except (OSError, ValueError, KeyError):
            return 256

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 1), dtype=np.float32)
        session, tokenizer = self._load()
        encodings = tokenizer.encode_batch(list(texts))
        # Batches of similar length (as sentence-transformers does), so that short claims carry little padding.
        order = np.argsort([len(e.ids) for e in encodings], kind="stable")
        out = []
        for start in range(0, len(order), BATCH):
            batch = [encodings[i] for i in order[start:start + BATCH]]
            width = max(len(e.ids) for e in batch)
            feed = {name: np.zeros((len(batch), width), dtype=np.int64)
                    for name in ("input_ids", "attention_mask", "token_type_ids")}
            for row, encoding in enumerate(batch):
                size = len(encoding.ids)
                feed["input_ids"][row, :size] = encoding.ids
                feed["attention_mask"][row, :size] = encoding.attention_mask
                feed["token_type_ids"][row, :size] = encoding.type_ids
            out.append(session.run(None, feed)[0])
        vectors = np.empty((len(texts), out[0].shape[1]), dtype=np.float32)
        vectors[order] = np.vstack(out)
        return vectors
