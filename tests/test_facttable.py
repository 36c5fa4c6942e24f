"""The fact table: every figure lined up per slot and referent, with a verdict a fact-checker can sign."""
from datetime import date

import pytest

from claimdiff.claims import extract_numbers
from claimdiff.claims.facts import event_kind, extract_quantities, extract_times
from claimdiff.sources import Article
from claimdiff.verify import compare
from tests.fakes import TopicEmbedder


def rows(comparison, slot=None):
    table = comparison.to_dict()["fact_table"]
    return [r for r in table if slot is None or r["slot"] == slot]


def top(comparison, slot):
    """The rows of a slot that are not parts of a conflicting row."""
    return [r for r in rows(comparison, slot) if "part_of" not in r]


def accounts(*texts, published="2025-03-11"):
    return [Article.from_text(text, outlet=f"Outlet {i}", published=published) for i, text in enumerate(texts, 1)]


@pytest.mark.parametrize("text, kind, value", [
    ("A 6.1-magnitude quake struck the island.", "magnitude", 6.1),
    ("The quake had a magnitude of 5.8.", "magnitude", 5.8),
    ("An earthquake measuring 5.6 on the Richter scale hit the coast.", "magnitude", 5.6),
    ("It struck at a depth of 10 km.", "depth", 10_000),
    ("The epicentre was 35 kilometres deep.", "depth", 35_000),
    ("Police offered a $35,000 reward.", "money", 35_000),
    ("He was sentenced to 2 1/2 years in prison.", "sentence", 30),
    ("He pointed a .38-caliber revolver at them.", "caliber", 0.38),
    ("The ship was 150 nautical miles east of Aden.", "distance", 277_800),
])
def test_quantities(text, kind, value):
    [quantity] = extract_quantities(text)
    assert quantity.kind == kind
    assert quantity.value == pytest.approx(value)


@pytest.mark.parametrize("text", [
    "Karimov, 44, was arrested on Tuesday.",
    "Two officers, both 51, died at the scene." ,
    "The bodies of two women aged 61 and 48 were found.",
    "The bomb went off in the 2500 block of the street.",
    "A $35,000 reward was offered.",
    "A 6.1 magnitude quake struck.",
    "A man was shot at 40 East 5th Ave. on Friday.",
])
def test_ages_addresses_money_and_magnitudes_are_never_counts(text):
    assert all(n.value not in {44, 51, 61, 48, 2500, 35_000, 6.1, 40} for n in extract_numbers(text))


def test_a_verb_before_the_count_says_what_happened_to_them():
    killed, injured = extract_numbers("The blast ended up killing 10 people and injuring 80.")
    assert (killed.value, killed.event) == (10, "killed")
    assert (injured.value, injured.event) == (80, "injured")


@pytest.mark.parametrize("text, weekday, month_day, minutes, part", [
    ("The explosion occurred Friday afternoon.", 4, None, None, "afternoon"),
    ("The shooting took place just after 8:30pm Thursday night.", 3, None, 20 * 60 + 30, "night"),
    ("The trawler was sunk on November 18.", None, (11, 18), None, None),
    ("The bomb detonated around 5:30 p.m.", None, None, 17 * 60 + 30, None),
])
def test_times(text, weekday, month_day, minutes, part):
    times = extract_times(text)
    assert any(t.weekday == weekday for t in times) or weekday is None
    assert any((t.month, t.day) == month_day for t in times) or month_day is None
    assert any(t.minutes == minutes for t in times) or minutes is None
    assert any(t.part == part for t in times) or part is None


@pytest.mark.parametrize("text, kind", [
    ("A 5.6 magnitude earthquake hit the island.", "quake"),
    ("He was arrested after a manhunt.", "arrest"),
    ("He was sentenced by the court.", "trial"),
    ("A bomb exploded at the bank.", "attack"),
    ("The blockade was lifted.", None),
])
def test_event_kind(text, kind):
    assert event_kind(text) == kind


def test_same_toll_agrees_and_a_different_magnitude_contradicts():
    result = compare(accounts("A magnitude 6.1 earthquake struck the island on Sunday, killing 10 people.",
                              "The earthquake, with a magnitude of 5.8, struck on Sunday and killed ten people."),
                     embedder=TopicEmbedder(["earthquake"]))
    [killed] = top(result, "killed")
    assert killed["verdict"] == "agree"
    assert {c["value"] for c in killed["cells"]} == {"10"}
    [magnitude] = top(result, "magnitude")
    assert magnitude["verdict"] == "contradict"
    assert sorted(c["text"] for c in magnitude["cells"]) == ["magnitude 6.1", "magnitude of 5.8"]
    assert magnitude["conflicts"] == [[magnitude["cells"][0]["claim"], magnitude["cells"][1]["claim"]]]


