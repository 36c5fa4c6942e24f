"""The sources package's table: articles (ordered, append-only migrations)."""
from __future__ import annotations

import json
from datetime import datetime, timezone

from sqlite_utils import Database, Migrations

from .article import Article

migrations = Migrations("claimdiff.sources")


@migrations()
def m001_articles(db: Database) -> None:
    db["articles"].create({
        "id": int, "content_hash": str, "outlet": str, "title": str, "published": str, "url": str, "path": str,
        "text": str, "body_start": int, "notes": str, "ingested_at": str,
    }, pk="id", not_null={"content_hash", "text"})
    db["articles"].create_index(["content_hash"], unique=True)
    db["sources"].create({
        "id": int, "article_id": int, "name": str, "kind": str, "chain": str, "mention": str, "start": int,
        "end": int, "cue": str, "inherited": int,
    }, pk="id", foreign_keys=[("article_id", "articles", "id")])
    db["sources"].create_index(["article_id"])
    db["sources"].create_index(["name"])


@migrations()
def m002_no_sources_table(db: Database) -> None:
    # Each claim carries its sources (chain, kind, cue); the table of statements' sources was written, never read.
    db["sources"].drop(ignore=True)


def find_article(db: Database, article: Article) -> int | None:
    """The stored id of an article with the same text, if any."""
    rows = list(db.query("select id from articles where content_hash = ?", [article.content_hash]))
    return rows[0]["id"] if rows else None


def insert_article(db: Database, article: Article) -> int:
    """Store an article; the caller holds the transaction."""
    article_id = db["articles"].insert({
        "content_hash": article.content_hash, "outlet": article.outlet, "title": article.title,
        "published": article.published.isoformat() if article.published else None, "url": article.url,
        "path": article.path, "text": article.text, "body_start": article.body_start,
        "notes": json.dumps(article.notes), "ingested_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
    }).last_pk
    return article_id


def load_article(row: dict) -> Article:
    """An Article back from its row (furniture is recomputed from the text, exactly as on first read)."""
    article = Article.from_text(row["text"], outlet=row["outlet"], published=row["published"], title=row["title"],
                                url=row["url"], path=row["path"], id=f"A{row['id']}")
    return article
