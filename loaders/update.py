"""The official sources `survgraph update` fetches, and conditional, atomic downloads of them.

One table (`SOURCES`) names each source, its official URL (a settings field, so every URL can
be overridden) and the loader that reads it. A download asks conditionally (ETag /
Last-Modified from the last one), so an unchanged list is not fetched again; a new edition is
streamed to a temporary file, checked against Content-Length and parsed before it replaces the
old file (temp file + rename), and its sha256, retrieval time and validators are kept beside
it (`<name>.json`). A failed or truncated download leaves the old file and the graph as they
were. Loading is the CLI's step (cli/update_cmd.py), and only when the file changed.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

from graph.settings import Settings
from loaders.csl import CslFormatError, CslRecord, iter_csl
from loaders.progress import Meter

__all__ = ["SOURCES", "Fetched", "OfficialSource", "fetch", "source_named"]

ITA = "International Trade Administration, US Department of Commerce"
OFAC = "Office of Foreign Assets Control, US Department of the Treasury"
DOD = "US Department of Defense"


@dataclass(frozen=True)
class OfficialSource:
    """One row of the sources table."""

    name: str
    title: str
    publisher: str
    url_setting: str  # the Settings field holding the URL
    file_name: str
    loader: str | None  # "csl", or None: listed, but no loader reads it yet
    default: bool = True  # updated by a bare `survgraph update`
    note: str = ""

    def url(self, settings: Settings) -> str:
        return str(getattr(settings, self.url_setting))


SOURCES: tuple[OfficialSource, ...] = (
    OfficialSource(
        "csl", "Consolidated Screening List (JSON)", ITA, "csl_json_url", "consolidated.json",
        "csl", note="all 13 US export, sanctions and debarment lists, with publisher dates",
    ),
    OfficialSource(
        "csl-csv", "Consolidated Screening List (CSV)", ITA, "csl_csv_url", "consolidated.csv",
        "csl", default=False, note="the same lists as the JSON; no publisher dates",
    ),
    OfficialSource(
        "dod-1260h", "DoD Section 1260H Chinese military companies list (PDF)", DOD,
        "dod_1260h_url", "1260h.pdf", None,
        note="a PDF: no loader; load a tranche CSV or JSON with `survgraph load 1260h FILE`",
    ),
    OfficialSource(
        "ofac-sdn", "OFAC SDN list (legacy CSV)", OFAC, "ofac_sdn_url", "sdn.csv", None,
        default=False, note="bundled snapshot (survgraph load ofac); current SDN via the CSL",
    ),
    OfficialSource(
        "ofac-cons", "OFAC Consolidated non-SDN list (legacy CSV)", OFAC, "ofac_cons_url",
        "cons_prim.csv", None, default=False,
        note="bundled snapshot (survgraph load ofac); current NS-CMIC via the CSL",
    ),
)  # fmt: skip


def source_named(name: str) -> OfficialSource:
    for source in SOURCES:
        if source.name == name:
            return source
    raise KeyError(f"no source {name!r}; known: {', '.join(s.name for s in SOURCES)}")


@dataclass
class Fetched:
    """What one download did: changed (a new file to load), unchanged, or failed (why)."""

    source: OfficialSource
    status: str  # changed | unchanged | failed
    path: Path
    sha256: str | None = None
    retrieved: str | None = None
    error: str | None = None


def _meta_path(settings: Settings, source: OfficialSource) -> Path:
    return settings.downloads_dir / f"{source.name}.json"


def read_meta(settings: Settings, source: OfficialSource) -> dict[str, Any]:
    """The last download's sha256, validators, retrieval time and the sha256 last loaded."""
    try:
        loaded = json.loads(_meta_path(settings, source).read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return {}
    return loaded if isinstance(loaded, dict) else {}


def write_meta(settings: Settings, source: OfficialSource, meta: dict[str, Any]) -> None:
    _atomic_write(_meta_path(settings, source), json.dumps(meta, indent=2).encode("utf-8"))


def _atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    os.replace(tmp, path)


def _conditional_headers(meta: dict[str, Any], target: Path) -> dict[str, str]:
    if not target.exists():
        return {}
    headers = {}
    if meta.get("etag"):
        headers["If-None-Match"] = str(meta["etag"])
    if meta.get("last_modified"):
        headers["If-Modified-Since"] = str(meta["last_modified"])
    return headers


def _stream_to(response: httpx.Response, tmp: Path, label: str) -> str:
    """Write the body to tmp, with a progress bar; its sha256. ValueError when truncated."""
    expected = response.headers.get("content-length")
    total = int(expected) if expected and expected.isdigit() else None
    digest, written = hashlib.sha256(), 0
    with tmp.open("wb") as fh, Meter(total, label, data=True) as meter:
        for chunk in response.iter_raw():
            fh.write(chunk)
            digest.update(chunk)
            written += len(chunk)
            meter(len(chunk))
    if total is not None and written != total:
        raise ValueError(f"truncated: {written:,} of {total:,} bytes")
    return digest.hexdigest()


def _check_parses(source: OfficialSource, path: Path) -> None:
    """A file its loader cannot read is a failed download, found before anything is loaded."""
    if source.loader != "csl":
        return
    try:
        rows = sum(1 for item in iter_csl(path) if isinstance(item, CslRecord))
    except (CslFormatError, UnicodeDecodeError) as exc:
        raise ValueError(f"not a readable CSL file ({exc})") from exc
    if rows == 0:
        raise ValueError("no list entries in the file")


def fetch(source: OfficialSource, settings: Settings, client: httpx.Client) -> Fetched:
    """Download one source conditionally and atomically; never raises for a network fault."""
    target = settings.downloads_dir / source.file_name
    meta = read_meta(settings, source)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{source.file_name}.", suffix=".part")
    os.close(fd)
    tmp = Path(name)
    try:
        return _fetch(source, settings, client, meta, target, tmp)
    except httpx.HTTPStatusError as exc:
        answer = exc.response
        error = f"HTTP {answer.status_code} {answer.reason_phrase} from {answer.url}"
        return Fetched(source, "failed", target, error=error)
    except (httpx.HTTPError, ValueError, OSError) as exc:
        error = " ".join(str(exc).split()) or type(exc).__name__  # one line
        return Fetched(source, "failed", target, error=f"{type(exc).__name__}: {error}")
    finally:
        tmp.unlink(missing_ok=True)


def _fetch(
    source: OfficialSource, settings: Settings, client: httpx.Client, meta: dict[str, Any],
    target: Path, tmp: Path,
) -> Fetched:  # fmt: skip
    url = source.url(settings)
    now = datetime.now(UTC).replace(microsecond=0).isoformat()
    with client.stream("GET", url, headers=_conditional_headers(meta, target)) as response:
        if response.status_code == 304:
            return _unchanged(source, target, meta)
        response.raise_for_status()
        sha = _stream_to(response, tmp, f"download {source.name}")
        validators = {
            "etag": response.headers.get("etag"),
            "last_modified": response.headers.get("last-modified"),
        }
    if sha == meta.get("sha256") and target.exists():
        return _unchanged(source, target, meta)
    _check_parses(source, tmp)
    os.replace(tmp, target)
    meta.update({"url": url, "sha256": sha, "retrieved": now, **validators})
    write_meta(settings, source, meta)
    return Fetched(source, "changed", target, sha, now)


def _unchanged(source: OfficialSource, target: Path, meta: dict[str, Any]) -> Fetched:
    """Same edition as before; still 'changed' if that edition never finished loading."""
    sha = meta.get("sha256")
    status = "unchanged" if sha and sha == meta.get("loaded_sha256") else "changed"
    return Fetched(source, status, target, sha, meta.get("retrieved"))
