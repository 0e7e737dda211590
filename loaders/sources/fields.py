"""Cell readers every list parser shares: dates in the forms lists write them, countries.

Why shared: a date or a country read differently by two parsers would make one entry two.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache
from typing import Any

import pycountry

__all__ = ["country_code", "parse_date"]

_DATE_FORMATS = (
    "%Y-%m-%d",
    "%m/%d/%Y",
    "%Y/%m/%d",
    "%d %b %Y",
    "%d %B %Y",
    "%B %d, %Y",
    "%b %d, %Y",
)
_COUNTRY_OVERRIDES: dict[str, str] = {
    "russia": "RU", "u.a.e": "AE", "uae": "AE", "turkey": "TR", "burma": "MM", "uk": "GB",
    "u.k": "GB", "usa": "US", "u.s.a": "US", "u.s": "US", "united states of america": "US",
    "iran": "IR", "syria": "SY", "north korea": "KP", "south korea": "KR", "korea, north": "KP",
    "korea, south": "KR", "laos": "LA", "vietnam": "VN", "taiwan": "TW", "hong kong": "HK",
    "macau": "MO", "macao": "MO", "moldova": "MD", "bolivia": "BO", "venezuela": "VE",
    "tanzania": "TZ", "czech republic": "CZ", "the netherlands": "NL", "holland": "NL",
    "congo, democratic republic of the": "CD", "democratic republic of the congo": "CD",
    "west bank": "PS", "gaza": "PS", "palestinian territories": "PS", "kosovo": "XK",
    "crimea": "UA", "region: crimea": "UA", "ivory coast": "CI", "cote d'ivoire": "CI",
    "brunei": "BN", "cape verde": "CV", "swaziland": "SZ", "macedonia": "MK",
}  # fmt: skip


def parse_date(value: Any) -> str | None:
    """ISO date string, None for empty; ValueError with the value for anything else."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()
    if not text:
        return None
    # The API sometimes sends a timestamp ("2019-10-09T00:00:00Z").
    if re.match(r"^\d{4}-\d{2}-\d{2}T", text):
        text = text[:10]
    if len(text) == 10 and text[4] == "-" and text[7] == "-":
        try:  # the usual ISO day, without strptime's cost (a third of parsing a large file)
            return date.fromisoformat(text).isoformat()
        except ValueError:
            pass
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    raise ValueError(f"{text!r} is not a date")


@lru_cache(maxsize=4096)
def country_code(text: str) -> str | None:
    """ISO 3166 alpha-2 for a country name or code at the end of an address, else None."""
    cleaned = re.sub(r"\(.*?\)", " ", text)
    cleaned = " ".join(cleaned.split()).strip(" .,;:").casefold()
    if not cleaned:
        return None
    if cleaned in _COUNTRY_OVERRIDES:
        return _COUNTRY_OVERRIDES[cleaned]
    if len(cleaned) == 2 and cleaned.isalpha():
        found = pycountry.countries.get(alpha_2=cleaned.upper())
        return str(found.alpha_2) if found is not None else None
    if len(cleaned) < 4:
        return None
    try:
        return str(pycountry.countries.lookup(cleaned).alpha_2)
    except LookupError:
        return None
