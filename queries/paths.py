"""Shortest paths between two actors, from Neo4j or from the networkx mirror, in one result shape."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from itertools import islice

import networkx as nx

from graph import mirror
from graph.period import Period
from graph.errors import InputError, NotFoundError
from queries import statements
from queries.backend import Backend

QUANTITY_KEYS = ("text", "value", "min", "max", "qualifier", "unit")


@dataclass(slots=True)
class PathSpec:
    """What path to look for: relationship types, maximum length, direction, one or all, and the
    period its facts must have a report in (open: any fact)."""

    types: list[str] = field(default_factory=list)
    max_hops: int = 6
    directed: bool = False
    all_paths: bool = False
    limit: int = 25
    evidence: int = statements.EVIDENCE_PER_RELATION
    period: Period = field(default_factory=Period)

    def __post_init__(self) -> None:
        self.types = statements.path_types(self.types)
        statements.check_hops(self.max_hops)


@dataclass(slots=True)
class Hop:
    """One step of a path: from node `a` to node `b`, and every relationship between them."""

    a: str
    b: str
    relations: list[dict]


@dataclass(slots=True)
class Path:
    """A sequence of nodes and the hops between them."""

    nodes: list[dict]
    hops: list[Hop]

    @property
    def length(self) -> int:
        return len(self.hops)


@dataclass(slots=True)
class PathResult:
    """The paths found, and where they were found."""

    source: dict
    target: dict
    spec: PathSpec
    backend: str
    note: str | None
    paths: list[Path]

    def as_dict(self) -> dict:
        """JSON-ready: the same data the human output shows, and every relationship of each hop."""
        return {"from": self.source, "to": self.target, "source": self.backend, "note": self.note,
                "directed": self.spec.directed, "max_hops": self.spec.max_hops, "types": self.spec.types,
                "all": self.spec.all_paths, "since": self.spec.period.since or None,
                "until": self.spec.period.until or None,
                "paths": [{"length": p.length, "nodes": p.nodes, "hops": [asdict(h) for h in p.hops]}
                          for p in self.paths]}


def _number(v):
    return int(v) if isinstance(v, float) and v.is_integer() else v


def quantity(raw: dict) -> dict:
    """A quantity map with only the fields that are set ({text, value, min, max, qualifier, unit})."""
    out = {}
    for key in QUANTITY_KEYS:
        value = raw.get(key, raw.get(f"quantity_{key}"))
        if value is not None:
            out[key] = _number(value)
    return out


def relation(rel_type: str, source: str, target: str, props: dict, quantities: list[dict],
             evidence: list[dict]) -> dict:
    """One relationship of a hop, the same whichever store it came from."""
    qs = []
    for q in map(quantity, quantities):
        if q and q not in qs:
            qs.append(q)
    return {"type": rel_type, "id": props.get("id"), "source": source, "target": target,
            "weapon": props.get("weapon"), "status": props.get("status"), "quantities": qs,
            "claimed_by": list(props.get("claimed_by") or []), "docs": list(props.get("docs") or []),
            "evidence_count": props.get("evidence_count", 0),
            "first_reported": props.get("first_reported"), "last_reported": props.get("last_reported"),
            "evidence": [{k: v for k, v in e.items() if v is not None} for e in evidence]}


def _support(rel: dict) -> tuple:
    return (-(rel["evidence_count"] or 0), -len(rel["docs"]), rel["type"], rel["weapon"] or "", rel["status"] or "")


def _pairs(sequences: list[list[str]]) -> list[tuple[str, str]]:
    return list(dict.fromkeys((s[i], s[i + 1]) for s in sequences for i in range(len(s) - 1)))


def _assemble(sequences, relations: dict[tuple[str, str], list[dict]], nodes: dict[str, dict]) -> list[Path]:
    out = []
    for seq in sequences:
        hops = [Hop(a, b, sorted(relations.get((a, b), []), key=_support)) for a, b in zip(seq, seq[1:])]
        out.append(Path([nodes[n] for n in seq], hops))
    return out


def from_neo4j(store, a: str, b: str, spec: PathSpec) -> tuple[list[list[str]], dict]:
    """Node-id sequences of the shortest paths in Neo4j, and the relationships of each hop."""
    query = statements.shortest_paths(spec.types, spec.max_hops, spec.directed, spec.all_paths,
                                      dated=not spec.period.open)
    dates = spec.period.params() if not spec.period.open else {}
    sequences = [r["ids"] for r in store.read(query, a=a, b=b, limit=spec.limit, **dates)]
    relations: dict[tuple[str, str], list[dict]] = {}
    pairs = _pairs(sequences)
    if pairs:
        rows = store.read(statements.hop_relations(spec.directed), pairs=[list(p) for p in pairs],
                          types=spec.types, evidence=spec.evidence, **spec.period.params())
        for r in rows:
            relations.setdefault((r["a"], r["b"]), []).append(
                relation(r["type"], r["source"], r["target"], r["props"], r["quantities"], r["evidence"]))
    return sequences, relations


class _MirrorIndex:
    """What path lookups need from a mirror, made in one pass and kept with the graph (in g.graph,
    dropped by every write of graph/mirror.py, and checked against the number of nodes): the path view per
    (types, direction), each pair's relationships in edge order."""

    KEY = "_armsgraph_paths"

    def __init__(self, g: nx.MultiDiGraph):
        self.g, self.size = g, g.number_of_nodes()  # (counting edges would walk them all)
        self.views: dict[tuple, nx.Graph] = {}
        self.pairs: dict[tuple[str, str], list[tuple[int, str, str, dict]]] = {}
        for n, (s, t, attrs) in enumerate(g.edges(data=True)):
            self.pairs.setdefault((s, t), []).append((n, s, t, attrs))

    @classmethod
    def of(cls, g: nx.MultiDiGraph) -> "_MirrorIndex":
        got = g.graph.get(cls.KEY)
        if got is None or got.g is not g or got.size != g.number_of_nodes():
            got = g.graph[cls.KEY] = cls(g)
        return got

    def view(self, types: set[str], directed: bool, period: Period = Period()) -> nx.Graph:
        key = (tuple(sorted(types)), directed, period)
        if key not in self.views:
            view = nx.DiGraph() if directed else nx.Graph()
            for s, t, attrs in self.g.edges(data=True):
                if attrs.get("type") in types and dated(self.g, attrs, period):
                    view.add_edge(s, t)
            self.views[key] = view
        return self.views[key]


