"""`cli.py export --format cypher`: statements that re-create the graph in an empty Neo4j, every value
a literal, so that the file runs in cypher-shell as it is."""
from __future__ import annotations

import math
import re
from collections.abc import Iterator

import networkx as nx

from graph import cypher as cypher_mod
from graph import schema as schema_mod
from graph.errors import InputError
from graph.model import batched

BATCH = 2000  # rows a statement of the Cypher dump
ODD_BATCH = 100  # rows a statement when they are written as literal maps
_ESCAPES = {"\\": "\\\\", "'": "\\'", "\n": "\\n", "\r": "\\r", "\t": "\\t"}


_ESCAPED = re.compile("[\\\\'\n\r\t\x00-\x1f\x7f\x85\u2028\u2029\ud800-\udfff]")


def _escape(found: re.Match) -> str:
    ch = found[0]
    return _ESCAPES.get(ch) or f"\\u{ord(ch):04x}"


def _string(text: str) -> str:
    return "'" + _ESCAPED.sub(_escape, text) + "'"


def _key(name: str) -> str:
    return name if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name) else "`" + name.replace("`", "``") + "`"


def literal(value) -> str:
    """A Cypher literal for a property value: strings escaped, never a raw newline or quote."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise InputError(f"cannot write {value} as a Cypher literal")
        return repr(value)
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(map(literal, value)) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_key(str(k))}: {literal(v)}" for k, v in value.items() if v is not None) + "}"
    raise InputError(f"cannot write a {type(value).__name__} as a Cypher literal")


# Rows travel packed into one string literal a statement. Neo4j 5.26 handles each literal of a query
# slowly before it runs it (some 0.15 ms for a number or a string, 11 ms for a row of evidence as a
# map literal, every time: a statement's literals differ from the last one's). The first dump sent
# 500 rows a statement as literal maps: 214 s for a corpus of 20,000 relationships (1,328 documents)
# that `load` writes in 2 s, 4-6 s before each statement of 500 evidence rows ran. One string literal
# costs next to nothing: the statement splits it into rows and fields (at separators normalised text
# never holds) and converts each field by its type. A row holding a separator character, or a value
# of a mixed or unknown type, is written as a literal map instead (the slow way, those rows only).
_ROW, _FIELD, _ITEM = "\x1e", "\x1f", "\x1d"
_SEPARATORS = re.compile("[\x1d\x1e\x1f]")
_INT64 = range(-2 ** 63, 2 ** 63)


def _kind(value) -> str | None:
    """How a value is packed: s(tring), i(nteger), f(loat), b(oolean), l<kind> (a list of one
    kind), e (an empty list); None when it cannot be packed."""
    if isinstance(value, bool):
        return "b"
    if isinstance(value, int):
        return "i" if value in _INT64 else None
    if isinstance(value, float):
        return "f" if math.isfinite(value) else None
    if isinstance(value, str):
        return None if _SEPARATORS.search(value) else "s"
    if isinstance(value, (list, tuple)):
        if not value:
            return "e"
        kinds = {_kind(v) for v in value}
        return "l" + kinds.pop() if len(kinds) == 1 and kinds <= {"s", "i", "f", "b"} else None
    return None


def _field(value, kind: str) -> str:
    if kind == "b":
        return "true" if value else "false"
    if kind == "e":
        return ""
    if kind.startswith("l"):
        return _ITEM.join(_field(v, kind[1]) for v in value)
    return repr(value) if kind == "f" else str(value)


def _decode(kind: str, expr: str) -> str:
    """The Cypher expression that turns a packed field back into its value."""
    if kind == "e":
        return "[]"
    if kind == "ls":
        return f"split({expr}, {literal(_ITEM)})"
    if kind.startswith("l"):
        return f"[v IN split({expr}, {literal(_ITEM)}) | {_decode(kind[1], 'v')}]"
    return {"s": expr, "i": f"toInteger({expr})", "f": f"toFloat({expr})", "b": f"{expr} = 'true'"}[kind]


def _rows(rows: list[dict], nested: str | None = None) -> Iterator[str]:
    """Each batch of rows as the head of a statement that binds every row, as a map, to `r`:
    UNWIND of a packed string for rows of one shape (the same keys, each value of the same kind),
    UNWIND of literal maps for rows that cannot be packed. `nested`: the key of a map inside each
    row (a relationship's properties, `p`), packed field by field like the row's own keys."""
    shapes: dict[tuple, list[list[str]]] = {}
    odd: list[dict] = []
    for row in rows:
        values = {("", k): v for k, v in row.items() if k != nested and v is not None}
        if nested:
            values.update(((nested, k), v) for k, v in (row.get(nested) or {}).items() if v is not None)
        shape = tuple(sorted((key, _kind(v)) for key, v in values.items()))
        if any(kind is None for _, kind in shape):
            odd.append(row)
            continue
        shapes.setdefault(shape, []).append([_field(values[key], kind) for key, kind in shape])
    for shape, packed in shapes.items():
        inner = {k: f"{_key(k)}: {_decode(kind, f'f[{i}]')}" for i, ((outer, k), kind) in enumerate(shape)
                 if outer == nested}
        fields = [f"{_key(k)}: {_decode(kind, f'f[{i}]')}" for i, ((outer, k), kind) in enumerate(shape)
                  if outer == ""]
        if nested:
            fields.append(f"{_key(nested)}: {{{', '.join(inner.values())}}}")
        for chunk in batched(packed, BATCH):
            text = literal(_ROW.join(_FIELD.join(fs) for fs in chunk))
            yield (f"UNWIND split({text}, {literal(_ROW)}) AS line WITH split(line, {literal(_FIELD)}) AS f "
                   f"WITH {{{', '.join(fields)}}} AS r")
    for chunk in batched(odd, ODD_BATCH):
        yield f"UNWIND {literal(chunk)} AS r"


def _node_body(kind: str, entity: bool) -> str:
    """Nodes, found by their unique id (created when missing), their properties set."""
    if entity:
        return f"MERGE (n:Entity {{id: r.id}}) SET n:{kind}, n += r"
    return f"MERGE (n:{kind} {{id: r.id}}) SET n += r"


_IF_MISSING = "FOREACH (_ IN CASE WHEN x IS NULL THEN [1] ELSE [] END | CREATE (a)-[y:{rel}]->(b) SET y = r.p) "


def _fact_body(rel: str, source: str, target: str) -> str:
    """Facts, looked up by their unique id (the constraint's index), created between their ends
    when missing: never MERGEd between two entities that share thousands of relationships.
    (FOREACH rather than a CALL subquery, whose syntax changed in Neo4j 5.23: the dump runs in any 5.x
    with relationship constraints, 5.7 on.)"""
    return (f"OPTIONAL MATCH ()-[x:{rel} {{id: r.p.id}}]->() USING INDEX SEEK x:{rel}(id) WITH r, x "
            f"MATCH (a:{source} {{id: r.s}}) MATCH (b:{target} {{id: r.t}}) "
            + _IF_MISSING.format(rel=rel) + "SET x += r.p")


def _link_body(rel: str, source: str, target: str) -> str:
    """Other relationships (evidence's IN_DOCUMENT and CLAIMED_BY, structural links), looked for
    from their source, which holds one or a few of them (an evidence node, an official), never
    from their target (a document with hundreds of evidence nodes, a state); created when missing."""
    return (f"MATCH (a:{source} {{id: r.s}}) OPTIONAL MATCH (a)-[x:{rel}]->(c) WHERE c.id = r.t WITH r, a, x "
            f"MATCH (b:{target} {{id: r.t}}) " + _IF_MISSING.format(rel=rel) + "SET x += r.p")


def cypher_dump(g: nx.MultiDiGraph) -> Iterator[str]:
    """Statements, one per line, that re-create a graph (a mirror with its provenance joined in:
    mirror.with_provenance) in an empty Neo4j (running them twice
    changes nothing). Every value is a literal, so the file runs in cypher-shell as it is:
    constraints first, then nodes by kind, then relationships by type, in batches of rows packed
    into one string each (see _rows)."""
    schema = schema_mod.load()
    yield "// armsgraph dump: load into an empty database with  cypher-shell -f graph.cypher"
    yield from (statement + ";" for statement in cypher_mod.constraints(schema).values())
    match_label: dict[str, str] = {}
    by_kind: dict[str, list[dict]] = {}
    for n, a in g.nodes(data=True):
        kind = schema.node_label(str(a.get("label")))
        entity = kind in schema.entity_kinds
        match_label[n] = "Entity" if entity else kind
        # an entity's docs are not stored in Neo4j (the store derives them from evidence and links)
        skip = ("label", "docs") if entity else ("label",)
        by_kind.setdefault(kind, []).append({**{k: v for k, v in a.items() if k not in skip}, "id": n})
    for kind in sorted(by_kind):
        body = _node_body(kind, kind in schema.entity_kinds)
        for head in _rows(by_kind[kind]):
            yield f"{head} {body};"
    by_type: dict[tuple, list[dict]] = {}
    for s, t, a in g.edges(data=True):
        rel = schema.rel_type(str(a.get("type")))
        props = {k: v for k, v in a.items() if k != "type"}
        by_type.setdefault((rel, match_label[s], match_label[t]), []).append({"s": s, "t": t, "p": props})
    for (rel, source, target), rows in sorted(by_type.items()):
        body = _fact_body(rel, source, target) if rel in schema.relations else _link_body(rel, source, target)
        for head in _rows(rows, nested="p"):
            yield f"{head} {body};"


def statements(text: str) -> list[str]:
    """The statements of a dump written by cypher_dump (one a line), without their semicolons."""
    return [line.rstrip().removesuffix(";") for line in text.splitlines()
            if line.strip() and not line.lstrip().startswith("//")]
