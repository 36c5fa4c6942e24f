"""Facts in a claim: numbers (with what they count), places, actors, dates and hedges."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta

_UNITS = {"zero": 0, "one": 1, "a single": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
          "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
          "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "a dozen": 12,
          "dozen": 12, "a couple of": 2, "a pair of": 2, "both": 2}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
# Vague quantities: (lowest, highest) they can mean; a vague value never contradicts an exact one inside its range.
_VAGUE = {"several": (3, 9), "a few": (2, 5), "few": (2, 5), "some": (2, None), "many": (5, None),
          "dozens": (24, 199), "scores": (40, 199), "hundreds": (200, 1999), "thousands": (2000, None),
          "numerous": (5, None), "a number of": (2, None), "a handful of": (2, 6), "multiple": (2, None)}
_BOUNDS = {"at least": "min", "more than": "min", "over": "min", "up to": "max", "as many as": "max",
           "nearly": "nearly", "almost": "nearly", "about": "approx", "around": "approx", "roughly": "approx",
           "some": "approx", "at most": "max", "fewer than": "max", "less than": "max", "approximately": "approx",
           "an estimated": "approx", "an approximate": "approx"}
_WORD_NUMBER = (r"(?:(?:" + "|".join(sorted(_TENS, key=len, reverse=True)) + r")(?:[- ](?:one|two|three|four|five|"
                r"six|seven|eight|nine))?|" + "|".join(re.escape(u) for u in sorted(_UNITS, key=len, reverse=True))
                + r")(?:\s+(?:hundred|thousand|million))?")
_NUMBER = re.compile(
    r"(?<![\w.:/-])(?:(?P<bound>" + "|".join(sorted(_BOUNDS, key=len, reverse=True)) + r")\s+)?"
    r"(?P<num>\d{1,3}(?:,\d{3}|,\s0\d\d)+|\d+(?:\.\d+)?(?:\s+(?:million|thousand|hundred))?|" + _WORD_NUMBER + r"|"
    + "|".join(re.escape(v) for v in sorted(_VAGUE, key=len, reverse=True)) + r")(?![\w-])",
    re.IGNORECASE)
_MONTHS = ("january february march april may june july august september october november december "
           "jan feb mar apr jun jul aug sep sept oct nov dec").split()
_NOT_COUNTED = re.compile(r"^\s*(?:%|percent|per cent|p\.?m|a\.?m|o'clock|km|kilomet|kilometres|kilometers|miles?|"
                          r"metres?|meters?|years? old|-year-old|minutes?|hours?|days?|weeks?|months?|years?|"
                          r"dollars?|pounds?|euros?|lira|times|kg|tons?|tonnes?|degrees?|of them|of the\b|people's)",
                          re.IGNORECASE)
_EVENTS = [
    ("killed", r"kill\w*|fatally|dead|died|die|deaths?|death toll|lost (?:their|his|her) lives|fatalit\w+|bodies|slain|"
               r"massacred|executed|lifeless"),
    ("injured", r"injur\w*|wound\w*|hurt|casualt\w+|hospitali[sz]ed"),
    ("captured", r"captur\w*|abduct\w*|kidnap\w*|taken (?:prisoner|hostage|captive)|seized|led away|hostages?|"
                 r"missing"),
    ("arrested", r"arrest\w*|detain\w*|detention|held in custody|rounded up|nabbed|apprehend\w*"),
    # How many took part: "3,500 people marched through the centre", "the rally drew about 8,000".
    ("crowd", r"march(?:ed|ing|es)?|protest(?:ed|ing)|demonstrat(?:ed|ing|ions?)|rall(?:y|ied|ies)|"
              r"took to the streets|turned out|gathered|joined the"),
]
_EVENT_RES = [(name, re.compile(rf"\b(?:{pattern})\b", re.I)) for name, pattern in _EVENTS]
_OFFENDERS = re.compile(r"\b(?:pirates?|brigands?|suspects?|robbers?|bandits?|smugglers?|thieves|poachers?|"
                        r"hijackers?)\b", re.I)
_ASKS_COUNT = re.compile(r"\b(?:how many|number of|toll|tally|count|figures?)\b", re.I)


def asked_count(question: str) -> str | None:
    """The event whose count a question asks for ("how many people died?", "the death toll" -> "killed"), if any."""
    if not _ASKS_COUNT.search(question):
        return None
    return next((name for name, pattern in _EVENT_RES if pattern.search(question)), None)
# Who the counted people are, keyed to one actor name each.
_GROUPS = [
    ("army", r"soldiers?|troops?|servicem[ae]n|army|military|conscripts?|officers of the army"),
    ("police", r"police\w*|policem[ae]n|officers?|patrol|traffic police|gendarmes?|security (?:forces|personnel|men)"),
    ("civilians", r"civilians?|residents?|villagers?|children|women|people|passers-by|family|families|farmers?|"
                  r"students?|worshippers"),
    ("gunmen", r"gunmen|militants?|attackers?|assailants?|fighters?|rebels?|insurgents?|armed men|jihadists?"),
    ("suspects", r"suspects?"),
]
_GROUP_RES = [(name, re.compile(rf"\b(?:{pattern})\b", re.I)) for name, pattern in _GROUPS]
_HEDGES = re.compile(
    r"\b(?:reportedly|allegedly|purportedly|apparently|likely|unlikely|possibly|probably|presumably|supposedly|"
    r"may have|might have|could have|is believed to|are believed to|was believed to|were believed to|is thought to|"
    r"are thought to|is said to|are said to|was said to|were said to|unconfirmed|unverified|appears? to|seems? to|"
    r"suspected|rumou?red|it is not clear|it was not clear|it is unclear|claimed to)\b", re.I)
_NEGATION = re.compile(r"\b(?:not|no|never|none|nobody|neither|nor|denied|denies|deny|false|baseless|fabricated|"
                       r"refuted|rejected)\b|n't\b", re.I)
_PLACE_WORDS = r"(?:district|village|town|city|province|governorate|region|area|countryside|neighbou?rhood|camp|" \
               r"suburb|outskirts|county|quarter|municipality|border|crossing|valley|plain|desert|checkpoint|island|" \
               r"(?i:street|avenue|road|boulevard|square)\b|St\.|Ave\.|Rd\.|Blvd\.)"
_WHOLE_PLACES = r"island|city|town|village|province|governorate|region|county|municipality"
"""Kinds named after "of" in "the northern island of Torvik": the name that follows is the place."""
_CAP = r"(?:(?:al|el|ad|ar|as|ash|at|az|an|Al|El)[-\s])?[A-Z][\w'’]*(?:-[\w'’]+)*"
_PLACE_NAME = rf"{_CAP}(?:\s+(?:(?:al|el|ad|ar|as|ash|az|an|ez|es|ed)-)?{_CAP}){{0,3}}"
_PLACE_PATTERNS = [
    # "the al-Hader district of Hama", "the village of Kafr Buhum", "rural Hama", "the Hama countryside".
    re.compile(rf"\b(?:the\s+)?(?P<name>{_PLACE_NAME})\s+(?P<kind>{_PLACE_WORDS})(?:\s+of\s+(?P<parent>{_PLACE_NAME}))?"),
    re.compile(rf"\b(?:the\s+)?(?P<kind>{_PLACE_WORDS})\s+of\s+(?P<name>{_PLACE_NAME})"),
    re.compile(rf"\b(?P<qual>rural|eastern|western|northern|southern|central|outside|outskirts of|north of|south of|"
               rf"east of|west of|near)\s+(?P<name>{_PLACE_NAME})"),
    re.compile(rf"\bbetween\s+(?:the\s+)?{_PLACE_NAME}\s+and\s+(?:the\s+)?(?P<name>{_PLACE_NAME})"),
    re.compile(rf"\b(?:in|at|near|into|across|around|outside|inside|towards?|toward|between)\s+"
               rf"(?:the\s+)?(?P<name>{_PLACE_NAME})"),
]
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
CALENDAR_WORDS = frozenset(_WEEKDAYS + _MONTHS[:12])
"""Weekday and month names: never places, and no clue to which event an article reports."""
_NOT_PLACES = {"the", "he", "she", "they", "it", "we", "i", "a", "an", "this", "that", "there", "these", "his", "her",
               "their"} | set(_WEEKDAYS) | set(_MONTHS)
_ACTOR = re.compile(
    r"\b(?:[Tt]he\s+)?(?P<name>(?:\d+(?:st|nd|rd|th)\s+)?(?:[A-Z][\w'’-]*\s+){0,4}(?:Ministry|Army|Forces|Police|Brigade|Division|Battalion|Front|"
    r"Party|Council|Directorate|Command|Guard|Committee|Government|Authority|Observatory|Agency|Office|Movement|"
    r"Corps|Unit|Regiment|Militia|Group|Organi[sz]ation|Force)(?:\s+of\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)?)")
# Who carried out an attack: "gunmen ambushed", "shelled by government forces", "an attack by Islamic State".
_ATTACK_VERBS = (r"attacked|ambushed|shelled|bombed|struck|targeted|stormed|raided|opened fire on|fired on|fired at|"
                 r"shot|abducted|kidnapped|carried out")
_ATTACK_NOUNS = r"attacks?|ambush|assault|raids?|strikes?|air ?strikes?|shelling|bombing|offensive|fire"
_STATE = r"army|troops|military|soldiers|forces|police|policemen|government|regime|security forces"
_VAGUE_ACTORS = r"gunmen|militants|attackers|assailants|armed men|men|insurgents|fighters|rebels|jihadists|" \
                r"terrorists|unknown|unidentified|drones?|warplanes|jets|aircraft"
_NAME_WORD = r"(?:(?:al|el|ad|ar|as|ash|at|az|an)-)?[A-Z][\w'’-]*"
_AGENT = (r"(?P<who>(?:government|regime|security|pro-government|opposition|unidentified|unknown)\s+(?:forces|gunmen|"
          r"fighters|troops)|(?:" + _NAME_WORD + r"\s+){0,4}(?:" + _NAME_WORD + "|" + _VAGUE_ACTORS + "|" + _STATE
          + r")|(?:" + _STATE + "|" + _VAGUE_ACTORS + r"))")
_PERPETRATOR_RES = [
    re.compile(r"(?:\bthe\s+|^|(?<=\s))" + _AGENT + r"\s+(?:had\s+|have\s+|has\s+|reportedly\s+|allegedly\s+)?(?:"
               + _ATTACK_VERBS + r"|claimed responsibility)\b"),
    re.compile(r"\b(?:" + _ATTACK_VERBS + r"|claimed)\s+by\s+(?:the\s+)?" + _AGENT),
    re.compile(r"\b(?:" + _ATTACK_NOUNS + r")\s+(?:by|from)\s+(?:the\s+)?" + _AGENT),
]
_DATE_RE = re.compile(
    r"\b(?:(?:on|late on|early on|last|this|since|by)\s+)?(?P<weekday>monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday)(?:\s+(?:night|morning|evening|afternoon))?\b"
    r"|\b(?P<rel>yesterday|today|tonight|last night|last week|this week|last month|this month|earlier this week|"
    r"earlier this month|the day before|two days ago|three days ago|a week ago|last year|this year)\b"
    r"|\b(?:(?:on|since|by)\s+)?(?P<month>" + "|".join(m for m in _MONTHS) + r")\.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?"
    r"(?:,?\s+(?P<year>\d{4}))?\b"
    r"|\b(?:(?:on|since|by)\s+)?(?P<day2>\d{1,2})(?:st|nd|rd|th)?\s+(?P<month2>" + "|".join(_MONTHS) + r")\.?"
    r"(?:\s+(?P<year2>\d{4}))?\b"
    r"|\b(?P<iso>\d{4}-\d{2}-\d{2})\b", re.IGNORECASE)


@dataclass
class Number:
    value: float | None
    text: str
    of: str | None
    event: str | None = None
    group: str | None = None
    vague: bool = False
    low: float | None = None
    high: float | None = None
    bound: str | None = None
    start: int = 0
    end: int = 0

    def to_dict(self) -> dict:
        data = asdict(self)
        if self.value is not None and float(self.value).is_integer():
            data["value"] = int(self.value)
        return data


@dataclass
class Place:
    name: str
    key: str
    qualifier: str | None = None
    parent: str | None = None      # the key of the place that contains it, when the text says so
    start: int = 0
    end: int = 0
    event: str | None = None       # the kind of event the sentence places there (event_anchor)
    kind: str | None = None        # what the text calls it: district, village, town ...

    @property
    def label(self) -> str:
        return f"{self.qualifier} {self.name}" if self.qualifier else self.name


@dataclass
class DateFact:
    text: str
    value: date | None
    earliest: date | None
    latest: date | None

    def to_dict(self) -> dict:
        iso = lambda d: d.isoformat() if d else None  # noqa: E731
        return {"text": self.text, "value": iso(self.value), "earliest": iso(self.earliest), "latest": iso(self.latest)}


@dataclass
class Quantity:
    """A measured or counted amount that is not a casualty count: a magnitude, a depth, a sum of money, a distance,
    a speed, a prison term, a caliber, a duration. ``kind`` says what is measured; ``value`` is in the kind's base
    unit (metres for depths and distances, km/h for speeds, months for prison terms, inches for calibers, hours for
    durations, the currency as written)."""

    kind: str
    value: float
    text: str
    unit: str | None = None
    bound: str | None = None
    start: int = 0
    end: int = 0


@dataclass
class TimeFact:
    """When something happened, as far as the text says: a weekday, a day of a month, a clock time, a part of day."""

    text: str
    weekday: int | None = None          # 0 = Monday
    month: int | None = None
    day: int | None = None
    minutes: int | None = None          # minutes after midnight
    part: str | None = None             # morning / afternoon / evening / night
    approx: bool = False
    start: int = 0
    end: int = 0
    event: str | None = None            # the kind of event the sentence dates (event_anchor)
    date: str | None = None             # the day it means, ISO, where the publication date tells


@dataclass
class Person:
    """A person the text names, with the age it gives: "Nadia Osei, 44", "44-year-old Nadia Osei"."""

    name: str
    key: str                   # the spelling key of the surname: one row per person in a fact table
    first: str | None = None
    age: int | None = None
    start: int = 0
    end: int = 0


@dataclass
class Facts:
    numbers: list[Number] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    actors: list[str] = field(default_factory=list)
    dates: list[DateFact] = field(default_factory=list)
    hedges: list[str] = field(default_factory=list)
    negated: bool = False
    perpetrators: list[str] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    times: list[TimeFact] = field(default_factory=list)
    event: str | None = None
    persons: list[Person] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "numbers": [n.to_dict() for n in self.numbers],
            "places": [p.label for p in self.places],
            "place_keys": [p.key for p in self.places],
            "actors": list(self.actors),
            "dates": [d.to_dict() for d in self.dates],
            "hedges": list(self.hedges),
            "negated": self.negated,
            "perpetrators": list(self.perpetrators),
            "quantities": [asdict(q) for q in self.quantities],
            "times": [asdict(t) for t in self.times],
            "event": self.event,
            "persons": [asdict(p) for p in self.persons],
        }

    def record(self) -> dict:
        """Every field, JSON-safe (dates as ISO strings): ``Facts.from_record(f.record()) == f``."""
        data = asdict(self)
        for item in data["dates"]:
            for key in ("value", "earliest", "latest"):
                item[key] = item[key].isoformat() if item[key] else None
        return data

    @classmethod
    def from_record(cls, data: dict) -> Facts:
        day = lambda text: date.fromisoformat(text) if text else None  # noqa: E731
        return cls(
            numbers=[Number(**n) for n in data["numbers"]],
            places=[Place(**p) for p in data["places"]],
            actors=list(data["actors"]),
            dates=[DateFact(d["text"], day(d["value"]), day(d["earliest"]), day(d["latest"])) for d in data["dates"]],
            hedges=list(data["hedges"]),
            negated=data["negated"],
            perpetrators=list(data["perpetrators"]),
            quantities=[Quantity(**q) for q in data.get("quantities", [])],
            times=[TimeFact(**t) for t in data.get("times", [])],
            event=data.get("event"),
            persons=[Person(**p) for p in data.get("persons", [])],
        )


def place_key(name: str) -> str:
    """One key for the spellings of a place: Deir ez-Zor / Deir al-Zour, Kafr Buhum / Kfar Bohom, al-Bab / Al Bab.

    Arabic transliterations differ in vowels, articles and doubled letters, rarely in consonants, so the key is the
    consonant skeleton of each word without the article.
    """
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"\b(?:al|el|ad|ar|as|ash|at|az|an|ez|es|ed|the)\b[-\s]*", " ", text.replace("-", " - "))
    words = re.findall(r"[a-z]+", text)
    skeleton = []
    for word in words:
        word = re.sub(r"([aeiou])h$", r"\1", word)  # Hamah / Hama
        word = word.replace("ph", "f").replace("q", "k").replace("ck", "k").replace("kh", "k").replace("gh", "g")
        consonants = re.sub(r"[aeiouyw]", "", word[1:])
        consonants = re.sub(r"(.)\1+", r"\1", word[0] + consonants)
        skeleton.append(consonants)
    return "".join(skeleton)


def parse_number(token: str) -> float | None:
    token = re.sub(r",\s?", "", token.lower()).strip()
    try:
        return float(token)
    except ValueError:
        pass
    parts = token.split()
    scale = 1
    if parts and parts[-1] in _SCALES:
        scale = _SCALES[parts[-1]]
        token = " ".join(parts[:-1])
    try:
        return float(token) * scale
    except ValueError:
        pass
    if token in _UNITS:
        return float(_UNITS[token] * scale)
    tens = re.match(r"(\w+)[- ](\w+)$", token)
    if tens and tens.group(1) in _TENS and tens.group(2) in _UNITS:
        return float((_TENS[tens.group(1)] + _UNITS[tens.group(2)]) * scale)
    if token in _TENS:
        return float(_TENS[token] * scale)
    return None


def extract_numbers(text: str, offset: int = 0) -> list[Number]:
    """Counts in ``text``, each with the noun it counts, what happened to them and who they are."""
    numbers = []
    matches = list(_NUMBER.finditer(text))
    # "the shock had a magnitude of 6.3", "the tremor measured 4.7": a magnitude is no count, whatever happened.
    magnitudes = [(q.start, q.end) for q in extract_quantities(text) if q.kind == "magnitude"]
    for index, match in enumerate(matches):
        raw = match.group("num")
        after = text[match.end():]
        before = text[max(0, match.start() - 120):match.start()]  # rules read only the words just before
        if _NOT_COUNTED.match(after) or _is_date_part(before, after, raw) or _is_not_a_count(before, after):
            continue
        if any(s < match.end("num") and match.start("num") < e for s, e in magnitudes):
            continue
        if raw.lower() in {"some", "many", "few", "multiple"} and not re.match(r"\s+(?:of\s+the\s+)?[a-z]", after):
            continue
        if raw.lower() == "one" and (re.match(r"\s+(?:of|another|day|side|else)\b", after)
                                     or re.search(r"\bno\s*$", before, re.I)):
            continue  # "one of them", "no one else was hurt"
        counted = _counted_noun(after)
        if counted is None and raw.lower() in {"some", "many", "few", "a few", "both", "multiple"}:
            continue
        vague = raw.lower() in _VAGUE
        value = None if vague else parse_number(raw)
        bound = _BOUNDS.get((match.group("bound") or "").lower())
        low, high = _VAGUE.get(raw.lower(), (value, value))
        if bound == "min":
            high = None
        elif bound == "max":
            low = 0
        # What happened to them: the nearest event word after the count (up to the next count), else before it.
        next_start = matches[index + 1].start() if index + 1 < len(matches) else len(text)
        prev_end = matches[index - 1].end() if index else 0
        # "stabbed four men, killing two": a participle after a comma says what happened to the next count.
        after_part = re.split(r"[;.]|,\s+\w+ing\b", text[match.end():min(next_start, match.end() + 80)])[0]
        before_part = text[max(prev_end, match.start() - 60):match.start()]
        # "wounding 45 people and killing 6": a verb right before the count says what happened to those counted.
        governing = re.search(r"\b(\w+)\s+(?:(?:at least|more than|about|some|nearly|another|an?|the)\s+)?$",
                              before_part)
        event = (_first(_EVENT_RES, governing.group(1)) if governing else None) \
            or _first(_EVENT_RES, (counted or "") + " " + after_part) \
            or _last(_EVENT_RES, re.split(r"\band\b", before_part)[-1])  # "one died and two men ...": not theirs
        if event == "captured" and _OFFENDERS.search(counted or ""):
            event = "arrested"  # "captured 23 pirates": offenders captured are arrested, not taken hostage
        # "two members of the police": who they are can follow the counted noun.
        group = _first(_GROUP_RES, counted or "") or _first(_GROUP_RES, re.split(r"[,;]| were | was ", after)[0][:40])
        numbers.append(Number(value, match.group(0), counted, event, group, vague, low, high, bound,
                              offset + match.start(), offset + match.end()))
    taken = [(n.start - offset, n.end - offset) for n in numbers]
    numbers.extend(_victims_named_one_by_one(text, offset, taken))
    numbers.extend(_counts_in_compounds(text, offset))
    return sorted(numbers, key=lambda n: n.start)


_COMPOUND = re.compile(r"(?<![\w.,-])(?P<num>\d+|" + _WORD_NUMBER + r")-(?P<noun>[a-z]+)(?=\s+[a-z])", re.I)
# Compound nouns that measure, rank or describe instead of naming things counted: "a 30-mile chase", "a 12-gauge
# shotgun", "a two-way radio", "a 4-star hotel", "three-quarters of the town", "a three-bedroom house".
_MEASURE_WORDS = re.compile(r"(?:year|month|week|day|hour|minute|second|mile|met(?:re|er)|foot|feet|km|kilomet\w+|"
                            r"inch|yard|pound|ton|tonne|storey|story|point|percent|time|fold|degree|caliber|calibre|"
                            r"magnitude|gallon|litre|liter|acre|page|member|gauge|way|star|quarter|half|halve|third|"
                            r"fourth|fifth|lane|speed|door|bedroom|seat|piece|part|term|round|game|match|run|goal|"
                            r"stroke|set|sided|digit)s?$", re.I)


def _counts_in_compounds(text: str, offset: int) -> list[Number]:
    """"a four-truck convoy", "a two-car collision": a count written into a compound before its noun (a
    measure like "a 40-mile drive", "a 9-year veteran" or "a 12-gauge shotgun" is no count)."""
    found = []
    for match in _COMPOUND.finditer(text):
        value = parse_number(match.group("num"))
        noun = match.group("noun")
        if value is not None and not _MEASURE_WORDS.match(noun) and parse_number(noun) is None:
            found.append(Number(value, match.group(0), noun.lower(), start=offset + match.start(),
                                end=offset + match.end()))
    return found


def is_written_count(text: str) -> bool:
    """A count written as a number or a number word ("12", "at least ten", "dozens"), not people named one by one."""
    return bool(_NUMBER.fullmatch(text.strip()))


_AGED = re.compile(r"\b(?:aged?|ages)(?:\s+\d+\s*(?:,|and))?\s*$")
_AGE_BEFORE = re.compile(r"(?:[A-Za-z.'’]\s*,|\bboth|\()\s*$")
_AGE_AFTER = re.compile(r"\s*(?:[,);]|\.(?:\s|$)|-year|\s*years?[- ]old|and\s+\d+\b|$)")


_KILL_VERB = (r"(?:killed|killing|kills|shot dead|shot and killed|fatally (?:shot|stabbed|wounded|wounding|injured|"
              r"injuring)|murdered|slew)")
# A word of a victim's description; "and" and the words that open an item never are one, so a list splits one way
# only (no backtracking blow-up).
_VICTIM_WORD = r"(?!(?:and|an?|one|the|his|her|their|own)\b)[\w'-]+"
_ONE_VICTIM = rf"(?:an?|one|the|his|her|their)\s+(?:own\s+)?(?:{_VICTIM_WORD}\s+){{0,5}}?{_VICTIM_WORD}"
_VICTIM_LIST = (rf"{_ONE_VICTIM}(?:(?:\s*,\s*|\s+and\s+)(?:(?:an?|one|the|his|her|their)\s+)?(?:own\s+)?"
                rf"(?:{_VICTIM_WORD}\s+){{0,5}}?"
                rf"{_VICTIM_WORD})*?")
_CLAUSE_END = r"(?=\s*(?:[,.;:]|$|\s(?:\w+ing|in|at|on|with|during|after|before|when|while|near|outside|inside|and\s+"
_ACTIVE_VICTIMS = re.compile(rf"\b{_KILL_VERB}\s+(?P<list>{_VICTIM_LIST}){_CLAUSE_END}(?:wound|injur)\w*)\b))", re.I)
_PASSIVE_VICTIMS = re.compile(rf"(?:^|\b)(?P<list>{_VICTIM_LIST})\s+(?:(?:were|was)\s+(?:\w+\s+)?"
                              r"(?:killed|shot dead|slain|found dead)|died|lay dead)\b", re.I)
# The same for the injured: "critically injuring the police chief", "a bank employee suffered minor injuries",
# "Ann Lee, 46, was wounded".
_INJURE_VERB = r"(?:(?:critically|seriously|slightly|badly)\s+)?(?:injur(?:ed|ing)|wound(?:ed|ing))"
_ACTIVE_INJURED = re.compile(rf"\b{_INJURE_VERB}\s+(?P<list>{_VICTIM_LIST}){_CLAUSE_END}kill\w*)\b))", re.I)
_PASSIVE_INJURED = re.compile(
    rf"(?:^|\b)(?P<list>{_VICTIM_LIST})\s+(?:(?:were|was)\s+(?:\w+\s+)?(?:injured|wounded|hurt)|"
    rf"(?:suffered|received|sustained)\s+(?:[\w-]+\s+){{0,3}}?(?:injuries|wounds)|"
    rf"(?:was|were)\s+(?:\w+\s+)?treated\s+(?:at|in)\s+(?:a|the)\s+hospital)\b", re.I)
# "stabbed his former girlfriend and his mother to death".
_TO_DEATH = re.compile(rf"\b(?:stabb|beat|bludgeon|strangl|shoot|shot|burn|hack)\w*\s+(?P<list>{_VICTIM_LIST})"
                       r"\s+to\s+death\b", re.I)
# People named one by one as the ones killed: "Ann Lee, 59, was killed", "Tom Ray and Bill Hall, both 51, died",
# "Jo (Jojo) Fox, 16, killed by police gunfire". A name is two to five capitalised words (titles included).
_NAME = r"[A-Z][\w'’.-]*(?:\s+(?:\([A-Z][\w'’-]*\)|[A-Z][\w'’.-]*)){1,4}"
_NAMED_VICTIMS = re.compile(
    rf"(?P<list>{_NAME}(?:\s*,\s*{_NAME})*(?:,?\s+and\s+{_NAME})?)(?:\s*,\s*(?:both\s+|aged\s+)?\d{{1,3}}\s*,)?"
    rf"(?:\s*(?:the|a|an)\s+[^,;.]{{1,40}},)?\s+"  # "Ivo Marsh, 63, a retired teacher, lay dead"
    rf"(?:(?:was|were|had been|has been|have been)\s+(?:\w+\s+)?(?:killed|shot dead|slain|murdered|stabbed to death)\b"
    rf"|(?:killed|slain|murdered|shot dead)\s+by\b|died\b|lay dead\b|(?:was|were) found dead\b)")
# "recovered the bodies of Eva Holm, 71, and her grandson Leo Holm, 9", "the killings of his uncle Piet Vos and
# cousin Rik".
_NAMED_ITEM = rf"(?:(?:his|her|their)\s+)?(?:[a-z]+\s+){{0,3}}{_NAME}(?:\s*,\s*\d{{1,3}}\s*(?=,|\s+and\b))?"
_BODIES_OF = re.compile(rf"\b(?:bodies|murders|killings|deaths)\s+of\s+(?P<list>{_NAMED_ITEM}(?:\s*,\s*{_NAMED_ITEM})*"
                        rf",?\s+and\s+{_NAMED_ITEM})")
# "the roadside death of a hiker", "the killing of a young clerk": one person killed.
_DEATH_OF = re.compile(r"\b(?:death|killing|murder)\s+of\s+(?P<list>(?:an?|one)\s+(?:[\w-]+\s+){0,3}?[\w'-]+)"
                       r"(?=\s*(?:[,.;:]|$|\s(?:\w+ing|in|at|on|by|who|outside|near)\b))", re.I)
_NAMED_INJURED = re.compile(
    rf"(?P<list>{_NAME}(?:\s*,\s*{_NAME})*(?:,?\s+and\s+{_NAME})?)(?:\s*,\s*(?:both\s+|aged\s+)?\d{{1,3}}\s*,)?\s+"
    rf"(?:was|were|had been|has been|have been)\s+(?:\w+\s+)?(?:injured|wounded|hurt)\b")
_ONE_BY_ONE = [(_ACTIVE_VICTIMS, "killed"), (_PASSIVE_VICTIMS, "killed"), (_TO_DEATH, "killed"), (_BODIES_OF, "killed"),
               (_DEATH_OF, "killed"),
               (_NAMED_VICTIMS, "killed"), (_ACTIVE_INJURED, "injured"), (_PASSIVE_INJURED, "injured"),
               (_NAMED_INJURED, "injured")]
_PERSON_HEAD = re.compile(r"^(?:ex-|step-?|grand)?(?:officer|technician|chief|captain|sergeant|deputy|commander|"
                          r"[a-z]*m[ae]n|[a-z]*wom[ae]n|boy|girl|child|"
                          r"teenager|teen|soldier|policeman|"
                          r"trooper|worker|employee|guard|student|driver|passenger|resident|civilian|person|"
                          r"pedestrian|receptionist|manager|mother|father|son|daughter|wife|husband|girlfriend|"
                          r"boyfriend|brother|sister|nephew|niece|cousin|uncle|aunt|partner|fianc[eé]e?|friend|"
                          r"neighbou?r|victim|"
                          r"journalist|climber|cyclist|customer|shopper|tourist)s?$", re.I)


def _victims_named_one_by_one(text: str, offset: int, taken: list[tuple[int, int]]) -> list[Number]:
    """"killed a prison guard and a driver", "a cashier was shot dead": people killed, counted one by
    one where the text gives no number."""
    found = []
    for pattern, event in _ONE_BY_ONE:
        named = pattern in (_NAMED_VICTIMS, _NAMED_INJURED)
        for match in pattern.finditer(text):
            start, end = match.span("list")
            if any(s < end and start < e for s, e in taken):
                continue
            listed = re.sub(r"\s*,\s*\d{1,3}\b", "", match.group("list"))  # "Ann Lee, 58, and Jo Lee": no ages
            items = [i for i in re.split(r"\s*,\s*|\s+and\s+", listed) if i.strip()]
            # "a mother of two": the head is the mother.
            heads = [re.findall(r"[\w'-]+", re.sub(r"\s+of\s+\w+$", "", item))[-1] for item in items]
            # Each item names a person: by what the person is ("a bomb technician", "his mother"), or by a full
            # name ("a 16-year-old Jo Fox"); a named list is names throughout.
            if named and re.search(r"\band\b[^,;:.]*$", text[:start]):
                continue  # "Capt. Tom Ray and state trooper Bill Hall were killed": only part of the list is named
            if not named and not all(_PERSON_HEAD.search(h) or _full_name(i) for h, i in
                                                             zip(heads, items)):
                continue
            if not items:
                continue
            counted = heads[0].lower() if _PERSON_HEAD.search(heads[0]) else "people"
            found.append(Number(float(len(items)), match.group("list"), counted, event,
                                start=offset + start, end=offset + end))
            taken.append((start, end))
    return found


def _full_name(item: str) -> bool:
    return bool(re.search(r"\b[A-Z][a-z'’-]+\s+[A-Z][a-z]*[A-Z]?[a-z'’-]+$", item))  # "Ann McLee" too


# Words after "Interstate 75" that go on with the sentence, not with what a number counts.
_NAME_GOES_ON = r"(?:in|on|at|near|and|or|before|after|north|south|east|west|to|from|between|when|where|with)"


def _is_not_a_count(before: str, after: str) -> bool:
    """Ages ("Karimov, 44, was arrested", "both 51,", "aged 61"), money ("$35,000"), house numbers ("the 2500
    block") and measures ("a 6.1 magnitude quake", ".38-caliber") are never counts of people or things."""
    if _AGED.search(before) or _AGE_BEFORE.search(before) and _AGE_AFTER.match(after):
        return True
    if re.search(r"[$€£]\s*$", before):
        return True
    if re.search(r"\b(?:mother|father|parent|grandmother|grandfather|mum|mom|dad)\s+of\s*$", before, re.I):
        return True  # "a mother of two": her children, not a count of the event
    if re.search(r"\b[A-Z][a-z]+ $", before) and not re.match(rf"\s+(?!{_NAME_GOES_ON}\b)[A-Za-z]", after, re.I):
        return True  # "Highway 214", "Oregon 214", "Interstate 75 in Saginaw": part of a name
    if re.search(r"\b[A-Z]{1,3}[- ]?$", before):
        return True  # "AK 47 guns", "F 16 jets": a model
    if re.match(r",\s0\d\d(?!\d)", after):
        return True  # "2, 000ft": the first digits of a larger number
    return bool(re.match(r"\s*(?:-\s*)?(?:block|magnitude|richter|caliber|calibre|nautical|ft\b|m\b|mph|"
                         r"(?:[NSEW]\.?|North|South|East|West)\s+(?:[A-Z]\w+|\d+(?:st|nd|rd|th))\s+"
                         r"(?:St|Ave|Blvd|Rd|Street|Avenue|Road|Boulevard)\b)", after, re.I))



def _is_date_part(before: str, after: str, raw: str) -> bool:
    if re.match(r"\s*(?:st|nd|rd|th)?\s*(?:" + "|".join(_MONTHS) + r")\b", after, re.I):
        return True
    if re.search(r"(?:" + "|".join(_MONTHS) + r")\.?\s*$", before, re.I):
        return True
    if re.fullmatch(r"(?:19|20)\d\d", raw):
        return True
    return bool(re.match(r"\s*(?::\s?\d|[-/]\d)", after))


def _counted_noun(after: str) -> str | None:
    """The noun a number counts: "two police officers" -> "police officers", "the capture of seven members"."""
    if re.match(r"\s+(?:were|was|are|is|had|have|has|will|would|of them|of whom)\b", after):
        return None  # "all three were taken": the noun is earlier in the text
    # "40 Chilean and Peruvian miners": a list of nationalities before the noun is part of it ("12 Chilean and
    # two Peruvian miners" are two counts).
    match = re.match(r"\s+(?:of\s+(?:the\s+)?)?((?:[A-Z][\w'-]*\s+and\s+(?=[A-Z]))?"
                     r"(?:[A-Za-z][\w'-]*\s+){0,2}?[A-Za-z][\w'-]*)"
                     r"(?=\s+(?:were|was|are|is|had|have|has|who|from|of|in|at|on|and|or|with|during|near|by|after|"
                     r"as|killed|dead|died|wounded|injured|captured|arrested|taken|being|to|that)\b|[,.;:]|\s*$)",
                     after)
    if not match:
        word = re.match(r"\s+([A-Za-z][\w'-]*)", after)
        return word.group(1).lower() if word else None
    noun = match.group(1).strip()
    words = noun.split()
    if words and words[0].lower() in {"others", "other", "more", "people", "members", "of"} and len(words) == 1:
        return words[0].lower()
    return noun.lower()


def _last(patterns: list[tuple[str, re.Pattern]], text: str) -> str | None:
    best = None
    for name, pattern in patterns:
        for match in pattern.finditer(text):
            if best is None or match.start() > best[1]:
                best = (name, match.start())
    return best[0] if best else None


def _first(patterns: list[tuple[str, re.Pattern]], text: str) -> str | None:
    best = None
    for name, pattern in patterns:
        match = pattern.search(text)
        if match and (best is None or match.start() < best[1]):
            best = (name, match.start())
    return best[0] if best else None


def extract_places(text: str, offset: int = 0, exclude: set[str] | None = None) -> list[Place]:
    """Places named in ``text``, with qualifiers ("rural Hama") and containment ("the X district of Y")."""
    exclude = {e.lower() for e in (exclude or set())}
    found: dict[str, Place] = {}
    taken: list[tuple[int, int]] = []
    for pattern in _PLACE_PATTERNS:
        for match in pattern.finditer(text):
            name = match.group("name").strip()
            name = re.sub(r"^(?:The|A|An)\s+", "", name)
            # "in Bloomington Wednesday night": a weekday or month is no part of the place's name.
            name = re.sub(r"(?:\s+(?:" + "|".join(w.capitalize() for w in CALENDAR_WORDS) + r"))+$", "", name)
            first = name.split()[0].lower().strip("'’")
            if first in _NOT_PLACES or name.lower() in exclude or len(name) < 3:
                continue
            if any(s <= match.start("name") < e for s, e in taken):
                continue
            groups = match.groupdict()
            qualifier = groups.get("qual")
            kind = groups.get("kind")
            if kind and kind.lower() in {"countryside", "outskirts"}:
                qualifier = "rural" if kind.lower() == "countryside" else "outskirts of"
            parent = groups.get("parent")
            span = match.span("name")
            if parent and kind and re.fullmatch(_WHOLE_PLACES, kind, re.I):
                # "the Adriatic island of Hvar", "the Dutch port city of Delfzijl": the name after "of" is
                # the island or the city; the words before it say where it lies.
                name, parent, span = parent.strip(), name, match.span("parent")
            if re.search(r"(?:ian|ese|ish)$", name):  # "the Syrian army", "the Iranian island": a demonym
                continue
            if pattern in _PLACE_PATTERNS[-2:] and not _looks_like_place(name, text, match):
                continue
            key = place_key(name)
            if not key:
                continue
            place = Place(name, key, qualifier.lower() if qualifier else None,
                          place_key(parent) if parent and not re.search(r"(?:ian|ese|ish)$", parent) else None,
                          offset + span[0], offset + span[1], kind=kind.lower() if kind else None)
            found.setdefault(key + (place.qualifier or ""), place)
            taken.append(span)
    places = sorted(found.values(), key=lambda p: p.start)
    # "the village of Kafr Buhum in rural Hama": the second place contains the first.
    for inner, outer in zip(places, places[1:]):
        between = text[inner.end - offset:outer.start - offset]
        if inner.parent is None and re.fullmatch(r"\s*(?:\w+\s+)?,?\s*(?:in|of)\s+(?:the\s+)?(?:rural\s+)?", between):
            inner.parent = outer.key
    return places


def _looks_like_place(name: str, text: str, match: re.Match) -> bool:
    """A bare capitalised word after a preposition is a place unless it reads like an organisation or a person."""
    if re.search(r"\b(?:Ministry|Agency|Army|Police|Forces|Council|Command|News|Observatory|Times|Post|Office|"
                 r"Committee|Party|Front|Government|Nations|Brigadier|Colonel|General|President|Minister|"
                 r"Governor|Director|Mr|Mrs|Ms|Dr|Department|House|Senate|Congress|Court|University|College|"
                 r"Campaign|Bank|Company|Inc|Corp|Center|Centre|Foundation|Institute|Association|Union|Club|"
                 r"Church|School|Hospital|Journal|Network|Service|Services|Bureau|Group|Fund|Board|Commission|"
                 r"Street|Avenue|Road|Hotel|Airport|Stadium|Hall|Museum|Tower|Square)\b", name):
        return False
    if re.search(r"[’']s?$", name) or name.isupper() and len(name) <= 5:
        return False  # a possessive ("Clinton's") or an acronym ("FBI") is not a place
    words = name.split()
    if len(words) >= 3 and not re.search(r"\b(?:al|el|Kafr|Tell|Deir|Ain|Jabal|Wadi|Bab|Ras)\b", name):
        return False
    return True


def extract_actors(text: str, exclude: set[str] | None = None) -> list[str]:
    """Organisations and groups acting or acted upon: named units and ministries, and the kinds of people counted."""
    actors: list[str] = []
    exclude = {e.lower() for e in (exclude or set())}
    for match in _ACTOR.finditer(text):
        name = match.group("name").strip()
        if name.lower() not in exclude and name not in actors:
            actors.append(name)
    for group, pattern in _GROUP_RES:
        if group in {"suspects"}:
            continue
        if pattern.search(text) and group not in actors:
            actors.append(group)
    return actors


_STATE_RE = re.compile(rf"\b(?:{_STATE})\b", re.I)
# Capitalised words that name no one: a sentence may start with them ("Yesterday gunmen attacked ...").
_NOT_NAMES = {"a", "an", "the", "yesterday", "today", "earlier", "later", "then", "meanwhile", "also", "suspected",
              "alleged", "local", "armed", "unknown", "unidentified", "two", "three", "several", "some",
              "many", "on", "in", "at", "after", "before", "when", "as", "but", "and", "while", "since", "during",
              "overnight"} | CALENDAR_WORDS
_VAGUE_RE = re.compile(rf"^(?:(?:unidentified|unknown|armed)\s+)?(?:{_VAGUE_ACTORS})$", re.I)


def extract_perpetrators(text: str) -> list[str]:
    """Who the text says carried out an attack ("gunmen ambushed a patrol" -> gunmen), as written."""
    found: list[str] = []
    for pattern in _PERPETRATOR_RES:
        for match in pattern.finditer(text):
            words = match.group("who").split()
            while len(words) > 1 and words[0].lower() in _NOT_NAMES:
                words = words[1:]
            who = " ".join(words)
            if who and who not in found and who.split()[0].lower() not in {"it", "they", "he", "she", "who"}:
                found.append(who)
    return found


def perpetrator_side(who: str) -> tuple[frozenset[str], str | None] | None:
    """What a perpetrator label commits to: the spelling keys of its names and the state force it names ("army" or
    "police"), or None for a vague one ("gunmen", "a drone") that never contradicts another account."""
    if _VAGUE_RE.match(who.strip()):
        return None
    names = frozenset(place_key(w) for w in re.findall(r"[\w'’-]+", who)
                      if w[:1].isupper() and not _STATE_RE.fullmatch(w) and w.lower() not in _NOT_NAMES)
    state = "police" if re.search(r"\bpolice", who, re.I) else "army" if _STATE_RE.search(who) else None
    return (names, state) if names or state else None


def extract_dates(text: str, published: date | None) -> list[DateFact]:
    """Dates in ``text``; relative ones ("on Monday", "last week") resolved against the publication date."""
    dates = []
    for match in _DATE_RE.finditer(text):
        phrase = match.group(0)
        value = earliest = latest = None
        if match.group("weekday") and published:
            value = _weekday_before(published, _WEEKDAYS.index(match.group("weekday").lower()),
                                    phrase.lower().startswith("last "))
        elif match.group("rel") and published:
            value, earliest, latest = _relative(match.group("rel").lower(), published)
        elif match.group("month") or match.group("month2"):
            month = (match.group("month") or match.group("month2")).lower()[:3]
            day = int(match.group("day") or match.group("day2"))
            year = match.group("year") or match.group("year2")
            month_number = [m[:3] for m in _MONTHS[:12]].index(month) + 1
            value = _day_of_month(month_number, day, int(year) if year else None, published)
            if phrase.lower().startswith("since") and value:
                earliest, latest, value = value, published, None
        elif match.group("iso"):
            try:
                value = date.fromisoformat(match.group("iso"))
            except ValueError:
                value = None
        if value and earliest is None:
            earliest = latest = value
        dates.append(DateFact(phrase, value, earliest, latest))
    return dates


def _weekday_before(published: date, weekday: int, last: bool = False) -> date:
    """The latest such weekday on or before the publication date ("last Friday" in a Friday article: a week back)."""
    back = (published.weekday() - weekday) % 7
    return published - timedelta(days=back or (7 if last else 0))


def _day_of_month(month: int, day: int, year: int | None, published: date | None) -> date | None:
    """A day of a month in the year written, else in the publication year, or the year before when that would put
    it more than a month after publication ("December 30" in a January article)."""
    if year is None and published is None:
        return None
    try:
        value = date(year or published.year, month, day)
        if year is None and value > published + timedelta(days=31):
            value = value.replace(year=value.year - 1)
    except ValueError:
        return None
    return value


def _relative(phrase: str, published: date) -> tuple[date | None, date | None, date | None]:
    if phrase in {"today", "tonight"}:
        return published, published, published
    if phrase in {"yesterday", "last night", "the day before"}:
        day = published - timedelta(days=1)
        return day, day, day
    if phrase.endswith("days ago"):
        count = 2 if phrase.startswith("two") else 3
        day = published - timedelta(days=count)
        return day, day, day
    monday = published - timedelta(days=published.weekday())
    if phrase in {"this week", "earlier this week"}:
        return None, monday, published
    if phrase in {"last week", "a week ago"}:
        return None, monday - timedelta(days=7), monday - timedelta(days=1)
    first = published.replace(day=1)
    if phrase in {"this month", "earlier this month"}:
        return None, first, published
    if phrase == "last month":
        last = first - timedelta(days=1)
        return None, last.replace(day=1), last
    if phrase == "this year":
        return None, published.replace(month=1, day=1), published
    if phrase == "last year":
        return None, date(published.year - 1, 1, 1), date(published.year - 1, 12, 31)
    return None, None, None


def extract_hedges(text: str) -> list[str]:
    return [m.group(0).lower() for m in _HEDGES.finditer(text)]


def is_negated(text: str) -> bool:
    return bool(_NEGATION.search(text))


_QNUM = r"(?P<num>\d{1,3}(?:,\d{3}|,\s0\d\d)+(?:\.\d+)?|\d+(?:\.\d+)?(?:\s+\d/\d)?|(?<![\w.])\.\d+|\d+-\d/\d)"
_QBOUND = r"(?:(?P<bound>" + "|".join(sorted(_BOUNDS, key=len, reverse=True)) + r")\s+)?"
_LENGTH_M = {"km": 1000.0, "kilometre": 1000.0, "kilometer": 1000.0, "mile": 1609.0, "nautical mile": 1852.0,
             "feet": 0.3048, "foot": 0.3048, "ft": 0.3048, "metre": 1.0, "meter": 1.0, "m": 1.0, "yard": 0.9144}
_LENGTH = r"(?P<unit>nautical miles?|km|kilomet(?:re|er)s?|miles?|feet|foot|ft|met(?:re|er)s?|m|yards?)\b"
_QUANTITY_RES = [
    ("magnitude", re.compile(r"\bmagnitude(?:[- ]of)?\s+" + _QBOUND + _QNUM, re.I)),
    ("magnitude", re.compile(_QBOUND + _QNUM + r"[-\s]+(?:magnitude|on the richter scale|richter)", re.I)),
    # "measured 4.9 and ...", not "measured 30 feet": no unit after the figure, which is read whole.
    ("magnitude", re.compile(r"\bmeasur(?:ing|ed)\s+" + _QBOUND + _QNUM + r"(?![\d.,]*\d)(?!\s*(?:km|kilomet|miles?|"
                             r"met|feet|ft|percent|%|(?!(?:and|but)\b)[a-z]))", re.I)),
    ("depth", re.compile(r"\bdepth of\s+" + _QBOUND + _QNUM + r"\s*" + _LENGTH, re.I)),
    ("depth", re.compile(_QBOUND + _QNUM + r"[-\s]*" + _LENGTH + r"\s*(?:deep|below|beneath|under(?:ground)?)\b",
                         re.I)),
    ("money", re.compile(r"(?P<cur>(?:US)?\$|€|£|\b(?:euros?|EUR|USD|GBP)(?=\s?\d))\s?" + _QNUM
                         + r"(?:\s*(?P<scale>million|billion|trillion|bn|m)\b)?", re.I)),
    # "110 billion euros", "a 110bn-euro package", "a 20 million pound fund".
    ("money", re.compile(_QBOUND + _QNUM + r"(?:\s*(?P<scale>million|billion|trillion|bn)[\s-]*|\s*)"
                         r"(?P<cur>dollars?|euros?|pounds?(?! of)|rupees?)\b",
                         re.I)),
    ("sentence", re.compile(r"\bsentenced\s+to\s+" + _QBOUND + _QNUM + r"\s*(?P<unit>years?|months?)", re.I)),
    ("sentence", re.compile(_QNUM + r"[- ](?P<unit>years?|months?)\s+(?:prison\s+|jail\s+)?(?:sentence|term|in prison|"
                            r"behind bars)", re.I)),
    ("caliber", re.compile(r"(?:\.\s?|\b)(?P<num>\d{2,3})[- ]?(?:caliber|calibre)\b", re.I)),
    # "two hours of negotiations", "for almost three hours", "a 15-year employee": how long something lasted.
    ("duration", re.compile(_QBOUND + r"(?P<num>\d+|" + _WORD_NUMBER + r")[- ](?P<unit>hours?|years?)\b"
                            r"(?![- ]old)", re.I)),
    # "120 mph", "120 miles an hour", "193km / h": a speed, before the distance the same words would read.
    ("speed", re.compile(_QBOUND + _QNUM + r"\s*(?P<unit>mph|kph|km\s?/\s?h|(?:miles|kilomet(?:re|er)s)\s+(?:per|an)\s+"
                         r"hour)\b", re.I)),
    ("distance", re.compile(_QBOUND + _QNUM + r"[-\s]*" + _LENGTH + r"(?!\s*(?:deep|below|beneath|under))", re.I)),
]


def _quantity_value(kind: str, match: re.Match) -> tuple[float, str | None] | None:
    raw = match.group("num")
    fraction = re.search(r"(\d+)/(\d+)$", raw)
    whole = re.sub(r"[\s-]*\d+/\d+$", "", raw).replace(" ", "").replace(",", "")
    try:
        value = float(whole or 0) + (int(fraction.group(1)) / int(fraction.group(2)) if fraction else 0.0)
    except (ValueError, ZeroDivisionError):
        if (value := parse_number(raw)) is None:  # "two hours"
            return None
    groups = match.groupdict()
    if kind in {"depth", "distance"}:
        unit = groups["unit"].lower().rstrip("s") if groups["unit"].lower() != "feet" else "feet"
        unit = "nautical mile" if unit.startswith("nautical") else unit
        return value * _LENGTH_M.get(unit, 1.0), unit
    if kind == "money":
        scale = {"million": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9, "trillion": 1e12}.get(
            (groups.get("scale") or "").lower(), 1)
        cur = (groups.get("cur") or "").lower().rstrip("s")
        cur = {"$": "USD", "us$": "USD", "usd": "USD", "dollar": "USD", "€": "EUR", "euro": "EUR", "eur": "EUR",
               "£": "GBP", "pound": "GBP", "gbp": "GBP", "rupee": "INR"}.get(cur, cur)
        return value * scale, cur
    if kind == "speed":
        return value * (1.609 if groups["unit"].lower().startswith("m") else 1.0), "km/h"
    if kind == "sentence":
        return value * (12 if groups["unit"].lower().startswith("year") else 1), "months"
    if kind == "duration":
        return value * (1 if groups["unit"].lower().startswith("hour") else 8766), "hours"
    if kind == "caliber":
        return value / (100 if value < 100 else 1000), None
    return value, None


def extract_quantities(text: str, offset: int = 0) -> list[Quantity]:
    """Measures in ``text`` that are not counts of people: magnitudes, depths, money, distances, prison terms,
    calibers. Each stretch of text gives at most one quantity (a depth is not also a distance)."""
    found: list[Quantity] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _QUANTITY_RES:
        for match in pattern.finditer(text):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            if kind == "distance" and match.group("unit").lower() == "m" and not re.search(r"\d\s?m$", match.group(0)):
                continue
            parsed = _quantity_value(kind, match)
            if parsed is None:
                continue
            bound = _BOUNDS.get((match.groupdict().get("bound") or "").lower())
            found.append(Quantity(kind, parsed[0], match.group(0).strip(), parsed[1], bound,
                                  offset + match.start(), offset + match.end()))
            taken.append((match.start(), match.end()))
    return sorted(found, key=lambda q: q.start)


_CLOCK = re.compile(r"(?P<approx>(?:about|around|approximately|roughly|just (?:before|after)|shortly (?:before|after)|"
                    r"some time after|soon after)\s+)?\b(?P<h>\d{1,2})(?:[:.]\s?(?P<m>\d{2}))?\s*"
                    r"(?P<ampm>a\.?\s?m\b\.?|p\.?\s?m\b\.?|am\b|pm\b)", re.I)
_WHEN = re.compile(r"\b(?P<mod>early|late)?\s*(?:on\s+)?(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|"
                   r"sunday)(?:\s+(?P<part>morning|afternoon|evening|night))?\b"
                   r"|\b(?P<month>" + "|".join(_MONTHS) + r")\.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?\b"
                   r"(?!\s*(?:,\s*)?\d{4})"
                   r"|\b(?P<month_y>" + "|".join(_MONTHS) + r")\.?\s+(?P<day_y>\d{1,2})(?:st|nd|rd|th)?,?\s+"
                   r"(?P<year>\d{4})\b"
                   r"|\b(?P<day2>\d{1,2})(?:st|nd|rd|th)?\s+(?P<month2>" + "|".join(_MONTHS) + r")\b"
                   r"|\b(?P<rel>yesterday|today|tonight|last night|two days ago)\b"
                   r"|\b(?P<part2>(?:early|late|this|last|on|in the)\s+(?:morning|afternoon|evening|night)|overnight|"
                   r"midday|midnight|at noon|at dawn|at dusk)\b", re.I)


_RELATIVE_DAYS = {"yesterday": 1, "today": 0, "tonight": 0, "last night": 1, "two days ago": 2}
"""Days counted back from the publication date ("the day before" counts from another event: "the day before
Smith's death")."""


def extract_times(text: str, offset: int = 0, published: date | None = None) -> list[TimeFact]:
    """When things happened: weekdays with a part of the day, days of a month, clock times ("just after 8:30pm"),
    relative days; each resolved to a day where the publication date tells ("Friday" in a Saturday article)."""
    times: list[TimeFact] = []
    for match in _CLOCK.finditer(text):
        hour, minute = int(match.group("h")), int(match.group("m") or 0)
        if hour > 12 or minute > 59:
            continue
        pm = match.group("ampm").lower().startswith("p")
        minutes = (hour % 12 + (12 if pm else 0)) * 60 + minute
        times.append(TimeFact(match.group(0).strip(), minutes=minutes, approx=bool(match.group("approx")),
                              start=offset + match.start(), end=offset + match.end()))
    for match in _WHEN.finditer(text):
        g = match.groupdict()
        fact = TimeFact(match.group(0).strip(), start=offset + match.start(), end=offset + match.end())
        if g["weekday"]:
            fact.weekday = _WEEKDAYS.index(g["weekday"].lower())
            modifier = (g["mod"] or "").lower()
            fact.part = (g["part"] or "").lower() or {"late": "evening", "early": "morning"}.get(modifier)
        elif g["month"] or g["month_y"] or g["month2"]:
            month = (g["month"] or g["month_y"] or g["month2"]).lower()[:3]
            fact.month = [m[:3] for m in _MONTHS[:12]].index(month) + 1
            fact.day = int(g["day"] or g["day_y"] or g["day2"])
        elif g["rel"]:
            if published:
                fact.date = (published - timedelta(days=_RELATIVE_DAYS[g["rel"].lower()])).isoformat()
            fact.part = {"tonight": "night", "last night": "night"}.get(g["rel"].lower())
        else:
            fact.part = re.sub(r"^(?:early|late|this|last|on|in the|at)\s+", "", g["part2"].lower())
        if published and fact.weekday is not None:
            fact.date = _weekday_before(published, fact.weekday).isoformat()
        elif fact.month and (day := _day_of_month(fact.month, fact.day, int(g["year"]) if g["year"] else None,
                                                     published)):
            fact.date = day.isoformat()
        times.append(fact)
    return sorted(times, key=lambda t: t.start)


def dateline(text: str) -> date | None:
    """The date of a dateline or timestamp line near the top of an article ("Posted on Tuesday, 3 June
    2031.", "UPDATED 7:42 PM GMT Jun 3, 2031"): the publication date when the metadata gives none."""
    for line in [line for line in text[:1500].splitlines() if line.strip()][:8]:
        if len(line) > 100 or not is_timestamp(line):
            continue
        for fact in extract_dates(line, None):
            if fact.value and re.search(r"(?:19|20)\d\d", fact.text):
                return fact.value
    return None


# What a claim reports happened, in kinds a fact-checker lines up: the time and place of an attack are compared with
# the time and place of the same outlet-neutral kind of event, never with those of an arrest or a trial.
_EVENT_KINDS = [
    # An aftershock is another event than the quake: its time is not the quake's.
    ("quake", r"earthquakes?|quakes?|tremors?|temblors?|seismic|magnitude|epicent\w+|richter"),
    ("trial", r"court|sentenc\w+|trial|judge|jury|plead\w*|pleas?|arraign\w*|convict\w*|acquit\w*|verdict|"
              # "a hearing on Monday", not "after hearing an argument" or "hearing shots"
              r"hearing(?!\s+(?:an?|the|some|shots?|gunshots?|gunfire|noises?|screams?|screaming|cries|what)\b)|"
              r"indict\w*|prosecut\w+|charged|charges?"),
    ("arrest", r"arrest\w*|detain\w*|custody|apprehend\w*|captur\w+|caught|nabbed|seized|surrender\w*|"
               r"turned (?:himself|herself) in|booked|manhunt|suspects?"),
    ("attack", r"explo\w+|bomb\w*|blasts?|detonat\w+|shoot\w*|shot|gunned|gunfire|gunman|gunmen|opened fire|fired|"
               r"attack\w*|"
               r"ambush\w*|stabb\w+|assault\w*|raid\w*|hijack\w*|pira\w+|fire|blaze|burn\w*|crash\w*|"
               r"struck|hit|collapsed?|fell|fallen|accident|incident|foil\w*|thwart\w*|sank|sunk|"
               r"sinking|riots?|rioting|clash\w*|run over|mowed"),
    ("death", r"kill\w*|dead|died|deaths?|bodies|body|fatal\w*|slain|murder\w*|victims?"),
]
_EVENT_KIND_RES = [(kind, re.compile(rf"\b(?:{pattern})\b", re.I)) for kind, pattern in _EVENT_KINDS]


def event_kind(text: str) -> str | None:
    """The kind of event a claim reports: the first of quake, trial, arrest, attack, death whose words it uses
    (in that order of precedence: "killed in the quake" is about the quake, "arrested after the shooting" about
    the arrest)."""
    for kind, pattern in _EVENT_KIND_RES:
        if pattern.search(text):
            return kind
    return None


# Verbs whose time and place are those of something else than the event: who said it, the aftermath, a life.
_ELSEWHERE = frozenset("""say tell report announce state add claim confirm cope mourn grieve hand distribute rescue
search feel gather hold attend visit remain continue follow investigate receive call return live move work reside
stay bury release appear mark spend grow raise study marry see let publish update post close open issue come
schedule question interview recall remember name identify describe""".split())
ELSEWHERE = "elsewhere"
"""What event_anchor says of a time or place that belongs to another activity than the event."""


def event_anchor(doc, start: int, end: int) -> str | None:
    """The kind of event a time or place in a parsed sentence belongs to; ELSEWHERE when it dates or places
    something else; None when the parse does not say. "The explosion occurred Friday" and "the December 6 killing"
    date the event (the expression hangs, through prepositions and the nouns they govern, from an event word or
    from a verb whose active subject is one); "families were grieving Sunday over the losses", "police said on
    Monday" and "residents in Perth felt the tremor" date and place something else."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    token = span.root
    for _ in range(16):
        head = token.head
        if head is token:
            return None
        if span.start <= head.i < span.end:
            token = head
            continue
        if _dismissed(head):
            return ELSEWHERE  # "who was fired from the firm on Thursday": a job lost, not shots fired
        if head.lower_ == "for" and head.head.lemma_.lower() in _SCHEDULED:
            return ELSEWHERE  # "the hearing was set for June 3": a date to come
        kind = event_kind(head.text)
        if kind:
            return kind
        if head.pos_ in {"VERB", "AUX"}:
            subjects = [c for c in head.children if c.dep_ == "nsubj"]
            kind = next((k for c in subjects if (k := event_kind(c.text))), None)
            verb = {head.lemma_.lower(), head.text.lower(), re.sub(r"(?:ing|ed|s)$", "", head.text.lower())}
            return kind or (ELSEWHERE if verb & _ELSEWHERE or {v + "e" for v in verb} & _ELSEWHERE else None)
        token = head
    return None


_SCHEDULED = {"set", "schedule", "adjourn", "postpone", "due", "plan", "fix", "remand"}


def _dismissed(token) -> bool:
    """"who was fired", "the coach was fired", "fired from his job": fired as dismissed (a person fired, or fired
    from a job or a company), not as shooting ("shots were fired at the checkpoint", "gunmen fired from a roof")."""
    if token.lemma_.lower() != "fire":
        return False
    children = list(token.children)
    if any(c.dep_ == "prep" and c.lower_ in {"at", "upon"} or c.lower_ == "on" and not list(c.children)
           for c in children):
        return False  # "police were fired on", "rockets were fired at the town"
    if any(c.dep_ == "prep" and c.lower_ == "from" and any(_employer(o) for o in c.children if o.dep_ == "pobj")
           for c in children):
        return True
    return any(c.dep_ == "auxpass" for c in children) and any(_a_person(c) for c in children if c.dep_ == "nsubjpass")


_EMPLOYER = re.compile(r"^(?:job|post|position|role|office|company|firm|team|club|employer|agency|department|"
                       r"newspaper|network|cabinet|government|board|staff|force)s?$", re.I)
_PERSONAL = {"i", "you", "he", "she", "we", "they", "who", "whom", "me", "him", "her", "us", "them"}


def _employer(token) -> bool:
    """"his job", "the firm", "Acme Corp": what a person is fired from."""
    return bool(_EMPLOYER.match(token.text)) or token.ent_type_ == "ORG"


def _a_person(token) -> bool:
    """"who", "she", "the coach", "Dana Reyes": a person, by a personal pronoun, a role noun or a name."""
    return token.lower_ in _PERSONAL or token.ent_type_ == "PERSON" or bool(_PERSON_HEAD.match(token.text)) \
        or bool(_ROLE.match(token.text))


_ROLE = re.compile(r"^(?:coach|director|executive|ceo|editor|minister|official|aide|adviser|advisor|teacher|"
                   r"nurse|doctor|principal|secretary|spokes\w+|staffer|chairman|chairwoman|president|"
                   r"head|boss|player|anchor|host)s?$", re.I)


_TITLES = re.compile(r"^(?:(?:Police|Fire|State|Senior|Staff|Chief|Deputy|Assistant|Special|Det\.?|Detective|Capt\.?|"
                     r"Captain|Lt\.?|Lieutenant|Sgt\.?|Sergeant|Cpl\.?|Corporal|Officer|Trooper|Agent|Constable|"
                     r"Inspector|Commander|Gen\.?|General|Col\.?|Colonel|Maj\.?|Major|Adm\.?|Admiral|Mr\.?|Mrs\.?|Ms\.?|"
                     r"Miss|Dr\.?|Prof\.?|Rev\.?|Sir|Judge|Justice|President|Prime|Minister|Governor|Gov\.?|Mayor|"
                     r"Sen\.?|Senator|Rep\.?|Spokesman|Spokeswoman|Director|Sheriff|Prosecutor|Attorney|Pastor|"
                     r"Father|Sister|Brother)\s+)+")
_AGE_AFTER_NAME = re.compile(r"^\s*(?:,\s*|\(\s*)(?:aged?\s+)?(\d{1,3})\s*"
                             r"(?:,|\)|$|\s+(?:and|of|who|was|is|has|had)\b)")
_AGE_BEFORE_NAME = re.compile(r"(\d{1,3})[- ]years?[- ]old\s+(?:[\w-]+,?\s+){0,3}[-–—(]?\s*$")


def extract_persons(doc, offset: int = 0) -> list[Person]:
    """People a parsed sentence names (spaCy's PERSON entities), titles dropped, with an age the text gives next
    to the name ("Karimov, 44," / "44-year-old Karimov")."""
    text = doc.text
    persons: list[Person] = []
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        name = _TITLES.sub("", ent.text.strip(" -–—'’\"")).strip(" -–—")
        words = [w for w in re.findall(r"[A-Za-z][\w'’.-]*", name) if not re.fullmatch(r"(?:Jr|Sr|I{1,3}|IV)\.?", w)]
        if not words or not words[-1][:1].isupper() or len(words[-1].strip(".")) < 2:
            continue
        age = None
        after = _AGE_AFTER_NAME.match(text[ent.end_char:ent.end_char + 24])
        before = _AGE_BEFORE_NAME.search(text[max(0, ent.start_char - 40):ent.start_char])
        if after or before:
            age = int((after or before).group(1))
        first = words[0].strip(".") if len(words) > 1 else None
        persons.append(Person(name, place_key(words[-1]), first, age, offset + ent.start_char, offset + ent.end_char))
    return persons


_HOME = re.compile(r"^(?:\s*,\s*(?:aged?\s+)?\d{1,3})?\s*(?:,\s*(?:of|from|who lived in)|\s+of)\s+"
                   r"(?P<home>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2})")


def person_home(after: str) -> str | None:
    """Where a person named just before ``after`` lives, as the text gives it: "Ann Lee, 36, of Greenfield",
    "Mia Kern, who lived in West Harbor"; not an organisation ("Tom Ray of the FBI", "Jo Fox of Reuters")."""
    match = _HOME.match(after)
    if not match:
        return None
    home = re.sub(r"(?:\s+(?:" + "|".join(w.capitalize() for w in CALENDAR_WORDS) + r"))+$", "", match.group("home"))
    return home if _looks_like_place(home, after, match) and not home.isupper() else None


_STAMP_WORDS = re.compile(r"\b(?:published|updated|posted|last|modified|created|on|at|by|ist|gmt|edt|est|bst|pst|"
                          r"cst|cet|utc|am|pm|a\.m|p\.m|hrs|hours?)\b\.?", re.I)


def is_timestamp(text: str) -> bool:
    """A dateline or timestamp line ("Tuesday, June 3, 2031 18:07", "PTI Jun 3, 2031, 06.12PM IST DELHI",
    "Posted June 3, 2031"): dates, clock times and at most a few capitalised words, with no claim in it."""
    if not (_DATE_RE.search(text) or _CLOCK.search(text) or re.search(r"\d{1,2}\s?[/:.]\s?\d{2}", text)):
        return False
    rest = _CLOCK.sub(" ", text)
    rest = _DATE_RE.sub(" ", rest)
    rest = _STAMP_WORDS.sub(" ", rest)
    rest = re.sub(r"[\d/:.,|@()\-–—]+", " ", rest)
    words = rest.split()
    return len(words) <= 3 and all(w[:1].isupper() or not w[:1].isalpha() for w in words)
