"""Writing a file whole: under a temporary name of its own beside it, renamed over it at the end."""
from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO


@contextmanager
def replacing(path: Path, mode: str = "wb", **options) -> Iterator[IO]:
    """A file object whose content replaces `path` in one step when the block ends without an error
    (else nothing changes). The temporary name is the writer's own, so two commands writing one
    file at once never write into, or rename, each other's. The file gets the permissions it had,
    or a new file those of open() (not mkstemp's owner-only). OSError is the caller's to word."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, mode, **options) as fh:
            yield fh
        os.chmod(tmp, _mode_of(path))
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _mode_of(path: Path) -> int:
    """The permission bits of the file at `path`, or of a file open() would create there."""
    try:
        return os.stat(path).st_mode & 0o7777
    except FileNotFoundError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask
