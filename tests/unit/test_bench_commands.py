"""The command rows of the benchmark (bench/commands.py): the pure parts on made-up figures, and the
subprocess plumbing on 20 articles without Neo4j (no timing is checked: figures belong to the table)."""
from __future__ import annotations

import json

from typer.testing import CliRunner

from bench import command_profile, command_report, command_run
from bench.__main__ import app

P = 'process 10:"python cli.py load d"'
W = 'process 11:"python cli.py load d"'
SAMPLE = "\n".join([
    f"{P};<module> (cli.py:16);_find_and_load (<frozen importlib._bootstrap>:1176);<module> (spacy/__init__.py:6) 30",
    f"{P};main (cli.py:61);load (cli_commands/data.py:70);load (loaders/ingest.py:130);"
    "read_path (loaders/documents.py:150);decode (loaders/decoding.py:40) 5",
    f"{P};main (cli.py:61);load (loaders/ingest.py:130);detect_language (loaders/language.py:45);"
    "LanguageIdentifier.rank (langid/langid.py:230) 5",
    f"{P};main (cli.py:61);load (loaders/ingest.py:130);Extractor.extract_many (loaders/pipeline.py:80);"
    "Language.pipe (spacy/language.py:1600) 20",
    f"{P};main (cli.py:61);load (loaders/ingest.py:130);Extractor.extract_many (loaders/pipeline.py:80);"
    "Condition.wait (threading.py:331) 10",
    f"{P};Thread._bootstrap (threading.py:1002);Writer.run (loaders/ingest.py:190);"
    "Store.write_rows (graph/store.py:90);Session.run (neo4j/_sync/work/session.py:300) 15",
    f"{P};main (cli.py:61);load (loaders/ingest.py:140);build (graph/rows.py:50) 5",
    f"{P};main (cli.py:61);load (loaders/ingest.py:150);MirrorFile.save (graph/sync.py:250);"
    "save (graph/mirror_io.py:60) 10",
    f"{P};{W};Thread._bootstrap (threading.py:1002);Queue.get (queue.py:171) 40",
    "not a sample line",
])


def test_profile_samples_are_summarised_into_stages(tmp_path):
    path = tmp_path / "p.txt"
    path.write_text(SAMPLE, encoding="utf-8")
    s = command_profile.summary(path, rate=10)
    shares = s["shares"]
    assert s["seconds"] == 10.0 and s["idle_s"] == 4.0 and abs(sum(shares.values()) - 1) < 1e-9
    assert shares == {"start-up (imports, vocabularies, pipelines)": 30 / 100,
                      "extraction (loaders/pipeline.py, spaCy)": 20 / 100,
                      "transactions (graph/store.py write_rows, the driver, the server)": 15 / 100,
                      "waiting for the worker processes": 10 / 100,
                      "mirror (graph/mirror*.py, graph/sync.py)": 10 / 100,
                      "reading and decoding (loaders/documents.py, decoding, markup)": 5 / 100,
                      "language detection (loaders/language.py, langid)": 5 / 100,
                      "preparing rows (graph/rows.py, graph/writes.py)": 5 / 100}
    assert command_profile.stage(["main (cli.py:61)", "somewhere (x.py:1)"]) == "other"


def test_a_commands_parts_and_its_ratio():
    parts = {"words_per_s": 50_000, "rels_per_s": 10_000, "mirror_s_per_rel": 1e-5}
    row = {"seconds": 30.0, "words": 1_000_000, "relationships": 100_000, "processes": 2,
           "parts": ["extraction", "neo4j", "mirror"]}
    assert command_run.parts_seconds(row, parts) == 10 + 10 + 1
    assert command_run.ratio(row, parts) == 30 / 21
    assert command_run.parts_seconds({**row, "parts": ["extraction"], "processes": 1}, parts) == 20
    assert command_run.ratio({**row, "parts": []}, parts) is None  # an unchanged load: nothing to do
    assert command_run.ratio(row, {**parts, "rels_per_s": None}) is None
    assert command_run.rates({**row, "articles": 300}) == {"articles_per_s": 10, "words_per_s": 1_000_000 / 30,
                                                           "rels_per_s": 100_000 / 30}
    own = {"words_per_s": 1.0, "rels_per_s": 2.0, "mirror_s_per_rel": 3.0}
    results = {"extraction": {"words": 600, "one_s": 2.0},
               "sizes": [{"load": {"rate": 7.0}, "mirror": {"build_s": 1.0, "edges": 4}},
                         {"load": {"rate": 9.0}, "mirror": {"build_s": 2.0, "edges": 4}}]}
    assert {k: v for k, v in command_run.parts_of(results, own).items() if k != "source"} == {
        "words_per_s": 300.0, "rels_per_s": 9.0, "mirror_s_per_rel": 0.5}
    assert command_run.parts_of({}, own)["rels_per_s"] == 2.0


def test_words_are_counted_from_the_files(tmp_path):
    (tmp_path / "a.txt").write_text("Berlin liefert  Panzer.\n\nKyiv", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("one two", encoding="utf-8")
    (tmp_path / "notes.md").write_text("not an article", encoding="utf-8")
    assert command_run.words_in(tmp_path) == (2, 6)


def test_commands_run_as_subprocesses_without_neo4j(tmp_path):
    out = tmp_path / "bench.json"
    result = CliRunner().invoke(app, ["--only-commands", "--quick", "--no-neo4j", "--command-articles", "20",
                                      "--json", str(out)])
    assert result.exit_code == 0, result.output
    figures = json.loads(out.read_text())["commands"]
    extract, offline = figures["rows"]
    assert figures["articles"] == 20 and extract["articles"] == 20 and extract["words"] == figures["words"] > 1000
    assert extract["command"].startswith("cli.py extract ") and extract["relations_printed"] > 20
    assert offline["command"].endswith(" --offline") and offline["relationships"] > 100 and offline["in_mirror"]
    for row in (extract, offline):
        assert row["seconds"] > 0 and row["max_rss_kib"] > 50_000  # the child's peak (KiB), spaCy loaded
        assert row["ratio"] == row["seconds"] / row["parts_s"] and row["words_per_s"] > 0
    assert figures["parts"]["words_per_s"] > 0 and figures["parts"]["rels_per_s"] is None  # no load measured
    assert [x["corpus"] for x in figures["in_process"]] == [
        "generated corpus", "sample corpus (data/articles)", "development corpus (tests/fixtures/eval/dev)"]
    assert all(x["words"] >= 20_000 or x["corpus"] == "generated corpus" for x in figures["in_process"])
    table = result.stdout
    assert table.index("**the commands, as users run them**") < table.index("| extract: `cli.py extract DIR")
    assert "largest process" in table and "the time of its parts" in table
    assert "| extraction in-process, development corpus" in table
    assert command_report.rows({"commands": figures})  # the JSON renders again


def test_a_commands_peak_memory_is_its_own_not_the_benchmarks(tmp_path):
    ballast = bytearray(400 * 1024 * 1024)  # the benchmark, large after its corpora (pages touched)
    ballast[::4096] = b"x" * len(ballast[::4096])
    row = command_run.run(["--help"], command_run.command_env(tmp_path / "m.json.gz"), tmp_path / "help.out")
    assert "Usage" in (tmp_path / "help.out").read_text() and 10_000 < row["max_rss_kib"] < 300 * 1024
    del ballast
