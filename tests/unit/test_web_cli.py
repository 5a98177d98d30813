"""`load` and `extract` with URLs, --urls FILE and --feed URL against a real HTTP server on 127.0.0.1
(load --offline: the mirror only, no Neo4j); a re-run asks the server nothing but the feed."""
from __future__ import annotations

import json

from typer.testing import CliRunner

from graph import mirror_io
from graph import mirror as mirror_mod
from tests.web_server import site  # noqa: F401 - the fixture

runner = CliRunner()


def cli(tmp_path, *args):
    import cli as cli_mod
    env = {"ARMSGRAPH_WEB_CACHE": str(tmp_path / "cache"), "ARMSGRAPH_FETCH_INTERVAL": "0",
           "ARMSGRAPH_FETCH_TIMEOUT": "5", "NEO4J_URI": "bolt://127.0.0.1:9"}  # (no Neo4j: --offline)
    return runner.invoke(cli_mod.app, ["--mirror", str(tmp_path / "m.json.gz"), *map(str, args)], env=env)


def sources(tmp_path) -> list[str]:
    return sorted(d["source"] for d in mirror_mod.documents(mirror_io.load(tmp_path / "m.json.gz")).values())


def dates(tmp_path) -> dict[str, tuple]:
    """Each stored page's (published, published_from), by the last part of its URL."""
    docs = mirror_mod.documents(mirror_io.load(tmp_path / "m.json.gz")).values()
    return {d["source"].rsplit("/", 1)[-1]: (d.get("published"), d.get("published_from")) for d in docs}


def test_load_urls_offline_then_again_from_the_cache(site, tmp_path):
    page, missing = f"{site.base}/twice", f"{site.base}/gone.html"
    result = cli(tmp_path, "load", "--offline", page, missing, "--json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert summary["read"] == 1 and summary["skipped"] == [[missing, "HTTP 404 Not Found"]]
    assert summary["relations"] > 0
    assert sources(tmp_path) == [f"{site.base}/news/raketen.html"]
    doc = next(iter(mirror_mod.documents(mirror_io.load(tmp_path / "m.json.gz")).values()))
    assert (doc["url"], doc["url_from"]) == (f"{site.base}/news/raketen.html", "fetch")  # after the redirect
    asked = sum(site.requests.values())
    again = json.loads(cli(tmp_path, "load", "--offline", page, "--json").output)
    assert again["read"] == 1 and again["unchanged"] == 1 and again["skipped"] == []
    assert sum(site.requests.values()) == asked  # nothing fetched


def test_load_a_feed_then_only_its_new_items(site, tmp_path):
    result = cli(tmp_path, "load", "--offline", "--feed", f"{site.base}/feed.rss")
    assert result.exit_code == 0, result.output
    assert "2 documents read, 0 skipped" in result.output
    assert sources(tmp_path) == [f"{site.base}/news/raketen.html", f"{site.base}/news/shells.txt"]
    assert dates(tmp_path) == {"raketen.html": ("2024-03-11", "feed"), "shells.txt": (None, None)}  # the item's pubDate
    pages = site.requests["/news/raketen.html"] + site.requests["/news/shells.txt"]
    result = cli(tmp_path, "load", "--offline", "--feed", f"{site.base}/feed.atom", "--json")
    summary = json.loads(result.output)
    assert result.exit_code == 0 and summary["read"] == 1 and summary["feed_items_held"] == 1
    assert site.requests["/news/raketen.html"] + site.requests["/news/shells.txt"] == pages
    assert site.requests["/news/more.html"] == 1 and site.requests["/feed.atom"] == 1
    assert dates(tmp_path)["more.html"] == ("2024-03-12", "feed")  # an Atom entry's updated date
    result = cli(tmp_path, "load", "--offline", "--feed", f"{site.base}/feed.rss", "--feed", f"{site.base}/feed.atom")
    assert result.exit_code == 0, result.output  # nothing new is not a failure
    assert "0 documents read, 0 skipped" in result.output and "4 feed items held already, not fetched" in result.output
    assert site.requests["/feed.rss"] == 2 and site.requests["/news/more.html"] == 1


def test_load_a_file_of_urls(site, tmp_path):
    urls = tmp_path / "urls.txt"
    urls.write_text(f"# two pages\n{site.base}/news/shells.txt\n\n{site.base}/report.pdf  # not a page\nnot-a-url\n")
    result = cli(tmp_path, "load", "--offline", "--urls", urls)
    assert result.exit_code == 0, result.output
    lines = [line.strip() for line in result.output.splitlines()]
    assert "1 documents read, 2 skipped" in result.output
    assert f"skipped {site.base}/report.pdf: not HTML or text (Content-Type application/pdf)" in lines
    assert f"skipped {urls}:5: not a URL: 'not-a-url' (one http:// or https:// URL a line)" in lines


def test_extract_a_feed_and_a_url(site, tmp_path):
    result = cli(tmp_path, "extract", "--feed", f"{site.base}/feed.atom", f"{site.base}/private/secret.html")
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    docs = {row["doc"] for row in rows}  # the pages' names: the last part of their URL
    assert "raketen" in docs and docs <= {"raketen", "more"}
    assert f"skipped {site.base}/private/secret.html: refused by robots.txt" in result.stderr
    assert "2 documents, " in result.stderr
    assert not (tmp_path / "m.json.gz").exists()


def test_extract_of_nothing_readable_is_exit_2(site, tmp_path):
    result = cli(tmp_path, "extract", f"{site.base}/broken")
    assert result.exit_code == 2
    assert [line for line in result.stderr.splitlines() if line.strip()] == [
        f"skipped {site.base}/broken: HTTP 500 Internal Server Error", "error: no readable document among the inputs"]