@pytest.mark.parametrize("one, two", [
    ("More than 200 people were killed in the attack.", "The attack killed 250 people."),
    ("About 10 people were killed in the attack.", "The attack killed 12 people."),
    ("Several people were injured in the attack.", "The attack injured 6 people."),
])
def test_bounds_and_rounding_agree(one, two):
    result = compare(accounts(one, two), embedder=TopicEmbedder(["attack"]))
    assert [r["verdict"] for r in top(result, "killed") + top(result, "injured")] == ["agree"]


def test_weekdays_of_the_same_arrest_conflict_but_a_clock_time_inside_the_part_of_day_agrees():
    result = compare(accounts("The suspect was arrested on Tuesday.", "The suspect was arrested on Wednesday.",
                              "The explosion occurred Friday afternoon.", "The bomb exploded around 5:30 p.m."),
                     embedder=TopicEmbedder(["arrest", "explo"]))
    verdicts = {r["referent"]: r["verdict"] for r in top(result, "time")}
    assert verdicts == {"arrest": "contradict", "incident": "agree"}


def test_a_conflicting_row_keeps_the_outlets_that_agree_as_a_part():
    result = compare(accounts("Two soldiers were killed in the attack.", "The attack killed two soldiers.",
                              "Three soldiers were killed in the attack."), embedder=TopicEmbedder(["attack"]))
    table = rows(result, "killed")
    assert table[0]["verdict"] == "contradict" and len(table[0]["cells"]) == 3
    [part] = table[1:]
    assert part["part_of"] == 0 and part["verdict"] == "agree"
    assert {c["value"] for c in part["cells"]} == {"2"}


def test_a_fact_one_outlet_alone_gives_is_single():
    result = compare(accounts("A bomb exploded at the bank, killing two people.", "A bomb exploded at the bank."),
                     embedder=TopicEmbedder(["bomb"]))
    [killed] = top(result, "killed")
    assert killed["verdict"] == "single"


def test_background_claims_never_join_the_current_event():
    result = compare(accounts("The earthquake killed 10 people on Sunday.",
                              "The earthquake killed 10 people on Sunday. In 2005, an earthquake killed 612 people."),
                     embedder=TopicEmbedder(["earthquake"]))
    background = result.to_dict()["background"]
    assert len(background) == 1 and "612" in result.claim(background[0]).text
    assert all(background[0] not in a.claims for a in result.alignments)
    [killed] = top(result, "killed")
    assert killed["verdict"] == "agree"
    assert all(c["claim"] != background[0] for c in killed["cells"])


def test_counts_of_things_are_compared_by_what_they_count():
    result = compare(accounts("Customs officers found eight rifles and 250 rounds in the van.",
                              "Customs officers found 8 rifles and 410 rounds in the van."),
                     embedder=TopicEmbedder(["found"]))
    verdicts = {r["referent"]: r["verdict"] for r in top(result, "count")}
    assert verdicts == {"gun": "agree", "round": "contradict"}


def test_a_place_an_outlet_also_names_elsewhere_is_no_conflict():
    result = compare(accounts("A bomb exploded in Woodburn on Friday. Woodburn is in Oregon.",
                              "A bomb exploded in Oregon on Friday.",
                              "A bomb exploded in Salem on Friday."),
                     embedder=TopicEmbedder(["bomb"]))
    [place] = [r for r in top(result, "place") if r["referent"] == "incident"]
    assert place["verdict"] == "contradict"
    outlets = {tuple(sorted(c["article"] for c in place["cells"] if c["claim"] in pair))
               for pair in place["conflicts"]}
    assert ("a1", "a3") in outlets and ("a1", "a2") not in outlets


def test_two_pairs_of_articles_about_two_events_get_two_stories():
    quake = "A magnitude 6.1 earthquake struck Qeshm island on Sunday, killing 10 people."
    other = "Gunmen attacked a police station in Mosul on Friday, killing three officers."
    result = compare(accounts(quake, quake.replace("10", "ten"), other, other.replace("three", "3")),
                     embedder=TopicEmbedder(["earthquake", "gunmen"]))
    killed = top(result, "killed")
    assert len(killed) == 2 and all(r["verdict"] == "agree" for r in killed)


@pytest.mark.parametrize("text, expected", [
    ("The explosion occurred Friday afternoon at a bank in Woodburn.", {"Friday afternoon": "attack",
                                                                       "Woodburn": "attack"}),
    ("The December 6 killing of a teenager sparked riots.", {"December 6": "death"}),
    ("Employees were coping Saturday with the death of their boss.", {"Saturday": "elsewhere"}),
    ("Rescue workers handed out blankets on Monday to survivors of the quake.", {"on Monday": "elsewhere"}),
])
def test_a_time_or_place_belongs_to_the_event_word_it_hangs_from(text, expected):
    from claimdiff.claims import extract_claims

    [claim, *_] = extract_claims(Article.from_text(text, outlet="Wire"))
    found = {t.text: t.event for t in claim.facts.times} | {p.name: p.event for p in claim.facts.places}
    assert {k: found.get(k) for k in expected} == expected


