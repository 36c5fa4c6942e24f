"""Train the pair scorer (verify/pairscorer.json) on ECB+ topics 1-30; report it on the validation topics 31-35.

    python benchmarks/train_aligner.py [--output verify/pairscorer.json] [--check]

Examples are the cross-document pairs of gold-annotated ECB+ sentences of one topic (its two look-alike events
mixed): a pair is positive when the two sentences mention one cross-document event chain, negative otherwise
(another fact of the same event, or the other event of the topic: the hard negatives). Each sentence is featured as
claimdiff features a claim (verify.pairscorer): its vector from the default embedder, its document as the article
(the centroid of all its sentences), its outlet. Pairs below the scorer's cosine floor are left out, as they are
when it runs. The fit is deterministic (lbfgs, data in file order) and the coefficients are rounded, so the same
data and embedder give the same bytes; `--check` exits 1 when the shipped file differs from what this run writes.

ECB+ is CC BY 3.0 (Cybulska & Vossen, LREC 2014); the written model credits it.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np
from common import EVAL, ROOT, read_jsonl
from eval_alignment import detokenise

from claimdiff.verify import get_embedder
from claimdiff.verify.pairscorer import COSINE_FLOOR, FEATURES, Statements, features

TRAIN = range(1, 31)
VALIDATION = range(31, 36)
DECIMALS = 4
CREDIT = ("Trained on ECB+ topics 1-30 (EventCorefBank+, Cybulska & Vossen, LREC 2014, https://github.com/cltl/ecbPlus),"
          " licensed CC BY 3.0 (https://creativecommons.org/licenses/by/3.0/); rebuilt by benchmarks/train_aligner.py.")


def topic_pairs(docs: list[dict], chains: dict[tuple[str, int], set[str]], embedder) -> tuple[np.ndarray, np.ndarray]:
    """Features and labels of one topic's cross-document pairs of annotated sentences."""
    texts, articles, outlets, keys = [], [], [], []
    for doc in docs:
        for sentence in doc["sentences"]:
            texts.append(detokenise(sentence["text"]))
            articles.append(doc["doc_id"])
            outlets.append(doc.get("outlet_domain") or doc["doc_id"])
            keys.append((doc["doc_id"], sentence["sent_id"]) if sentence.get("coref_annotated") else None)
    vectors = embedder.embed(texts)
    statements = Statements.of(texts, vectors, articles, outlets)
    annotated = np.array([k is not None for k in keys])
    cosine = statements.vectors @ statements.vectors.T
    mask = (statements.article[:, None] != statements.article[None, :]) & annotated[:, None] & annotated[None, :]
    i, j = np.nonzero(np.triu(mask & (cosine >= COSINE_FLOOR), k=1))
    labels = np.array([bool(chains.get(keys[x], set()) & chains.get(keys[y], set())) for x, y in zip(i, j)])
    return features(statements, i, j, cosine[i, j].astype(np.float64)), labels


def embedder_label(name: str) -> str:
    """The embedder's name without the folder it is installed in (the same on every machine)."""
    path, _, variant = name.partition("#")
    return "/".join(Path(path).parts[-2:]) + (f"#{variant}" if variant else "")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=ROOT / "verify" / "pairscorer.json")
    parser.add_argument("--check", action="store_true", help="compare with the shipped file instead of writing")
    parser.add_argument("--model", default=None)
    parser.add_argument("--C", type=float, default=1.0)
    args = parser.parse_args()
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score

    docs = read_jsonl(EVAL / "ecbplus" / "docs.jsonl")
    chains: dict[tuple[str, int], set[str]] = defaultdict(set)
    for mention in read_jsonl(EVAL / "ecbplus" / "event_mentions.jsonl"):
        if not mention.get("is_singleton"):
            chains[(mention["doc_id"], mention["sent_id"])].add(mention["coref_chain"])
    by_topic = defaultdict(list)
    for doc in docs:
        by_topic[int(doc["topic"])].append(doc)
    embedder = get_embedder(args.model)
    data = {t: topic_pairs(by_topic[t], chains, embedder) for t in [*TRAIN, *VALIDATION] if by_topic[t]}
    x = np.vstack([data[t][0] for t in TRAIN if t in data])
    y = np.concatenate([data[t][1] for t in TRAIN if t in data])
    model = LogisticRegression(C=args.C, max_iter=2000).fit(x, y)
    coefficients = [round(float(c), DECIMALS) for c in model.coef_[0]]
    intercept = round(float(model.intercept_[0]), DECIMALS)
    vx = np.vstack([data[t][0] for t in VALIDATION if t in data])
    vy = np.concatenate([data[t][1] for t in VALIDATION if t in data])
    z = vx @ np.array(coefficients) + intercept
    print(f"train: {len(y)} pairs ({int(y.sum())} positive), AUC {roc_auc_score(y, x @ coefficients):.3f}; "
          f"validation 31-35: {len(vy)} pairs ({int(vy.sum())} positive), AUC {roc_auc_score(vy, z):.3f}",
          file=sys.stderr)
    for name, c in zip(FEATURES, coefficients):
        print(f"  {name:16s} {c:+.4f}", file=sys.stderr)
    text = json.dumps({"_credit": CREDIT, "features": list(FEATURES), "coefficients": coefficients,
                       "intercept": intercept, "cosine_floor": COSINE_FLOOR,
                       "trained_on": {"topics": "1-30", "pairs": int(len(y)), "positive": int(y.sum()),
                                      "embedder": embedder_label(str(embedder.name))}},
                      sort_keys=True, indent=1) + "\n"
    if args.check:
        same = args.output.exists() and args.output.read_text(encoding="utf-8") == text
        print(f"{args.output}: {'matches' if same else 'DIFFERS from'} this rebuild", file=sys.stderr)
        return 0 if same else 1
    args.output.write_text(text, encoding="utf-8")
    print(f"wrote {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
