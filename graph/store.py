"""The Neo4j store: constraints, batched idempotent writes, document removal, read-back."""
from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from contextlib import contextmanager
from typing import NamedTuple

import neo4j
from neo4j import exceptions as neo4j_exc

from graph import cypher, rows as rows_mod
from graph import schema as schema_mod
from graph.errors import InputError, StoreError
from graph.model import GraphData, batched, one_document, replaceable, source_keys
from graph.settings import Settings


AUTH_RATE_LIMIT = "Neo.ClientError.Security.AuthenticationRateLimit"

# Where the time of a write went, in seconds, returned with the server's counters (summed over the
# transactions of write_many). Statements and commits run one after the other on one server thread:
# server_s + commit_s bound how fast one writer can be, whatever the client does.
TIMES = {
    "transaction_s": "the transactions, from begin to the end of the commit",
    "statements_s": "their statements, as the client waited for them: sending, running, reading",
    "server_s": "the part of those the server reports running the statements (result available + consumed)",
    "commit_s": "the rest of the transactions: begin and commit (and a retried attempt's wait)",
    "prepare_s": "write_many: rows and statements built by the client (overlapping the server's work)",
    "first_prepare_s": "write_many: building the first batch, before the server has anything to do",
}


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


class Step(NamedTuple):
    """One statement of a write; `then` is the statement that sets the folded aggregates of the
    facts this one returns (see cypher.fold_facts), or None."""

    query: str
    params: dict
    then: str | None = None


class Batch(list):
    """A statement's list parameter, as sent: a plain list to the driver's packer, but with a short
    repr. The driver formats every RUN for its debug log, parameters included, whether or not
    debug logging is on; for a batch of thousands of rows that repr took 0.4 s of a 7 s load of
    100k relationships (py-spy), on the writer thread while the server waited."""

    __slots__ = ()

    def __repr__(self) -> str:
        return f"<{len(self)} rows>"


def _chunks_by(items: list, size: int, weight) -> Iterator[list]:
    """Consecutive chunks of items whose weights add up to about `size` (at least one item each).
    Our own: more-itertools' constrained_batches does this, but it is no dependency of ours."""
    chunk: list = []
    total = 0
    for item in items:
        if chunk and total + weight(item) > size:
            yield chunk
            chunk, total = [], 0
        chunk.append(item)
        total += weight(item)
    if chunk:
        yield chunk


