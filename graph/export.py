"""`cli.py export`: the mirror as GraphML, GEXF, node-link JSON, the CSV transfers register, or a
Cypher dump that re-creates the whole graph in another Neo4j."""
from __future__ import annotations

import csv
import io
import json

import networkx as nx

from graph import cypher_dump
from graph import mirror as mirror_mod
from graph import schema as schema_mod
from graph.errors import InputError, NotFoundError

DEFAULT_NAMES = {"graphml": "graph.graphml", "gexf": "graph.gexf", "json": "graph.json",
                 "csv": "transfers.csv", "cypher": "graph.cypher"}
REGISTER = ["supplier", "recipient", "weapon", "quantity", "status", "first_event", "last_event",
            "first_reported", "last_reported", "documents", "sources", "claimed_by", "evidence_count",
            "supplier_id", "recipient_id", "weapon_id", "fact_id"]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def unique_key(source: str, target: str, attrs: dict) -> str:
    """An edge id unique in the whole graph (a fact's id, else TYPE:source:target), for files whose
    readers want edge ids unique (GraphML, GEXF)."""
    if attrs.get("type") in schema_mod.load().relations and attrs.get("id") is not None:
        return attrs["id"]
    return f"{attrs.get('type')}:{source}:{target}"


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
    out.add_edges_from((s, t, unique_key(s, t, a), a) for s, t, a in g.edges(data=True)
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
    """The transfers register: one row per SUPPLIES fact, quantities as the articles state them, its
    period (first and last event time, then first and last report: graph/facts.py)."""
    documents = mirror_mod.documents(g)
    rows = []
    for s, t, a in g.edges(data=True):
        if a.get("type") != "SUPPLIES":
            continue
        evs = sorted(mirror_mod.reports(g, a.get("id")), key=lambda e: (e.get("published") or "", e.get("doc_id") or ""))
        rows.append({
            "supplier": g.nodes[s].get("name", s), "recipient": g.nodes[t].get("name", t),
            "weapon": a.get("weapon") or a.get("weapon_id") or "", "status": a.get("status", ""),
            "quantity": list(dict.fromkeys(e["quantity_text"] for e in evs if e.get("quantity_text"))),
            "first_event": a.get("first_event", ""), "last_event": a.get("last_event", ""),
            "first_reported": a.get("first_reported", ""), "last_reported": a.get("last_reported", ""),
            "documents": [documents.get(d, {}).get("name", d) for d in a.get("docs", ())],
            "sources": [documents.get(d, {}).get("name", d) for d in a.get("sources", a.get("docs", ()))],
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
        return ("\n".join(cypher_dump.cypher_dump(h)) + "\n").encode("utf-8"), counts
    return {"graphml": graphml, "gexf": gexf, "json": node_link}[fmt](h), counts
