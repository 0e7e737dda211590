"""What the graph-file exporters share: the streamed XML writer and the declared attributes.

After followthemoney's `export/common.py`: an exporter writes what it is given and knows no
transport. A graph file declares its attribute keys and their types before the first node, so
an exporter takes a whole `Subgraph` (an API answer, already in memory), reads it once to
declare the keys, then streams the document element by element: `chunks` yields it in pieces
(the API sends them as they come), `write` puts them on a text stream (the CLI's file or
stdout). Nothing builds the document as a tree in memory.

Declared types: an attribute whose every value is a bool is `boolean`; an integer `long`;
integers and floats `double`; anything else, and every list, `string` (a list joined with
`subgraph.LIST_SEPARATOR`). Absent values are left out, never written empty.
"""

from __future__ import annotations

import io
import math
import re
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import IO, ClassVar
from xml.sax.saxutils import XMLGenerator
from xml.sax.xmlreader import AttributesImpl

from exports.subgraph import Scalar, Subgraph, Value, joined, present, text

CHUNK = 64 * 1024  # characters a streamed response gathers before it sends them
XSI = "http://www.w3.org/2001/XMLSchema-instance"
# Characters XML 1.0 cannot carry even escaped (control characters from PDFs, lone surrogates).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def clean(value: str) -> str:
    """A string XML 1.0 can carry: an impossible character becomes U+FFFD, visibly."""
    return _NOT_XML.sub("\ufffd", value)


class Xml:
    """An indented, escaped element writer over `xml.sax.saxutils.XMLGenerator`."""

    def __init__(self, out: io.StringIO) -> None:
        self._out = XMLGenerator(out, "utf-8", short_empty_elements=True)

    def start(self) -> None:
        self._out.startDocument()

    def open(self, depth: int, tag: str, attrs: Mapping[str, str] | None = None) -> None:
        if depth:  # the root follows the XML declaration's own line break
            self._indent(depth)
        self._out.startElement(tag, AttributesImpl({k: clean(v) for k, v in (attrs or {}).items()}))

    def close(self, depth: int, tag: str) -> None:
        self._indent(depth)
        self._out.endElement(tag)

    def leaf(
        self, depth: int, tag: str, attrs: Mapping[str, str] | None = None, body: str = ""
    ) -> None:
        self.open(depth, tag, attrs)
        self._out.characters(clean(body))
        self._out.endElement(tag)

    def end(self) -> None:
        self._out.ignorableWhitespace("\n")
        self._out.endDocument()

    def _indent(self, depth: int) -> None:
        self._out.ignorableWhitespace("\n" + "  " * depth)


class GraphExporter(ABC):
    """One graph file format: its media type, file extension and document."""

    format: ClassVar[str]
    media_type: ClassVar[str]
    extension: ClassVar[str]

    def chunks(self, graph: Subgraph) -> Iterator[str]:
        """The document in pieces of about `CHUNK` characters, written as they are yielded."""
        buffer = io.StringIO()
        xml = Xml(buffer)
        xml.start()
        for _ in self.document(xml, graph):
            if buffer.tell() >= CHUNK:
                yield _drain(buffer)
        xml.end()
        yield _drain(buffer)

    def write(self, graph: Subgraph, out: IO[str]) -> None:
        for chunk in self.chunks(graph):
            out.write(chunk)

    def filename(self, graph: Subgraph) -> str:
        return f"{graph.name}.{self.extension}"

    @abstractmethod
    def document(self, xml: Xml, graph: Subgraph) -> Iterator[None]:
        """Write the document on `xml`, yielding after each node and edge."""


def _drain(buffer: io.StringIO) -> str:
    chunk = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return chunk


def declared(rows: Iterable[Mapping[str, Value]], first: Sequence[str]) -> dict[str, str]:
    """Attribute name -> declared type, for the names in `first` (always, in that order) and
    every other name a row holds a value for (sorted)."""
    seen: dict[str, set[str]] = {name: set() for name in first}
    for row in rows:
        for name, value in present(row):
            seen.setdefault(name, set()).add(_kind(value))
    names = [*first, *sorted(n for n in seen if n not in first)]
    return {name: _merged(seen[name]) for name in names}


def _kind(value: Value) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "long"
    return "double" if isinstance(value, float) else "string"


def _merged(kinds: set[str]) -> str:
    if len(kinds) == 1:
        return next(iter(kinds))
    return "double" if kinds == {"long", "double"} else "string"


def lexical(value: Value) -> str:
    """A present value as its declared type reads it (lists joined; XML Schema's NaN, INF)."""
    if isinstance(value, str):
        return value
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("INF" if value > 0 else "-INF")
    if isinstance(value, Scalar):
        return text(value)
    return joined(value) if value is not None else ""
