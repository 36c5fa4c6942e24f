"""The source registry: canonical names, aliases and kinds of the sources news attributes statements to."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from .errors import InputError, checked_text, load_yaml, shown
from .readers import MAX_BYTES, load_json, read_bytes

KINDS = ("wire", "state media", "outlet", "official", "anonymous", "resident", "activist",
         "party to the conflict", "person", "unknown")

_DETERMINERS = re.compile(r"^(?:the|a|an|another|one|two|three|several|some|many|local|other)\s+", re.IGNORECASE)

# Wording that tells the kind of a source the registry does not know; checked in this order.
_KIND_CUES: list[tuple[str, re.Pattern]] = [
    ("activist", re.compile(r"\b(?:activists?|monitors?|observatory|rights (?:group|groups|organi[sz]ation)|"
                            r"ngos?|campaigners?|human rights)\b", re.I)),
    ("resident", re.compile(r"\b(?:residents?|eyewitness(?:es)?|witness(?:es)?|villagers?|locals|shopkeepers?|"
                            r"farmers?|neighbou?rs?|passers-by|inhabitants?|people (?:in|of|living)|families|"
                            r"a (?:man|woman) (?:in|from|who)|relatives?|survivors?|parents?|students?|doctors?|"
                            r"nurses?|taxi drivers?|drivers?|traders?|vendors?|(?:who|that)\s+lives?|"
                            r"living\s+(?:in|near))\b", re.I)),
    ("anonymous", re.compile(r"\b(?:sources?|(?:asked|requested|spoke|speaking)\b.*\banonymity|not (?:to be|be) "
                             r"(?:named|identified)|unnamed|anonymous)\b", re.I)),
    ("state media", re.compile(r"\bstate(?:-run|-owned)?\s+(?:news\s+agency|agency|media|television|tv|broadcaster|"
                               r"news|radio)\b|\bofficial\s+(?:news\s+)?agency\b", re.I)),
    ("party to the conflict", re.compile(r"\b(?:army|military|armed forces|militias?|rebels?|militants?|insurgents?|"
                                         r"fighters?|brigades?|battalions?|insurgency|the group|movement)\b", re.I)),
    ("official", re.compile(r"\b(?:ministers?|ministry|governor|police|colonel|general|lieutenant|major|captain|"
                            r"brigadier|spokes(?:man|woman|person)|officials?|director|mayor|president|prime minister|"
                            r"government|authorities|department|council|commander|chief|head of|prosecutors?|"
                            r"court|agency|office|embassy|state department|white house|kremlin|pentagon|"
                            r"secretary|senator|lawmakers?|congressman|representative|ambassador|judge|sheriff|"
                            r"directorate|command|administration|committee|cabinet|parliament)\b", re.I)),
    ("outlet", re.compile(r"\b(?:newspaper|daily|news\s+(?:site|website|outlet|agency|channel)|channel|broadcaster|"
                          r"television|tv|radio|magazine|reporters?|correspondents?|journalists?)\b", re.I)),
]


@dataclass
class SourceEntry:
    name: str
    kind: str
    aliases: list[str] = field(default_factory=list)
    descriptive: list[str] = field(default_factory=list)
    country: str | None = None


@dataclass
class Resolved:
    """What a source mention resolves to: a canonical name and a kind."""

    name: str
    kind: str
    known: bool


def normalise(text: str) -> str:
    """Lower-cased, punctuation-free, determiner-free form used to compare names."""
    text = re.sub(r"[’']s\b", "", text.lower())
    text = re.sub(r"[^\w\s-]", " ", text)
    text = " ".join(text.split())
    return _DETERMINERS.sub("", text)


class SourceRegistry:
    """Canonical sources with aliases and kinds; resolves the mentions found in articles."""

    def __init__(self, entries: list[SourceEntry]):
        self.entries = list(entries)
        self._pattern: re.Pattern | None = None
        self._alias: dict[str, SourceEntry] = {}
        self._descriptive: dict[str, list[SourceEntry]] = {}
        for entry in self.entries:
            self._add(entry)

    def _add(self, entry: SourceEntry) -> None:
        for alias in [entry.name, *entry.aliases]:
            self._alias[normalise(alias)] = entry
        for form in entry.descriptive:
            self._descriptive.setdefault(normalise(form), []).append(entry)
        self._pattern = None

    @classmethod
    def default(cls) -> SourceRegistry:
        """The shipped starting list."""
        return cls(list(_load_default()))

    def extended(self, path: str | Path) -> SourceRegistry:
        """A copy with the entries of a user YAML or JSON file added (a same-named entry replaces the shipped one)."""
        extra = load_entries(path)
        names = {normalise(e.name) for e in extra}
        return SourceRegistry([e for e in self.entries if normalise(e.name) not in names] + extra)

    @property
    def countries(self) -> set[str]:
        return {e.country for e in self.entries if e.country}

    def lookup(self, mention: str, countries: frozenset[str] = frozenset()) -> SourceEntry | None:
        """The entry a mention names: an alias anywhere in it (longest first), or a descriptive form of the
        one entry whose country the article mentions."""
        key = normalise(mention)
        if not key:
            return None
        if key in self._alias:
            return self._alias[key]
        best = None
        for alias in self._alias_pattern().findall(mention):
            entry = self._alias_lookup(alias)
            if entry and (best is None or len(alias) > len(best[0])):
                best = (alias, entry)
        if best:
            return best[1]
        for form, entries in self._descriptive.items():
            if re.search(rf"(?<!\w){re.escape(form)}(?!\w)", key):
                matching = list({e.name: e for e in entries if e.country in countries}.values())
                if len(matching) == 1:
                    return matching[0]
        return None

    def _alias_lookup(self, alias: str) -> SourceEntry | None:
        return self._alias.get(normalise(alias))

    def _alias_pattern(self) -> re.Pattern:
        if self._pattern is None:
            forms = sorted({a for e in self.entries for a in [e.name, *e.aliases]}, key=len, reverse=True)
            # Short all-caps acronyms (AP, IS, AA) only match as written, so "is" and "aa" never do.
            parts = []
            for form in forms:
                escaped = re.escape(form)
                parts.append(escaped if form.isupper() and len(form) <= 4 else f"(?i:{escaped})")
            self._pattern = re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])")
        return self._pattern

    def resolve(self, mention: str, countries: frozenset[str] = frozenset()) -> Resolved:
        """Canonical name and kind of a mention; unknown sources keep their wording with a kind inferred from it."""
        entry = self.lookup(mention, countries)
        if entry:
            return Resolved(entry.name, entry.kind, True)
        return Resolved(display_name(mention), infer_kind(mention), False)


def infer_kind(mention: str) -> str:
    """Kind of an unknown source from its wording ("a shopkeeper in the old market" is a resident)."""
    if _NEWSPAPER.search(display_name(mention)):
        return "outlet"
    for kind, pattern in _KIND_CUES:
        if pattern.search(mention):
            return kind
    if _is_name(display_name(mention)):
        return "person"
    return "unknown"


# A newspaper's name: "The Lakeside Courier", "the Detroit Free Press" (capitalised, so "the press" is none).
_NEWSPAPER = re.compile(r"^(?:[Tt]he\s+)?(?:[A-Z][\w.&'-]*\s+){1,3}(?:Times|Post|Press|Herald|Journal|Tribune|Gazette|"
                        r"Courier|Chronicle|Telegraph|Observer|Examiner|Inquirer|Star|Sun|Globe|Mirror|Express)$")
_BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def display_name(mention: str) -> str:
    """A readable name for a mention: an appositive's head ("Colonel X, head of police" -> "Colonel X")."""
    mention = _BIDI_CONTROLS.sub("", mention).strip()
    by = re.search(r"\b(?:published|released|issued|compiled|posted|carried)\s+by\s+(.+)$", mention)
    if by:
        mention = by.group(1)
    pieces = [p.strip() for p in re.split(r",|\s+(?:who|which|that)\s+|\s+\(", mention) if p.strip()]
    if not pieces:
        return mention
    # "The governor of Hama, Mahmoud al-Sheikh" -> the name; "Colonel X, head of police" -> "Colonel X"; "a tearful
    # Charlie Kafoury, who wept" keeps the first piece: what follows describes the speaker, it does not name them.
    # "the National Weather Service in Norman, Okla." is a name already: what follows its comma is a place.
    head = re.split(r"\s+(?:of|in|at|for|from|on)\s+", pieces[0], maxsplit=1)[0]
    head = re.sub(r"^(?:the|a|an)\s+", "", head, flags=re.I)
    if len(pieces) > 1 and not _is_name(pieces[0]) and _is_name(pieces[1]) and not _is_name(head):
        return pieces[1]
    return pieces[0]


