"""Cross-outlet alignment on ECB+ (topics 1-35): does compare() group sentences that report the same event?

Each topic's documents (its two look-alike events mixed) go into one compare. A gold sentence pair counts as aligned
when one group holds a claim from each sentence. Reports precision, recall and F1 over the labelled pairs, and the
false-positive rate on the hard negatives (same topic, the other real event), for the pipeline and, as a reference,
for plain sentence cosine (all-MiniLM-L6-v2) at fixed thresholds.

    python benchmarks/eval_alignment.py [--thresholds 0.5,0.55,0.6] [--topics 1-35] [--model NAME]
        [--backend onnx|torch] [--cache FILE] [--set LINK_FLOOR=0.7 ...]
"""
from __future__ import annotations

import argparse
import pickle
import re
import time
from collections import defaultdict
from pathlib import Path

import numpy as np
from common import EVAL, read_jsonl

from claimdiff.claims import analyse
from claimdiff.sources import Article, SourceRegistry
from claimdiff.verify import alignment as align_module
from claimdiff.verify import compare_claims, get_embedder


def detokenise(text: str) -> str:
    text = re.sub(r" ([,.;:!?%)\]}])", r"\1", text)
    text = re.sub(r"([(\[{$]) ", r"\1", text)
    text = re.sub(r" (n't|'s|'re|'ve|'ll|'d|'m)\b", r"\1", text)
    return text.replace(" '' ", '" ').replace("`` ", '"').replace(" ''", '"').replace(" - ", "-")


def build_articles(docs: list[dict]) -> tuple[list[Article], dict[tuple[str, int], tuple[int, int]]]:
    """One article per document, a paragraph per sentence, and each gold sentence's span in its article."""
    articles, spans = [], {}
    for doc in docs:
        parts, cursor = [], 0
        for sentence in doc["sentences"]:
            text = detokenise(sentence["text"])
            spans[(doc["doc_id"], sentence["sent_id"])] = (cursor, cursor + len(text))
            parts.append(text)
            cursor += len(text) + 2
        articles.append(Article.from_text("\n\n".join(parts), outlet=doc.get("outlet_domain") or doc["doc_id"],
                                          published=doc.get("date_publish"), id=doc["doc_id"]))
    return articles, spans


def sentence_of(claim, spans_by_doc: dict[str, list[tuple[int, int, int]]]) -> int | None:
    for start, end, sent_id in spans_by_doc[claim.article]:
        if start <= claim.start < end:
            return sent_id
    return None


