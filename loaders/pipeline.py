"""From a Document to a GraphData: mentions, relations with evidence, nodes and structural links."""
from __future__ import annotations

import gc
import re
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from functools import lru_cache
from typing import Any

from graph.model import Document, Evidence, GraphData, Link, Node, Relation, batched
from loaders import gazetteer as gaz_mod
from loaders import lexicon
from loaders import nlp as nlp_mod
from loaders import report_time
from loaders.context import DocumentContext
from loaders.found import Found, complete_wars, headline_goods
from loaders.mention_finder import MentionFinder
from loaders.relations import RelationReader
from loaders.sentences import SentenceReader
from loaders.version import extractor_version

LINK_TYPES = {("Official", "Agency"): "MEMBER_OF", ("Official", "State"): "MEMBER_OF",
              ("Agency", "State"): "PART_OF", ("Agency", "Agency"): "PART_OF", ("Location", "State"): "LOCATED_IN"}


@lru_cache(maxsize=None)
def _finder(lang: str) -> MentionFinder:
    return MentionFinder(lexicon.load(lang), gaz_mod.load())


def _plain(props: dict) -> dict:
    return {k: v for k, v in props.items() if isinstance(v, (str, int, float, bool))}


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while end > start and text[end - 1].isspace():
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    return start, end


class Extractor:
    """Reads documents into graphs; one per process, pipelines built on first use."""

    def __init__(self):
        self.gaz = gaz_mod.load()
        self._props: dict[str, dict] = {}  # catalogue entry id -> the properties its nodes get
        self._chains: dict[str, tuple] = {}  # catalogue entry id -> its nodes and links (_chain)

    def extract(self, document: Document) -> GraphData:
        """The graph one document states."""
        lang = document.language
        lex = lexicon.load(lang)
        document.extractor = extractor_version()
        sdoc = nlp_mod.pipeline(lang)(document.text)
        return self._graph(document, sdoc, lex)

    def extract_many(self, documents: Iterable[Document], processes: int = 1, batch_size: int = 64,
                     then: Callable[[GraphData], Any] | None = None) -> Iterator:
        """Graphs of many documents, in order: batches through spaCy's nlp.pipe per language, in
        worker processes if asked (a few batches ahead of the reader, so memory stays bounded).
        `then` (a module's function, which a worker process can be given) is applied to each graph
        where it was extracted, and its results are yielded instead: what a worker sends back is
        what the caller needs, made in parallel."""
        batches = batched(documents, batch_size)
        if processes > 1:
            with ProcessPoolExecutor(processes, initializer=_init_worker) as pool:
                pending: deque = deque()
                for batch in batches:
                    pending.append(pool.submit(_extract_batch, batch, then))
                    if len(pending) >= 2 * processes:
                        yield from pending.popleft().result()
                while pending:
                    yield from pending.popleft().result()
            return
        for batch in batches:
            yield from map(then, self.extract_batch(batch)) if then else self.extract_batch(batch)

    def extract_batch(self, documents: list[Document]) -> list[GraphData]:
        """The graphs of a list of documents, each language's texts through its nlp.pipe."""
        out: list[GraphData | None] = [None] * len(documents)
        for lang in dict.fromkeys(d.language for d in documents):
            picks = [i for i, d in enumerate(documents) if d.language == lang]
            lex = lexicon.load(lang)
            sdocs = nlp_mod.pipeline(lang).pipe((documents[i].text for i in picks), batch_size=len(picks))
            for i, sdoc in zip(picks, sdocs):
                documents[i].extractor = extractor_version()
                out[i] = self._graph(documents[i], sdoc, lex)
        return out

    def _graph(self, document: Document, sdoc, lex) -> GraphData:
        finder = _finder(lex.lang)
        mentions = finder.find(sdoc)
        reader = SentenceReader(sdoc, lex, finder, mentions)
        ctx = DocumentContext()
        rel_reader = RelationReader(reader, lex, self.gaz, ctx)
        text = document.text
        found: list[tuple[Found, Evidence]] = []
        speakers: list[tuple[int, int, str | None]] = []
        toks = nlp_mod.tokens(sdoc)
        for sent in toks.sents:
            start, end = _trim(text, *toks.chars(sent))
            if start == end:
                continue
            evidence = Evidence(document.id, text[start:end], start, end)
            items = rel_reader.read(sent)
            for f in items:
                f.claimed_by = f.claimed_by or ctx.reported[-1]
            speakers.append((start, end, ctx.speakers[-1]))
            found.extend((f, evidence) for f in items)
        found = complete_wars(found, ctx.recipients)
        ends = [end for start, end in (_trim(text, *toks.chars(sent)) for sent in toks.sents[:8]) if end > start]
        found = headline_goods(found, ends[1] if len(ends) > 1 else 0, self.gaz, mentions.discovered)
        self._quoted_speakers(text, found, speakers)
        found = self._most_specific(found)
        report_time.assign(document, found, [(s, e) for s, e, _ in speakers], [toks.idx[i] for i in reader.say_words],
                           toks.idx)
        return self.to_graph(document, found, mentions.discovered)

    @staticmethod
    def _quoted_speakers(text: str, found, speakers) -> None:
        """A quotation spanning sentences takes the speaker named after its closing mark."""
        quotes = [m.start() for m in re.finditer('"', text)]
        spans = list(zip(quotes[::2], quotes[1::2]))
        for f, ev in found:
            if f.claimed_by:
                continue
            for q_start, q_end in spans:
                if q_start <= ev.start and ev.end <= q_end + 2 or q_start <= ev.start < q_end:
                    for s, e, speaker in speakers:
                        if s <= q_end < e and speaker:
                            f.claimed_by = speaker
                            break
                    break

    def _most_specific(self, found: list[tuple[Found, Evidence]]) -> list[tuple[Found, Evidence]]:
        """Drop 'South Korea confirms' where the same document says 'the NIS confirms' the same."""
        sources: dict[tuple, set[str]] = {}  # (type, target, weapon) -> the sources the document gives
        for f, _ in found:
            sources.setdefault((f.type, f.target, f.weapon), set()).add(f.source)
        out = []
        for f, ev in found:
            general = any(source != f.source and f.source in self._ancestors(source)
                          for source in sources[(f.type, f.target, f.weapon)])
            if not general:
                out.append((f, ev))
        return out

    def _ancestors(self, entity_id: str) -> list[str]:
        return self.gaz.ancestors(entity_id) if entity_id in self.gaz else []

    def _node_props(self, entry: gaz_mod.Entry) -> dict:
        """The properties a graph node of the entry keeps (plain values); worked out once per
        catalogue entry (a discovered entry is the document's own)."""
        if self.gaz.entries.get(entry.id) is not entry:
            return _plain(entry.props)
        got = self._props.get(entry.id)
        if got is None:
            got = self._props[entry.id] = _plain(entry.props)
        return got

    def _chain(self, entity_id: str) -> tuple[tuple[gaz_mod.Entry, ...], tuple[Link, ...]]:
        """A catalogue entry and its ancestors as to_graph adds them: the entries, nearest first,
        and the links between them, farthest first (worked out once per entry)."""
        got = self._chains.get(entity_id)
        if got is None:
            entries, links, entry = [], [], self.gaz[entity_id]
            while entry.id not in {e.id for e in entries}:
                entries.append(entry)
                if not (entry.parent and entry.parent in self.gaz):
                    break
                parent = self.gaz[entry.parent]
                link_type = LINK_TYPES.get((entry.kind, parent.kind))
                if link_type:
                    links.append(Link(link_type, entry.id, parent.id))
                entry = parent
            got = self._chains[entity_id] = (tuple(entries), tuple(reversed(links)))
        return got

    def _add_catalogued(self, g: GraphData, entity_id: str, doc_id: str) -> None:
        """A catalogue entry's node, its ancestors' and the links between them, as to_graph's add()
        puts them in (in the same order)."""
        entries, links = self._chain(entity_id)
        for entry in entries:
            if entry.id in g.nodes:
                break  # (the rest of the chain, and its links, are in already)
            g.add_node(Node(entry.id, entry.kind, entry.name, dict(self._node_props(entry))))
        for link in links:
            g.add_link(link, doc_id)

    def _entry(self, entity_id: str, discovered: dict) -> gaz_mod.Entry:
        return discovered.get(entity_id) or self.gaz[entity_id]

    def to_graph(self, document: Document, found, discovered) -> GraphData:
        g = GraphData(documents=[document])
        doc_id = document.id

        def add(entity_id: str) -> None:
            if entity_id in g.nodes:
                return
            entry = self._entry(entity_id, discovered)
            g.add_node(Node(entry.id, entry.kind, entry.name, dict(self._node_props(entry))))
            parent = entry.parent
            if parent and (parent in self.gaz or parent in discovered):
                add(parent)
                link_type = LINK_TYPES.get((entry.kind, self._entry(parent, discovered).kind))
                if link_type:
                    g.add_link(Link(link_type, entry.id, parent), doc_id)

        seen = set()
        for f, ev in found:
            key = (f.type, f.source, f.target, f.weapon, f.status, f.claimed_by, ev.start,
                   f.quantity.text if f.quantity else None)
            if key in seen:
                continue
            seen.add(key)
            for entity_id in (f.source, f.target, f.weapon, f.claimed_by):
                if not entity_id or entity_id in g.nodes:
                    continue
                if entity_id in discovered:  # (no catalogue id is a discovered one)
                    add(entity_id)
                else:
                    self._add_catalogued(g, entity_id, doc_id)
            g.relations.append(Relation(f.type, f.source, f.target, ev, f.weapon, f.status, f.quantity, f.claimed_by,
                                        f.event))
        return g


