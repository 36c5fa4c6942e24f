"""The learned pair scorer (verify/pairscorer.json) and the event level: background claims and other stories never
share a group with the current event's claims."""
import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from claimdiff.claims import extract_claims
from claimdiff.sources import Article
from claimdiff.verify import align, compare
from claimdiff.verify.comparison import article_stories
from claimdiff.verify.pairscorer import FEATURES, MODEL_PATH, PairScorer, Statements, default_scorer
from claimdiff.verify.stories import group_articles
from tests.fakes import TopicEmbedder

ROOT = Path(__file__).resolve().parent.parent
EVAL = Path(os.environ.get("CLAIMDIFF_EVAL", ROOT.parent / "shared" / "eval"))


def test_the_shipped_model_is_plain_json_numbers_with_its_credit():
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    assert data["features"] == list(FEATURES)
    assert len(data["coefficients"]) == len(FEATURES)
    assert all(isinstance(c, (int, float)) for c in [*data["coefficients"], data["intercept"]])
    assert "ECB+" in data["_credit"] and "CC BY 3.0" in data["_credit"]
    assert default_scorer() == PairScorer.from_dict(data)
    with pytest.raises(ValueError, match="features"):
        PairScorer.from_dict({**data, "features": list(FEATURES)[::-1]})


@pytest.mark.model
def test_the_shipped_model_is_what_the_training_script_writes(tmp_path):
    if not (EVAL / "ecbplus" / "docs.jsonl").exists():
        pytest.skip(f"ECB+ not found under {EVAL} (set CLAIMDIFF_EVAL): the model cannot be rebuilt here")
    out = tmp_path / "pairscorer.json"
    subprocess.run([sys.executable, "benchmarks/train_aligner.py", "--output", str(out)], cwd=ROOT, check=True,
                   capture_output=True, env={**os.environ, "CLAIMDIFF_EVAL": str(EVAL)})
    assert out.read_bytes() == MODEL_PATH.read_bytes(), "rebuild verify/pairscorer.json: benchmarks/train_aligner.py"


def test_shared_names_and_numbers_raise_the_probability():
    texts = ["Gunmen killed 4 guards at the Kafr Buhum checkpoint", "4 guards died at the Kafr Buhum checkpoint",
             "Gunmen killed guards at a checkpoint", "guards died at a checkpoint"]
    vectors = np.array([[1.0, 0.0], [0.8, 0.6], [1.0, 0.0], [0.8, 0.6]])
    statements = Statements.of(texts, vectors, ["a", "b", "c", "d"])
    cosine = statements.vectors @ statements.vectors.T
    p = default_scorer().pairs(statements, cosine, np.ones((4, 4), dtype=bool))
    assert p[0, 1] == p[1, 0] and p[0, 1] > p[2, 3] > 0
    assert p[0, 0] == 0  # a statement is never paired with itself


def test_a_background_claim_never_shares_a_group_with_the_current_event():
    now = Article.from_text("A quake killed 10 people on Qeshm island on Sunday. In 2005 a quake killed 612 people "
                            "on Qeshm island.", outlet="Wire", published="2008-09-14")
    other = Article.from_text("A quake killed 10 people on Qeshm island, officials said.", outlet="Local",
                              published="2008-09-14")
    result = compare([now, other], embedder=TopicEmbedder(["quake"]))  # every claim: one and the same vector
    background = set(result.background)
    assert {c.id for c in result.claims if "2005" in c.text} == background != set()
    assert result.alignments, "the current event's claims still align"
    for group in result.alignments:
        assert len({cid in background for cid in group.claims}) == 1, group.claims
    for row in result.fact_table:
        assert len({cell.claim in background for cell in row.cells}) <= 1, row


def test_align_keeps_claims_with_different_event_labels_apart():
    one = Article.from_text("Gunmen attacked a checkpoint in Hama.", outlet="A", id="a1")
    two = Article.from_text("Gunmen attacked a checkpoint in Hama.", outlet="B", id="a2")
    claims = extract_claims(one) + extract_claims(two)
    vectors = np.ones((len(claims), 3))
    assert align(claims, vectors, events=[0] * len(claims))
    assert align(claims, vectors, events=[c.article for c in claims]) == []


def _accounts():
    texts = [
        ("Gunmen attacked the Kafr Buhum checkpoint, killing two police officers. Governor Salem Haddad condemned "
         "the Kafr Buhum ambush.", "Wire"),
        ("Two police officers died when gunmen stormed the checkpoint at Kafr Buhum. Haddad said the attackers "
         "fled.", "Pulse"),
        ("Gunmen attacked a port office in Tartus, killing three customs guards. Mayor Rana Kassab condemned the "
         "Tartus raid.", "Coast"),
        ("Three customs guards died when gunmen stormed the Tartus port office. Kassab said the raiders escaped by "
         "boat.", "Herald"),
    ]
    return [Article.from_text(text, outlet=outlet, published="2025-03-11", id=f"a{i}")
            for i, (text, outlet) in enumerate(texts, start=1)]


def test_compare_splits_look_alike_events_as_stories_does_and_never_mixes_them():
    articles = _accounts()
    embedder = TopicEmbedder(["gunmen", "died", "condemned", "said"])
    claims = [c for a in articles for c in extract_claims(a)]
    vectors = embedder.embed([c.text for c in claims])
    story_of = article_stories(articles, claims, vectors)
    rows = [[i for i, c in enumerate(claims) if c.article == a.id] for a in articles]
    stories = group_articles([1, 2, 3, 4], [[claims[i].text for i in r] for r in rows], [vectors[r] for r in rows],
                             [date(2025, 3, 11)] * 4)
    assert sorted(stories) == [[1, 2], [3, 4]]
    assert story_of["a1"] == story_of["a2"] != story_of["a3"] == story_of["a4"]
    result = compare(articles, embedder=embedder)
    event = {"a1": 0, "a2": 0, "a3": 1, "a4": 1}
    assert result.alignments
    for group in result.alignments:
        assert len({event[cid.split("-")[0]] for cid in group.claims}) == 1, group.claims
