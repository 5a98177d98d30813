"""The Cypher dump re-creates the graph in another (here: the wiped test) Neo4j, exactly."""
from __future__ import annotations

from graph import cypher_dump
from graph import mirror_io
from graph import export, mirror
from tests.helpers import mirror_diff
from tests.show_fixtures import HOSTILE, hostile_graph, sample_mirror


def load_dump(store, text: str) -> int:
    """Run a dump's statements one by one, as cypher-shell -f does."""
    statements = cypher_dump.statements(text)
    with store.driver.session(database=store.settings.database) as session:
        for statement in statements:
            session.run(statement).consume()
    return len(statements)


def test_dump_recreates_the_mirror_exactly(store):
    g = sample_mirror()
    text = export.export(g, "cypher")[0].decode("utf-8")
    assert load_dump(store, text) > 10
    assert mirror_diff(mirror_io.from_store(store), g) == []
    assert store.read("MATCH (n:Entity) WHERE n.docs IS NOT NULL RETURN n.id") == []  # derived, not stored
    sentence = store.read("MATCH (e:Evidence) WHERE e.sentence CONTAINS 'DETACH' RETURN e.sentence AS s")
    assert {r["s"] for r in sentence} == {HOSTILE}  # quotes, backslash, newline and Cypher arrive as text


def test_loading_the_dump_twice_changes_nothing(store):
    g = sample_mirror()
    text = export.export(g, "cypher")[0].decode("utf-8")
    load_dump(store, text)
    load_dump(store, text)
    assert mirror_diff(mirror_io.from_store(store), g) == []


def test_dump_of_a_store_round_trips_through_another_database(store):
    store.write(hostile_graph())
    original = mirror_io.from_store(store)
    text = export.export(original, "cypher")[0].decode("utf-8")
    store.wipe()
    load_dump(store, text)
    assert mirror_diff(mirror_io.from_store(store), original) == []


def test_values_of_every_kind_round_trip_packed_or_not(store):
    """Rows travel packed in one string a statement (separators \\x1d-\\x1f, fields converted by
    type); a row holding a separator, or a value that cannot be packed, goes as a literal map."""
    g = sample_mirror()
    state, official = "north-korea", "evil-official"
    g.nodes[state].update(flags=[True, False], sizes=[1, -2], ratios=[0.5, 1e-300, -3.25], empty=[],
                          blank="", zero=0, tiny=5e-324, big=2**62, text="Zeile 1\nZeile 2\t'zitiert' \\ ; //",
                          umlaut="Größe – „Kiew“ \u2028 \U0001F680", one=[""])
    g.nodes[official].update(note="a\x1eb\x1fc\x1dd", parts=["x\x1dy", "z"])  # written as a literal map
    s, t, k, a = next((s, t, k, a) for s, t, k, a in g.edges(keys=True, data=True) if a.get("type") == "SUPPLIES")
    g.edges[s, t, k]["claimed_by"] = [*a.get("claimed_by", []), "Sprecher\x1fin"]
    reports = next(iter(mirror.evidence(g).values()))
    reports[0] = reports[0]._replace(sentence="Satz mit\x1e Trennzeichen")
    text = export.export(g, "cypher")[0].decode("utf-8")
    assert not any(c in text for c in "\x1d\x1e\x1f\r")  # escaped in the literals
    assert all(line.endswith(";") or line.startswith("//") for line in text.splitlines())  # one a line
    assert any(s.startswith("UNWIND [{") for s in cypher_dump.statements(text))  # the rows that cannot be packed
    load_dump(store, text)
    assert mirror_diff(mirror_io.from_store(store), g) == []
    load_dump(store, text)
    assert mirror_diff(mirror_io.from_store(store), g) == []