def _is_name(text: str) -> bool:
    words = [re.sub(r"^(?:al|el|ad|ar|as|ash|an|at|az)-", "", w) for w in text.split()
             if w.lower() not in {"al", "bin", "abu", "umm", "el", "de", "of"}]
    return bool(words) and all(w[:1].isupper() for w in words)


_FIELDS = ("name", "kind", "aliases", "descriptive", "country")


def load_entries(path: str | Path) -> list[SourceEntry]:
    """Entries from a YAML or JSON list of mappings with name, kind, aliases, descriptive and country.

    Every field is checked, because a wrong one fails silently later: an alias ``""`` (or ``abc``, read as the
    aliases a, b, c) matches everywhere and attributes every statement to that source."""
    name = shown(path)
    try:
        raw = read_bytes(path, MAX_BYTES).decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"{name}: cannot read the source registry (not UTF-8)") from None
    if Path(path).suffix.lower() == ".json":
        data = load_json(raw, path)
    else:
        try:
            data = load_yaml(raw, f"{name}: the source registry")
        except yaml.YAMLError as exc:
            raise InputError(f"{name}: cannot read the source registry ({exc.__class__.__name__})") from None
    if not isinstance(data, list):
        raise InputError(f"{name}: a source registry is a list of entries")
    return [_entry(item, f"{name}: entry {number}") for number, item in enumerate(data, start=1)]


