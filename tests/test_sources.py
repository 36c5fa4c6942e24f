import json

import pytest

from claimdiff.sources import (
    Article,
    InputError,
    SourceRegistry,
    attribute,
    read_article,
    read_articles,
    split_sentences,
)


def statements_of(text, outlet="Daily"):
    return attribute(Article.from_text(text, outlet=outlet))


def only(statements):
    attributed = [s for s in statements if s.source]
    assert len(attributed) == 1, [s.to_dict() for s in statements]
    return attributed[0]


# --- reading ------------------------------------------------------------------------------------------------------

def test_key_value_header_is_metadata_and_offsets_point_into_the_file(tmp_path):
    path = tmp_path / "wire.txt"
    text = "outlet: Levant Wire\ndate: 2025-01-14\ntitle: Clash\n\nTwo soldiers were killed, the army said.\n"
    path.write_text(text)
    article = read_article(path)
    assert (article.outlet, article.published.isoformat(), article.title) == ("Levant Wire", "2025-01-14", "Clash")
    [sentence] = split_sentences(article)
    assert text[sentence.start:sentence.end] == "Two soldiers were killed, the army said."


def test_a_lone_header_like_line_is_the_story():
    article = Article.from_text("Source: Joan Rivers' doctor did a biopsy")
    assert article.outlet is None and article.body_start == 0


def test_front_matter_and_leading_date_token(tmp_path):
    fm = tmp_path / "a.md"
    fm.write_text("---\noutlet: Orontes Today\ndate: 2025-03-11\n---\n\nGunmen attacked a patrol.\n")
    assert read_article(fm).outlet == "Orontes Today"
    token = tmp_path / "b.txt"
    token.write_text("date 2025-01-14 Gunmen attacked a patrol near the village.\n")
    article = read_article(token)
    assert article.published.isoformat() == "2025-01-14"
    assert article.outlet == "b"  # the file name's stem
    assert [s.text for s in split_sentences(article)] == ["Gunmen attacked a patrol near the village."]


def test_page_furniture_is_not_story_text_and_disclaimers_become_notes():
    text = ("By Jane Roe\n\nBEIRUT, March 11 (Wire) - Gunmen attacked a patrol.\n\nSee More: Other news\n\n"
            "This article was translated and edited by the desk.\n\nResidents heard gunfire.\n")
    article = Article.from_text(text, outlet="Wire")
    assert [s.text for s in split_sentences(article)] == ["Gunmen attacked a patrol.", "Residents heard gunfire."]
    assert article.notes == ["This article was translated and edited by the desk."]


def test_an_editors_note_with_a_typographic_apostrophe_is_a_note():
    text = "Gunmen attacked a patrol.\n\nEditor’s note: The mayor has repeatedly pledged to close the port.\n"
    article = Article.from_text(text, outlet="Wire")
    assert [s.text for s in split_sentences(article)] == ["Gunmen attacked a patrol."]
    assert article.notes == ["Editor’s note: The mayor has repeatedly pledged to close the port."]


def test_html_reader_keeps_the_article_and_drops_chrome(tmp_path):
    page = tmp_path / "p.html"
    page.write_text("<html><head><meta property='og:site_name' content='Hama Pulse'>"
                    "<script>alert(1)</script></head><body><nav>Home | News</nav><article><h1>Title</h1>"
                    "<p>Gunmen attacked a patrol &amp; fled.</p><p>Residents heard gunfire.</p></article>"
                    "<footer>(c) 2025</footer></body></html>")
    article = read_article(page)
    assert article.outlet == "Hama Pulse" and article.title == "Title"
    assert article.text == "Gunmen attacked a patrol & fled.\n\nResidents heard gunfire."


def test_utf16_with_a_byte_order_mark_is_read(tmp_path):
    path = tmp_path / "win.txt"
    path.write_bytes("Two soldiers were killed in Hama.".encode("utf-16"))
    assert read_article(path).text == "Two soldiers were killed in Hama."


