"""What a careless user did to the graph (issue 14): a `remove` during a `load`, documents loaded
with --offline, an edited article, a name that fits two documents, one official with two roles,
bad settings, control characters in a file name, and the load summary's counts. After each,
Neo4j and the mirror hold the same graph."""
from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from graph import mirror_io
from graph import mirror, rows, sync
from tests.conftest import TEST_URI
from tests.factories import graph_one, graph_two
from tests.helpers import mirror_diff
from tests.reliability.conftest import SAMPLE, cli_process, error_lines, free_port, invoke
from tests.reliability.corpus import write_corpus

CONFIRMED = ("Das Pentagon bestätigte am Dienstag, dass Nordkorea Russland Artilleriegranaten geliefert hat. "
             "Die Lieferungen seien über den Hafen Rason gegangen, hieß es in Washington.")
DENIED = CONFIRMED.replace("bestätigte", "bestritt")


def assert_equal(store, mirror_path: Path, *, offline: tuple[str, ...] = ()) -> None:
    """The mirror file holds exactly what Neo4j holds (and, on top, the documents only it holds)."""
    g = mirror_io.load(mirror_path)
    assert set(g.graph.get("offline") or ()) == set(offline)
    for doc in offline:
        assert mirror.remove_document(g, doc)
    assert mirror_diff(g, mirror_io.from_store(store)) == []


def doc_ids(store) -> set[str]:
    return {r["id"] for r in store.read("MATCH (d:Document) RETURN d.id AS id")}


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# -- 1. the mirror never stays behind Neo4j ------------------------------------------------
def test_a_write_by_another_command_during_a_load_is_in_the_saved_mirror(store, tmp_path):
    """A load follows its own transactions; a `remove` that commits between two of them makes the
    load rebuild the mirror before saving it, so the removed document does not come back."""
    path = tmp_path / "m.json.gz"
    one, two = graph_one(), graph_two()
    loading = sync.MirrorFile.open(path, store)
    loading.apply(one)
    done = store.write(one)
    loading.advance(done["before"], done["after"])
    assert not loading.stale
    other = sync.MirrorFile.open(path, store)  # `remove` in another process, with its own mirror
    removed = store.remove_document(one.documents[0].id)
    other.remove(removed["id"], removed["before"], removed["after"])
    other.save()
    loading.apply(two)
    done = store.write(two)
    loading.advance(done["before"], done["after"])
    assert loading.stale
    loading.save()
    assert_equal(store, path)
    assert one.documents[0].id not in mirror_io.load(path)


def test_a_remove_interrupted_before_its_mirror_save_is_repaired_by_the_next_command(store, tmp_path):
    path = tmp_path / "m.json.gz"
    assert invoke(path, "load", SAMPLE).exit_code == 0
    store.remove_document("000_d097e88d938dfaf8")  # Neo4j changed, the mirror file did not
    assert mirror_diff(mirror_io.load(path), mirror_io.from_store(store)) != []
    again = invoke(path, "load", SAMPLE / "001_10e8ed9bd3fd314a.txt")  # nothing new to load
    assert again.exit_code == 0, again.output
    assert_equal(store, path)
    # and with Neo4j gone, `path` answers from the repaired mirror without the removed document
    down = invoke(path, "path", "NK", "UA", "--json", "--per-hop", "100", uri=f"bolt://localhost:{free_port()}")
    assert down.exit_code == 0, down.output
    assert "000_d097e88d938dfaf8" not in down.output


def test_a_wiped_database_is_noticed_by_the_next_load(store, tmp_path):
    path = tmp_path / "m.json.gz"
    assert invoke(path, "load", SAMPLE).exit_code == 0
    store.wipe()
    assert invoke(path, "load", SAMPLE / "001_10e8ed9bd3fd314a.txt").exit_code == 0
    assert_equal(store, path)
    assert len(doc_ids(store)) == 1


