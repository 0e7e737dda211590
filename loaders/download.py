"""The one download of an official list file: conditional, streamed, checked, atomic.

A download asks conditionally (ETag / Last-Modified from the last one, when the URL is the
same), so an unchanged list is not fetched again; a new edition is streamed to a temporary
file with a progress bar, checked against Content-Length and read by the source's parser
before it replaces the old file (temp file + rename), and its sha256, retrieval time and
validators are kept beside it (`<download name>.json`). A failed or truncated download leaves
the old file and the graph as they were. What to fetch is the catalogue's
(`loaders.sources`); loading is the CLI's step, and only when the file changed. A register's
API (GLEIF) is asked by `loaders.api_download`, which writes its one file with `atomic_write`
and keeps its meta here too.
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
from loaders.plumbing.progress import Meter
from loaders.sources import Download, ListRecord, ListSource

__all__ = ["Fetched", "atomic_write", "fetch", "read_meta", "write_meta"]


@dataclass
class Fetched:
    """What one download did: changed (a new file to load), unchanged, or failed (why)."""

    source: ListSource
    download: Download
    status: str  # changed | unchanged | failed
    path: Path
    url: str
    sha256: str | None = None
    retrieved: str | None = None
    error: str | None = None


def _meta_path(settings: Settings, download: Download) -> Path:
    return settings.downloads_dir / f"{download.name}.json"


def read_meta(settings: Settings, download: Download) -> dict[str, Any]:
    """The last download's sha256, validators, retrieval time and the sha256 last loaded."""
    try:
        loaded = json.loads(_meta_path(settings, download).read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return {}
    return loaded if isinstance(loaded, dict) else {}


def write_meta(settings: Settings, download: Download, meta: dict[str, Any]) -> None:
    atomic_write(_meta_path(settings, download), json.dumps(meta, indent=2).encode("utf-8"))


def atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    os.replace(tmp, path)


def _conditional_headers(meta: dict[str, Any], target: Path, url: str) -> dict[str, str]:
    """Validators of the last download of this URL (another URL is another file)."""
    if not target.exists() or meta.get("url") not in (None, url):
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


def _check_parses(source: ListSource, download: Download, path: Path) -> None:
    """A file its parser cannot read is a failed download, found before anything is loaded."""
    if not download.loads:
        return
    try:
        rows = sum(1 for item in source.records(path) if isinstance(item, ListRecord))
    except (ValueError, UnicodeDecodeError) as exc:
        raise ValueError(f"not a readable {source.name} file ({exc})") from exc
    if rows == 0:
        raise ValueError("no list entries in the file")


def fetch(
    source: ListSource,
    download: Download,
    settings: Settings,
    client: httpx.Client,
    url: str | None = None,
) -> Fetched:
    """Download one file conditionally and atomically (from `url`, default: the official
    one); never raises for a network fault."""
    url = url or download.url(settings)
    target = settings.downloads_dir / download.file_name
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{download.file_name}.", suffix=".part")
    os.close(fd)
    tmp = Path(name)
    job = Fetched(source, download, "failed", target, url)  # until it succeeds
    try:
        return _fetch(job, settings, client, tmp)
    except httpx.HTTPStatusError as exc:
        answer = exc.response
        job.error = f"HTTP {answer.status_code} {answer.reason_phrase} from {answer.url}"
    except (httpx.HTTPError, ValueError, OSError) as exc:
        error = " ".join(str(exc).split()) or type(exc).__name__  # one line
        job.error = f"{type(exc).__name__}: {error}"
    finally:
        tmp.unlink(missing_ok=True)
    return job


def _fetch(job: Fetched, settings: Settings, client: httpx.Client, tmp: Path) -> Fetched:
    meta = read_meta(settings, job.download)
    target, url = job.path, job.url
    now = datetime.now(UTC).replace(microsecond=0).isoformat()
    headers = _conditional_headers(meta, target, url)
    with client.stream("GET", url, headers=headers) as response:
        if response.status_code == 304:
            return _unchanged(job, meta)
        response.raise_for_status()
        sha = _stream_to(response, tmp, f"download {job.download.name}")
        validators = {
            "etag": response.headers.get("etag"),
            "last_modified": response.headers.get("last-modified"),
        }
    if sha == meta.get("sha256") and target.exists():
        return _unchanged(job, meta)
    _check_parses(job.source, job.download, tmp)
    os.replace(tmp, target)
    meta.update({"url": url, "sha256": sha, "retrieved": now, **validators})
    write_meta(settings, job.download, meta)
    job.status, job.sha256, job.retrieved = "changed", sha, now
    return job


def _unchanged(job: Fetched, meta: dict[str, Any]) -> Fetched:
    """Same edition as before; still 'changed' if that edition never finished loading."""
    sha = meta.get("sha256")
    job.status = "unchanged" if sha and sha == meta.get("loaded_sha256") else "changed"
    job.sha256, job.retrieved = sha, meta.get("retrieved")
    return job
