"""The connection to Neo4j: opening a driver, and the driver's errors as one-line StoreErrors."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import neo4j
from neo4j import exceptions as neo4j_exc

from graph.errors import InputError, StoreError
from graph.settings import Settings

AUTH_RATE_LIMIT = "Neo.ClientError.Security.AuthenticationRateLimit"


def refused_credentials(exc: BaseException | None) -> bool:
    """Whether a driver error means the credentials were refused (also after too many failed logins,
    which Neo4j reports as a plain ClientError)."""
    return isinstance(exc, neo4j_exc.AuthError) or (
        isinstance(exc, neo4j_exc.ClientError) and exc.code == AUTH_RATE_LIMIT)


@contextmanager
def translated(settings: Settings) -> Iterator[None]:
    """Turn driver errors into one-line StoreErrors naming the URI, never the password."""
    try:
        yield
    except neo4j_exc.ClientError as exc:
        if refused_credentials(exc):
            repeated = "; too many failed logins in a row, wait a few seconds" if exc.code == AUTH_RATE_LIMIT else ""
            raise StoreError(f"Neo4j at {settings.uri} refused the credentials of user {settings.user!r}"
                             f"{repeated} (check NEO4J_USER / NEO4J_PASSWORD)") from exc
        raise StoreError(f"Neo4j at {settings.uri} rejected a query: {exc.message}") from exc
    except (neo4j_exc.ServiceUnavailable, neo4j_exc.SessionExpired, OSError) as exc:
        raise StoreError(f"cannot reach Neo4j at {settings.uri} (is it running? "
                         "start one with scripts/neo4j-local start)") from exc
    except neo4j_exc.ConfigurationError as exc:  # a malformed address is the user's input (exit code 2)
        raise InputError(f"bad Neo4j address {settings.uri!r}: {exc}") from exc
    except neo4j_exc.Neo4jError as exc:
        raise StoreError(f"Neo4j at {settings.uri} failed: {exc.message}") from exc
    except ValueError as exc:
        if "uri" in str(exc).lower() or "scheme" in str(exc).lower():
            raise InputError(f"bad Neo4j address {settings.uri!r}") from exc
        raise


def open_driver(settings: Settings) -> neo4j.Driver:
    """A driver for the settings' server, once it answered and accepted the credentials."""
    with translated(settings):
        driver = neo4j.GraphDatabase.driver(
            settings.uri, auth=(settings.user, settings.password),
            connection_timeout=settings.connect_timeout, max_transaction_retry_time=settings.retry_time,
            notifications_min_severity="OFF")
        try:
            driver.verify_connectivity()
        except BaseException:
            driver.close()
            raise
    return driver
