"""Pieces of the OpenAPI examples, taken from the bundled curated data, so every answer's
example reads like what the API returns for it (tests/test_api_examples.py validates them)."""

from __future__ import annotations

from typing import Any

HIKVISION: dict[str, Any] = {
    "id": "company:hikvision",
    "name": "Hangzhou Hikvision Digital Technology Co., Ltd.",
    "labels": ["Company"],
}
HAISHI: dict[str, Any] = {
    "id": "company:urumqi-haishi-xinan",
    "name": "Urumqi Haishi Xin'an Electronic Technology Co., Ltd.",
    "labels": ["Company"],
}
BIS: dict[str, Any] = {"id": "list:us-bis-entity-list", "name": "Entity List", "labels": ["List"]}
FR_2023: dict[str, Any] = {
    "id": "source:fr-2023-03-30-88fr18983",
    "title": "Additions to the Entity List",
    "publisher": "Federal Register",
    "date": "2023-03-30",
    "date_precision": "day",
    "url": "https://www.federalregister.gov/d/2023-06669",
    "kind": "regulation",
    "citation": "88 FR 18983",
    "found": True,
}
OWNED: dict[str, Any] = {
    "type": "SUBSIDIARY_OF",
    "from": "company:urumqi-haishi-xinan",
    "to": "company:hikvision",
    "fact_id": "fact:3f2a9c",
    "origin": "curated",
    "properties": {"share": 100},
    "source_ids": ["source:fr-2023-03-30-88fr18983"],
    "sources": [FR_2023],
}
LISTED: dict[str, Any] = {
    "type": "LISTED_ON",
    "from": "company:urumqi-haishi-xinan",
    "to": "list:us-bis-entity-list",
    "fact_id": "fact:91bd04",
    "origin": "curated",
    "properties": {"since": "2023-03-30", "citation": "88 FR 18985"},
    "source_ids": ["source:fr-2023-03-30-88fr18983"],
    "sources": [FR_2023],
}
DESIGNATION: dict[str, Any] = {
    "list": BIS,
    "in_force": True,
    "status": "in_force",
    "reason": "in force on 2023-12-31 per 1 claim(s) dated precisely enough: 88 FR 18985",
    "since": "2023-03-30",
    "citation": "88 FR 18985",
    "claims": [
        {
            "since": "2023-03-30",
            "since_precision": "day",
            "decided_from": "2023-03-30",
            "in_force": True,
            "decided": True,
            "citation": "88 FR 18985",
            "source_ids": ["source:fr-2023-03-30-88fr18983"],
        }
    ],
    "source_ids": ["source:fr-2023-03-30-88fr18983"],
    "sources": [FR_2023],
}
RULE: dict[str, Any] = {
    "id": "rule:ndaa-889-subsidiary-affiliate",
    "name": "NDAA 889: subsidiaries and affiliates",
    "kind": "subsidiaries",
    "status": "in_force",
    "status_on_as_of": "in_force",
    "citation": "Pub. L. 115-232 § 889(f)(3)",
}


def page(results: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    """One example page in the shared envelope."""
    return {"results": results, "total": len(results), "limit": 100, "offset": 0, **extra}