def gold_rows(graph: GraphData) -> Iterator[dict]:
    """The relations of a graph in the annotation guidelines' format, one dict each."""
    names = {d.id: d.name for d in graph.documents}
    known = {d.id: {k: v for k, v in (("published", d.published), ("outlet", d.outlet)) if v}
             for d in graph.documents}
    for r in graph.relations:
        source, target = graph.nodes[r.source].name, graph.nodes[r.target].name
        if r.type == "MEETS":
            source, target = sorted((source, target))
        row = {"doc": names[r.evidence.doc_id], "type": r.type, "source": source, "target": target}
        if r.weapon:
            row["weapon"] = graph.nodes[r.weapon].name
        if r.quantity:
            row["quantity"] = r.quantity.as_dict()
        if r.type == "SUPPLIES":
            row["status"] = r.status or "delivered"
        if r.claimed_by:
            row["claimed_by"] = graph.nodes[r.claimed_by].name
        row["evidence"] = r.evidence.sentence
        row["offsets"] = [r.evidence.start, r.evidence.end]
        row.update(known[r.evidence.doc_id])  # (the scorer reads none of these)
        if r.event:
            row.update(r.event.props())
        yield row


_worker: Extractor | None = None


def _init_worker() -> None:
    global _worker
    # a forked worker inherits the parent's objects: keep its collector from walking (and so
    # copying, page by page) all of them
    gc.freeze()
    _worker = Extractor()


def _extract_batch(documents: list[Document], then: Callable[[GraphData], Any] | None = None) -> list:
    graphs = _worker.extract_batch(documents)
    return [then(graph) for graph in graphs] if then else graphs
