"""The networkx mirror without a server: build, save, load, remove."""
from __future__ import annotations

import pytest

from graph import mirror_io
from graph import mirror
from graph.errors import InputError
from graph.model import GraphData
from tests.factories import graph_one, graph_two
from tests.helpers import mirror_diff


def test_save_and_load_round_trip(tmp_path):
    g = mirror.build(graph_one())
    mirror.apply(g, graph_two())
    for name in ("m.json", "m.json.gz"):
        assert mirror_diff(mirror_io.load(mirror_io.save(g, tmp_path / name)), g) == []


def test_same_transfer_twice_is_one_edge_with_two_evidence():
    g = mirror.build(graph_one())
    mirror.apply(g, graph_two())
    supplies = [a for _, _, a in g.edges(data=True) if a["type"] == "SUPPLIES"]
    assert len(supplies) == 1 and supplies[0]["evidence_count"] == 2


def test_applying_twice_changes_nothing():
    g = mirror.build(graph_one())
    again = mirror.build(graph_one())
    mirror.apply(again, graph_one())
    assert mirror_diff(g, again) == []


def test_remove_document_leaves_the_other():
    both = GraphData()
    both.extend(graph_one())
    both.extend(graph_two())
    g = mirror.build(both)
    mirror.remove_document(g, graph_one().documents[0].id)
    assert mirror_diff(g, mirror.build(graph_two())) == []


@pytest.mark.parametrize("content", [b"", b"not json", b'{"format": "other"}', b"\x1f\x8bbroken"])
def test_a_bad_mirror_file_is_a_clear_error(tmp_path, content):
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    with pytest.raises(InputError, match="bad.json"):
        mirror_io.load(path)
