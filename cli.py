#!/usr/bin/env python3
"""armsgraph: arms transfers between states, read from German and English news, as a graph.

Examples:
    python cli.py init
    python cli.py load data/articles
    python cli.py extract data/articles/*.txt --format jsonl
    python cli.py path NK UA
"""
from __future__ import annotations

import functools
import json
import logging
import sys
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from graph import mirror as mirror_mod
from graph import settings as settings_mod
from graph.errors import ArmsGraphError, InputError

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help=__doc__, rich_markup_mode="rich")
out = Console()
err = Console(stderr=True)
# the driver logs connection failures itself; the user gets them as one StoreError line instead
logging.getLogger("neo4j").addHandler(logging.NullHandler())


class State:
    settings: settings_mod.Settings = settings_mod.from_env()


def handled(fn):
    """Report ArmsGraphErrors as one line on stderr with their exit code, never a traceback."""
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except ArmsGraphError as exc:
            err.print(Text.assemble(("error:", "red"), f" {exc}"), highlight=False, soft_wrap=True)
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            err.print("interrupted")
            raise typer.Exit(130) from None
    return wrapper


def open_store():
    from graph.store import Store
    return Store.connect(State.settings)


@app.callback()
def main_options(
    uri: Optional[str] = typer.Option(None, "--uri", envvar="NEO4J_URI", help="Neo4j Bolt URI."),
    user: Optional[str] = typer.Option(None, "--user", envvar="NEO4J_USER", help="Neo4j user."),
    password: Optional[str] = typer.Option(None, "--password", envvar="NEO4J_PASSWORD", show_default=False,
                                           help="Neo4j password (prefer the environment variable)."),
    database: Optional[str] = typer.Option(None, "--database", envvar="NEO4J_DATABASE", help="Neo4j database."),
    mirror: Optional[Path] = typer.Option(None, "--mirror", envvar="ARMSGRAPH_MIRROR",
                                          help="The networkx mirror file (default out/mirror.json.gz)."),
):
    """armsgraph: who supplied what to whom, according to whom, as a graph in Neo4j and networkx."""
    State.settings = settings_mod.from_env(uri=uri, user=user, password=password, database=database,
                                           mirror_path=mirror)


@app.command()
@handled
def init():
    """Create the graph's constraints and indexes in Neo4j (safe to run again).

    Example: python cli.py init
    """
    with open_store() as store:
        names = store.init_schema()
    out.print(f"Neo4j at {State.settings.uri}: {len(names)} constraints in place.", markup=False, highlight=False)


@app.command()
@handled
def extract(
    files: list[str] = typer.Argument(..., help="Files or directories (recursive); '-' reads stdin."),
    format: str = typer.Option("jsonl", "--format", "-f", help="jsonl (gold format) or table."),
    processes: int = typer.Option(1, "--processes", "-p", min=1, max=64, help="Worker processes."),
):
    """Print the relations the articles state, one JSON object a line (the guidelines' gold format).

    Example: python cli.py extract data/articles/*.txt --format jsonl > pred.jsonl
    """
    from loaders.ingest import Summary, documents
    from loaders.pipeline import Extractor, gold_rows
    if format not in ("jsonl", "table"):
        raise InputError(f"--format must be jsonl or table, not {format!r}")
    summary = Summary()
    table = Table("doc", "type", "source", "target", "weapon", "quantity", "status", "claimed by")
    n = 0
    for graph in Extractor().extract_many(documents(files, summary), processes=processes):
        for row in gold_rows(graph):
            n += 1
            if format == "jsonl":
                sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
            else:
                q = row.get("quantity")
                table.add_row(*map(Text, (row["doc"], row["type"], row["source"], row["target"], row.get("weapon", ""),
                                          json.dumps(q) if q else "", row.get("status", ""),
                                          row.get("claimed_by", ""))))
    if format == "table":
        out.print(table)
    for source, reason in summary.skipped:
        err.print(f"skipped {source}: {reason}", markup=False, highlight=False, soft_wrap=True)
    if summary.read == 0:
        raise InputError("no readable document among the inputs")
    err.print(f"{summary.read} documents, {n} relations", highlight=False)


