"""How a fact's totals follow from its evidence: the one rule the Neo4j writes, the removal of a
document and the mirror all apply.

A fact (a relationship of a type in schema.relations) carries, besides the properties that
identify it, the totals of the evidence that reports it:
- `docs`: the distinct documents of its evidence, sorted;
- `sources`: the distinct originals of those documents, sorted: a wire copy (a document with
  `copy_of`, graph/copies.py) counts as its original, so copies of one story are one source. The
  callers give each piece of evidence its document's original as `original` (absent: the
  document is one);
- `claimed_by`: the distinct claimants (their names), sorted;
- `evidence_count`: how many pieces of evidence report it;
- `first_reported`, `last_reported`: the earliest and the latest date its evidence was published
  (`published`, its document's date), absent when no evidence has one;
- `first_event`, `last_event`: the earliest start and the latest end of the event times of its
  evidence (`event_start`, `event_end`: an inclusive interval of ISO dates), absent when no
  evidence has one. A report with only one end of an interval counts with that end for both.
A fact without evidence does not exist. The totals of a union of evidence are the merge of the
totals of its parts, so a writer folds new evidence into stored totals without reading the rest.
"""
from __future__ import annotations

from collections.abc import Iterable

# (first total, last total): the evidence properties each is the earliest and the latest of
SPANS = {("first_reported", "last_reported"): ("published", "published"),
         ("first_event", "last_event"): ("event_start", "event_end")}
DATES = tuple(name for names in SPANS for name in names)
NAMES = ("docs", "sources", "claimed_by", "evidence_count", *DATES)


def _span(values: Iterable[str | None], names: tuple[str, str]) -> dict:
    """{first: the earliest, last: the latest} of some dates; {} when there is none."""
    dates = [d for d in values if d]
    return {names[0]: min(dates), names[1]: max(dates)} if dates else {}


def totals(evidence: Iterable[dict]) -> dict:
    """The totals of some evidence (each with `doc_id`, and `original`, `claimed_by`, `published`,
    `event_start` and `event_end` when known); the dates are left out when no evidence has one."""
    docs: set[str] = set()
    originals: set[str] = set()
    said: set[str] = set()
    ends: dict[tuple, list] = {names: [] for names in SPANS}
    count = 0
    for ev in evidence:
        count += 1
        docs.add(ev["doc_id"])
        originals.add(ev.get("original") or ev["doc_id"])
        if ev.get("claimed_by"):
            said.add(ev["claimed_by"])
        for names, (first, last) in SPANS.items():
            ends[names] += [ev.get(first) or ev.get(last), ev.get(last) or ev.get(first)]
    out = {**_lists(docs, originals), "claimed_by": sorted(said), "evidence_count": count}
    for names in SPANS:
        out.update(_span(ends[names], names))
    return out


def merge(stored: dict, new: dict) -> dict:
    """The totals of two disjoint sets of evidence, given the totals of each (either may be a
    fact's properties: other keys are ignored). A fact stored before sources were counted counts
    each of its documents as one. The stored documents' originals must be those its totals were
    computed with: a write that changes them (graph/copies.py) computes its facts' totals again."""
    out = {**_lists(set(stored.get("docs") or ()) | set(new.get("docs") or ()),
                    set(_sources(stored)) | set(_sources(new))),
           "claimed_by": sorted(set(stored.get("claimed_by") or ()) | set(new.get("claimed_by") or ())),
           "evidence_count": (stored.get("evidence_count") or 0) + (new.get("evidence_count") or 0)}
    for names in SPANS:
        out.update(_span((t.get(name) for t in (stored, new) for name in names), names))
    return out


def _lists(docs: set[str], originals: set[str]) -> dict:
    """`docs` and `sources` sorted; one list when they are equal (no copies: a mirror holds
    hundreds of thousands of facts)."""
    listed = sorted(docs)
    return {"docs": listed, "sources": listed if originals == docs else sorted(originals)}


def _sources(t: dict):
    return t.get("sources") if t.get("sources") is not None else t.get("docs") or ()


def by_fact(evidence: Iterable[dict]) -> dict[str, dict]:
    """Fact id -> the totals of the evidence given for it (each with its `fact_id`)."""
    grouped: dict[str, list[dict]] = {}
    for ev in evidence:
        grouped.setdefault(ev["fact_id"], []).append(ev)
    return {fid: totals(evs) for fid, evs in grouped.items()}
