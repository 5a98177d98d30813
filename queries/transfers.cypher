// A transfers register like SIPRI's trade register: supplier, recipient, weapon, quantity, status, when, who claims it
// @param supplier [actor]: only transfers from this actor, e.g. 'north-korea'; '' for any (default: '')
// @param recipient [actor]: only transfers to this actor, e.g. 'russia'; '' for any (default: '')
// @param status: 'delivered', 'planned', or '' for both (default: '')
// @param since [since]: only transfers with a report from this day on, e.g. '2023-09-01'; '' for no limit (default: '')
// @param until [until]: only transfers with a report up to this day, e.g. '2024-12-31'; '' for no limit (default: '')
// @param limit: at most this many rows (default: 500)
// example: cli.py query transfers --param supplier=NK --param recipient=Russia --since 2023
//
// One row per transfer: a SUPPLIES fact, i.e. one (supplier, recipient, weapon, status) across all
// documents. `quantity` lists the distinct quantities the articles give (text as written, numbers,
// qualifier such as more_than; by their text); the period, like SIPRI's order and delivery years: first/last event
// are the earliest start and latest end of the event times the reports give, first/last reported
// the document dates where known; `sources` counts the independent articles reporting it (wire
// copies of one story count once, as their original: docs/copies.md), `documents` every article,
// copies included; `claimed_by` names who the articles attribute it to. With since/until, a
// transfer is listed when one of its reports is in the period: its event time overlaps it, or,
// for a report without one, its document date lies in it (docs/time.md); the totals stay those
// of all its reports.
// In Neo4j Browser: :params {supplier: '', recipient: 'russia', status: '', since: '', until: '', limit: 500}
MATCH (s:Entity)-[r:SUPPLIES]->(t:Entity)
WHERE ($supplier = '' OR s.id = $supplier)
  AND ($recipient = '' OR t.id = $recipient)
  AND ($status = '' OR r.status = $status)
  AND ($since = '' AND $until = '' OR EXISTS {
        MATCH (e:Evidence {fact_id: r.id})
        WHERE ($since = '' OR coalesce(e.event_end, e.event_start, e.published) >= $since)
          AND ($until = '' OR coalesce(e.event_start, e.event_end, e.published) <= $until) })
RETURN s.name AS supplier, t.name AS recipient, r.weapon AS weapon,
       COLLECT { MATCH (e:Evidence {fact_id: r.id}) WHERE e.quantity_text IS NOT NULL
                 WITH DISTINCT {text: e.quantity_text, value: e.quantity_value, min: e.quantity_min,
                                max: e.quantity_max, qualifier: e.quantity_qualifier,
                                unit: e.quantity_unit} AS q
                 RETURN q ORDER BY q.text, q.unit, q.qualifier } AS quantity,
       r.status AS status, r.first_event AS first_event, r.last_event AS last_event,
       r.first_reported AS first_reported, r.last_reported AS last_reported,
       size(coalesce(r.sources, r.docs)) AS sources, size(r.docs) AS documents, r.claimed_by AS claimed_by,
       r.id AS fact
ORDER BY supplier, recipient, status, sources DESC, documents DESC, weapon
LIMIT $limit
