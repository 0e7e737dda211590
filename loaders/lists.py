"""Which designation list a Consolidated Screening List `source` string names.

The CSL labels every row with its list in words ("Entity List (EL) - Bureau of Industry and
Security"). Here those words become our List ids and the government body that administers
the list. Ids already used by the curated data (`list:us-bis-entity-list`,
`list:us-ofac-ns-cmic`, `gov:us-bis`, `gov:us-ofac`) are reused, so CSL rows and curated facts
meet on the same nodes. A source we do not know still loads, under a slug of its name, and the
load report names it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.model import slug

__all__ = ["AUTHORITIES", "KNOWN_LISTS", "ListInfo", "list_for_source"]


@dataclass(frozen=True, slots=True)
class ListInfo:
    id: str
    name: str
    short_name: str
    authority_id: str | None
    authority_name: str | None
    known: bool = True

    @property
    def slug(self) -> str:
        return self.id.removeprefix("list:")


# gov id -> official name (used only when the curated data does not already hold the body).
AUTHORITIES: dict[str, str] = {
    "gov:us-bis": "Bureau of Industry and Security",
    "gov:us-ofac": "Office of Foreign Assets Control",
    "gov:us-dod": "U.S. Department of Defense",
    "gov:us-state": "U.S. Department of State",
    "gov:us-state-ddtc": "Directorate of Defense Trade Controls, U.S. Department of State",
}

# (pattern over the casefolded source string, list). First match wins; the patterns key on the
# parenthesised abbreviation that trade.gov has used since the CSL began, with the long name
# as a fallback for the older 2019-era spellings.
_RULES: tuple[tuple[re.Pattern[str], ListInfo], ...] = tuple(
    (re.compile(pattern), info)
    for pattern, info in (
        (
            r"\(el\)|^entity list",
            ListInfo(
                "list:us-bis-entity-list", "Entity List", "Entity List",
                "gov:us-bis", AUTHORITIES["gov:us-bis"],
            ),
        ),
        (
            r"\(meu\)|military end.?user",
            ListInfo(
                "list:us-bis-meu", "Military End User (MEU) List", "MEU List",
                "gov:us-bis", AUTHORITIES["gov:us-bis"],
            ),
        ),
        (
            r"\(dpl\)|denied persons",
            ListInfo(
                "list:us-bis-dpl", "Denied Persons List", "DPL",
                "gov:us-bis", AUTHORITIES["gov:us-bis"],
            ),
        ),
        (
            r"\(uvl\)|unverified list",
            ListInfo(
                "list:us-bis-uvl", "Unverified List", "UVL",
                "gov:us-bis", AUTHORITIES["gov:us-bis"],
            ),
        ),
        (
            r"\(cmic\)|military.industrial complex",
            ListInfo(
                "list:us-ofac-ns-cmic",
                "Non-SDN Chinese Military-Industrial Complex Companies List", "NS-CMIC List",
                "gov:us-ofac", AUTHORITIES["gov:us-ofac"],
            ),
        ),
        (
            r"\(sdn\)|specially designated nationals",
            ListInfo(
                "list:us-ofac-sdn", "Specially Designated Nationals and Blocked Persons List",
                "SDN List", "gov:us-ofac", AUTHORITIES["gov:us-ofac"],
            ),
        ),
        (
            r"\(ssi\)|sectoral sanctions",
            ListInfo(
                "list:us-ofac-ssi", "Sectoral Sanctions Identifications List", "SSI List",
                "gov:us-ofac", AUTHORITIES["gov:us-ofac"],
            ),
        ),
        (
            r"\(fse\)|foreign sanctions evaders",
            ListInfo(
                "list:us-ofac-fse", "Foreign Sanctions Evaders List", "FSE List",
                "gov:us-ofac", AUTHORITIES["gov:us-ofac"],
            ),
        ),
        (
            r"\(plc\)|palestinian legislative council",
            ListInfo(
                "list:us-ofac-plc", "Non-SDN Palestinian Legislative Council List", "NS-PLC",
                "gov:us-ofac", AUTHORITIES["gov:us-ofac"],
            ),
        ),
        (
            r"\(cap\)|correspondent account",
            ListInfo(
                "list:us-ofac-cap",
                "List of Foreign Financial Institutions Subject to Correspondent Account or "
                "Payable-Through Account Sanctions", "CAPTA List",
                "gov:us-ofac", AUTHORITIES["gov:us-ofac"],
            ),
        ),
        (
            r"\(mbs\)|menu-based",
            ListInfo(
                "list:us-ofac-mbs", "Non-SDN Menu-Based Sanctions List", "NS-MBS List",
                "gov:us-ofac", AUTHORITIES["gov:us-ofac"],
            ),
        ),
        (
            r"\(isn\)|nonproliferation sanctions",
            ListInfo(
                "list:us-state-isn", "Nonproliferation Sanctions", "ISN Nonproliferation",
                "gov:us-state", AUTHORITIES["gov:us-state"],
            ),
        ),
        (
            r"1260h|chinese military compan",
            ListInfo(
                "list:us-dod-1260h",
                "Entities Identified as Chinese Military Companies Operating in the United "
                "States (Section 1260H list)", "DoD 1260H list",
                "gov:us-dod", AUTHORITIES["gov:us-dod"],
            ),
        ),
        (
            r"\(dtc\)|itar debarred",
            ListInfo(
                "list:us-state-itar-debarred", "ITAR Debarred Parties", "ITAR Debarred",
                "gov:us-state-ddtc", AUTHORITIES["gov:us-state-ddtc"],
            ),
        ),
    )
)  # fmt: skip

KNOWN_LISTS: tuple[ListInfo, ...] = tuple(info for _, info in _RULES)


def list_for_source(source: str) -> ListInfo:
    """The list a CSL `source` string names; unknown sources get `known=False` and a slug id."""
    text = " ".join(source.split()).casefold()
    for pattern, info in _RULES:
        if pattern.search(text):
            return info
    name = " ".join(source.split())
    return ListInfo(f"list:csl-{slug(name)}", name, name, None, None, known=False)
