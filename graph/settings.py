"""Configuration from the environment, read and checked once; defaults match docker-compose.yml and
scripts/neo4j-local. A bad value is an InputError naming the variable, never a traceback."""
from __future__ import annotations

import math
import os
from dataclasses import dataclass
from pathlib import Path

from graph.errors import InputError

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URI = "bolt://localhost:7687"
DEFAULT_USER = "neo4j"
DEFAULT_PASSWORD = "armsgraph-local"
DEFAULT_DATABASE = "neo4j"
DEFAULT_MAX_BYTES = 25_000_000


@dataclass(frozen=True, slots=True)
class Settings:
    """Where the graph lives (the Neo4j server and the networkx mirror file) and how it is written."""

    uri: str = DEFAULT_URI
    user: str = DEFAULT_USER
    password: str = DEFAULT_PASSWORD
    database: str = DEFAULT_DATABASE
    mirror_path: Path = ROOT / "out" / "mirror.json.gz"
    batch_size: int = 5000
    docs_per_transaction: int = 200
    connect_timeout: float = 5.0
    retry_time: float = 15.0  # how long a failed transaction is retried (transient errors, lost server)
    max_bytes: int = DEFAULT_MAX_BYTES  # the largest article read

    def __repr__(self) -> str:  # never print the password
        return f"Settings(uri={self.uri!r}, user={self.user!r}, database={self.database!r})"


# variable -> (field, parser, lowest allowed value, what it must be)
NUMBERS = {
    "ARMSGRAPH_BATCH_SIZE": ("batch_size", int, 1, "a positive whole number (rows per statement)"),
    "ARMSGRAPH_DOCS_PER_TRANSACTION": ("docs_per_transaction", int, 1,
                                       "a positive whole number (documents per load transaction)"),
    "ARMSGRAPH_CONNECT_TIMEOUT": ("connect_timeout", float, 0.001, "a positive number of seconds"),
    "ARMSGRAPH_RETRY_TIME": ("retry_time", float, 0.0, "a number of seconds, 0 or more"),
    "ARMSGRAPH_MAX_BYTES": ("max_bytes", int, 1, "a positive number of bytes"),
}


def number(name: str, text: str, parse=int, lowest: float = 1, what: str = "a positive number"):
    """A setting's value: a finite number of the right kind, at least `lowest` (InputError if not)."""
    try:
        value = parse(text.strip().replace("_", ""))
    except ValueError:
        value = None
    if value is None or not math.isfinite(value) or value < lowest:
        raise InputError(f"{name} must be {what}, not {text!r}")
    return value


def from_env(env: dict | None = None, **overrides) -> Settings:
    """Read NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE, ARMSGRAPH_MIRROR and the
    ARMSGRAPH_* numbers of NUMBERS; `overrides` (command-line options) win where not None."""
    env = os.environ if env is None else env
    values: dict = {
        "uri": env.get("NEO4J_URI", DEFAULT_URI),
        "user": env.get("NEO4J_USER", DEFAULT_USER),
        "password": env.get("NEO4J_PASSWORD", DEFAULT_PASSWORD),
        "database": env.get("NEO4J_DATABASE", DEFAULT_DATABASE),
        "mirror_path": Path(env.get("ARMSGRAPH_MIRROR") or ROOT / "out" / "mirror.json.gz"),
    }
    for name, (field, parse, lowest, what) in NUMBERS.items():
        if env.get(name, "").strip():
            values[field] = number(name, env[name], parse, lowest, what)
    values.update({k: v for k, v in overrides.items() if v is not None})
    return Settings(**values)
