"""Temporal expressions in a sentence ("im August", "zwischen dem 7. September und dem 1. Oktober",
"last month", "Ende 2023", "seit Kriegsbeginn", "am Dienstag") and the interval each names,
resolved against the article's date. The expressions and their words are loaders/lexicon/times.yaml;
dateparser reads "vor zwei Wochen" / "two weeks ago"; the rest is calendar arithmetic
(docs/event-time.md says why)."""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from functools import lru_cache
from math import ceil, floor
from pathlib import Path

from graph import yaml_data
from graph.errors import SchemaError
from loaders import lexicon

TIMES_FILE = Path(lexicon.__file__).resolve().parent / "times.yaml"
NEEDS_ARTICLE = {"weekday", "ago", "relative"}  # kinds that are nothing without the article's date
CALENDAR = {"date", "dayrange", "month", "season"}  # kinds that take a year
# placeholders a year, a day of the month: a year of the news (1990-2039), not a quantity ("2.000")
YEAR, DAY = r"(?<![\d.,])(?:199\d|20[0-3]\d)(?![\d])", r"(?<!\d)(?:[12]\d|3[01]|0?[1-9])(?!\d)"


@dataclass(frozen=True, slots=True)
class Atom:
    """One expression: its span [start, end) in the text searched, what it names and how it is qualified."""

    start: int
    end: int
    kind: str  # date, dayrange, month, season, year, yearrange, weekday, ago, relative, event, range
    fields: dict = field(default_factory=dict)  # the named groups read (day, month, year ...)
    inner: int = 0  # where the part or the core begins (after a lead or "since" word)
    part: tuple[float, float] | None = None
    since: bool = False
    weak: bool = False  # a bare month, season or year led only by a range word: a time only in a range
    lead: str = ""
    pieces: tuple = ()  # a range: its two atoms

    @property
    def needs_article(self) -> bool:
        if self.pieces:
            return any(p.needs_article for p in self.pieces)
        return self.since or self.kind in NEEDS_ARTICLE or self.kind not in ("event", "year") and not self.fields.get("year")


def _alternation(words) -> str:
    return "|".join(r"\s+".join(map(re.escape, w.split())) for w in sorted(words, key=len, reverse=True))


@dataclass
class Grammar:
    """One language's expressions, compiled."""

    lang: str
    data: dict
    months: dict[str, int]
    weekdays: dict[str, int]
    cores: list[tuple[dict, re.Pattern]]
    left: re.Pattern
    joiners: re.Pattern
    barrier: re.Pattern  # the words that open another clause
    hint: re.Pattern  # a digit or a word every expression holds one of: a text without is passed at once


@lru_cache(maxsize=None)
def grammar(lang: str) -> Grammar:
    """The compiled expressions of a language."""
    try:
        data = yaml_data.read(TIMES_FILE)[lang]
    except (OSError, yaml_data.YAMLError, KeyError, TypeError) as exc:
        raise SchemaError(f"{TIMES_FILE.name}: cannot read the {lang} expressions ({exc})") from exc
    lex = lexicon.load(lang)
    months = {m: i + 1 for i, m in enumerate(lex.cues["months"])} | data["month_abbrev"]
    weekdays = {d: i for i, d in enumerate(lex.cues["weekdays"][:7])} | data["weekday_alias"]
    fill = {"MONTH": rf"{_alternation(lex.cues['months'])}|(?:{_alternation(data['month_abbrev'])})\.?", "DAY": DAY, "YEAR": YEAR,
            "WEEKDAY": _alternation(weekdays), "DAYPART": _alternation(data["dayparts"]) or "(?!)",
            "SEASON": _alternation(data["seasons"]), "NUM": rf"\d{{1,2}}|{_alternation(data['numbers'])}",
            "UNIT": _alternation(data["units"]), "RELATIVE": _alternation(data["relative"]),
            "EVENT": _alternation(data["events"]),
            "YEARREL": _alternation(data["year_relative"])}
    cores = []
    for spec in data["cores"]:
        body = re.sub(r"\{([A-Z]+)\}", lambda m: f"(?:{fill[m.group(1)]})", spec["re"])
        cores.append((spec, re.compile(rf"(?<!\w)(?:{body})(?![\w-])", re.IGNORECASE)))
    left = re.compile(rf"(?<!\w)(?:(?P<since>{_alternation(data['since'])})\s+)?"
                      rf"(?:(?P<lead>{_alternation(data['leads'] + data['weak_leads'] + data['openers'])})\s+)?"
                      rf"(?:(?P<part>{_alternation(data['parts'])})(?:\s+|\s*-\s*))?$", re.IGNORECASE)
    joiners = re.compile(rf"\s*(?:{_alternation(data['joiners'])})\s*", re.IGNORECASE)
    barrier = re.compile(rf"(?<!\w)(?:{_alternation(data['barriers'])})(?!\w)", re.IGNORECASE)
    heads = {*months, *weekdays, *data["seasons"], *data["units"], *data["since"],
             *(phrase.split()[-1] for phrase in data["relative"])}
    hint = re.compile(rf"\d|(?<!\w)(?:{_alternation(heads)})", re.IGNORECASE)
    return Grammar(lang, data, months, weekdays, cores, left, joiners, barrier, hint)


