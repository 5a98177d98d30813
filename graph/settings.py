"""Configuration from the environment, read and checked once; defaults match docker-compose.yml and
scripts/neo4j-local. A bad value is an InputError naming the variable, never a traceback.

This is the one module that reads the program's environment variables (VARIABLES); everything else
gets a Settings, or the one value of it it needs (loaders get max_bytes), passed in."""
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
# documents a load writes in one transaction: a just-started server spends a tenth less CPU on a
# first load in transactions of 500 than of 200; larger ones cost more where stored articles are read
# again (docs/performance.md, "The cold server, and how many documents a transaction")
DEFAULT_DOCS_PER_TRANSACTION = 500
DEFAULT_MIRROR = ROOT / "out" / "mirror.json.gz"
DEFAULT_WEB_CACHE = ROOT / ".cache" / "web"  # (git-ignored, beside the pattern cache)
DEFAULT_USER_AGENT = "armsgraph/0.1 (reads news articles about arms transfers)"


@dataclass(frozen=True, slots=True)
class Settings:
    """Where the graph lives (the Neo4j server and the networkx mirror file) and how it is written."""

    uri: str = DEFAULT_URI
    user: str = DEFAULT_USER
    password: str = DEFAULT_PASSWORD
    database: str = DEFAULT_DATABASE
    mirror_path: Path = DEFAULT_MIRROR
    batch_size: int = 5000
    docs_per_transaction: int = DEFAULT_DOCS_PER_TRANSACTION
    connect_timeout: float = 5.0
    retry_time: float = 15.0  # how long a failed transaction is retried (transient errors, lost server)
    max_bytes: int = DEFAULT_MAX_BYTES  # the largest article read (a file, or a page while it streams in)
    fetch_timeout: float = 20.0  # seconds a web server may take to connect, answer or send the next bytes
    fetch_interval: float = 1.0  # seconds at least between two requests to one host
    max_redirects: int = 5  # redirects followed for one page
    web_cache: Path = DEFAULT_WEB_CACHE  # pages fetched, kept so that a re-run fetches nothing
    user_agent: str = DEFAULT_USER_AGENT

    def __repr__(self) -> str:  # never print the password
        return f"Settings(uri={self.uri!r}, user={self.user!r}, database={self.database!r})"


# variable -> field, for the text settings (a command-line option wins over each)
TEXTS = {"NEO4J_URI": "uri", "NEO4J_USER": "user", "NEO4J_PASSWORD": "password", "NEO4J_DATABASE": "database",
         "ARMSGRAPH_MIRROR": "mirror_path", "ARMSGRAPH_WEB_CACHE": "web_cache", "ARMSGRAPH_USER_AGENT": "user_agent"}
PATHS = {"mirror_path": DEFAULT_MIRROR, "web_cache": DEFAULT_WEB_CACHE}  # an empty variable is the default
# variable -> (field, parser, lowest allowed value, what it must be)
NUMBERS = {
    "ARMSGRAPH_BATCH_SIZE": ("batch_size", int, 1, "a positive whole number (rows per statement)"),
    "ARMSGRAPH_DOCS_PER_TRANSACTION": ("docs_per_transaction", int, 1,
                                       "a positive whole number (documents per load transaction)"),
    "ARMSGRAPH_CONNECT_TIMEOUT": ("connect_timeout", float, 0.001, "a positive number of seconds"),
    "ARMSGRAPH_RETRY_TIME": ("retry_time", float, 0.0, "a number of seconds, 0 or more"),
    "ARMSGRAPH_MAX_BYTES": ("max_bytes", int, 1, "a positive number of bytes"),
    "ARMSGRAPH_FETCH_TIMEOUT": ("fetch_timeout", float, 0.001, "a positive number of seconds"),
    "ARMSGRAPH_FETCH_INTERVAL": ("fetch_interval", float, 0.0, "a number of seconds, 0 or more (per host)"),
    "ARMSGRAPH_MAX_REDIRECTS": ("max_redirects", int, 0, "a whole number, 0 or more"),
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


VARIABLES = (*TEXTS, *NUMBERS)  # every environment variable the program reads


def from_env(env: dict | None = None, **overrides) -> Settings:
    """The settings: `overrides` (what was typed on the command line) where not None, else the
    environment variable (TEXTS, NUMBERS; `env` instead of os.environ in tests), else the default.
    Read once per run; a bad number is an InputError naming the variable and what it must be."""
    env = os.environ if env is None else env
    values: dict = {field: env[name] for name, field in TEXTS.items() if name in env}
    for field, default in PATHS.items():
        if values.get(field) is not None:
            values[field] = Path(values[field]) if values[field] else default
    if not values.get("user_agent", "x").strip():
        values.pop("user_agent")
    for name, (field, parse, lowest, what) in NUMBERS.items():
        if env.get(name, "").strip():
            values[field] = number(name, env[name], parse, lowest, what)
    values.update({k: v for k, v in overrides.items() if v is not None})
    return Settings(**values)


def describe() -> str:
    """The environment variables and their defaults, one a line, for `cli.py --help`."""
    defaults = Settings()
    lines = ["NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE, ARMSGRAPH_MIRROR: as the options above.",
             f"ARMSGRAPH_WEB_CACHE: the folder of fetched pages, default .cache/web. ARMSGRAPH_USER_AGENT: "
             f"what fetches say they are, default {DEFAULT_USER_AGENT!r}."]
    for name, (field, _, _, what) in NUMBERS.items():
        lines.append(f"{name}: {what}, default {getattr(defaults, field):,}.")
    return "\n\n".join(lines)
