// Accusations, confirmations and denials about an actor (or its officials and agencies), and by whom
// @param actor [actor]: the actor they are about, e.g. 'north-korea'
// @param since [since]: only claims with a report from this day on; '' for no limit (default: '')
// @param until [until]: only claims with a report up to this day; '' for no limit (default: '')
// example: cli.py query claims_about --param actor=Nordkorea
//
// One row per ACCUSES / CONFIRMS / DENIES fact whose target is the actor or one of its members:
// who makes the claim (`by`), whom the articles attribute the report to (`claimed_by`), in how
// many independent articles (`sources`: wire copies of one story count once, docs/copies.md) and
// how many articles in all (`documents`), and the first sentence stating it. With since/until,
// only claims with a report in the period, and the first sentence among those (docs/time.md).
// In Neo4j Browser: :params {actor: 'north-korea', since: '', until: ''}
MATCH (actor:Entity {id: $actor})
MATCH (about:Entity)-[:MEMBER_OF|PART_OF*0..2]->(actor)
MATCH (by:Entity)-[r:ACCUSES|CONFIRMS|DENIES]->(about)
WITH DISTINCT r, by, about
WITH r, by, about,
     head(COLLECT { MATCH (e:Evidence {fact_id: r.id})-[:IN_DOCUMENT]->(d:Document)
                    WHERE ($since = '' OR coalesce(e.event_end, e.event_start, e.published) >= $since)
                      AND ($until = '' OR coalesce(e.event_start, e.event_end, e.published) <= $until)
                    RETURN {sentence: e.sentence, document: d.name} ORDER BY d.name, e.start LIMIT 1 }) AS first
WHERE first IS NOT NULL
RETURN type(r) AS claim, by.name AS by, by.kind AS by_kind, about.name AS about, r.claimed_by AS claimed_by,
       size(coalesce(r.sources, r.docs)) AS sources, size(r.docs) AS documents, r.first_reported AS first_reported, first.document AS document,
       first.sentence AS sentence, r.id AS fact
ORDER BY claim, by, about
