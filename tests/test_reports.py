"""Reports for editors: what each format says about a pair of claims."""
import csv
import io

from claimdiff.sources import Article
from claimdiff.verify import compare, render
from tests.fakes import TopicEmbedder


def test_csv_pairs_read_the_year_from_a_dateline_like_the_comparison():
    # No metadata dates: the second article's dateline gives the year, so March 11 (a Tuesday in 2025) conflicts
    # with "Wednesday" in the groups, and the CSV row of that pair says so too.
    one = Article.from_text("Two soldiers were killed in the attack on March 11.", outlet="Wire", id="a1")
    two = Article.from_text("Published on Friday, 14 March 2025.\n\nTwo soldiers were killed in the attack on "
                            "Wednesday.", outlet="Local", id="a2")
    result = compare([one, two], embedder=TopicEmbedder(["attack"]))
    assert [g.verdict for g in result.alignments] == ["contradict"]
    [row] = [r for r in csv.DictReader(io.StringIO(render(result, "csv"))) if r["claim_b"]]
    assert (row["verdict"], row["differences"]) == ("contradict", "date: March 11 / on Wednesday")


def test_every_fact_table_row_is_named_in_words():
    from claimdiff.verify.report import fact_rows

    one = Article.from_text("Marta Olsen, 52, of Tromso was injured in the crash on Sunday.", outlet="Wire", id="a1")
    two = Article.from_text("Marta Olsen, 52, of Bergen was injured in the crash on Sunday.", outlet="Local", id="a2")
    rows = {what: verdict for what, verdict, _, _ in fact_rows(compare([one, two], embedder=TopicEmbedder(["crash"])))}
    assert rows["home of Marta Olsen"] == "contradict"
    assert rows["time of the incident"] == "agree"
