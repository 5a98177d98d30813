"""The dateline at the start of an article ("SEOUL, 12. März 2024 (Reuters) –", "KYIV, Nov 21 (AP) —",
"Berlin (dpa) -", "WASHINGTON, March 3, 2024 /PRNewswire/ --"), or a line that is only a date: the
day it gives (with or without a year) and the agency. The patterns and word lists are data
(lexicon/datelines.yaml); this module only puts them together."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from graph import yaml_data

DATA = Path(__file__).resolve().parent / "lexicon" / "datelines.yaml"
_NAMED_GROUP = re.compile(r"\(\?P<\w+>")
_PLACEHOLDER = re.compile(r"\{(month|weekday|place|agency|dash|date)\}")


@dataclass(frozen=True, slots=True)
class Dateline:
    """What a dateline says: the day (year None when it gives none; month and day None when it
    gives no date), the agency as an outlet's name, and the words it was read from."""

    text: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    agency: str | None = None


def _fill(template: str, values: dict[str, str]) -> str:
    """A pattern of the data file with its placeholders filled in (regular expressions' own braces kept)."""
    return _PLACEHOLDER.sub(lambda m: values[m[1]], template)


def _alternatives(words) -> str:
    return "|".join(re.escape(w) for w in sorted({str(w) for w in words}, key=lambda w: (-len(w), w)))


@dataclass(frozen=True)
class _Patterns:
    months: dict[str, int]
    agencies: dict[str, str]
    lines: int
    dates: tuple[re.Pattern, ...]
    dateline: re.Pattern
    date_line: re.Pattern
    weekday: re.Pattern


@lru_cache(maxsize=1)
def patterns() -> _Patterns:
    """The compiled patterns of lexicon/datelines.yaml."""
    data = yaml_data.read(DATA)
    months = {name: int(number) for number, names in data["months"].items() for name in names}
    fill = {"month": rf"(?i:{_alternatives(months)})\.?",
            "weekday": rf"(?i:{_alternatives(data['weekdays'])})\.?,?"}
    forms = [_fill(form, fill) for form in data["dates"]]
    any_date = rf"(?:{fill['weekday']} )?(?:" + "|".join(_NAMED_GROUP.sub("(?:", f) for f in forms) + ")"
    fill.update(data["pieces"], date=any_date)
    return _Patterns(months=months, agencies={str(k).lower(): str(v) for k, v in data["agencies"].items()},
                     lines=int(data["lines"]), dates=tuple(re.compile(f) for f in forms),
                     dateline=re.compile(_fill(data["dateline"], fill)),
                     date_line=re.compile(_fill(data["date_line"], fill)),
                     weekday=re.compile(rf"{fill['weekday']} "))


def _date_parts(text: str, p: _Patterns) -> tuple[int | None, int, int]:
    """(year or None, month, day) of a date's words (not checked: 31 February is for the caller)."""
    text = p.weekday.sub("", text, count=1) if p.weekday.match(text) else text
    for form in p.dates:
        if found := form.fullmatch(text):
            parts = found.groupdict()
            month = parts["month"]
            number = int(month) if month.isdigit() else p.months[month.rstrip(".").lower()]
            return (int(parts["year"]) if parts.get("year") else None), number, int(parts["day"])
    raise ValueError(f"not a date form of {DATA.name}: {text!r}")  # the line pattern and the forms disagree


def _agency(name: str | None, p: _Patterns) -> str | None:
    if not name or not name.strip():
        return None
    name = " ".join(name.split())
    return p.agencies.get(name.lower(), name)


def read(line: str) -> Dateline | None:
    """The dateline a line starts with (or the date the line is), or None."""
    p = patterns()
    line = line.strip()
    if found := p.date_line.fullmatch(line):
        return Dateline(line, *_date_parts(found["date"], p))
    found = p.dateline.match(line + " ")  # (a dateline alone on its line ends at its dash)
    if not found:
        return None
    date = found["date"] or found["lone"]
    agency = _agency(found["agency"] or found["wire"], p)
    if not date and not agency:
        return None  # "Kiew – ...": a place says nothing of when or who
    year, month, day = _date_parts(date, p) if date else (None, None, None)
    return Dateline(found[0].strip(), year, month, day, agency)


def find(text: str) -> Dateline | None:
    """The dateline among the first lines of a text (the title comes first), or None."""
    lines = (ln for ln in text.split("\n") if ln.strip())
    for _, line in zip(range(patterns().lines), lines):
        if got := read(line):
            return got
    return None
