"""Real multi-outlet news (../shared/eval/realnews): the reference scorer's figures, then where the gold pairs go.

    python benchmarks/eval_realnews.py [--events N] [--slots]

First runs the reference scorer (`score.py` beside the data: facts kept, attribution of the outlet's own and of
named sources, agree and contradict pairs judged right, false alarms, cross-event groups). With --slots it then
sorts every gold cross-outlet pair by slot and by what happened to it: both facts in one fact-table row or group
with the right verdict; a wrong verdict; in different rows; one or both claims without a cell of that slot; a fact
no claim covers. That is the error analysis the fact table is built from.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import Counter, defaultdict

from common import EVAL, ROOT, need

REALNEWS = EVAL / "realnews"
# The gold slot each fact-table row slot answers for.
ROW_SLOTS = {"killed": {"killed"}, "injured": {"injured"}, "arrested": {"arrested", "captured"},
             "magnitude": {"magnitude"}, "depth": {"depth"}, "time": {"time"}, "place": {"place"},
             "perpetrator": {"actor", "person"}, "victim": {"victims", "person"},
             "count": {"count", "money", "distance", "sentence", "caliber", "killed", "injured", "arrested"}}


def slot_breakdown(events: int) -> None:
    sys.path.insert(0, str(REALNEWS))
    import score  # the reference scorer's own covering rule

    from claimdiff.sources import Article
    from claimdiff.verify import compare

    folder = subprocess.check_output([sys.executable, str(REALNEWS / "build.py")], text=True).strip()
    gold = [json.loads(line) for line in open(need(REALNEWS / "gold.jsonl"), encoding="utf-8") if line.strip()]
    outcome: Counter = Counter()
    for event in gold[:events or None]:
        records = [json.load(open(f"{folder}/{event['event']}/{doc}.json", encoding="utf-8")) for doc in event["docs"]]
        texts = {r["id"]: r["text"] for r in records}
        result = compare([Article.from_text(r["text"], outlet=r["outlet"], id=r["id"]) for r in records]).to_dict()
        by_doc = defaultdict(list)
        for claim in result["claims"]:
            by_doc[claim["article"]].append(claim)
        groups = [(r["slot"], r["verdict"], {c["claim"] for c in r["cells"]}) for r in result["fact_table"]]
        groups += [("group", a["verdict"], set(a["claims"])) for a in result["alignments"]]
        cover = {}
        for fact in event["facts"]:
            start = texts[fact["doc"]].find(fact["quote"])
            claim = score.covering(by_doc[fact["doc"]], start, start + len(fact["quote"])) if start >= 0 else None
            cover[fact["id"]] = claim["id"] if claim else None
        for pair in event["pairs"]:
            x, y = (cover.get(f) for f in pair["facts"])
            wanted = ROW_SLOTS.get(pair["slot"], set())
            if not x or not y:
                why = "no claim"
            else:
                shared = [g for g in groups if x in g[2] and y in g[2]]
                having = [{g[0] for g in groups if c in g[2]} & wanted for c in (x, y)]
                if any(g[1] == pair["verdict"] for g in shared):
                    why = "right"
                elif shared:
                    why = "wrong verdict"
                elif all(having):
                    why = "different rows"
                else:
                    why = "no cell" if not any(having) else "one without a cell"
            outcome[(pair["slot"], pair["verdict"], why)] += 1
    print(f"\n{'gold slot':12} {'verdict':10} " + " ".join(f"{w:>18}" for w in WHY))
    for slot, verdict in sorted({(s, v) for s, v, _ in outcome}):
        print(f"{slot:12} {verdict:10} " + " ".join(f"{outcome[(slot, verdict, w)]:>18}" for w in WHY))


WHY = ("right", "wrong verdict", "different rows", "one without a cell", "no cell", "no claim")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=0)
    parser.add_argument("--slots", action="store_true", help="sort the gold pairs by slot and outcome")
    args = parser.parse_args()
    command = [sys.executable, str(need(REALNEWS / "score.py")), "--min-score", "0"]
    if args.events:
        command += ["--events", str(args.events)]
    code = subprocess.call(command, cwd=ROOT)
    if args.slots:
        slot_breakdown(args.events)
    return code


if __name__ == "__main__":
    sys.exit(main())
