"""The analyst questions' catalogue: headers, parameters, and values that only travel as parameters."""
from __future__ import annotations

import re
from unittest.mock import MagicMock

import neo4j
import pytest

from graph import schema as schema_mod
from graph.errors import InputError, SchemaError, UnknownNameError
from graph.settings import Settings
from graph.store import Store
from queries import catalogue, names, statements

TINY = """// Who supplied a state
// @param state [actor]: the receiving state
// @param status: delivered or planned (default: '')
// @param limit: at most this many rows (default: 20)
// example: cli.py query tiny --param state=Russia
//
// Longer notes; a $dollar in a comment is not a parameter.
MATCH (s)-[r:SUPPLIES]->(t:Entity {id: $state})
WHERE $status = '' OR r.status = $status
RETURN s.name AS supplier, '$notaparam' AS text LIMIT $limit
"""
EVIL = "russia'}) DETACH DELETE t //"


def test_header_gives_description_parameters_types_defaults_and_example():
    q = catalogue.parse(TINY, "tiny")
    assert q.description == "Who supplied a state"
    assert [(p.name, p.type, p.default, p.required) for p in q.params] == [
        ("state", "actor", None, True), ("status", "string", "", False), ("limit", "int", 20, False)]
    assert q.example == "cli.py query tiny --param state=Russia"
    assert q.browser_params() == ":params {state: '...', status: '', limit: 20}"


@pytest.mark.parametrize("text,message", [
    ("MATCH (n) RETURN n", "first line"),
    ("// Nothing documented\n// example: cli.py query x\nMATCH (n {id: $id}) RETURN n", "documented"),
    ("// Unused\n// @param id: an id\n// example: cli.py query x\nMATCH (n) RETURN n", "documented"),
    ("// No example\n// @param id: an id\nMATCH (n {id: $id}) RETURN n", "example"),
    ("// Bad type\n// @param id [colour]: an id\n// example: x\nMATCH (n {id: $id}) RETURN n", "unknown type"),
])
def test_malformed_headers_fail_at_load(text, message):
    with pytest.raises(SchemaError, match=message):
        catalogue.parse(text, "x")


def test_bind_coerces_fills_defaults_and_names_the_allowed_parameters():
    q = catalogue.parse(TINY, "tiny")
    assert q.bind({"state": "russia", "limit": "5"}) == {"state": "russia", "limit": 5, "status": ""}
    with pytest.raises(InputError, match="takes: state, status, limit"):
        q.bind({"state": "russia", "country": "x"})
    with pytest.raises(InputError, match="needs --param state"):
        q.bind({"limit": "5"})
    with pytest.raises(InputError, match="whole number"):
        q.bind({"state": "russia", "limit": "ten"})


def test_relation_parameters_are_checked_against_the_schema():
    q = catalogue.get("evidence")
    assert q.bind({"source": "a", "target": "b", "type": "supplies"})["type"] == "SUPPLIES"
    with pytest.raises(InputError, match="not a relation type"):
        q.bind({"source": "a", "target": "b", "type": "SUPPLIES]->() DELETE r //"})


def test_only_actor_and_weapon_parameters_are_resolved():
    q = catalogue.get("evidence")
    values = q.bind({"source": "NK", "target": "Russland", "weapon": "KN-23"})
    resolved = q.resolve(values, lambda name: names.resolve(name, dict))
    assert resolved == {"source": "north-korea", "target": "russia", "weapon": "kn-23", "type": "",
                        "since": "", "until": ""}


@pytest.mark.parametrize("since,until,bounds", [
    ("2024", "2024", ("2024-01-01", "2024-12-31")),
    ("2024-02", "2024-02", ("2024-02-01", "2024-02-29")),
    ("2023-02", "2023-02-28", ("2023-02-01", "2023-02-28")),
    (" 2023-09-13 ", "", ("2023-09-13", "")),
])
def test_period_parameters_are_the_first_and_last_day(since, until, bounds):
    values = catalogue.get("transfers").bind({"since": since, "until": until})
    assert (values["since"], values["until"]) == bounds


