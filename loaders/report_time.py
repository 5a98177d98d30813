"""Which temporal expression dates a report (one fact read in one sentence), and the event time it
gives: graph.model.EventTime, on the Relation and so on the stored Evidence and extract's rows.

The rule (docs/event-time.md):
1. An expression in the report's own sentence: the one nearest the report's trigger word (the
   first one when the report has no trigger of its own). An expression separated from the trigger
   by a word of saying or one that opens a clause ("dass", "that") dates that other clause, not
   the event ("Kirby sagte am Donnerstag, Pjöngjang habe ... geliefert"), and is passed over. An
   expression that would put a past report after its article's date is passed over too ("im
   August" in an article of March is last year's August, so only an explicit later date is): the
   next nearest is tried.
2. Else, when the sentence has no expression at all, the expression the sentence before gave its
   own report of the same two actors, or of one of them when the sentence opens with a word that
   continues the story ("er", "dort", "he", "there": times.yaml continuing), if the two sentences
   stand in one paragraph (no line break between them): "Im November brachte Nordkorea Raketen
   nach Russland. Die Lieferung ging an die Wagner-Truppe."; "Zelenskyy made a visit to Washington
   on Wednesday. He met President Joe Biden ...". Only one sentence back.
3. Never the article's date itself: a dateline's date is no event time (read by loaders/datelines.py as
   the article's own `published`, its fact's first_reported).
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import replace
from datetime import date

from graph.model import Document, EventTime
from loaders import datelines, event_time
from loaders.event_time import Atom


def article_date(document: Document) -> date | None:
    """The article's date, the one place event times read it from (None when unknown or unreadable)."""
    value = document.published
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


class ReportTimes:
    """The expressions of one document's sentences and the event time of each of its reports."""

    def __init__(self, document: Document, spans: list[tuple[int, int]], say_chars: list[int]):
        self.text, self.lang = document.text, document.language
        self.article = article_date(document)
        self.spans = spans  # the sentences, (start, end) in text order
        self.starts = [s for s, _ in spans]
        barrier = event_time.grammar(self.lang).barrier
        # where the words of saying and the words that open a clause ("dass", "that") begin
        self.say = sorted([*say_chars, *(m.start() for m in barrier.finditer(self.text))])
        self._atoms: dict[int, list[Atom]] = {}
        self.dateline = dateline_span(self.text)

    def atoms(self, start: int, end: int) -> list[Atom]:
        """The expressions of the sentence [start, end), with offsets in the document."""
        got = self._atoms.get(start)
        if got is None:
            got = [_shifted(a, start) for a in event_time.find(self.text[start:end], self.lang)]
            dl = self.dateline
            got = self._atoms[start] = [a for a in got if not (dl and dl[0] <= a.start and a.end <= dl[1])]
        return got

    def said_between(self, at: int, atom: Atom) -> bool:
        """A word of saying stands between the trigger at `at` and the expression."""
        lo, hi = (atom.end, at) if atom.end <= at else (at + 1, atom.start)
        return bisect_left(self.say, hi) > bisect_left(self.say, lo)

    def own(self, f, start: int, end: int, at: int | None) -> tuple[Atom, EventTime] | None:
        """The expression of its own sentence that dates a report, with the event time it gives."""
        atoms = self.atoms(start, end)
        if at is not None:
            atoms = sorted((a for a in atoms if not self.said_between(at, a)), key=lambda a: (
                0 if a.start <= at < a.end else min(abs(a.start - at), abs(at - a.end)), a.start))
        for atom in atoms:
            got = self.event(atom, f)
            if got is not None:
                return atom, got
        return None

    def event(self, atom: Atom, f) -> EventTime | None:
        """The event time an expression gives a report: only its words when the article's date it
        needs is unknown; None when it names no interval or puts a report that is no plan in the article's future."""
        text = self.text[atom.start:atom.end]
        if atom.needs_article and self.article is None:
            return EventTime(text)
        planned = f.type == "SUPPLIES" and f.status == "planned"
        span = event_time.resolve(atom, self.lang, self.article, self.text)
        if span is None or not planned and self.article is not None and span[0] > self.article:
            return None
        return EventTime(text, span[0].isoformat(), span[1].isoformat(), event_time.precision(atom, span))

    def continues(self, start: int) -> bool:
        """The sentence at `start` opens with a word that continues the one before ("Er", "There")."""
        first = self.text[start:start + 20].split(maxsplit=1)
        return bool(first) and first[0].lower() in event_time.grammar(self.lang).data["continuing"]

    def previous(self, start: int) -> int | None:
        """The index of the sentence before the one at `start`, when both stand in one paragraph."""
        i = bisect_right(self.starts, start) - 1
        if i <= 0 or self.starts[i] != start:
            return None
        return i - 1 if "\n" not in self.text[self.spans[i - 1][1]:start] else None


def dateline_span(text: str) -> tuple[int, int] | None:
    """Where the article's dateline with a date stands in `text` (the whole article), or None: its
    date is the article's own (loaders/datelines.py reads it so), not an event's."""
    line = datelines.find(text)
    at = text.find(line.text) if line is not None and line.month is not None else -1
    return (at, at + len(line.text)) if at >= 0 else None


def _shifted(atom: Atom, by: int) -> Atom:
    pieces = tuple(_shifted(p, by) for p in atom.pieces)
    return replace(atom, start=atom.start + by, end=atom.end + by, inner=atom.inner + by, pieces=pieces)


def assign(document: Document, found: list, spans: list[tuple[int, int]], say_chars: list[int],
           token_chars: list[int]) -> None:
    """Set `event` on each Found of the (Found, evidence) pairs of a document (see the module's rule).
    `spans`: the sentences; `say_chars`, `token_chars`: where the words of saying and the tokens begin."""
    times = ReportTimes(document, spans, say_chars)
    chosen: dict[int, list[tuple[frozenset, Atom]]] = {}  # sentence start -> its reports' own expressions
    for f, ev in found:
        at = token_chars[f.at] if f.at is not None else None
        got = times.own(f, ev.start, ev.end, at)
        if got is not None:
            f.event = got[1]
            chosen.setdefault(ev.start, []).append((frozenset((f.source, f.target)), got[0]))
    for f, ev in found:
        i = None if f.event is not None or times.atoms(ev.start, ev.end) else times.previous(ev.start)
        if i is None:
            continue
        pair, opens = frozenset((f.source, f.target)), times.continues(ev.start)
        atom = next((a for p, a in chosen.get(times.spans[i][0], ()) if p == pair or opens and p & pair), None)
        if atom is not None:
            f.event = times.event(atom, f)
