"""The Cypher dump re-creates the graph in another (here: the wiped test) Neo4j, exactly."""
from __future__ import annotations

from graph import export, mirror
from tests.show_fixtures import HOSTILE, hostile_graph, sample_mirror


def load_dump(store, text: str) -> int:
    """Run a dump's statements one by one, as cypher-shell -f does."""
    statements = export.statements(text)
    with store.driver.session(database=store.settings.database) as session:
        for statement in statements:
            session.run(statement).consume()
    return len(statements)


def test_dump_recreates_the_mirror_exactly(store):
    g = sample_mirror()
    text = export.export(g, "cypher")[0].decode("utf-8")
    assert load_dump(store, text) > 10
    assert mirror.equal(mirror.from_store(store), g) == []
    assert store.read("MATCH (n:Entity) WHERE n.docs IS NOT NULL RETURN n.id") == []  # derived, not stored
    sentence = store.read("MATCH (e:Evidence) WHERE e.sentence CONTAINS 'DETACH' RETURN e.sentence AS s")
    assert {r["s"] for r in sentence} == {HOSTILE}  # quotes, backslash, newline and Cypher arrive as text


def test_loading_the_dump_twice_changes_nothing(store):
    g = sample_mirror()
    text = export.export(g, "cypher")[0].decode("utf-8")
    load_dump(store, text)
    load_dump(store, text)
    assert mirror.equal(mirror.from_store(store), g) == []


def test_dump_of_a_store_round_trips_through_another_database(store):
    store.write(hostile_graph())
    original = mirror.from_store(store)
    text = export.export(original, "cypher")[0].decode("utf-8")
    store.wipe()
    load_dump(store, text)
    assert mirror.equal(mirror.from_store(store), original) == []
