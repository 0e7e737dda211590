"""Exports: the graph, or one answer's subgraph, written in the formats other tools read.

Beside ingestion, not part of it: `loaders/` read sources into the graph, `exports/` write what
the graph holds. Like the loaders, exports stand on `graph/` alone (they import neither
`loaders/` nor `api/`); the API and the CLI call them. One module per format:

- `ftm`: FollowTheMoney entity JSON lines (the whole graph or a neighbourhood; `load ftm`
  reads it back).
- `graphml`, `gexf`: a `subgraph.Subgraph` (what an API answer converts to: a neighbourhood,
  subsidiaries, paths) as a GraphML or GEXF 1.2 file for Gephi, yEd, Cytoscape or networkx.
  Every edge carries its type, dates with their precisions, basis and source ids; a list
  value is written as one string joined with `"; "` (`subgraph.LIST_SEPARATOR`). The shared
  streamed writer and the declared attribute types are in `common`.
"""

from exports.common import GraphExporter
from exports.gexf import Gexf
from exports.graphml import GraphML

# The graph-file formats by name (the API's and the CLI's `graphml`, `gexf`).
GRAPH_FORMATS: dict[str, GraphExporter] = {e.format: e for e in (GraphML(), Gexf())}

__all__ = ["GRAPH_FORMATS", "GraphExporter"]
