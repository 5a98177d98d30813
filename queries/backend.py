"""Where a read command gets its answers: Neo4j, or the saved networkx mirror when no server answers."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import networkx as nx

from graph import mirror_io
from graph import schema as schema_mod
from graph.errors import ArmsGraphError, StoreError
from graph.settings import Settings
from graph.connection import refused_credentials
from queries import names
from queries.statements import ENTITIES


@dataclass(slots=True)
class Backend:
    """An open Neo4j store, or a mirror graph with a note saying why it answers instead."""

    store: object | None = None
    graph: nx.MultiDiGraph | None = None
    note: str | None = None

    @property
    def source(self) -> str:
        return "neo4j" if self.store is not None else "mirror"

    def graph_names(self) -> Callable[[], dict[str, str]]:
        """A lazy {id: name} of the entities, for name resolution."""
        if self.store is not None:
            return names.from_store(self.store)
        return names.from_mirror(self.graph, schema_mod.load().entity_kinds)

    def resolve(self, name: str) -> str:
        """The id of the entity a user names (UnknownNameError, exit 2, with suggestions)."""
        return names.resolve(name, self.graph_names(), lambda text: text in self.entities([text]))

    def entities(self, ids: list[str]) -> dict[str, dict]:
        """{id: {id, name, kind}} of those ids that are entities of the graph."""
        if self.store is not None:
            return {r["id"]: r for r in self.store.read(ENTITIES, ids=list(ids))}
        kinds = schema_mod.load().entity_kinds
        out = {}
        for i in ids:
            attrs = self.graph.nodes[i] if i in self.graph else {}
            if attrs.get("label") in kinds:
                out[i] = {"id": i, "name": attrs.get("name", i), "kind": attrs["label"]}
        return out


def _auth_failure(exc: BaseException) -> bool:
    return refused_credentials(exc.__cause__)


def saved_at(path: Path) -> str:
    """The mirror file's modification time, to the minute."""
    return datetime.fromtimestamp(Path(path).stat().st_mtime).strftime("%Y-%m-%d %H:%M")


@contextmanager
def open_backend(open_store: Callable[[], object], settings: Settings) -> Iterator[Backend]:
    """Neo4j when it answers; else the mirror file, with a note; else a one-line StoreError (exit 1).

    Refused credentials are a mistake to fix, not an outage: they are reported, never hidden.
    """
    try:
        store = open_store()
    except StoreError as exc:
        if _auth_failure(exc):
            raise
        try:
            graph = mirror_io.load(settings.mirror_path)
        except ArmsGraphError as mirror_exc:
            raise StoreError(f"{exc}; and no mirror to answer from: {mirror_exc}") from None
        note = (f"Neo4j unreachable at {settings.uri}; answering from the mirror {settings.mirror_path} "
                f"(saved {saved_at(settings.mirror_path)})")
        yield Backend(graph=graph, note=note)
        return
    try:
        yield Backend(store=store)
    finally:
        store.close()
