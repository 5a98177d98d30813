"""The writer the benchmark compares the store with: one transaction per relation.

It writes with graph/store.py itself (the same statements, so the database ends up the same), but
each reported relation on its own: the relation's document, its entities and their structural
links, the fact, its evidence and claim, one small transaction each time. That is what a first
version of a loader usually does; the store instead sends thousands of rows per statement.
"""
from __future__ import annotations

from collections.abc import Iterable

from graph.model import GraphData
from graph.store import Store


def single(graph: GraphData, index: int) -> GraphData:
    """The part of a graph one relation needs: its document, its entities and their links."""
    rel = graph.relations[index]
    doc = next(d for d in graph.documents if d.id == rel.evidence.doc_id)
    g = GraphData(documents=[doc], relations=[rel])
    ids = {x for x in (rel.source, rel.target, rel.weapon, rel.claimed_by) if x}
    for link in graph.links:
        if link.source in ids or link.target in ids:
            ids.update((link.source, link.target))
    for node_id in ids:
        g.add_node(graph.nodes[node_id])
    for link in graph.links:
        if link.source in ids and link.target in ids:
            for doc_id in graph.link_docs.get(link) or {None}:
                g.add_link(link, doc_id if doc_id == doc.id else None)
    return g


def write(store: Store, graphs: Iterable[GraphData], limit: int | None = None) -> dict:
    """Write every relation of the graphs in its own transaction (at most `limit` relations);
    return the server's counters and the number of transactions."""
    totals = {"relationships_created": 0, "nodes_created": 0, "properties_set": 0, "transactions": 0}
    for graph in graphs:
        for i in range(len(graph.relations)):
            if limit is not None and totals["transactions"] >= limit:
                return totals
            counters = store.write(single(graph, i))
            for key in ("relationships_created", "nodes_created", "properties_set"):
                totals[key] += counters.get(key, 0)
            totals["transactions"] += 1
    return totals
