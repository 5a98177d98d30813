"""What a load did: the summary `cli.py load` prints (and --json gives)."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from graph import mirror as mirror_mod
from graph import rows as rows_mod


@dataclass(slots=True)
class Summary:
    """What a load did."""

    read: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    relations: int = 0
    before: dict = field(default_factory=dict)
    after: dict = field(default_factory=dict)
    # what the documents name: entities, facts and links (which several documents may name) as
    # distinct keys per label or type; a document's own nodes and relationships (itself, its reports,
    # their IN_DOCUMENT and CLAIMED_BY) only counted, since no other document names them
    input_nodes: dict[str, set] = field(default_factory=dict)
    input_rels: dict[str, set] = field(default_factory=dict)
    own: Counter = field(default_factory=Counter)  # ("nodes" or "relationships", name) -> how many
    counted: set[str] = field(default_factory=set)  # the documents counted (a text read twice counts once)
    replaced: list[tuple[str, str]] = field(default_factory=list)  # (older version's id, source)
    offline: int = 0  # documents only the mirror holds
    unchanged: int = 0  # documents stored already, read alike (graph/model.reading), not read again
    known: int = 0  # feed items whose page the store holds already, not fetched
    copies: list[tuple[str, str]] = field(default_factory=list)  # (name, original's id) of the wire copies read
    damaged_signatures: int = 0  # stored documents whose text signature could not be read (not compared)
    unsigned: int = 0  # stored documents without a text signature (stored before copies were detected)

    def table(self) -> list[tuple[str, int, int, int]]:
        """(what, in the documents, added, already present) per node label and relationship type:
        the distinct nodes and relationships the documents name, how many more the store holds
        after the load than before, and the rest (there before, or written meanwhile by another)."""
        rows = []
        for section, distinct in (("nodes", self.input_nodes), ("relationships", self.input_rels)):
            own = {name: n for (part, name), n in self.own.items() if part == section}
            for name in sorted({*distinct, *own}):
                named = len(distinct.get(name, ())) + own.get(name, 0)
                added = self.after.get(section, {}).get(name, 0) - self.before.get(section, {}).get(name, 0)
                added = min(max(added, 0), named)
                rows.append((name, named, added, named - added))
        return rows


def count_input(rows: rows_mod.Rows, summary: Summary) -> None:
    """Add the nodes and relationships of Neo4j one document's rows name to the summary's."""
    doc = rows.documents[0]["id"]
    if doc in summary.counted:
        return
    summary.counted.add(doc)
    nodes, rels, own = summary.input_nodes, summary.input_rels, summary.own

    def add(table: dict[str, set], name: str, items) -> None:
        table.setdefault(name, set()).update(items)

    for kind, items in rows.nodes.items():
        add(nodes, kind, (row["id"] for row in items))
    for rel_type, items in rows.links.items():
        add(rels, rel_type, ((row["source"], row["target"], rel_type) for row in items))
    for rel_type, items in rows.facts.items():
        add(rels, rel_type, ((row["source"], row["target"], mirror_mod.edge_key(rel_type, row)) for row in items))
    own["nodes", "Document"] += 1
    if reports := len({row["id"] for row in rows.evidence}):
        own["nodes", "Evidence"] += reports
        own["relationships", "IN_DOCUMENT"] += reports
    if claims := len({(claim["evidence"], claim["actor"]) for claim in rows.claims}):
        own["relationships", "CLAIMED_BY"] += claims
