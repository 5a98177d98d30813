"""Fetching pages from the web, politely: robots.txt obeyed, one host asked at most once per interval,
redirects followed up to a limit, a timeout, a size limit read while the page streams in, and the
pages kept on disk (loaders/web_cache.py) so that a re-run fetches nothing. Every failure is a
DocumentError with a one-line reason; what a page says is read by loaders/documents.read_bytes."""
from __future__ import annotations

import re
import socket
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit, urlunsplit
from urllib.robotparser import RobotFileParser

import httpx

from graph.errors import DocumentError
from graph.settings import Settings
from loaders.web_cache import Page, WebCache

SCHEMES = ("http", "https")
# Content-Type -> the media type documents.read_bytes reads it as (a page without one is sniffed)
CONTENT_TYPES = {"text/html": "html", "application/xhtml+xml": "html", "text/plain": "text",
                 "text/markdown": "markdown", "text/x-markdown": "markdown"}
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")


class FeedLink(str):
    """A feed item's URL, with the date the feed gives the item (`published`: ISO, or None); it
    is the article's date when nothing more trusted gives one (documents.read_url)."""

    published: str | None = None

    def __new__(cls, url: str, published: str | None = None) -> "FeedLink":
        link = super().__new__(cls, url)
        link.published = published
        return link


def is_url(item: object) -> bool:
    """Whether an input names a web page (anything with a scheme, "x://"), not a file."""
    return isinstance(item, str) and _SCHEME.match(item.strip()) is not None


def checked_url(url: str) -> str:
    """The URL without its #fragment (never sent), or DocumentError("bad URL: ...") saying what is wrong."""
    try:
        parts = urlsplit(url.strip())
        parts.port  # noqa: B018 - raises ValueError for a port out of range or not a number
    except ValueError as err:
        reason = str(err)
        raise DocumentError(url, f"bad URL: {reason[:1].lower()}{reason[1:]}") from None
    if parts.scheme.lower() not in SCHEMES:
        raise DocumentError(url, f"bad URL: scheme {parts.scheme or '(none)'!r} is not fetched (only http and https)")
    if not parts.hostname:
        raise DocumentError(url, "bad URL: no host")
    if any(c.isspace() or ord(c) < 32 for c in url.strip()):
        raise DocumentError(url, "bad URL: contains a space or a control character")
    try:
        return str(httpx.URL(urlunsplit(parts._replace(fragment=""))))  # (as the client writes it)
    except httpx.InvalidURL as err:
        raise DocumentError(url, f"bad URL: {str(err).lower()}") from None


def media_type(page: Page) -> str | None:
    """The media type documents.read_bytes reads a page as, from its Content-Type: None when the
    server did not say (the reader then tells by the page's start), DocumentError when it is neither
    HTML nor text."""
    kind = page.content_type.split(";", 1)[0].strip().lower()
    if kind and kind not in CONTENT_TYPES:
        raise DocumentError(page.url, f"not HTML or text (Content-Type {kind})")
    return CONTENT_TYPES.get(kind)


def connection_reason(err: Exception) -> str:
    """Why a connection failed, in a few words: 'connection refused', 'host not found', ..."""
    cause = err
    while cause is not None and not isinstance(cause, OSError):
        cause = cause.__cause__ or cause.__context__
    if isinstance(cause, socket.gaierror):
        return f"host not found ({(cause.strerror or str(cause)).lower()})"
    if isinstance(cause, OSError) and cause.strerror:
        return cause.strerror.lower()
    return str(err).lower() or type(err).__name__