def dated(g: nx.MultiDiGraph, attrs: dict, period: Period) -> bool:
    """Whether an edge is a structural link or a fact with a report in the period (any, when open)."""
    if period.open or attrs.get("id") is None:
        return True
    return any(period.holds(mirror.evidence_props(attrs["id"], ev)) for ev in mirror.evidence(g).get(attrs["id"], ()))


def _reports(g: nx.MultiDiGraph, fact_ids: set[str]) -> dict[str, list[dict]]:
    """Each fact's reports, those with a claimant and a quantity first."""
    return {fid: sorted(mirror.reports(g, fid), key=lambda e: (e.get("claimed_by") is None,
                        e.get("quantity_text") is None, e["document"] or "", e.get("start", 0)))
            for fid in fact_ids}


def from_mirror(g: nx.MultiDiGraph, a: str, b: str, spec: PathSpec) -> tuple[list[list[str]], dict]:
    """The same as from_neo4j, computed on the networkx mirror."""
    types = set(spec.types)
    index = _MirrorIndex.of(g)
    view = index.view(types, spec.directed, spec.period)
    if a not in view or b not in view:
        return [], {}
    try:
        if spec.all_paths:
            sequences = sorted(islice(nx.all_shortest_paths(view, a, b), 1000))[: spec.limit]
        else:
            sequences = [nx.shortest_path(view, a, b)]
    except nx.NetworkXNoPath:
        return [], {}
    sequences = [s for s in sequences if len(s) - 1 <= spec.max_hops]
    wanted = set(_pairs(sequences))
    found = []  # in edge order, as a scan of g.edges would find them
    for pair in wanted:
        for ends in ((pair, (pair[1], pair[0])) if not spec.directed else (pair,)):
            for n, s, t, attrs in index.pairs.get(ends, ()):
                if attrs.get("type") in types and dated(g, attrs, spec.period):
                    found.append((n, pair, s, t, attrs))
    found = [x[1:] for x in sorted(found, key=lambda x: (x[0], x[1] != (x[2], x[3])))]
    reports = _reports(g, {attrs.get("id") for *_, attrs in found if attrs.get("id")})
    relations: dict[tuple[str, str], list[dict]] = {}
    for pair, s, t, attrs in found:
        evs = reports.get(attrs.get("id"), [])
        in_period = [e for e in evs if spec.period.holds(e)]
        shown = [{"sentence": e.get("sentence"), "document": e["document"], "claimed_by": e.get("claimed_by"),
                  "quantity": e.get("quantity_text")} for e in in_period[: spec.evidence]]
        props = {k: v for k, v in attrs.items() if k != "type"}
        relations.setdefault(pair, []).append(relation(attrs["type"], s, t, props, evs, shown))
    return sequences, relations


def find(backend: Backend, name_a: str, name_b: str, spec: PathSpec) -> PathResult:
    """Resolve both names and find the shortest path(s) between them (an empty list when none)."""
    a, b = backend.resolve(name_a), backend.resolve(name_b)
    if a == b:
        raise InputError(f"{name_a!r} and {name_b!r} are the same actor ({a})")
    ends = backend.entities([a, b])
    for name, node_id in ((name_a, a), (name_b, b)):
        if node_id not in ends:
            raise NotFoundError(f"{name!r} ({node_id}) is not in the graph")
    if backend.store is not None:
        sequences, relations = from_neo4j(backend.store, a, b, spec)
    else:
        sequences, relations = from_mirror(backend.graph, a, b, spec)
    nodes = backend.entities(sorted({n for s in sequences for n in s})) if sequences else {}
    return PathResult(ends[a], ends[b], spec, backend.source, backend.note, _assemble(sequences, relations, nodes))
