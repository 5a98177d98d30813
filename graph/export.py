"""`cli.py export`: the mirror as GraphML, GEXF, node-link JSON, the CSV transfers register, or a
Cypher dump that re-creates the whole graph in another Neo4j."""
from __future__ import annotations

import csv
import io
import json
import math
import re
from collections.abc import Iterator

import networkx as nx

from graph import cypher as cypher_mod
from graph import mirror as mirror_mod
from graph import schema as schema_mod
from graph.errors import InputError, NotFoundError
from graph.model import batched

DEFAULT_NAMES = {"graphml": "graph.graphml", "gexf": "graph.gexf", "json": "graph.json",
                 "csv": "transfers.csv", "cypher": "graph.cypher"}
REGISTER = ["supplier", "recipient", "weapon", "quantity", "status", "first_reported", "last_reported",
            "documents", "claimed_by", "evidence_count", "supplier_id", "recipient_id", "weapon_id", "fact_id"]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
BATCH = 2000  # rows a statement of the Cypher dump
ODD_BATCH = 100  # rows a statement when they are written as literal maps


def view(g: nx.MultiDiGraph, evidence: bool = False) -> nx.MultiDiGraph:
    """The analyst's graph: entities with facts and structural links; documents and evidence on request."""
    schema = schema_mod.load()
    g = mirror_mod.with_provenance(g) if evidence else g
    kinds = set(schema.entity_kinds) | ({"Document", "Evidence"} if evidence else set())
    types = {*schema.relations, *schema.structural, *(schema.provenance if evidence else ())}
    out = nx.MultiDiGraph()
    out.add_nodes_from((n, a) for n, a in g.nodes(data=True) if a.get("label") in kinds)
    # GraphML and GEXF readers want edge ids unique in the file, and the mirror keys most
    # relationships by their type alone
    out.add_edges_from((s, t, mirror_mod.unique_key(s, t, a), a) for s, t, a in g.edges(data=True)
                       if a.get("type") in types and s in out and t in out)
    return out


def _scalar(value):
    return "; ".join(map(str, value)) if isinstance(value, (list, tuple, set)) else value


def flat(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy whose attributes are scalars and whose names Gephi and yEd read as meant: node `label`
    is the name (the kind moves to `kind`), edge `relation` the type, edge `weight` the reports."""
    types = {name: typ for kind in schema_mod.load().nodes.values() for name, typ in kind.properties.items()}
    out = nx.MultiDiGraph()
    for n, a in g.nodes(data=True):
        attrs = {k: _scalar(v) for k, v in a.items() if v is not None and k not in ("label", "start", "end")}
        attrs.update({k: float(v) for k, v in attrs.items() if types.get(k) == "float" and isinstance(v, int)})
        attrs.update(kind=a.get("label"), label=str(a.get("name") or a.get("title") or n))
        attrs.update({f"char_{k}": a[k] for k in ("start", "end") if k in a})  # GEXF reads start/end as time
        out.add_node(n, **attrs)
    for s, t, k, a in g.edges(keys=True, data=True):
        attrs = {name: _scalar(v) for name, v in a.items() if v is not None and name != "type"}
        attrs.update(relation=a["type"], label=a["type"], weight=int(a.get("evidence_count", 1)))
        out.add_edge(s, t, k, **attrs)
    return out


def graphml(g: nx.MultiDiGraph) -> bytes:
    """GraphML (Gephi, yEd, Cytoscape)."""
    buf = io.BytesIO()
    nx.write_graphml(flat(g), buf, encoding="utf-8", infer_numeric_types=True)
    return buf.getvalue()


def gexf(g: nx.MultiDiGraph) -> bytes:
    """GEXF 1.2 (Gephi)."""
    buf = io.BytesIO()
    nx.write_gexf(flat(g), buf, encoding="utf-8")
    return buf.getvalue()


def node_link(g: nx.MultiDiGraph) -> bytes:
    """networkx node-link JSON, lists kept as lists; the node kind is `kind`, the edge type `type`."""
    h = nx.MultiDiGraph(name="armsgraph")
    h.add_nodes_from((n, {**{k: v for k, v in a.items() if k != "label"}, "kind": a.get("label")})
                     for n, a in g.nodes(data=True))
    h.add_edges_from(g.edges(keys=True, data=True))
    data = nx.node_link_data(h, edges="edges")
    return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1).encode("utf-8")


def cell(value) -> str:
    """A spreadsheet-safe cell: text a spreadsheet would run as a formula gets a leading quote."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        value = "; ".join(map(str, value))
    text = str(value)
    return "'" + text if isinstance(value, str) and text.startswith(FORMULA_START) else text


def register(g: nx.MultiDiGraph) -> list[dict]:
    """The transfers register: one row per SUPPLIES fact, quantities as the articles state them."""
    documents = mirror_mod.documents(g)
    rows = []
    for s, t, a in g.edges(data=True):
        if a.get("type") != "SUPPLIES":
            continue
        evs = sorted(mirror_mod.reports(g, a.get("id")), key=lambda e: (e.get("date") or "", e.get("doc_id") or ""))
        rows.append({
            "supplier": g.nodes[s].get("name", s), "recipient": g.nodes[t].get("name", t),
            "weapon": a.get("weapon") or a.get("weapon_id") or "", "status": a.get("status", ""),
            "quantity": list(dict.fromkeys(e["quantity_text"] for e in evs if e.get("quantity_text"))),
            "first_reported": a.get("first_reported", ""), "last_reported": a.get("last_reported", ""),
            "documents": [documents.get(d, {}).get("name", d) for d in a.get("docs", ())],
            "claimed_by": a.get("claimed_by", []), "evidence_count": a.get("evidence_count", 0),
            "supplier_id": s, "recipient_id": t, "weapon_id": a.get("weapon_id", ""), "fact_id": a.get("id", "")})
    rows.sort(key=lambda r: (r["first_reported"], r["supplier"], r["recipient"], r["weapon"], r["status"]))
    return rows


def register_csv(rows: list[dict]) -> bytes:
    """The register as CSV (UTF-8 with a byte-order mark, so spreadsheets read the umlauts)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(REGISTER)
    writer.writerows([cell(row[c]) for c in REGISTER] for row in rows)
    return buf.getvalue().encode("utf-8-sig")


# -- the Cypher dump -------------------------------------------------------------
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
    yield from (statement + ";" for statement in cypher_mod.constraints(schema))
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


def check_format(fmt: str) -> str:
    """The format name, lower case; InputError naming the formats when it is not one."""
    name = fmt.strip().lower()
    if name not in DEFAULT_NAMES:
        raise InputError(f"--format must be one of {', '.join(DEFAULT_NAMES)}, not {fmt!r}")
    return name


def export(g: nx.MultiDiGraph, fmt: str, evidence: bool = False) -> tuple[bytes, dict]:
    """The file content of one format and what it holds; NotFoundError when there is nothing."""
    fmt = check_format(fmt)
    if fmt == "csv":
        rows = register(g)
        if not rows:
            raise NotFoundError("no SUPPLIES facts in the mirror: nothing written")
        return register_csv(rows), {"rows": len(rows)}
    h = mirror_mod.with_provenance(g) if fmt == "cypher" else view(g, evidence)
    if h.number_of_nodes() == 0:
        raise NotFoundError("the mirror holds no entities: nothing written")
    counts = {"nodes": h.number_of_nodes(), "edges": h.number_of_edges()}
    if fmt == "cypher":
        return ("\n".join(cypher_dump(h)) + "\n").encode("utf-8"), counts
    return {"graphml": graphml, "gexf": gexf, "json": node_link}[fmt](h), counts
