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


@migrations()
def m003_claims_fts(db: Database) -> None:
    # The sentence each claim came from (it names who said it), and a full-text index of claim and sentence
    # (FTS5, Porter stemming, kept in step by triggers): search adds keyword matches to the embedding's ranking.
    db["claims"].add_column("sentence", str)
    db["claims"].enable_fts(["text", "sentence"], fts_version="FTS5", tokenize="porter", create_triggers=True)


def insert_claims(db: Database, article_id: int, claims: list[Claim], article_text: str) -> None:
    """Store an article's claims (``article_text``: the text their spans point into); the caller holds the
    transaction."""
    db["claims"].insert_all({
        "id": claim.id, "article_id": article_id, "text": claim.text, "start": claim.start, "end": claim.end,
        "hedged": int(claim.hedged), "inherited": int(claim.inherited),
        "sources": json.dumps([claim.source.to_dict()]),
        "facts": json.dumps(claim.facts.to_dict()), "text_hash": text_hash(claim.text),
        "record": json.dumps(claim.record()),
        "sentence": article_text[slice(*claim.sentence)] if claim.sentence else claim.text,
    } for claim in claims)
