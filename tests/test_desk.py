"""At the desk: stable story ids, ClaimReview export, the corpus in datasette."""
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimdiff.cli import cli
from claimdiff.verify.corpus import assign_story_ids, open_db

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

QUAKE = [
    ("Coastal Herald", "2025-07-02", "A magnitude 6.1 earthquake struck off the coast of Aceh on Tuesday, the "
     "meteorology agency said. Fishermen reported waves near Banda Aceh."),
    ("Sumatra Daily", "2025-07-02", "The earthquake of magnitude 6.1 shook Aceh province early on Tuesday, "
     "according to the geophysics agency. Residents of Banda Aceh fled their homes."),
    ("Island Post", "2025-07-03", "An earthquake measuring 6.1 hit Aceh and damaged houses in Banda Aceh, the "
     "disaster agency said."),
    ("Strait News", "2025-07-03", "Aceh was shaken by a 6.1 magnitude earthquake, the meteorology agency said, "
     "and schools in Banda Aceh were closed."),
]


def quake_files(folder: Path) -> Path:
    folder.mkdir()
    for n, (outlet, date, text) in enumerate(QUAKE, 1):
        (folder / f"quake{n}.txt").write_text(f"outlet: {outlet}\ndate: {date}\n\n{text}\n")
    return folder


def run(*args):
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result


def listed(db) -> dict[int, list[int]]:
    return {s["id"]: sorted(s["article_ids"]) for s in json.loads(run("stories", "--db", db, "--model", "hashing",
                                                                "--format", "json").stdout)}


# --- stable story ids -----------------------------------------------------------------------------------------------

def test_story_ids_stay_after_a_second_ingest_of_unrelated_articles(tmp_path):
    # The real grouping, whatever it makes of the examples (it is tuned elsewhere): an id written down after the
    # first ingest still leads to its articles after the second, directly or through a recorded merge.
    from claimdiff.verify.corpus import merged_into

    db = tmp_path / "c.db"
    run("ingest", EXAMPLES, "--db", db, "--model", "hashing")
    first = listed(db)
    assert sorted(a for ids in first.values() for a in ids) == [1, 2, 3]
    # Four articles about another event, months later: a larger story, which the old numbering (largest first)
    # would have called 1.
    run("ingest", quake_files(tmp_path / "quake"), "--db", db, "--model", "hashing")
    second = listed(db)
    conn = open_db(db)
    for story_id, articles in first.items():
        now = story_id if story_id in second else merged_into(conn, story_id)[0]
        assert now in first and set(articles) <= set(second[now]), (first, second)
    new = {i: ids for i, ids in second.items() if i not in first}
    assert sorted(a for ids in new.values() for a in ids) == [4, 5, 6, 7] and min(new) > max(first)
    assert listed(db) == second  # and again: a regrouping that changes nothing changes no id


class Grouping:
    """Stands in for verify.stories.group_articles: the test decides which articles form a story."""

    def __init__(self, monkeypatch, *groups):
        self.groups = [list(g) for g in groups]
        monkeypatch.setattr("claimdiff.verify.corpus.group_articles", self)

    def __call__(self, ids, *args, **kwargs):
        return [[a for a in group if a in ids] for group in self.groups if any(a in ids for a in group)]


def test_a_new_larger_story_never_takes_an_old_id(tmp_path, monkeypatch):
    db = tmp_path / "c.db"
    Grouping(monkeypatch, [1, 2, 3])
    run("ingest", EXAMPLES, "--db", db, "--model", "hashing")
    assert listed(db) == {1: [1, 2, 3]}
    run("ingest", quake_files(tmp_path / "quake"), "--db", db, "--model", "hashing")
    Grouping(monkeypatch, [4, 5, 6, 7], [1, 2, 3])  # largest first, as group_articles orders them
    assert listed(db) == {1: [1, 2, 3], 2: [4, 5, 6, 7]}


