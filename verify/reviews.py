"""A fact-checker's verdicts on pairs of stored claims: they win over the machine's in every later view."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timezone

from sqlite_utils import Database

from ..sources.errors import shown
from .comparison import REVIEW_VERDICTS, Review
from .corpus import StoreError, story_article_ids, writing


def add_review(db: Database, claim_a: str, claim_b: str, verdict: str, note: str, reviewer: str) -> Review:
    """Store a fact-checker's verdict on two stored claims."""
    if verdict not in REVIEW_VERDICTS:
        raise StoreError(f"verdict must be one of {', '.join(REVIEW_VERDICTS)}")
    if claim_a == claim_b:  # a verdict of a claim on itself would still join or split its group
        raise StoreError(f"a claim cannot be reviewed against itself ({shown(claim_a)} twice)")
    a, b = sorted((claim_a, claim_b))
    rows = {r["id"]: r for r in db.query("select id, article_id, text, start, end from claims where id in (?, ?)",
                                         [a, b])}
    for claim in (claim_a, claim_b):
        if claim not in rows:
            raise StoreError(f"no stored claim {shown(claim)}")
    row = {}
    for side, claim in (("a", a), ("b", b)):
        row.update({f"claim_{side}": claim, f"article_{side}": rows[claim]["article_id"],
                    f"text_{side}": rows[claim]["text"], f"start_{side}": rows[claim]["start"],
                    f"end_{side}": rows[claim]["end"]})
    review = _review({**row, "verdict": verdict, "note": note, "reviewer": reviewer,
                      "at": datetime.now(timezone.utc).isoformat(timespec="seconds")})
    with writing(db, "cannot store the review"):
        db["reviews"].insert({**row, "verdict": verdict, "note": note, "reviewer": reviewer, "at": review.at})
    return review


def claim_outlines(db: Database, claim_ids: Sequence[str]) -> dict[str, tuple[str | None, str]]:
    """Outlet and text of each stored claim of ``claim_ids``, for confirmations that name more than ids."""
    marks = ",".join("?" * len(claim_ids))
    return {r["id"]: (r["outlet"], r["text"]) for r in db.query(
        f"select c.id, c.text, a.outlet from claims c join articles a on a.id = c.article_id where c.id in ({marks})",
        list(claim_ids))}


def _review(row: dict) -> Review:
    """A stored review, with the content that finds its claims again (``comparison.resolved``)."""
    content = None
    if all(row.get(f"{field}_{side}") is not None for field in ("article", "text", "start", "end") for side in "ab"):
        content = tuple({"article": f"A{row[f'article_{side}']}", "text": row[f"text_{side}"],
                         "start": row[f"start_{side}"], "end": row[f"end_{side}"]} for side in "ab")
    return Review((row["claim_a"], row["claim_b"]), row["verdict"], row["note"] or "", row["reviewer"] or "",
                  row["at"], content)


def reviews(db: Database) -> list[Review]:
    return [_review(r) for r in db.query("select * from reviews order by at, id")]


def story_reviews(db: Database, story_id: int) -> list[Review]:
    """The reviews of pairs of claims that both belong to a stored story, oldest first."""
    articles = story_article_ids(db, story_id)
    marks = ",".join("?" * len(articles))
    return [_review(r) for r in db.query(f"select * from reviews where article_a in ({marks}) and article_b in "
                                         f"({marks}) order by at, id", [*articles, *articles])]
