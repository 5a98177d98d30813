"""Faults: no server, refused credentials, the server killed in the middle of a load, and two loads
of the same corpus at once. Nothing is lost, nothing is duplicated, and the rerun converges."""
from __future__ import annotations

import os
import time

import pytest

from graph import mirror
from graph.store import Store
from tests.conftest import TEST_URI
from tests.reliability.conftest import cli_process, error_lines, free_port, invoke, SAMPLE
from tests.reliability.corpus import write_corpus

DUPLICATE_IDS = """
MATCH (n) WHERE n.id IS NOT NULL
WITH labels(n) AS labels, n.id AS id, count(*) AS n WHERE n > 1
RETURN 'node' AS what, labels AS kind, id, n
UNION ALL
MATCH ()-[r]->() WHERE r.id IS NOT NULL
WITH type(r) AS t, r.id AS id, count(*) AS n WHERE n > 1
RETURN 'relationship' AS what, [t] AS kind, id, n
UNION ALL
MATCH (a)-[r]->(b) WHERE r.id IS NULL
WITH a, b, type(r) AS t, count(*) AS n WHERE n > 1
RETURN 'link' AS what, [t] AS kind, a.id + '->' + b.id AS id, n
"""


def documents(store) -> int:
    return store.read("MATCH (d:Document) RETURN count(d) AS n")[0]["n"]


def evidence_per_document(store) -> dict[str, int]:
    return {r["id"]: r["n"] for r in store.read(
        "MATCH (d:Document) OPTIONAL MATCH (e:Evidence)-[:IN_DOCUMENT]->(d) RETURN d.id AS id, count(e) AS n")}


def clean_load(store, corpus, tmp_path, uri):
    """The reference: the corpus loaded once into a wiped database."""
    store.wipe()
    path = tmp_path / "clean.json.gz"
    result = invoke(path, "load", corpus, uri=uri)
    assert result.exit_code == 0, result.output
    return mirror.from_store(store), store.counts()


def test_no_server_is_one_line_exit_1_and_nothing_written(tmp_path):
    port = free_port()  # nothing listens there
    for args in (["load", SAMPLE], ["init"], ["remove", "x"], ["mirror"], ["query", "transfers", "--param",
                                                                            "supplier=NK"]):
        result = invoke(tmp_path / "m.json.gz", *args, uri=f"bolt://localhost:{port}")
        assert result.exit_code == 1, (args, result.output)
        lines = error_lines(result.output)
        assert len(lines) == 1 and lines[0].startswith("error: cannot reach Neo4j at "
                                                       f"bolt://localhost:{port}"), (args, result.output)
    assert not (tmp_path / "m.json.gz").exists()


def test_neo4j_killed_mid_load_then_rerun_equals_a_clean_load(own_neo4j, store, tmp_path):
    """kill -9 the server after the first transactions committed; the load fails with one line; after
    a restart the same load converges to what one clean load gives (counts, properties, no duplicates),
    every document the killed load committed was whole, and the mirror file holds what Neo4j holds."""
    corpus = write_corpus(tmp_path / "corpus", 100)
    clean, clean_counts = clean_load(store, corpus, tmp_path, TEST_URI)  # the reference, on the test server
    mirror_path = tmp_path / "mirror.json.gz"
    seed = invoke(mirror_path, "load", SAMPLE / "003_5a41f9b0d836bd47.txt", uri=own_neo4j.uri)  # a mirror exists
    assert seed.exit_code == 0, seed.output
    before = mirror_path.read_bytes()
    with Store.connect(own_neo4j.settings()) as own:
        proc = cli_process("load", corpus, uri=own_neo4j.uri, mirror_path=mirror_path,
                           env={**os.environ, "ARMSGRAPH_RETRY_TIME": "1"})
        deadline = time.monotonic() + 120
        while documents(own) < 1 + 40:  # two transactions of 20 documents committed
            assert proc.poll() is None, proc.communicate()
            assert time.monotonic() < deadline, "the load wrote nothing in time"
            time.sleep(0.02)
    own_neo4j.kill()
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 1, out + err
    assert error_lines(err) == [f"error: cannot reach Neo4j at {own_neo4j.uri} (is it running? "
                                "start one with scripts/neo4j-local start)"], err
    assert mirror_path.read_bytes() == before  # a failed load leaves the mirror file as it was

    own_neo4j.start()
    with Store.connect(own_neo4j.settings()) as own:
        partial = evidence_per_document(own)
        assert 41 <= len(partial) < 101
        rerun = invoke(mirror_path, "load", corpus, uri=own_neo4j.uri)
        assert rerun.exit_code == 0, rerun.output
        assert own.read(DUPLICATE_IDS) == []
        assert mirror.equal(mirror.load(mirror_path), mirror.from_store(own)) == []  # the file caught up
        whole = evidence_per_document(own)
        assert len(whole) == 101 and {d: whole[d] for d in partial} == partial  # no document was half written
        assert own.remove_document("003_5a41f9b0d836bd47")  # without the seed: what a clean load gives
        assert own.counts() == clean_counts
        assert mirror.equal(mirror.from_store(own), clean) == []


def test_two_loads_of_one_corpus_at_once_duplicate_nothing(store, tmp_path):
    """Two `cli.py load` processes of the same corpus, at the same time, into one server and one mirror
    file: no node or relationship twice, and the graph equals one clean load."""
    corpus = write_corpus(tmp_path / "corpus", 60)
    mirror_path = tmp_path / "mirror.json.gz"
    procs = [cli_process("load", corpus, uri=TEST_URI, mirror_path=mirror_path) for _ in range(2)]
    results = [p.communicate(timeout=180) for p in procs]
    for p, (out, err) in zip(procs, results):
        assert p.returncode == 0, out + err
        assert "Traceback" not in err
    assert store.read(DUPLICATE_IDS) == []
    both, counts = mirror.from_store(store), store.counts()
    assert mirror.equal(mirror.load(mirror_path), both) == []
    clean, clean_counts = clean_load(store, corpus, tmp_path, TEST_URI)
    assert counts == clean_counts
    assert mirror.equal(both, clean) == []


def test_wrong_password_never_shows_the_password(own_neo4j, tmp_path):
    """On the dedicated server: after three failed logins Neo4j locks the user for a few seconds,
    which must still read as refused credentials (and must not lock out the shared test server)."""
    secret, real = "Sup3r-Secret-Pa55word", own_neo4j.settings().password
    for args in (["load", SAMPLE], ["query", "transfers", "--param", "supplier=NK"], ["path", "NK", "UA"],
                 ["stats"], ["init"]):
        result = invoke(tmp_path / "m.json.gz", *args, uri=own_neo4j.uri, options=["--password", secret])
        assert result.exit_code == 1, (args, result.output)
        lines = error_lines(result.output)
        assert len(lines) == 1, (args, result.output)
        assert lines[0].startswith(f"error: Neo4j at {own_neo4j.uri} refused the credentials of user 'neo4j'"), lines
        assert secret not in result.output and real not in result.output
    assert not (tmp_path / "m.json.gz").exists()
