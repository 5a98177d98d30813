"""The settings a command runs with (read once by cli.py's callback) and the Neo4j store they open."""
from __future__ import annotations

from graph import settings as settings_mod


class State:
    settings: settings_mod.Settings | None = None


def settings() -> settings_mod.Settings:
    """The settings cli.py's callback read (from the environment when a command runs without it)."""
    if State.settings is None:  # (a command run without the callback, as in some tests)
        State.settings = settings_mod.from_env()
    return State.settings


def open_store():
    from graph.store import Store
    return Store.connect(settings())