def test_the_time_of_the_aftermath_is_not_the_time_of_the_event():
    result = compare(accounts("The gunman opened fire on Friday, killing one man.",
                              "The gunman opened fire on Friday, killing one man. "
                              "Employees were coping Saturday with the death of their boss."),
                     embedder=TopicEmbedder(["gunman"]))
    [time] = top(result, "time")
    assert time["verdict"] == "agree" and {c["value"] for c in time["cells"]} == {"on Friday"}


def test_people_are_named_with_the_age_the_text_gives():
    from claimdiff.claims import extract_claims

    claims = extract_claims(Article.from_text(
        "Police Capt. Tom Tennant died at the scene. Robert Buckley, 32, fell while climbing. "
        "A 61-year-old Vancouver man, Eric Allen Kirkpatrick, was charged.", outlet="Wire"))
    persons = {p.name: (p.key, p.first, p.age) for c in claims for p in c.facts.persons}
    assert persons["Tom Tennant"][1] == "Tom"
    assert persons["Robert Buckley"][1:] == ("Robert", 32)
    assert persons["Eric Allen Kirkpatrick"][1:] == ("Eric", 61)


@pytest.mark.parametrize("one, two, verdict", [
    ("Robert Buckley, 32, fell while climbing.", "Robert Buckley, 31, fell while climbing.", "contradict"),
    ("Trooper William Hakim died at the scene.", "Trooper Bill Hakim died at the scene.", "agree"),
    ("The third victim was Bryant Dalton.", "The third victim was Brian Dalton.", "contradict"),
    ("Officers shot Kimani Gray.", "Police arrested Mahnefah Gray at the vigil for her brother.", "related"),
])
def test_a_person_row_compares_ages_and_first_names(one, two, verdict):
    result = compare(accounts(one, two), embedder=TopicEmbedder(["climbing", "scene", "victim", "gray"]))
    [person] = top(result, "person")
    assert person["verdict"] == verdict


@pytest.mark.parametrize("a, b, related", [
    ("Athens", "Greece", True),
    ("Woodburn", "Oregon", True),
    ("Salonika", "Thessaloniki", True),
    ("Cardiff", "Merthyr Tydfil", False),
    ("Brooklyn", "East Flatbush", None),   # a neighbourhood and its borough: too close to tell apart
    ("Kafr Buhum", "Hama", None),          # not in the gazetteer
])
def test_the_gazetteer_knows_which_places_contain_which(a, b, related):
    from claimdiff.claims import gazetteer

    assert gazetteer.places_related(a, b) is related


def test_two_towns_the_gazetteer_tells_apart_conflict_and_a_town_in_its_country_agrees():
    result = compare(accounts("The suspect was arrested in Cardiff on Friday.",
                              "The suspect was arrested in Merthyr Tydfil on Friday.",
                              "The suspect was arrested in Wales on Friday."), embedder=TopicEmbedder(["suspect"]))
    [place] = [r for r in top(result, "place")]
    pairs = {tuple(sorted(c["article"] for c in place["cells"] if c["claim"] in pair)) for pair in place["conflicts"]}
    assert pairs == {("a1", "a2")}


def test_the_reports_lead_with_the_fact_table_and_mark_conflicting_cells():
    from claimdiff.verify import render

    result = compare(accounts("Two soldiers were killed in the attack.", "Three soldiers were killed in the attack."),
                     embedder=TopicEmbedder(["attack"]))
    markdown = render(result, "md")
    assert markdown.index("## Fact table") < markdown.index("## 1.")
    assert "| killed | contradict | **2 (a1-c1)** | **3 (a2-c1)** |" in markdown
    page = render(result, "html")
    assert page.index("<h2>Fact table</h2>") < page.index("<section class='group")
    assert "<td class=conflict>2 (a1-c1)</td>" in page


@pytest.mark.parametrize("one, two, verdict", [
    ("The attack began on Monday night.", "The attack ended early Tuesday.", "agree"),
    ("The attack happened on Monday.", "The attack happened on Wednesday.", "contradict"),
])
def test_a_night_can_run_into_the_next_day(one, two, verdict):
    result = compare(accounts(one, two), embedder=TopicEmbedder(["attack"]))
    [time] = top(result, "time")
    assert time["verdict"] == verdict


