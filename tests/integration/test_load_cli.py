"""`cli.py init`, `load`, `extract` and `remove` end to end against the real Neo4j."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graph import mirror_io
from tests.conftest import TEST_URI
from tests.helpers import mirror_diff

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "articles"
runner = CliRunner()


@pytest.fixture
def cli(store, tmp_path):
    """Invoke cli.py against the test server and a mirror in tmp_path."""
    import cli as cli_mod

    def run(*args, input=None):
        return runner.invoke(cli_mod.app, ["--uri", TEST_URI, "--mirror", str(tmp_path / "m.json.gz"), *args],
                             input=input)
    return run


def test_init_reports_constraints(cli):
    result = cli("init")
    assert result.exit_code == 0, result.output
    assert "constraints in place" in result.output


def test_load_sample_corpus_then_again_changes_nothing(cli, store, tmp_path):
    first = cli("load", str(SAMPLE), "--json")
    assert first.exit_code == 0, first.output
    summary = json.loads(first.output)
    assert summary["read"] == 5 and summary["skipped"] == [] and summary["relations"] > 30
    counts = store.counts()
    assert counts["nodes"]["Document"] == 5
    assert counts["relationships"]["SUPPLIES"] >= 5
    # the mirror file equals what Neo4j holds
    assert mirror_diff(mirror_io.load(tmp_path / "m.json.gz"), mirror_io.from_store(store)) == []
    second = cli("load", str(SAMPLE), "--json")
    assert second.exit_code == 0
    assert store.counts() == counts
    assert all(row["added"] == 0 for row in json.loads(second.output)["counts"])


def test_every_stored_fact_has_evidence_that_slices_its_document(cli, store):
    assert cli("load", str(SAMPLE)).exit_code == 0
    texts = {p.stem: p.read_text(encoding="utf-8") for p in SAMPLE.glob("*.txt")}
    rows = store.read("""
        MATCH ()-[f]->() WHERE f.evidence_count IS NOT NULL
        MATCH (e:Evidence {fact_id: f.id})-[:IN_DOCUMENT]->(d:Document)
        RETURN f.id AS fact, e.sentence AS sentence, e.start AS start, e.end AS end, d.name AS doc""")
    assert rows
    from loaders.documents import normalise_text
    for r in rows:
        assert normalise_text(texts[r["doc"]])[r["start"]:r["end"]] == r["sentence"]


def test_mixed_directory_loads_the_good_and_lists_the_bad(cli, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SAMPLE / "002_93da3da9cffc8858.txt", folder / "good.txt")
    (folder / "empty.txt").write_text("")
    (folder / "scan.html").write_bytes(b"%PDF-1.7 binary")
    (folder / "french.txt").write_text("La Corée du Nord a livré des missiles à la Russie, selon les services "
                                       "de renseignement, qui ont confirmé les livraisons la semaine dernière.")
    result = cli("load", str(folder), "--json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert summary["read"] == 1
    assert {Path(s).name for s, _ in summary["skipped"]} == {"empty.txt", "scan.html", "french.txt"}


def test_nothing_readable_is_exit_2_and_nothing_changes(cli, store):
    cli("load", str(SAMPLE / "001_10e8ed9bd3fd314a.txt"))
    before = store.counts()
    result = cli("load", str(SAMPLE / "does-not-exist.txt"))
    assert result.exit_code == 2
    assert "does-not-exist.txt" in result.output and "no such file" in result.output
    assert store.counts() == before


def test_stdin_is_a_document(cli, store):
    text = "Nordkorea hat nach Angaben des NIS Artilleriegranaten an Russland geliefert. " * 2
    result = cli("load", "-", input=text)
    assert result.exit_code == 0, result.output
    (row,) = store.read("MATCH (d:Document) RETURN d.name AS n, d.id AS id")
    assert row["n"] == f"stdin-{row['id'][1:9]}"  # a name of its own: two texts piped in are two names
    extracted = cli("extract", "-", input=text)
    assert extracted.exit_code == 0
    rows = [json.loads(line) for line in extracted.stdout.splitlines() if line.startswith("{")]
    assert {(r["source"], r["target"], r.get("weapon"), r.get("claimed_by")) for r in rows} == {
        ("North Korea", "Russia", "artillery shell", "National Intelligence Service")}


def test_remove_takes_away_one_document(cli, store):
    assert cli("load", str(SAMPLE)).exit_code == 0
    doc_id = store.read("MATCH (d:Document {name: $n}) RETURN d.id AS id", n="004_a3f237a7240f996a")[0]["id"]
    assert store.read("MATCH (e:Evidence {doc_id: $d}) RETURN count(e) AS n", d=doc_id)[0]["n"] > 0
    result = cli("remove", "004_a3f237a7240f996a")
    assert result.exit_code == 0, result.output
    assert store.counts()["nodes"]["Document"] == 4
    assert store.read("MATCH (e:Evidence {doc_id: $d}) RETURN count(e) AS n", d=doc_id) == [{"n": 0}]
    assert cli("remove", "004_a3f237a7240f996a").exit_code == 1


@pytest.mark.parametrize("args", [["--uri", "bolt://localhost:7999"], ["--password", "not-the-password-42"]])
def test_unreachable_or_refused_server_is_one_line_naming_the_uri(tmp_path, args):
    import cli as cli_mod
    base = ["--uri", TEST_URI, "--mirror", str(tmp_path / "m.json.gz")]
    result = runner.invoke(cli_mod.app, base + args + ["init"])
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error:"), result.output
    uri = args[1] if args[0] == "--uri" else TEST_URI
    assert uri in result.output
    assert "not-the-password-42" not in result.output and "armsgraph-local" not in result.output


def test_a_load_into_a_mirror_equal_to_neo4j_appends_to_its_journal_without_reading_it(cli, store, tmp_path,
                                                                                          monkeypatch):
    from graph import journal
    first, rest = sorted(SAMPLE.glob("*.txt"))[0], sorted(SAMPLE.glob("*.txt"))[1:]
    assert cli("load", str(first)).exit_code == 0
    path = tmp_path / "m.json.gz"
    whole = path.read_bytes()

    def unread(*args, **kwargs):
        raise AssertionError("the whole mirror was read")
    with monkeypatch.context() as patch:
        patch.setattr(mirror_io, "load", unread)
        for article in rest:
            loaded = cli("load", str(article))
            assert loaded.exit_code == 0, loaded.output
        removed = cli("remove", first.stem)
        assert removed.exit_code == 0, removed.output
    assert path.read_bytes() == whole
    assert len(journal.path_of(path).read_text(encoding="utf-8").splitlines()) > 2 * len(rest)
    assert mirror_diff(mirror_io.load(path), mirror_io.from_store(store)) == []
    assert cli("mirror").exit_code == 0  # written whole again: the journal starts anew
    assert len(journal.path_of(path).read_text(encoding="utf-8").splitlines()) == 1
    assert mirror_diff(mirror_io.load(path), mirror_io.from_store(store)) == []


def test_a_load_in_two_processes_stores_what_one_process_stores(cli, store, tmp_path):
    """With -p 2 the workers extract and build each document's rows; the store and the mirror end
    as a load in one process leaves them."""
    one = cli("load", str(SAMPLE), "--json")
    assert one.exit_code == 0, one.output
    alone = mirror_io.from_store(store)
    store.wipe()
    (tmp_path / "m.json.gz").unlink()
    two = cli("load", str(SAMPLE), "-p", "2", "--docs-per-transaction", "2", "--json")
    assert two.exit_code == 0, two.output
    assert json.loads(two.output)["relations"] == json.loads(one.output)["relations"]
    assert mirror_diff(mirror_io.from_store(store), alone) == []
    assert mirror_diff(mirror_io.load(tmp_path / "m.json.gz"), alone) == []


def test_a_first_load_does_not_build_the_mirror_and_leaves_it_as_a_journal(cli, store, tmp_path, monkeypatch):
    """Into an empty Neo4j without a mirror file, the load never holds the mirror's graph: it saves
    an empty file and its changes as the journal. Reading the mirror gives Neo4j's graph, and the
    next load appends to the journal (however long) without reading it."""
    from graph import journal
    from loaders import ingest
    articles = sorted(SAMPLE.glob("*.txt"))
    path = tmp_path / "m.json.gz"

    def unbuilt(*args, **kwargs):
        raise AssertionError("the mirror's graph was built")
    with monkeypatch.context() as patch:
        patch.setattr(journal, "applied_many", unbuilt)
        patch.setattr(mirror_io, "load", unbuilt)
        summary = ingest.load([str(a) for a in articles[:-1]], store, path, docs_per_transaction=2)
        assert summary.read == 4
        empty = path.read_bytes()
        assert journal.head(path)["base_documents"] == 0
        assert cli("load", str(articles[-1])).exit_code == 0
        assert cli("remove", articles[0].stem).exit_code == 0
    assert path.read_bytes() == empty
    assert mirror_diff(mirror_io.load(path), mirror_io.from_store(store)) == []
    assert cli("mirror").exit_code == 0  # written whole: later loads append within the file's size again
    assert journal.head(path)["base_documents"] == 4
    assert mirror_diff(mirror_io.load(path), mirror_io.from_store(store)) == []


def test_a_first_load_while_another_command_saves_the_mirror_ends_equal_to_neo4j(cli, store, tmp_path):
    """Another load saves the mirror file while the first load (which found neither a file nor
    anything stored) still runs: the first one's save finds the file changed and rebuilds."""
    from loaders import ingest
    articles = sorted(SAMPLE.glob("*.txt"))
    other = []

    def meanwhile(name):
        if not other:
            other.append(cli("load", str(articles[-1])))
    summary = ingest.load([str(a) for a in articles[:-1]], store, tmp_path / "m.json.gz",
                          docs_per_transaction=1, on_document=meanwhile)
    assert other[0].exit_code == 0, other[0].output
    assert summary.read == 4 and store.counts()["nodes"]["Document"] == 5
    assert mirror_diff(mirror_io.load(tmp_path / "m.json.gz"), mirror_io.from_store(store)) == []


