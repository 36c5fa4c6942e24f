"""Reading articles and attributing every statement to its source."""
from .article import Article
from .attribution import Piece, Source, Statement, attribute
from .errors import ClaimdiffError, InputError, Span
from .readers import MAX_BYTES, article_files, read_article, read_articles
from .registry import KINDS, SourceEntry, SourceRegistry
from .sentences import Sentence, split_sentences

__all__ = [
    "Article", "ClaimdiffError", "InputError", "KINDS", "MAX_BYTES", "Piece", "Sentence", "Source", "SourceEntry",
    "SourceRegistry", "Span", "Statement", "article_files", "attribute", "read_article", "read_articles",
    "split_sentences",
]
