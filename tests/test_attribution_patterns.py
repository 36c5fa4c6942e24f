"""One case per way news attributes a statement (issue: "Who said what"), each asserting source, chain and content."""
import pytest

from claimdiff.sources import Article, attribute

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
    # Credits the parser used to miss: a title ending in a full stop, a parenthetical "X said,", "quoted X as
    # saying", "issued a statement announcing", and a clause whose subject the parser took for the object of "said".
    ("The fire spread to the roof, Capt. Dana Morrow said.", "Dana Morrow", ["Capt. Dana Morrow", OUTLET],
     "The fire spread to the roof"),
    ("The boat capsized near the pier, said Sgt. Omar Reyes.", "Omar Reyes", ["Sgt. Omar Reyes", OUTLET],
     "The boat capsized near the pier"),
    ("Instead, the coast guard said, the crew abandoned the ship.", "coast guard", ["the coast guard", OUTLET],
     "the crew abandoned the ship"),
    ("The radio station quoted the mayor as saying the bridge would reopen.", "mayor",
     ["the mayor", "The radio station", OUTLET], "the bridge would reopen"),
    ("The company issued a statement announcing that the plant was closed.", "company", ["The company", OUTLET],
     "the plant was closed"),
    ("Firefighters said three men, all in their forties, escaped through a window.", "Firefighters",
     ["Firefighters", OUTLET], "three men, all in their forties, escaped through a window"),
    # A figure or an identity given by a source, and what a court heard.
    ("The weather service put the storm's top wind speed at 140 km/h.", "weather service",
     ["The weather service", OUTLET], "the storm's top wind speed at 140 km/h"),
    ("Organisers estimated the crowd at 5,000.", "Organisers", ["Organisers", OUTLET], "the crowd at 5,000"),
    ("Police identified the driver as Marta Lind, 52, of Oslo.", "Police", ["Police", OUTLET],
     "the driver as Marta Lind, 52, of Oslo"),
    ("The court heard the boat had no lifejackets on board.", "court", ["The court", OUTLET],
     "the boat had no lifejackets on board"),
    # A description after the speaker's name does not replace it; a name after a description does.
    ('"We lost the harvest," said a tearful Omar Sayed, who farms by the river.', "Omar Sayed",
     ["a tearful Omar Sayed", OUTLET], "We lost the harvest"),
    ("A regional official, Lina Haddad, said the roads were open.", "Lina Haddad", ["Lina Haddad", OUTLET],
     "the roads were open"),
    # "State media" is no one agency, even where the article names the country of one.
    ("Iranian state media said the quake struck at dawn.", "state media", ["Iranian state media", OUTLET],
     "the quake struck at dawn"),
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
    ("The attack also left the guard post damaged.", None),
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
            '"HOST: Let us start with the budget. The committee announced that Ortega would chair the panel. '
            'Will Ortega be there?\n\n'
            '"GUEST: Ortega will not attend. Our party is focused on jobs.')
    statements = attribute(Article.from_text(text, outlet=OUTLET))
    chains = {s.content.text: (s.source.chain if s.source else None, s.inherited) for s in statements}
    assert chains["Let us start with the budget"] == (["HOST", OUTLET], False)
    assert chains["Ortega would chair the panel"] == (["The committee", "HOST", OUTLET], False)
    assert chains["Will Ortega be there?"] == (["HOST", OUTLET], True)
    assert chains["Ortega will not attend"] == (["GUEST", OUTLET], False)
    assert chains["Our party is focused on jobs."] == (["GUEST", OUTLET], True)


def test_a_multi_sentence_quote_credited_after_a_dash_keeps_its_speaker():
    text = ('”Anger. I am deeply worried that the mill will close. If it closes our valley is lost.” '
            '― Rosa T. Delgado\n'
            '“He is clueless about our struggles.” ― Ana Ruiz, a teacher')
    statements = attribute(Article.from_text(text, outlet=OUTLET))
    speakers = [(s.content.text.strip("”“"), s.source.name if s.source else None) for s in statements]
    assert speakers == [("Anger.", "Rosa T. Delgado"),
                        ("I am deeply worried that the mill will close.", "Rosa T. Delgado"),
                        ("If it closes our valley is lost.", "Rosa T. Delgado"),
                        ("He is clueless about our struggles.", "Ana Ruiz")]


