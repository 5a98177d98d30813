"""All write Cypher of the store, parameterised. Labels and types are checked against the schema
before they are formatted in (they cannot be parameters)."""
from __future__ import annotations

from graph.schema import Schema


def constraints(schema: Schema) -> list[str]:
    """Uniqueness constraints and indexes, created IF NOT EXISTS."""
    out = [
        "CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE",
        "CREATE CONSTRAINT document_id IF NOT EXISTS FOR (n:Document) REQUIRE n.id IS UNIQUE",
        "CREATE CONSTRAINT evidence_id IF NOT EXISTS FOR (n:Evidence) REQUIRE n.id IS UNIQUE",
        "CREATE INDEX evidence_fact IF NOT EXISTS FOR (n:Evidence) ON (n.fact_id)",
        "CREATE INDEX evidence_doc IF NOT EXISTS FOR (n:Evidence) ON (n.doc_id)",
        "CREATE INDEX entity_name IF NOT EXISTS FOR (n:Entity) ON (n.name)",
    ]
    for kind in schema.entity_kinds:
        label = schema.node_label(kind)
        out.append(f"CREATE INDEX {label.lower()}_id IF NOT EXISTS FOR (n:{label}) ON (n.id)")
    for rel in schema.relations:
        t = schema.rel_type(rel)
        out.append(f"CREATE CONSTRAINT fact_{t.lower()}_id IF NOT EXISTS FOR ()-[r:{t}]-() REQUIRE r.id IS UNIQUE")
    return out


# a sorted union of two lists of strings, without APOC
_UNION = "CALL ({var}, row) {{ UNWIND coalesce({var}.docs, []) + row.docs AS d " \
         "WITH DISTINCT d ORDER BY d RETURN collect(d) AS docs }} SET {var}.docs = docs"

# the documents, and which of them this transaction created: only their evidence is new for sure
# (a marker set ON CREATE, under MERGE's lock, so that two loads of one document agree), as one
# list: one record for the client to read, not one per document
MERGE_DOCUMENTS = """
UNWIND $rows AS row
MERGE (d:Document {id: row.id})
ON CREATE SET d._created = true
SET d += row
WITH d WHERE d._created
REMOVE d._created
RETURN collect(d.id) AS ids
"""


def merge_nodes(schema: Schema, kind: str, fresh: bool = False) -> str:
    """Entities with the documents that mention them (`docs`, a set: readers sort it). With
    `fresh`, every document of the rows is new to the database: appended, not merged."""
    label = schema.node_label(kind)
    docs = "SET n.docs = coalesce(n.docs, []) + row.docs" if fresh else _UNION.format(var="n")
    return f"""
UNWIND $rows AS row
MERGE (n:Entity {{id: row.id}})
SET n:{label}, n += row.props
WITH n, row
{docs}
"""


def merge_links(schema: Schema, rel_type: str, fresh: bool = False) -> str:
    """Structural links with the documents that state them (as merge_nodes)."""
    t = schema.rel_type(rel_type)
    docs = "SET l.docs = coalesce(l.docs, []) + row.docs" if fresh else _UNION.format(var="l")
    return f"""
UNWIND $rows AS row
MATCH (s:Entity {{id: row.source}})
MATCH (t:Entity {{id: row.target}})
MERGE (s)-[l:{t}]->(t)
WITH l, row
{docs}
"""


def _merge_fact(schema: Schema, rel_type: str) -> str:
    """A fact of each row between its two entities, found or created (row.id is unique per type)."""
    t = schema.rel_type(rel_type)
    return f"""
UNWIND $rows AS row
MATCH (s:Entity {{id: row.source}})
MATCH (t:Entity {{id: row.target}})
MERGE (s)-[r:{t} {{id: row.id}}]->(t)
"""


def merge_facts(schema: Schema, rel_type: str) -> str:
    """Facts whose aggregates refresh_facts recomputes later in the transaction. Each is locked
    (a write before any read) so that concurrent loads cannot lose each other's evidence."""
    return _merge_fact(schema, rel_type) + """ON CREATE SET r += row.props
SET r._lock = true
"""


def fold_facts(schema: Schema, rel_type: str) -> str:
    """Facts reported only by documents this transaction created. A new fact gets the aggregates
    of its evidence (row.docs, row.n, row.claimed_by, row.first, row.last: what refresh_facts
    would compute) at once; a fact stored before is locked (a write, before any read) and its
    aggregates are returned, for the writer to fold the new evidence in (set_facts)."""
    return _merge_fact(schema, rel_type) + """ON CREATE SET r += row.props, r.docs = row.docs, r.claimed_by = row.claimed_by,
    r.evidence_count = row.n, r.first_reported = row.first, r.last_reported = row.last
ON MATCH SET r._lock = true
WITH r WHERE r._lock
RETURN r.id AS id, r.docs AS docs, r.claimed_by AS claimed_by, r.evidence_count AS n,
       r.first_reported AS first, r.last_reported AS last
"""


def _fact_by_id(t: str, key: str) -> str:
    """MATCH a fact of type `t` by id, with an index hint: a plan made while the database is still
    empty could otherwise scan the type's relationships, and plans are kept a minute during a load."""
    return f"MATCH ()-[r:{t} {{id: {key}}}]->() USING INDEX r:{t}(id)"


