"""The Neo4j store against the real server."""
from __future__ import annotations

import threading
import time

import pytest

from graph import mirror_io
from graph import cypher, cypher_copies, cypher_removal, facts, mirror, writes
from graph import rows as rows_mod
from graph.errors import StoreError
from graph.model import GraphData, Link, Node, Quantity
from graph.store import Store
from loaders.ingest import write_batch
from tests.factories import graph_one, graph_two
from tests.helpers import mirror_diff


def totals(store: Store) -> dict:
    c = store.counts()
    return {"nodes": sum(c["nodes"].values()), "rels": sum(c["relationships"].values()),
            "props": store.read("MATCH (n) RETURN sum(size(keys(n))) AS n")[0]["n"]
            + store.read("MATCH ()-[r]->() RETURN sum(size(keys(r))) AS n")[0]["n"]}


def test_constraints_exist_after_init(store):
    names = store.init_schema()
    assert {"entity_id", "document_id", "evidence_id", "fact_supplies_id", "fact_accuses_id"} <= set(names)


def test_init_creates_again_what_is_missing_and_every_index_is_online(store):
    from graph import cypher, cypher_read
    store.init_schema()
    with store.driver.session(database=store.settings.database) as session:
        session.run("DROP INDEX document_name").consume()
        session.run("DROP CONSTRAINT fact_visits_id").consume()
    names = store.init_schema()
    held = store.read(cypher_read.SHOW_INDEXES)[0]
    assert "fact_visits_id" in names and set(cypher.constraints(store.schema)) <= set(held["names"])
    assert set(held["states"]) == {"ONLINE"}


def test_second_load_of_the_same_document_changes_nothing(store):
    store.write(graph_one())
    before = totals(store)
    snapshot = mirror_io.from_store(store)
    counters = store.write(graph_one())
    assert counters["nodes_created"] == 0 and counters["relationships_created"] == 0
    assert totals(store) == before
    assert mirror_diff(mirror_io.from_store(store), snapshot) == []


def test_same_transfer_in_two_documents_is_one_fact_with_two_evidence(store):
    store.write(graph_one())
    store.write(graph_two())
    rows = store.read("""
        MATCH (:State {id:'north-korea'})-[f:SUPPLIES {weapon:'KN-23'}]->(:State {id:'russia'})
        MATCH (e:Evidence {fact_id: f.id})-[:IN_DOCUMENT]->(d:Document)
        OPTIONAL MATCH (e)-[:CLAIMED_BY]->(who)
        RETURN f.evidence_count AS n, f.docs AS docs, d.name AS doc, who.name AS who, e.sentence AS sentence
        ORDER BY doc""")
    assert [(r["doc"], r["who"]) for r in rows] == [("one", "John Kirby"), ("two", None)]
    assert rows[0]["n"] == 2 and len(rows[0]["docs"]) == 2
    fact = store.read("MATCH ()-[f:SUPPLIES]->() RETURN f.first_reported AS a, f.last_reported AS b, "
                      "f.claimed_by AS c, f.first_event AS e, f.last_event AS f")
    assert fact == [{"a": "2024-01-05", "b": "2024-02-10", "c": ["John Kirby"], "e": "2023-12-01", "f": "2023-12-31"}]


@pytest.mark.parametrize("order", [("one", "two"), ("two", "one")])
def test_aggregates_folded_from_new_documents_equal_a_full_recompute(store, order):
    graphs = {"one": graph_one, "two": graph_two}
    store.write(graphs[order[0]]())
    both = GraphData()
    for name in order:  # the first again (stored: merged and recomputed), the second new (folded)
        both.extend(graphs[name]())
    store.write(both)
    folded = mirror_io.from_store(store)
    assert mirror_diff(folded, mirror.build(both)) == []
    evidence = store.read("MATCH (e:Evidence) RETURN e.fact_id AS fact_id, e.doc_id AS doc_id, "
                          "e.claimed_by AS claimed_by, e.published AS published, e.event_start AS event_start, "
                          "e.event_end AS event_end")
    stored = store.read("MATCH ()-[r]->() WHERE r.evidence_count IS NOT NULL RETURN r.id AS id, properties(r) AS p")
    recomputed = facts.by_fact(evidence)  # the totals of all their evidence
    assert {r["id"]: {k: v for k, v in r["p"].items() if k in facts.NAMES} for r in stored} == recomputed
    leftovers = store.read("MATCH (n) UNWIND keys(n) AS k WITH k WHERE k STARTS WITH '_' RETURN k UNION "
                           "MATCH ()-[r]->() UNWIND keys(r) AS k WITH k WHERE k STARTS WITH '_' RETURN k")
    assert leftovers == []  # no lock or creation marker survives a write


