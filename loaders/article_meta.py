"""An article's own date, outlet and URL, and where each came from (docs/sources.md): the options of
a run, a sidecar file (ARTICLE.json beside ARTICLE.txt), the page's metadata (HTML, a markdown
file's front matter) and a dateline at the start of the text, trusted in that order.

What a user states (an option, a sidecar) must be right: a bad value is an error (an option) or
the document's skip reason (a sidecar). What an article says of itself is read when it can be: a
date that cannot be read is left empty, an impossible one (31 February, before 1800, in the
future) is a one-line warning and left empty; nothing is ever guessed."""
from __future__ import annotations

import json
import logging
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

from graph.errors import DocumentError, InputError
from graph.model import Document
from loaders import datelines
from loaders.article_files import SIDECAR_SUFFIX, os_reason

log = logging.getLogger("loaders.documents")  # the one logger of reading articles

FIELDS = ("published", "outlet", "url")
SIDECAR_KEYS = ("date", "url", "outlet", "title")
SIDECAR_MAX_BYTES = 64 * 1024
OUTLET_CHARS = 200
EARLIEST = date(1800, 1, 1)
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ][\d:.,+\-Z]*)?\Z")


@dataclass(frozen=True, slots=True)
class Meta:
    """What one source says of an article. `month_day`: a date without a year (a dateline's
    "Nov 21"), which only another source's date can complete."""

    published: str | None = None
    outlet: str | None = None
    url: str | None = None
    title: str | None = None
    month_day: tuple[int, int] | None = None


def day(year: int, month: int, day_: int) -> str:
    """The ISO date of a day, or ValueError saying why there is no such day (31 February, before
    1800, in the future: later than tomorrow, whatever the time zone)."""
    try:
        found = date(year, month, day_)
    except ValueError:
        raise ValueError("no such day") from None
    if found < EARLIEST:
        raise ValueError(f"before {EARLIEST.year}")
    if found > date.today() + timedelta(days=1):
        raise ValueError("in the future")
    return found.isoformat()


def iso_date(value: str) -> str:
    """An ISO date (YYYY-MM-DD, or the date of an ISO date and time), or ValueError: 'not a date
    (...)' when it is not written as one, else why the day is impossible."""
    value = value.strip()
    if not _ISO.match(value):
        raise ValueError("not a date (write it as YYYY-MM-DD)")
    if len(value) > 10:
        try:
            datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            raise ValueError("not a date (write it as YYYY-MM-DD)") from None
    return day(int(value[:4]), int(value[5:7]), int(value[8:10]))


def web_url(value: str) -> str:
    """An http(s) URL as given (stripped), or ValueError."""
    value = value.strip()
    parts = urlsplit(value)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or any(c.isspace() for c in value):
        raise ValueError("not a web address (http:// or https://)")
    return value


def outlet_name(value: str) -> str:
    """An outlet's name on one line, or ValueError when it is empty or too long."""
    value = " ".join(value.split())
    if not value:
        raise ValueError("empty")
    if len(value) > OUTLET_CHARS:
        raise ValueError(f"longer than {OUTLET_CHARS} characters")
    return value


def given(published: str | None = None, outlet: str | None = None, url: str | None = None) -> Meta | None:
    """What the options of a run say of all its articles (None when nothing), or InputError."""
    checks = (("--date", published, iso_date), ("--outlet", outlet, outlet_name), ("--url", url, web_url))
    values = {}
    for option, value, check in checks:
        try:
            values[option] = check(value) if value is not None else None
        except ValueError as err:
            raise InputError(f"{option} {value!r}: {err}") from None
    meta = Meta(values["--date"], values["--outlet"], values["--url"])
    return meta if any((meta.published, meta.outlet, meta.url)) else None


def sidecar_path(article: str | os.PathLike) -> Path:
    """Where an article's sidecar is: ARTICLE.json beside ARTICLE.txt (or .html, .md)."""
    return Path(article).with_suffix(SIDECAR_SUFFIX)