@pytest.mark.parametrize("text, value", [
    ("The blast killed a police officer and a bomb technician.", 2),
    ("A police officer and a bomb squad technician were killed.", 2),
    ("The gunman shot and killed a woman.", 1),
    ("The farmer strangled his brother and his own nephew to death.", 2),
    ("Prosecutors say the driver killed his wife and stepdaughter.", 2),
    ("Maria Lopez, 47, was killed by a falling crane.", 1),
    ("Sgt. Alan Price and Officer Dana Wu, both 38, died at the scene.", 2),
    ("A vigil was held for Leo (Lee) Park, 19, killed by a stray bullet.", 1),
    ("The gunman shot one guard fatally at the gate.", 1),
])
def test_people_killed_are_counted_one_by_one_where_no_number_is_given(text, value):
    [number] = [n for n in extract_numbers(text) if n.event == "killed"]
    assert number.value == value


def test_a_named_thing_after_a_kill_verb_is_no_victim():
    assert extract_numbers("Troops killed a rumour about the bomb.") == []


@pytest.mark.parametrize("text, counted", [
    ("The warship detected five suspicious boats.", "boats"),
    ("The commandos recovered 12 AK-47 guns.", "ak-47 guns"),
])
def test_what_a_number_counts_is_the_noun_it_modifies(text, counted):
    from claimdiff.claims import extract_claims

    [claim] = extract_claims(Article.from_text(text, outlet="Wire"))
    [number] = claim.facts.numbers
    assert number.of == counted


def test_the_gazetteer_index_is_built_once_into_a_cache_file(tmp_path, monkeypatch):
    from claimdiff.claims import gazetteer

    monkeypatch.setenv("CLAIMDIFF_CACHE", str(tmp_path))
    gazetteer._db.cache_clear()
    try:
        assert gazetteer.places_related("Athens", "Greece") is True
        [built] = list(tmp_path.glob("gazetteer-*.sqlite"))
        gazetteer._db.cache_clear()
        assert gazetteer.lookup("Athens") and built.exists()  # read back from the file
    finally:
        gazetteer._db.cache_clear()


@pytest.mark.parametrize("text, day", [
    ("Published on Friday, 27 September 2013.\n\nA bomb exploded.", "2013-09-27"),
    ("UPDATED 3:09 AM EST Dec 19, 2008\n\nA bomb exploded.", "2008-12-19"),
    ("A bomb exploded on Friday in 2008.", None),
])
def test_a_dateline_gives_the_publication_date(text, day):
    from claimdiff.claims.facts import dateline

    assert (dateline(text).isoformat() if dateline(text) else None) == day


def test_relative_days_resolve_against_each_articles_date():
    one = Article.from_text("The navy foiled the pirate attack yesterday.", outlet="A", published="2011-11-11")
    two = Article.from_text("The navy foiled the pirate attack on Thursday.", outlet="B", published="2011-11-12")
    three = Article.from_text("The navy foiled the pirate attack on Friday.", outlet="C", published="2011-11-12")
    result = compare([one, two, three], embedder=TopicEmbedder(["pirate"]))
    [time] = top(result, "time")
    assert time["verdict"] == "contradict"
    pairs = {tuple(sorted(c["article"] for c in time["cells"] if c["claim"] in pair)) for pair in time["conflicts"]}
    assert pairs == {("a1", "a3"), ("a2", "a3")}  # "yesterday" on the 11th is Thursday the 10th, as in a2


@pytest.mark.parametrize("text", [
    "A magnitude 6 quake can cause severe damage.",
    "In 2005 a quake struck the island. It killed 612 people.",
])
def test_generic_sentences_and_what_a_background_sentence_goes_on_to_say_are_background(text):
    from claimdiff.verify.facttable import background_claims

    claims = extract_claims_of(text)
    assert background_claims(claims) == {c.id for c in claims}


def extract_claims_of(text):
    from claimdiff.claims import extract_claims

    return extract_claims(Article.from_text(text, outlet="Wire"))


def test_crowd_sizes_are_compared_like_tolls():
    result = compare(accounts("Police said as many as 20,000 people took to the streets of Athens.",
                              "Witnesses said more than 50,000 people marched in Athens.",
                              "About 18,000 people joined the march in Athens."), embedder=TopicEmbedder(["athens"]))
    [crowd] = top(result, "crowd")
    assert crowd["verdict"] == "contradict"
    pairs = {tuple(sorted(c["article"] for c in crowd["cells"] if c["claim"] in pair)) for pair in crowd["conflicts"]}
    assert pairs == {("a1", "a2"), ("a2", "a3")}


@pytest.mark.parametrize("one, two, verdict", [
    ("The women were stabbed in an apartment on Independent Street.",
     "The women were stabbed in the Independence Street apartment.", "contradict"),
    ("The women were stabbed in an apartment on Newton Street.",
     "The women were stabbed in a house in Newton Street.", "agree"),
    ("The women were stabbed in an apartment on Newton Street.",
     "The women were stabbed in the village of Kafr Buhum.", "related"),   # a street may be in the village
])
def test_streets_are_places_compared_with_streets(one, two, verdict):
    result = compare(accounts(one, two), embedder=TopicEmbedder(["stabbed"]))
    assert [r["verdict"] for r in top(result, "place")] == [verdict]


