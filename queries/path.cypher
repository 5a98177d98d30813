// The shortest connection between two actors over facts and structural links, in either direction
// @param a [actor]: one actor, e.g. 'north-korea'
// @param b [actor]: the other, e.g. 'ukraine'
// example: cli.py query path --param a=NK --param b=UA
//
// What `cli.py path A B` asks, as one query for Neo4j Browser (at most 6 hops, never through
// evidence or documents). `cli.py path` adds options and prints each hop's evidence.
// In Neo4j Browser: :params {a: 'north-korea', b: 'ukraine'}
MATCH (a:Entity {id: $a}), (b:Entity {id: $b})
MATCH p = shortestPath((a)-[*..6]-(b))
WHERE all(n IN nodes(p) WHERE n:Entity)
RETURN length(p) AS hops, [n IN nodes(p) | n.name] AS actors,
       [r IN relationships(p) | startNode(r).name + ' -[' + type(r) + coalesce(' ' + r.weapon, '') + ']-> '
                                + endNode(r).name] AS relations
