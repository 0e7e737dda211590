"""Runs the local Neo4j Community server assembled from Maven Central (no Docker).

Neo4j publishes no server tarball to Maven Central, so `db/pom.xml` resolves the community
database, its HTTP server and the Browser jar into `db/lib/`, and this module starts
`org.neo4j.server.CommunityEntryPoint` on that classpath with `db/conf/neo4j.conf`. The
server's home (data, logs, pid file) is `db/run/`, git-ignored. Start is idempotent, a busy
port is named, and stop waits for a clean shutdown so the store is never left dirty.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from graph.errors import SurvgraphError
from graph.settings import LOCAL_HOST, PROJECT_ROOT, Settings

DB_DIR = PROJECT_ROOT / "db"
LIB_DIR = DB_DIR / "lib"
CONF_DIR = DB_DIR / "conf"
POM = DB_DIR / "pom.xml"
HOST = LOCAL_HOST
MAIN_CLASS = "org.neo4j.server.CommunityEntryPoint"
ADMIN_CLASS = "org.neo4j.cli.AdminTool"

# The flags Neo4j's own launcher passes on Java 17: the kernel uses reflective access to
# NIO internals, and G1 with pre-touch gives steady latency with a fixed heap.
JVM_FLAGS = [
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+AlwaysPreTouch",
    "-XX:+UnlockExperimentalVMOptions",
    "-XX:+TrustFinalNonStaticFields",
    "-XX:+DisableExplicitGC",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Djdk.tls.ephemeralDHKeySize=2048",
    "-Djdk.tls.rejectClientInitiatedRenegotiation=true",
    "-Dlog4j2.disable.jmx=true",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "--enable-native-access=ALL-UNNAMED",
]


class ServerError(SurvgraphError):
    """A local server operation failed; the message says what to do."""

    title = "Local server error"


@dataclass(frozen=True)
class ServerStatus:
    running: bool
    pid: int | None
    bolt: str
    http: str
    home: Path
    managed: bool
    message: str


def _port_open(port: int, host: str = HOST) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.5)
        return sock.connect_ex((host, port)) == 0


def _pid_file(home: Path) -> Path:
    return home / "run" / "survgraph-neo4j.pid"


def _read_pid(home: Path) -> int | None:
    try:
        pid = int(_pid_file(home).read_text().strip())
    except (FileNotFoundError, ValueError):
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except PermissionError:
        return pid
    cmdline = Path(f"/proc/{pid}/cmdline")
    if cmdline.exists() and MAIN_CLASS.encode() not in cmdline.read_bytes():
        return None  # the pid was reused by another process
    return pid


def _heap_flags(settings: Settings) -> list[str]:
    return [f"-Xms{settings.db_heap}", f"-Xmx{settings.db_heap}"]


def _overrides(settings: Settings) -> dict[str, str]:
    """The settings-driven lines of the server's configuration: ports and memory, so a
    second local server (another checkout, a smaller machine) needs no edited file."""
    bolt = f"{HOST}:{settings.db_bolt_port}"
    http = f"{HOST}:{settings.db_http_port}"
    return {
        "server.bolt.listen_address": bolt,
        "server.bolt.advertised_address": bolt,
        "server.http.listen_address": http,
        "server.http.advertised_address": http,
        "server.memory.heap.initial_size": settings.db_heap,
        "server.memory.heap.max_size": settings.db_heap,
        "server.memory.pagecache.size": settings.db_pagecache,
        "browser.post_connect_cmd": post_connect_cmd(settings),
    }


def post_connect_cmd(settings: Settings) -> str:
    """What Browser runs on connecting (each command without its colon, `;` between): the
    survgraph style and guide, served by the API. `localhost` is on Browser's default
    remote-content allow-list, so Browser fetches them (api/routers/browser.py adds CORS)."""
    api = f"http://localhost:{settings.api_port}/browser"
    return f"style {api}/style.grass; play {api}/guide"


def write_conf(settings: Settings) -> Path:
    """`db/conf/neo4j.conf` with the settings' lines replaced, written into the server's
    home; Neo4j reads that copy, so the committed file stays the one place for the rest."""
    overrides = _overrides(settings)
    lines = []
    for line in (CONF_DIR / "neo4j.conf").read_text().splitlines():
        key = line.partition("=")[0].strip()
        lines.append(f"{key}={overrides[key]}" if key in overrides else line)
    conf_dir = settings.db_home / "conf"
    conf_dir.mkdir(parents=True, exist_ok=True)
    (conf_dir / "neo4j.conf").write_text("\n".join(lines) + "\n")
    return conf_dir


def assemble(quiet: bool = True) -> None:
    """Resolve the server jars from Maven Central into db/lib (skipped when present)."""
    if LIB_DIR.exists() and any(LIB_DIR.glob("neo4j-5.26.*.jar")):
        return
    mvn = shutil.which("mvn")
    if mvn is None:
        raise ServerError("Maven (mvn) is needed to assemble Neo4j from Maven Central")
    cmd = [mvn, "-B", "-f", str(POM), "dependency:copy-dependencies"]
    if quiet:
        cmd.insert(1, "-q")
    result = subprocess.run(cmd, check=False)
    if result.returncode != 0:
        raise ServerError(f"assembling Neo4j failed: {' '.join(cmd)} exited {result.returncode}")


def _java_env(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["NEO4J_HOME"] = str(home)
    env["NEO4J_CONF"] = str(home / "conf")
    return env


def _set_initial_password(settings: Settings, home: Path) -> None:
    """Only possible before the first start; Neo4j ignores it afterwards, so we skip it then."""
    if (home / "data" / "dbms" / "auth.ini").exists() or (home / "data" / "databases").exists():
        return
    cmd = [
        settings.java,
        "-cp",
        f"{LIB_DIR}/*",
        ADMIN_CLASS,
        "dbms",
        "set-initial-password",
        settings.neo4j_password,
    ]
    result = subprocess.run(
        cmd, env=_java_env(home), cwd=home, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise ServerError(f"setting the initial password failed:\n{result.stderr[-2000:]}")


def status(settings: Settings) -> ServerStatus:
    """What is running where, for `survgraph db status` and for start's idempotence."""
    if not settings.local_server:
        return ServerStatus(
            running=True,
            pid=None,
            bolt=settings.uri,
            http="",
            home=settings.db_home,
            managed=False,
            message=f"external server {settings.uri} (NEO4J_URI is set; nothing managed here)",
        )
    home = settings.db_home
    pid = _read_pid(home)
    running = pid is not None and _port_open(settings.db_bolt_port)
    bolt = f"bolt://{HOST}:{settings.db_bolt_port}"
    http = f"http://{HOST}:{settings.db_http_port}/browser/"
    if running:
        message = f"Neo4j running (pid {pid}): Bolt {bolt}, Browser {http}"
    elif pid is not None:
        message = f"Neo4j starting or stuck (pid {pid}), Bolt not answering yet"
    else:
        message = "Neo4j is not running"
    return ServerStatus(running, pid, bolt, http, home, True, message)


