"""`cli.py timeline`: transfers and visits per month per supplier-recipient (visitor-place) pair, as
one HTML page with an SVG drawn here. No script at all: each mark is a link to the list of its
reports further down the page (document, sentence, claimant, event time), and has a tooltip. All
text goes through the template's autoescaping, so article text never becomes markup.

A mark gathers the reports of one pair and relation type with the same time: a dot for a month, a
bar for a longer interval (from its first to its last month), filled when the report gives an event
time, hollow when only its document's date places it (graph/period.py); reports with neither are
counted, not drawn.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx
from jinja2 import Environment, FileSystemLoader

from graph import drawing, mirror
from graph.errors import NotFoundError, UnknownNameError
from graph.period import Period, report_time
from graph.viz import find_actor

TEMPLATE = Path(__file__).with_name("timeline.html")
TYPES = ("SUPPLIES", "VISITS")  # what the picture shows: transfers and visits
BELONGS = ("MEMBER_OF", "PART_OF", "LOCATED_IN")  # an actor's officials, agencies and places count as its own
TOP, COL, ROW, CHAR = 50, 30, 34, 7  # the SVG's geometry, in pixels: header, month, pair, a label's letter


@dataclass(slots=True)
class Mark:
    """The reports of one pair and type with one time span (months YYYY-MM) and one kind of date."""

    number: int
    rel: str
    first: str
    last: str
    dated: str  # 'event' or 'report'
    reports: list[dict] = field(default_factory=list)
    pair: str = ""  # "source → target", by name


@dataclass(slots=True)
class Picture:
    """The pairs (rows, each with its marks), the months shown and how many reports had no date."""

    rows: list[dict]
    months: list[str]
    undated: int
    scope: str = ""

    @property
    def marks(self) -> list[Mark]:
        return [m for row in self.rows for m in row["marks"]]


def months_between(first: str, last: str) -> list[str]:
    """Every month YYYY-MM from first to last, both included."""
    year, month = int(first[:4]), int(first[5:7])
    out = []
    while f"{year:04d}-{month:02d}" <= last:
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def own(g: nx.MultiDiGraph, actor: str) -> set[str]:
    """The actor and what belongs to it within two steps (its officials, agencies and places)."""
    found, frontier = {actor}, {actor}
    for _ in range(2):
        frontier = {s for n in frontier for s, _, kind in g.in_edges(n, data="type") if kind in BELONGS} - found
        found |= frontier
    return found


def _report(g: nx.MultiDiGraph, ev: dict, start: str, end: str) -> dict:
    doc = mirror.documents(g).get(ev.get("doc_id"), {})
    return {"start": start, "end": end, "precision": ev.get("event_precision"), "words": ev.get("event_text"),
            "document": doc.get("name") or ev.get("doc_id"), "title": doc.get("title"),
            "published": doc.get("published") or doc.get("date"), "outlet": doc.get("outlet"),
            "url": doc.get("url") or doc.get("source"), "sentence": ev.get("sentence"),
            "claimed_by": ev.get("claimed_by")}


def build(g: nx.MultiDiGraph, *, actor: str | None = None, period: Period = Period(),
          vocabulary: Callable[[str], Any] | None = None) -> Picture:
    """The picture of a mirror: only pairs touching `actor` (any alias `vocabulary` knows) when
    given, only reports in `period`; NotFoundError when nothing is left to draw."""
    who = find_actor(g, actor, vocabulary or _no_vocabulary) if actor else None
    focus = own(g, who) if who else None
    groups: dict[tuple, Mark] = {}
    undated = 0
    for s, t, a in g.edges(data=True):
        if a.get("type") not in TYPES or (focus is not None and not {s, t} & focus):
            continue
        for ev in mirror.reports(g, a.get("id")):
            if not period.holds(ev):
                continue
            start, end, dated = report_time(ev)
            if start is None:
                undated += 1
                continue
            key = ((s, t), a["type"], start[:7], end[:7], dated)
            mark = groups.setdefault(key, Mark(0, a["type"], start[:7], end[:7], dated))
            mark.reports.append(_report(g, ev, start, end))
    if not groups:
        raise NotFoundError("nothing to draw: no transfer or visit with a date"
                            + ("" if period.open else " in the period"))
    picture = _picture(g, groups, undated)
    when = "" if period.open else f"{period.since or '…'} to {period.until or '…'}"
    picture.scope = " · ".join(x for x in (f"With {g.nodes[who].get('name', who)}" if who else "", when) if x)
    return picture


def _picture(g: nx.MultiDiGraph, groups: dict[tuple, Mark], undated: int) -> Picture:
    rows: dict[tuple, dict] = {}
    for (pair, *_), mark in sorted(groups.items(), key=lambda kv: (kv[1].first, kv[1].last, kv[1].rel, kv[0])):
        name = [g.nodes[n].get("name", n) for n in pair]
        rows.setdefault(pair, {"source": name[0], "target": name[1], "marks": []})["marks"].append(mark)
    ordered = sorted(rows.values(), key=lambda r: (r["marks"][0].first, r["source"], r["target"]))
    for number, (row, mark) in enumerate((row, m) for row in ordered for m in row["marks"]):
        mark.number, mark.pair = number, f"{row['source']} → {row['target']}"
        mark.reports.sort(key=lambda r: (r["start"], r["end"], r["document"] or "", r["sentence"] or ""))
    months = months_between(min(m.first for m in groups.values()), max(m.last for m in groups.values()))
    return Picture(ordered, months, undated)


def _no_vocabulary(name: str):
    raise UnknownNameError(name, [])


def layout(p: Picture) -> dict:
    """Where everything goes in the SVG: its size, the month ticks, each row's label and marks."""
    labels = [row["marks"][0].pair for row in p.rows]
    left = max(120, CHAR * max(map(len, labels), default=0) + 16)
    at = {m: left + i * COL for i, m in enumerate(p.months)}
    colours = {rel: drawing.style().lines[rel]["color"] for rel in TYPES}
    ticks = [{"x": at[m] + COL / 2, "month": m[5:], "year": m[:4] if m[5:] == "01" or not i else ""}
             for i, m in enumerate(p.months)]
    rows = []
    for i, row in enumerate(p.rows):
        y = TOP + i * ROW + ROW / 2
        marks = []
        for m in row["marks"]:
            lane = y + (-6 if m.rel == TYPES[0] else 6)
            count = len(m.reports)
            marks.append({"mark": m, "x": at[m.first] + 4, "cx": at[m.first] + COL / 2, "y": lane,
                          "width": at[m.last] + COL - 4 - (at[m.first] + 4), "r": min(4 + count, 9),
                          "colour": colours[m.rel], "count": count, "bar": m.first != m.last})
        rows.append({"y": y, "label": labels[i], "marks": marks})
    return {"width": left + len(p.months) * COL + 10, "height": TOP + len(p.rows) * ROW + 8, "top": TOP,
            "ticks": ticks, "rows": rows, "colours": colours, "left": left}


def page(p: Picture, title: str = "armsgraph timeline") -> str:
    """The HTML page of a picture (graph/timeline.html, autoescaped)."""
    env = Environment(loader=FileSystemLoader(str(TEMPLATE.parent)), autoescape=True)
    return env.get_template(TEMPLATE.name).render(page={
        "title": title, "scope": p.scope, "svg": layout(p), "marks": p.marks, "pairs": len(p.rows),
        "reports": sum(len(m.reports) for m in p.marks), "undated": p.undated, "months": len(p.months)})
