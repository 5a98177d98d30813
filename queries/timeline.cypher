// A timeline of visits, meetings and transfers, in the order they happened (else were reported)
// @param actor [actor]: only events of this actor, its members, or in its places; '' for all (default: '')
// @param since [since]: only reports from this day on; '' for no limit (default: '')
// @param until [until]: only reports up to this day; '' for no limit (default: '')
// @param limit: at most this many rows (default: 500)
// example: cli.py query timeline --param actor="Kim Jong Un" --since 2023
//
// One row per VISITS / MEETS / SUPPLIES fact, dated by its earliest report: `date` .. `date_end`
// is that report's event time when it gives one (`dated`: 'event', with its precision and the
// words), else the date of its document (`dated`: 'report'); facts with no date at all come last.
// Who, to or with whom, where a visited place lies, and the document and sentence of that report.
// With since/until, only reports in the period count (docs/time.md).
// In Neo4j Browser: :params {actor: 'russia', since: '', until: '', limit: 500}
CALL () {
  MATCH (s:Entity)-[r:VISITS|MEETS|SUPPLIES]->(t:Entity) WHERE $actor = ''
  RETURN s, r, t
  UNION
  MATCH (:Entity {id: $actor})<-[:MEMBER_OF|PART_OF|LOCATED_IN*0..2]-(:Entity)-[r:VISITS|MEETS|SUPPLIES]-(:Entity)
  RETURN startNode(r) AS s, r, endNode(r) AS t
}
WITH s, r, t,
     head(COLLECT { MATCH (e:Evidence {fact_id: r.id})-[:IN_DOCUMENT]->(d:Document)
                    WITH e, d, coalesce(e.event_start, e.event_end, e.published) AS first_day,
                         coalesce(e.event_end, e.event_start, e.published) AS last_day,
                         CASE WHEN coalesce(e.event_start, e.event_end) IS NOT NULL THEN 'event'
                              WHEN e.published IS NOT NULL THEN 'report' END AS dated
                    WHERE ($since = '' OR last_day >= $since) AND ($until = '' OR first_day <= $until)
                    RETURN {document: d.name, sentence: e.sentence, start: e.start, date: first_day, date_end: last_day,
                            dated: dated, precision: e.event_precision, words: e.event_text}
                    ORDER BY first_day, d.name, e.start LIMIT 1 }) AS first
WHERE first IS NOT NULL
OPTIONAL MATCH (t)-[:LOCATED_IN]->(place_state:State)
RETURN first.date AS date, first.date_end AS date_end, first.dated AS dated, first.precision AS precision,
       first.words AS event_text, type(r) AS event, s.name AS who, t.name AS whom,
       place_state.name AS in_state, r.weapon AS weapon, r.status AS status, size(r.docs) AS documents,
       first.document AS document, first.sentence AS sentence, r.id AS fact
ORDER BY date, document, first.start, event
LIMIT $limit