def test_a_write_failing_half_way_leaves_nothing(store):
    store.write(graph_two())
    before = mirror_io.from_store(store)
    bad = graph_one()
    # a property value Neo4j cannot store: the evidence statement fails after nodes and facts were written
    bad.relations[0].quantity = Quantity(text={"not": "storable"})  # type: ignore[arg-type]
    with pytest.raises(StoreError):
        store.write(bad)
    assert mirror_diff(mirror_io.from_store(store), before) == []


def test_removing_a_document_removes_only_what_it_alone_supported(store):
    one, two = graph_one(), graph_two()
    store.write(one)
    store.write(two)
    assert store.remove_document("one")
    expected = mirror.build(two)
    assert mirror_diff(mirror_io.from_store(store), expected) == []
    fact = store.read("MATCH ()-[f:SUPPLIES]->() RETURN f.evidence_count AS n, f.claimed_by AS c, "
                      "f.first_event AS e")
    assert fact == [{"n": 1, "c": [], "e": None}]  # graph_one's event time went with it
    assert not store.remove_document("one")


def test_mirror_round_trip_equals_the_in_memory_mirror(store):
    both = GraphData()
    both.extend(graph_one())
    both.extend(graph_two())
    write_batch(store, [graph_one(), graph_two()])
    expected = mirror.build(both)
    assert expected.number_of_edges() > 0
    assert mirror_diff(mirror_io.from_store(store), expected) == []


def test_a_batch_with_a_stored_document_doubles_nothing(store):
    """A transaction of a new and an already stored document (merged evidence, facts' totals
    computed from all their evidence) equals one write of each."""
    both = GraphData()
    both.extend(graph_one())
    both.extend(graph_two())
    store.write(graph_one())
    store.write(both)
    assert mirror_diff(mirror_io.from_store(store), mirror.build(both)) == []
    fact = store.read("MATCH ()-[f:SUPPLIES]->() RETURN f.evidence_count AS n, size(f.docs) AS docs")
    assert fact == [{"n": 2, "docs": 2}]


def test_a_fact_without_dates_has_no_first_or_last_reported(store):
    """The data model: a fact's dates are absent when none of its evidence has one, after a
    write, a fold into a stored fact, a recompute and a removal alike; claimants are sorted."""
    undated = [graph_one(), graph_two()]
    for g in undated:
        g.documents[0].published = None
    store.write(undated[0])
    store.write(undated[1])  # folded into the stored fact
    both = GraphData()
    for g in undated:
        both.extend(g)
    store.write(both)  # both stored: recomputed from all evidence
    fact = store.read("MATCH ()-[f:SUPPLIES]->() RETURN properties(f) AS p")[0]["p"]
    assert "first_reported" not in fact and "last_reported" not in fact
    assert fact["evidence_count"] == 2 and fact["claimed_by"] == ["John Kirby"]
    store.remove_document(undated[1].documents[0].id)
    fact = store.read("MATCH ()-[f:SUPPLIES]->() RETURN properties(f) AS p")[0]["p"]
    assert "first_reported" not in fact and fact["evidence_count"] == 1


def test_mirror_removal_matches_store_removal(store):
    store.write(graph_one())
    store.write(graph_two())
    store.remove_document(graph_two().documents[0].id)
    m = mirror.build(graph_one())
    mirror.apply(m, graph_two())
    mirror.remove_document(m, graph_two().documents[0].id)
    assert mirror_diff(mirror_io.from_store(store), m) == []


def test_two_loads_creating_one_new_fact_at_once_make_one_fact(store):
    """New facts are created after a lookup by id, not MERGEd between their ends: a second load
    creating the same fact waits on the first (the lookup locks the id) and folds into its fact."""
    entities = GraphData()  # stored first: the two loads meet on the new fact, not on new entities
    for g in (graph_one(), graph_two()):
        for node in g.nodes.values():
            entities.add_node(node)
    store.write(entities)
    rows = rows_mod.build(graph_two())
    with store.driver.session() as session:
        tx = session.begin_transaction()  # a load of graph_two, not yet committed
        created = set(tx.run(cypher.MERGE_DOCUMENTS, rows=rows.documents).single()["ids"])
        for step in writes.plan(store.schema, rows, created, store.settings.batch_size).steps:
            tx.run(step.query, **step.params).consume()
        done = []
        one = graph_one()  # (without its structural links, on which it would wait first)
        one.links, one.link_docs = [], {}
        writer = threading.Thread(target=lambda: done.append(store.write(one)))
        writer.start()
        blocked = []
        for _ in range(200):  # until the other load waits on the fact this transaction created
            blocked = store.read("SHOW TRANSACTIONS YIELD status, currentQuery WHERE status STARTS WITH 'Blocked' "
                                 "RETURN currentQuery AS query")
            if blocked:
                break
            time.sleep(0.05)
        tx.commit()
        writer.join(30)
    assert done and blocked and "OPTIONAL MATCH ()-[r:SUPPLIES" in blocked[0]["query"]
    expected = mirror.build(entities)
    for g in (graph_two(), one):
        mirror.apply(expected, g)
    assert mirror_diff(mirror_io.from_store(store), expected) == []
    fact = store.read("MATCH ()-[f:SUPPLIES]->() RETURN f.evidence_count AS n, size(f.docs) AS docs")
    assert fact == [{"n": 2, "docs": 2}]


