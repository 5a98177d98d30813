"""Configuration from the environment; defaults match docker-compose.yml and scripts/neo4j-local."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URI = "bolt://localhost:7687"
DEFAULT_USER = "neo4j"
DEFAULT_PASSWORD = "armsgraph-local"
DEFAULT_DATABASE = "neo4j"


@dataclass(frozen=True, slots=True)
class Settings:
    """Where the graph lives: the Neo4j server and the networkx mirror file."""

    uri: str = DEFAULT_URI
    user: str = DEFAULT_USER
    password: str = DEFAULT_PASSWORD
    database: str = DEFAULT_DATABASE
    mirror_path: Path = ROOT / "out" / "mirror.json.gz"
    batch_size: int = 5000
    connect_timeout: float = 5.0
    retry_time: float = 15.0  # how long a failed transaction is retried (transient errors, lost server)

    def __repr__(self) -> str:  # never print the password
        return f"Settings(uri={self.uri!r}, user={self.user!r}, database={self.database!r})"


def from_env(**overrides) -> Settings:
    """Read NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE and ARMSGRAPH_* variables."""
    env = os.environ
    values = {
        "uri": env.get("NEO4J_URI", DEFAULT_URI),
        "user": env.get("NEO4J_USER", DEFAULT_USER),
        "password": env.get("NEO4J_PASSWORD", DEFAULT_PASSWORD),
        "database": env.get("NEO4J_DATABASE", DEFAULT_DATABASE),
        "mirror_path": Path(env.get("ARMSGRAPH_MIRROR", str(ROOT / "out" / "mirror.json.gz"))),
        "batch_size": int(env.get("ARMSGRAPH_BATCH_SIZE", "5000")),
        "connect_timeout": float(env.get("ARMSGRAPH_CONNECT_TIMEOUT", "5")),
        "retry_time": float(env.get("ARMSGRAPH_RETRY_TIME", "15")),
    }
    values.update({k: v for k, v in overrides.items() if v is not None})
    return Settings(**values)
