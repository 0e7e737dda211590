"""Resolve and write the mentions of one article: `survgraph load article FILE`.

The article becomes a `(:Source {kind: 'news'})`. Each name found (`loaders.article`) goes
through `GraphResolver`: a `match` links the entity with
`(entity)-[:MENTIONED_IN {quote: the sentence}]->(source)`; anything else that looks like a
company is filed for review (kind 'article_mention'). An article never creates an entity.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

from graph.db import Graph
from graph.model import fact_id
from loaders.article import AliasIndex, Article, entity_names, find_mentions, parse_article
from loaders.report import LoadReport
from loaders.resolution import (
    ENTITY_PLACEHOLDER,
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
    sid = src["id"]
    resolver = GraphResolver(graph)
    entries = [e for e in resolver.entries if set(e.labels) & set(LINKED_LABELS)]
    labels_of = {e.id: e.labels for e in entries}
    index = AliasIndex.build(entity_names((e.id, [e.name, *e.aliases]) for e in entries))
    mentions = find_mentions(article, index)
    report.rows_read = len(mentions)
    links: dict[str, dict[str, Any]] = {}
    proposals: dict[str, Proposal] = {}
    unlinked: list[str] = []
    for mention in mentions:
        labels = sorted({lb for i in mention.entity_ids for lb in labels_of.get(i, ())}) or [
            "Company"
        ]
        decision = resolver.resolve(mention.span, labels=labels)
        entity = decision.entity
        agrees = mention.kind == "company_like" or (
            entity is not None and entity.id in mention.entity_ids
        )
        if decision.decision == "match" and entity is not None and agrees:
            fid = fact_id("MENTIONED_IN", entity.id, sid, ORIGIN)
            if fid in links:
                links[fid]["props"]["mentions"] += 1
                continue
            links[fid] = {
                "fact_id": fid,
                "start": entity.id,
                "end": sid,
                "props": {
                    "quote": mention.sentence,
                    "source_ids": [sid],
                    "origin": ORIGIN,
                    "span": mention.span,
                    "mentions": 1,
                },
            }
            continue
        if mention.kind == "alias" and decision.decision == "none":
            unlinked.append(mention.span)
        key = normalize(mention.span)
        if key in proposals:
            continue
        proposals[key] = Proposal(
            kind="article_mention",
            input=mention.span,
            about_id=sid,
            context=sid,
            candidates=candidates_of(decision),
            explanation=decision.explanation,
            facts=[
                {
                    "type": "MENTIONED_IN",
                    "start": ENTITY_PLACEHOLDER,
                    "end": sid,
                    "key": ORIGIN,
                    "props": {
                        "quote": mention.sentence,
                        "source_ids": [sid],
                        "origin": ORIGIN,
                        "span": mention.span,
                    },
                }
            ],
            extra={
                "quote": mention.sentence,
                "mention_kind": mention.kind,
                "alias_entity_ids": list(mention.entity_ids),
            },
        )
    graph.write_rows("load/article_source", [src])
    stats = graph.write_rows("load/article_mentions", list(links.values()))
    report.sent_to_review = file_proposals(graph, list(proposals.values()))
    report.relationships_created = stats.relationships_created
    report.relationships_total = len(links)
    report.extra.update(
        {
            "source_id": sid,
            "title": article.title,
            "publisher": article.publisher,
            "date": article.date,
            "url": article.url,
            "linked": sorted({row["start"] for row in links.values()}),
            "review": sorted(p.input for p in proposals.values()),
        }
    )
    report.finish()
    return report
