"""Hostile values: Cypher injection through every command-line value that reaches a query (names,
parameters, types, paths, documents), and output paths that try to leave the directory a user names.
Nothing but parameters reaches the database; nothing is deleted or created."""
from __future__ import annotations

import json
import os
from pathlib import Path
from unittest.mock import MagicMock

import neo4j
import pytest

from graph import mirror_io
from graph.settings import Settings
from tests.conftest import TEST_URI
from tests.helpers import mirror_diff
from tests.reliability.conftest import SAMPLE, error_lines, invoke, runner

INJECTIONS = [
    "x'}) DETACH DELETE n //",
    "\") MATCH (n) DETACH DELETE n //",
    "`} MATCH (n) DETACH DELETE n //",
    "$param",
    "x' OR 1=1 WITH 1 AS x MATCH (n) SET n.pwned = true //",
    "}]->() CREATE (:Pwned) //",
    "russia'}) CALL { MATCH (n) DETACH DELETE n } //",
]
IDS = [f"inj{i}" for i in range(len(INJECTIONS))]

# every command form whose values reach Neo4j, the exit code expected, and where the value goes
FORMS = {
    "path-a": (lambda v: ["path", v, "UA"], 2),
    "path-b": (lambda v: ["path", "NK", v, "--directed"], 2),
    "path-types": (lambda v: ["path", "NK", "UA", "--types", f"SUPPLIES,{v}"], 2),
    "query-name": (lambda v: ["query", v], 2),
    "query-key": (lambda v: ["query", "transfers", "--param", f"{v}=1"], 2),
    "query-actor": (lambda v: ["query", "suppliers_of", "--param", f"state={v}"], 2),
    "query-weapon": (lambda v: ["query", "evidence", "--param", "source=NK", "--param", "target=RU",
                                "--param", f"weapon={v}"], 2),
    "query-string": (lambda v: ["query", "transfers", "--param", f"status={v}"], 1),
    "query-relation": (lambda v: ["query", "evidence", "--param", "source=NK", "--param", "target=RU",
                                  "--param", f"type={v}"], 2),
    "query-int": (lambda v: ["query", "transfers", "--param", f"limit={v}"], 2),
    "remove": (lambda v: ["remove", v], 1),
    "viz-actor": (lambda v: ["viz", "--actor", v], 2),
    "viz-types": (lambda v: ["viz", "--types", v], 2),
    "export-format": (lambda v: ["export", "--format", v], 2),
}


@pytest.mark.parametrize("form", FORMS)
def test_injection_through_every_value_changes_nothing(baseline, tmp_path, form):
    make, code = FORMS[form]
    for value in INJECTIONS:
        args = make(value)
        if args[0] in ("viz", "export"):
            args += ["--dir", str(tmp_path)]
        result = baseline.cli(*args)
        assert result.exit_code == code, (args, result.output)
        assert result.exception is None or isinstance(result.exception, SystemExit), (args, result.exception)
        if code == 2:  # one line naming the bad value
            assert len(error_lines(result.output)) == 1 and result.output.startswith("error: "), result.output
    assert baseline.store.read("MATCH (n) WHERE n.pwned IS NOT NULL OR n:Pwned RETURN count(n) AS n") == [{"n": 0}]
    assert list(tmp_path.iterdir()) == []
    baseline.assert_untouched()


@pytest.mark.parametrize("option", ["--database", "--user"])
def test_injection_through_connection_options_is_one_line(baseline, option):
    """The database and user names go to the driver as such (Neo4j answers: no such graph, refused)."""
    for value in INJECTIONS[:3]:
        for command in (["stats"], ["load", SAMPLE / "003_5a41f9b0d836bd47.txt"]):
            result = invoke(baseline.mirror_path, *command, options=[option, value])
            assert result.exit_code == 1, (command, result.output)
            lines = error_lines(result.output)
            assert len(lines) == 1 and lines[0].startswith(f"error: Neo4j at {TEST_URI} "), result.output
    baseline.assert_untouched()


@pytest.mark.parametrize("value", INJECTIONS, ids=IDS)
def test_hostile_file_names_are_stored_as_text_and_removed_by_name(baseline, tmp_path, value):
    """A file whose name is Cypher becomes a document with exactly that name; `remove NAME` takes it
    away again and leaves the graph as it was."""
    name = value.replace("/", "|")
    path = tmp_path / f"{name}.txt"
    path.write_text("Nordkorea hat nach Angaben des NIS Artilleriegranaten an Russland geliefert.\n"
                    f"Die Kennung lautet {len(name)}.", encoding="utf-8")
    loaded = baseline.cli("load", path, "--json")
    assert loaded.exit_code == 0, loaded.output
    docs = baseline.store.read("MATCH (d:Document {source: $s}) RETURN d.name AS name", s=str(path))
    assert docs == [{"name": name}]
    removed = baseline.cli("remove", name)
    assert removed.exit_code == 0, removed.output
    assert baseline.store.counts() == baseline.counts
    assert mirror_diff(mirror_io.from_store(baseline.store), baseline.graph) == []
    assert mirror_diff(mirror_io.load(baseline.mirror_path), baseline.graph) == []
    baseline.mirror_bytes = baseline.mirror_path.read_bytes()  # rebuilt by `remove`, the same graph


