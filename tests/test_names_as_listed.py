"""Names as lists write them, and the evidence beyond them: the resolver's own rules, without
a database (the index is built in memory from real-looking entries)."""

from __future__ import annotations

import pytest

from loaders.resolution import (
    Evidence,
    IndexEntry,
    Judgement,
    Resolver,
    ResolverConfig,
    acronyms,
    identifiers_in,
    normalize,
    weigh,
)
from loaders.resolution.normalize import name_variants

STRICT = ResolverConfig(lenient_places=False)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("32nd Research Institute", "Research Institute No. 32"),
        ("Research Institute 32", "No. 32 Research Institute"),
        ("OOO Romashka", "Romashka Limited Liability Company"),
        ("Obshchestvo s Ogranichennoi Otvetstvennostyu Romashka", "ROMASHKA LLC"),
        ("OAO Agat", "Open Joint Stock Company Agat"),
        ("ZAO Agat", "Closed Joint Stock Company AGAT"),
        ("PAO Zvezda", "Public Joint Stock Company Zvezda"),
        ("AO Kazan Helicopters", "Kazan Helicopters JSC"),
        ("TOO Kaz Trade", "Kaz Trade LLP"),
        ("Alfa Trading FZE", "Alfa Trading DMCC"),
        ("OJSC Belt", "Belt PJSC"),
        ("X COMM GRP", "X Communication Group"),
        ("Y TECH SRVCES INTL", "Y Technology Services International"),
        ("Z MFG ELEC CORP", "Z Manufacturing Electronic Corporation"),
        ("The Planar Company", "OOO Planar"),
    ],
)
def test_spellings_of_one_name_normalise_alike(a: str, b: str) -> None:
    """Ordinals, transliterated legal forms and list abbreviations fold away; word order is
    the resolver's business (token sets), checked below."""
    assert sorted(normalize(a).split()) == sorted(normalize(b).split())


def test_ao_is_a_legal_form_only_at_the_edge_of_a_name() -> None:
    assert normalize("AO Kazan") == "kazan"
    assert normalize("Hai Ao Trading Co") == "hai ao trading"


def test_a_final_bracketed_acronym_is_a_name_of_its_own_a_place_is_not() -> None:
    cetc38 = "China Electronics Technology Group Corporation 38th Research Institute (CETC 38)"
    assert name_variants(cetc38) == (cetc38.replace(" (CETC 38)", ""), "CETC 38")
    assert name_variants("Advanced Micro-Fabrication Equipment Inc. China (AMEC)")[1] == "AMEC"
    # a final bracket that does not spell the entry's initials abbreviates the words before it
    parent = "20th Research Institute of China Electronic Technology Group Corp (CETC)"
    assert name_variants(parent) == (parent.replace(" (CETC)", ""),)
    for qualified in ("Hikvision (USA) Inc", "X (HK) Ltd", "Y Co (Tianjin) Ltd", "Z (HONG KONG)"):
        assert name_variants(qualified) == (qualified,)
    # inside the name it abbreviates the words before it: dropped, not the entry's own name
    inside = "China Electronics Technology Group Corp. (CETC) 54th Research Institute"
    assert name_variants(inside) == (
        "China Electronics Technology Group Corp. 54th Research Institute",
    )


def _index() -> Resolver:
    entries = [
        IndexEntry("cetc", "China Electronics Technology Group Corporation", aliases=("CETC",)),
        IndexEntry(
            "cetc38",
            "China Electronics Technology Group Corporation 38th Research Institute (CETC 38)",
        ),
        IndexEntry(
            "cetc54",
            "54th Research Institute of China",
            aliases=("China Electronics Technology Group Corp. (CETC) 54th Research Institute",),
        ),
        IndexEntry("vniiir", "38th Research Institute of Russia"),
        IndexEntry("casic", "China Aerospace Science and Industry Corporation", aliases=("CASIC",)),
        IndexEntry("casic2", "China Aerospace Science and Industry Corporation Second Academy"),
        IndexEntry("tj", "Sugon Information Industry (Tianjin) Co., Ltd."),
        IndexEntry("bj", "Sugon Information Industry (Beijing) Co., Ltd."),
    ]
    return Resolver.build(entries, STRICT, expansions=acronyms(entries))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("38th Research Institute of CETC", "cetc38"),
        ("CETC 38", "cetc38"),
        ("CETC 38th Research Institute", "cetc38"),
        ("CETC 54th Research Institute", "cetc54"),
        ("China Electronics Technology Group Corporation 54th Research Institute", "cetc54"),
        ("CASIC 2nd Academy", "casic2"),
        ("Second Academy of CASIC", "casic2"),
    ],
)
def test_acronyms_expand_and_word_order_does_not_matter(query: str, expected: str) -> None:
    hits = _index().search(query, limit=3)
    assert hits and hits[0].id == expected, [(h.id, round(h.score, 3)) for h in hits]


def test_acronyms_are_learnt_only_from_initials_and_never_from_words() -> None:
    learnt = acronyms(
        [
            IndexEntry("a", "China Electronics Technology Group Corporation", aliases=("CETC",)),
            IndexEntry("b", "Hangzhou Hikvision Digital Technology", aliases=("HIKVISION",)),
            IndexEntry("c", "Nova Trading", aliases=("NOVA",)),
            IndexEntry("d", "National Oil Visionary Association", aliases=("NOVA",)),
        ]
    )
    assert learnt == {"cetc": ("china", "electronics", "technology", "group")}


@pytest.mark.parametrize(
    ("query", "sibling"),
    [
        ("China Electronics Technology Group Corporation 54th Research Institute", "cetc38"),
        ("Sugon Information Industry (Beijing) Co., Ltd.", "tj"),
        ("Sugon Information Industry Co., Ltd.", "bj"),  # the parent is neither city's company
    ],
)
def test_siblings_never_match_and_are_not_doubts(query: str, sibling: str) -> None:
    decision = _index().resolve(query)
    best = decision.entity.id if decision.entity else None
    assert best != sibling or decision.decision is not Judgement.MATCH
    assert sibling not in {c.id for c in decision.candidates}
    assert "siblings left out" in decision.explanation or decision.decision is Judgement.NONE


def test_evidence_for_and_against() -> None:
    sdn = "Tax ID No. 7720544208 (Russia); Registration Number 1067746239230 (Russia)."
    ids = identifiers_in(sdn)
    assert ("tax", "7720544208", "RU") in ids and ("registration", "1067746239230", "RU") in ids
    a = Evidence(frozenset({"RU"}), ids)
    same = weigh(a, Evidence(identifiers=frozenset({("tax", "7720544208", "RU")})))
    assert same.shared_identifier and not same.conflict
    other = weigh(a, Evidence(identifiers=frozenset({("tax", "7700000001", "RU")})))
    assert other.different and other.conflict
    abroad = weigh(a, Evidence(countries=frozenset({"BY"})))
    assert abroad.conflict and not abroad.different  # a doubt, for a person to settle
    kinds = weigh(Evidence(kind="vessel"), Evidence(kind="entity"))
    assert kinds.different
    hinted = weigh(Evidence(countries=frozenset({"BY"})), Evidence(hinted=frozenset({"BY"})))
    assert hinted.for_ and not hinted.conflict
