"""The extractor's version: what a stored document records having been read by (no spaCy needed
to know it, so that `load` can tell unchanged articles before loading any language pipeline)."""
from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=1)
def extractor_version() -> str:
    """A hash of everything that decides what is extracted: vocabularies, lexicon and rule code."""
    here = Path(__file__).resolve().parent
    files = sorted([*here.glob("vocab/*.yaml"), *here.glob("lexicon/*.yaml"), *here.glob("*.py")])
    h = hashlib.sha256()
    for f in files:
        h.update(f.name.encode())
        h.update(f.read_bytes())
    return h.hexdigest()[:12]
