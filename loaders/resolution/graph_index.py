"""Builds the in-memory resolver from the entities in Neo4j.

The resolver itself (`loaders.resolution.resolver`) knows nothing of the database; this is
the bridge.
Loaders, the CLI and the API all get their resolver here, so they resolve alike.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Mapping
from typing import Any

from graph.db import Graph
from loaders.resolution.decision import Candidate, Decision, IndexEntry, ResolverConfig
from loaders.resolution.evidence import Evidence
from loaders.resolution.normalize import ADMIN_WORDS, is_initialism, name_variants, normalize
from loaders.resolution.resolver import Resolver


def resolver_entries(graph: Graph, exclude_source: str | None = None) -> list[IndexEntry]:
    return [entry for entry, _ in graph_entries(graph, exclude_source)]


def graph_entries(
    graph: Graph, exclude_source: str | None = None, exclude_made_for: str | None = None
) -> list[tuple[IndexEntry, Evidence]]:
    """The graph's resolvable entities, each with the evidence it carries beyond its names."""
    rows = graph.read(
        "resolver/entries",
        timeout=120.0,
        exclude_source=exclude_source,
        exclude_made_for=exclude_made_for,
    )
    applied = _applied_aliases(graph, exclude_source) if exclude_source else {}
    return [(_entry(row, applied.get(row["id"])), _evidence(row)) for row in rows]


def _applied_aliases(graph: Graph, source_id: str) -> dict[str, set[str]]:
    """Entity id -> the names judgements of `source_id` added to it: left out, like the
    entities that source created, so a rerun's index is the clean load's."""
    applied: dict[str, set[str]] = {}
    for row in graph.read("resolver/applied_aliases", timeout=120.0, source_id=source_id):
        applied.setdefault(row["entity_id"], set()).update(row["aliases"])
    return applied


# Parties a list names that are things, not persons or organisations: they resolve among
# their own kind only (a tanker once called BAIKAL is not Baikal Electronics).
THING_LABELS = {"vessel": "Vessel", "aircraft": "Aircraft"}


def _entry(row: dict[str, Any], applied: set[str] | None = None) -> IndexEntry:
    thing = THING_LABELS.get(str(row.get("kind") or ""))
    left_out = applied or set()
    return IndexEntry(
        id=row["id"],
        name=row["name"] or row["id"],
        labels=(thing,) if thing else tuple(row["labels"]),
        aliases=tuple(a for a in row["aliases"] if a and a != row["name"] and a not in left_out),
    )


def _evidence(row: dict[str, Any]) -> Evidence:
    identifiers = set()
    for text in row.get("identifiers") or ():
        scheme, _, rest = str(text).partition(":")
        value, _, country = rest.rpartition(":")
        if scheme and value:
            identifiers.add((scheme, value, country))
    countries = frozenset(str(c).upper() for c in row.get("countries") or () if c)
    return Evidence(countries, frozenset(identifiers), kind=row.get("kind"))


def acronyms(entries: Iterable[IndexEntry]) -> dict[str, tuple[str, ...]]:
    """Acronyms the entities carry, to the words they stand for ("cetc" -> "china electronics
    technology group"), for `Resolver.build(expansions=...)`.

    Only an alias (or a bracketed acronym) written in capitals that spells the initials of
    the entity's own name counts, and only when no other entity claims it and the word never
    appears in lower case in a name (where it is a word, not an acronym: "Cast", "Nova").
    """
    claimed: dict[str, set[tuple[str, ...]]] = {}
    words: set[str] = set()
    for entry in entries:
        if "Place" in entry.labels:
            continue
        texts = [v for t in (entry.name, *entry.aliases) for v in name_variants(t)]
        full = [t for t in texts if len(normalize(t).split()) >= 2]
        for text in texts:
            _note_words(text, words)
            short = normalize(text).split()
            if len(short) != 1 or not text.strip().isupper() or not short[0].isalpha():
                continue
            for name in full:
                if len(short[0]) >= 3 and is_initialism(short[0], name):
                    claimed.setdefault(short[0], set()).add(tuple(normalize(name).split()))
    return {
        acronym: next(iter(expansions))
        for acronym, expansions in claimed.items()
        if len(expansions) == 1 and acronym not in words
    }


def _note_words(text: str, words: set[str]) -> None:
    """Words written in lower case in a mixed-case name are words, not acronyms."""
    if text.isupper():
        return
    for word in text.split():
        if word[:1].isalpha() and not word.isupper():
            words.add(normalize(word))