# (text, [(a piece of a statement's content, its speaker or None for the outlet)]): a cue-less sentence keeps the
# speaker before it only when it signals so; otherwise the outlet states it itself.
WHO_SAYS_IT = [
    # Background after a credit is the reporter's, in the same paragraph or the next.
    ("The dam burst on Sunday, the water board said. The valley has flooded twice since 1990.\n\n"
     "The town lies 20 miles north of the capital.",
     [("The dam burst on Sunday", "water board"), ("The valley has flooded", None), ("The town lies", None)]),
    # "also" adds to the report before it.
    ("The water board said the dam burst on Sunday. The flood also cut the main road.",
     [("the dam burst on Sunday", "water board"), ("The flood also cut", "water board")]),
    # A quotation paragraph after a credited one goes on with that speaker...
    ('"We saw the wall give way," said Ines Baro, a farmer.\n\n"The whole field was under water by noon."\n\n'
     "The river peaked on Monday.",
     [("We saw the wall give way", "Ines Baro"), ("The whole field was under water", "Ines Baro"),
      ("The river peaked", None)]),
    # ... unless the quotation names its own speaker at its end.
    ('The mayor said the shelters were full.\n\n"We had no blankets left. We had no food either," said Tom Reyes.',
     [("the shelters were full", "mayor"), ("We had no blankets left", "Tom Reyes"),
      ("We had no food either", "Tom Reyes")]),
    # Text stored a sentence a paragraph: the quotation runs on until the mark that closes it.
    ('The agency said roads were closed.\n\n"The water rose very fast.\n\nWe climbed onto the roof, " said Lena Ortiz.',
     [("roads were closed", "agency"), ("The water rose very fast", "Lena Ortiz"),
      ("We climbed onto the roof", "Lena Ortiz")]),
    # A straight mark after a comma closes a quotation begun paragraphs before; what follows is the outlet's.
    ('"The pumps failed first.\n\nThen the levee went, " a spokesman said.\n\nRain is expected again on Friday.',
     [("The pumps failed first", "spokesman"), ("Then the levee went", "spokesman"), ("Rain is expected", None)]),
    # A quotation re-opened with a straight mark after the speaker's name is still the speaker's; the next
    # paragraph of one sentence stays inside it until the mark that closes it.
    ('"We stayed," said Ana Ruiz, " and we watched the water rise.\n\nIt came up to the windows.\n\n'
     'We could not leave, " she added.\n\nThe river fell on Tuesday.',
     [("We stayed", "Ana Ruiz"), ("It came up to the windows", "Ana Ruiz"), ("The river fell", None)]),
    # A quotation over paragraphs of one sentence, credited only where it closes, is the credited speaker's.
    ('The port reopened on Monday.\n\n"The boats came at dawn.\n\nThey fired at the crew.\n\n'
     'Then they fled, " a navy spokesman said.',
     [("The port reopened", None), ("The boats came at dawn", "spokesman"), ("They fired at the crew", "spokesman"),
      ("Then they fled", "spokesman")]),
    # The rest of a credited sentence: before the cue the outlet states it, after it the speaker goes on.
    ("Four hikers were stranded overnight, but rescuers say all of them were found.",
     [("Four hikers were stranded overnight", None), ("all of them were found", "rescuers")]),
    ("Two bridges collapsed in the flood, officials said, and dozens of roads were closed.",
     [("Two bridges collapsed in the flood", "officials"), ("dozens of roads were closed", "officials")]),
]


@pytest.mark.parametrize("text, expected", WHO_SAYS_IT, ids=[c[0][:50] for c in WHO_SAYS_IT])
def test_who_says_each_sentence(text, expected):
    statements = attribute(Article.from_text(text, outlet=OUTLET))
    for piece, speaker in expected:
        statement = next((s for s in statements if piece in s.content.text), None)
        assert statement is not None, (piece, [s.content.text for s in statements])
        if speaker is None:
            assert statement.source is None, (piece, statement.to_dict())
        else:
            assert statement.source and speaker in statement.source.name, (piece, statement.to_dict())


