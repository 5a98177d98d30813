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
        "status": "delivered", "first_event": "2023-08-01", "last_event": "2023-12-31",
        "first_reported": "2024-01-05", "last_reported": "2024-03-01", "sources": 3, "documents": 3,
        "claimed_by": CLAIMERS, "fact": KN23}]
    assert ask(db, "transfers", status="planned") == []
    assert ask(db, "transfers", supplier="russia") == []


@pytest.mark.parametrize("since,until,listed", [
    ("2023-09", "2023-09", True),   # inside the Defence Intelligence's August-October
    ("2023-11-01", "2023-11-30", False),  # between that and graph_one's December
    ("2024-02-10", "2024-02-10", True),  # graph_two's report: no event time, its document's date
    ("2024-03-02", "", False), ("", "2023-07", False), ("", "2023-08", True), ("2024-03", "", True),
])
def test_transfers_in_a_period(db, since, until, listed):
    assert [r["fact"] for r in ask(db, "transfers", since=since, until=until)] == ([KN23] if listed else [])
    assert bool(ask(db, "suppliers_of", state="russia", since=since, until=until)) is listed
    assert bool(ask(db, "corroboration", since=since, until=until)) is listed


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


def when(row: dict) -> tuple:
    return row["date"], row["date_end"], row["dated"], row["precision"], row["event"], row["document"]


def test_timeline(db):
    rows = [(r["date"], r["event"], r["who"], r["whom"], r["in_state"], r["document"], r["sentence"])
            for r in ask(db, "timeline")]
    assert rows == [  # by event time: the transfer's earliest report is graph_three's August-October
        ("2023-08-01", "SUPPLIES", "North Korea", "Russia", None, "three", SENTENCES[0]),
        ("2023-09-13", "MEETS", "Kim Jong Un", "Vladimir Putin", None, "three", SENTENCES[3]),
        ("2023-09-13", "VISITS", "Kim Jong Un", "Vostochny Cosmodrome", "Russia", "three", SENTENCES[3])]
    assert when(ask(db, "timeline")[0]) == ("2023-08-01", "2023-10-31", "event", "range", "SUPPLIES", "three")
    # in a period, a fact is dated by its earliest report in it; without an event time, its document's date
    assert [when(r) for r in ask(db, "timeline", since="2023-11")] == [
        ("2023-12-01", "2023-12-31", "event", "month", "SUPPLIES", "one")]
    assert [when(r) for r in ask(db, "timeline", since="2024-02", until="2024-02")] == [
        ("2024-02-10", "2024-02-10", "report", None, "SUPPLIES", "two")]
    assert [r["event"] for r in ask(db, "timeline", since="2023-09-13", until="2023-09-13")] == [
        "SUPPLIES", "MEETS", "VISITS"]
    assert ask(db, "timeline", since="2025") == []
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
    # in a period, only the reports in it, with their event times
    in_2024 = ask(db, "evidence", source="north-korea", target="russia", since="2024")
    assert [(r["document"], r["claimed_by"], r["event_start"], r["published"]) for r in in_2024] == [
        ("three", "United States", None, "2024-03-01"), ("two", None, None, "2024-02-10")]
    december = ask(db, "evidence", source="north-korea", target="russia", since="2023-12-24", until="2023-12-24")
    assert [(r["document"], r["event_start"], r["event_end"], r["event_precision"], r["event_text"])
            for r in december] == [("one", "2023-12-01", "2023-12-31", "month", "in December")]


def test_claims_and_neighbours_in_a_period(db):
    assert ask(db, "claims_about", actor="north-korea", until="2023") == []
    assert len(ask(db, "claims_about", actor="north-korea", since="2024-03")) == 2
    rows = ask(db, "neighbourhood", actor="north-korea", until="2023-12")
    assert [(r["neighbour"], r["relation"]) for r in rows] == [  # (structural links have no time)
        ("Kim Jong Un", "MEMBER_OF"), ("Russia", "SUPPLIES")]


def test_path(db):
    assert ask(db, "path", a="north-korea", b="ukraine") == [{
        "hops": 2, "actors": ["North Korea", "Russia", "Ukraine"],
        "relations": ["North Korea -[SUPPLIES KN-23]-> Russia", "Russia -[ATTACKS]-> Ukraine"]}]
    assert ask(db, "path", a="north-korea", b="ukraine", since="2024")[0]["hops"] == 2
    assert ask(db, "path", a="north-korea", b="ukraine", until="2023") == []  # the attack: February 2024
    assert ask(db, "path", a="kim-jong-un", b="russia", until="2023-09")[0]["hops"] == 2  # the meeting, Putin


def test_every_query_is_tested_here():
    tested = {"transfers", "suppliers_of", "claims_about", "corroboration", "timeline", "neighbourhood",
              "evidence", "path"}
    assert set(catalogue.load()) == tested