@pytest.mark.parametrize("loaded", [False, True], ids=["empty", "loaded"])
def test_a_removal_reads_only_what_its_documents_touched(store, loaded):
    """Removing documents (a `remove`, or a load reading them again) finds their evidence, copies and
    entities by index seeks, asks whether a fact still names a weapon through the weapon index, and
    scans only the structural links' types (their `docs` cannot be indexed), never every
    relationship: at 5,000 articles a removal a document took 45 ms in two such passes."""
    if loaded:
        store.write(graph_one())
        store.write(graph_two())
    schema = store.schema
    statements = {"DOCUMENTS_FACTS": cypher_copies.DOCUMENTS_FACTS, "COPIES_OF": cypher_copies.COPIES_OF,
                  "DOCUMENTS_CLAIMANTS": cypher_removal.DOCUMENTS_CLAIMANTS,
                  "DELETE_EVIDENCE": cypher_removal.DELETE_EVIDENCE,
                  "DELETE_DOCUMENTS": cypher_removal.DELETE_DOCUMENTS,
                  "release_nodes": cypher_removal.release_nodes(schema),
                  "link_ends": cypher_removal.link_ends(schema), "release_links": cypher_removal.release_links(schema)}
    for name, query in statements.items():
        with store._session() as session:
            ops = _operators(session.run("EXPLAIN " + query, docs=[], ids=[], supports=[], structural=[]).consume().plan)
        scans = [op for op in ops if "Scan" in op]
        if name in ("link_ends", "release_links"):
            assert scans == ["DirectedRelationshipTypeScan"] * len(schema.structural), (name, ops)
        else:
            assert scans == [] and any("Seek" in op for op in ops), (name, ops)
    with store._session() as session:
        ops = _operators(session.run("EXPLAIN " + cypher_removal.release_nodes(schema), ids=[], supports=[],
                                     structural=[]).consume().plan)
    assert "DirectedRelationshipIndexSeek" in ops, ops


@pytest.mark.parametrize("order", [("one",), ("two",), ("one", "two"), ("two", "one")])
def test_removals_delete_the_entities_no_document_mentions_any_more(store, order):
    """Entities carry no list of their documents in Neo4j: a removal finds the entities the document
    mentioned (fact ends, claimants, weapons, link ends) and deletes those nothing else supports, as
    the mirror does with its `docs`. A vocabulary link's ends (no document) are never removed."""
    graphs = {"one": graph_one(), "two": graph_two()}
    vocabulary = GraphData()  # the Pentagon is part of the United States: known, stated by no document
    vocabulary.add_node(Node("pentagon", "Agency", "Pentagon", {"category": "government"}))
    vocabulary.add_node(graphs["one"].nodes["united-states"])
    vocabulary.add_link(Link("PART_OF", "pentagon", "united-states"))
    m = mirror.build(vocabulary)
    store.write(vocabulary)
    for g in graphs.values():
        store.write(g)
        mirror.apply(m, g)
    for name in order:
        doc = graphs[name].documents[0].id
        assert store.remove_document(doc)
        mirror.remove_document(m, doc)
        assert mirror_diff(mirror_io.from_store(store), m) == []
    left = {r["id"] for r in store.read("MATCH (n:Entity) RETURN n.id AS id")}
    assert left == {n for n, a in m.nodes(data=True) if a.get("label") in store.schema.entity_kinds}
    assert "pentagon" in left and ("kn-23" in left) == (len(order) == 1)
    assert ("ukraine" in left) == ("two" not in order) and ("john-kirby" in left) == ("one" not in order)


