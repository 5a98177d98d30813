"""Every analyst question against Neo4j on a small hand-made graph, with the exact rows expected."""
from __future__ import annotations

import pytest

from queries import catalogue
from loaders.ingest import write_batch
from tests.analyst_graph import SENTENCES, analyst_graphs
from tests.factories import graph_one

KN23 = graph_one().relations[0].fact_id
KN23_SENTENCE = graph_one().relations[0].evidence.sentence
CLAIMERS = ["Defence Intelligence of Ukraine", "John Kirby", "United States"]
MORE_THAN_100 = {"text": "more than 100", "value": None, "min": 100.0, "max": None, "qualifier": "more_than",
                 "unit": None}


@pytest.fixture(scope="module")
def db(_store):
    _store.wipe()
    write_batch(_store, analyst_graphs())
    return _store


def ask(db, name: str, **given) -> list[dict]:
    q = catalogue.get(name)
    return catalogue.run(db, q, q.bind({k: str(v) for k, v in given.items()}))


def test_transfers_register(db):
    assert ask(db, "transfers") == [{
        "supplier": "North Korea", "recipient": "Russia", "weapon": "KN-23", "quantity": [MORE_THAN_100],
        "status": "delivered", "first_reported": "2024-01-05", "last_reported": "2024-03-01", "sources": 3,
        "documents": 3, "claimed_by": CLAIMERS, "fact": KN23}]
    assert ask(db, "transfers", status="planned") == []
    assert ask(db, "transfers", supplier="russia") == []


def test_suppliers_of(db):
    assert ask(db, "suppliers_of", state="russia") == [{
        "supplier": "North Korea", "supplier_kind": "State", "status": "delivered", "weapons": ["KN-23"],
        "transfers": 1, "documents": 3, "claimed_by": CLAIMERS, "received_by": ["Russia"]}]
    assert ask(db, "suppliers_of", state="north-korea") == []


def test_claims_about(db):
    rows = [(r["claim"], r["by"], r["about"], r["claimed_by"], r["document"], r["sentence"])
            for r in ask(db, "claims_about", actor="north-korea")]
    assert rows == [("ACCUSES", "United States", "North Korea", ["John Kirby"], "three", SENTENCES[1]),
                    ("CONFIRMS", "United States", "North Korea", [], "three", SENTENCES[1])]
    denial = ask(db, "claims_about", actor="russia")
    assert [(r["claim"], r["by"], r["by_kind"], r["sources"], r["documents"]) for r in denial] == [
        ("DENIES", "Dmitry Peskov", "Official", 1, 1)]


def test_corroboration_counts_an_agency_and_its_state_once(db):
    assert ask(db, "corroboration") == [{
        "supplier": "North Korea", "recipient": "Russia", "weapon": "KN-23", "status": "delivered",
        "asserters": 2, "asserted_by": ["Ukraine", "United States"], "claimed_by": CLAIMERS, "unattributed": 1,
        "sources": 3, "documents": 3, "denials": 1, "denied_by": ["Dmitry Peskov"], "fact": KN23}]
    # when no agency speaks for its state, John Kirby and the intelligence service count on their own
    row = ask(db, "corroboration", state_bodies="")[0]
    assert row["asserters"] == 3 and row["asserted_by"] == CLAIMERS


def test_timeline(db):
    rows = [(r["date"], r["event"], r["who"], r["whom"], r["in_state"], r["document"], r["sentence"])
            for r in ask(db, "timeline")]
    assert rows == [
        ("2024-01-05", "SUPPLIES", "North Korea", "Russia", None, "one", KN23_SENTENCE),
        ("2024-03-01", "MEETS", "Kim Jong Un", "Vladimir Putin", None, "three", SENTENCES[3]),
        ("2024-03-01", "VISITS", "Kim Jong Un", "Vostochny Cosmodrome", "Russia", "three", SENTENCES[3])]
    assert len(ask(db, "timeline", actor="russia")) == 3
    assert [r["event"] for r in ask(db, "timeline", actor="kim-jong-un")] == ["MEETS", "VISITS"]
    assert ask(db, "timeline", actor="ukraine") == []


def test_neighbourhood(db):
    rows = [(r["neighbour"], r["relation"], r["direction"], r["facts"], r["weapons"], r["documents"])
            for r in ask(db, "neighbourhood", actor="north-korea")]
    assert rows == [("Kim Jong Un", "MEMBER_OF", "in", 1, [], 1),
                    ("Kursk", "DEPLOYS", "out", 1, [], 1),
                    ("Russia", "SUPPLIES", "out", 1, ["KN-23"], 3),
                    ("United States", "ACCUSES", "in", 1, [], 1),
                    ("United States", "CONFIRMS", "in", 1, [], 1)]


def test_evidence(db):
    rows = ask(db, "evidence", source="north-korea", target="russia", weapon="kn-23")
    assert [(r["document"], r["claimed_by"], r["quantity"]) for r in rows] == [
        ("one", "John Kirby", MORE_THAN_100), ("three", "Defence Intelligence of Ukraine", None),
        ("three", "United States", None), ("two", None, None)]
    assert {r["fact"] for r in rows} == {KN23}
    # either direction; a type filter
    assert len(ask(db, "evidence", source="russia", target="north-korea")) == 4
    assert ask(db, "evidence", source="russia", target="north-korea", type="ATTACKS") == []
    assert [r["sentence"] for r in ask(db, "evidence", source="dmitry-peskov", target="russia")] == [SENTENCES[2]]


def test_path(db):
    assert ask(db, "path", a="north-korea", b="ukraine") == [{
        "hops": 2, "actors": ["North Korea", "Russia", "Ukraine"],
        "relations": ["North Korea -[SUPPLIES KN-23]-> Russia", "Russia -[ATTACKS]-> Ukraine"]}]


def test_every_query_is_tested_here():
    tested = {"transfers", "suppliers_of", "claims_about", "corroboration", "timeline", "neighbourhood",
              "evidence", "path"}
    assert set(catalogue.load()) == tested
