"""The transfers register (`cli.py transfers`): queries/transfers.cypher on Neo4j, and its twin here
on the networkx mirror when no server answers; both give the same rows (tests check it)."""
from __future__ import annotations

import networkx as nx

from graph import mirror
from graph.period import Period
from queries import catalogue
from queries.backend import Backend

QUANTITY = ("text", "value", "min", "max", "qualifier", "unit")
TIMES = ("first_event", "last_event", "first_reported", "last_reported")


def _quantities(reports: list[dict]) -> list[dict]:
    """The distinct quantities of a fact's reports, as transfers.cypher's maps (every key, None unset)."""
    out: list[dict] = []
    for e in reports:
        if e.get("quantity_text") is None:
            continue
        q = {k: e.get(f"quantity_{k}") for k in QUANTITY}
        if q not in out:
            out.append(q)
    return sorted(out, key=lambda q: tuple((q[k] is None, q[k] or "") for k in ("text", "unit", "qualifier")))


def from_mirror(g: nx.MultiDiGraph, values: dict) -> list[dict]:
    """transfers.cypher's rows, computed on a mirror; `values` are the query's bound parameters
    (supplier and recipient as ids, '' for any)."""
    period = Period(values.get("since") or "", values.get("until") or "")
    rows = []
    for s, t, a in g.edges(data=True):
        if a.get("type") != "SUPPLIES" or any(values.get(k) and values[k] != v for k, v in
                                              (("supplier", s), ("recipient", t), ("status", a.get("status")))):
            continue
        reports = mirror.reports(g, a["id"])
        if not any(map(period.holds, reports)):
            continue
        rows.append({"supplier": g.nodes[s].get("name"), "recipient": g.nodes[t].get("name"),
                     "weapon": a.get("weapon"), "quantity": _quantities(reports), "status": a.get("status"),
                     **{k: a.get(k) for k in TIMES},
                     "sources": len(a["sources"] if a.get("sources") is not None else a.get("docs") or ()),
                     "documents": len(a.get("docs") or ()),
                     "claimed_by": list(a.get("claimed_by") or []), "fact": a["id"]})
    rows.sort(key=lambda r: (r["supplier"], r["recipient"], r["status"], -r["sources"], -r["documents"],
                             r["weapon"] is None, r["weapon"] or ""))
    return rows[: values.get("limit", 500)]


def transfers(backend: Backend, given: dict[str, str]) -> tuple[catalogue.Query, dict, list[dict]]:
    """The register of the backend: the query, its bound values (names resolved) and its rows."""
    q = catalogue.get("transfers")
    values = q.resolve(q.bind(given), backend.resolve)
    if backend.store is not None:
        return q, values, catalogue.run(backend.store, q, values)
    return q, values, from_mirror(backend.graph, values)
