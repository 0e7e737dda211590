"""The list sources survgraph reads, written once: the catalogue, the record, the parsers.

* `record` — `ListRecord`, the one record every list parser yields, and an entry's key;
* `descriptor` — `ListSource` (name, publisher, official page, whether an edition ends what it
  no longer has, the parser) and its official `Download`s;
* `lists` — the designation lists, and which list a publisher's label names;
* `fields` — dates and countries as lists write them;
* one parser per source, each ending with its descriptor: `csl` (the Consolidated Screening
  List), `ofac` (OFAC's legacy CSV files), `dod1260h` (the DoD Section 1260H list);
* registers (`RegisterSource`): `gleif` (GLEIF's LEI and relationship records, CC0), whose
  records are about entities and their parents, not list entries (`loaders.pipeline.register`).

The catalogue below is what `survgraph load`, `survgraph update`, the bundled snapshots and the
README's sources table read; `REGISTERS` are the registers beside it. Adding a list is adding a
parser module with its `SOURCE` and naming it here; the pipeline (`loaders.pipeline`) does the
rest.
"""

from __future__ import annotations

from graph.settings import Settings
from loaders.sources import csl, dod1260h, gleif, ofac
from loaders.sources.descriptor import Download, ListSource, RegisterSource
from loaders.sources.lists import KNOWN_LISTS, ListInfo, list_by_id, list_for_label
from loaders.sources.record import ListRecord, entry_key

__all__ = [
    "CATALOGUE",
    "CSL",
    "DOD_1260H",
    "GLEIF",
    "KNOWN_LISTS",
    "OFAC",
    "REGISTERS",
    "Download",
    "ListInfo",
    "ListRecord",
    "ListSource",
    "RegisterSource",
    "Source",
    "download_named",
    "downloads",
    "entry_key",
    "list_by_id",
    "list_for_label",
    "markdown_table",
    "register_named",
    "source_named",
]

CSL = csl.SOURCE
OFAC = ofac.SOURCE
DOD_1260H = dod1260h.SOURCE
CATALOGUE: tuple[ListSource, ...] = (CSL, OFAC, DOD_1260H)
GLEIF = gleif.SOURCE
REGISTERS: tuple[RegisterSource, ...] = (GLEIF,)
Source = ListSource | RegisterSource


def source_named(name: str) -> ListSource:
    """A source by its name or its load command ("dod-1260h" or "1260h")."""
    for source in CATALOGUE:
        if name in (source.name, source.command_name):
            return source
    known = ", ".join(s.name for s in CATALOGUE)
    raise KeyError(f"no list source {name!r}; known: {known}")


def register_named(name: str) -> RegisterSource:
    for source in REGISTERS:
        if name == source.name:
            return source
    raise KeyError(f"no register {name!r}; known: {', '.join(s.name for s in REGISTERS)}")


def downloads() -> list[tuple[Source, Download]]:
    """Every official download, with the source it belongs to, in catalogue order (the
    lists, then the registers)."""
    sources: tuple[Source, ...] = (*CATALOGUE, *REGISTERS)
    return [(source, download) for source in sources for download in source.downloads]


def download_named(name: str) -> tuple[Source, Download]:
    for source, download in downloads():
        if download.name == name:
            return source, download
    known = ", ".join(d.name for _, d in downloads())
    raise KeyError(f"no download {name!r}; known: {known}")


def markdown_table(settings: Settings) -> str:
    """The README's table of official downloads, made from the catalogue."""
    lines = [
        "| `--source` | what | publisher | official URL (setting) | loaded by |",
        "|---|---|---|---|---|",
    ]
    for source, download in downloads():
        name = f"`{download.name}`" + (" (default)" if download.default else "")
        url = f"{download.url(settings)} (`SURVGRAPH_{download.url_setting.upper()}`)"
        loaded = f"`survgraph load {source.command_name}`" if download.loads else download.note
        lines.append(f"| {name} | {download.title} | {source.publisher} | {url} | {loaded} |")
    return "\n".join(lines)
