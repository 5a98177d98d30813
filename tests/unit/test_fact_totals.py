"""The rule of a fact's totals (graph/facts.py): what every writer, the removal and the mirror apply."""
from __future__ import annotations

import itertools

from graph import facts

EVIDENCE = [
    {"fact_id": "f1", "doc_id": "d2", "claimed_by": "Ukraine", "date": "2024-03-01"},
    {"fact_id": "f1", "doc_id": "d1", "claimed_by": None, "date": "2024-01-15"},
    {"fact_id": "f1", "doc_id": "d2", "claimed_by": "NIS", "date": None},
    {"fact_id": "f1", "doc_id": "d3", "claimed_by": "Ukraine"},
    {"fact_id": "f1", "doc_id": "d4", "original": "d1", "claimed_by": "NIS"},  # d4: a wire copy of d1
]


def test_totals_are_distinct_sorted_documents_and_claimants_a_count_and_the_date_range():
    assert facts.totals(EVIDENCE) == {
        "docs": ["d1", "d2", "d3", "d4"], "sources": ["d1", "d2", "d3"], "claimed_by": ["NIS", "Ukraine"],
        "evidence_count": 5, "first_reported": "2024-01-15", "last_reported": "2024-03-01"}


def test_no_date_leaves_the_dates_out():
    assert facts.totals([{"doc_id": "d1"}]) == {"docs": ["d1"], "sources": ["d1"], "claimed_by": [], "evidence_count": 1}


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
    got = facts.by_fact([*EVIDENCE, {"fact_id": "f2", "doc_id": "d9", "date": "2023-12-31"}])
    assert got["f1"] == facts.totals(EVIDENCE)
    assert got["f2"] == {"docs": ["d9"], "sources": ["d9"], "claimed_by": [], "evidence_count": 1,
                         "first_reported": "2023-12-31", "last_reported": "2023-12-31"}


def test_copies_of_one_original_are_one_source_whichever_came_first():
    copy_only = facts.totals([{"doc_id": "c1", "original": "o"}, {"doc_id": "c2", "original": "o"}])
    assert copy_only["sources"] == ["o"] and copy_only["docs"] == ["c1", "c2"]
    assert facts.merge(copy_only, facts.totals([{"doc_id": "o"}]))["sources"] == ["o"]


def test_a_fact_stored_before_sources_were_counted_counts_its_documents():
    old = {"docs": ["d1", "d2"], "claimed_by": [], "evidence_count": 2}
    assert facts.merge(old, facts.totals([{"doc_id": "d3", "original": "d1"}]))["sources"] == ["d1", "d2"]
