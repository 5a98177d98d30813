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
from graph.drawing import evidence_index
from graph.errors import InputError, NotFoundError

DEFAULT_NAMES = {"graphml": "graph.graphml", "gexf": "graph.gexf", "json": "graph.json",
                 "csv": "transfers.csv", "cypher": "graph.cypher"}
REGISTER = ["supplier", "recipient", "weapon", "quantity", "status", "first_reported", "last_reported",
            "documents", "claimed_by", "evidence_count", "supplier_id", "recipient_id", "weapon_id", "fact_id"]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
BATCH = 500


def view(g: nx.MultiDiGraph, evidence: bool = False) -> nx.MultiDiGraph:
    """The analyst's graph: entities with facts and structural links; documents and evidence on request."""
    schema = schema_mod.load()
    kinds = set(schema.entity_kinds) | ({"Document", "Evidence"} if evidence else set())
    types = {*schema.relations, *schema.structural, *(schema.provenance if evidence else ())}
    out = nx.MultiDiGraph()
    out.add_nodes_from((n, a) for n, a in g.nodes(data=True) if a.get("label") in kinds)
    # keyed as in mirror format /1 (a fact's id, else TYPE:source:target): GraphML and GEXF readers
    # want edge ids unique in the file, and the mirror keys most relationships by their type alone
    out.add_edges_from((s, t, mirror_mod.legacy_key(s, t, a), a) for s, t, a in g.edges(data=True)
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
    evidence, documents = evidence_index(g)
    rows = []
    for s, t, a in g.edges(data=True):
        if a.get("type") != "SUPPLIES":
            continue
        evs = sorted(evidence.get(a.get("id"), []), key=lambda e: (e.get("date") or "", e.get("doc_id") or ""))
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


def _string(text: str) -> str:
    def esc(ch: str) -> str:
        if ch in _ESCAPES:
            return _ESCAPES[ch]
        code = ord(ch)
        if code < 0x20 or code == 0x7F or code in (0x85, 0x2028, 0x2029) or 0xD800 <= code <= 0xDFFF:
            return f"\\u{code:04x}"
        return ch
    return "'" + "".join(esc(c) for c in text) + "'"


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


def _batches(items: list, size: int = BATCH) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def cypher_dump(g: nx.MultiDiGraph) -> Iterator[str]:
    """Statements, one per line, that re-create the mirror in an empty Neo4j (running them twice
    changes nothing). Every value is a literal, so the file runs in cypher-shell as it is."""
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
        merge = (f"MERGE (n:Entity {{id: p.id}}) SET n:{kind}, n += p" if kind in schema.entity_kinds
                 else f"MERGE (n:{kind} {{id: p.id}}) SET n += p")
        for chunk in _batches(by_kind[kind]):
            yield f"UNWIND {literal(chunk)} AS p {merge};"
    by_type: dict[tuple, list[dict]] = {}
    for s, t, a in g.edges(data=True):
        rel = schema.rel_type(str(a.get("type")))
        props = {k: v for k, v in a.items() if k != "type"}
        by_type.setdefault((rel, match_label[s], match_label[t]), []).append({"s": s, "t": t, "p": props})
    for (rel, source, target), rows in sorted(by_type.items()):
        key = " {id: r.p.id}" if rel in schema.relations else ""
        for chunk in _batches(rows):
            yield (f"UNWIND {literal(chunk)} AS r MATCH (a:{source} {{id: r.s}}) MATCH (b:{target} {{id: r.t}}) "
                   f"MERGE (a)-[x:{rel}{key}]->(b) SET x += r.p;")


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
    h = g if fmt == "cypher" else view(g, evidence)
    if h.number_of_nodes() == 0:
        raise NotFoundError("the mirror holds no entities: nothing written")
    counts = {"nodes": h.number_of_nodes(), "edges": h.number_of_edges()}
    if fmt == "cypher":
        return ("\n".join(cypher_dump(h)) + "\n").encode("utf-8"), counts
    return {"graphml": graphml, "gexf": gexf, "json": node_link}[fmt](h), counts
