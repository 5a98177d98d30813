"""The Cypher of wire copies (graph/copies.py): setting copy links, the copies of a document, the
facts whose sources follow from some documents, and the signatures a load compares new texts with."""
from __future__ import annotations

# copy links ({id, copy_of}, one per document: copies.final) set: the document's COPY_OF replaced,
# `copy_of` set or removed; returns the documents whose original changed
SET_COPIES = """
UNWIND $rows AS row
MATCH (d:Document {id: row.id})
OPTIONAL MATCH (o:Document {id: row.copy_of})
WITH d, row, o, d.copy_of AS before
WHERE row.copy_of IS NULL OR o IS NOT NULL
CALL (d) { MATCH (d)-[old:COPY_OF]->() DELETE old }
SET d.copy_of = row.copy_of
WITH d, o, before, row
CALL (d, o) { WITH d, o WHERE o IS NOT NULL CREATE (d)-[:COPY_OF]->(o) }
WITH d, before, row WHERE coalesce(before, '') <> coalesce(row.copy_of, '')
RETURN collect(d.id) AS changed
"""

# the copies of some documents, as copies.promoted_in_turn takes them
COPIES_OF = """
UNWIND $docs AS doc
MATCH (c:Document {copy_of: doc})
RETURN c.id AS id, c.published AS published, c.copy_of AS copy_of
"""

# fact type -> the facts some documents report
DOCUMENTS_FACTS = """
UNWIND $docs AS doc
MATCH (e:Evidence {doc_id: doc})
RETURN e.type AS type, collect(DISTINCT e.fact_id) AS ids
"""

# the stored signatures (loaders/copies.py), in the order they are preferred as originals when
# nothing else tells (graph/copies.first_key). One record of columns: a record a document cost the
# driver three times as long (76,000 documents: 2.0 s against 0.8 s). collect() drops nulls, so an
# unknown source or date is '' (neither is ever stored as one) and the few copy links come as pairs.
SIGNATURES = """
MATCH (d:Document) WHERE d.minhash IS NOT NULL
WITH d ORDER BY d.id
RETURN collect(d.id) AS id, collect(d.minhash) AS minhash, collect(coalesce(d.source, '')) AS source,
       collect(coalesce(d.published, '')) AS published,
       collect(CASE WHEN d.copy_of IS NOT NULL THEN [d.id, d.copy_of] END) AS copies
"""
