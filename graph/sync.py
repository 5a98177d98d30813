"""The mirror file, kept equal to Neo4j.

Every write transaction first increments the store's generation (cypher.BUMP_GENERATION) and learns
the generation before and after it. The mirror file records the generation it shows (g.graph's
`stamp`) and, as rows, the documents only it holds (g.graph's `offline`: loaded with --offline).
- Opening the mirror with Neo4j at hand compares the two and rebuilds the mirror from Neo4j when they
  differ: a write the mirror missed (a `remove` during a `load`, a command interrupted before it saved,
  a wiped database). Documents only the mirror held are applied again on top.
- A command that writes follows its own transactions: the mirror shows the generation after one as
  long as the generation before it was the one the mirror showed; otherwise another command wrote in
  between, and the mirror is rebuilt before it is saved.
- Saving takes a lock file beside the mirror and saves only a mirror that shows Neo4j's current
  generation (else it rebuilds first), so whichever command saves last leaves the two equal. A file
  another command saved meanwhile is read again, so that its documents only it holds are kept.
"""
from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from graph import mirror_io
from graph import mirror as mirror_mod
from graph import rows as rows_mod
from graph.errors import InputError, StoreError
from graph.model import GraphData, one_document, replaceable, source_keys

UNKNOWN = object()  # the stamp of a mirror that never saw Neo4j (or an older file)


@contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold the mirror's lock file (`.NAME.lock` beside it) until the block ends."""
    lock = path.with_name(f".{path.name}.lock")
    with open(lock, "a") as fh:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


def _fingerprint(path: Path) -> tuple | None:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return st.st_ino, st.st_mtime_ns, st.st_size


def stamp_of(g) -> object:
    return g.graph.get("stamp", UNKNOWN)


def documents_by_source(g) -> dict[str, set[str]]:
    """Source -> the ids of the mirror's documents read from it."""
    out: dict[str, set[str]] = {}
    for n, a in mirror_mod.documents(g).items():
        if replaceable(a.get("source")):
            out.setdefault(a["source"], set()).add(n)
    return out


def apply_document(g, rows: rows_mod.Rows, by_source: dict[str, set[str]] | None = None) -> list[tuple[str, str]]:
    """Apply one document's rows to a mirror as Neo4j's writes do: the same text read by another
    extractor version, and older versions of the document (other texts from its source), are
    removed first; the same version is left alone. `by_source` (documents_by_source(g), kept up to
    date here) saves a scan of the mirror per document. Return the (id, source) of older versions."""
    doc = rows.documents[0]
    by_source = documents_by_source(g) if by_source is None else by_source
    replaced = []
    stored = mirror_mod.documents(g).get(doc["id"])
    if stored is not None and stored.get("extractor") == doc.get("extractor"):
        return replaced
    if stored is not None:
        mirror_mod.remove_document(g, doc["id"])
    source = doc.get("source")
    if replaceable(source):
        for old in sorted(by_source.get(source, set()) - {doc["id"]}):
            mirror_mod.remove_document(g, old)
            g.graph.get("offline", {}).pop(old, None)
            replaced.append((old, source))
        by_source[source] = {doc["id"]}
    mirror_mod.apply_rows(g, rows)
    return replaced


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


