"""Reviews keyed by content: they survive a re-analysis that renumbers claims; "unrelated" takes the claim and its
evidence out; a pair a reviewer joins keeps its real similarity and the verdict order."""
import dataclasses

import pytest
from fakes import TopicEmbedder

import claimdiff.verify.corpus as corpus
from claimdiff.claims import analyse
from claimdiff.sources import Article
from claimdiff.verify import HashingEmbedder
from claimdiff.verify.comparison import Review, apply_reviews, compare, resolved
from claimdiff.verify.corpus import ingest, open_db, story_articles, update_stories
from claimdiff.verify.reviews import add_review, reviews
from claimdiff.verify.runs import compare_with_corpus

A = ("Two soldiers were killed in Hama on Monday, the army said. Schools closed in the city on Tuesday. "
     "The governor promised compensation to the families.")
B = ("Three soldiers were killed in Hama on Monday, a medic said. Markets stayed open on Tuesday. "
     "The governor promised compensation to the families.")


def articles():
    return [Article.from_text(A, outlet="Wire", published="2025-03-11", path="a.txt"),
            Article.from_text(B, outlet="Local", published="2025-03-11", path="b.txt")]


@pytest.fixture()
def stored(tmp_path):
    db = open_db(tmp_path / "c.db")
    ingest(db, articles(), HashingEmbedder())
    update_stories(db, HashingEmbedder())
    return db


def _text_id(comparison, start):
    return next(c.id for c in comparison.claims if c.text.startswith(start))


def test_a_review_follows_its_claims_when_a_new_rule_renumbers_them(stored, monkeypatch):
    first = compare_with_corpus(story_articles(stored, 1), HashingEmbedder(), stored, 1)
    schools, markets = _text_id(first, "Schools closed"), _text_id(first, "Markets stayed")
    add_review(stored, schools, markets, "contradict", "open or closed", "ed")

    def renumbered(article, registry):
        # A changed rule finds one more claim at the start: every later claim's id moves up by one.
        claims = analyse(article, registry)
        moved = [dataclasses.replace(c, id=f"{c.article}-c{int(c.id.rsplit('-c', 1)[1]) + 1}") for c in claims]
        extra = dataclasses.replace(claims[-1], id=f"{claims[0].article}-c1")
        return [extra, *moved]

    monkeypatch.setattr(corpus, "analyse", renumbered)
    stored.execute("delete from analyses")
    again = compare_with_corpus(story_articles(stored, 1), HashingEmbedder(), stored, 1)
    assert _text_id(again, "Schools closed") != schools  # the ids moved ...
    group = next(g for g in again.alignments if g.review)
    # ... and the review went with the texts, not with the ids.
    assert {again.claim(c).text.split()[0] for c in group.claims} == {"Schools", "Markets"}
    assert group.verdict == "contradict"


def test_a_review_whose_claim_is_gone_is_left_out(stored):
    comparison = compare_with_corpus(story_articles(stored, 1), HashingEmbedder(), stored, 1)
    add_review(stored, _text_id(comparison, "Schools"), _text_id(comparison, "Markets"), "agree", "", "ed")
    [loaded] = reviews(stored)
    assert loaded.content[0]["text"].startswith("Schools") and resolved(comparison, [loaded])
    gone = dataclasses.replace(loaded, content=({**loaded.content[0], "text": "Nothing like it", "start": 10_000,
                                                 "end": 10_010}, loaded.content[1]))
    assert resolved(comparison, [gone]) == []


def test_unrelated_takes_the_claim_and_its_evidence_out_of_the_group():
    topics = TopicEmbedder(["soldiers were killed"])
    third = Article.from_text("Four soldiers were killed in Hama on Monday, residents said.", outlet="Third",
                              published="2025-03-11", path="c.txt")
    comparison = compare([*articles(), third], embedder=topics)
    group = next(g for g in comparison.alignments if len(g.claims) == 3)
    assert group.verdict == "contradict"
    wire, local, other = group.claims
    at = "2026-01-01T00:00:00+00:00"
    apply_reviews(comparison, [Review((wire, other), "unrelated", "another attack", "ed", at)])
    group = next(g for g in comparison.alignments if wire in g.claims)
    assert group.claims == [wire, local] and group.review["verdict"] == "unrelated"
    assert not any(other in d.values for d in group.differences)
    assert other in comparison.unique[comparison.claim(other).article]


def test_a_pair_a_reviewer_joins_keeps_its_real_similarity_and_the_verdict_order():
    comparison = compare(articles(), embedder=TopicEmbedder(["soldiers were killed", "governor"]))
    schools, markets = _text_id(comparison, "Schools"), _text_id(comparison, "Markets")
    assert not any(schools in g.claims for g in comparison.alignments)
    apply_reviews(comparison, [Review((schools, markets), "contradict", "", "ed", "2026-01-01T00:00:00+00:00")],
                  similarity=lambda a, b: 0.42)
    joined = next(g for g in comparison.alignments if schools in g.claims)
    assert joined.similarity == 0.42
    order = [g.verdict for g in comparison.alignments]
    assert order == sorted(order, key=["contradict", "agree", "related"].index)
