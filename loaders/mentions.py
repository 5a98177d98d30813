"""Who and what a document names: its mentions (stretches of tokens naming an entity), with the
entities, soldiers and calibres the document itself taught us."""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

from loaders import gazetteer as gaz_mod

ACTOR_KINDS = ("State", "Official", "Agency")


@dataclass(slots=True)
class Mention:
    """A stretch of tokens [start, end) that names an entity."""

    start: int
    end: int
    entity: str
    kind: str
    role: str  # name | code | metonym | adjective | demonym | compound | discovered | surname | anaphor

    @property
    def is_adjective(self) -> bool:
        return self.role == "adjective"


@dataclass(slots=True)
class Mentions:
    """All mentions of one document, plus what the document itself taught us."""

    items: list[Mention] = field(default_factory=list)
    discovered: dict[str, gaz_mod.Entry] = field(default_factory=dict)
    personnel: set[int] = field(default_factory=set)      # token indices of soldiers, troops, ...
    calibres: dict[int, float] = field(default_factory=dict)  # token index -> calibre in mm
    _starts: list[int] | None = None  # starts of `items` when they are sorted by start (an index)
    _indexed: int = -1                # len(items) when _starts was made
    _ranges: dict[tuple[int, int], list[Mention]] = field(default_factory=dict)  # in_range's answers

    def in_range(self, start: int, end: int) -> list[Mention]:
        """The mentions inside [start, end), in the order of `items` (the same list for the same
        range, kept until `items` grows: callers only read it)."""
        if self._indexed != len(self.items):
            self._index()
        got = self._ranges.get((start, end))
        if got is None:
            got = self._ranges[(start, end)] = self._scan(start, end)
        return got

    def _index(self) -> None:
        starts = [m.start for m in self.items]
        self._starts = starts if all(a <= b for a, b in zip(starts, starts[1:])) else None
        self._indexed = len(self.items)
        self._ranges = {}

    def _scan(self, start: int, end: int) -> list[Mention]:
        items = self.items
        if self._starts is None:
            return [m for m in items if start <= m.start and m.end <= end]
        out = []
        for k in range(bisect_left(self._starts, start), len(items)):
            m = items[k]
            if m.start >= end:
                break
            if m.end <= end:
                out.append(m)
        return out


def unknown_word(text: str, table: dict) -> bool:
    """Not a word form the lemma table knows: likely a proper name (Singh, Kirby, Kweun)."""
    return text not in table and text.lower() not in table
