"""All write Cypher of the store, and the reads its writes run, parameterised (its other reads are
in graph/cypher_read.py, the removal of documents in graph/cypher_removal.py). Labels and types
are checked against the schema before they are formatted in (they cannot be parameters)."""
from __future__ import annotations

from graph import facts
from graph.schema import Schema, load as _schema

GENERATION = next(iter(_schema().bookkeeping))  # the label of the store's write counter (schema.yaml)


def constraints(schema: Schema) -> dict[str, str]:
    """Uniqueness constraints and indexes, created IF NOT EXISTS: name -> statement."""
    out = {
        "entity_id": "CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE",
        "document_id": "CREATE CONSTRAINT document_id IF NOT EXISTS FOR (n:Document) REQUIRE n.id IS UNIQUE",
        "evidence_id": "CREATE CONSTRAINT evidence_id IF NOT EXISTS FOR (n:Evidence) REQUIRE n.id IS UNIQUE",
        "evidence_fact": "CREATE INDEX evidence_fact IF NOT EXISTS FOR (n:Evidence) ON (n.fact_id)",
        "evidence_doc": "CREATE INDEX evidence_doc IF NOT EXISTS FOR (n:Evidence) ON (n.doc_id)",
        "entity_name": "CREATE INDEX entity_name IF NOT EXISTS FOR (n:Entity) ON (n.name)",
        "document_source": "CREATE INDEX document_source IF NOT EXISTS FOR (n:Document) ON (n.source)",
        "document_name": "CREATE INDEX document_name IF NOT EXISTS FOR (n:Document) ON (n.name)",
        "document_copy_of": "CREATE INDEX document_copy_of IF NOT EXISTS FOR (n:Document) ON (n.copy_of)",
        "generation_id": f"CREATE CONSTRAINT generation_id IF NOT EXISTS FOR (n:{GENERATION}) REQUIRE n.id IS UNIQUE",
    }
    for kind in schema.entity_kinds:
        name = f"{schema.node_label(kind).lower()}_id"
        out[name] = f"CREATE INDEX {name} IF NOT EXISTS FOR (n:{schema.node_label(kind)}) ON (n.id)"
    for rel in schema.relations:
        t = schema.rel_type(rel)
        name = f"fact_{t.lower()}_id"
        out[name] = f"CREATE CONSTRAINT {name} IF NOT EXISTS FOR ()-[r:{t}]-() REQUIRE r.id IS UNIQUE"
    for t in weapon_types(schema):  # (a removal asks whether a fact still names a weapon)
        name = f"fact_{t.lower()}_weapon"
        out[name] = f"CREATE INDEX {name} IF NOT EXISTS FOR ()-[r:{t}]-() ON (r.weapon_id)"
    return out


# The writes find what they touch through uniqueness constraints or index hints, so their plans do
# not depend on the database's statistics, and their cached plans are kept (replan=skip). By default
# Neo4j plans a statement again once the statistics have moved past a threshold and the plan is more
# than a minute old: after a wipe, or as a database grows. The load of 10k relationships that follows
# spent 0.75-1.2 s in its statements instead of 0.2 s (some 40 statements, each planned again).
# tests/integration/test_store.py checks that their plans, made on an empty and on a loaded database,
# seek and never scan.
KEEP_PLAN = "CYPHER replan=skip\n"

# a sorted union of two lists of strings, without APOC
_UNION = "CALL ({var}, row) {{ UNWIND coalesce({var}.docs, []) + row.docs AS d " \
         "WITH DISTINCT d ORDER BY d RETURN collect(d) AS docs }} SET {var}.docs = docs"

# the documents, and which of them this transaction created: only their evidence is new for sure
# (a marker set ON CREATE, under MERGE's lock, so that two loads of one document agree), as one
# list: one record for the client to read, not one per document
MERGE_DOCUMENTS = KEEP_PLAN + """
UNWIND $rows AS row
MERGE (d:Document {id: row.id})
ON CREATE SET d._created = true
SET d += row
WITH d WHERE d._created
REMOVE d._created
RETURN collect(d.id) AS ids
"""