# Sentence ends pysbd finds where a sentence goes on: after a title, an initial, "p. m." before a day, a place
# abbreviation, and a quotation closed by a comma before its credit.
@pytest.mark.parametrize("text, count", [
    ("The crew left at 6 p. m. Tuesday for the harbour, the captain said.", 1),
    ("The ferry left at 6 p. m. Nobody was aboard.", 2),
    ("The ferry left at 6 p. m., the port said.", 1),
    ("Nobody was hurt, Const. Rita Vance said.", 1),
    ("The climbers reached the Ben-Mt. Ross hut at dawn.", 1),
    ('"We are safe, " Rita Vance said.', 1),
    ("The harbour closed. The ferry stayed in port.", 2),
    ("She always waits for us. ”. The ferry stayed in port.", 2),
    # A decimal point spaced off its digits ends no sentence; a year may open one.
    ("Police said a loaded. 22-caliber pistol was found in the car.", 1),
    ("Tests showed a blood alcohol content of. 12 percent, police said.", 1),
    ("The bridge opened in 1998. 2004 brought the first repairs.", 2),
])
def test_sentences_end_only_where_the_sentence_does(text, count):
    from claimdiff.sources import split_sentences

    assert len(split_sentences(Article.from_text(text, outlet=OUTLET))) == count


# (text, [(a piece of a statement's content, the speaker's name, or None for the outlet)]): who a pronoun or a
# description is. Pronouns take the most recent speaker they agree with in number and gender (a title, a role, a
# first name or an earlier "she said" tells it), never an institution for "he"/"she"; descriptions take the speaker
# introduced with that role, of the same number.
WHO_IS_IT = [
    # "she" skips a man and an institution and goes to the woman who spoke last.
    ('Mr Dario Vance said the roads were shut. Police said the village was empty.\n\n'
     '"The school lost its roof," said Laura Menez.\n\nThe first tremor lasted ten seconds, she said.',
     [("The first tremor lasted ten seconds", "Laura Menez")]),
    # "he" skips a spokeswoman to reach the man before her.
    ("The governor, Tomas Reyes, said 40 homes were damaged. A spokeswoman for the Red Cross said tents were sent."
     "\n\nMore aid would come on Monday, he said.",
     [("More aid would come on Monday", "Tomas Reyes")]),
    # A single surname is a person; "Police" is not "he".
    ('Sergeant Omar Whitfield said the gunman fled. Police said two people were hurt.\n\n'
     'The car was found later, Whitfield said.\n\n"He dropped the gun," he said.',
     [("He dropped the gun", "Whitfield")]),
    # "it" is an organisation, not the person quoted before it.
    ("GreenLeaf, a seed company, issued a statement saying it was shocked. Its founder, Mara Quist, said she wept."
     "\n\nIt described the victim as a loyal colleague.",
     [("a loyal colleague", "GreenLeaf")]),
    # "the police" is not "the police commissioner"; the same role in the head is.
    ("The police commissioner, Rafael Kent, said three witnesses were heard.\n\n"
     "The officers fired nine shots, the police said.\n\nThe commissioner said the inquiry would be quick.",
     [("The officers fired nine shots", "police"), ("the inquiry would be quick", "Rafael Kent")]),
    # "the witness" is one person, not the "Witnesses" quoted before.
    ("Witnesses said the fire began at noon. According to a surviving guard, the alarm failed.\n\n"
     "But, the witness says, the doors were locked.",
     [("the doors were locked", "witness")]),
    # "the newspaper" is the newspaper named before.
    ("The Lakeside Courier identified the victims as Leo and Sam Brandt. Both ran a bakery, the newspaper reported.",
     [("Both ran a bakery", "Lakeside Courier")]),
    # A speaker named through an outlet: "The BBC's <name>" speaks, through the BBC; "she" is that reporter.
    ("The BBC's Nadia Farrow in Kabul says the school was evacuated. The shaking lasted a minute, she says.",
     [("the school was evacuated", "Nadia Farrow"), ("The shaking lasted a minute", "Nadia Farrow")]),
]


@pytest.mark.parametrize("text, expected", WHO_IS_IT, ids=[c[0][:50] for c in WHO_IS_IT])
def test_who_a_pronoun_or_description_is(text, expected):
    test_who_says_each_sentence(text, expected)


