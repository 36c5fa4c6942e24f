"""Verdicts with evidence (which slot differs, with each claim's values), shared origins and independence."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum
from itertools import combinations

from ..claims import Claim
from .slots import SLOTS, Cell, Context, claims_compatible, cross_outlet, numbers_compatible  # noqa: F401 (re-exported)

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


_LISTED = {"place", "victims", "actor"}


class Verdict(str, Enum):
    """What a group of aligned claims says across outlets. A str, so it compares, hashes and serialises as its
    value ("contradict" in the JSON contract)."""

    CONTRADICT = "contradict"
    AGREE = "agree"
    RELATED = "related"

    def __str__(self) -> str:
        return self.value


@dataclass
class Finding:
    """What claims of different outlets say of one thing: the slot, what the values are of (``about``: the event
    counted, the kind of quantity, the person), and every claim's values as written."""

    slot: str
    values: dict[str, list[str]]
    about: dict[str, str] = field(default_factory=dict)

    @property
    def event(self) -> str | None:
        return self.about.get("event")

    def to_dict(self) -> dict:
        """The JSON contract's record: ``{"slot", <about>..., "values"}``."""
        return {"slot": self.slot, **self.about, "values": self.values}


@dataclass
class Difference(Finding):
    """Values that cannot both be right."""


@dataclass
class Agreement(Finding):
    """Values that match: ``value`` as the first outlet gives it (a list for places, victims and actors, which a
    claim can name several of)."""

    value: object = None

    def to_dict(self) -> dict:
        """``{"slot", <about>..., "value", "values"}``."""
        return {"slot": self.slot, **self.about, "value": self.value, "values": self.values}


@dataclass
class Judgement:
    """A group's verdict with its evidence."""

    verdict: Verdict
    differences: list[Difference]
    agreements: list[Agreement]


def judge(group: list[Claim], similarity: float, ctx: Context | None = None) -> Judgement:
    """Verdict, differences and agreements for claims of one group, slot by slot (``verify.slots.SLOTS``).

    Each difference and agreement names its slot and gives every claim's values as written."""
    ctx = ctx or Context.of(group)
    differences: list[Difference] = []
    agreements: list[Agreement] = []
    decisive = False  # an agreement on a fact, not only on whom the claims name
    for slot in SLOTS:
        keyed: dict[tuple[str, str], dict[str, list[Cell]]] = {}
        for claim in group:
            for cell in slot.cells(claim, ctx):
                keyed.setdefault((cell.slot, cell.referent), {}).setdefault(claim.id, []).append(cell)
        for having in keyed.values():
            if len(having) < 2:
                continue
            # Claims of one outlet are never compared with each other, and two values one outlet gives side by
            # side are two things, not a discrepancy (``slots.cross_outlet``).
            outcome = cross_outlet(slot, having, ctx)
            about = slot.evidence(next(iter(having.values()))[0])
            name = about.pop("slot")
            values = {cid: [c.text for c in cells] for cid, cells in having.items()}
            if outcome.conflicts:
                differences.append(Difference(name, values, about))
            elif outcome.matched:
                # The value as the first outlet gives it; places, victims and actors are lists (a claim can name
                # several).
                labels = sorted({str(c.label) for c in next(iter(having.values()))})
                value = labels if slot.name in _LISTED or len(labels) > 1 else labels[0]
                if isinstance(value, str) and re.fullmatch(r"\d+", value):
                    value = int(value)
                agreements.append(Agreement(name, values, about, value))
                # Naming the same person ("Steven Sotloff" in both) says the claims are about one person, not that
                # they agree; the same age does.
                decisive = decisive or slot.name != "person" or sum(
                    any(c.value.age is not None for c in cells) for cells in having.values()) >= 2

    # Negation and denial: one account asserts what another negates.
    # A "not" somewhere is weak evidence ("did not stop until morning"); only a denial or a near-paraphrase counts.
    negated = {c.id: c.facts.negated for c in group}
    denial = any(c.facts.negated and c.source.denial for c in group)
    if len(set(negated.values())) > 1 and (denial or similarity >= NEGATION_SIMILARITY):
        differences.append(Difference("negation", {cid: ["negated" if v else "asserted"]
                                                   for cid, v in negated.items()}))

    # Outright denial: one account calls the other's claim false ("a hoax", "denied", "not true").
    refuting = {c.id: _REFUTATION.findall(c.text) for c in group}
    if any(refuting.values()) and not all(refuting.values()):
        differences.append(Difference("denial", {cid: (words or ["asserted"]) for cid, words in refuting.items()}))

    hedged = [c.id for c in group if c.hedged]
    if differences:
        verdict = Verdict.CONTRADICT
    elif hedged and len(hedged) < len(group):
        verdict = Verdict.RELATED  # "X reportedly did Y" neither confirms nor denies "X did Y"
    elif decisive or similarity >= AGREE_SIMILARITY or (similarity >= OVERLAP_SIMILARITY
                                                          and content_overlap(group) >= OVERLAP_SHARE):
        verdict = Verdict.AGREE
    else:
        verdict = Verdict.RELATED
    return Judgement(verdict, differences, agreements)


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
    chains = [claim.chain for claim in group]
    kinds = [claim.source.kinds for claim in group]
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