def test_csv_rows_carry_the_verdict_and_values_of_their_own_pair():
    import csv
    import io

    from claimdiff.verify import render

    result = compare(accounts("Two soldiers were killed in the attack.", "The attack killed two soldiers.",
                              "Three soldiers were killed in the attack."), embedder=TopicEmbedder(["attack"]))
    rows = {(r["claim_a"][:2], r["claim_b"][:2]): r for r in csv.DictReader(io.StringIO(render(result, "csv")))
            if r["claim_b"]}
    assert rows[("a1", "a2")]["verdict"] == "agree"
    assert rows[("a1", "a3")]["verdict"] == "contradict"
    assert rows[("a1", "a3")]["differences"] == "number: Two / Three"


@pytest.mark.parametrize("text, value, event", [
    ("On Friday 20 Palestinians were killed in Gaza.", 20, "killed"),
    ("The bomb went off at noon. 12 people were killed.", 12, "killed"),
    ("The gunman killed 3 people, wounding 50.", 3, "killed"),
])
def test_counts_after_a_name_a_sentence_end_or_a_past_verb(text, value, event):
    assert (extract_numbers(text)[0].value, extract_numbers(text)[0].event) == (value, event)


def test_a_long_list_after_a_kill_verb_is_read_in_linear_time():
    # Each "and" is a separator, never a word of a victim's description: no backtracking blow-up (was exponential).
    assert extract_numbers("The gunman killed a " + "man and " * 40 + "then fled the scene quickly") is not None


def test_an_explicit_year_wins_over_the_publication_year():
    [fact] = extract_times("The quake struck on March 5, 2009.", published=date(2013, 6, 1))
    assert fact.date == "2009-03-05"


@pytest.mark.parametrize("one, two, verdict", [
    ("The attack hit the al-Hader district of Hama.", "The attack hit the city of Hama.", "agree"),
    ("The attack hit the al-Hader district.", "The attack hit the city of Aleppo.", "related"),
    ("The attack hit the village of Kafr Buhum.", "The attack hit the village of Tell Salhab.", "contradict"),
])
def test_a_district_and_its_city_may_be_one_place_two_villages_are_two(one, two, verdict):
    result = compare(accounts(one, two), embedder=TopicEmbedder(["attack"]))
    assert [r["verdict"] for r in top(result, "place") if r["verdict"] != "single"] == [verdict]


def test_two_values_one_outlet_gives_side_by_side_are_two_things_not_a_conflict():
    # The first outlet gives both counts (the boats seen and the boats caught): an outlet that gives one of them
    # does not dispute the other, and the row splits into one row per value.
    result = compare(accounts("Six skiffs circled the tanker. The coast guard seized two skiffs.",
                              "The coast guard seized two skiffs.",
                              "Six skiffs circled the tanker before dawn."),
                     embedder=TopicEmbedder(["skiffs"]))
    skiffs = [r for r in top(result, "count") if r["referent"] == "boat"]  # skiffs are boats
    assert sorted((r["verdict"], sorted({c["value"] for c in r["cells"]})) for r in skiffs) == \
        [("agree", ["2"]), ("agree", ["6"])]


def test_an_outlet_never_contradicts_itself_inside_a_group():
    from claimdiff.claims import extract_claims
    from claimdiff.verify.judge import judge

    one = Article.from_text("The gunman fired at 9 a.m. The school was locked down at 11 a.m.", outlet="Daily",
                            id="a1")
    two = Article.from_text("The gunman fired at 9 a.m.", outlet="Weekly", id="a2")
    result = judge(extract_claims(one) + extract_claims(two), 0.5)
    assert result.verdict == "agree" and not result.differences


def test_a_weekday_stays_that_weekday_in_an_article_dated_a_week_later():
    first = Article.from_text("The bodies were found on Saturday morning.", outlet="Daily", published="2025-03-11")
    update = Article.from_text("The bodies were found on Saturday.", outlet="Weekly", published="2025-03-19")
    other = Article.from_text("The bodies were found on Sunday.", outlet="Evening", published="2025-03-11")
    result = compare([first, update, other], embedder=TopicEmbedder(["bodies"]))
    [time] = top(result, "time")
    pairs = {tuple(sorted(c["article"] for c in time["cells"] if c["claim"] in pair)) for pair in time["conflicts"]}
    assert pairs == {("a1", "a3"), ("a2", "a3")}


@pytest.mark.parametrize("one, two, verdict", [
    ("The van hit a cyclist at 40 W. Grand Avenue.", "The van hit a cyclist at 40 West Grand Avenue.", "agree"),
    ("The van hit a cyclist on Utica Avenue.", "The van hit a cyclist in Brooklyn.", "related"),  # a street is no town
])
def test_a_street_is_never_a_town_and_a_longer_name_of_it_is_the_same_street(one, two, verdict):
    result = compare(accounts(one, two), embedder=TopicEmbedder(["cyclist"]))
    assert [r["verdict"] for r in top(result, "place") if r["verdict"] != "single"] == [verdict]