@pytest.mark.parametrize("given,message", [
    ({"since": "2024-13"}, "--param since takes a date as YYYY-MM-DD, YYYY-MM or YYYY, not '2024-13'"),
    ({"until": "2023-02-29"}, "not '2023-02-29'"),
    ({"since": "last year"}, "not 'last year'"),
    ({"since": "2024-05", "until": "2024-04"}, "the period ends (2024-04-30) before it starts (2024-05-01)"),
    ({"until": "24"}, "not '24'"),
])
def test_bad_periods_are_one_line_input_errors(given, message):
    with pytest.raises(InputError) as err:
        catalogue.get("timeline").bind(given)
    assert message in str(err.value) and "\n" not in str(err.value)


def test_every_query_that_takes_actors_takes_a_period():
    for q in catalogue.load().values():
        if any(p.type == "actor" for p in q.params):
            assert q.takes_period(), q.name


def test_every_shipped_query_loads_and_documents_itself():
    queries = catalogue.load()
    assert {"transfers", "suppliers_of", "claims_about", "corroboration", "timeline", "neighbourhood",
            "evidence", "path"} <= set(queries)
    schema = schema_mod.load()
    known = {*schema.nodes, *schema.relations, *schema.structural, *schema.provenance, "Entity"}
    seen: set[str] = set()
    for q in queries.values():
        assert q.example.startswith(f"cli.py query {q.name}"), q.name
        assert all(p.description for p in q.params), q.name
        body = "\n".join(line for line in q.text.splitlines() if not line.startswith("//"))
        spelled = set(re.findall(r":\s*([A-Z][A-Za-z_]*)", body)) | set(re.findall(r"\|([A-Z_]+)", body))
        assert spelled <= known, (q.name, spelled - known)
        seen |= spelled
    assert {"SUPPLIES", "DENIES", "MEMBER_OF", "Evidence", "Document", "Agency"} <= seen


def test_unknown_query_suggests_the_close_one():
    with pytest.raises(InputError, match="did you mean suppliers_of"):
        catalogue.get("supplier_of")


def _mock_store():
    driver = MagicMock(spec=neo4j.Driver)
    session = driver.session.return_value.__enter__.return_value
    tx = MagicMock()
    tx.run.return_value = []
    session.execute_read.side_effect = lambda work: work(tx)
    return Store(driver, Settings()), tx


def test_user_values_only_travel_as_parameters():
    store, tx = _mock_store()
    q = catalogue.get("suppliers_of")
    assert catalogue.run(store, q, q.bind({"state": EVIL})) == []
    (query,), params = tx.run.call_args
    assert query == q.text and params == {"state": EVIL, "since": "", "until": ""}
    assert EVIL not in query


def test_path_queries_format_only_checked_types_and_hops():
    with pytest.raises(InputError, match="not a relation type"):
        statements.path_types(["SUPPLIES]->() DETACH DELETE n //"])
    with pytest.raises(InputError, match="from 1 to 10"):
        statements.shortest_paths(["SUPPLIES"], 11, False, False)
    with pytest.raises(InputError):
        statements.check_hops("6) DETACH DELETE n //")  # type: ignore[arg-type]
    text = statements.shortest_paths(["supplies", "ATTACKS"], 4, True, True)
    assert "allShortestPaths((a)-[:SUPPLIES|ATTACKS*..4]->(b))" in text and "$a" in text and "$b" in text
    assert "$since" not in text and "$since" in statements.shortest_paths(["SUPPLIES"], 4, True, True, dated=True)


def test_path_ids_travel_as_parameters():
    from queries import paths
    store, tx = _mock_store()
    spec = paths.PathSpec(types=["SUPPLIES"])
    paths.from_neo4j(store, EVIL, "ukraine", spec)
    (query,), params = tx.run.call_args
    assert params["a"] == EVIL and EVIL not in query


def test_names_resolve_aliases_codes_german_names_then_graph_names():
    none = dict
    for name in ("NK", "KP", "Nordkorea", "North Korea", "Pjöngjang", "north-korea"):
        assert names.resolve(name, none) == "north-korea"
    graph = lambda: {"jane-roe": "Jane Roe"}  # noqa: E731  (an official the extractor discovered)
    assert names.resolve("jane roe", graph) == "jane-roe"
    assert names.resolve("jane-roe", graph) == "jane-roe"
    with pytest.raises(UnknownNameError) as err:
        names.resolve("Jane Rooe", graph)
    assert err.value.suggestions[0] == "Jane Roe" and err.value.exit_code == 2
    with pytest.raises(UnknownNameError, match="did you mean North Korea"):
        names.resolve("Nordkorae", none)
