"""Score sources.attribute() on PolNeAR (dev split, first annotator per article), and the human ceiling.

A predicted statement is right when its content span overlaps a gold content span by >= 30% of either span and
its source span overlaps the gold source span. Two figures are printed:
  every statement   every statement the tool attributes to a source, inherited ones included (what a user sees;
                    an inherited statement's source span is that of the mention it inherits from);
  cue only          the statements that carry a cue (explicit attributions, pronoun sources included), the figure
                    reported before inherited statements were counted.

    python benchmarks/eval_attribution.py [--limit N] [--errors K] [--by-cue K] [--by-carrier]
"""
from __future__ import annotations

import argparse
import itertools
import time
from collections import Counter

from common import EVAL, overlap, prf, read_jsonl

from claimdiff.sources import Article, attribute


def gold_relations(record: dict) -> list[dict]:
    relations = []
    for attribution in record["attributions"]:
        source, content = attribution.get("source"), attribution.get("content")
        if not source or not content or not source.get("spans") or not content.get("spans"):
            continue
        relations.append({"source": [tuple(s) for s in source["spans"]],
                          "content": [tuple(s) for s in content["spans"]], "text": content["text"],
                          "source_text": source["text"], "cue": (attribution.get("cue") or {}).get("text", "?")})
    return relations


def content_match(pred: list[tuple[int, int]], gold: list[tuple[int, int]]) -> bool:
    shared = sum(overlap(p, g) for p in pred for g in gold)
    pred_len = sum(e - s for s, e in pred) or 1
    gold_len = sum(e - s for s, e in gold) or 1
    return shared >= 0.3 * pred_len or shared >= 0.3 * gold_len if shared else False


def source_match(pred: list[tuple[int, int]], gold: list[tuple[int, int]]) -> bool:
    return any(overlap(p, g) > 0 for p in pred for g in gold)


def matches(pred: dict, gold: dict) -> bool:
    return content_match(pred["content"], gold["content"]) and source_match(pred["source"], gold["source"])


def score(predicted: list[list[dict]], golds: list[list[dict]]) -> dict:
    tp_pred = sum(any(matches(p, g) for g in gold) for preds, gold in zip(predicted, golds) for p in preds)
    tp_gold = sum(any(matches(p, g) for p in preds) for preds, gold in zip(predicted, golds) for g in gold)
    return prf(tp_pred, sum(map(len, predicted)), tp_gold, sum(map(len, golds)))


def predict(record: dict) -> list[dict]:
    """Every statement attributed to a source, each marked with whether it carries a cue of its own."""
    article = Article.from_text(record["text"], outlet=record.get("publisher"))
    out = []
    for statement in attribute(article):
        if statement.source is None:
            continue
        out.append({"source": [(statement.source.start, statement.source.end)],
                    "content": [(statement.content.start, statement.content.end)],
                    "text": statement.content.text, "source_text": statement.source.text,
                    "cue": statement.cue is not None, "inherited_by": statement.inherited_by})
    return out


def cue_only(predicted: list[list[dict]]) -> list[list[dict]]:
    return [[p for p in preds if p["cue"]] for preds in predicted]


def first_annotator(records: list[dict]) -> list[dict]:
    seen, out = set(), []
    for record in records:
        if record["doc_id"] not in seen:
            seen.add(record["doc_id"])
            out.append(record)
    return out


def human_ceiling() -> dict:
    records = read_jsonl(EVAL / "polnear" / "annotator_training.jsonl")
    by_doc: dict[str, list[dict]] = {}
    for record in records:
        by_doc.setdefault(record["doc_id"], []).append(record)
    f1s = []
    for records_of_doc in by_doc.values():
        for a, b in itertools.permutations(records_of_doc, 2):
            f1s.append(score([gold_relations(a)], [gold_relations(b)])["f1"])
    return {"mean_pairwise_f1": round(sum(f1s) / len(f1s), 3), "pairs": len(f1s)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument("--errors", type=int, default=0, help="print K missed and K wrong statements")
    parser.add_argument("--by-cue", type=int, default=0, metavar="K",
                        help="found and missed gold attributions per cue phrase, the K most missed")
    parser.add_argument("--by-carrier", action="store_true",
                        help="right and wrong statements per inheritance carrier (inherited_by; none: own cue)")
    args = parser.parse_args()
    records = first_annotator(read_jsonl(EVAL / "polnear" / "dev.jsonl"))[:args.limit]
    start = time.perf_counter()
    predicted = [predict(r) for r in records]
    elapsed = time.perf_counter() - start
    golds = [gold_relations(r) for r in records]
    every = score(predicted, golds)
    cued = score(cue_only(predicted), golds)
    print(f"PolNeAR dev, {len(records)} articles, first annotator, in {elapsed:.1f} s: attribution")
    for label, result in (("every statement", every), ("cue only", cued)):
        print(f"  {label:16} P {result['precision']:.3f} R {result['recall']:.3f} F1 {result['f1']:.3f} "
              f"({result['predicted']} predicted, {result['gold']} gold)")
    ceiling = human_ceiling()
    print(f"human ceiling (annotator_training, {ceiling['pairs']} ordered annotator pairs): "
          f"mean pairwise F1 {ceiling['mean_pairwise_f1']:.3f}")
    if args.errors:
        shown_fp = shown_fn = 0
        for preds, gold in zip(predicted, golds):
            for p in preds:
                if shown_fp < args.errors and not any(matches(p, g) for g in gold):
                    shown_fp += 1
                    how = "WRONG " if p["cue"] else "WRONG~"  # ~: inherited, no cue of its own
                    print(f"{how} [{p['source_text']}] {p['text'][:110]!r}")
            for g in gold:
                if shown_fn < args.errors and not any(matches(p, g) for p in preds):
                    shown_fn += 1
                    print(f"MISSED [{g['source_text']}] {g['text'][:110]!r}")
    if args.by_cue:
        by_cue(predicted, golds, args.by_cue)
    if args.by_carrier:
        by_carrier(predicted, golds)


def by_carrier(predicted: list[list[dict]], golds: list[list[dict]]) -> None:
    """Where precision is lost: predicted statements right and wrong, grouped by what carried their source."""
    right: Counter = Counter()
    wrong: Counter = Counter()
    for preds, gold in zip(predicted, golds):
        for p in preds:
            (right if any(matches(p, g) for g in gold) else wrong)[p["inherited_by"] or "none"] += 1
    for carrier in sorted(right.keys() | wrong.keys(), key=lambda c: -(right[c] + wrong[c])):
        total = right[carrier] + wrong[carrier]
        print(f"  {carrier:28} {right[carrier]:5} right {wrong[carrier]:4} wrong  P {right[carrier] / total:.3f}")


def by_cue(predicted: list[list[dict]], golds: list[list[dict]], top: int) -> None:
    """Where recall is lost: gold attributions found and missed, grouped by their cue phrase."""
    found: Counter = Counter()
    missed: Counter = Counter()
    for preds, gold in zip(predicted, golds):
        for g in gold:
            (found if any(matches(p, g) for p in preds) else missed)[g["cue"].lower()] += 1
    rare = sum(n for cue, n in missed.items() if n + found[cue] <= 2)
    print(f"missed {sum(missed.values())} gold attributions over {len(missed)} cue phrases; {rare} of them have a "
          f"cue seen at most twice")
    for cue, n in missed.most_common(top):
        print(f"  {cue!r}: {found[cue]} found, {n} missed")


if __name__ == "__main__":
    main()
