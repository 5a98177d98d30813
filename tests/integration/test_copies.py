"""Wire copies end to end against the real Neo4j: `load` links a copy to its original (in one load
or a later one, online or offline), facts count the original once (`sources`), `remove` of the
original promotes a copy, and the mirror shows the same links and counts as Neo4j."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graph import mirror, mirror_io
from graph import rows as rows_mod
from loaders import copies
from tests.conftest import TEST_URI
from tests.helpers import mirror_diff
from tests.unit.test_copies import COPY, STORY, report

ROOT = Path(__file__).resolve().parents[2]
ORIGINAL = ROOT / "tests/fixtures/eval/dev/x14_en.txt"
COPIES = ROOT / "tests/fixtures/copies/articles"
LINKS = "MATCH (c:Document)-[:COPY_OF]->(o:Document) RETURN c.name AS copy, o.name AS original, c.copy_of AS id"
runner = CliRunner()


@pytest.fixture
def cli(store, tmp_path):
    import cli as cli_mod

    def run(*args):
        result = runner.invoke(cli_mod.app, ["--uri", TEST_URI, "--mirror", str(tmp_path / "m.json.gz"), *map(str, args)])
        assert result.exit_code == 0, result.output
        return result
    return run


def same_as_neo4j(store, path: Path) -> None:
    g, h = mirror_io.load(path), mirror_io.from_store(store)
    assert mirror_diff(g, h) == []
    assert mirror.counts(g) == store.counts()


def sources(store) -> dict[str, tuple[int, int]]:
    """Fact id -> (documents, sources)."""
    rows = store.read("MATCH ()-[r]->() WHERE r.sources IS NOT NULL RETURN r.id AS id, r.docs AS docs, r.sources AS sources")
    return {r["id"]: (len(r["docs"]), len(r["sources"])) for r in rows}


def test_a_copy_loaded_later_is_linked_and_counted_once(cli, store, tmp_path):
    cli("load", ORIGINAL)
    out = json.loads(cli("load", COPIES / "x14_en_copy3.txt", ROOT / "tests/fixtures/eval/dev/x15_en.txt", "--json").output)
    original = store.read("MATCH (d:Document {name: 'x14_en'}) RETURN d.id AS id")[0]["id"]
    assert out["copies"] == [{"document": "x14_en_copy3", "copy_of": original}]
    assert store.read(LINKS) == [{"copy": "x14_en_copy3", "original": "x14_en", "id": original}]
    counted = sources(store)
    assert (2, 1) in counted.values() and all(n_sources <= n_docs for n_docs, n_sources in counted.values())
    assert all(n_docs == n_sources for n_docs, n_sources in counted.values() if n_docs == 1)
    row = next(r for r in store.read("MATCH ()-[r]->() WHERE r.sources IS NOT NULL AND size(r.docs) = 3 RETURN r.docs AS d, r.sources AS s"))
    assert len(row["s"]) == 2  # the original and x15_en; the copy counts as its original
    same_as_neo4j(store, tmp_path / "m.json.gz")


def test_copies_in_one_load_and_a_copy_of_a_copy(cli, store, tmp_path):
    edited = tmp_path / "copy_of_copy.txt"
    edited.write_text((COPIES / "x14_en_copy1.txt").read_text(encoding="utf-8").replace("said", "told Reuters")
                      + "\nReporting by our staff.\n", encoding="utf-8")
    cli("load", ORIGINAL, COPIES / "x14_en_copy1.txt")
    cli("load", edited)
    assert sorted((r["copy"], r["original"]) for r in store.read(LINKS)) == [
        ("copy_of_copy", "x14_en"), ("x14_en_copy1", "x14_en")]
    assert max(n_docs for n_docs, n_sources in sources(store).values() if n_sources == 1) == 3
    same_as_neo4j(store, tmp_path / "m.json.gz")


def test_removing_the_original_makes_a_copy_the_original(cli, store, tmp_path):
    cli("load", ORIGINAL, COPIES / "x14_en_copy1.txt", COPIES / "x14_en_copy2.txt")
    cli("remove", "x14_en")
    links = store.read(LINKS)
    assert len(links) == 1 and links[0]["original"] == min(("x14_en_copy1", "x14_en_copy2"),
                                                          key=lambda n: store.read(
                                                              "MATCH (d:Document {name: $n}) RETURN d.id AS id", n=n)[0]["id"])
    assert all(n_sources == 1 for n_sources in (s for _, s in sources(store).values()))
    same_as_neo4j(store, tmp_path / "m.json.gz")


def test_offline_copies_are_linked_in_the_mirror_and_in_neo4j_once_loaded(cli, store, tmp_path):
    cli("load", "--offline", ORIGINAL, COPIES / "x14_en_copy2.txt")
    g = mirror_io.load(tmp_path / "m.json.gz")
    assert mirror.counts(g)["relationships"]["COPY_OF"] == 1
    cli("load", ORIGINAL, COPIES / "x14_en_copy2.txt")
    assert [(r["copy"], r["original"]) for r in store.read(LINKS)] == [("x14_en_copy2", "x14_en")]
    same_as_neo4j(store, tmp_path / "m.json.gz")


def test_an_earlier_copy_stored_later_becomes_the_original_and_the_facts_follow(store):
    """Store.write_rows re-links the stored original and computes its facts' sources again."""
    g, found = mirror.new(), copies.Detector()
    for graph in (report("a", STORY, "2024-03-12"), report("c", COPY, "2024-03-11")):
        rows = rows_mod.build(graph)
        rows.documents[0]["minhash"] = copies.signature(graph.documents[0].text)
        rows.copies = found.link(rows.documents[0])
        store.write_rows(rows)
        mirror.apply_rows(g, rows)
    assert store.read(LINKS) == [{"copy": "a", "original": "c", "id": report("c", COPY, None).documents[0].id}]
    assert list(sources(store).values()) == [(2, 1)]
    assert mirror_diff(g, mirror_io.from_store(store)) == []


