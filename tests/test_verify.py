import csv
import io
import json

import pytest

from claimdiff.claims import extract_claims, extract_numbers
from claimdiff.sources import Article, ClaimdiffError
from claimdiff.verify import compare, render
from claimdiff.verify.judge import numbers_compatible, origins
from tests.fakes import TopicEmbedder


def article(text, outlet, published="2025-03-11"):
    return Article.from_text(text, outlet=outlet, published=published)


def only_alignment(comparison):
    assert len(comparison.alignments) == 1, [a.to_dict() for a in comparison.alignments]
    return comparison.alignments[0]


def test_same_count_from_one_agency_with_other_place_and_victims_is_a_contradiction_with_a_shared_origin():
    wire = article("Two soldiers were killed in the al-Hader district of Hama on Monday, the state news agency "
                   "SANA reported, citing a security source. Residents said they heard gunfire.", "Wire")
    regional = article("Two police officers were killed near the village of Kafr Buhum in rural Hama on Monday, "
                       "a police director told the Syrian Arab News Agency.", "Regional")
    result = compare([wire, regional], embedder=TopicEmbedder(["killed"]))
    group = only_alignment(result)
    assert group.verdict == "contradict"
    assert {d.slot for d in group.differences} == {"place", "victims"}
    place = next(d for d in group.differences if d.slot == "place")
    assert place.values == {"a1-c1": ["al-Hader"], "a2-c1": ["Kafr Buhum"]}
    number = next(a for a in group.agreements if a.slot == "number")
    assert number.to_dict() == {"slot": "number", "event": "killed", "value": 2,
                                "values": {"a1-c1": ["Two"], "a2-c1": ["Two"]}}
    assert group.shared_origin == "SANA" and group.independent_origins == 1
    assert result.unique == {"a1": ["a1-c2"], "a2": []}


def test_independent_accounts_agree_without_a_shared_origin():
    one = article("Residents said they heard heavy gunfire through the night in Hama.", "Wire")
    two = article("Villagers told us they heard gunfire through the night in Hamah.", "Local")
    group = only_alignment(compare([one, two], embedder=TopicEmbedder(["gunfire"])))
    assert group.verdict == "agree"
    assert group.shared_origin is None and group.independent_origins == 2
    # The agreed value as the first outlet writes it, with every outlet's spelling as evidence.
    assert {"slot": "place", "value": ["Hama"], "values": {"a1-c1": ["Hama"], "a2-c1": ["Hamah"]}} in [
        a.to_dict() for a in group.agreements]


@pytest.mark.parametrize("a, b, compatible", [
    ("10 injured", "several injured", True),
    ("at least 3 killed", "5 killed", True),
    ("at least 6 killed", "5 killed", False),
    ("2 killed", "3 killed", False),
    ("about 100 killed", "95 killed", True),
])
def test_number_compatibility(a, b, compatible):
    [x], [y] = extract_numbers(a), extract_numbers(b)
    assert numbers_compatible(x, y) is compatible


def test_different_counts_contradict_and_vague_ones_do_not():
    base = article("Three soldiers were killed in Hama.", "A")
    other = article("Five soldiers were killed in Hama.", "B")
    vague = article("Several soldiers were killed in Hama.", "C")
    group = only_alignment(compare([base, other], embedder=TopicEmbedder(["killed"])))
    assert group.verdict == "contradict"
    assert group.differences[0].to_dict() == {"slot": "number", "event": "killed",
                                              "values": {"a1-c1": ["Three"], "a2-c1": ["Five"]}}
    assert only_alignment(compare([base, vague], embedder=TopicEmbedder(["killed"]))).verdict == "agree"


def test_a_town_inside_the_province_is_not_a_place_conflict():
    one = article("Gunmen attacked the al-Hader district of Hama on Monday.", "A")
    two = article("Gunmen attacked a checkpoint in Hama on Monday.", "B")
    group = only_alignment(compare([one, two], embedder=TopicEmbedder(["gunmen"])))
    assert not [d for d in group.differences if d.slot == "place"]


def test_distant_dates_keep_look_alike_events_apart_and_unknown_dates_do_not():
    monday = article("Gunmen attacked a checkpoint in Hama on March 10.", "A")
    earlier = article("Gunmen attacked a checkpoint in Hama on February 2.", "B")
    undated = article("Gunmen attacked a checkpoint in Hama.", "C")
    apart = compare([monday, earlier], embedder=TopicEmbedder(["gunmen"]), threshold=0.9)
    assert apart.alignments == []
    together = compare([monday, undated], embedder=TopicEmbedder(["gunmen"]), threshold=0.9)
    assert len(together.alignments) == 1


def test_groups_hold_one_claim_per_article_across_many_articles():
    articles = [article("Gunmen attacked a checkpoint in Hama. The gunmen fled west.", f"Outlet {i}")
                for i in range(5)]
    result = compare(articles, embedder=TopicEmbedder(["attacked", "fled"]))
    assert len(result.alignments) == 2
    for group in result.alignments:
        owners = [c.split("-")[0] for c in group.claims]
        assert sorted(owners) == sorted(set(owners)) and len(owners) == 5


def test_a_claim_restating_its_own_article_joins_the_group():
    lead = article("Two soldiers were killed in Hama. Schools closed. Both soldiers were killed at dawn.", "A")
    other = article("Two soldiers were killed in Hama on Monday.", "B")
    result = compare([lead, other], embedder=TopicEmbedder(["killed"]))
    assert only_alignment(result).claims == ["a1-c1", "a1-c3", "a2-c1"]
    assert result.unique == {"a1": ["a1-c2"], "a2": []}


