"""The fact table: every figure and detail each outlet gives about the event, lined up per slot and referent.

A row is one thing a fact-checker checks (the death toll, the depth of the quake, the time of the incident, who
did it); a column per outlet; each cell the value as written with its claim and source chain. A row's verdict is
``agree`` when every pair of outlets gives compatible values, ``contradict`` when some pair does not (the pairs are
named), ``single`` when only one outlet gives the fact (an omission by the others). Claims about other events
(background: an earlier quake, last year's attack) never enter the current event's rows.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from enum import Enum

from ..claims import Claim
from .slots import PLAIN_DISTANCE, SLOTS, Cell, Compared, Context, Slot, cross_outlet


class RowVerdict(str, Enum):
    AGREE = "agree"
    CONTRADICT = "contradict"
    SINGLE = "single"
    RELATED = "related"   # two outlets give values that cannot be compared (a street and a village)

    def __str__(self) -> str:
        return self.value


@dataclass
class FactRow:
    slot: str
    referent: str
    verdict: RowVerdict
    cells: list[Cell]
    conflicts: list[tuple[str, str]] = field(default_factory=list)
    parts: list[FactRow] = field(default_factory=list)
    """Of a conflicting row: the outlets that agree with each other ("2 killed" in three outlets against "3" in one)."""

    @property
    def claims(self) -> list[str]:
        return list(dict.fromkeys(c.claim for c in self.cells))

    def to_dict(self, chains: dict[str, list[str]], part_of: int | None = None) -> dict:
        data = {
            "slot": self.slot, "referent": self.referent, "verdict": str(self.verdict),
            "cells": [{"article": c.article, "claim": c.claim, "value": c.label, "text": c.text,
                       "chain": chains.get(c.claim, [])} for c in self.cells],
            "conflicts": [list(pair) for pair in self.conflicts],
        }
        if part_of is not None:
            data["part_of"] = part_of
        return data


def table_to_dicts(rows: list[FactRow], chains: dict[str, list[str]]) -> list[dict]:
    """The JSON rows: each conflicting row is followed by its agreeing parts, which name it in ``part_of``."""
    out: list[dict] = []
    for row in rows:
        index = len(out)
        out.append(row.to_dict(chains))
        out.extend(part.to_dict(chains, part_of=index) for part in row.parts)
    return out


_YEAR = re.compile(r"\b(?:19[5-9]\d|20[0-4]\d)\b")
_MONTH = r"(?:january|february|march|april|may|june|july|august|september|october|november|december)"
_BACKGROUND = re.compile(
    # "In February, a gunman killed five people": a month without a day dates another event; news dates its own
    # event by weekday or day of the month.
    r"\b(?:in (?:early |late |mid-?)?" + _MONTH + r"\b(?!\s+\d{1,2}\b)|last (?:week|month)|earlier this (?:week|month)|"
    r"prior (?:arrests?|convictions?|attacks?)|(?:weeks|months) ago|(?:weeks|months|years) (?:after|before|earlier)|"
    r"last year|a year ago|years ago|decades? ago|previous (?:quake|earthquake|attack|shooting|bombing|arrests?|"
    r"convictions?)|previously|earlier (?:this|last) (?:year|month)|"
    r"in the past|worst since|since (?:the )?(?:19|20)\d\d|anniversary|"
    r"another (?:quake|earthquake|attack|shooting|bombing)|(?:an|the) earlier (?:quake|earthquake|attack|shooting|"
    r"bombing|incident))\b", re.I)


# "A magnitude 6 quake can cause severe damage": what such events do in general, not what this one did.
_GENERIC = re.compile(r"\b(?:can|could|may|might|would|usually|typically|often)\s+(?:cause|kill|destroy|damage|"
                      r"trigger|reach|injure|be felt)\b", re.I)
_PRONOUN_SUBJECT = re.compile(r"^[\"“]?(?:it|they|this|that|these|those)\b", re.I)


def _describes_someone(text: str, at: int) -> bool:
    """"A man who was fired last week walked in and opened fire": the past inside a relative clause describes a
    person or a place of the event, not another event."""
    return bool(re.search(r"\b(?:who|whom|whose|which|where)\b[^,;.]*$", text[:at], re.I))


def background_claims(claims: list[Claim], published: dict[str, date | None] | None = None) -> set[str]:
    """Claims about other events than the one the articles report: they name a year that is not the event's year
    (a publication year, or a year half the articles name), or speak of the past ("last year", "a previous attack",
    "in February", "the worst since 1999")."""
    years_by_article: dict[str, set[str]] = {c.article: set() for c in claims}
    for claim in claims:
        years_by_article[claim.article].update(_YEAR.findall(claim.text))
    votes = Counter(year for years in years_by_article.values() for year in years)
    current = {year for year, n in votes.items() if n >= max(2, len(years_by_article) / 2)}
    for day in (published or {}).values():
        if day:
            current |= {str(day.year)} | ({str(day.year - 1)} if day.month == 1 else set())  # late December news
    out = set()
    previous: Claim | None = None
    for claim in claims:
        years = set(_YEAR.findall(claim.text))
        past = [m for m in _BACKGROUND.finditer(claim.text) if not _describes_someone(claim.text, m.start())]
        if (years and not years & current) or past or _GENERIC.search(claim.text):
            out.add(claim.id)
        elif (previous is not None and previous.id in out and previous.article == claim.article
              and _PRONOUN_SUBJECT.match(claim.text)):
            out.add(claim.id)  # "In 2005 a quake struck Qeshm. It killed 612 people."
        previous = claim
    return out


def _by_claim(cells: list[Cell]) -> dict[str, list[Cell]]:
    by_claim: dict[str, list[Cell]] = {}
    for cell in cells:
        by_claim.setdefault(cell.claim, []).append(cell)
    return by_claim


def row_verdict(slot: Slot, cells: list[Cell], ctx: Context) -> tuple[RowVerdict, list[tuple[str, str]]]:
    """Agree, contradict (naming the conflicting claim pairs) or single, over pairs of claims of different outlets."""
    if len({c.article for c in cells}) < 2:
        return RowVerdict.SINGLE, []
    outcome = cross_outlet(slot, _by_claim(cells), ctx)
    if outcome.conflicts:
        return RowVerdict.CONTRADICT, outcome.conflicts
    # "agree" needs a compared value that matches; values that cannot be compared only say the outlets relate.
    return (RowVerdict.AGREE if outcome.matched else RowVerdict.RELATED), []


def _clusters(slot: Slot, cells: list[Cell], ctx: Context) -> list[list[Cell]]:
    """Sets of claims whose values are all compatible with each other: each claim joins the first set it fits, then
    every other set it fits too ("more than 100,000" agrees with "120,000" and with "about 200,000"). Claims giving
    the same values are compared once (``slots.Compared``)."""
    by_claim = _by_claim(cells)
    compared = Compared(slot, by_claim, ctx)
    signature = compared.signature
    fits = lambda claim, signatures: all(  # noqa: E731
        compared.claims(signature[claim], s) is not False for s in signatures)
    clusters: list[tuple[list[str], set[frozenset[int]]]] = []
    for claim in by_claim:
        home = next((c for c in clusters if fits(claim, c[1])), None)
        if home is None:
            home = ([], set())
            clusters.append(home)
        home[0].append(claim)
        home[1].add(signature[claim])
    joined = [set(members) for members, _ in clusters]
    for claim in by_claim:
        for (members, signatures), names in zip(clusters, joined):
            if claim not in names and fits(claim, signatures):
                members.append(claim)
                names.add(claim)
                signatures.add(signature[claim])
    return [[cell for claim in members for cell in by_claim[claim]] for members, _ in clusters]


def agreeing_parts(slot: Slot, row: FactRow, ctx: Context) -> list[FactRow]:
    """Split a conflicting row into sets of claims whose values are all compatible with each other; the sets that
    span two or more outlets are agreements inside the conflict."""
    return [FactRow(row.slot, row.referent, RowVerdict.AGREE, cells) for cells in _clusters(slot, row.cells, ctx)
            if len({c.article for c in cells}) >= 2]


def _rows(slot: Slot, name: str, referent: str, cells: list[Cell], ctx: Context) -> list[FactRow]:
    """The row of one slot and referent; two rows or more when an outlet gives two values of it side by side (the
    six trucks that set off and the four that arrived): one row per set of compatible values."""
    if len({c.article for c in cells}) < 2:
        return [FactRow(name, referent, RowVerdict.SINGLE, cells)]
    outcome = cross_outlet(slot, _by_claim(cells), ctx)
    if outcome.conflicts:
        row = FactRow(name, referent, RowVerdict.CONTRADICT, cells, outcome.conflicts)
        row.parts = agreeing_parts(slot, row, ctx)
        return [row]
    if outcome.two_things:
        out = []
        for part in _clusters(slot, cells, ctx):
            verdict, _ = row_verdict(slot, part, ctx)
            out.append(FactRow(name, referent, verdict, part))
        return out
    return [FactRow(name, referent, RowVerdict.AGREE if outcome.matched else RowVerdict.RELATED, cells)]


def build_fact_table(claims: list[Claim], ctx: Context, background: set[str] | None = None) -> list[FactRow]:
    """The rows of the current event: conflicts first, then agreements, then what one outlet alone reports."""
    background = background or set()
    rows: list[FactRow] = []
    for slot in SLOTS:
        by_key: dict[tuple[str, str], list[Cell]] = {}
        for claim in claims:
            if claim.id in background:
                continue
            for cell in slot.cells(claim, ctx):
                if cell.referent != PLAIN_DISTANCE:
                    by_key.setdefault((cell.slot, cell.referent), []).append(cell)
        for (name, referent), cells in by_key.items():
            rows.extend(_rows(slot, name, referent, cells, ctx))
    order = {RowVerdict.CONTRADICT: 0, RowVerdict.AGREE: 1, RowVerdict.RELATED: 2, RowVerdict.SINGLE: 3}
    rows.sort(key=lambda r: (order[r.verdict], -len({c.article for c in r.cells})))
    return rows
