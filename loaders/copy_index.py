"""The index of wire-copy detection (loaders/copies.py): documents' MinHash signatures, searched
for near duplicates by LSH, in numpy arrays, as a load may hold the signatures of every stored
document (datasketch's own MinHashLSH, a dict of keys per band, takes about ten times the memory)."""
from __future__ import annotations

from functools import lru_cache

import numpy as np
from datasketch import MinHash, MinHashLSH


@lru_cache(maxsize=None)
def banding(threshold: float, permutations: int) -> tuple[int, int]:
    """The LSH bands and the hash values in each for a threshold: datasketch's choice (the one that
    weighs false positives and false negatives alike; 32 bands of 4 for 0.4 and 128 permutations)."""
    lsh = MinHashLSH(threshold=threshold, num_perm=permutations)
    return lsh.b, lsh.r


class Index:
    """Signatures of documents, searched for near duplicates: an LSH index (a band's key is a hash of
    its values), each candidate then checked against the threshold.

    Kept in numpy arrays, as a load may hold the signatures of all stored documents: the hash values
    (4 bytes each) and the band keys, sorted, with the slot of the document each belongs to (12 bytes
    a band); about 0.9 KB a document, where datasketch's MinHashLSH takes about 8.5. The keys of the
    latest documents wait in a dict until there are enough to merge into the sorted arrays. A removed
    document leaves its keys behind (its slot is empty): they are skipped."""

    MULTIPLIERS = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0xD6E8FEB86659FD93,
                            0xFF51AFD7ED558CCD, 0xC4CEB9FE1A85EC53, 0x27D4EB2F165667C5, 0x94D049BB133111EB],
                           dtype=np.uint64)
    batch = 4096  # documents whose keys wait in the dict before a merge (at least; an eighth of all)

    def __init__(self, threshold: float, permutations: int):
        self.threshold, self.permutations = threshold, permutations
        self.bands, self.rows = banding(self.threshold, self.permutations)
        if self.rows > len(self.MULTIPLIERS):
            raise ValueError(f"{self.rows} hash values a band: at most {len(self.MULTIPLIERS)}")
        self.slots: dict[str, int] = {}
        self.ids: list[str | None] = []  # by slot (None: removed)
        self.values = np.zeros((64, self.permutations), dtype=np.uint32)  # by slot, grown by doubling
        self.keys = np.zeros(0, dtype=np.uint64)  # band keys, sorted
        self.owners = np.zeros(0, dtype=np.int32)  # the slot of each key
        self.recent: dict[int, list[int]] = {}  # keys not merged yet -> slots
        self.waiting: list[int] = []  # the slots of those

    def __contains__(self, doc: str) -> bool:
        return doc in self.slots

    def band_keys(self, values: np.ndarray) -> np.ndarray:
        """The band keys of a signature (or of signatures, a row each): each band's values mixed
        with the band's number (uint64)."""
        bands = values[..., :self.bands * self.rows].reshape(*values.shape[:-1], self.bands, self.rows)
        mixed = (bands.astype(np.uint64) * self.MULTIPLIERS[:self.rows]).sum(axis=-1, dtype=np.uint64)
        mixed ^= np.arange(self.bands, dtype=np.uint64) * self.MULTIPLIERS[-1]
        return mixed ^ (mixed >> np.uint64(29))

    def add(self, doc: str, m: MinHash) -> None:
        [slot] = self._place([doc], np.asarray(m.hashvalues)[None])
        for key in self.band_keys(self.values[slot]).tolist():
            self.recent.setdefault(key, []).append(slot)
        self.waiting.append(slot)
        if len(self.waiting) >= max(self.batch, len(self.ids) // 8):
            self.merge()

    def add_many(self, docs: list[str], values: np.ndarray) -> None:
        """Documents at once (their hash values, a row each; the last of a document counts), their
        keys merged in one step: a load's stored documents."""
        last = dict(zip(docs, range(len(docs))))
        self.waiting.extend(self._place(list(last), values[list(last.values())]))
        self.merge()

    def _place(self, docs: list[str], values: np.ndarray) -> range:
        """New slots for documents (each once; an older signature of one is removed) and their values."""
        for doc in docs:
            self.remove(doc)
        start, end = len(self.ids), len(self.ids) + len(docs)
        if end > len(self.values):
            grown = np.zeros((max(end, 2 * len(self.values)), self.permutations), dtype=np.uint32)
            grown[:start] = self.values[:start]
            self.values = grown
        self.values[start:end] = values
        self.ids.extend(docs)
        self.slots.update(zip(docs, range(start, end)))
        return range(start, end)

    def merge(self) -> None:
        """The waiting keys merged into the sorted arrays."""
        if not self.waiting:
            return
        slots = np.array(self.waiting, dtype=np.int32)
        keys = self.band_keys(self.values[slots]).ravel()
        order = np.argsort(keys, kind="stable")
        at = np.searchsorted(self.keys, keys[order], "right")  # (in place: one new array each, no sort of all)
        self.keys = np.insert(self.keys, at, keys[order])
        self.owners = np.insert(self.owners, at, np.repeat(slots, self.bands)[order])
        self.recent, self.waiting = {}, []

    def remove(self, doc: str) -> None:
        slot = self.slots.pop(doc, None)
        if slot is not None:
            self.ids[slot] = None

    def similar(self, m: MinHash, exclude: set[str] | frozenset = frozenset()) -> list[str]:
        """The documents whose texts are copies of the one with this MinHash, sorted."""
        values = np.asarray(m.hashvalues, dtype=np.uint32)
        keys = self.band_keys(values)
        found: set[int] = set()
        for key in keys.tolist():
            found.update(self.recent.get(key, ()))
        starts, ends = np.searchsorted(self.keys, keys, "left"), np.searchsorted(self.keys, keys, "right")
        for start, end in zip(starts.tolist(), ends.tolist()):
            found.update(self.owners[start:end].tolist())
        out = []
        for slot in found:
            doc = self.ids[slot]
            if doc is not None and doc not in exclude and \
                    np.count_nonzero(self.values[slot] == values) / self.permutations >= self.threshold:
                out.append(doc)
        return sorted(out)
