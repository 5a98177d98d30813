// Accusations, confirmations and denials about an actor (or its officials and agencies), and by whom
// @param actor [actor]: the actor they are about, e.g. 'north-korea'
// example: cli.py query claims_about --param actor=Nordkorea
//
// One row per ACCUSES / CONFIRMS / DENIES fact whose target is the actor or one of its members:
// who makes the claim (`by`), whom the articles attribute the report to (`claimed_by`), in how
// many independent articles (`sources`: wire copies of one story count once, docs/copies.md) and
// how many articles in all (`documents`), and the first sentence stating it.
// In Neo4j Browser: :param actor => 'north-korea'
MATCH (actor:Entity {id: $actor})
MATCH (about:Entity)-[:MEMBER_OF|PART_OF*0..2]->(actor)
MATCH (by:Entity)-[r:ACCUSES|CONFIRMS|DENIES]->(about)
WITH DISTINCT r, by, about
WITH r, by, about,
     head(COLLECT { MATCH (e:Evidence {fact_id: r.id})-[:IN_DOCUMENT]->(d:Document)
                    RETURN {sentence: e.sentence, document: d.name} ORDER BY d.name, e.start LIMIT 1 }) AS first
RETURN type(r) AS claim, by.name AS by, by.kind AS by_kind, about.name AS about, r.claimed_by AS claimed_by,
       size(coalesce(r.sources, r.docs)) AS sources, size(r.docs) AS documents, r.first_reported AS first_reported, first.document AS document,
       first.sentence AS sentence, r.id AS fact
ORDER BY claim, by, about
