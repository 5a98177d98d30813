"""`load --offline` and `extract` with an article's date, outlet and URL: from a sidecar, from the
options, and again after a sidecar was edited by hand (no Neo4j: the mirror alone)."""
from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from bench.accuracy import scorer
from graph import mirror, mirror_io

runner = CliRunner()
ARTICLE = ("Nordkorea liefert Granaten\n\nSEOUL, 12. März 2024 (dpa) – Nordkorea hat Russland nach Angaben "
           "des südkoreanischen Geheimdienstes mehr als eine Million Artilleriegranaten geliefert. "
           "Das teilte der Geheimdienst in Seoul mit.")
OTHER = ("North Korea has sent artillery shells to Russia, South Korea's intelligence service said on "
         "Wednesday. The shipments were larger than expected.")


def cli(mirror_path: Path, *args):
    import cli as cli_mod
    return runner.invoke(cli_mod.app, ["--uri", "bolt://localhost:1", "--mirror", str(mirror_path), *map(str, args)])


def folder(tmp_path: Path, sidecar: dict | None) -> Path:
    arts = tmp_path / "articles"
    arts.mkdir(exist_ok=True)
    (arts / "granaten.txt").write_text(ARTICLE, encoding="utf-8")
    (arts / "shells.txt").write_text(OTHER, encoding="utf-8")
    if sidecar is not None:
        (arts / "granaten.json").write_text(json.dumps(sidecar), encoding="utf-8")
    return arts


def stored(mirror_path: Path) -> tuple[dict, set, set]:
    """The mirror's documents by name, its evidence's (document name, published), its facts' first_reported."""
    g = mirror_io.load(mirror_path)
    docs = {d["name"]: d for d in mirror.documents(g).values()}
    names = {d["id"]: d["name"] for d in docs.values()}
    props = [mirror.evidence_props(fid, ev) for fid, evs in mirror.evidence(g).items() for ev in evs]
    evidence = {(names[p["doc_id"]], p.get("published")) for p in props}
    firsts = {a.get("first_reported") for _, _, a in g.edges(data=True) if a.get("evidence_count")}
    return docs, evidence, firsts


def meta(doc: dict) -> tuple:
    return tuple(doc.get(k) for k in ("published", "published_from", "outlet", "outlet_from", "url", "url_from"))


def test_load_offline_stores_the_sidecar_s_values_and_an_edited_sidecar_replaces_them(tmp_path):
    m = tmp_path / "m.json.gz"
    arts = folder(tmp_path, {"date": "2024-03-11", "url": "https://example.com/granaten"})
    first = cli(m, "load", "--offline", arts, "--json")
    assert first.exit_code == 0, first.output
    assert json.loads(first.output)["skipped"] == []  # the sidecar is no article of its own
    docs, evidence, firsts = stored(m)
    assert meta(docs["granaten"]) == ("2024-03-11", "sidecar", "dpa", "dateline", "https://example.com/granaten",
                                      "sidecar")
    assert meta(docs["shells"]) == (None,) * 6
    assert ("granaten", "2024-03-11") in evidence and "2024-03-11" in firsts

    (arts / "granaten.json").write_text(json.dumps({"date": "2024-03-12"}), encoding="utf-8")  # fixed by hand
    second = json.loads(cli(m, "load", "--offline", arts, "--json").output)
    assert (second["read"], second["unchanged"]) == (2, 1)  # only the article whose sidecar changed is read
    docs, evidence, firsts = stored(m)
    assert meta(docs["granaten"]) == ("2024-03-12", "sidecar", "dpa", "dateline", None, None)
    assert {p for d, p in evidence if d == "granaten"} == {"2024-03-12"} and "2024-03-11" not in firsts

    (arts / "granaten.json").unlink()
    cli(m, "load", "--offline", arts)
    assert meta(stored(m)[0]["granaten"]) == ("2024-03-12", "dateline", "dpa", "dateline", None, None)
    third = json.loads(cli(m, "load", "--offline", arts, "--json").output)
    assert (third["read"], third["unchanged"]) == (2, 2)


def test_load_offline_options_win_for_every_article_of_the_run(tmp_path):
    m = tmp_path / "m.json.gz"
    arts = folder(tmp_path, {"outlet": "Yonhap"})
    result = cli(m, "load", "--offline", arts, "--date", "2024-03-10", "--outlet", "Reuters",
                 "--url", "https://www.reuters.com/x")
    assert result.exit_code == 0, result.output
    docs = stored(m)[0]
    for name in ("granaten", "shells"):
        assert meta(docs[name]) == ("2024-03-10", "option", "Reuters", "option", "https://www.reuters.com/x", "option")
    again = json.loads(cli(m, "load", "--offline", arts, "--json").output)  # the folder again, without the options
    assert (again["read"], again["unchanged"]) == (2, 2)  # what the options said is kept, nothing read again
    assert stored(m)[0] == docs
    cli(m, "load", "--offline", arts, "--date", "2024-03-12")  # an option says otherwise: that one changes
    docs = stored(m)[0]
    assert meta(docs["granaten"]) == ("2024-03-12", "option", "Reuters", "option", "https://www.reuters.com/x", "option")


def test_extract_rows_carry_the_article_s_date_and_outlet_and_score_the_same(tmp_path):
    arts = folder(tmp_path, None)
    result = cli(tmp_path / "m.json.gz", "extract", arts)
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert {(r["doc"], r.get("published"), r.get("outlet")) for r in rows} == {
        ("granaten", "2024-03-12", "dpa"), ("shells", None, None)}
    given = cli(tmp_path / "m.json.gz", "extract", arts / "shells.txt", "--date", "2024-01-02", "--outlet", "AP")
    assert {(r["published"], r["outlet"]) for r in map(json.loads, given.stdout.splitlines())} == {("2024-01-02", "AP")}
    s = scorer()  # the evaluation's score.py reads neither
    bare = [{k: v for k, v in r.items() if k not in ("published", "outlet")} for r in rows]
    keys = []
    for name, table in (("with.jsonl", rows), ("bare.jsonl", bare)):
        (tmp_path / name).write_text("".join(json.dumps(r) + "\n" for r in table), encoding="utf-8")
        keys.append(s.load(tmp_path / name, s.Entities([Path(s.__file__).with_name("aliases.tsv")]), set()))
    assert keys[0] == keys[1] and keys[0]


def test_a_bad_option_is_one_line_before_anything_is_read(tmp_path):
    arts = folder(tmp_path, None)
    for command in ("load", "extract"):
        for option, value, reason in [("--date", "2024-02-31", "no such day"),
                                      ("--date", "März 2024", "not a date (write it as YYYY-MM-DD)"),
                                      ("--url", "example.com/a", "not a web address (http:// or https://)")]:
            extra = ["--offline"] if command == "load" else []
            result = cli(tmp_path / "m.json.gz", command, *extra, arts, option, value)
            assert result.exit_code == 2, result.output
            assert result.stderr.strip().splitlines() == [f"error: {option} {value!r}: {reason}"]
    assert not (tmp_path / "m.json.gz").exists()
