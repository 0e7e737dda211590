"""What the pipeline needs to know of a list source: the descriptor each parser module ends with.

Why a descriptor: adding a list must be adding a parser and these few facts, not a write
path. The pipeline (`loaders.pipeline.load`) takes a `ListSource` and a path; `survgraph
update` fetches its `downloads`; the snapshot loader finds a source by its `name`; and the
name is the provenance every fact of its loads carries (run and snapshot ids, `origin`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from graph.settings import Settings
from loaders.plumbing.report import Rejection
from loaders.sources.record import ListRecord

__all__ = ["Download", "ListSource", "Records", "RegisterSource"]

Records = Callable[[Path], Iterator[ListRecord | Rejection]]


@dataclass(frozen=True)
class Download:
    """One official file `survgraph update` can fetch for a source."""

    name: str  # `survgraph update --source NAME`
    title: str
    url_setting: str  # the Settings field holding the official URL (a mirror may replace it)
    file_name: str  # its name in the downloads folder
    loads: bool  # the source's parser reads this file (False: listed only, e.g. a PDF)
    default: bool = True  # fetched by a bare `survgraph update`
    note: str = ""

    def url(self, settings: Settings) -> str:
        return str(getattr(settings, self.url_setting))


def _no_dates(path: Path) -> Mapping[str, str]:
    return {}


@dataclass(frozen=True)
class ListSource:
    """A publisher of designation list entries, and how to read its files."""

    name: str  # the provenance tag: `run:<name>-...`, `source:<name>-...`, `origin`
    title: str  # what the source is, for the snapshot Source's title
    publisher: str
    url: str  # the publisher's page for the list (a snapshot's url when the load has none)
    records: Records  # the parser: every entry of a file (or folder), or why a row is out
    # Whether an edition is the whole list, so that an entry it no longer has has ended
    # (False for files that state their own ends, such as the 1260H tranches).
    ends_absent: bool
    command: str = ""  # `survgraph load COMMAND PATH` (default: the name)
    reads: Literal["file", "directory"] = "file"
    kind: str = "dataset"  # the snapshot Source's kind (dataset | register)
    # The publisher's own date of each list in a file, where the file states one (list id ->
    # date); never the file's mtime.
    publisher_dates: Callable[[Path], Mapping[str, str]] = _no_dates
    downloads: tuple[Download, ...] = ()

    @property
    def command_name(self) -> str:
        return self.command or self.name


@dataclass(frozen=True)
class RegisterSource:
    """A register of who belongs to whom (GLEIF's LEI and relationship records): no list
    entries, but records about entities it identifies by its own key, and the relationships
    between them. Its parser yields its own typed records (`records`); the register load
    (`loaders.pipeline.register`) matches them on the key, writes the relationships as cited
    claims and says what the register records instead of a relationship. `survgraph update`
    fetches it from an API (`downloads`), not as one file."""

    name: str  # the provenance tag, `survgraph load NAME`, `survgraph update --source NAME`
    title: str
    publisher: str
    url: str  # the publisher's page for the data
    licence: str
    records: Callable[[Path], Iterator[object]]
    key_scheme: str  # the identifier scheme its key is stored under on entities ("lei")
    kind: str = "register"
    downloads: tuple[Download, ...] = ()

    @property
    def command_name(self) -> str:
        return self.name
