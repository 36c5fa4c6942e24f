"""A generated news corpus for the scale benchmarks: stories told by several outlets, with varied wording.

Each story is one invented event (a kind of incident, a place, a date, counts); each of its articles is one outlet's
account of it, about ten sentences: a lead with the counts, attributed statements in the forms the attribution
reads (said, told the agency, according to, quotes), background and a reaction. Wording, order, counts and sources
vary between the accounts, so claims are rarely identical and the embedding cache does not flatter the figures.
Nothing here comes from the evaluation data.

    python benchmarks/generate.py OUT_DIR --articles 10000 [--per-file 500] [--seed 1]
"""
from __future__ import annotations

import argparse
import json
import random
from datetime import date, timedelta
from pathlib import Path

OUTLETS = ["Reuters", "AFP", "Associated Press", "Al Jazeera", "BBC", "Hama Pulse", "Levant Daily", "North Press",
           "Enab Baladi", "The National", "Asharq Al-Awsat", "Middle East Eye", "Daily Sabah", "Rudaw", "Kurdistan 24",
           "Syria Direct", "Al-Monitor", "The New Arab", "Arab News", "Gulf Today"]
SOURCES = ["the state news agency SANA", "the Interior Ministry", "a security source", "a military source",
           "the Syrian Observatory for Human Rights", "local residents", "a hospital director", "a police spokesman",
           "the provincial governor", "activists", "a witness", "the civil defence"]
NAMES = ["Adnan Khalil", "Samir Haddad", "Leila Mansour", "Omar Darwish", "Huda Saleh", "Karim Nasser", "Rami Aziz",
         "Yara Hamdan", "Fadi Qasim", "Nour Abbas", "Tariq Hassan", "Mona Jaber"]
TITLES = ["head of the provincial police", "a spokesman for the health directorate", "the mayor",
          "a commander in the local security forces", "the director of the main hospital", "a member of the council"]
EVENTS = [("an attack on a checkpoint", "gunmen", "killed"), ("a roadside bomb", "a roadside bomb", "killed"),
          ("an ambush on a patrol", "gunmen", "killed"), ("a drone strike", "a drone", "killed"),
          ("a fire at a market", "a fire", "injured"), ("clashes between armed groups", "armed groups", "killed"),
          ("a raid on a village", "security forces", "arrested"), ("shelling of a residential area", "shells",
                                                                     "injured")]
VICTIMS = ["soldiers", "police officers", "civilians", "fighters", "members of the security forces", "residents"]
SYLLABLES = ["kaf", "ra", "bu", "hum", "tal", "dar", "sa", "lim", "ma", "rat", "nu", "man", "ja", "bal", "za",
             "win", "ha", "mid", "qa", "sir", "ad", "ra", "be", "la", "yun"]
COUNT_WORDS = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "a dozen"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _place(rng: random.Random) -> str:
    word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3)))
    return (rng.choice(["", "Kafr ", "Tal ", "Deir ", "Ain "]) + word.capitalize()).strip()


def _story(rng: random.Random, number: int) -> dict:
    kind, agent, effect = rng.choice(EVENTS)
    published = date(2025, 1, 1) + timedelta(days=rng.randrange(365))
    return {"kind": kind, "agent": agent, "effect": effect, "victims": rng.choice(VICTIMS),
            "place": _place(rng), "city": rng.choice(["Hama", "Homs", "Idlib", "Aleppo", "Deir ez-Zor", "Daraa"]),
            "count": rng.randint(2, 9), "wounded": rng.choice(COUNT_WORDS), "published": published,
            "day": DAYS[(published - timedelta(days=rng.randint(0, 2))).weekday()], "id": number}


