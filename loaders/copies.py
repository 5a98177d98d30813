"""Wire copies: near-duplicate articles (one agency story in several outlets, with a changed
headline, a cut or added paragraph, small edits), found by MinHash and LSH (datasketch).

A text's fingerprint is the set of its word shingles (`shingle_words` consecutive words of the
case-folded text, German and English alike); its signature, the MinHash of that set, is stored
on its Document (`minhash`, a short string: the scheme, then the hash values in base64), so that
a copy loaded tomorrow finds today's original without the original's text. Two texts are copies
when the estimated Jaccard similarity of their shingle sets reaches `threshold`
(copies.yaml beside this module; measured in docs/copies.md). Which of a group of copies is the
original, and what happens when it is removed, is graph/copies.py's rule.
"""
from __future__ import annotations

import base64
import binascii
import itertools
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import numpy as np
from datasketch import LeanMinHash, MinHash

from graph import copies as graph_copies
from graph import yaml_data
from graph.model import replaceable
from loaders.copy_index import Index

PARAMETERS = Path(__file__).with_suffix(".yaml")


class BadSignature(ValueError):
    """A stored signature that cannot be read (damaged, or of another scheme)."""


@lru_cache(maxsize=None)
def parameters() -> dict:
    out = yaml_data.read(PARAMETERS)
    out["pattern"] = re.compile(out["words"])
    out["name"] = f"{out['scheme']}-{out['permutations']}-{out['seed']}-w{out['shingle_words']}"
    return out


def shingles(text: str, size: int | None = None) -> set[bytes]:
    """The word shingles of a text: every run of `size` consecutive words (all its words when it
    has fewer), case-folded, as UTF-8."""
    p = parameters()
    size = size or p["shingle_words"]
    words = p["pattern"].findall(text.casefold())
    if len(words) <= size:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i:i + size]).encode() for i in range(len(words) - size + 1)}


def minhash(text: str, size: int | None = None) -> MinHash:
    """The MinHash of a text's shingles."""
    p = parameters()
    m = MinHash(num_perm=p["permutations"], seed=p["seed"], scheme=p["scheme"])
    m.update_batch(sorted(shingles(text, size)))
    return m


def encode(m: MinHash) -> str:
    """A signature as stored: `SCHEME:` and the hash values (little-endian uint32) in base64."""
    values = np.asarray(m.hashvalues, dtype="<u4")
    return f"{parameters()['name']}:{base64.b64encode(values.tobytes()).decode('ascii')}"


def signature(text: str) -> str:
    """The stored signature of a text."""
    return encode(minhash(text))


def decode(stored: object) -> MinHash:
    """A stored signature read back; BadSignature when it is damaged or of another scheme."""
    p = parameters()
    values = np.frombuffer(raw_values(stored), dtype="<u4").astype(np.uint32)
    return LeanMinHash(seed=p["seed"], hashvalues=values, scheme=p["scheme"])  # (no permutations: 30x faster)


def raw_values(stored: object) -> bytes:
    """A stored signature's hash values as stored (little-endian uint32); BadSignature when it is
    damaged or of another scheme."""
    p = parameters()
    if not isinstance(stored, str) or ":" not in stored:
        raise BadSignature("not a signature")
    scheme, _, body = stored.partition(":")
    if scheme != p["name"]:
        raise BadSignature(f"a signature of another scheme ({scheme[:40]})")
    try:
        raw = base64.b64decode(body.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError) as exc:
        raise BadSignature("damaged signature") from exc
    if len(raw) != 4 * p["permutations"]:
        raise BadSignature(f"damaged signature ({len(raw)} bytes)")
    return raw


def similarity(a: MinHash, b: MinHash) -> float:
    """The estimated Jaccard similarity of two texts' shingle sets."""
    return float(a.jaccard(b))


def new_index(threshold: float | None = None) -> Index:
    """An empty index of signatures of this scheme (copies.yaml's threshold unless another is given)."""
    p = parameters()
    return Index(p["threshold"] if threshold is None else threshold, p["permutations"])