def place_synonyms(entries: Iterable[IndexEntry]) -> dict[str, str]:
    """One-word names of the same place are the same token to the resolver.

    The graph's Place nodes carry a county's pinyin, Uyghur and English names (Luopu / Lop,
    Moyu / Karakax, Pishan / Guma, Yutian / Keriya), so "Karakax Haishi Electronic Technology"
    is read as "Moyu Haishi ...". Only Latin one-word names (after administrative words such as
    County are dropped) of at least three letters take part, and a word claimed by two places
    is left alone, so no company-name word is rewritten by accident.
    """
    entries = list(entries)
    # The canonical word is the one company names use most (the pinyin, usually), so that
    # spacing variants ("Mo Yu", joined back to "moyu") still meet the stored names.
    frequency: Counter[str] = Counter(
        token
        for entry in entries
        if "Place" not in entry.labels
        for text in (entry.name, *entry.aliases)
        for token in set(normalize(text).split())
    )
    owner: dict[str, str] = {}
    groups: dict[str, list[str]] = {}
    for entry in entries:
        if "Place" not in entry.labels:
            continue
        words: list[str] = []
        for text in (entry.name, *entry.aliases):
            tokens = [t for t in normalize(text).split() if t not in ADMIN_WORDS]
            if len(tokens) == 1 and len(tokens[0]) >= 3 and tokens[0].isascii():
                words.append(tokens[0])
        for word in dict.fromkeys(words):
            if owner.setdefault(word, entry.id) != entry.id:
                owner[word] = ""  # claimed by two places: ambiguous, leave it
            groups.setdefault(entry.id, []).append(word)
    synonyms: dict[str, str] = {}
    for words in groups.values():
        mine = sorted(w for w in words if owner.get(w))
        if not mine:
            continue
        canonical = max(mine, key=lambda w: (frequency[w], -mine.index(w)))
        for word in mine:
            synonyms[word] = canonical
    return synonyms


def negative_pairs(graph: Graph) -> dict[str, set[str]]:
    """normalised input -> entity ids a reviewer rejected for it."""
    pairs: dict[str, set[str]] = {}
    for row in graph.read("resolver/negative_judgements"):
        pairs.setdefault(row["input"], set()).add(row["entity_id"])
    return pairs


class GraphResolver:
    """A resolver over the graph's entities that honours recorded negative judgements.

    A loader passes `exclude_source` (its snapshot's Source id): the entities that snapshot
    created in an earlier, killed run of the same load are then invisible, as they were to
    the clean load, so the rerun decides every remaining row exactly as the clean load did.
    """

    def __init__(
        self,
        graph: Graph,
        config: ResolverConfig | None = None,
        exclude_source: str | None = None,
    ) -> None:
        self.graph = graph
        self.config = config
        self.entries = resolver_entries(graph, exclude_source)
        self.resolver = Resolver.build(
            self.entries,
            config,
            synonyms=place_synonyms(self.entries),
            expansions=acronyms(self.entries),
        )
        self.rejected = negative_pairs(graph)
        self.fingerprint = fingerprint(graph)

    def __len__(self) -> int:
        return len(self.resolver)

    def excluded(self, name: str) -> set[str]:
        if not self.rejected:  # the usual case; spares a normalisation per lookup
            return set()
        return self.rejected.get(normalize(name), set())

    def resolve(
        self,
        name: str,
        labels: Collection[str] | None = None,
        allowed: Collection[str] | None = None,
        hidden: Collection[str] | None = None,
        hidden_names: Mapping[str, Collection[str]] | None = None,
    ) -> Decision:
        return self.resolver.resolve(
            name,
            labels=labels,
            exclude_pairs=self.excluded(name),
            allowed=allowed,
            hidden=hidden,
            hidden_names=hidden_names,
        )

    def search(
        self,
        query: str,
        limit: int = 10,
        labels: Collection[str] | None = None,
        allowed: Collection[str] | None = None,
        hidden: Collection[str] | None = None,
        hidden_names: Mapping[str, Collection[str]] | None = None,
    ) -> list[Candidate]:
        """Ranked candidates for a search box; rejected pairs are left out here too."""
        hits = self.resolver.search(
            query,
            limit=limit + 5,
            labels=labels,
            allowed=allowed,
            hidden=hidden,
            hidden_names=hidden_names,
        )
        excluded = self.excluded(query)
        return [hit for hit in hits if hit.id not in excluded][:limit]


def fingerprint(graph: Graph) -> dict[str, Any]:
    """Changes whenever a load or a review could change what the resolver should answer."""
    return graph.read_one("resolver/fingerprint") or {}
