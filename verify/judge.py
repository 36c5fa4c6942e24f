"""Verdicts with evidence (which slot differs, with each claim's values), shared origins and independence."""
from __future__ import annotations

import re
from itertools import combinations

from claims import Claim, Number
from claims.facts import perpetrator_side, perpetrators_compatible

AGREE_SIMILARITY = 0.75
"""Near-paraphrases agree even when they carry no comparable fact."""
OVERLAP_SIMILARITY = 0.6
OVERLAP_SHARE = 0.35
"""Claims this similar that also share this share of the shorter claim's content words say the same thing."""
_STOP = set("""a an the of in on at to from by for with and or but that this these those it its they them their he she
his her we our you was were is are be been being has have had do did does will would could should can may might not no
there here as than then when while after before during over under into out up down about also only just very more most
said says told""".split())
_REFUTATION = re.compile(r"\b(?:hoax(?:es)?|fake|false(?:ly)?|untrue|not true|debunk\w*|fabricat\w*|baseless|"
                         r"den(?:y|ies|ied)|refut\w*|no evidence|misleading|bogus|rumou?rs?|myth|satire|satirical)\b",
                         re.I)
NEGATION_SIMILARITY = 0.8
"""Only claims this close in wording are judged on negation alone (one asserts, the other negates)."""
NOT_IDENTIFIABLE = {"anonymous", "resident", "unknown"}
"""Kinds whose mentions ("a security source", "residents") cannot be shown to be the same speaker across outlets."""


def _interval(number: Number) -> tuple[float, float]:
    low = number.low if number.low is not None else 0.0
    high = number.high if number.high is not None else float("inf")
    if number.bound == "approx" and number.value is not None:
        low, high = number.value * 0.85, number.value * 1.15
    return low, high


def numbers_compatible(a: Number, b: Number) -> bool:
    """Exact counts must match; a vague or bounded count is compatible with any count inside its range."""
    if a.vague or b.vague:
        return True  # "several injuries" never contradicts "10 injured"
    if a.bound or b.bound:
        (al, ah), (bl, bh) = _interval(a), _interval(b)
        return al <= bh and bl <= ah
    return a.value == b.value


def _counts(claim: Claim) -> dict[str, list[Number]]:
    out: dict[str, list[Number]] = {}
    for number in claim.facts.numbers:
        if number.event in {"killed", "injured", "captured", "arrested"}:
            out.setdefault(number.event, []).append(number)
    return out


def _specific_places(claim: Claim, parents: dict[str, str]) -> dict[str, str]:
    """key -> label of the most specific places of a claim (a place that contains another one is dropped)."""
    places = {p.key: p.label for p in claim.facts.places}
    contained = {parents[k] for k in places if k in parents}
    return {k: v for k, v in places.items() if k not in contained} or places


def _ancestors(key: str, parents: dict[str, str]) -> set[str]:
    seen = set()
    while key in parents and key not in seen:
        seen.add(key)
        key = parents[key]
        seen.add(key)
    return seen


