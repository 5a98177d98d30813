"""The analyst questions against Neo4j on the sample corpus (data/articles, five German articles).

Expected rows are computed from the networkx mirror of the same load, so the tests follow the
extraction as it is tuned; the facts the articles state plainly are also checked by name.
"""
from __future__ import annotations

import json
from collections import defaultdict

import networkx as nx
import pytest
from typer.testing import CliRunner

from graph import mirror_io
from graph import mirror as mirror_mod
from loaders.ingest import load
from queries import analysis, catalogue
from tests.conftest import ROOT, TEST_URI

FACTS = ("SUPPLIES", "ACCUSES", "CONFIRMS", "VISITS", "ATTACKS", "DEPLOYS", "MEETS", "DENIES", "AUTHORIZES")
STRUCTURAL = ("MEMBER_OF", "PART_OF", "LOCATED_IN")
STATE_BODIES = ("government", "ministry", "military", "intelligence")


@pytest.fixture(scope="module")
def corpus(_store, tmp_path_factory):
    """The store with the sample corpus loaded, and the mirror file written by the same load."""
    _store.wipe()
    path = tmp_path_factory.mktemp("corpus") / "m.json.gz"
    summary = load([str(ROOT / "data" / "articles")], _store, path)
    assert summary.read == 5
    return _store, mirror_io.load(path), path


def ask(store, name: str, **given) -> list[dict]:
    q = catalogue.get(name)
    return catalogue.run(store, q, q.bind(given))


def edges(g, *types):
    return [(s, t, a) for s, t, a in g.edges(data=True) if a.get("type") in types]


def name(g, node: str) -> str:
    return g.nodes[node]["name"]


def belongs(g, node: str, owner: str, via=("MEMBER_OF", "PART_OF"), depth: int = 2) -> bool:
    """node is owner, or reaches it through `via` links in at most `depth` steps."""
    frontier, seen = {node}, {node}
    for _ in range(depth):
        frontier = {t for n in frontier for _, t, a in g.out_edges(n, data=True) if a.get("type") in via} - seen
        seen |= frontier
    return owner in seen


def test_transfers_register_matches_the_mirror(corpus):
    store, g, _ = corpus
    rows = ask(store, "transfers")
    got = {(r["supplier"], r["recipient"], r["weapon"], r["status"], r["documents"], tuple(r["claimed_by"]))
           for r in rows}
    expected = {(name(g, s), name(g, t), a.get("weapon"), a["status"], len(a["docs"]), tuple(a["claimed_by"]))
                for s, t, a in edges(g, "SUPPLIES")}
    assert got == expected and len(rows) == len(expected)
    # the article: "Nordkorea hat mehr als 100 ballistische Raketen vom Typ KN-23 ... nach Russland geschickt"
    kn23 = [r for r in rows if (r["supplier"], r["recipient"], r["weapon"]) == ("North Korea", "Russia", "KN-23")]
    assert kn23 and kn23[0]["status"] == "delivered" and kn23[0]["documents"] >= 1
    assert any(q["qualifier"] == "more_than" and q["min"] == 100 for q in kn23[0]["quantity"])
    only_nk = ask(store, "transfers", supplier="north-korea", recipient="russia", status="delivered")
    assert only_nk and {(r["supplier"], r["recipient"], r["status"]) for r in only_nk} == {
        ("North Korea", "Russia", "delivered")}


def test_suppliers_of_russia_matches_the_mirror(corpus):
    store, g, _ = corpus
    expected = defaultdict(lambda: {"weapons": set(), "transfers": 0, "docs": set(), "claimed_by": set()})
    for s, t, a in edges(g, "SUPPLIES"):
        if belongs(g, t, "russia", via=("PART_OF",), depth=3):
            e = expected[(name(g, s), a["status"])]
            e["weapons"].add(a.get("weapon") or "unspecified")
            e["transfers"] += 1
            e["docs"] |= set(a["docs"])
            e["claimed_by"] |= set(a["claimed_by"])
    rows = ask(store, "suppliers_of", state="russia")
    got = {(r["supplier"], r["status"]): {"weapons": set(r["weapons"]), "transfers": r["transfers"],
                                          "docs": r["documents"], "claimed_by": set(r["claimed_by"])} for r in rows}
    assert got == {k: {**v, "docs": len(v["docs"])} for k, v in expected.items()}
    # North Korea supplied Russia, reported by several of the articles
    delivered = got[("North Korea", "delivered")]
    assert "KN-23" in delivered["weapons"] and delivered["docs"] >= 3


def test_claims_about_north_korea(corpus):
    store, g, _ = corpus
    rows = ask(store, "claims_about", actor="north-korea")
    got = {(r["claim"], r["by"], r["about"]) for r in rows}
    expected = {(a["type"], name(g, s), name(g, t)) for s, t, a in edges(g, "ACCUSES", "CONFIRMS", "DENIES")
                if belongs(g, t, "north-korea")}
    assert got == expected
    # "Wir verurteilen [North Korea] ...", sagte Kirby; the South Korean intelligence service confirmed
    assert ("ACCUSES", "John Kirby", "North Korea") in got
    assert ("CONFIRMS", "National Intelligence Service", "North Korea") in got
    assert all(r["sentence"] and r["document"] for r in rows)


def home(g, actor: str) -> str:
    """The state an asserter counts as: reached through state bodies, nearest first; else itself."""
    def passable(n: str) -> bool:
        return g.nodes[n].get("label") != "Agency" or g.nodes[n].get("category") in STATE_BODIES

    frontier, depth = [actor] if passable(actor) else [], 0
    while frontier and depth <= 3:
        states = sorted(name(g, n) for n in frontier if g.nodes[n].get("label") == "State")
        if states:
            return states[0]
        frontier = [t for n in frontier for _, t, a in g.out_edges(n, data=True)
                    if a.get("type") in ("MEMBER_OF", "PART_OF") and passable(t)]
        depth += 1
    return name(g, actor)