@pytest.mark.parametrize("text", [
    "A retired nurse and mother of three died in the fire.",              # her children are no count
    "Chief Ray Hall and deputy Bill Gray were killed.",                  # only part of the list is named
    "A clerk died and four men, all of them guards, were later treated for burns.",  # "died" is the clerk's
])
def test_no_count_of_the_dead_where_the_text_gives_none(text):
    assert [n.value for n in extract_numbers(text) if n.event == "killed"] in ([], [1.0])
    assert all(n.value != 4 or n.event != "killed" for n in extract_numbers(text))
    assert not any(n.value == 3 for n in extract_numbers(text))


def test_a_participle_after_a_comma_is_what_happened_to_the_next_count():
    shot, killed = extract_numbers("The gunman shot four people, killing two.")
    assert (shot.value, shot.event) == (4, None)
    assert (killed.value, killed.event) == (2, "killed")


@pytest.mark.parametrize("text, background", [
    ("A worker who was laid off last month opened fire on Monday.", False),   # the past describes the worker
    ("The raid came just weeks after gunmen killed four guards in the city.", True),
    ("Last month, gunmen killed four guards in the city.", True),
])
def test_the_past_of_a_person_is_not_another_event(text, background):
    from claimdiff.claims import extract_claims
    from claimdiff.verify.facttable import background_claims

    claims = extract_claims(Article.from_text(text, outlet="Wire"))
    assert bool(background_claims(claims)) is background


@pytest.mark.parametrize("text, value, unit", [
    ("The lenders agreed a 45bn-euro rescue package.", 45e9, "EUR"),
    ("The fund holds 12 billion euros.", 12e9, "EUR"),
    ("A 3 million pound grant was approved.", 3e6, "GBP"),
    ("The bank lent EUR 800 million.", 8e8, "EUR"),
])
def test_sums_of_money_in_any_currency_wording(text, value, unit):
    [quantity] = extract_quantities(text)
    assert (quantity.kind, quantity.value, quantity.unit) == ("money", pytest.approx(value), unit)


def test_a_weight_in_pounds_is_no_sum_of_money():
    assert extract_quantities("Police found a 40-pound bomb and 12 pounds of explosives.") == []


@pytest.mark.parametrize("one, two, verdict", [
    ("The city offered a $5,000 reward for the gunman.", "A reward of $8,000 was offered for the gunman.",
     "contradict"),
    ("The city offered a $5,000 reward for the gunman.", "The storm caused $8,000 of damage to the school.",
     "related"),   # two sums for two things
])
def test_two_sums_conflict_only_when_they_pay_for_the_same_thing(one, two, verdict):
    result = compare(accounts(one, two), embedder=TopicEmbedder(["reward", "storm"]))
    assert [r["verdict"] for r in top(result, "money") if r["verdict"] != "single"] == [verdict]


@pytest.mark.parametrize("one, two, verdict", [
    ("The tanker was seized 80 miles east of Mombasa.", "The tanker was seized 80 miles west of Mombasa.",
     "contradict"),
    ("The tanker was seized 80 miles east of Mombasa.", "The tanker was seized near Mombasa.", "agree"),
])
def test_opposite_sides_of_one_place_conflict(one, two, verdict):
    result = compare(accounts(one, two), embedder=TopicEmbedder(["tanker"]))
    assert [r["verdict"] for r in top(result, "place") if r["verdict"] != "single"] == [verdict]


def test_an_outlet_naming_two_streets_does_not_make_them_one_place():
    # The third outlet names both streets: one outlet's street and the other's are two places it saw, not a
    # discrepancy between the first two.
    result = compare(accounts("The van struck a cyclist on Elm Street.", "The van struck a cyclist on Birch Street.",
                              "The van struck a cyclist on Elm Street. The van struck a cyclist on Birch Street."),
                     embedder=TopicEmbedder(["cyclist"]))
    assert all(r["verdict"] != "contradict" for r in top(result, "place"))


@pytest.mark.parametrize("text, name, parent", [
    ("The quake hit the Aegean island of Samos.", "Samos", "agn"),
    ("Shelling struck the northern Syrian town of Azaz.", "Azaz", None),   # a demonym is no place
])
def test_the_name_after_of_is_the_island_or_the_town(text, name, parent):
    from claimdiff.claims import extract_places

    [place] = extract_places(text)
    assert (place.name, place.parent) == (name, parent)


