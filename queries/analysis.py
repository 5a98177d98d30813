"""Counts and network measures of the graph: central actors and brokers, computed on the mirror."""
from __future__ import annotations

from collections import Counter

import networkx as nx

from graph import mirror_io
from graph import mirror as mirror_mod
from graph import schema as schema_mod

SAMPLE_ABOVE = 2000  # betweenness is estimated from this many sources on larger graphs

EXPLAIN = {
    "degree": "how many other actors one is tied to directly (any relation or structural link)",
    "betweenness": "the share of shortest connections between other actors that run through it",
    "pagerank": "importance from being the target of relations from important actors",
    "brokers": ("cut points: removing them splits the actor graph into separate parts; "
                "bridges: they tie together communities (greedy modularity) that are otherwise apart"),
}


def actor_kinds() -> tuple[str, ...]:
    """The node kinds that act (appear as the source of some relation): State, Official, Agency."""
    schema = schema_mod.load()
    return tuple(k for k in schema.entity_kinds if any(k in r.source for r in schema.relations.values()))


def actor_graph(g: nx.MultiDiGraph) -> nx.DiGraph:
    """Entities joined by fact and structural relationships; weight = how many relationships."""
    schema = schema_mod.load()
    types = {*schema.relations, *schema.structural}
    kinds = set(schema.entity_kinds)
    out = nx.DiGraph()
    for s, t, a in g.edges(data=True):
        if a.get("type") in types and g.nodes[s].get("label") in kinds and g.nodes[t].get("label") in kinds:
            w = out.edges[s, t]["weight"] + 1 if out.has_edge(s, t) else 1
            out.add_edge(s, t, weight=w)
    for n in out:
        out.nodes[n].update(name=g.nodes[n].get("name", n), kind=g.nodes[n].get("label"))
    return out


def undirected(d: nx.DiGraph) -> nx.Graph:
    """The same ties without direction; weights of both directions added."""
    u = nx.Graph()
    u.add_nodes_from(d.nodes(data=True))
    for s, t, a in d.edges(data=True):
        w = u.edges[s, t]["weight"] + a["weight"] if u.has_edge(s, t) else a["weight"]
        u.add_edge(s, t, weight=w)
    return u


def pagerank(d: nx.DiGraph, alpha: float = 0.85, tol: float = 1e-10, max_iter: int = 200) -> dict[str, float]:
    """Weighted PageRank by power iteration (networkx's own needs scipy)."""
    n = len(d)
    if not n:
        return {}
    out_w = {u: sum(a["weight"] for _, _, a in d.out_edges(u, data=True)) for u in d}
    rank = dict.fromkeys(d, 1.0 / n)
    for _ in range(max_iter):
        dangling = alpha * sum(rank[u] for u in d if not out_w[u]) / n
        new = dict.fromkeys(d, (1.0 - alpha) / n + dangling)
        for s, t, a in d.edges(data=True):
            new[t] += alpha * rank[s] * a["weight"] / out_w[s]
        done = sum(abs(new[u] - rank[u]) for u in d) < n * tol
        rank = new
        if done:
            break
    return rank


def _entry(u: nx.Graph, node: str, **values) -> dict:
    return {"id": node, "name": u.nodes[node]["name"], "kind": u.nodes[node]["kind"], **values}


def central(d: nx.DiGraph, top: int = 10) -> dict[str, list[dict]]:
    """The top actors by degree, betweenness and PageRank."""
    u = undirected(d)
    actors = [n for n in u if u.nodes[n]["kind"] in actor_kinds()]
    sample = min(len(u), 500) if len(u) > SAMPLE_ABOVE else None
    between = nx.betweenness_centrality(u, k=sample, seed=0) if len(u) > 2 else dict.fromkeys(u, 0.0)
    ranks = pagerank(d)
    measures = {"degree": lambda n: u.degree(n), "betweenness": between.get, "pagerank": ranks.get}
    out = {}
    for name, score in measures.items():
        best = sorted(actors, key=lambda n: (-score(n), u.nodes[n]["name"]))[:top]
        out[name] = [_entry(u, n, score=round(score(n), 6) if name != "degree" else score(n),
                            relations=int(u.degree(n, weight="weight"))) for n in best]
    return out


def communities(u: nx.Graph) -> dict[str, int]:
    """Node -> community number (greedy modularity; largest community first)."""
    if u.number_of_edges() == 0:
        return {n: i for i, n in enumerate(u)}
    groups = nx.algorithms.community.greedy_modularity_communities(u, weight="weight")
    return {n: i for i, group in enumerate(groups) for n in group}


def brokers(d: nx.DiGraph, top: int = 10) -> list[dict]:
    """Actors that are cut points of the actor graph or tie several communities together."""
    u = undirected(d)
    kinds = actor_kinds()
    community = communities(u)
    sizes = Counter(community.values())
    leader = {}
    for n in sorted(u, key=lambda n: (-u.degree(n), u.nodes[n]["name"])):
        leader.setdefault(community[n], u.nodes[n]["name"])
    cuts = set(nx.articulation_points(u)) if len(u) > 2 else set()
    out = []
    for n in u:
        if u.nodes[n]["kind"] not in kinds:
            continue
        linked = sorted({community[m] for m in u[n]} | {community[n]})
        parts = []
        if n in cuts:
            rest = u.subgraph(m for m in nx.node_connected_component(u, n) if m != n)
            parts = sorted((len(c) for c in nx.connected_components(rest)), reverse=True)
        if parts or len(linked) > 1:
            out.append(_entry(u, n, cut_point=bool(parts), separates=parts,
                              communities=[f"{leader[c]} ({sizes[c]})" for c in linked]))
    out.sort(key=lambda e: (-(sum(e["separates"][1:]) if e["separates"] else 0), -len(e["communities"]), e["name"]))
    return out[:top]


def stats(g: nx.MultiDiGraph, top: int = 10) -> dict:
    """Central actors and brokers of a mirror graph."""
    d = actor_graph(g)
    return {"central": central(d, top), "brokers": brokers(d, top), "actors": d.number_of_nodes(),
            "ties": undirected(d).number_of_edges(), "explain": EXPLAIN}


def report(backend, top: int = 10) -> dict:
    """What `stats` shows of a queries.backend.Backend: node and relationship counts (from Neo4j, or
    the mirror), central actors and brokers (networkx on the actor graph), where they came from."""
    if backend.store is not None:
        numbers, graph = backend.store.counts(), mirror_io.from_store(backend.store)
    else:
        numbers, graph = mirror_mod.counts(backend.graph), backend.graph
    numbers["nodes"].pop("Entity", None)
    return {"source": backend.source, "note": backend.note, **numbers, **stats(graph, top)}
