"""One case per way news attributes a statement (issue: "Who said what"), each asserting source, chain and content."""
import pytest

from sources import Article, attribute

OUTLET = "Daily"

# (text, expected source name, expected chain, expected content)
CASES = [
    # Reporting verbs, tenses and voices.
    ("The army said two soldiers were killed.", "army", ["the army", OUTLET], "two soldiers were killed"),
    ("The army says two soldiers were killed.", "army", ["the army", OUTLET], "two soldiers were killed"),
    ("The army has said that two soldiers were killed.", "army", ["the army", OUTLET], "two soldiers were killed"),
    ("The ministry told reporters that the border was closed.", "ministry", ["the ministry", OUTLET],
     "the border was closed"),
    ("The governor informed residents that the curfew would end.", "governor", ["The governor", OUTLET],
     "the curfew would end"),
    ("The spokesman noted that the talks had stalled.", "spokesman", ["The spokesman", OUTLET],
     "the talks had stalled"),
    ("The minister added that more troops would be sent.", "minister", ["The minister", OUTLET],
     "more troops would be sent"),
    ("Reuters reported that the convoy had left Idlib.", "Reuters", ["Reuters", OUTLET], "the convoy had left Idlib"),
    ("The ministry stated that the attack was repelled.", "ministry", ["The ministry", OUTLET],
     "the attack was repelled"),
    ("The opposition accused the government of shelling the market.", "opposition", ["The opposition", OUTLET],
     "the government"),
    ("The ministry condemned the attack on the hospital.", "ministry", ["The ministry", OUTLET],
     "the attack on the hospital"),
    ("The group vowed to continue its operations.", "group", ["The group", OUTLET], "to continue its operations"),
    ("The rebels threatened to retaliate against the town.", "rebels", ["The rebels", OUTLET],
     "to retaliate against the town"),
    ("The militia claimed that it had shot down a drone.", "militia", ["The militia", OUTLET],
     "it had shot down a drone"),
    ("The army denied that civilians were killed.", "army", ["The army", OUTLET], "civilians were killed"),
    ("Officials confirmed that the bridge had collapsed.", "Officials", ["Officials", OUTLET],
     "the bridge had collapsed"),
    # "according to", citing, "as reported by".
    ("According to the health ministry, 12 people were wounded.", "health ministry",
     ["the health ministry", OUTLET], "12 people were wounded"),
    ("Twelve people were wounded, according to the health ministry.", "health ministry",
     ["the health ministry", OUTLET], "Twelve people were wounded"),
    ("According to SANA, citing a military source, two soldiers were killed.", "SANA",
     ["a military source", "SANA", OUTLET], "two soldiers were killed"),
    ("SANA reported, referencing a security source, that the road was cut.", "SANA",
     ["a security source", "SANA", OUTLET], "the road was cut"),
    ("The road was closed on Tuesday, as reported by residents.", "residents", ["residents", OUTLET],
     "The road was closed on Tuesday"),
    # "X told Y that": nested chains official -> agency -> outlet.
    ("Colonel Ahmad Khalil, head of the provincial police, told the state news agency (SANA) that two officers died.",
     "Colonel Ahmad Khalil", ["Colonel Ahmad Khalil", "SANA", OUTLET], "two officers died"),
    ("A police director told the Syrian Arab News Agency that the patrol was ambushed.", "police director",
     ["A police director", "SANA", OUTLET], "the patrol was ambushed"),
    ("Residents told AFP they heard explosions all night.", "Residents", ["Residents", "AFP", OUTLET],
     "they heard explosions all night"),
    # "in a statement", "in video footage".
    ("In a statement, the Interior Ministry said the attackers were arrested.", "Interior Ministry",
     ["the Interior Ministry", OUTLET], "the attackers were arrested"),
    ("The army said in a statement that two soldiers were killed.", "army", ["The army", OUTLET],
     "two soldiers were killed"),
    ("In video footage posted online, a man says the building was hit twice.", "man", ["a man", OUTLET],
     "the building was hit twice"),
    ("The governor condemned the attack in a statement on Tuesday.", "governor", ["The governor", OUTLET],
     "the attack"),
    ("The minister responded on Tuesday by saying the border would stay open.", "minister",
     ["The minister", OUTLET], "the border would stay open"),
    # Quotes with the speaker before, inside and after.
    ('The mayor said: "We will rebuild the school."', "mayor", ["The mayor", OUTLET], "We will rebuild the school"),
    ('"We will rebuild the school," the mayor said.', "mayor", ["the mayor", OUTLET], "We will rebuild the school"),
    ('"We will rebuild the school," said the mayor.', "mayor", ["the mayor", OUTLET], "We will rebuild the school"),
    ('"We will rebuild," the mayor said, "and we will do it this year."', "mayor", ["the mayor", OUTLET],
     "We will rebuild"),
]