def test_in_a_quake_story_what_struck_and_killed_is_the_quake():
    result = compare(accounts("The earthquake struck the island on Sunday.", "Ten people died on Sunday."),
                     embedder=TopicEmbedder(["earthquake", "died"]))
    [time] = [r for r in top(result, "time") if r["verdict"] != "single"]
    assert (time["referent"], time["verdict"]) == ("quake", "agree")


@pytest.mark.parametrize("one, two, verdict", [
    ("Video shows the reporter Dana Reyes in an orange jumpsuit.", "Dana Reyes was a freelance reporter.", "related"),
    ("Dana Reyes, 31, was seen in the video.", "The reporter Dana Reyes, 31, worked freelance.", "agree"),
])
def test_naming_the_same_person_is_no_agreement_but_the_same_age_is(one, two, verdict):
    from claimdiff.claims import extract_claims
    from claimdiff.verify.judge import judge

    a = Article.from_text(one, outlet="Daily", id="a1")
    b = Article.from_text(two, outlet="Weekly", id="a2")
    assert judge(extract_claims(a) + extract_claims(b), 0.5).verdict == verdict


@pytest.mark.parametrize("text, value", [
    ("The blast critically injured the deputy chief.", 1),
    ("A shop worker suffered minor injuries.", 1),
    ("Officer Dana Wu, 38, was wounded in the exchange.", 1),
    ("The fire killed two guards and badly injured the night watchman.", 1),
])
def test_people_injured_are_counted_one_by_one_too(text, value):
    assert [n.value for n in extract_numbers(text) if n.event == "injured"] == [value]


def test_no_one_is_no_count():
    assert extract_numbers("No one else was hurt in the blast.") == []


def test_a_list_splits_at_written_counts_not_at_people_named_one_by_one():
    from claimdiff.claims import split_atomic

    text = "The gunman killed two guards and critically injured a third guard before fleeing."
    assert split_atomic(text, 0, len(text)) == [(0, len(text) - 1)]


def test_speeds_falls_and_chases_in_any_unit_are_compared():
    result = compare(accounts("The driver led police on a 20-mile chase at speeds up to 100 mph. "
                              "A hiker fell about 1,000 feet from the ridge.",
                              "Deputies chased the driver for 32km at speeds of up to 161 km/h. "
                              "The hiker plunged 500 metres from the ridge."),
                     embedder=TopicEmbedder(["chase", "fell"]))
    verdicts = {(r["slot"], r["referent"]): r["verdict"] for r in rows(result) if "part_of" not in r}
    assert verdicts[("speed", "speed")] == "agree"
    assert verdicts[("distance", "chase")] == "agree"
    assert verdicts[("distance", "fall")] == "contradict"  # 305 metres against 500


def test_nouns_for_one_kind_of_thing_or_people_share_a_row():
    result = compare(accounts("Three skiffs drifted ashore. Some 40 colleagues left the plant early.",
                              "Three boats drifted ashore. The manager sent 40 employees home early."),
                     embedder=TopicEmbedder(["ashore", "early"]))
    referents = {r["referent"]: r["verdict"] for r in top(result, "count")}
    assert referents == {"boat": "agree", "employee": "agree"}


def test_a_count_given_in_another_claim_of_the_article_still_disputes_the_other_outlets():
    # Only counts given side by side (in the compared claims) are two things; a toll of another event given elsewhere
    # in the article (background: "last year") must not hide that the outlets disagree on this one.
    first = "Three miners were killed in the blast at the pit on Monday. A similar blast last year killed five people."
    second = "Five miners were killed in the blast at the pit on Monday."
    result = compare(accounts(first, second), embedder=TopicEmbedder(["miners", "similar"]))
    assert [r["verdict"] for r in top(result, "killed")] == ["contradict"]


def test_populations_are_one_row_and_a_count_of_people_on_board_is_none():
    result = compare(accounts("The valley, which has about 8,000 inhabitants, was cut off. A bus with 40 people on "
                              "board overturned.",
                              "The valley, home to 8,000 people, was cut off. A bus carrying 30 people overturned.",
                              "The valley has a population of 15,000."),
                     embedder=TopicEmbedder(["valley", "bus"]))
    verdicts = {r["referent"]: r["verdict"] for r in top(result, "count")}
    assert verdicts == {"population": "contradict"}
    parts = [sorted(c["value"] for c in r["cells"]) for r in rows(result, "count") if "part_of" in r]
    assert parts == [["8000", "8000"]]


@pytest.mark.parametrize("text, referents", [
    ("The island, home to 3,500 people, was cut off.", ["population"]),
    ("The island has a population of 3,500.", ["population"]),
    ("The island has 3,500 inhabitants.", ["population"]),
    ("A bus with 40 people on board overturned.", []),
    ("The hall has 300 people inside.", []),
])
def test_a_population_is_how_many_live_there(text, referents):
    from claimdiff.verify.slots import _quantity_cells

    claims = extract_claims_of(text)
    assert [c.referent for claim in claims for c in _quantity_cells(claim, None)] == referents


