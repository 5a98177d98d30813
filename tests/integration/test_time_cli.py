"""Time in the questions through the CLI: `transfers`, `path`, `query` with --since/--until, on Neo4j
and offline from the mirror, which must give the same answers."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

import cli
from tests.analyst_cli import OFFLINE, run, stored_with_mirror

PERIODS = [[], ["--since", "2023-09"], ["--until", "2023-11"], ["--since", "2023-11", "--until", "2023-11"],
           ["--since", "2024-02-10", "--until", "2024-02-10"], ["--since", "2024"], ["--until", "2023"],
           ["--since", "2024-03-02"]]


@pytest.fixture(scope="module")
def mirror_file(_store, tmp_path_factory):
    """Neo4j and a saved mirror holding the three hand-made articles (with their event times)."""
    return stored_with_mirror(_store, tmp_path_factory.mktemp("time"))


def both(mirror_file, *args):
    """The same command on Neo4j and offline from the mirror: (exit code, stdout) of each."""
    online, offline = run(mirror_file, *args), run(mirror_file, *args, uri=OFFLINE)
    assert "unreachable" in offline.stderr
    return (online.exit_code, online.stdout), (offline.exit_code, offline.stdout)


def test_transfers_gives_each_transfer_s_period(mirror_file):
    result = run(mirror_file, "transfers", "--json")
    assert result.exit_code == 0, result.output
    (row,) = json.loads(result.stdout)
    assert (row["supplier"], row["recipient"], row["weapon"], row["status"]) == (
        "North Korea", "Russia", "KN-23", "delivered")
    assert [row[k] for k in ("first_event", "last_event", "first_reported", "last_reported")] == [
        "2023-08-01", "2023-12-31", "2024-01-05", "2024-03-01"]
    table = run(mirror_file, "transfers", "--supplier", "Nordkorea")
    assert table.exit_code == 0 and table.stdout.endswith("1 row\n")


@pytest.mark.parametrize("period", PERIODS)
def test_transfers_agree_on_neo4j_and_the_mirror(mirror_file, period):
    online, offline = both(mirror_file, "transfers", "--json", *period)
    assert online[0] == offline[0] == (0 if json.loads(online[1]) else 1)
    assert json.loads(online[1]) == json.loads(offline[1])


@pytest.mark.parametrize("filters", [["--supplier", "NK", "--recipient", "RU"], ["--status", "planned"],
                                     ["--recipient", "Ukraine"], ["--limit", "0"]])
def test_transfers_filters_agree(mirror_file, filters):
    online, offline = both(mirror_file, "transfers", "--json", *filters)
    assert online[0] == offline[0] and json.loads(online[1]) == json.loads(offline[1])


@pytest.mark.parametrize("period", PERIODS)
@pytest.mark.parametrize("ends", [("NK", "UA"), ("Kim Jong Un", "Russia"), ("Kirby", "Peskov")])
def test_path_in_a_period_agrees_on_neo4j_and_the_mirror(mirror_file, period, ends):
    online, offline = both(mirror_file, "path", *ends, "--json", "--all", *period)
    assert online[0] == offline[0]
    if online[0] == 0:
        a, b = json.loads(online[1]), json.loads(offline[1])
        assert a["paths"] == b["paths"] and (a["since"], a["until"]) == (b["since"], b["until"])


def test_path_uses_only_facts_reported_in_the_period(mirror_file):
    result = run(mirror_file, "path", "NK", "UA", "--since", "2024", "--json")
    hops = json.loads(result.stdout)["paths"][0]["hops"]
    supplies = hops[0]["relations"][0]
    # the reports shown are those of 2024 (graph_three's US claim, graph_two), not graph_one's December
    assert [e["document"] for e in supplies["evidence"]] == ["three", "two"]
    assert run(mirror_file, "path", "NK", "UA", "--until", "2023").exit_code == 1  # the attack: 2024
    kim = run(mirror_file, "path", "Kim Jong Un", "Russia", "--all", "--until", "2023-09-30")
    assert kim.exit_code == 0 and "MEETS" in kim.stdout
    later = run(mirror_file, "path", "Kim Jong Un", "Russia", "--all", "--since", "2023-10")
    assert later.exit_code == 0 and "MEETS" not in later.stdout and "SUPPLIES" in later.stdout


def test_query_since_until(mirror_file):
    result = run(mirror_file, "query", "timeline", "--since", "2023-11", "--json")
    assert result.exit_code == 0, result.output
    assert [(r["date"], r["dated"], r["document"]) for r in json.loads(result.stdout)] == [
        ("2023-12-01", "event", "one")]
    same = run(mirror_file, "query", "timeline", "-p", "since=2023-11", "--json")
    assert same.stdout == result.stdout
    assert run(mirror_file, "query", "transfers", "--until", "2023-07").exit_code == 1


@pytest.mark.parametrize("args,message", [
    (["query", "timeline", "--since", "2024-13"], "--since takes a date as YYYY-MM-DD, YYYY-MM or YYYY, not '2024-13'"),
    (["query", "timeline", "--until", "yesterday"], "--until takes a date"),
    (["query", "timeline", "--since", "2024", "-p", "since=2023"], "--since and --param since given both"),
    (["query", "transfers", "--since", "2024", "--until", "2023"], "--until 2023 is before --since 2024"),
    (["query", "transfers", "-p", "until=2023-02-30"], "--param until takes a date"),
    (["path", "NK", "UA", "--since", "12.03.2024"], "--since takes a date"),
    (["transfers", "--until", "2024-00"], "--until takes a date"),
    (["transfers", "--since", "2025", "--until", "2024"], "is before --since"),
])
def test_bad_dates_are_one_line_and_exit_2(mirror_file, args, message):
    result = run(mirror_file, *args)
    assert result.exit_code == 2, result.output
    assert message in result.stderr and result.stderr.count("\n") == 1


def test_transfers_help_has_an_example():
    result = CliRunner().invoke(cli.app, ["transfers", "--help"])
    assert result.exit_code == 0 and "Example:" in result.stdout