# (text, content piece, chain): a report passed on by another keeps both in its chain, the speaker first.
RELAYED = [
    ("Pavel Orlov, the mayor of the town, said 30 houses were destroyed, IRNA reported.",
     "30 houses were destroyed", ["Pavel Orlov", "IRNA", OUTLET]),
    ("Karim Sadr, head of the seismic centre, dismissed fears of a tsunami, Reuters reported.",
     "fears of a tsunami", ["Karim Sadr", "Reuters", OUTLET]),
    ("Mr Hale said police told him the climber had no crampons.", "the climber had no crampons",
     ["police", "Mr Hale", OUTLET]),
    # A pronoun inside the report is the same speaker, not a relay.
    ("The minister said he believes the dam will hold.", "the dam will hold", ["The minister", OUTLET]),
    ("The BBC's Nadia Farrow says the school was evacuated.", "the school was evacuated",
     ["Nadia Farrow", "BBC", OUTLET]),
]


@pytest.mark.parametrize("text, piece, chain", RELAYED, ids=[c[0][:50] for c in RELAYED])
def test_a_relayed_report_keeps_speaker_and_relay_in_its_chain(text, piece, chain):
    statements = attribute(Article.from_text(text, outlet=OUTLET))
    statement = next((s for s in statements if piece in s.content.text), None)
    assert statement is not None and statement.source, [s.to_dict() for s in statements]
    assert statement.source.chain == chain, statement.to_dict()


def test_a_cue_inside_a_running_quotation_is_the_speakers_own_words():
    text = ('A close friend of the family said: "I cannot believe it.\n\nWe were so close that Mara thought of my '
            'mother as her own.\n\nThey loved each other. "\n\nThe funeral is on Friday.')
    statements = attribute(Article.from_text(text, outlet=OUTLET))
    speakers = {s.content.text[:20]: s.source.name if s.source else None for s in statements}
    assert all(name == "A close friend of the family" for piece, name in speakers.items()
               if not piece.startswith("The funeral")), speakers
    assert speakers["The funeral is on Fr"] is None


# Credits the parse misreads (issue 12): (text, a piece of the content, the speaker's name, the chain or None to skip).
CREDITS = [
    # A credit closing the sentence credits all of it, not only the last conjunct the parser hung it on.
    ("A fire at a warehouse destroyed two trucks and a forklift, and firefighters did not find any victims, "
     "officials said Sunday.", "A fire at a warehouse destroyed two trucks", "officials", ["officials", OUTLET]),
    # A long appositive subject the parser loses: the credit is still read, the listener is a relay.
    ("Several homes in the villages of Arak and Sima were damaged and two farmers slightly hurt, the mayor of the "
     "district, Omar Lindqvist-Berg, told IRNA.", "two farmers slightly hurt", "Omar Lindqvist-Berg",
     ["Omar Lindqvist-Berg", "IRNA", OUTLET]),
    # A cue the parser takes for a noun ("Police allege ...").
    ("Police allege Marta Olsen, 44, set fire to a barn on Sunday, destroying two tractors.",
     "Marta Olsen, 44, set fire to a barn", "Police", ["Police", OUTLET]),
]


@pytest.mark.parametrize("text, piece, name, chain", CREDITS, ids=[c[0][:50] for c in CREDITS])
def test_a_credit_the_parse_misreads_is_still_read(text, piece, name, chain):
    statements = attribute(Article.from_text(text, outlet=OUTLET))
    statement = next((s for s in statements if piece in s.content.text), None)
    assert statement is not None and statement.source, [s.to_dict() for s in statements]
    assert name in statement.source.name and statement.cue is not None, statement.to_dict()
    assert statement.source.chain == chain, statement.to_dict()


