"""Human output of the read commands: quantities, relations, path hops and query rows as rich tables."""
from __future__ import annotations

import json
from collections import Counter

from rich.table import Table
from rich.text import Text

from queries.paths import QUANTITY_KEYS, Path, PathResult

SENTENCE_CHARS = 320


def number(v) -> str:
    """1000 -> '1,000'; 2.5 -> '2.5'."""
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return f"{v:,}" if isinstance(v, int) else str(v)


def quantity(q: dict) -> str:
    """A quantity in words: 'more than 100', 'about 7,000 containers', 'dozens', '20-30'."""
    qualifier = (q.get("qualifier") or "").replace("_", " ")
    lo, hi, value = q.get("min"), q.get("max"), q.get("value")
    if value is not None:
        amount = number(value)
    elif lo is not None and hi is not None and lo != hi:
        amount = f"{number(lo)}-{number(hi)}"
    elif lo is not None or hi is not None:
        amount = number(lo if lo is not None else hi)
    else:
        amount = "" if qualifier else (q.get("text") or "")
    return " ".join(p for p in (qualifier, amount, q.get("unit") or "") if p)


def quantities(qs: list[dict]) -> str:
    """Distinct quantities joined by ' / '."""
    return " / ".join(dict.fromkeys(filter(None, map(quantity, qs or []))))


def label(rel: dict) -> str:
    """'SUPPLIES KN-23, more than 100, delivered' (type, weapon, quantity, status)."""
    head = rel["type"] + (f" {rel['weapon']}" if rel.get("weapon") else "")
    return ", ".join(p for p in (head, quantities(rel.get("quantities")), rel.get("status")) if p)


def hop_line(rel: dict, a: dict, b: dict) -> str:
    """'North Korea -[SUPPLIES KN-23, ...]-> Russia  claimed by: X', the arrow as the relation points."""
    arrow = f"-[{label(rel)}]->" if rel["source"] == a["id"] else f"<-[{label(rel)}]-"
    line = f"{a['name']} {arrow} {b['name']}"
    if rel.get("id") is None:
        docs = len(rel.get("docs") or [])
        return line + (f"  (structural; stated in {docs} document{'s' * (docs != 1)})" if docs
                       else "  (structural; from the vocabulary)")
    claimed = ", ".join(rel.get("claimed_by") or []) or "nobody named (the articles' own report)"
    docs = len(rel.get("docs") or [])
    return line + f"  claimed by: {claimed}  ({docs} document{'s' * (docs != 1)})"


def sentence(text: str) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= SENTENCE_CHARS else text[: SENTENCE_CHARS - 1] + "…"


def path_lines(path: Path, per_hop: int = 1) -> list[str]:
    """The lines of one path: each hop's best-supported relations with up to two evidence sentences."""
    nodes = {n["id"]: n for n in path.nodes}
    out = []
    for i, hop in enumerate(path.hops, 1):
        a, b = nodes[hop.a], nodes[hop.b]
        for rel in hop.relations[:per_hop]:
            out.append(f"{i}. {hop_line(rel, a, b)}")
            for ev in rel.get("evidence") or []:
                who = f", claimed by {ev['claimed_by']}" if ev.get("claimed_by") else ""
                out.append(f"     > {sentence(ev.get('sentence'))}  [{ev.get('document')}{who}]")
        rest = hop.relations[per_hop:]
        if rest:
            counts = Counter(r["type"] for r in rest)
            kinds = ", ".join(f"{t} ×{n}" if n > 1 else t for t, n in sorted(counts.items()))
            out.append(f"     (+{len(rest)} more between them: {kinds}; --per-hop or --json shows them)")
    return out


def path_report(result: PathResult, per_hop: int = 1) -> list[str]:
    """Every path of a result, with a heading each."""
    direction = "following relation direction" if result.spec.directed else "in either direction"
    out = []
    for k, path in enumerate(result.paths, 1):
        names = " – ".join(n["name"] for n in path.nodes)
        heading = f"Path {k} of {len(result.paths)}" if len(result.paths) > 1 else "Shortest path"
        out.append(f"{heading}: {path.length} hop{'s' * (path.length != 1)} ({direction}): {names}")
        out.extend(path_lines(path, per_hop))
        out.append("")
    return out[:-1]


def cell(value) -> str:
    """A value of a query row as table text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.4g}"
    if isinstance(value, dict):
        if value and set(value) <= set(QUANTITY_KEYS):
            return quantity(value)
        return json.dumps(value, ensure_ascii=False, default=str)
    if isinstance(value, (list, tuple)):
        if value and all(isinstance(v, dict) and set(v) <= set(QUANTITY_KEYS) for v in value):
            return quantities(list(value))
        return ", ".join(cell(v) for v in value)
    return str(value)


def rows_table(rows: list[dict], title: str | None = None, hide: tuple[str, ...] = ("fact", "id")) -> Table:
    """Query rows as a rich table, one column per key of the first row (ids only in --json)."""
    columns = [c for c in (rows[0] if rows else {}) if c not in hide]
    table = Table(*columns, title=title, show_lines=any(len(cell(r.get("sentence"))) > 80 for r in rows))
    for row in rows:
        table.add_row(*(Text(cell(row.get(c))) for c in columns))
    return table
