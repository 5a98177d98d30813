"""Read, extract and store documents: what `cli.py load` and `cli.py extract` run."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import nullcontext
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import NamedTuple

from graph import mirror as mirror_mod
from graph import rows as rows_mod
from graph import sync
from graph.errors import DocumentError
from graph.model import Document, GraphData, batched
from loaders import copies
from loaders.documents import identify, read_documents
from loaders.version import extractor_version

CHECK_EVERY = 500  # documents read before the store is asked which of them it holds already


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
    unchanged: int = 0  # documents stored already by this extractor version, not read again
    copies: list[tuple[str, str]] = field(default_factory=list)  # (name, original's id) of the wire copies read
    damaged_signatures: int = 0  # stored documents whose text signature could not be read (not compared)
    unsigned: int = 0  # stored documents without a text signature (stored before copies were detected)

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


def documents(paths: Iterable[str], summary: Summary, *, max_bytes: int | None = None,
              stored: Callable[[list[str]], set[str]] | None = None,
              on_unchanged: Callable[[str], None] | None = None) -> Iterator[Document]:
    """The readable documents among the paths (none larger than `max_bytes`, default 25 MB); the
    others are recorded as skipped. `stored(ids)` gives the ids among these of documents stored
    already by this extractor version: such a document (its text unchanged) costs a hash, not an
    extraction, and is counted as unchanged. Languages are detected after that check."""
    items = read_documents(paths, max_bytes=max_bytes, languages=stored is None)
    for chunk in batched(items, CHECK_EVERY) if stored is not None else ([item] for item in items):
        same = stored([d.id for d in chunk if isinstance(d, Document)]) if stored is not None else set()
        for item in chunk:
            try:
                if isinstance(item, DocumentError):
                    raise item
                if item.id in same:
                    summary.read += 1
                    summary.unchanged += 1
                    if on_unchanged:
                        on_unchanged(item.name)
                    continue
                doc = item if item.language else identify(item)
            except DocumentError as err:
                summary.skipped.append((err.source, err.reason))
                continue
            summary.read += 1
            yield doc


def count_input(rows: rows_mod.Rows, summary: Summary) -> None:
    """Add the nodes and relationships of Neo4j one document's rows name to the summary's."""
    nodes, rels = summary.input_nodes, summary.input_rels

    def add(table: dict[str, set], name: str, items) -> None:
        table.setdefault(name, set()).update(items)

    for kind, items in rows.nodes.items():
        add(nodes, kind, (row["id"] for row in items))
    add(nodes, "Document", (row["id"] for row in rows.documents))
    for rel_type, items in rows.links.items():
        add(rels, rel_type, ((row["source"], row["target"], rel_type) for row in items))
    for rel_type, items in rows.facts.items():
        add(rels, rel_type, ((row["source"], row["target"], mirror_mod.edge_key(rel_type, row)) for row in items))
    if rows.evidence:
        add(nodes, "Evidence", (row["id"] for row in rows.evidence))
        add(rels, "IN_DOCUMENT", ((row["id"], row["doc_id"]) for row in rows.evidence))
    if rows.claims:
        add(rels, "CLAIMED_BY", ((claim["evidence"], claim["actor"]) for claim in rows.claims))


def unchanged_in(store, m: sync.MirrorFile | None) -> Callable[[list[str]], set[str]] | None:
    """What documents.stored asks: Neo4j when a store is given (what it holds decides, as in
    prepare), else the mirror."""
    version = extractor_version()
    if store is not None:
        return lambda ids: {i for i, v in store.versions(ids).items() if v == version}
    if m is not None:
        docs = mirror_mod.documents(m.graph)
        return lambda ids: {i for i in ids if docs.get(i, {}).get("extractor") == version}
    return None


class Extracted(NamedTuple):
    """What load needs of a document's graph (made where it was extracted, in a worker process
    when there are several: the rows are built in parallel, and plain values cost little to send)."""

    rows: rows_mod.Rows
    relations: int
    name: str


def to_rows(graph: GraphData) -> Extracted:
    """The rows of a document's graph, its document row with its text's signature (loaders/copies.py)."""
    rows = rows_mod.build(graph)
    rows.documents[0]["minhash"] = copies.signature(graph.documents[0].text)
    return Extracted(rows, len(graph.relations), graph.documents[0].name)


def detector(store, m: sync.MirrorFile | None, summary: Summary) -> copies.Detector:
    """The copy detector of a load: the stored documents' signatures (Neo4j's, or offline the
    mirror's); those it cannot read are counted in the summary."""
    if store is not None:
        found = copies.Detector(store.signatures())
    else:
        found = copies.Detector(mirror_mod.documents(m.graph).values() if m is not None else ())
    summary.damaged_signatures, summary.unsigned = found.damaged, found.unsigned
    return found