# -- 2. documents only the mirror holds --------------------------------------------------------
def test_documents_loaded_offline_survive_rebuilds_and_can_be_removed(store, tmp_path):
    path = tmp_path / "m.json.gz"
    assert invoke(path, "load", SAMPLE).exit_code == 0
    story = write(tmp_path / "offline" / "story.txt", CONFIRMED)
    offline = invoke(path, "load", "--offline", story, "--json")
    assert offline.exit_code == 0, offline.output
    assert json.loads(offline.output)["only_in_mirror"] == 1
    (only,) = mirror_io.load(path).graph["offline"]
    assert invoke(path, "remove", "003_5a41f9b0d836bd47").exit_code == 0  # another document
    assert_equal(store, path, offline=(only,))
    rebuilt = invoke(path, "mirror")
    assert rebuilt.exit_code == 0 and "1 documents only in the mirror kept" in rebuilt.output
    assert_equal(store, path, offline=(only,))
    saved = path.read_bytes()
    missing = invoke(path, "load", tmp_path / "no-such-file.txt")
    assert missing.exit_code == 2 and path.read_bytes() == saved  # nothing read, nothing rewritten
    gone = invoke(path, "remove", "story", uri=f"bolt://localhost:{free_port()}")  # no Neo4j needed
    assert gone.exit_code == 0, gone.output
    assert_equal(store, path)
    assert not mirror_io.load(path).graph.get("offline")


def test_a_document_loaded_offline_then_online_moves_to_neo4j(store, tmp_path):
    path = tmp_path / "m.json.gz"
    story = write(tmp_path / "story.txt", CONFIRMED)
    assert invoke(path, "load", "--offline", story).exit_code == 0
    assert invoke(path, "load", story).exit_code == 0
    assert_equal(store, path)
    assert len(doc_ids(store)) == 1


def test_two_offline_loads_at_once_keep_both_documents(tmp_path):
    """Two --offline loads saving one mirror file: the second to save reads what the first saved."""
    path = tmp_path / "m.json.gz"
    a, b = write(tmp_path / "a.txt", CONFIRMED), write(tmp_path / "b.txt", DENIED)
    first, second = sync.MirrorFile.open(path), sync.MirrorFile.open(path)
    from loaders.pipeline import Extractor
    from loaders.documents import read_path
    extractor = Extractor()
    first.apply(extractor.extract(read_path(a)), offline=True)
    second.apply(extractor.extract(read_path(b)), offline=True)
    first.save()
    second.save()
    assert len(mirror_io.load(path).graph["offline"]) == 2


# -- 4. an edited article ---------------------------------------------------------------------
@pytest.mark.parametrize("offline", [False, True], ids=["neo4j", "offline"])
def test_an_edited_article_replaces_its_older_text(store, tmp_path, offline):
    """"confirmed" changed to "denied": the older text's SUPPLIES goes, in the same transaction."""
    path = tmp_path / "m.json.gz"
    story = write(tmp_path / "story.txt", CONFIRMED)
    extra = ["--offline"] if offline else []
    assert invoke(path, "load", *extra, story).exit_code == 0
    first = mirror_io.load(path)
    assert any(a.get("type") == "SUPPLIES" for *_, a in first.edges(data=True))
    write(story, DENIED)
    again = invoke(path, "load", *extra, story, "--json")
    assert again.exit_code == 0, again.output
    assert [r["source"] for r in json.loads(again.output)["replaced"]] == [str(story)]
    g = mirror_io.load(path)
    assert len(mirror.documents(g)) == 1
    assert not any(a.get("type") == "SUPPLIES" for *_, a in g.edges(data=True))
    assert any(a.get("type") == "DENIES" for *_, a in g.edges(data=True))
    if offline:
        assert len(g.graph["offline"]) == 1 and not doc_ids(store)
    else:
        assert len(doc_ids(store)) == 1
        assert store.read("MATCH ()-[r:SUPPLIES]->() RETURN count(r) AS n") == [{"n": 0}]
        assert_equal(store, path)


def test_the_summary_says_replaced(store, tmp_path):
    path = tmp_path / "m.json.gz"
    story = write(tmp_path / "story.txt", CONFIRMED)
    invoke(path, "load", story)
    write(story, DENIED)
    again = invoke(path, "load", story)
    assert "replaced" in again.output and "an older text of" in again.output


