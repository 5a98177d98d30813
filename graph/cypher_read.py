"""The store's read Cypher: stored documents, the write counter, counts and the whole graph."""
from __future__ import annotations

from graph.cypher import GENERATION

# how stored documents were read (graph/model.reading: their extractor version, date, outlet, ...),
# as one record of columns (a record a document cost the driver about twice as long)
DOCUMENT_READINGS = """
UNWIND $ids AS id
MATCH (d:Document {id: id})
RETURN collect(d.id) AS id, collect([key IN $keys | d[key]]) AS values
"""

# which of some sources (paths or URLs) stored documents were read from
DOCUMENT_SOURCES = """
MATCH (d:Document) WHERE d.source IN $sources
RETURN DISTINCT d.source AS source
"""

# the documents a user's key names: an id, a name, or a source (the key as given and as an
# absolute path, so that a file loaded by a relative path is found by its absolute one and back)
FIND_DOCUMENTS = """
MATCH (d:Document) WHERE d.id = $key OR d.name = $key OR d.source IN $sources
RETURN d.id AS id, d.name AS name, d.source AS source ORDER BY id
"""

READ_GENERATION = f"""
OPTIONAL MATCH (g:{GENERATION} {{id: 'graph'}})
RETURN CASE WHEN g IS NULL THEN null ELSE g.uid + ':' + toString(g.n) END AS stamp
"""

COUNT_NODES = f"MATCH (n) WHERE NOT n:{GENERATION} UNWIND labels(n) AS label RETURN label, count(*) AS n"
COUNT_RELS = "MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n"
ANY_NODE = f"MATCH (n) WHERE NOT n:{GENERATION} RETURN 1 AS found LIMIT 1"
ALL_NODES = f"MATCH (n) WHERE NOT n:{GENERATION} RETURN labels(n) AS labels, properties(n) AS props"
ALL_RELS = """
MATCH (a)-[r]->(b)
RETURN type(r) AS type, a.id AS source, b.id AS target, properties(r) AS props
"""
SHOW_CONSTRAINTS = "SHOW CONSTRAINTS YIELD name RETURN collect(name) AS names"
# every index, a constraint's own among them (it has the constraint's name), and whether it is ONLINE
SHOW_INDEXES = "SHOW INDEXES YIELD name, state RETURN collect(name) AS names, collect(state) AS states"