def _entry(item: object, where: str) -> SourceEntry:
    if not isinstance(item, dict):
        raise InputError(f"{where} is {_type(item)}, not a mapping of name, kind and aliases")
    if item.get("name") in (None, ""):
        raise InputError(f"{where} has no name")
    entry_name = _name(item["name"], where, "name")
    where = f"{where} ({shown(entry_name)})"
    unknown = [str(key) for key in item if key not in _FIELDS]
    if unknown:
        raise InputError(f"{where}: unknown field '{shown(unknown[0])}' (fields: {', '.join(_FIELDS)})")
    kind = item.get("kind", "unknown")
    if kind not in KINDS:
        raise InputError(f"{where}: unknown kind: {_type(kind)} (one of: {', '.join(KINDS)})")
    country = item.get("country")
    return SourceEntry(name=entry_name, kind=kind, aliases=_names(item, "aliases", where),
                       descriptive=_names(item, "descriptive", where),
                       country=None if country is None else _name(country, where, "country"))


def _name(value: object, where: str, field: str) -> str:
    """One name: a string with a letter or digit in it (an alias of punctuation alone matches stray dashes)."""
    if not isinstance(value, str):
        raise InputError(f"{where}: {field} must be one name, not {_type(value)}")
    if not any(char.isalnum() for char in value):
        raise InputError(f"{where}: {field} needs a letter or digit, not {_type(value)}")
    return checked_text(value, f"{where}: {field}")


def _names(item: dict, field: str, where: str) -> list[str]:
    values = item.get(field)
    if values is None:
        return []
    if not isinstance(values, list):
        raise InputError(f"{where}: {field} must be a list of names, not {_type(values)}")
    for value in values:
        if not isinstance(value, str) or not any(char.isalnum() for char in value):
            raise InputError(f"{where}: {field} must be a list of names with a letter or digit, not {_type(value)}")
        checked_text(value, f"{where}: {field}")
    return values


def _type(value: object) -> str:
    """What a wrong value is, in a message: a string or a scalar as written, a container by its kind only (it can
    hold up to the file's size)."""
    if isinstance(value, str):
        return f"'{shown(value)}'"
    return {list: "a list", dict: "a mapping", bool: "true or false"}.get(type(value), shown(value))


@lru_cache(maxsize=1)
def _load_default() -> tuple[SourceEntry, ...]:
    return tuple(load_entries(Path(__file__).with_name("registry.yaml")))
