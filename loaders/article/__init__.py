"""News articles: `parse` finds the organisations an article names, `load` links them to the
graph's entities as mentions of the article (a cited Source)."""

from loaders.article.load import load_article
from loaders.article.parse import AliasIndex, Article, find_mentions, parse_article, sentences

__all__ = ["AliasIndex", "Article", "find_mentions", "load_article", "parse_article", "sentences"]
