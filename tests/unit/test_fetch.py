"""Fetching pages (loaders/fetch.py) and feeds (loaders/feeds.py) from a real HTTP server on
127.0.0.1: redirects, errors, timeouts, size limits, robots.txt, the rate per host and the cache."""
from __future__ import annotations

import socket
import time

import pytest

from graph.errors import DocumentError, InputError
from graph.settings import Settings
from loaders.documents import read_documents, read_url
from loaders.feeds import feed_items, feed_links, url_list
from loaders.fetch import Fetcher, checked_url, is_url
from loaders.load_summary import Summary
from loaders.web_cache import WebCache
from tests.web_server import BIG_BYTES, SLOW_SECONDS, site  # noqa: F401 - the fixture

UA = "armsgraph/0.1 (test)"


def fetcher(tmp_path=None, **kw) -> Fetcher:
    options = {"timeout": 5.0, "max_bytes": 100_000, "max_redirects": 5, "interval": 0.0, "user_agent": UA,
               "cache": WebCache(tmp_path / "cache") if tmp_path is not None else None, **kw}
    return Fetcher(**options)


def refused(url: str, f: Fetcher) -> str:
    with pytest.raises(DocumentError) as info:
        read_url(url, f)
    assert info.value.source == url
    return info.value.reason


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_an_html_page_and_a_text_page_are_documents_with_their_url(site):
    with fetcher() as f:
        de = read_url(f"{site.base}/news/raketen.html", f)
        en = read_url(f"{site.base}/news/shells.txt", f)
        sniffed = read_url(f"{site.base}/news/no-type", f)  # no Content-Type: read by its start
    assert (de.source, de.language, de.name) == (f"{site.base}/news/raketen.html", "de", "raketen")
    assert de.title.startswith("Laut US-Geheimdiensten") and "<p>" not in de.text and "Start" not in de.text
    assert (en.language, en.text.split("\n")[0]) == ("en", en.title)
    assert sniffed.language == "de" and "<" not in sniffed.text
    assert site.user_agents == {UA}


def test_redirects_are_followed_and_the_source_is_the_final_url(site):
    with fetcher() as f:
        doc = read_url(f"{site.base}/twice", f)
        assert doc.source == f"{site.base}/news/raketen.html"
        assert refused(f"{site.base}/loop", f) == "too many redirects (more than 5; set ARMSGRAPH_MAX_REDIRECTS)"
        assert site.requests["/loop"] == 6
        assert refused(f"{site.base}/to-ftp", f) == ("redirected to a bad URL: scheme 'ftp' is not fetched "
                                                     "(only http and https): ftp://example.org/x")
    with fetcher(max_redirects=1) as f:
        assert refused(f"{site.base}/twice", f).startswith("too many redirects (more than 1;")


@pytest.mark.parametrize("path,reason", [
    ("/nothing", "HTTP 404 Not Found"),
    ("/broken", "HTTP 500 Internal Server Error"),
    ("/report.pdf", "not HTML or text (Content-Type application/pdf)"),
    ("/bad-gzip", "unreadable answer: error -3 while decompressing data: incorrect header check"),
    ("/big", f"too large: {BIG_BYTES / 1e6:.1f} MB (limit 0.1 MB; set ARMSGRAPH_MAX_BYTES)"),
    ("/big-chunked", "too large: more than 0.1 MB (limit 0.1 MB; set ARMSGRAPH_MAX_BYTES)"),
    ("/private/secret.html", "refused by robots.txt ({base}/robots.txt disallows it)"),
    ("/to-private", "refused by robots.txt ({base}/robots.txt disallows it) (at {base}/private/secret.html)"),
])
def test_a_page_that_fails_is_one_reason(site, path, reason):
    with fetcher() as f:
        assert refused(site.base + path, f) == reason.format(base=site.base)
    assert site.requests["/robots.txt"] == 1


def test_an_oversized_page_is_not_read_to_its_end(site, tmp_path):
    with fetcher(tmp_path) as f:
        page = f.fetch(f"{site.base}/big-chunked")
    assert len(page.raw) == 100_001 and page.size == 100_001
    assert not list((tmp_path / "cache").rglob("*.page"))  # (never kept)


