"""`cli.py viz`: one self-contained HTML page of the graph (our template, with vis-network from the
pyvis package inlined; nothing fetched from a network), with a legend, filters and evidence tooltips.
Drawings of more than a few hundred nodes are laid out here (graph/layout.py), so that the page
opens laid out instead of running a force simulation for seconds."""
from __future__ import annotations

import copy
import math
import re
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx
import pyvis
from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup

from graph import drawing as drawing_mod
from graph import layout
from graph import schema as schema_mod
from graph.errors import ArmsGraphError, InputError, NotFoundError, UnknownNameError

TEMPLATE = Path(__file__).with_name("viz.html")  # next to this module, so that it is package data
# kept: pyvis has no API for the vis-network files it ships, and copying them here (680 KB, with their
# licence) would only trade the pin for a copy to update by hand; the pin on pyvis holds the path
VIS = Path(pyvis.__file__).with_name("templates") / "lib" / "vis-9.1.2"


def _polygon(corners: int, outer: float, inner: float | None = None, turn: float = -math.pi / 2) -> str:
    radii = [outer, inner] * corners if inner else [outer] * corners
    step = 2 * math.pi / len(radii)
    return " ".join(f"{r * math.cos(turn + i * step):.1f},{r * math.sin(turn + i * step):.1f}"
                    for i, r in enumerate(radii))


# legend symbols in a 16x16 box centred on 0,0 (None: a circle)
SYMBOLS = {"dot": None, "triangle": _polygon(3, 7.5), "triangleDown": _polygon(3, 7.5, turn=math.pi / 2),
           "square": _polygon(4, 7.5, turn=-math.pi / 4), "diamond": _polygon(4, 7.5),
           "star": _polygon(5, 7.5, 3.2), "hexagon": _polygon(6, 7)}


def parse_types(text: str | None) -> set[str] | None:
    """Relation types named on the command line (comma separated, any case); None means all."""
    if text is None:
        return None
    schema = schema_mod.load()
    known = [*schema.relations, *schema.structural]
    names = {t.strip().upper() for t in re.split(r"[,\s]+", text) if t.strip()}
    unknown = sorted(names - set(known))
    if unknown or not names:
        raise InputError(f"--types: unknown relation type {', '.join(unknown) or repr(text)}; "
                         f"choose from {', '.join(known)}")
    return names


def find_actor(g: nx.MultiDiGraph, name: str, vocabulary: Callable[[str], Any]) -> str:
    """The node id a user's name means: any alias the vocabulary knows (`vocabulary(name)` gives its
    entry or raises UnknownNameError), else an exact name in the graph."""
    kinds = schema_mod.load().entity_kinds
    error: Exception
    try:
        entry = vocabulary(name)
        if entry.id in g and g.nodes[entry.id].get("label") in kinds:
            return entry.id
        error = NotFoundError(f"{entry.name} is not in the graph")
    except UnknownNameError as exc:
        error = exc
    wanted = name.strip().casefold()
    for n, a in g.nodes(data=True):
        if a.get("label") in kinds and wanted in (str(a.get("name", "")).casefold(), str(n).casefold()):
            return n
    raise error


def _no_vocabulary(name: str):
    raise UnknownNameError(name, [])