def start(settings: Settings) -> ServerStatus:
    """Start in the background and return once Bolt answers; a no-op if already running."""
    current = status(settings)
    if not current.managed or current.running:
        return current
    if current.pid is not None:
        return _wait_for_bolt(settings, current.pid, time.monotonic())
    for port in (settings.db_bolt_port, settings.db_http_port):
        if _port_open(port):
            raise ServerError(
                f"port {port} on {HOST} is already taken by another process; stop it, or point "
                f"survgraph at that server with NEO4J_URI"
            )
    assemble()
    home = settings.db_home
    for sub in ("data", "logs", "run", "import", "plugins"):
        (home / sub).mkdir(parents=True, exist_ok=True)
    conf_dir = write_conf(settings)
    _set_initial_password(settings, home)
    cmd = [
        settings.java,
        *_heap_flags(settings),
        *JVM_FLAGS,
        "-cp",
        f"{LIB_DIR}/*",
        MAIN_CLASS,
        f"--home-dir={home}",
        f"--config-dir={conf_dir}",
    ]
    began = time.monotonic()
    with open(home / "logs" / "console.log", "ab") as console:
        proc = subprocess.Popen(
            cmd,
            env=_java_env(home),
            cwd=home,
            stdout=console,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    _pid_file(home).write_text(str(proc.pid))
    return _wait_for_bolt(settings, proc.pid, began)


def _wait_for_bolt(settings: Settings, pid: int, began: float) -> ServerStatus:
    home = settings.db_home
    while time.monotonic() - began < settings.db_start_timeout_s:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            tail = _log_tail(home)
            raise ServerError(f"Neo4j exited during start-up; last log lines:\n{tail}") from None
        if _port_open(settings.db_bolt_port) and _port_open(settings.db_http_port):
            return status(settings)
        time.sleep(0.5)
    raise ServerError(
        f"Neo4j did not answer on Bolt {settings.db_bolt_port} within "
        f"{settings.db_start_timeout_s:.0f} s; see {home / 'logs'}"
    )


def _log_tail(home: Path, lines: int = 30) -> str:
    chunks = []
    for name in ("console.log", "neo4j.log"):
        path = home / "logs" / name
        if path.exists():
            chunks.extend(path.read_text(errors="replace").splitlines()[-lines:])
    return "\n".join(chunks)


def stop(settings: Settings, timeout_s: float = 60.0) -> str:
    """SIGTERM lets Neo4j checkpoint and close the store; SIGKILL only if it hangs."""
    if not settings.local_server:
        return f"external server {settings.uri}: not stopping a server survgraph did not start"
    home = settings.db_home
    pid = _read_pid(home)
    if pid is None:
        _pid_file(home).unlink(missing_ok=True)
        return "Neo4j is not running"
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.3)
    else:
        os.kill(pid, signal.SIGKILL)
        _pid_file(home).unlink(missing_ok=True)
        return f"Neo4j (pid {pid}) did not stop in {timeout_s:.0f} s and was killed"
    _pid_file(home).unlink(missing_ok=True)
    return f"Neo4j (pid {pid}) stopped"
