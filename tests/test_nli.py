"""NLI evidence: the verdict logic with a fake scorer, and the real CrossEncoder loading path with a tiny model."""
import json

import pytest

from claimdiff.sources import Article
from claimdiff.verify import ModelError, NLIScorer, compare, render
from tests.fakes import TopicEmbedder


class FakeNLI:
    def __init__(self, contradiction, entailment):
        self.probs = {"contradiction": contradiction, "entailment": entailment,
                      "neutral": round(1 - contradiction - entailment, 4)}

    def score(self, pairs):
        return [dict(self.probs) for _ in pairs]


def two_accounts():
    return [Article.from_text("Rebels took control of the town centre.", outlet="A"),
            Article.from_text("Rebels were pushed out of the town centre.", outlet="B")]


def test_nli_contradiction_decides_what_the_facts_left_open():
    result = compare(two_accounts(), embedder=TopicEmbedder(["town"]), nli=FakeNLI(0.9, 0.05))
    [group] = result.alignments
    assert group.verdict == "contradict"
    assert group.differences[-1].slot == "meaning"
    assert group.nli == [{"claims": ["a1-c1", "a2-c1"], "contradiction": 0.9, "entailment": 0.05, "neutral": 0.05}]
    assert "NLI A vs B: contradiction 0.90" in render(result, "md")


def test_nli_entailment_makes_agreement_and_neutral_changes_nothing():
    agree = compare(two_accounts(), embedder=TopicEmbedder(["town"]), nli=FakeNLI(0.05, 0.9))
    assert agree.alignments[0].verdict == "agree"
    neutral = compare(two_accounts(), embedder=TopicEmbedder(["town"]), nli=FakeNLI(0.2, 0.2))
    plain = compare(two_accounts(), embedder=TopicEmbedder(["town"]))
    assert neutral.alignments[0].verdict == plain.alignments[0].verdict


@pytest.fixture(scope="module")
def tiny_cross_encoder(tmp_path_factory):
    """A randomly initialised three-label BERT cross-encoder, saved the way hub models are."""
    from transformers import BertConfig, BertForSequenceClassification, BertTokenizer

    folder = tmp_path_factory.mktemp("tiny-nli")
    words = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "rebels", "took", "the", "town", "were", "pushed", "out",
             "of", "control", "centre", "."]
    (folder / "vocab.txt").write_text("\n".join(words) + "\n")
    BertTokenizer(str(folder / "vocab.txt")).save_pretrained(folder)
    config = BertConfig(vocab_size=len(words), hidden_size=16, num_hidden_layers=1, num_attention_heads=2,
                        intermediate_size=32, max_position_embeddings=64, num_labels=3,
                        id2label={0: "contradiction", 1: "entailment", 2: "neutral"},
                        label2id={"contradiction": 0, "entailment": 1, "neutral": 2})
    BertForSequenceClassification(config).save_pretrained(folder)
    return str(folder)


@pytest.mark.model
def test_a_local_cross_encoder_scores_every_cross_outlet_pair(tiny_cross_encoder):
    scorer = NLIScorer(tiny_cross_encoder)
    [probs] = scorer.score([("rebels took the town", "rebels were pushed out of the town")])
    assert set(probs) == {"contradiction", "entailment", "neutral"}
    assert sum(probs.values()) == pytest.approx(1.0, abs=1e-3)
    result = compare(two_accounts(), embedder=TopicEmbedder(["town"]), nli=scorer)
    data = json.loads(render(result, "json"))
    assert data["alignments"][0]["nli"][0]["claims"] == ["a1-c1", "a2-c1"]


def test_unknown_nli_model_is_a_model_error(tmp_path):
    with pytest.raises(ModelError, match="no such folder"):
        NLIScorer(str(tmp_path / "missing")).score([("a", "b")])
