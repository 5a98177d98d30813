"""The one way the project reads its YAML data files (schema, vocabularies, lexicons, settings):
PyYAML's safe loading, by libyaml where PyYAML was built with it (five to ten times faster: the
start of every command reads about 1 MB of them), else by PyYAML's own Python loader. Both read
the same documents to the same values; a malformed file raises yaml.YAMLError either way."""
from __future__ import annotations

import yaml

SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
YAMLError = yaml.YAMLError  # (what a malformed file raises)


def loads(text: str):
    """The value of a YAML document (safe tags only)."""
    return yaml.load(text, Loader=SAFE_LOADER)
