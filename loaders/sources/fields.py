"""Cell readers every list parser shares: dates in the forms lists write them, and countries
(`country_code`, the resolution package's one reading of a country, which the evidence uses
too).

Why shared: a date or a country read differently by two parsers would make one entry two.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from loaders.resolution import country_code

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
