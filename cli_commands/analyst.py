"""path, query and stats: the analyst's read commands. They parse, call queries/*, and print. (queries/*
is imported by each command: the driver and networkx cost every other command a third of a second.)"""
from __future__ import annotations

from typing import TYPE_CHECKING, Optional

import typer

from cli_commands import output
from cli_commands.session import open_store, settings
from graph.errors import InputError
from graph.period import Period

if TYPE_CHECKING:
    from queries import catalogue

SINCE_HELP = "Only what a report puts on or after this day: YYYY-MM-DD, YYYY-MM or YYYY (docs/time.md)."
UNTIL_HELP = "Only what a report puts on or before this day (a month or a year: its last day)."


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
    since: Optional[str] = typer.Option(None, "--since", help=SINCE_HELP),
    until: Optional[str] = typer.Option(None, "--until", help=UNTIL_HELP),
    json_out: bool = typer.Option(False, "--json", help="Print the paths as JSON."),
):
    """How two actors are connected: the shortest path(s), each hop with its evidence.

    Answers from Neo4j, or from the saved networkx mirror (saying so) when no server answers.
    Exit code 1 when there is no path, 2 for an unknown name or option.

    With --since/--until only facts with a report in the period are hops (structural links always).

    Example: python cli.py path NK UA --types SUPPLIES,ATTACKS --since 2023-09
    """
    from queries import paths
    from queries.backend import open_backend
    spec = paths.PathSpec(types=(types or "").split(",") if types else [], max_hops=max_hops,
                          directed=not undirected, all_paths=all_paths, period=Period.parse(since, until))
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
    since: Optional[str] = typer.Option(None, "--since", help=SINCE_HELP),
    until: Optional[str] = typer.Option(None, "--until", help=UNTIL_HELP),
    json_out: bool = typer.Option(False, "--json", help="Print the rows as JSON."),
):
    """Ask one of the analyst's questions (queries/*.cypher) and print the rows.

    Actor parameters take any name, alias, code or id (NK, Nordkorea, north-korea). --since and
    --until (or --param since=..., until=...) limit a question to a period.
    Exit code 1 when no row is found, 2 for an unknown query, parameter or name.

    Example: python cli.py query suppliers_of --param state=Russia --since 2024
    """
    from queries import catalogue, names
    if list_queries or not name:
        output.query_list(catalogue.load(), json_out)
        return
    q = catalogue.get(name)
    if show_cypher:
        output.line(f"// {q.browser_params()}\n{q.text}")
        return
    values = q.bind(with_period(q, catalogue.parse_params(param), since, until))
    with open_store() as store:
        values = q.resolve(values, lambda text: names.resolve(text, names.from_store(store)))
        rows = catalogue.run(store, q, values)
    output.query_rows(q, values, rows, json_out)
    if not rows:
        raise typer.Exit(1)


@output.handled
def transfers(
    supplier: Optional[str] = typer.Option(None, "--supplier", help="Only transfers from this actor (any alias)."),
    recipient: Optional[str] = typer.Option(None, "--recipient", help="Only transfers to this actor."),
    status: Optional[str] = typer.Option(None, "--status", help="delivered or planned (default: both)."),
    since: Optional[str] = typer.Option(None, "--since", help=SINCE_HELP),
    until: Optional[str] = typer.Option(None, "--until", help=UNTIL_HELP),
    limit: int = typer.Option(500, "--limit", min=0, help="At most this many rows."),
    json_out: bool = typer.Option(False, "--json", help="Print the rows as JSON."),
):
    """The transfers register, like SIPRI's: what went from whom to whom, and when.

    Each transfer: supplier, recipient, weapon, quantity, status, its period (first and last event
    time, then first and last report), its independent sources (wire copies count once), all its
    documents, and who claims it.

    Answers from Neo4j, or from the saved networkx mirror (saying so) when no server answers.
    Exit code 1 when no transfer is found. `export --format csv` writes it as a spreadsheet.

    Example: python cli.py transfers --supplier NK --since 2023 --until 2024-06
    """
    from queries import register
    from queries.backend import open_backend
    given = {k: v for k, v in (("supplier", supplier), ("recipient", recipient), ("status", status),
                               ("since", since), ("until", until), ("limit", str(limit))) if v is not None}
    Period.parse(since, until)
    with open_backend(open_store, settings()) as backend:
        if backend.note:
            output.note(backend.note)
        q, values, rows = register.transfers(backend, given)
    output.query_rows(q, values, rows, json_out)
    if not rows:
        raise typer.Exit(1)


def with_period(q: catalogue.Query, given: dict[str, str], since: str | None, until: str | None) -> dict:
    """The --param values with --since and --until added (InputError when given twice or not taken)."""
    Period.parse(since, until)  # (its one-line errors name the options)
    for name, value in (("since", since), ("until", until)):
        if value is None:
            continue
        if not q.takes_period():
            raise InputError(f"query {q.name} takes no period (--since/--until)")
        if name in given:
            raise InputError(f"--{name} and --param {name} given both; give one")
        given = {**given, name: value}
    return given


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
    from queries import analysis
    from queries.backend import open_backend
    with open_backend(open_store, settings()) as backend:
        if backend.note:
            output.note(backend.note)
        result = analysis.report(backend, top)
    output.stats(result, json_out)
    if not result["actors"]:
        raise typer.Exit(1)
