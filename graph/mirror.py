"""The networkx mirror: the same nodes, relationships and properties as Neo4j, for offline work.

Nodes are keyed by id with attributes `label` (the node kind) and the stored properties; edges are
keyed by their type (unique between two nodes: Neo4j MERGEs one relationship of a type there, and a
fact of a type without key properties is one per type and ends) with attributes `type` and the
stored properties; facts of types with key properties (SUPPLIES) are keyed by their id.

The mirror is a `Mirror`: an nx.MultiDiGraph for networkx algorithms and the readers, built to be
small (issue #5: at most 500 bytes per relationship). Most of it is Evidence nodes with their
IN_DOCUMENT and CLAIMED_BY relationships, so what repeats is held once:
- relationships without properties (IN_DOCUMENT, CLAIMED_BY) share one key dict and attribute dict
  per type; evidence nodes with the same document and claimant share their successor dict; nodes
  without successors or predecessors share one empty dict;
- attribute dicts (and the key dicts of relationships keyed by type) are CPython key-sharing dicts
  (PEP 412): ordinary dicts that keep one key table per kind of node or relationship, and their values;
- equal lists of relationships and entities (docs, claimed_by) are one list; an evidence's fact_id
  is the fact's own id string; reads from Neo4j or a file keep one string per value.
What is shared is read-only (changing it raises TypeError: assign a new value instead); the Mirror
methods that change adjacency (add_edge, remove_edge, remove_node(s_from), clear_edges) give the
nodes and pairs they change dicts of their own first.
"""
from __future__ import annotations

import copy
import gzip
import json
import os
import sys
import tempfile
from itertools import islice
from pathlib import Path

import networkx as nx

from graph import rows as rows_mod
from graph import schema as schema_mod
from graph.errors import InputError
from graph.model import GraphData

# what the file keeps of g.graph: the store generation it shows and the rows of the documents only
# it holds (see graph/sync.py); a file without a stamp shows no known generation
GRAPH_KEYS = ("stamp", "offline")
FORMAT = "armsgraph-mirror/2"  # /1 keyed relationships TYPE:source:target and every fact by its id


def edge_key(rel_type: str, source: str, target: str, props: dict) -> str:
    """The key of a relationship between its two nodes: its type, which is unique there (Neo4j
    MERGEs one of each type; a fact of a type without key properties is one per type and ends),
    except for facts of types with key properties (SUPPLIES: weapon, status), keyed by their id.
    `source` and `target` are not part of the key."""
    spec = schema_mod.load().relations.get(rel_type)
    return props.get("id") if spec is not None and spec.key else rel_type


def legacy_key(source: str, target: str, attrs: dict) -> str:
    """The key relationships had in format /1, unique in the whole graph (a fact's id, else
    TYPE:source:target): edge ids for files whose readers want them unique (GraphML, GEXF)."""
    if attrs.get("type") in schema_mod.load().relations and attrs.get("id") is not None:
        return attrs["id"]
    return f"{attrs.get('type')}:{source}:{target}"


def _union(old, new) -> list:
    return sorted(set(old or ()) | set(new or ()))


# -- the compact representation -------------------------------------------------------------
def _read_only(self, *args, **kwargs):
    raise TypeError(f"this {type(self).__mro__[1].__name__} is shared by many nodes or relationships of the "
                    "mirror and read-only: give the attribute a new value instead (g.nodes[n][name] = ..., "
                    "g.add_edge(u, v, key, name=...))")


class _Shared(dict):
    """A read-only dict that many nodes or relationships of a Mirror hold: the key dict and the
    attributes of the relationships of a type without properties (IN_DOCUMENT, CLAIMED_BY), the
    successors of evidence nodes with the same document and claimant, the empty predecessors."""

    __slots__ = ()
    __setitem__ = __delitem__ = __ior__ = clear = pop = popitem = setdefault = update = _read_only

    def __reduce__(self):  # a pickle shares what the original shares
        return (type(self), (dict(self),))

    def __copy__(self):  # a shallow copy is one to change
        return dict(self)

    def __deepcopy__(self, memo):
        return type(self)({k: copy.deepcopy(v, memo) for k, v in self.items()})


