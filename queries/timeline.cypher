// A timeline of visits, meetings and transfers, in the order they were reported
// @param actor [actor]: only events of this actor, its members, or in its places; '' for all (default: '')
// @param limit: at most this many rows (default: 500)
// example: cli.py query timeline --param actor="Kim Jong Un"
//
// One row per VISITS / MEETS / SUPPLIES fact: the date it was first reported (the document's `published`;
// empty when the documents carry none, those come last), who, to or with whom, and where a visited
// place lies, with the first document and sentence reporting it.
// In Neo4j Browser: :params {actor: 'russia', limit: 500}
CALL () {
  MATCH (s:Entity)-[r:VISITS|MEETS|SUPPLIES]->(t:Entity) WHERE $actor = ''
  RETURN s, r, t
  UNION
  MATCH (:Entity {id: $actor})<-[:MEMBER_OF|PART_OF|LOCATED_IN*0..2]-(:Entity)-[r:VISITS|MEETS|SUPPLIES]-(:Entity)
  RETURN startNode(r) AS s, r, endNode(r) AS t
}
WITH s, r, t,
     head(COLLECT { MATCH (e:Evidence {fact_id: r.id})-[:IN_DOCUMENT]->(d:Document)
                    RETURN {document: d.name, date: d.published, sentence: e.sentence, start: e.start}
                    ORDER BY d.published, d.name, e.start LIMIT 1 }) AS first
OPTIONAL MATCH (t)-[:LOCATED_IN]->(place_state:State)
RETURN coalesce(r.first_reported, first.date) AS date, type(r) AS event, s.name AS who, t.name AS whom,
       place_state.name AS in_state, r.weapon AS weapon, r.status AS status, size(r.docs) AS documents,
       first.document AS document, first.sentence AS sentence, r.id AS fact
ORDER BY date, document, first.start, event
LIMIT $limit
