"""path, query and stats: the analyst's read commands. They parse, call queries/*, and print."""
from __future__ import annotations

import json
from typing import Optional

import typer
from rich.table import Table
from rich.text import Text

from graph import mirror as mirror_mod
from graph import schema as schema_mod
from graph.errors import InputError
from queries import analysis, catalogue, names, paths, render
from queries.backend import open_backend


def _json(ctx, data) -> None:
    ctx.out.print_json(json.dumps(data, ensure_ascii=False, default=str))


def _pairs(items: list[str]) -> dict[str, str]:
    """--param key=value items as a dict (InputError on a missing '=')."""
    out = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise InputError(f"--param takes key=value, not {item!r}")
        out[key.strip()] = value
    return out


def _group(rel_type: str) -> str:
    schema = schema_mod.load()
    if rel_type in schema.relations:
        return f"fact ({schema.relations[rel_type].group})"
    return "structural" if rel_type in schema.structural else "provenance"


def register(app: typer.Typer, ctx) -> None:
    """Add path, query and stats to the CLI."""

    @app.command()
    @ctx.handled
    def path(
        a: str = typer.Argument(..., help="One actor: a name, alias, code or id (NK, Nordkorea, Pjöngjang)."),
        b: str = typer.Argument(..., help="The other actor."),
        undirected: bool = typer.Option(True, "--undirected/--directed",
                                        help="Ignore relation direction (default) or follow it from A to B."),
        max_hops: int = typer.Option(6, "--max-hops", min=1, max=10, help="Longest path to look for."),
        types: Optional[str] = typer.Option(None, "--types", help="Relation types to use, comma-separated "
                                            "(default: every fact type and MEMBER_OF, PART_OF, LOCATED_IN)."),
        all_paths: bool = typer.Option(False, "--all", help="Every shortest path, not just one."),
        per_hop: int = typer.Option(1, "--per-hop", min=1, max=100, help="Relations shown for each hop."),
        json_out: bool = typer.Option(False, "--json", help="Print the paths as JSON."),
    ):
        """How two actors are connected: the shortest path(s), each hop with its evidence.

        Answers from Neo4j, or from the saved networkx mirror (saying so) when no server answers.
        Exit code 1 when there is no path, 2 for an unknown name or option.

        Example: python cli.py path NK UA --types SUPPLIES,ATTACKS
        """
        spec = paths.PathSpec(types=(types or "").split(",") if types else [], max_hops=max_hops,
                              directed=not undirected, all_paths=all_paths)
        with open_backend(ctx.open_store, ctx.settings()) as backend:
            if backend.note:
                ctx.err.print(backend.note, highlight=False, soft_wrap=True, markup=False)
            result = paths.find(backend, a, b, spec)
        if json_out:
            _json(ctx, result.as_dict())
        elif result.paths:
            for line in render.path_report(result, per_hop):
                ctx.out.print(line, highlight=False, soft_wrap=True, markup=False)
        else:
            way = "following relation direction" if spec.directed else "in either direction"
            ctx.out.print(f"no path between {result.source['name']} and {result.target['name']} within "
                          f"{spec.max_hops} hops {way}", highlight=False, soft_wrap=True, markup=False)
        if not result.paths:
            raise typer.Exit(1)

    @app.command()
    @ctx.handled
    def query(
        name: Optional[str] = typer.Argument(None, help="The question to ask (see --list)."),
        param: list[str] = typer.Option([], "--param", "-p", help="A parameter as key=value (repeatable)."),
        list_queries: bool = typer.Option(False, "--list", help="List the questions and their parameters."),
        show_cypher: bool = typer.Option(False, "--cypher", help="Print the query to paste into Neo4j Browser."),
        json_out: bool = typer.Option(False, "--json", help="Print the rows as JSON."),
    ):
        """Ask one of the analyst's questions (queries/*.cypher) and print the rows.

        Actor parameters take any name, alias, code or id (NK, Nordkorea, north-korea).
        Exit code 1 when no row is found, 2 for an unknown query, parameter or name.

        Example: python cli.py query suppliers_of --param state=Russia
        """
        if list_queries or not name:
            queries = catalogue.load()
            if json_out:
                _json(ctx, [{"name": q.name, "description": q.description, "example": q.example,
                             "params": [{"name": p.name, "type": p.type, "description": p.description,
                                         "default": p.default, "required": p.required} for p in q.params]}
                            for q in queries.values()])
                return
            table = Table("query", "what it answers, and an example", "parameters (optional ones with their default)",
                          title="questions (queries/*.cypher)", show_lines=True)
            for q in queries.values():
                params = ", ".join(p.name if p.required else f"[{p.name}={p.default!r}]" for p in q.params)
                table.add_row(q.name, Text(f"{q.description}\n{q.example}"), Text(params))
            ctx.out.print(table)
            return
        q = catalogue.get(name)
        if show_cypher:
            ctx.out.print(f"// {q.browser_params()}\n{q.text}", markup=False, highlight=False, soft_wrap=True)
            return
        values = q.bind(_pairs(param))
        with ctx.open_store() as store:
            values = q.resolve(values, lambda text: names.resolve(text, names.from_store(store)))
            rows = catalogue.run(store, q, values)
        if json_out:
            _json(ctx, rows)
        elif rows:
            ctx.out.print(render.rows_table(rows, title=q.description))
            ctx.out.print(f"{len(rows)} row{'s' * (len(rows) != 1)}", highlight=False)
        else:
            given = ", ".join(f"{k}={v}" for k, v in values.items())
            ctx.out.print(f"no rows for {q.name} ({given})", highlight=False, markup=False)
        if not rows:
            raise typer.Exit(1)

    @app.command()
    @ctx.handled
    def stats(
        top: int = typer.Option(10, "--top", min=1, max=1000, help="How many actors each list shows."),
        json_out: bool = typer.Option(False, "--json", help="Print the statistics as JSON."),
    ):
        """Counts by node kind and relation type; the most central actors and the brokers.

        Counts come from Neo4j (or the mirror when no server answers); centrality and brokers are
        computed with networkx on the actor graph. Exit code 1 when the graph is empty.

        Example: python cli.py stats --top 5
        """
        with open_backend(ctx.open_store, ctx.settings()) as backend:
            if backend.note:
                ctx.err.print(backend.note, highlight=False, soft_wrap=True, markup=False)
            if backend.store is not None:
                counts, graph = backend.store.counts(), mirror_mod.from_store(backend.store)
            else:
                counts, graph = analysis.counts(backend.graph), backend.graph
        counts["nodes"].pop("Entity", None)
        result = {"source": backend.source, "note": backend.note, **counts, **analysis.stats(graph, top)}
        if json_out:
            _json(ctx, result)
        else:
            _print_stats(ctx, result)
        if not result["actors"]:
            if not json_out:
                ctx.out.print("the graph holds no related actors yet (load articles with cli.py load)")
            raise typer.Exit(1)