@pytest.mark.parametrize("value", INJECTIONS, ids=IDS)
def test_hostile_mirror_paths_are_only_file_names(baseline, tmp_path, value):
    path = tmp_path / value.lstrip("/")
    result = invoke(path, "mirror")
    assert result.exit_code == 0, result.output
    assert mirror_diff(mirror_io.load(path), baseline.graph) == []
    assert path.resolve().is_relative_to(tmp_path.resolve())
    baseline.assert_untouched()


@pytest.mark.parametrize("command", [["viz"], ["export", "--format", "json"], ["export", "--format", "csv"]])
def test_output_paths_are_honoured_but_never_over_the_mirror(baseline, tmp_path, command):
    """A path given explicitly is where the user wants the file, also outside --dir; what would
    destroy the tool's own data (the mirror, its lock) or is no file (a directory) is refused."""
    inside, outside = tmp_path / "inside", tmp_path / "outside"
    inside.mkdir()
    outside.mkdir()
    os.symlink(outside, inside / "link")
    for output, where in [("../outside/a.out", outside / "a.out"), (str(outside / "b.out"), outside / "b.out"),
                          ("link/c.out", outside / "c.out"), ("sub/ok.out", inside / "sub" / "ok.out")]:
        result = baseline.cli(*command, "--dir", inside, "--output", output, "--json")
        assert result.exit_code == 0, (output, result.output)
        assert Path(json.loads(result.output)["path"]) == where.resolve() and where.stat().st_size > 0
    mirror_link = inside / "mirror-link"
    os.symlink(baseline.mirror_path, mirror_link)
    lock = baseline.mirror_path.with_name(f".{baseline.mirror_path.name}.lock")
    journal = baseline.mirror_path.with_name(f"{baseline.mirror_path.name}.journal")
    refused = [(str(baseline.mirror_path), "the mirror file"), ("mirror-link", "the mirror file"),
               (str(lock), "lock file"), (str(journal), "the mirror's journal"), (".", "is a directory"), ("", "is a directory"), ("link", "is a directory")]
    for output, reason in refused:
        result = baseline.cli(*command, "--dir", inside, "--output", output)
        assert result.exit_code == 2, (output, result.output)
        lines = error_lines(result.output)
        assert len(lines) == 1 and lines[0].startswith("error: --output") and reason in lines[0], result.output
    not_a_dir = tmp_path / "plain"
    not_a_dir.write_text("")
    result = baseline.cli(*command, "--dir", not_a_dir, "--output", "x.out")
    assert result.exit_code == 2 and "not a directory" in result.output
    baseline.assert_untouched()


# -- unit: what the store sends to the driver ---------------------------------------------
INJECTED = INJECTIONS[0]


