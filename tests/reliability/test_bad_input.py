"""Bad input: every file or value that cannot be used is refused with one line naming it and the
reason, the command exits non-zero when nothing could be done, and what is already stored (Neo4j
and the mirror file) stays exactly as it was."""
from __future__ import annotations

import json
import os
import random
import time
from pathlib import Path

import pytest

from graph import mirror_io
from loaders.documents import normalise_text
from tests.helpers import mirror_diff
from tests.reliability.conftest import SAMPLE, error_lines, invoke

SEED = {p.stem: p for p in sorted(SAMPLE.glob("*.txt"))}
ARTICLE = SEED["002_93da3da9cffc8858"].read_text(encoding="utf-8")
PDF = (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
       b"stream\nx\x9c\xed\x9d\x00\x01\x02\nendstream\n%%EOF\n")
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00\x1f\xf3\xffa"
SCRIPTS_ONLY = ("<!doctype html><html><head><title>x</title><style>body{color:red} p{margin:0}</style>"
                "<script>document.write('Nordkorea liefert Raketen an Russland, sagte Kirby.')</script></head>"
                "<body>" + "<script>var s = 'Russland erhielt Raketen aus Nordkorea';</script><style>.a{}</style>" * 40
                + "<noscript>Bitte aktivieren Sie JavaScript.</noscript></body></html>")
FRENCH = ("La Corée du Nord a livré des missiles balistiques à la Russie, selon les services de renseignement "
          "sud-coréens, qui ont confirmé les livraisons la semaine dernière. Le ministère russe de la Défense "
          "n'a pas commenté ces informations.")
RUSSIAN = ("Северная Корея передала России баллистические ракеты, сообщила южнокорейская разведка. "
           "Министерство обороны России эти сообщения не комментирует.")

# name, content, the reason the one line must give
REFUSED = [
    ("empty.txt", b"", "empty file"),
    ("blank.txt", "  \n\t\r\n \u00a0 \u2003\n".encode(), "no text (whitespace only)"),
    ("scan.pdf", PDF, "binary file (PDF), not a text article"),
    ("scan-renamed.txt", PDF, "binary file (PDF), not a text article"),
    ("photo.png", PNG, "binary file (PNG), not a text article"),
    ("photo-renamed.html", PNG, "binary file (PNG), not a text article"),
    ("garbage.txt", random.Random(7).randbytes(4000).translate(bytes(range(128, 256)) * 2),  # high bytes
     "undecodable: neither UTF-8 nor another known text encoding"),
    ("nul.txt", ARTICLE.encode("utf-16-le"), "binary file (contains NUL bytes), not a text article"),
    ("scripts.html", SCRIPTS_ONLY.encode(), "too short to be an article"),
    ("french.txt", FRENCH.encode(), "language is French (fr); only German and English are supported"),
    ("russian.md", RUSSIAN.encode(), "language is Russian (ru); only German and English are supported"),
]


def skipped_line(output: str, path: Path) -> str:
    """The one line of the output that names the file."""
    lines = [line for line in output.splitlines() if str(path) in line]
    assert len(lines) == 1, output
    return lines[0]