@dataclass
class Fetcher:
    """Fetches pages for one run (see the module's note); `requests` counts what it asked servers."""

    timeout: float
    max_bytes: int
    max_redirects: int
    interval: float
    user_agent: str
    cache: WebCache | None = None
    requests: int = 0

    def __post_init__(self) -> None:
        self.client: httpx.Client | None = None
        self.last: dict[str, float] = {}  # host -> when it was last asked (time.monotonic)
        self.robots: dict[str, RobotFileParser | DocumentError] = {}  # scheme://host -> its rules

    @classmethod
    def from_settings(cls, s: Settings, cached: bool = True) -> "Fetcher":
        """A fetcher with the settings' timeout, size limit, redirects, interval, User-Agent and cache."""
        return cls(timeout=s.fetch_timeout, max_bytes=s.max_bytes, max_redirects=s.max_redirects,
                   interval=s.fetch_interval, user_agent=s.user_agent,
                   cache=WebCache(s.web_cache) if cached else None)

    def close(self) -> None:
        if self.client is not None:
            self.client.close()
            self.client = None

    def __enter__(self) -> "Fetcher":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def page(self, url: str) -> Page:
        """An article's page: from the cache when it holds it, else fetched (and then kept); its
        media type read from the Content-Type (DocumentError when neither HTML nor text)."""
        key = checked_url(url)
        if self.cache is not None and (kept := self.cache.get(key)) is not None:
            return kept
        page = self.fetch(url)
        try:
            media_type(page)
        except DocumentError as err:
            raise DocumentError(url, err.reason + self.at(url, page.url)) from None
        if self.cache is not None and not self.too_large(page):
            self.cache.put(key, page)
        return page

    def too_large(self, page: Page) -> bool:
        return page.cut or page.size > self.max_bytes

    def cached_url(self, url: str) -> str | None:
        """The final URL of a page the cache holds (after its redirects), else None."""
        try:
            kept = self.cache.get(checked_url(url)) if self.cache is not None else None
        except DocumentError:
            return None
        return kept.url if kept is not None else None

    def fetch(self, url: str) -> Page:
        """The answer at `url` (never from the cache: a feed), redirects followed; a page larger than
        max_bytes is cut after max_bytes + 1 bytes (see Page). DocumentError if it fails."""
        current = checked_url(url)
        for _ in range(self.max_redirects + 1):
            try:
                self.allowed(current)
                page, location = self.get(current)
            except DocumentError as err:
                raise DocumentError(url, err.reason + self.at(url, current)) from None
            if location is None:
                return page
            try:
                current = checked_url(urljoin(current, location))
            except DocumentError as err:
                raise DocumentError(url, f"redirected to a {err.reason}: {location}") from None
        raise DocumentError(url, f"too many redirects (more than {self.max_redirects}; set ARMSGRAPH_MAX_REDIRECTS)")

    @staticmethod
    def at(given: str, current: str) -> str:
        """' (at URL)' when a failure happened after a redirect, else ''."""
        return "" if checked_url(given) == current else f" (at {current})"

    def wait_for(self, url: str) -> None:
        """Sleep until the host may be asked again (`interval` after the last request to it)."""
        host = urlsplit(url).netloc.lower()
        if (last := self.last.get(host)) is not None:
            time.sleep(max(0.0, last + self.interval - time.monotonic()))
        self.last[host] = time.monotonic()

    def http(self) -> httpx.Client:
        if self.client is None:
            self.client = httpx.Client(timeout=httpx.Timeout(self.timeout), follow_redirects=False,
                                       headers={"User-Agent": self.user_agent})
        return self.client

    def get(self, url: str, *, fail: bool = True) -> tuple[Page, str | None]:
        """One request: (the page, None), or (an empty page, where a redirect leads). An HTTP error
        status is a DocumentError (unless not `fail`: then the page with its status)."""
        self.wait_for(url)
        self.requests += 1
        started = time.monotonic()
        try:
            with self.http().stream("GET", url) as response:
                location = response.headers.get("location") if response.is_redirect else None
                if location is not None:
                    return Page(url, b"", "", 0, response.status_code), location
                if response.status_code >= 400 and fail:
                    raise DocumentError(url, f"HTTP {response.status_code} {response.reason_phrase}".rstrip())
                return self.body(url, response, started), None
        except httpx.TimeoutException:
            raise DocumentError(url, f"timeout: no answer within {self.timeout:g} s "
                                     "(set ARMSGRAPH_FETCH_TIMEOUT)") from None
        except httpx.TransportError as err:
            raise DocumentError(url, connection_reason(err)) from None
        except httpx.HTTPError as err:  # (a body its Content-Encoding does not decode)
            raise DocumentError(url, f"unreadable answer: {str(err).lower()}") from None

    def body(self, url: str, response: httpx.Response, started: float) -> Page:
        """The answer's bytes, at most max_bytes + 1 (a longer page is cut, see Page), all within
        `timeout` of the request (a server that trickles is cut off)."""
        content_type = response.headers.get("content-type", "")
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            return Page(str(response.url), b"", content_type, int(declared), response.status_code)
        raw = bytearray()
        for chunk in response.iter_bytes():  # (as they come: a chunk size would wait to fill it)
            raw += chunk
            if len(raw) > self.max_bytes:
                break
            if time.monotonic() - started > self.timeout:
                raise httpx.ReadTimeout("the whole answer took too long")
        raw = raw[:self.max_bytes + 1]
        return Page(str(response.url), bytes(raw), content_type, len(raw), response.status_code,
                    cut=len(raw) > self.max_bytes)

    def allowed(self, url: str) -> None:
        """DocumentError when the host's robots.txt (read once per host and run) forbids the page."""
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self.robots:
            self.robots[origin] = self.rules(origin)
        rules = self.robots[origin]
        if isinstance(rules, DocumentError):
            raise DocumentError(url, rules.reason)
        if not rules.can_fetch(self.user_agent, url):
            raise DocumentError(url, f"refused by robots.txt ({origin}/robots.txt disallows it)")

    def rules(self, origin: str) -> RobotFileParser | DocumentError:
        """The host's robots.txt as the standard library reads it: 401 or 403 forbid every page,
        another 4xx allows every page, a server error forbids every page (a failure to connect is
        the page's failure). Its redirects are followed (up to max_redirects; more, or one to a
        bad URL, is no robots.txt: every page allowed)."""
        rules = RobotFileParser(f"{origin}/robots.txt")
        url = rules.url
        for _ in range(self.max_redirects + 1):
            try:
                page, location = self.get(url, fail=False)
            except DocumentError as err:
                return err
            if location is None:
                break
            try:
                url = checked_url(urljoin(url, location))
            except DocumentError:
                break  # (location is set: allowed, below)
        if location is not None or 400 <= page.status < 500 and page.status not in (401, 403):
            rules.allow_all = True
        elif page.status >= 400:
            return DocumentError(origin, f"refused by robots.txt (HTTP {page.status} for {url}: the "
                                         "host forbids every page)")
        else:
            rules.parse(page.raw.decode("utf-8", "replace").splitlines())
        return rules
