"""The download of a register's records from its JSON:API (GLEIF's): conditional, paced,
paged, all or nothing.

`survgraph update --source gleif` asks the API for the graph's LEIs (and for names the user
passes): their LEI records, their direct and ultimate parents' relationship records, the
reporting exceptions that say why a parent is not reported, and the parents' own records and
parents, up to three levels above (`harvest_gleif`). Each
answer is asked conditionally (the ETag / Last-Modified of its last answer, kept with its body
in `downloads/gleif-cache/`), so an unchanged record is not sent again. A 429 is waited out as
its Retry-After says (never sooner; longer than `gleif_max_wait_s` or more than
`gleif_max_retries` times is a failure); a page's `links.next` is followed to the end.

Every answer is gathered before anything is written: the resources become one JSON:API
document (`gleif-records.json`), written atomically with its sha256 beside it
(`loaders.download`'s meta), which the register load reads like any file. A failed,
rate-limited or unreadable request leaves the file, and so the graph, as they were.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

import httpx

from graph.settings import Settings
from loaders.download import atomic_write, read_meta, write_meta
from loaders.sources import Download, RegisterSource

__all__ = ["ApiError", "Harvest", "JsonApi", "harvest_gleif"]

_SCOPES = ("direct", "ultimate")
_LEI_BATCH = 50  # LEIs per `filter[lei]` request: a URL of about 1,100 characters
NO_RETRY_AFTER_S = 10.0  # the first wait after a 429 that does not say how long (ours)


class ApiError(Exception):
    """A request the API refused or failed (after the waits it asked for): the update fails."""


@dataclass
class JsonApi:
    """GET JSON:API documents: conditional, paced, a 429 waited out as its Retry-After says."""

    client: httpx.Client
    base: str
    cache_dir: Path
    min_interval_s: float = 1.0
    max_retries: int = 3
    max_wait_s: float = 120.0
    sleep: Callable[[float], None] = time.sleep
    requests: int = 0
    not_modified: int = 0
    waited_s: float = 0.0
    _last: float = field(default=0.0, repr=False)

    def url(self, path: str) -> str:
        return path if path.startswith(("http://", "https://")) else f"{self.base}{path}"

    def get(self, path: str, params: dict[str, str] | None = None) -> dict[str, Any] | None:
        """The document at `path` (None for a 404: the API's "no such record")."""
        # httpx drops a URL's own query when given `params=None`: a `links.next` keeps its.
        url = str(httpx.URL(self.url(path), params=params)) if params else self.url(path)
        cached = self._cached(url)
        for attempt in range(self.max_retries + 1):
            response = self._send(url, cached)
            if response.status_code != 429:
                return self._answer(url, response, cached)
            self._wait(response, attempt)
        raise ApiError(f"HTTP 429 from {url}: still rate-limited after {self.max_retries} waits")

    def pages(self, path: str, params: dict[str, str]) -> Iterator[dict[str, Any]]:
        """Every page of a collection, following `links.next` to the end."""
        document = self.get(path, params)
        while document is not None:
            yield document
            following = (document.get("links") or {}).get("next")
            document = self.get(str(following)) if following else None

    def _send(self, url: str, cached: dict[str, Any] | None) -> httpx.Response:
        pause = self.min_interval_s - (time.monotonic() - self._last)
        if pause > 0:
            self.sleep(pause)
        headers = {"Accept": "application/vnd.api+json"}
        if cached and cached.get("etag"):
            headers["If-None-Match"] = str(cached["etag"])
        if cached and cached.get("last_modified"):
            headers["If-Modified-Since"] = str(cached["last_modified"])
        try:
            response = self.client.get(url, headers=headers)
        except httpx.HTTPError as exc:
            raise ApiError(f"{type(exc).__name__} for {url}: {exc}") from exc
        finally:
            self._last = time.monotonic()
            self.requests += 1
        return response

    def _wait(self, response: httpx.Response, attempt: int) -> None:
        """Wait as long as the 429 asks (a 429 that asks nothing: `NO_RETRY_AFTER_S`, doubled
        each time); a wait too long, or one too many, fails the update."""
        stated = response.headers.get("retry-after")
        wait = _retry_after(stated) if stated else NO_RETRY_AFTER_S * 2**attempt
        if attempt >= self.max_retries or wait > self.max_wait_s:
            asked = f"Retry-After {stated}" if stated else "no Retry-After"
            raise ApiError(f"HTTP 429 from {response.url} ({asked}): rate-limited; try later")
        self.sleep(wait)
        self.waited_s += wait

    def _answer(
        self, url: str, response: httpx.Response, cached: dict[str, Any] | None
    ) -> dict[str, Any] | None:
        if response.status_code == 304 and cached is not None:
            self.not_modified += 1
            return dict(cached["body"])
        if response.status_code == 404:
            return None
        if response.status_code != 200:
            raise ApiError(f"HTTP {response.status_code} {response.reason_phrase} from {url}")
        try:
            body = response.json()
        except ValueError as exc:
            raise ApiError(f"not JSON from {url}: {exc}") from exc
        if not isinstance(body, dict):
            raise ApiError(f"not a JSON:API document from {url}")
        self._keep(url, response, body)
        return body

    def _cache_path(self, url: str) -> Path:
        return self.cache_dir / f"{hashlib.sha1(url.encode()).hexdigest()[:24]}.json"

    def _cached(self, url: str) -> dict[str, Any] | None:
        try:
            kept = json.loads(self._cache_path(url).read_text(encoding="utf-8"))
        except (FileNotFoundError, json.JSONDecodeError):
            return None
        return kept if isinstance(kept, dict) and kept.get("url") == url else None

    def _keep(self, url: str, response: httpx.Response, body: dict[str, Any]) -> None:
        etag, modified = response.headers.get("etag"), response.headers.get("last-modified")
        if not etag and not modified:
            return
        kept = {"url": url, "etag": etag, "last_modified": modified, "body": body}
        atomic_write(self._cache_path(url), json.dumps(kept).encode("utf-8"))


def _retry_after(value: str | None) -> float:
    """Retry-After in seconds: a number, or an HTTP date (RFC 9110); 0 when absent."""
    if not value:
        return 0.0
    text = value.strip()
    if text.replace(".", "", 1).isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return 0.0
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


@dataclass
class Harvest:
    """What one update gathered: the resources by (type, id), and what was asked."""

    resources: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    leis: list[str] = field(default_factory=list)
    names: dict[str, int] = field(default_factory=dict)  # a name -> LEIs it found

    def add(self, items: Iterable[Any]) -> list[dict[str, Any]]:
        added = []
        for item in items:
            if isinstance(item, dict) and item.get("type") and item.get("id"):
                self.resources[(str(item["type"]), str(item["id"]))] = item
                added.append(item)
        return added

    def document(self, api: JsonApi) -> dict[str, Any]:
        retrieved = datetime.now(UTC).replace(microsecond=0).isoformat()
        meta = {"api": api.base, "retrieved": retrieved, "leis": self.leis, "names": self.names}
        ordered = sorted(self.resources.values(), key=lambda r: (r["type"], r["id"]))
        return {"meta": {"survgraph": meta}, "data": ordered}


def _data(document: dict[str, Any] | None) -> list[Any]:
    if document is None:
        return []
    data = document.get("data")
    return data if isinstance(data, list) else [data] if data else []


def _records(api: JsonApi, harvest: Harvest, leis: Iterable[str], size: int) -> None:
    """The LEI records of `leis`, in batches, every page."""
    wanted = sorted(set(leis))
    for start in range(0, len(wanted), _LEI_BATCH):
        batch = ",".join(wanted[start : start + _LEI_BATCH])
        params = {"filter[lei]": batch, "page[size]": str(size), "page[number]": "1"}
        for page in api.pages("/lei-records", params):
            harvest.add(_data(page))


def _by_name(api: JsonApi, harvest: Harvest, name: str, size: int) -> list[str]:
    """The LEIs whose legal name is `name` (GLEIF's filter), every page."""
    params = {"filter[entity.legalName]": name, "page[size]": str(size), "page[number]": "1"}
    found = []
    for page in api.pages("/lei-records", params):
        found += [str(r["id"]) for r in harvest.add(_data(page)) if r["type"] == "lei-records"]
    harvest.names[name] = len(found)
    return found


def _parents(api: JsonApi, harvest: Harvest, lei: str) -> set[str]:
    """A LEI's direct and ultimate relationship records, or the exceptions that stand for
    them; the parents' LEIs."""
    parents = set()
    for scope in _SCOPES:
        found = harvest.add(_data(api.get(f"/lei-records/{lei}/{scope}-parent-relationship")))
        for item in found:
            node = ((item.get("attributes") or {}).get("relationship") or {}).get("endNode")
            if isinstance(node, dict) and node.get("id"):
                parents.add(str(node["id"]))
        harvest.add(_data(api.get(f"/lei-records/{lei}/{scope}-parent-reporting-exception")))
    return parents


def harvest_gleif(
    api: JsonApi, leis: Iterable[str], names: Iterable[str], size: int, levels: int = 3
) -> Harvest:
    """Everything `survgraph update --source gleif` loads, gathered in memory (ApiError on
    any failed request: nothing is written then): the LEIs' records and parents, then the
    parents' own parents, up to `levels` levels above the LEIs asked for, so the chain
    between an entity and its ultimate parent is drawn, not only its two ends."""
    harvest = Harvest()
    wanted = set(leis)
    for name in names:
        wanted.update(_by_name(api, harvest, name, size))
    harvest.leis = sorted(wanted)
    _records(api, harvest, wanted, size)
    asked, frontier = set(wanted), sorted(wanted)
    for _ in range(levels):
        parents: set[str] = set()
        for lei in frontier:
            parents |= _parents(api, harvest, lei)
        known = {key[1] for key in harvest.resources if key[0] == "lei-records"}
        _records(api, harvest, parents - known, size)
        frontier = sorted(parents - asked)
        asked |= parents
        if not frontier:
            break
    return harvest


@dataclass
class Written:
    """The harvest's file: changed (to load) or unchanged since the last load."""

    path: Path
    sha256: str
    changed: bool
    retrieved: str


def write_harvest(
    settings: Settings, download: Download, harvest: Harvest, api: JsonApi
) -> Written:
    """The gathered document, written atomically; unchanged when its resources are the same
    as the last loaded ones (the retrieval time aside)."""
    document = harvest.document(api)
    content = json.dumps(document["data"], sort_keys=True).encode("utf-8")
    sha = hashlib.sha256(content).hexdigest()
    meta = read_meta(settings, download)
    path = settings.downloads_dir / download.file_name
    retrieved = str(document["meta"]["survgraph"]["retrieved"])
    if meta.get("loaded_sha256") == sha and path.exists():
        return Written(path, sha, False, str(meta.get("retrieved") or retrieved))
    atomic_write(path, json.dumps(document, indent=1, ensure_ascii=False).encode("utf-8"))
    write_meta(settings, download, {**meta, "url": api.base, "sha256": sha, "retrieved": retrieved})
    return Written(path, sha, True, retrieved)


def gleif_api(settings: Settings, client: httpx.Client) -> JsonApi:
    return JsonApi(
        client,
        settings.gleif_api_url.rstrip("/"),
        settings.downloads_dir / "gleif-cache",
        min_interval_s=settings.gleif_min_interval_s,
        max_retries=settings.gleif_max_retries,
        max_wait_s=settings.gleif_max_wait_s,
    )


def source_download(source: RegisterSource) -> Download:
    return next(d for d in source.downloads if d.loads)
