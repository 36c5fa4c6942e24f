"""Slots: the kinds of fact two accounts are compared on, one small function pair each.

A slot lists the values a claim gives (cells, each with the referent it is a value of: killed *people*, the *depth*
of the quake, the *time* of the incident) and says whether two values of one referent are compatible. The fact
table and the verdicts of alignment groups both read this one registry: adding a slot is a function pair here and
its test.
"""
from __future__ import annotations

import bisect
import dataclasses
import itertools
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from ..claims import Claim, Number, gazetteer
from ..claims.facts import ELSEWHERE, Quantity, TimeFact, perpetrator_side, person_home, place_key

CASUALTY_EVENTS = ("killed", "injured", "captured", "arrested")
COUNTED_EVENTS = (*CASUALTY_EVENTS, "crowd")
"""Counts of people, compared per event (a crowd is counted like a toll)."""
APPROX_SHARE = 0.2
""""about 10" means 8 to 12: approximate figures agree with anything within this share of their value."""
ROUNDING_SHARE = 0.03
"""Exact measures agree within this share (30 miles and 48 km are one distance)."""
CLOCK_MINUTES = 30
"""Clock times of one event agree within this many minutes (twice that when either is approximate)."""


@dataclass(frozen=True)
class Cell:
    """One value a claim gives for one referent of a slot: as written (``text``) and comparable (``value``)."""

    slot: str
    referent: str
    claim: str
    article: str
    value: object
    label: str
    text: str


@dataclass
class Context:
    """What holds across the compared articles: place containment the texts state, the places each article names
    anywhere, and publication dates."""

    parents: dict[str, str] = field(default_factory=dict)
    mentioned: dict[str, set[str]] = field(default_factory=dict)
    published: dict[str, date | None] = field(default_factory=dict)
    main_event: str | None = None
    """The kind of event most claims report: a time or place that no event word claims is taken to be its."""
    persons: dict[str, set[tuple[str, str]]] = field(default_factory=dict)
    """Per article, the (first name, surname key) of everyone it names."""

    @classmethod
    def of(cls, claims: list[Claim], published: dict[str, date | None] | None = None) -> Context:
        parents = {p.key: p.parent for c in claims for p in c.facts.places if p.parent and p.parent != p.key}
        mentioned: dict[str, set[str]] = {}
        for claim in claims:
            mentioned.setdefault(claim.article, set()).update(p.key for p in claim.facts.places)
        kinds = Counter(referent_of(c.facts.event) for c in claims if c.facts.event)
        persons: dict[str, set[tuple[str, str]]] = {}
        for claim in claims:
            persons.setdefault(claim.article, set()).update((p.first.lower(), p.key) for p in claim.facts.persons
                                                            if p.first)
        return cls(parents, mentioned, dict(published or {}), kinds.most_common(1)[0][0] if kinds else None,
                   persons)


@dataclass(frozen=True)
class Slot:
    """``cells`` lists a claim's values; ``compatible`` says True (same or compatible), False (a discrepancy) or
    None (nothing to compare). ``evidence`` names the slot in a verdict's differences and agreements."""

    name: str
    cells: Callable[[Claim, Context], list[Cell]]
    compatible: Callable[[Cell, Cell, Context], bool | None]
    evidence: Callable[[Cell], dict] = lambda cell: {"slot": cell.slot}
    same_value: Callable[[Cell, Cell, Context], bool | None] | None = None
    """Whether two values are one, whoever gives them (``compatible`` may also weigh who gives them); by default
    ``compatible``."""


def _cell(slot: str, referent: str, claim: Claim, value: object, label: str, text: str) -> Cell:
    return Cell(slot, referent, claim.id, claim.article, value, label, text)


