"""Work that grows with the input: candidate pairs of claims are capped per claim (``alignment.NEAREST``, and
``alignment.RESTATING`` within one article), so many alike claims cost pairs in proportion to their number; inputs too
small to be capped group as before; rows and groups compare claims by their distinct values (``slots.Compared``), so
many outlets giving the same few values cost what those values cost, with the verdicts of comparing every pair."""
import dataclasses

import numpy as np

from claimdiff.claims import extract_claims
from claimdiff.sources import Article
from claimdiff.verify import alignment
from claimdiff.verify.alignment import align, candidate_pairs, nearest_restatements
from claimdiff.verify.facttable import build_fact_table
from claimdiff.verify.slots import SLOTS, Context, cross_outlet


def _alike(count: int, seed: int = 0) -> np.ndarray:
    """Unit vectors all close to one direction: every pair is a candidate."""
    vectors = np.ones((count, 16)) + np.random.default_rng(seed).normal(0, 0.05, (count, 16))
    return (vectors / np.linalg.norm(vectors, axis=1, keepdims=True)).astype(np.float32)


def test_candidate_pairs_grow_linearly_with_alike_claims():
    counts = [len(candidate_pairs(_alike(n), 0.35)[0]) for n in (2 * alignment.NEAREST, 4 * alignment.NEAREST)]
    assert counts[0] <= 2 * alignment.NEAREST * alignment.NEAREST  # not the 523,776 pairs of 1,024 claims
    assert 1.8 < counts[1] / counts[0] < 2.2


def test_uncapped_pairs_are_every_pair_above_the_floor_once_in_order():
    vectors = _alike(40)
    vectors[5] = -vectors[5]  # below the floor with every other claim
    i, j, cosine = candidate_pairs(vectors, 0.35, np.array([n % 2 for n in range(40)]))
    expected = [(a, b) for a in range(40) for b in range(a + 1, 40) if a % 2 == b % 2 and 5 not in (a, b)]
    assert list(zip(i.tolist(), j.tolist())) == expected
    assert np.allclose(cosine, [float(vectors[a] @ vectors[b]) for a, b in expected])


def _articles():
    """Eight outlets on three facts (an attack, a count of dead, an arrest), each told in the outlet's words."""
    facts = ["Gunmen attacked a checkpoint near Hama on Monday.", "Two soldiers were killed in the attack.",
             "Police arrested three suspects on Tuesday."]
    return [Article.from_text(" ".join(facts), outlet=f"Outlet {n}", id=f"a{n}") for n in range(8)]


def test_the_capped_path_gives_the_groups_of_the_uncapped_one_on_a_small_input(monkeypatch):
    claims = [c for a in _articles() for c in extract_claims(a)]
    # Each claim near its fact's direction; every claim a candidate of every other (cosine 0.45, above the floor).
    facts = {"attacked": 0, "killed": 1, "arrested": 2}
    vectors = np.random.default_rng(1).normal(0, 0.05, (len(claims), 8))
    for row, claim in enumerate(claims):
        vectors[row, next(f for word, f in facts.items() if word in claim.text)] += 1.0
        vectors[row, 7] += 0.9
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    uncapped = align(claims, vectors)
    assert len(uncapped) == 3 and all(len(g.members) == 8 for g in uncapped)
    monkeypatch.setattr(alignment, "NEAREST", 10)
    monkeypatch.setattr(alignment, "RESTATING", 1)
    pairs = candidate_pairs(vectors, 0.35)
    assert len(pairs[0]) < len(claims) * (len(claims) - 1) / 2  # both caps bind
    assert len(nearest_restatements(np.array([int(c.article[1:]) for c in claims]), *pairs)[0]) < len(pairs[0])
    assert align(claims, vectors) == uncapped


def test_restatement_pairs_grow_linearly_in_an_article_that_repeats_itself():
    """One article, every claim alike: its own-article pairs are capped per claim, the pairs of two articles never."""
    counts = []
    for n in (2 * alignment.RESTATING, 4 * alignment.RESTATING):
        i, j, cosine = candidate_pairs(_alike(n), 0.35)
        kept = nearest_restatements(np.zeros(n, dtype=int), i, j, cosine)[0]
        assert len(nearest_restatements(np.arange(n), i, j, cosine)[0]) == len(i)
        counts.append(len(kept))
    assert counts[0] <= 2 * alignment.RESTATING * alignment.RESTATING
    assert 1.8 < counts[1] / counts[0] < 2.2


def _claims(count: int):
    """Outlets counting the dead: every third says 3, the others 2."""
    articles = [Article.from_text(f"{3 if n % 3 == 0 else 2} people were killed in the attack.", outlet=f"Outlet {n}",
                                  id=f"a{n}") for n in range(count)]
    return [c for a in articles for c in extract_claims(a)]


def test_claims_giving_the_same_values_are_compared_once():
    calls = []
    number = next(s for s in SLOTS if s.name == "number")
    counting = dataclasses.replace(number, compatible=lambda a, b, ctx: calls.append(1) or number.compatible(a, b, ctx))
    claims = _claims(60)
    ctx = Context.of(claims)
    by_claim: dict = {}
    for claim in claims:
        for cell in counting.cells(claim, ctx):
            by_claim.setdefault(cell.claim, []).append(cell)
    assert len(by_claim) == 60
    outcome = cross_outlet(counting, by_claim, ctx)
    assert len(calls) <= 4  # two values: each ordered pair of them once, not the 1,770 pairs of claims
    threes = {c.id for c in claims if "3" in c.text}
    assert len(outcome.conflicts) == 20 * 40 and outcome.matched and not outcome.two_things
    assert all((x in threes) != (y in threes) for x, y in outcome.conflicts)
    assert outcome.conflicts == sorted(outcome.conflicts, key=lambda p: (list(by_claim).index(p[0]),
                                                                         list(by_claim).index(p[1])))


def test_a_conflicting_row_splits_into_its_agreeing_outlets():
    claims = _claims(30)
    row = next(r for r in build_fact_table(claims, Context.of(claims)) if r.slot == "killed")
    assert str(row.verdict) == "contradict"
    assert sorted(len({c.article for c in part.cells}) for part in row.parts) == [10, 20]
