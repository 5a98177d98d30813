"""The commands over the three hand-made articles (tests/analyst_graph.py): Neo4j and a saved mirror
holding them, and a command run against either (a port where no server answers: the mirror)."""
from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

import cli
from graph import mirror_io
from graph import mirror as mirror_mod
from graph.model import GraphData
from loaders.ingest import write_batch
from tests.analyst_graph import analyst_graphs
from tests.conftest import TEST_URI

OFFLINE = "bolt://localhost:7999"


def stored_with_mirror(store, directory: Path) -> Path:
    """The test Neo4j wiped and given the three articles, and a mirror file of them in `directory`."""
    store.wipe()
    write_batch(store, analyst_graphs())
    both = GraphData()
    for g in analyst_graphs():
        both.extend(g)
    return mirror_io.save(mirror_mod.build(both), directory / "m.json.gz")


def run(mirror_file, *args, uri: str = TEST_URI):
    return CliRunner().invoke(cli.app, ["--uri", uri, "--mirror", str(mirror_file), *args],
                              env={"NEO4J_URI": TEST_URI})
