"""Lists of pages to read: the items of an RSS or Atom feed (feedparser) and a file of URLs."""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from urllib.parse import urljoin

import feedparser

from graph.errors import DocumentError, InputError
from loaders.article_files import os_reason
from loaders.documents import too_large
from loaders.fetch import FeedLink, Fetcher, checked_url, is_url

_COMMENT = re.compile(r"\s+#.*\Z")


def url_list(path: str | Path) -> list[str | DocumentError]:
    """The URLs a file lists, one a line (blank lines and "#" comments, whole lines or after a URL,
    are ignored); a line that is no URL is a DocumentError naming FILE:LINE. InputError when the
    file cannot be read."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as err:
        raise InputError(f"--urls {path}: {os_reason(err)}") from None
    except UnicodeDecodeError:
        raise InputError(f"--urls {path}: not a text file (UTF-8) of URLs") from None
    items: list[str | DocumentError] = []
    for number, line in enumerate(text.splitlines(), 1):
        line = _COMMENT.sub("", line.strip())
        if not line or line.startswith("#"):
            continue
        items.append(line if is_url(line) else DocumentError(
            f"{path}:{number}", f"not a URL: {line[:80]!r} (one http:// or https:// URL a line)"))
    return items


def _normal(url: str) -> str:
    try:
        return checked_url(url)
    except DocumentError:
        return url  # (refused, with its reason, when it is read)


def feed_links(url: str, fetcher: Fetcher) -> list[FeedLink]:
    """The pages an RSS or Atom feed's items link to (in the feed's order, each once, with the
    item's date), or DocumentError: the feed cannot be fetched, or it is no feed."""
    page = fetcher.fetch(url)
    if fetcher.too_large(page):
        raise DocumentError(url, too_large(page.size, fetcher.max_bytes, exact=not page.cut))
    parsed = feedparser.parse(page.raw, response_headers={"content-location": page.url,
                                                          "content-type": page.content_type or "application/xml"})
    if not parsed.get("version"):
        kind = page.content_type.split(";", 1)[0].strip()
        raise DocumentError(url, "not an RSS or Atom feed" + (f" (Content-Type {kind})" if kind else ""))
    links: dict[str, str | None] = {}
    for entry in parsed.entries:
        if link := (entry.get("link") or "").strip():
            links.setdefault(_normal(urljoin(page.url, link)), _entry_date(entry))
    return [FeedLink(link, published) for link, published in links.items()]


def _entry_date(entry) -> str | None:
    """The day a feed gives an item (when it was published, else updated: feedparser's UTC), ISO."""
    when = entry.get("published_parsed") or entry.get("updated_parsed")
    return f"{when.tm_year:04d}-{when.tm_mon:02d}-{when.tm_mday:02d}" if when else None


def feed_items(feeds: Iterable[str], fetcher: Fetcher, summary,
               held: Callable[[list[str]], set[str]] | None = None) -> Iterator[str]:
    """The new items' URLs of the feeds: those whose page (as linked, or where the cached page's
    redirects led) is not held already by `held(urls)` (the store's sources; None: every item).
    Items held are counted in `summary.known`; a feed that fails is added to `summary.skipped`."""
    for url in feeds:
        try:
            links = feed_links(url, fetcher)
        except DocumentError as err:
            summary.skipped.append((url, err.reason))
            continue
        finals = {link: fetcher.cached_url(link) or link for link in links}
        stored = held([*links, *finals.values()]) if held is not None and links else set()
        for link in links:
            if link in stored or finals[link] in stored:
                summary.known += 1
            else:
                yield link
