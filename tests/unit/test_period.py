"""A period as analysts give it, and a report's time (graph/period.py): the rule the queries spell in Cypher."""
from __future__ import annotations

import pytest

from graph.errors import InputError
from graph.period import Period, bound, report_time

AUGUST_TO_OCTOBER = {"event_start": "2023-08-01", "event_end": "2023-10-31", "published": "2024-03-01"}
NO_EVENT = {"published": "2024-02-10", "event_text": "last month"}  # (unresolved: the words alone)


@pytest.mark.parametrize("text,first,last", [
    ("2024", "2024-01-01", "2024-12-31"), ("2024-02", "2024-02-01", "2024-02-29"),
    ("1900-02", "1900-02-01", "1900-02-28"), ("2023-09-13", "2023-09-13", "2023-09-13"), ("", "", ""),
])
def test_a_day_month_or_year_is_its_first_or_last_day(text, first, last):
    assert (bound(text, "--since", last=False), bound(text, "--until", last=True)) == (first, last)


@pytest.mark.parametrize("text", ["2024-1", "24", "2024-02-30", "0000", "2024/03/01", "12.03.2024", "2024-03-01T10:00"])
def test_anything_else_is_a_one_line_input_error(text):
    with pytest.raises(InputError, match=r"^--since takes a date as YYYY-MM-DD, YYYY-MM or YYYY, not "):
        Period.parse(since=text)


def test_a_period_that_ends_before_it_starts_is_refused():
    with pytest.raises(InputError, match="--until 2023 is before --since 2024"):
        Period.parse("2024", "2023")
    assert Period.parse("2024-03", "2024-03") == Period("2024-03-01", "2024-03-31")


def test_a_report_s_time_is_its_event_interval_else_its_document_date():
    assert report_time(AUGUST_TO_OCTOBER) == ("2023-08-01", "2023-10-31", "event")
    assert report_time(NO_EVENT) == ("2024-02-10", "2024-02-10", "report")
    assert report_time({"event_start": "2023-05-01"}) == ("2023-05-01", "2023-05-01", "event")
    assert report_time({"event_text": "im August"}) == (None, None, None)


@pytest.mark.parametrize("since,until,report,held", [
    ("2023-10-31", "", AUGUST_TO_OCTOBER, True),   # overlapping on its last day counts
    ("2023-11-01", "", AUGUST_TO_OCTOBER, False),  # (not its document date, March 2024)
    ("", "2023-08-01", AUGUST_TO_OCTOBER, True), ("", "2023-07-31", AUGUST_TO_OCTOBER, False),
    ("2023-09", "2023-09", AUGUST_TO_OCTOBER, True),
    ("2024-02", "2024-02", NO_EVENT, True), ("2024-03", "", NO_EVENT, False),
    ("", "", {}, True), ("2000", "", {}, False),  # no time: in the open period only
])
def test_a_report_is_in_a_period_when_they_overlap(since, until, report, held):
    assert Period.parse(since, until).holds(report) is held
