"""Query building of the store, with a mocked driver (the real server is in tests/integration)."""
from __future__ import annotations

from unittest.mock import MagicMock

import pytest

from graph import cypher, facts, writes
from graph import rows as rows_mod
from graph import schema as schema_mod
from graph.errors import SchemaError
from graph.settings import Settings
from tests.factories import graph_one


def plan(rows, created=frozenset(), size=5000):
    return writes.plan(schema_mod.load(), rows, created, size)


def test_every_write_is_parameterised_unwind_in_batches():
    steps = plan(rows_mod.build(graph_one()), size=2).steps
    for query, params, _ in steps:  # (each keeps its cached plan: see cypher.KEEP_PLAN)
        assert query.startswith(cypher.KEEP_PLAN) and query[len(cypher.KEEP_PLAN):].lstrip().startswith("UNWIND $")
        assert set(params) <= {"rows", "ids"}
        assert all(len(v) <= 2 for v in params.values())
    # entities first, the evidence last; the facts' totals are set after it (set_facts)
    assert "MERGE (n:Entity" in steps[0][0]
    assert steps[-1][0] == cypher.MERGE_EVIDENCE
    assert "SET r.docs = row.totals.docs" in cypher.set_facts(schema_mod.load(), "SUPPLIES")


def test_documents_stored_before_get_merged_evidence_and_recomputed_facts():
    rows = rows_mod.build(graph_one())
    planned = plan(rows)
    queries = [step.query for step in planned.steps]
    assert cypher.MERGE_EVIDENCE in queries and cypher.CREATE_EVIDENCE not in queries
    assert planned.refresh == {r: [f["id"] for f in rows.facts[r]] for r in rows.facts}  # totals from all evidence
    assert not any(step.fold for step in planned.steps)  # nothing folded


def test_new_documents_get_created_evidence_and_folded_facts():
    rows = rows_mod.build(graph_one())
    planned = plan(rows, created={d["id"] for d in rows.documents})
    queries = [step.query for step in planned.steps]
    assert cypher.CREATE_EVIDENCE in queries and cypher.MERGE_EVIDENCE not in queries
    assert planned.refresh == {}  # no fact re-reads its evidence
    folded = [p["rows"] for q, p, fold in planned.steps if fold == "SUPPLIES"]
    fact = folded[0][0]
    assert fact["totals"] == facts.totals(e["props"] for e in rows.evidence if e["props"]["fact_id"] == fact["id"])
    assert fact["totals"]["evidence_count"] == 1 and fact["totals"]["docs"] == [rows.documents[0]["id"]]
    assert fact["totals"]["claimed_by"] == ["John Kirby"]
    created = [p["rows"] for q, p, _ in planned.steps if q == cypher.CREATE_EVIDENCE][0]
    assert created[0]["id"] == rows.documents[0]["id"] and created[0]["evidence"][0]["claimer"] == "john-kirby"


def test_a_fact_s_totals_are_set_from_the_evidence_the_store_reads_back():
    """What a write or a removal sets on locked facts: graph/facts.py's totals of their evidence
    as FACT_EVIDENCE reads it; a fact without evidence left gets zero totals (and is deleted)."""
    ran: list[tuple[str, dict]] = []
    evidence = [{"fact_id": "f1", "doc_id": "d2", "claimed_by": "B", "published": "2024-03-01"},
                {"fact_id": "f1", "doc_id": "d1", "claimed_by": None, "published": None}]

    def run(query, params):
        ran.append((query, params))
        return [MagicMock(data=lambda e=e: e) for e in evidence] if query == cypher.FACT_EVIDENCE else []

    writes.refresh(schema_mod.load(), {"SUPPLIES": ["f1", "f2"]}, run, 5000)
    assert ran[0] == (cypher.FACT_EVIDENCE, {"ids": ["f1", "f2"]})
    assert ran[1] == (cypher.set_facts(schema_mod.load(), "SUPPLIES"), {"rows": [
        {"id": "f1", "totals": facts.totals(evidence)},
        {"id": "f2", "totals": {"docs": [], "sources": [], "claimed_by": [], "evidence_count": 0}}]})


def test_labels_and_types_come_only_from_the_schema():
    schema = schema_mod.load()
    assert "SET n:State" in cypher.merge_nodes(schema, "State")
    with pytest.raises(SchemaError):
        cypher.merge_nodes(schema, "State {id: 1}) DETACH DELETE n //")
    with pytest.raises(SchemaError):
        cypher.merge_facts(schema, "SUPPLIES]->() DELETE r //")


def test_rows_carry_evidence_and_provenance():
    rows = rows_mod.build(graph_one())
    ev = rows.evidence[0]["props"]
    assert {"fact_id", "doc_id", "sentence", "start", "end"} <= set(ev)
    assert rows.claims == [{"evidence": rows.evidence[0]["id"], "actor": "john-kirby"}]
    assert all(None not in r["props"].values() for r in rows.evidence)


def test_settings_never_show_the_password():
    assert "secret" not in repr(Settings(password="secret-pass"))
