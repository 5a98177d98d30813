"""Values kept on disk between runs: what every command would otherwise compute again as it starts
(the data files' YAML, the vocabulary's phrases as the pipeline reads them). A value is kept under a
name and a key that changes with whatever it was computed from; a file that is stale, damaged or
cannot be written is computed again or skipped, never an error."""
from __future__ import annotations

import hashlib
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from graph.atomic import replacing
from graph.settings import ROOT

CACHE = ROOT / ".cache"  # (git-ignored)
T = TypeVar("T")


def digest(*parts: bytes | str) -> str:
    """A short hash of the parts, for a key."""
    h = hashlib.blake2b(digest_size=10)
    for part in parts:
        h.update(part.encode() if isinstance(part, str) else part)
        h.update(b"\0")
    return h.hexdigest()


def kept(name: str, key: str, build: Callable[[], T], folder: Path | None = None) -> T:
    """build()'s value, read from `folder/NAME-KEY.pickle` when a run before kept it there, else
    built and kept (other keys' files of the same name are removed then: they are stale)."""
    folder = Path(folder or CACHE)
    path = folder / f"{name}-{key}.pickle"
    try:
        with open(path, "rb") as fh:
            stored_key, value = pickle.load(fh)
        if stored_key == key:
            return value
    except Exception:  # (missing, or damaged in any of the ways unpickling reports it: build it again)
        pass
    value = build()
    try:
        with replacing(path) as fh:
            pickle.dump((key, value), fh, protocol=pickle.HIGHEST_PROTOCOL)
        for old in folder.glob(f"{name}-*.pickle"):
            if old != path and old.name[len(name) + 1:-len(".pickle")].isalnum():
                old.unlink(missing_ok=True)
    except OSError:
        pass
    return value
