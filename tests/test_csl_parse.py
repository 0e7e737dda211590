"""Parsing the Consolidated Screening List: no database needed."""

from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from loaders.plumbing.report import Rejection
from loaders.sources import ListRecord, list_for_label
from loaders.sources.csl import CslFormatError, iter_csl, publisher_dates
from loaders.sources.fields import parse_date
from tests.conftest import shared_path


def _split(path: Path) -> tuple[list[ListRecord], list[Rejection]]:
    items = list(iter_csl(path))
    return (
        [i for i in items if isinstance(i, ListRecord)],
        [i for i in items if isinstance(i, Rejection)],
    )


def test_2025_sample() -> None:
    records, rejected = _split(
        shared_path("data", "csl_samples", "watchman_cslustest_consolidated.csv")
    )
    assert len(records) == 13 and rejected == []
    isn = records[0]
    assert isn.list_info.id == "list:us-state-isn"
    assert isn.programs == ("INKSNA",)
    assert isn.start_date == "2023-07-19"
    assert isn.uid and isn.row == 1
    uvl = next(r for r in records if r.list_info.id == "list:us-bis-uvl")
    assert uvl.addresses == ("Komitas 26/114, Yerevan, Armenia, AM",)
    assert uvl.country == "AM"


def test_2019_sample_older_columns() -> None:
    records, rejected = _split(shared_path("data", "csl_samples", "watchman_test_testdata_csl.csv"))
    assert len(records) == 115 and rejected == []
    assert all(r.uid is None for r in records)  # the 2019 layout has no _id column
    first = records[0]
    assert first.name == "ADRIAN MANUEL HERNANDEZ"  # leading space folded
    assert first.list_info.id == "list:us-bis-dpl"
    assert (first.start_date, first.end_date) == ("2017-10-16", "2020-10-13")
    multi = [r for r in records if len(r.alt_names) > 1]
    assert multi, "the sample has ';'-separated alt names"
    assert all(";" not in a for r in multi for a in r.alt_names)
    lists = Counter(r.list_info.id for r in records)
    assert lists["list:us-ofac-sdn"] == 28 and lists["list:us-ofac-ssi"] == 26


def test_assembled_20k_file() -> None:
    records, rejected = _split(shared_path("data", "csl", "consolidated-assembled-2026-07.csv"))
    assert len(records) == 20383 and rejected == []
    lists = Counter(r.list_info.id for r in records)
    assert lists == {
        "list:us-ofac-sdn": 14965,
        "list:us-bis-entity-list": 3409,
        "list:us-state-itar-debarred": 779,
        "list:us-bis-dpl": 564,
        "list:us-state-isn": 528,
        "list:us-bis-meu": 70,
        "list:us-ofac-ns-cmic": 68,
    }
    hik = next(
        r for r in records
        if r.name == "Hangzhou Hikvision Digital Technology Co., Ltd."
        and r.list_info.id == "list:us-bis-entity-list"
    )  # fmt: skip
    assert hik.alt_names == ("Hikvision",)
    assert hik.start_date == "2019-10-09"
    assert hik.federal_register_notice and "84 FR 54004" in hik.federal_register_notice
    assert hik.country == "CN"
    # Entity List cells join two addresses with "; and": two addresses, no "and" prefix.
    ghoura = next(r for r in records if r.name == "Abdul Satar Ghoura")
    assert len(ghoura.addresses) == 2 and not ghoura.addresses[1].startswith("and ")


def test_malformed_rows_are_rejected_with_reasons(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["_id", "source", "name", "start_date", "alt_names"])
        w.writerow(
            [
                "a",
                "Entity List (EL) - Bureau of Industry and Security",
                "Good Co",
                "2020-01-02",
                "G1; G2",
            ]
        )
        w.writerow(
            ["b", "Entity List (EL) - Bureau of Industry and Security", "  ", "2020-01-02", ""]
        )
        w.writerow(
            [
                "c",
                "Entity List (EL) - Bureau of Industry and Security",
                "Bad Date",
                "2020-31-31",
                "",
            ]
        )
        w.writerow(["d", "Entity List (EL) - Bureau of Industry and Security", "Short"])
        w.writerow(["e", "", "No Source", "", ""])
    records, rejected = _split(path)
    assert [r.name for r in records] == ["Good Co"]
    assert records[0].alt_names == ("G1", "G2")
    reasons = {r.where: r.reason for r in rejected}
    assert reasons == {
        "bad.csv: row 2": "no name",
        "bad.csv: row 3": "start_date: '2020-31-31' is not a date",
        "bad.csv: row 4": "row has 3 fields, the header has 5",
        "bad.csv: row 5": "no source (which list the row belongs to)",
    }


