"""The bundled examples against tests/fixtures/gold.json, with the real packaged all-MiniLM-L6-v2 model."""
import json
from pathlib import Path

import pytest

from claimdiff.claims import extract_claims
from claimdiff.sources import attribute, read_article
from claimdiff.verify import compare, get_embedder

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
GOLD = json.loads((Path(__file__).resolve().parent / "fixtures" / "gold.json").read_text())


def load(name):
    return read_article(EXAMPLES / name)


def find(items, snippet, text=lambda x: x.text):
    matches = [item for item in items if snippet in text(item)]
    assert matches, f"nothing contains {snippet!r}"
    return matches[0]


@pytest.mark.parametrize("gold", GOLD["sources"], ids=lambda g: g["content"][:30])
def test_gold_sources(gold):
    statements = attribute(load(gold["file"]))
    statement = find(statements, gold["content"], lambda s: s.content.text)
    if gold["chain"] is None:
        assert statement.source is None
        return
    assert statement.source is not None
    assert statement.source.chain == gold["chain"]
    if "inherited" in gold:
        assert statement.inherited is gold["inherited"]
    if "kind" in gold:
        assert statement.source.kind == gold["kind"]
    if "mention" in gold:
        assert statement.source.text == gold["mention"]


@pytest.mark.parametrize("gold", GOLD["furniture"], ids=lambda g: g["file"])
def test_gold_furniture_is_never_a_claim(gold):
    article = load(gold["file"])
    claims = extract_claims(article)
    for snippet in gold["absent"]:
        assert not any(snippet in c.text for c in claims), snippet
    if "note" in gold:
        assert any(gold["note"] in note for note in article.notes)


@pytest.mark.parametrize("gold", GOLD["facts"], ids=lambda g: g["claim"][:30])
def test_gold_facts(gold):
    claim = find(extract_claims(load(gold["file"])), gold["claim"])
    for expected, number in zip(gold.get("numbers", []), claim.facts.numbers):
        for key, value in expected.items():
            assert getattr(number, key) == value, (key, number)
    assert len(claim.facts.numbers) >= len(gold.get("numbers", []))
    keys = {p.key for p in claim.facts.places}
    assert set(gold.get("place_keys_include", [])) <= keys
    values = [d.value.isoformat() for d in claim.facts.dates if d.value]
    assert values[:len(gold.get("dates", []))] == gold.get("dates", [])
    ranges = [[d.earliest.isoformat(), d.latest.isoformat()] for d in claim.facts.dates if d.earliest]
    for expected in gold.get("date_ranges", []):
        assert expected in ranges


@pytest.fixture(scope="module", params=["onnx", "torch"])
def comparison(request):
    """The gold holds with the default int8 ONNX path and with the torch reference."""
    return compare([load(name) for name in GOLD["files"]], embedder=get_embedder(backend=request.param))


@pytest.mark.model
@pytest.mark.parametrize("gold", GOLD["alignments"], ids=lambda g: g["verdict"])
def test_gold_alignments_with_the_real_model(comparison, gold):
    ids = [find(comparison.claims, snippet).id for snippet in gold["claims"]]
    group = next((a for a in comparison.alignments if set(ids) <= set(a.claims)), None)
    assert group is not None, f"{ids} not aligned: {[a.claims for a in comparison.alignments]}"
    assert group.verdict == gold["verdict"]
    assert {d.slot for d in group.differences} >= set(gold.get("differences", []))
    assert {a.slot for a in group.agreements} >= set(gold.get("agreements", []))
    assert group.shared_origin == gold["shared_origin"]
    if "independent_origins" in gold:
        assert group.independent_origins == gold["independent_origins"]


@pytest.mark.model
@pytest.mark.parametrize("gold", GOLD["unique"], ids=lambda g: g["claim"][:30])
def test_gold_omissions_with_the_real_model(comparison, gold):
    index = GOLD["files"].index(gold["file"])
    article_id = comparison.articles[index].id
    claim = find([c for c in comparison.claims if c.article == article_id], gold["claim"])
    assert claim.id in comparison.unique[article_id]


@pytest.mark.model
def test_casualty_omissions_come_first(comparison):
    regional = comparison.articles[1].id
    first = comparison.claim(comparison.unique[regional][0])
    assert any(n.event in {"killed", "captured"} for n in first.facts.numbers)
