"""Schemathesis hooks for the live contract test (loaded through SCHEMATHESIS_HOOKS): a
screening upload in JSON lines goes on the wire one object per line (the OpenAPI describes
the body as the array of those objects)."""

from __future__ import annotations

import json
from typing import Any

import schemathesis


@schemathesis.serializer("application/x-ndjson")
def ndjson(ctx: Any, value: Any) -> bytes:
    items = value if isinstance(value, list) else [value]
    return "".join(json.dumps(x) + "\n" for x in items).encode("utf-8")