@pytest.mark.parametrize("text, name, chain, content", CASES, ids=[c[0][:50] for c in CASES])
def test_attribution_pattern(text, name, chain, content):
    statements = [s for s in attribute(Article.from_text(text, outlet=OUTLET)) if s.source]
    assert statements, "no attribution found"
    first = statements[0]
    assert name.lower() in first.source.name.lower()
    assert [c.lower() for c in first.source.chain] == [c.lower() for c in chain]
    assert first.content.text == content
    assert text[first.source.start:first.source.end] == first.source.text


def test_multi_sentence_quote_keeps_its_speaker():
    text = ('"We heard the first blast at midnight. Then the windows broke. Nobody came to help us," said Umm Khaled, '
            'a resident.')
    statements = attribute(Article.from_text(text, outlet=OUTLET))
    assert all(s.source and s.source.name == "Umm Khaled" for s in statements), [s.to_dict() for s in statements]
    said = " ".join(s.content.text for s in statements)
    assert "We heard the first blast at midnight" in said and "Nobody came to help us" in said
    assert statements[-1].cue.text == "said"


def test_quote_split_over_sentences_gets_the_speaker_named_at_its_end():
    text = ('"We heard the first blast at midnight.\n\n"Then the windows broke," said Umm Khaled.\n\n'
            "The army said the area was calm.")
    statements = attribute(Article.from_text(text, outlet=OUTLET))
    assert [s.source.name if s.source else None for s in statements] == ["Umm Khaled", "Umm Khaled", "The army"]


@pytest.mark.parametrize("follow, mention", [
    ("The attack left the guard post damaged.", None),
    ("He noted that the road was closed.", "He"),
    ("The source noted that the road was closed.", "The source"),
    ("The colonel added that the road was closed.", "The colonel"),
])
def test_inheritance_to_the_next_sentence(follow, mention):
    text = f"Colonel Ahmad Khalil told SANA that gunmen attacked the checkpoint. {follow}"
    first, second = attribute(Article.from_text(text, outlet=OUTLET))[:2]
    assert second.inherited
    assert second.source.chain == first.source.chain == ["Colonel Ahmad Khalil", "SANA", OUTLET]
    assert (second.source.text if second.cue else None) == mention


def test_a_transcript_turn_speaks_its_whole_paragraph_and_relays_what_it_reports():
    text = ('Partial transcript as follows:\n\n'
            '"WALLACE: Let us start with the debate. The campaign announced that Cuban would sit in the front row. '
            'Will Flowers be there?\n\n'
            '"PENCE: Flowers will not attend. Our campaign is focused on the issues.')
    statements = attribute(Article.from_text(text, outlet=OUTLET))
    chains = {s.content.text: (s.source.chain if s.source else None, s.inherited) for s in statements}
    assert chains["Let us start with the debate"] == (["WALLACE", OUTLET], False)
    assert chains["Cuban would sit in the front row"] == (["The campaign", "WALLACE", OUTLET], False)
    assert chains["Will Flowers be there?"] == (["WALLACE", OUTLET], True)
    assert chains["Flowers will not attend"] == (["PENCE", OUTLET], False)
    assert chains["Our campaign is focused on the issues."] == (["PENCE", OUTLET], True)


def test_a_multi_sentence_quote_credited_after_a_dash_keeps_its_speaker():
    text = ('”Fear. I am truly afraid that he will win. If he wins our town is in serious trouble.” ― Edwin G. Monroy\n'
            '“He is clueless about our struggles.” ― Ana Ruiz, a teacher')
    statements = attribute(Article.from_text(text, outlet=OUTLET))
    speakers = [(s.content.text.strip("”“"), s.source.name if s.source else None) for s in statements]
    assert speakers == [("Fear.", "Edwin G. Monroy"), ("I am truly afraid that he will win.", "Edwin G. Monroy"),
                        ("If he wins our town is in serious trouble.", "Edwin G. Monroy"),
                        ("He is clueless about our struggles.", "Ana Ruiz")]
