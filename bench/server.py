"""A Neo4j server of the benchmark's own, started and stopped with scripts/neo4j-local."""
from __future__ import annotations

import os
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "neo4j-local"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class OwnServer:
    """A throw-away server: data in a temporary folder, free ports, removed when stopped."""

    heap: str = "2g"
    pagecache: str = "2g"
    home: Path | None = None
    bolt: int = 0
    http: int = 0

    def env(self) -> dict[str, str]:
        return {**os.environ, "NEO4J_LOCAL_HOME": str(self.home), "NEO4J_BOLT_PORT": str(self.bolt),
                "NEO4J_HTTP_PORT": str(self.http), "NEO4J_HEAP": self.heap, "NEO4J_HEAP_INITIAL": self.heap,
                "NEO4J_PAGECACHE": self.pagecache}

    @property
    def uri(self) -> str:
        return f"bolt://localhost:{self.bolt}"

    def start(self) -> "OwnServer":
        self.home = Path(tempfile.mkdtemp(prefix="armsgraph-bench-neo4j-"))
        self.bolt, self.http = _free_port(), _free_port()
        done = subprocess.run([str(SCRIPT), "start"], env=self.env(), capture_output=True, text=True)
        if done.returncode:
            raise RuntimeError(f"could not start the benchmark's Neo4j: {done.stderr.strip()[-500:]}")
        return self

    def stop(self) -> None:
        if self.home is None:
            return
        subprocess.run([str(SCRIPT), "stop"], env=self.env(), capture_output=True, text=True)
        subprocess.run(["rm", "-rf", str(self.home)], check=False)
        self.home = None


def open_store(settings, own_server: bool):
    """(a Store, None) on the settings' server, or (own_server) (a Store, the OwnServer) on a Neo4j
    started here, stopped again if the store cannot connect."""
    from dataclasses import replace

    from graph.store import Store
    server = None
    if own_server:
        server = OwnServer().start()
        settings = replace(settings, uri=server.uri)
    try:
        store = Store.connect(settings)
    except BaseException:
        if server is not None:
            server.stop()
        raise
    return store, server