def test_hedged_and_party_claims_carry_caveats():
    one = article("Rebels reportedly seized the town of Saraqib, the Syrian army said.", "A")
    two = article("Rebels seized the town of Saraqib.", "B")
    group = only_alignment(compare([one, two], embedder=TopicEmbedder(["seized"])))
    assert any("hedged" in c for c in group.caveats)
    assert any("party to the conflict" in c for c in group.caveats)


def test_origins_count_independent_chains():
    claims = [
        *extract_claims(Article.from_text("Two people died in Hama, SANA reported.", outlet="A", id="a1")),
        *extract_claims(Article.from_text("Two people died in Hama, the Syrian Arab News Agency reported.", outlet="B",
                                          id="a2")),
        *extract_claims(Article.from_text("Two people died in Hama, a security source said.", outlet="C", id="a3")),
    ]
    assert origins(claims[:2])[:2] == ("SANA", 1)
    assert origins(claims)[:2] == (None, 2)


def test_compare_needs_two_articles():
    with pytest.raises(ClaimdiffError, match="at least two"):
        compare([article("One story.", "A")], embedder=TopicEmbedder([]))


def test_json_contract_fields():
    one = article("Two soldiers were killed in Hama, SANA reported.", "A")
    two = article("Two soldiers died in Hama, SANA said. Schools closed.", "B")
    data = json.loads(render(compare([one, two], embedder=TopicEmbedder(["soldiers"])), "json"))
    assert set(data) >= {"articles", "claims", "alignments", "unique"}
    assert set(data["articles"][0]) >= {"id", "outlet", "title", "published", "path"}
    assert set(data["claims"][0]) >= {"id", "article", "text", "start", "end", "sources", "hedged", "facts"}
    assert set(data["claims"][0]["sources"][0]) >= {"name", "kind", "chain"}
    assert set(data["alignments"][0]) >= {"claims", "similarity", "verdict", "differences", "agreements",
                                          "shared_origin"}
    assert data["unique"] == {"a1": [], "a2": ["a2-c2"]}


def test_reports_escape_hostile_text_and_neutralise_formulas():
    one = article('<script>alert(1)</script> Two soldiers were killed. =HYPERLINK("x") soldiers fled.', "A<b>")
    two = article("<img src=x onerror=alert(1)> Two soldiers were killed.", "B")
    result = compare([one, two], embedder=TopicEmbedder(["killed"]))
    page = render(result, "html")
    assert "<script>" not in page and "<img" not in page and "&lt;script&gt;" in page and "A&lt;b&gt;" in page
    rows = list(csv.reader(io.StringIO(render(result, "csv"))))
    texts = [cell for row in rows for cell in row]
    assert all(not cell.startswith(("=", "+", "@")) for cell in texts)
    assert any(cell.startswith("'=HYPERLINK") for cell in texts)
    markdown = render(result, "md")
    assert "# claimdiff report" in markdown and "A&lt;b&gt;" in markdown and "A<b>" not in markdown


def test_outright_denial_is_a_contradiction():
    claim = article("The video shows a shark swimming on a flooded highway.", "A")
    denial = article("The video of a shark swimming on a flooded highway is a hoax.", "B")
    group = only_alignment(compare([claim, denial], embedder=TopicEmbedder(["shark"])))
    assert group.verdict == "contradict"
    assert group.differences[0].slot == "denial"
    assert group.differences[0].values["a2-c1"] == ["hoax"]


def test_a_hedged_claim_does_not_confirm_an_assertion():
    plain = article("Rebels seized the town of Saraqib on Monday.", "A")
    hedged = article("Rebels reportedly seized the town of Saraqib on Monday.", "B")
    both = article("Rebels allegedly seized the town of Saraqib on Monday.", "C")
    assert only_alignment(compare([plain, hedged], embedder=TopicEmbedder(["seized"]))).verdict == "related"
    assert only_alignment(compare([hedged, both], embedder=TopicEmbedder(["seized"]))).verdict == "agree"


@pytest.mark.parametrize("first, second, slot", [
    ("Turkish drones struck a car near Qamishli on Monday.", "The Syrian army struck a car near Qamishli on Monday.",
     "differences"),
    ("Islamic State claimed responsibility for the attack on the checkpoint.",
     "The attack on the checkpoint was carried out by the army.", "differences"),
    ("Police opened fire on the protesters in Daraa.", "Soldiers opened fire on the protesters in Daraa.",
     "differences"),
    ("The Syrian army shelled the market in Idlib.", "The market in Idlib was shelled by government forces.",
     "agreements"),
    ("Gunmen attacked the checkpoint in Hama.", "Islamic State fighters attacked the checkpoint in Hama.", None),
])
def test_who_carried_it_out_is_the_actor_slot_and_vague_attackers_never_conflict(first, second, slot):
    topics = ["market", "qamishli", "checkpoint", "protesters"]
    result = compare([article(first, "A"), article(second, "B")], embedder=TopicEmbedder(topics))
    group = only_alignment(result)
    differs = [d for d in group.differences if d.slot == "actor"]
    agrees = [a for a in group.agreements if a.slot == "actor"]
    assert bool(differs) == (slot == "differences") and bool(agrees) == (slot == "agreements"), group.to_dict()
    if differs:
        assert group.verdict == "contradict" and len(differs[0].values) == 2
