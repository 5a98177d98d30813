"""Wire copies: the detector (loaders/copies.py) on texts of our own, the rules of graph/copies.py,
and the mirror's links, sources and removals; the measured precision and recall on the labelled set."""
from __future__ import annotations

import base64

import numpy as np
import pytest

from graph import copies as graph_copies
from graph import mirror
from graph import rows as rows_mod
from graph.model import Document, Evidence, GraphData, Relation, document_id
from loaders import copies
from tests.factories import NODES
from tests.helpers import mirror_diff

STORY = ("Nordkorea liefert Raketen an Russland\n\n"
         "SEOUL, 12. März 2024 (Reuters) – Nordkorea hat nach Angaben des südkoreanischen Geheimdienstes "
         "mehr als hundert ballistische Raketen an Russland geliefert. Die Raketen vom Typ KN-23 seien in "
         "den vergangenen Wochen per Bahn über die Grenzstation Tumangang gebracht worden, sagte ein "
         "Sprecher in Seoul am Dienstag.\n\n"
         "Moskau und Pjöngjang bestreiten die Lieferungen. Der Kreml nannte die Berichte haltlos und sprach "
         "von westlicher Propaganda. Die Vereinten Nationen prüfen nach Angaben von Diplomaten, ob die "
         "Lieferungen gegen Sanktionen des Sicherheitsrats verstoßen.\n\n"
         "Nach Einschätzung ukrainischer Militärs hat Russland seit Januar mehrere der Raketen auf Charkiw "
         "und Kiew abgefeuert. Die Trefferquote sei gering, hieß es aus dem Generalstab in Kiew.")
# the same story as another outlet runs it: a new headline, another dateline, a paragraph cut, words changed
COPY = ("Geheimdienst: Pjöngjang schickt über hundert Raketen nach Moskau\n\n"
        "BERLIN (AFP) – Nordkorea hat nach Angaben des südkoreanischen Geheimdienstes "
        "mehr als hundert ballistische Raketen an Russland geliefert. Die Raketen vom Typ KN-23 seien in "
        "den vergangenen Wochen per Bahn über die Grenzstation Tumangang gebracht worden, erklärte ein "
        "Sprecher in Seoul am Dienstag.\n\n"
        "Moskau und Pjöngjang bestreiten die Lieferungen. Der Kreml nannte die Berichte haltlos und sprach "
        "von westlicher Propaganda. Die Vereinten Nationen prüfen nach Angaben von Diplomaten, ob die "
        "Lieferungen gegen Sanktionen des Sicherheitsrats verstoßen.")
# another article about the same event, in its own words: must not be merged
OTHER = ("Raketen aus Nordkorea für Russlands Krieg\n\n"
         "Der südkoreanische Geheimdienst wirft Pjöngjang vor, Moskau mit ballistischen Raketen zu versorgen. "
         "Mehr als hundert Geschosse des Typs KN-23 sollen per Zug über Tumangang nach Russland gelangt sein. "
         "Der Kreml weist das zurück. In Kiew heißt es, einige der Raketen seien bereits auf Charkiw "
         "abgefeuert worden; viele hätten ihr Ziel verfehlt. Diplomaten in New York sprechen von einem "
         "klaren Bruch der Sanktionen.")
ENGLISH = ("North Korea sent more than one hundred ballistic missiles to Russia, South Korea's spy agency "
           "said on Tuesday. The KN-23 missiles were carried by rail through the Tumangang border crossing "
           "in recent weeks. Moscow and Pyongyang deny the shipments; the Kremlin called the reports baseless.")


def row(doc: str, text: str, published: str | None = None, source: str | None = None) -> dict:
    return {"id": doc, "minhash": copies.signature(text), "published": published, "source": source or f"{doc}.txt"}


def test_shingles_are_case_folded_word_runs_in_either_language():
    assert copies.shingles("Die Raketen für MOSKAU.", 2) == {b"die raketen", "raketen für".encode(), "für moskau".encode()}
    assert copies.shingles("Kiew", 3) == {b"kiew"} and copies.shingles("–", 3) == set()


