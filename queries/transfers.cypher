// A transfers register like SIPRI's trade register: supplier, recipient, weapon, quantity, status, who claims it
// @param supplier [actor]: only transfers from this actor, e.g. 'north-korea'; '' for any (default: '')
// @param recipient [actor]: only transfers to this actor, e.g. 'russia'; '' for any (default: '')
// @param status: 'delivered', 'planned', or '' for both (default: '')
// @param limit: at most this many rows (default: 500)
// example: cli.py query transfers --param supplier=NK --param recipient=Russia
//
// One row per transfer: a SUPPLIES fact, i.e. one (supplier, recipient, weapon, status) across all
// documents. `quantity` lists the distinct quantities the articles give (text as written, numbers,
// qualifier such as more_than); first/last reported are document dates where known; `sources`
// counts the independent articles reporting it (wire copies of one story count once, as their
// original: docs/copies.md), `documents` every article, copies included; `claimed_by` names who
// the articles attribute it to.
// In Neo4j Browser: :params {supplier: '', recipient: 'russia', status: '', limit: 500}
MATCH (s:Entity)-[r:SUPPLIES]->(t:Entity)
WHERE ($supplier = '' OR s.id = $supplier)
  AND ($recipient = '' OR t.id = $recipient)
  AND ($status = '' OR r.status = $status)
RETURN s.name AS supplier, t.name AS recipient, r.weapon AS weapon,
       COLLECT { MATCH (e:Evidence {fact_id: r.id}) WHERE e.quantity_text IS NOT NULL
                 RETURN DISTINCT {text: e.quantity_text, value: e.quantity_value, min: e.quantity_min,
                                  max: e.quantity_max, qualifier: e.quantity_qualifier,
                                  unit: e.quantity_unit} } AS quantity,
       r.status AS status, r.first_reported AS first_reported, r.last_reported AS last_reported,
       size(coalesce(r.sources, r.docs)) AS sources, size(r.docs) AS documents, r.claimed_by AS claimed_by,
       r.id AS fact
ORDER BY supplier, recipient, status, sources DESC, documents DESC, weapon
LIMIT $limit
