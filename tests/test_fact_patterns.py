"""One case per kind of fact the issue lists: numbers, places, actors, dates and hedges."""
from datetime import date

import pytest

from claimdiff.claims import extract_dates, extract_numbers, extract_places
from claimdiff.claims.facts import (
    ELSEWHERE,
    event_anchor,
    event_kind,
    extract_actors,
    extract_hedges,
    extract_perpetrators,
    extract_quantities,
    perpetrator_side,
)
from claimdiff.sources.clauses import named_entities, parse_sentences

PUBLISHED = date(2025, 3, 11)  # a Tuesday


@pytest.mark.parametrize("text, value, vague, event", [
    ("two soldiers were killed", 2, False, "killed"),
    ("12 civilians were wounded", 12, False, "injured"),
    ("a dozen people were arrested", 12, False, "arrested"),
    ("twenty-five fighters were captured", 25, False, "captured"),
    ("1,200 families fled", 1200, False, None),
    ("several officers were injured", None, True, "injured"),
    ("dozens of people were killed", None, True, "killed"),
    ("at least 30 people died", 30, False, "killed"),
])
def test_numbers(text, value, vague, event):
    [number] = extract_numbers(text)
    assert (number.value, number.vague, number.event) == (value, vague, event)
    assert text[number.start:number.end] == number.text


@pytest.mark.parametrize("text, name, qualifier", [
    ("shelling hit rural Hama", "Hama", "rural"),
    ("clashes on the outskirts of Aleppo", "Aleppo", "outskirts of"),
    ("an attack in the Idlib countryside", "Idlib", "rural"),
    ("a raid in Deir ez-Zor", "Deir ez-Zor", None),
    ("a car bomb in al-Bab", "al-Bab", None),
])
def test_places_and_qualifiers(text, name, qualifier):
    places = {p.name: p for p in extract_places(text)}
    assert name in places, places
    assert places[name].qualifier == qualifier


@pytest.mark.parametrize("text, expected", [
    ("on Tuesday", (date(2025, 3, 11), date(2025, 3, 11))),
    ("on Monday night", (date(2025, 3, 10), date(2025, 3, 10))),
    ("last Tuesday", (date(2025, 3, 4), date(2025, 3, 4))),
    ("yesterday", (date(2025, 3, 10), date(2025, 3, 10))),
    ("last week", (date(2025, 3, 3), date(2025, 3, 9))),
    ("since December 8", (date(2024, 12, 8), PUBLISHED)),
    ("on 14 January 2025", (date(2025, 1, 14), date(2025, 1, 14))),
])
def test_dates_resolve_against_publication(text, expected):
    [found] = extract_dates(text, PUBLISHED)
    assert (found.earliest, found.latest) == expected


@pytest.mark.parametrize("word", ["reportedly", "allegedly", "purportedly", "likely", "apparently", "may have"])
def test_hedges(word):
    assert extract_hedges(f"Rebels {word} seized the town") == [word]


def test_actors_named_units_ministries_and_groups():
    actors = extract_actors("The Interior Ministry said the 4th Division and the police pursued the gunmen.")
    assert "Interior Ministry" in actors and "police" in actors and "gunmen" in actors
    assert any("Division" in a for a in actors)


@pytest.mark.parametrize("text, perpetrator, specific", [
    ("Gunmen ambushed a police patrol near Kafr Buhum", "Gunmen", False),
    ("the patrol came under fire from gunmen hiding in olive groves", "gunmen", False),
    ("Yesterday a drone struck the car", "drone", False),
    ("the market was shelled by government forces on Monday", "government forces", True),
    ("Islamic State claimed responsibility for the attack", "Islamic State", True),
    ("an attack by Hayat Tahrir al-Sham fighters killed two soldiers", "Hayat Tahrir al-Sham fighters", True),
    ("On Monday Turkish drones struck a car near Qamishli", "Turkish drones", True),
    ("police opened fire on the protesters", "police", True),
])
def test_perpetrators_as_written_and_whether_they_commit_to_someone(text, perpetrator, specific):
    assert extract_perpetrators(text) == [perpetrator]
    assert (perpetrator_side(perpetrator) is not None) == specific


def test_no_perpetrator_in_a_plain_casualty_report():
    assert extract_perpetrators("Two soldiers were killed in an attack on an army checkpoint") == []


@pytest.mark.parametrize("text, value, counted, event", [
    ("The coast guard stopped a four-boat smuggling run.", 4, "boat", None),
    ("Troops captured 14 suspected smugglers near the port.", 14, "suspected smugglers", "arrested"),
    ("Police nabbed 9 Albanian and Greek robbers.", 9, "albanian and greek robbers", "arrested"),
    ("Officers apprehended three suspects at dawn.", 3, "suspects", "arrested"),
    ("Guards found 31 M16 rifles in the truck.", 31, "m16 rifles", None),
])
def test_counts_in_compounds_and_offenders_captured(text, value, counted, event):
    [number] = extract_numbers(text)
    assert (number.value, number.of, number.event) == (value, counted, event)


