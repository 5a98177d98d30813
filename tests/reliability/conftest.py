"""Fixtures of the reliability tests: the CLI against the test server, a loaded baseline with its
snapshot, and a dedicated Neo4j server for the tests that kill or restart one."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graph import mirror_io
from graph import settings as settings_mod
from tests.conftest import TEST_URI
from tests.helpers import mirror_diff

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "articles"
NEO4J_LOCAL = ROOT / "scripts" / "neo4j-local"
runner = CliRunner()


def invoke(mirror_path: Path, *args, uri: str = TEST_URI, options=(), input=None, env=None):
    """Run cli.py in this process (typer's CliRunner) against `uri` and a mirror file; `options`
    are more global options (--password ...)."""
    import cli as cli_mod
    return runner.invoke(cli_mod.app, ["--uri", uri, "--mirror", str(mirror_path), *options, *map(str, args)],
                         input=input, env=env)


def cli_process(*args, uri: str, mirror_path: Path, **popen) -> subprocess.Popen:
    """Start `python cli.py --uri URI --mirror PATH ARGS` as a real process (stdout/stderr piped)."""
    return subprocess.Popen([sys.executable, str(ROOT / "cli.py"), "--uri", uri, "--mirror", str(mirror_path),
                             *map(str, args)], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            encoding="utf-8", errors="replace", **popen)


def error_lines(output: str) -> list[str]:
    """The lines of an output that say something."""
    return [line for line in output.splitlines() if line.strip()]


@dataclass
class Baseline:
    """The sample corpus loaded into the test server, and what it looked like afterwards."""

    store: object
    mirror_path: Path
    graph: object
    mirror_bytes: bytes
    counts: dict

    def cli(self, *args, **kwargs):
        return invoke(self.mirror_path, *args, **kwargs)

    def assert_untouched(self) -> None:
        """Neo4j holds exactly what it held, and the mirror file is byte for byte the same."""
        assert self.store.counts() == self.counts
        assert mirror_diff(mirror_io.from_store(self.store), self.graph) == []
        assert self.mirror_path.read_bytes() == self.mirror_bytes


def load_baseline(store, path: Path) -> Baseline:
    store.wipe()
    path.unlink(missing_ok=True)
    result = invoke(path, "load", SAMPLE)
    assert result.exit_code == 0, result.output
    graph = mirror_io.from_store(store)
    assert mirror_diff(mirror_io.load(path), graph) == []
    return Baseline(store, path, graph, path.read_bytes(), store.counts())


@pytest.fixture(scope="module")
def _baseline(_store, tmp_path_factory) -> Baseline:
    return load_baseline(_store, tmp_path_factory.mktemp("baseline") / "mirror.json.gz")


@pytest.fixture
def baseline(_baseline) -> Baseline:
    """data/articles loaded into the test server, loaded once per module and again only when a test
    in between wiped the database (the `store` fixture does); each test checks it left it untouched."""
    b = _baseline
    if b.store.counts() != b.counts or not b.mirror_path.exists() or b.mirror_path.read_bytes() != b.mirror_bytes:
        fresh = load_baseline(b.store, b.mirror_path)
        b.graph, b.mirror_bytes, b.counts = fresh.graph, fresh.mirror_bytes, fresh.counts
    return b


# -- a Neo4j server of our own -----------------------------------------------------------
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """A scripts/neo4j-local server in its own home and ports (the jars come from the shared cache)."""

    def __init__(self, home: Path):
        self.bolt, self.http = free_port(), free_port()
        while self.http == self.bolt:
            self.http = free_port()
        self.uri = f"bolt://localhost:{self.bolt}"
        self.env = {**os.environ, "NEO4J_LOCAL_HOME": str(home), "NEO4J_BOLT_PORT": str(self.bolt),
                    "NEO4J_HTTP_PORT": str(self.http), "NEO4J_HEAP": "768m", "NEO4J_PAGECACHE": "128m",
                    "NEO4J_PASSWORD": settings_mod.from_env().password}

    def _script(self, command: str, timeout: float = 200) -> subprocess.CompletedProcess:
        return subprocess.run([str(NEO4J_LOCAL), command], env=self.env, cwd=ROOT, capture_output=True,
                              text=True, timeout=timeout)

    def start(self) -> None:
        done = self._script("start")
        if done.returncode != 0:
            pytest.fail(f"could not start a dedicated Neo4j: {done.stderr or done.stdout}", pytrace=False)

    def start_quietly(self) -> None:
        """start() for a thread: a failure is kept for raise_start_error()."""
        self.start_error = None
        try:
            self.start()
        except BaseException as exc:  # noqa: BLE001 - re-raised by raise_start_error()
            self.start_error = exc

    def raise_start_error(self) -> None:
        if getattr(self, "start_error", None) is not None:
            raise self.start_error

    def stop(self) -> None:
        """Stop the server for good: its data is thrown away, so no clean shutdown is needed (which
        takes Neo4j some ten seconds); the script then removes its pid file."""
        if self.pid() is not None:
            self.kill()
        self._script("stop", timeout=120)

    def pid(self) -> int | None:
        done = self._script("pid", timeout=10)
        return int(done.stdout.strip()) if done.returncode == 0 else None

    def kill(self) -> None:
        """SIGKILL the server's java process (no shutdown, no checkpoint) and wait until it is gone."""
        pid = self.pid()
        assert pid is not None, "the dedicated Neo4j is not running"
        os.kill(pid, signal.SIGKILL)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with open(f"/proc/{pid}/status") as fh:
                    if any(line.startswith("State:") and "Z" in line for line in fh):
                        break  # a zombie holds no port and no file
            except FileNotFoundError:
                break
            time.sleep(0.05)

    def settings(self) -> settings_mod.Settings:
        return settings_mod.from_env(uri=self.uri)

    def warm_up(self) -> None:
        """Create the constraints and compile the write queries once (a fresh server is slow at first)."""
        from graph.store import Store
        from tests.factories import graph_one, graph_two
        with Store.connect(self.settings()) as store:
            store.init_schema()
            store.write(graph_one())
            store.write(graph_two())
            store.remove_document(graph_one().documents[0].id)
            store.counts()
            store.wipe()


class Background:
    """The dedicated server, started (and warmed up) in a thread as soon as collection shows a test
    will need it, so that its start overlaps the other tests; stopped when the session ends."""

    def __init__(self):
        self.server: Server | None = None
        self.thread: threading.Thread | None = None
        self.error: BaseException | None = None

    def begin(self, home: Path) -> None:
        self.server = Server(home)

        def run() -> None:
            try:
                self.server.start()
                self.server.warm_up()
            except BaseException as exc:  # noqa: BLE001 - reported by get()
                self.error = exc
        self.thread = threading.Thread(target=run, name="dedicated-neo4j", daemon=True)
        self.thread.start()

    def get(self) -> Server:
        self.thread.join(timeout=300)
        if self.thread.is_alive() or self.error is not None:
            pytest.fail(f"the dedicated Neo4j did not start: {self.error or 'timeout'}", pytrace=False)
        return self.server

    def end(self) -> None:
        if self.thread is not None:
            self.thread.join(timeout=300)
            self.server.stop()
            self.thread = None


_background = Background()


def pytest_collection_finish(session):
    if any("own_neo4j" in getattr(item, "fixturenames", ()) for item in session.items):
        factory = getattr(session.config, "_tmp_path_factory", None)
        home = factory.mktemp("neo4j-home") if factory else Path(tempfile.mkdtemp(prefix="neo4j-home-"))
        _background.begin(home)


def pytest_sessionfinish(session):
    _background.end()


@pytest.fixture(scope="session")
def own_neo4j(tmp_path_factory) -> Server:
    """A dedicated server for tests that kill it (started at collection, stopped at the session's end)."""
    if _background.thread is None:
        _background.begin(tmp_path_factory.mktemp("neo4j-home"))
    return _background.get()