def test_a_new_text_of_the_original_s_file_keeps_its_copies(cli, store, tmp_path):
    article = tmp_path / "agency.txt"
    article.write_text(ORIGINAL.read_text(encoding="utf-8"), encoding="utf-8")
    cli("load", article, COPIES / "x14_en_copy1.txt", COPIES / "x14_en_copy2.txt")
    article.write_text(ORIGINAL.read_text(encoding="utf-8") + "\nThis story has been corrected.\n", encoding="utf-8")
    out = json.loads(cli("load", article, "--json").output)
    assert len(out["replaced"]) == 1
    assert sorted((r["copy"], r["original"]) for r in store.read(LINKS)) == [
        ("x14_en_copy1", "agency"), ("x14_en_copy2", "agency")]
    assert all(n_sources == 1 for _, n_sources in sources(store).values())
    same_as_neo4j(store, tmp_path / "m.json.gz")


@pytest.mark.parametrize("gone", [("a", "c1"), ("c1", "a"), ("a", "c1", "c2"), ("c2", "o")])
def test_documents_removed_in_one_write_end_as_removed_one_after_another(store, gone):
    """A load that reads documents again removes its batch's stored versions in one go
    (Store._remove): the copies promoted, the facts and entities left, as removing them in turn."""
    from graph.model import GraphData
    graphs = {"a": report("a", STORY, "2024-03-12"), "c1": report("c1", COPY, "2024-03-14"),
              "c2": report("c2", COPY + " Mehr in Kürze.", "2024-03-13"), "o": report("o", "Other words. " * 9, None)}
    g, found = mirror.new(), copies.Detector()
    for graph in graphs.values():
        rows = rows_mod.build(graph)
        rows.documents[0]["minhash"] = copies.signature(graph.documents[0].text)
        rows.copies = found.link(rows.documents[0])
        store.write_rows(rows)
        mirror.apply_rows(g, rows)
    ids = [graphs[name].documents[0].id for name in gone]
    store.write(GraphData(), replace=ids)
    for doc in ids:
        assert mirror.remove_document(g, doc)
    assert mirror_diff(g, mirror_io.from_store(store)) == []
    assert mirror.counts(g) == store.counts()