# (text, [(a piece of a statement's content, its speaker or None for the outlet)]) — issue 12: what a source withheld
# is no statement of it, and the circumstances of a report are the outlet's.
WITHHELD_AND_CIRCUMSTANCES = [
    ("The company could not say how many jobs were lost.", [("how many jobs were lost", None)]),
    ("The airline would not discuss a likely reason for the delay.", [("a likely reason for the delay", None)]),
    ("Investigators didn't say why the driver, a 20-year employee, was dismissed.", [("why the driver", None)]),
    ("The ministry declined to say how many people were detained.", [("how many people were detained", None)]),
    # A belief stays the believer's, negated or not.
    ("The engineer did not think the old dam would hold.", [("the old dam would hold", "engineer")]),
    # After the credit: when and where it was said is the outlet's; a reason goes on with the speaker.
    ("The council approved the new budget, the mayor said on Monday as she opened the session at the town hall.",
     [("The council approved the new budget", "mayor"), ("she opened the session at the town hall", None)]),
    ("The bridge must close, the engineer said, because the cables have rusted through in several places.",
     [("the cables have rusted through", "engineer")]),
]


@pytest.mark.parametrize("text, expected", WITHHELD_AND_CIRCUMSTANCES,
                         ids=[c[0][:50] for c in WITHHELD_AND_CIRCUMSTANCES])
def test_withheld_speech_and_circumstances(text, expected):
    test_who_says_each_sentence(text, expected)


# More ways a source is credited (issue 12): (text, a piece of the content, the speaker's name, the chain).
MORE_CREDITS = [
    ("The seismic network registered the tremor at 04:12 local time (00:42 GMT).", "the tremor at 04:12",
     "seismic network", ["The seismic network", OUTLET]),
    ("The survey put the storm's strength at category-4.", "the storm's strength at category-4", "survey",
     ["The survey", OUTLET]),
    ("“ We grieve with the families, ” a statement reads.", "We grieve with the families", "statement",
     ["a statement", OUTLET]),
    ("Inspectors determined the ferry had been overloaded.", "the ferry had been overloaded", "Inspectors",
     ["Inspectors", OUTLET]),
    ("Rangers documented that the bear had crossed the road twice.", "the bear had crossed the road twice",
     "Rangers", ["Rangers", OUTLET]),
    ("According to local radio stations protesters have blocked the main bridge.", "protesters have blocked",
     "local radio stations", ["local radio stations", OUTLET]),
    ("The guard was unarmed, according to Harbor police Lt. Dana Cole.", "The guard was unarmed",
     "Dana Cole", ["Harbor police Lt. Dana Cole", OUTLET]),
    ("Nine people were hurt, according to the U.S. Forest Service.", "Nine people were hurt",
     "Forest Service", ["the U.S. Forest Service", OUTLET]),
    # A quotation credited to a speaker the parser leaves without a role, "on Twitter".
    ('"This plan puts all the blame on young voters," Dana R. Whitlock II, a writer for The Harbor Review, said on '
     'Twitter.', "This plan puts all the blame", "Dana R. Whitlock II", ["Dana R. Whitlock II", OUTLET]),
    ('"We have to do better on policing," she continued.', "We have to do better on policing", "she",
     ["she", OUTLET]),
    # "called X Y" names both; a reason cited is the speaker's, a source cited is upstream of them; "noted X".
    ("Two of the senators called the plan a disgrace.", "the plan a disgrace", "senators",
     ["Two of the senators", OUTLET]),
    ("The mayor said the port would reopen, citing the repair of the sea wall.", "the repair of the sea wall",
     "mayor", ["The mayor", OUTLET]),
    ("The agency reported that two officers were killed, citing the district police command.",
     "two officers were killed", "agency", ["the district police command", "The agency", OUTLET]),
    ("In her 2010 memoir, Lena Brandt noted the accident's cause.", "the accident's cause", "Lena Brandt",
     ["Lena Brandt", OUTLET]),
    # A gerund after a preposition shares the main verb's subject, even a passive one; the main clause is the outlet's.
    ("After saying her left knee was badly swollen, she was taken to a clinic.", "her left knee was badly swollen",
     "she", ["she", OUTLET]),
    # A place after an organisation's name is no speaker.
    ("The storm weakened overnight, but the National Hurricane Center in Miami, Fla., said it would strengthen.",
     "it would strengthen", "National Hurricane Center", ["the National Hurricane Center in Miami", OUTLET]),
]


@pytest.mark.parametrize("text, piece, name, chain", MORE_CREDITS, ids=[c[0][:50] for c in MORE_CREDITS])
def test_more_credits(text, piece, name, chain):
    test_a_credit_the_parse_misreads_is_still_read(text, piece, name, chain)