def _account(rng: random.Random, story: dict, outlet: str) -> dict:
    s = story
    count = s["count"] + rng.choice([0, 0, 0, 1, -1])
    source, name, title = rng.choice(SOURCES), rng.choice(NAMES), rng.choice(TITLES)
    other = rng.choice([x for x in SOURCES if x != source])
    lead = rng.choice([
        f"{count} {s['victims']} were {s['effect']} in {s['kind']} in the village of {s['place']} near {s['city']} "
        f"on {s['day']}, {source} said.",
        f"{s['agent'].capitalize()} left {count} {s['victims']} {s['effect'].replace('killed', 'dead')} in "
        f"{s['place']}, in rural {s['city']}, on {s['day']}, according to {source}.",
        f"At least {count} {s['victims']} were {s['effect']} on {s['day']} when {s['agent']} struck {s['place']}, "
        f"outside {s['city']}, {source} reported.",
    ])
    body = [
        f"{name}, {title}, told {rng.choice(['SANA', 'the state news agency', 'reporters', 'Reuters'])} that "
        f"{s['wounded']} people were wounded and taken to hospitals in {s['city']}.",
        rng.choice([f"\"We heard {rng.choice(['heavy gunfire', 'two explosions', 'shouting'])} for "
                    f"{rng.randint(2, 5)} hours,\" said a resident who asked not to be named.",
                    f"Residents said the {rng.choice(['shooting', 'fighting', 'fire'])} lasted until "
                    f"{rng.choice(['dawn', 'midnight', 'the morning'])}."]),
        f"According to {other}, the {s['victims']} had been {rng.choice(['stationed', 'living', 'working'])} in "
        f"the area for {rng.choice(['weeks', 'months', 'two years'])}.",
        f"The {rng.choice(['source', 'official', 'spokesman'])} added that {rng.randint(2, 12)} suspects were "
        f"arrested in {rng.choice(['a search operation', 'raids', 'house-to-house searches'])} after the incident.",
        f"{rng.choice(['No group', 'Nobody'])} has claimed responsibility for {s['kind']}.",
        f"It was the {rng.choice(['second', 'third', 'fourth'])} such incident in {s['city']} province "
        f"{rng.choice(['this month', 'since January', 'in a week'])}, {rng.choice(SOURCES)} noted.",
        f"{rng.choice(NAMES)} condemned the {rng.choice(['attack', 'violence', 'incident'])} and called for "
        f"{rng.choice(['an investigation', 'calm', 'more patrols'])}.",
        f"Roads into {s['place']} were {rng.choice(['closed', 'blocked', 'reopened'])} on "
        f"{rng.choice(DAYS)}, reportedly because of {rng.choice(['the search', 'unexploded shells', 'rubble'])}.",
        f"Reporter {rng.choice(NAMES)} could not independently verify the {rng.choice(['figures', 'account'])}.",
    ]
    rng.shuffle(body)
    text = "\n\n".join([lead, *body[:rng.randint(7, 9)]])
    return {"text": text, "outlet": outlet, "published": s["published"].isoformat(),
            "title": f"{s['kind'].capitalize()} in {s['place']}", "url": f"https://example.org/{s['id']}/{outlet}"}


def generate(articles: int, seed: int = 1, outlets_per_story: tuple[int, int] = (2, 6)) -> list[dict]:
    rng = random.Random(seed)
    out: list[dict] = []
    story = 0
    while len(out) < articles:
        story += 1
        facts = _story(rng, story)
        for outlet in rng.sample(OUTLETS, rng.randint(*outlets_per_story)):
            out.append(_account(rng, facts, outlet))
    return out[:articles]


def one_story(articles: int, seed: int = 1) -> list[dict]:
    """``articles`` accounts of one event, each by a different outlet name (for compare)."""
    rng = random.Random(seed)
    facts = _story(rng, 1)
    return [_account(rng, facts, f"{rng.choice(OUTLETS)} {i + 1}") for i in range(articles)]


def write(records: list[dict], folder: Path, per_file: int = 500) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for start in range(0, len(records), per_file):
        path = folder / f"part-{start // per_file:04d}.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r in records[start:start + per_file]), encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--per-file", type=int, default=500)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    paths = write(generate(args.articles, args.seed), args.out, args.per_file)
    print(f"{args.articles} articles in {len(paths)} files under {args.out}")


if __name__ == "__main__":
    main()
