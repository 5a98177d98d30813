"""The networkx mirror: the same nodes, relationships and properties as Neo4j, for offline work.

Nodes are keyed by id with attributes `label` (the node kind) and the stored properties;
edges are keyed by a stable key with attributes `type` and the stored properties.
"""
from __future__ import annotations

import gzip
import json
import os
import tempfile
from pathlib import Path

import networkx as nx

from graph import rows as rows_mod
from graph import schema as schema_mod
from graph.errors import InputError
from graph.model import GraphData

FORMAT = "armsgraph-mirror/1"


def edge_key(rel_type: str, source: str, target: str, props: dict) -> str:
    """Facts are keyed by their id, other relationships by type and ends."""
    return props.get("id") if rel_type in schema_mod.load().relations else f"{rel_type}:{source}:{target}"


def _union(old, new) -> list:
    return sorted(set(old or ()) | set(new or ()))


def changed(g: nx.MultiDiGraph) -> None:
    """Drop what readers keep with a mirror (indexes in g.graph): call after changing it."""
    for key in [k for k in g.graph if str(k).startswith("_armsgraph")]:
        del g.graph[key]


def apply(g: nx.MultiDiGraph, graph: GraphData) -> nx.MultiDiGraph:
    """Merge a graph into the mirror with the same semantics as the Neo4j writes."""
    changed(g)
    rows = rows_mod.build(graph)
    for row in rows.documents:
        g.add_node(row["id"], label="Document")
        g.nodes[row["id"]].update(row)
    for kind, items in rows.nodes.items():
        for row in items:
            g.add_node(row["id"], label=kind)
            attrs = g.nodes[row["id"]]
            attrs.update(row["props"])
            attrs.update(id=row["id"], docs=_union(attrs.get("docs"), row["docs"]))
    for rel_type, items in rows.links.items():
        for row in items:
            key = edge_key(rel_type, row["source"], row["target"], {})
            old = g.edges[row["source"], row["target"], key] if g.has_edge(row["source"], row["target"], key) else {}
            g.add_edge(row["source"], row["target"], key, type=rel_type, docs=_union(old.get("docs"), row["docs"]))
    created: set[str] = set()
    for rel_type, items in rows.facts.items():
        for row in items:
            if not g.has_edge(row["source"], row["target"], row["id"]):
                g.add_edge(row["source"], row["target"], row["id"], type=rel_type, id=row["id"], **row["props"])
                created.add(row["id"])
    added: list[dict] = []   # evidence this apply adds
    known: set[str] = set()  # facts with evidence the mirror already held
    for row in rows.evidence:
        if row["id"] not in g:
            g.add_node(row["id"], label="Evidence", **row["props"])
            added.append(g.nodes[row["id"]])
        else:
            known.add(row["props"]["fact_id"])
        g.add_edge(row["id"], row["doc_id"], f"IN_DOCUMENT:{row['id']}:{row['doc_id']}", type="IN_DOCUMENT")
    for row in rows.claims:
        g.add_edge(row["evidence"], row["actor"], f"CLAIMED_BY:{row['evidence']}:{row['actor']}", type="CLAIMED_BY")
    _fold(g, rows, added, skip=created & known)
    if created & known:  # a new fact edge over evidence the mirror already held: recompute (rare)
        refresh(g, created & known)
    return g


def _fold(g: nx.MultiDiGraph, rows: rows_mod.Rows, added: list[dict], skip: set[str]) -> None:
    """What refresh() computes for the facts of `rows`, without a scan of the whole mirror: each
    fact's aggregates (kept up to date by every earlier write) folded with the evidence added now.
    Loading document by document stays linear instead of quadratic."""
    by_fact: dict[str, list[dict]] = {}
    for ev in added:
        by_fact.setdefault(ev["fact_id"], []).append(ev)
    for items in rows.facts.values():
        for row in items:
            evs = by_fact.get(row["id"])
            if not evs or row["id"] in skip:
                continue
            attrs = g.edges[row["source"], row["target"], row["id"]]
            dates = [e["date"] for e in evs if e.get("date")]
            dates += [attrs[k] for k in ("first_reported", "last_reported") if attrs.get(k)]
            attrs.update(docs=_union(attrs.get("docs"), [e["doc_id"] for e in evs]),
                         claimed_by=_union(attrs.get("claimed_by"), [e["claimed_by"] for e in evs if e.get("claimed_by")]),
                         evidence_count=attrs.get("evidence_count", 0) + len(evs))
            for name, value in (("first_reported", min(dates, default=None)), ("last_reported", max(dates, default=None))):
                if value is None:
                    attrs.pop(name, None)
                else:
                    attrs[name] = value


def refresh(g: nx.MultiDiGraph, fact_ids: set[str]) -> None:
    """Recompute facts' evidence-derived properties, as cypher.refresh_facts does."""
    evidence: dict[str, list[dict]] = {}
    for _, attrs in g.nodes(data=True):
        if attrs.get("label") == "Evidence" and attrs["fact_id"] in fact_ids:
            evidence.setdefault(attrs["fact_id"], []).append(attrs)
    for s, t, key, attrs in list(g.edges(keys=True, data=True)):
        if key not in fact_ids:
            continue
        evs = evidence.get(key, [])
        if not evs:
            g.remove_edge(s, t, key)
            continue
        dates = [e["date"] for e in evs if e.get("date")]
        attrs.update(docs=sorted({e["doc_id"] for e in evs}),
                     claimed_by=sorted({e["claimed_by"] for e in evs if e.get("claimed_by")}),
                     evidence_count=len(evs))
        for name, value in (("first_reported", min(dates, default=None)), ("last_reported", max(dates, default=None))):
            if value is None:
                attrs.pop(name, None)
            else:
                attrs[name] = value


