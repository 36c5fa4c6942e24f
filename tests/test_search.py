"""Search at the desk: ids shown, filters by story and outlet, keyword and count-aware ranking, sentences."""
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimdiff.claims.facts import asked_count
from claimdiff.cli import cli
from claimdiff.sources import Article
from claimdiff.verify import HashingEmbedder
from claimdiff.verify.corpus import ingest, open_db, update_stories
from claimdiff.verify.search import search


class FlatEmbedder(HashingEmbedder):
    """Every text the same direction: the embedding ranks nothing, so the order shows the other rankings."""

    def __init__(self):
        super().__init__(name="flat")

    def embed(self, texts):
        import numpy as np

        return np.ones((len(texts), 4), dtype=np.float32) / 2


@pytest.fixture()
def db(tmp_path):
    db = open_db(tmp_path / "c.db")
    ingest(db, [
        Article.from_text("The governor condemned the attack, Mahmoud Saleh said. Schools stayed closed on Tuesday.",
                          outlet="Hama Pulse", published="2025-03-11", path="a.txt"),
        Article.from_text("Roads were closed after the blast. Two soldiers were killed in the blast, the army said.",
                          outlet="Meridian Wire", published="2025-03-11", path="b.txt"),
    ], FlatEmbedder())
    return db


@pytest.mark.parametrize("question, event", [
    ("How many people died?", "killed"), ("What is the death toll?", "killed"), ("number of wounded", "injured"),
    ("How many were arrested?", "arrested"), ("Who died?", None), ("How many trucks?", None),
])
def test_a_question_asks_for_a_count_of_an_event(question, event):
    assert asked_count(question) == event


def test_a_count_question_finds_the_claim_that_gives_the_count(db):
    [hit] = search(db, "What is the death toll?", FlatEmbedder(), limit=1)
    assert hit.text.startswith("Two soldiers were killed")


def test_keywords_reach_the_sentence_that_names_the_speaker(db):
    [hit] = search(db, "Mahmoud Saleh", FlatEmbedder(), limit=1)
    assert hit.text == "The governor condemned the attack" and hit.keyword
    assert hit.sentence == "The governor condemned the attack, Mahmoud Saleh said."


def test_filters_keep_one_outlet_or_one_story(db, tmp_path):
    hits = search(db, "closed", FlatEmbedder(), limit=10, outlet="meridian wire")
    assert hits and {h.outlet for h in hits} == {"Meridian Wire"}
    stories = update_stories(db, FlatEmbedder())
    story = next(s for s in stories if "Hama Pulse" in s.outlets)
    hits = search(db, "closed", FlatEmbedder(), limit=10, story=story.id)
    assert hits and all(h.outlet in story.outlets for h in hits)
    assert search(db, "closed", FlatEmbedder(), limit=10, outlet="Nobody") == []


def test_the_search_table_shows_ids_and_sentences(tmp_path):
    db = str(tmp_path / "c.db")
    runner = CliRunner()
    wire = str(Path(__file__).resolve().parent.parent / "examples" / "wire.txt")
    assert runner.invoke(cli, ["ingest", wire, "--db", db, "--model", "hashing"]).exit_code == 0
    data = json.loads(runner.invoke(cli, ["search", "soldiers killed", "--db", db, "--model", "hashing",
                                          "--format", "json"]).output)
    assert data and {"claim_id", "sentence", "keyword"} <= set(data[0])
    table = runner.invoke(cli, ["search", "soldiers killed", "--db", db, "--model", "hashing", "--outlet",
                                "Meridian Wire"], env={"COLUMNS": "160"})
    assert table.exit_code == 0 and data[0]["claim_id"] in table.output.split()
