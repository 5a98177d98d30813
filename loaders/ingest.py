"""Read, extract and store documents: what `cli.py load` and `cli.py extract` run."""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from graph import mirror as mirror_mod
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
    input_nodes: Counter = field(default_factory=Counter)
    input_rels: Counter = field(default_factory=Counter)

    def table(self) -> list[tuple[str, int, int, int]]:
        """(what, in the documents, added, already present) per node label and relationship type."""
        rows = []
        for section, counts in (("nodes", self.input_nodes), ("relationships", self.input_rels)):
            for name in sorted(counts):
                added = self.after.get(section, {}).get(name, 0) - self.before.get(section, {}).get(name, 0)
                rows.append((name, counts[name], max(added, 0), max(counts[name] - max(added, 0), 0)))
        return rows


def documents(paths: Iterable[str], summary: Summary) -> Iterator[Document]:
    """The readable documents among the paths; the others are recorded as skipped."""
    for item in read_documents(paths):
        if isinstance(item, DocumentError):
            summary.skipped.append((item.source, item.reason))
        else:
            summary.read += 1
            yield item


def count_input(graph: GraphData, summary: Summary) -> None:
    m = mirror_mod.build(graph)
    summary.input_nodes.update(a.get("label") for _, a in m.nodes(data=True))
    summary.input_rels.update(a.get("type") for _, _, a in m.edges(data=True))


def load(paths: Iterable[str], store, mirror_path: Path | None, *, processes: int = 1,
         docs_per_transaction: int = 200, on_document: Callable[[Document | None], None] | None = None) -> Summary:
    """Extract every readable document and write it to Neo4j (when a store is given) and the mirror."""
    summary = Summary()
    extractor = Extractor()
    if store is not None:
        summary.before = store.counts()
    g = None
    if mirror_path is not None:
        mirror_mod.check_writable(mirror_path)
        g = mirror_mod.load(mirror_path) if Path(mirror_path).exists() else None
        if g is not None and store is not None and _lags(g, store, summary.before):
            g = None  # an earlier load or remove failed half way: start from what Neo4j holds
        if g is None and store is not None:
            g = mirror_mod.from_store(store)
        if g is None:
            g = mirror_mod.build(GraphData())
        summary.before = summary.before or _mirror_counts(g)
    batch: list[GraphData] = []

    def flush() -> None:
        if store is not None and batch:
            write_batch(store, batch)
        batch.clear()

    for graph in extractor.extract_many(documents(paths, summary), processes=processes):
        summary.relations += len(graph.relations)
        count_input(graph, summary)
        batch.append(graph)
        if g is not None:
            apply_to_mirror(g, graph)
        if len(batch) >= docs_per_transaction:
            flush()
        if on_document:
            on_document(graph.documents[0])
    flush()
    if store is not None:
        summary.after = store.counts()
    if g is not None:
        summary.after = summary.after or _mirror_counts(g)
        mirror_mod.save(g, mirror_path)
    return summary


def _lags(g, store, counts: dict) -> bool:
    """Whether Neo4j holds documents (or versions of them) the mirror file does not. Documents only
    the mirror holds (loaded with --offline) are no reason to rebuild it."""
    mirrored = {n: a.get("extractor") for n, a in g.nodes(data=True) if a.get("label") == "Document"}
    stored = store.versions(list(mirrored))
    return counts.get("nodes", {}).get("Document", 0) > len(stored) or any(
        mirrored[d] != v for d, v in stored.items())


def write_batch(store, batch: list[GraphData]) -> None:
    """Write documents in one transaction: new ones are added, ones read by another extractor
    version are replaced, ones already stored by this version are left alone."""
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
    if todo.documents:
        store.write(todo, replace=sorted(replace))


def apply_to_mirror(g, graph: GraphData) -> None:
    """The same rule for the networkx mirror."""
    doc = graph.documents[0]
    if doc.id in g:
        if g.nodes[doc.id].get("extractor") == doc.extractor:
            return
        mirror_mod.remove_document(g, doc.id)
    mirror_mod.apply(g, graph)


def _mirror_counts(g) -> dict:
    nodes, rels = Counter(), Counter()
    for _, a in g.nodes(data=True):
        nodes[a.get("label")] += 1
        if a.get("label") in ("State", "Official", "Agency", "WeaponType", "Location"):
            nodes["Entity"] += 1
    for _, _, a in g.edges(data=True):
        rels[a.get("type")] += 1
    return {"nodes": dict(nodes), "relationships": dict(rels)}
