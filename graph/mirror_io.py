"""Reading and writing the mirror: its file ((gzipped, when the name ends in .gz) JSON, written whole
and atomically, and the journal of changes since, graph/journal.py), and Neo4j's records."""
from __future__ import annotations

import contextlib
import gzip
import json
import os
import tempfile
import uuid
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import networkx as nx

from graph import journal, mirror
from graph import schema as schema_mod
from graph.atomic import replacing
from graph.errors import InputError
from graph.model import batched

# what the file keeps of g.graph besides the provenance: the store generation it shows and the rows
# of the documents only it holds (see graph/sync.py); a file without a stamp shows no known generation
GRAPH_KEYS = ("stamp", "offline")
FORMAT = "armsgraph-mirror/4"  # /1 and /2 held documents and evidence as nodes; /3 their `date`, now `published`


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


def sections(g: nx.MultiDiGraph) -> dict[str, Callable[[], Iterable]]:
    """The file's top-level values, each made when it is written: the lists item by item."""
    return {
        "documents": lambda: mirror.documents(g).values(),
        "edges": lambda: ({"source": s, "target": t, "key": k, **a} for s, t, k, a in g.edges(keys=True, data=True)),
        "evidence": lambda: (mirror.evidence_props(fid, ev) for fid, evs in mirror.evidence(g).items() for ev in evs),
        "format": lambda: FORMAT,
        "graph": lambda: {k: v for k, v in g.graph.items() if k in GRAPH_KEYS},
        "nodes": lambda: ({"key": n, **a} for n, a in g.nodes(data=True)),
    }