class Detector:
    """Links the documents of a load to their originals, as they come: each new text is compared
    with the stored documents' signatures and with the texts loaded before it. The copy links
    returned for a document (graph/copies.py) cover the whole group it joins: a document that
    comes before the group's original (published earlier) becomes the original of all of it.
    A stored document whose signature cannot be read is counted in `damaged` (without one: in
    `unsigned`, stored before copies were detected) and not searched (a later copy of it is not
    found), but keeps its place in its group."""

    def __init__(self, stored: Iterable[dict] = ()):
        self.index = new_index()
        self.docs: dict[str, dict] = {}           # id -> {id, published, source, copy_of, rank}
        self.members: dict[str, set[str]] = {}    # original -> its copies
        self.by_source: dict[str, set[str]] = {}  # source -> the documents read from it
        self.damaged = 0
        self.unsigned = 0
        self.order = itertools.count()  # the order documents came in (stored first)
        signed, raws = [], []
        for row in stored:
            try:
                raws.append(raw_values(row.get("minhash")))
                signed.append(row["id"])
            except BadSignature:
                if row.get("minhash") is None:
                    self.unsigned += 1
                else:
                    self.damaged += 1
            self._put(row, None)
        if signed:  # (decoded together: an array a signature cost a third of the time)
            values = np.frombuffer(b"".join(raws), dtype="<u4").reshape(len(raws), -1).astype(np.uint32)
            self.index.add_many(signed, values)

    def _put(self, row: dict, m: MinHash | None, rank: int | None = None) -> None:
        doc = {"id": row["id"], "published": row.get("published"), "source": row.get("source"),
               "copy_of": row.get("copy_of"), "rank": next(self.order) if rank is None else rank}
        self._forget(doc["id"])
        self.docs[doc["id"]] = doc
        self.by_source.setdefault(doc["source"], set()).add(doc["id"])
        if doc["copy_of"]:
            self.members.setdefault(doc["copy_of"], set()).add(doc["id"])
        if m is not None:
            self.index.add(doc["id"], m)

    def _forget(self, doc_id: str) -> None:
        old = self.docs.pop(doc_id, None)
        if old is not None:
            self.by_source.get(old["source"], set()).discard(doc_id)
        if old is not None and old["copy_of"]:
            self.members.get(old["copy_of"], set()).discard(doc_id)

    def _replaced(self, doc_id: str) -> None:
        """A document the write replaces, gone as a removal takes it: its first copy promoted
        (graph/copies.promoted)."""
        promoted = graph_copies.promoted(self.docs[c] for c in sorted(self.members.pop(doc_id, ())) if c in self.docs)
        self._forget(doc_id)
        self.index.remove(doc_id)
        for link in promoted:
            self.docs[link["id"]]["copy_of"] = link["copy_of"]
        if promoted:
            self.members[promoted[0]["id"]] = {link["id"] for link in promoted[1:]}

    def link(self, row: dict) -> list[dict]:
        """The copy links a new document (its Document row, with its `minhash`) sets."""
        try:
            m = decode(row.get("minhash"))
        except BadSignature:
            return []
        # older texts of its file are replaced by this one (not its originals): it takes their place
        older = sorted(self.by_source.get(row["source"], set()) - {row["id"]}) if replaceable(row.get("source")) else []
        rank = min((self.docs[d]["rank"] for d in older), default=None)
        for old in older:
            self._replaced(old)
        found = self.index.similar(m, {row["id"]})
        self._put({**row, "copy_of": None}, m, rank)
        if not found:
            return []  # (an original alone: nothing to link)
        group = {row["id"]}
        for d in found:
            head = self.docs[d]["copy_of"] or d
            group |= {head, *self.members.get(head, ())}
        # (undated, or dated alike: the group's present original first, it was stored first)
        ranked = sorted((self.docs[d] for d in group),
                        key=lambda a: graph_copies.first_key(a, (a["copy_of"] is not None, a["rank"])))
        head = ranked[0]["id"]
        for doc in ranked:
            self.members.pop(doc["id"], None)
            doc["copy_of"] = None if doc["id"] == head else head
        self.members[head] = {a["id"] for a in ranked[1:]}
        return [{"id": a["id"], "copy_of": a["copy_of"]} for a in ranked]
