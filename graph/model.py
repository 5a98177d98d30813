"""The database-neutral graph: what loaders emit and what both stores (Neo4j, networkx) take."""
from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice

from graph import schema as schema_mod
from graph.errors import InputError


def slug(name: str) -> str:
    """Stable canonical id of a name: ASCII, lower case, words joined by '-'."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    text = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return text or "x" + hashlib.sha1(name.encode()).hexdigest()[:8]


def batched(items: Iterable, size: int) -> Iterator[list]:
    """Consecutive lists of `size` items (the last may be shorter): itertools.batched of Python 3.12,
    which 3.11 lacks (and it gives tuples; the driver's parameters and the workers take lists)."""
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def digest(*parts: object, size: int = 16) -> str:
    """Short stable hash of the parts (used for fact, evidence and document ids)."""
    return hashlib.sha256("\x1f".join("" if p is None else str(p) for p in parts).encode()).hexdigest()[:size]


@dataclass(slots=True)
class Node:
    """An entity: a State, Official, Agency, WeaponType or Location."""

    id: str
    kind: str
    name: str
    props: dict = field(default_factory=dict)


@dataclass(slots=True, frozen=True)
class Quantity:
    """A number as an article states it ("mehr als 100" -> min=100, more_than)."""

    text: str
    value: float | None = None
    min: float | None = None
    max: float | None = None
    qualifier: str | None = None
    unit: str | None = None

    def as_dict(self) -> dict:
        """The gold format: only the fields that are set, integers where whole."""
        out = {}
        for key in ("value", "min", "max"):
            v = getattr(self, key)
            if v is not None:
                out[key] = int(v) if float(v).is_integer() else v
        if self.qualifier:
            out["qualifier"] = self.qualifier
        if self.unit:
            out["unit"] = self.unit
        return out

    def props(self) -> dict:
        """Flat properties for a store (Neo4j properties cannot be maps)."""
        return {"quantity_text": self.text, "quantity_value": self.value, "quantity_min": self.min,
                "quantity_max": self.max, "quantity_qualifier": self.qualifier, "quantity_unit": self.unit}


@dataclass(slots=True, frozen=True)
class Evidence:
    """Where a relation was read: the document, the sentence and its character offsets."""

    doc_id: str
    sentence: str
    start: int
    end: int


@dataclass(slots=True, frozen=True)
class EventTime:
    """When a reported event happened, as the words around the report say: an inclusive interval of
    ISO dates, its precision (day, month, year, or range for words that give a span) and the words.
    Only the words when they need the article's date and the article has none."""

    text: str
    start: str | None = None
    end: str | None = None
    precision: str | None = None

    def props(self) -> dict:
        """The report's event_* properties that are set."""
        got = {"event_start": self.start, "event_end": self.end, "event_precision": self.precision,
               "event_text": self.text}
        return {k: v for k, v in got.items() if v is not None}


@dataclass(slots=True)
class Relation:
    """One relation stated in one sentence of one document."""

    type: str
    source: str
    target: str
    evidence: Evidence
    weapon: str | None = None
    status: str | None = None
    quantity: Quantity | None = None
    claimed_by: str | None = None
    event: EventTime | None = None  # when it happened (not part of the fact's or the report's identity)

    def key_props(self) -> dict:
        """The relation-specific properties that, with type and ends, identify the fact."""
        if self.type == "SUPPLIES":
            return {"weapon_id": self.weapon or "", "status": self.status or "delivered"}
        return {}

    @property
    def fact_id(self) -> str:
        """Same for every report of the same fact, in any document."""
        source, target = self.source, self.target
        if schema_mod.load().relations[self.type].symmetric:
            source, target = sorted((source, target))
        key = self.key_props()
        return "f" + digest(self.type, source, target, *(f"{k}={key[k]}" for k in sorted(key)))

    @property
    def evidence_id(self) -> str:
        """One per fact, document, sentence and attribution."""
        return self.evidence_key(self.fact_id)

    def evidence_key(self, fact_id: str) -> str:
        """evidence_id, given the fact_id already computed."""
        q = self.quantity.text if self.quantity else ""
        return "e" + digest(fact_id, self.evidence.doc_id, self.evidence.start,
                            self.evidence.end, self.claimed_by, q)


@dataclass(slots=True, frozen=True)
class Link:
    """A structural relation (MEMBER_OF, PART_OF, LOCATED_IN) between two entities."""

    type: str
    source: str
    target: str


@dataclass(slots=True)
class Document:
    """One article: its id is derived from its normalised text."""

    id: str
    name: str
    title: str
    source: str
    language: str
    text: str
    published: str | None = None  # the article's own date, ISO YYYY-MM-DD (docs/sources.md)
    extractor: str | None = None  # version of the vocabularies, lexicon and rules that read it
    outlet: str | None = None
    url: str | None = None
    # where published, outlet and url came from: option, sidecar, html, dateline (fetch, feed)
    published_from: str | None = None
    outlet_from: str | None = None
    url_from: str | None = None

    @property
    def words(self) -> int:
        return len(self.text.split())

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    def props(self) -> dict:
        return {"id": self.id, "name": self.name, "source": self.source, "language": self.language,
                "words": self.words, "sha256": self.sha256, **{key: getattr(self, key) for key in READING}}

    def reading(self, extractor: str | None = None) -> tuple:
        """How this document is read, as `reading` gives it of a stored one (`extractor`: the
        version that will read it, when none has yet)."""
        return reading({**{key: getattr(self, key) for key in READING}, "extractor": extractor or self.extractor})

    def keep_given(self, stored: dict) -> None:
        """Take from the stored version of this article (its properties) what an option of an
        earlier load said of it (`load --date/--outlet/--url`), unless this run's options say it
        again: loading the folder later without them neither reads the article again nor forgets
        its date (docs/sources.md)."""
        for name in GIVEN:
            if stored.get(f"{name}_from") == "option" and getattr(self, f"{name}_from") != "option":
                setattr(self, name, stored.get(name))
                setattr(self, f"{name}_from", "option")


# What a stored document was read as, besides its text (its id): the extractor version, and the
# title, date, outlet and URL with where each came from. A load that reads the same text otherwise
# (another version; a sidecar or an option that gives another date) replaces the stored document.
READING = ("extractor", "title", "published", "outlet", "url", "published_from", "outlet_from", "url_from")
GIVEN = ("published", "outlet", "url")  # what a load's options may say of an article


def reading(props: dict) -> tuple:
    """How a document was read, from its properties (a stored node's or a row's; an absent one is None)."""
    return tuple(props.get(key) or None for key in READING)


def replaceable(source: str | None) -> bool:
    """Whether a document's source names a file or a page whose newer text replaces the older
    one (not standard input, which has no name to recognise it by)."""
    return bool(source) and source not in ("<stdin>", "-")


def source_keys(key: str) -> list[str]:
    """A key as a document source: as given, and as the absolute path it names."""
    keys = [key]
    if key and "://" not in key and key not in ("<stdin>", "-"):
        keys.append(os.path.abspath(os.path.expanduser(key)))
    return sorted(set(keys))


def one_document(key: str, found: list[dict]) -> dict:
    """The one document a key names, or InputError listing the ones it could mean."""
    if len(found) > 1:
        listed = "; ".join(f"{d['id']} ({d.get('name')}, {d.get('source')})" for d in found[:10])
        more = f" and {len(found) - 10} more" if len(found) > 10 else ""
        raise InputError(f"{key!r} names {len(found)} documents: {listed}{more}; remove one by its id")
    return found[0]


def document_id(text: str) -> str:
    """Id of a document from its normalised text: the same article read twice is one document."""
    return "d" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass(slots=True)
class GraphData:
    """Nodes, relations with evidence, and structural links extracted from documents."""

    documents: list[Document] = field(default_factory=list)
    nodes: dict[str, Node] = field(default_factory=dict)
    relations: list[Relation] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    # structural links asserted by a document (doc id -> links); vocabulary links have none
    link_docs: dict[Link, set[str]] = field(default_factory=dict)

    def add_node(self, node: Node) -> None:
        self.nodes.setdefault(node.id, node)

    def add_link(self, link: Link, doc_id: str | None = None) -> None:
        if link not in self.link_docs:
            self.links.append(link)
            self.link_docs[link] = set()
        if doc_id:
            self.link_docs[link].add(doc_id)

    def extend(self, other: "GraphData") -> None:
        """Add another graph's content (used to load many documents at once)."""
        self.documents.extend(other.documents)
        for node in other.nodes.values():
            self.add_node(node)
        self.relations.extend(other.relations)
        for link in other.links:
            docs = other.link_docs.get(link) or {None}
            for d in docs:
                self.add_link(link, d)

    def node_docs(self) -> dict[str, set[str]]:
        """For each node, the documents that mention it (as an end, a claimer or a link end)."""
        out: dict[str, set[str]] = {nid: set() for nid in self.nodes}
        for r in self.relations:
            for nid in (r.source, r.target, r.claimed_by, r.weapon):
                if nid:
                    out.setdefault(nid, set()).add(r.evidence.doc_id)
        for link, docs in self.link_docs.items():
            for nid in (link.source, link.target):
                out.setdefault(nid, set()).update(docs)
        return out