class MirrorFile:
    """The mirror of one command: read from its file, repaired when it missed a write to Neo4j,
    changed as the command writes, and saved (see the module's docstring)."""

    def __init__(self, path: Path, store=None):
        self.path = Path(path)
        self.store = store
        self.graph = None
        self.stale = False        # another command wrote to Neo4j since this mirror was equal to it
        self.repaired = False     # opened from a file that had missed a write, and rebuilt
        self.kept_offline = 0     # documents only the mirror holds, kept over a rebuild
        self._seen = None         # the file as read (inode, mtime, size)
        self._added: dict[str, dict] = {}  # doc id -> rows of documents this command added offline
        self._removed: set[str] = set()    # documents this command removed
        self._by_source: dict[str, set[str]] | None = None

    # -- opening ---------------------------------------------------------------------------
    @classmethod
    def open(cls, path: Path, store=None, *, create: bool = True) -> "MirrorFile":
        """The mirror at `path`, checked against (and repaired from) the store when one is given.
        Without a file: built from the store; else empty, or None as the graph unless `create`."""
        mirror_io.check_writable(path)
        m = cls(path, store)
        m._seen = _fingerprint(m.path)
        g = mirror_io.load(m.path) if m._seen is not None else None
        if store is not None and (g is None or stamp_of(g) != store.stamp()):
            m.repaired = g is not None
            g = m._rebuild(dict((g.graph.get("offline") or {}) if g is not None else {}))
        if g is None and create:
            g = mirror_mod.new()
        m.graph = g
        return m

    @classmethod
    def rebuilt(cls, path: Path, store) -> "MirrorFile":
        """The mirror rebuilt from Neo4j whatever its file shows, keeping the documents only it holds.
        A damaged mirror file is replaced; a file that is no mirror at all is refused."""
        mirror_io.check_writable(path)
        m = cls(path, store)
        m._seen = _fingerprint(m.path)
        offline = {}
        if m._seen is not None:
            try:
                offline = dict(mirror_io.load(m.path).graph.get("offline") or {})
            except InputError:
                if not mirror_io.looks_like_mirror(m.path):
                    raise
        m.graph = m._rebuild(offline)
        return m

    @property
    def offline(self) -> dict[str, dict]:
        return self.graph.graph.setdefault("offline", {})

    def _rebuild(self, offline: dict[str, dict]):
        """Neo4j's graph, with the documents only the mirror held applied again on top (in the
        order they were loaded), except those Neo4j now holds itself."""
        g = mirror_io.from_store(self.store)
        kept = {}
        self._by_source = None  # (of the new graph, kept up to date by each apply)
        for doc, data in offline.items():
            if doc in mirror_mod.documents(g) or doc in self._removed:
                continue
            self._apply(g, rows_mod.from_json(data))
            kept[doc] = data
        if kept:
            g.graph["offline"] = kept
        self.kept_offline = len(kept)
        self._by_source = None
        return g

    # -- changes -----------------------------------------------------------------------------
    def _sources(self, g) -> dict[str, set[str]]:
        if self._by_source is None:
            self._by_source = documents_by_source(g)
        return self._by_source

    def _apply(self, g, rows: rows_mod.Rows) -> list[tuple[str, str]]:
        return apply_document(g, rows, self._sources(g))

    def apply(self, graph: GraphData, offline: bool = False) -> list[tuple[str, str]]:
        """Apply one document's graph; `offline`: Neo4j does not get it (the mirror keeps its rows)."""
        return self.apply_rows(rows_mod.build(graph), offline)

    def apply_rows(self, rows: rows_mod.Rows, offline: bool = False) -> list[tuple[str, str]]:
        """apply(), given the document's rows."""
        doc = rows.documents[0]["id"]
        replaced = self._apply(self.graph, rows)
        if offline:
            if doc not in self.offline or replaced:
                self.offline[doc] = self._added[doc] = rows_mod.as_json(rows)
        else:
            self.offline.pop(doc, None)  # Neo4j holds it now
        return replaced

    def advance(self, before, after) -> None:
        """A write transaction of this command committed, taking Neo4j from `before` to `after`."""
        if not self.stale and stamp_of(self.graph) == before:
            self.graph.graph["stamp"] = after
        else:
            self.stale = True

    def remove(self, doc: str, before=UNKNOWN, after=UNKNOWN) -> None:
        """A document removed (from Neo4j, from `before` to `after`; or only the mirror held it)."""
        self._removed.add(doc)
        self._added.pop(doc, None)
        self.offline.pop(doc, None)
        mirror_mod.remove_document(self.graph, doc)
        self._by_source = None
        if after is not UNKNOWN:
            self.advance(before, after)

    # -- saving -------------------------------------------------------------------------------
    def save(self) -> Path:
        """Save under the lock: rebuilt first when another command wrote to Neo4j meanwhile; merged
        with the file when another command saved it meanwhile."""
        with locked(self.path):
            now = _fingerprint(self.path)
            if now is not None and now != self._seen:
                self._merge_file()
            while self.store is not None:
                current = self.store.stamp()
                if not self.stale and stamp_of(self.graph) == current:
                    break
                self.graph = self._rebuild(dict(self.graph.graph.get("offline") or {}))
                self.stale = False
            mirror_io.save(self.graph, self.path)
            self._seen = _fingerprint(self.path)
        return self.path

    def _merge_file(self) -> None:
        """Another command saved the file since it was read: take its documents only the mirror
        holds, with this command's own additions and removals; with Neo4j, rebuild from it."""
        other = mirror_io.load(self.path)
        offline = {d: rows for d, rows in (other.graph.get("offline") or {}).items() if d not in self._removed}
        offline.update(self._added)
        if self.store is not None:
            self.graph.graph["offline"] = offline
            self.stale = True  # rebuilt from Neo4j with these below
            return
        for doc in self._removed:
            mirror_mod.remove_document(other, doc)
        self._by_source = None
        for doc, data in self._added.items():
            if doc not in mirror_mod.documents(other):
                self._apply(other, rows_mod.from_json(data))
        other.graph["offline"] = offline
        self.graph = other
        self._by_source = None
