"""What one write transaction of the store runs: its statements, planned from the rows, and the
totals of the facts it touched (graph/facts.py), computed here and set by Cypher that only reads
and sets."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

from graph import copies, cypher, facts
from graph.model import batched
from graph.rows import Rows
from graph.schema import Schema

Run = Callable[[str, dict], list]  # runs a statement in the transaction, returns its records


class Step(NamedTuple):
    """One statement of a write; `fold` is the fact type of a cypher.fold_facts statement (whose
    records are stored facts, locked, that the new evidence's totals are merged into), or None."""

    query: str
    params: dict
    fold: str | None = None


@dataclass(slots=True)
class Plan:
    """The statements of a write, in order, and the facts (by type) whose totals are computed from
    all their evidence once the statements ran: those with evidence of documents stored before."""

    steps: list[Step] = field(default_factory=list)
    refresh: dict[str, list[str]] = field(default_factory=dict)


def chunks_by(items: list, size: int, weight) -> Iterator[list]:
    """Consecutive chunks of items whose weights add up to about `size` (at least one item each).
    Our own: more-itertools' constrained_batches does this, but it is no dependency of ours."""
    chunk: list = []
    total = 0
    for item in items:
        if chunk and total + weight(item) > size:
            yield chunk
            chunk, total = [], 0
        chunk.append(item)
        total += weight(item)
    if chunk:
        yield chunk


def plan(schema: Schema, rows: Rows, created: set[str] | frozenset, size: int) -> Plan:
    """The statements that write `rows` after their documents, in batches of `size` rows.
    `created` are the documents the transaction has just created (MERGE_DOCUMENTS returns them):
    their evidence is created outright and its totals merged into its facts' (fold_facts); the
    evidence of documents stored before is merged, and its facts' totals are computed again from
    all their evidence (Plan.refresh)."""
    out = Plan()
    for kind in sorted(rows.nodes):  # (which documents mention an entity is not stored on it)
        items = [{"id": row["id"], "props": row["props"], "keep": row["keep"]} for row in rows.nodes[kind]]
        out.steps += [Step(cypher.merge_nodes(schema, kind), {"rows": c}) for c in batched(items, size)]
    for rel_type in sorted(rows.links):
        parts: tuple[list[dict], list[dict]] = ([], [])  # rows all of whose documents are new, the others
        for row in rows.links[rel_type]:
            parts[not created.issuperset(row["docs"])].append(row)
        for fresh, items in zip((True, False), parts):
            out.steps += [Step(cypher.merge_links(schema, rel_type, fresh), {"rows": c}) for c in batched(items, size)]
    claimer = {c["evidence"]: c["actor"] for c in rows.claims}
    fresh: dict[str, list[dict]] = {}  # document id -> its new evidence
    stored: list[dict] = []             # evidence of documents written before
    for row in rows.evidence:  # (new evidence is grouped by document: its rows need no ids)
        if row["doc_id"] in created:
            fresh.setdefault(row["doc_id"], []).append({"props": row["props"], "claimer": claimer.get(row["id"])})
        else:
            stored.append({**row, "claimer": claimer.get(row["id"])})
    _facts(schema, rows, fresh, stored, size, out)
    docs = [{"id": doc, "evidence": items} for doc, items in sorted(fresh.items())]
    out.steps += [Step(cypher.CREATE_EVIDENCE, {"rows": c}) for c in chunks_by(docs, size, lambda d: len(d["evidence"]))]
    out.steps += [Step(cypher.MERGE_EVIDENCE, {"rows": c}) for c in batched(stored, size)]
    return out


def _facts(schema: Schema, rows: Rows, fresh: dict[str, list[dict]], stored: list[dict], size: int,
           out: Plan) -> None:
    """The fact statements of a plan: facts reported only by new evidence get its totals
    (fold_facts); the others are merged and locked, and their totals computed later (refresh)."""
    recompute = {row["props"]["fact_id"] for row in stored}
    origin = {link["id"]: link["copy_of"] for link in copies.final(rows.copies)}
    new = facts.by_fact({**e["props"], "original": origin.get(doc)}
                        for doc, items in fresh.items() for e in items)
    for rel_type in sorted(rows.facts):
        plain = [r for r in rows.facts[rel_type] if r["id"] in recompute or r["id"] not in new]
        folds = [{**r, "totals": new[r["id"]]} for r in rows.facts[rel_type]
                 if r["id"] not in recompute and r["id"] in new]
        out.steps += [Step(cypher.merge_facts(schema, rel_type), {"rows": c}) for c in batched(plain, size)]
        out.steps += [Step(cypher.fold_facts(schema, rel_type), {"rows": c}, rel_type) for c in batched(folds, size)]
        if plain:
            out.refresh[rel_type] = sorted({r["id"] for r in plain})


def run_plan(schema: Schema, steps: Plan, run: Run, size: int) -> None:
    """Run a plan's statements in a transaction, then set the totals of the facts they touched."""
    for step in steps.steps:
        records = run(step.query, step.params)
        if step.fold and records:  # facts stored before: the new evidence's totals merged into theirs
            new = {row["id"]: row["totals"] for row in step.params["rows"]}
            merged = [{"id": r["id"], "totals": facts.merge(r.data(), new[r["id"]])} for r in records]
            for chunk in batched(merged, size):
                run(cypher.set_facts(schema, step.fold), {"rows": chunk})
    refresh(schema, steps.refresh, run, size)


def refresh(schema: Schema, ids: dict[str, list[str]], run: Run, size: int) -> None:
    """Set the totals of locked facts (fact type -> ids) from all their evidence; a fact left
    without evidence is deleted."""
    wanted = sorted({i for group in ids.values() for i in group})
    evidence = [r.data() for chunk in batched(wanted, size) for r in run(cypher.FACT_EVIDENCE, {"ids": chunk})]
    totals = facts.by_fact(evidence)
    none = facts.totals(())
    for rel_type, group in sorted(ids.items()):
        items = [{"id": i, "totals": totals.get(i, none)} for i in group]
        for chunk in batched(items, size):
            run(cypher.set_facts(schema, rel_type), {"rows": chunk})