def test_a_copy_is_similar_and_another_article_of_the_same_event_is_not():
    threshold = copies.parameters()["threshold"]
    story = copies.minhash(STORY)
    assert copies.similarity(story, copies.minhash(COPY)) >= threshold
    assert copies.similarity(story, copies.minhash(OTHER)) < threshold / 2
    assert copies.similarity(story, copies.minhash(ENGLISH)) < threshold / 2
    assert copies.similarity(story, copies.minhash(STORY.upper())) == 1.0  # (case does not count)


def test_a_signature_is_stored_as_a_short_string_and_read_back_whole():
    stored = copies.signature(STORY)
    assert isinstance(stored, str) and len(stored) < 800
    assert copies.similarity(copies.decode(stored), copies.minhash(STORY)) == 1.0


@pytest.mark.parametrize("stored", [None, 17, "", "garbage", "other-scheme:AAAA",
                                    copies.signature(STORY)[:-12], copies.signature(STORY)[:-4] + "!!!!",
                                    copies.parameters()["name"] + ":" + base64.b64encode(b"x" * 12).decode()])
def test_a_damaged_signature_is_refused(stored):
    with pytest.raises(copies.BadSignature):
        copies.decode(stored)


def test_a_new_copy_is_linked_to_the_stored_original():
    found = copies.Detector([row("a", STORY, "2024-03-12"), row("o", OTHER, "2024-03-12")])
    assert found.link(row("c", COPY, "2024-03-13")) == [{"id": "a", "copy_of": None}, {"id": "c", "copy_of": "a"}]
    assert found.link(row("e", ENGLISH)) == []


def test_a_copy_published_first_becomes_the_original_of_the_whole_group():
    found = copies.Detector([row("a", STORY, "2024-03-12"), {**row("b", STORY + " Ende."), "copy_of": "a"}])
    assert sorted(found.link(row("c", COPY, "2024-03-11")), key=lambda link: link["id"]) == [
        {"id": "a", "copy_of": "c"}, {"id": "b", "copy_of": "c"}, {"id": "c", "copy_of": None}]


def test_without_dates_the_first_stored_stays_the_original():
    found = copies.Detector([row("z", STORY)])
    assert found.link(row("a", COPY))[-1] == {"id": "a", "copy_of": "z"}


def test_a_copy_of_a_copy_is_linked_to_the_first_original():
    found = copies.Detector()
    found.link(row("a", STORY, "2024-03-12"))
    found.link(row("b", COPY, "2024-03-13"))
    copy_of_copy = COPY.replace("Moskau und Pjöngjang", "Russland und Nordkorea") + "\n\nMehr in Kürze."
    assert copies.similarity(copies.minhash(copy_of_copy), copies.minhash(COPY)) >= copies.parameters()["threshold"]
    assert {"id": "c", "copy_of": "a"} in found.link(row("c", copy_of_copy, "2024-03-14"))


def test_an_older_text_of_the_same_file_is_not_its_original():
    found = copies.Detector([row("old", STORY, source="news/a.txt")])
    assert found.link(row("new", COPY, source="news/a.txt")) == []


def test_a_damaged_stored_signature_is_counted_and_not_searched_but_keeps_its_group():
    found = copies.Detector([{**row("a", STORY), "minhash": "garbage"}, {**row("b", STORY), "copy_of": "a"}])
    assert found.damaged == 1
    assert sorted(found.link(row("c", COPY)), key=lambda link: link["id"]) == [
        {"id": "a", "copy_of": None}, {"id": "b", "copy_of": "a"}, {"id": "c", "copy_of": "a"}]


def test_the_first_copy_is_promoted_when_the_original_goes():
    left = [{"id": "c3", "published": None}, {"id": "c2", "published": "2024-03-14"}, {"id": "c1", "published": "2024-03-14"}]
    assert graph_copies.promoted(left) == [{"id": "c1", "copy_of": None}, {"id": "c2", "copy_of": "c1"},
                                           {"id": "c3", "copy_of": "c1"}]
    assert graph_copies.final([{"id": "a", "copy_of": "x"}, {"id": "b"}, {"id": "a", "copy_of": None}]) == [
        {"id": "a", "copy_of": None}, {"id": "b", "copy_of": None}]