def mentions(schema: schema_mod.Schema, nodes: list[dict], rels: list[dict]) -> dict[str, set[str]]:
    """Entity id -> the documents that mention it, from stored records: the documents of the
    evidence of the facts it is an end or the weapon of, and of the evidence it claims, and those
    that state a structural link it is an end of (GraphData.node_docs, from what Neo4j holds)."""
    named: dict[str, list[str]] = {}  # fact id -> its ends and weapon
    out: dict[str, set[str]] = {}
    for rec in rels:
        props = rec["props"]
        if rec["type"] in schema.relations:
            named[props.get("id")] = [rec["source"], rec["target"], props.get("weapon_id")]
        elif rec["type"] in schema.structural:
            for end in (rec["source"], rec["target"]):
                out.setdefault(end, set()).update(props.get("docs") or ())
    for rec in nodes:
        props = rec["props"]
        if "Evidence" in rec["labels"]:
            for entity in (*named.get(props.get("fact_id"), ()), props.get("claimed_by_id")):
                if entity:
                    out.setdefault(entity, set()).add(props["doc_id"])
    return out


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
    def statements(self, rows: rows_mod.Rows, created: set[str] | frozenset = frozenset()) -> list[Step]:
        """The ordered statements (query, parameters) that write `rows` after their documents, in
        batches. `created` are the documents the transaction has just created (MERGE_DOCUMENTS
        returns them): their evidence is created outright and folded into the facts' aggregates;
        evidence of documents stored before is merged and its facts are recomputed from all their
        evidence."""
        size = self.settings.batch_size
        out: list[Step] = []

        def split(items: list[dict]) -> tuple[list[dict], list[dict]]:
            """Rows all of whose documents are new (their docs are appended), and the others."""
            parts: tuple[list[dict], list[dict]] = ([], [])
            for row in items:
                parts[not created.issuperset(row["docs"])].append(row)
            return parts

        for kind in sorted(rows.nodes):  # (which documents mention an entity is not stored on it)
            items = [{"id": row["id"], "props": row["props"], "keep": row["keep"]} for row in rows.nodes[kind]]
            for chunk in batched(items, size):
                out.append(Step(cypher.merge_nodes(self.schema, kind), {"rows": chunk}))
        for rel_type in sorted(rows.links):
            for fresh, items in zip((True, False), split(rows.links[rel_type])):
                for chunk in batched(items, size):
                    out.append(Step(cypher.merge_links(self.schema, rel_type, fresh), {"rows": chunk}))
        claimer = {c["evidence"]: c["actor"] for c in rows.claims}
        fresh: dict[str, list[dict]] = {}   # document id -> its new evidence
        stored: list[dict] = []              # evidence of documents written before
        for row in rows.evidence:  # (new evidence is grouped by document: its rows need no ids)
            if row["doc_id"] in created:
                fresh.setdefault(row["doc_id"], []).append({"props": row["props"], "claimer": claimer.get(row["id"])})
            else:
                stored.append({**row, "claimer": claimer.get(row["id"])})
        recompute = {row["props"]["fact_id"] for row in stored}
        folded = rows_mod.fold([e for items in fresh.values() for e in items])
        refresh: dict[str, list[str]] = {}  # facts recomputed from all their evidence, by type
        for rel_type in sorted(rows.facts):
            plain = [r for r in rows.facts[rel_type] if r["id"] in recompute or r["id"] not in folded]
            refresh[rel_type] = sorted({r["id"] for r in plain})
            folds = [{**r, **folded[r["id"]]} for r in rows.facts[rel_type]
                     if r["id"] not in recompute and r["id"] in folded]
            for chunk in batched(plain, size):
                out.append(Step(cypher.merge_facts(self.schema, rel_type), {"rows": chunk}))
            for chunk in batched(folds, size):
                out.append(Step(cypher.fold_facts(self.schema, rel_type), {"rows": chunk},
                                cypher.set_facts(self.schema, rel_type)))
        docs = [{"id": doc, "evidence": items} for doc, items in sorted(fresh.items())]
        for chunk in _chunks_by(docs, size, lambda d: len(d["evidence"])):
            out.append(Step(cypher.CREATE_EVIDENCE, {"rows": chunk}))
        for chunk in batched(stored, size):
            out.append(Step(cypher.MERGE_EVIDENCE, {"rows": chunk}))
        for rel_type, ids in refresh.items():
            for chunk in batched(ids, size):
                out.append(Step(cypher.refresh_facts(self.schema, rel_type), {"ids": chunk}))
        return out

    def write(self, graph: GraphData, replace: Iterable[str] = ()) -> dict:
        """Write a graph in one transaction (all or nothing); documents in `replace` lose their
        earlier evidence first, in the same transaction, and so do the stored older versions of its
        documents (other texts read from the same source: an edited file). Return the server's
        counters, the generations before and after (`before`, `after`), and the older versions
        replaced (`replaced`: id and source of each)."""
        return self.write_rows(rows_mod.build(graph), replace)

    def write_rows(self, rows: rows_mod.Rows, replace: Iterable[str] = (),
                   planned: list[Step] | None = None) -> dict:
        """write(), given the graph's rows. `planned` are the statements for the case that the
        transaction creates every document of the rows (prepared ahead by write_many); they are
        used when it does, and planned again when not. Return the server's counters and where the
        time went (see TIMES)."""
        replace = list(replace)
        size = self.settings.batch_size
        times = dict.fromkeys(("server_s", "statements_s", "work_s"), 0.0)
        stamps: dict = {}

        def work(tx) -> dict:
            began = time.perf_counter()
            try:
                return attempt(tx)
            finally:  # (an attempt the driver retries counts too: commit_s is what is left)
                times["work_s"] += time.perf_counter() - began

        def attempt(tx) -> dict:
            totals: dict[str, int] = {}

            def run(query: str, params: dict) -> list:
                t = time.perf_counter()
                result = tx.run(query, **{k: Batch(v) if isinstance(v, list) else v for k, v in params.items()})
                records = list(result)
                summary = result.consume()
                times["statements_s"] += time.perf_counter() - t
                times["server_s"] += ((summary.result_available_after or 0)
                                      + (summary.result_consumed_after or 0)) / 1000
                counters = summary.counters
                for key in ("nodes_created", "relationships_created", "properties_set",
                            "nodes_deleted", "relationships_deleted"):
                    totals[key] = totals.get(key, 0) + getattr(counters, key)
                return records

            stamps.update(tx.run(cypher.BUMP_GENERATION).single().data())
            sources = [{"id": d["id"], "source": d["source"]} for d in rows.documents if replaceable(d.get("source"))]
            older = tx.run(cypher.OLDER_VERSIONS, rows=sources).data() if sources else []
            stamps["replaced"] = [(r["id"], r["source"]) for r in older if r["id"] not in replace]
            for doc in [*replace, *(r["id"] for r in older if r["id"] not in replace)]:
                self._remove(tx, doc)
            created: set[str] = set()
            for chunk in batched(rows.documents, size):
                for record in run(cypher.MERGE_DOCUMENTS, {"rows": chunk}):
                    created.update(record["ids"])
            everything = not replace and not older and len(created) == len(rows.documents)
            steps = planned if planned is not None and everything else self.statements(rows, created)
            for step in steps:
                records = run(step.query, step.params)
                if step.then and records:  # facts stored before: fold the new evidence in
                    new = {row["id"]: row for row in step.params["rows"]}
                    run(step.then, {"rows": [rows_mod.fold_into(r.data(), new[r["id"]]) for r in records]})
            return totals

        with translated(self.settings), self._session() as session:
            t = time.perf_counter()
            totals = session.execute_write(work)
            wall = time.perf_counter() - t
        return {**totals, **stamps, "transaction_s": wall, "statements_s": times["statements_s"],
                "server_s": times["server_s"], "commit_s": max(0.0, wall - times["work_s"])}

    def versions(self, doc_ids: list[str]) -> dict[str, str | None]:
        """The extractor version each already stored document was read with."""
        return {r["id"]: r["extractor"] for r in self.read(cypher.DOCUMENT_VERSIONS, ids=doc_ids)}

    def write_many(self, graphs: Iterable[GraphData], docs_per_transaction: int = 1000,
                   writers: int = 1) -> dict:
        """Write documents' graphs, several documents a transaction; each document stays atomic.
        The next batch is prepared while the server writes the current one; with `writers` > 1,
        that many transactions run at once (each in its own session; one that deadlocks with
        another is retried by the driver). Return the server's counters and where the time went
        (TIMES), summed over the transactions."""
        totals: dict[str, float] = {}

        def add(counters: dict) -> None:
            for k, v in counters.items():
                if isinstance(v, (int, float)):  # (not the generations and replaced documents)
                    totals[k] = totals.get(k, 0) + v

        def prepared(batch: GraphData) -> tuple[rows_mod.Rows, list[Step]]:
            t = time.perf_counter()
            rows = rows_mod.build(batch)  # and the statements for when every document is new
            out = rows, self.statements(rows, {d["id"] for d in rows.documents})
            add({"prepare_s": time.perf_counter() - t})
            return out

        def batches() -> Iterator[tuple[rows_mod.Rows, list[Step]]]:
            batch, count = GraphData(), 0
            for g in graphs:
                batch.extend(g)
                count += 1
                if count >= docs_per_transaction:
                    yield prepared(batch)
                    batch, count = GraphData(), 0
            if count:
                yield prepared(batch)

        # the writer thread waits on the server and then needs the interpreter at once to read and
        # send; with Python's default 5 ms switch interval it queues behind the thread preparing
        # the next batch on every socket read (measured: 14,600 -> 15,900 rels/s at 100k)
        switch = sys.getswitchinterval()
        sys.setswitchinterval(min(switch, 0.0002))
        try:
            with ThreadPoolExecutor(max_workers=max(1, writers)) as pool:
                running: set = set()
                began = time.perf_counter()
                try:
                    for rows, planned in batches():
                        if "first_prepare_s" not in totals:
                            totals["first_prepare_s"] = time.perf_counter() - began
                        if len(running) >= max(1, writers):
                            done, running = wait(running, return_when=FIRST_COMPLETED)
                            for f in done:
                                add(f.result())
                        running.add(pool.submit(self.write_rows, rows, (), planned))
                finally:  # a failed batch: the others still finish (or fail) before the error is raised
                    done, _ = wait(running)
                for f in done:
                    add(f.result())
        finally:
            sys.setswitchinterval(switch)
        return totals

    def find_documents(self, key: str) -> list[dict]:
        """The documents a key names: id, name, or source (a path as given or as an absolute path)."""
        return self.read(cypher.FIND_DOCUMENTS, key=key, sources=source_keys(key))

    def remove_document(self, key: str) -> dict | None:
        """Remove the document a key names (see find_documents) and everything only it supported;
        None when no document has that key, InputError when several do. Return the document's
        id and the generations before and after."""
        found = self.find_documents(key)
        if not found:
            return None
        doc = one_document(key, found)["id"]

        def work(tx) -> dict:
            stamps = tx.run(cypher.BUMP_GENERATION).single().data()
            self._remove(tx, doc)
            return stamps

        with translated(self.settings), self._session() as session:
            return {"id": doc, **session.execute_write(work)}

    def stamp(self) -> str | None:
        """The store's generation ("uid:n"; None before the first write)."""
        return self.read(cypher.READ_GENERATION)[0]["stamp"]

    def _remove(self, tx, doc: str) -> None:
        """Inside a transaction: a document, its evidence, and what only it supported."""
        structural = list(self.schema.structural)
        facts = tx.run(cypher.DOCUMENT_FACTS, doc=doc).data()
        named: set[str] = set()  # the entities the document mentions
        for row in facts:
            tx.run(cypher.lock_facts(self.schema, row["type"]), ids=row["ids"]).consume()
            named.update(tx.run(cypher.fact_ends(self.schema, row["type"]), ids=row["ids"]).single()["ids"])
        named.update(tx.run(cypher.DOCUMENT_CLAIMANTS, doc=doc).single()["ids"])
        named.update(tx.run(cypher.DOCUMENT_LINK_ENDS, doc=doc, types=structural).single()["ids"])
        tx.run(cypher.DELETE_EVIDENCE, doc=doc).consume()
        for row in facts:
            tx.run(cypher.refresh_facts(self.schema, row["type"]), ids=row["ids"]).consume()
        tx.run(cypher.RELEASE_LINKS, doc=doc, types=structural).consume()
        supports = [self.schema.rel_type(r) for r in [*sorted(self.schema.relations), "CLAIMED_BY"]]
        tx.run(cypher.release_nodes(self.schema), ids=sorted(i for i in named if i),
               supports=supports, structural=structural).consume()
        tx.run(cypher.DELETE_DOCUMENT, doc=doc).consume()

    # -- reading -----------------------------------------------------------------
    def counts(self) -> dict[str, dict[str, int]]:
        """Node counts by label and relationship counts by type."""
        nodes = {r["label"]: r["n"] for r in self.read(cypher.COUNT_NODES)}
        rels = {r["type"]: r["n"] for r in self.read(cypher.COUNT_RELS)}
        return {"nodes": nodes, "relationships": rels}

    def dump(self) -> tuple[list[dict], list[dict], str | None]:
        """Every node (labels, properties) and relationship (type, ends, properties), as one
        generation of the store shows them, and that generation's stamp. Entities get `docs`, the
        documents that mention them, as the mirror holds it (see mentions).

        Neo4j reads what is committed statement by statement; a write committed between the two
        reads would be half in the dump. The stamp is read before and after: when a write came
        between, the dump is read again, and after a few tries with the counter locked, which
        holds writers back for the time of the reads."""
        for attempt in range(4):
            if attempt < 3:
                before = self.stamp()
                nodes, rels = self.read(cypher.ALL_NODES), self.read(cypher.ALL_RELS)
                stamp = self.stamp()
                if stamp == before:
                    break
            else:
                nodes, rels, stamp = self._locked_dump()
        nodes, rels = self._with_docs(nodes, rels)
        return nodes, rels, stamp

    def _locked_dump(self) -> tuple[list[dict], list[dict], str | None]:
        def work(tx):
            stamp = tx.run(cypher.LOCK_GENERATION).single()["stamp"]
            return tx.run(cypher.ALL_NODES).data(), tx.run(cypher.ALL_RELS).data(), stamp

        with translated(self.settings), self._session() as session:
            return session.execute_write(work)

    def _with_docs(self, nodes: list[dict], rels: list[dict]) -> tuple[list[dict], list[dict]]:
        for rec in (*nodes, *rels):  # `docs` is a set (appended in write order): sorted, as the mirror holds it
            if isinstance(rec["props"].get("docs"), list):
                rec["props"]["docs"] = sorted(rec["props"]["docs"])
        named = mentions(self.schema, nodes, rels)
        for rec in nodes:
            if "Entity" in rec["labels"]:
                rec["props"]["docs"] = sorted(named.get(rec["props"]["id"], ()))
        return nodes, rels

    def wipe(self) -> None:
        """Delete every node and relationship (constraints stay)."""
        with translated(self.settings), self._session() as session:
            for statement in cypher.WIPE:
                session.run(statement).consume()
