"""The graph model, loaded once from schema.yaml and validated at load."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from graph import yaml_data
from graph.errors import SchemaError

SCHEMA_PATH = Path(__file__).with_name("schema.yaml")
PROPERTY_TYPES = {"string", "boolean", "float", "integer", "list"}


@dataclass(frozen=True, slots=True)
class NodeKind:
    name: str
    entity: bool
    description: str
    properties: dict[str, str]


@dataclass(frozen=True, slots=True)
class RelationType:
    name: str
    group: str  # core | extended
    description: str
    source: tuple[str, ...]
    target: tuple[str, ...]
    key: tuple[str, ...]
    properties: dict[str, str]
    symmetric: bool = False


@dataclass(frozen=True, slots=True)
class StructuralType:
    name: str
    description: str
    source: tuple[str, ...]
    target: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Schema:
    nodes: dict[str, NodeKind]
    relations: dict[str, RelationType]
    structural: dict[str, StructuralType]
    provenance: dict[str, tuple[str, tuple[str, ...]]]
    fact_properties: dict[str, str]
    bookkeeping: dict[str, dict[str, str]]

    @property
    def entity_kinds(self) -> tuple[str, ...]:
        return tuple(k for k, v in self.nodes.items() if v.entity)

    @property
    def core(self) -> tuple[str, ...]:
        return tuple(k for k, v in self.relations.items() if v.group == "core")

    @property
    def extended(self) -> tuple[str, ...]:
        return tuple(k for k, v in self.relations.items() if v.group == "extended")

    def node_label(self, kind: str) -> str:
        """Return `kind` if it is a node kind of the schema, else raise (safe to format into Cypher)."""
        if kind not in self.nodes:
            raise SchemaError(f"unknown node kind {kind!r}")
        return kind

    def rel_type(self, name: str) -> str:
        """Return `name` if it is a relationship type of the schema, else raise."""
        if name not in self.relations and name not in self.structural and name not in self.provenance:
            raise SchemaError(f"unknown relationship type {name!r}")
        return name


def _tuple(value) -> tuple[str, ...]:
    return tuple(value) if isinstance(value, list) else (value,)


def _check_props(where: str, props: dict) -> dict[str, str]:
    for prop, typ in (props or {}).items():
        if typ not in PROPERTY_TYPES:
            raise SchemaError(f"{where}: property {prop!r} has unknown type {typ!r}")
    return dict(props or {})


def parse(data: dict) -> Schema:
    """Build and validate a Schema from the parsed YAML mapping."""
    nodes = {
        name: NodeKind(name, bool(spec.get("entity")), spec.get("description", ""),
                       _check_props(name, spec.get("properties")))
        for name, spec in (data.get("nodes") or {}).items()
    }
    if not nodes:
        raise SchemaError("schema defines no node kinds")

    def kinds(where: str, value) -> tuple[str, ...]:
        out = _tuple(value)
        for k in out:
            if k not in nodes:
                raise SchemaError(f"{where}: unknown node kind {k!r}")
        return out

    relations = {}
    for name, spec in (data.get("relations") or {}).items():
        if spec.get("group") not in ("core", "extended"):
            raise SchemaError(f"{name}: group must be core or extended")
        props = _check_props(name, spec.get("properties"))
        key = tuple(spec.get("key") or ())
        for k in key:
            if k not in props:
                raise SchemaError(f"{name}: key property {k!r} is not among its properties")
        relations[name] = RelationType(
            name, spec["group"], spec.get("description", ""),
            kinds(f"{name}.source", spec["source"]), kinds(f"{name}.target", spec["target"]),
            key, props, bool(spec.get("symmetric")))
    structural = {
        name: StructuralType(name, spec.get("description", ""),
                             kinds(f"{name}.source", spec["source"]),
                             kinds(f"{name}.target", spec["target"]))
        for name, spec in (data.get("structural") or {}).items()
    }
    provenance = {
        name: (kinds(f"{name}.source", spec["source"])[0], kinds(f"{name}.target", spec["target"]))
        for name, spec in (data.get("provenance") or {}).items()
    }
    names = [*relations, *structural, *provenance]
    if len(set(names)) != len(names):
        raise SchemaError("a relationship type is defined twice")
    bookkeeping = {name: _check_props(name, (spec or {}).get("properties"))
                   for name, spec in (data.get("bookkeeping") or {}).items()}
    if set(bookkeeping) & set(nodes):
        raise SchemaError("a bookkeeping label is also a node kind")
    return Schema(nodes, relations, structural, provenance,
                  _check_props("fact_properties", data.get("fact_properties")), bookkeeping)


@lru_cache(maxsize=1)
def load(path: Path = SCHEMA_PATH) -> Schema:
    """Load the schema file once."""
    try:
        data = yaml_data.read(path)
    except (OSError, yaml_data.YAMLError) as exc:
        raise SchemaError(f"cannot read schema {path}: {exc}") from exc
    return parse(data)
