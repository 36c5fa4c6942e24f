"""Search quality on questions a fact-checker would ask of the three bundled examples (written for this benchmark;
each names the claims that answer it). Ingests the examples into a temporary database with the real model.

    python benchmarks/eval_search.py [--limit 3]

Prints, per question, the rank of the first answering claim, then hit@1, hit@3 and the mean reciprocal rank.
"""
from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from claimdiff.sources import read_article
from claimdiff.verify import get_embedder
from claimdiff.verify.corpus import ingest, open_db
from claimdiff.verify.search import search

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

QUESTIONS = [
    ("How many people died in the attack?", ["Two soldiers were killed", "two police officers dead",
                                              "two members of the police were killed", "two officers killed"]),
    ("What is the death toll?", ["Two soldiers were killed", "two police officers dead",
                                 "two members of the police were killed", "two officers killed"]),
    ("death toll Hama attack", ["Two soldiers were killed", "two police officers dead",
                                "two members of the police were killed", "two officers killed"]),
    ("Who carried out the attack?", ["No group has claimed responsibility", "gunmen opened fire",
                                     "gunmen hiding in olive groves", "blamed the recent attacks"]),
    ("How many officers were in the patrol?", ["made up of six officers"]),
    ("Were any policemen taken captive?", ["several others captured", "the captured policemen",
                                           "being led away by armed men"]),
    ("Did the governor react?", ["condemned the attack"]),
    ("What did residents hear during the night?", ["heard heavy gunfire", "heard gunfire through the night"]),
    ("How did the attackers escape?", ["fleeing toward the western countryside", "fled toward the plains"]),
    ("compensation for the families of the dead", ["would receive compensation"]),
    ("Were people wounded?", ["three people with gunshot wounds", "gunshot wounds were treated"]),
    ("When did ambulances arrive?", ["ambulances reached the area only after midnight"]),
    ("Is the road to Hama open?", ["the road between Kfar Bohom and Hama was still closed"]),
    ("Did schools open?", ["schools in the village did not open"]),
    ("power cut electricity", ["electricity was cut"]),
    ("Kafr Buhum population", ["a village of about 6,000 people"]),
    # Names: a word the embedding may not know.
    ("What did Abu Samer see?", ["at least four men in civilian clothes"]),
    ("Umm Khaled", ["We stayed on the floor of the kitchen"]),
    ("Abu Firas nephew", ["his nephew had called the family"]),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=10, help="hits read per question")
    args = parser.parse_args()
    embedder = get_embedder()
    with tempfile.TemporaryDirectory() as folder:
        db = open_db(Path(folder) / "c.db")
        ingest(db, [read_article(EXAMPLES / n) for n in ("wire.txt", "regional.md", "local.html")], embedder)
        ranks = []
        for question, answers in QUESTIONS:
            hits = search(db, question, embedder, limit=args.limit)
            rank = next((i for i, h in enumerate(hits, 1) if any(a.lower() in h.text.lower() for a in answers)), None)
            ranks.append(rank)
            print(f"{rank or '-':>2}  {question}  ->  {hits[0].text[:70] if hits else ''}")
    n = len(ranks)
    print(f"hit@1 {sum(r == 1 for r in ranks)}/{n}  hit@3 {sum(bool(r) and r <= 3 for r in ranks)}/{n}  "
          f"MRR {sum(1 / r for r in ranks if r) / n:.3f}")


if __name__ == "__main__":
    main()
