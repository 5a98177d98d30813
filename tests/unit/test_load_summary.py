"""The load summary's "in the documents" column: the distinct nodes and relationships the documents
name, counted as one transaction of all of them would write them (rows.combine)."""
from __future__ import annotations

from graph import rows as rows_mod
from loaders.load_summary import Summary, count_input
from tests.factories import graph_one, graph_two


def named(summary: Summary) -> dict[str, int]:
    return {name: n for name, n, _added, _present in summary.table()}


def expected(rows: rows_mod.Rows) -> dict[str, int]:
    out = {kind: len(items) for kind, items in rows.nodes.items()}
    out.update({t: len(items) for t, items in {**rows.links, **rows.facts}.items()})
    out.update(Document=len(rows.documents), Evidence=len(rows.evidence), IN_DOCUMENT=len(rows.evidence),
               CLAIMED_BY=len({(c["evidence"], c["actor"]) for c in rows.claims}))
    return {name: n for name, n in out.items() if n}


def test_each_distinct_node_and_relationship_once_across_documents():
    parts = [rows_mod.build(graph_one()), rows_mod.build(graph_two())]
    summary = Summary()
    for rows in parts:
        count_input(rows, summary)
    assert named(summary) == expected(rows_mod.combine(parts))
    assert named(summary)["Document"] == 2 and named(summary)["Evidence"] > 0


def test_a_text_read_twice_is_counted_once():
    once, twice = Summary(), Summary()
    count_input(rows_mod.build(graph_one()), once)
    for _ in range(2):
        count_input(rows_mod.build(graph_one()), twice)
    assert named(twice) == named(once) == expected(rows_mod.build(graph_one()))
