"""What an article's claims depend on, as one key: a stored analysis is reused only while none of it changed."""
from __future__ import annotations

import dataclasses
import hashlib
import json
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from .. import sources
from ..sources import Article, SourceRegistry, attribute
from ..sources.clauses import PIPELINE
from .claim import Claim, extract_claims


@lru_cache(maxsize=1)
def code_version() -> str:
    """A hash of the code and data that turn an article into claims (sources/ and claims/) and of the parser's
    version: editing a rule or upgrading the English pipeline invalidates every stored analysis."""
    digest = hashlib.sha256()
    for package in (Path(sources.__file__).parent, Path(__file__).parent):
        for path in sorted(package.glob("*.py")) + sorted(package.glob("*.yaml")):
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    try:
        digest.update(metadata.version(PIPELINE.replace("_", "-")).encode())
    except metadata.PackageNotFoundError:  # pragma: no cover - attribution reports the missing pipeline itself
        pass
    return digest.hexdigest()


def analysis_key(article: Article, registry: SourceRegistry) -> str:
    """The key of an article's analysis: its text and metadata, the registry's entries and the code version."""
    payload = json.dumps([
        code_version(), article.text, article.outlet, article.published.isoformat() if article.published else None,
        article.body_start, article.furniture, [dataclasses.asdict(e) for e in registry.entries],
    ], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def analyse(article: Article, registry: SourceRegistry) -> list[Claim]:
    """The article's atomic claims: attribution, then claims and facts."""
    return extract_claims(article, attribute(article, registry))