def test_merged_stories_keep_the_oldest_id_and_the_old_id_says_where_it_went(tmp_path, monkeypatch):
    db = tmp_path / "c.db"
    # A first grouping splits the event in two (as happens with real articles) ...
    Grouping(monkeypatch, [1, 2], [3])
    run("ingest", EXAMPLES, "--db", db, "--model", "hashing")
    assert listed(db) == {1: [1, 2], 2: [3]}
    # ... a later one finds they report one event.
    Grouping(monkeypatch, [1, 2, 3])
    result = CliRunner().invoke(cli, ["stories", "--db", str(db), "--model", "hashing", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert "story 2 merged into story 1" in result.stderr
    [story] = json.loads(result.stdout)
    assert story["id"] == 1 and sorted(story["article_ids"]) == [1, 2, 3] and story["merged"] == [2]
    merges = list(open_db(db)["story_merges"].rows)
    assert [(m["old_id"], m["into_id"]) for m in merges] == [(2, 1)] and merges[0]["at"]

    gone = CliRunner().invoke(cli, ["compare", "--story", "2", "--db", str(db), "--model", "hashing"])
    assert gone.exit_code == 1
    assert "story 2 was merged into story 1" in gone.output and "use --story 1" in gone.output
    assert len(gone.output.strip().splitlines()) == 1
    # A new event gets an id never used before: not 2, which named the merged story.
    run("ingest", quake_files(tmp_path / "quake"), "--db", db, "--model", "hashing")
    Grouping(monkeypatch, [1, 2, 3], [4, 5, 6, 7])
    assert listed(db) == {1: [1, 2, 3], 3: [4, 5, 6, 7]}


def test_a_split_keeps_the_id_with_the_larger_part_and_is_recorded(tmp_path, monkeypatch):
    db = tmp_path / "c.db"
    Grouping(monkeypatch, [1, 2, 3])
    run("ingest", EXAMPLES, "--db", db, "--model", "hashing")
    assert listed(db) == {1: [1, 2, 3]}
    Grouping(monkeypatch, [1, 3], [2])
    result = CliRunner().invoke(cli, ["stories", "--db", str(db), "--model", "hashing", "--format", "json"])
    assert {s["id"]: sorted(s["article_ids"]) for s in json.loads(result.stdout)} == {1: [1, 3], 2: [2]}
    assert "story 1: 1 article (2) moved to story 2" in result.stderr
    [split] = open_db(db)["story_splits"].rows
    assert (split["from_id"], split["into_id"], json.loads(split["article_ids"])) == (1, 2, [2])


def test_a_database_numbered_before_stable_ids_keeps_its_ids_and_never_reuses_them(tmp_path, monkeypatch):
    import sqlite_utils

    import claimdiff.verify.corpus as corpus

    db = tmp_path / "c.db"
    Grouping(monkeypatch, [1, 2], [3])
    run("ingest", EXAMPLES, "--db", db, "--model", "hashing")
    # The database as the previous version left it: stories 1..n and none of the new tables or views.
    old = sqlite_utils.Database(db)
    old.execute("insert into stories values (1, 1), (2, 1), (3, 2)")
    for view in corpus.BROWSE_VIEWS:
        old.execute(f"drop view {view}")
    for table in ("story_ids", "story_merges", "story_splits"):
        old.execute(f"drop table {table}")
    old.execute("delete from _sqlite_migrations where name in ('m007_stable_story_ids', 'm008_browse_views')")
    old.conn.commit()
    old.close()
    upgraded = open_db(db)
    assert [r["id"] for r in upgraded["story_ids"].rows] == [1, 2]
    assert set(corpus.BROWSE_VIEWS) <= set(upgraded.view_names())
    upgraded.close()
    run("ingest", quake_files(tmp_path / "quake"), "--db", db, "--model", "hashing")
    Grouping(monkeypatch, [4, 5, 6, 7], [1, 2], [3])
    assert listed(db) == {1: [1, 2], 2: [3], 3: [4, 5, 6, 7]}


def test_story_ids_follow_the_articles_through_merges_and_splits():
    # Nothing stored yet: ids are handed out in the grouping's order (largest first).
    assert assign_story_ids([[4, 5], [1]], {}) == ([None, None], [], [])
    # A new article joins story 1; another forms a story of its own.
    assert assign_story_ids([[1, 2, 9], [7]], {1: 1, 2: 1}) == ([1, None], [], [])
    # Stories 3 and 1 found to report one event: the lower id stays, 3 is recorded as merged into it.
    assert assign_story_ids([[1, 2, 5, 6]], {5: 3, 6: 3, 1: 1, 2: 1}) == ([1], [(3, 1)], [])
    # Story 1 splits: the part holding most of its articles keeps the id, the rest is recorded as moved.
    assert assign_story_ids([[3], [1, 2]], {1: 1, 2: 1, 3: 1}) == ([None, 1], [], [(1, 0, [3])])
    # A part of story 2 joins story 1 while story 2 goes on: moved, not merged.
    assert assign_story_ids([[1, 2, 3], [4, 5]], {1: 1, 2: 1, 3: 2, 4: 2, 5: 2}) == ([1, 2], [], [(2, 0, [3])])


def test_a_story_id_nobody_assigned_is_still_a_plain_error(tmp_path):
    db = tmp_path / "c.db"
    run("ingest", EXAMPLES, "--db", db, "--model", "hashing")
    listed(db)
    missing = CliRunner().invoke(cli, ["compare", "--story", "9", "--db", str(db), "--model", "hashing"])
    assert missing.exit_code == 1 and "no story 9" in missing.output


def test_articles_the_grouping_cannot_place_keep_their_story(tmp_path):
    from claimdiff.verify import HashingEmbedder
    from claimdiff.verify.corpus import update_stories

    db = tmp_path / "c.db"
    run("ingest", EXAMPLES, "--db", db, "--model", "hashing")
    before = listed(db)
    # Another model has no vectors for these articles: it cannot regroup them, and must not drop their ids.
    found = update_stories(open_db(db), HashingEmbedder(name="another-model"))
    assert {s.id: sorted(s.article_ids) for s in found} == before


# --- ClaimReview export ---------------------------------------------------------------------------------------------

ACCOUNTS = {
    "meridian.txt": "outlet: Meridian Wire\ndate: 2025-03-11\ntitle: Two soldiers killed in Hama\n"
                    "url: https://meridian.example/hama-attack\n\n"
                    "Two soldiers were killed in an attack on an army checkpoint in Hama on Monday night, a security "
                    "source told SANA. Schools in Hama closed on Tuesday, the governor said.\n",
    "orontes.txt": "outlet: Orontes Today\ndate: 2025-03-11\nurl: https://orontes.example/kafr-buhum\n\n"
                   "Two police officers were killed when gunmen ambushed a patrol near Kafr Buhum in Hama on Monday, "
                   "a police director told SANA. Schools in Hama were closed on Tuesday, residents said.\n",
    "pulse.txt": "outlet: Hama Pulse\ndate: 2025-03-12\n\n"
                 "The Hama police command said two police officers were killed when gunmen attacked a patrol near "
                 "Kafr Buhum on Monday evening. Schools in Hama were closed on Tuesday.\n",
}

# schema.org properties of each type used (https://schema.org/ClaimReview, /Claim, /Rating, /NewsArticle, /Person,
# /Organization; inherited from Review, CreativeWork and Thing), and what Google's fact-check documentation
# requires (claimReviewed, reviewRating with alternateName, url — or, for markup published elsewhere, the
# itemReviewed it recommends) and recommends (author, datePublished, itemReviewed with author, appearance, date).
PROPERTIES = {
    "ClaimReview": {"@context", "@type", "claimReviewed", "itemReviewed", "reviewRating", "author", "datePublished",
                    "reviewBody", "url", "name"},
    "Claim": {"@type", "identifier", "text", "author", "contributor", "description", "datePublished", "appearance",
              "firstAppearance"},
    "Rating": {"@type", "ratingValue", "bestRating", "worstRating", "alternateName", "ratingExplanation", "name"},
    "NewsArticle": {"@type", "url", "headline", "datePublished", "publisher"},
    "Person": {"@type", "name", "url"},
    "Organization": {"@type", "name", "url"},
}


def check_properties(item: dict) -> None:
    """Every object has a schema.org @type, only that type's properties, and no null anywhere."""
    assert item["@type"] in PROPERTIES, item
    assert set(item) <= PROPERTIES[item["@type"]], set(item) - PROPERTIES[item["@type"]]
    for value in item.values():
        assert value is not None and value != ""
        for child in value if isinstance(value, list) else [value]:
            if isinstance(child, dict):
                check_properties(child)


def validate_claim_review(item: dict) -> None:
    from datetime import date, datetime

    assert item["@context"] == "https://schema.org" and item["@type"] == "ClaimReview"
    check_properties(item)
    assert isinstance(item["claimReviewed"], str) and item["claimReviewed"].strip()
    rating = item["reviewRating"]
    assert rating["@type"] == "Rating" and isinstance(rating["alternateName"], str) and rating["alternateName"]
    assert all(isinstance(rating[k], int) for k in ("ratingValue", "worstRating", "bestRating"))
    assert 1 <= rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
    assert rating["worstRating"] < rating["bestRating"]
    assert "url" in item or "itemReviewed" in item
    assert item["author"]["@type"] in ("Person", "Organization") and item["author"]["name"]
    datetime.fromisoformat(item["datePublished"])
    claim = item["itemReviewed"]
    assert claim["@type"] == "Claim" and claim["author"]["@type"] in ("Person", "Organization")
    assert claim["author"]["name"]
    appearance = claim["appearance"]
    assert appearance["@type"] == "NewsArticle" and appearance["publisher"]["@type"] == "Organization"
    if "datePublished" in claim:
        date.fromisoformat(claim["datePublished"])


def reviewed_story(tmp_path, monkeypatch, name="c.db"):
    Grouping(monkeypatch, [1, 2, 3])  # one story, whatever the grouping makes of these short accounts
    folder = tmp_path / "accounts"
    folder.mkdir()
    for file, text in ACCOUNTS.items():
        (folder / file).write_text(text)
    db = tmp_path / name
    run("ingest", folder, "--db", db, "--model", "hashing")
    assert list(listed(db)) == [1]
    claims = {r["text"]: r["id"] for r in open_db(db).query("select id, text from claims")}

    def find(start):
        return next(cid for text, cid in claims.items() if text.startswith(start))

    return db, find


def test_claimreview_export_of_a_reviewed_story(tmp_path, monkeypatch):
    db, find = reviewed_story(tmp_path, monkeypatch)
    soldiers, police = find("Two soldiers were killed"), find("Two police officers were killed")
    schools_a, schools_b = find("Schools in Hama closed"), find("Schools in Hama were closed")
    run("review", soldiers, police, "--verdict", "agree", "--by", "ed", "--db", db)
    # The latest verdict on a pair is the one published.
    run("review", soldiers, police, "--verdict", "contradict", "--note", "army checkpoint vs police patrol",
        "--by", "Dana Reviewer", "--db", db)
    run("review", schools_a, schools_b, "--verdict", "agree", "--by", "ed", "--db", db)
    run("review", soldiers, schools_b, "--verdict", "unrelated", "--by", "ed", "--db", db)
    out = tmp_path / "review.jsonld"
    run("report", "--story", 1, "--db", db, "--model", "hashing", "--format", "claimreview", "-o", out)
    document = json.loads(out.read_text())
    assert isinstance(document, list) and len(document) == 4  # two pairs, one ClaimReview per claim
    for item in document:
        validate_claim_review(item)
    by_claim = {(item["itemReviewed"]["identifier"], item["reviewRating"]["ratingValue"]): item for item in document}
    assert set(by_claim) == {(soldiers, 1), (police, 1), (schools_a, 3), (schools_b, 3)}

    item = by_claim[(soldiers, 1)]
    assert item["claimReviewed"].startswith("Two soldiers were killed in an attack on an army checkpoint")
    assert item["reviewRating"]["alternateName"] == "Contradicted by another account"
    assert item["reviewRating"]["worstRating"] == 1 and item["reviewRating"]["bestRating"] == 3
    assert police in item["reviewRating"]["ratingExplanation"]
    assert item["author"] == {"@type": "Person", "name": "Dana Reviewer"}
    assert item["reviewBody"] == "army checkpoint vs police patrol"
    claim = item["itemReviewed"]
    assert claim["author"] == {"@type": "Person", "name": "a security source"}
    assert claim["contributor"] == [{"@type": "Organization", "name": "SANA"}]
    assert claim["description"] == "Source chain: a security source → SANA → Meridian Wire"
    assert claim["datePublished"] == "2025-03-11"
    assert claim["appearance"] == {"@type": "NewsArticle", "url": "https://meridian.example/hama-attack",
                                   "headline": "Two soldiers killed in Hama", "datePublished": "2025-03-11",
                                   "publisher": {"@type": "Organization", "name": "Meridian Wire"}}
    assert by_claim[(police, 1)]["itemReviewed"]["appearance"]["url"] == "https://orontes.example/kafr-buhum"
    agreed = by_claim[(schools_a, 3)]
    assert agreed["reviewRating"]["alternateName"] == "Corroborated by an independent account"
    assert agreed["itemReviewed"]["author"] == {"@type": "Person", "name": "the governor"}
    assert "reviewBody" not in agreed  # no note: left out, never null


def test_an_agreement_through_one_agency_is_not_rated_as_independent(tmp_path, monkeypatch):
    from claimdiff.verify.claimreview import claim_reviews
    from claimdiff.verify.comparison import Review

    db, find = reviewed_story(tmp_path, monkeypatch)
    soldiers, police = find("Two soldiers were killed"), find("Two police officers were killed")
    comparison = stored_comparison(db)
    [a, b] = claim_reviews(comparison, [Review((soldiers, police), "agree", "", "ed", "2026-01-01T00:00:00+00:00")])
    for item in (a, b):
        validate_claim_review(item)
        assert item["reviewRating"]["ratingValue"] == 2
        assert item["reviewRating"]["alternateName"] == "Matches another account from the same origin"
        assert "Both relay SANA" in item["reviewRating"]["ratingExplanation"]


def stored_comparison(db):
    from claimdiff.verify import HashingEmbedder
    from claimdiff.verify.corpus import story_articles
    from claimdiff.verify.runs import compare_with_corpus

    conn = open_db(db)
    return compare_with_corpus(story_articles(conn, 1), HashingEmbedder(), conn, 1)


def test_render_exports_the_reviews_a_comparison_carries(tmp_path, monkeypatch):
    from claimdiff.verify import render

    db, find = reviewed_story(tmp_path, monkeypatch)
    soldiers, police = find("Two soldiers were killed"), find("Two police officers were killed")
    run("review", soldiers, police, "--verdict", "contradict", "--by", "ed", "--db", db)
    document = json.loads(render(stored_comparison(db), "claimreview"))
    assert sorted(item["itemReviewed"]["identifier"] for item in document) == sorted([soldiers, police])
    for item in document:
        validate_claim_review(item)


def test_a_story_without_reviews_exports_nothing_and_says_so(tmp_path, monkeypatch):
    from claimdiff.verify import render
    from claimdiff.verify.claimreview import ClaimReviewError
    from tests.test_bad_input import snapshot

    db, find = reviewed_story(tmp_path, monkeypatch)
    with pytest.raises(ClaimReviewError, match="no reviewed verdicts"):
        render(stored_comparison(db), "claimreview")
    # Only an "unrelated" verdict: nothing to publish either.
    run("review", find("Two soldiers were killed"), find("Schools in Hama were closed"), "--verdict", "unrelated",
        "--db", db)
    before = snapshot(db)
    out = tmp_path / "review.jsonld"
    result = CliRunner().invoke(cli, ["report", "--story", "1", "--db", str(db), "--model", "hashing",
                                      "--format", "claimreview", "-o", str(out)])
    assert result.exit_code == 1 and len(result.output.strip().splitlines()) == 1
    assert "story 1 has no reviewed verdicts to export as ClaimReview" in result.output
    assert not out.exists() and snapshot(db) == before
    files = CliRunner().invoke(cli, ["report", str(EXAMPLES / "wire.txt"), str(EXAMPLES / "regional.md"),
                                     "--model", "hashing", "--format", "claimreview"])
    assert files.exit_code == 2 and "--format claimreview needs --story ID" in files.output


# --- the corpus in datasette ----------------------------------------------------------------------------------------

def test_the_corpus_opens_in_datasette_with_readable_views(tmp_path, monkeypatch):
    import asyncio

    datasette_app = pytest.importorskip("datasette.app")
    path, find = reviewed_story(tmp_path, monkeypatch, "claimdiff.db")
    soldiers, police = find("Two soldiers were killed"), find("Two police officers were killed")
    run("review", soldiers, police, "--verdict", "contradict", "--note", "checkpoint vs patrol", "--by", "ed",
        "--db", path)
    run("compare", "--story", 1, "--db", path, "--model", "hashing", "--format", "json")

    async def fetch():
        ds = datasette_app.Datasette([str(path)])
        await ds.invoke_startup()
        pages = {}
        for name in ("claims_view", "alignments_view", "reviews_view", "stories_view", "story_articles_view"):
            response = await ds.client.get(f"/claimdiff/{name}.json?_shape=array&_size=max")
            assert response.status_code == 200, (name, response.text[:300])
            pages[name] = response.json()
        html = await ds.client.get("/claimdiff/claims_view")
        home = await ds.client.get("/claimdiff")
        return pages, html, home

    pages, html, home = asyncio.run(fetch())
    assert html.status_code == 200 and "Two soldiers were killed" in html.text
    assert home.status_code == 200 and all(name in home.text for name in ("claims_view", "alignments_view"))

    claim = next(r for r in pages["claims_view"] if r["claim_id"] == soldiers)
    assert claim["outlet"] == "Meridian Wire" and claim["published"] == "2025-03-11" and claim["story_id"] == 1
    assert claim["chain"] == "a security source → SANA → Meridian Wire" and claim["source_kind"]
    assert claim["claim"] in claim["sentence"] and claim["sentence"].startswith("Two soldiers were killed")
    assert claim["sentence"].endswith("told SANA.") and claim["url"] == "https://meridian.example/hama-attack"

    pair = next(r for r in pages["alignments_view"] if {r["claim_a"], r["claim_b"]} == {soldiers, police})
    texts = {pair["claim_a"]: pair["text_a"], pair["claim_b"]: pair["text_b"]}
    assert texts[soldiers].startswith("Two soldiers") and texts[police].startswith("Two police officers")
    assert {pair["outlet_a"], pair["outlet_b"]} == {"Meridian Wire", "Orontes Today"}
    assert pair["human_verdict"] == pair["verdict"] == "contradict" and pair["reviewed_by"] == "ed"
    assert pair["review_note"] == "checkpoint vs patrol" and pair["machine_verdict"] and pair["story_id"] == 1

    [review] = pages["reviews_view"]
    assert {review["text_a"][:10], review["text_b"][:10]} == {"Two soldie", "Two police"}

    [story] = pages["stories_view"]
    assert story["story_id"] == 1 and story["articles"] == 3 and story["claims"] > 3
    assert set(story["outlets"].split(",")) == {"Meridian Wire", "Orontes Today", "Hama Pulse"}
    assert sorted(r["outlet"] for r in pages["story_articles_view"]) == ["Hama Pulse", "Meridian Wire",
                                                                         "Orontes Today"]


def test_the_views_survive_damaged_json_in_a_row(tmp_path):
    db = tmp_path / "c.db"
    run("ingest", EXAMPLES / "wire.txt", "--db", db, "--model", "hashing")
    conn = open_db(db)
    conn.execute("update claims set sources = 'not json', record = '{' where id = 'A1-c1'")
    conn.conn.commit()
    row = next(open_db(db).query("select * from claims_view where claim_id = 'A1-c1'"))
    assert row["claim"] and row["chain"] is None and row["sentence"] is None


def test_reviews_of_claims_outside_the_comparison_are_named_as_such(tmp_path, monkeypatch):
    from claimdiff.verify.claimreview import ClaimReviewError, to_claimreview
    from claimdiff.verify.comparison import Review

    db, _ = reviewed_story(tmp_path, monkeypatch)
    comparison = stored_comparison(db)
    elsewhere = Review(("A9-c1", "A9-c2"), "agree", "", "ed", "2026-01-01T00:00:00+00:00")
    with pytest.raises(ClaimReviewError, match="not in this comparison"):
        to_claimreview(comparison, [elsewhere])
    overruled = Review(("A9-c1", "A9-c2"), "unrelated", "", "ed", "2026-01-02T00:00:00+00:00")
    with pytest.raises(ClaimReviewError, match="no reviewed verdicts"):
        to_claimreview(comparison, [elsewhere, overruled])
