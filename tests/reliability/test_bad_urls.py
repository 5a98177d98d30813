"""Bad web input: a URL, a feed or a --urls file that cannot be used is one line naming it and the
reason, the command exits 2 when nothing could be read (as for files), and what is stored (Neo4j and
the mirror file) stays exactly as it was. The pages come from a real HTTP server on 127.0.0.1."""
from __future__ import annotations

import json
import socket

import pytest

from tests.reliability.conftest import error_lines
from tests.web_server import site  # noqa: F401 - the fixture


@pytest.fixture(autouse=True)
def web_settings(monkeypatch, tmp_path):
    monkeypatch.setenv("ARMSGRAPH_WEB_CACHE", str(tmp_path / "web-cache"))
    monkeypatch.setenv("ARMSGRAPH_FETCH_INTERVAL", "0")
    monkeypatch.setenv("ARMSGRAPH_FETCH_TIMEOUT", "0.5")
    monkeypatch.setenv("ARMSGRAPH_MAX_BYTES", "100000")


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# what is given (BASE: the test server), the reason the one line must give
REFUSED = [
    ("http://exa mple.org/a.html", "bad URL: contains a space or a control character"),
    ("http:///a.html", "bad URL: no host"),
    ("https://[::1/a.html", "bad URL: invalid IPv6 URL"),
    ("gopher://example.org/a", "bad URL: scheme 'gopher' is not fetched (only http and https)"),
    (f"http://127.0.0.1:{closed_port()}/a.html", "connection refused"),
    ("BASE/gone.html", "HTTP 404 Not Found"),
    ("BASE/broken", "HTTP 500 Internal Server Error"),
    ("BASE/slow", "timeout: no answer within 0.5 s (set ARMSGRAPH_FETCH_TIMEOUT)"),
    ("BASE/big", "too large: 0.3 MB (limit 0.1 MB; set ARMSGRAPH_MAX_BYTES)"),
    ("BASE/report.pdf", "not HTML or text (Content-Type application/pdf)"),
    ("BASE/private/secret.html", "refused by robots.txt (BASE/robots.txt disallows it)"),
    ("BASE/loop", "too many redirects (more than 5; set ARMSGRAPH_MAX_REDIRECTS)"),
]


@pytest.mark.parametrize("url,reason", REFUSED, ids=[r for _, r in REFUSED])
def test_a_url_that_fails_is_one_line_exit_2_and_changes_nothing(baseline, site, url, reason):
    url, reason = url.replace("BASE", site.base), reason.replace("BASE", site.base)
    result = baseline.cli("load", url, "--json")
    assert result.exit_code == 2, result.output
    assert json.loads(result.output)["skipped"] == [[url, reason]]
    result = baseline.cli("load", url)
    assert [line.strip() for line in result.output.splitlines() if url in line] == [f"skipped {url}: {reason}"]
    baseline.assert_untouched()
    extracted = baseline.cli("extract", url)
    assert extracted.exit_code == 2
    assert error_lines(extracted.stderr) == [f"skipped {url}: {reason}", "error: no readable document among the inputs"]


@pytest.mark.parametrize("path,reason", [
    ("/not-a-feed", "not an RSS or Atom feed (Content-Type text/html)"),
    ("/report.pdf", "not an RSS or Atom feed (Content-Type application/pdf)"),
    ("/gone.rss", "HTTP 404 Not Found"),
])
def test_a_feed_that_is_no_feed_is_one_line_exit_2_and_changes_nothing(baseline, site, path, reason):
    feed = site.base + path
    for command in ("load", "extract"):
        result = baseline.cli(command, "--feed", feed)
        assert result.exit_code == 2, result.output
        output = result.output if command == "load" else result.stderr
        assert [line.strip() for line in output.splitlines() if feed in line] == [f"skipped {feed}: {reason}"]
    baseline.assert_untouched()


def test_an_unreachable_feed(baseline):
    feed = f"http://127.0.0.1:{closed_port()}/feed.rss"
    result = baseline.cli("load", "--feed", feed, "--json")
    assert result.exit_code == 2
    assert json.loads(result.output)["skipped"] == [[feed, "connection refused"]]
    baseline.assert_untouched()


def test_a_urls_file_that_does_not_exist(baseline, tmp_path):
    path = tmp_path / "nowhere" / "urls.txt"
    for command in ("load", "extract"):
        result = baseline.cli(command, "--urls", path)
        assert result.exit_code == 2
        assert error_lines(result.output) == [f"error: --urls {path}: no such file or directory"]
    baseline.assert_untouched()


def test_a_urls_file_of_bad_lines_and_failing_pages(baseline, site, tmp_path):
    path = tmp_path / "urls.txt"
    path.write_bytes(f"# to read\nexample.org/a.html\n{site.base}/gone.html\n\n".encode())
    result = baseline.cli("load", "--urls", path, "--json")
    assert result.exit_code == 2
    assert json.loads(result.output)["skipped"] == [
        [f"{path}:2", "not a URL: 'example.org/a.html' (one http:// or https:// URL a line)"],
        [f"{site.base}/gone.html", "HTTP 404 Not Found"]]
    path.write_bytes(b"\xff\xfe\x00binary")
    result = baseline.cli("load", "--urls", path)
    assert result.exit_code == 2
    assert error_lines(result.output) == [f"error: --urls {path}: not a text file (UTF-8) of URLs"]
    baseline.assert_untouched()


def test_a_good_page_among_bad_ones_is_stored_and_the_rest_reported(baseline, site):
    """The load goes on past the failures (exit 0): here the page is the text of a stored article,
    read again because it now comes with a URL (docs/sources.md: an article read otherwise than
    it was stored replaces the stored one)."""
    result = baseline.cli("load", f"{site.base}/gone.html", f"{site.base}/news/stored.txt", "--json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert summary["read"] == 1 and summary["unchanged"] == 0
    assert summary["skipped"] == [[f"{site.base}/gone.html", "HTTP 404 Not Found"]]