# Quotations (issue 12): a sentence that is all quotation has no cue of its own, a credit may follow it in the next
# sentence, and a quotation paragraph a little after a quoted speaker goes on with them.
QUOTATIONS = [
    ('"I worry about the farmers," said Ana Ruiz, a teacher.\n\n'
     '"They see no buyers, and they need to voice their anger somehow."',
     [("They see no buyers", "Ana Ruiz")]),
    ('Three climbers were lifted from the ridge.\n\n"A protest is one thing and arson is something else! " '
     'Prime Minister Tomas Berg thundered in the assembly at a debate on the budget.\n\n'
     'The budget is voted on Thursday.',
     [("A protest is one thing", "Tomas Berg"), ("The budget is voted", None)]),
    ('"We found sacks and scales in the van, " a customs spokesman said.\n\nFour phones were taken from the van.\n\n'
     'It had two drivers.\n\n"We also found cash, which shows that those held were smugglers. "',
     [("Four phones were taken", None), ("We also found cash", "spokesman")]),
    # Another speaker in between takes it.
    ('"We found sacks in the van, " a customs spokesman said.\n\nThe tax office said the drivers were known.\n\n'
     '"That shows they were smugglers. "',
     [("That shows they were smugglers", "tax office")]),
]


@pytest.mark.parametrize("text, expected", QUOTATIONS, ids=[c[0][:50] for c in QUOTATIONS])
def test_quotations_and_their_speakers(text, expected):
    test_who_says_each_sentence(text, expected)


# A report in brackets or after a dash reports only what is inside them (issue 12).
PARENTHETICALS = [
    ("Later, the water board said that the leak was fixed and that one street was still closed, with no other "
     "damage (the local radio says three homes were flooded).",
     [("the leak was fixed", "water board"), ("three homes were flooded", "local radio")]),
    ("The guards fired nine shots — the coroner found that four bullets hit the car, two of them from the side.",
     [("The guards fired nine shots", None), ("four bullets hit the car", "coroner")]),
    ("Monday was quiet, but on Tuesday — the day the report showed the river had been polluted — a crowd "
     "gathered at the mill.", [("the river had been polluted", "report"), ("a crowd gathered at the mill", None)]),
    # A pair of dashes that closed before the credit sets nothing apart from it.
    ("Rescuers brought her to the clinic, where Ana – a nurse from Lima who leaves behind a son – died that night, "
     "police said.", [("Rescuers brought her to the clinic", "police"), ("died that night", "police")]),
    # Dashes inside a quotation are the speaker's.
    ('"We came back — and the house was gone," she said.', [("and the house was gone", "she")]),
]


@pytest.mark.parametrize("text, expected", PARENTHETICALS, ids=[c[0][:50] for c in PARENTHETICALS])
def test_a_report_in_brackets_or_after_a_dash(text, expected):
    test_who_says_each_sentence(text, expected)


# Events that look like reports (issue 12): a verdict, a telephone call, a volley of tear gas are the outlet's; the
# speaker of "the man who witnesses say was armed" is the witnesses.
EVENTS_NOT_REPORTS = [
    ("After a short hearing, Judge Ben Okafor found Lena Brandt guilty of three counts of fraud.",
     [("Lena Brandt guilty of three counts of fraud", None)]),
    ("Mira had called her uncle's house to say she would be late for dinner.",
     [("her uncle's house", None)]),
    ("The guards responded with volleys of rubber bullets.", [("volleys of rubber bullets", None)]),
    ("The mayor responded with a statement condemning the attack.", [("a statement condemning the attack", "mayor")]),
    ("The union called on workers to strike on Monday.", [("to strike on Monday", "union")]),
    ("After saying her left knee was badly swollen, she was taken to a clinic.", [("was taken to a clinic", None)]),
    ("Police said the man — who witnesses say was armed — fled across the river.",
     [("was armed", "witnesses"), ("fled across the river", "Police")]),
]


@pytest.mark.parametrize("text, expected", EVENTS_NOT_REPORTS, ids=[c[0][:50] for c in EVENTS_NOT_REPORTS])
def test_events_that_look_like_reports(text, expected):
    test_who_says_each_sentence(text, expected)


