"""Read, extract and store documents: what `cli.py load` and `cli.py extract` run."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from graph import mirror as mirror_mod
from graph import rows as rows_mod
from graph import sync
from graph.errors import DocumentError
from graph.model import Document, GraphData
from loaders.documents import read_documents
from loaders.pipeline import Extractor


@dataclass(slots=True)
class Summary:
    """What a load did."""

    read: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    relations: int = 0
    before: dict = field(default_factory=dict)
    after: dict = field(default_factory=dict)
    input_nodes: dict[str, set] = field(default_factory=dict)  # label -> the distinct nodes the documents name
    input_rels: dict[str, set] = field(default_factory=dict)   # type -> the distinct relationships
    replaced: list[tuple[str, str]] = field(default_factory=list)  # (older version's id, source)
    offline: int = 0  # documents only the mirror holds

    def table(self) -> list[tuple[str, int, int, int]]:
        """(what, in the documents, added, already present) per node label and relationship type:
        the distinct nodes and relationships the documents name, how many more the store holds
        after the load than before, and the rest (there before, or written meanwhile by another)."""
        rows = []
        for section, distinct in (("nodes", self.input_nodes), ("relationships", self.input_rels)):
            for name in sorted(distinct):
                named = len(distinct[name])
                added = self.after.get(section, {}).get(name, 0) - self.before.get(section, {}).get(name, 0)
                added = min(max(added, 0), named)
                rows.append((name, named, added, named - added))
        return rows


def documents(paths: Iterable[str], summary: Summary, *, max_bytes: int | None = None) -> Iterator[Document]:
    """The readable documents among the paths (none larger than `max_bytes`, default 25 MB); the
    others are recorded as skipped."""
    for item in read_documents(paths, max_bytes=max_bytes):
        if isinstance(item, DocumentError):
            summary.skipped.append((item.source, item.reason))
        else:
            summary.read += 1
            yield item


def count_input(graph: GraphData, summary: Summary) -> None:
    nodes, rels = mirror_mod.elements(mirror_mod.build(graph))
    nodes.pop("Entity", None)
    for label, ids in nodes.items():
        summary.input_nodes.setdefault(label, set()).update(ids)
    for rel_type, keys in rels.items():
        summary.input_rels.setdefault(rel_type, set()).update(keys)


def load(paths: Iterable[str], store, mirror_path: Path | None, *, processes: int = 1,
         docs_per_transaction: int = 200, max_bytes: int | None = None,
         on_document: Callable[[Document | None], None] | None = None) -> Summary:
    """Extract every readable document and write it to Neo4j (when a store is given) and the mirror.
    A document whose source (path or URL) holds an older text replaces that version; the mirror is
    saved only when it changed (and never over Neo4j's newer state, see graph/sync.py)."""
    summary = Summary()
    extractor = Extractor()
    m = sync.MirrorFile.open(mirror_path, store) if mirror_path is not None else None
    if store is not None:
        summary.before = store.counts()
    elif m is not None:
        summary.before = mirror_mod.counts(m.graph)
    batch: list[GraphData] = []

    def written(result: dict | None) -> None:
        if result:
            summary.replaced.extend(result.get("replaced", ()))
            if m is not None:
                m.advance(result["before"], result["after"])

    with Writer(store, written) if store is not None else nullcontext() as writer:
        for graph in extractor.extract_many(documents(paths, summary, max_bytes=max_bytes), processes=processes):
            summary.relations += len(graph.relations)
            count_input(graph, summary)
            if m is not None:
                replaced = m.apply(graph, offline=store is None)
                if store is None:
                    summary.replaced.extend(replaced)
            if writer is not None:
                batch.append(graph)
                if len(batch) >= docs_per_transaction:
                    writer.submit(batch)
                    batch = []
            if on_document:
                on_document(graph.documents[0])
        if writer is not None and batch:
            writer.submit(batch)
    if store is not None:
        summary.after = store.counts()
    if m is not None:
        if summary.read or m.repaired:
            m.save()
        summary.after = summary.after or mirror_mod.counts(m.graph)
        summary.offline = len(m.offline)
    return summary


def prepare(store, batch: list[GraphData]) -> tuple[rows_mod.Rows, list[str]] | None:
    """What one transaction writes of some documents, and the stored documents it replaces: new
    ones are added, ones read by another extractor version are replaced, ones already stored by
    this version are left alone (None when all are). (Older versions of the documents, other texts
    from the same source, are found and replaced by the write itself.)"""
    stored = store.versions([gr.documents[0].id for gr in batch])
    todo = GraphData()
    replace = set()
    for gr in batch:
        doc = gr.documents[0]
        if doc.id in stored and stored[doc.id] == doc.extractor:
            continue
        if doc.id in stored:
            replace.add(doc.id)
        todo.extend(gr)
    return (rows_mod.build(todo), sorted(replace)) if todo.documents else None


def write_batch(store, batch: list[GraphData]) -> dict | None:
    """Write documents in one transaction (see prepare); None when all were stored already."""
    prepared = prepare(store, batch)
    return store.write_rows(*prepared) if prepared else None


class Writer:
    """Writes batches in a thread of its own, one transaction at a time, while the caller extracts
    and prepares the next batch: the server's work overlaps the client's. At most one batch is in
    flight; each result is passed to `done` in the caller's thread, in order, and a failed write
    raises there (at the next submit, or on leaving the `with` block)."""

    def __init__(self, store, done: Callable[[dict | None], None] = lambda result: None):
        self.store, self.done = store, done
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="armsgraph-writer")
        self.pending: Future | None = None

    def submit(self, batch: list[GraphData]) -> None:
        """Prepare a batch here, then write it once the one before is written."""
        prepared = prepare(self.store, batch)
        self.wait()
        if prepared is not None:
            self.pending = self.pool.submit(self.store.write_rows, *prepared)

    def wait(self) -> None:
        """The batch in flight written (its error raised here), its result passed to `done`."""
        pending, self.pending = self.pending, None
        if pending is not None:
            self.done(pending.result())

    def __enter__(self) -> "Writer":
        return self

    def __exit__(self, failed, *exc) -> None:
        try:
            if failed is None:
                self.wait()
        finally:  # (after a failure the write in flight still ends, committed or not, before the error)
            self.pool.shutdown(wait=True)