class _SharedList(list):
    """A read-only list that many relationships of a Mirror hold (a fact's docs, its claimed_by)."""

    __slots__ = ()
    __setitem__ = __delitem__ = __iadd__ = __imul__ = _read_only
    append = extend = insert = pop = remove = clear = sort = reverse = _read_only

    def __reduce__(self):
        return (type(self), (list(self),))

    def __copy__(self):
        return list(self)

    def __deepcopy__(self, memo):
        return type(self)(copy.deepcopy(list(self), memo))


_EMPTY = _Shared()  # the adjacency of nodes without successors or predecessors
_NOTHING = object()  # the key of the empty list in _Lists
_SHARED: dict[str, _Shared] = {}  # type -> {type: {"type": type}}


def _shared_keys(rel_type: str) -> _Shared:
    """The key dict all relationships of a type without properties share between their two nodes."""
    got = _SHARED.get(rel_type)
    if got is None:
        t = sys.intern(rel_type)
        got = _SHARED[t] = _Shared({t: _Shared(type=t)})
    return got


_SHAPES: dict[tuple, type] = {}  # (kind, keys) -> a class whose instance dicts share one key table
_MAX_SHAPES = 512  # more shapes than the schema makes: ordinary dicts beyond


def _attrs(kind: str, d: dict) -> dict:
    """The items of `d` in a new attribute dict. Dicts of one kind with the same keys share their
    key table (CPython's key-sharing dicts, PEP 412: the instance dicts of one class) and keep only
    their values: half an ordinary dict or less. They are ordinary dicts; keys added later may make
    one an ordinary combined one again."""
    shape = (kind, *d)
    cls = _SHAPES.get(shape)
    if cls is None:
        if len(_SHAPES) >= _MAX_SHAPES or not all(type(k) is str for k in d):
            return dict(d)
        cls = _SHAPES[shape] = type(f"Attrs[{kind}]", (), {})
    attrs = cls().__dict__
    for k in d:
        attrs[k] = d[k]
    return attrs


class Mirror(nx.MultiDiGraph):
    """An nx.MultiDiGraph whose nodes and relationships may share read-only dicts and lists (see the
    module's docstring). The methods that change adjacency give the nodes and pairs they change
    dicts of their own first; the rest is nx.MultiDiGraph's."""

    def add_edge(self, u_for_edge, v_for_edge, key=None, **attr):
        _own(self, u_for_edge, v_for_edge)
        return super().add_edge(u_for_edge, v_for_edge, key, **attr)

    def remove_edge(self, u, v, key=None):
        _own(self, u, v)
        super().remove_edge(u, v, key)

    def remove_node(self, n):
        _own_around(self, n)
        super().remove_node(n)

    def remove_nodes_from(self, nodes):
        nodes = list(nodes)
        for n in nodes:
            _own_around(self, n)
        super().remove_nodes_from(nodes)

    def clear_edges(self):
        for adj in (self._succ, self._pred):
            for n in adj:
                adj[n] = self.adjlist_inner_dict_factory()
        _edited(self)


def _own_succ(g: nx.MultiDiGraph, u) -> dict:
    succ = g._succ[u]
    if type(succ) is _Shared:
        succ = g._succ[u] = dict(succ)
    return succ


def _own_pred(g: nx.MultiDiGraph, v) -> dict:
    pred = g._pred[v]
    if type(pred) is _Shared:
        pred = g._pred[v] = dict(pred)
    return pred


def _own(g: nx.MultiDiGraph, u, v) -> None:
    """Give u's successors, v's predecessors and the pair (u, v) dicts of their own where shared."""
    succ = g._succ.get(u)
    if type(succ) is _Shared:
        succ = _own_succ(g, u)
    if type(g._pred.get(v)) is _Shared:
        _own_pred(g, v)
    keydict = succ.get(v) if succ is not None else None
    if type(keydict) is _Shared:
        own = {k: dict(d) for k, d in keydict.items()}
        succ[v] = own
        g._pred[v][u] = own


