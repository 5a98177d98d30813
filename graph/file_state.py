"""What the commands sharing a file (the mirror and its journal) need of it: a lock they take
in turn, and a fingerprint that tells whether another one changed the file meanwhile."""
from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold the file's lock file (`.NAME.lock` beside it) until the block ends."""
    lock = path.with_name(f".{path.name}.lock")
    with open(lock, "a") as fh:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


def fingerprint(path: Path) -> tuple | None:
    """The file's inode, modification time and size (None: no such file)."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return st.st_ino, st.st_mtime_ns, st.st_size