def test_json_and_jsonl_records(tmp_path):
    one = tmp_path / "one.json"
    one.write_text(json.dumps({"text": "Gunmen attacked a patrol.", "outlet": "X", "published": "2025-01-02"}))
    assert read_article(one).outlet == "X"
    many = tmp_path / "many.jsonl"
    many.write_text('{"text": "First story."}\n\n{"text": "Second story.", "outlet": "Y"}\n')
    assert [a.outlet for a in read_articles(many)] == ["many-1", "Y"]


@pytest.mark.parametrize("content, message", [
    (b"", "empty"),
    (b"   \n\t ", "empty"),
    (b"\x00\x01binary\x00", "binary"),
    (b"caf\xe9 au lait", "not UTF-8"),
])
def test_bad_text_files_raise_input_errors_naming_the_file(tmp_path, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(InputError, match=message) as error:
        read_article(path)
    assert "bad.txt" in str(error.value)


@pytest.mark.parametrize("name, content, message", [
    ("t.json", '{"text": "abc"', "malformed JSON"),
    ("t.jsonl", '{"text": "ok story"}\n{bad\n', "line 2"),
    ("t.json", '{"title": "no text"}', "no 'text'"),
    ("t.html", "<html><body><script>x()</script></body></html>", "no article text"),
])
def test_malformed_structured_input(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_text(content)
    with pytest.raises(InputError, match=message):
        read_articles(path)


def test_missing_and_oversized_files(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_article(tmp_path / "nope.txt")
    big = tmp_path / "big.txt"
    big.write_text("word " * 100)
    with pytest.raises(InputError, match="limit"):
        read_article(big, max_bytes=100)


# --- registry -----------------------------------------------------------------------------------------------------

def test_registry_aliases_and_descriptive_forms_resolve_by_country():
    registry = SourceRegistry.default()
    assert registry.resolve("the Syrian Arab News Agency").name == "SANA"
    assert registry.resolve("the state news agency (SANA)").name == "SANA"
    assert registry.resolve("the state news agency", frozenset({"Syria"})).name == "SANA"
    # Without a country, "the state news agency" could be any country's: reported as worded, kind inferred.
    unknown = registry.resolve("the state news agency")
    assert (unknown.name, unknown.kind, unknown.known) == ("the state news agency", "state media", False)


@pytest.mark.parametrize("mention, kind", [
    ("a shopkeeper in the old market", "resident"),
    ("a security source", "anonymous"),
    ("a local activist", "activist"),
    ("the Interior Ministry", "official"),
    ("rebel fighters", "party to the conflict"),
    ("Hezbollah", "party to the conflict"),
    ("Reuters", "wire"),
])
def test_kinds(mention, kind):
    assert SourceRegistry.default().resolve(mention).kind == kind


def test_user_registry_file_adds_sources(tmp_path):
    extra = tmp_path / "reg.yaml"
    extra.write_text("- {name: Levant Monitor, kind: activist, aliases: [LM, the Levant monitor]}\n")
    registry = SourceRegistry.default().extended(extra)
    assert registry.resolve("the Levant monitor").name == "Levant Monitor"
    bad = tmp_path / "bad.yaml"
    bad.write_text("- {name: X, kind: martian}\n")
    with pytest.raises(InputError, match="unknown kind"):
        SourceRegistry.default().extended(bad)


# --- attribution --------------------------------------------------------------------------------------------------

def test_according_to_with_citing_gives_a_nested_chain():
    text = "According to SANA, citing a military source, two soldiers were killed in Hama."
    st = only(statements_of(text))
    assert st.source.chain == ["a military source", "SANA", "Daily"]
    assert st.cue.text == "According to"
    assert st.content.text == "two soldiers were killed in Hama"
    assert text[st.source.start:st.source.end] == "SANA"


def test_official_told_the_agency_gives_official_agency_outlet():
    text = ("Colonel Ahmad Khalil, head of the provincial police, told the state news agency (SANA) "
            "that two officers were killed.")
    st = only(statements_of(text))
    assert st.source.name == "Colonel Ahmad Khalil"
    assert st.source.kind == "official"
    assert st.source.chain == ["Colonel Ahmad Khalil", "SANA", "Daily"]
    assert st.content.text == "two officers were killed"


def test_source_after_content_and_inverted_quote():
    st = only(statements_of("Two soldiers were killed in the attack, the army said on Monday."))
    assert (st.source.text, st.cue.text) == ("the army", "said")
    assert st.content.text == "Two soldiers were killed in the attack"
    quote = only(statements_of('"Nobody slept," said Umm Khaled, a mother of four who lives nearby.'))
    assert quote.source.name == "Umm Khaled" and quote.source.kind == "resident"
    assert quote.content.text == "Nobody slept"


def test_as_reported_by_residents():
    st = only(statements_of("The road was closed on Tuesday, as reported by residents."))
    assert st.source.kind == "resident" and st.content.text == "The road was closed on Tuesday"


def test_inheritance_and_pronouns_resolve_to_the_last_compatible_source():
    text = ("The state news agency SANA reported, citing a security source, that gunmen attacked a checkpoint. "
            "The attack also left the guard post damaged.\n\nThe source noted that army units sealed off the area.\n\n"
            "Residents said they heard gunfire.")
    statements = statements_of(text, outlet="Wire")
    first, inherited, noted, residents = statements
    assert first.source.chain == ["a security source", "SANA", "Wire"] and not first.inherited
    assert inherited.cue is None and inherited.inherited
    assert inherited.source.chain == first.source.chain
    assert noted.inherited and noted.source.name == "a security source" and noted.source.text == "The source"
    assert residents.source.kind == "resident" and not residents.inherited


def test_unattributed_sentences_have_no_source():
    statements = statements_of("Kafr Buhum lies ten kilometres west of the city.")
    assert statements[0].source is None and statements[0].to_dict()["source"] is None


def test_claimed_responsibility_is_not_a_report():
    assert statements_of("No group has claimed responsibility for the attack.")[0].source is None


def test_statement_dict_matches_the_contract():
    st = only(statements_of("Two soldiers were killed, the army said."))
    data = st.to_dict()
    assert set(data) == {"source", "cue", "content", "inherited", "inherited_by"}
    assert data["inherited"] is False and data["inherited_by"] is None
    assert set(data["source"]) >= {"name", "kind", "chain", "text", "start", "end"}
    assert set(data["content"]) == {"text", "start", "end"}


def test_a_report_inside_a_quote_is_not_a_second_statement():
    statements = statements_of('"We have lived through worse years, but we thought this was over," said Um Ahmad.')
    [st] = [s for s in statements if s.source]
    assert st.source.name == "Um Ahmad"
    assert st.content.text == "We have lived through worse years, but we thought this was over"


def test_reported_clause_with_its_own_verb_keeps_the_speaker():
    st = only(statements_of("One of them, who gave his name as Abu Firas, said his nephew had called the family."))
    assert st.source.text.startswith("One of them") and st.content.text == "his nephew had called the family"


def test_asking_not_to_be_named_is_not_a_report():
    st = only(statements_of("A pharmacist who asked not to be named said the shooting came in bursts."))
    assert st.content.text == "the shooting came in bursts" and st.source.kind == "anonymous"


# --- hostile input (issue 15) --------------------------------------------------------------------------------------

@pytest.mark.parametrize("size, refused", [(99, False), (100, False), (101, True)])
def test_the_byte_limit_is_exact_for_files_and_streams(tmp_path, size, refused, monkeypatch):
    import io
    import sys

    path = tmp_path / "story.txt"
    path.write_bytes(b"a" * (size - 1) + b".")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(path.read_bytes())))
    for name in (path, "-"):
        if refused:
            with pytest.raises(InputError, match="over the 100-byte limit"):
                read_article(name, max_bytes=100)
        else:
            assert len(read_article(name, max_bytes=100).text) == size
        sys.stdin.buffer.seek(0)


@pytest.mark.parametrize("record, message", [
    ('{"text": "Gunmen attacked a patrol.", "outlet": ["A", "B"]}', "'outlet' must be a string, not a list"),
    ('{"text": "Gunmen attacked a patrol.", "title": {"a": 1}}', "'title' must be a string, not an object"),
    ('{"text": "Gunmen attacked a patrol.", "outlet": Infinity}', "Infinity is not a JSON value"),
    ('{"text": "Gunmen attacked a patrol.", "id": true}', "'id' must be a string or a whole number"),
    ('{"text": "Gunmen attacked a patrol.", "url": "http://x/\\udfff"}', "'url' holds a lone surrogate (\\udfff)"),
])
def test_json_metadata_must_be_text(tmp_path, record, message):
    path = tmp_path / "r.json"
    path.write_text(record)
    with pytest.raises(InputError, match=message.replace("(", r"\(").replace(")", r"\)").replace("\\u", r"\\u")):
        read_article(path)


def test_a_numeric_json_id_is_kept_as_text(tmp_path):
    path = tmp_path / "r.json"
    path.write_text('{"text": "Gunmen attacked a patrol.", "id": 42}')
    assert read_article(path).id == "42"


@pytest.mark.parametrize("header, message", [
    ("outlet: {name: X}", "front matter field 'outlet' must be a single value, not a dict"),
    ('title: "bad \\ud800"', "front matter field 'title' holds a lone surrogate"),
    ("a: &x 1\nb: *x", "front matter uses a YAML alias"),
    ("id: 1" + "0" * 5000, "front matter has an invalid value"),
])
def test_front_matter_takes_single_values_and_no_aliases(header, message):
    with pytest.raises(InputError, match=message):
        Article.from_text(f"---\n{header}\n---\n\nGunmen attacked a patrol.\n", path="a.md")


def test_prose_between_rules_is_still_story_text():
    # "*Breaking*" reads as an undefined YAML alias: not front matter, so the text is the story, as before.
    article = Article.from_text("---\n*Breaking*: gunmen attacked a patrol\n---\n\nResidents heard gunfire.\n")
    assert article.body_start == 0 and article.outlet is None


def test_a_valid_registry_still_loads_every_field(tmp_path):
    path = tmp_path / "reg.json"
    path.write_text(json.dumps([{"name": "Levant Monitor", "kind": "activist", "aliases": ["LM"],
                                 "descriptive": ["the Levantine rights desk"], "country": "Syria"}]))
    registry = SourceRegistry.default().extended(path)
    assert registry.resolve("LM").name == "Levant Monitor"
    assert registry.resolve("the Levantine rights desk", frozenset({"Syria"})).name == "Levant Monitor"


def test_a_long_unpunctuated_paragraph_splits_in_bounded_windows(monkeypatch):
    from claimdiff.sources import sentences

    seen = []
    real = sentences._segmenter

    class Spy:
        def processor(self, text):
            seen.append(len(text))
            return real().processor(text)

    monkeypatch.setattr(sentences, "_segmenter", lambda: Spy())
    words = "gunmen attacked a checkpoint near the village and residents heard gunfire "
    text = (words * (60_000 // len(words) + 1))[:60_000].strip() + ". Two soldiers were killed."
    found = split_sentences(Article.from_text(text))
    assert seen and max(seen) <= sentences.WINDOW
    assert all(text[s.start:s.end] == s.text and s.text == s.text.strip() for s in found)
    assert all(len(s.text) <= sentences.MAX_SENTENCE for s in found)
    assert found[-1].text == "Two soldiers were killed."
    assert " ".join(s.text for s in found) == text  # nothing lost or repeated between windows


def test_a_long_paragraph_of_news_sentences_splits_as_short_ones_do():
    sentence = "Gunmen attacked a checkpoint near Hama on Monday, the army said. Residents said {n} people were hurt. "
    text = "".join(sentence.format(n=n) for n in range(300)).strip()
    found = split_sentences(Article.from_text(text))
    assert len(found) == 600
    assert [s.text for s in found[:2]] == ["Gunmen attacked a checkpoint near Hama on Monday, the army said.",
                                           "Residents said 0 people were hurt."]
    assert all(text[s.start:s.end] == s.text for s in found)


def test_many_tiny_sentences_and_initials_in_one_paragraph_split():
    found = split_sentences(Article.from_text("He ran. " * 5_000))
    assert len(found) == 5_000 and {s.text for s in found} == {"He ran."}
    text = "A b. " * 5_000  # each "A b." is taken for an initial before a name: one run, cut only by its length
    found = split_sentences(Article.from_text(text))
    assert all(text[s.start:s.end] == s.text for s in found)
    assert " ".join(s.text for s in found) == text.strip()
    assert all(len(s.text) <= 1500 for s in found)