def _own_around(g: nx.MultiDiGraph, n) -> None:
    """Before n is removed: its neighbours' adjacency dicts (which lose n) of their own."""
    for u in g._pred.get(n, ()):
        _own_succ(g, u)
    for v in g._succ.get(n, ()):
        _own_pred(g, v)


def _share(g: nx.MultiDiGraph, nodes) -> None:
    """Let these nodes share adjacency dicts where they can: one empty dict for all without
    successors or predecessors; one successor dict for those whose relationships are all without
    properties (shared key dicts) and go to the same nodes (evidence of one document and claimant)."""
    if not isinstance(g, Mirror):
        return
    seen: dict[object, _Shared] = {}
    succs, preds = g._succ, g._pred
    for n in nodes:
        if not preds[n]:
            preds[n] = _EMPTY
        succ = succs[n]
        if not succ:
            succs[n] = _EMPTY
        elif type(succ) is dict:
            key = _succ_key(succ)
            if key is not None:
                shared = seen.get(key)
                if shared is None:
                    shared = seen[key] = _Shared(succ)
                succs[n] = shared


def _succ_key(succ: dict) -> str | None:
    """What tells apart successor dicts whose key dicts are all shared ones: their nodes and types,
    in order; None for other successor dicts. (A string, not a tuple: the tuples of a dict of such
    keys would stay in CPython's tuple free lists, up to 2000 of each length, after it is gone.)"""
    parts = []
    for v, kd in succ.items():
        if type(kd) is not _Shared or type(v) is not str:
            return None
        parts.append(v)
        parts.extend(kd)  # its type
    key = "\x00".join(parts)
    return key if key.count("\x00") == len(parts) - 1 else None  # (no NUL in an id)


class _Lists(dict):
    """One read-only list object per content, for the lists many relationships hold alike."""

    __slots__ = ()

    def of(self, items: list) -> list:
        """The shared list with these items (strings); other lists as they are."""
        if len(items) == 1:
            key = items[0]
            if type(key) is not str or "\x00" in key:
                return items
        elif not items:
            key = _NOTHING
        else:  # (a string, not a tuple: see _succ_key)
            if not all(type(x) is str for x in items):
                return items
            key = "\x00".join(items)
            if key.count("\x00") != len(items) - 1:  # a NUL in an item: left unshared
                return items
        got = self.get(key)
        if got is None:
            got = self[key] = _SharedList(items)
        return got


def _new_node(g: nx.MultiDiGraph, n, attrs: dict) -> None:
    """Add a node that is not in g, with this very attribute dict."""
    g._node[n] = attrs
    g._succ[n] = g.adjlist_inner_dict_factory()
    g._pred[n] = g.adjlist_inner_dict_factory()


def _node(g: nx.MultiDiGraph, n) -> None:
    """The node n, added without attributes when missing (as nx's add_edge does)."""
    if n not in g._node:
        if n is None:
            raise ValueError("None cannot be a node")
        _new_node(g, n, g.node_attr_dict_factory())


def _put_edge(g: nx.MultiDiGraph, u, v, key, data: dict) -> None:
    """Add or replace edge (u, v, key) with this very attribute dict."""
    _node(g, u)
    _node(g, v)
    _own(g, u, v)
    keydict = g._succ[u].get(v)
    if keydict is None:
        if isinstance(g, Mirror) and type(key) is str and key == data.get("type"):
            # keyed by its type: a key-sharing dict of that type (see _attrs), half the size
            g._succ[u][v] = g._pred[v][u] = _attrs("keys", {key: data})
            return
        keydict = g._succ[u][v] = g._pred[v][u] = g.edge_key_dict_factory()
    keydict[key] = data


def _put_plain(g: nx.MultiDiGraph, u, v, rel_type: str) -> None:
    """Add the relationship (u, v) of a type without properties, keyed by its type, unless g has it."""
    succ, pred = g._succ.get(u), g._pred.get(v)
    if succ is None or pred is None:
        _node(g, u)
        _node(g, v)
        succ, pred = g._succ[u], g._pred[v]
    keydict = succ.get(v)
    if keydict is None:
        if type(succ) is _Shared or type(pred) is _Shared:
            _own(g, u, v)
            succ, pred = g._succ[u], g._pred[v]
        if isinstance(g, Mirror):
            succ[v] = pred[u] = _SHARED.get(rel_type) or _shared_keys(rel_type)
        else:
            succ[v] = pred[u] = {rel_type: {"type": rel_type}}
    elif rel_type not in keydict:
        _put_edge(g, u, v, rel_type, {"type": rel_type})


