"""The one way the project reads its YAML data files (schema, vocabularies, lexicons, settings):
PyYAML's safe loading, by libyaml where PyYAML was built with it (five to ten times faster), else by
PyYAML's own Python loader. Both read the same documents to the same values; a malformed file raises
yaml.YAMLError either way. The start of every command reads about 1 MB of them: building the values
still took half a second, so a data file's value is kept on disk by its content (graph/disk_cache)."""
from __future__ import annotations

from pathlib import Path

import yaml

from graph import disk_cache

SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
YAMLError = yaml.YAMLError  # (what a malformed file raises)


def loads(text: str):
    """The value of a YAML document (safe tags only)."""
    return yaml.load(text, Loader=SAFE_LOADER)


def read(path: Path):
    """The value of a YAML data file, as loads() gives it; read from the disk cache when the file's
    content is the one cached (OSError if the file cannot be read, YAMLError if it is malformed)."""
    data = Path(path).read_bytes()
    name = "yaml-" + disk_cache.digest(str(Path(path).resolve()))
    return disk_cache.kept(name, disk_cache.digest(data), lambda: loads(data.decode("utf-8")))
