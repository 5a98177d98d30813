"""Documents together: rows.combine makes of several documents' rows the rows of their graphs
together (what one transaction of `load` writes); mirror.remove_document takes one out again."""
from __future__ import annotations

from graph import rows as rows_mod
from graph.model import GraphData
from tests.factories import graph_one, graph_two


def together(*graphs: GraphData) -> GraphData:
    out = GraphData()
    for graph in graphs:
        out.extend(graph)
    return out


def test_combined_rows_equal_the_rows_of_the_graphs_together():
    parts = [graph_one(), graph_two()]
    assert rows_mod.combine(rows_mod.build(g) for g in parts) == rows_mod.build(together(*parts))


def test_a_text_read_twice_gives_its_reports_once():
    assert rows_mod.combine([rows_mod.build(graph_one()), rows_mod.build(graph_one())]) == \
        rows_mod.build(together(graph_one(), graph_one()))


def test_combining_leaves_the_parts_as_they_were():
    one, two = rows_mod.build(graph_one()), rows_mod.build(graph_two())
    before = (rows_mod.as_json(one), rows_mod.as_json(two))
    rows_mod.combine([one, two])
    assert (rows_mod.as_json(one), rows_mod.as_json(two)) == before


def test_the_sample_corpus_combined_document_by_document():
    from pathlib import Path

    from loaders.documents import read_documents
    from loaders.pipeline import Extractor
    sample = Path(__file__).resolve().parents[2] / "data" / "articles"
    graphs = list(Extractor().extract_many(read_documents([sample])))
    assert len(graphs) == 5
    assert rows_mod.combine(rows_mod.build(g) for g in graphs) == rows_mod.build(together(*graphs))


def test_removing_a_document_leaves_what_the_others_alone_give():
    """mirror.remove_document looks only at the edges of the entities the document names; what is
    left equals the mirror of the other documents."""
    from pathlib import Path

    from graph import mirror
    from loaders.documents import read_documents
    from loaders.pipeline import Extractor
    from tests.helpers import mirror_diff
    sample = Path(__file__).resolve().parents[2] / "data" / "articles"
    graphs = list(Extractor().extract_many(read_documents([sample])))
    for i, gone in enumerate(graphs):
        g = mirror.build(together(*graphs))
        assert mirror.remove_document(g, gone.documents[0].id)
        assert mirror_diff(g, mirror.build(together(*graphs[:i], *graphs[i + 1:]))) == []
