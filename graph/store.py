"""The Neo4j store: constraints, batched idempotent writes, document removal, read-back."""
from __future__ import annotations

from collections.abc import Iterable

import neo4j

from graph import copies, cypher, cypher_copies, cypher_read, cypher_removal, writes
from graph import rows as rows_mod
from graph import schema as schema_mod
from graph.connection import open_driver, translated
from graph.model import READING, GraphData, batched, one_document, replaceable, source_keys
from graph.settings import Settings

COUNTERS = ("nodes_created", "relationships_created", "properties_set", "nodes_deleted", "relationships_deleted")


def runner(tx, counters: dict[str, int]) -> writes.Run:
    """A function that runs a statement in the transaction, returns its records and adds the
    server's counters of it to `counters`."""
    def run(query: str, params: dict) -> list:
        result = tx.run(query, **params)
        records = list(result)
        done = result.consume().counters
        for key in COUNTERS:
            counters[key] = counters.get(key, 0) + getattr(done, key)
        return records
    return run


class Store:
    """A Neo4j database holding the graph; the driver is passed in or built from settings."""

    def __init__(self, driver: neo4j.Driver, settings: Settings):
        self.driver = driver
        self.settings = settings
        self.schema = schema_mod.load()

    @classmethod
    def connect(cls, settings: Settings) -> "Store":
        """Open a driver and check the server answers and accepts the credentials."""
        return cls(open_driver(settings), settings)

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
        """Create the constraints and indexes not in place yet and wait until all are online
        (idempotent); return the constraint names. (Every load calls this: the thirty statements,
        even finding their indexes in place, took a just-started server 0.6 s.)"""
        held = self.read(cypher_read.SHOW_INDEXES)[0]
        missing = [s for name, s in cypher.constraints(self.schema).items() if name not in held["names"]]
        if missing or any(state != "ONLINE" for state in held["states"]):
            with translated(self.settings), self._session() as session:
                for statement in missing:
                    session.run(statement).consume()
                session.run("CALL db.awaitIndexes(60)").consume()
        return self.read(cypher_read.SHOW_CONSTRAINTS)[0]["names"]

    # -- writing -----------------------------------------------------------------
    def write(self, graph: GraphData, replace: Iterable[str] = ()) -> dict:
        """Write a graph in one transaction (all or nothing); documents in `replace` lose their
        earlier evidence first, in the same transaction, and so do the stored older versions of its
        documents (other texts read from the same source: an edited file). Return the server's
        counters, the generations before and after (`before`, `after`), and the older versions
        replaced (`replaced`: id and source of each). The statements are graph/writes.py's plan;
        the facts' totals follow graph/facts.py."""
        return self.write_rows(rows_mod.build(graph), replace)

    def write_rows(self, rows: rows_mod.Rows, replace: Iterable[str] = ()) -> dict:
        """write(), given the graph's rows (rows.build), which a caller may build while the server
        writes the batch before."""
        replace = list(replace)
        size = self.settings.batch_size

        def work(tx) -> dict:
            counters: dict[str, int] = {}
            run = runner(tx, counters)
            stamps = tx.run(cypher.BUMP_GENERATION).single().data()
            stamps["replaced"] = self._replace_older(tx, rows, replace)
            created: set[str] = set()
            for chunk in batched(rows.documents, size):
                for record in run(cypher.MERGE_DOCUMENTS, {"rows": chunk}):
                    created.update(record["ids"])
            relinked = sorted(self._link_copies(run, rows.copies) - created)
            writes.run_plan(self.schema, writes.plan(self.schema, rows, created, size), run, size)
            if relinked:  # stored documents whose original changed: their facts' sources
                writes.refresh(self.schema, self._facts_of(run, relinked), run, size)
            return {**counters, **stamps}

        with translated(self.settings), self._session() as session:
            return session.execute_write(work)

    def _replace_older(self, tx, rows: rows_mod.Rows, replace: list[str]) -> list[tuple[str, str]]:
        """Inside a write: remove the documents in `replace` and the stored older versions of the
        rows' documents; return the older versions (id, source) not in `replace`."""
        sources = [{"id": d["id"], "source": d["source"]} for d in rows.documents if replaceable(d.get("source"))]
        older = tx.run(cypher.OLDER_VERSIONS, rows=sources).data() if sources else []
        replaced = [(r["id"], r["source"]) for r in older if r["id"] not in replace]
        self._remove(tx, list(dict.fromkeys([*replace, *(doc for doc, _ in replaced)])))
        return replaced

    def readings(self, doc_ids: list[str]) -> dict[str, dict]:
        """How each already stored document among these was read: its properties of
        graph/model.READING (the extractor version, the date, outlet and URL and where they came from)."""
        found = self.read(cypher_read.DOCUMENT_READINGS, ids=doc_ids, keys=list(READING))[0]
        return {doc: dict(zip(READING, values))  # (only those: not the text's signature, 700 characters)
                for doc, values in zip(found["id"], found["values"])}

    def held_sources(self, sources: list[str]) -> set[str]:
        """Which of these sources (paths or URLs: a feed's items) stored documents were read from."""
        return {r["source"] for r in self.read(cypher_read.DOCUMENT_SOURCES, sources=sources)}

    def _link_copies(self, run: writes.Run, links: list[dict]) -> set[str]:
        """Inside a write: copy links set (graph/copies.py); the documents whose original changed."""
        changed: set[str] = set()
        for chunk in batched(copies.final(links), self.settings.batch_size):
            changed.update(run(cypher_copies.SET_COPIES, {"rows": chunk})[0]["changed"])
        return changed

    @staticmethod
    def _facts_of(run: writes.Run, docs: list[str]) -> dict[str, list[str]]:
        """Fact type -> the facts the documents report."""
        found: dict[str, set[str]] = {}
        for record in run(cypher_copies.DOCUMENTS_FACTS, {"docs": docs}):
            found.setdefault(record["type"], set()).update(record["ids"])
        return {t: sorted(ids) for t, ids in found.items()}

    def signatures(self) -> list[dict]:
        """The stored documents' text signatures (loaders/copies.py), with what picks an original."""
        c = self.read(cypher_copies.SIGNATURES)[0]
        copy_of = dict(c["copies"])
        return [{"id": i, "minhash": m, "copy_of": copy_of.get(i), "source": s or None, "published": p or None}
                for i, m, s, p in zip(c["id"], c["minhash"], c["source"], c["published"])]

    def find_documents(self, key: str) -> list[dict]:
        """The documents a key names: id, name, or source (a path as given or as an absolute path)."""
        return self.read(cypher_read.FIND_DOCUMENTS, key=key, sources=source_keys(key))

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
            self._remove(tx, [doc])
            return stamps

        with translated(self.settings), self._session() as session:
            return {"id": doc, **session.execute_write(work)}

    def stamp(self) -> str | None:
        """The store's generation ("uid:n"; None before the first write)."""
        return self.read(cypher_read.READ_GENERATION)[0]["stamp"]

    def _remove(self, tx, docs: list[str]) -> None:
        """Inside a transaction: documents, their evidence, and what only they supported, as if
        removed one after another, in a few statements for all of them. Their facts are locked
        before their evidence changes; their totals are then set from the evidence left
        (graph/writes.py refresh), and those left without evidence deleted. Their copies get a new
        original (graph/copies.py), and those copies' facts new totals."""
        if not docs:
            return
        structural = list(self.schema.structural)
        run, size = runner(tx, {}), self.settings.batch_size
        found = self._facts_of(run, docs)
        named: set[str] = set()  # the entities the documents mention
        for rel_type, ids in sorted(found.items()):  # (one lock order for concurrent loads)
            for chunk in batched(ids, size):
                run(cypher.lock_facts(self.schema, rel_type), {"ids": chunk})
                named.update(run(cypher.fact_ends(self.schema, rel_type), {"ids": chunk})[0]["ids"])
        named.update(run(cypher_removal.DOCUMENTS_CLAIMANTS, {"docs": docs})[0]["ids"])
        named.update(run(cypher_removal.link_ends(self.schema), {"docs": docs})[0]["ids"])
        stored_copies = [r.data() for r in run(cypher_copies.COPIES_OF, {"docs": docs})]
        promoted = copies.promoted_in_turn(docs, stored_copies)
        for rel_type, ids in self._facts_of(run, sorted(self._link_copies(run, promoted))).items():
            found[rel_type] = sorted({*found.get(rel_type, ()), *ids})  # (their sources change)
        run(cypher_removal.DELETE_EVIDENCE, {"docs": docs})
        writes.refresh(self.schema, found, run, size)
        run(cypher_removal.release_links(self.schema), {"docs": docs})
        supports = [self.schema.rel_type(r) for r in [*sorted(self.schema.relations), "CLAIMED_BY"]]
        run(cypher_removal.release_nodes(self.schema),
            {"ids": sorted(i for i in named if i), "supports": supports, "structural": structural})
        run(cypher_removal.DELETE_DOCUMENTS, {"docs": docs})

    # -- reading -----------------------------------------------------------------
    def is_empty(self) -> bool:
        """Whether the store holds nothing (but its generation)."""
        return not self.read(cypher_read.ANY_NODE)

    def counts(self) -> dict[str, dict[str, int]]:
        """Node counts by label and relationship counts by type."""
        nodes = {r["label"]: r["n"] for r in self.read(cypher_read.COUNT_NODES)}
        rels = {r["type"]: r["n"] for r in self.read(cypher_read.COUNT_RELS)}
        return {"nodes": nodes, "relationships": rels}

    def dump(self) -> tuple[list[dict], list[dict], str | None]:
        """Every node (labels, properties) and relationship (type, ends, properties), as one
        generation of the store shows them, and that generation's stamp.

        Neo4j reads what is committed statement by statement; a write committed between the two
        reads would be half in the dump. The stamp is read before and after: when a write came
        between, the dump is read again, and after a few tries with the counter locked, which
        holds writers back for the time of the reads."""
        for attempt in range(4):
            if attempt < 3:
                before = self.stamp()
                nodes, rels = self.read(cypher_read.ALL_NODES), self.read(cypher_read.ALL_RELS)
                stamp = self.stamp()
                if stamp == before:
                    break
            else:
                nodes, rels, stamp = self._locked_dump()
        return nodes, rels, stamp

    def _locked_dump(self) -> tuple[list[dict], list[dict], str | None]:
        def work(tx):
            stamp = tx.run(cypher.LOCK_GENERATION).single()["stamp"]
            return tx.run(cypher_read.ALL_NODES).data(), tx.run(cypher_read.ALL_RELS).data(), stamp

        with translated(self.settings), self._session() as session:
            return session.execute_write(work)

    def wipe(self) -> None:
        """Delete every node and relationship (constraints stay)."""
        with translated(self.settings), self._session() as session:
            for statement in cypher.WIPE:
                session.run(statement).consume()