def _sidecar_values(data: object) -> Meta:
    """The sidecar's values, or ValueError saying what is wrong with it."""
    if not isinstance(data, dict):
        raise ValueError(f"not a JSON object but {type(data).__name__}")
    if unknown := sorted(set(data) - set(SIDECAR_KEYS)):
        raise ValueError(f"unknown key {unknown[0]!r} (a sidecar has {', '.join(SIDECAR_KEYS)})")
    for key, value in data.items():
        if value is not None and not isinstance(value, str):
            raise ValueError(f"{key} is {type(value).__name__}, not a string")
    checks = {"date": iso_date, "url": web_url, "outlet": outlet_name}
    values = {}
    for key, check in checks.items():
        if (value := data.get(key)) is not None and value.strip():
            try:
                values[key] = check(value)
            except ValueError as err:
                raise ValueError(f"{key} {value!r}: {err}") from None
    return Meta(values.get("date"), values.get("outlet"), values.get("url"), (data.get("title") or "").strip() or None)


def read_sidecar(article: str | os.PathLike) -> Meta | None:
    """An article's sidecar (None when it has none), or DocumentError for the article naming
    what is wrong with the sidecar: the article is skipped rather than stored without the date
    its user gave it."""
    path = sidecar_path(article)
    try:
        with open(path, "rb") as fh:
            raw = fh.read(SIDECAR_MAX_BYTES + 1)
    except FileNotFoundError:
        return None
    except OSError as err:
        raise DocumentError(str(article), f"sidecar {path.name}: {os_reason(err)}") from None
    try:
        if len(raw) > SIDECAR_MAX_BYTES:
            raise ValueError(f"larger than {SIDECAR_MAX_BYTES // 1024} KB")
        try:
            data = json.loads(raw)
        except (ValueError, UnicodeError) as err:
            raise ValueError(f"not JSON ({str(err).split(':')[0].lower()})") from None
        return _sidecar_values(data)
    except ValueError as err:
        raise DocumentError(str(article), f"sidecar {path.name}: {err}") from None


def _warn_impossible(source: str, origin: str, text: str, reason: str) -> None:
    log.warning("%s: the %s date %s is impossible (%s); left empty", source, origin, text, reason)


def from_markup(source: str, published: object = None, outlet: object = None, url: object = None,
                title: object = None) -> Meta:
    """What a page's metadata (HTML, markdown front matter) says: values that cannot be read are
    left out; an impossible date is a warning."""
    found = None
    if published is not None:
        try:
            found = iso_date(str(published))
        except ValueError as err:
            if not str(err).startswith("not a date"):
                _warn_impossible(source, "page's", str(published), str(err))
    cleaned = {}
    for key, value, check in (("outlet", outlet, outlet_name), ("url", url, web_url)):
        try:
            cleaned[key] = check(str(value)) if value is not None else None
        except ValueError:
            cleaned[key] = None
    return Meta(found, cleaned["outlet"], cleaned["url"], str(title) if title else None)


def from_dateline(source: str, text: str) -> Meta | None:
    """What the text's dateline says (None without one): an impossible date is a warning."""
    line = datelines.find(text)
    if line is None:
        return None
    published = month_day = None
    if line.month is not None and line.year is None:
        month_day = (line.month, line.day)
    elif line.month is not None:
        try:
            published = day(line.year, line.month, line.day)
        except ValueError as err:
            _warn_impossible(source, "dateline's", repr(line.text), str(err))
    return Meta(published, line.agency, month_day=month_day)


def _completed(month_day: tuple[int, int], other: str) -> str | None:
    """A day without a year in the year of another date, or the year before or after when that
    brings it closer ("Dec 31" beside 2025-01-02 is 2024-12-31); None when it is no day then."""
    near = date.fromisoformat(other)
    days = []
    for year in (near.year - 1, near.year, near.year + 1):
        try:
            days.append(date(year, *month_day))
        except ValueError:
            continue
    return min(days, key=lambda d: abs(d - near)).isoformat() if days else None


def settle(doc: Document, found: Iterable[tuple[str, Meta | None]]) -> Document:
    """Set the document's published, outlet and url, each from the first source (in the order
    given: most trusted first) that has it, with where it came from."""
    found = [(origin, meta) for origin, meta in found if meta is not None]
    dates = [meta.published for _, meta in found if meta.published]
    for field in FIELDS:
        for origin, meta in found:
            value = getattr(meta, field)
            if field == "published" and value is None and meta.month_day and dates:
                value = _completed(meta.month_day, dates[0])
            if value:
                setattr(doc, field, value)
                setattr(doc, f"{field}_from", origin)
                break
    return doc
