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
- A mirror whose file (with its journal, graph/journal.py) showed Neo4j's generation when opened,
  and still does when saved, is saved by appending this command's changes to the journal: a load
  costs what it adds, not what the graph holds. The graph is not even read unless a command asks.
- A mirror without a file, opened with Neo4j empty (a first load), is this command's changes alone:
  they are recorded as journal entries too, and saved as an empty file with them as its journal. So a
  first load never holds the mirror's graph (at 50,000 articles about 1 GB) beside its extraction.
  Whoever reads the mirror builds it from the journal, in about twice the time a whole file takes;
  a journal continuing an empty file may grow without the mirror being written whole (`cli.py
  mirror` writes it whole).
"""
from __future__ import annotations

import tempfile
from pathlib import Path

from graph import journal, mirror_io
from graph import mirror as mirror_mod
from graph import rows as rows_mod
from graph.errors import InputError
from graph.file_state import fingerprint, locked
from graph.model import GraphData

UNKNOWN = object()  # the stamp of a mirror that never saw Neo4j (or an older file)
JOURNAL_MIN = 1 << 20  # bytes a journal may reach before the mirror is written whole, however small


def stamp_of(g) -> object:
    return g.graph.get("stamp", UNKNOWN)


class MirrorFile:
    """The mirror of one command: read from its file, repaired when it missed a write to Neo4j,
    changed as the command writes, and saved (see the module's docstring). A mirror whose journal
    says it is equal to Neo4j is not read until a command needs its graph: its changes are
    recorded as journal entries and appended when it is saved."""

    def __init__(self, path: Path, store=None):
        self.path = Path(path)
        self.store = store
        self.stale = False        # another command wrote to Neo4j since this mirror was equal to it
        self.repaired = False     # rebuilt from Neo4j when opened: no file, or one that had missed a write
        self.kept_offline = 0     # documents only the mirror holds, kept over a rebuild
        self.stamp = UNKNOWN      # the generation the mirror shows
        self._graph = None
        self._offline: set[str] | None = None  # while the graph is unread: the documents only it holds
        self._seen = None         # the file and its journal as read
        self._whole = True        # the file is to be written whole (not a journal appended)
        self._entries = None      # this command's changes as journal lines (a temporary file)
        self._added: dict[str, dict] = {}  # doc id -> rows of documents this command added offline
        self._removed: set[str] = set()    # documents this command removed
        self._by_source: dict[str, set[str]] | None = None
        self._deferred = False    # no file, Neo4j empty: the graph is the recorded changes, built when asked for
        self._base_stamp = UNKNOWN  # (deferred) Neo4j's generation when opened, which the empty file shows

    # -- opening ---------------------------------------------------------------------------
    @classmethod
    def open(cls, path: Path, store=None, *, create: bool = True) -> "MirrorFile":
        """The mirror at `path`, checked against (and repaired from) the store when one is given.
        Without a file: built from the store; else empty, or None as the graph unless `create`."""
        mirror_io.check_writable(path)
        m = cls(path, store)
        m._seen = m._fingerprint()
        shows = journal.head(m.path) if m._seen[0] is not None else None
        if store is not None and shows is not None and shows.get("stamp", UNKNOWN) == store.stamp():
            m.stamp, m._offline, m._whole = shows.get("stamp", UNKNOWN), shows["offline"], False
            return m
        g = mirror_io.load(m.path) if m._seen[0] is not None else None
        m._whole = g is None or shows is None
        if g is None and store is not None and store.is_empty():
            m.stamp, m._offline, m._deferred = store.stamp(), set(), True
            m._base_stamp = m.stamp
            return m
        if store is not None and (g is None or stamp_of(g) != store.stamp()):
            m.repaired = True  # (no file, or one that missed a write: saved even if the command changes nothing)
            g = m._rebuild(dict((g.graph.get("offline") or {}) if g is not None else {}))
        if g is None and create:
            g = mirror_mod.new()
        m._set(g)
        return m

    @classmethod
    def rebuilt(cls, path: Path, store) -> "MirrorFile":
        """The mirror rebuilt from Neo4j whatever its file shows, keeping the documents only it holds.
        A damaged mirror file is replaced; a file that is no mirror at all is refused."""
        mirror_io.check_writable(path)
        m = cls(path, store)
        m._seen = m._fingerprint()
        offline = {}
        if m._seen[0] is not None:
            try:
                offline = dict(mirror_io.load(m.path).graph.get("offline") or {})
            except InputError:
                if not mirror_io.looks_like_mirror(m.path):
                    raise
        m._set(m._rebuild(offline))
        return m

    @property
    def graph(self):
        """The mirror's graph, read from its file when first asked for (with this command's changes)."""
        if self._offline is not None:
            g = mirror_mod.new() if self._deferred else mirror_io.load(self.path)
            self._deferred = False
            if self._fingerprint() != self._seen:
                self.stale = self.stale or self.store is not None  # another command saved meanwhile
            if self._entries is not None:
                self._entries.seek(0)
                journal.replay(g, self.path, None, self._entries)
            if self.stamp is not UNKNOWN:
                g.graph["stamp"] = self.stamp
            self._set(g)
        return self._graph

    def _set(self, g) -> None:
        self._graph, self._offline, self._by_source = g, None, None
        if g is not None:
            self.stamp = stamp_of(g)

    @property
    def offline(self) -> dict[str, dict]:
        """The documents only the mirror holds (their rows)."""
        return self.graph.graph.setdefault("offline", {})

    @property
    def offline_ids(self) -> set[str]:
        return set(self._offline) if self._offline is not None else set(self.offline)

    def _fingerprint(self) -> tuple:
        return fingerprint(self.path), fingerprint(journal.path_of(self.path))

    def _rebuild(self, offline: dict[str, dict]):
        """Neo4j's graph, with the documents only the mirror held applied again on top (in the
        order they were loaded), except those Neo4j now holds itself."""
        g = mirror_io.from_store(self.store)
        kept = {}
        by_source = journal.documents_by_source(g)
        for doc, data in offline.items():
            if doc in mirror_mod.documents(g) or doc in self._removed:
                continue
            journal.apply_document(g, rows_mod.from_json(data), by_source)
            kept[doc] = data
        if kept:
            g.graph["offline"] = kept
        self.kept_offline = len(kept)
        self._whole = True
        self._forget_entries()
        return g

    # -- changes -----------------------------------------------------------------------------
    def _record(self, **fields) -> None:
        """A change as a journal entry, unless the mirror is to be written whole anyway (and its
        graph is at hand)."""
        if self._whole and not self._deferred:
            return
        if self._entries is None:
            self._entries = tempfile.TemporaryFile("w+", encoding="utf-8", prefix="armsgraph-journal-")
        self._entries.write(journal.entry(**fields))

    def _forget_entries(self) -> None:
        if self._entries is not None:
            self._entries.close()
        self._entries = None

    def apply(self, graph: GraphData, offline: bool = False) -> list[tuple[str, str]]:
        """Apply one document's graph; `offline`: Neo4j does not get it (the mirror keeps its rows)."""
        return self.apply_many([rows_mod.build(graph)], offline)[0]

    def apply_many(self, batch: list[rows_mod.Rows], offline: bool = False) -> list[list[tuple[str, str]]]:
        """Apply documents' rows in turn; for each, the (id, source) of older versions it replaced
        (known only when the graph is read: always, offline). The stored versions they replace are
        removed in one pass over the graph (journal.applied_many)."""
        items = []
        for rows in batch:
            data = rows_mod.as_json(rows)
            self._record(apply=data, offline=offline)
            items.append((rows, offline, data))
        if self._offline is not None and not offline:
            self._offline.difference_update(rows.documents[0]["id"] for rows in batch)  # Neo4j holds them now
            return [[] for _ in batch]
        g = self.graph
        if self._by_source is None:
            self._by_source = journal.documents_by_source(g)
        ids, seen, fresh = [rows.documents[0]["id"] for rows in batch], set(), []
        for doc in ids:
            fresh.append(doc not in self.offline and doc not in seen)
            seen.add(doc)
        replaced = journal.applied_many(g, items, self._by_source)
        for doc, (_, _, data), new, old in zip(ids, items, fresh, replaced):
            if offline and (new or old):
                self._added[doc] = data
        return replaced

    def advance(self, before, after) -> None:
        """A write transaction of this command committed, taking Neo4j from `before` to `after`."""
        if not self.stale and self.stamp == before:
            self.stamp = after
            if self._graph is not None:
                self._graph.graph["stamp"] = after
        else:
            self.stale = True

    def remove(self, doc: str, before=UNKNOWN, after=UNKNOWN) -> None:
        """A document removed (from Neo4j, from `before` to `after`; or only the mirror held it)."""
        self._removed.add(doc)
        self._added.pop(doc, None)
        self._record(remove=doc)
        if self._offline is not None:
            self._offline.discard(doc)
        else:
            self.offline.pop(doc, None)
            mirror_mod.remove_document(self._graph, doc)
            self._by_source = None
        if after is not UNKNOWN:
            self.advance(before, after)

    # -- saving -------------------------------------------------------------------------------
    def save(self) -> Path:
        """Save under the lock: this command's changes appended to the journal when the file is as
        it was read and equal to Neo4j; else rebuilt first when another command wrote to Neo4j
        meanwhile, merged with the file when another command saved it meanwhile, and written whole."""
        with locked(self.path):
            if self._deferred and not self.stale and self._fingerprint() == self._seen \
                    and self.stamp == self.store.stamp():
                self._start_empty()
            if self._appendable():
                status = {"offline": sorted(self.offline_ids)}
                if self.stamp is not UNKNOWN:
                    status["stamp"] = self.stamp
                self._record(status=1, **status)
                self._entries.seek(0)
                journal.append(self.path, self._entries)
            else:
                self._save_whole()
            self._forget_entries()
            self._seen = self._fingerprint()
        return self.path

    def _start_empty(self) -> None:
        """A deferred mirror's file: empty, showing Neo4j's generation when it was opened (this
        command's changes then go to its journal)."""
        empty = mirror_mod.new()
        if self._base_stamp is not UNKNOWN:
            empty.graph["stamp"] = self._base_stamp
        mirror_io.save(empty, self.path)
        self._seen, self._whole, self._deferred = self._fingerprint(), False, False

    def _appendable(self) -> bool:
        """Whether appending to the journal keeps file and Neo4j equal: the file and journal as read,
        no rebuild or merge since, Neo4j at the stamp, and the journal not grown past the file's size
        (unless the file is empty: the journal is then the mirror, and writing it whole would hold
        the graph this journal spares the command)."""
        if self._whole or self.stale or self._fingerprint() != self._seen:
            return False
        if self.store is not None and self.stamp != self.store.stamp():
            return False
        shows = journal.head(self.path)
        pending = self._entries.tell() if self._entries is not None else 0
        if shows is None:
            return False
        return shows.get("base_documents") == 0 or shows["bytes"] + pending <= max(self._seen[0][2], JOURNAL_MIN)

    def _save_whole(self) -> None:
        self.graph  # (read now, if not yet)
        now = self._fingerprint()
        if now[0] is not None and now != self._seen:
            self._merge_file()
        while self.store is not None:
            current = self.store.stamp()
            if not self.stale and self.stamp == current:
                break
            self._set(self._rebuild(dict(self._graph.graph.get("offline") or {})))
            self.stale = False
        mirror_io.save(self._graph, self.path)
        self._whole = False

    def _merge_file(self) -> None:
        """Another command saved the file since it was read: take its documents only the mirror
        holds, with this command's own additions and removals; with Neo4j, rebuild from it."""
        other = mirror_io.load(self.path)
        offline = {d: rows for d, rows in (other.graph.get("offline") or {}).items() if d not in self._removed}
        offline.update(self._added)
        if self.store is not None:
            self._graph.graph["offline"] = offline
            self.stale = True  # rebuilt from Neo4j with these below
            return
        mirror_mod.remove_documents(other, sorted(self._removed))
        by_source = journal.documents_by_source(other)
        for doc, data in self._added.items():
            if doc not in mirror_mod.documents(other):
                journal.apply_document(other, rows_mod.from_json(data), by_source)
        other.graph["offline"] = offline
        self._set(other)