# A credit set off by commas after a subordinator vouches for what follows it; what comes before is the outlet's.
INSERTED = [
    ("A 19-year-old was arrested on Monday morning after, officials say, throwing a stone at a passing bus.",
     [("arrested on Monday morning", None), ("throwing a stone at a passing bus", "officials")]),
    ("First came a rally, and another on Friday evening, after which, officials said, someone set a car on fire, "
     "and there were 12 arrests.",
     [("someone set a car on fire", "officials"), ("there were 12 arrests", "officials")]),
]


@pytest.mark.parametrize("text, expected", INSERTED, ids=[c[0][:50] for c in INSERTED])
def test_an_inserted_credit_vouches_for_what_follows(text, expected):
    test_who_says_each_sentence(text, expected)


def test_cues_inside_a_quotation_credited_later_are_the_quoted_persons_words():
    text = ("“During the meeting the mayor said the port would close.\n\nHe ignored our letters.\n\n"
            "He does not care.” ― Rosa Ibarra, a fisher\n\nThe Latest: Ferries resume service on Monday.")
    test_who_says_each_sentence(text, [("During the meeting the mayor said", "Rosa Ibarra"),
                                       ("He ignored our letters", "Rosa Ibarra"), ("Ferries resume service", None)])


# (text, a piece of a statement's content, what carried its source over from an earlier sentence)
CARRIERS = [
    ("Colonel Ahmad Khalil told SANA that gunmen attacked the checkpoint. He noted that the road was closed.",
     "the road was closed", "anaphoric subject"),
    ('Lena Ortiz, a nurse, said: "The ward was full. We had no beds left.\n\nNobody came to help."',
     "Nobody came to help", "open quote"),
    ('"We saw the wall give way," said Ines Baro, a farmer.\n\n"The whole field was under water by noon."',
     "The whole field was under water", "continuing quote paragraph"),
    ('"We found ladders and ropes," a coast guard spokesman said.\n\nThe harbour reopened on Monday.\n\n'
     '"That proves they planned it."', "That proves they planned it", "later quote paragraph"),
    ("The water board said the dam burst on Sunday. The flood also cut the main road.",
     "The flood also cut the main road", "additive sentence"),
    ("Two bridges collapsed in the flood, officials said, and dozens of roads were closed.",
     "dozens of roads were closed", "rest of credited sentence"),
    ("PENCE: Flowers will not attend the debate. Our campaign is focused on the issues.",
     "Our campaign is focused on the issues", "transcript turn"),
    ("The water board said the dam burst on Sunday.", "the dam burst on Sunday", None),
    ("The dam burst on Sunday. The valley has flooded twice since 1990.", "The valley has flooded", None),
]


@pytest.mark.parametrize("text, piece, carrier", CARRIERS, ids=[c[2] or c[0][:40] for c in CARRIERS])
def test_an_inherited_statement_says_what_carried_its_source(text, piece, carrier):
    statements = attribute(Article.from_text(text, outlet=OUTLET))
    statement = next(s for s in statements if piece in s.content.text)
    assert statement.inherited_by == carrier, [s.to_dict() for s in statements]
    assert statement.inherited == (carrier is not None)
    assert statement.to_dict()["inherited_by"] == carrier


