"""The one place configuration comes from.

Everything reads `get_settings()`; nothing else looks at `os.environ`. Defaults are safe
for a local run (loopback server, documented local password), and the local password is
refused when the server is not local, so a shared deployment cannot run on it by accident.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parents[1]
LOCAL_DEFAULT_PASSWORD = "survgraph-local"
LOCAL_HOST = "127.0.0.1"
CSL_BASE = "https://data.trade.gov/downloadable_consolidated_screening_list/v1/"
OFAC_EXPORTS = "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/"
DOD_1260H_URL = (
    "https://media.defense.gov/2026/Jun/08/2003945537/-1/-1/1/ENTITIES-IDENTIFIED-AS-CHINESE-"
    "MILITARY-COMPANIES-OPERATING-IN-THE-UNITED-STATES-IN-ACCORDANCE-WITH-SECTION-1260H.PDF"
)


class Settings(BaseSettings):
    """Environment variables (see the README's configuration table)."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore", populate_by_name=True)

    neo4j_uri: str | None = Field(
        default=None,
        alias="NEO4J_URI",
        description="External Neo4j to use; when set, survgraph starts no server of its own.",
    )
    neo4j_user: str = Field(default="neo4j", alias="NEO4J_USER")
    neo4j_password: str = Field(default=LOCAL_DEFAULT_PASSWORD, alias="NEO4J_PASSWORD")
    neo4j_database: str = Field(default="neo4j", alias="NEO4J_DATABASE")
    query_timeout_s: float = Field(default=10.0, alias="SURVGRAPH_QUERY_TIMEOUT", gt=0)
    # Both drivers (graph.db, graph.adb) are built from these, through `driver_options`.
    pool_size: int = Field(
        default=64,
        alias="SURVGRAPH_POOL_SIZE",
        ge=1,
        description="Connections per driver; also the API's thread count for blocking work.",
    )
    connection_acquisition_timeout_s: float = Field(
        default=10.0, alias="SURVGRAPH_CONNECTION_ACQUISITION_TIMEOUT", gt=0
    )
    connection_timeout_s: float = Field(default=5.0, alias="SURVGRAPH_CONNECTION_TIMEOUT", gt=0)
    max_transaction_retry_s: float = Field(
        default=5.0, alias="SURVGRAPH_MAX_TRANSACTION_RETRY_TIME", ge=0
    )
    api_host: str = Field(default="127.0.0.1", alias="SURVGRAPH_HOST")
    api_port: int = Field(default=8000, alias="SURVGRAPH_PORT")
    db_home: Path = Field(default=PROJECT_ROOT / "db" / "run", alias="SURVGRAPH_DB_HOME")
    db_bolt_port: int = Field(default=7687, alias="SURVGRAPH_BOLT_PORT", ge=1, le=65535)
    db_http_port: int = Field(default=7474, alias="SURVGRAPH_HTTP_PORT", ge=1, le=65535)
    db_heap: str = Field(default="4g", alias="SURVGRAPH_DB_HEAP", pattern=r"^[0-9]+[kmg]$")
    db_pagecache: str = Field(
        default="6g", alias="SURVGRAPH_DB_PAGECACHE", pattern=r"^[0-9]+[kmg]$"
    )
    db_start_timeout_s: float = Field(default=180.0, alias="SURVGRAPH_DB_START_TIMEOUT")
    java: str = Field(default="java", alias="SURVGRAPH_JAVA")
    out_dir: Path = Field(default=PROJECT_ROOT / "out", alias="SURVGRAPH_OUT_DIR")
    max_depth: int = Field(default=6, alias="SURVGRAPH_MAX_DEPTH", ge=1, le=12)
    max_page_size: int = Field(default=500, alias="SURVGRAPH_MAX_PAGE_SIZE", ge=1)
    # The official downloads `survgraph update` fetches (loaders/update.py's table).
    csl_json_url: str = Field(
        default=CSL_BASE + "consolidated.json", alias="SURVGRAPH_CSL_JSON_URL"
    )
    csl_csv_url: str = Field(default=CSL_BASE + "consolidated.csv", alias="SURVGRAPH_CSL_CSV_URL")
    dod_1260h_url: str = Field(default=DOD_1260H_URL, alias="SURVGRAPH_DOD_1260H_URL")
    ofac_sdn_url: str = Field(default=OFAC_EXPORTS + "SDN.CSV", alias="SURVGRAPH_OFAC_SDN_URL")
    ofac_cons_url: str = Field(
        default=OFAC_EXPORTS + "CONS_PRIM.CSV", alias="SURVGRAPH_OFAC_CONS_URL"
    )
    # GLEIF's API (`survgraph update --source gleif`): its base URL, the page size asked for
    # (the API serves at most 200 a page), the pause between requests (our own pace, one a
    # second: a shared public API), and how often and how long to wait when it answers 429.
    gleif_api_url: str = Field(
        default="https://api.gleif.org/api/v1", alias="SURVGRAPH_GLEIF_API_URL"
    )
    gleif_page_size: int = Field(default=100, alias="SURVGRAPH_GLEIF_PAGE_SIZE", ge=1, le=200)
    gleif_min_interval_s: float = Field(default=1.0, alias="SURVGRAPH_GLEIF_MIN_INTERVAL", ge=0)
    gleif_max_retries: int = Field(default=3, alias="SURVGRAPH_GLEIF_MAX_RETRIES", ge=0)
    gleif_max_wait_s: float = Field(default=120.0, alias="SURVGRAPH_GLEIF_MAX_WAIT", ge=0)
    # Who may write (screening jobs, watchlists): comma-separated keys, sent as
    # `Authorization: Bearer KEY`. None set: every write is refused (reads stay open).
    api_keys: str = Field(default="", alias="SURVGRAPH_API_KEYS", repr=False)
    screening_max_bytes: int = Field(
        default=1 << 30,
        alias="SURVGRAPH_SCREENING_MAX_BYTES",
        ge=1,
        description="The largest screening upload accepted (413 above it).",
    )
    screening_chunk: int = Field(
        default=200,
        alias="SURVGRAPH_SCREENING_CHUNK",
        ge=1,
        le=200,
        description="Rows screened and written per transaction (at most POST /resolve's batch).",
    )
    screening_dir: Path = Field(
        default=PROJECT_ROOT / "out" / "screenings", alias="SURVGRAPH_SCREENING_DIR"
    )
    downloads_dir: Path = Field(
        default=PROJECT_ROOT / "data" / "downloads", alias="SURVGRAPH_DOWNLOADS_DIR"
    )
    download_timeout_s: float = Field(default=120.0, alias="SURVGRAPH_DOWNLOAD_TIMEOUT", gt=0)

    @property
    def uri(self) -> str:
        """The Bolt URI drivers connect to: the external one if given, else the local server."""
        return self.neo4j_uri or f"bolt://{LOCAL_HOST}:{self.db_bolt_port}"

    def driver_options(self) -> dict[str, Any]:
        """The keyword options of both drivers, so the blocking and the async one cannot
        drift apart (the API runs one of each)."""
        return {
            "auth": (self.neo4j_user, self.neo4j_password),
            "max_connection_pool_size": self.pool_size,
            "connection_acquisition_timeout": self.connection_acquisition_timeout_s,
            "connection_timeout": self.connection_timeout_s,
            "max_transaction_retry_time": self.max_transaction_retry_s,
            # Optional properties (e.g. `until`) are absent on many facts by design; the
            # server's "unknown property" notices would only flood the logs.
            "notifications_min_severity": "OFF",
        }

    @property
    def write_keys(self) -> list[str]:
        """The configured API keys (empty: no one may write)."""
        return [k.strip() for k in self.api_keys.split(",") if k.strip()]

    @property
    def local_server(self) -> bool:
        """Whether survgraph manages the server itself (no NEO4J_URI given)."""
        return not self.neo4j_uri

    @model_validator(mode="after")
    def _refuse_local_password_remotely(self) -> Settings:
        if self.neo4j_uri and self.neo4j_password == LOCAL_DEFAULT_PASSWORD:
            host = self.neo4j_uri.split("://", 1)[-1].split(":", 1)[0]
            if host not in {"127.0.0.1", "localhost", "::1", "[::1]", "neo4j"}:
                raise ValueError(
                    "NEO4J_PASSWORD is the local default but NEO4J_URI points at "
                    f"{host}: set a real password for a non-local server"
                )
        return self


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """Settings are read once per process; tests that change the environment clear the cache."""
    return Settings()
