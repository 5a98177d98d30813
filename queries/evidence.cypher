// The evidence behind a relation: every sentence reporting it, in which document, attributed to whom
// @param source [actor]: one end of the relation, e.g. 'north-korea'
// @param target [actor]: the other end, e.g. 'russia' (either direction matches)
// @param type [relation]: only this relation type, e.g. 'SUPPLIES'; '' for all (default: '')
// @param weapon [weapon]: only transfers of this weapon, e.g. 'kn-23'; '' for any (default: '')
// @param since [since]: only reports from this day on; '' for no limit (default: '')
// @param until [until]: only reports up to this day; '' for no limit (default: '')
// example: cli.py query evidence --param source=NK --param target=Russia --param weapon=KN-23
//
// One row per report (Evidence node) of every fact between the two actors, with the quantity as
// the article writes it, the event time it gives (start, end, precision, the words), and the
// sentence with its document. With since/until, only reports in the period (docs/time.md).
// In Neo4j Browser: :params {source: 'north-korea', target: 'russia', type: 'SUPPLIES', weapon: 'kn-23', since: '', until: ''}
MATCH (a:Entity {id: $source})-[r]-(b:Entity {id: $target})
WHERE r.id IS NOT NULL AND ($type = '' OR type(r) = $type) AND ($weapon = '' OR r.weapon_id = $weapon)
MATCH (e:Evidence {fact_id: r.id})-[:IN_DOCUMENT]->(d:Document)
WHERE ($since = '' OR coalesce(e.event_end, e.event_start, e.published) >= $since)
  AND ($until = '' OR coalesce(e.event_start, e.event_end, e.published) <= $until)
RETURN type(r) AS relation, startNode(r).name AS source, endNode(r).name AS target, r.weapon AS weapon,
       r.status AS status, e.claimed_by AS claimed_by,
       CASE WHEN e.quantity_text IS NULL THEN null
            ELSE {text: e.quantity_text, value: e.quantity_value, min: e.quantity_min, max: e.quantity_max,
                  qualifier: e.quantity_qualifier, unit: e.quantity_unit} END AS quantity,
       e.event_start AS event_start, e.event_end AS event_end, e.event_precision AS event_precision,
       e.event_text AS event_text, d.name AS document, d.published AS published, e.sentence AS sentence, r.id AS fact
ORDER BY relation, weapon, status, document, e.start
