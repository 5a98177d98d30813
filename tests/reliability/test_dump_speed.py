"""Re-creating a graph from `cli.py export --format cypher` (issue 14, item 11): it took 208 s for
2,111 documents that `load` stores in 11 s. The dump's statements find what they touch by unique
id (facts by their id's index, evidence's links from the evidence), carry their rows in a form
Neo4j parses quickly, and load in about the time `load` takes."""
from __future__ import annotations

import re
import time

from bench import report, stages
from graph import cypher_dump
from graph import mirror_io
from graph import export, mirror
from tests.helpers import mirror_diff
from tests.integration.test_cypher_dump import load_dump

# operators that walk what a statement does not name: every node of a label, or every
# relationship between two bound nodes (two states share thousands of facts)
WALKS = re.compile(r"AllNodesScan|NodeByLabelScan|RelationshipTypeScan|Expand\(Into\)|NodeIndexScan")


def generated(size: int, seed: int = 3):
    data = stages.corpus_for([size], seed)
    return data.graphs[:data.cuts[size]]


def operators(plan) -> list[str]:
    return [plan["operatorType"].split("@")[0], *(op for child in plan.get("children", ()) for op in operators(child))]


def test_the_dump_loads_in_about_the_time_load_takes(store):
    graphs = generated(4000)
    stages.load(store, graphs, store.settings.docs_per_transaction)  # plans made, the server warm
    load_s = stages.load(store, graphs, store.settings.docs_per_transaction)["seconds"]  # as `cli.py load` writes
    g = mirror_io.from_store(store)
    text = export.export(g, "cypher")[0].decode("utf-8")
    store.wipe()
    started = time.perf_counter()
    load_dump(store, text)
    dump_s = time.perf_counter() - started
    assert mirror_diff(mirror_io.from_store(store), g) == []
    # before: 23-42 s against 0.3-4 s for `load` (4,000 relationships, 270 documents)
    assert dump_s < 5 * load_s + 10, (dump_s, load_s)


def test_every_statement_of_the_dump_finds_what_it_touches_by_id(store):
    g = mirror.build(stages.combined(generated(1500)))
    statements = cypher_dump.statements(export.export(g, "cypher")[0].decode("utf-8"))
    with store.driver.session(database=store.settings.database) as session:
        for statement in statements:
            if not statement.startswith("UNWIND"):
                session.run(statement).consume()  # the constraints and indexes the dump creates first
                continue
            ops = operators(session.run("EXPLAIN " + statement).consume().plan)
            assert not [op for op in ops if WALKS.search(op)], (statement[-400:], ops)
            if re.search(r"\[x:(SUPPLIES|ACCUSES|CONFIRMS|VISITS|ATTACKS|DEPLOYS|MEETS|DENIES|AUTHORIZES)", statement):
                assert any("RelationshipUniqueIndexSeek" in op for op in ops), (statement[-400:], ops)


def test_a_statement_of_the_dump_holds_few_literals_whatever_its_rows():
    """Neo4j 5.26 spends some 0.15 ms on each literal of a query before it runs it (11 ms for a row
    of evidence written as a map): the rows of a statement travel as one string; its other
    literals are the field numbers and separators of its shape."""
    g = mirror.build(stages.combined(generated(1500)))
    statements = [s for s in cypher_dump.statements(export.export(g, "cypher")[0].decode("utf-8"))
                  if s.startswith("UNWIND")]
    counts = [len(re.findall(r"'(?:[^'\\]|\\.)*'|\b\d+(?:\.\d+)?\b", s)) for s in statements]
    assert max(counts) <= 60, sorted(counts)[-5:]
    assert len(statements) < 60  # 2,700 rows


def test_the_benchmark_times_the_dump_next_to_load(store):
    graphs = generated(1500)
    g = mirror.build(stages.combined(graphs))
    loaded = stages.load(store, graphs, store.settings.docs_per_transaction)
    dumped = stages.dump_load(store, g)
    assert mirror_diff(mirror_io.from_store(store), g) == []
    assert dumped["relationships"] == loaded["relationships"] == mirror.relationship_count(g)
    assert dumped["documents"] == len(graphs) and dumped["statements"] > 20 and dumped["seconds"] > 0
    machine = dict.fromkeys(("cpu", "cores", "ram", "os", "python", "spacy", "neo4j"), "?")
    table = report.table({"command": "python -m bench", "machine": machine, "date": "today", "seed": 1,
                          "total_s": 60, "sizes": [{"size": 1500, "relationships": mirror.relationship_count(g),
                                                    "articles": len(graphs),
                                                    "docs_per_transaction": store.settings.docs_per_transaction,
                                                    "load": loaded, "dump": dumped}]})
    (line,) = [line for line in table.splitlines() if line.startswith("| re-create from the Cypher dump |")]
    assert f"{len(graphs):,} documents, {mirror.relationship_count(g):,} relationships" in line
    assert "rels/s" in line and "`load` (batched): " in line