def test_corroboration_counts_independent_asserters(corpus):
    store, g, _ = corpus
    claims = defaultdict(set)
    for fid, reports in mirror_mod.evidence(g).items():
        for ev in reports:
            if ev.claimed_by_id:
                claims[fid].add(home(g, ev.claimed_by_id))
    rows = ask(store, "corroboration")
    assert {r["fact"]: sorted(r["asserted_by"]) for r in rows} == {
        a["id"]: sorted(claims[a["id"]]) for _, _, a in edges(g, "SUPPLIES")}
    assert all(r["asserters"] == len(r["asserted_by"]) for r in rows)
    denials = edges(g, "DENIES")
    for r in rows:
        s, t = next((s, t) for s, t, a in edges(g, "SUPPLIES") if a["id"] == r["fact"])
        assert r["denials"] == sum(1 for d, x, _ in denials if belongs(g, x, s) or belongs(g, x, t))
    # the KN-23 deliveries are asserted by Ukraine's defence intelligence, i.e. by Ukraine
    kn23 = [r for r in rows if r["weapon"] == "KN-23" and r["supplier"] == "North Korea"]
    assert kn23 and "Ukraine" in kn23[0]["asserted_by"]


def test_timeline_of_russia_has_kim_jong_uns_visit(corpus):
    store, g, _ = corpus
    rows = ask(store, "timeline", actor="russia")
    expected = {a["id"] for s, t, a in edges(g, "VISITS", "MEETS", "SUPPLIES")
                if belongs(g, s, "russia") or belongs(g, t, "russia", via=("MEMBER_OF", "PART_OF", "LOCATED_IN"))}
    assert {r["fact"] for r in rows} == expected
    assert any(r["event"] == "VISITS" and r["who"] == "Kim Jong Un" and "Russia" in (r["whom"], r["in_state"])
               for r in rows)
    assert all(r["document"] and r["sentence"] for r in rows)


def test_neighbourhood_of_north_korea(corpus):
    store, g, _ = corpus
    expected = defaultdict(int)
    for s, t, a in edges(g, *FACTS, *STRUCTURAL):
        if "north-korea" in (s, t):
            other, direction = (t, "out") if s == "north-korea" else (s, "in")
            expected[(name(g, other), a["type"], direction)] += 1
    rows = ask(store, "neighbourhood", actor="north-korea")
    assert {(r["neighbour"], r["relation"], r["direction"]): r["facts"] for r in rows} == dict(expected)
    assert ("Russia", "SUPPLIES", "out") in expected


def test_evidence_behind_the_kn23_transfer(corpus):
    store, g, _ = corpus
    rows = ask(store, "evidence", source="north-korea", target="russia", weapon="kn-23", type="SUPPLIES")
    facts = {a["id"] for _, _, a in edges(g, "SUPPLIES") if a.get("weapon_id") == "kn-23"}
    reports = [ev for fid in facts for ev in mirror_mod.evidence(g).get(fid, ())]
    assert len(rows) == len(reports) >= 1
    assert all(r["weapon"] == "KN-23" and "KN-23" in r["sentence"] for r in rows)
    assert any(r["quantity"] and r["quantity"]["qualifier"] == "more_than" for r in rows)


def test_path_query_length_matches_networkx(corpus):
    store, g, _ = corpus
    entities = analysis.undirected(analysis.actor_graph(g))
    rows = ask(store, "path", a="north-korea", b="ukraine")
    assert rows[0]["hops"] == nx.shortest_path_length(entities, "north-korea", "ukraine")
    assert rows[0]["actors"][0] == "North Korea" and rows[0]["actors"][-1] == "Ukraine"


def invoke(path, *args):
    import cli
    return CliRunner().invoke(cli.app, ["--uri", TEST_URI, "--mirror", str(path), *args],
                              env={"NEO4J_URI": TEST_URI})


def test_cli_path_on_the_corpus(corpus):
    _, g, path = corpus
    result = invoke(path, "path", "Nordkorea", "Kiew")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    hops = nx.shortest_path_length(analysis.undirected(analysis.actor_graph(g)), "north-korea", "ukraine")
    assert lines[0].startswith(f"Shortest path: {hops} hop")
    assert lines[1].startswith("1. North Korea ") and "claimed by:" in lines[1]
    assert any(line.startswith("     > ") and "[0" in line for line in lines)  # a sentence and its document


def test_cli_stats_on_the_corpus(corpus):
    store, g, path = corpus
    result = invoke(path, "stats", "--json", "--top", "5")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["source"] == "neo4j"
    want = mirror_mod.counts(g)
    want["nodes"].pop("Entity")  # (stats shows the kinds)
    assert data["relationships"] == want["relationships"]
    assert data["nodes"] == want["nodes"]
    assert {"North Korea", "Russia"} <= {e["name"] for e in data["central"]["degree"]}
    assert set(data["central"]) == {"degree", "betweenness", "pagerank"} and data["brokers"]


def test_the_register_twin_on_the_mirror_agrees_with_neo4j(corpus):
    from queries import register
    store, g, _ = corpus
    q = catalogue.get("transfers")
    for given in ({}, {"supplier": "north-korea"}, {"status": "planned"}, {"since": "2020"}):
        values = q.bind(given)
        assert register.from_mirror(g, values) == catalogue.run(store, q, values), given
    assert len(register.from_mirror(g, q.bind({}))) == len(edges(g, "SUPPLIES"))
