"""What `cli.py viz` draws: entities, one line per (relation type, source, target), plain-text tooltips.

A fact already merges every report of one relation (its Evidence). Facts of the same type between
the same two entities (SUPPLIES of different weapons or statuses) are drawn as one line too, so the
picture never hides lines under each other: its width is the number of reports, its tooltip lists
each fact and quotes the evidence. "Corroboration" is the number of distinct articles reporting a
line (for a structural link: stating it; links known only from the vocabulary have none).
Tooltips are strings, which vis-network shows as text: article text never becomes markup.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache, partial
from pathlib import Path

import networkx as nx

from graph import mirror
from graph import schema as schema_mod
from graph import yaml_data
from graph.errors import SchemaError

STYLE_PATH = Path(__file__).with_name("viz_style.yaml")
SHAPES = {"dot", "triangle", "triangleDown", "square", "diamond", "star", "hexagon"}
PAGE_LIMITS = {"laid_out_above", "improved_layout_upto", "edge_labels_below", "large_above", "stabilization"}
MAX_FACTS, MAX_QUOTES, MAX_CHARS = 12, 3, 280


@dataclass(frozen=True, slots=True)
class Style:
    """Colours and shapes per entity kind and relationship type; the page's size limits and
    vis-network options."""

    nodes: dict[str, dict]
    lines: dict[str, dict]
    page: dict
    vis: dict


@lru_cache(maxsize=1)
def style(path: Path = STYLE_PATH) -> Style:
    """Load viz_style.yaml once; fail when a kind or type of the schema has no style."""
    schema = schema_mod.load()
    try:
        data = yaml_data.read(path) or {}
    except (OSError, yaml_data.YAMLError) as exc:
        raise SchemaError(f"cannot read {path}: {exc}") from exc
    nodes, relations, structural = (data.get(k) or {} for k in ("nodes", "relations", "structural"))
    for section, have, want in (("nodes", nodes, schema.entity_kinds), ("relations", relations, schema.relations),
                                ("structural", structural, schema.structural)):
        if set(have) != set(want):
            raise SchemaError(f"{path}: {section} must style exactly {sorted(want)}, not {sorted(have)}")
    for name, spec in {**nodes, **relations, **structural}.items():
        if not re.fullmatch(r"#[0-9A-Fa-f]{6}", str(spec.get("color", ""))):
            raise SchemaError(f"{path}: {name} needs a colour like '#1F77B4'")
    for name, spec in nodes.items():
        if spec.get("shape") not in SHAPES:
            raise SchemaError(f"{path}: {name} has shape {spec.get('shape')!r}, not one of {sorted(SHAPES)}")
    lines = {name: {"color": spec["color"], "arrows": spec.get("arrows", True), "dashes": False}
             for name, spec in relations.items()}
    lines.update({name: {"color": spec["color"], "arrows": True, "dashes": True}
                  for name, spec in structural.items()})
    return Style(nodes, lines, *_page(data, path))


def _page(data: dict, path: Path) -> tuple[dict, dict]:
    """The page's size limits and vis-network options."""
    page, vis = data.get("page") or {}, data.get("vis")
    if set(page) != PAGE_LIMITS or not isinstance(vis, dict):
        raise SchemaError(f"{path}: needs page: with {sorted(PAGE_LIMITS)} and vis: (vis-network's options)")
    return page, vis


@dataclass(slots=True)
class Drawing:
    """vis-network nodes and edges (plain dicts) with the counts the page shows."""

    nodes: list[dict] = field(default_factory=list)
    edges: list[dict] = field(default_factory=list)
    facts: int = 0
    reports: int = 0
    documents: int = 0


