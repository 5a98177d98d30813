"""Exports without a server: GraphML/GEXF/JSON read back, the CSV register, output paths, the CLI."""
from __future__ import annotations

import csv
import io
import json
import os

import networkx as nx
import pytest
from typer.testing import CliRunner

from graph import cypher_dump
from graph import mirror_io
from graph import export, mirror, outputs
from graph.errors import InputError, NotFoundError
from graph.model import Document, Evidence, GraphData, Node, Relation
from tests.show_fixtures import HOSTILE, sample_mirror

ENTITY_KINDS = {"State", "Official", "Agency", "WeaponType", "Location"}


@pytest.fixture(scope="module")
def g():
    return sample_mirror()


def analyst_counts(g):
    nodes = [n for n, a in g.nodes(data=True) if a["label"] in ENTITY_KINDS]
    edges = [1 for _, _, a in g.edges(data=True) if a["type"] not in ("IN_DOCUMENT", "CLAIMED_BY")]
    return len(nodes), len(edges)


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graph_files_read_back_with_the_same_counts(g, fmt, tmp_path):
    for evidence in (False, True):
        data, counts = export.export(g, fmt, evidence)
        path = tmp_path / f"g.{fmt}"
        path.write_bytes(data)
        h = nx.read_graphml(path, force_multigraph=True) if fmt == "graphml" else nx.read_gexf(path)
        full = mirror.with_provenance(g)  # all Neo4j holds: documents and evidence too
        want = (full.number_of_nodes(), full.number_of_edges()) if evidence else analyst_counts(g)
        assert (h.number_of_nodes(), h.number_of_edges()) == want == (counts["nodes"], counts["edges"])


def test_graph_files_carry_names_kinds_relations_and_joined_lists(g, tmp_path):
    path = tmp_path / "g.graphml"
    path.write_bytes(export.export(g, "graphml")[0])
    h = nx.read_graphml(path, force_multigraph=True)
    assert h.nodes["north-korea"]["label"] == "North Korea" and h.nodes["north-korea"]["kind"] == "State"
    assert h.nodes["kn-23"]["range_km"] == 690.0
    supplies = [a for s, t, a in h.edges(data=True) if (s, t) == ("north-korea", "russia")
                and a["relation"] == "SUPPLIES"]
    assert supplies[0]["weight"] == 2 and supplies[0]["docs"].count("; ") == 1
    gexf = nx.read_gexf(io.BytesIO(export.export(g, "gexf", evidence=True)[0]))
    ev = next(a for _, a in gexf.nodes(data=True) if a.get("kind") == "Evidence")
    assert "char_start" in ev and "start" not in ev  # GEXF would read start/end as time


def test_json_is_node_link_with_lists_kept(g):
    data = json.loads(export.export(g, "json")[0])
    h = nx.node_link_graph(data, edges="edges")
    assert (h.number_of_nodes(), h.number_of_edges()) == analyst_counts(g)
    assert h.nodes["russia"]["kind"] == "State"
    assert isinstance(next(a for _, _, a in h.edges(data=True) if a["type"] == "SUPPLIES")["docs"], list)


def register_rows(data: bytes) -> list[dict]:
    assert data.startswith(b"\xef\xbb\xbf")  # BOM: spreadsheets read UTF-8
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def test_register_has_one_row_per_transfer_with_its_evidence(g):
    rows = register_rows(export.export(g, "csv")[0])
    assert [r["supplier"] for r in rows] == ["North Korea", "Russia"]
    kn23 = rows[0]
    assert (kn23["recipient"], kn23["weapon"], kn23["status"], kn23["quantity"]) == \
        ("Russia", "KN-23", "delivered", "more than 100")
    assert (kn23["first_reported"], kn23["last_reported"], kn23["evidence_count"]) == \
        ("2024-01-05", "2024-02-10", "2")
    # its period, like SIPRI's: graph_one gives December 2023, graph_two no event time
    assert (kn23["first_event"], kn23["last_event"]) == ("2023-12-01", "2023-12-31")
    assert list(rows[0])[5:9] == ["first_event", "last_event", "first_reported", "last_reported"]
    assert rows[1]["first_event"] == "" and rows[1]["first_reported"] == "2024-03-01"
    assert kn23["documents"] == "one; two" and kn23["claimed_by"] == "John Kirby"
    assert rows[1]["quantity"] == "'-5"  # a formula-looking quantity is defused


def test_register_defuses_formulas():
    g = GraphData(documents=[Document("d1", "d", "t", "s", "en", "x", "2024-01-01")])
    g.add_node(Node("a", "Agency", "=cmd|' /C calc'!A0"))
    g.add_node(Node("b", "State", "@SUM(A1:A9)"))
    g.add_node(Node("w", "WeaponType", "+rifle"))
    g.relations.append(Relation("SUPPLIES", "a", "b", Evidence("d1", "x", 0, 1), weapon="w"))
    row = register_rows(export.export(mirror.build(g), "csv")[0])[0]
    assert (row["supplier"], row["recipient"], row["weapon"]) == ("'=cmd|' /C calc'!A0", "'@SUM(A1:A9)", "'+rifle")
    assert [export.cell(v) for v in ("-1", "\tx", "plain", 3, None)] == ["'-1", "'\tx", "plain", "3", ""]


