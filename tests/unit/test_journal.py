"""The mirror's journal (graph/journal.py): a command appends its changes instead of writing the
whole file; reading the file applies them; a journal that does not continue the file is ignored."""
from __future__ import annotations

import json

from graph import journal, mirror, mirror_io, sync
from graph.model import GraphData
from tests.factories import graph_one, graph_two
from tests.helpers import mirror_diff


def both() -> GraphData:
    out = GraphData()
    out.extend(graph_one())
    out.extend(graph_two())
    return out


def saved_with_one(tmp_path, name="m.json.gz"):
    path = mirror_io.save(mirror.build(graph_one()), tmp_path / name)
    return path, path.read_bytes()


def journalled_two(tmp_path):
    """A mirror file of graph_one, with graph_two loaded offline into its journal."""
    path, _ = saved_with_one(tmp_path)
    m = sync.MirrorFile.open(path)
    m.apply(graph_two(), offline=True)
    m.save()
    return path


def test_a_change_is_appended_and_the_file_is_not_written_again(tmp_path):
    path, before = saved_with_one(tmp_path)
    m = sync.MirrorFile.open(path)
    m.apply(graph_two(), offline=True)
    m.save()
    assert path.read_bytes() == before
    lines = journal.path_of(path).read_text(encoding="utf-8").splitlines()
    assert [next(iter(json.loads(line))) for line in lines[1:]] == ["apply", "status"]
    loaded = mirror_io.load(path)
    assert mirror_diff(loaded, mirror.build(both())) == []
    assert set(loaded.graph["offline"]) == {graph_two().documents[0].id}


def test_a_removal_is_appended_too(tmp_path):
    path = mirror_io.save(mirror.build(both()), tmp_path / "m.json")
    m = sync.MirrorFile.open(path)
    m.remove(graph_two().documents[0].id)
    m.save()
    assert mirror_diff(mirror_io.load(path), mirror.build(graph_one())) == []


def test_a_whole_write_starts_the_journal_anew(tmp_path):
    path = journalled_two(tmp_path)
    mirror_io.save(mirror_io.load(path), path)
    assert len(journal.path_of(path).read_text(encoding="utf-8").splitlines()) == 1
    assert mirror_diff(mirror_io.load(path), mirror.build(both())) == []


def test_a_journal_of_another_file_is_ignored(tmp_path):
    """A crash between writing the file whole and starting its journal leaves the old journal,
    whose entries the file holds already."""
    path = journalled_two(tmp_path)
    old_journal = journal.path_of(path).read_bytes()
    mirror_io.save(mirror.build(graph_one()), path)  # a new file without graph_two
    journal.path_of(path).write_bytes(old_journal)
    assert journal.head(path) is None
    assert mirror_diff(mirror_io.load(path), mirror.build(graph_one())) == []


def test_a_line_still_being_written_is_not_read(tmp_path):
    path = journalled_two(tmp_path)
    text = journal.path_of(path).read_text(encoding="utf-8")
    journal.path_of(path).write_text(text + '{"remove":"' + graph_one().documents[0].id, encoding="utf-8")
    assert mirror_diff(mirror_io.load(path), mirror.build(both())) == []


def test_a_journal_grown_past_the_file_is_folded_into_it(tmp_path, monkeypatch):
    monkeypatch.setattr(sync, "JOURNAL_MIN", 0)
    path, before = saved_with_one(tmp_path, "m.json")
    journal.append(path, [journal.entry(status=1, offline=[])] * (len(before) // 20))
    m = sync.MirrorFile.open(path)
    m.apply(graph_two(), offline=True)
    m.save()
    assert path.read_bytes() != before
    assert len(journal.path_of(path).read_text(encoding="utf-8").splitlines()) == 1
    assert mirror_diff(mirror_io.load(path), mirror.build(both())) == []


def test_the_base_is_read_from_the_start_of_the_file(tmp_path):
    for name in ("m.json", "m.json.gz"):
        path = mirror_io.save(mirror.build(graph_one()), tmp_path / name)
        header = json.loads(journal.path_of(path).read_text(encoding="utf-8"))
        assert journal.base_of(path) == header["base"] and len(header["base"]) == 32
    (tmp_path / "other.json").write_text("{}", encoding="utf-8")
    assert journal.base_of(tmp_path / "other.json") is None


def test_the_head_is_the_last_complete_status_however_long_the_journal(tmp_path):
    """head() reads a journal's status from its end: past a long status entry, and not from a line
    being written."""
    path, _ = saved_with_one(tmp_path)
    filler = journal.entry(remove="x" * 1000)
    many = [f"doc-{n:06d}" for n in range(8000)]  # (a status entry of about 100 KB)
    journal.append(path, [filler] * 300 + [journal.entry(status=1, stamp="u:1", offline=["a"])] + [filler] * 300
                   + [journal.entry(status=1, stamp="u:2", offline=many)] + [filler] * 50)
    with open(journal.path_of(path), "a", encoding="utf-8") as fh:
        fh.write('{"status":1,"stamp":"u:3","offline":[')  # (torn: no newline yet)
    shows = journal.head(path)
    assert shows["stamp"] == "u:2" and shows["offline"] == set(many)
    assert shows["bytes"] == journal.path_of(path).stat().st_size and shows["base_documents"] == 1
    journal.append(path, [filler])
    assert journal.head(path)["stamp"] == "u:2"


def _version(name: str, text: str, source: str, date: str | None = None):
    """The rows of a one-report document read from `source` (another text: another version)."""
    from graph import rows as rows_mod
    from tests.unit.test_copies import report
    return rows_mod.build(report(name, text, date, source))


def test_documents_applied_together_end_as_applied_one_after_another():
    """apply_documents removes the stored versions of a batch in one pass; a document that replaces
    or repeats one before it in the batch (an edited file read twice in one load) still ends as in turn."""
    first = [_version("a", "North Korea sent shells to Russia.", "news/a.txt"),
             _version("b", "North Korea sent missiles to Russia.", "news/b.txt")]
    batch = [_version("a2", "North Korea sent more shells to Russia.", "news/a.txt"),
             _version("a3", "North Korea sent even more shells to Russia.", "news/a.txt"),
             _version("b", "North Korea sent missiles to Russia.", "news/b.txt"),
             _version("b", "North Korea sent missiles to Russia.", "news/b.txt", "2024-05-01"),
             _version("c", "North Korea sent rockets to Russia.", "news/c.txt"),
             _version("a4", "North Korea sent shells to Russia.", "news/a.txt")]
    together, in_turn = mirror.new(), mirror.new()
    for g in (together, in_turn):
        for rows in first:
            journal.apply_document(g, rows)
    seen = []
    replaced = journal.apply_documents(together, batch, then=lambda i, old: seen.append(i))
    assert replaced == [journal.apply_document(in_turn, rows) for rows in batch]
    assert seen == list(range(len(batch)))
    assert mirror_diff(together, in_turn) == []
    assert sorted(d["name"] for d in mirror.documents(together).values()) == ["a4", "b", "c"]
    assert mirror.documents(together)[batch[3].documents[0]["id"]]["published"] == "2024-05-01"
