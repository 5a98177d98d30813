"""Flatten a GraphData into the rows both stores apply (Neo4j by UNWIND, networkx in Python)."""
from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from graph import schema as schema_mod
from graph.model import GraphData


def clean(props: dict) -> dict:
    """Drop None values: Neo4j does not store nulls, so neither does the mirror."""
    return {k: v for k, v in props.items() if v is not None}


@dataclass(slots=True)
class Rows:
    """Everything one write applies, grouped by label or relationship type; `copies`: the copy
    links it sets, {"id": document, "copy_of": its original or None} (graph/copies.py)."""

    documents: list[dict] = field(default_factory=list)
    nodes: dict[str, list[dict]] = field(default_factory=lambda: defaultdict(list))
    links: dict[str, list[dict]] = field(default_factory=lambda: defaultdict(list))
    facts: dict[str, list[dict]] = field(default_factory=lambda: defaultdict(list))
    evidence: list[dict] = field(default_factory=list)
    claims: list[dict] = field(default_factory=list)
    copies: list[dict] = field(default_factory=list)

    @property
    def size(self) -> int:
        return (len(self.documents) + sum(map(len, self.nodes.values())) + sum(map(len, self.links.values()))
                + sum(map(len, self.facts.values())) + len(self.evidence) + len(self.claims) + len(self.copies))


def keeps_stored(props: dict) -> bool:
    """The rule both stores follow when an entity is written again: an entity of the vocabularies
    takes the vocabulary's properties (the same in every document read by one version); an entity
    discovered in the text (an official the vocabularies lack) keeps the properties it was first
    stored with, and a later document only adds those it lacks. Two articles that give one
    spokesman different roles thus leave the first role in Neo4j and in the mirror alike, in
    whatever batches, order of transactions or interrupted loads they arrive."""
    return bool(props.get("discovered"))


def merged_props(stored: dict, row: dict) -> dict:
    """The properties an entity row sets on a stored entity (see keeps_stored)."""
    if row.get("keep"):
        return {k: v for k, v in row["props"].items() if stored.get(k) is None}
    return row["props"]


def as_json(rows: Rows) -> dict:
    """The rows as plain JSON values (the mirror file keeps those of documents only it holds)."""
    return {"documents": rows.documents, "nodes": dict(rows.nodes), "links": dict(rows.links),
            "facts": dict(rows.facts), "evidence": rows.evidence, "claims": rows.claims, "copies": rows.copies}


def from_json(data: dict) -> Rows:
    """Rows from as_json()'s values."""
    rows = Rows(documents=list(data.get("documents", ())), evidence=list(data.get("evidence", ())),
                claims=list(data.get("claims", ())), copies=list(data.get("copies", ())))
    for name in ("nodes", "links", "facts"):
        getattr(rows, name).update(data.get(name) or {})
    return rows


def combine(parts: Iterable[Rows]) -> Rows:
    """The rows of several documents' rows together, as build() gives them for their graphs
    together: an entity, link or fact once (the first one's properties; its documents all of
    theirs), reports and claims as they are."""
    out = Rows()
    merged: dict[tuple, tuple[dict, set[str]]] = {}  # key -> (its row, the documents naming it: sorted at the end)
    seen_facts: set[str] = set()
    seen_evidence: set[str] = set()

    def merge(table: dict, name: str, key: tuple, row: dict) -> None:
        if (had := merged.get(key)) is None:
            row = {**row}
            merged[key] = (row, set(row["docs"]))
            table[name].append(row)
        else:
            had[1].update(row["docs"])

    for rows in parts:
        out.documents.extend(rows.documents)
        out.copies.extend(rows.copies)
        for kind, items in rows.nodes.items():
            for row in items:
                merge(out.nodes, kind, ("node", row["id"]), row)
        for rel_type, items in rows.links.items():
            for row in items:
                merge(out.links, rel_type, (rel_type, row["source"], row["target"]), row)
        for rel_type, items in rows.facts.items():
            fresh = [row for row in items if row["id"] not in seen_facts]
            seen_facts.update(row["id"] for row in fresh)
            out.facts[rel_type].extend(fresh)
        known = {row["id"] for row in rows.evidence if row["id"] in seen_evidence}  # (a text read twice)
        out.evidence.extend(row for row in rows.evidence if row["id"] not in known)
        out.claims.extend(claim for claim in rows.claims if claim["evidence"] not in known)
        seen_evidence.update(row["id"] for row in rows.evidence)
    for row, docs in merged.values():
        row["docs"] = sorted(docs)
    return out


def build(graph: GraphData) -> Rows:
    """Rows for one or more documents' graph; ids and properties exactly as stored."""
    schema = schema_mod.load()
    rows = Rows()
    doc_dates = {d.id: d.published for d in graph.documents}
    for doc in graph.documents:
        rows.documents.append(clean(doc.props()))

    node_docs = graph.node_docs()
    for node in graph.nodes.values():
        schema.node_label(node.kind)
        props = clean({**node.props, "name": node.name, "kind": node.kind})
        rows.nodes[node.kind].append({"id": node.id, "props": props, "keep": keeps_stored(props),
                                      "docs": sorted(node_docs.get(node.id, ()))})

    for link in graph.links:
        schema.rel_type(link.type)
        rows.links[link.type].append({"source": link.source, "target": link.target,
                                      "docs": sorted(graph.link_docs.get(link, ()))})

    seen_facts: set[str] = set()
    seen_evidence: set[str] = set()
    for rel in graph.relations:
        spec = schema.relations[rel.type]
        fid = rel.fact_id
        source, target = rel.source, rel.target
        if spec.symmetric:
            source, target = sorted((source, target))
        if fid not in seen_facts:
            seen_facts.add(fid)
            props = {"weapon": graph.nodes[rel.weapon].name if rel.weapon else None,
                     **rel.key_props()} if rel.type == "SUPPLIES" else {}
            rows.facts[rel.type].append({"id": fid, "source": source, "target": target, "props": clean(props)})
        eid = rel.evidence_key(fid)
        if eid in seen_evidence:
            continue
        seen_evidence.add(eid)
        ev = rel.evidence
        claimer = graph.nodes[rel.claimed_by].name if rel.claimed_by else None
        props = {"id": eid, "fact_id": fid, "type": rel.type, "doc_id": ev.doc_id, "sentence": ev.sentence,
                 "start": ev.start, "end": ev.end, "claimed_by": claimer, "claimed_by_id": rel.claimed_by,
                 "published": doc_dates.get(ev.doc_id), **(rel.quantity.props() if rel.quantity else {}),
                 **(rel.event.props() if rel.event else {})}
        rows.evidence.append({"id": eid, "doc_id": ev.doc_id, "props": clean(props)})
        if rel.claimed_by:
            rows.claims.append({"evidence": eid, "actor": rel.claimed_by})
    return rows


def union(old, new) -> list:
    """Sorted `old` with the items of `new` it lacks, inserted in place: an entity named by tens of
    thousands of documents is not copied, nor merged whole, for each new one (a new sorted list when
    `old` is none)."""
    if not isinstance(old, list):
        return sorted(set(old or ()).union(new or ()))
    for item in set(new or ()):
        if not holds(old, item):
            bisect.insort(old, item)
    return old


def holds(items: list, item) -> bool:
    i = bisect.bisect_left(items, item)
    return i < len(items) and items[i] == item
