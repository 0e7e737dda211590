"""Exports: the graph, or one answer's subgraph, written in the formats other tools read.

Beside ingestion, not part of it: `loaders/` read sources into the graph, `exports/` write what
the graph holds. Like the loaders, exports stand on `graph/` alone (they import neither
`loaders/` nor `api/`); the API and the CLI call them. One module per format:

- `ftm`: FollowTheMoney entity JSON lines (the whole graph or a neighbourhood; `load ftm`
  reads it back).
"""
