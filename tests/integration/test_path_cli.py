"""`cli.py path`, `query` and `stats` through the CLI, against Neo4j and offline from the mirror."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

import cli
from tests.analyst_cli import OFFLINE, run, stored_with_mirror

FIRST = "Shortest path: 2 hops (in either direction): North Korea – Russia – Ukraine"


@pytest.fixture(scope="module")
def mirror_file(_store, tmp_path_factory):
    """Neo4j and a saved mirror holding the three hand-made articles."""
    return stored_with_mirror(_store, tmp_path_factory.mktemp("cli"))


def test_path_goes_through_russia_with_evidence(mirror_file):
    result = run(mirror_file, "path", "NK", "UA")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == FIRST
    assert lines[1] == ("1. North Korea -[SUPPLIES KN-23, more than 100, delivered]-> Russia  claimed by: "
                        "Defence Intelligence of Ukraine, John Kirby, United States  (3 documents)")
    assert lines[2].startswith("     > North Korea sent more than 100 KN-23 missiles to Russia")
    assert lines[2].endswith("[one, claimed by John Kirby]")
    assert lines[3] == ("     > Ukraine's Defence Intelligence said Russia received KN-23 missiles from North Korea."
                        "  [three, claimed by Defence Intelligence of Ukraine]")
    assert lines[4].startswith("2. Russia -[ATTACKS]-> Ukraine  claimed by: nobody named")
    assert lines[5] == "     > Russia fired them at Ukraine.  [two]"


@pytest.mark.parametrize("a,b", [("Nordkorea", "Kiew"), ("KP", "Ukraine"), ("Pjöngjang", "UA"),
                                 ("North Korea", "ukraine"), ("north-korea", "Ukrainer")])
def test_aliases_and_codes_resolve(mirror_file, a, b):
    result = run(mirror_file, "path", a, b)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == FIRST


def test_unknown_name_suggests_and_exits_2(mirror_file):
    result = run(mirror_file, "path", "Nordkorae", "UA")
    assert result.exit_code == 2
    assert "unknown actor 'Nordkorae'; did you mean North Korea" in result.stderr


def test_json_path(mirror_file):
    result = run(mirror_file, "path", "NK", "UA", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["source"] == "neo4j" and data["note"] is None
    path = data["paths"][0]
    assert [n["id"] for n in path["nodes"]] == ["north-korea", "russia", "ukraine"]
    supplies = path["hops"][0]["relations"][0]
    assert supplies["quantities"] == [{"text": "more than 100", "min": 100, "qualifier": "more_than"}]
    assert supplies["evidence"][0]["document"] == "one" and len(supplies["evidence"]) == 2


@pytest.mark.parametrize("args,code,message", [
    (["--types", "SUPPLIES,BOMBS"], 2, "not a relation type"),
    (["--types", "IN_DOCUMENT"], 2, "not a relation type"),
    (["--max-hops", "11"], 2, ""),
    (["--max-hops", "1"], 1, "no path between North Korea and Ukraine within 1 hops"),
    (["--types", "ATTACKS,MEETS"], 1, "no path"),
])
def test_path_options_and_exit_codes(mirror_file, args, code, message):
    result = run(mirror_file, "path", "NK", "UA", *args)
    assert result.exit_code == code, result.output
    assert message in result.output


def test_directed_follows_relation_direction(mirror_file):
    assert run(mirror_file, "path", "NK", "UA", "--directed", "--types", "SUPPLIES,ATTACKS").exit_code == 0
    result = run(mirror_file, "path", "UA", "NK", "--directed")
    assert result.exit_code == 1 and "following relation direction" in result.stdout


def test_offline_answers_from_the_mirror_and_says_so(mirror_file):
    online = run(mirror_file, "path", "NK", "UA")
    offline = run(mirror_file, "path", "NK", "UA", uri=OFFLINE)
    assert offline.exit_code == 0, offline.output
    assert f"Neo4j unreachable at {OFFLINE}; answering from the mirror {mirror_file} (saved " in offline.stderr
    assert offline.stdout == online.stdout
    data = json.loads(run(mirror_file, "path", "NK", "UA", "--json", uri=OFFLINE).stdout)
    assert data["source"] == "mirror" and "unreachable" in data["note"]


def test_neither_neo4j_nor_a_mirror_is_one_line_and_exit_1(mirror_file, tmp_path):
    result = run(tmp_path / "missing.json.gz", "path", "NK", "UA", uri=OFFLINE)
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "no mirror to answer from" in result.stderr


def test_query_list(mirror_file):
    result = run(mirror_file, "query", "--list")
    assert result.exit_code == 0 and "suppliers_of" in result.stdout and "corroboration" in result.stdout
    listed = json.loads(run(mirror_file, "query", "--list", "--json").stdout)
    assert {q["name"] for q in listed} >= {"transfers", "suppliers_of", "claims_about", "timeline", "evidence"}


def test_query_suppliers_of_russia_json(mirror_file):
    result = run(mirror_file, "query", "suppliers_of", "--param", "state=Russia", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == [{
        "supplier": "North Korea", "supplier_kind": "State", "status": "delivered", "weapons": ["KN-23"],
        "transfers": 1, "documents": 3, "received_by": ["Russia"],
        "claimed_by": ["Defence Intelligence of Ukraine", "John Kirby", "United States"]}]
    table = run(mirror_file, "query", "suppliers_of", "-p", "state=Russland")
    assert table.exit_code == 0 and "KN-23" in table.stdout and table.stdout.endswith("1 row\n")


@pytest.mark.parametrize("args,code,message", [
    (["query", "supplier_of"], 2, "did you mean suppliers_of"),
    (["query", "suppliers_of", "--param", "country=Russia"], 2, "it takes: state"),
    (["query", "suppliers_of"], 2, "needs --param state"),
    (["query", "suppliers_of", "--param", "state"], 2, "key=value"),
    (["query", "suppliers_of", "--param", "state=Rusland"], 2, "did you mean Russia"),
    (["query", "suppliers_of", "--param", "state=UA"], 1, "no rows for suppliers_of (state=ukraine)"),
    (["query", "transfers", "--param", "limit=many"], 2, "whole number"),
])
def test_query_errors_and_exit_codes(mirror_file, args, code, message):
    result = run(mirror_file, *args)
    assert result.exit_code == code, result.output
    assert message in result.output


def test_query_cypher_is_ready_for_neo4j_browser(mirror_file):
    result = run(mirror_file, "query", "evidence", "--cypher")
    assert result.exit_code == 0
    assert result.stdout.startswith("// :params {source: '...', target: '...', type: '', weapon: '', since: '', until: ''}")
    assert "MATCH (a:Entity {id: $source})" in result.stdout


def test_stats_offline_from_the_mirror(mirror_file):
    result = run(mirror_file, "stats", "--json", uri=OFFLINE)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["source"] == "mirror" and data["relationships"]["SUPPLIES"] == 1
    assert data["nodes"]["Document"] == 3
    assert "Russia" in {b["name"] for b in data["brokers"] if b["cut_point"]}
    human = run(mirror_file, "stats")
    assert human.exit_code == 0 and "most central by betweenness" in human.stdout and "brokers" in human.stdout


@pytest.mark.parametrize("command", ["path", "query", "stats"])
def test_help_has_an_example(command):
    result = CliRunner().invoke(cli.app, [command, "--help"])
    assert result.exit_code == 0 and "Example:" in result.stdout
