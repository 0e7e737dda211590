"""/resolve with `lists` turns a match into a review when an entity off the lists scores within
the margin of it: the margin is the index's own `min_margin`, not a fresh default's."""

from __future__ import annotations

from api.queries.search import outside_check
from api.resolution import Candidate, Decision, GraphResolver, ResolverConfig, config_of
from graph.db import Graph
from tests.test_api_support import fresh_curated

LISTED = Candidate("company:listed", "Qinghe Optics", 0.95, "Qinghe Optics", ("Company",))
RIVAL = Candidate("company:rival", "Qinghe Optical", 0.85, "Qinghe Optical", ("Company",))
MATCH = Decision("Qinghe Optics", "match", LISTED, 0.95, "Qinghe Optics", (LISTED,), "match")
EVERYONE = Decision(
    "Qinghe Optics", "match", LISTED, 0.95, "Qinghe Optics", (LISTED, RIVAL), "match"
)


def test_a_rival_outside_the_margin_leaves_the_match() -> None:
    decided = outside_check(MATCH, EVERYONE, {LISTED.id}, margin=0.05)
    assert decided.decision == "match"
    assert decided.explanation.endswith("decided among the entities on the lists")


def test_a_wider_margin_makes_the_same_rival_a_review() -> None:
    decided = outside_check(MATCH, EVERYONE, {LISTED.id}, margin=0.2)
    assert decided.decision == "review"
    assert "company:rival" in decided.explanation and "within 0.2" in decided.explanation


def test_the_margin_is_the_index_configuration(graph: Graph) -> None:
    fresh_curated(graph)
    assert config_of(GraphResolver(graph, ResolverConfig(min_margin=0.2))).min_margin == 0.2
    assert config_of(GraphResolver(graph)).min_margin == ResolverConfig().min_margin