def test_json_api_shape(tmp_path: Path) -> None:
    doc: dict[str, Any] = {
        "total": 3,
        "sources_used": [
            {"source": "Entity List (EL) - Bureau of Industry and Security",
             "source_last_updated": "2026-07-01", "last_imported": "2026-07-02T01:00:00Z"},
        ],
        "results": [
            {"source": "Entity List (EL) - Bureau of Industry and Security", "name": "X Co",
             "programs": ["P1", "P2"], "alt_names": ["X Company"], "start_date": "2021-03-04",
             "addresses": [{"address": "1 Road", "city": "Hangzhou", "state": None,
                            "postal_code": "310000", "country": "CN"}]},
            {"source": "Entity List (EL) - Bureau of Industry and Security", "name": ""},
            "not an object",
        ],
    }  # fmt: skip
    path = tmp_path / "csl.json"
    path.write_text(json.dumps(doc))
    records, rejected = _split(path)
    assert len(records) == 1
    x = records[0]
    assert x.programs == ("P1", "P2") and x.alt_names == ("X Company",)
    assert x.addresses == ("1 Road, Hangzhou, 310000, CN",) and x.country == "CN"
    assert [r.reason for r in rejected] == ["no name", "a result must be an object, not str"]
    assert publisher_dates(path) == {"list:us-bis-entity-list": "2026-07-01"}
    bare = tmp_path / "bare.json"
    bare.write_text(json.dumps(doc["results"][:1]))
    assert len(_split(bare)[0]) == 1 and publisher_dates(bare) == {}


def test_not_a_csl_file(tmp_path: Path) -> None:
    path = tmp_path / "other.csv"
    path.write_text("a,b\n1,2\n")
    with pytest.raises(CslFormatError):
        list(iter_csl(path))
    obj = tmp_path / "other.json"
    obj.write_text('{"entities": []}')
    with pytest.raises(CslFormatError):
        list(iter_csl(obj))


def test_parse_date() -> None:
    assert parse_date("2019-10-09") == "2019-10-09"
    assert parse_date("10/09/2019") == "2019-10-09"
    assert parse_date("2019-10-09T00:00:00Z") == "2019-10-09"
    assert parse_date("") is None
    with pytest.raises(ValueError):
        parse_date("soon")


BIS = "Bureau of Industry and Security"


@pytest.mark.parametrize(
    ("source", "list_id", "authority"),
    [
        ("Entity List (EL) - " + BIS, "list:us-bis-entity-list", "gov:us-bis"),
        ("Military End User (MEU) List - " + BIS, "list:us-bis-meu", "gov:us-bis"),
        ("Denied Persons List (DPL) - " + BIS, "list:us-bis-dpl", "gov:us-bis"),
        ("Unverified List (UVL) - " + BIS, "list:us-bis-uvl", "gov:us-bis"),
        ("Specially Designated Nationals (SDN) - Treasury Department", "list:us-ofac-sdn",
         "gov:us-ofac"),
        ("Non-SDN Chinese Military-Industrial Complex Companies List (CMIC) - Treasury Department",
         "list:us-ofac-ns-cmic", "gov:us-ofac"),
        ("Nonproliferation Sanctions (ISN) - State Department", "list:us-state-isn",
         "gov:us-state"),
        ("ITAR Debarred (DTC) - State Department", "list:us-state-itar-debarred",
         "gov:us-state-ddtc"),
    ],
)  # fmt: skip
def test_list_mapping(source: str, list_id: str, authority: str) -> None:
    info = list_for_label(source)
    assert (info.id, info.authority_id, info.known) == (list_id, authority, True)


def test_unknown_source_gets_a_slug() -> None:
    info = list_for_label("Some New List (SNL) - Department of Things")
    assert not info.known
    assert info.id == "list:csl-some-new-list-snl-department-of-things"
