// Who supplied a given state (or one of its agencies), and with what
// @param state [actor]: the receiving state, e.g. 'russia' (the CLI also takes names and codes: RU, Russland)
// @param since [since]: only transfers with a report from this day on; '' for no limit (default: '')
// @param until [until]: only transfers with a report up to this day; '' for no limit (default: '')
// example: cli.py query suppliers_of --param state=Russia --since 2023-09
//
// One row per supplier and status (delivered / planned): the weapons, how many transfers, the
// documents reporting them, who claims them, and which part of the state received them.
// With since/until, only transfers with a report in the period count (docs/time.md).
// In Neo4j Browser: :params {state: 'russia', since: '', until: ''}
MATCH (state:Entity {id: $state})
OPTIONAL MATCH (part:Agency)-[:PART_OF*1..3]->(state)
WITH state, collect(DISTINCT part) AS parts
UNWIND [state] + parts AS recipient
MATCH (s:Entity)-[r:SUPPLIES]->(recipient)
WHERE $since = '' AND $until = '' OR EXISTS {
        MATCH (e:Evidence {fact_id: r.id})
        WHERE ($since = '' OR coalesce(e.event_end, e.event_start, e.published) >= $since)
          AND ($until = '' OR coalesce(e.event_start, e.event_end, e.published) <= $until) }
WITH s, r, recipient ORDER BY r.weapon
WITH s, r.status AS status, collect(DISTINCT coalesce(r.weapon, 'unspecified')) AS weapons,
     count(r) AS transfers, collect(r) AS facts, collect(DISTINCT recipient.name) AS received_by
WITH s, status, weapons, transfers, received_by,
     reduce(acc = [], f IN facts | acc + [d IN f.docs WHERE NOT d IN acc]) AS docs,
     reduce(acc = [], f IN facts | acc + [c IN f.claimed_by WHERE NOT c IN acc]) AS claimers
RETURN s.name AS supplier, s.kind AS supplier_kind, status, weapons, transfers,
       size(docs) AS documents, claimers AS claimed_by, received_by
ORDER BY documents DESC, transfers DESC, supplier, status