def test_a_vague_value_agrees_with_each_of_two_conflicting_values():
    result = compare(accounts("More than 100 people marched.", "About 120 people marched.",
                              "Some 200 people marched."), embedder=TopicEmbedder(["marched"]))
    parts = [sorted(c["value"] for c in r["cells"]) for r in rows(result, "crowd") if "part_of" in r]
    assert sorted(parts) == [["100", "120"], ["100", "200"]]


def test_fired_from_a_job_and_the_day_before_another_event_date_nothing():
    times = extract_times("The day before the trial, the man who was fired from the firm on Thursday spoke.",
                          published=date(2025, 3, 11))
    assert all(t.date is None for t in times if "day before" in t.text)
    result = compare(accounts("The gunman, who was fired from the firm on Thursday, shot two men on Monday.",
                              "The gunman shot two men on Monday."), embedder=TopicEmbedder(["shot"]))
    assert [r["verdict"] for r in top(result, "time")] == ["agree"]


@pytest.mark.parametrize("one, two, verdict", [
    ("Nearly 100 people marched to the station.", "About 130 people marched to the station.", "contradict"),
    ("Nearly 100 people marched to the station.", "About 95 people marched to the station.", "agree"),
    ("Almost 100 people marched to the station.", "100 people marched to the station.", "agree"),
])
def test_nearly_is_a_little_under(one, two, verdict):
    result = compare(accounts(one, two), embedder=TopicEmbedder(["marched"]))
    assert [r["verdict"] for r in top(result, "crowd")] == [verdict]


@pytest.mark.parametrize("one, two, verdict", [
    ("Police arrested John Marsh, 41, of Minneapolis, on Friday.", "John Marsh, 41, of Bloomington, was arrested.",
     "contradict"),
    ("Police arrested John Marsh, 41, of Minneapolis, on Friday.", "John Marsh, of Minneapolis, was arrested.",
     "agree"),
])
def test_one_person_living_in_two_towns_is_a_conflict_of_its_own_row(one, two, verdict):
    result = compare(accounts(one, two), embedder=TopicEmbedder(["arrested"]))
    assert [r["verdict"] for r in top(result, "home")] == [verdict]
    assert [r["verdict"] for r in top(result, "person")] != ["contradict"]


def test_a_date_something_is_set_for_is_no_date_of_the_event():
    result = compare(accounts("He was charged in court on Monday. His trial was set for October 28.",
                              "He was charged in court on Monday."), embedder=TopicEmbedder(["court"]))
    assert [(r["verdict"], len(r["cells"])) for r in top(result, "time")] == [("agree", 2)]



def test_how_long_a_standoff_lasted_and_years_at_a_job_are_compared():
    result = compare(accounts("After two hours, the man surrendered. Lee, a 12-year employee, was fired.",
                              "Police locked down the street for almost three hours. Lee worked there for 12 years.",
                              "The 20-year-old was shot. The storm lasted two hours."),
                     embedder=TopicEmbedder(["hours", "years"]))
    verdicts = {r["referent"]: r["verdict"] for r in top(result, "duration")}
    assert verdicts == {"standoff": "contradict", "employment": "agree"}


def test_a_plain_distance_is_compared_inside_a_group_but_never_lined_up_in_the_table():
    result = compare(accounts("People should stay 6 feet apart.", "People should stay 3 feet apart."),
                     embedder=TopicEmbedder(["apart"])).to_dict()
    assert [a["verdict"] for a in result["alignments"] if len(a["claims"]) > 1] == ["contradict"]
    assert [r for r in result["fact_table"] if r["referent"] == "distance"] == []


@pytest.mark.parametrize("one, two, verdict", [
    ("As many as 110,000 workers joined the strike.", "111,800 workers joined the strike.", "agree"),
    ("Up to 10 workers joined the strike.", "11 workers joined the strike.", "contradict"),
])
def test_a_bound_is_a_round_figure(one, two, verdict):
    result = compare(accounts(one, two), embedder=TopicEmbedder(["strike"]))
    assert [r["verdict"] for r in top(result, "crowd")] == [verdict]


@pytest.mark.parametrize("counted, referent", [
    ("trawlers", "boat"), ("fishing boats", "boat"), ("warships", "warship"), ("pistols", "gun"),
    ("hunting rifles", "gun"), ("AK-47s", "gun"), ("M16s", "gun"), ("F-16s", None), ("bullets", "round"),
    ("shots", "round"), ("colleagues", "employee"), ("crewmen", "crew"), ("villages", "village"), ("people", None),
    ("Somali", None),
])
def test_a_count_is_of_a_kind_of_thing_by_meaning(counted, referent):
    from claimdiff.verify.slots import count_referent

    assert count_referent(counted) == referent