def merge_nodes(schema: Schema, kind: str) -> str:
    """Entities, found or created (row.keep: the stored properties win, rows.keeps_stored). A stored
    entity is written only when a property differs: the
    entities of the news (a few states) are in most transactions, and a write would lock them
    until commit. Which documents mention an entity is not stored on it (a list that grows with
    every article would be rewritten by every load): Store.dump derives it from the evidence and
    the structural links."""
    label = schema.node_label(kind)
    return KEEP_PLAN + f"""
UNWIND $rows AS row
MERGE (n:Entity {{id: row.id}})
ON CREATE SET n:{label}, n += row.props
WITH n, row WHERE NOT n:{label}
  OR any(k IN keys(row.props) WHERE n[k] IS NULL OR (NOT row.keep AND n[k] <> row.props[k]))
WITH n, row, CASE WHEN row.keep THEN properties(n) ELSE {{}} END AS kept
SET n:{label}, n += row.props
SET n += kept
"""


def merge_links(schema: Schema, rel_type: str, fresh: bool = False) -> str:
    """Structural links with the documents that state them (as merge_nodes)."""
    t = schema.rel_type(rel_type)
    docs = "SET l.docs = coalesce(l.docs, []) + row.docs" if fresh else _UNION.format(var="l")
    return KEEP_PLAN + f"""
UNWIND $rows AS row
MATCH (s:Entity {{id: row.source}})
MATCH (t:Entity {{id: row.target}})
MERGE (s)-[l:{t}]->(t)
WITH l, row
{docs}
"""


def merge_facts(schema: Schema, rel_type: str) -> str:
    """Facts, found or created between their two entities (row.id is unique per type), whose
    totals are set from all their evidence later in the transaction (set_facts). Each is locked
    (a write before any read) so that concurrent loads cannot lose each other's evidence."""
    t = schema.rel_type(rel_type)
    return KEEP_PLAN + f"""
UNWIND $rows AS row
MATCH (s:Entity {{id: row.source}})
MATCH (t:Entity {{id: row.target}})
MERGE (s)-[r:{t} {{id: row.id}}]->(t)
ON CREATE SET r += row.props
SET r._lock = true
"""


def fold_facts(schema: Schema, rel_type: str) -> str:
    """Facts reported only by documents this transaction created. A new fact is created with the
    totals of its new evidence (row.totals, graph/facts.py); a fact stored before is locked (a
    write, before any read) and its stored totals are returned, for the writer to merge the new
    ones in (set_facts). Facts are looked up by their id's index, not MERGEd between their ends:
    between two states in the news there are thousands of facts of a type, which MERGE would read
    one by one. Two loads creating one fact at once stay one fact: in a writing query Neo4j's
    lookup in a uniqueness index locks the id, so the second waits until the first commits and
    then finds it."""
    t = schema.rel_type(rel_type)
    return KEEP_PLAN + f"""
UNWIND $rows AS row
OPTIONAL {_fact_by_id(t, 'row.id')}
CALL (row, r) {{
  WITH row, r WHERE r IS NULL
  MATCH (a:Entity {{id: row.source}})
  MATCH (b:Entity {{id: row.target}})
  CREATE (a)-[n:{t} {{id: row.id}}]->(b)
  SET n += row.props, n += row.totals
}}
WITH r WHERE r IS NOT NULL
SET r._lock = true
RETURN r.id AS id, {", ".join(f"r.{name} AS {name}" for name in facts.NAMES)}
"""


def _fact_by_id(t: str, key: str, a: str = "", b: str = "") -> str:
    """MATCH a fact `r` of type `t` by id (its ends bound to `a` and `b` when named), with a hint
    that forces a seek in the id index. `USING INDEX` alone is not enough: it lets the planner
    scan the whole index and filter each row's id, a plan it sometimes keeps for a load (seen at
    1M relationships: 81 rows of set_facts took 1.8 s, one pass over 155,000 SUPPLIES per row;
    9-33 s of a 110-123 s load)."""
    return f"MATCH ({a})-[r:{t} {{id: {key}}}]->({b}) USING INDEX SEEK r:{t}(id)"


def set_facts(schema: Schema, rel_type: str) -> str:
    """The totals (graph/facts.py) of locked facts, computed by the writer; the lock is released.
    A total a row lacks (the dates, when no evidence has one) is removed; a fact whose evidence
    count is 0 has no evidence left and is deleted."""
    t = schema.rel_type(rel_type)
    totals = ", ".join(f"r.{name} = row.totals.{name}" for name in facts.NAMES)
    return KEEP_PLAN + f"""
UNWIND $rows AS row
{_fact_by_id(t, 'row.id')}
SET {totals}
REMOVE r._lock
WITH r, row WHERE row.totals.evidence_count = 0
DELETE r
"""