def _dumps(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")


def encoded(g: nx.MultiDiGraph, base: str) -> Iterator[bytes]:
    """The mirror as one JSON object, in pieces: the lists are encoded some thousands of items at a
    time, so that saving a large mirror never holds a second copy of it (the object's keys in
    sorted order, `base` first, where journal.base_of reads it)."""
    yield b'{"base":' + _dumps(base)
    for key, make in sections(g).items():
        yield b',' + _dumps(key) + b':'
        value = make()
        if isinstance(value, (str, dict)):
            yield _dumps(value)
            continue
        yield b'['
        for i, chunk in enumerate(batched(value, 5000)):
            yield (b',' if i else b'') + _dumps(list(chunk))[1:-1]
        yield b']'
    yield b'}'


def save(g: nx.MultiDiGraph, path: Path) -> Path:
    """Write the mirror whole to a file, replacing it in one step (a temporary file renamed), and
    start its journal anew."""
    path = Path(path)
    check_writable(path)
    base = uuid.uuid4().hex
    try:
        with replacing(path) as fh:
            os.fchmod(fh.fileno(), path.stat().st_mode & 0o777 if path.exists() else 0o644)
            with (gzip.GzipFile(fileobj=fh, mode="wb", compresslevel=6, mtime=0) if path.suffix == ".gz"
                  else contextlib.nullcontext(fh)) as out:
                for piece in encoded(g, base):
                    out.write(piece)
    except OSError as exc:
        raise InputError(f"cannot write the mirror {path}: {(exc.strerror or str(exc)).lower()}") from exc
    journal.start(path, base, g)
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


def _read(path: Path) -> dict:
    try:
        raw = path.read_bytes()
        data = json.loads(gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw)
    except FileNotFoundError as exc:
        raise InputError(f"{path}: no saved mirror (run `cli.py load` first)") from exc
    except (OSError, ValueError, EOFError) as exc:
        raise InputError(f"{path}: not a mirror file ({exc.__class__.__name__})") from exc
    fmt = data.get("format") if isinstance(data, dict) else None
    if isinstance(fmt, str) and fmt.startswith("armsgraph-mirror/") and fmt != FORMAT:
        raise InputError(f"{path}: a mirror of another version ({fmt}): rebuild it from Neo4j with `cli.py mirror`")
    if fmt != FORMAT:
        raise InputError(f"{path}: not a mirror file of this version")
    return data


def load(path: Path) -> nx.MultiDiGraph:
    """Read a mirror file written by save() of this version, and apply its journal."""
    path = Path(path)
    data = _read(path)
    g = mirror.new()
    graph = data.get("graph")
    if isinstance(graph, dict):
        g.graph.update((k, v) for k, v in graph.items() if k in GRAPH_KEYS)
    g.add_nodes_from((n.pop("key"), n) for n in data.pop("nodes"))
    g.add_edges_from((e.pop("source"), e.pop("target"), e.pop("key"), e) for e in data.pop("edges"))
    docs = mirror.documents(g)
    for props in data.pop("documents", ()):
        docs[props["id"]] = props
    table = mirror.evidence(g)
    for props in data.pop("evidence", ()):
        table.setdefault(props["fact_id"], []).append(mirror.as_evidence(props))
    journal.replay(g, path, data.get("base") or None)
    return g


# -- Neo4j's records ---------------------------------------------------------------------------
def from_records(nodes: list[dict], rels: list[dict]) -> nx.MultiDiGraph:
    """Build the mirror from Neo4j records (see Store.dump): `docs` lists sorted (Neo4j appends
    to them in write order), each entity given its `docs`, which Neo4j does not store (mentions).

    Neo4j reads committed data statement by statement: a load committing between the node and the
    relationship reads can add relationships whose ends were not read. They are left out (the load
    that wrote them also brings their nodes) rather than creating bare nodes.
    """
    schema = schema_mod.load()
    g = mirror.new()
    named = mentions(schema, nodes, rels)
    for rec in (*nodes, *rels):
        if isinstance(rec["props"].get("docs"), list):
            rec["props"]["docs"] = sorted(rec["props"]["docs"])
    for rec in nodes:
        props = rec["props"]
        if "Document" in rec["labels"]:
            mirror.documents(g)[props["id"]] = dict(props)
        elif "Evidence" in rec["labels"]:
            mirror.evidence(g).setdefault(props["fact_id"], []).append(mirror.as_evidence(props))
        else:
            kinds = [lb for lb in rec["labels"] if lb in schema.nodes]
            g.add_node(props["id"], label=kinds[0] if kinds else None,
                       **{**props, "docs": sorted(named.get(props["id"], ()))})
    for rec in rels:
        if rec["type"] in schema.provenance or rec["source"] not in g or rec["target"] not in g:
            continue
        props = rec["props"]
        key = (mirror.fact_key(g, rec["type"], rec["source"], rec["target"], props["id"])
               if rec["type"] in schema.relations else rec["type"])
        g.add_edge(rec["source"], rec["target"], key, type=rec["type"], **props)
    return g


def from_store(store) -> nx.MultiDiGraph:
    """Read the whole graph back from Neo4j, with the generation it shows as g.graph["stamp"]."""
    nodes, rels, stamp = store.dump()
    g = from_records(nodes, rels)
    g.graph["stamp"] = stamp
    return g


def mentions(schema: schema_mod.Schema, nodes: list[dict], rels: list[dict]) -> dict[str, set[str]]:
    """Entity id -> the documents that mention it, from stored records: the documents of the
    evidence of the facts it is an end or the weapon of, and of the evidence it claims, and those
    that state a structural link it is an end of (GraphData.node_docs, from what Neo4j holds)."""
    named: dict[str, list[str]] = {}  # fact id -> its ends and weapon
    out: dict[str, set[str]] = {}
    for rec in rels:
        props = rec["props"]
        if rec["type"] in schema.relations:
            named[props.get("id")] = [rec["source"], rec["target"], props.get("weapon_id")]
        elif rec["type"] in schema.structural:
            for end in (rec["source"], rec["target"]):
                out.setdefault(end, set()).update(props.get("docs") or ())
    for rec in nodes:
        props = rec["props"]
        if "Evidence" in rec["labels"]:
            for entity in (*named.get(props.get("fact_id"), ()), props.get("claimed_by_id")):
                if entity:
                    out.setdefault(entity, set()).add(props["doc_id"])
    return out
