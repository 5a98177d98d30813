"""Paths, hop rendering and network measures on the networkx mirror, without a server."""
from __future__ import annotations

import networkx as nx
import pytest
from neo4j import exceptions as neo4j_exc

from graph import mirror_io
from graph import mirror
from graph.errors import StoreError
from graph.settings import Settings
from queries import analysis, paths, render
from queries.backend import Backend, open_backend
from tests.factories import graph_one, graph_two


@pytest.fixture
def backend():
    g = mirror.build(graph_one())
    mirror.apply(g, graph_two())
    return Backend(graph=g, note="offline")


def test_path_goes_through_russia_with_its_evidence(backend):
    result = paths.find(backend, "NK", "Ukraine", paths.PathSpec())
    assert [n["name"] for n in result.paths[0].nodes] == ["North Korea", "Russia", "Ukraine"]
    lines = render.path_report(result)
    assert lines[0] == "Shortest path: 2 hops (in either direction): North Korea – Russia – Ukraine"
    assert lines[1] == ("1. North Korea -[SUPPLIES KN-23, more than 100, delivered]-> Russia  "
                        "claimed by: John Kirby  (2 documents)")
    assert lines[2].startswith("     > North Korea sent more than 100 KN-23 missiles to Russia")
    assert lines[2].endswith("[one, claimed by John Kirby]")
    assert lines[3] == "     > Pyongyang delivered KN-23 missiles to Moscow.  [two]"
    assert lines[4].startswith("2. Russia -[ATTACKS]-> Ukraine  claimed by: nobody named")
    data = result.as_dict()
    assert data["source"] == "mirror" and data["note"] == "offline"
    supplies = data["paths"][0]["hops"][0]["relations"][0]
    assert supplies["quantities"] == [{"text": "more than 100", "min": 100, "qualifier": "more_than"}]


def test_against_the_direction_the_arrow_points_back(backend):
    lines = render.path_report(paths.find(backend, "UA", "Pjöngjang", paths.PathSpec()))
    assert lines[1].startswith("1. Ukraine <-[ATTACKS]- Russia")


@pytest.mark.parametrize("spec,found", [
    (paths.PathSpec(directed=True), True),
    (paths.PathSpec(max_hops=1), False),
    (paths.PathSpec(types=["ATTACKS"]), False),
    (paths.PathSpec(types=["SUPPLIES", "ATTACKS"], all_paths=True), True),
])
def test_path_options(backend, spec, found):
    assert bool(paths.find(backend, "North Korea", "UA", spec).paths) is found


def test_directed_path_cannot_go_backwards(backend):
    assert paths.find(backend, "UA", "NK", paths.PathSpec(directed=True)).paths == []


def test_structural_links_are_hops_too(backend):
    result = paths.find(backend, "Kirby", "United States", paths.PathSpec())
    assert [n["id"] for n in result.paths[0].nodes] == ["john-kirby", "national-security-council", "united-states"]
    assert "(structural; stated in 1 document)" in render.path_report(result)[1]


@pytest.mark.parametrize("q,text", [
    ({"qualifier": "more_than", "min": 100}, "more than 100"),
    ({"qualifier": "about", "value": 7000.0, "unit": "containers"}, "about 7,000 containers"),
    ({"qualifier": "dozens", "text": "Dutzende"}, "dozens"),
    ({"min": 20, "max": 30}, "20-30"),
    ({"text": "einige"}, "einige"),
])
def test_quantities_in_words(q, text):
    assert render.quantity(q) == text


def test_pagerank_matches_networkx():
    d = nx.DiGraph()
    d.add_weighted_edges_from([("a", "b", 2), ("b", "c", 1), ("c", "a", 1), ("a", "c", 1), ("d", "c", 3)])
    from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python
    expected = _pagerank_python(d)
    got = analysis.pagerank(d)
    assert got == pytest.approx(expected, abs=1e-6)


def test_brokers_are_cut_points_and_community_bridges(backend):
    stats = analysis.stats(backend.graph, top=5)
    brokers = {b["name"]: b for b in stats["brokers"]}
    # Russia alone ties Ukraine to the rest; the National Security Council ties Kirby to the US
    assert brokers["Russia"]["cut_point"] and brokers["Russia"]["separates"][-1] == 1
    assert brokers["National Security Council"]["separates"] == [1, 1]
    degree = [e["name"] for e in stats["central"]["degree"]]
    assert degree[0] in ("North Korea", "Russia")
    assert all(e["kind"] in analysis.actor_kinds() for m in stats["central"].values() for e in m)


def test_an_empty_graph_has_no_actors():
    stats = analysis.stats(nx.MultiDiGraph())
    assert stats["actors"] == 0 and stats["brokers"] == [] and stats["central"]["degree"] == []


def _refused(exc):
    def open_store():
        try:
            raise exc
        except Exception as cause:
            raise StoreError("no Neo4j") from cause
    return open_store


def test_unreachable_neo4j_falls_back_to_the_mirror_but_refused_credentials_do_not(backend, tmp_path):
    settings = Settings(uri="bolt://localhost:7999", mirror_path=mirror_io.save(backend.graph, tmp_path / "m.json"))
    with open_backend(_refused(neo4j_exc.ServiceUnavailable("down")), settings) as b:
        assert b.source == "mirror" and b.note.startswith("Neo4j unreachable at bolt://localhost:7999; answering")
    with pytest.raises(StoreError, match="no Neo4j"):
        with open_backend(_refused(neo4j_exc.AuthError("refused")), settings):
            pass
