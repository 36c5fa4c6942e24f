"""Embedding, cross-outlet alignment, verdicts with evidence, shared origins, omissions and reports."""
from .alignment import THRESHOLD, align
from .comparison import Alignment, Comparison, compare, compare_claims, importance
from .embed import Embedder, HashingEmbedder, ModelError, get_embedder, register_embedder, resolve_model_name
from .nli import NLIScorer
from .report import FORMATS, render

__all__ = ["Alignment", "Comparison", "Embedder", "FORMATS", "HashingEmbedder", "ModelError", "NLIScorer", "THRESHOLD",
           "align", "compare", "compare_claims", "get_embedder", "importance", "register_embedder", "render",
           "resolve_model_name"]