def _fmt(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


# Counts ----------------------------------------------------------------------------------------------------------


def interval(number: Number) -> tuple[float, float]:
    """The values a count can mean: "more than 200" is [194, inf), "about 10" is [8, 12], "nearly 100" is [80, 100],
    "several" is [3, 9] (a bound is a round figure: it stretches by the rounding share)."""
    low = number.low if number.low is not None else 0.0
    high = number.high if number.high is not None else float("inf")
    if number.bound in {"approx", "nearly"} and number.value is not None:
        low = number.value * (1 - APPROX_SHARE)
        high = number.value * (1 + APPROX_SHARE) if number.bound == "approx" else number.value
    elif number.bound == "max":
        high *= 1 + ROUNDING_SHARE  # "as many as 110,000" is a round figure: 111,800 is within it
    elif number.bound == "min":
        low *= 1 - ROUNDING_SHARE
    return low, high


def numbers_compatible(a: Number, b: Number) -> bool:
    """Exact counts must match; a vague or bounded count is compatible with any count inside its range."""
    if a.vague or b.vague:
        return True  # "several injuries" never contradicts "10 injured"
    if a.bound or b.bound:
        (al, ah), (bl, bh) = interval(a), interval(b)
        return al <= bh and bl <= ah
    return a.value == b.value


_PERSON = re.compile(
    r"(?:ex-|step-?)?(?:people|persons?|m[ae]n|wom[ae]n|child(?:ren)?|kids?|boys?|girls?|teen(?:ager)?s?|babies|baby|students?|"
    r"workers?|co-?workers?|employees?|staff|crew(?:men)?|officers?|soldiers?|troops?|police(?:m[ae]n)?|"
    r"troopers?|civilians?|residents?|villagers?|passengers?|tourists?|pilgrims?|protesters?|demonstrators?|"
    r"members?|victims?|pirates?|suspects?|militants?|fighters?|gunm[ae]n|attackers?|firefighters?|rescuers?|"
    r"miners?|climbers?|relatives?|family|families|others?|more|adults?|individuals?|nationals?|citizens?|"
    r"guards?|agents?|journalists?|reporters?|doctors?|nurses?|patients?|inmates?|prisoners?|hostages?|"
    r"youths?|marchers?|rioters?|shoppers?|bystanders?|strikers?|officials?|managers?|drivers?|motorists?|"
    r"pedestrians?|sailors?|fishermen|seamen|brigands?|bandits?|robbers?|thieves|casualties|dead|injured|wounded|"
    r"(?:grand)?(?:mother|father|son|daughter|parent)s?|mum|mom|dad|wi(?:fe|ves)|husbands?|sisters?|brothers?|"
    r"(?:girl|boy)friends?|partners?|friends?|neighbou?rs?|receptionists?|technicians?|chiefs?|captains?|"
    r"sergeants?|deputies|deputy|persons?|teens?|cyclists?|customers?)$",
    re.I)
_DEMONYM = re.compile(r"^[A-Z][a-z]+(?:ans|ese|is)$")
"""Nouns that count people; a demonym ("Palestinians", "Iraqis") counts people too."""


def counts_people(number: Number) -> bool:
    """A casualty count counts people: "two helicopters were evacuating injured" counts helicopters. A count
    whose noun is elsewhere ("80 were injured") is taken to count people."""
    if not number.of:
        return True
    return any(_PERSON.match(word) or _DEMONYM.match(word) for word in number.of.split())


def _subset(claim: Claim, number: Number) -> bool:
    """"three other rifles", "two more people": a part of a count, not the count."""
    after = claim.text[number.end - claim.start:number.end - claim.start + 20]
    return bool(re.match(r"\s+(?:other|more|additional|further|of (?:them|the|those|whom))\b", after, re.I))


def _as_written(number: Number) -> str:
    return f"{number.text} {number.of}" if number.of else number.text


def _casualty_cells(claim: Claim, ctx: Context) -> list[Cell]:
    return [_cell(n.event, "people", claim, n, n.text if n.value is None else _fmt(n.value), n.text)
            for n in claim.facts.numbers
            if n.event in COUNTED_EVENTS and counts_people(n) and not _subset(claim, n)]


def _casualty_compatible(a: Cell, b: Cell, ctx: Context) -> bool | None:
    return numbers_compatible(a.value, b.value)


def _victim_cells(claim: Claim, ctx: Context) -> list[Cell]:
    """Who was counted (soldiers, police, civilians); "people" and "others" say nothing about who they were."""
    return [_cell("victims", n.event, claim, n.group, n.group, n.group) for n in claim.facts.numbers
            if n.event in COUNTED_EVENTS and n.group and not re.fullmatch(r"(?:people|persons|others?|more)",
                                                                          n.of or "")]


def _equal(a: Cell, b: Cell, ctx: Context) -> bool | None:
    return a.value == b.value


# Other quantities --------------------------------------------------------------------------------------------------

_GENERIC_HEADS = {"count", "counts", "people", "person", "others", "other", "more", "of", "and", "or", "times", "them",
                  "whom", "those",
                  "these", "who", "which", "were", "was", "are", "is", "year", "years", "day", "days", "percent",
                  "each", "all", "in", "at", "on", "to", "the", "a", "an", "men", "man", "women", "woman", "s"}


_KIND_WORDS = {
    "boat": "boat skiff speedboat dinghy dhow trawler",  # not ships: "two warships" and "five boats" differ
    "gun": "gun rifle firearm pistol handgun shotgun revolver carbine",
    "round": "round shot bullet cartridge",
    "employee": "employee worker coworker co-worker colleague staffer",
    "crew": "crew crewman crewmen crewmember",
}
_KINDS = {word: kind for kind, words in _KIND_WORDS.items() for word in words.split()}
"""One referent for the nouns news uses for one kind of thing or person, by meaning (small boats, firearms,
rounds fired, staff, crew): "three trawlers" and "three boats", "11 shots" and "11 bullets", "40 colleagues" and "40
employees" count the same."""


def count_referent(counted: str | None) -> str | None:
    """What an object count counts, as one comparable word: "AK-47 rifles" -> "gun", "villages" -> "village"."""
    if not counted:
        return None
    if re.fullmatch(r"(?:AK|M)-?\d+s", counted.split()[-1], re.I):
        return "gun"  # "seven AK-47s"
    if re.match(r"[A-Z]", counted.split()[-1]):
        return None  # "12 Somali": a nationality or a name is no kind of thing
    words = re.findall(r"[a-z][a-z'-]*", counted.lower())
    if not words:
        return None
    head = words[-1].strip("'-")
    if head.endswith("ies") and len(head) > 4:
        head = head[:-3] + "y"
    elif head.endswith("s") and not head.endswith("ss") and len(head) > 3:
        head = head[:-1]
    return None if head in _GENERIC_HEADS or words[-1] in _GENERIC_HEADS or len(head) < 3 else _KINDS.get(head, head)


PLAIN_DISTANCE = "distance"
"""The referent of a distance the text ties to nothing ("stay 6 feet apart"): compared between claims aligned as one
statement, never lined up in the fact table, where it would join every other plain distance of the story."""
_FALL = re.compile(r"\b(?:fell|fallen|falling|falls|plunged|plunging|plummet\w*|tumbl\w*)\s+(?:\w+\s+)?$", re.I)
_CHASE = re.compile(r"\b(?:chas\w+|pursu\w+|follow\w+)\b[^,;.]{0,40}\bfor\s+$", re.I)


def _distance_of(claim: Claim, q: Quantity) -> str | None:
    """What a distance measures: how far from a place ("30 miles south of Portland"), how far someone fell ("fell
    some 700 metres"), how long a chase ran ("a 30-mile pursuit", "chased him for 48km"); else a plain distance
    ("stay 6 feet apart", "13 miles away"), compared with the plain distances of claims about the same thing."""
    before, after = claim.text[:q.start - claim.start], claim.text[q.end - claim.start:]
    if _FALL.search(before):
        return "fall"
    if _CHASE.search(before) or re.match(r"\s*(?:chase|pursuit)\b", after, re.I):
        return "chase"
    place = re.match(r"[\s\w)]{0,30}?\b(?:of|from|off|away from)\s+(?:the\s+)?([A-Z][\w-]+)", after)
    return f"distance from {place.group(1)}" if place else PLAIN_DISTANCE


_STANDOFF = re.compile(r"\b(?:standoff|stand-off|siege|negotiat\w+|locked down|lockdown|holed up|barricaded|"
                       r"surrender\w*)\b", re.I)
_EMPLOYED = re.compile(r"\b(?:employee|worked|working|veteran|employed)\b", re.I)


def _duration_of(claim: Claim) -> str | None:
    """What a duration measures, where the claim says: a standoff ("police negotiated for two hours", "after two
    hours, he surrendered"), someone's years at a job ("a 15-year employee"); any other duration is not compared."""
    if _STANDOFF.search(claim.text):
        return "standoff"
    return "employment" if _EMPLOYED.search(claim.text) else None


def _quantity_cells(claim: Claim, ctx: Context) -> list[Cell]:
    cells = []
    for q in claim.facts.quantities:
        referent = q.kind
        if q.kind == "money":
            referent = f"money ({q.unit})" if q.unit else "money"
        elif q.kind in {"distance", "duration"}:
            referent = _distance_of(claim, q) if q.kind == "distance" else _duration_of(claim)
            if not referent:
                continue
        value = Sum(q, _purpose(claim, q)) if q.kind == "money" else q
        cells.append(_cell(q.kind, referent, claim, value, q.text, q.text))
    measured = [(q.start, q.end) for q in claim.facts.quantities]
    for n in claim.facts.numbers:
        if _subset(claim, n) or any(s < n.end and n.start < e for s, e in measured):
            continue  # part of a count, or the figure of a measure ("110 billion euros" is no count of billions)
        if n.event in COUNTED_EVENTS and counts_people(n):
            continue  # a casualty count: the "number" slot
        before = claim.text[:n.start - claim.start]
        population = _POPULATION.search(before)
        if n.value is not None and population and (_INHABITANTS.fullmatch(n.of or "") or population.group(1)
                                                   and (n.of is None or n.of == "people")):
            cells.append(_cell("count", "population", claim, n, _fmt(n.value), _as_written(n)))
        elif n.value is not None and (referent := count_referent(n.of)):
            cells.append(_cell("count", referent, claim, n, _fmt(n.value), _as_written(n)))
    return cells


# "a population of 30,000", "home to 30,000 people", "which has 30,000 residents": how many live there; "a bus with
# 40 people" or "the hall has 300 people" is no population.
_POPULATION = re.compile(r"\b(?:(population of|home to|inhabited by)|has|have)\s+$", re.I)
_INHABITANTS = re.compile(r"residents|inhabitants")


@dataclass(frozen=True)
class Sum:
    """A sum of money with the words that say what it is for ("a $35,000 reward", "a rescue package of $110bn")."""

    quantity: Quantity
    purpose: frozenset[str]


_NOT_PURPOSE = {"the", "a", "an", "of", "in", "on", "for", "to", "and", "or", "its", "their", "his", "her", "from",
                "with", "by", "at", "was", "were", "is", "are", "has", "have", "had", "be", "been", "that", "which",
                "over", "under", "about", "some", "more", "than", "million", "billion", "trillion", "bn", "dollars",
                "euros", "pounds", "euro", "pound", "dollar", "new", "total", "emergency", "worth"}


def _purpose(claim: Claim, q: Quantity) -> frozenset[str]:
    """The content words next to a sum: up to four after it and four before it, outside brackets and inside its
    clause ("property damage is an estimated $2 million", "$265 million of damage")."""
    after = re.split(r"[,;:]", re.sub(r"\([^)]*\)", " ", claim.text[q.end - claim.start:]))[0]
    before = re.split(r"[,;:]", re.sub(r"\([^)]*\)", " ", claim.text[:q.start - claim.start]))[-1]
    words = re.findall(r"[A-Za-z]+", before)[-4:] + re.findall(r"[A-Za-z]+", after)[:4]
    return frozenset(w.lower()[:6] for w in words if w.lower() not in _NOT_PURPOSE and len(w) > 2)


def _close(x: float, y: float, share: float) -> bool:
    return abs(x - y) <= share * max(abs(x), abs(y)) + 1e-9


def _quantity_compatible(a: Cell, b: Cell, ctx: Context) -> bool | None:
    x, y = a.value, b.value
    if isinstance(x, Sum) and isinstance(y, Sum):
        # Two different sums are a discrepancy only when the texts say they pay for the same thing (the reward,
        # the rescue package); a story names many sums.
        same = _quantity_compatible(dataclasses.replace(a, value=x.quantity), dataclasses.replace(b, value=y.quantity),
                                    ctx)
        return same if same or x.purpose & y.purpose else None
    if isinstance(x, Number) and isinstance(y, Number):
        return numbers_compatible(x, y)
    if not (isinstance(x, Quantity) and isinstance(y, Quantity)):
        return None
    if x.kind == "magnitude":
        return abs(x.value - y.value) < 0.05 or bool(x.bound or y.bound) and abs(x.value - y.value) <= 0.3
    share = APPROX_SHARE if (x.bound or y.bound) else ROUNDING_SHARE
    if (x.bound in {"min"} and y.value >= x.value * (1 - share)
            or y.bound in {"min"} and x.value >= y.value * (1 - share)):
        return True
    if (x.bound in {"max"} and y.value <= x.value * (1 + share)
            or y.bound in {"max"} and x.value <= y.value * (1 + share)):
        return True
    if "nearly" in {x.bound, y.bound}:  # "almost 700 metres": a little under 700, or 700 rounded
        (near, other) = (x, y) if x.bound == "nearly" else (y, x)
        return near.value * (1 - share) <= other.value <= near.value * (1 + ROUNDING_SHARE) or _close(
            near.value, other.value, ROUNDING_SHARE if other.bound is None else share)
    return _close(x.value, y.value, share)


# Time ----------------------------------------------------------------------------------------------------------

_PART_MINUTES = {"morning": (300, 720), "afternoon": (720, 1080), "evening": (1020, 1380), "night": (1200, 1740),
                 "overnight": (1200, 1740), "midday": (660, 810), "noon": (690, 750), "midnight": (1380, 1500),
                 "dawn": (240, 480), "dusk": (1020, 1260)}
_INCIDENT_KINDS = {"attack": "incident", "death": "incident"}


@dataclass(frozen=True)
class When:
    """Everything one claim says about when its event happened, merged: values that disagree inside one claim are
    kept as the first given."""

    weekday: int | None = None
    month_day: tuple[int, int] | None = None
    minutes: int | None = None
    approx: bool = False
    part: str | None = None
    day: date | None = None


def _when(times: list[TimeFact]) -> When | None:
    fields: dict = {}
    for t in times:
        if t.weekday is not None:
            fields.setdefault("weekday", t.weekday)
        if t.month and t.day:
            fields.setdefault("month_day", (t.month, t.day))
        if t.minutes is not None and "minutes" not in fields:
            fields["minutes"], fields["approx"] = t.minutes, t.approx
        if t.part:
            fields.setdefault("part", t.part)
        if t.date:
            fields.setdefault("day", date.fromisoformat(t.date))
    return When(**fields) if fields else None


def referent_of(kind: str | None, ctx: Context | None = None) -> str | None:
    """Which event a time or place belongs to: the quake, the incident (an attack and the deaths it caused), the
    arrest, the trial; the comparison's main event when nothing says; None when it belongs elsewhere."""
    if kind == ELSEWHERE:
        return None
    if kind is None:
        return ctx.main_event if ctx else None
    referent = _INCIDENT_KINDS.get(kind, kind)
    if referent == "incident" and ctx and ctx.main_event == "quake":
        return "quake"  # in a quake story the deaths and what "struck" or "hit" are the quake's
    return referent


def _time_cells(claim: Claim, ctx: Context) -> list[Cell]:
    by_event: dict[str, list[TimeFact]] = {}
    for t in claim.facts.times:
        if (referent := referent_of(t.event, ctx)):
            by_event.setdefault(referent, []).append(t)
    cells = []
    for referent, times in by_event.items():
        when = _when(times)
        if when is None:
            continue  # "yesterday" in an article of unknown date says nothing comparable
        text = ", ".join(t.text for t in times)
        cells.append(_cell("time", referent, claim, when, text, text))
    return cells


_LATE = {"night", "evening", "overnight", "midnight"}
_EARLY = {"morning", "overnight", "dawn", "midnight", "night"}


def _weekday(when: When) -> int | None:
    return when.weekday if when.weekday is not None else when.day.weekday() if when.day else None


def _overnight(earlier: When, early_day: int, later: When, late_day: int) -> bool:
    """"Monday night" and "early Tuesday" (or plain "Tuesday") can be one night."""
    return (early_day + 1) % 7 == late_day and _night_into(earlier, later)


def _night_into(earlier: When, later: When) -> bool:
    return earlier.part in _LATE or later.part in _EARLY


def _minutes_in_part(minutes: int, part: str) -> bool:
    low, high = _PART_MINUTES.get(part, (0, 1440))
    return any(low - 60 <= m <= high + 60 for m in (minutes, minutes + 1440))


def _time_compatible(a: Cell, b: Cell, ctx: Context) -> bool | None:
    x, y = a.value, b.value
    verdicts = []
    if x.weekday is not None or y.weekday is not None:
        # A weekday name is compared as a weekday (with the weekday of a day the other resolves to): "Saturday" in
        # an article updated ten days later resolves a week late, but it is still the Saturday the others name.
        wx, wy = _weekday(x), _weekday(y)
        if wx is not None and wy is not None:
            verdicts.append(wx == wy or _overnight(x, wx, y, wy) or _overnight(y, wy, x, wx))
    elif x.day and y.day:
        # Resolved days (from each article's own publication date): one day apart only across one night.
        gap = (y.day - x.day).days
        verdicts.append(gap == 0 or gap == 1 and _night_into(x, y) or gap == -1 and _night_into(y, x))
    if x.month_day and y.month_day:
        verdicts.append(x.month_day == y.month_day)
    for one, other, article in (() if x.day and y.day else ((x, y, b.article), (y, x, a.article))):
        # A weekday against a day of the month, when the year is known from the other article's publication date.
        year = (ctx.published.get(article) or ctx.published.get(a.article) or ctx.published.get(b.article))
        if one.weekday is not None and other.month_day and other.weekday is None and year:
            try:
                verdicts.append(date(year.year, *other.month_day).weekday() == one.weekday)
            except ValueError:
                pass
    if x.minutes is not None and y.minutes is not None:
        gap = abs(x.minutes - y.minutes)
        verdicts.append(min(gap, 1440 - gap) <= CLOCK_MINUTES * (2 if x.approx or y.approx else 1))
    elif x.minutes is not None and y.part or y.minutes is not None and x.part:
        minutes, part = (x.minutes, y.part) if x.minutes is not None else (y.minutes, x.part)
        verdicts.append(_minutes_in_part(minutes, part))
    if False in verdicts:
        return False
    return True if verdicts else None


# Place ---------------------------------------------------------------------------------------------------------


def _ancestors(key: str, parents: dict[str, str]) -> set[str]:
    seen = set()
    while key in parents and key not in seen:
        seen.add(key)
        key = parents[key]
        seen.add(key)
    return seen


def specific_places(claim: Claim, parents: dict[str, str]) -> dict[str, str]:
    """key -> label of the most specific places of a claim (a place that contains another one is dropped)."""
    places = {p.key: p.label for p in claim.facts.places}
    contained = {parents[k] for k in places if k in parents}
    return {k: v for k, v in places.items() if k not in contained} or places


def places_related(x: str, y: str, parents: dict[str, str]) -> bool:
    return x == y or x in _ancestors(y, parents) or y in _ancestors(x, parents)


def _place_cells(claim: Claim, ctx: Context) -> list[Cell]:
    """The places where the sentence says the event happened (the most specific ones)."""
    specific = specific_places(claim, ctx.parents)
    cells = []
    for place in claim.facts.places:
        if place.key in specific and (referent := referent_of(place.event, ctx)):
            cells.append(_cell("place", referent, claim, place, place.label, place.label))
            specific.pop(place.key)
    return cells


def _place_compatible(a: Cell, b: Cell, ctx: Context) -> bool | None:
    # An outlet that names the other's place anywhere does not dispute it: "in Oregon" and "in Woodburn" are one
    # place when the first article also says Woodburn.
    if a.value.key in ctx.mentioned.get(b.article, ()) or b.value.key in ctx.mentioned.get(a.article, ()):
        return _same_place(a, b, ctx) is not False or not places_related(a.value.key, b.value.key, ctx.parents)
    return _same_place(a, b, ctx)


def _sides(qualifier: str | None) -> set[str]:
    return {side[0] for side in re.findall(r"north|south|east|west", qualifier or "", re.I)}


def _opposite(one: str | None, other: str | None) -> bool:
    x, y = _sides(one), _sides(other)
    return bool(x and y) and any({a, b} in ({"n", "s"}, {"e", "w"}) for a in x for b in y) and not x & y


def _same_place(a: Cell, b: Cell, ctx: Context) -> bool | None:
    """Whether two named places can be one, from the names alone (with what the texts say contains what)."""
    x, y = a.value, b.value
    if places_related(x.key, y.key, ctx.parents):
        # "150 miles east of Aden" and "west of Aden", "northern" and "southern Iraq": opposite sides of one place.
        return not _opposite(x.qualifier, y.qualifier)
    # Otherwise the gazetteer tells two towns apart ("Cardiff" and "Merthyr Tydfil"; "Virginia" and "West
    # Virginia"), and the text tells two named localities apart ("the al-Hader district" and "the village of Kafr
    # Buhum"); any other name may be a street, a building or a part of either place: nothing to compare. A street
    # is never looked up: "Albany Avenue" is no town.
    street = any(p.kind and _level(p.kind) == 0 for p in (x, y))
    known = None if street else gazetteer.places_related(x.name, y.name)
    # A name that only adds words to the other ("West American Boulevard" and "American Boulevard", "East
    # Flatbush" and "Flatbush") names the same place or a part of it.
    words = lambda name: {place_key(w) for w in re.findall(r"[\w'’-]+", name)} - {""}  # noqa: E731
    if known is None and (words(x.name) <= words(y.name) or words(y.name) <= words(x.name)):
        return True
    if known is None and x.kind and y.kind and _same_level(x.kind, y.kind) \
            and not (gazetteer.lookup(x.name) and gazetteer.lookup(y.name)):
        return False  # two streets, or two villages; a district and its city, or two close towns, may be one place
    return known


_LEVELS = [r"street|avenue|road|boulevard|square|st\.|ave\.|rd\.|blvd\.",
           r"district|village|town|neighbou?rhood|quarter|suburb|camp|checkpoint|crossing",
           r"city|municipality"]
"""Kinds of named places that lie side by side: two villages (or a village and a district) are two places; a
district and the city, or a street and the village, may be one inside the other."""


def _level(kind: str) -> int | str:
    return next((i for i, p in enumerate(_LEVELS) if re.fullmatch(p, kind, re.I)), kind.lower())


def _same_level(a: str, b: str) -> bool:
    return _level(a) == _level(b)


# Who did it --------------------------------------------------------------------------------------------------------


def _actor_cells(claim: Claim, ctx: Context) -> list[Cell]:
    return [_cell("actor", "perpetrator", claim, side, who, who)
            for who in claim.facts.perpetrators if (side := perpetrator_side(who))]


def _actor_compatible(a: Cell, b: Cell, ctx: Context) -> bool | None:
    """Two perpetrators (``perpetrator_side``: names and state force): "Syrian army" and "government forces" can be
    one actor; "Turkish drones" and "the Syrian army", "Islamic State" and "the army", "police" and "soldiers"
    cannot."""
    (names_a, force_a), (names_b, force_b) = a.value, b.value
    if names_a and names_b:
        return bool(names_a & names_b)
    return force_a is not None and force_a == force_b


# People ---------------------------------------------------------------------------------------------------------

_NICKNAMES = [{"william", "bill", "will", "billy"}, {"robert", "bob", "rob", "bobby"}, {"thomas", "tom", "tommy"},
              {"michael", "mike"}, {"james", "jim", "jimmy", "jamie"}, {"richard", "rick", "dick"},
              {"joseph", "joe"}, {"charles", "charlie", "chuck"}, {"edward", "ed", "ted", "eddie"},
              {"anthony", "tony"}, {"christopher", "chris"}, {"daniel", "dan", "danny"}, {"david", "dave"},
              {"steven", "stephen", "steve"}, {"katherine", "catherine", "kathryn", "kate", "kathy", "cathy", "katie"},
              {"elizabeth", "liz", "beth"}, {"alexander", "alex"}, {"benjamin", "ben"}, {"jonathan", "jon"},
              {"nicholas", "nick"}, {"samuel", "sam"}, {"matthew", "matt"}, {"andrew", "andy"},
              {"gregory", "greg"}, {"kenneth", "ken"}, {"ronald", "ron"}, {"donald", "don"},
              {"timothy", "tim"}, {"peter", "pete"}, {"frederick", "fred"}, {"lawrence", "larry"},
              {"gerald", "jerry"}, {"patrick", "pat"}, {"patricia", "pat", "patty"}, {"jennifer", "jen", "jenny"}]


def first_names_match(a: str, b: str) -> bool:
    """"William" and "Bill", "B." and "Bryant", "Rob" and "Robert" can be one person; "Brian" and "Bryant" cannot."""
    a, b = a.lower().strip("."), b.lower().strip(".")
    if a == b or len(a) == 1 and b.startswith(a) or len(b) == 1 and a.startswith(b):
        return True
    return any(a in names and b in names for names in _NICKNAMES)


def _person_cells(claim: Claim, ctx: Context) -> list[Cell]:
    return [_cell("person", p.key, claim, p, p.name + (f", {p.age}" if p.age is not None else ""), p.name)
            for p in claim.facts.persons]


def _home_cells(claim: Claim, ctx: Context) -> list[Cell]:
    """Where the people a claim names live, as the text gives it next to the name ("Ann Lee, 36, of Bloomington")."""
    cells = []
    for p in claim.facts.persons:
        if home := person_home(claim.text[p.end - claim.start:p.end - claim.start + 60]):
            cells.append(_cell("home", p.key, claim, home, home, f"{p.name} of {home}"))
    return cells


def _home_compatible(a: Cell, b: Cell, ctx: Context) -> bool | None:
    """One person's home towns: the same, or one inside the other; two towns the gazetteer knows are two homes
    however close ("of Bloomington" and "of Minneapolis")."""
    x, y = a.value, b.value
    if place_key(x) == place_key(y):
        return True
    related = gazetteer.places_related(x, y)
    if related is None and gazetteer.lookup(x) and gazetteer.lookup(y):
        return False
    return related


def _person_compatible(a: Cell, b: Cell, ctx: Context) -> bool | None:
    """Ages must match; first names must match, unless each outlet also names the other's person of that surname
    (a family: "John Jenkin" and "Kathryn Jenkin")."""
    x, y = a.value, b.value
    verdicts = []
    if x.age is not None and y.age is not None:
        verdicts.append(x.age == y.age)
    if x.first and y.first:
        if first_names_match(x.first, y.first):
            verdicts.append(True)
        elif x.first[0].lower() != y.first[0].lower():
            return None  # "Kimani Gray" and his sister "Mahnefah Gray": two people, nothing to compare
        else:
            named = ctx.persons.get(a.article, set()) & ctx.persons.get(b.article, set())
            verdicts.append((x.first.lower(), x.key) in named and (y.first.lower(), y.key) in named)
    if False in verdicts:
        return False
    return True if verdicts else None  # "Smith" and "John Smith" with no ages: nothing compared


SLOTS: list[Slot] = [
    Slot("number", _casualty_cells, _casualty_compatible, lambda c: {"slot": "number", "event": c.slot}),
    Slot("victims", _victim_cells, _equal, lambda c: {"slot": "victims", "event": c.referent}),
    Slot("quantity", _quantity_cells, _quantity_compatible,
         lambda c: {"slot": "quantity", "kind": c.slot, "referent": c.referent}),
    # In a verdict's evidence the time slot keeps the contract's name "date" (it compares days, weekdays and hours).
    Slot("time", _time_cells, _time_compatible, lambda c: {"slot": "date", "event": c.referent}),
    Slot("place", _place_cells, _place_compatible, same_value=_same_place),
    Slot("actor", _actor_cells, _actor_compatible),
    Slot("person", _person_cells, _person_compatible, lambda c: {"slot": "person", "person": c.referent}),
    Slot("home", _home_cells, _home_compatible, lambda c: {"slot": "home", "person": c.referent}),
]
"""Every slot claims are compared on, in the order evidence is listed."""


def claims_compatible(slot: Slot, xs: list[Cell], ys: list[Cell], ctx: Context) -> bool | None:
    """Two claims' values for one referent: compatible when any pair of values is (a claim may give "at least 10,
    including 3 children"), a discrepancy when every comparable pair conflicts, None when nothing compares."""
    results = [slot.compatible(x, y, ctx) for x in xs for y in ys]
    if True in results:
        return True
    return False if False in results else None


def _compared_value(value: object) -> object:
    """A value as slots compare it, hashable: every field but its position in the text (``start``, ``end``), which
    says where the value is written, not what it is."""
    if dataclasses.is_dataclass(value):
        return (type(value).__name__, *((f.name, _compared_value(getattr(value, f.name)))
                                        for f in dataclasses.fields(value) if f.name not in ("start", "end")))
    if isinstance(value, (set, frozenset)):
        return frozenset(_compared_value(v) for v in value)
    if isinstance(value, (list, tuple)):
        return (type(value).__name__, *(_compared_value(v) for v in value))
    try:
        hash(value)
    except TypeError:
        return repr(value)
    return value


class Compared:
    """Compatibility of the claims of one row (or group), computed once per pair of distinct values.

    A slot's ``compatible`` reads two cells' values and, through the context, their articles' publication dates,
    places and people: cells alike in these compare alike, so each claim is keyed by the set of its cells' keys.
    Many outlets giving the same few values (one count, a few disputed ones) then cost what those few values cost,
    not what every pair of outlets would."""

    def __init__(self, slot: Slot, by_claim: dict[str, list[Cell]], ctx: Context):
        self.slot, self.ctx = slot, ctx
        contexts: dict[str, tuple] = {}
        keys: dict[tuple, int] = {}
        self.cells: list[Cell] = []
        """One cell per distinct key."""
        self.key: dict[int, int] = {}
        """Each cell's key (by the cell's id)."""
        self.signature: dict[str, frozenset[int]] = {}
        for claim, cells in by_claim.items():
            for cell in cells:
                if cell.article not in contexts:
                    contexts[cell.article] = (ctx.published.get(cell.article),
                                              frozenset(ctx.mentioned.get(cell.article, ())),
                                              frozenset(ctx.persons.get(cell.article, ())))
                key = keys.setdefault((_compared_value(cell.value), contexts[cell.article]), len(keys))
                if key == len(self.cells):
                    self.cells.append(cell)
                self.key[id(cell)] = key
            self.signature[claim] = frozenset(self.key[id(cell)] for cell in cells)
        self._claims: dict[tuple[frozenset, frozenset], bool | None] = {}
        self._same: dict[tuple[int, int], bool | None] = {}

    def claims(self, x: frozenset[int], y: frozenset[int]) -> bool | None:
        """``claims_compatible`` of two claims, by their signatures."""
        if (x, y) not in self._claims:
            self._claims[x, y] = claims_compatible(self.slot, [self.cells[k] for k in x], [self.cells[k] for k in y],
                                                   self.ctx)
        return self._claims[x, y]

    def same(self, a: int, b: int) -> bool | None:
        """Whether the values of two keys are one (``Slot.same_value``, by default ``compatible``)."""
        if (a, b) not in self._same:
            self._same[a, b] = (self.slot.same_value or self.slot.compatible)(self.cells[a], self.cells[b], self.ctx)
        return self._same[a, b]


@dataclass
class Outcome:
    """What the claims of one row (or group) say to each other across outlets."""

    conflicts: list[tuple[str, str]]
    """Pairs of claims of different outlets whose values cannot both be right."""
    matched: bool
    """Some pair of claims of different outlets gives a matching value."""
    two_things: bool
    """Conflicts were set aside because one outlet gives both values: the row holds two referents."""


def cross_outlet(slot: Slot, by_claim: dict[str, list[Cell]], ctx: Context) -> Outcome:
    """Compare every pair of claims of different outlets (an outlet never contradicts itself).

    A conflict between two values is set aside when one outlet gives both of them, each in its own cell, in these
    claims: "six trucks set off, four arrived", the time of the blast and the time of a phone call. One outlet does
    not contradict itself, so the two values belong to two things; an outlet giving only one of them does not
    dispute the other.

    Claims giving the same values are compared once (``Compared``): the work grows with the distinct values and the
    conflicts found, not with the pairs of claims."""
    compared = Compared(slot, by_claim, ctx)
    claims = list(by_claim)
    article = [by_claim[x][0].article for x in claims]
    alike: dict[frozenset[int], list[int]] = {}
    for index, claim in enumerate(claims):
        alike.setdefault(compared.signature[claim], []).append(index)

    def pairs(xs: list[int], ys: list[int]):
        """Pairs (x, y) of claims of different outlets, x before y."""
        for x in xs:
            for y in ys[bisect.bisect_right(ys, x):]:
                if article[x] != article[y]:
                    yield x, y

    # The one article whose claims alone give these values, if one: its claims are never compared with each other.
    lone = {s: article[xs[0]] if len({article[x] for x in xs}) == 1 else None for s, xs in alike.items()}
    matched, clashing = False, []
    for s, xs in alike.items():
        for t, ys in alike.items():
            if lone[s] is not None and lone[s] == lone[t]:
                continue
            found = pairs(xs, ys)
            first = next(found, None)
            if first is None:
                continue
            result = compared.claims(s, t)
            if result is True:
                matched = True
            elif result is False:
                clashing.extend([first, *found])
    conflicts = [(claims[x], claims[y]) for x, y in sorted(clashing)]
    if not conflicts:
        return Outcome([], matched, False)
    # Only an outlet with two cells or more can give both values.
    several: dict[str, list[Cell]] = {}
    for cells in by_claim.values():
        several.setdefault(cells[0].article, []).extend(cells)
    several = {a: cells for a, cells in several.items() if len(cells) > 1}

    def fits(cell: Cell, claim: str | None, values: frozenset[int]) -> bool:
        """The cell is one of the claim's, or gives one of its values."""
        return cell.claim == claim or any(compared.same(compared.key[id(cell)], k) is True for k in values)

    def gives_both(cells: list[Cell], s: frozenset[int], t: frozenset[int], x: str | None = None,
                   y: str | None = None) -> bool:
        """Some cell fits x's values and not y's, another y's and not x's."""
        sides = [(fits(c, x, s), fits(c, y, t)) for c in cells]
        return (True, False) in sides and (False, True) in sides

    # Whether an outlet other than the two compared gives both values depends on the values compared only: up to
    # three such outlets are kept per pair of signatures, so one of them is neither of the compared pair's.
    others: dict[tuple[frozenset, frozenset], list[str]] = {}

    def both_given(x: str, y: str) -> bool:
        own = {by_claim[x][0].article, by_claim[y][0].article}
        s, t = compared.signature[x], compared.signature[y]
        if (s, t) not in others:
            others[s, t] = list(itertools.islice((a for a, cells in several.items() if gives_both(cells, s, t)), 3))
        return (any(a not in own for a in others[s, t])
                or any(gives_both(several[a], s, t, x, y) for a in own if a in several))

    kept = [(x, y) for x, y in conflicts if not both_given(x, y)]
    return Outcome(kept, matched, len(kept) < len(conflicts))