# -- 5. a key that names several documents ---------------------------------------------------
def test_a_name_of_two_documents_is_refused_with_their_ids(store, tmp_path):
    path = tmp_path / "m.json.gz"
    a = write(tmp_path / "a" / "story2.txt", CONFIRMED)
    b = write(tmp_path / "b" / "story2.txt", DENIED)
    assert invoke(path, "load", a, b).exit_code == 0
    before = doc_ids(store)
    refused = invoke(path, "remove", "story2")
    assert refused.exit_code == 2
    (line,) = error_lines(refused.output)
    assert "names 2 documents" in line and all(d in line for d in before)
    assert doc_ids(store) == before
    assert invoke(path, "remove", str(a)).exit_code == 0  # by its path: one document
    assert_equal(store, path)


def test_stdin_documents_get_names_of_their_own(store, tmp_path):
    path = tmp_path / "m.json.gz"
    assert invoke(path, "load", "-", input=CONFIRMED).exit_code == 0
    assert invoke(path, "load", "-", input=DENIED).exit_code == 0
    names = {r["name"] for r in store.read("MATCH (d:Document) RETURN d.name AS name")}
    assert len(names) == 2 and all(n.startswith("stdin-") for n in names)
    for name in names:
        assert invoke(path, "remove", name).exit_code == 0
    assert not doc_ids(store)


def test_a_file_loaded_by_a_relative_path_is_removed_by_its_absolute_one(store, tmp_path, monkeypatch):
    path = tmp_path / "m.json.gz"
    write(tmp_path / "news" / "story.txt", CONFIRMED)
    write(tmp_path / "news" / "other.txt", DENIED)
    monkeypatch.chdir(tmp_path)
    assert invoke(path, "load", "news/story.txt").exit_code == 0
    assert invoke(path, "remove", str(tmp_path / "news" / "story.txt")).exit_code == 0
    assert invoke(path, "load", str(tmp_path / "news" / "other.txt")).exit_code == 0
    assert invoke(path, "remove", "news/other.txt").exit_code == 0
    assert not doc_ids(store)
    assert_equal(store, path)


# -- 6. one official, two roles ----------------------------------------------------------------
ROLES = ["Regierungssprecher Tobias Brandner sagte am Montag in Berlin, Nordkorea habe Russland Raketen geliefert.",
         "Government spokeswoman Tobias Brandner said on Monday that Iran had delivered drones to Russia."]


@pytest.mark.parametrize("per_transaction", ["1", "200"])
def test_an_official_with_two_roles_has_the_same_one_in_neo4j_and_the_mirror(store, tmp_path, per_transaction):
    path = tmp_path / "m.json.gz"
    files = [write(tmp_path / f"{i}-role.txt", text) for i, text in enumerate(ROLES)]
    assert invoke(path, "load", *files, "--docs-per-transaction", per_transaction).exit_code == 0
    assert_equal(store, path)
    role = store.read("MATCH (o:Official {id: 'tobias-brandner'}) RETURN o.role AS role")
    assert role == [{"role": "regierungssprecher"}]  # the first article's, kept
    assert invoke(path, "load", *reversed(files)).exit_code == 0  # again, the other way round
    assert_equal(store, path)


def test_the_entity_rule_is_one_for_both_stores():
    stored = {"role": "spokesman", "name": "X"}
    discovered = {"id": "x", "props": {"role": "spokeswoman", "discovered": True}, "keep": True}
    vocabulary = {"id": "x", "props": {"role": "Minister"}, "keep": False}
    assert rows.merged_props(stored, discovered) == {"discovered": True}
    assert rows.merged_props(stored, vocabulary) == {"role": "Minister"}


# -- 7. settings ---------------------------------------------------------------------------------
@pytest.mark.parametrize("variable,value", [
    ("ARMSGRAPH_BATCH_SIZE", "-1"), ("ARMSGRAPH_BATCH_SIZE", "0"), ("ARMSGRAPH_BATCH_SIZE", "abc"),
    ("ARMSGRAPH_CONNECT_TIMEOUT", "nan"), ("ARMSGRAPH_CONNECT_TIMEOUT", "-3"), ("ARMSGRAPH_RETRY_TIME", "soon"),
    ("ARMSGRAPH_RETRY_TIME", "inf"), ("ARMSGRAPH_DOCS_PER_TRANSACTION", "0"), ("ARMSGRAPH_MAX_BYTES", "1e3")])