# -- the mirror -----------------------------------------------------------------------------------
def report(name: str, text: str, date: str | None, source: str | None = None) -> GraphData:
    doc = Document(document_id(text), name, name, source or f"tests/{name}.txt", "de", text, date)
    g = GraphData(documents=[doc])
    g.relations.append(Relation("SUPPLIES", "north-korea", "russia", Evidence(doc.id, text[:40], 0, 40),
                                weapon="kn-23", status="delivered"))
    for nid in ("north-korea", "russia", "kn-23"):
        g.add_node(NODES[nid])
    return g


def loaded(*graphs: GraphData) -> tuple:
    g, found = mirror.new(), copies.Detector()
    for graph in graphs:
        rows = rows_mod.build(graph)
        rows.documents[0]["minhash"] = copies.signature(graph.documents[0].text)
        rows.copies = found.link(rows.documents[0])
        mirror.apply_rows(g, rows)
    return g, [graph.documents[0].id for graph in graphs]


def supplies(g) -> dict:
    return next(a for _, _, a in g.edges(data=True) if a["type"] == "SUPPLIES")


def test_the_mirror_links_copies_and_counts_them_as_one_source():
    g, (a, c, o) = loaded(report("a", STORY, "2024-03-12"), report("c", COPY, "2024-03-13"),
                          report("o", OTHER, "2024-03-13"))
    assert mirror.counts(g)["relationships"]["COPY_OF"] == 1 and mirror.documents(g)[c]["copy_of"] == a
    assert supplies(g)["docs"] == sorted([a, c, o]) and supplies(g)["sources"] == sorted([a, o])


def test_an_earlier_copy_loaded_later_takes_the_original_s_place_in_the_sources():
    g, (a, c) = loaded(report("a", STORY, "2024-03-12"), report("c", COPY, "2024-03-11"))
    assert mirror.documents(g)[a]["copy_of"] == c and "copy_of" not in mirror.documents(g)[c]
    assert supplies(g)["sources"] == [c]


def test_removing_the_original_promotes_its_first_copy():
    g, (a, c1, c2) = loaded(report("a", STORY, "2024-03-12"), report("c1", COPY, "2024-03-14"),
                            report("c2", COPY + " Mehr in Kürze.", "2024-03-13"))
    mirror.remove_document(g, a)
    docs = mirror.documents(g)
    assert "copy_of" not in docs[c2] and docs[c1]["copy_of"] == c2
    assert supplies(g)["sources"] == [c2] and supplies(g)["docs"] == sorted([c1, c2])


def test_precision_and_recall_on_the_labelled_set():
    """The figures of docs/copies.md (scripts/measure_copies.py prints them)."""
    import importlib.util
    from pathlib import Path
    spec = importlib.util.spec_from_file_location("measure", Path(__file__).parents[2] / "scripts/measure_copies.py")
    measure = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(measure)
    p = copies.parameters()
    got = measure.measure(*measure.labelled(), p["shingle_words"], p["threshold"])
    assert got["precision"] == 1.0 and got["recall"] >= 0.99 and got["same_event_merged"] == 0


def test_undated_the_group_s_original_stays_whatever_the_ids():
    found = copies.Detector([{**row("b-copy", COPY), "copy_of": "z-original"}, row("z-original", STORY)])
    assert {"id": "n", "copy_of": "z-original"} in found.link(row("n", COPY + " Mehr in Kürze."))


def test_a_new_text_of_a_file_takes_the_place_the_older_text_leaves():
    """The older text goes (its first copy promoted, as a removal does); the new text may join
    the group again, and takes the original's place when it was published first."""
    found = copies.Detector([row("old", STORY, "2024-03-12", "news/a.txt"),
                             {**row("c1", COPY, "2024-03-14"), "copy_of": "old"},
                             {**row("c2", COPY + " Mehr in Kürze.", "2024-03-13"), "copy_of": "old"}])
    assert sorted(found.link(row("new", STORY + " Korrigiert.", "2024-03-12", "news/a.txt")),
                  key=lambda link: link["id"]) == [
        {"id": "c1", "copy_of": "new"}, {"id": "c2", "copy_of": "new"}, {"id": "new", "copy_of": None}]
    assert "old" not in found.docs and found.by_source["news/a.txt"] == {"new"}


def test_a_document_stored_before_signatures_is_unsigned_not_damaged():
    found = copies.Detector([{"id": "old", "source": "a.txt"}, {**row("x", STORY), "minhash": "garbage"}])
    assert (found.unsigned, found.damaged) == (1, 1)


