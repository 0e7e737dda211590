"""The questions the API and the CLI answer, one method each, one Cypher round trip each.

Routers and `survgraph` query commands both call `Service`; neither builds Cypher. Every
statement is a named file `cypher/api_*.cypher`, every value a parameter. Limits (depth,
hops, page size, relationship types) are checked here so both front ends refuse the same
things with the same `InvalidField` error (HTTP 422 naming the field).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Mapping
from typing import Any

from api import models as m
from api.search_index import SearchIndex
from graph.db import Graph
from graph.errors import BadRequest, NotFound
from graph.settings import Settings

# Relationship types a path or neighbourhood may follow. Types cannot be Cypher parameters,
# so requests name them from this fixed set and the statement filters `type(r) IN $rels`.
PATH_RELS: tuple[str, ...] = (
    "SUBSIDIARY_OF",
    "BRANCH_OF",
    "CONTROLLED_BY",
    "LOCATED_IN",
    "PART_OF",
    "PARTY_TO",
    "AWARDED_BY",
    "PERFORMED_IN",
    "ADMINISTERED_BY",
    "LISTED_ON",
    "MENTIONED_IN",
)
# By default paths do not run through documents: two facts citing one article are not linked.
DEFAULT_PATH_RELS: tuple[str, ...] = tuple(r for r in PATH_RELS if r != "MENTIONED_IN")
ENTITY_LABELS: tuple[str, ...] = ("Company", "GovernmentBody", "Place", "List", "Contract")
MAX_HOPS = 6  # the literal ceiling in api_paths.cypher
MAX_NEIGHBORHOOD_DEPTH = 3  # the literal ceiling in api_neighborhood.cypher
MAX_PATHS = 100
MAX_QUERY_CHARS = 500
_EDGE_KEYS = ("fact_id", "origin", "note", "source_ids")
_DESIGNATION_KEYS = (
    "since",
    "effective",
    "until",
    "citation",
    "name_as_listed",
    "programs",
    "fact_id",
    "origin",
    "note",
    "source_ids",
)


class InvalidField(BadRequest):
    """A request value outside its bounds; `errors` names the field like FastAPI's own 422."""

    def __init__(self, field: str, message: str, value: object, where: str = "query") -> None:
        super().__init__(
            f"{field}: {message}",
            errors=[{"loc": [where, field], "field": field, "msg": message, "input": value}],
        )


def today() -> str:
    return dt.date.today().isoformat()


def check_date(field: str, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise InvalidField(field, "must be an ISO date YYYY-MM-DD", value) from None


def check_max(field: str, value: int, limit: int) -> int:
    if value > limit:
        raise InvalidField(field, f"must be <= {limit}", value)
    if value < 1:
        raise InvalidField(field, "must be >= 1", value)
    return value


# -- converting rows into models --------------------------------------------------------------


def kind_labels(labels: Iterable[str]) -> list[str]:
    return [label for label in labels if label != "Entity"]


def entity_ref(row: Mapping[str, Any] | None) -> m.EntityRef:
    row = row or {}
    return m.EntityRef(
        id=str(row.get("id")), name=row.get("name"), labels=kind_labels(row.get("labels") or [])
    )


class SourceBook:
    """Source nodes returned by a statement, looked up by id; unknown ids stay visible."""

    def __init__(self, rows: Iterable[Mapping[str, Any]]) -> None:
        self._by_id = {str(r["id"]): r for r in rows if r and r.get("id")}

    def all_ids(self) -> list[str]:
        return list(self._by_id)

    def refs(self, ids: Iterable[str]) -> list[m.SourceRef]:
        out: list[m.SourceRef] = []
        for sid in dict.fromkeys(ids):
            row = self._by_id.get(sid)
            if row is None:
                out.append(m.SourceRef(id=sid, found=False))
            else:
                fields: dict[str, Any] = {k: _text(row.get(k)) for k in _SOURCE_FIELDS}
                out.append(m.SourceRef.model_validate({**fields, "id": sid}))
        return out


_SOURCE_FIELDS = (
    "title",
    "publisher",
    "author",
    "date",
    "date_precision",
    "url",
    "kind",
    "citation",
    "note",
)


def _text(value: Any) -> str | None:
    return None if value is None or value == "" else str(value)


def _ids(value: Any) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list) else []