def test_a_bad_setting_is_one_line_and_changes_nothing(baseline, variable, value):
    result = baseline.cli("load", SAMPLE / "000_d097e88d938dfaf8.txt", env={variable: value})
    assert result.exit_code == 2, result.output
    (line,) = error_lines(result.output)
    assert line.startswith(f"error: {variable} must be") and repr(value) in line
    baseline.assert_untouched()


# -- 9. control characters ------------------------------------------------------------------------
def test_control_characters_in_a_file_name_are_printed_escaped(store, tmp_path):
    path = tmp_path / "m.json.gz"
    evil = write(tmp_path / "\x1b[31mevil\x07.txt", CONFIRMED)
    loaded = invoke(path, "load", evil)
    assert loaded.exit_code == 0 and "\x1b" not in loaded.output
    shown = invoke(path, "path", "NK", "Russia", "--per-hop", "5")
    assert shown.exit_code == 0, shown.output
    assert "\x1b" not in shown.output and "\x07" not in shown.output and "\\x1b[31mevil" in shown.output
    query = invoke(path, "query", "evidence", "--param", "source=NK", "--param", "target=Russia")
    assert query.exit_code == 0 and "\x1b" not in query.output


# -- 10. the summary ------------------------------------------------------------------------------
def test_the_summary_counts_what_was_really_there(store, tmp_path):
    path = tmp_path / "m.json.gz"
    first = json.loads(invoke(path, "load", SAMPLE, "--json").output)["counts"]
    assert all(r["already_present"] == 0 and r["added"] == r["in_documents"] for r in first), first
    again = json.loads(invoke(path, "load", SAMPLE, "--json").output)["counts"]
    assert all(r["added"] == 0 and r["already_present"] == r["in_documents"] for r in again), again
    states = next(r for r in first if r["what"] == "State")
    assert states["in_documents"] == store.counts()["nodes"]["State"]


# -- the drill: load, remove and viz at once ---------------------------------------------------
def test_a_load_remove_and_viz_at_once_end_with_mirror_and_neo4j_equal(store, tmp_path):
    """A bounded drill on 127.0.0.1: a long load in small transactions, removals of documents it
    does not touch and of one it loads, and pictures drawn from the mirror meanwhile."""
    path = tmp_path / "m.json.gz"
    early = write_corpus(tmp_path / "early", 6)
    assert invoke(path, "load", early).exit_code == 0
    corpus = write_corpus(tmp_path / "corpus", 120, lines_per_doc=4)
    loading = cli_process("load", corpus, "--docs-per-transaction", "4", uri=TEST_URI, mirror_path=path)
    deadline = time.monotonic() + 120
    while len(doc_ids(store)) < 20 and time.monotonic() < deadline and loading.poll() is None:
        time.sleep(0.2)
    others = []
    for name in ("article-0000", "article-0002", "article-0004"):
        others.append(cli_process("remove", str(early / f"{name}.md"), uri=TEST_URI, mirror_path=path))
        others.append(cli_process("viz", "--output", str(tmp_path / f"{name}.html"), uri=TEST_URI,
                                  mirror_path=path))
    others.append(cli_process("remove", str(corpus / "article-0001.md"), uri=TEST_URI, mirror_path=path))
    for proc in [*others, loading]:
        out, err = proc.communicate(timeout=240)
        assert proc.returncode in (0, 1), out + err  # viz may find no mirror to draw only before any save
        assert "Traceback" not in err, err
    assert loading.returncode == 0
    assert_equal(store, path)
    assert not any(str(early / f"{n}.md") in str(doc) for doc in doc_ids(store)
                   for n in ("article-0000", "article-0002", "article-0004"))
    sources = {r["s"] for r in store.read("MATCH (d:Document) RETURN d.source AS s")}
    assert not {str(early / f"article-000{i}.md") for i in (0, 2, 4)} & sources
    assert os.path.exists(path)