def _edited(g: nx.MultiDiGraph) -> None:
    """What networkx does after each change of a graph."""
    if cache := getattr(g, "__networkx_cache__", None):
        cache.clear()


# -- writes ------------------------------------------------------------------------------------
def changed(g: nx.MultiDiGraph) -> None:
    """Drop what readers keep with a mirror (indexes in g.graph): call after changing it."""
    for key in [k for k in g.graph if str(k).startswith("_armsgraph")]:
        del g.graph[key]


def apply(g: nx.MultiDiGraph, graph: GraphData) -> nx.MultiDiGraph:
    """Merge a graph into the mirror with the same semantics as the Neo4j writes (into any
    nx.MultiDiGraph; only a Mirror shares dicts and lists)."""
    return apply_rows(g, rows_mod.build(graph))


def apply_rows(g: nx.MultiDiGraph, rows: rows_mod.Rows) -> nx.MultiDiGraph:
    """apply(), given the graph's rows."""
    changed(g)
    _edited(g)
    nodes = g._node
    before = len(nodes)
    lists = _Lists() if isinstance(g, Mirror) else None
    share = lists.of if lists is not None else (lambda items: items)
    for row in rows.documents:
        attrs = nodes.get(row["id"])
        if attrs is None:
            _new_node(g, row["id"], _attrs("Document", {"label": "Document", **row}))
        else:
            attrs["label"] = "Document"
            attrs.update(row)
    for kind, items in rows.nodes.items():
        for row in items:
            attrs = nodes.get(row["id"])
            if attrs is None:  # row["docs"] is a sorted list of distinct ids of this row's own
                _new_node(g, row["id"], _attrs(kind, {"label": kind, **row["props"], "id": row["id"],
                                                      "docs": share(row["docs"])}))
            else:
                attrs["label"] = kind
                attrs.update(rows_mod.merged_props(attrs, row))
                attrs.update(id=row["id"], docs=_union(attrs.get("docs"), row["docs"]))
    for rel_type, items in rows.links.items():
        for row in items:
            key = edge_key(rel_type, row["source"], row["target"], {})
            if g.has_edge(row["source"], row["target"], key):
                old = g._succ[row["source"]][row["target"]][key]
                old.update(type=rel_type, docs=_union(old.get("docs"), row["docs"]))
            else:
                _put_edge(g, row["source"], row["target"], key,
                          _attrs("link", {"type": rel_type, "docs": share(row["docs"])}))

    # evidence this apply adds, by fact (with the fact ids as the facts' own strings), and the facts
    # with evidence the mirror already holds
    fact_ids, keys = {}, {}
    for rel_type, items in rows.facts.items():
        for row in items:
            fid = row["id"]
            key = keys[fid] = edge_key(rel_type, row["source"], row["target"], row)
            if g.has_edge(row["source"], row["target"], key):
                fid = g._succ[row["source"]][row["target"]][key].get("id", fid)
            fact_ids[row["id"]] = fid
    new_evidence, known = [], set()
    for row in rows.evidence:
        if row["id"] in nodes:
            known.add(row["props"]["fact_id"])
        else:
            new_evidence.append(row)
    by_fact: dict[str, list[dict]] = {}
    for row in new_evidence:
        by_fact.setdefault(row["props"]["fact_id"], []).append(row["props"])

    created: set[str] = set()
    folded: set[str] = set()  # facts created with their aggregates
    for rel_type, items in rows.facts.items():
        for row in items:
            fid = row["id"]
            if g.has_edge(row["source"], row["target"], keys[fid]):
                continue
            created.add(fid)
            attrs = {"type": rel_type, "id": fid, **row["props"]}
            evs = by_fact.get(fid)
            if evs and fid not in known:
                folded.add(fid)
                attrs.update(_aggregates(evs, {}, lists))
            _put_edge(g, row["source"], row["target"], keys[fid], _attrs("fact", attrs))

    added: list[dict] = []
    for row in rows.evidence:
        eid = row["id"]
        if eid not in nodes:
            props = row["props"]
            attrs = _attrs("Evidence", {"label": "Evidence", **props,
                                        "fact_id": fact_ids.get(props["fact_id"], props["fact_id"])})
            _new_node(g, eid, attrs)
            added.append(attrs)
        _put_plain(g, eid, row["doc_id"], "IN_DOCUMENT")
    for row in rows.claims:
        _put_plain(g, row["evidence"], row["actor"], "CLAIMED_BY")
    _share(g, list(islice(reversed(nodes), len(nodes) - before)))  # the nodes added now
    _fold(g, rows, keys, added, (created & known) | folded, lists)
    if created & known:  # a new fact edge over evidence the mirror already held: recompute (rare)
        refresh(g, created & known)
    return g


