"""Read, extract and store documents: what `cli.py load` and `cli.py extract` run."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import nullcontext
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from graph import mirror as mirror_mod
from graph import rows as rows_mod
from graph import sync
from graph.errors import DocumentError
from graph.model import Document, GraphData, batched, reading
from graph.settings import DEFAULT_DOCS_PER_TRANSACTION
from loaders.article_meta import Meta
from loaders.documents import identify, read_documents
from loaders.feeds import feed_items
from loaders.fetch import Fetcher
from loaders.load_summary import Summary, count_input
from loaders.version import extractor_version

if TYPE_CHECKING:
    from loaders.copies import Detector

CHECK_EVERY = 500  # documents read before the store is asked which of them it holds already


def documents(paths: Iterable[str | DocumentError], summary: Summary, *, max_bytes: int | None = None,
              stored: Callable[[list[Document]], set[str]] | None = None,
              on_unchanged: Callable[[str], None] | None = None, fetcher: Fetcher | None = None,
              given: Meta | None = None) -> Iterator[Document]:
    """The readable documents among the paths and URLs (read_documents; none larger than `max_bytes`,
    default 25 MB); the others are recorded as skipped. `given`: what the run's options say of every
    article (its date, outlet, URL). `stored(docs)` gives the ids among these of documents stored
    already and read alike (the same text, extractor version, date, outlet and URL:
    graph/model.reading): such a document costs a hash, not an extraction, and is counted as
    unchanged; one whose sidecar changed is read again. Languages are detected after that check."""
    items = read_documents(paths, max_bytes=max_bytes, languages=stored is None, fetcher=fetcher, given=given)
    for chunk in batched(items, CHECK_EVERY) if stored is not None else ([item] for item in items):
        same = stored([d for d in chunk if isinstance(d, Document)]) if stored is not None else set()
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


def unchanged_in(store, m: sync.MirrorFile | None) -> Callable[[list[Document]], set[str]] | None:
    """What documents.stored asks: Neo4j when a store is given (what it holds decides, as in
    prepare), else the mirror."""
    version = extractor_version()
    if store is not None:
        return lambda docs: read_alike(docs, store.readings([d.id for d in docs]), version)
    if m is not None:
        held = mirror_mod.documents(m.graph)
        return lambda docs: read_alike(docs, held, version)
    return None


def read_alike(docs: list[Document], held: dict[str, dict], version: str) -> set[str]:
    """The ids of the documents stored (`held`: id -> the stored properties) and read as they would
    be now; what an earlier load's options said of them is kept first (Document.keep_given)."""
    same = set()
    for doc in docs:
        if (stored := held.get(doc.id)) is not None:
            doc.keep_given(stored)
            if reading(stored) == doc.reading(version):
                same.add(doc.id)
    return same


def held_in(store, m: sync.MirrorFile | None) -> Callable[[list[str]], set[str]] | None:
    """Which of some sources (URLs) stored documents were read from: Neo4j's when a store is given,
    else the mirror's."""
    if store is not None:
        return store.held_sources
    if m is not None:
        sources = {doc.get("source") for doc in mirror_mod.documents(m.graph).values()}
        return lambda urls: sources.intersection(urls)
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
    from loaders.copies import signature  # (datasketch: only when a document is read)
    rows.documents[0]["minhash"] = signature(graph.documents[0].text)
    return Extracted(rows, len(graph.relations), graph.documents[0].name)


def detector(store, m: sync.MirrorFile | None, summary: Summary) -> Detector:
    """The copy detector of a load: the stored documents' signatures (Neo4j's, or offline the
    mirror's); those it cannot read are counted in the summary. (datasketch and scipy are imported
    here, when a document is read: a load of unchanged articles does without them.)"""
    from loaders.copies import Detector
    if store is not None:
        found = Detector(store.signatures())
    else:
        found = Detector(mirror_mod.documents(m.graph).values() if m is not None else ())
    summary.damaged_signatures, summary.unsigned = found.damaged, found.unsigned
    return found


def link_copies(found: Detector, rows: rows_mod.Rows, name: str, summary: Summary) -> None:
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


def load(paths: Iterable[str | DocumentError], store, mirror_path: Path | None, *, processes: int = 1,
         docs_per_transaction: int = DEFAULT_DOCS_PER_TRANSACTION, max_bytes: int | None = None,
         on_document: Callable[[str], None] | None = None, feeds: Iterable[str] = (),
         fetcher: Fetcher | None = None, given: Meta | None = None) -> Summary:
    """Extract every readable document (files, folders, URLs, and the feeds' items the store does not
    hold yet; see loaders/feeds.py) and write it to Neo4j (when a store is given) and the mirror.
    `given`: what the run's options say of every article (its date, outlet, URL).
    A document already stored and read alike (see documents) is not read again; one read otherwise
    (another extractor version, an edited sidecar) replaces the stored one; a document whose source
    (path or URL) holds an older text replaces that version; the mirror is saved only when it
    changed (and never over Neo4j's newer state, see graph/sync.py)."""
    summary = Summary()
    m = sync.MirrorFile.open(mirror_path, store) if mirror_path is not None else None
    summary.before = store.counts() if store is not None else mirror_mod.counts(m.graph) if m is not None else {}
    batch: list[rows_mod.Rows] = []
    changed = False
    found: Detector | None = None  # made when a first document is extracted

    def written(result: dict | None) -> None:
        if result:
            summary.replaced.extend(result.get("replaced", ()))
            if m is not None:
                m.advance(result["before"], result["after"])

    items = chain(paths, feed_items(feeds, fetcher, summary, held_in(store, m)) if feeds else ())
    docs = documents(items, summary, max_bytes=max_bytes, stored=unchanged_in(store, m), on_unchanged=on_document,
                     fetcher=fetcher, given=given)

    def submit(batch: list[rows_mod.Rows]) -> None:
        """A batch to the mirror (the stored versions it replaces removed in one pass), then to Neo4j."""
        if m is not None:
            replaced = m.apply_many(batch, offline=store is None)
            if store is None:
                summary.replaced.extend(chain.from_iterable(replaced))
        if writer is not None:
            writer.submit(batch)

    with Writer(store, written) if store is not None else nullcontext() as writer:
        for rows, relations, name in extracted(docs, processes):
            changed = True
            found = found or detector(store, m, summary)
            link_copies(found, rows, name, summary)
            summary.relations += relations
            count_input(rows, summary)
            batch.append(rows)
            if len(batch) >= docs_per_transaction:
                submit(batch)
                batch = []
            if on_document:
                on_document(name)
        if batch:
            submit(batch)
    return finish(summary, store, m, changed)


def finish(summary: Summary, store, m: sync.MirrorFile | None, changed: bool) -> Summary:
    """The load's summary completed with what the store (and the mirror) hold after it; the mirror
    saved when the load changed it (or it was repaired)."""
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
    new ones are added, ones read otherwise (another extractor version, date, outlet...:
    graph/model.reading) are replaced, ones stored and read alike are left alone (None when all
    are). (Older versions of the documents, other texts from the same source, are found and
    replaced by the write itself.)"""
    stored = store.readings([rows.documents[0]["id"] for rows in batch])
    todo = []
    replace = set()
    for rows in batch:
        doc = rows.documents[0]
        if doc["id"] in stored and reading(stored[doc["id"]]) == reading(doc):
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
