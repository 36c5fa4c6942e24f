"""The claims package's table (ordered, append-only migrations)."""
from __future__ import annotations

import hashlib
import json

from sqlite_utils import Database, Migrations

from .claim import Claim

migrations = Migrations("claimdiff.claims")


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@migrations()
def m001_claims(db: Database) -> None:
    db["claims"].create({
        "id": str, "article_id": int, "text": str, "start": int, "end": int, "hedged": int, "inherited": int,
        "sources": str, "facts": str, "text_hash": str,
    }, pk="id", foreign_keys=[("article_id", "articles", "id")], not_null={"text", "text_hash"})
    db["claims"].create_index(["article_id"])
    db["claims"].create_index(["text_hash"])


@migrations()
def m002_claim_records(db: Database) -> None:
    # The whole claim (facts with spans, statement, sentence), so a stored claim reads back as a Claim.
    db["claims"].add_column("record", str)


def insert_claims(db: Database, article_id: int, claims: list[Claim]) -> None:
    """Store an article's claims; the caller holds the transaction."""
    db["claims"].insert_all({
        "id": claim.id, "article_id": article_id, "text": claim.text, "start": claim.start, "end": claim.end,
        "hedged": int(claim.hedged), "inherited": int(claim.inherited), "sources": json.dumps(claim.sources),
        "facts": json.dumps(claim.facts.to_dict()), "text_hash": text_hash(claim.text),
        "record": json.dumps(claim.record()),
    } for claim in claims)