def set_facts(schema: Schema, rel_type: str) -> str:
    """The folded aggregates of facts fold_facts locked; the lock is released."""
    t = schema.rel_type(rel_type)
    return f"""
UNWIND $rows AS row
{_fact_by_id(t, 'row.id')}
SET r.docs = row.docs, r.claimed_by = row.claimed_by, r.evidence_count = row.n,
    r.first_reported = row.first, r.last_reported = row.last
REMOVE r._lock
"""


def lock_facts(schema: Schema, rel_type: str) -> str:
    """Lock facts (a write) before their evidence is read by refresh_facts."""
    t = schema.rel_type(rel_type)
    return f"""
UNWIND $ids AS fid
{_fact_by_id(t, 'fid')}
SET r._lock = true
"""


# evidence of documents this transaction created cannot exist yet (its id includes the document's):
# created, grouped by document, each with its document and, when someone claims it, its claimant
CREATE_EVIDENCE = """
UNWIND $rows AS doc
MATCH (d:Document {id: doc.id})
UNWIND doc.evidence AS row
CREATE (e:Evidence)
SET e = row.props
CREATE (e)-[:IN_DOCUMENT]->(d)
WITH e, row WHERE row.claimer IS NOT NULL
MATCH (a:Entity {id: row.claimer})
CREATE (e)-[:CLAIMED_BY]->(a)
"""

# evidence of documents stored before (written again): merged, so that nothing is doubled
MERGE_EVIDENCE = """
UNWIND $rows AS row
MATCH (d:Document {id: row.doc_id})
MERGE (e:Evidence {id: row.id})
ON CREATE SET e += row.props
MERGE (e)-[:IN_DOCUMENT]->(d)
WITH e, row WHERE row.claimer IS NOT NULL
MATCH (a:Entity {id: row.claimer})
MERGE (e)-[:CLAIMED_BY]->(a)
"""


def refresh_facts(schema: Schema, rel_type: str) -> str:
    """Recompute a fact's evidence-derived properties; facts left without evidence are deleted.
    One pass over each fact's evidence, no subquery per row: the few claimants are put in order
    by an insertion into a sorted list (Cypher has no list sort without APOC)."""
    t = schema.rel_type(rel_type)
    return f"""
UNWIND $ids AS fid
{_fact_by_id(t, 'fid')}
OPTIONAL MATCH (e:Evidence {{fact_id: fid}})
WITH r, e ORDER BY e.doc_id
WITH r, collect(DISTINCT e.doc_id) AS docs, count(e) AS n, min(e.date) AS first, max(e.date) AS last,
     collect(DISTINCT e.claimed_by) AS said
SET r.docs = docs, r.evidence_count = n, r.first_reported = first, r.last_reported = last,
    r.claimed_by = reduce(sorted = [], c IN said | [x IN sorted WHERE x < c] + c + [x IN sorted WHERE x > c])
REMOVE r._lock
WITH r, n WHERE n = 0
DELETE r
"""


DOCUMENT_FACTS = """
MATCH (e:Evidence {doc_id: $doc})
RETURN e.type AS type, collect(DISTINCT e.fact_id) AS ids
"""

DELETE_EVIDENCE = "MATCH (e:Evidence {doc_id: $doc}) DETACH DELETE e"

RELEASE_LINKS = """
MATCH ()-[l]->() WHERE type(l) IN $types AND $doc IN l.docs
SET l.docs = [d IN l.docs WHERE d <> $doc]
WITH l WHERE size(l.docs) = 0
DELETE l
"""

RELEASE_NODES = """
MATCH (n:Entity) WHERE $doc IN n.docs
SET n.docs = [d IN n.docs WHERE d <> $doc]
WITH n WHERE size(n.docs) = 0
DETACH DELETE n
"""

DELETE_DOCUMENT = "MATCH (d:Document {id: $doc}) DETACH DELETE d RETURN count(d) AS n"

DOCUMENT_VERSIONS = """
UNWIND $ids AS id
MATCH (d:Document {id: id})
RETURN d.id AS id, d.extractor AS extractor
"""

FIND_DOCUMENT = """
MATCH (d:Document) WHERE d.id = $key OR d.name = $key OR d.source = $key
RETURN d.id AS id
"""

COUNT_NODES = "MATCH (n) UNWIND labels(n) AS label RETURN label, count(*) AS n"
COUNT_RELS = "MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n"
ALL_NODES = "MATCH (n) RETURN labels(n) AS labels, properties(n) AS props"
ALL_RELS = """
MATCH (a)-[r]->(b)
RETURN type(r) AS type, a.id AS source, b.id AS target, properties(r) AS props
"""
# relationships first, then nodes, in small transactions: a hub node with hundreds of thousands of
# relationships is too much for one DETACH DELETE in a small heap
WIPE = ["MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS",
        "MATCH (n) CALL (n) { DELETE n } IN TRANSACTIONS OF 10000 ROWS"]
SHOW_CONSTRAINTS = "SHOW CONSTRAINTS YIELD name RETURN collect(name) AS names"