def test_a_remove_during_a_first_load_is_in_the_mirror_it_saves(cli, store, tmp_path):
    """`remove` of a document the first load has written, while that load still runs: the load's
    mirror ends without it, equal to Neo4j."""
    from loaders import ingest
    articles = sorted(SAMPLE.glob("*.txt"))
    seen, removed = [], []

    def meanwhile(name):
        seen.append(name)
        if len(seen) == 3:  # (the first document's transaction has committed by now)
            removed.append(cli("remove", articles[0].stem))
    summary = ingest.load([str(a) for a in articles], store, tmp_path / "m.json.gz",
                          docs_per_transaction=1, on_document=meanwhile)
    assert removed[0].exit_code == 0, removed[0].output
    assert summary.read == 5 and store.counts()["nodes"]["Document"] == 4
    assert mirror_diff(mirror_io.load(tmp_path / "m.json.gz"), mirror_io.from_store(store)) == []


def test_loading_again_writes_a_mirror_file_that_was_deleted(cli, store, tmp_path):
    """Nothing new to load, but the mirror file is gone: the load writes it again from Neo4j (the
    commands reading the mirror need it)."""
    assert cli("load", str(SAMPLE)).exit_code == 0
    path = tmp_path / "m.json.gz"
    path.unlink()
    from graph import journal
    journal.path_of(path).unlink()
    again = cli("load", str(SAMPLE), "--json")
    assert again.exit_code == 0, again.output
    assert json.loads(again.output)["relations"] == 0
    assert mirror_diff(mirror_io.load(path), mirror_io.from_store(store)) == []
