"""Helpers shared by test modules."""
from __future__ import annotations

import networkx as nx

from graph import mirror


def mirror_diff(a: nx.MultiDiGraph, b: nx.MultiDiGraph) -> list[str]:
    """Differences between two mirrors (empty when they hold the same nodes, edges, documents,
    evidence and values)."""
    a, b = mirror.with_provenance(a), mirror.with_provenance(b)
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
