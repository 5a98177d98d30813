"""`cli.py viz`: one self-contained HTML page of the graph (pyvis with our own template, vis-network
inlined, nothing fetched from a network), with a legend, filters and evidence tooltips."""
from __future__ import annotations

import math
import re
import secrets
from pathlib import Path

import networkx as nx
import pyvis
from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup
from pyvis.edge import Edge
from pyvis.network import Network

from graph import drawing as drawing_mod
from graph import schema as schema_mod
from graph.errors import ArmsGraphError, InputError, NotFoundError, UnknownNameError

TEMPLATE = Path(__file__).with_name("viz.html")  # next to this module, so that it is package data
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


def find_actor(g: nx.MultiDiGraph, name: str) -> str:
    """The node id a user's name means: any alias the vocabulary knows, else an exact name in the graph."""
    from loaders import gazetteer

    kinds = schema_mod.load().entity_kinds
    error: Exception
    try:
        entry = gazetteer.load().resolve(name)
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


def options(nodes: int, edges: int) -> dict:
    """vis-network options: physics until the layout is stable (then the page turns it off)."""
    big = nodes > 800
    return {
        "autoResize": True,
        "layout": {"randomSeed": 7, "improvedLayout": nodes <= 150},
        "physics": {"enabled": True, "solver": "forceAtlas2Based", "minVelocity": 1.5, "timestep": 0.5,
                    "forceAtlas2Based": {"gravitationalConstant": -90, "centralGravity": 0.012,
                                         "springLength": 150, "springConstant": 0.05, "avoidOverlap": 0.5},
                    "stabilization": {"enabled": True, "fit": True, "updateInterval": 20,
                                      "iterations": 1000 if nodes <= 200 else max(100, 200_000 // nodes)}},
        "nodes": {"borderWidth": 1.5, "font": {"size": 14, "face": "system-ui, sans-serif",
                                               "strokeWidth": 4, "strokeColor": "#ffffff"},
                  "scaling": {"min": 10, "max": 42, "label": {"enabled": True, "min": 13, "max": 24,
                                                               "drawThreshold": 6, "maxVisible": 32}}},
        "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.55}}, "smooth": {"enabled": False},
                  "scaling": {"min": 1.2, "max": 9, "label": {"enabled": False}}, "selectionWidth": 2,
                  "hoverWidth": 1.5,
                  "font": {"size": 10 if edges < 1500 else 0, "color": "#444444", "strokeWidth": 3,
                           "align": "top", "face": "system-ui, sans-serif"}},
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": big, "hideEdgesOnZoom": big,
                        "keyboard": False, "multiselect": True},
    }


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
    """The HTML page of a drawing (pyvis renders our template; all data goes through `tojson`)."""
    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line", heading=title)
    net.set_template_dir(f"{TEMPLATE.parent}/", TEMPLATE.name)
    net.templateEnv = Environment(loader=FileSystemLoader(str(TEMPLATE.parent)), autoescape=True)
    for node in d.nodes:
        net.add_node(node["id"], **{k: v for k, v in node.items() if k != "id"})
    # pyvis' add_edge scans the node list for each edge (quadratic on large graphs): build them directly
    net.edges = [Edge(e["from"], e["to"], True, **{k: v for k, v in e.items() if k not in ("from", "to")}).options
                 for e in d.edges]
    net.options = options(len(d.nodes), len(d.edges))
    kinds, lines = _legend(d)
    net.templateEnv.globals["page"] = {
        "title": title, "scope": scope, "nonce": secrets.token_urlsafe(18), "options": net.options, "kinds": kinds,
        "lines": lines, "entities": len(d.nodes), "facts": d.facts, "reports": d.reports,
        "documents": d.documents, "show_isolated": not d.edges,
        "vis_js": _asset(VIS / "vis-network.min.js", "</script"),
        "vis_css": _asset(VIS / "vis-network.css", "</style")}
    return net.generate_html()


def build(g: nx.MultiDiGraph, *, types: str | None = None, actor: str | None = None, depth: int = 1,
          min_corroboration: int = 0) -> tuple[drawing_mod.Drawing, str]:
    """The drawing for the command line's filters and a line describing them; NotFoundError when
    nothing is left to draw."""
    wanted = parse_types(types)
    focus = find_actor(g, actor) if actor else None
    d = drawing_mod.build(g, types=wanted, actor=focus, depth=depth, min_corroboration=min_corroboration)
    if not d.nodes:
        raise NotFoundError("nothing to draw: the mirror holds no entities")
    if not d.edges and (wanted or focus or min_corroboration):
        raise NotFoundError("nothing to draw: no relation matches the filters")
    scope = [f"Around {g.nodes[focus].get('name', focus)} ({depth} step{'s' if depth > 1 else ''})" if focus else "",
             ", ".join(sorted(wanted)) if wanted else "",
             f"in ≥ {min_corroboration} article{'s' if min_corroboration > 1 else ''}" if min_corroboration else ""]
    return d, " · ".join(x for x in scope if x)
