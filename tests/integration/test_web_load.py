"""`cli.py load --feed` and `load URL` against the real Neo4j and a real HTTP server on 127.0.0.1: the
pages are stored with their URL as source, and a feed's items Neo4j holds are not fetched again."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from graph import mirror_io
from tests.conftest import TEST_URI
from tests.helpers import mirror_diff
from tests.web_server import site  # noqa: F401 - the fixture

runner = CliRunner()


@pytest.fixture
def cli(store, tmp_path, monkeypatch):
    import cli as cli_mod
    monkeypatch.setenv("ARMSGRAPH_WEB_CACHE", str(tmp_path / "web-cache"))
    monkeypatch.setenv("ARMSGRAPH_FETCH_INTERVAL", "0")

    def run(*args):
        return runner.invoke(cli_mod.app, ["--uri", TEST_URI, "--mirror", str(tmp_path / "m.json.gz"), *args])
    return run


def test_a_feed_then_its_new_items_only(cli, store, site, tmp_path):
    first = cli("load", "--feed", f"{site.base}/feed.rss", "--json")
    assert first.exit_code == 0, first.output
    assert json.loads(first.output)["read"] == 2
    stored = store.read("MATCH (d:Document) RETURN d.source AS source, d.name AS name ORDER BY source")
    assert stored == [{"source": f"{site.base}/news/raketen.html", "name": "raketen"},
                      {"source": f"{site.base}/news/shells.txt", "name": "shells"}]
    assert store.held_sources([f"{site.base}/news/shells.txt", f"{site.base}/x"]) == {f"{site.base}/news/shells.txt"}
    (tmp_path / "web-cache").rename(tmp_path / "old-cache")  # Neo4j alone tells what is held
    pages = sum(n for path, n in site.requests.items() if path.startswith("/news/"))
    second = cli("load", "--feed", f"{site.base}/feed.atom", "--json")
    summary = json.loads(second.output)
    assert second.exit_code == 0 and summary["read"] == 1 and summary["feed_items_held"] == 1
    assert sum(n for path, n in site.requests.items() if path.startswith("/news/")) == pages + 1  # more.html
    assert store.counts()["nodes"]["Document"] == 3
    assert mirror_diff(mirror_io.load(tmp_path / "m.json.gz"), mirror_io.from_store(store)) == []
    removed = cli("remove", f"{site.base}/news/more.html")
    assert removed.exit_code == 0, removed.output  # a page is removed by its URL, as a file by its path
    assert store.counts()["nodes"]["Document"] == 2