def strings(value) -> list[str]:
    """Every string inside a parameter value (dicts, lists)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings(v)]
    if isinstance(value, (list, tuple)):
        return [s for v in value for s in strings(v)]
    return []


class _Record(dict):
    """A driver Record: items and data()."""

    def data(self) -> dict:
        return dict(self)


class Recorder:
    """A transaction (and session) that records every query and its parameters."""

    def __init__(self, entities):
        self.calls: list[tuple[str, dict]] = []
        self.entities = entities

    def run(self, query, parameters=None, **params):
        self.calls.append((query, {**(parameters or {}), **params}))
        result = MagicMock()
        rows = [{"id": i, "name": n} for i, n in self.entities.items()] if "RETURN n.id AS id, n.name AS name" \
            in query else []
        if "RETURN ids" in query:
            rows = [{"ids": [params.get("a"), params.get("b")]}]
        if "d.id = $key" in query:
            rows = [{"id": params.get("key")}]
        if "SHOW CONSTRAINTS" in query:
            rows = [{"names": []}]
        if "SHOW INDEXES" in query:
            rows = [{"names": [], "states": []}]
        if "AS values" in query:  # (how stored documents were read: one record of columns)
            rows = [{"id": [], "values": []}]
        if "AS copies" in query:  # (the stored signatures: one record of columns)
            rows = [{"id": [], "minhash": [], "source": [], "published": [], "copies": []}]
        if "AS stamp" in query:
            rows = [{"stamp": None}]
        if "AS before" in query:
            rows = [{"before": None, "after": "generation:1"}]
        result.__iter__.side_effect = lambda: iter([MagicMock(data=lambda r=r: r) for r in rows])
        result.data.return_value = rows
        if rows:
            result.single.return_value = _Record(rows[0])
        for key in ("nodes_created", "relationships_created", "properties_set", "nodes_deleted",
                    "relationships_deleted"):
            setattr(result.consume.return_value.counters, key, 0)
        return result


@pytest.fixture
def recorded(monkeypatch):
    """cli.py with a MagicMock(spec=neo4j.Driver): every query text and its parameters are recorded.
    The graph "holds" two entities whose names are injection strings, so names resolve to them."""
    recorder = Recorder({"evil-a": INJECTED, "evil-b": INJECTIONS[1]})
    driver = MagicMock(spec=neo4j.Driver)
    session = driver.session.return_value.__enter__.return_value
    session.run.side_effect = recorder.run
    session.execute_read.side_effect = lambda work, *a, **k: work(recorder)
    session.execute_write.side_effect = lambda work, *a, **k: work(recorder)
    monkeypatch.setattr(neo4j.GraphDatabase, "driver", lambda *a, **k: driver)
    return recorder


@pytest.mark.parametrize("args,param", [
    (["path", INJECTED, INJECTIONS[1]], "a"),
    (["path", INJECTED, INJECTIONS[1], "--all", "--directed", "--types", "SUPPLIES"], "b"),
    (["query", "neighbourhood", "--param", f"actor={INJECTED}"], "actor"),
    (["query", "transfers", "--param", f"status={INJECTED}"], "status"),
    (["query", "corroboration", "--param", f"state_bodies={INJECTED}", "--param", "recipient=RU"], "state_bodies"),
    (["remove", INJECTED], "key"),
])
def test_user_values_reach_the_driver_only_as_parameters(recorded, tmp_path, args, param):
    import cli
    runner.invoke(cli.app, ["--uri", "bolt://localhost:1", "--mirror", str(tmp_path / "m.json.gz"), *args])
    assert recorded.calls, "no query was run"
    for query, params in recorded.calls:
        for value in INJECTIONS:
            assert value not in query, query
    sent = [params for _, params in recorded.calls if param in params]
    assert any({INJECTED, "evil-a"} & set(strings(p)) for p in sent), sent


def test_a_loaded_document_reaches_the_driver_only_as_parameters(recorded, tmp_path):
    import cli
    path = tmp_path / f"{INJECTED.replace('/', '|')}.txt"
    path.write_text(f"Nordkorea hat nach Angaben des NIS Artilleriegranaten an Russland geliefert. "
                    f"{INJECTED} {INJECTIONS[2]}", encoding="utf-8")
    result = runner.invoke(cli.app, ["--uri", "bolt://localhost:1", "--mirror", str(tmp_path / "m.json.gz"),
                                     "load", str(path)])
    assert result.exit_code == 0, result.output
    writes = [(q, p) for q, p in recorded.calls if "MERGE" in q]
    assert writes
    for query, _ in recorded.calls:
        for value in INJECTIONS:
            assert value not in query, query
    assert any(path.stem in strings(p) for _, p in writes)  # the document's name, as a parameter


def test_settings_repr_hides_the_password():
    assert "s3cret" not in repr(Settings(password="s3cret")) and "s3cret" not in str(Settings(password="s3cret"))


# -- console markup: values shown on the terminal are text, never rich markup --------------
MARKUP = ["[/x]", "[bold red]loud[/]", "[link=https://evil.example]click[/link]"]


@pytest.mark.parametrize("value", MARKUP, ids=["close", "style", "link"])
def test_console_markup_in_values_is_printed_as_text(baseline, tmp_path, value):
    empty = tmp_path / "in" / f"{value}.txt"  # a "/" in the value makes directories: the path keeps it
    empty.parent.mkdir(parents=True)
    empty.write_bytes(b"")
    cases = [(["path", value, "UA"], 2), (["query", value], 2),
             (["query", "transfers", "--param", f"status={value}"], 1), (["remove", value], 1),
             (["load", empty], 2), (["extract", empty], 2),
             (["viz", "--dir", tmp_path / "out", "--output", f"{value}.html"], 0),
             (["export", "--format", "csv", "--dir", tmp_path / "out", "--output", f"{value}.csv"], 0)]
    for args, code in cases:
        result = baseline.cli(*args)
        assert result.exit_code == code, (args, result.output)
        assert result.exception is None or isinstance(result.exception, SystemExit), (args, result.exception)
        assert value in result.output or value.split("/")[-1] in result.output, (args, result.output)
    baseline.assert_untouched()


def test_document_names_with_markup_are_shown_as_text(tmp_path):
    name = "[b]NK"  # short: the table must not wrap it
    path = tmp_path / f"{name}.txt"
    path.write_text("Nordkorea hat nach Angaben des NIS Artilleriegranaten an Russland geliefert.", encoding="utf-8")
    result = runner.invoke(__import__("cli").app, ["extract", str(path), "--format", "table"])
    assert result.exit_code == 0, result.output
    assert name in result.stdout