@pytest.mark.parametrize("name,content,reason", REFUSED, ids=[c[0] for c in REFUSED])
def test_an_unusable_file_is_one_line_exit_2_and_changes_nothing(baseline, tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_bytes(content)
    result = baseline.cli("load", path)
    assert result.exit_code == 2, result.output
    assert skipped_line(result.output, path).strip().startswith(f"skipped {path}: {reason}")
    baseline.assert_untouched()
    extracted = baseline.cli("extract", path)
    assert extracted.exit_code == 2
    lines = error_lines(extracted.stderr)
    assert len(lines) == 2 and lines[0].startswith(f"skipped {path}: {reason}"), extracted.stderr
    assert lines[1] == "error: no readable document among the inputs"


def test_a_path_that_does_not_exist(baseline, tmp_path):
    path = tmp_path / "nowhere" / "article.txt"
    result = baseline.cli("load", path, "--json")
    assert result.exit_code == 2
    assert json.loads(result.output)["skipped"] == [[str(path), "no such file or directory"]]
    result = baseline.cli("load", path)
    assert skipped_line(result.output, path).strip() == f"skipped {path}: no such file or directory"
    baseline.assert_untouched()


@pytest.mark.parametrize("encoding,seed", [("latin-1", "003_5a41f9b0d836bd47"), ("cp1252", "002_93da3da9cffc8858"),
                                           ("utf-16", "004_a3f237a7240f996a"), ("utf-8-sig", "001_10e8ed9bd3fd314a")])
def test_an_article_in_another_encoding_is_the_same_document(baseline, tmp_path, encoding, seed):
    """Latin-1, Windows-1252, UTF-16 and UTF-8 with BOM and CRLF copies of stored articles decode to the
    same text, so they are recognised as documents already present: nothing changes."""
    text = normalise_text(SEED[seed].read_text(encoding="utf-8")).replace("\n", "\r\n")
    path = tmp_path / f"{seed}-{encoding}.txt"
    path.write_bytes(text.encode(encoding))
    result = baseline.cli("load", path, "--json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert summary["read"] == 1 and summary["skipped"] == []
    assert all(row["added"] == 0 for row in summary["counts"])
    baseline.assert_untouched()


def test_utf8_with_stray_bytes_is_read_and_umlauts_survive(store, tmp_path):
    """A UTF-8 article with a phrase pasted in from a Latin-1 file is read (the stray bytes as
    Windows-1252), and the sentence keeps its umlauts: no mojibake reaches the graph."""
    phrase = "große Mengen militärischer Ausrüstung"
    raw = ARTICLE.encode("utf-8").replace(phrase.encode("utf-8"), phrase.encode("latin-1"))
    path = tmp_path / "stray.txt"
    path.write_bytes(raw)
    result = invoke(tmp_path / "m.json.gz", "load", path)
    assert result.exit_code == 0, result.output
    sentences = [r["s"] for r in store.read("MATCH (e:Evidence) RETURN e.sentence AS s")]
    assert any(phrase in s for s in sentences), sentences
    assert not any("Ã" in s or "\ufffd" in s for s in sentences)


def test_a_20_mb_article_is_refused_quickly_with_the_reason(baseline, tmp_path, monkeypatch):
    """20 MB of real sentences: below the 25 MB read limit but far beyond what one article can be
    (spaCy stops at a million characters); refused in about a second. With ARMSGRAPH_MAX_BYTES lower,
    the size limit itself speaks."""
    text = ARTICLE + "\n\n"
    path = tmp_path / "huge.txt"
    path.write_bytes((text * (20_000_000 // len(text.encode()) + 1)).encode()[:20_000_000])
    started = time.monotonic()
    result = baseline.cli("load", path)
    assert time.monotonic() - started < 30
    assert result.exit_code == 2, result.output
    line = skipped_line(result.output, path)
    assert "too long:" in line and "characters of text (limit 1,000,000 for one article" in line
    monkeypatch.setenv("ARMSGRAPH_MAX_BYTES", "1000000")
    result = baseline.cli("load", path)
    assert result.exit_code == 2
    assert skipped_line(result.output, path).strip() == (
        f"skipped {path}: too large: 20.0 MB (limit 1.0 MB; set ARMSGRAPH_MAX_BYTES)")
    monkeypatch.setenv("ARMSGRAPH_MAX_BYTES", "lots")
    result = baseline.cli("load", path)
    assert result.exit_code == 2
    assert error_lines(result.output) == ["error: ARMSGRAPH_MAX_BYTES must be a positive number of bytes, not 'lots'"]
    baseline.assert_untouched()


def test_html_full_of_scripts_keeps_only_the_article(store, tmp_path):
    """Scripts, styles, handlers and comments around an article: the article is read, nothing of
    the markup reaches a sentence."""
    paragraphs = "".join(f"<p onclick=\"alert('p')\">{line}</p><script>alert({i});var Nordkorea='Russland';</script>"
                         f"<style>p{{color:#{i:03d}}}</style><!-- Russland liefert Raketen an Nordkorea -->"
                         for i, line in enumerate(ARTICLE.splitlines()))
    page = (f"<!doctype html><html><head><title>Lieferungen</title><script src=x.js></script>"
            f"<style>body{{font:12px}}</style></head><body><nav>Startseite Politik</nav><article>{paragraphs}"
            f"</article><footer><script>track()</script>Impressum</footer></body></html>")
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    result = invoke(tmp_path / "m.json.gz", "load", path, "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["read"] == 1
    sentences = [r["s"] for r in store.read("MATCH (e:Evidence) RETURN e.sentence AS s")]
    assert len(sentences) > 5
    for bad in ("alert", "var Nordkorea", "color:", "<", "Russland liefert Raketen an Nordkorea", "track()"):
        assert not any(bad in s for s in sentences), bad
    assert store.read("MATCH ()-[f:SUPPLIES]->() RETURN count(f) AS n")[0]["n"] > 0


def test_a_directory_of_good_and_bad_files(store, tmp_path):
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    good = {"a-good.txt": SEED["003_5a41f9b0d836bd47"], "sub/b-good.md": SEED["004_a3f237a7240f996a"]}
    for name, seed in good.items():
        (folder / name).write_bytes(seed.read_bytes())
    bad = {name: reason for name, content, reason in REFUSED if Path(name).suffix in (".txt", ".md", ".html")} | {
        "scan.pdf": "file type .pdf is not read", "photo.png": "file type .png is not read"}  # listed, not read
    for name, content, _ in REFUSED:
        (folder / name).write_bytes(content)
    result = invoke(tmp_path / "m.json.gz", "load", folder, "--json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert summary["read"] == 2
    skipped = {Path(source).name: reason for source, reason in summary["skipped"]}
    assert skipped.keys() == bad.keys()
    assert all(skipped[name].startswith(reason) for name, reason in bad.items())
    assert store.counts()["nodes"]["Document"] == 2
    assert mirror_diff(mirror_io.load(tmp_path / "m.json.gz"), mirror_io.from_store(store)) == []
    human = invoke(tmp_path / "m.json.gz", "load", folder)
    for name in bad:
        assert skipped_line(human.output, folder / name).strip().startswith(f"skipped {folder / name}: {bad[name]}")


def test_a_directory_of_only_bad_files_is_exit_2(baseline, tmp_path):
    for name, content, _ in REFUSED:
        (tmp_path / name).write_bytes(content)
    result = baseline.cli("load", tmp_path)
    assert result.exit_code == 2
    assert "0 documents read" in result.output
    baseline.assert_untouched()


@pytest.mark.parametrize("args,says", [
    (["load", "--processes", "0", "x"], "--processes"),
    (["load", "--processes", "many", "x"], "--processes"),
    (["load"], "nothing to read: name files, folders or URLs"),
    (["extract", "--format", "xml", str(SAMPLE)], "--format must be jsonl or table, not 'xml'"),
    (["path", "NK", "UA", "--max-hops", "0"], "--max-hops"),
    (["path", "NK", "UA", "--max-hops", "11"], "--max-hops"),
    (["path", "NK", "UA", "--max-hops", "two"], "--max-hops"),
    (["path", "NK", "UA", "--per-hop", "-1"], "--per-hop"),
    (["path", "NK", "UA", "--types", "SUPPLIES,BRIBES"], "--types: 'BRIBES' is not a relation type"),
    (["path", "NK", "UA", "--types", ","], "--types"),
    (["path", "", "UA"], "an actor name is empty"),
    (["query", "transfers", "--param", "supplier"], "--param takes key=value, not 'supplier'"),
    (["query", "transfers", "--param", "=NK"], "--param takes key=value, not '=NK'"),
    (["query", "transfers", "--param", "limit=-3"], "--param limit takes a whole number of 0 or more, not '-3'"),
    (["query", "transfers", "--param", "limit=1e9"], "--param limit takes a whole number"),
    (["query", "transfers", "--param", "colour=red"], "query transfers has no parameter 'colour'"),
    (["query", "transfer"], "no query 'transfer'; did you mean transfers?"),
    (["query", "evidence", "--param", "type=BRIBES"], "is not a relation type"),
    (["query", "suppliers_of"], "query suppliers_of needs --param state=..."),
    (["query", "transfers", "--since", "2024-13"], "--since takes a date as YYYY-MM-DD, YYYY-MM or YYYY, not '2024-13'"),
    (["query", "timeline", "--until", "31.12.2024"], "--until takes a date as YYYY-MM-DD, YYYY-MM or YYYY"),
    (["query", "timeline", "--param", "since=2023-02-29"], "--param since takes a date"),
    (["query", "evidence", "-p", "source=NK", "-p", "target=RU", "--since", "2025", "--until", "2024"],
     "--until 2024 is before --since 2025"),
    (["path", "NK", "UA", "--since", "last week"], "--since takes a date"),
    (["transfers", "--until", "2024-1"], "--until takes a date"),
    (["timeline", "--since", "'); DROP"], "--since takes a date"),
    (["stats", "--top", "0"], "--top"),
    (["viz", "--depth", "0"], "--depth"),
    (["viz", "--types", "BRIBES"], "--types: unknown relation type BRIBES"),
    (["viz", "--min-corroboration", "-1"], "--min-corroboration"),
    (["export", "--format", "pdf"], "--format must be one of graphml, gexf, json, csv, cypher, not 'pdf'"),
    (["export"], "Missing option"),
    (["--uri", "not-a-uri", "init"], "bad Neo4j address 'not-a-uri'"),
    (["--uri", "http://localhost:7474", "stats"], "bad Neo4j address 'http://localhost:7474'"),
])
def test_a_malformed_value_is_exit_2_naming_it(baseline, tmp_path, args, says):
    result = baseline.cli(*args)
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert says in " ".join(result.output.split()), result.output
    if not result.output.startswith("Usage:"):  # the parser's own usage errors come with a usage line
        assert len(error_lines(result.output)) == 1 and result.output.startswith("error: "), result.output
    baseline.assert_untouched()


@pytest.mark.parametrize("args", [
    ["path", "Atlantis", "UA"], ["path", "NK", "Freedonia"],
    ["query", "suppliers_of", "--param", "state=Atlantis"],
    ["query", "evidence", "--param", "source=Atlantis", "--param", "target=RU"],
    ["viz", "--actor", "Atlantis"],
])
def test_an_unknown_actor_is_exit_2_with_suggestions(baseline, tmp_path, args):
    result = baseline.cli(*args, "--dir", tmp_path) if args[0] == "viz" else baseline.cli(*args)
    assert result.exit_code == 2, result.output
    lines = error_lines(result.output)
    assert len(lines) == 1 and lines[0].startswith("error: unknown actor '"), result.output
    assert list(tmp_path.iterdir()) == []
    baseline.assert_untouched()


BAD_MIRRORS = {"directory": "not a regular file", "pipe": "not a regular file", "device": "not a regular file",
               "unwritable": "no such file or directory", "garbage": "not a mirror file", "empty": "not a mirror file"}


def bad_mirror(kind: str, tmp_path: Path) -> Path:
    path = {"directory": tmp_path / "dir", "pipe": tmp_path / "pipe", "device": tmp_path / "null",
            "unwritable": Path("/proc/armsgraph/m.json.gz"), "garbage": tmp_path / "m.json.gz",
            "empty": tmp_path / "m.json"}[kind]
    if kind == "directory":
        path.mkdir()
    elif kind == "pipe":
        os.mkfifo(path)
    elif kind == "device":
        os.symlink("/dev/null", path)  # through a link: the device is never written
    elif kind == "garbage":
        path.write_bytes(b"\x1f\x8b not really gzip")
    elif kind == "empty":
        path.write_bytes(b"")
    return path


@pytest.mark.parametrize("kind", BAD_MIRRORS)
def test_a_bad_mirror_path_is_exit_2_before_anything_is_written(baseline, tmp_path, kind):
    article = tmp_path / "new.txt"
    article.write_text("Nordkorea hat nach Angaben des NIS Artilleriegranaten an Russland geliefert.", encoding="utf-8")
    path = bad_mirror(kind, tmp_path)
    commands = [["load", article]] + ([["remove", "003_5a41f9b0d836bd47"], ["mirror"]]
                                      if BAD_MIRRORS[kind] != "not a mirror file" else [])
    for args in commands:
        result = invoke(path, *args)
        assert result.exit_code == 2, (args, result.output)
        lines = error_lines(result.output)
        assert len(lines) == 1 and BAD_MIRRORS[kind] in lines[0] and str(path) in lines[0], (args, result.output)
        baseline.assert_untouched()
    assert Path("/dev/null").is_char_device()
