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
    for query, params in statements:
        assert query.lstrip().startswith("UNWIND $")
        assert set(params) <= {"rows", "ids"}
        assert all(len(v) <= 2 for v in params.values())
    # documents and nodes first, the evidence-derived aggregates last
    assert statements[0][0] == cypher.MERGE_DOCUMENTS
    assert "SET r.docs" in statements[-1][0]


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
