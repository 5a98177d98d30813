"""A real HTTP server on 127.0.0.1 for the web tests: articles as HTML and text, an RSS and an Atom
feed, redirects, errors, a slow and an oversized answer, a PDF and a robots.txt that forbids a path.
It counts the requests it answers, so a test can prove that a re-run asked nothing."""
from __future__ import annotations

import html
import threading
import time
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT / "data" / "articles"
GERMAN = (ARTICLES / "000_d097e88d938dfaf8.txt").read_text(encoding="utf-8")
ENGLISH = (ROOT / "tests" / "dev" / "articles" / "104_nis_shells_en.txt").read_text(encoding="utf-8")
OTHER = (ARTICLES / "002_93da3da9cffc8858.txt").read_text(encoding="utf-8")
ROBOTS = "User-agent: *\nDisallow: /private/\n"
SLOW_SECONDS = 1.5
BIG_BYTES = 300_000


def html_page(text: str) -> bytes:
    title, *paragraphs = [p for p in text.split("\n") if p.strip()]
    body = "".join(f"<p>{html.escape(p)}</p>\n" for p in paragraphs)
    return (f"<!doctype html><html><head><meta charset='utf-8'><title>{html.escape(title)}</title></head>"
            f"<body><nav><a href='/'>Start</a></nav><article><h1>{html.escape(title)}</h1>\n{body}</article>"
            "</body></html>").encode("utf-8")


def rss(base: str) -> bytes:
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Test news</title><link>{base}/</link><description>t</description>
<item><title>Raketen</title><link>{base}/news/raketen.html</link><pubDate>Mon, 11 Mar 2024 08:00:00 GMT</pubDate></item>
<item><title>Shells</title><link>/news/shells.txt</link></item>
<item><title>No link</title><description>an item without a page</description></item>
</channel></rss>""".encode()


def atom(base: str) -> bytes:
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Test atom</title><id>urn:test</id>
<updated>2024-03-12T00:00:00Z</updated>
<entry><title>Raketen</title><id>urn:1</id><updated>2024-03-12T00:00:00Z</updated>
<link href="{base}/news/raketen.html"/></entry>
<entry><title>More</title><id>urn:2</id><updated>2024-03-12T00:00:00Z</updated>
<link rel="alternate" href="{base}/news/more.html"/></entry>
</feed>""".encode()


# an external entity that would read a local file into an item's link (XXE): never expanded
HOSTILE_FEED = (b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/hostname">]>'
                b'<rss version="2.0"><channel><title>t</title><item><title>a</title><link>/news/&x;</link></item>'
                b'</channel></rss>')


class Site:
    """What the server answers: path -> (status, headers, body). A test may change `robots` (the
    status and body of /robots.txt; a 3xx leads to /rules/robots.txt, which disallows /private/)."""

    def __init__(self, base: str):
        self.base = base
        self.requests: Counter[str] = Counter()
        self.times: list[tuple[str, float]] = []
        self.user_agents: set[str] = set()
        self.robots: tuple[int, bytes] = (200, ROBOTS.encode())
        page = {"Content-Type": "text/html; charset=utf-8"}
        self.routes = {
            "/news/raketen.html": (200, page, html_page(GERMAN)),
            "/news/shells.txt": (200, {"Content-Type": "text/plain; charset=utf-8"}, ENGLISH.encode()),
            "/news/more.html": (200, page, html_page(OTHER)),
            "/news/no-type": (200, {}, html_page(OTHER)),
            "/news/stored.txt": (200, {"Content-Type": "text/plain"}, OTHER.encode()),  # one of data/articles
            "/private/secret.html": (200, page, html_page(OTHER)),
            "/moved": (301, {"Location": "/news/raketen.html"}, b""),
            "/twice": (302, {"Location": f"{base}/moved"}, b""),
            "/loop": (302, {"Location": "/loop"}, b""),
            "/to-private": (302, {"Location": "/private/secret.html"}, b""),
            "/to-ftp": (302, {"Location": "ftp://example.org/x"}, b""),
            "/broken": (500, page, b"<html>oops</html>"),
            "/bad-gzip": (200, {**page, "Content-Encoding": "gzip"}, b"not gzip at all" * 10),
            "/report.pdf": (200, {"Content-Type": "application/pdf"}, b"%PDF-1.7\n" + b"x" * 100),
            "/big": (200, page, b"<p>" + b"Waffen " * (BIG_BYTES // 7) + b"</p>"),
            "/feed.rss": (200, {"Content-Type": "application/rss+xml"}, rss(base)),
            "/feed.atom": (200, {"Content-Type": "application/atom+xml"}, atom(base)),
            "/not-a-feed": (200, page, html_page(OTHER)),
            "/hostile.rss": (200, {"Content-Type": "application/rss+xml"}, HOSTILE_FEED),
            "/empty-feed.rss": (200, {"Content-Type": "application/rss+xml"},
                                b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>'),
        }

    def answer(self, path: str) -> tuple[int, dict, bytes] | None:
        if path == "/robots.txt":
            moved = {"Location": "/rules/robots.txt"} if 300 <= self.robots[0] < 400 else {}
            return self.robots[0], {"Content-Type": "text/plain", **moved}, self.robots[1]
        if path == "/rules/robots.txt":  # where a robots.txt of status 3xx leads
            return 200, {"Content-Type": "text/plain"}, ROBOTS.encode()
        return self.routes.get(path)


class Handler(BaseHTTPRequestHandler):
    server: "Server"

    def log_message(self, *args) -> None:  # quiet
        pass

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        site = self.server.site
        path = self.path.split("?", 1)[0]
        site.requests[path] += 1
        site.times.append((path, time.monotonic()))
        site.user_agents.add(self.headers.get("User-Agent", ""))
        if path == "/slow":
            time.sleep(SLOW_SECONDS)
        if path in ("/big-chunked", "/trickle"):
            return self.chunked(trickle=path == "/trickle")
        status, headers, body = site.answer(path) or (404, {"Content-Type": "text/html"}, b"<html>no</html>")
        if path == "/slow":
            status, headers, body = site.routes["/news/raketen.html"]
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):  # the client stopped reading: the size limit
            pass

    def chunked(self, trickle: bool) -> None:
        """An endless-looking page without a Content-Length: only its size as it streams tells. When
        it `trickle`s, a small piece every 0.1 s (each in time, the whole never)."""
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        chunk = b"<p>" + b"Raketen " * (10 if trickle else 1000) + b"</p>"
        try:
            for _ in range(30 if trickle else BIG_BYTES // len(chunk) + 5):
                self.wfile.write(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
                self.wfile.flush()
                time.sleep(0.1 if trickle else 0)
            self.wfile.write(b"0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError):
            pass


class Server(ThreadingHTTPServer):
    daemon_threads = True
    site: Site


def start() -> tuple[Server, threading.Thread]:
    """A server on a free port of 127.0.0.1, answering in a thread of its own (`stop` it after)."""
    server = Server(("127.0.0.1", 0), Handler)
    server.site = Site(f"http://127.0.0.1:{server.server_address[1]}")
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), name="test-web-server", daemon=True)
    thread.start()
    return server, thread


def stop(server: Server, thread: threading.Thread) -> None:
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


@pytest.fixture
def site() -> Iterator[Site]:
    """The test server, started for one test (its Site: base URL, routes, requests counted)."""
    server, thread = start()
    try:
        yield server.site
    finally:
        stop(server, thread)
