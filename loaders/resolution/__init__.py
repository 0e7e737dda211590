"""Entity resolution: the one home of how a name becomes an entity of the graph, or doesn't.

Loaders, the API and the CLI use only what this face exports. Inside, one concern a module:

* `normalize` — names as lists write them (legal forms, quotes, diacritics, pinyin);
* `decision` — `Judgement` (match / review / none, with its combine rule), `Decision`,
  `Candidate`, `IndexEntry`, `ResolverConfig`;
* `resolver` — the in-memory index's decision (`Resolver`: build, resolve, search), over
  the parts of one query's path, each changeable alone:
  * `forms` — the token lists a name is stored and queried as (synonyms, expansions);
  * `postings` — entities, their name forms, token <-> form postings in flat arrays;
  * `vocabulary` — IDF weights and which spellings count as one token (plural, typo, split);
  * `blocking` — the few stored forms worth aligning, pre-ranked;
  * `alignment` — one query form against one stored form: score, veto, siblings;
  * `ranking` — one row per entity (`Ranked`), ties ordered by spelling, a load's `View`;
* `graph_index` — that index built from the graph's entities, honouring negative judgements
  (`GraphResolver`), and the fingerprint that says when to rebuild it;
* `plan` — a record's name and alt names into one decision (`plan_names`);
* `evidence` — what a record says beyond the name (countries, identifiers, addresses, kind
  of party, alias lines) and how two records' evidence weighs (`weigh`);
* `growing` — the index a load resolves against: the graph, then the load's own records
  in file order (`LoadIndex`), names and evidence into one decision;
* `judgements` — the one builder and id scheme of review items (`Proposal`);
* `review` — a person's accept / reject / undo, and the queue.

It imports only `graph/` (the database access and the vocabulary), never the loaders that
use it.
"""

from loaders.resolution.decision import Candidate, Decision, IndexEntry, Judgement, ResolverConfig
from loaders.resolution.evidence import (
    Evidence,
    Weighing,
    aliases_in,
    country_code,
    identifiers_in,
    places_of,
    programme_countries,
    weigh,
)
from loaders.resolution.graph_index import (
    THING_LABELS,
    GraphResolver,
    acronyms,
    fingerprint,
    place_synonyms,
)
from loaders.resolution.growing import LoadIndex, LoadRecord, RecordDecision, TargetIndex
from loaders.resolution.judgements import (
    ENTITY_PLACEHOLDER,
    FTM_REF,
    Proposal,
    candidates_of,
    file_proposals,
    review_id,
)
from loaders.resolution.normalize import has_cjk, normalize, pinyin_form, tokens
from loaders.resolution.plan import NamePlan, combine, plan_names
from loaders.resolution.resolver import Resolver
from loaders.resolution.review import accept, default_reviewer, get_item, list_items, reject, undo

__all__ = [
    "ENTITY_PLACEHOLDER",
    "FTM_REF",
    "THING_LABELS",
    "Candidate",
    "Decision",
    "Evidence",
    "GraphResolver",
    "IndexEntry",
    "Judgement",
    "LoadIndex",
    "LoadRecord",
    "NamePlan",
    "Proposal",
    "RecordDecision",
    "Resolver",
    "ResolverConfig",
    "TargetIndex",
    "Weighing",
    "accept",
    "acronyms",
    "aliases_in",
    "candidates_of",
    "combine",
    "country_code",
    "default_reviewer",
    "file_proposals",
    "fingerprint",
    "get_item",
    "has_cjk",
    "identifiers_in",
    "list_items",
    "normalize",
    "pinyin_form",
    "place_synonyms",
    "places_of",
    "plan_names",
    "programme_countries",
    "reject",
    "review_id",
    "tokens",
    "undo",
    "weigh",
]
