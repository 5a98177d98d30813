"""Shared fixtures. Integration tests talk Bolt to a real Neo4j: by default the test server that
scripts/test starts on port 7688 (never your working database on 7687)."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph import settings as settings_mod  # noqa: E402

TEST_URI = os.environ.get("ARMSGRAPH_TEST_NEO4J_URI", "bolt://localhost:7688")


@pytest.fixture(scope="session")
def neo4j_settings():
    return settings_mod.from_env(uri=TEST_URI)


@pytest.fixture(scope="session")
def _store(neo4j_settings):
    from graph.store import Store
    try:
        store = Store.connect(neo4j_settings)
    except Exception as exc:  # fail, never skip: the integration tests need the real server
        pytest.fail(f"the test Neo4j is not reachable ({exc}); run the tests with scripts/test", pytrace=False)
    store.init_schema()
    yield store
    store.close()


@pytest.fixture
def store(_store):
    """A store on an empty database (constraints kept)."""
    _store.wipe()
    return _store


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def browser():
    """Debian's headless Chromium through playwright; missing pieces fail the test, never skip it."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("playwright is not installed (run scripts/setup test)", pytrace=False)
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing (apt-get install chromium)", pytrace=False)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()