# (text, [(a piece of a statement's content, the name of its speaker or None for the outlet)])
SPEAKERS_AND_NARRATION = [
    # A credit after a quotation speaks, though the parser gives the quotation's subject to the cue too.
    ('The former club president wrote to the members on Friday.\n\n'
     '“My reply, that was a mistake,” the former club president said in a talk with a regional newspaper.',
     [("My reply, that was a mistake", "The former club president")]),
    # "X continued:" closing its sentence introduces what X said next, though another speaker was quoted before.
    ('"The harvest was poor," said Tomas Weller.\n\nGrain prices rose in May.\n\nMarta Quell continued:\n\n'
     '"Farmers will need help this winter."',
     [("Grain prices rose in May", None), ("Farmers will need help", "Marta Quell")]),
    # An opening mark typed at the end of the sentence closes its quotation: the next paragraph is the outlet's.
    ("The referee called the goal “Clearly offside.“\n\nThe offside rule dates from the nineteenth century.",
     [("The offside rule", None)]),
    # The main clause around a report in a relative clause or after a preposition is the outlet's.
    ("The senator, who said the bill was dead, left the chamber before the vote.",
     [("the bill was dead", "The senator"), ("left the chamber", None)]),
    ("After saying the bill was dead, the senator left the chamber.",
     [("the bill was dead", "the senator"), ("left the chamber", None)]),
    # "you" is whom a speaker addresses, never a source.
    ("You may wonder why the ferry still runs late.", [("why the ferry still runs late", None)]),
    # What a person also did is the outlet's narration, not more of the report before it.
    ("The mayor said the shelters were full. She also wants a new levee built by spring.",
     [("the shelters were full", "The mayor"), ("She also wants a new levee", None)]),
    # The main clause after a report in a subordinate clause is the outlet's; a participle goes on with the speaker.
    ("While his aides have said the rally was a success, the senator is determined to hold another one.",
     [("the rally was a success", "his aides"), ("the senator is determined", None)]),
    ("The mayor said the shelters were full, adding that more beds were coming.",
     [("more beds were coming", "The mayor")]),
    # A contrast with a subject of its own after a report is the outlet's.
    ("The company said its profits rose sharply, but its shares fell ten percent on Monday.",
     [("its profits rose sharply", "The company"), ("its shares fell", None)]),
    # When the credit was given is not the rest's first word: "..., as they left" tells when, the outlet's.
    ("The ruling is a blow to the growers, union officials said Tuesday evening, as they left the courthouse.",
     [("The ruling is a blow", "union officials"), ("as they left the courthouse", None)]),
    # Whoever was asked did not report the question; "show up" shows nothing.
    ("Asked about rumours that the fire had been set on purpose, the fire chief said it was too soon to say.",
     [("the fire had been set on purpose", None), ("it was too soon to say", "the fire chief")]),
    ('"Deadlines are not suggestions," the judge said after the builder failed to show up in court.',
     [("Deadlines are not suggestions", "the judge"), ("failed to show up", None)]),
    # A headline's kicker with a verb is no speaker's label; a transcript's label in capitals is one.
    ("Bridges Stay Closed: Crews worked through the night.", [("Crews worked through the night", None)]),
    ("MAN IN CROWD: We want the park back.", [("We want the park back", "MAN IN CROWD")]),
    # A title in quotation marks does not speak, though the parser may take it for the subject.
    ('"The roads must be fixed," Lena Ortiz, a retired engineer, said Monday evening on the podcast "Open Roads."',
     [("The roads must be fixed", "Lena Ortiz")]),
    # "I" is a source of one letter, in a first-person column: the writer, not the speaker before.
    ('When my neighbour mentioned the election, I shrugged and said, "I never vote in spring."',
     [("the election", "my neighbour"), ("I never vote in spring", "I")]),
    ("The mayor said the shelters were full. I said the rooms were cold.",
     [("the shelters were full", "The mayor"), ("the rooms were cold", "I")]),
    # A quotation's own first word stays in it, though it looks like a complementiser.
    ('The coach said, "If we keep playing like this, we lose every match."',
     [("If we keep playing like this", "The coach")]),
    # A horizontal bar is a dash: what it sets off is no speaker.
    ("When the interviewer noted that the chef had skipped every inspection ― a fact the city's files confirm ― the "
     "chef replied, “That keeps me busy cooking.”", [("That keeps me busy cooking", "the chef")]),
    # A that-clause the parser hung on the noun after the cue is what was told; one on a noun further on is not.
    ("In Oslo on Friday, the minister told a gathering of farm owners that few growers knew the soil better than "
     "them.", [("few growers knew the soil", "the minister")]),
    ("The coach wrote to the parents in the spring of the year that the school closed.",
     [("the school closed", None)]),
]


@pytest.mark.parametrize("text, expected", SPEAKERS_AND_NARRATION, ids=[c[0][:50] for c in SPEAKERS_AND_NARRATION])
def test_speakers_and_the_outlets_narration(text, expected):
    statements = attribute(Article.from_text(text, outlet=OUTLET))
    for piece, speaker in expected:
        statement = next((s for s in statements if piece in s.content.text), None)
        assert statement is not None, (piece, [s.content.text for s in statements])
        assert (statement.source and statement.source.name) == speaker, (piece, statement.to_dict())
