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

MERGE_DOCUMENTS = """
UNWIND $rows AS row
MERGE (d:Document {id: row.id})
SET d += row
"""


def merge_nodes(schema: Schema, kind: str) -> str:
    label = schema.node_label(kind)
    return f"""
UNWIND $rows AS row
MERGE (n:Entity {{id: row.id}})
SET n:{label}, n += row.props
WITH n, row
{_UNION.format(var="n")}
"""


def merge_links(schema: Schema, rel_type: str) -> str:
    t = schema.rel_type(rel_type)
    return f"""
UNWIND $rows AS row
MATCH (s:Entity {{id: row.source}})
MATCH (t:Entity {{id: row.target}})
MERGE (s)-[l:{t}]->(t)
WITH l, row
{_UNION.format(var="l")}
"""


def merge_facts(schema: Schema, rel_type: str) -> str:
    t = schema.rel_type(rel_type)
    return f"""
UNWIND $rows AS row
MATCH (s:Entity {{id: row.source}})
MATCH (t:Entity {{id: row.target}})
MERGE (s)-[r:{t} {{id: row.id}}]->(t)
ON CREATE SET r += row.props
"""


# evidence with its document and, when someone claims it (row.claimer), its claimant: one
# statement, so that each evidence node is looked up once
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
MATCH ()-[r:{t} {{id: fid}}]->()
OPTIONAL MATCH (e:Evidence {{fact_id: fid}})
WITH r, e ORDER BY e.doc_id
WITH r, collect(DISTINCT e.doc_id) AS docs, count(e) AS n, min(e.date) AS first, max(e.date) AS last,
     collect(DISTINCT e.claimed_by) AS said
SET r.docs = docs, r.evidence_count = n, r.first_reported = first, r.last_reported = last,
    r.claimed_by = reduce(sorted = [], c IN said | [x IN sorted WHERE x < c] + c + [x IN sorted WHERE x > c])
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
WIPE = "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"
SHOW_CONSTRAINTS = "SHOW CONSTRAINTS YIELD name RETURN collect(name) AS names"
