// Corroboration: each transfer, its independent asserters (an agency and its state count once), its denials
// @param supplier [actor]: only transfers from this actor; '' for any (default: '')
// @param recipient [actor]: only transfers to this actor; '' for any (default: '')
// @param since [since]: only transfers with a report from this day on; '' for no limit (default: '')
// @param until [until]: only transfers with a report up to this day; '' for no limit (default: '')
// @param state_bodies: agency categories that speak for their state (default: 'government,ministry,military,intelligence')
// @param limit: at most this many rows (default: 500)
// example: cli.py query corroboration --param recipient=Russia
//
// An asserter is whom a report is attributed to (Evidence -[:CLAIMED_BY]->), counted as the state
// it belongs to (official -> agency -> state through MEMBER_OF / PART_OF, where every agency on
// the way is a state body) or as itself otherwise: the US intelligence community and the United
// States are one asserter, while a newspaper stays its own. `unattributed` counts the
// independent articles among the reports that name no source, and `sources` the independent
// articles reporting the transfer: wire copies of one story count once, as their original
// (docs/copies.md); `documents` counts every article, copies included. Denials are DENIES facts
// against the supplier or the recipient (or one of their officials and agencies). With
// since/until, only transfers with a report in the period (docs/time.md); the counts stay those
// of all their reports.
// In Neo4j Browser (one line):
// :params {supplier: '', recipient: 'russia', since: '', until: '', state_bodies: 'government,ministry,military,intelligence', limit: 500}
MATCH (s:Entity)-[r:SUPPLIES]->(t:Entity)
WHERE ($supplier = '' OR s.id = $supplier) AND ($recipient = '' OR t.id = $recipient)
  AND ($since = '' AND $until = '' OR EXISTS {
        MATCH (e:Evidence {fact_id: r.id})
        WHERE ($since = '' OR coalesce(e.event_end, e.event_start, e.published) >= $since)
          AND ($until = '' OR coalesce(e.event_start, e.event_end, e.published) <= $until) })
WITH s, r, t,
     COLLECT { MATCH (:Evidence {fact_id: r.id})-[:CLAIMED_BY]->(c:Entity)
               OPTIONAL MATCH p = (c)-[:MEMBER_OF|PART_OF*0..3]->(home:State)
               WHERE all(n IN nodes(p) WHERE NOT n:Agency OR n.category IN split($state_bodies, ','))
               WITH c, home ORDER BY length(p)
               WITH c, head(collect(home)) AS home
               RETURN DISTINCT coalesce(home, c).name AS name ORDER BY name } AS asserters,
     size(COLLECT { MATCH (e:Evidence {fact_id: r.id})-[:IN_DOCUMENT]->(d:Document) WHERE e.claimed_by IS NULL
                    RETURN DISTINCT coalesce(d.copy_of, d.id) AS original }) AS unattributed,
     COLLECT { UNWIND [s, t] AS party
               MATCH (party)<-[:MEMBER_OF|PART_OF*0..2]-(:Entity)<-[x:DENIES]-(:Entity)
               RETURN DISTINCT x } AS denials
RETURN s.name AS supplier, t.name AS recipient, r.weapon AS weapon, r.status AS status,
       size(asserters) AS asserters, asserters AS asserted_by, r.claimed_by AS claimed_by,
       unattributed, size(coalesce(r.sources, r.docs)) AS sources, size(r.docs) AS documents,
       size(denials) AS denials,
       [x IN denials | startNode(x).name] AS denied_by, r.id AS fact
ORDER BY asserters DESC, sources DESC, documents DESC, supplier, recipient, weapon
LIMIT $limit
