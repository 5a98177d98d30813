"""Wire copies when what is stored is not what the detector expects: a damaged signature in Neo4j
or in the mirror, a signature of another scheme, a copy of a copy whose middle link is removed.
A load goes on (one warning line), loses nothing stored, and leaves the mirror equal to Neo4j."""
from __future__ import annotations

from pathlib import Path

import pytest

from graph import cypher, mirror, mirror_io
from tests.helpers import mirror_diff
from tests.reliability.conftest import error_lines, invoke

ROOT = Path(__file__).resolve().parents[2]
ORIGINAL = ROOT / "tests/fixtures/eval/dev/x24_en.txt"
COPIES = ROOT / "tests/fixtures/copies/articles"
LINKS = "MATCH (c:Document)-[:COPY_OF]->(o:Document) RETURN c.name AS copy, o.name AS original ORDER BY copy"


def load(mirror_path: Path, *args):
    result = invoke(mirror_path, "load", *args)
    assert result.exit_code == 0, result.output
    return result


@pytest.mark.parametrize("damage", ["garbage", "affine32-128-1-w3:AAAA", "affine32-64-1-w5:" + "A" * 344, ""])
def test_a_damaged_signature_in_neo4j_is_one_warning_and_loses_nothing(store, tmp_path, damage):
    path = tmp_path / "m.json.gz"
    load(path, ORIGINAL)
    with store.driver.session(database=store.settings.database) as session:
        session.run(cypher.BUMP_GENERATION).consume()  # (as every write does: the mirror follows)
        session.run("MATCH (d:Document {name: 'x24_en'}) SET d.minhash = $bad", bad=damage).consume()
    before = store.counts()
    result = load(path, COPIES / "x24_en_copy1.txt")
    warnings = [line for line in error_lines(result.output) if "damaged text signature" in line]
    assert len(warnings) == 1 and "1 stored documents" in warnings[0]
    assert store.read(LINKS) == []  # its copy cannot be found: loaded as an original
    after = store.counts()
    assert after["nodes"]["Document"] == before["nodes"]["Document"] + 1
    assert all(after["nodes"].get(k, 0) >= n for k, n in before["nodes"].items())
    assert mirror_diff(mirror_io.load(path), mirror_io.from_store(store)) == []


def test_a_damaged_signature_in_an_offline_mirror_is_one_warning(store, tmp_path):
    path = tmp_path / "m.json.gz"
    load(path, "--offline", ORIGINAL)
    g = mirror_io.load(path)
    for doc in mirror.documents(g).values():
        doc["minhash"] = doc["minhash"][:-20]
    mirror_io.save(g, path)
    result = load(path, "--offline", COPIES / "x24_en_copy2.txt")
    assert "damaged text signature" in result.output
    g = mirror_io.load(path)
    assert len(mirror.documents(g)) == 2 and "COPY_OF" not in mirror.counts(g)["relationships"]


def test_a_copy_of_a_copy_stays_linked_to_the_original_when_the_middle_one_goes(store, tmp_path):
    path = tmp_path / "m.json.gz"
    second = tmp_path / "second.txt"
    second.write_text((COPIES / "x24_en_copy1.txt").read_text(encoding="utf-8") + "\nAdditional reporting.\n",
                      encoding="utf-8")
    load(path, ORIGINAL)
    load(path, COPIES / "x24_en_copy1.txt")
    load(path, second)
    assert [(r["copy"], r["original"]) for r in store.read(LINKS)] == [("second", "x24_en"), ("x24_en_copy1", "x24_en")]
    assert invoke(path, "remove", "x24_en_copy1").exit_code == 0
    assert [(r["copy"], r["original"]) for r in store.read(LINKS)] == [("second", "x24_en")]
    g = mirror_io.load(path)
    assert mirror_diff(g, mirror_io.from_store(store)) == [] and mirror.counts(g) == store.counts()
