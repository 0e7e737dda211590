"""Parsing OFAC's legacy CSV files into list records: no database needed."""

from __future__ import annotations

import gzip
import shutil
from collections import Counter
from pathlib import Path

import pytest

from loaders.pipeline.provenance import input_digest
from loaders.plumbing.report import Rejection
from loaders.snapshot import SNAPSHOT_DIR
from loaders.sources import ListRecord
from loaders.sources.ofac import OfacLayoutError, iter_ofac
from tests.conftest import shared_path


def _split(directory: Path) -> tuple[list[ListRecord], list[Rejection]]:
    items = list(iter_ofac(directory))
    return (
        [i for i in items if isinstance(i, ListRecord)],
        [i for i in items if isinstance(i, Rejection)],
    )


def test_consolidated_non_sdn_lists_and_hikvision() -> None:
    records, rejected = _split(shared_path("data", "ofac_consolidated_nonsdn"))
    lists = Counter(r.list_info.id for r in records)
    assert lists == {
        "list:us-ofac-ssi": 286, "list:us-ofac-plc": 78, "list:us-ofac-ns-cmic": 68,
        "list:us-ofac-mbs": 7, "list:us-ofac-cap": 1,
    }  # fmt: skip
    # Two programs have no list we know: kept aside with the reason, never guessed.
    assert sorted(r.reason.rsplit(" ", 1)[-1] for r in rejected) == [
        "BURMA-EO14014", "ILLICIT-DRUGS-EO14059",
    ]  # fmt: skip
    hik = next(r for r in records if r.entity_number == "30946")
    assert hik.name == "HANGZHOU HIKVISION DIGITAL TECHNOLOGY CO., LTD."
    assert hik.list_label.startswith("Non-SDN Chinese Military-Industrial Complex Companies List")
    assert hik.alt_names == ("HIKVISION", "HANGZHOU HIKVISION DIGITAL TECHNOLOGY")
    assert hik.countries == ("CN",) and hik.type == "Entity"
    assert hik.start_date == "2021-06-03"  # "Listing Date (CMIC) 03 Jun 2021" in the remarks
    assert hik.programs == ("CMIC-EO13959",)


def test_comments_continue_remarks_and_people_keep_dates_of_birth() -> None:
    records, _ = _split(shared_path("data", "ofac_consolidated_nonsdn"))
    by_number = {r.entity_number: r for r in records}
    assert "SBERBANK INDIA" in (by_number["17018"].remarks or "")  # from cons_comments.csv
    haniya = by_number["9639"]
    assert haniya.is_person and haniya.dates_of_birth == ("1962",)
    assert haniya.alt_names == ("HANIYA, Ismail", "HANIYYA, Ismaeel")


def test_sdn_bench_set() -> None:
    records, rejected = _split(shared_path("data", "ofac_sdn", "watchman_bench_2021-07"))
    assert len(records) == 8976 and rejected == []
    assert {r.list_label for r in records} == {
        "Specially Designated Nationals (SDN) - Treasury Department"
    }
    cuba = next(r for r in records if r.entity_number == "36")
    assert (cuba.name, cuba.alt_names, cuba.countries) == (
        "AEROCARIBBEAN AIRLINES", ("AERO-CARIBBEAN",), ("CU",),
    )  # fmt: skip
    assert cuba.addresses == ("Havana, Cuba",) and cuba.remarks is None  # "-0- " is null


def test_bad_rows_are_rejections(tmp_path: Path) -> None:
    (tmp_path / "sdn.csv").write_text(
        '1,"GOOD CO",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n'
        '2,"SHORT ROW",-0- \r\n'
        '3,-0- ,-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n\x1a'
    )
    (tmp_path / "alt.csv").write_text('9,1,"aka","NOBODY",-0- \r\n')
    records, rejected = _split(tmp_path)
    assert [r.name for r in records] == ["GOOD CO"]
    reasons = sorted(r.reason for r in rejected)
    assert reasons == [
        "3 fields, expected 12", "alias of an entry the primary file does not have", "no name",
    ]  # fmt: skip


def test_gzip_set_reads_like_the_plain_one(tmp_path: Path) -> None:
    source = shared_path("data", "ofac_consolidated_nonsdn")
    for path in source.glob("*.csv"):
        (tmp_path / f"{path.name}.gz").write_bytes(gzip.compress(path.read_bytes(), mtime=0))
    assert _split(tmp_path)[0] == _split(source)[0]
    assert input_digest(tmp_path) != input_digest(source)


def test_not_an_ofac_folder(tmp_path: Path) -> None:
    shutil.copy(shared_path("data", "csl_samples", "watchman_test_testdata_csl.csv"), tmp_path)
    with pytest.raises(OfacLayoutError):
        list(iter_ofac(tmp_path))


def test_bundled_snapshots_parse() -> None:
    for name, lists in (
        ("ofac-consolidated-nonsdn-2025-12", 5), ("ofac-sdn-2021-07", 1),
    ):  # fmt: skip
        records, _ = _split(SNAPSHOT_DIR / name)
        assert len({r.list_info.id for r in records}) == lists
