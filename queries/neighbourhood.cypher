// An actor's neighbourhood: every actor it is directly tied to, by which relations, in which direction
// @param actor [actor]: e.g. 'north-korea'
// @param since [since]: only facts with a report from this day on; '' for no limit (default: '')
// @param until [until]: only facts with a report up to this day; '' for no limit (default: '')
// @param limit: at most this many rows (default: 500)
// example: cli.py query neighbourhood --param actor=Pjöngjang
//
// One row per neighbour, relation type and direction ('out': the actor is the source): how many
// facts, the weapons of transfers, the documents and who claims them. Structural links
// (MEMBER_OF, PART_OF, LOCATED_IN) are included; evidence and documents are not neighbours.
// With since/until, only facts with a report in the period; structural links have no time and
// always count (docs/time.md).
// In Neo4j Browser: :params {actor: 'north-korea', since: '', until: '', limit: 500}
MATCH (a:Entity {id: $actor})-[r]-(n:Entity)
WHERE r.id IS NULL OR $since = '' AND $until = '' OR EXISTS {
        MATCH (e:Evidence {fact_id: r.id})
        WHERE ($since = '' OR coalesce(e.event_end, e.event_start, e.published) >= $since)
          AND ($until = '' OR coalesce(e.event_start, e.event_end, e.published) <= $until) }
WITH n, type(r) AS relation, CASE WHEN startNode(r) = a THEN 'out' ELSE 'in' END AS direction, r
ORDER BY r.weapon
WITH n, relation, direction, collect(r) AS rels
RETURN n.name AS neighbour, n.kind AS kind, relation, direction, size(rels) AS facts,
       reduce(acc = [], x IN rels |
              acc + CASE WHEN x.weapon IS NULL OR x.weapon IN acc THEN [] ELSE [x.weapon] END) AS weapons,
       size(reduce(acc = [], x IN rels | acc + [d IN coalesce(x.docs, []) WHERE NOT d IN acc])) AS documents,
       reduce(acc = [], x IN rels | acc + [c IN coalesce(x.claimed_by, []) WHERE NOT c IN acc]) AS claimed_by,
       n.id AS id
ORDER BY facts DESC, neighbour, relation, direction
LIMIT $limit
