"""Who may write: an API key from `SURVGRAPH_API_KEYS`, sent as `Authorization: Bearer KEY`.

Reads of the graph stay open. Screening jobs and watchlists are writes, and each is visible
only with the key that created it: the owner stored beside them is a hash of the key (never
the key itself), so a dump of the database does not hand out keys.
"""

from __future__ import annotations

import hashlib
import hmac
from typing import Annotated

from fastapi import Depends
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from api.deps import SettingsDep
from graph.errors import Unauthorized
from graph.settings import Settings

HOW_TO = (
    "set SURVGRAPH_API_KEYS (comma-separated keys) in the server's environment or .env, "
    "restart it, and send one as `Authorization: Bearer KEY`"
)

_bearer = HTTPBearer(
    auto_error=False,
    scheme_name="apiKey",
    description="One of the keys in SURVGRAPH_API_KEYS; writes need one, reads do not.",
)


def owner_of(key: str) -> str:
    """What is stored as a job's or watchlist's owner: the key's SHA-256, hex."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def check_key(settings: Settings, key: str | None) -> str:
    """The owner for `key`, or Unauthorized saying what is wrong."""
    keys = settings.write_keys
    if not keys:
        raise Unauthorized(f"writes are disabled: no API key is configured; {HOW_TO}")
    if not key:
        raise Unauthorized(f"this is a write: it needs an API key; {HOW_TO}")
    if not any(hmac.compare_digest(key.encode(), k.encode()) for k in keys):
        raise Unauthorized("the API key is not one of SURVGRAPH_API_KEYS")
    return owner_of(key)


async def writer(
    settings: SettingsDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> str:
    """The owner hash of the request's key (a dependency of every write and owned read)."""
    return check_key(settings, credentials.credentials if credentials else None)


Owner = Annotated[str, Depends(writer)]