def test_nothing_to_export_is_not_found():
    with pytest.raises(NotFoundError):
        export.export(mirror.build(GraphData()), "csv")
    with pytest.raises(NotFoundError):
        export.export(mirror.build(GraphData()), "graphml")
    with pytest.raises(InputError):
        export.export(sample_mirror(), "xlsx")


def test_cypher_literals_are_escaped_and_one_line():
    text = cypher_dump.literal(HOSTILE + "\r\u2028\x00")
    assert "\n" not in text and "\r" not in text and "\u2028" not in text
    assert text.startswith("'") and text.endswith("'") and "\\'}) DETACH DELETE n //" in text
    assert cypher_dump.literal({"a b": [1, 2.5, True], "x": None}) == "{`a b`: [1, 2.5, true]}"
    with pytest.raises(InputError):
        cypher_dump.literal(float("nan"))
    dump = list(cypher_dump.cypher_dump(sample_mirror()))
    assert all(line.endswith(";") for line in dump if not line.startswith("//"))


def test_output_paths_go_where_the_user_says_except_over_the_mirror(tmp_path):
    base = tmp_path / "out"
    assert outputs.resolve("graph.html", base) == (base / "graph.html").resolve()
    assert outputs.resolve(base / "sub" / "x.csv", base) == (base / "sub" / "x.csv").resolve()
    assert outputs.resolve("../x.csv", base) == (tmp_path / "x.csv").resolve()  # the user's file system
    assert outputs.resolve(str(tmp_path / "y.csv"), base) == (tmp_path / "y.csv").resolve()
    base.mkdir()
    os.symlink(tmp_path, base / "link")
    assert outputs.resolve("link/x.csv", base) == (tmp_path / "x.csv").resolve()
    for bad in (".", "", "link", str(tmp_path)):
        with pytest.raises(InputError):
            outputs.resolve(bad, base)
    keep = outputs.protected(tmp_path / "m.json.gz")
    for bad in ("../m.json.gz", "link/m.json.gz", str(tmp_path / ".m.json.gz.lock")):
        with pytest.raises(InputError, match="mirror"):
            outputs.resolve(bad, base, keep)


# -- the commands ----------------------------------------------------------------
runner = CliRunner()


@pytest.fixture
def mirror_file(tmp_path):
    return mirror_io.save(sample_mirror(), tmp_path / "m.json.gz")


def run(mirror_file, *args):
    import cli
    return runner.invoke(cli.app, ["--mirror", str(mirror_file), *args])


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json", "csv", "cypher"])
def test_export_command_writes_and_reports_json(mirror_file, tmp_path, fmt):
    result = run(mirror_file, "export", "--format", fmt, "--dir", str(tmp_path), "--output", f"x.{fmt}", "--json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["path"] == str((tmp_path / f"x.{fmt}").resolve()) and summary["bytes"] > 100
    assert (tmp_path / f"x.{fmt}").stat().st_size == summary["bytes"]


def test_export_command_exit_codes(mirror_file, tmp_path):
    over = run(mirror_file, "export", "-f", "csv", "--dir", str(tmp_path / "d"), "--output", "../m.json.gz")
    assert over.exit_code == 2 and "is the mirror file" in over.stderr
    assert mirror_io.load(mirror_file).number_of_nodes() > 0
    assert run(mirror_file, "export", "-f", "xlsx", "--dir", str(tmp_path)).exit_code == 2
    missing = run(tmp_path / "nothing.json.gz", "export", "-f", "csv", "--dir", str(tmp_path))
    assert missing.exit_code == 1 and "cli.py load" in missing.stderr and "Traceback" not in missing.output
    assert "Example:" in run(mirror_file, "export", "--help").stdout


def test_viz_command_exit_codes_and_page(mirror_file, tmp_path):
    ok = run(mirror_file, "viz", "--dir", str(tmp_path), "--output", "g.html", "--json")
    assert ok.exit_code == 0, ok.output
    html = (tmp_path / "g.html").read_text(encoding="utf-8")
    assert "<script>window.__pwned" not in html and "<img src=x" not in html
    assert run(mirror_file, "viz", "--dir", str(tmp_path), "--types", "SUPPLIES,BOGUS").exit_code == 2
    assert run(mirror_file, "viz", "--dir", str(tmp_path), "--actor", "Atlantis Republic").exit_code == 2
    assert run(mirror_file, "viz", "--dir", str(tmp_path), "--min-corroboration", "9").exit_code == 1
    assert run(mirror_file, "viz", "--dir", str(tmp_path), "--actor", "Kursk", "--types", "MEETS").exit_code == 1
    focus = run(mirror_file, "viz", "--dir", str(tmp_path), "--actor", "Pjöngjang", "--types", "supplies", "--json")
    assert focus.exit_code == 0 and json.loads(focus.stdout)["entities"] == 2
    assert run(mirror_file, "viz", "--output", str(tmp_path / "g2.html")).exit_code == 0  # anywhere the user says
    assert run(mirror_file, "viz", "--output", str(mirror_file)).exit_code == 2  # never over the mirror
    assert "Example:" in run(mirror_file, "viz", "--help").stdout