def test_the_picture_counts_a_story_and_its_copy_as_one_article():
    from graph import drawing
    g, _ = loaded(report("a", STORY, "2024-03-12"), report("c", COPY, "2024-03-13"))
    assert [e["corroboration"] for e in drawing.build(g).edges if e["rel"] == "SUPPLIES"] == [1]
    assert not [e for e in drawing.build(g, min_corroboration=2).edges if e["rel"] == "SUPPLIES"]
    g, _ = loaded(report("a", STORY, "2024-03-12"), report("o", OTHER, "2024-03-13"))
    assert [e for e in drawing.build(g, min_corroboration=2).edges if e["rel"] == "SUPPLIES"]


@pytest.mark.parametrize("batch, bulk", [(1, 0), (5, 0), (4096, 0), (4096, 10), (3, 7)])
def test_the_index_finds_what_datasketch_s_lsh_finds(batch, bulk):
    """The index (numpy arrays, keys merged in batches; `bulk` documents added at once, as a load's
    stored ones are) answers as datasketch's MinHashLSH, each candidate checked against the
    threshold: over stories, their edited copies and texts removed."""
    from datasketch import MinHashLSH
    stories = [STORY, COPY, OTHER, ENGLISH, COPY + " Mehr in Kürze.", STORY.replace("KN-23", "Hwasong-11"),
               *(f"{OTHER} Absatz {n}: {ENGLISH[n * 7:]}" for n in range(12))]
    hashes = {f"d{n}": copies.minhash(text) for n, text in enumerate(stories)}
    index, lsh = copies.new_index(), MinHashLSH(threshold=copies.parameters()["threshold"], num_perm=128)
    index.batch = batch
    docs = list(hashes)
    index.add_many(docs[:bulk] + docs[:1], np.stack([hashes[d].hashvalues for d in docs[:bulk] + docs[:1]]))
    for doc in docs[bulk:]:
        index.add(doc, hashes[doc])
    for doc, m in hashes.items():
        lsh.insert(doc, m)
    for doc in ("d2", "d9"):
        index.remove(doc)
        lsh.remove(doc)
    index.add("d0", hashes["d0"])  # (added again: its old keys are skipped)
    for doc, m in hashes.items():
        expected = sorted(d for d in lsh.query(m) if d != doc and copies.similarity(m, hashes[d]) >= index.threshold)
        assert index.similar(m, {doc}) == expected
    assert index.similar(hashes["d0"], {"d0"}) == ["d1", "d4", "d5"]


def test_removing_an_original_and_the_copy_promoted_in_its_place_together_promotes_the_next():
    stored = [{"id": "c1", "published": "2024-03-14", "copy_of": "a"}, {"id": "c2", "published": "2024-03-15", "copy_of": "a"},
              {"id": "c3", "published": None, "copy_of": "a"}, {"id": "x", "published": None, "copy_of": "b"}]
    assert graph_copies.promoted_in_turn(["a", "c1"], stored) == [{"id": "c2", "copy_of": None},
                                                                  {"id": "c3", "copy_of": "c2"}]
    assert graph_copies.promoted_in_turn(["c1", "a"], stored) == [{"id": "c2", "copy_of": None},
                                                                  {"id": "c3", "copy_of": "c2"}]
    assert graph_copies.promoted_in_turn(["b"], stored) == [{"id": "x", "copy_of": None}]
    assert graph_copies.promoted_in_turn(["c2"], stored) == []


def test_the_mirror_removes_documents_together_as_one_after_another():
    graphs = [report("a", STORY, "2024-03-12"), report("c1", COPY, "2024-03-14"),
              report("c2", COPY + " Mehr in Kürze.", "2024-03-13"), report("o", OTHER, "2024-03-13")]
    for gone in ([0, 2], [2, 0], [0, 1, 2], [3], [1, 3]):
        together, ids = loaded(*graphs)
        one_by_one, _ = loaded(*graphs)
        assert mirror.remove_documents(together, [ids[i] for i in gone] + ["not-held"]) == [ids[i] for i in gone]
        for i in gone:
            assert mirror.remove_document(one_by_one, ids[i])
        assert mirror_diff(together, one_by_one) == [], gone
        assert mirror.documents(together) == mirror.documents(one_by_one)
