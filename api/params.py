"""Query parameter types shared by the routers, so the OpenAPI states what the API enforces.

Every bound, format and set of values a request is checked against is declared here, on the
parameter, and FastAPI enforces it with a 422 problem naming the field. Bounds that depend on
the settings (page size, depth) are declared with an `x-survgraph-maximum` marker that
`api.openapi` replaces with the configured value; `api.checks` enforces those.

Empty values: a parameter with a format or a fixed set of values (dates, kinds, relationship
types, labels, statuses, formats) rejects an empty string with a 422, as it rejects any other
value outside the set; leave the parameter out to get its default. Id parameters are free
strings: an empty `list`/`lists` is no filter, an unknown id is a 404.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal, get_args

from fastapi import Path, Query
from pydantic import StringConstraints

from api.checks import CHANGE_KINDS, LABEL_FILTERS, MAX_HOPS, MAX_PATHS, PATH_RELS
from api.models import EntityLabel, IsoDate

# Far beyond any page a client pages to, and far inside Neo4j's 32-bit list indices.
MAX_OFFSET = 1_000_000
MARKER = "x-survgraph-maximum"


def _one_or_more(values: tuple[str, ...]) -> str:
    """A pattern for one value or several comma-separated ones, each among `values`."""
    one = "(?:" + "|".join(re.escape(v) for v in values) + ")"
    return f"^{one}(?:,{one})*$"


RelValues = Annotated[str, StringConstraints(pattern=_one_or_more(PATH_RELS))]
KindValues = Annotated[str, StringConstraints(pattern=_one_or_more(CHANGE_KINDS))]
assert get_args(EntityLabel) == LABEL_FILTERS, "EntityLabel must list the service's labels"
ContractStatus = Literal["active", "terminated", "exited"]

AsOf = Annotated[
    IsoDate | None,
    Query(
        description="ISO date YYYY-MM-DD the answer is about (default today, also when left "
        "out; an empty value is not a date: 422): designations and ownership edges count "
        "only when in force that day"
    ),
]
KnownAt = Annotated[
    IsoDate | None,
    Query(
        description="ISO date YYYY-MM-DD of record time: answer as survgraph had recorded the "
        "facts by the end of that day (what we knew then), beside as_of (the day the answer is "
        "about); left out: as it holds them now"
    ),
]
Limit = Annotated[
    int,
    Query(
        ge=1,
        description="page size; at most settings.max_page_size",
        json_schema_extra={MARKER: "page_size"},
    ),
]
Offset = Annotated[
    int, Query(ge=0, le=MAX_OFFSET, description=f"results to skip; at most {MAX_OFFSET}")
]
Depth = Annotated[
    int | None,
    Query(
        ge=1,
        description="levels to follow (default and at most settings.max_depth)",
        json_schema_extra={MARKER: "depth"},
    ),
]
Lists = Annotated[
    list[str] | None,
    Query(
        description="list ids (comma-separated or repeated): only these lists' designations; "
        "an unknown id is a 404, an empty value no filter"
    ),
]
Rels = Annotated[
    list[RelValues] | None,
    Query(
        description="relationship types to follow (repeat or comma-separate; default all but "
        "MENTIONED_IN): " + ", ".join(PATH_RELS)
    ),
]
Kinds = Annotated[
    list[KindValues] | None,
    Query(description="added, modified, ended (comma-separated or repeated; default all)"),
]
Format = Annotated[
    Literal["json", "csv"] | None,
    Query(
        alias="format",
        description="answer format (default JSON, or CSV when `Accept: text/csv`)",
    ),
]
_GRAPH_FILES = (
    "`graphml` or `gexf`: the answer's nodes and edges as a GraphML or GEXF 1.2 file (every "
    "edge with its type, dates, basis and source ids), a download"
)
# Answers that are also a subgraph (neighbourhood, subsidiaries, paths): a file for Gephi, yEd.
GraphFormat = Annotated[
    Literal["json", "csv", "graphml", "gexf"] | None,
    Query(
        alias="format",
        description="answer format: JSON (default), `csv` (or `Accept: text/csv`: the "
        f"`results`), {_GRAPH_FILES}",
    ),
]
DrawingFormat = Annotated[
    Literal["json", "graphml", "gexf"] | None,
    Query(alias="format", description=f"answer format: JSON (default), {_GRAPH_FILES}"),
]
MaxHops = Annotated[int, Query(ge=1, le=MAX_HOPS, description=f"at most {MAX_HOPS}")]
PathLimit = Annotated[int, Query(ge=1, le=MAX_PATHS, description=f"at most {MAX_PATHS} paths")]

# Ids of the bundled curated data, as examples a reader (or a contract test) can try.
EntityId = Annotated[
    str,
    Path(
        description="an entity id (404, with suggestions, when unknown)",
        examples=["company:hikvision", "company:urumqi-haishi-xinan"],
    ),
]
ListId = Annotated[
    str, Path(description="a list id (404 when unknown)", examples=["list:us-bis-entity-list"])
]
SourceId = Annotated[
    str,
    Path(
        description="a source id (404 when unknown)",
        examples=["source:reuters-2024-12-hikvision-xinjiang"],
    ),
]
