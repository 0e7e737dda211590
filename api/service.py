"""The questions the API and the CLI answer, one method each, one Cypher round trip each.

Routers and `survgraph` query commands both call `Service`; neither builds Cypher. Every
statement is a named file `cypher/api_*.cypher`, every value a parameter. Limits (depth,
hops, page size, relationship types) are checked here so both front ends refuse the same
things with the same `InvalidField` error (HTTP 422 naming the field).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import Any

from api import models as m
from api.search_index import SearchIndex
from graph import coverage
from graph.db import Graph
from graph.errors import BadRequest, NotFound
from graph.settings import Settings
from loaders.resolution import Decision, Judgement, ResolverConfig

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
_CLAIM_KEYS = (
    "since",
    "since_precision",
    "effective",
    "until",
    "until_precision",
    "citation",
    "name_as_listed",
    "programs",
    "key",
    "fact_id",
    "origin",
    "note",
    "end_reason",
    "ended_by_run",
    "source_ids",
)
# A since date this imprecise cannot by itself decide whether a designation was in force on a
# day close after it (the Cypher statements compute `decided` with the same rule).
VAGUE_PRECISIONS = frozenset({"year", "month", "approximate", "after"})
CHANGE_KINDS = ("added", "modified", "ended")


class InvalidField(BadRequest):
    """A request value outside its bounds; `errors` names the field like FastAPI's own 422."""

    def __init__(self, field: str, message: str, value: object, where: str = "query") -> None:
        super().__init__(
            f"{field}: {message}",
            errors=[{"loc": [where, field], "field": field, "msg": message, "input": value}],
        )


class UnknownIds(NotFound):
    """Ids in a filter that name nothing: a 404 (the request is well formed, what it names is
    absent), with `errors` naming the field like a 422 so a client sees which value."""

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
        return m.iso_day(value)
    except ValueError:
        raise InvalidField(field, "must be an ISO date YYYY-MM-DD", value) from None


def day_after(day: str) -> str | None:
    """The exclusive end of a window through `day`; none after the last representable day."""
    last = dt.date.fromisoformat(day)
    return None if last == dt.date.max else (last + dt.timedelta(days=1)).isoformat()


def split_values(values: str | Sequence[str] | None) -> list[str] | None:
    """`a,b` or `["a", "b,c"]` -> a de-duplicated list; None or nothing -> None."""
    if values is None:
        return None
    raw = [values] if isinstance(values, str) else list(values)
    out = [part.strip() for value in raw for part in value.split(",") if part.strip()]
    return list(dict.fromkeys(out)) or None


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


def claim(row: Mapping[str, Any], book: SourceBook) -> m.Claim:
    """One LISTED_ON row `{list, props, in_force, decided}` as a claim with its sources."""
    props = dict(row.get("props") or {})
    source_ids = _ids(props.get("source_ids"))
    precision = _text(props.get("since_precision"))
    return m.Claim(
        since=_text(props.get("since")),
        since_precision=precision,
        effective=_text(props.get("effective")),
        until=_text(props.get("until")),
        until_precision=_text(props.get("until_precision")),
        in_force=bool(row.get("in_force")),
        decided=bool(row.get("decided")),
        vague=precision in VAGUE_PRECISIONS,
        citation=_text(props.get("citation")),
        name_as_listed=_text(props.get("name_as_listed")),
        programs=_ids(props.get("programs")),
        key=_text(props.get("key")),
        fact_id=_text(props.get("fact_id")),
        origin=_text(props.get("origin")),
        note=_text(props.get("note")),
        end_reason=_text(props.get("end_reason")),
        ended_by_run=_text(props.get("ended_by_run")),
        properties={k: v for k, v in props.items() if k not in _CLAIM_KEYS},
        source_ids=source_ids,
        sources=book.refs(source_ids),
    )


def _claim_label(c: m.Claim) -> str:
    return c.citation or ", ".join(c.source_ids) or c.fact_id or "uncited"


