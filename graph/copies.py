"""Wire copies in the graph: the rules Neo4j's writes, the removal of a document and the mirror
share. (Finding copies is loaders/copies.py's work; this module only applies its decisions.)

A document that is a wire copy carries `copy_of`, the id of its original, and in Neo4j a
`(:Document)-[:COPY_OF]->(:Document)` relationship to it; an original carries neither. Links
always point to an original (a copy of a copy is linked to the first one's original), so a
document's original is one step away: `copy_of`, or itself. Of a group of copies the original is
the earliest published (a document without a date after every dated one), then the first stored.

A write carries the links it sets as `copy links`: {"id": document, "copy_of": original or None},
applied in order (the last for a document wins). A fact's `sources` (graph/facts.py) count the
originals of its documents, so the facts of a stored document whose original changed are
computed again.

Removing an original promotes one of its copies: the earliest published (then the smallest id:
the order they were stored in is not recorded) becomes the original, and the others its copies.
"""
from __future__ import annotations

from collections.abc import Iterable


def first_key(doc: dict, rank: object = 0) -> tuple:
    """The order in which documents are preferred as the original of a group: dated before undated,
    earliest date first, then by `rank` (the order they were stored in, where known), then id."""
    date = doc.get("published")
    return date is None, date or "", rank, doc["id"]


def final(links: Iterable[dict]) -> list[dict]:
    """Copy links as applied: the last for each document (in the order the documents first came)."""
    out: dict[str, dict] = {}
    for link in links:
        out[link["id"]] = {"id": link["id"], "copy_of": link.get("copy_of")}
    return list(out.values())


def promoted(copies: Iterable[dict]) -> list[dict]:
    """The copy links that follow when the copies' original is removed: the first of them (first_key)
    becomes the original, the others its copies."""
    ordered = sorted(copies, key=first_key)
    if not ordered:
        return []
    head = ordered[0]["id"]
    return [{"id": head, "copy_of": None}, *({"id": d["id"], "copy_of": head} for d in ordered[1:])]


def promoted_in_turn(removed: list[str], copies: Iterable[dict]) -> list[dict]:
    """The copy links that follow when documents are removed one after another, each time as
    `promoted` says, given the stored copies of any of them ({id, published, copy_of}). Only the
    final links are returned, and none of a removed document (none points to one either)."""
    state = {c["id"]: dict(c) for c in copies}
    links = []
    for doc in removed:
        state.pop(doc, None)
        for link in promoted(c for c in state.values() if c["copy_of"] == doc):
            state[link["id"]]["copy_of"] = link["copy_of"]
            links.append(link)
    gone = set(removed)
    return [link for link in final(links) if link["id"] not in gone]


# -- the mirror's documents ------------------------------------------------------------------------
def originals(docs: dict[str, dict], evidence: Iterable[dict]) -> Iterable[dict]:
    """Evidence properties, each with its document's original (`original`, as graph/facts.py takes
    it) when the document is a copy."""
    for props in evidence:
        origin = docs.get(props["doc_id"], {}).get("copy_of")
        yield {**props, "original": origin} if origin else props


def apply(docs: dict[str, dict], links: Iterable[dict]) -> set[str]:
    """Copy links set on the mirror's documents (those it holds); the documents whose original changed."""
    changed = set()
    for link in final(links):
        doc = docs.get(link["id"])
        if doc is None or (link["copy_of"] is not None and link["copy_of"] not in docs):
            continue
        if doc.get("copy_of") != link["copy_of"]:
            changed.add(link["id"])
        if link["copy_of"] is None:
            doc.pop("copy_of", None)
        else:
            doc["copy_of"] = link["copy_of"]
    return changed


def links(docs: dict[str, dict]) -> set[tuple[str, str]]:
    """The COPY_OF relationships the documents stand for: (copy, original)."""
    return {(d, a["copy_of"]) for d, a in docs.items() if a.get("copy_of")}
