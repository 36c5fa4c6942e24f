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
    known = claim_outlines(db, [claim_a, claim_b])
    for claim in (claim_a, claim_b):
        if claim not in known:
            raise StoreError(f"no stored claim {shown(claim)}")
    a, b = sorted((claim_a, claim_b))
    review = Review((a, b), verdict, note, reviewer, datetime.now(timezone.utc).isoformat(timespec="seconds"))
    with writing(db, "cannot store the review"):
        db["reviews"].insert({"claim_a": a, "claim_b": b, "verdict": verdict, "note": note, "reviewer": reviewer,
                              "at": review.at})
    return review


def claim_outlines(db: Database, claim_ids: Sequence[str]) -> dict[str, tuple[str | None, str]]:
    """Outlet and text of each stored claim of ``claim_ids``, for confirmations that name more than ids."""
    marks = ",".join("?" * len(claim_ids))
    return {r["id"]: (r["outlet"], r["text"]) for r in db.query(
        f"select c.id, c.text, a.outlet from claims c join articles a on a.id = c.article_id where c.id in ({marks})",
        list(claim_ids))}


def reviews(db: Database) -> list[Review]:
    return [Review((r["claim_a"], r["claim_b"]), r["verdict"], r["note"] or "", r["reviewer"] or "", r["at"])
            for r in db.query("select * from reviews order by at, id")]


def story_reviews(db: Database, story_id: int) -> list[Review]:
    """The reviews of pairs of claims that both belong to a stored story, oldest first."""
    articles = story_article_ids(db, story_id)
    marks = ",".join("?" * len(articles))
    return [Review((r["claim_a"], r["claim_b"]), r["verdict"], r["note"] or "", r["reviewer"] or "", r["at"])
            for r in db.query(f"select r.* from reviews r join claims a on a.id = r.claim_a join claims b "
                              f"on b.id = r.claim_b where a.article_id in ({marks}) and b.article_id in ({marks}) "
                              f"order by r.at, r.id", [*articles, *articles])]
