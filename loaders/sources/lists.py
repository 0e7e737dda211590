"""The designation lists list sources publish, and which list a publisher's label names.

The CSL labels every row with its list in words ("Entity List (EL) - Bureau of Industry and
Security"); OFAC's own files name a programme; the 1260H list is one list. Each parser maps
what its source says to one `ListInfo` here: our List id, the government body that administers
the list, and the list's `label`, the CSL's words for it, which every source publishing the
same list keys its entries with (an OFAC `ent_num` entry and the CSL's row of it are one entry,
so a CSL load continues what an OFAC load began). Ids already used by the curated data
(`list:us-bis-entity-list`, `list:us-ofac-ns-cmic`, `gov:us-bis`, `gov:us-ofac`) are reused,
so list rows and curated facts meet on the same nodes. A CSL label we do not know still
loads, under a slug of its name, and the load report names it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.model import slug

__all__ = ["AUTHORITIES", "KNOWN_LISTS", "ListInfo", "list_by_id", "list_for_label"]


@dataclass(frozen=True, slots=True)
class ListInfo:
    id: str
    name: str
    short_name: str
    authority_id: str | None
    authority_name: str | None
    # The CSL's words for the list (for a list the CSL does not carry, its own source's): the
    # basis of its entries' keys, whichever source publishes them.
    label: str = ""
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


def _list(list_id: str, name: str, short_name: str, authority_id: str, label: str) -> ListInfo:
    return ListInfo(list_id, name, short_name, authority_id, AUTHORITIES[authority_id], label)


BIS, OFAC, STATE = "Bureau of Industry and Security", "Treasury Department", "State Department"
# (pattern over the casefolded CSL label, list). First match wins; the patterns key on the
# parenthesised abbreviation that trade.gov has used since the CSL began, with the long name
# as a fallback for the older 2019-era spellings.
_RULES: tuple[tuple[str, ListInfo], ...] = (
    (
        r"\(el\)|^entity list",
        _list(
            "list:us-bis-entity-list",
            "Entity List",
            "Entity List",
            "gov:us-bis",
            f"Entity List (EL) - {BIS}",
        ),
    ),
    (
        r"\(meu\)|military end.?user",
        _list(
            "list:us-bis-meu",
            "Military End User (MEU) List",
            "MEU List",
            "gov:us-bis",
            f"Military End User (MEU) List - {BIS}",
        ),
    ),
    (
        r"\(dpl\)|denied persons",
        _list(
            "list:us-bis-dpl",
            "Denied Persons List",
            "DPL",
            "gov:us-bis",
            f"Denied Persons List (DPL) - {BIS}",
        ),
    ),
    (
        r"\(uvl\)|unverified list",
        _list(
            "list:us-bis-uvl",
            "Unverified List",
            "UVL",
            "gov:us-bis",
            f"Unverified List (UVL) - {BIS}",
        ),
    ),
    (
        r"\(cmic\)|military.industrial complex",
        _list(
            "list:us-ofac-ns-cmic",
            "Non-SDN Chinese Military-Industrial Complex Companies List",
            "NS-CMIC List",
            "gov:us-ofac",
            f"Non-SDN Chinese Military-Industrial Complex Companies List (CMIC) - {OFAC}",
        ),
    ),
    (
        r"\(sdn\)|specially designated nationals",
        _list(
            "list:us-ofac-sdn",
            "Specially Designated Nationals and Blocked Persons List",
            "SDN List",
            "gov:us-ofac",
            f"Specially Designated Nationals (SDN) - {OFAC}",
        ),
    ),
    (
        r"\(ssi\)|sectoral sanctions",
        _list(
            "list:us-ofac-ssi",
            "Sectoral Sanctions Identifications List",
            "SSI List",
            "gov:us-ofac",
            f"Sectoral Sanctions Identifications List (SSI) - {OFAC}",
        ),
    ),
    (
        r"\(fse\)|foreign sanctions evaders",
        _list(
            "list:us-ofac-fse",
            "Foreign Sanctions Evaders List",
            "FSE List",
            "gov:us-ofac",
            f"Foreign Sanctions Evaders (FSE) - {OFAC}",
        ),
    ),
    (
        r"\(plc\)|palestinian legislative council",
        _list(
            "list:us-ofac-plc",
            "Non-SDN Palestinian Legislative Council List",
            "NS-PLC",
            "gov:us-ofac",
            f"Non-SDN Palestinian Legislative Council List (NS-PLC) - {OFAC}",
        ),
    ),
    (
        r"\(cap\)|correspondent account",
        _list(
            "list:us-ofac-cap",
            "List of Foreign Financial Institutions Subject to Correspondent Account or "
            "Payable-Through Account Sanctions",
            "CAPTA List",
            "gov:us-ofac",
            f"Capta List (CAP) - {OFAC}",
        ),
    ),
    (
        r"\(mbs\)|menu-based",
        _list(
            "list:us-ofac-mbs",
            "Non-SDN Menu-Based Sanctions List",
            "NS-MBS List",
            "gov:us-ofac",
            f"Non-SDN Menu-Based Sanctions List (NS-MBS List) - {OFAC}",
        ),
    ),
    (
        r"\(isn\)|nonproliferation sanctions",
        _list(
            "list:us-state-isn",
            "Nonproliferation Sanctions",
            "ISN Nonproliferation",
            "gov:us-state",
            f"Nonproliferation Sanctions (ISN) - {STATE}",
        ),
    ),
    (
        r"1260h|chinese military compan",
        _list(
            "list:us-dod-1260h",
            "Entities Identified as Chinese Military Companies Operating in the United "
            "States (Section 1260H list)",
            "DoD 1260H list",
            "gov:us-dod",
            "Chinese Military Companies (Section 1260H) - Department of Defense",
        ),
    ),
    (
        r"\(dtc\)|itar debarred",
        _list(
            "list:us-state-itar-debarred",
            "ITAR Debarred Parties",
            "ITAR Debarred",
            "gov:us-state-ddtc",
            f"ITAR Debarred (DTC) - {STATE}",
        ),
    ),
)
_PATTERNS = tuple((re.compile(pattern), info) for pattern, info in _RULES)
KNOWN_LISTS: tuple[ListInfo, ...] = tuple(info for _, info in _RULES)
_BY_ID = {info.id: info for info in KNOWN_LISTS}


def list_for_label(label: str) -> ListInfo:
    """The list a CSL label names; an unknown label gets `known=False` and a slug id."""
    text = " ".join(label.split()).casefold()
    for pattern, info in _PATTERNS:
        if pattern.search(text):
            return info
    name = " ".join(label.split())
    return ListInfo(f"list:csl-{slug(name)}", name, name, None, None, name, known=False)


def list_by_id(list_id: str, name: str | None = None) -> ListInfo:
    """A list by our id (a known one, or one a load of an unknown label made, by its name)."""
    found = _BY_ID.get(list_id)
    if found is not None:
        return found
    text = name or list_id
    return ListInfo(list_id, text, text, None, None, text, known=False)
