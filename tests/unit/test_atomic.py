"""graph/atomic.py: a file written whole keeps the permissions a user expects of it."""
from __future__ import annotations

import os
import stat

import pytest

from graph.atomic import replacing


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_a_new_file_gets_the_permissions_open_would_give_it(tmp_path):
    old = os.umask(0o022)
    try:
        with replacing(tmp_path / "page.html", "w") as fh:
            fh.write("<p>shared</p>")
        with open(tmp_path / "plain.html", "w") as fh:
            fh.write("<p>shared</p>")
    finally:
        os.umask(old)
    assert mode(tmp_path / "page.html") == mode(tmp_path / "plain.html") == 0o644


def test_a_replaced_file_keeps_its_permissions(tmp_path):
    path = tmp_path / "mirror.json"
    path.write_text("{}")
    path.chmod(0o600)
    with replacing(path, "w") as fh:
        fh.write('{"a": 1}')
    assert mode(path) == 0o600 and path.read_text() == '{"a": 1}'


def test_a_failed_write_leaves_the_file_and_no_temporary(tmp_path):
    path = tmp_path / "out.csv"
    path.write_text("before")
    with pytest.raises(RuntimeError):
        with replacing(path, "w") as fh:
            fh.write("half")
            raise RuntimeError("interrupted")
    assert path.read_text() == "before" and sorted(p.name for p in tmp_path.iterdir()) == ["out.csv"]
