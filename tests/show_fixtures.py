"""Graphs for the viz and export tests: the factories' articles, a hostile article, a synthetic large mirror."""
from __future__ import annotations

import random

import networkx as nx

from graph import mirror
from graph.model import Evidence, GraphData, Node, Quantity, Relation
from tests.factories import NODES, article, graph_one, graph_two

HOSTILE = ('Russia sent "Iskander" <script>window.__pwned=1</script> missiles to Ukraine\'s enemy '
           '<img src=x onerror="window.__pwned=2"> <a href="javascript:window.__pwned=3">details</a> '
           "with a backslash \\ and a line\nbreak, '}) DETACH DELETE n // and =HYPERLINK(\"http://x\").")


def hostile_graph() -> GraphData:
    """An article whose sentence and names carry markup, script, quotes and Cypher."""
    doc = article(HOSTILE, "hostile", published="2024-03-01")
    g = GraphData(documents=[doc])
    g.add_node(NODES["russia"])
    g.add_node(NODES["ukraine"])
    g.add_node(Node("evil-official", "Official", '<img src=x onerror="window.__pwned=4">`O\'Brien`',
                    {"role": "=1+1", "discovered": True}))
    g.relations.append(Relation("SUPPLIES", "russia", "ukraine", Evidence(doc.id, HOSTILE, 0, len(HOSTILE)),
                                weapon=None, status="planned", quantity=Quantity("-5", value=-5.0),
                                claimed_by="evil-official"))
    g.relations.append(Relation("ACCUSES", "evil-official", "russia", Evidence(doc.id, HOSTILE, 0, len(HOSTILE)),
                                claimed_by="evil-official"))
    return g


def sample_mirror(hostile: bool = True) -> nx.MultiDiGraph:
    """graph_one and graph_two (the same transfer reported twice), plus the hostile article."""
    both = GraphData()
    for part in (graph_one(), graph_two(), *([hostile_graph()] if hostile else [])):
        both.extend(part)
    return mirror.build(both)


def synthetic_mirror(entities: int = 1000, seed: int = 1) -> nx.MultiDiGraph:
    """A large mirror made directly (no extraction): entities of every kind, facts with evidence."""
    rng = random.Random(seed)
    kinds = ["State"] * 3 + ["Official", "Agency", "Location"]
    types = ["SUPPLIES", "ATTACKS", "ACCUSES", "VISITS", "DEPLOYS", "MEETS", "CONFIRMS"]
    g = mirror.new()
    docs = [f"d{i:05d}" for i in range(max(10, entities // 10))]
    for d in docs:
        mirror.documents(g)[d] = {"id": d, "name": d, "title": f"Article {d}", "published": "2024-01-01", "language": "en"}
    ids = [f"n{i:05d}" for i in range(entities)]
    for i, n in enumerate(ids):
        kind = kinds[i % len(kinds)]
        g.add_node(n, label=kind, id=n, name=f"{kind} {i}", kind=kind, docs=[rng.choice(docs)])
    for i in range(int(entities * 1.5)):
        s, t = rng.sample(ids[: max(50, entities // 2)] if i % 3 else ids, 2)
        rel, fid = rng.choice(types), f"f{i:06d}"
        reports = rng.sample(docs, rng.randint(1, 3))
        g.add_edge(s, t, fid, type=rel, id=fid, docs=sorted(reports), claimed_by=[], evidence_count=len(reports),
                   **({"weapon": "rifle", "weapon_id": "rifle", "status": "delivered"} if rel == "SUPPLIES" else {}))
        for j, d in enumerate(reports):
            eid = f"e{i:06d}{j}"
            mirror.evidence(g).setdefault(fid, []).append(mirror.Evidence(
                id=eid, type=rel, doc_id=d, start=0, end=10,
                sentence=f"Report {i}/{j}: {g.nodes[s]['name']} and {g.nodes[t]['name']}."))
    for i in range(0, entities, 7):
        s, t = ids[i], ids[(i * 31 + 1) % entities]
        g.add_edge(s, t, f"PART_OF:{s}:{t}", type="PART_OF", docs=[])
    return g