def parse_topics(text: str) -> set[str]:
    low, _, high = text.partition("-")
    return {str(t) for t in range(int(low), int(high or low) + 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--thresholds", default="0.45,0.5,0.55,0.6,0.65")
    parser.add_argument("--topics", default="1-35")
    parser.add_argument("--model", default=None)
    parser.add_argument("--backend", default=None, choices=["torch", "onnx"])
    parser.add_argument("--cache", default=None, help="pickle the prepared topics here and reuse them")
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                        help="override a constant of verify.alignment (LINK_FLOOR, MIN_GAP, RESTATEMENT, DATE_PULL, "
                             "DATE_PUSH, PLACE_PULL, COUNT_PULL) to calibrate it")
    args = parser.parse_args()
    for setting in args.set:
        name, value = setting.split("=")
        if not hasattr(align_module, name):
            parser.error(f"verify.alignment has no {name}")
        setattr(align_module, name, float(value))
    topics = parse_topics(args.topics)
    docs = [d for d in read_jsonl(EVAL / "ecbplus" / "docs.jsonl") if d["topic"] in topics]
    pairs = [p for p in read_jsonl(EVAL / "ecbplus" / "cross_doc_sentence_pairs.jsonl") if p["topic"] in topics]
    embedder = get_embedder(args.model, args.backend)
    registry = SourceRegistry.default()
    by_topic = defaultdict(list)
    for doc in docs:
        by_topic[doc["topic"]].append(doc)

    prepared = {}
    start = time.perf_counter()
    n_claims = 0
    cache = Path(args.cache) if args.cache else None
    if cache and cache.exists():
        prepared = pickle.loads(cache.read_bytes())
        n_claims = sum(len(p[1]) for p in prepared.values())
    for topic, topic_docs in sorted(by_topic.items(), key=lambda item: int(item[0])):
        if topic in prepared:
            continue
        articles, spans = build_articles(topic_docs)
        claims = [c for a in articles for c in analyse(a, registry)]
        vectors = embedder.embed([c.text for c in claims])
        spans_by_doc = defaultdict(list)
        for (doc_id, sent_id), (s, e) in spans.items():
            spans_by_doc[doc_id].append((s, e, sent_id))
        sentence_ids = [sentence_of(c, spans_by_doc) for c in claims]
        # Reference: one vector per gold sentence (its text as a whole), for plain cosine.
        sentence_texts = {(d, s): detokenise(t["text"]) for d0 in topic_docs for t in d0["sentences"]
                          for d, s in [(d0["doc_id"], t["sent_id"])]}
        prepared[topic] = (articles, claims, vectors, sentence_ids, sentence_texts)
        n_claims += len(claims)
    prep_time = time.perf_counter() - start
    if cache and not cache.exists():
        cache.write_bytes(pickle.dumps(prepared))
    print(f"ECB+ topics {args.topics}: {len(docs)} documents, {n_claims} claims, {len(pairs)} labelled pairs "
          f"({sum(p['label'] for p in pairs)} same event, "
          f"{sum(p['pair_kind'] == 'other_subtopic_same_topic' for p in pairs)} hard negatives); "
          f"attribution+claims+embedding {prep_time:.0f} s")

    # Reference: cosine between whole sentences.
    needed = sorted({(p["doc_a"], p["sent_a"]) for p in pairs} | {(p["doc_b"], p["sent_b"]) for p in pairs})
    texts = {}
    for _, _, _, _, sentence_texts in prepared.values():
        texts.update(sentence_texts)
    reference = embedder.embed([texts[k] for k in needed])
    index = {k: i for i, k in enumerate(needed)}
    for threshold in (0.5, 0.6):
        predicted = [float(reference[index[(p["doc_a"], p["sent_a"])]] @ reference[index[(p["doc_b"], p["sent_b"])]])
                     >= threshold for p in pairs]
        report(f"reference: sentence cosine >= {threshold}", pairs, predicted)

    for threshold in [float(t) for t in args.thresholds.split(",")]:
        start = time.perf_counter()
        together: set[tuple] = set()
        for articles, claims, vectors, sentence_ids, _ in prepared.values():
            comparison = compare_claims(articles, claims, vectors, threshold)
            position = {c.id: i for i, c in enumerate(claims)}
            for alignment in comparison.alignments:
                members = [(claims[position[cid]].article, sentence_ids[position[cid]]) for cid in alignment.claims]
                for a in members:
                    for b in members:
                        if a != b:
                            together.add((a, b))
        predicted = [((p["doc_a"], p["sent_a"]), (p["doc_b"], p["sent_b"])) in together for p in pairs]
        report(f"claimdiff compare, threshold {threshold}", pairs, predicted,
               f"{time.perf_counter() - start:.1f} s")


def report(name: str, pairs: list[dict], predicted: list[bool], extra: str = "") -> None:
    gold = np.array([p["label"] == 1 for p in pairs])
    pred = np.array(predicted)
    hard = np.array([p["pair_kind"] == "other_subtopic_same_topic" for p in pairs])
    tp = int((gold & pred).sum())
    precision = tp / pred.sum() if pred.sum() else 0.0
    recall = tp / gold.sum() if gold.sum() else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    fpr = (pred & hard).sum() / hard.sum() if hard.sum() else 0.0
    print(f"{name:45s} P {precision:.3f} R {recall:.3f} F1 {f1:.3f}  hard-negative FPR {fpr:.3f} {extra}")


if __name__ == "__main__":
    main()
