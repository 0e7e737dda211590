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
NOT_STATED: dict[str, Any] = {
    "min": 0,
    "max": 100,
    "min_exclusive": True,
    "max_exclusive": False,
    "text": None,
    "kind": "not_stated",
    "words": "more than 0% (size not stated)",
}
OWNED: dict[str, Any] = {
    "type": "SUBSIDIARY_OF",
    "from": "company:urumqi-haishi-xinan",
    "to": "company:hikvision",
    "fact_id": "fact:3f2a9c",
    "origin": "curated",
    "ownership": True,
    "relation": "ownership",
    "share": NOT_STATED,
    "properties": {},
    "source_ids": ["source:fr-2023-03-30-88fr18983"],
    "sources": [FR_2023],
}
PROSPECTUS: dict[str, Any] = {
    "id": "source:yutainews-2023-03-15-hikrobot-prospectus",
    "title": "海康机器人披露招股书 (summary of Hikrobot's ChiNext IPO prospectus)",
    "date": "2023-03-15",
    "found": True,
}
HIKROBOT: dict[str, Any] = {
    "id": "company:hikrobot",
    "name": "Hangzhou Hikrobot Co., Ltd.",
    "labels": ["Company"],
}
SIXTY: dict[str, Any] = {
    "min": 60,
    "max": 60,
    "text": "60%",
    "kind": "exact",
    "words": "60%",
    "as_of": "2022-09-30",
    "as_of_precision": "day",
}
HIKROBOT_OWNED: dict[str, Any] = {
    "type": "SUBSIDIARY_OF",
    "from": "company:hikrobot",
    "to": "company:hikvision",
    "fact_id": "fact:26370da384d7a2e207ca",
    "origin": "curated",
    "ownership": True,
    "relation": "ownership",
    "share": SIXTY,
    "source_ids": [PROSPECTUS["id"]],
    "sources": [PROSPECTUS],
}
AFFILIATES_RULE: dict[str, Any] = {
    "id": "rule:bis-affiliates-50-percent",
    "kind": "ownership_threshold",
    "threshold_share": 50,
    "lists": ["list:us-bis-entity-list", "list:us-bis-meu"],
    "status_on_as_of": "in_force",
    "status_reason": "the rule is in force from 2025-09-29 through 2025-11-09 (90 FR 47201)",
    "citation": "90 FR 47201 (FR Doc. 2025-19001)",
    "versions": [
        {"status": "in_force", "from": "2025-09-29", "until": "2025-11-10"},
        {"status": "suspended", "from": "2025-11-10", "until": "2026-11-10"},
        {"status": "not_recorded", "from": "2026-11-10"},
    ],
}
HIKROBOT_COVERED: dict[str, Any] = {
    "list": BIS,
    "rule": AFFILIATES_RULE,
    "rule_version": {"status": "in_force", "from": "2025-09-29", "until": "2025-11-10"},
    "outcome": "covered",
    "reason": "owned 60% in the aggregate by parties the rule covers (at least 50%): 60% (60%) "
    "held by company:hikvision (listed) (derived; not a listing)",
    "aggregate_share": {"min": 60, "max": 60, "kind": "range", "words": "60%"},
    "threshold_share": 50,
    "contributions": [
        {
            "owner": HIKVISION,
            "relation": "ownership",
            "owner_state": "listed",
            "share": SIXTY,
            "adds": {"min": 60, "max": 60, "kind": "range", "words": "60%"},
            "claims": [HIKROBOT_OWNED],
            "used": [HIKROBOT_OWNED["fact_id"]],
            "path": [HIKROBOT_OWNED],
        }
    ],
    "through": HIKVISION,
    "path": [HIKROBOT_OWNED],
    "shares": ["60%"],
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
