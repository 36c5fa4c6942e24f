"""Helpers for the evaluation scripts: where the shared data lives, and span overlap."""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL = Path(os.environ.get("CLAIMDIFF_EVAL", ROOT.parent / "shared" / "eval"))


def need(path: Path) -> Path:
    if not path.exists():
        sys.exit(f"{path}: evaluation data not found (set CLAIMDIFF_EVAL to the shared/eval folder)")
    return path


def read_jsonl(path: Path) -> list[dict]:
    with open(need(path), encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def prf(true_positive_predicted: int, predicted: int, true_positive_gold: int, gold: int) -> dict:
    precision = true_positive_predicted / predicted if predicted else 0.0
    recall = true_positive_gold / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3),
            "predicted": predicted, "gold": gold}
