"""Event time (issue 18, part 2) stored: a report's event_* properties on its Evidence node in Neo4j
and in the mirror's record alike, resolved when the page gives its date, words only when it has none."""
from __future__ import annotations

from typer.testing import CliRunner

from graph import mirror, mirror_io
from tests.conftest import TEST_URI
from tests.helpers import mirror_diff

runner = CliRunner()
TEXT = "Belarus hat im August Panzer an Russland geliefert. Die Lieferung umfasste 20 Panzer."
PAGE = f"""<html><head><title>Panzer</title><meta property="article:published_time" content="2024-03-14"></head>
<body><article><h1>Panzer aus Belarus</h1><p>{TEXT}</p><p>{TEXT.replace("Belarus", "Minsk")}</p></article></body></html>"""
EVENT = "RETURN e.event_start AS start, e.event_end AS end, e.event_precision AS precision, e.event_text AS text"


def load(store, tmp_path, name: str, content: str) -> None:
    import cli as cli_mod
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    result = runner.invoke(cli_mod.app, ["--uri", TEST_URI, "--mirror", str(tmp_path / "m.json.gz"), "load", str(path)])
    assert result.exit_code == 0, result.output


def stored(store, name: str) -> set[tuple]:
    rows = store.read("MATCH (e:Evidence)-[:IN_DOCUMENT]->(d:Document {name: $n}) WHERE e.type = 'SUPPLIES' " + EVENT, n=name)
    return {(r["start"], r["end"], r["precision"], r["text"]) for r in rows}


def test_a_dated_page_stores_the_interval_and_the_mirror_holds_the_same(store, tmp_path):
    load(store, tmp_path, "panzer.html", PAGE)
    assert ("2023-08-01", "2023-08-31", "month", "im August") in stored(store, "panzer")
    g = mirror_io.load(tmp_path / "m.json.gz")
    held = {(ev.event_start, ev.event_end, ev.event_precision, ev.event_text)
            for evs in mirror.evidence(g).values() for ev in evs if ev.type == "SUPPLIES"}
    assert held == stored(store, "panzer")
    assert mirror_diff(g, mirror_io.from_store(store)) == []


def test_an_undated_text_stores_the_words_only(store, tmp_path):
    load(store, tmp_path, "panzer.txt", TEXT)
    assert (None, None, None, "im August") in stored(store, "panzer")
