from datetime import date

import pytest

from claimdiff.claims import extract_claims, extract_dates, extract_numbers, extract_places, place_key, split_atomic
from claimdiff.sources import Article


def claims_of(text, published=None):
    return extract_claims(Article.from_text(text, outlet="Daily", published=published))


@pytest.mark.parametrize("a, b", [
    ("Deir ez-Zor", "Deir al-Zour"), ("al-Bab", "Al Bab"), ("Kafr Buhum", "Kfar Bohom"), ("Hama", "Hamah"),
])
def test_spelling_variants_share_one_key(a, b):
    assert place_key(a) == place_key(b)


def test_different_places_differ():
    assert place_key("Hama") != place_key("Homs")
    assert place_key("al-Hader") != place_key("Kafr Buhum")


def test_numbers_in_words_and_digits_with_what_they_count():
    numbers = extract_numbers("Two soldiers were killed and 12 civilians wounded, while a dozen were arrested.")
    assert [(n.value, n.event, n.group) for n in numbers] == [
        (2, "killed", "army"), (12, "injured", "civilians"), (12, "arrested", None)]


def test_vague_numbers_stay_vague():
    [several] = extract_numbers("several others were captured")
    assert several.vague and several.value is None and several.event == "captured"
    [dozens] = extract_numbers("dozens of people were injured")
    assert dozens.vague and dozens.low == 24


def test_years_times_and_distances_are_not_counts():
    assert extract_numbers("In 2024, at 10:30 the convoy drove 10 kilometres on March 3.") == []


def test_places_with_qualifiers_and_containment():
    places = extract_places("gunmen attacked the al-Hader district of Hama and a village in rural Idlib")
    by_name = {p.name: p for p in places}
    assert by_name["al-Hader"].parent == place_key("Hama")
    assert by_name["Idlib"].qualifier == "rural"
    village = extract_places("near the village of Kafr Buhum in rural Hama")
    assert {p.name: p.parent for p in village}["Kafr Buhum"] == place_key("Hama")


def test_relative_dates_resolve_against_publication_date():
    published = date(2025, 3, 11)  # a Tuesday
    [monday] = extract_dates("on Monday night", published)
    assert monday.value == date(2025, 3, 10)
    [week] = extract_dates("since last week", published)
    assert (week.earliest, week.latest) == (date(2025, 3, 3), date(2025, 3, 9))
    [yesterday] = extract_dates("yesterday", published)
    assert yesterday.value == date(2025, 3, 10)
    [absolute] = extract_dates("on January 14", published)
    assert absolute.value == date(2025, 1, 14)
    # Without a publication date a relative date stays unresolved: no evidence either way.
    assert extract_dates("on Monday", None)[0].value is None


def test_counted_list_becomes_one_claim_per_count():
    text = "The attack left three dead, dozens wounded and the arrest of five suspects."
    spans = split_atomic(text, 0, len(text))
    pieces = [text[s:e] for s, e in spans]
    assert len(pieces) == 3
    assert pieces[0].startswith("The attack left three dead")
    assert "dozens wounded" in pieces[1] and "five suspects" in pieces[2]


@pytest.mark.parametrize("text", [
    "The coast guard seized 12 rifles, 40 magazines and 600 rounds of ammunition from the boat.",
    "The charges include one count of arson and two counts of criminal damage.",
])
def test_a_list_of_things_no_event_counts_stays_one_claim(text):
    assert split_atomic(text, 0, len(text)) == [(0, len(text) - 1)]


def test_coordinated_clauses_split():
    text = "Gunmen attacked the checkpoint on Monday, and two soldiers were killed in the exchange."
    assert len(split_atomic(text, 0, len(text))) == 2


@pytest.mark.parametrize("text, pieces", [
    ("The cyclist, a woman from the U. S. but living in Lyon, lost control and crashed into a wall.", 1),
    ("The suspect was shot by police while fleeing the scene of the robbery.", 1),
    ("Police searched the whole house, but nothing was found in the basement.", 2),
    # A noun or preposition ending like a participle starts a clause all the same; so does a participle after ";".
    ("The fair opened on Friday, but morning rides were cancelled because of the wind.", 2),
    ("The bridge was closed for repairs, but according to the council it will reopen in June.", 2),
    ("The ferry was delayed for hours; stranded passengers were given blankets.", 2),
])
def test_but_and_while_split_only_before_a_clause_of_their_own(text, pieces):
    assert len(split_atomic(text, 0, len(text))) == pieces