def lock_facts(schema: Schema, rel_type: str) -> str:
    """Lock facts (a write) before their evidence is changed and read (FACT_EVIDENCE)."""
    t = schema.rel_type(rel_type)
    return KEEP_PLAN + f"""
UNWIND $ids AS fid
{_fact_by_id(t, 'fid')}
SET r._lock = true
"""


# evidence of documents this transaction created cannot exist yet (its id includes the document's):
# created, grouped by document, each with its document and, when someone claims it, its claimant
CREATE_EVIDENCE = KEEP_PLAN + """
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
MERGE_EVIDENCE = KEEP_PLAN + """
UNWIND $rows AS row
MATCH (d:Document {id: row.doc_id})
MERGE (e:Evidence {id: row.id})
ON CREATE SET e += row.props
MERGE (e)-[:IN_DOCUMENT]->(d)
WITH e, row WHERE row.claimer IS NOT NULL
MATCH (a:Entity {id: row.claimer})
MERGE (e)-[:CLAIMED_BY]->(a)
"""


# what a fact's totals follow from (graph/facts.py): each piece of evidence of the facts, read by
# the writer after it locked them and changed their evidence (`original`: the document's, when a copy)
FACT_EVIDENCE = KEEP_PLAN + """
UNWIND $ids AS fid
MATCH (e:Evidence {fact_id: fid}) USING INDEX e:Evidence(fact_id)
OPTIONAL MATCH (e)-[:IN_DOCUMENT]->(d:Document)
RETURN e.fact_id AS fact_id, e.doc_id AS doc_id, e.claimed_by AS claimed_by, e.published AS published,
       e.event_start AS event_start, e.event_end AS event_end, d.copy_of AS original
"""


def fact_ends(schema: Schema, rel_type: str) -> str:
    """The entities that facts of a type name: their ends and, for types keyed by a weapon, the weapon."""
    t = schema.rel_type(rel_type)
    weapon = "r.weapon_id" if "weapon_id" in schema.relations[rel_type].key else "null"
    return KEEP_PLAN + f"""
UNWIND $ids AS fid
{_fact_by_id(t, 'fid', 'a', 'b')}
RETURN collect(a.id) + collect(b.id) + collect({weapon}) AS ids
"""


def weapon_types(schema: Schema) -> list[str]:
    """The fact types keyed by a weapon (their `weapon_id` names a WeaponType entity)."""
    return [schema.rel_type(r) for r in sorted(schema.relations) if "weapon_id" in schema.relations[r].key]


# stored documents read from one of these sources (a path or URL) that are not these versions
OLDER_VERSIONS = """
UNWIND $rows AS row
MATCH (d:Document {source: row.source}) WHERE d.id <> row.id
RETURN DISTINCT d.id AS id, d.source AS source
"""

# The first statement of every write transaction: one more generation. It locks the counter, so
# write transactions commit one after the other, and returns the stamps before and after
# ("uid:n"; before is null when this transaction created the counter).
BUMP_GENERATION = f"""
MERGE (g:{GENERATION} {{id: 'graph'}})
ON CREATE SET g.uid = randomUUID(), g.n = 0, g._new = true
SET g.n = g.n + 1
WITH g, g._new AS new
REMOVE g._new
RETURN CASE WHEN new THEN null ELSE g.uid + ':' + toString(g.n - 1) END AS before,
       g.uid + ':' + toString(g.n) AS after
"""
# the counter locked (as a write would), for a dump that no write may change while it reads
LOCK_GENERATION = f"""
MERGE (g:{GENERATION} {{id: 'graph'}})
ON CREATE SET g.uid = randomUUID(), g.n = 0
SET g._lock = true
REMOVE g._lock
RETURN g.uid + ':' + toString(g.n) AS stamp
"""
# relationships first, then nodes, in small transactions: a hub node with hundreds of thousands of
# relationships is too much for one DETACH DELETE in a small heap
WIPE = ["MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS",
        "MATCH (n) CALL (n) { DELETE n } IN TRANSACTIONS OF 10000 ROWS"]