def _qualified(g: Grammar, text: str, spec: dict, m: re.Match) -> Atom | None:
    """The atom of a core match with the lead, part and "since" words before it; None if the core
    needs one it lacks."""
    lo = max(0, m.start() - 60)
    ctx = g.left.search(text, lo, m.start())
    since, lead, part = (ctx.group(k) for k in ("since", "lead", "part")) if ctx else (None, None, None)
    lead_word = " ".join((lead or "").lower().split())
    weak = lead_word in g.data["weak_leads"] + g.data["openers"] and not (since or part)
    if spec.get("since_only") and not since:
        return None
    if spec.get("lead") and not (since or lead or part):
        return None
    fields = {k: v for k, v in m.groupdict().items() if v}
    rel = " ".join(fields.get("rel", "").lower().split())
    if rel in g.data["part_only"] and not part:
        return None
    frac = tuple(g.data["parts"][" ".join(part.lower().split())]) if part else None
    start = ctx.start() if ctx and ctx.group(0) else m.start()
    inner = ctx.start("part") if part else m.start()
    return Atom(start, m.end(), spec["kind"], fields, inner, frac, bool(since), weak and bool(spec.get("lead")), lead_word)


def find(text: str, lang: str) -> list[Atom]:
    """The temporal expressions of a text, in order, ranges joined ("zwischen X und Y")."""
    g = grammar(lang)
    if not g.hint.search(text):
        return []
    found: list[tuple[int, int, int, Atom]] = []
    for rank, (spec, pattern) in enumerate(g.cores):
        for m in pattern.finditer(text):
            atom = _qualified(g, text, spec, m)
            if atom is not None:
                found.append((atom.inner, -(atom.end - atom.inner), rank, atom))
    atoms: list[Atom] = []
    for _, _, _, atom in sorted(found, key=lambda t: t[:3]):
        if not atoms or atom.inner >= atoms[-1].end:
            atoms.append(atom)
    return [a for a in _ranges(g, text, atoms) if not a.weak]


def _ranges(g: Grammar, text: str, atoms: list[Atom]) -> list[Atom]:
    """Two expressions joined by a range word, the first after an opener ("zwischen", "from") or the
    joiner one of "bis", "to", "–": one range."""
    out: list[Atom] = []
    for atom in atoms:
        prev = out[-1] if out else None
        if prev is not None and not prev.pieces and not prev.since and not atom.since:
            between = text[prev.end:atom.inner]
            joined = g.joiners.fullmatch(between)
            word = " ".join(between.lower().split())
            opened = prev.lead in g.data["openers"] or word not in ("und", "und dem", "und den", "and")
            if joined and opened:
                first = replace(prev, weak=False)
                if atom.fields.get("year") and not prev.fields.get("year") and prev.kind in CALENDAR:
                    first = replace(first, fields={**prev.fields, "year": atom.fields["year"], "borrowed": "1"})
                out[-1] = Atom(prev.start, atom.end, "range", {}, prev.inner, None, False, False, prev.lead,
                               (first, replace(atom, weak=False)))
                continue
        out.append(atom)
    return out


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _add_months(y: int, m: int, n: int) -> tuple[int, int]:
    k = y * 12 + m - 1 + n
    return k // 12, k % 12 + 1


def _word(table: dict, text: str) -> int | str:
    return table[" ".join(text.lower().rstrip(".").split())]


def _unit(unit: str, d: date) -> tuple[date, date]:
    """The day, ISO week, month or year that holds d."""
    if unit == "week":
        monday = d - timedelta(days=d.weekday())
        return monday, monday + timedelta(days=6)
    if unit == "month":
        return d.replace(day=1), _month_end(d.year, d.month)
    if unit == "year":
        return date(d.year, 1, 1), date(d.year, 12, 31)
    return d, d


def _relative(g: Grammar, f: dict, article: date) -> tuple[date, date]:
    phrase = " ".join(f["rel"].lower().split())
    unit, offset = g.data["relative"][phrase]
    if unit == "day":
        day = article + timedelta(days=offset)
        return day, day
    if unit == "week":
        return _unit("week", article + timedelta(days=7 * offset))
    if unit == "weekend":
        saturday = article - timedelta(days=(article.weekday() - 5) % 7)
        return saturday, min(saturday + timedelta(days=1), article)
    if unit == "month":
        y, m = _add_months(article.year, article.month, offset)
        return date(y, m, 1), _month_end(y, m)
    return date(article.year + offset, 1, 1), date(article.year + offset, 12, 31)


def _ago(g: Grammar, f: dict, article: date, text: str) -> tuple[date, date] | None:
    import dateparser  # (slow to import; only articles that say "vor zwei Wochen" need it)
    got = dateparser.parse(text, languages=[g.lang], settings={
        "RELATIVE_BASE": datetime(article.year, article.month, article.day), "PREFER_DATES_FROM": "past"})
    return _unit(_word(g.data["units"], f["unit"]), got.date()) if got else None