def test_claim_spans_slice_the_article_text_and_keep_attribution():
    text = "title: X\n\nTwo soldiers were killed on Monday and several others were captured, the army said."
    found = claims_of(text, published="2025-03-11")
    assert len(found) == 2
    for claim in found:
        assert text[claim.start:claim.end] == claim.text
        assert claim.chain == ["army", "Daily"] or claim.source.name == "the army"
        assert claim.facts.dates[0].value == date(2025, 3, 10)


def test_hedges_mark_a_claim():
    [claim] = claims_of("Rebels reportedly seized the town.")
    assert claim.hedged and claim.facts.hedges == ["reportedly"]
    [plain] = claims_of("Rebels seized the town.")
    assert not plain.hedged


def test_contract_fields():
    [claim] = claims_of("Two soldiers were killed in Hama, the army said.")
    data = claim.to_dict()
    assert {"id", "article", "text", "start", "end", "sources", "hedged", "facts"} <= set(data)
    assert {"numbers", "places", "actors", "dates"} <= set(data["facts"])
    assert data["facts"]["numbers"][0] == {**data["facts"]["numbers"][0], "value": 2, "text": "Two", "of": "soldiers"}
    assert "army" in data["facts"]["actors"]


def test_each_claim_carries_the_span_of_its_sentence():
    from claimdiff.claims import extract_claims
    from claimdiff.sources import Article

    article = Article.from_text("Two soldiers were killed and three were wounded, the agency said. Roads were closed.",
                                outlet="Wire")
    claims = extract_claims(article)
    sentences = {c.text: article.text[c.sentence[0]:c.sentence[1]] for c in claims}
    assert sentences["three were wounded"] == "Two soldiers were killed and three were wounded, the agency said."
    assert sentences["Roads were closed"] == "Roads were closed."
    assert claims[0].to_dict()["sentence"] == {"start": 0, "end": 65}


def test_the_outlet_and_the_places_are_no_people():
    from claimdiff.claims import extract_claims
    from claimdiff.sources import Article

    article = Article.from_text(
        "Meridian Wire reported gunfire in Kafr Buhum on Monday. Police said Adnan Khalil, 52, was killed near the "
        "village of Kafr Buhum.", outlet="Meridian Wire", published="2025-03-11")
    people = {p.name for c in extract_claims(article) for p in c.facts.persons}
    assert "Meridian Wire" not in people and "Kafr Buhum" not in people
    assert "Adnan Khalil" in people


def test_a_claim_says_what_carried_its_source_and_reads_back_from_its_record():
    claims = claims_of("The water board said the dam burst on Sunday. The flood also cut the main road.")
    burst, cut = claims
    assert (burst.inherited, burst.inherited_by) == (False, None)
    assert "inherited" not in cut.record()
    assert (cut.inherited, cut.inherited_by) == (True, "additive sentence")
    assert cut.to_dict()["inherited_by"] == "additive sentence"
    again = type(cut).from_record(cut.record(), "a1")
    assert (again.inherited, again.inherited_by) == (True, "additive sentence")


@pytest.mark.parametrize("text, claim", [
    # No clause of its own: the figure and what it is of read only with the credit.
    ("The harbour authority put the ship's length at 210 metres.",
     "The harbour authority put the ship's length at 210 metres"),
    ("The organisers estimated the turnout at 4,000.", "The organisers estimated the turnout at 4,000"),
    # A clause about "it" names nothing without the sentence it is in.
    ("The agency in Leeds said it was 4.2.", "The agency in Leeds said it was 4.2"),
    # A content that stands alone is claimed without its credit.
    ("The governor said 50 people were injured.", "50 people were injured"),
])
def test_a_content_that_cannot_stand_alone_is_claimed_with_its_credit(text, claim):
    claims = claims_of(text)
    assert [c.text for c in claims] == [claim]
    assert claims[0].chain[0] != "Daily"


def test_a_claim_read_with_its_credit_takes_its_facts_from_the_content_alone():
    claim, = claims_of("Three witnesses put the death toll at 12.")
    assert claim.text == "Three witnesses put the death toll at 12"
    assert [(n.value, n.event) for n in claim.facts.numbers] == [(12, "killed")]
