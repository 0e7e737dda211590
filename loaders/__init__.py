"""Everything that brings data into the graph, one folder a role.

* `sources/` — the list sources: the catalogue (written once: `survgraph load`, `update`, the
  snapshots and the README's table read it), the one record every list parser yields, and one
  parser per source (`csl`, `ofac`, `dod1260h`), each ending with its descriptor; and the
  registers (`gleif`: LEI and relationship records, a `RegisterSource`);
* `pipeline/` — `load(graph, source, path)`: how any list source's file becomes entries,
  listings and claims (provenance, entries, rows, claims, statements), and `dedupe`;
  `load_register(graph, source, path)`: a register's records matched on their key, its
  relationships as cited claims (`register`);
* `resolution/` — how a name becomes an entity, behind one face (its own docstring);
* `curated.py`, `ftm/`, `article/` — the other sources: the cited dataset in `data/`,
  FollowTheMoney entities, news articles (each a parser and its load);
* `snapshot.py` — the bundled list snapshots of `data/snapshots/`, through the pipeline;
* `download.py` — the one conditional, atomic download of an official file;
  `api_download.py` — a register's records from its JSON:API (conditional, paced, paged, a
  429 waited out, all or nothing), written with the same atomic write;
* `plumbing/` — what every load shares: its report, its progress bar, its heap policy.

How OFAC gets in: `sources/ofac.py` reads the files into `ListRecord`s and names its
`SOURCE`; `pipeline/load.py` runs the steps; `pipeline/entries.py` groups and resolves the
entries, `pipeline/rows.py` writes them (`cypher/load/list_*.cypher`), `pipeline/claims.py`
the relationships they state; `/entities/{id}` then shows the listing with its source.
"""