def link_copies(found: copies.Detector, rows: rows_mod.Rows, name: str, summary: Summary) -> None:
    """The copy links a document's rows set (graph/copies.py); a copy is noted in the summary."""
    rows.copies = found.link(rows.documents[0])
    head = next((link["copy_of"] for link in rows.copies if link["id"] == rows.documents[0]["id"]), None)
    if head:
        summary.copies.append((name, head))


def extracted(docs: Iterator[Document], processes: int = 1) -> Iterator[Extracted]:
    """The documents' rows; the extractor (spaCy, the vocabularies) is loaded only when there is a
    first document to read."""
    first = next(docs, None)
    if first is None:
        return
    from loaders.pipeline import Extractor
    yield from Extractor().extract_many(chain([first], docs), processes=processes, then=to_rows)


def load(paths: Iterable[str], store, mirror_path: Path | None, *, processes: int = 1,
         docs_per_transaction: int = 200, max_bytes: int | None = None,
         on_document: Callable[[str], None] | None = None) -> Summary:
    """Extract every readable document and write it to Neo4j (when a store is given) and the mirror.
    A document already stored by this extractor version is not read again; a document whose source
    (path or URL) holds an older text replaces that version; the mirror is saved only when it
    changed (and never over Neo4j's newer state, see graph/sync.py)."""
    summary = Summary()
    m = sync.MirrorFile.open(mirror_path, store) if mirror_path is not None else None
    summary.before = store.counts() if store is not None else mirror_mod.counts(m.graph) if m is not None else {}
    batch: list[rows_mod.Rows] = []
    changed = False
    found: copies.Detector | None = None  # made when a first document is extracted

    def written(result: dict | None) -> None:
        if result:
            summary.replaced.extend(result.get("replaced", ()))
            if m is not None:
                m.advance(result["before"], result["after"])

    docs = documents(paths, summary, max_bytes=max_bytes, stored=unchanged_in(store, m), on_unchanged=on_document)
    with Writer(store, written) if store is not None else nullcontext() as writer:
        for rows, relations, name in extracted(docs, processes):
            changed = True
            found = found or detector(store, m, summary)
            link_copies(found, rows, name, summary)
            summary.relations += relations
            count_input(rows, summary)
            if m is not None:
                replaced = m.apply_rows(rows, offline=store is None)
                if store is None:
                    summary.replaced.extend(replaced)
            if writer is not None:
                batch.append(rows)
                if len(batch) >= docs_per_transaction:
                    writer.submit(batch)
                    batch = []
            if on_document:
                on_document(name)
        if writer is not None and batch:
            writer.submit(batch)
    if store is not None:
        summary.after = store.counts() if changed else summary.before
    if m is not None:
        if changed or m.repaired:
            m.save()
        summary.after = summary.after or mirror_mod.counts(m.graph)
        summary.offline = len(m.offline_ids)
    return summary


def prepare(store, batch: list[rows_mod.Rows]) -> tuple[rows_mod.Rows, list[str]] | None:
    """What one transaction writes of some documents' rows, and the stored documents it replaces:
    new ones are added, ones read by another extractor version are replaced, ones already stored by
    this version are left alone (None when all are). (Older versions of the documents, other texts
    from the same source, are found and replaced by the write itself.)"""
    stored = store.versions([rows.documents[0]["id"] for rows in batch])
    todo = []
    replace = set()
    for rows in batch:
        doc = rows.documents[0]
        if doc["id"] in stored and stored[doc["id"]] == doc.get("extractor"):
            continue
        if doc["id"] in stored:
            replace.add(doc["id"])
        todo.append(rows)
    return (rows_mod.combine(todo), sorted(replace)) if todo else None


def write_batch(store, batch: list[GraphData]) -> dict | None:
    """Write documents in one transaction (see prepare); None when all were stored already."""
    prepared = prepare(store, [rows_mod.build(graph) for graph in batch])
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

    def submit(self, batch: list[rows_mod.Rows]) -> None:
        """Prepare a batch of documents' rows here, then write it once the one before is written."""
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