def options(d: drawing_mod.Drawing, laid_out: bool) -> dict:
    """vis-network's options (viz_style.yaml) for a drawing's size. A drawing laid out in Python
    opens without physics; otherwise physics runs until the layout is stable (then the page turns it
    off). Relayout runs physics either way."""
    st = drawing_mod.style()
    limits, nodes, edges = st.page, len(d.nodes), len(d.edges)
    steps = limits["stabilization"]
    out = copy.deepcopy(st.vis)
    out["nodes"]["font"]["size"] = out["nodes"]["scaling"]["label"]["min"]  # larger ones are set per node
    out["layout"]["improvedLayout"] = nodes <= limits["improved_layout_upto"]
    out["physics"]["enabled"] = not laid_out
    out["physics"]["stabilization"]["iterations"] = (
        steps["small"] if nodes <= steps["small_upto"] else max(steps["least"], steps["budget"] // nodes))
    if edges >= limits["edge_labels_below"]:
        out["edges"]["font"]["size"] = 0
    big = nodes > limits["large_above"]
    out["interaction"].update(hideEdgesOnDrag=big, hideEdgesOnZoom=big)
    out["groups"] = {kind: {"shape": look["shape"], "color": _node_colour(look["color"])}
                     for kind, look in st.nodes.items()}
    return out


def _node_colour(color: str) -> dict:
    return {"background": color, "border": drawing_mod.darker(color),
            "highlight": {"background": color, "border": "#000000"},
            "hover": {"background": color, "border": "#000000"}}


def _scaled(values: list[float], among: list[float], low: float, high: float) -> list[float]:
    """vis-network's linear scaling of `value`s between low and high, over the range of `among`."""
    least, most = (min(among), max(among)) if among else (0, 0)
    return [low + (high - low) * (0.5 if most == least else max(0.0, (v - least) / (most - least))) for v in values]


def radii(d: drawing_mod.Drawing) -> list[float]:
    """Each node's radius: its `value` (number of lines + 1) scaled over the nodes shown first."""
    scaling = drawing_mod.style().vis["nodes"]["scaling"]
    return _node_scale(d, scaling["min"], scaling["max"])


def font_sizes(d: drawing_mod.Drawing) -> list[float]:
    """Each node's label size, scaled like its radius."""
    label = drawing_mod.style().vis["nodes"]["scaling"]["label"]
    return _node_scale(d, label["min"], label["max"])


def _node_scale(d: drawing_mod.Drawing, low: float, high: float) -> list[float]:
    values = [n["value"] for n in d.nodes]
    shown = [n["value"] for n in d.nodes if not n["isolated"]] or values  # those with lines, unless none has any
    return _scaled(values, shown, low, high)


def widths(d: drawing_mod.Drawing) -> list[float]:
    """Each line's width: its `value` (number of reports) scaled over all lines."""
    scaling = drawing_mod.style().vis["edges"]["scaling"]
    values = [e["value"] for e in d.edges]
    return _scaled(values, values, scaling["min"], scaling["max"])


def positions(d: drawing_mod.Drawing) -> list[tuple[int, int]] | None:
    """Where graph/layout.py puts each node (rounded), for drawings too large to lay out in the
    browser; None for the others."""
    if len(d.nodes) <= drawing_mod.style().page["laid_out_above"]:
        return None
    index = {n["id"]: i for i, n in enumerate(d.nodes)}
    forces = drawing_mod.style().vis["physics"]["forceAtlas2Based"]  # the page's own, for Relayout
    settings = layout.Settings(repulsion=-forces["gravitationalConstant"], spring_length=forces["springLength"],
                               spring_constant=forces["springConstant"], gravity=forces["centralGravity"])
    xy = layout.positions(len(d.nodes), [(index[e["from"]], index[e["to"]]) for e in d.edges], radii(d), settings)
    return [(round(x), round(y)) for x, y in xy.tolist()]


class _Lines:
    """Tooltip texts as lists of line numbers into one table of distinct lines: quotes, articles and
    counts recur across tooltips, the page carries each once. -1 stands for the item's own header
    (a node's name; "A → B: TYPE" for a line), which the page writes itself."""

    def __init__(self) -> None:
        self.table: dict[str, int] = {}

    def refs(self, text: str, header: str) -> list[int]:
        lines = text.split("\n")
        first = [-1] if lines[0] == header else [self._number(lines[0])]
        return first + [self._number(line) for line in lines[1:]]

    def _number(self, line: str) -> int:
        return self.table.setdefault(line, len(self.table))


def payload(d: drawing_mod.Drawing, xy: list[tuple[int, int]] | None) -> dict:
    """The drawing as the page reads it: columns of numbers and names, styles per kind and relation
    rather than per item, nodes referred to by their index, tooltips as shared lines. Sizes and
    widths are scaled here, as vis-network would scale `value` (which costs it seconds on large
    graphs): they follow the whole drawing, not what a filter shows."""
    st, text = drawing_mod.style(), _Lines()
    lines = {rel: {"color": look["color"], "arrows": look["arrows"], "dashes": look["dashes"]}
             for rel, look in st.lines.items()}
    return {"kinds": list(st.nodes), "rels": list(st.lines), "lines": lines, "nodes": _node_columns(d, xy, text),
            "edges": _edge_columns(d, text), "text": list(text.table)}


def _node_columns(d: drawing_mod.Drawing, xy: list[tuple[int, int]] | None, text: _Lines) -> dict:
    st = drawing_mod.style()
    kinds, smallest = list(st.nodes), st.vis["nodes"]["scaling"]["label"]["min"]
    columns = {"id": [n["id"] for n in d.nodes], "label": [n["label"] for n in d.nodes],
               "kind": [kinds.index(n["kind"]) for n in d.nodes], "size": [round(r, 1) for r in radii(d)],
               "font": [[i, round(f, 1)] for i, f in enumerate(font_sizes(d)) if round(f, 1) > smallest],
               "isolated": [i for i, n in enumerate(d.nodes) if n["isolated"]],
               "title": [text.refs(n["title"], n["label"]) for n in d.nodes]}
    if xy is not None:
        columns.update(x=[p[0] for p in xy], y=[p[1] for p in xy])
    return columns


def _edge_columns(d: drawing_mod.Drawing, text: _Lines) -> dict:
    st = drawing_mod.style()
    rels, labels = list(st.lines), len(d.edges) < st.page["edge_labels_below"]
    index = {n["id"]: i for i, n in enumerate(d.nodes)}
    name = {n["id"]: n["label"] for n in d.nodes}
    return {"from": [index[e["from"]] for e in d.edges], "to": [index[e["to"]] for e in d.edges],
            "rel": [rels.index(e["rel"]) for e in d.edges], "width": [round(w, 1) for w in widths(d)],
            "corroboration": [e["corroboration"] for e in d.edges],
            "title": [text.refs(e["title"], f"{name[e['from']]} → {name[e['to']]}: {e['rel']}") for e in d.edges],
            "bend": [[i, _bend(e["smooth"])] for i, e in enumerate(d.edges) if "smooth" in e],
            "label": [[i, e["label"]] for i, e in enumerate(d.edges) if labels and "label" in e]}


def _bend(smooth: dict) -> float:
    """A curved line's roundness, negative for counter-clockwise."""
    return smooth["roundness"] * (1 if smooth["type"] == "curvedCW" else -1)


def _legend(d: drawing_mod.Drawing) -> tuple[list[dict], list[dict]]:
    schema, st = schema_mod.load(), drawing_mod.style()
    kinds = []
    for kind, look in st.nodes.items():
        count = sum(1 for n in d.nodes if n["kind"] == kind)
        if count:
            kinds.append({"name": kind, "color": look["color"], "border": drawing_mod.darker(look["color"]),
                          "points": SYMBOLS[look["shape"]], "count": count,
                          "description": schema.nodes[kind].description})
    lines = []
    for rel, look in st.lines.items():
        drawn = [e for e in d.edges if e["rel"] == rel]
        if drawn:
            spec = schema.relations.get(rel) or schema.structural[rel]
            lines.append({"name": rel, **look, "count": sum(e["facts"] for e in drawn) or len(drawn),
                          "description": spec.description})
    return kinds, lines


def _asset(path: Path, closing: str) -> Markup:
    text = path.read_text(encoding="utf-8")
    if closing in text.lower():  # would end the inline <script>/<style> element early
        raise ArmsGraphError(f"{path} contains {closing!r} and cannot be inlined")
    return Markup(text)


def page(d: drawing_mod.Drawing, title: str = "armsgraph", scope: str = "") -> str:
    """The HTML page of a drawing: our template with vis-network inlined; all data goes through
    `tojson` (compact, and escaping <, >, & and ')."""
    env = Environment(loader=FileSystemLoader(str(TEMPLATE.parent)), autoescape=True)
    env.policies["json.dumps_kwargs"] = {"ensure_ascii": False, "separators": (",", ":")}
    xy = positions(d)
    kinds, lines = _legend(d)
    data = {**payload(d, xy), "options": options(d, laid_out=xy is not None)}
    return env.get_template(TEMPLATE.name).render(page={
        "title": title, "scope": scope, "nonce": secrets.token_urlsafe(18), "data": data, "kinds": kinds,
        "lines": lines, "entities": len(d.nodes), "facts": d.facts, "reports": d.reports,
        "documents": d.documents, "show_isolated": not d.edges, "laid_out": xy is not None,
        "vis_js": _asset(VIS / "vis-network.min.js", "</script"),
        "vis_css": _asset(VIS / "vis-network.css", "</style")})


def build(g: nx.MultiDiGraph, *, types: str | None = None, actor: str | None = None, depth: int = 1,
          min_corroboration: int = 0, vocabulary: Callable[[str], Any] | None = None) -> tuple[drawing_mod.Drawing, str]:
    """The drawing for the command line's filters and a line describing them (`vocabulary` resolves
    --actor, see find_actor); NotFoundError when nothing is left to draw."""
    wanted = parse_types(types)
    focus = find_actor(g, actor, vocabulary or _no_vocabulary) if actor else None
    d = drawing_mod.build(g, types=wanted, actor=focus, depth=depth, min_corroboration=min_corroboration)
    if not d.nodes:
        raise NotFoundError("nothing to draw: the mirror holds no entities")
    if not d.edges and (wanted or focus or min_corroboration):
        raise NotFoundError("nothing to draw: no relation matches the filters")
    scope = [f"Around {g.nodes[focus].get('name', focus)} ({depth} step{'s' if depth > 1 else ''})" if focus else "",
             ", ".join(sorted(wanted)) if wanted else "",
             f"in ≥ {min_corroboration} article{'s' if min_corroboration > 1 else ''}" if min_corroboration else ""]
    return d, " · ".join(x for x in scope if x)