def _calendar(g: Grammar, kind: str, f: dict, year: int) -> tuple[date, date]:
    """A date, day range, month or season in a given year (ValueError: no such day)."""
    if kind == "year":
        return date(year, 1, 1), date(year, 12, 31)
    if kind == "yearrange":  # "2020-24", "2022/23", "2019-2021"
        last = int(f["year2"]) if len(f["year2"]) == 4 else year // 100 * 100 + int(f["year2"])
        return (date(year, 1, 1), date(last, 12, 31)) if last > year else None
    if kind == "season":
        first = _word(g.data["seasons"], f["season"])
        y2, m2 = _add_months(year, first, 2)
        return date(year, first, 1), _month_end(y2, m2)
    month = int(f["mon"]) if f.get("mon") else _word(g.months, f["month"])
    if kind == "month":
        return date(year, month, 1), _month_end(year, month)
    day = date(year, month, int(f["day"]))
    return day, date(year, month, int(f["day2"])) if f.get("day2") else day


def _base(g: Grammar, atom: Atom, article: date | None, text: str) -> tuple[date, date] | None:
    """The interval an atom names before its part and "since" apply (None: it names none)."""
    f, kind = atom.fields, atom.kind
    if kind == "event":
        day = date.fromisoformat(str(g.data["events"][" ".join(f["event"].lower().split())]))
        return day, day
    if kind == "weekday":
        wd = _word(g.weekdays, f["weekday"])
        day = article - timedelta(days=(article.weekday() - wd) % 7)
        return day, day
    if kind == "relative":
        return _relative(g, f, article)
    if kind == "ago":
        return _ago(g, f, article, text[atom.inner:atom.end])
    if f.get("year"):
        return _calendar(g, kind, f, int(f["year"]))
    if f.get("yrel"):
        return _calendar(g, kind, f, article.year + _word(g.data["year_relative"], f["yrel"]))
    got = _calendar(g, kind, f, article.year)  # no year: the latest that began by the article's date
    if atom.lead in g.data["previous_leads"] and got[1] >= article:  # "last spring": the last one ended
        return _calendar(g, kind, f, article.year - 1)
    return _calendar(g, kind, f, article.year - 1) if got[0] > article else got


def _part(span: tuple[date, date], frac: tuple[float, float]) -> tuple[date, date]:
    """A part of a period: whole months of a period of whole months, days of anything shorter."""
    lo, hi = span
    if lo.day == 1 and hi == _month_end(hi.year, hi.month) and (hi.year, hi.month) != (lo.year, lo.month):
        n = (hi.year - lo.year) * 12 + hi.month - lo.month + 1
        a, b = floor(frac[0] * n + 1e-3), ceil(frac[1] * n - 1e-3) - 1
        y1, m1 = _add_months(lo.year, lo.month, a)
        y2, m2 = _add_months(lo.year, lo.month, b)
        return date(y1, m1, 1), _month_end(y2, m2)
    n = (hi - lo).days + 1
    if n < 3:
        return span
    return lo + timedelta(days=floor(frac[0] * n + 1e-3)), lo + timedelta(days=ceil(frac[1] * n - 1e-3) - 1)


def resolve(atom: Atom, lang: str, article: date | None, text: str) -> tuple[date, date] | None:
    """The inclusive interval an atom names, the article's date given (the caller checks
    needs_article first); a year-less date is the latest that began on or before the article's
    date ("im August" in March: last year's). None: it names no interval."""
    g = grammar(lang)
    try:
        if atom.pieces:
            first, second = atom.pieces
            a, b = resolve(first, lang, article, text), resolve(second, lang, article, text)
            if a and b and b[1] < a[0] and (first.fields.get("borrowed") or not first.fields.get("year")):
                # "von November bis März 2024", "zwischen dem 7. Dezember und dem 1. Januar": the year before
                a = _base(g, replace(first, fields={**first.fields, "year": str(a[0].year - 1)}), article, text)
            return (a[0], b[1]) if a and b and a[0] <= b[1] else None
        span = _base(g, atom, article, text)
        if span and atom.part:
            span = _part(span, atom.part)
        if span and atom.since:
            span = (span[0], article) if span[0] <= article else None
        if span and atom.fields.get("rel") and " ".join(atom.fields["rel"].lower().split()) in g.data["until_article"]:
            span = (span[0], min(span[1], article))
        return span
    except (ValueError, KeyError, TypeError, OverflowError):
        return None  # "31. Februar", a word the tables lack


def precision(atom: Atom, span: tuple[date, date]) -> str:
    """range for words that give a span from-to (or since); else the unit the bounds are stated in."""
    lo, hi = span
    if atom.pieces or atom.since or atom.kind in ("dayrange", "yearrange"):
        return "range"
    if lo.day == 1 and hi == _month_end(hi.year, hi.month):
        return "year" if (lo.month, hi.month) == (1, 12) and lo.year == hi.year else "month"
    return "day"