def _print_stats(ctx, result: dict) -> None:
    out = ctx.out
    nodes = Table("kind", "nodes", title=f"nodes ({result['source']})")
    for kind, n in sorted(result["nodes"].items(), key=lambda kv: (-kv[1], str(kv[0]))):
        nodes.add_row(str(kind), str(n))
    rels = Table("type", "group", "relationships", title=f"relationships ({result['source']})")
    for rel_type, n in sorted(result["relationships"].items(), key=lambda kv: (_group(kv[0]), -kv[1])):
        rels.add_row(str(rel_type), _group(str(rel_type)), str(n))
    out.print(nodes, rels)
    out.print(f"actor graph: {result['actors']} entities, {result['ties']} ties", highlight=False)
    for measure, rows in result["central"].items():
        table = Table("actor", "kind", measure, "relations", title=f"most central by {measure}",
                      caption=result["explain"][measure])
        for r in rows:
            table.add_row(Text(r["name"]), r["kind"], render.cell(r["score"]), str(r["relations"]))  # names: text
        out.print(table)
    table = Table("actor", "kind", "cut point: parts left", "communities it ties (leader, size)",
                  title="brokers", caption=result["explain"]["brokers"])
    for r in result["brokers"]:
        parts = ", ".join(map(str, r["separates"])) if r["cut_point"] else ""
        table.add_row(Text(r["name"]), r["kind"], parts, Text("; ".join(r["communities"])))
    out.print(table)