@pytest.mark.parametrize("text, counts", [
    ("Rebels freed 12 Kenyan and two Ugandan hostages.", [(12, "kenyan"), (2, "ugandan hostages")]),
    ("Rebels freed 14 Kenyan and Ugandan hostages.", [(14, "kenyan and ugandan hostages")]),
])
def test_a_pair_of_nationalities_belongs_to_one_count_unless_each_has_its_own(text, counts):
    assert [(n.value, n.of) for n in extract_numbers(text)] == counts


@pytest.mark.parametrize("text, values", [
    ("twenty-five rebels were captured", [25]),
    ("a 30-mile pursuit ended in a crash", []),
    ("She was a 12-year employee of the bank", []),
    ("The convoy left Route 9 in Kandahar", []),
    ("Police found 12 XR 15 rifles in the van.", [12]),
])
def test_compounds_that_are_measures_models_or_names_count_nothing_new(text, values):
    assert [n.value for n in extract_numbers(text)] == values


@pytest.mark.parametrize("text, value, event", [
    ("A 33-year-old mother of five died after her boat capsized.", 1, "killed"),
    ("Her husband and son were found dead in the flat.", 2, "killed"),
    ("Divers recovered the bodies of Lena Fisk, 44, and her brother Tom Fisk, 39.", 2, "killed"),
    ("She is charged with the killings of her landlord Omar Velez and neighbour Ruth Kim last spring.", 2, "killed"),
    ("A night-shift worker was treated in a hospital for burns.", 1, "injured"),
])
def test_people_dead_or_hurt_named_one_by_one_in_more_wordings(text, value, event):
    [number] = extract_numbers(text)
    assert (number.value, number.event) == (value, event)


@pytest.mark.parametrize("text, value", [
    ("The driver hit and killed a man crossing the road.", 1),
    ("Detectives questioned a van driver about the death of a cyclist on the towpath.", 1),
    ("On the floor, Tom Reed, 52, the owner of the shop, lay dead.", 1),
    ("He stabbed his ex-wife and his stepson to death.", 2),
])
def test_one_victim_in_a_participle_a_death_of_or_an_appositive(text, value):
    [number] = extract_numbers(text)
    assert (number.value, number.event) == (value, "killed")


def test_a_surname_ending_like_a_kinship_word_is_no_kind_of_person():
    [number] = extract_numbers("The van hit and killed a 70-year-old Mary Ann Robinson in the lot.")
    assert (number.value, number.event, number.of) == (1, "killed", "people")


@pytest.mark.parametrize("text, kind", [
    ("At the hearing on Friday the defendant pleaded not guilty.", "trial"),
    ("She smiled after hearing the good news at lunch.", None),
])
def test_a_court_hearing_is_a_trial_event_hearing_a_noise_is_not(text, kind):
    assert event_kind(text) == kind


@pytest.mark.parametrize("text, when, anchor", [
    ("Shots were fired at the checkpoint on Monday.", "on Monday", "attack"),
    ("Rockets were fired at the town on Monday.", "on Monday", "attack"),
    ("Gunmen fired from a rooftop on Monday.", "on Monday", "attack"),
    ("Police were fired on from a rooftop on Monday.", "on Monday", "attack"),
    ("Two mortar rounds were fired on Monday.", "on Monday", "attack"),
    ("The man who was fired from the firm on Thursday spoke.", "on Thursday", ELSEWHERE),
    ("The coach was fired on Thursday.", "on Thursday", ELSEWHERE),
    ("She was fired from the bakery on Thursday.", "on Thursday", ELSEWHERE),
    ("The players were fired from the team on Thursday.", "on Thursday", ELSEWHERE),
])
def test_fired_is_a_dismissal_only_for_a_person_fired_or_fired_from_a_job(text, when, anchor):
    [doc] = named_entities().pipe(parse_sentences([text]))
    start = text.rindex(when)
    assert event_anchor(doc, start, start + len(when)) == anchor


@pytest.mark.parametrize("text, counts", [
    ("The shock had a magnitude of 6.3 and killed nine people on Friday.", [(9, "killed")]),
    ("The tremor measured 4.7 and injured 22 residents.", [(22, "injured")]),
    ("Officials rated the shock at magnitude 5.2; three villagers were killed.", [(3, "killed")]),
])
def test_a_magnitude_is_never_a_count_of_the_dead_or_hurt(text, counts):
    assert [(n.value, n.event) for n in extract_numbers(text)] == counts


@pytest.mark.parametrize("text, kind, value", [
    ("The tremor measured 4.7 and injured 22 residents.", "magnitude", 4.7),
    ("The tunnel measured 2.5 miles end to end.", "distance", 2.5 * 1609),
])
def test_a_measured_figure_is_read_whole(text, kind, value):
    [quantity] = extract_quantities(text)
    assert (quantity.kind, quantity.value) == (kind, value)


@pytest.mark.parametrize("text", [
    "He carried a 12-gauge shotgun into the store.",
    "The crew used a two-way radio to call for help.",
    "The guests stayed at a 4-star hotel near the beach.",
    "Three-quarters of the village was flooded.",
])
def test_a_compound_that_ranks_or_describes_counts_nothing(text):
    assert extract_numbers(text) == []
