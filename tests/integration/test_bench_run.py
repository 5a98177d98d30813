"""The benchmark end to end on a tiny size against the test Neo4j: every row of its table is
printed (the commands as users run them, first; Neo4j loads as `cli.py load` writes, where their time went and py-spy's samples of them, the naive writer,
paths, the page in Chromium). No figure is checked."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import TEST_URI

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.browser


def test_benchmark_prints_every_row(store, tmp_path):
    # a process of its own, as users run it (and free of the Chromium other tests keep open)
    result = subprocess.run([sys.executable, "-m", "bench", "--articles", "40", "--sizes", "800,1500", "--naive", "10",
                             "--pairs", "5", "--pages", "60", "--uri", TEST_URI, "--wipe",
                             "--loads", "2", "--profile", str(tmp_path / "profiles"),
                             "--command-articles", "20", "--big-graph", "0"],
                            cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr[-3000:]
    table = result.stdout
    for stage in ("extraction, 1 process", "extraction, 2 processes", "accuracy (score.py)",
                  "load into Neo4j, batched", "load into Neo4j, naive", "path in Neo4j", "path in the mirror",
                  "mirror", "page (graph/viz.py) in headless Chromium", "re-create from the Cypher dump"):
        assert f"| {stage} |" in table, stage
    for command in ("extract: `cli.py extract DIR --format jsonl`", "load --offline (mirror only)",
                    "load into a Neo4j just started: `cli.py load DIR`", "load again, nothing new",
                    "load again, every article read again (replaced)",
                    "load, bulk options, into a Neo4j just started", "extraction in-process, development corpus"):
        assert f"| {command}" in table, command
    assert table.index("the commands, as users run them") < table.index("| load into Neo4j, batched |")
    assert table.count("| load into Neo4j, batched |") == 2
    assert table.count("| batched load: where the time went |") == 2
    assert table.count("| batched load: the client, sampled (py-spy) |") == 2
    assert table.count("median of 2 loads") == 2
    for size in ("800", "1500"):  # py-spy's samples of each load, one read back into the table (the median's)
        samples = [tmp_path / "profiles" / f"load-{size}-{i}.txt" for i in (1, 2)]
        assert all(f.stat().st_size > 0 for f in samples)
        assert sum(f"samples in `{f}`" in table for f in samples) == 1
    assert "writing thread (" in table
    assert "community" in table.lower() or "enterprise" in table.lower()  # the Neo4j version
    assert store.counts()["relationships"] == {}  # it leaves the database empty
