"""The rule of a fact's totals (graph/facts.py): what every writer, the removal and the mirror apply."""
from __future__ import annotations

import itertools

from graph import facts

EVIDENCE = [
    {"fact_id": "f1", "doc_id": "d2", "claimed_by": "Ukraine", "published": "2024-03-01",
     "event_start": "2023-09-01", "event_end": "2023-09-30"},
    {"fact_id": "f1", "doc_id": "d1", "claimed_by": None, "published": "2024-01-15",
     "event_start": "2023-08-01", "event_end": "2023-10-01"},
    {"fact_id": "f1", "doc_id": "d2", "claimed_by": "NIS", "published": None, "event_start": None},
    {"fact_id": "f1", "doc_id": "d3", "claimed_by": "Ukraine", "event_start": "2023-12-24", "event_end": "2023-12-24"},
    {"fact_id": "f1", "doc_id": "d4", "original": "d1", "claimed_by": "NIS"},  # d4: a wire copy of d1
]


def test_totals_are_distinct_sorted_documents_and_claimants_a_count_and_the_date_ranges():
    assert facts.totals(EVIDENCE) == {
        "docs": ["d1", "d2", "d3", "d4"], "sources": ["d1", "d2", "d3"], "claimed_by": ["NIS", "Ukraine"],
        "evidence_count": 5, "first_reported": "2024-01-15", "last_reported": "2024-03-01",
        "first_event": "2023-08-01", "last_event": "2023-12-24"}


def test_no_date_leaves_the_dates_out():
    assert facts.totals([{"doc_id": "d1"}]) == {"docs": ["d1"], "sources": ["d1"], "claimed_by": [], "evidence_count": 1}
    assert facts.totals([{"doc_id": "d1", "event_text": "last month"}]) == {
        "docs": ["d1"], "sources": ["d1"], "claimed_by": [], "evidence_count": 1}


def test_event_and_report_dates_are_independent():
    assert facts.totals([{"doc_id": "d1", "event_start": "2023-05-01", "event_end": "2023-05-31"}]) == {
        "docs": ["d1"], "sources": ["d1"], "claimed_by": [], "evidence_count": 1,
        "first_event": "2023-05-01", "last_event": "2023-05-31"}
    assert facts.totals([{"doc_id": "d1", "published": "2024-02-02"}]) == {
        "docs": ["d1"], "sources": ["d1"], "claimed_by": [], "evidence_count": 1,
        "first_reported": "2024-02-02", "last_reported": "2024-02-02"}


def test_one_end_of_an_interval_counts_for_both():
    got = facts.totals([{"doc_id": "d1", "event_start": "2023-05-01"}, {"doc_id": "d2", "event_end": "2022-01-31"}])
    assert (got["first_event"], got["last_event"]) == ("2022-01-31", "2023-05-01")


def test_every_total_is_a_fact_property_of_the_schema():
    from graph import schema
    assert set(facts.NAMES) <= set(schema.load().fact_properties)


def test_merging_the_totals_of_parts_gives_the_totals_of_the_whole_in_any_split():
    whole = facts.totals(EVIDENCE)
    for n in range(len(EVIDENCE) + 1):
        for part in itertools.combinations(range(len(EVIDENCE)), n):
            a = [e for i, e in enumerate(EVIDENCE) if i in part]
            b = [e for i, e in enumerate(EVIDENCE) if i not in part]
            assert facts.merge(facts.totals(a), facts.totals(b)) == whole


def test_a_fact_s_stored_properties_merge_as_its_totals():
    stored = {"id": "f1", "weapon": "KN-23", **facts.totals(EVIDENCE[:2])}
    assert facts.merge(stored, facts.totals(EVIDENCE[2:])) == facts.totals(EVIDENCE)


def test_by_fact_groups_evidence_by_its_fact():
    got = facts.by_fact([*EVIDENCE, {"fact_id": "f2", "doc_id": "d9", "published": "2023-12-31"}])
    assert got["f1"] == facts.totals(EVIDENCE)
    assert got["f2"] == {"docs": ["d9"], "sources": ["d9"], "claimed_by": [], "evidence_count": 1,
                         "first_reported": "2023-12-31", "last_reported": "2023-12-31"}
    assert facts.merge(got["f1"], {"evidence_count": 0})["first_event"] == "2023-08-01"


def test_copies_of_one_original_are_one_source_whichever_came_first():
    copy_only = facts.totals([{"doc_id": "c1", "original": "o"}, {"doc_id": "c2", "original": "o"}])
    assert copy_only["sources"] == ["o"] and copy_only["docs"] == ["c1", "c2"]
    assert facts.merge(copy_only, facts.totals([{"doc_id": "o"}]))["sources"] == ["o"]


def test_a_fact_stored_before_sources_were_counted_counts_its_documents():
    old = {"docs": ["d1", "d2"], "claimed_by": [], "evidence_count": 2}
    assert facts.merge(old, facts.totals([{"doc_id": "d3", "original": "d1"}]))["sources"] == ["d1", "d2"]
