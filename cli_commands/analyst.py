"""path, query and stats: the analyst's read commands. They parse, call queries/*, and print."""
from __future__ import annotations

from typing import Optional

import typer

from cli_commands import output
from cli_commands.session import open_store, settings
from queries import analysis, catalogue, names, paths
from queries.backend import open_backend


@output.handled
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
    with open_backend(open_store, settings()) as backend:
        if backend.note:
            output.note(backend.note)
        result = paths.find(backend, a, b, spec)
    output.path_result(result, spec, per_hop, json_out)
    if not result.paths:
        raise typer.Exit(1)


@output.handled
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
        output.query_list(catalogue.load(), json_out)
        return
    q = catalogue.get(name)
    if show_cypher:
        output.line(f"// {q.browser_params()}\n{q.text}")
        return
    values = q.bind(catalogue.parse_params(param))
    with open_store() as store:
        values = q.resolve(values, lambda text: names.resolve(text, names.from_store(store)))
        rows = catalogue.run(store, q, values)
    output.query_rows(q, values, rows, json_out)
    if not rows:
        raise typer.Exit(1)


@output.handled
def stats(
    top: int = typer.Option(10, "--top", min=1, max=1000, help="How many actors each list shows."),
    json_out: bool = typer.Option(False, "--json", help="Print the statistics as JSON."),
):
    """Counts by node kind and relation type; the most central actors and the brokers.

    Counts come from Neo4j (or the mirror when no server answers); centrality and brokers are
    computed with networkx on the actor graph. Exit code 1 when the graph is empty.

    Example: python cli.py stats --top 5
    """
    with open_backend(open_store, settings()) as backend:
        if backend.note:
            output.note(backend.note)
        result = analysis.report(backend, top)
    output.stats(result, json_out)
    if not result["actors"]:
        raise typer.Exit(1)