def designation(
    list_row: Mapping[str, Any], claims: Sequence[m.Claim], book: SourceBook, day: str
) -> m.Designation:
    """Every claim about one (entity, list) pair as one designation on `day`, conservatively:
    in force only when a claim dated precisely enough for that day says so."""
    decided = [c for c in claims if c.decided]
    reaching = [c for c in claims if c.in_force]
    begun = [c for c in claims if (c.since or "") <= day]
    ended = [c for c in begun if c.until is not None and c.until <= day]
    until: str | None = None
    status: m.DesignationStatus
    if decided:
        status = "in_force"
        reason = (
            f"in force on {day} per {len(decided)} claim(s) dated precisely enough: "
            + "; ".join(_claim_label(c) for c in decided)
        )
    elif reaching:
        status = "possibly_in_force"
        reason = (
            f"only imprecisely dated claims reach {day} ("
            + "; ".join(f"since {c.since} ({c.since_precision})" for c in reaching)
            + "); no claim dated precisely enough says it was in force that day"
        )
    elif begun and len(ended) == len(begun):
        status = "ended"
        until = max(c.until or "" for c in ended)
        why = "; ".join(sorted({c.end_reason for c in ended if c.end_reason}))
        reason = f"ended {until}" + (f" ({why})" if why else "") + f", before {day}"
    else:
        status = "not_yet"
        first = min((c.since for c in claims if c.since), default=None)
        reason = f"no claim has it listed by {day}" + (
            f"; the earliest claim dates it from {first}" if first else ""
        )
    precise = [c.since for c in claims if c.since and not c.vague]
    since = min(precise) if precise else min((c.since for c in claims if c.since), default=None)
    ordered = [*decided, *[c for c in claims if not c.decided]]
    citation = next((c.citation for c in ordered if c.citation), None)
    snapshot: m.ListSnapshot | None = None
    snap_id = _text(list_row.get("snapshot_source_id"))
    if snap_id or list_row.get("loaded_at"):
        count = list_row.get("entry_count")
        snapshot = m.ListSnapshot(
            snapshot_source_id=snap_id,
            loaded_at=_text(list_row.get("loaded_at")),
            publisher_updated=_text(list_row.get("publisher_updated")),
            entry_count=int(count) if isinstance(count, int) else None,
            source=book.refs([snap_id])[0] if snap_id else None,
        )
    source_ids = list(
        dict.fromkeys([*(s for c in claims for s in c.source_ids), *([snap_id] if snap_id else [])])
    )
    return m.Designation(
        list_ref=m.EntityRef(
            id=str(list_row["id"]),
            name=list_row.get("name") or list_row.get("short_name"),
            labels=["List"],
        ),
        in_force=status == "in_force",
        status=status,
        reason=reason,
        since=since,
        until=until,
        citation=citation,
        claims=list(claims),
        vague_claims=[c.fact_id or c.key or "" for c in claims if c.vague],
        snapshot=snapshot,
        source_ids=source_ids,
        sources=book.refs(source_ids),
    )


def designations(
    rows: Iterable[Mapping[str, Any]], book: SourceBook, day: str
) -> list[m.Designation]:
    """Claim rows (any order) grouped per list, in the order lists first appear."""
    groups: dict[str, tuple[Mapping[str, Any], list[m.Claim]]] = {}
    for row in rows:
        if not row:
            continue
        list_row = row["list"]
        entry = groups.setdefault(str(list_row["id"]), (list_row, []))
        entry[1].append(claim(row, book))
    return [designation(lr, cs, book, day) for lr, cs in groups.values()]


