"""The Neo4j store: constraints, batched idempotent writes, document removal, read-back."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

import neo4j
from neo4j import exceptions as neo4j_exc

from graph import cypher, rows as rows_mod
from graph import schema as schema_mod
from graph.errors import InputError, StoreError
from graph.model import GraphData
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


def _chunks(items: list, size: int) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


class Store:
    """A Neo4j database holding the graph; the driver is passed in or built from settings."""

    def __init__(self, driver: neo4j.Driver, settings: Settings):
        self.driver = driver
        self.settings = settings
        self.schema = schema_mod.load()

    @classmethod
    def connect(cls, settings: Settings) -> "Store":
        """Open a driver and check the server answers and accepts the credentials."""
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
        return cls(driver, settings)

    def close(self) -> None:
        self.driver.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _session(self):
        return self.driver.session(database=self.settings.database)

    def read(self, query: str, **params) -> list[dict]:
        """Run a read query and return its records as dicts."""
        with translated(self.settings), self._session() as session:
            return session.execute_read(lambda tx: [r.data() for r in tx.run(query, **params)])

    def init_schema(self) -> list[str]:
        """Create constraints and indexes (idempotent); return the constraint names."""
        with translated(self.settings), self._session() as session:
            for statement in cypher.constraints(self.schema):
                session.run(statement).consume()
            session.run("CALL db.awaitIndexes(60)").consume()
        return self.read(cypher.SHOW_CONSTRAINTS)[0]["names"]

    # -- writing -----------------------------------------------------------------
    def statements(self, rows: rows_mod.Rows) -> list[tuple[str, dict]]:
        """The ordered (query, parameters) pairs that write `rows`, in batches."""
        size = self.settings.batch_size
        out: list[tuple[str, dict]] = []
        for chunk in _chunks(rows.documents, size):
            out.append((cypher.MERGE_DOCUMENTS, {"rows": chunk}))
        for kind in sorted(rows.nodes):
            for chunk in _chunks(rows.nodes[kind], size):
                out.append((cypher.merge_nodes(self.schema, kind), {"rows": chunk}))
        for rel_type in sorted(rows.links):
            for chunk in _chunks(rows.links[rel_type], size):
                out.append((cypher.merge_links(self.schema, rel_type), {"rows": chunk}))
        for rel_type in sorted(rows.facts):
            for chunk in _chunks(rows.facts[rel_type], size):
                out.append((cypher.merge_facts(self.schema, rel_type), {"rows": chunk}))
        claimer = {c["evidence"]: c["actor"] for c in rows.claims}
        evidence = [{**row, "claimer": claimer.get(row["id"])} for row in rows.evidence]
        for chunk in _chunks(evidence, size):
            out.append((cypher.MERGE_EVIDENCE, {"rows": chunk}))
        for rel_type, ids in sorted(rows.fact_ids().items()):
            for chunk in _chunks(ids, size):
                out.append((cypher.refresh_facts(self.schema, rel_type), {"ids": chunk}))
        return out

    def write(self, graph: GraphData, replace: Iterable[str] = ()) -> dict:
        """Write a graph in one transaction (all or nothing); documents in `replace` lose their
        earlier evidence first, in the same transaction. Return the server's counters."""
        rows = rows_mod.build(graph)
        statements = self.statements(rows)
        replace = list(replace)

        def work(tx) -> dict:
            totals: dict[str, int] = {}
            for doc in replace:
                self._remove(tx, doc)
            for query, params in statements:
                counters = tx.run(query, **params).consume().counters
                for key in ("nodes_created", "relationships_created", "properties_set",
                            "nodes_deleted", "relationships_deleted"):
                    totals[key] = totals.get(key, 0) + getattr(counters, key)
            return totals

        with translated(self.settings), self._session() as session:
            return session.execute_write(work)

    def versions(self, doc_ids: list[str]) -> dict[str, str | None]:
        """The extractor version each already stored document was read with."""
        return {r["id"]: r["extractor"] for r in self.read(cypher.DOCUMENT_VERSIONS, ids=doc_ids)}

    def write_many(self, graphs: Iterable[GraphData], docs_per_transaction: int = 1000) -> dict:
        """Write documents' graphs, several documents a transaction; each document stays atomic."""
        totals: dict[str, int] = {}
        batch = GraphData()
        count = 0
        for g in graphs:
            batch.extend(g)
            count += 1
            if count >= docs_per_transaction:
                for k, v in self.write(batch).items():
                    totals[k] = totals.get(k, 0) + v
                batch, count = GraphData(), 0
        if count:
            for k, v in self.write(batch).items():
                totals[k] = totals.get(k, 0) + v
        return totals

    def remove_document(self, key: str) -> bool:
        """Remove a document (by id, name or source) and everything only it supported."""
        found = self.read(cypher.FIND_DOCUMENT, key=key)
        if not found:
            return False
        doc = found[0]["id"]
        with translated(self.settings), self._session() as session:
            session.execute_write(lambda tx: self._remove(tx, doc))
        return True

    def _remove(self, tx, doc: str) -> None:
        """Inside a transaction: a document, its evidence, and what only it supported."""
        facts = tx.run(cypher.DOCUMENT_FACTS, doc=doc).data()
        tx.run(cypher.DELETE_EVIDENCE, doc=doc).consume()
        for row in facts:
            tx.run(cypher.refresh_facts(self.schema, row["type"]), ids=row["ids"]).consume()
        tx.run(cypher.RELEASE_LINKS, doc=doc, types=list(self.schema.structural)).consume()
        tx.run(cypher.RELEASE_NODES, doc=doc).consume()
        tx.run(cypher.DELETE_DOCUMENT, doc=doc).consume()

    # -- reading -----------------------------------------------------------------
    def counts(self) -> dict[str, dict[str, int]]:
        """Node counts by label and relationship counts by type."""
        nodes = {r["label"]: r["n"] for r in self.read(cypher.COUNT_NODES)}
        rels = {r["type"]: r["n"] for r in self.read(cypher.COUNT_RELS)}
        return {"nodes": nodes, "relationships": rels}

    def dump(self) -> tuple[list[dict], list[dict]]:
        """Every node (labels, properties) and relationship (type, ends, properties)."""
        return self.read(cypher.ALL_NODES), self.read(cypher.ALL_RELS)

    def wipe(self) -> None:
        """Delete every node and relationship (constraints stay)."""
        with translated(self.settings), self._session() as session:
            session.run(cypher.WIPE).consume()