def test_a_slow_answer_is_a_timeout(site):
    started = time.monotonic()
    with fetcher(timeout=0.4) as f:
        assert refused(f"{site.base}/slow", f) == "timeout: no answer within 0.4 s (set ARMSGRAPH_FETCH_TIMEOUT)"
    assert time.monotonic() - started < SLOW_SECONDS


def test_a_page_that_trickles_in_is_a_timeout_too(site):
    """Each piece comes within the timeout, the whole page does not: it is cut off all the same."""
    started = time.monotonic()
    with fetcher(timeout=0.4) as f:
        assert refused(f"{site.base}/trickle", f) == "timeout: no answer within 0.4 s (set ARMSGRAPH_FETCH_TIMEOUT)"
    assert time.monotonic() - started < 1.5


@pytest.mark.parametrize("url,reason", [
    ("http://", "bad URL: no host"),
    ("ftp://example.org/a.txt", "bad URL: scheme 'ftp' is not fetched (only http and https)"),
    ("http://exa mple.org/", "bad URL: contains a space or a control character"),
    ("http://[::1/x", "bad URL: invalid IPv6 URL"),
    ("http://example.org:99999/", "bad URL: port out of range 0-65535"),
])
def test_a_malformed_url_is_refused_before_any_request(url, reason):
    with fetcher() as f:
        assert refused(url, f) == reason
        assert f.requests == 0


def test_an_unreachable_host_is_one_reason():
    url = f"http://127.0.0.1:{free_port()}/news.html"
    with fetcher() as f:
        assert refused(url, f) == "connection refused"
        assert refused("http://no-such-host.invalid/x", f).startswith("host not found")


def test_robots_txt_that_fails_or_is_missing(site):
    site.robots = (503, b"")
    with fetcher() as f:
        assert refused(f"{site.base}/news/raketen.html", f) == (
            f"refused by robots.txt (HTTP 503 for {site.base}/robots.txt: the host forbids every page)")
    site.robots = (404, b"")
    with fetcher() as f:
        assert read_url(f"{site.base}/private/secret.html", f).language == "de"


def test_a_robots_txt_that_redirects_is_followed(site):
    site.robots = (301, b"")
    with fetcher() as f:
        assert refused(f"{site.base}/private/secret.html", f).startswith("refused by robots.txt")
        assert read_url(f"{site.base}/news/raketen.html", f).language == "de"
    assert site.requests["/robots.txt"] == site.requests["/rules/robots.txt"] == 1


def test_one_host_is_asked_at_most_once_per_interval(site):
    with fetcher(interval=0.25) as f:
        for path in ("/news/raketen.html", "/news/shells.txt", "/news/more.html"):
            read_url(site.base + path, f)
    assert [path for path, _ in site.times][0] == "/robots.txt" and len(site.times) == 4
    times = [t for _, t in site.times[1:]]  # (the first connection's set-up delays robots.txt's time)
    assert all(b - a >= 0.2 for a, b in zip(times, times[1:])), times
    assert times[-1] - times[0] >= 0.45


def test_a_rerun_reads_the_cache_and_asks_nothing(site, tmp_path):
    urls = [f"{site.base}/news/raketen.html", f"{site.base}/twice", f"{site.base}/news/shells.txt"]
    with fetcher(tmp_path) as f:
        first = [read_url(url, f) for url in urls]
    asked = sum(site.requests.values())
    with fetcher(tmp_path) as f:
        again = [read_url(url, f) for url in urls]
        assert f.requests == 0 and f.cached_url(urls[1]) == urls[0]
    assert sum(site.requests.values()) == asked
    assert [(d.id, d.source, d.title) for d in again] == [(d.id, d.source, d.title) for d in first]


def test_a_broken_cache_file_is_fetched_again(site, tmp_path):
    url = f"{site.base}/news/raketen.html"
    with fetcher(tmp_path) as f:
        read_url(url, f)
    f.cache.path(checked_url(url)).write_bytes(b"not json\n")
    with fetcher(tmp_path) as f:
        assert read_url(url, f).language == "de" and f.requests == 2  # robots.txt and the page