def _aggregates(evs: list[dict], attrs: dict, lists: _Lists | None) -> dict:
    """A fact's evidence-derived properties: `attrs` (what earlier writes made them) with evidence
    `evs` added; first/last_reported are left out when no evidence has a date. The lists are shared
    read-only ones when `lists` is given."""
    if len(evs) == 1 and not attrs:  # (most facts: one evidence)
        e = evs[0]
        dates = [e["date"]] if e.get("date") else []
        docs = [e["doc_id"]]
        claimed_by = [e["claimed_by"]] if e.get("claimed_by") else []
    else:
        dates = [e["date"] for e in evs if e.get("date")]
        dates += [attrs[k] for k in ("first_reported", "last_reported") if attrs.get(k)]
        docs = _union(attrs.get("docs"), [e["doc_id"] for e in evs])
        claimed_by = _union(attrs.get("claimed_by"), [e["claimed_by"] for e in evs if e.get("claimed_by")])
    if lists is not None:
        docs, claimed_by = lists.of(docs), lists.of(claimed_by)
    out = {"docs": docs, "claimed_by": claimed_by, "evidence_count": attrs.get("evidence_count", 0) + len(evs)}
    if dates:
        out.update(first_reported=min(dates), last_reported=max(dates))
    return out


def _fold(g: nx.MultiDiGraph, rows: rows_mod.Rows, keys: dict[str, str], added: list[dict], skip: set[str],
          lists: _Lists | None) -> None:
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
            attrs = g._succ[row["source"]][row["target"]][keys[row["id"]]]
            new = _aggregates(evs, attrs, lists)
            for name in ("first_reported", "last_reported"):
                if name not in new:
                    attrs.pop(name, None)
            attrs.update(new)


def refresh(g: nx.MultiDiGraph, fact_ids: set[str]) -> None:
    """Recompute facts' evidence-derived properties, as cypher.refresh_facts does."""
    _edited(g)
    evidence: dict[str, list[dict]] = {}
    for _, attrs in g.nodes(data=True):
        if attrs.get("label") == "Evidence" and attrs["fact_id"] in fact_ids:
            evidence.setdefault(attrs["fact_id"], []).append(attrs)
    relations = schema_mod.load().relations
    for s, t, key, attrs in list(g.edges(keys=True, data=True)):
        fid = attrs.get("id")
        if fid not in fact_ids or attrs.get("type") not in relations:
            continue
        evs = evidence.get(fid, [])
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


def build(graph: GraphData) -> Mirror:
    """A new mirror of one graph."""
    return apply(Mirror(), graph)


