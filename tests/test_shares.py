"""A share is the interval its words allow, with the words kept: never 0 when not stated,
never a figure no owner can hold."""

from __future__ import annotations

import pytest

from graph.shares import NOT_STATED, ShareError, explicit_share, parse_share, share_of


@pytest.mark.parametrize(
    ("text", "kind", "interval"),
    [
        ("36.35 %", "exact", "[36.35, 36.35]"),
        ("36.35%", "exact", "[36.35, 36.35]"),
        ("50", "exact", "[50, 50]"),
        ("100%", "exact", "[100, 100]"),
        ("8.72 percent", "exact", "[8.72, 8.72]"),
        ("98.99 per cent", "exact", "[98.99, 98.99]"),
        ("36,35 %", "exact", "[36.35, 36.35]"),
        ("a 51% stake", "exact", "[51, 51]"),
        ("25-50", "range", "[25, 50]"),
        ("25–50 %", "range", "[25, 50]"),
        ("between 25 and 50%", "range", "[25, 50]"),
        (">50", "bound", "(50, 100]"),
        ("over 50 %", "bound", "(50, 100]"),
        ("more than 50 percent", "bound", "(50, 100]"),
        ("at least 50%", "bound", "[50, 100]"),
        ("50% or more", "bound", "[50, 100]"),
        ("≥50%", "bound", "[50, 100]"),
        ("less than 25%", "bound", "(0, 25)"),
        ("<25", "bound", "(0, 25)"),
        ("up to 10%", "bound", "(0, 10]"),
        ("majority", "descriptive", "(50, 100]"),
        ("majority-owned", "descriptive", "(50, 100]"),
        ("Majority owned", "descriptive", "(50, 100]"),
        ("wholly owned", "descriptive", "[100, 100]"),
        ("wholly-owned", "descriptive", "[100, 100]"),
        ("fully owned", "descriptive", "[100, 100]"),
        ("全资", "descriptive", "[100, 100]"),
        ("minority stake", "descriptive", "(0, 50)"),
        ("approximately 1%", "range", "(0, 2]"),
        ("about 36.4%", "range", "[36.3, 36.5]"),
        ("approximately 99%", "range", "[98, 100]"),
        ("nearly 50%", "range", "[49, 50)"),
    ],
)
def test_the_real_forms(text: str, kind: str, interval: str) -> None:
    share = parse_share(text)
    assert (share.kind, share.interval()) == (kind, interval)
    assert share.stated == text


def test_control_words_are_no_figure() -> None:
    """控股 / "controlling" names control: a controlling shareholder may hold under half."""
    for words in ("控股", "控股子公司", "controlling shareholder", "largest shareholder"):
        share = parse_share(words)
        assert share.kind == "descriptive" and share.interval() == "(0, 100]", words
        assert share.stated == words


def test_not_stated_is_more_than_nothing() -> None:
    for value in (None, "", "  ", "undisclosed", "not stated"):
        share = parse_share(value)
        assert share.kind == "not_stated" and share.min == 0 and share.min_exclusive
        assert share.max == 100 and not share.known
    assert share_of({}) == NOT_STATED
    assert share_of({"share": None}) == NOT_STATED


def test_unreadable_words_are_kept_with_the_widest_interval() -> None:
    share = parse_share("the family's holding, size disputed")
    assert share.kind == "unreadable" and share.interval() == "(0, 100]"
    assert share.stated == "the family's holding, size disputed"


@pytest.mark.parametrize("text", ["150%", "-5%", "50-25", "over 150%", "101", "about 120%"])
def test_impossible_shares_are_errors(text: str) -> None:
    with pytest.raises(ShareError):
        parse_share(text)


def test_stored_props_round_trip_and_old_graphs_read() -> None:
    share = parse_share("over 50 %")
    assert share_of(share.props()) == share
    old = share_of({"share": 30})
    assert (old.kind, old.interval()) == ("exact", "[30, 30]")
    assert share_of({"share": 250}).kind == "unreadable"  # kept, not dropped, not 0


def test_explicit_bounds_replace_what_words_only_a_person_reads() -> None:
    share = explicit_share("36.08% directly and 2.46% through an affiliate", 38.54, 38.54)
    assert share.interval() == "[38.54, 38.54]" and share.kind == "exact"
    assert share.stated == "36.08% directly and 2.46% through an affiliate"
    assert explicit_share("majority").interval() == "(50, 100]"


def test_ftm_percentage_keeps_the_words() -> None:
    assert parse_share("over 50 %").percentage() == "over 50 %"
    assert share_of({"share": 30}).percentage() == "30"
    assert NOT_STATED.percentage() is None