def edge(row: Mapping[str, Any], book: SourceBook | None) -> m.Edge:
    """An edge row `{type, start, end, props}`; without a book only the source ids are given."""
    props = dict(row.get("props") or {})
    source_ids = _ids(props.get("source_ids"))
    return m.Edge(
        type=str(row["type"]),
        from_id=str(row["start"]),
        to_id=str(row["end"]),
        fact_id=props.get("fact_id"),
        origin=props.get("origin"),
        note=props.get("note"),
        properties={k: v for k, v in props.items() if k not in _EDGE_KEYS},
        source_ids=source_ids,
        sources=book.refs(source_ids) if book is not None else [],
    )


def link(row: Mapping[str, Any], book: SourceBook) -> m.Link:
    return m.Link(entity=entity_ref(row["entity"]), edge=edge(row["edge"], book))


def designation(row: Mapping[str, Any], book: SourceBook) -> m.Designation:
    props = dict(row.get("props") or {})
    source_ids = _ids(props.get("source_ids"))
    return m.Designation(
        list_ref=m.EntityRef(
            id=row["list"]["id"],
            name=row["list"].get("name") or row["list"].get("short_name"),
            labels=["List"],
        ),
        since=props.get("since"),
        effective=props.get("effective"),
        until=props.get("until"),
        in_force=bool(row.get("in_force")),
        citation=props.get("citation"),
        name_as_listed=props.get("name_as_listed"),
        programs=_ids(props.get("programs")),
        fact_id=props.get("fact_id"),
        origin=props.get("origin"),
        note=props.get("note"),
        properties={k: v for k, v in props.items() if k not in _DESIGNATION_KEYS},
        source_ids=source_ids,
        sources=book.refs(source_ids),
    )


# -- the service ---------------------------------------------------------------------------------


