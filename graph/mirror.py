"""The networkx mirror: the graph Neo4j holds, as a plain nx.MultiDiGraph for offline work.

- **Nodes** are the entities, keyed by id, with attribute `label` (the kind), the stored
  properties, and `docs` (the documents that mention the entity).
- **Edges** are the facts and the structural links, with attribute `type` and the stored
  properties. A fact's totals (`docs`, `claimed_by`, `evidence_count`, first and last report)
  follow graph/facts.py. An edge is keyed by its type, which is unique between two nodes; facts
  of types with key properties (SUPPLIES: weapon, status) are keyed by their id.
- **Provenance** lives beside the graph, not in it, in `g.graph` (networkx's place for data
  about the graph as a whole, copied and pickled with it):
  - `g.graph["documents"]`: document id -> its properties (a wire copy's `copy_of` is Neo4j's
    COPY_OF relationship, graph/copies.py);
  - `g.graph["evidence"]`: fact id -> its reports, `Evidence` records (fields from schema.yaml).
  Neo4j's IN_DOCUMENT and CLAIMED_BY relationships are the records' `doc_id` and
  `claimed_by_id`; `reports()` joins them back where a command needs them.
- Also in `g.graph`: `stamp` (the store generation shown) and `offline` (rows of the documents
  only the mirror holds, graph/sync.py).

Any networkx code may read and change the graph; a reader's cached index (`_armsgraph...` keys of
`g.graph`) is dropped by the writes here (`changed`).
"""
from __future__ import annotations

from collections import namedtuple
from collections.abc import Iterable

import networkx as nx

from graph import copies, facts
from graph import rows as rows_mod
from graph import schema as schema_mod
from graph.model import GraphData

_EVIDENCE_PROPS = [p for p in schema_mod.load().nodes["Evidence"].properties if p != "fact_id"]
# One report of a fact (an Evidence node of Neo4j without its fact_id, the key it is filed under):
# a record, not a dict, since a mirror holds hundreds of thousands of them.
Evidence = namedtuple("Evidence", ["id", *_EVIDENCE_PROPS], defaults=[None] * len(_EVIDENCE_PROPS))


def evidence_props(fact_id: str, ev: Evidence) -> dict:
    """An Evidence record as Neo4j holds its node's properties (no None values)."""
    return {"fact_id": fact_id, **{k: v for k, v in ev._asdict().items() if v is not None}}


def as_evidence(props: dict) -> Evidence:
    """The record of an Evidence node's properties (fact_id, and properties of no known field, left out)."""
    return Evidence(**{k: v for k, v in props.items() if k in Evidence._fields})


def documents(g: nx.MultiDiGraph) -> dict[str, dict]:
    """Document id -> its properties."""
    return g.graph.setdefault("documents", {})


def evidence(g: nx.MultiDiGraph) -> dict[str, list[Evidence]]:
    """Fact id -> its reports."""
    return g.graph.setdefault("evidence", {})


def reports(g: nx.MultiDiGraph, fact_id: str) -> list[dict]:
    """A fact's reports as Neo4j's Evidence properties, each with `document`: its document's name."""
    docs = documents(g)
    return [{**evidence_props(fact_id, ev), "document": docs.get(ev.doc_id, {}).get("name", ev.doc_id)}
            for ev in evidence(g).get(fact_id, ())]


def edge_key(rel_type: str, props: dict) -> str:
    """The key of a relationship between its two nodes: its type (Neo4j MERGEs one of each type
    there; a fact of a type without key properties is one per type and ends), except for facts of
    types with key properties (SUPPLIES: weapon, status), keyed by their id."""
    spec = schema_mod.load().relations.get(rel_type)
    return props.get("id") if spec is not None and spec.key else rel_type


def elements(g: nx.MultiDiGraph) -> tuple[dict[str, set], dict[str, set]]:
    """The nodes (label -> ids) and relationships (type -> keys) of the Neo4j graph the mirror
    stands for: entities (also under `Entity`), documents and evidence; facts, structural links,
    and each report's IN_DOCUMENT and CLAIMED_BY."""
    nodes: dict[str, set] = {}
    rels: dict[str, set] = {}
    for n, label in g.nodes(data="label"):
        nodes.setdefault(label, set()).add(n)
        nodes.setdefault("Entity", set()).add(n)
    for s, t, k, kind in g.edges(keys=True, data="type"):
        rels.setdefault(kind, set()).add((s, t, k))
    nodes["Document"] = set(documents(g))
    if copy_links := copies.links(documents(g)):
        rels["COPY_OF"] = copy_links
    for evs in evidence(g).values():
        for ev in evs:
            nodes.setdefault("Evidence", set()).add(ev.id)
            rels.setdefault("IN_DOCUMENT", set()).add((ev.id, ev.doc_id))
            if ev.claimed_by_id:
                rels.setdefault("CLAIMED_BY", set()).add((ev.id, ev.claimed_by_id))
    return {k: v for k, v in nodes.items() if v}, rels


