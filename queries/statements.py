"""Read Cypher the commands need besides the analyst questions (names, paths), parameterised.

Relationship types and the maximum path length cannot be parameters: they are checked against
the schema and as an integer range before they are formatted into a pattern.
"""
from __future__ import annotations

from graph import schema as schema_mod
from graph.errors import InputError

MAX_HOPS = 10
EVIDENCE_PER_RELATION = 2

ENTITY_NAMES = "MATCH (n:Entity) RETURN n.id AS id, n.name AS name"

ENTITIES = """
MATCH (n:Entity) WHERE n.id IN $ids
RETURN n.id AS id, n.name AS name, n.kind AS kind
"""

# whether a report `e` is in the period $since..$until ('' for an open end): graph/period.py's rule
IN_PERIOD = ("($since = '' OR coalesce(e.event_end, e.event_start, e.published) >= $since) "
             "AND ($until = '' OR coalesce(e.event_start, e.event_end, e.published) <= $until)")
# whether a relationship `r` is a structural link, or a fact with a report in the period
DATED = f"(r.id IS NULL OR EXISTS {{ MATCH (e:Evidence {{fact_id: r.id}}) WHERE {IN_PERIOD} }})"

# every relationship between consecutive nodes of a path, with its quantities and first evidence
# (of the period $since..$until: the relationships with a report in it, and those reports)
_HOP_RELATIONS = """
UNWIND $pairs AS pair
MATCH (a:Entity {id: pair[0]})ARROW(b:Entity {id: pair[1]})
WHERE type(r) IN $types AND ($since = '' AND $until = '' OR DATED)
RETURN pair[0] AS a, pair[1] AS b, type(r) AS type, startNode(r).id AS source, endNode(r).id AS target,
       properties(r) AS props,
       COLLECT { MATCH (e:Evidence {fact_id: r.id}) WHERE e.quantity_text IS NOT NULL
                 RETURN DISTINCT {text: e.quantity_text, value: e.quantity_value, min: e.quantity_min,
                                  max: e.quantity_max, qualifier: e.quantity_qualifier,
                                  unit: e.quantity_unit} } AS quantities,
       COLLECT { MATCH (e:Evidence {fact_id: r.id})-[:IN_DOCUMENT]->(d:Document) WHERE IN_PERIOD
                 RETURN {sentence: e.sentence, document: d.name, claimed_by: e.claimed_by,
                         quantity: e.quantity_text}
                 ORDER BY e.claimed_by IS NULL, e.quantity_text IS NULL, d.name, e.start
                 LIMIT $evidence } AS evidence
"""


def path_types(types: list[str] | None) -> list[str]:
    """The relationship types a path may use: the given ones checked, else every fact and structural type."""
    schema = schema_mod.load()
    allowed = [*schema.relations, *schema.structural]
    if not types:
        return allowed
    out = []
    for t in types:
        name = t.strip().upper()
        if name not in allowed:
            raise InputError(f"--types: {t.strip()!r} is not a relation type; use some of {','.join(allowed)}")
        if name not in out:
            out.append(name)
    return out


def check_hops(max_hops: int) -> int:
    """The maximum path length as a validated integer (it is formatted into the pattern)."""
    if isinstance(max_hops, bool) or not isinstance(max_hops, int) or not 1 <= max_hops <= MAX_HOPS:
        raise InputError(f"--max-hops must be a whole number from 1 to {MAX_HOPS}, not {max_hops!r}")
    return max_hops


def shortest_paths(types: list[str], max_hops: int, directed: bool, all_paths: bool, dated: bool = False) -> str:
    """Node-id sequences of the shortest path(s) between $a and $b over the given relationship
    types; `dated`: only over facts with a report in the period $since..$until (and structural links)."""
    schema = schema_mod.load()
    names = "|".join(schema.rel_type(t) for t in path_types(types))
    hops = check_hops(max_hops)
    arrow = "->" if directed else "-"
    if dated:  # (shortestPath fails on a subquery in its WHERE: Neo4j 5.26 "Index 1 out of bounds")
        match = (f"{'ALL SHORTEST' if all_paths else 'SHORTEST 1'} "
                 f"(a)(()-[r:{names}]{arrow}() WHERE {DATED}){{1,{hops}}}(b)")
    else:
        match = f"{'allShortestPaths' if all_paths else 'shortestPath'}((a)-[:{names}*..{hops}]{arrow}(b))"
    return f"""
MATCH (a:Entity {{id: $a}}), (b:Entity {{id: $b}})
MATCH p = {match}
WITH DISTINCT [n IN nodes(p) | n.id] AS ids
RETURN ids ORDER BY ids LIMIT $limit
"""


def hop_relations(directed: bool) -> str:
    """Relationships between each (a, b) pair of $pairs whose type is in $types (and, when the
    period $since..$until is not open, that are structural or have a report in it)."""
    return (_HOP_RELATIONS.replace("ARROW", "-[r]->" if directed else "-[r]-")
            .replace("DATED", DATED).replace("IN_PERIOD", IN_PERIOD))