# -- reads -------------------------------------------------------------------------------------
class _Reader:
    """Builds a Mirror from records read one by one (Neo4j's, a file's) as compact as apply() makes
    it: one string object per value read (ids, names, types come once per occurrence), shared lists,
    key-sharing attribute dicts, and shared adjacency dicts once all is read."""

    def __init__(self):
        self.g = Mirror()
        self.strings: dict[str, str] = {}
        self.lists = _Lists()
        self.relations = schema_mod.load().relations

    def _values(self, attrs: dict) -> dict:
        one, of = self.strings.setdefault, self.lists.of
        return {k: one(v, v) if type(v) is str else
                of([one(x, x) if type(x) is str else x for x in v]) if type(v) is list else v
                for k, v in attrs.items()}

    def node(self, n, attrs: dict) -> None:
        if type(n) is str:
            n = self.strings.setdefault(n, n)
        values = self._values(attrs)
        if n in self.g._node:
            self.g._node[n].update(values)
        else:
            _new_node(self.g, n, _attrs(attrs.get("label"), values))

    def edge(self, s, t, key, attrs: dict) -> None:
        g, one = self.g, self.strings.setdefault
        s, t, key = one(s, s), one(t, t), one(key, key) if type(key) is str else key
        rel_type = attrs.get("type")
        if key == rel_type and len(attrs) == 1:
            _put_plain(g, s, t, key)
            return
        fid = attrs.get("id")
        if (key != fid and fid is not None and g.has_edge(s, t, key)
                and g._succ[s][t][key].get("id") not in (None, fid)):
            key = one(fid, fid)  # two facts of one type between two nodes (an older extractor's)
        values = self._values(attrs)
        if g.has_edge(s, t, key):
            _own(g, s, t)
            g._succ[s][t][key].update(values)
        else:
            _put_edge(g, s, t, key, _attrs("fact" if rel_type in self.relations else "link", values))

    def done(self) -> Mirror:
        _share(self.g, self.g._node)
        return self.g


def from_records(nodes: list[dict], rels: list[dict]) -> Mirror:
    """Build the mirror from Neo4j records (see Store.dump).

    Neo4j reads committed data statement by statement: a load committing between the node and the
    relationship reads can add relationships whose ends were not read. They are left out (the load
    that wrote them also brings their nodes) rather than creating bare nodes.
    """
    schema = schema_mod.load()
    reader = _Reader()
    for rec in nodes:
        kinds = [lb for lb in rec["labels"] if lb in schema.nodes]
        reader.node(rec["props"]["id"], {"label": kinds[0] if kinds else None, **rec["props"]})
    g = reader.g
    for rec in rels:
        if rec["source"] not in g or rec["target"] not in g:
            continue
        key = edge_key(rec["type"], rec["source"], rec["target"], rec["props"])
        reader.edge(rec["source"], rec["target"], key, {"type": rec["type"], **rec["props"]})
    return reader.done()


def from_store(store) -> Mirror:
    """Read the whole graph back from Neo4j, with the generation it shows as g.graph["stamp"]."""
    nodes, rels, stamp = store.dump()
    g = from_records(nodes, rels)
    g.graph["stamp"] = stamp
    return g


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
    data = {"format": FORMAT, "graph": {k: v for k, v in g.graph.items() if k in GRAPH_KEYS},
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


def looks_like_mirror(path: Path) -> bool:
    """Whether a file that does not read as a mirror may be a damaged one (gzip or a JSON object),
    which a rebuild may replace, rather than another file the user named by mistake."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(64).lstrip()
    except OSError:
        return False
    return not head or head.startswith((b"\x1f\x8b", b"{"))


def load(path: Path) -> Mirror:
    """Read a mirror file written by save() of this version."""
    path = Path(path)
    try:
        raw = path.read_bytes()
        data = json.loads(gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw)
    except FileNotFoundError as exc:
        raise InputError(f"{path}: no saved mirror (run `cli.py load` first)") from exc
    except (OSError, ValueError, EOFError) as exc:
        raise InputError(f"{path}: not a mirror file ({exc.__class__.__name__})") from exc
    if isinstance(data, dict) and data.get("format") == "armsgraph-mirror/1":
        raise InputError(f"{path}: a mirror of an older version (format /1): "
                         "rebuild it from Neo4j with `cli.py mirror`")
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InputError(f"{path}: not a mirror file of this version")
    del raw
    reader = _Reader()
    graph = data.get("graph")
    if isinstance(graph, dict):
        reader.g.graph.update((k, v) for k, v in graph.items() if k in GRAPH_KEYS)
    for n in data.pop("nodes"):
        reader.node(n.pop("key"), n)
    for e in data.pop("edges"):
        reader.edge(e.pop("source"), e.pop("target"), e.pop("key"), e)
    return reader.done()


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