@pytest.mark.parametrize("uri,password", [("bolt://localhost:7999", None), (None, "wrong-password-123")])
def test_wrong_port_or_password_is_one_line_naming_the_uri(neo4j_settings, uri, password):
    from dataclasses import replace
    settings = replace(neo4j_settings, uri=uri or neo4j_settings.uri, password=password or neo4j_settings.password)
    with pytest.raises(StoreError) as err:
        Store.connect(settings)
    message = str(err.value)
    assert settings.uri in message and "\n" not in message
    assert settings.password not in message


def test_a_document_read_by_a_new_extractor_version_replaces_its_evidence(store):
    from loaders.ingest import write_batch
    old = graph_one()
    old.documents[0].extractor = "v1"
    write_batch(store, [old])
    new = graph_one()
    new.documents[0].extractor = "v2"
    new.relations = new.relations[:1]  # the new rules no longer read the deployment
    write_batch(store, [new])
    assert store.read("MATCH ()-[r:DEPLOYS]->() RETURN count(r) AS n") == [{"n": 0}]
    assert store.read("MATCH (d:Document) RETURN d.extractor AS v") == [{"v": "v2"}]
    before = mirror_io.from_store(store)
    write_batch(store, [new])  # the same version again: nothing happens
    assert mirror_diff(mirror_io.from_store(store), before) == []
    m = mirror.build(old)
    from graph import journal, rows
    journal.apply_document(m, rows.build(new))
    assert mirror_diff(m, before) == []


def _operators(plan) -> list[str]:
    out = [plan["operatorType"].split("@")[0]]
    for child in plan.get("children", []):
        out += _operators(child)
    return out


@pytest.mark.parametrize("loaded", [False, True], ids=["empty", "loaded"])
def test_facts_are_found_by_a_seek_in_their_id_index_never_a_scan(store, loaded):
    """Every statement that finds facts by id plans a seek in the type's id index, on an empty
    database and on a loaded one. A plan that scans the index (or the type) and filters by id costs
    one pass over all facts of the type per row: seen at 1M relationships, 9-33 s of a 110-123 s load."""
    if loaded:
        store.write(graph_one())
        store.write(graph_two())
    schema = store.schema
    for rel_type in sorted(schema.relations):
        t = schema.rel_type(rel_type)
        for name, query in [("fold_facts", cypher.fold_facts(schema, rel_type)),
                            ("set_facts", cypher.set_facts(schema, rel_type)),
                            ("lock_facts", cypher.lock_facts(schema, rel_type)),
                            ("fact_ends", cypher.fact_ends(schema, rel_type))]:
            with store._session() as session:
                ops = _operators(session.run("EXPLAIN " + query, rows=[], ids=[]).consume().plan)
            assert any("RelationshipUniqueIndexSeek" in op for op in ops), (t, name, ops)
            assert not any("Scan" in op for op in ops), (t, name, ops)


def _writes(schema) -> list[tuple[str, str]]:
    """(name, query) of every statement a write runs (graph/writes.py's plan, the facts' totals, fact removal)."""
    out = [("MERGE_DOCUMENTS", cypher.MERGE_DOCUMENTS), ("CREATE_EVIDENCE", cypher.CREATE_EVIDENCE),
           ("MERGE_EVIDENCE", cypher.MERGE_EVIDENCE), ("FACT_EVIDENCE", cypher.FACT_EVIDENCE)]
    out += [(f"merge_nodes {k}", cypher.merge_nodes(schema, k)) for k in schema.entity_kinds]
    out += [(f"merge_links {r} {fresh}", cypher.merge_links(schema, r, fresh))
            for r in schema.structural for fresh in (True, False)]
    for r in sorted(schema.relations):
        out += [(f"{f.__name__} {r}", f(schema, r)) for f in (
            cypher.merge_facts, cypher.fold_facts, cypher.set_facts, cypher.lock_facts, cypher.fact_ends)]
    return out


@pytest.mark.parametrize("loaded", [False, True], ids=["empty", "loaded"])
def test_writes_keep_their_plans_and_those_never_scan(store, loaded):
    """The writes keep their cached plans however much the database changes (replan=skip), so a
    plan made on an empty database must be as good as one made on a loaded database: each is planned
    afresh here on both, and none may scan a label, a type or a whole index."""
    if loaded:
        store.write(graph_one())
        store.write(graph_two())
    for name, query in _writes(store.schema):
        assert query.startswith(cypher.KEEP_PLAN), name
        fresh = "EXPLAIN CYPHER replan=force\n" + query[len(cypher.KEEP_PLAN):]
        with store._session() as session:
            ops = _operators(session.run(fresh, rows=[], ids=[]).consume().plan)
        assert not any("Scan" in op for op in ops), (name, ops)
        assert any("Seek" in op for op in ops), (name, ops)
