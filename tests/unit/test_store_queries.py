"""Query building of the store, with a mocked driver (the real server is in tests/integration)."""
from __future__ import annotations

from unittest.mock import MagicMock

import neo4j
import pytest

from graph import cypher, rows as rows_mod
from graph import schema as schema_mod
from graph.errors import SchemaError
from graph.settings import Settings
from graph.store import Store
from tests.factories import graph_one


def test_every_write_is_parameterised_unwind_in_batches():
    store = Store(MagicMock(spec=neo4j.Driver), Settings(batch_size=2))
    statements = store.statements(rows_mod.build(graph_one()))
    for query, params, _ in statements:  # (each keeps its cached plan: see cypher.KEEP_PLAN)
        assert query.startswith(cypher.KEEP_PLAN) and query[len(cypher.KEEP_PLAN):].lstrip().startswith("UNWIND $")
        assert set(params) <= {"rows", "ids"}
        assert all(len(v) <= 2 for v in params.values())
    # entities first, the evidence-derived aggregates last
    assert "MERGE (n:Entity" in statements[0][0]
    assert "SET r.docs" in statements[-1][0]


def test_documents_stored_before_get_merged_evidence_and_recomputed_facts():
    store = Store(MagicMock(spec=neo4j.Driver), Settings())
    queries = [step.query for step in store.statements(rows_mod.build(graph_one()))]
    assert cypher.MERGE_EVIDENCE in queries and cypher.CREATE_EVIDENCE not in queries
    assert any("OPTIONAL MATCH (e:Evidence" in q for q in queries)
    assert not any("row.n" in q for q in queries)  # nothing folded


def test_new_documents_get_created_evidence_and_folded_facts():
    rows = rows_mod.build(graph_one())
    store = Store(MagicMock(spec=neo4j.Driver), Settings())
    statements = store.statements(rows, created={d["id"] for d in rows.documents})
    queries = [step.query for step in statements]
    assert cypher.CREATE_EVIDENCE in queries and cypher.MERGE_EVIDENCE not in queries
    assert not any("OPTIONAL MATCH (e:Evidence" in q for q in queries)  # no fact re-reads its evidence
    folded = [p["rows"] for q, p, then in statements if then and ":SUPPLIES" in q]
    fact = folded[0][0]
    assert fact["n"] == 1 and fact["docs"] == [rows.documents[0]["id"]] and fact["claimed_by"] == ["John Kirby"]
    created = [p["rows"] for q, p, _ in statements if q == cypher.CREATE_EVIDENCE][0]
    assert created[0]["id"] == rows.documents[0]["id"] and created[0]["evidence"][0]["claimer"] == "john-kirby"


def test_fold_computes_what_a_refresh_would():
    rows = [{"props": {"fact_id": "f1", "doc_id": d, "claimed_by": c, "date": t}}
            for d, c, t in [("d2", "B", "2024-03-01"), ("d1", "A", None), ("d1", "B", "2024-01-05"),
                            ("d3", None, None)]]
    assert rows_mod.fold(rows) == {"f1": {"docs": ["d1", "d2", "d3"], "claimed_by": ["A", "B"], "n": 4,
                                          "first": "2024-01-05", "last": "2024-03-01"}}
    stored = {"id": "f1", "docs": ["d0", "d9"], "claimed_by": ["C"], "n": 2, "first": "2023-12-01", "last": None}
    assert rows_mod.fold_into(stored, rows_mod.fold(rows)["f1"]) == {
        "id": "f1", "docs": ["d0", "d1", "d2", "d3", "d9"], "claimed_by": ["A", "B", "C"], "n": 6,
        "first": "2023-12-01", "last": "2024-03-01"}


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


def test_a_batch_packs_as_the_list_it_holds_but_has_a_short_repr():
    """The driver formats every RUN with its parameters for the debug log, logging on or not:
    a batch's repr stays short whatever its size, and the bytes on the wire are a list's."""
    from neo4j._codec.packstream.v1 import Packer

    from graph.store import Batch

    class Sink:
        def __init__(self):
            self.data = bytearray()

        def write(self, chunk):
            self.data += chunk

    def packed(value) -> bytes:
        sink = Sink()
        Packer(sink).pack(value)
        return bytes(sink.data)

    rows = [{"id": f"f{i}", "props": {"weapon": "KN-23", "n": i, "q": 1.5}, "docs": ["d1", "d2"]}
            for i in range(1000)]
    assert repr(Batch(rows)) == "<1000 rows>" and repr({"rows": Batch(rows)}) == "{'rows': <1000 rows>}"
    assert packed({"rows": Batch(rows)}) == packed({"rows": rows})
    assert Batch(rows) == rows