@app.command()
@handled
def load(
    files: list[str] = typer.Argument(..., help="Files or directories (recursive); '-' reads stdin."),
    offline: bool = typer.Option(False, "--offline", help="Only update the networkx mirror, no Neo4j."),
    processes: int = typer.Option(1, "--processes", "-p", min=1, max=64, help="Worker processes."),
    per_transaction: int = typer.Option(200, "--docs-per-transaction", min=1, max=100_000,
                                        envvar="ARMSGRAPH_DOCS_PER_TRANSACTION",
                                        help="Documents written to Neo4j in one transaction (all or nothing)."),
    json_out: bool = typer.Option(False, "--json", help="Print the summary as JSON."),
):
    """Extract the articles and store them in Neo4j and the networkx mirror (idempotent).

    Example: python cli.py load data/articles
    """
    from loaders.ingest import load as run_load
    store = None if offline else open_store()
    try:
        if store is not None:
            store.init_schema()
        with Progress(TextColumn("loading"), BarColumn(), MofNCompleteColumn(),
                      TextColumn("{task.description}", markup=False),  # a file name, not markup
                      TimeElapsedColumn(), console=err, transient=True, disable=json_out) as progress:
            task = progress.add_task("", total=None)

            def step(doc):
                progress.update(task, advance=1, description=doc.name if doc else "")

            summary = run_load(files, store, State.settings.mirror_path, processes=processes,
                               docs_per_transaction=per_transaction, on_document=step)
    finally:
        if store is not None:
            store.close()
    if json_out:
        out.print_json(data={"read": summary.read, "skipped": summary.skipped, "relations": summary.relations,
                             "counts": [dict(zip(("what", "in_documents", "added", "already_present"), r))
                                        for r in summary.table()]})
    else:
        table = Table("", "in the documents", "added", "already present", title="load summary")
        for row in summary.table():
            table.add_row(*map(str, row))
        out.print(table)
        out.print(f"{summary.read} documents read, {len(summary.skipped)} skipped, "
                  f"{summary.relations} relations extracted; mirror: {State.settings.mirror_path}",
                  markup=False, highlight=False, soft_wrap=True)
        for source, reason in summary.skipped:
            out.print(f"  skipped {source}: {reason}", markup=False, highlight=False, soft_wrap=True)
    if summary.read == 0:
        raise typer.Exit(2 if summary.skipped else 1)


@app.command()
@handled
def remove(document: str = typer.Argument(..., help="Document id, name (file stem) or source path.")):
    """Remove a document and every node, relation and evidence only it supported.

    Example: python cli.py remove 000_d097e88d938dfaf8
    """
    mirror_mod.check_writable(State.settings.mirror_path)
    with open_store() as store:
        if not store.remove_document(document):
            out.print(f"no document {document!r}", markup=False, highlight=False, soft_wrap=True)
            raise typer.Exit(1)
        g = mirror_mod.from_store(store)
    mirror_mod.save(g, State.settings.mirror_path)
    out.print(f"removed {document}", markup=False, highlight=False, soft_wrap=True)


@app.command("mirror")
@handled
def rebuild_mirror():
    """Rebuild the networkx mirror file from Neo4j.

    Example: python cli.py mirror
    """
    with open_store() as store:
        g = mirror_mod.from_store(store)
    path = mirror_mod.save(g, State.settings.mirror_path)
    out.print(f"mirror: {g.number_of_nodes()} nodes, {g.number_of_edges()} relationships -> {path}",
              markup=False, highlight=False, soft_wrap=True)


class Context:
    """What command modules registered below need from the CLI: settings, consoles, the store."""

    handled = staticmethod(handled)
    out = out
    err = err
    open_store = staticmethod(open_store)

    @staticmethod
    def settings() -> settings_mod.Settings:
        return State.settings


# analyst commands live in their own modules: path, query, stats (queries/commands.py);
# viz and export (graph/show_commands.py)
from queries import commands as _query_commands  # noqa: E402
from graph import show_commands as _show_commands  # noqa: E402

_query_commands.register(app, Context)
_show_commands.register(app, Context)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
