"""The Cypher of removing documents (Store._remove), for many at once: a load that reads documents
again removes its transaction's stored versions in one go, as `remove` removes one. Each statement
reads only what its documents touched, through indexes (tests/integration/test_store.py reads the
plans); the structural links, whose `docs` no index holds, by a scan of their types only."""
from __future__ import annotations

from graph.cypher import KEEP_PLAN, weapon_types
from graph.schema import Schema

DELETE_EVIDENCE = "UNWIND $docs AS doc MATCH (e:Evidence {doc_id: doc}) DETACH DELETE e"

DOCUMENTS_CLAIMANTS = """
UNWIND $docs AS doc
MATCH (e:Evidence {doc_id: doc}) WHERE e.claimed_by_id IS NOT NULL
RETURN collect(DISTINCT e.claimed_by_id) AS ids
"""


def _stated_links(schema: Schema) -> str:
    """The structural links any of $docs states, as `l`: a scan of each structural type (forced, as
    planned on an empty database it would be a scan of every node), not of every relationship."""
    parts = [f"  MATCH ()-[l:{t}]->() USING SCAN l:{t} WHERE any(d IN l.docs WHERE d IN $docs) RETURN l"
             for t in (schema.rel_type(r) for r in sorted(schema.structural))]
    return "CALL () {\n" + "\n  UNION ALL\n".join(parts) + "\n}"


def link_ends(schema: Schema) -> str:
    """The entities at the ends of the structural links any of $docs states."""
    return KEEP_PLAN + f"""{_stated_links(schema)}
RETURN collect(startNode(l).id) + collect(endNode(l).id) AS ids
"""


def release_links(schema: Schema) -> str:
    """$docs taken off the structural links; a link no document states any more is deleted."""
    return KEEP_PLAN + f"""{_stated_links(schema)}
SET l.docs = [d IN l.docs WHERE NOT d IN $docs]
WITH l WHERE size(l.docs) = 0
DELETE l
"""


def release_nodes(schema: Schema) -> str:
    """Delete the entities among $ids that no document mentions any more: no fact or claim
    touches them, no structural link a document states, no fact names them as its weapon
    (what Store.dump derives an entity's `docs` from; found through the weapon index).
    $supports: the fact types and CLAIMED_BY."""
    weapons = "".join(f"\n  AND NOT EXISTS {{ MATCH ()-[f:{t}]->() WHERE f.weapon_id = n.id }}"
                      for t in weapon_types(schema))
    return f"""
UNWIND $ids AS id
MATCH (n:Entity {{id: id}})
WHERE NOT EXISTS {{ MATCH (n)-[r]-() WHERE type(r) IN $supports }}
  AND NOT EXISTS {{ MATCH (n)-[l]-() WHERE type(l) IN $structural AND size(l.docs) > 0 }}{weapons}
DETACH DELETE n
"""


DELETE_DOCUMENTS = "UNWIND $docs AS doc MATCH (d:Document {id: doc}) DETACH DELETE d"
