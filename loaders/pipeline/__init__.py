"""The list pipeline: every list source's files become entries, listings and claims one way.

`load(graph, source, path)` is the whole of it (`load`); a source plugs in with its descriptor
(`loaders.sources`). Inside, one concern a module, each on the types of the one before:

* `provenance` — the run, the snapshot Source and the origin every fact of a load carries;
* `statements` — the relationships an entry states in its own words (a parent, a branch, a
  link), read from the record;
* `entries` — the file's entries grouped, compared with earlier loads, resolved in file order;
* `rows` — what each entry writes, as rows for the named statements of `cypher/load/`;
* `claims` — the parties the entries name, resolved with the load's index, as cited claims;
* `load` — the steps in order, the one batching writer, the load report;
* `dedupe` — the same resolution over the entries an older graph already holds;
* `register` — a register's load (GLEIF): records matched on their key (the LEI), parents as
  cited control claims with their periods, reporting exceptions as stated reasons.
"""

from loaders.pipeline.load import BATCH_SIZE, load
from loaders.pipeline.register import load_register

__all__ = ["BATCH_SIZE", "load", "load_register"]
