"""Export the graph (or a neighbourhood) as FollowTheMoney entity JSON lines.

Every line is a valid entity of the `followthemoney` model. Ids are ours with the colon
turned into a dot (`company.hikvision`, `to_ftm_id`), so `load ftm` of an export restores
them; a fact's FtM id is `fact-<hex>` and its `recordId` is our `fact_id`, so facts keep
their ids too.

| graph | FtM |
|---|---|
| Company | Company (name, alias, abbreviation, country, ticker, leiCode, uscCode, ...) |
| Person | Person (name, alias; a shareholder: restored only from our own export) |
| GovernmentBody | PublicBody |
| Place | Address (full = name) |
| Contract | Contract (title = name) |
| Source | Article (title, publisher, publishedAt, sourceUrl; keyword `kind:<kind>`) |
| SUBSIDIARY_OF, OWNED_BY, CONTROLLED_BY | Ownership (asset -> owner; percentage, role, dates) |
| LINKED_TO | UnknownLink (role LINKED_TO; OFAC's "Linked To" is never an Ownership) |
| LISTED_ON | Sanction (entity, authority, program, programId = list id, listingDate, ...) |
| MENTIONED_IN | Documentation (entity, document, summary = quote) |
| PARTY_TO | ContractAward (supplier, contract, role) |
| other relations | UnknownLink (subject, object, role = relationship type) |

An Ownership's `percentage` is the share in the source's words ("36.08%", "over 50 %"), else
its interval as FtM data writes it ("25-50", ">50"; graph/shares.py), none when not stated;
its `role` is OWNED_BY or CONTROLLED_BY for those types.

A claim a list states (`loaders.pipeline.claims`) carries its basis, in the list's words, as the
`description` of its Ownership or UnknownLink. Every fact carries `proof` (its sources as
documents); its citation goes to `summary`. Lists are not FtM entities (FtM has no schema
for a designation list): they travel inside each Sanction (programId, program, programUrl,
authority), so a list nobody is listed on, and ADMINISTERED_BY (list -> body), do not survive
a round trip. Nor do sectors and brands (FtM has no schema for either): IN_SECTOR
(vendor -> sector) and BRAND_OF (brand -> maker) stay in the graph and its GraphML/GEXF exports.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import IO, Any

from followthemoney import model
from followthemoney.proxy import EntityProxy

from graph.db import Graph
from graph.model import to_ftm_id
from graph.shares import share_of

SCHEMA_OF = {
    "Company": "Company",
    "Person": "Person",
    "GovernmentBody": "PublicBody",
    "Place": "Address",
    "Contract": "Contract",
}
IDENTIFIER_PROPS = {"lei": "leiCode", "uscc": "uscCode", "isin": "isinCode"}


def _date(value: Any, precision: Any) -> str | None:
    if not value:
        return None
    text = str(value)[:10]
    if precision == "year":
        return text[:4]
    if precision == "month":
        return text[:7]
    return text


def _add(proxy: EntityProxy, prop: str, values: Any) -> None:
    if values is None or values == "" or values == []:
        return
    for value in values if isinstance(values, list) else [values]:
        if value is not None and str(value).strip():
            proxy.add(prop, str(value), quiet=True)


def _proof(proxy: EntityProxy, props: Mapping[str, Any], sources: set[str]) -> None:
    for sid in props.get("source_ids") or []:
        if sid in sources:
            proxy.add("proof", to_ftm_id(sid))


def neighbourhood(graph: Graph, entity_id: str, depth: int) -> list[str]:
    ids = {entity_id}
    frontier = [entity_id]
    for _ in range(max(depth, 0)):
        row = graph.read_one("export/ftm_neighbours", ids=frontier) or {"ids": []}
        frontier = [i for i in row["ids"] if i not in ids]
        ids.update(frontier)
        if not frontier:
            break
    return sorted(ids)


def export_entities(
    graph: Graph, entity_id: str | None = None, depth: int = 1
) -> Iterator[EntityProxy]:
    """FtM proxies for the graph, or for the neighbourhood of `entity_id` to `depth`."""
    ids = neighbourhood(graph, entity_id, depth) if entity_id else None
    entities = graph.read("export/ftm_entities", ids=ids)
    facts = graph.read("export/ftm_facts", ids=ids)
    cited: set[str] = set()
    for row in [*entities, *facts]:
        cited.update(row["props"].get("source_ids") or [])
    cited.update(f["end"] for f in facts if f["type"] == "MENTIONED_IN")
    sources = graph.read("export/ftm_sources", ids=None if ids is None else sorted(cited))
    source_ids = {s["id"] for s in sources}
    by_id = {e["id"]: e for e in entities}
    administered = {f["start"]: f["end"] for f in facts if f["type"] == "ADMINISTERED_BY"}

    for src in sources:
        yield _source(src["id"], src["props"])
    for entity in entities:
        proxy = _entity(entity, source_ids)
        if proxy is not None:
            yield proxy
    for fact in facts:
        proxy = _fact(fact, by_id, administered, source_ids)
        if proxy is not None:
            yield proxy


def _source(sid: str, props: Mapping[str, Any]) -> EntityProxy:
    proxy = model.make_entity("Article")
    proxy.id = to_ftm_id(sid)
    _add(proxy, "title", props.get("title"))
    _add(proxy, "publisher", props.get("publisher"))
    _add(proxy, "author", props.get("author"))
    _add(proxy, "publishedAt", _date(props.get("date"), props.get("date_precision")))
    _add(proxy, "sourceUrl", props.get("url"))
    _add(proxy, "summary", props.get("citation"))
    _add(proxy, "notes", props.get("note"))
    if props.get("kind"):
        proxy.add("keywords", f"kind:{props['kind']}")
    return proxy


def _entity(entity: Mapping[str, Any], sources: set[str]) -> EntityProxy | None:
    label = next((lb for lb in entity["labels"] if lb in SCHEMA_OF), None)
    if label is None:
        return None
    props = entity["props"]
    proxy = model.make_entity(SCHEMA_OF[label])
    proxy.id = to_ftm_id(entity["id"])
    name = props.get("name") or entity["id"]
    _add(proxy, "name", name)
    _add(proxy, "alias", [a for a in props.get("aliases") or [] if a != name])
    _add(proxy, "notes", props.get("note"))
    if label in ("Company", "GovernmentBody"):
        country = props.get("country")
        _add(proxy, "country", country.lower() if isinstance(country, str) else None)
        _add(proxy, "abbreviation", props.get("short_name"))
        _add(proxy, "status", props.get("status"))
    if label == "Company":
        _add(proxy, "ticker", props.get("tickers"))
        for ident in props.get("identifiers") or []:
            key, _, value = str(ident).partition(":")
            _add(proxy, IDENTIFIER_PROPS.get(key, "registrationNumber"), value or key)
    if label == "Place":
        _add(proxy, "full", name)
    if label == "Contract":
        _add(proxy, "title", name)
        _add(proxy, "description", props.get("description"))
        _add(proxy, "status", props.get("status"))
    _proof(proxy, props, sources)
    return proxy


def _fact(
    fact: Mapping[str, Any],
    by_id: Mapping[str, Mapping[str, Any]],
    administered: Mapping[str, str],
    sources: set[str],
) -> EntityProxy | None:
    rel, props = fact["type"], fact["props"]
    start, end = fact["start"], fact["end"]
    since = _date(props.get("since"), props.get("since_precision"))
    until = _date(props.get("until"), props.get("until_precision"))
    if rel == "ADMINISTERED_BY" or start not in by_id:
        return None
    if rel != "MENTIONED_IN" and end not in by_id:
        return None
    if rel in ("SUBSIDIARY_OF", "OWNED_BY", "CONTROLLED_BY"):
        proxy = model.make_entity("Ownership")
        proxy.add("asset", to_ftm_id(start))
        proxy.add("owner", to_ftm_id(end))
        _add(proxy, "percentage", share_of(props).percentage())
        _add(proxy, "startDate", since)
        _add(proxy, "endDate", until)
        if rel != "SUBSIDIARY_OF":
            proxy.add("role", rel)
    elif rel == "LISTED_ON":
        lst = by_id[end]["props"]
        proxy = model.make_entity("Sanction")
        proxy.add("entity", to_ftm_id(start))
        _add(proxy, "program", lst.get("name"))
        _add(proxy, "programId", end)
        _add(proxy, "programUrl", lst.get("url"))
        body = by_id.get(administered.get(end, ""))
        _add(proxy, "authority", body["props"].get("name") if body else None)
        _add(proxy, "listingDate", since)
        _add(proxy, "startDate", props.get("effective") or since)
        _add(proxy, "endDate", until)
        _add(proxy, "reason", props.get("note"))
        _add(proxy, "namesMentioned", props.get("name_as_listed"))
        _add(proxy, "provisions", props.get("programs"))
    elif rel == "MENTIONED_IN":
        if end not in sources:
            return None
        proxy = model.make_entity("Documentation")
        proxy.add("entity", to_ftm_id(start))
        proxy.add("document", to_ftm_id(end))
        _add(proxy, "summary", props.get("quote"))
    elif rel == "PARTY_TO":
        proxy = model.make_entity("ContractAward")
        proxy.add("supplier", to_ftm_id(start))
        proxy.add("contract", to_ftm_id(end))
        _add(proxy, "role", props.get("role"))
    else:
        proxy = model.make_entity("UnknownLink")
        proxy.add("subject", to_ftm_id(start))
        proxy.add("object", to_ftm_id(end))
        proxy.add("role", rel)
        _add(proxy, "startDate", since)
        _add(proxy, "endDate", until)
    proxy.id = "fact-" + str(props["fact_id"]).removeprefix("fact:")
    proxy.add("recordId", props["fact_id"])
    if rel != "MENTIONED_IN":
        _add(proxy, "summary", props.get("citation"))
    if rel != "LISTED_ON":
        _add(proxy, "description", props.get("note") or props.get("basis"))
    _proof(proxy, props, sources)
    return proxy


def write_ftm(graph: Graph, out: IO[str], entity_id: str | None = None, depth: int = 1) -> int:
    """Write JSON lines; returns how many entities were written."""
    count = 0
    for proxy in export_entities(graph, entity_id, depth):
        data = proxy.to_dict()
        data["datasets"] = ["survgraph"]
        out.write(json.dumps(data, ensure_ascii=False, sort_keys=True) + "\n")
        count += 1
    return count


def export_file(graph: Graph, path: Path, entity_id: str | None = None, depth: int = 1) -> int:
    with path.open("w", encoding="utf-8") as fh:
        return write_ftm(graph, fh, entity_id, depth)
