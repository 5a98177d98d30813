"""The analyst questions: one `.cypher` file each in this folder, with a header that documents them.

Header format (comment lines at the top of the file, read by `parse`):

    // One line saying what the query answers
    // @param state [actor]: the state that received the goods
    // @param limit: at most this many rows (default: 50)
    // example: cli.py query suppliers_of --param state=Russia

A parameter without a default is required. Its type is given in brackets or inferred from the
default: `string` (the default), `int`, `actor` and `weapon` (names the CLI resolves to ids),
`relation` (a relation type of the schema), `since` and `until` (a day, month or year, taken as
its first or its last day: graph/period.py; '' for an open end). The body uses parameters only as `$name`, so the
file runs unchanged in Neo4j Browser after `:param name => value` for each of them.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from graph import period
from graph import schema as schema_mod
from graph.errors import InputError, SchemaError

QUERY_DIR = Path(__file__).resolve().parent
TYPES = ("string", "int", "actor", "weapon", "relation", "since", "until")
NAME_TYPES = ("actor", "weapon")
_PARAM = re.compile(r"@param\s+(?P<name>[A-Za-z_]\w*)\s*(?:\[(?P<type>\w+)\])?\s*:\s*(?P<text>.*?)"
                    r"\s*(?:\(default:\s*(?P<default>[^)]*)\))?\s*$")
_USE = re.compile(r"\$([A-Za-z_]\w*)")
_STRING = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"")


@dataclass(frozen=True, slots=True)
class Param:
    """One `$name` a query takes."""

    name: str
    type: str
    description: str
    default: str | int | None = None

    @property
    def required(self) -> bool:
        return self.default is None

    def coerce(self, raw: str) -> str | int:
        """The value a query receives for the user's text (names are resolved later, by the CLI)."""
        if self.type == "int":
            try:
                value = int(raw)
            except ValueError:
                value = -1
            if value < 0:
                raise InputError(f"--param {self.name} takes a whole number of 0 or more, not {raw!r}")
            return value
        if self.type == "relation" and raw:
            value = raw.strip().upper()
            allowed = schema_mod.load().relations
            if value not in allowed:
                raise InputError(f"--param {self.name}: {raw!r} is not a relation type; "
                                 f"use one of {', '.join(allowed)}")
            return value
        if self.type in ("since", "until"):
            return period.bound(raw, f"--param {self.name}", last=self.type == "until")
        return raw.strip()


@dataclass(frozen=True, slots=True)
class Query:
    """A `.cypher` file: its name, what it answers, its parameters and its text."""

    name: str
    description: str
    params: tuple[Param, ...]
    example: str
    text: str
    path: Path

    def param(self, name: str) -> Param:
        for p in self.params:
            if p.name == name:
                return p
        allowed = ", ".join(p.name for p in self.params) or "none"
        raise InputError(f"query {self.name} has no parameter {name!r}; it takes: {allowed}")

    def bind(self, given: dict[str, str]) -> dict[str, str | int]:
        """Check and coerce the user's values; fill in defaults; every parameter gets a value."""
        values = {name: self.param(name).coerce(raw) for name, raw in given.items()}
        missing = [p.name for p in self.params if p.required and values.get(p.name) in (None, "")]
        if missing:
            raise InputError(f"query {self.name} needs --param {'=... --param '.join(missing)}=...")
        for p in self.params:
            values.setdefault(p.name, p.default)
        since, until = (next((values[p.name] for p in self.params if p.type == t), "") for t in ("since", "until"))
        if since and until and until < since:
            raise InputError(f"query {self.name}: the period ends ({until}) before it starts ({since})")
        return values

    def takes_period(self) -> bool:
        """Whether the query takes $since and $until (every query that takes actors does)."""
        return all(any(p.name == p.type == end for p in self.params) for end in ("since", "until"))

    def resolve(self, values: dict, resolver) -> dict:
        """Replace the names given for actor and weapon parameters by ids (`resolver`: name -> id)."""
        return {k: resolver(v) if self.param(k).type in NAME_TYPES and v else v for k, v in values.items()}

    def browser_params(self) -> str:
        """The `:params` line that sets every parameter to its default in Neo4j Browser."""
        def literal(p: Param) -> str:
            if p.default is None:
                return "'...'"
            return str(p.default) if p.type == "int" else "'" + str(p.default).replace("'", "\\'") + "'"
        return ":params {" + ", ".join(f"{p.name}: {literal(p)}" for p in self.params) + "}"


def _default(raw: str | None, typ: str) -> str | int | None:
    if raw is None:
        return None
    raw = raw.strip()
    if len(raw) >= 2 and raw[0] == raw[-1] and raw[0] in "'\"":
        raw = raw[1:-1]
    return int(raw) if typ == "int" else raw


def parse(text: str, name: str, path: Path | None = None) -> Query:
    """Read a query file's header; raise SchemaError when it is malformed."""
    header: list[str] = []
    for line in text.splitlines():
        if not line.startswith("//"):
            break
        header.append(line[2:].strip())
    where = f"query {name}"
    if not header or not header[0] or header[0].startswith("@"):
        raise SchemaError(f"{where}: the first line must be '// <what it answers>'")
    params, example = [], ""
    for line in header[1:]:
        if line.startswith("@param"):
            m = _PARAM.match(line)
            if not m:
                raise SchemaError(f"{where}: bad parameter line {line!r}")
            default = m["default"]
            typ = m["type"] or ("int" if default is not None and re.fullmatch(r"-?\d+", default.strip()) else "string")
            if typ not in TYPES:
                raise SchemaError(f"{where}: parameter {m['name']} has unknown type {typ!r}")
            params.append(Param(m["name"], typ, m["text"], _default(default, typ)))
        elif line.lower().startswith("example:"):
            example = line.split(":", 1)[1].strip()
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("//"))
    used = set(_USE.findall(_STRING.sub("''", body)))
    declared = {p.name for p in params}
    if used != declared:
        raise SchemaError(f"{where}: parameters used {sorted(used)} but documented {sorted(declared)}")
    if not example:
        raise SchemaError(f"{where}: the header needs an '// example: cli.py query {name} ...' line")
    return Query(name, header[0], tuple(params), example, text, path or QUERY_DIR / f"{name}.cypher")


@lru_cache(maxsize=4)
def load(directory: Path = QUERY_DIR) -> dict[str, Query]:
    """Every query file of a folder, by name (the file stem)."""
    out = {}
    for path in sorted(Path(directory).glob("*.cypher")):
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise SchemaError(f"cannot read query {path}: {exc}") from exc
        out[path.stem] = parse(text, path.stem, path)
    return out


def get(name: str, directory: Path = QUERY_DIR) -> Query:
    """The query of that name; InputError naming the close ones (or all) otherwise."""
    queries = load(directory)
    if name in queries:
        return queries[name]
    close = difflib.get_close_matches(name, list(queries), n=3, cutoff=0.5)
    hint = f"did you mean {', '.join(close)}?" if close else f"there are: {', '.join(queries)}"
    raise InputError(f"no query {name!r}; {hint} (cli.py query --list)")


def parse_params(items: list[str]) -> dict[str, str]:
    """--param key=value items as a dict (InputError on a missing '=')."""
    out = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise InputError(f"--param takes key=value, not {item!r}")
        out[key.strip()] = value
    return out


def run(store, query: Query, values: dict[str, str | int]) -> list[dict]:
    """Run a query with bound values; user values only ever travel as parameters."""
    return store.read(query.text, **values)