def judge(group: list[Claim], similarity: float, parents: dict[str, str]) -> dict:
    """Verdict, differences and agreements for claims of one group."""
    differences: list[dict] = []
    agreements: list[dict] = []
    ids = [c.id for c in group]

    # Counts of the same thing (killed, injured, captured, arrested).
    counts = {c.id: _counts(c) for c in group}
    for event in sorted({e for per in counts.values() for e in per}):
        having = [c for c in group if event in counts[c.id]]
        if len(having) < 2:
            continue
        conflict = any(not any(numbers_compatible(x, y) for x in counts[a.id][event] for y in counts[b.id][event])
                       for a, b in combinations(having, 2))
        if conflict:
            differences.append({"slot": "number", "event": event,
                                "values": {c.id: [n.text for n in counts[c.id][event]] for c in having}})
        else:
            exact = [n.value for c in having for n in counts[c.id][event] if n.value is not None and not n.bound]
            if exact and len(set(exact)) == 1:
                value = exact[0]
                agreements.append({"slot": "number", "event": event,
                                   "value": int(value) if float(value).is_integer() else value})
        # Who was counted: soldiers against police officers is a difference in the victims.
        groups = {c.id: sorted({n.group for n in counts[c.id][event] if n.group}) for c in having}
        known = {cid: g for cid, g in groups.items() if g}
        if len(known) >= 2 and any(not set(x) & set(y) for x, y in combinations(known.values(), 2)):
            differences.append({"slot": "victims", "event": event, "values": known})
        elif len(known) >= 2:
            shared = set.intersection(*(set(g) for g in known.values()))
            agreements.append({"slot": "victims", "event": event, "value": sorted(shared)})

    # Places: the most specific place of each claim must be the same place or contain the other.
    specific = {c.id: _specific_places(c, parents) for c in group}
    placed = {cid: p for cid, p in specific.items() if p}
    if len(placed) >= 2:
        conflict = False
        for (a, pa), (b, pb) in combinations(placed.items(), 2):
            related = any(x == y or x in _ancestors(y, parents) or y in _ancestors(x, parents)
                          for x in pa for y in pb)
            conflict = conflict or not related
        if conflict:
            differences.append({"slot": "place", "values": {cid: sorted(p.values()) for cid, p in placed.items()}})
        else:
            shared = set.intersection(*(set(p) for p in placed.values()))
            if shared:
                agreements.append({"slot": "place", "value": sorted(placed[ids[0]][k] for k in shared
                                                                     if k in placed.get(ids[0], {}))
                                   or sorted(shared)})

    # Who carried it out: "Turkish drones" against "the Syrian army"; a vague "gunmen" never conflicts.
    sides = {c.id: [(p, side) for p in c.facts.perpetrators if (side := perpetrator_side(p))] for c in group}
    named = {cid: found for cid, found in sides.items() if found}
    if len(named) >= 2:
        if any(not any(perpetrators_compatible(x, y) for _, x in a for _, y in b)
               for a, b in combinations(named.values(), 2)):
            differences.append({"slot": "actor", "values": {cid: [p for p, _ in found] for cid, found in named.items()}})
        else:
            agreements.append({"slot": "actor", "value": sorted({p for found in named.values() for p, _ in found})})

    # Dates: resolved dates more than a day apart are a conflict; an unknown date is no evidence.
    dated = {c.id: c.facts.dates for c in group if any(d.earliest for d in c.facts.dates)}
    if len(dated) >= 2:
        def overlap(x, y) -> bool:
            return any(d.earliest and e.earliest and d.earliest <= e.latest + _DAY and e.earliest <= d.latest + _DAY
                       for d in x for e in y)
        if any(not overlap(x, y) for x, y in combinations(dated.values(), 2)):
            differences.append({"slot": "date", "values": {cid: [d.text for d in ds] for cid, ds in dated.items()}})
        else:
            values = {d.value for ds in dated.values() for d in ds if d.value}
            if len(values) == 1:
                agreements.append({"slot": "date", "value": values.pop().isoformat()})

    # Negation and denial: one account asserts what another negates.
    # A "not" somewhere is weak evidence ("did not stop until morning"); only a denial or a near-paraphrase counts.
    negated = {c.id: c.facts.negated for c in group}
    denial = any(c.facts.negated and c.sources and c.sources[0].get("denial") for c in group)
    if len(set(negated.values())) > 1 and (denial or similarity >= NEGATION_SIMILARITY):
        differences.append({"slot": "negation", "values": {cid: ["negated" if v else "asserted"]
                                                           for cid, v in negated.items()}})

    # Outright denial: one account calls the other's claim false ("a hoax", "denied", "not true").
    refuting = {c.id: _REFUTATION.findall(c.text) for c in group}
    if any(refuting.values()) and not all(refuting.values()):
        differences.append({"slot": "denial", "values": {cid: (words or ["asserted"])
                                                          for cid, words in refuting.items()}})

    hedged = [c.id for c in group if c.hedged]
    if differences:
        verdict = "contradict"
    elif hedged and len(hedged) < len(group):
        verdict = "related"  # "X reportedly did Y" neither confirms nor denies "X did Y"
    elif agreements or similarity >= AGREE_SIMILARITY or (similarity >= OVERLAP_SIMILARITY
                                                          and content_overlap(group) >= OVERLAP_SHARE):
        verdict = "agree"
    else:
        verdict = "related"
    return {"verdict": verdict, "differences": differences, "agreements": agreements}


_DAY = __import__("datetime").timedelta(days=1)


def content_words(text: str) -> set[str]:
    return {w[:6] for w in re.findall(r"[a-z]+", text.lower()) if w not in _STOP and len(w) > 2}


def content_overlap(group: list[Claim]) -> float:
    """Smallest share, over pairs, of the shorter claim's content words found in the other claim."""
    shares = []
    for a, b in combinations(group, 2):
        wa, wb = content_words(a.text), content_words(b.text)
        if wa and wb:
            shares.append(len(wa & wb) / min(len(wa), len(wb)))
    return min(shares) if shares else 0.0


def _identity(name: str) -> str:
    return re.sub(r"^(?:the|a|an)\s+", "", name.lower()).strip()


def origins(group: list[Claim]) -> tuple[str | None, int, list[list[str]]]:
    """The shared origin of a group's claims (or None), the number of independent origins, and their chains.

    Two claims depend on each other when their chains share an identifiable source (both outlets relay the state
    agency); anonymous sources and residents cannot be shown to be the same speaker, so they never link claims.
    """
    chains = [claim.sources[0]["chain"] if claim.sources else [] for claim in group]
    kinds = [claim.sources[0].get("kinds", []) if claim.sources else [] for claim in group]
    nodes = []
    for chain, chain_kinds in zip(chains, kinds):
        identifiable = set()
        for index, name in enumerate(chain):
            kind = chain_kinds[index] if index < len(chain_kinds) else "unknown"
            if kind in NOT_IDENTIFIABLE or re.match(r"^(?:a|an|one|another|some|several)\s", name, re.I):
                continue
            identifiable.add(_identity(name))
        nodes.append(identifiable)
    # Connected components over shared identifiable sources.
    component = list(range(len(group)))

    def find(x: int) -> int:
        while component[x] != x:
            component[x] = component[component[x]]
            x = component[x]
        return x

    for a, b in combinations(range(len(group)), 2):
        if nodes[a] & nodes[b]:
            component[find(a)] = find(b)
    independent = len({find(i) for i in range(len(group))})
    shared = None
    if independent == 1 and len(group) > 1:
        common = set.intersection(*nodes)
        # The most upstream common source: the one earliest in the first chain.
        for name in chains[0]:
            if _identity(name) in common:
                shared = name
                break
    return shared, independent, chains
