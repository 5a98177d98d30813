"""The benchmark's corpus generator and its command on a tiny size (no timing is checked here:
figures belong to the benchmark's table, never to a test)."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from bench import accuracy, corpus, report
from bench.__main__ import app, parse_sizes
from loaders.pipeline import Extractor, gold_rows


@pytest.fixture(scope="module")
def articles():
    return list(corpus.generate(60, seed=5))


def test_generator_is_deterministic_and_bilingual(articles):
    again = list(corpus.generate(60, seed=5))
    assert [a.text for a in again] == [a.text for a in articles]
    assert [a.gold() for a in again] == [a.gold() for a in articles]
    assert {a.lang for a in articles} == {"de", "en"}
    assert [a.text for a in corpus.generate(3, seed=6)] != [a.text for a in articles[:3]]


def test_expected_facts_are_gold_rows_with_their_sentence(articles):
    types = set()
    for art in articles:
        for row in art.gold():
            assert set(row) >= {"doc", "type", "source", "target", "evidence"} and row["doc"] == art.name
            assert row["evidence"] in art.text
            assert ("weapon" in row) == (row["type"] == "SUPPLIES")
            types.add(row["type"])
    assert types >= {"SUPPLIES", "ACCUSES", "CONFIRMS", "VISITS", "DENIES", "MEETS"}


def test_extractor_scores_sensibly_on_the_generated_articles(articles):
    extractor = Extractor()
    predicted = [row for a in articles for row in gold_rows(extractor.extract(a.document()))]
    gold = [row for a in articles for row in a.gold()]
    scores = accuracy.score(gold, predicted)
    assert scores["core_relaxed"][2] > 0.8 and scores["extended_relaxed"][2] > 0.8
    assert accuracy.score(gold, gold)["core_strict"] == (1.0, 1.0, 1.0)
    assert accuracy.score(gold, [])["core_strict"][1] == 0.0


def test_graph_of_an_article_is_what_the_store_takes(articles):
    art = articles[0]
    graph = art.graph()
    assert len(graph.relations) == len(art.facts) and graph.documents[0].name == art.name
    assert all(r.source in graph.nodes and r.target in graph.nodes for r in graph.relations)


def test_sizes_and_verdicts():
    assert parse_sizes("10k, 100k,1M") == [10_000, 100_000, 1_000_000]
    assert report.size_name(1_000_000) == "1M" and report.size_name(2_500) == "2500"
    assert report.verdict(60_000, 50_000, True) == "met"
    assert report.verdict(25_000, 50_000, True) == "missed by 50%"
    assert report.verdict(75, 50, False) == "missed by 50%"


def test_benchmark_runs_tiny_without_neo4j_and_prints_its_table(tmp_path):
    out = tmp_path / "bench.json"
    result = CliRunner().invoke(app, ["--no-neo4j", "--no-commands", "--articles", "40", "--sizes", "800,1500",
                                      "--pairs", "5",
                                      "--pages", "", "--processes", "2", "--json", str(out)])
    assert result.exit_code == 0, result.output
    table = result.stdout
    for stage in ("extraction, 1 process", "extraction, 2 processes", "accuracy (score.py)",
                  "path in the mirror", "mirror"):
        assert f"| {stage} |" in table
    assert table.count("| mirror |") == 2 and "Machine:" in table and "Command:" in table
    figures = json.loads(out.read_text())
    assert [s["size"] for s in figures["sizes"]] == [800, 1500]
    assert all(s["relationships"] >= s["size"] for s in figures["sizes"])


def test_benchmark_refuses_to_empty_a_database_it_did_not_start():
    result = CliRunner().invoke(app, ["--quick", "--uri", "bolt://localhost:1"])
    assert result.exit_code == 2 and "--wipe" in result.output
