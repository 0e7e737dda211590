"""Resolve and write the mentions of one article: `survgraph load article FILE`.

The article becomes a `(:Source {kind: 'news'})`. Each name found (`loaders.article.parse`) goes
through `GraphResolver`: a `match` links the entity with
`(entity)-[:MENTIONED_IN {quote: the sentence}]->(source)`; anything else that looks like a
company is filed for review (kind 'article_mention'). An article never creates an entity.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph.db import Graph
from graph.model import fact_id, recorded
from graph.writer import write_batches
from loaders.article.parse import (
    AliasIndex,
    Article,
    Mention,
    entity_names,
    find_mentions,
    parse_article,
)
from loaders.plumbing.report import LoadReport
from loaders.resolution import (
    ENTITY_PLACEHOLDER,
    Decision,
    GraphResolver,
    Proposal,
    candidates_of,
    file_proposals,
    normalize,
)

ORIGIN = "article"
LINKED_LABELS = ("Company", "GovernmentBody")


def source_id(article: Article) -> str:
    key = article.url or article.title or article.path or ""
    title_slug = re.sub(r"[^a-z0-9]+", "-", (article.title or "article").casefold()).strip("-")
    digest = hashlib.sha256(key.encode()).hexdigest()[:10]
    return f"source:article-{title_slug[:50].strip('-') or 'article'}-{digest}"


def source_row(article: Article) -> dict[str, Any]:
    props: dict[str, Any] = {"title": article.title, "kind": "news", "origin": ORIGIN}
    for key, value in (
        ("publisher", article.publisher),
        ("date", article.date),
        ("url", article.url),
    ):
        if value:
            props[key] = value
    if article.path:
        props["file_name"] = Path(article.path).name
    return {"id": source_id(article), "props": props}


def load_article(
    graph: Graph,
    path: Path,
    title: str | None = None,
    publisher: str | None = None,
    date: str | None = None,
    url: str | None = None,
) -> LoadReport:
    article = parse_article(path, title=title, publisher=publisher, date=date, url=url)
    report = LoadReport(loader="article", source=str(path))
    if not article.title:
        report.reject(str(path), "no title: give --title (or an HTML <title>)")
        report.finish()
        return report
    src = source_row(article)
    resolver = GraphResolver(graph)
    mentions = _mentions(article, resolver)
    report.rows_read = len(mentions)
    plan = _MentionPlan(src["id"])
    for mention, labels in mentions:
        plan.add(mention, resolver.resolve(mention.span, labels=labels))
    write_batches(graph, "load/article_source", [src])
    stamp = recorded(f"run:article-{src['id']}-{report.started_at}", report.started_at)
    stats = write_batches(graph, "load/article_mentions", plan.links.values(), 1000, **stamp)
    report.sent_to_review = file_proposals(graph, list(plan.proposals.values()))
    report.relationships_created = stats.counts["relationships_created"]
    report.relationships_total = len(plan.links)
    report.extra.update(
        {
            "source_id": src["id"],
            "title": article.title,
            "publisher": article.publisher,
            "date": article.date,
            "url": article.url,
            "linked": sorted({row["start"] for row in plan.links.values()}),
            "review": sorted(p.input for p in plan.proposals.values()),
        }
    )
    report.finish()
    return report


def _mentions(article: Article, resolver: GraphResolver) -> list[tuple[Mention, list[str]]]:
    """The article's mentions of graph names (and company-like names), each with the labels
    of the entities whose names it matched (Company when none)."""
    entries = [e for e in resolver.entries if set(e.labels) & set(LINKED_LABELS)]
    labels_of = {e.id: e.labels for e in entries}
    index = AliasIndex.build(entity_names((e.id, [e.name, *e.aliases]) for e in entries))
    found = []
    for mention in find_mentions(article, index):
        labels = sorted({lb for i in mention.entity_ids for lb in labels_of.get(i, ())})
        found.append((mention, labels or ["Company"]))
    return found


@dataclass
class _MentionPlan:
    """MENTIONED_IN facts for the mentions the resolver placed, review items for the rest."""

    source_id: str
    links: dict[str, dict[str, Any]] = field(default_factory=dict)
    proposals: dict[str, Proposal] = field(default_factory=dict)

    def add(self, mention: Mention, decision: Decision) -> None:
        entity = decision.entity
        agrees = mention.kind == "company_like" or (
            entity is not None and entity.id in mention.entity_ids
        )
        if decision.decision == "match" and entity is not None and agrees:
            self.link(mention, entity.id)
        elif normalize(mention.span) not in self.proposals:
            self.proposals[normalize(mention.span)] = self.proposal(mention, decision)

    def props(self, mention: Mention) -> dict[str, Any]:
        return {
            "quote": mention.sentence,
            "source_ids": [self.source_id],
            "origin": ORIGIN,
            "span": mention.span,
        }

    def link(self, mention: Mention, entity_id: str) -> None:
        fid = fact_id("MENTIONED_IN", entity_id, self.source_id, ORIGIN)
        if fid in self.links:
            self.links[fid]["props"]["mentions"] += 1
            return
        props = {**self.props(mention), "mentions": 1}
        link = {"fact_id": fid, "start": entity_id, "end": self.source_id, "props": props}
        self.links[fid] = link

    def proposal(self, mention: Mention, decision: Decision) -> Proposal:
        fact = {
            "type": "MENTIONED_IN",
            "start": ENTITY_PLACEHOLDER,
            "end": self.source_id,
            "key": ORIGIN,
            "props": self.props(mention),
        }
        return Proposal(
            kind="article_mention",
            input=mention.span,
            about_id=self.source_id,
            context=self.source_id,
            candidates=candidates_of(decision),
            explanation=decision.explanation,
            facts=[fact],
            extra={
                "quote": mention.sentence,
                "mention_kind": mention.kind,
                "alias_entity_ids": list(mention.entity_ids),
            },
        )
