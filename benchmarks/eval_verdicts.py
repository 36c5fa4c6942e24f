"""Verdicts (agree / contradict / related) on FNC-1 and ClaimDiff, balanced samples, 3-class macro-F1.

FNC-1: headline vs article body among related pairs (agree / disagree / discuss -> agree / contradict / related).
Headline and body go through compare(); the pair's verdict is the verdict of the groups that hold a headline claim
(any contradict wins, then agree); a headline aligned with nothing is "related".
ClaimDiff: claim A vs claim B of two outlets (strengthen / weaken / neither -> agree / contradict / related),
judged as one group.

    python benchmarks/eval_verdicts.py [--per-class 150] [--seed 7] [--model NAME]
"""
from __future__ import annotations

import argparse
import random
import time

import numpy as np
from common import EVAL, read_jsonl

from claimdiff.claims import analyse
from claimdiff.sources import Article, SourceRegistry
from claimdiff.verify import compare_claims, get_embedder
from claimdiff.verify.judge import judge

LABELS = ["agree", "contradict", "related"]
FNC = {"agree": "agree", "disagree": "contradict", "discuss": "related"}
CLAIMDIFF = {"strengthen": "agree", "weaken": "contradict", "neither": "related"}


def balanced(items: list[dict], key: str, mapping: dict, per_class: int, seed: int) -> list[dict]:
    rng = random.Random(seed)
    out = []
    for label in mapping:
        pool = [i for i in items if i[key] == label]
        rng.shuffle(pool)
        out.extend(pool[:per_class])
    rng.shuffle(out)
    return out


def macro_f1(gold: list[str], pred: list[str]) -> tuple[float, list[list[int]]]:
    matrix = [[sum(1 for g, p in zip(gold, pred) if g == a and p == b) for b in LABELS] for a in LABELS]
    f1s = []
    for i, _ in enumerate(LABELS):
        tp = matrix[i][i]
        fp = sum(matrix[j][i] for j in range(3)) - tp
        fn = sum(matrix[i]) - tp
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(f1s) / 3, matrix


def show(name: str, gold: list[str], pred: list[str], seconds: float) -> None:
    score, matrix = macro_f1(gold, pred)
    print(f"{name}: {len(gold)} pairs, macro-F1 {score:.3f} ({seconds:.0f} s)")
    print("    gold \\ predicted " + " ".join(f"{label:>10}" for label in LABELS))
    for label, row in zip(LABELS, matrix):
        print(f"    {label:>18} " + " ".join(f"{n:>10}" for n in row))


def prepare(text: str, outlet: str, id: str, registry: SourceRegistry):
    article = Article.from_text(text, outlet=outlet, id=id)
    return article, analyse(article, registry)


def fnc(per_class: int, seed: int, embedder, registry) -> None:
    bodies = {b["body_id"]: b["body"] for b in read_jsonl(EVAL / "fnc1" / "bodies.jsonl")}
    pairs = balanced(read_jsonl(EVAL / "fnc1" / "stances.jsonl"), "stance", FNC, per_class, seed)
    start = time.perf_counter()
    gold, pred = [], []
    for pair in pairs:
        head, head_claims = prepare(pair["headline"], "headline", "h", registry)
        body, body_claims = prepare(bodies[pair["body_id"]], "body", "b", registry)
        claims = head_claims + body_claims
        vectors = embedder.embed([c.text for c in claims])
        comparison = compare_claims([head, body], claims, vectors)
        verdicts = {a.verdict for a in comparison.alignments if any(c.startswith("h-") for c in a.claims)}
        pred.append("contradict" if "contradict" in verdicts else "agree" if "agree" in verdicts else "related")
        gold.append(FNC[pair["stance"]])
    show("FNC-1 (headline vs body)", gold, pred, time.perf_counter() - start)


def claimdiff(per_class: int, seed: int, embedder, registry) -> None:
    pairs = balanced(read_jsonl(EVAL / "claimdiff" / "pairs.jsonl"), "label", CLAIMDIFF, per_class, seed)
    start = time.perf_counter()
    gold, pred = [], []
    for pair in pairs:
        _, a = prepare(pair["claim_a"], "A", "a", registry)
        _, b = prepare(pair["claim_b"], "B", "b", registry)
        if not a or not b:
            pred.append("related")
        else:
            va, vb = embedder.embed([" ".join(c.text for c in a), " ".join(c.text for c in b)])
            result = judge(a + b, float(np.dot(va, vb)), {})
            pred.append(str(result.verdict))
        gold.append(CLAIMDIFF[pair["label"]])
    show("ClaimDiff (claim vs claim)", gold, pred, time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-class", type=int, default=150)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--model", default=None)
    args = parser.parse_args()
    embedder, registry = get_embedder(args.model), SourceRegistry.default()
    fnc(args.per_class, args.seed, embedder, registry)
    claimdiff(args.per_class, args.seed, embedder, registry)


if __name__ == "__main__":
    main()
