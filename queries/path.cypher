// The shortest connection between two actors over facts and structural links, in either direction
// @param a [actor]: one actor, e.g. 'north-korea'
// @param b [actor]: the other, e.g. 'ukraine'
// @param since [since]: only facts with a report from this day on; '' for no limit (default: '')
// @param until [until]: only facts with a report up to this day; '' for no limit (default: '')
// example: cli.py query path --param a=NK --param b=UA
//
// What `cli.py path A B` asks, as one query for Neo4j Browser (at most 6 hops, never through
// evidence or documents). `cli.py path` adds options and prints each hop's evidence. With
// since/until, only facts with a report in the period (structural links always: docs/time.md).
// In Neo4j Browser: :params {a: 'north-korea', b: 'ukraine', since: '', until: ''}
MATCH (a:Entity {id: $a}), (b:Entity {id: $b})
MATCH p = SHORTEST 1 (a)(()-[x]-(:Entity)
                        WHERE $since = '' AND $until = '' OR x.id IS NULL OR EXISTS {
                          MATCH (e:Evidence {fact_id: x.id})
                          WHERE ($since = '' OR coalesce(e.event_end, e.event_start, e.published) >= $since)
                            AND ($until = '' OR coalesce(e.event_start, e.event_end, e.published) <= $until) }){1,6}(b)
RETURN length(p) AS hops, [n IN nodes(p) | n.name] AS actors,
       [r IN relationships(p) | startNode(r).name + ' -[' + type(r) + coalesce(' ' + r.weapon, '') + ']-> '
                                + endNode(r).name] AS relations