def build(graph: GraphData) -> nx.MultiDiGraph:
    """A new mirror of one graph."""
    return apply(nx.MultiDiGraph(), graph)


def from_records(nodes: list[dict], rels: list[dict]) -> nx.MultiDiGraph:
    """Build the mirror from Neo4j records (see Store.dump).

    Neo4j reads committed data statement by statement: a load committing between the node and the
    relationship reads can add relationships whose ends were not read. They are left out (the load
    that wrote them also brings their nodes) rather than creating bare nodes.
    """
    schema = schema_mod.load()
    g = nx.MultiDiGraph()
    for rec in nodes:
        kinds = [lb for lb in rec["labels"] if lb in schema.nodes]
        g.add_node(rec["props"]["id"], label=kinds[0] if kinds else None, **rec["props"])
    for rec in rels:
        if rec["source"] not in g or rec["target"] not in g:
            continue
        key = edge_key(rec["type"], rec["source"], rec["target"], rec["props"])
        g.add_edge(rec["source"], rec["target"], key, type=rec["type"], **rec["props"])
    return g


def from_store(store) -> nx.MultiDiGraph:
    """Read the whole graph back from Neo4j."""
    return from_records(*store.dump())


def check_writable(path: Path) -> None:
    """InputError now, before a long load or a removal, when the mirror file could not be saved."""
    path = Path(path)
    if path.exists() and not path.is_file():  # a directory, a device (/dev/null), a pipe: never replaced
        raise InputError(f"cannot write the mirror {path}: not a regular file")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=path.parent):
            pass
    except OSError as exc:
        raise InputError(f"cannot write the mirror {path}: {(exc.strerror or str(exc)).lower()}") from exc


def save(g: nx.MultiDiGraph, path: Path) -> Path:
    """Write the mirror as (gzipped, when the name ends in .gz) JSON."""
    path = Path(path)
    check_writable(path)
    data = {"format": FORMAT,
            "nodes": [{"key": n, **a} for n, a in g.nodes(data=True)],
            "edges": [{"source": s, "target": t, "key": k, **a} for s, t, k, a in g.edges(keys=True, data=True)]}
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # a temporary file of its own: two loads saving at once must not write into or rename each other's
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            os.fchmod(fh.fileno(), path.stat().st_mode & 0o777 if path.exists() else 0o644)
            fh.write(gzip.compress(raw, 6, mtime=0) if path.suffix == ".gz" else raw)
        os.replace(tmp, path)
    except OSError as exc:
        raise InputError(f"cannot write the mirror {path}: {(exc.strerror or str(exc)).lower()}") from exc
    finally:
        if tmp is not None and os.path.exists(tmp):
            os.unlink(tmp)
    return path


def load(path: Path) -> nx.MultiDiGraph:
    """Read a mirror file written by save()."""
    path = Path(path)
    try:
        raw = path.read_bytes()
        data = json.loads(gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw)
    except FileNotFoundError as exc:
        raise InputError(f"{path}: no saved mirror (run `cli.py load` first)") from exc
    except (OSError, ValueError, EOFError) as exc:
        raise InputError(f"{path}: not a mirror file ({exc.__class__.__name__})") from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InputError(f"{path}: not a mirror file of this version")
    g = nx.MultiDiGraph()
    for n in data["nodes"]:
        g.add_node(n.pop("key"), **n)
    for e in data["edges"]:
        g.add_edge(e.pop("source"), e.pop("target"), e.pop("key"), **e)
    return g


def remove_document(g: nx.MultiDiGraph, doc_id: str) -> bool:
    """Remove a document and what only it supported, as Store.remove_document does."""
    if doc_id not in g:
        return False
    changed(g)
    evs = [n for n, a in g.nodes(data=True) if a.get("label") == "Evidence" and a.get("doc_id") == doc_id]
    facts = {g.nodes[n]["fact_id"] for n in evs}
    g.remove_nodes_from(evs)
    refresh(g, facts)
    structural = set(schema_mod.load().structural)
    for s, t, k, a in list(g.edges(keys=True, data=True)):
        if a.get("type") in structural and doc_id in a.get("docs", ()):
            a["docs"] = [d for d in a["docs"] if d != doc_id]
            if not a["docs"]:
                g.remove_edge(s, t, k)
    for n, a in list(g.nodes(data=True)):
        if a.get("label") in schema_mod.load().entity_kinds and doc_id in a.get("docs", ()):
            a["docs"] = [d for d in a["docs"] if d != doc_id]
            if not a["docs"]:
                g.remove_node(n)
    g.remove_node(doc_id)
    return True


def equal(a: nx.MultiDiGraph, b: nx.MultiDiGraph) -> list[str]:
    """Differences between two mirrors (empty when they hold the same nodes, edges and values)."""
    diffs = []
    for n in sorted(set(a) ^ set(b)):
        diffs.append(f"node {n} only in {'first' if n in a else 'second'}")
    for n in sorted(set(a) & set(b)):
        if dict(a.nodes[n]) != dict(b.nodes[n]):
            diffs.append(f"node {n}: {dict(a.nodes[n])} != {dict(b.nodes[n])}")
    ea = {(s, t, k): d for s, t, k, d in a.edges(keys=True, data=True)}
    eb = {(s, t, k): d for s, t, k, d in b.edges(keys=True, data=True)}
    for e in sorted(set(ea) ^ set(eb)):
        diffs.append(f"edge {e} only in {'first' if e in ea else 'second'}")
    for e in sorted(set(ea) & set(eb)):
        if ea[e] != eb[e]:
            diffs.append(f"edge {e}: {ea[e]} != {eb[e]}")
    return diffs