def test_urls_files_and_errors_are_read_in_one_pass(site, tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Nordkorea hat Russland Raketen geliefert, sagte der Sprecher am Montag in Seoul.")
    given = [str(article), f"{site.base}/news/shells.txt", f"{site.base}/nothing", DocumentError("x:1", "not a URL")]
    with fetcher() as f:
        out = list(read_documents(given, fetcher=f))
    assert [getattr(item, "source", None) for item in out] == [
        str(article), f"{site.base}/news/shells.txt", f"{site.base}/nothing", "x:1"]
    assert [type(item).__name__ for item in out] == ["Document", "Document", "DocumentError", "DocumentError"]


def test_is_url():
    assert is_url("https://example.org/a") and is_url("ftp://x") and is_url("HTTP://X")
    assert not is_url("data/articles") and not is_url("-") and not is_url("www.example.org/a")


# feeds and lists of URLs ---------------------------------------------------------------------

def test_rss_and_atom_feeds_give_their_items_links(site):
    with fetcher() as f:
        assert feed_links(f"{site.base}/feed.rss", f) == [f"{site.base}/news/raketen.html",
                                                          f"{site.base}/news/shells.txt"]  # a relative link too
        assert feed_links(f"{site.base}/feed.atom", f) == [f"{site.base}/news/raketen.html",
                                                           f"{site.base}/news/more.html"]
        assert feed_links(f"{site.base}/empty-feed.rss", f) == []


def test_a_feed_cannot_read_local_files_into_its_links(site):
    with fetcher() as f:
        assert feed_links(f"{site.base}/hostile.rss", f) == [f"{site.base}/news/"]


@pytest.mark.parametrize("path,reason", [("/not-a-feed", "not an RSS or Atom feed (Content-Type text/html)"),
                                         ("/nothing", "HTTP 404 Not Found")])
def test_what_is_not_a_feed_is_one_reason(site, path, reason):
    with fetcher() as f, pytest.raises(DocumentError) as info:
        feed_links(site.base + path, f)
    assert info.value.reason == reason


def test_feed_items_held_already_are_not_fetched(site, tmp_path):
    summary = Summary()
    feeds = [f"{site.base}/feed.rss", f"{site.base}/not-a-feed"]
    with fetcher(tmp_path) as f:
        f.page(f"{site.base}/twice")  # cached: the item's page, reached by a redirect
        held = {f"{site.base}/news/raketen.html"}
        items = list(feed_items(feeds, f, summary, lambda urls: held.intersection(urls)))
    assert items == [f"{site.base}/news/shells.txt"] and summary.known == 1
    assert summary.skipped == [(f"{site.base}/not-a-feed", "not an RSS or Atom feed (Content-Type text/html)")]


def test_a_urls_file(tmp_path):
    path = tmp_path / "urls.txt"
    path.write_text("# news\nhttps://example.org/a.html\n\n  https://example.org/b#c  # a comment\nexample.org/c\n")
    items = url_list(path)
    assert items[:2] == ["https://example.org/a.html", "https://example.org/b#c"]
    assert (items[2].source, items[2].reason) == (f"{path}:5", "not a URL: 'example.org/c' (one http:// or "
                                                               "https:// URL a line)")
    with pytest.raises(InputError, match=r"^--urls .*nowhere.txt: no such file or directory$"):
        url_list(tmp_path / "nowhere.txt")


def test_the_fetcher_takes_the_settings(tmp_path):
    s = Settings(fetch_timeout=3.0, fetch_interval=0.5, max_redirects=2, max_bytes=1000, web_cache=tmp_path,
                 user_agent="x/1")
    f = Fetcher.from_settings(s)
    assert (f.timeout, f.interval, f.max_redirects, f.max_bytes, f.user_agent) == (3.0, 0.5, 2, 1000, "x/1")
    assert f.cache.folder == tmp_path and Fetcher.from_settings(s, cached=False).cache is None