class Service:
    """Read-only questions over one `Graph`; shared by the API (per app) and the CLI."""

    def __init__(self, graph: Graph, settings: Settings, index: SearchIndex | None = None) -> None:
        self.graph = graph
        self.settings = settings
        self.index = index or SearchIndex(graph)

    def page_limit(self, limit: int) -> int:
        return check_max("limit", limit, self.settings.max_page_size)

    def depth(self, depth: int | None, field: str = "depth") -> int:
        if depth is None:
            return self.settings.max_depth
        return check_max(field, depth, self.settings.max_depth)

    # health ------------------------------------------------------------------------------------

    def health(self) -> m.Health:
        components = self.graph.read("server_components", timeout=3.0)
        counts = self.graph.read_one("graph_counts", timeout=3.0) or {}
        kernel = next((c for c in components if c.get("name") == "Neo4j Kernel"), {})
        return m.Health(
            status="ok",
            neo4j_version=kernel.get("version"),
            neo4j_edition=kernel.get("edition"),
            nodes=int(counts.get("nodes") or 0),
            relationships=int(counts.get("relationships") or 0),
        )

    # search and resolve --------------------------------------------------------------------

    def search(self, q: str, label: str | None = None, limit: int = 10) -> m.SearchAnswer:
        query = q.strip()
        if not query:
            raise InvalidField("q", "must not be empty", q)
        if len(query) > MAX_QUERY_CHARS:
            raise InvalidField("q", f"must be at most {MAX_QUERY_CHARS} characters", len(q))
        labels = self._labels("label", [label] if label else None)
        limit = self.page_limit(limit)
        hits = self.index.resolver().search(query, limit=limit, labels=labels)
        results = [
            m.SearchHit(
                id=c.id,
                name=c.name,
                score=round(c.score, 4),
                alias=c.alias,
                labels=kind_labels(c.labels),
            )
            for c in hits
        ]
        return m.SearchAnswer(
            query=query, results=results, total=len(results), limit=limit, offset=0
        )

    def resolve(self, names: list[str], labels: list[str] | None = None) -> m.ResolveAnswer:
        for i, name in enumerate(names):
            if len(name) > MAX_QUERY_CHARS:
                raise InvalidField(
                    f"names.{i}", f"must be at most {MAX_QUERY_CHARS} characters", len(name), "body"
                )
        wanted = self._labels("labels", labels, where="body")
        resolver = self.index.resolver()
        results = [
            m.ResolveDecision.model_validate(resolver.resolve(name, labels=wanted).to_json())
            for name in names
        ]
        return m.ResolveAnswer(results=results, total=len(results))

    def suggestions(self, missing_id: str, limit: int = 5) -> list[dict[str, Any]]:
        """'Did you mean': resolver candidates for the readable part of an unknown id."""
        text = missing_id.split(":", 1)[-1].replace("-", " ").strip()[:MAX_QUERY_CHARS]
        if not text:
            return []
        try:
            hits = self.index.resolver().search(text, limit=limit)
        except Exception:  # a suggestion must never turn a 404 into a 500
            return []
        return [{"id": c.id, "name": c.name, "score": round(c.score, 4)} for c in hits]

    def not_found(self, what: str, missing_id: str) -> NotFound:
        return NotFound(
            f"no {what} with id {missing_id!r}", suggestions=self.suggestions(missing_id)
        )

    @staticmethod
    def _labels(
        field: str, labels: Collection[str] | None, where: str = "query"
    ) -> list[str] | None:
        if not labels:
            return None
        for label in labels:
            if label not in ENTITY_LABELS:
                raise InvalidField(
                    field, f"must be one of {', '.join(ENTITY_LABELS)}", label, where
                )
        return list(labels)

    # entities -------------------------------------------------------------------------------

    def entity(self, entity_id: str, as_of: str | None = None) -> m.EntityDetail:
        day = check_date("as_of", as_of) or today()
        row = self.graph.read_one(
            "api_entity", id=entity_id, as_of=day, depth=self.settings.max_depth
        )
        if row is None:
            raise self.not_found("entity", entity_id)
        book = SourceBook(row["sources"])
        node = dict(row["entity"])
        labels = kind_labels(node.pop("labels", []))
        aliases = _ids(node.pop("aliases", []))
        source_ids = _ids(node.pop("source_ids", []))
        node.pop("id", None)
        name = node.pop("name", None)
        mentions = [edge(x, book) for x in row["mentions"]]
        cited = list(dict.fromkeys([*source_ids, *book.all_ids()]))
        return m.EntityDetail(
            id=entity_id,
            name=name,
            labels=labels,
            aliases=aliases,
            attributes=node,
            as_of=day,
            designations=[designation(x, book) for x in row["designations"]],
            parents=[link(x, book) for x in row["parents"]],
            subsidiaries=m.SubsidiaryCount(
                direct=int(row["direct_subsidiaries"]), total=int(row["all_subsidiaries"])
            ),
            contracts=[link(x, book) for x in row["contracts"]],
            parties=[link(x, book) for x in row["parties"]],
            relations=[link(x, book) for x in row["relations"]],
            mentions=mentions,
            source_ids=source_ids,
            sources=book.refs(cited),
        )

    def subsidiaries(
        self,
        entity_id: str,
        depth: int | None = None,
        listed: bool = False,
        list_id: str | None = None,
        as_of: str | None = None,
        limit: int = 100,
        offset: int = 0,
    ) -> m.SubsidiariesAnswer:
        depth = self.depth(depth)
        limit = self.page_limit(limit)
        day = check_date("as_of", as_of) or today()
        row = self.graph.read_one(
            "api_subsidiaries",
            id=entity_id,
            depth=depth,
            listed=listed,
            list=list_id,
            as_of=day,
            offset=offset,
            limit=limit,
        )
        if row is None:
            raise self.not_found("entity", entity_id)
        book = SourceBook(row["sources"])
        results = [
            m.Subsidiary(
                entity=entity_ref(x["entity"]),
                depth=int(x["depth"]),
                path=[edge(e, book) for e in x["path"]],
                designations=[designation(d, book) for d in x["designations"]],
            )
            for x in row["results"]
        ]
        return m.SubsidiariesAnswer(
            root=entity_ref(row["root"]),
            depth=depth,
            listed=listed or list_id is not None,
            list_id=list_id,
            as_of=day,
            results=results,
            total=int(row["total"]),
            limit=limit,
            offset=offset,
        )

    def exposure(
        self,
        entity_id: str,
        depth: int | None = None,
        as_of: str | None = None,
        limit: int = 100,
        offset: int = 0,
    ) -> m.ExposureAnswer:
        depth = self.depth(depth)
        limit = self.page_limit(limit)
        day = check_date("as_of", as_of) or today()
        row = self.graph.read_one(
            "api_exposure", id=entity_id, depth=depth, as_of=day, offset=offset, limit=limit
        )
        if row is None:
            raise self.not_found("entity", entity_id)
        book = SourceBook(row["sources"])
        results = [
            m.Exposure(
                relation=x["relation"],
                holder=entity_ref(x["holder"]),
                designation=designation(x["designation"], book),
                path=[edge(e, book) for e in x["path"]],
                rules=[self._rule(r, book) for r in x["rules"]],
            )
            for x in row["results"]
        ]
        return m.ExposureAnswer(
            entity=entity_ref(row["root"]),
            depth=depth,
            as_of=day,
            results=results,
            total=int(row["total"]),
            limit=limit,
            offset=offset,
        )

    @staticmethod
    def _rule(row: Mapping[str, Any], book: SourceBook) -> m.Rule:
        source_ids = _ids(row.get("source_ids"))
        share = row.get("threshold_share")
        return m.Rule(
            id=str(row["id"]),
            name=row.get("name"),
            kind=row.get("kind"),
            threshold_share=float(share) if isinstance(share, int | float) else None,
            status=row.get("status"),
            from_date=_text(row.get("from")),
            until=_text(row.get("until")),
            citation=row.get("citation"),
            text=row.get("text"),
            source_ids=source_ids,
            sources=book.refs(source_ids),
        )

    def neighborhood(
        self, entity_id: str, depth: int = 1, rels: list[str] | None = None, max_edges: int = 200
    ) -> m.Neighborhood:
        depth = check_max("depth", depth, min(MAX_NEIGHBORHOOD_DEPTH, self.settings.max_depth))
        max_edges = check_max("max_edges", max_edges, self.settings.max_page_size)
        types = self._rels(rels)
        row = self.graph.read_one(
            "api_neighborhood",
            id=entity_id,
            depth=depth,
            rels=types,
            path_cap=max_edges * 10,
            edge_cap=max_edges + 1,
        )
        if row is None:
            raise self.not_found("entity", entity_id)
        edges = row["edges"][:max_edges]
        keep = {e["start"] for e in edges} | {e["end"] for e in edges} | {entity_id}
        return m.Neighborhood(
            center=entity_ref(row["center"]),
            depth=depth,
            nodes=[entity_ref(n) for n in row["nodes"] if n.get("id") in keep],
            edges=[edge(e, None) for e in edges],
            truncated=len(row["edges"]) > max_edges,
        )

    @staticmethod
    def _rels(rels: list[str] | None) -> list[str]:
        if not rels:
            return list(DEFAULT_PATH_RELS)
        wanted: list[str] = []
        for raw in rels:
            for part in raw.split(","):
                name = part.strip().upper()
                if not name:
                    continue
                if name not in PATH_RELS:
                    raise InvalidField("rel", f"must be among {', '.join(PATH_RELS)}", part)
                wanted.append(name)
        return list(dict.fromkeys(wanted)) or list(DEFAULT_PATH_RELS)

    # paths ------------------------------------------------------------------------------------

    def paths(
        self,
        source: str,
        target: str,
        max_hops: int = 4,
        rels: list[str] | None = None,
        limit: int = 25,
    ) -> m.PathsAnswer:
        max_hops = check_max("max_hops", max_hops, MAX_HOPS)
        limit = check_max("limit", limit, MAX_PATHS)
        types = self._rels(rels)
        if source == target:
            raise InvalidField("to", "must differ from `from`", target)
        params: dict[str, Any] = {
            "from": source,
            "to": target,
            "max_hops": max_hops,
            "rels": types,
            "probe": limit + 1,
        }
        row = self.graph.read_one("api_paths", **params)
        if row is None:
            found = {
                r["id"]: r["found"] for r in self.graph.read("api_entity_ids", ids=[source, target])
            }
            missing = source if not found.get(source) else target
            raise self.not_found("entity", missing)
        book = SourceBook(row["sources"])
        paths = [
            m.Path(
                length=len(p["edges"]),
                nodes=[entity_ref(n) for n in p["nodes"]],
                edges=[edge(e, book) for e in p["edges"]],
            )
            for p in row["paths"]
        ]
        truncated = len(paths) > limit
        paths = paths[:limit]
        if paths:
            message = (
                f"{len(paths)}{'+' if truncated else ''} shortest path(s) of length "
                f"{paths[0].length}"
            )
        else:
            message = (
                f"no path of at most {max_hops} hops over {', '.join(types)} is recorded "
                "between these entities"
            )
        return m.PathsAnswer(
            source=entity_ref(row["source"]),
            target=entity_ref(row["target"]),
            max_hops=max_hops,
            rels=types,
            truncated=truncated,
            message=message,
            results=paths,
            total=len(paths),
            limit=limit,
            offset=0,
        )

    # lists -------------------------------------------------------------------------------------

    def lists(self, as_of: str | None = None, limit: int = 100, offset: int = 0) -> m.ListsAnswer:
        limit = self.page_limit(limit)
        day = check_date("as_of", as_of) or today()
        row = self.graph.read_one("api_lists", as_of=day, offset=offset, limit=limit) or {}
        book = SourceBook(row.get("sources") or [])
        results = []
        for x in row.get("results") or []:
            node = dict(x["list"])
            node.pop("labels", None)
            source_ids = _ids(node.pop("source_ids", []))
            known = ("id", "name", "short_name", "jurisdiction", "kind", "url", "legal_basis")
            results.append(
                m.ListSummary(
                    **{k: _text(node.get(k)) for k in known if k != "id"},
                    id=str(node["id"]),
                    attributes={k: v for k, v in node.items() if k not in known},
                    administered_by=[entity_ref(g) for g in x["administered_by"]],
                    recorded=int(x["recorded"]),
                    in_force=int(x["in_force"]),
                    source_ids=source_ids,
                    sources=book.refs(source_ids),
                )
            )
        return m.ListsAnswer(
            as_of=day,
            results=results,
            total=int(row.get("total") or 0),
            limit=limit,
            offset=offset,
        )

    def list_entities(
        self,
        list_id: str,
        since: str | None = None,
        until: str | None = None,
        as_of: str | None = None,
        limit: int = 100,
        offset: int = 0,
    ) -> m.ListEntriesAnswer:
        limit = self.page_limit(limit)
        since = check_date("since", since)
        until = check_date("until", until)
        day = check_date("as_of", as_of) or today()
        row = self.graph.read_one(
            "api_list_entities",
            id=list_id,
            since=since,
            until=until,
            as_of=day,
            offset=offset,
            limit=limit,
        )
        if row is None:
            raise self.not_found("list", list_id)
        book = SourceBook(row["sources"])
        return m.ListEntriesAnswer(
            list_ref=entity_ref(row["root"]),
            since=since,
            until=until,
            as_of=day,
            results=[
                m.ListEntry(
                    entity=entity_ref(x["entity"]),
                    designation=designation(x["designation"], book),
                )
                for x in row["results"]
            ],
            total=int(row["total"]),
            limit=limit,
            offset=offset,
        )

    # contracts and sources -------------------------------------------------------------------

    def contracts(
        self,
        company: str | None = None,
        region: str | None = None,
        status: str | None = None,
        subsidiaries: bool = False,
        limit: int = 100,
        offset: int = 0,
    ) -> m.ContractsAnswer:
        limit = self.page_limit(limit)
        row = (
            self.graph.read_one(
                "api_contracts",
                company=company,
                region=region,
                status=status,
                subsidiaries=subsidiaries,
                offset=offset,
                limit=limit,
            )
            or {}
        )
        book = SourceBook(row.get("sources") or [])
        results = []
        for x in row.get("results") or []:
            node = dict(x["contract"])
            node.pop("labels", None)
            source_ids = _ids(node.pop("source_ids", []))
            status_ids = _ids(node.pop("status_source_ids", []))
            known = ("name", "description", "awarded", "start", "end", "status", "status_date")
            results.append(
                m.Contract(
                    **{k: _text(node.get(k)) for k in known},
                    id=str(node.pop("id")),
                    attributes={k: v for k, v in node.items() if k not in known},
                    parties=[link(p, book) for p in x["parties"]],
                    awarded_by=[link(p, book) for p in x["awarded_by"]],
                    performed_in=[link(p, book) for p in x["performed_in"]],
                    source_ids=source_ids,
                    status_source_ids=status_ids,
                    sources=book.refs([*source_ids, *status_ids]),
                )
            )
        return m.ContractsAnswer(
            company=company,
            region=region,
            status=status,
            results=results,
            total=int(row.get("total") or 0),
            limit=limit,
            offset=offset,
        )

    def source(self, source_id: str, cap: int = 200) -> m.SourceAnswer:
        cap = check_max("cap", cap, self.settings.max_page_size)
        row = self.graph.read_one("api_source", id=source_id, cap=cap)
        if row is None:
            raise NotFound(f"no source with id {source_id!r}")
        data = dict(row["source"])
        book = SourceBook([data])
        return m.SourceAnswer(
            source=book.refs([source_id])[0],
            nodes=[entity_ref(n) for n in row["nodes"]],
            nodes_total=int(row["nodes_total"]),
            edges=[edge(e, None) for e in row["edges"]],
            edges_total=int(row["edges_total"]),
            cap=cap,
        )