def _share(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def share_text(value: float | None) -> str:
    if value is None:
        return "not recorded"
    return f"{value:g}%"


def _exposure_summary(
    day: str, direct: Sequence[m.Designation], derived: Sequence[m.DerivedCoverage]
) -> str:
    named = ", ".join(d.list_ref.id for d in direct)
    parts = [f"On {day}: named on {len(direct)} list(s)" + (f" ({named})" if named else "") + "."]
    if derived:
        by: dict[str, list[str]] = {"covered": [], "undetermined": [], "not_covered": []}
        for d in derived:
            by[d.outcome].append(f"{d.rule.id} via {d.through.id}")
        parts.append(
            "Derived through owners' listings (not listings): "
            + "; ".join(f"{k.replace('_', ' ')}: {', '.join(v) or 'none'}" for k, v in by.items())
            + "."
        )
    else:
        parts.append("No scope rule of a listed owner's list reaches it.")
    return " ".join(parts)


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
        components = self.graph.read("admin/server_components", timeout=3.0)
        counts = self.graph.read_one("admin/graph_counts", timeout=3.0) or {}
        kernel = next((c for c in components if c.get("name") == "Neo4j Kernel"), {})
        return m.Health(
            status="ok",
            neo4j_version=kernel.get("version"),
            neo4j_edition=kernel.get("edition"),
            nodes=int(counts.get("nodes") or 0),
            relationships=int(counts.get("relationships") or 0),
        )

    # search and resolve --------------------------------------------------------------------

    def search_is_cpu_only(self, lists: str | Sequence[str] | None) -> bool:
        """Whether `search` will answer from memory alone (no list filter to look up, the
        index built and fresh), so a caller may run it without a thread."""
        return not lists and self.index.ready()

    def search(
        self,
        q: str,
        label: str | None = None,
        limit: int = 10,
        lists: str | Sequence[str] | None = None,
        as_of: str | None = None,
    ) -> m.SearchAnswer:
        query = q.strip()
        if not query:
            raise InvalidField("q", "must not be empty", q)
        if len(query) > MAX_QUERY_CHARS:
            raise InvalidField("q", f"must be at most {MAX_QUERY_CHARS} characters", len(q))
        labels = self._labels("label", [label] if label else None)
        limit = self.page_limit(limit)
        day = check_date("as_of", as_of) or today()
        wanted = self.check_lists("lists", lists)
        allowed = self.listed_ids(wanted, day) if wanted else None
        hits = self.index.resolver().search(query, limit=limit, labels=labels, allowed=allowed)
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
            query=query,
            results=results,
            total=len(results),
            limit=limit,
            offset=0,
            lists=wanted,
            as_of=day if wanted else None,
        )

    def resolve(
        self,
        names: list[str],
        labels: Sequence[str] | None = None,
        lists: Sequence[str] | None = None,
        as_of: str | None = None,
    ) -> m.ResolveAnswer:
        """Resolver decisions; with `lists`, decisions only among the entities with a
        designation in force on those lists on `as_of`.

        The resolver is asked with `allowed` (the others are neither winner nor runner-up, so
        a match needs its margin over the best other entity on the lists). Conservatively, a
        match is then turned into a review when an entity NOT on the lists scores within the
        resolver's margin of it: the name may well be that other entity, which is not listed.
        """
        for i, name in enumerate(names):
            if len(name) > MAX_QUERY_CHARS:
                raise InvalidField(
                    f"names.{i}", f"must be at most {MAX_QUERY_CHARS} characters", len(name), "body"
                )
        wanted = self._labels("labels", labels, where="body")
        day = check_date("as_of", as_of) or today()
        chosen = self.check_lists("lists", lists, where="body")
        allowed = self.listed_ids(chosen, day) if chosen else None
        resolver = self.index.resolver()
        results = []
        for name in names:
            decision = resolver.resolve(name, labels=wanted, allowed=allowed)
            if allowed is not None and decision.decision == "match":
                everyone = resolver.resolve(name, labels=wanted)
                decision = self._outside_check(decision, everyone, allowed)
            results.append(m.ResolveDecision.model_validate(decision.to_json()))
        return m.ResolveAnswer(
            results=results,
            total=len(results),
            lists=chosen,
            as_of=day if chosen else None,
        )

    @staticmethod
    def _outside_check(
        decision: Decision, unrestricted: Decision, allowed: Collection[str]
    ) -> Decision:
        margin = ResolverConfig().min_margin
        chosen = decision.entity.id if decision.entity is not None else None
        rival = next(
            (c for c in unrestricted.candidates if c.id not in allowed and c.id != chosen), None
        )
        if rival is None or rival.score < decision.score - margin:
            return dataclasses.replace(
                decision,
                explanation=decision.explanation + "; decided among the entities on the lists",
            )
        return dataclasses.replace(
            decision,
            decision=Judgement.REVIEW,
            explanation=decision.explanation
            + f"; review: {rival.id} ({rival.name}), not on the chosen lists, scores "
            f"{rival.score:.3f}, within {margin} of the match on the lists",
        )

    def check_lists(
        self, field: str, lists: str | Sequence[str] | None, where: str = "query"
    ) -> list[str] | None:
        """Comma-separated or repeated list ids, each a :List in the graph (else 404)."""
        wanted = split_values(lists)
        if not wanted:
            return None
        found = {r["id"]: r["found"] for r in self.graph.read("api/list_ids", ids=wanted)}
        unknown = [x for x in wanted if not found.get(x)]
        if unknown:
            raise UnknownIds(field, f"unknown list id(s): {', '.join(unknown)}", lists, where)
        return wanted

    def listed_ids(self, lists: list[str], day: str) -> set[str]:
        """Entities with a designation in force (and decided) on `day` on one of `lists`."""
        return {str(r["id"]) for r in self.graph.read("api/listed_ids", lists=lists, as_of=day)}

    def sources(self, ids: Iterable[str]) -> list[dict[str, Any]]:
        wanted = list(dict.fromkeys(i for i in ids if i))
        if not wanted:
            return []
        return [dict(r["source"]) for r in self.graph.read("api/sources", ids=wanted)]

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
            "api/entity", id=entity_id, as_of=day, depth=self.settings.max_depth
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
        own = designations(row["designations"], book, day)
        return m.EntityDetail(
            id=entity_id,
            name=name,
            labels=labels,
            aliases=aliases,
            attributes=node,
            as_of=day,
            listed=any(d.in_force for d in own),
            designations=own,
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
        lists: str | Sequence[str] | None = None,
    ) -> m.SubsidiariesAnswer:
        """Descendants on `as_of`; `lists` (and the older single `list`) narrow the
        designations considered; `listed` (or `list`) keeps those with one in force. Derived
        coverage (a parent's list reaching a subsidiary by a rule) never makes one listed."""
        depth = self.depth(depth)
        limit = self.page_limit(limit)
        day = check_date("as_of", as_of) or today()
        chosen = self.check_lists("lists", lists) or []
        single = self.check_lists("list", list_id) if list_id else None
        wanted = list(dict.fromkeys([*chosen, *(single or [])])) or None
        row = self.graph.read_one(
            "api/subsidiaries",
            id=entity_id,
            depth=depth,
            listed=listed or list_id is not None,
            lists=wanted,
            as_of=day,
            offset=offset,
            limit=limit,
        )
        if row is None:
            raise self.not_found("entity", entity_id)
        book = SourceBook(row["sources"])
        results = []
        for x in row["results"]:
            own = designations(x["designations"], book, day)
            results.append(
                m.Subsidiary(
                    entity=entity_ref(x["entity"]),
                    depth=int(x["depth"]),
                    path=[edge(e, book) for e in x["path"]],
                    listed=any(d.in_force for d in own),
                    designations=own,
                )
            )
        return m.SubsidiariesAnswer(
            root=entity_ref(row["root"]),
            depth=depth,
            listed=listed or list_id is not None,
            list_id=list_id,
            lists=wanted,
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
        lists: str | Sequence[str] | None = None,
    ) -> m.ExposureAnswer:
        """`direct` (its own designations in force), `derived` (what each scope rule of a
        listed owner's list concludes, graph/coverage.py, never written as a listing) and the
        paginated `results` of designations around the entity."""
        depth = self.depth(depth)
        limit = self.page_limit(limit)
        day = check_date("as_of", as_of) or today()
        wanted = self.check_lists("lists", lists)
        row = self.graph.read_one(
            "api/exposure",
            id=entity_id,
            depth=depth,
            as_of=day,
            offset=offset,
            limit=limit,
            lists=wanted,
        )
        if row is None:
            raise self.not_found("entity", entity_id)
        paths = self.graph.read(
            "api/exposure_derived", id=entity_id, as_of=day, lists=wanted, max_depth=depth
        )
        extra: list[str] = []
        for p in paths:
            extra += [s for e in p["edges"] for s in _ids(e["props"].get("source_ids"))]
            extra += [s for r in p["rules"] for s in _ids(r.get("source_ids"))]
            for c in p["designations"]:
                extra += _ids(c["props"].get("source_ids"))
                extra += [v for v in [c["list"].get("snapshot_source_id")] if v]
        known = {str(r["id"]) for r in row["sources"]}
        book = SourceBook([*row["sources"], *self.sources(x for x in extra if x not in known)])
        results = []
        for x in row["results"]:
            group = designations(x["claims"], book, day)
            results.append(
                m.Exposure(
                    relation=x["relation"],
                    holder=entity_ref(x["holder"]),
                    designation=group[0],
                    path=[edge(e, book) for e in x["path"]],
                    rules=[self._rule(r, book, day) for r in x["rules"]],
                )
            )
        own = [d for x in row["own"] for d in designations(x["claims"], book, day)]
        direct = [d for d in own if d.in_force]
        derived = [d for p in paths for d in self._derived(p, book, day)]
        return m.ExposureAnswer(
            entity=entity_ref(row["root"]),
            depth=depth,
            as_of=day,
            lists=wanted,
            summary=_exposure_summary(day, direct, derived),
            direct=direct,
            direct_not_in_force=[d for d in own if not d.in_force],
            derived=derived,
            results=results,
            total=int(row["total"]),
            limit=limit,
            offset=offset,
        )

    def _derived(
        self, row: Mapping[str, Any], book: SourceBook, day: str
    ) -> list[m.DerivedCoverage]:
        owner_groups = designations(row["designations"], book, day)
        if not owner_groups:
            return []
        owner = owner_groups[0]
        shares = [_share(x) for x in row["shares"]]
        out = []
        for rule in row["rules"]:
            result = coverage.evaluate(rule, shares, day)
            outcome, reason = result.outcome, result.reason
            if not owner.in_force and outcome == "covered":
                outcome = "undetermined"
                reason = (
                    f"{reason}; but {row['owner_id']}'s own designation on {day} rests only on "
                    f"imprecisely dated claims ({owner.reason})"
                )
            share = result.effective_share
            out.append(
                m.DerivedCoverage(
                    list_ref=m.EntityRef(id=row["list_id"], name=row["list_name"], labels=["List"]),
                    rule=self._rule(rule, book, day),
                    outcome=outcome,
                    reason=f"{reason} (derived through {row['owner_id']}; not a listing)",
                    through=m.EntityRef(
                        id=row["owner_id"],
                        name=row["owner_name"],
                        labels=kind_labels(row["owner_labels"] or []),
                    ),
                    owner_designation=owner,
                    path=[edge(e, book) for e in row["edges"]],
                    shares=[share_text(x) for x in shares],
                    path_shares=shares,
                    effective_share=share,
                    effective_share_text=share_text(share),
                    threshold_share=result.threshold_share,
                )
            )
        return out

    @staticmethod
    def _rule(row: Mapping[str, Any], book: SourceBook, day: str | None = None) -> m.Rule:
        source_ids = _ids(row.get("source_ids"))
        status = coverage.rule_status(row, day) if day else None
        return m.Rule(
            id=str(row["id"]),
            name=row.get("name"),
            kind=row.get("kind"),
            threshold_share=_share(row.get("threshold_share")),
            status=row.get("status"),
            status_on_as_of=status.status if status else None,
            status_reason=status.reason if status else None,
            from_date=_text(row.get("from")),
            until=_text(row.get("until")),
            suspended_from=_text(row.get("suspended_from")),
            suspended_until=_text(row.get("suspended_until")),
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
            "api/neighborhood",
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
        as_of: str | None = None,
    ) -> m.PathsAnswer:
        """Shortest paths on `as_of`: designations and ownership edges count only when in
        force that day; undated relationships (located in, party to, ...) always count."""
        day = check_date("as_of", as_of) or today()
        max_hops = check_max("max_hops", max_hops, MAX_HOPS)
        limit = check_max("limit", limit, MAX_PATHS)
        types = self._rels(rels)
        if source == target:
            return self._path_to_itself(source, day, max_hops, types, limit)
        params: dict[str, Any] = {
            "from": source,
            "to": target,
            "max_hops": max_hops,
            "rels": types,
            "probe": limit + 1,
            "as_of": day,
        }
        # A list is reached through a designation of something connected to the entity.
        if target.startswith("list:") and not source.startswith("list:"):
            row = self.graph.read_one("api/paths_to_list", **params)
        elif source.startswith("list:") and not target.startswith("list:"):
            params.update({"from": target, "to": source})
            row = self.graph.read_one("api/paths_to_list", **params)
            if row is not None:
                row = _reversed_paths(row)
        else:
            row = self.graph.read_one("api/paths", **params)
        if row is None:
            found = {
                r["id"]: r["found"] for r in self.graph.read("api/entity_ids", ids=[source, target])
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
            as_of=day,
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

    def _path_to_itself(
        self, entity_id: str, day: str, max_hops: int, types: list[str], limit: int
    ) -> m.PathsAnswer:
        """From an entity to itself the one shortest path is the entity alone (length 0): a
        well-formed question with an answer, not an invalid request."""
        row = self.graph.read_one("api/entity_ref", id=entity_id)
        if row is None:
            raise self.not_found("entity", entity_id)
        ref = entity_ref(row["entity"])
        return m.PathsAnswer(
            as_of=day,
            source=ref,
            target=ref,
            max_hops=max_hops,
            rels=types,
            truncated=False,
            message="from an entity to itself the shortest path has length 0",
            results=[m.Path(length=0, nodes=[ref], edges=[])],
            total=1,
            limit=limit,
            offset=0,
        )

    # lists -------------------------------------------------------------------------------------

    def lists(self, as_of: str | None = None, limit: int = 100, offset: int = 0) -> m.ListsAnswer:
        limit = self.page_limit(limit)
        day = check_date("as_of", as_of) or today()
        row = self.graph.read_one("api/lists", as_of=day, offset=offset, limit=limit) or {}
        book = SourceBook(row.get("sources") or [])
        results = []
        for x in row.get("results") or []:
            node = dict(x["list"])
            node.pop("labels", None)
            source_ids = _ids(node.pop("source_ids", []))
            known = ("id", "name", "short_name", "jurisdiction", "kind", "url", "legal_basis")
            fresh = ("publisher_updated", "loaded_at", "snapshot_source_id", "entry_count")
            count = node.get("entry_count")
            snap = _text(node.get("snapshot_source_id"))
            results.append(
                m.ListSummary(
                    **{k: _text(node.get(k)) for k in known if k != "id"},
                    id=str(node["id"]),
                    publisher_updated=_text(node.get("publisher_updated")),
                    loaded_at=_text(node.get("loaded_at")),
                    entry_count=int(count) if isinstance(count, int) else None,
                    snapshot_source_id=snap,
                    attributes={k: v for k, v in node.items() if k not in (*known, *fresh)},
                    administered_by=[entity_ref(g) for g in x["administered_by"]],
                    recorded=int(x["recorded"]),
                    in_force=int(x["in_force"]),
                    source_ids=source_ids,
                    sources=book.refs([*source_ids, *([snap] if snap else [])]),
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
        include_ended: bool = False,
    ) -> m.ListEntriesAnswer:
        """Entities on a list on `as_of` (with `include_ended`, every one ever recorded), one
        item per entity with all the claims of its designation."""
        limit = self.page_limit(limit)
        since = check_date("since", since)
        until = check_date("until", until)
        day = check_date("as_of", as_of) or today()
        row = self.graph.read_one(
            "api/list_entities",
            id=list_id,
            since=since,
            until=until,
            as_of=day,
            include_ended=include_ended,
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
            include_ended=include_ended,
            results=[
                m.ListEntry(
                    entity=entity_ref(x["entity"]),
                    designation=designations(x["claims"], book, day)[0],
                )
                for x in row["results"]
            ],
            total=int(row["total"]),
            limit=limit,
            offset=offset,
        )

    # time: timeline and changes ----------------------------------------------------------------

    def timeline(
        self, entity_id: str, as_of: str | None = None, limit: int = 100, offset: int = 0
    ) -> m.TimelineAnswer:
        """Dated events of an entity up to `as_of` (cypher/timeline.cypher), oldest first,
        each with its sources resolved."""
        limit = self.page_limit(limit)
        day = check_date("as_of", as_of) or today()
        ref = self.graph.read_one("api/entity_ref", id=entity_id)
        if ref is None:
            raise self.not_found("entity", entity_id)
        rows = self.graph.read("api/timeline", id=entity_id, as_of=day)
        page = rows[offset : offset + limit]
        book = SourceBook(self.sources(s for r in page for s in _ids(r.get("source_ids"))))
        results = [
            m.TimelineEvent(
                kind=str(r["kind"]),
                date=str(r["date"]),
                precision=_text(r.get("precision")),
                subject=m.EntityRef(id=str(r["subject"]), name=r.get("subject_name")),
                citation=_text(r.get("citation")),
                source_ids=_ids(r.get("source_ids")),
                sources=book.refs(_ids(r.get("source_ids"))),
            )
            for r in page
        ]
        return m.TimelineAnswer(
            entity=entity_ref(ref["entity"]),
            as_of=day,
            results=results,
            total=len(rows),
            limit=limit,
            offset=offset,
        )

    def changes(
        self,
        since: str | None,
        until: str | None = None,
        list_id: str | None = None,
        kind: str | Sequence[str] | None = None,
        limit: int = 100,
        offset: int = 0,
    ) -> m.ChangesAnswer:
        """What list loads added, modified or ended from `since` through `until` (both days
        inclusive), newest first (cypher/changes_since.cypher)."""
        limit = self.page_limit(limit)
        start = check_date("since", since)
        if start is None:
            raise InvalidField("since", "is required", since)
        end = check_date("until", until)
        before = day_after(end) if end else None
        if list_id is not None:
            self.check_lists("list", list_id)
        kinds = split_values(kind)
        for k in kinds or []:
            if k not in CHANGE_KINDS:
                raise InvalidField("kind", f"must be among {', '.join(CHANGE_KINDS)}", k)
        params: dict[str, Any] = {
            "since": start,
            "until": before,
            "list_id": list_id,
            "kinds": kinds,
        }
        count = self.graph.read_one("api/changes_count", **params) or {}
        rows = self.graph.read("api/changes", **params, limit=limit, skip=offset)
        results = [
            m.Change(
                id=str(r["id"]),
                at=str(r["at"]),
                kind=str(r["kind"]),
                list_ref=m.EntityRef(id=str(r["list_id"]), labels=["List"]),
                entry_id=_text(r.get("entry_id")),
                name=_text(r.get("name")),
                entity_id=_text(r.get("entity_id")),
                run_id=_text(r.get("run_id")),
            )
            for r in rows
        ]
        return m.ChangesAnswer(
            since=start,
            until=end,
            list_id=list_id,
            kinds=kinds,
            results=results,
            total=int(count.get("total") or 0),
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
                "api/contracts",
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
        row = self.graph.read_one("api/source", id=source_id, cap=cap)
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


def _reversed_paths(row: dict[str, Any]) -> dict[str, Any]:
    """A list-to-entity question is answered by the entity-to-list search, read backwards."""
    return {
        **row,
        "source": row["target"],
        "target": row["source"],
        "paths": [
            {"nodes": list(reversed(p["nodes"])), "edges": list(reversed(p["edges"]))}
            for p in row["paths"]
        ],
    }