def counts(g: nx.MultiDiGraph) -> dict[str, dict[str, int]]:
    """Node counts by label and relationship counts by type, as Store.counts gives Neo4j's."""
    nodes, rels = elements(g)
    return {"nodes": {k: len(v) for k, v in nodes.items()}, "relationships": {k: len(v) for k, v in rels.items()}}


def relationship_count(g: nx.MultiDiGraph) -> int:
    """How many relationships Neo4j holds for this graph."""
    evs = [ev for items in evidence(g).values() for ev in items]
    return (g.number_of_edges() + len(evs) + sum(1 for ev in evs if ev.claimed_by_id)
            + len(copies.links(documents(g))))


def with_provenance(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A new graph holding all Neo4j holds: the mirror's nodes and edges, and its documents and
    evidence as nodes (labels Document, Evidence) with their IN_DOCUMENT and CLAIMED_BY edges."""
    out = nx.MultiDiGraph()
    out.add_nodes_from(g.nodes(data=True))
    out.add_edges_from(g.edges(keys=True, data=True))
    out.add_nodes_from((n, {"label": "Document", **a}) for n, a in documents(g).items())
    out.add_edges_from((d, o, "COPY_OF", {"type": "COPY_OF"}) for d, o in copies.links(documents(g)))
    for fid, evs in evidence(g).items():
        for ev in evs:
            out.add_node(ev.id, label="Evidence", **evidence_props(fid, ev))
            out.add_edge(ev.id, ev.doc_id, "IN_DOCUMENT", type="IN_DOCUMENT")
            if ev.claimed_by_id:
                out.add_edge(ev.id, ev.claimed_by_id, "CLAIMED_BY", type="CLAIMED_BY")
    return out


# -- writes ------------------------------------------------------------------------------------
def changed(g: nx.MultiDiGraph) -> None:
    """Drop what readers keep with a mirror (indexes in g.graph): called by every write here."""
    for key in [k for k in g.graph if str(k).startswith("_armsgraph")]:
        del g.graph[key]


def new() -> nx.MultiDiGraph:
    """An empty mirror."""
    g = nx.MultiDiGraph()
    documents(g)
    evidence(g)
    return g


def build(graph: GraphData) -> nx.MultiDiGraph:
    """A new mirror of one graph."""
    return apply(new(), graph)


def apply(g: nx.MultiDiGraph, graph: GraphData) -> nx.MultiDiGraph:
    """Merge a graph into the mirror with the same semantics as the Neo4j writes."""
    return apply_rows(g, rows_mod.build(graph))


def apply_rows(g: nx.MultiDiGraph, rows: rows_mod.Rows) -> nx.MultiDiGraph:
    """apply(), given the graph's rows."""
    changed(g)
    docs = documents(g)
    known_docs = {row["id"] for row in rows.documents if row["id"] in docs}
    for row in rows.documents:
        docs.setdefault(row["id"], {}).update(row)
    relinked = copies.apply(docs, rows.copies) - {row["id"] for row in rows.documents if row["id"] not in known_docs}
    _put_entities(g, rows)
    for rel_type, items in rows.links.items():
        for row in items:
            _put_link(g, row["source"], row["target"], rel_type, row["docs"])
    added = _add_evidence(g, rows, known_docs)
    for rel_type, items in rows.facts.items():
        for row in items:
            _put_fact(g, rel_type, row, added.get(row["id"]))
    _recount(g, relinked)
    return g


def _put_entities(g: nx.MultiDiGraph, rows: rows_mod.Rows) -> None:
    """Entities added, or updated as rows.merged_props says, with the documents that mention them."""
    for kind, items in rows.nodes.items():
        for row in items:
            if row["id"] not in g:
                g.add_node(row["id"], label=kind, **row["props"], id=row["id"], docs=list(row["docs"]))
                continue
            attrs = g.nodes[row["id"]]
            attrs["label"] = kind
            attrs.update(rows_mod.merged_props(attrs, row))
            attrs.update(id=row["id"], docs=rows_mod.union(attrs.get("docs"), row["docs"]))


def _put_link(g: nx.MultiDiGraph, source: str, target: str, rel_type: str, docs: list[str]) -> None:
    """A structural link added, or its documents extended."""
    if g.has_edge(source, target, rel_type):
        old = g.edges[source, target, rel_type]
        old.update(type=rel_type, docs=rows_mod.union(old.get("docs"), docs))
    else:
        g.add_edge(source, target, rel_type, type=rel_type, docs=list(docs))


def fact_key(g: nx.MultiDiGraph, rel_type: str, source: str, target: str, fact_id: str) -> str:
    """The key of a fact's edge; its id when another fact of its type holds the type's key there
    (two facts of one type between two nodes: ids of an older extractor)."""
    key = edge_key(rel_type, {"id": fact_id})
    if key != fact_id and g.has_edge(source, target, key) and g.edges[source, target, key].get("id") != fact_id:
        return fact_id
    return key


def _add_evidence(g: nx.MultiDiGraph, rows: rows_mod.Rows, known_docs: set[str]) -> dict[str, dict]:
    """File the new reports under their facts; return the totals of those added, by fact. A report
    of a document the mirror held before may be there already (a document is new when its id is:
    an evidence id includes its document's)."""
    table = evidence(g)
    added: dict[str, list[dict]] = {}
    for row in rows.evidence:
        props = row["props"]
        fid = props["fact_id"]
        reports = table.get(fid)
        if reports is None:
            table[fid] = [as_evidence(props)]
        elif row["doc_id"] in known_docs and any(ev.id == row["id"] for ev in reports):
            continue
        else:
            reports.append(as_evidence(props))
        added.setdefault(fid, []).append(props)
    return {fid: facts.totals(copies.originals(documents(g), props)) for fid, props in added.items()}


def _put_fact(g: nx.MultiDiGraph, rel_type: str, row: dict, added: dict | None) -> None:
    """A fact's edge, created with its totals unless the mirror has it; else the totals of the
    reports added now folded into its own (facts.merge: no fact's whole evidence is read again, so
    loading document by document stays linear)."""
    key = fact_key(g, rel_type, row["source"], row["target"], row["id"])
    if not g.has_edge(row["source"], row["target"], key):
        if added is None or added["evidence_count"] != len(evidence(g).get(row["id"], ())):
            added = fact_totals(g, row["id"], evidence(g).get(row["id"], ()))
        g.add_edge(row["source"], row["target"], key, type=rel_type, id=row["id"], **row["props"], **added)
    elif added is not None:
        attrs = g.edges[row["source"], row["target"], key]
        _set_totals(attrs, facts.merge(attrs, added))


def fact_totals(g: nx.MultiDiGraph, fact_id: str, reports: list[Evidence]) -> dict:
    """A fact's totals from these of its reports (graph/facts.py), each document counted as its original."""
    return facts.totals(copies.originals(documents(g), (evidence_props(fact_id, ev) for ev in reports)))


def _recount(g: nx.MultiDiGraph, docs: set[str]) -> None:
    """The totals of the facts of documents whose original changed, computed again."""
    ends = [n for n, named in g.nodes(data="docs") if named and not docs.isdisjoint(named)] if docs else []
    for _, _, attrs in g.out_edges(ends, data=True):
        reports = evidence(g).get(attrs.get("id"), ()) if attrs.get("type") in schema_mod.load().relations else ()
        if any(ev.doc_id in docs for ev in reports):
            _set_totals(attrs, fact_totals(g, attrs["id"], reports))


def _set_totals(attrs: dict, total: dict) -> None:
    for name in facts.DATES:
        attrs.pop(name, None)
    attrs.update(total)


def remove_document(g: nx.MultiDiGraph, doc_id: str) -> bool:
    """Remove a document and what only it supported (remove_documents); whether the mirror held it."""
    return bool(remove_documents(g, [doc_id]))


def remove_documents(g: nx.MultiDiGraph, doc_ids: Iterable[str]) -> list[str]:
    """Remove documents and what only they supported, as Store._remove does, to the end of removing
    them in turn: reports, facts left without any (others' totals recomputed), links and entities no
    document states or mentions; copies promoted. One pass over the graph for them all. Return those
    the mirror held, in order."""
    docs = documents(g)
    gone = [d for d in dict.fromkeys(doc_ids) if d in docs]
    if not gone:
        return gone
    changed(g)
    ids = set(gone)
    stored_copies = [{"id": d, "published": a.get("published"), "copy_of": a["copy_of"]}
                     for d, a in docs.items() if a.get("copy_of") in ids]
    relinked = copies.apply(docs, copies.promoted_in_turn(gone, stored_copies))
    mentioned = [n for n, named in g.nodes(data="docs") if named and not ids.isdisjoint(named)]
    for s, t, k, attrs in [edge for n in mentioned for edge in g.out_edges(n, keys=True, data=True)]:
        _release_edge(g, ids, (s, t, k), attrs)
    for n in mentioned:
        attrs = g.nodes[n]
        attrs["docs"] = [d for d in attrs["docs"] if d not in ids]
        if not attrs["docs"]:
            g.remove_node(n)
    for d in gone:
        del docs[d]
    _recount(g, relinked)
    return gone


def _release_edge(g: nx.MultiDiGraph, doc_ids: set[str], edge: tuple, attrs: dict) -> None:
    """A fact without the documents' reports (gone when none is left), a link without the documents."""
    schema = schema_mod.load()
    kind = attrs.get("type")
    if kind in schema.relations:
        fid, table = attrs.get("id"), evidence(g)
        reports = table.get(fid) or ()
        if not any(ev.doc_id in doc_ids for ev in reports):
            return
        left = [ev for ev in reports if ev.doc_id not in doc_ids]
        if left:
            table[fid] = left
            _set_totals(attrs, fact_totals(g, fid, left))
        else:
            del table[fid]
            g.remove_edge(*edge)
    elif kind in schema.structural and not doc_ids.isdisjoint(attrs.get("docs", ())):
        attrs["docs"] = [d for d in attrs["docs"] if d not in doc_ids]
        if not attrs["docs"]:
            g.remove_edge(*edge)