def _short(text: str, limit: int = MAX_CHARS) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def darker(color: str, factor: float = 0.7) -> str:
    """The colour, darker (for borders)."""
    rgb = [int(color[i:i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{int(c * factor):02X}" for c in rgb)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _quote(ev: dict, documents: dict[str, dict]) -> str:
    doc = documents.get(ev.get("doc_id"), {})
    where = ", ".join(x for x in (_short(doc.get("title") or doc.get("name") or ev.get("doc_id", ""), 60),
                                  ev.get("published") or doc.get("published")) if x)
    who = f"{ev['claimed_by']}, " if ev.get("claimed_by") else ""
    quantity = f" [quantity: {ev['quantity_text']}]" if ev.get("quantity_text") else ""
    return f"“{_short(ev.get('sentence', ''))}”{quantity}\n    — {who}{where}"


def _fact_line(fact: dict, evidence: list[dict]) -> str:
    what = fact.get("weapon") or fact.get("weapon_id") or "unspecified goods"
    quantities = sorted({e["quantity_text"] for e in evidence if e.get("quantity_text")})
    extra = f"; quantity: {', '.join(quantities)}" if quantities else ""
    reports = _plural(fact.get("evidence_count", 0), "report")
    return f"• {what} ({fact.get('status', 'delivered')}): {reports}{extra}"


def fact_title(rel: str, source: str, target: str, facts: list[dict], evidence: Callable[[str], list[dict]],
               documents: dict) -> str:
    """The tooltip of a drawn fact line: the facts, who claims them, when, and quoted evidence
    (`evidence`: a fact id's reports)."""
    docs = sorted({d for f in facts for d in f.get("docs", ())})
    reports = sum(f.get("evidence_count", 0) for f in facts)
    claimers = sorted({c for f in facts for c in f.get("claimed_by", ())})
    first = min((f["first_reported"] for f in facts if f.get("first_reported")), default=None)
    last = max((f["last_reported"] for f in facts if f.get("last_reported")), default=None)
    lines = [f"{source} → {target}: {rel}", f"{_plural(reports, 'report')} in {_plural(len(docs), 'article')}"]
    if claimers:
        lines.append("claimed by: " + _short(", ".join(claimers), 200))
    if first:
        lines.append(f"reported {first}" + (f" to {last}" if last and last != first else ""))
    ranked = sorted(facts, key=lambda f: (-f.get("evidence_count", 0), f.get("weapon") or ""))
    if rel == "SUPPLIES":
        lines.append("")
        lines.extend(_fact_line(f, evidence(f.get("id"))) for f in ranked[:MAX_FACTS])
        if len(ranked) > MAX_FACTS:
            lines.append(f"• … and {len(ranked) - MAX_FACTS} more")
    quotes = [e for f in ranked for e in sorted(evidence(f.get("id")), key=lambda e: e.get("published") or "",
                                                  reverse=True)]
    seen, shown = set(), []
    for ev in quotes:
        if ev.get("sentence") not in seen and len(shown) < MAX_QUOTES:
            seen.add(ev.get("sentence"))
            shown.append(_quote(ev, documents))
    for quote in shown:
        lines += ["", quote]
    if len(quotes) > len(shown):
        lines.append(f"… {_plural(len(quotes) - len(shown), 'more report')}")
    return "\n".join(lines)


def node_title(attrs: dict, degree: int) -> str:
    """The tooltip of an entity: name, kind, its kind's properties, how often it is drawn and mentioned."""
    kind = attrs.get("label", "")
    lines = [str(attrs.get("name", attrs.get("id", ""))), kind]
    for prop in schema_mod.load().nodes[kind].properties:
        if attrs.get(prop) not in (None, ""):
            lines.append(f"{prop}: {attrs[prop]}")
    lines.append(f"{_plural(degree, 'line')} drawn; mentioned in {_plural(len(attrs.get('docs', ())), 'article')}")
    return "\n".join(_short(line, 200) for line in lines)


def neighbourhood(pairs: list[tuple[str, str]], start: str, depth: int) -> set[str]:
    """Nodes within `depth` steps of `start`, following lines in either direction."""
    lines = nx.Graph(pairs)
    lines.add_node(start)  # an actor without lines is its own neighbourhood
    return set(nx.ego_graph(lines, start, radius=depth))


def _lines(g: nx.MultiDiGraph, entities: dict, types: set[str] | None) -> dict[tuple, list[dict]]:
    schema = schema_mod.load()
    groups: dict[tuple, list[dict]] = defaultdict(list)
    for s, t, attrs in g.edges(data=True):
        rel = attrs.get("type")
        if (rel in schema.relations or rel in schema.structural) and s in entities and t in entities:
            if types is None or rel in types:
                groups[(rel, s, t)].append(attrs)
    return groups


def _line(rel: str, s: str, t: str, group: list[dict], names: tuple[str, str], docs: list[str],
          evidence: Callable[[str], list[dict]], documents: dict) -> dict:
    schema, spec = schema_mod.load(), style().lines[rel]
    structural = rel in schema.structural
    edge = {"id": f"{rel}:{s}:{t}", "from": s, "to": t, "rel": rel, "structural": structural,
            "corroboration": len(docs), "arrows": "to" if spec["arrows"] else "",
            "color": {"color": spec["color"], "highlight": spec["color"], "hover": spec["color"],
                      "opacity": 0.6 if structural else 0.9}}
    if structural:
        stated = f"stated in {_plural(len(docs), 'article')}" if docs else "from the vocabulary"
        edge.update(value=1, dashes=[5, 4], facts=0, reports=0, title=f"{names[0]} → {names[1]}: {rel}\n{stated}")
        return edge
    reports = sum(a.get("evidence_count", 0) for a in group)
    edge.update(value=max(reports, 1), facts=len(group), reports=reports,
                title=fact_title(rel, *names, group, evidence, documents))
    if rel == "SUPPLIES":  # the most reported goods, and how many other kinds
        top = max(group, key=lambda a: (a.get("evidence_count", 0), a.get("weapon") or ""))
        more = f" +{len(group) - 1}" if len(group) > 1 else ""
        edge["label"] = _short((top.get("weapon") or "goods") + more, 40)
    return edge


def _node(n: str, attrs: dict, degree: int) -> dict:
    look = style().nodes[attrs["label"]]
    return {"id": n, "label": str(attrs.get("name", n)), "kind": attrs["label"], "shape": look["shape"],
            "value": degree + 1, "isolated": degree == 0, "title": node_title(attrs, degree),
            "color": {"background": look["color"], "border": darker(look["color"]),
                      "highlight": {"background": look["color"], "border": "#000000"},
                      "hover": {"background": look["color"], "border": "#000000"}}}


def build(g: nx.MultiDiGraph, *, types: set[str] | None = None, actor: str | None = None, depth: int = 1,
          min_corroboration: int = 0) -> Drawing:
    """The drawing of a mirror, optionally cut down to some relation types, an actor's
    neighbourhood and lines reported in at least `min_corroboration` independent articles (wire
    copies of one story count once: the facts' `sources`)."""
    schema = schema_mod.load()
    entities = {n: a for n, a in g.nodes(data=True) if a.get("label") in schema.entity_kinds}
    documents = mirror.documents(g)
    evidence = partial(mirror.reports, g)
    edges, articles = [], {}
    for (rel, s, t), group in sorted(_lines(g, entities, types).items()):
        docs = sorted({d for a in group for d in a.get("docs", ())})
        sources = {d for a in group for d in a.get("sources", a.get("docs", ()))}  # (wire copies once)
        if len(sources) >= min_corroboration:
            names = (entities[s].get("name", s), entities[t].get("name", t))
            edges.append(_line(rel, s, t, group, names, docs, evidence, documents))
            edges[-1]["corroboration"] = len(sources)
            articles[edges[-1]["id"]] = docs if rel in schema.relations else []
    if actor is not None:
        keep = neighbourhood([(e["from"], e["to"]) for e in edges], actor, depth)
        edges = [e for e in edges if e["from"] in keep and e["to"] in keep]
    _curve_parallel(edges)
    degree: dict[str, int] = defaultdict(int)
    for e in edges:
        degree[e["from"]] += 1
        degree[e["to"]] += 1
    filtered = types is not None or actor is not None or min_corroboration > 0
    nodes = [_node(n, a, degree[n]) for n, a in entities.items() if degree[n] or n == actor or not filtered]
    return Drawing(nodes=nodes, edges=edges, facts=sum(e["facts"] for e in edges),
                   reports=sum(e["reports"] for e in edges),
                   documents=len({d for e in edges for d in articles[e["id"]]}))


def _curve_parallel(edges: list[dict]) -> None:
    """Bend lines that share their two ends so that none hides another."""
    pairs: dict[frozenset, list[dict]] = defaultdict(list)
    for e in edges:
        pairs[frozenset((e["from"], e["to"]))].append(e)
    for group in pairs.values():
        first = min(group[0]["from"], group[0]["to"])
        for i, e in enumerate(group[1:], start=1):
            side = (1 if i % 2 else -1) * (1 if e["from"] == first else -1)
            e["smooth"] = {"enabled": True, "type": "curvedCW" if side > 0 else "curvedCCW",
                           "roundness": round(0.3 * ((i + 1) // 2), 2)}
