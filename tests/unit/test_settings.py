"""Settings: read from the environment once (graph/settings.py), an option typed wins, a bad value is
one error line naming the variable, and `cli.py --help` names every variable."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from graph import settings as settings_mod
from graph.errors import InputError
from graph.settings import Settings, from_env

ROOT = Path(__file__).resolve().parents[2]


def test_defaults_without_environment():
    s = from_env({})
    assert s == Settings()
    assert (s.uri, s.user, s.password, s.database) == ("bolt://localhost:7687", "neo4j", "armsgraph-local", "neo4j")
    assert s.mirror_path == ROOT / "out" / "mirror.json.gz"
    assert (s.batch_size, s.docs_per_transaction, s.max_bytes) == (5000, 500, 25_000_000)
    assert (s.connect_timeout, s.retry_time) == (5.0, 15.0)


def test_good_values_from_the_environment():
    s = from_env({"NEO4J_URI": "neo4j://db:7690", "NEO4J_USER": "u", "NEO4J_PASSWORD": "p", "NEO4J_DATABASE": "d",
                  "ARMSGRAPH_MIRROR": "/tmp/m.json.gz", "ARMSGRAPH_BATCH_SIZE": " 250 ",
                  "ARMSGRAPH_DOCS_PER_TRANSACTION": "1", "ARMSGRAPH_CONNECT_TIMEOUT": "0.5",
                  "ARMSGRAPH_RETRY_TIME": "0", "ARMSGRAPH_MAX_BYTES": "1_000_000"})
    assert (s.uri, s.user, s.password, s.database) == ("neo4j://db:7690", "u", "p", "d")
    assert s.mirror_path == Path("/tmp/m.json.gz")
    assert (s.batch_size, s.docs_per_transaction, s.max_bytes) == (250, 1, 1_000_000)
    assert (s.connect_timeout, s.retry_time) == (0.5, 0.0)
    assert isinstance(s.batch_size, int) and isinstance(s.max_bytes, int)


def test_empty_values_are_the_defaults():
    s = from_env({"ARMSGRAPH_MIRROR": "", "ARMSGRAPH_BATCH_SIZE": "", "ARMSGRAPH_MAX_BYTES": "  "})
    assert s.mirror_path == settings_mod.DEFAULT_MIRROR and s.batch_size == 5000 and s.max_bytes == 25_000_000


def test_the_web_settings():
    s = from_env({})
    assert (s.fetch_timeout, s.fetch_interval, s.max_redirects) == (20.0, 1.0, 5)
    assert s.web_cache == ROOT / ".cache" / "web" and s.user_agent.startswith("armsgraph/")
    s = from_env({"ARMSGRAPH_FETCH_TIMEOUT": "2.5", "ARMSGRAPH_FETCH_INTERVAL": "0", "ARMSGRAPH_MAX_REDIRECTS": "0",
                  "ARMSGRAPH_WEB_CACHE": "/tmp/pages", "ARMSGRAPH_USER_AGENT": "bot/2"})
    assert (s.fetch_timeout, s.fetch_interval, s.max_redirects, s.web_cache, s.user_agent) == (
        2.5, 0.0, 0, Path("/tmp/pages"), "bot/2")
    s = from_env({"ARMSGRAPH_WEB_CACHE": "", "ARMSGRAPH_USER_AGENT": " "})
    assert s.web_cache == settings_mod.DEFAULT_WEB_CACHE and s.user_agent == settings_mod.DEFAULT_USER_AGENT
    for name, value in (("ARMSGRAPH_FETCH_TIMEOUT", "0"), ("ARMSGRAPH_FETCH_INTERVAL", "-1"),
                        ("ARMSGRAPH_MAX_REDIRECTS", "1.5")):
        with pytest.raises(InputError, match=f"^{name} must be "):
            from_env({name: value})


def test_options_typed_win_over_the_environment_and_none_is_not_typed():
    env = {"NEO4J_URI": "bolt://env:1", "NEO4J_USER": "env-user", "ARMSGRAPH_MIRROR": "env.json.gz"}
    s = from_env(env, uri="bolt://typed:2", user=None, mirror_path=Path("typed.json.gz"))
    assert (s.uri, s.user, s.mirror_path) == ("bolt://typed:2", "env-user", Path("typed.json.gz"))


def test_settings_are_frozen():
    with pytest.raises(AttributeError):
        from_env({}).batch_size = 1


def test_the_process_environment_is_read_when_none_is_given(monkeypatch):
    monkeypatch.setenv("ARMSGRAPH_MAX_BYTES", "1234")
    monkeypatch.setenv("NEO4J_DATABASE", "other")
    s = from_env()
    assert s.max_bytes == 1234 and s.database == "other"


@pytest.mark.parametrize("variable,value,expected", [
    ("ARMSGRAPH_BATCH_SIZE", "abc", "a positive whole number (rows per statement)"),
    ("ARMSGRAPH_BATCH_SIZE", "0", "a positive whole number (rows per statement)"),
    ("ARMSGRAPH_BATCH_SIZE", "-1", "a positive whole number (rows per statement)"),
    ("ARMSGRAPH_BATCH_SIZE", "2.5", "a positive whole number (rows per statement)"),
    ("ARMSGRAPH_DOCS_PER_TRANSACTION", "0", "a positive whole number (documents per load transaction)"),
    ("ARMSGRAPH_CONNECT_TIMEOUT", "nan", "a positive number of seconds"),
    ("ARMSGRAPH_CONNECT_TIMEOUT", "-3", "a positive number of seconds"),
    ("ARMSGRAPH_CONNECT_TIMEOUT", "0", "a positive number of seconds"),
    ("ARMSGRAPH_RETRY_TIME", "soon", "a number of seconds, 0 or more"),
    ("ARMSGRAPH_RETRY_TIME", "inf", "a number of seconds, 0 or more"),
    ("ARMSGRAPH_MAX_BYTES", "-5", "a positive number of bytes"),
    ("ARMSGRAPH_MAX_BYTES", "1e3", "a positive number of bytes"),
    ("ARMSGRAPH_MAX_BYTES", "lots", "a positive number of bytes"),
])
def test_a_bad_value_is_an_input_error_naming_the_variable_and_what_it_must_be(variable, value, expected):
    with pytest.raises(InputError) as info:
        from_env({variable: value})
    assert str(info.value) == f"{variable} must be {expected}, not {value!r}"
    assert info.value.exit_code == 2


def test_every_variable_is_listed_once():
    assert settings_mod.VARIABLES == ("NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_DATABASE",
                                      "ARMSGRAPH_MIRROR", "ARMSGRAPH_WEB_CACHE", "ARMSGRAPH_USER_AGENT",
                                      "ARMSGRAPH_BATCH_SIZE", "ARMSGRAPH_DOCS_PER_TRANSACTION",
                                      "ARMSGRAPH_CONNECT_TIMEOUT", "ARMSGRAPH_RETRY_TIME", "ARMSGRAPH_MAX_BYTES",
                                      "ARMSGRAPH_FETCH_TIMEOUT", "ARMSGRAPH_FETCH_INTERVAL", "ARMSGRAPH_MAX_REDIRECTS")


def test_only_the_settings_module_reads_the_environment():
    """No program module but graph/settings.py reads os.environ or getenv (tests and bench aside)."""
    readers = []
    for path in [ROOT / "cli.py", *(ROOT / "graph").rglob("*.py"), *(ROOT / "loaders").rglob("*.py"),
                 *(ROOT / "queries").rglob("*.py")]:
        text = path.read_text(encoding="utf-8")
        if ("os.environ" in text or "getenv" in text or "envvar=" in text) and path.name != "settings.py":
            readers.append(str(path.relative_to(ROOT)))
    assert readers == []


# the command line -------------------------------------------------------------------------------

def cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in settings_mod.VARIABLES}
    return subprocess.run([sys.executable, str(ROOT / "cli.py"), *args], env={**clean, **env, "COLUMNS": "200"},
                          cwd=ROOT, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("value", ["abc", "0"])
def test_a_bad_batch_size_is_one_error_line_and_a_nonzero_exit(value, tmp_path):
    result = cli("--mirror", str(tmp_path / "m.json.gz"), "stats", env={"ARMSGRAPH_BATCH_SIZE": value})
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"error: ARMSGRAPH_BATCH_SIZE must be a positive whole number (rows per statement), not {value!r}"]
    assert not (tmp_path / "m.json.gz").exists()


def test_a_bad_size_limit_stops_extract_before_reading(tmp_path):
    article = ROOT / "data" / "articles" / "000_d097e88d938dfaf8.txt"
    result = cli("extract", str(article), env={"ARMSGRAPH_MAX_BYTES": "-5"})
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.splitlines() == ["error: ARMSGRAPH_MAX_BYTES must be a positive number of bytes, not '-5'"]


def test_the_size_limit_reaches_the_loader_through_the_settings():
    article = ROOT / "data" / "articles" / "000_d097e88d938dfaf8.txt"
    result = cli("extract", str(article), env={"ARMSGRAPH_MAX_BYTES": "100"})
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert f"skipped {article}: too large: " in result.stderr and "(limit 0.0 MB; set ARMSGRAPH_MAX_BYTES)" in result.stderr


def test_help_names_every_environment_variable():
    result = cli("--help", env={"ARMSGRAPH_BATCH_SIZE": "abc"})  # --help needs no settings
    assert result.returncode == 0, result.stderr
    for name in settings_mod.VARIABLES:
        assert name in result.stdout, name
    for option in ("--uri", "--user", "--password", "--database", "--mirror"):
        assert option in result.stdout
    assert "armsgraph-local" not in result.stdout  # the password is never shown
