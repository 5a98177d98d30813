"""Removing a document from Neo4j and the mirror, or from the mirror alone when only it holds it."""
from __future__ import annotations

from pathlib import Path

from graph import mirror as mirror_mod
from graph import mirror_io
from graph.errors import StoreError
from graph.model import one_document, source_keys
from graph.sync import MirrorFile


def find_offline(g, key: str) -> list[dict]:
    """The documents only the mirror holds that a key names (id, name or source, as
    Store.find_documents does)."""
    sources = set(source_keys(key))
    out = []
    for doc in (g.graph.get("offline") or {}):
        a = mirror_mod.documents(g).get(doc, {})
        if key in (doc, a.get("name")) or a.get("source") in sources:
            out.append({"id": doc, "name": a.get("name"), "source": a.get("source")})
    return out


def remove_document(path: Path, connect, key: str) -> tuple[str, bool] | None:
    """Remove the document `key` names (id, name or source) from Neo4j and the mirror at `path`, with
    every node, relation and evidence only it supported: (its id, whether only the mirror held it),
    or None when no document has that key. `connect()` opens the Store; when no server answers, a
    document only the mirror holds is still removed (else the StoreError stands)."""
    mirror_io.check_writable(path)
    try:
        store = connect()
    except StoreError:  # a document only the mirror holds needs no Neo4j
        m = MirrorFile.open(path, create=False) if path.exists() else None
        found = find_offline(m.graph, key) if m is not None else []
        if not found:
            raise
    else:
        with store:
            m = MirrorFile.open(path, store)
            done = store.remove_document(key)
            found = None if done else find_offline(m.graph, key)
            if done:
                m.remove(done["id"], done["before"], done["after"])
                m.save()
                return done["id"], False
    if not found:
        return None
    doc = one_document(key, found)["id"]
    m.store = None
    m.remove(doc)
    m.save()
    return doc, True
