"""graph.disk_cache: a value computed once and kept on disk by a key; a stale, damaged or unwritable
cache is computed again or skipped, never an error. graph.yaml_data.read keeps data files by content."""
from __future__ import annotations

import pytest

from graph import disk_cache, yaml_data


def counting(value):
    calls = []

    def build():
        calls.append(1)
        return value
    return build, calls


def test_a_value_is_built_once_and_read_back(tmp_path):
    build, calls = counting({"a": [1, 2]})
    assert disk_cache.kept("thing", "k1", build, tmp_path) == {"a": [1, 2]}
    assert disk_cache.kept("thing", "k1", build, tmp_path) == {"a": [1, 2]}
    assert len(calls) == 1


def test_another_key_is_built_again_and_the_stale_file_removed(tmp_path):
    disk_cache.kept("thing", "k1", lambda: 1, tmp_path)
    disk_cache.kept("other", "k1", lambda: 2, tmp_path)
    assert disk_cache.kept("thing", "k2", lambda: 3, tmp_path) == 3
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other-k1.pickle", "thing-k2.pickle"]


def test_a_damaged_file_is_built_again(tmp_path):
    disk_cache.kept("thing", "k1", lambda: 1, tmp_path)
    (tmp_path / "thing-k1.pickle").write_bytes(b"\x80\x05not a pickle")
    assert disk_cache.kept("thing", "k1", lambda: 2, tmp_path) == 2
    assert disk_cache.kept("thing", "k1", lambda: 3, tmp_path) == 2


def test_a_cache_that_cannot_be_written_is_skipped(tmp_path):
    (tmp_path / "file").write_text("x")
    folder = tmp_path / "file" / "cache"  # below a file: cannot exist
    assert disk_cache.kept("thing", "k1", lambda: 5, folder) == 5


def test_a_data_file_is_read_again_when_its_content_changes(tmp_path, monkeypatch):
    monkeypatch.setattr(disk_cache, "CACHE", tmp_path / "cache")
    path = tmp_path / "data.yaml"
    path.write_text("a: [1, 2]\nwhen: 2024-03-01\n", encoding="utf-8")
    assert yaml_data.read(path) == yaml_data.loads(path.read_text(encoding="utf-8"))
    assert yaml_data.read(path) == yaml_data.loads(path.read_text(encoding="utf-8"))  # (from the cache)
    path.write_text("a: [3]\n", encoding="utf-8")
    assert yaml_data.read(path) == {"a": [3]}
    assert len(list((tmp_path / "cache").glob("yaml-*.pickle"))) == 1
    path.write_text("a: [3\n", encoding="utf-8")
    with pytest.raises(yaml_data.YAMLError):
        yaml_data.read(path)
