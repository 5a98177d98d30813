"""A period of time as analysts give it (--since/--until: a day, a month or a year), and the
time of a report, which is what a period is matched against.

A report's time is its event interval (`event_start`..`event_end`, inclusive ISO dates) when it
has one, else the date of the document that reports it (`date`); a report with neither has no
time and is in no period. A report is in a period when the two overlap. The read queries
(queries/*.cypher) spell the same rule in Cypher; tests check that both agree.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

from graph.errors import InputError

_DATE = re.compile(r"(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?")


def bound(text: str | None, option: str, last: bool) -> str:
    """The first (or, `last`, the last) day of a day, month or year given as YYYY[-MM[-DD]],
    as YYYY-MM-DD; '' for no bound; InputError (one line) for anything else."""
    raw = (text or "").strip()
    if not raw:
        return ""
    m = _DATE.fullmatch(raw)
    try:
        if not m:
            raise ValueError
        year, month, day = int(m["year"]), int(m["month"] or (12 if last else 1)), m["day"]
        if year < 1 or not 1 <= month <= 12:
            raise ValueError
        size = calendar.monthrange(year, month)[1]
        day = int(day) if day else (size if last else 1)
        if not 1 <= day <= size:
            raise ValueError
    except ValueError:
        raise InputError(f"{option} takes a date as YYYY-MM-DD, YYYY-MM or YYYY, not {raw!r}") from None
    return f"{year:04d}-{month:02d}-{day:02d}"


@dataclass(frozen=True, slots=True)
class Period:
    """From `since` to `until`, both days included, as YYYY-MM-DD; '' leaves that side open."""

    since: str = ""
    until: str = ""

    @classmethod
    def parse(cls, since: str | None = None, until: str | None = None) -> "Period":
        """The period the user's --since and --until give (InputError when one is not a date or
        the period ends before it starts)."""
        out = cls(bound(since, "--since", last=False), bound(until, "--until", last=True))
        if out.since and out.until and out.until < out.since:
            raise InputError(f"--until {until} is before --since {since}")
        return out

    @property
    def open(self) -> bool:
        """Whether it is no limit at all."""
        return not self.since and not self.until

    def holds(self, report: dict) -> bool:
        """Whether a report (Evidence properties) is in the period: always when the period is open."""
        if self.open:
            return True
        start, end, _ = report_time(report)
        return start is not None and (not self.since or end >= self.since) and (not self.until or start <= self.until)

    def params(self) -> dict[str, str]:
        """The query parameters $since and $until."""
        return {"since": self.since, "until": self.until}


def report_time(report: dict) -> tuple[str | None, str | None, str | None]:
    """(start, end, what it is): the event interval and 'event', else the document date twice and
    'report', else (None, None, None)."""
    start, end = report.get("event_start"), report.get("event_end")
    if start or end:
        return start or end, end or start, "event"
    date = report.get("published")
    return (date, date, "report") if date else (None, None, None)
