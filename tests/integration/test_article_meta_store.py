"""An article's date, outlet and URL in Neo4j: stored on the Document node (and the evidence's copy
of the date), the mirror equal to it, and an edited sidecar reaching both on the next load."""
from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from graph import mirror_io
from tests.conftest import TEST_URI
from tests.helpers import mirror_diff

runner = CliRunner()
ARTICLE = ("Nordkorea liefert Granaten\n\nSEOUL, 12. März 2024 (dpa) – Nordkorea hat Russland nach Angaben "
           "des südkoreanischen Geheimdienstes mehr als eine Million Artilleriegranaten geliefert. "
           "Das teilte der Geheimdienst in Seoul mit.")
PAGE = ("<!DOCTYPE html><html><head><title>Shells for Russia</title>"
        "<meta property=\"og:site_name\" content=\"Example News\">"
        "<link rel=\"canonical\" href=\"https://news.example.com/shells\">"
        "<meta property=\"article:published_time\" content=\"2024-11-20T08:15:00Z\"></head><body><article>"
        "<p>North Korea has sent artillery shells to Russia, South Korea's intelligence service said on "
        "Wednesday.</p><p>The shipments were larger than expected.</p></article></body></html>")
FIELDS = ("published", "published_from", "outlet", "outlet_from", "url", "url_from")
DOCS = "MATCH (d:Document) RETURN d.name AS name, properties(d) AS p"
EVIDENCE = "MATCH (e:Evidence)-[:IN_DOCUMENT]->(d:Document) RETURN DISTINCT d.name AS name, e.published AS published"
FIRST = "MATCH ()-[r]->() WHERE r.evidence_count IS NOT NULL RETURN DISTINCT r.first_reported AS first"


def load(mirror_path: Path, *args):
    import cli as cli_mod
    result = runner.invoke(cli_mod.app, ["--uri", TEST_URI, "--mirror", str(mirror_path), "load", *map(str, args),
                                         "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def documents(store) -> dict[str, tuple]:
    return {r["name"]: tuple(r["p"].get(k) for k in FIELDS) for r in store.read(DOCS)}


def test_the_document_s_date_outlet_and_url_in_neo4j_and_the_mirror(store, tmp_path):
    arts, m = tmp_path / "articles", tmp_path / "m.json.gz"
    arts.mkdir()
    (arts / "granaten.txt").write_text(ARTICLE, encoding="utf-8")
    (arts / "granaten.json").write_text(json.dumps({"date": "2024-03-11", "url": "https://example.com/g"}),
                                        encoding="utf-8")
    (arts / "shells.html").write_text(PAGE, encoding="utf-8")
    assert load(m, arts)["skipped"] == []
    assert documents(store) == {
        "granaten": ("2024-03-11", "sidecar", "dpa", "dateline", "https://example.com/g", "sidecar"),
        "shells": ("2024-11-20", "html", "Example News", "html", "https://news.example.com/shells", "html")}
    assert {(r["name"], r["published"]) for r in store.read(EVIDENCE)} == {("granaten", "2024-03-11"),
                                                                         ("shells", "2024-11-20")}
    assert mirror_diff(mirror_io.load(m), mirror_io.from_store(store)) == []
    counts = store.counts()

    (arts / "granaten.json").write_text(json.dumps({"date": "2024-03-12", "outlet": "Yonhap"}), encoding="utf-8")
    again = load(m, arts)
    assert (again["read"], again["unchanged"]) == (2, 1)
    assert documents(store)["granaten"] == ("2024-03-12", "sidecar", "Yonhap", "sidecar", None, None)
    assert {(r["name"], r["published"]) for r in store.read(EVIDENCE)} == {("granaten", "2024-03-12"),
                                                                         ("shells", "2024-11-20")}
    assert "2024-03-11" not in {r["first"] for r in store.read(FIRST)}
    assert store.counts() == counts  # the same article, read again: nothing more, nothing less
    assert mirror_diff(mirror_io.load(m), mirror_io.from_store(store)) == []
    assert load(m, arts)["unchanged"] == 2
