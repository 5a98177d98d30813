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
import re
import sys
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

from graph import mirror as mirror_mod
from graph import settings as settings_mod
from graph import sync
from graph.errors import ArmsGraphError, InputError, StoreError
from graph.model import one_document

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help=__doc__, rich_markup_mode="rich",
                  epilog="Environment (read once; an option typed wins):\n\n" + settings_mod.describe())
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


class SafeConsole(Console):
    """A rich Console that shows control characters in what it prints escaped (\\x1b, not an escape
    sequence): file names, article sentences and names come from untrusted text. Styles rich adds
    itself are control segments and pass unchanged."""

    def render(self, renderable, options=None):
        for segment in super().render(renderable, options):
            if segment.control is None and _CONTROL.search(segment.text):
                text = _CONTROL.sub(lambda m: repr(m[0])[1:-1], segment.text)
                yield Segment(text, segment.style)
            else:
                yield segment


out = SafeConsole()
err = SafeConsole(stderr=True)
# the driver logs connection failures itself; the user gets them as one StoreError line instead
logging.getLogger("neo4j").addHandler(logging.NullHandler())


class State:
    settings: settings_mod.Settings | None = None


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
@handled
def main_options(
    uri: Optional[str] = typer.Option(None, "--uri", show_default=False,
                                      help=f"Neo4j Bolt URI (default: $NEO4J_URI, else {settings_mod.DEFAULT_URI})."),
    user: Optional[str] = typer.Option(None, "--user", show_default=False,
                                       help=f"Neo4j user (default: $NEO4J_USER, else {settings_mod.DEFAULT_USER})."),
    password: Optional[str] = typer.Option(None, "--password", show_default=False,
                                           help="Neo4j password (default: $NEO4J_PASSWORD, else the local server's; "
                                                "prefer the environment variable)."),
    database: Optional[str] = typer.Option(None, "--database", show_default=False,
                                           help=f"Neo4j database (default: $NEO4J_DATABASE, else "
                                                f"{settings_mod.DEFAULT_DATABASE})."),
    mirror: Optional[Path] = typer.Option(None, "--mirror", show_default=False,
                                          help="The networkx mirror file (default: $ARMSGRAPH_MIRROR, else "
                                               "out/mirror.json.gz)."),
):
    """armsgraph: who supplied what to whom, according to whom, as a graph in Neo4j and networkx.

    Settings are read once, here (graph/settings.py): an option typed on the command line wins, the
    environment fills the rest, and a bad value is one error line naming the variable."""
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
    for graph in Extractor().extract_many(documents(files, summary, max_bytes=Context.settings().max_bytes),
                                          processes=processes):
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
    per_transaction: Optional[int] = typer.Option(None, "--docs-per-transaction", min=1, max=100_000,
                                                  help="Documents written to Neo4j in one transaction (all or "
                                                       "nothing; default ARMSGRAPH_DOCS_PER_TRANSACTION or 200)."),
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
                               docs_per_transaction=per_transaction or State.settings.docs_per_transaction,
                               max_bytes=State.settings.max_bytes, on_document=step)
    finally:
        if store is not None:
            store.close()
    if json_out:
        out.print_json(data={"read": summary.read, "skipped": summary.skipped, "relations": summary.relations,
                             "replaced": [{"id": i, "source": src} for i, src in summary.replaced],
                             "only_in_mirror": summary.offline,
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
        for doc, source in summary.replaced:
            out.print(f"  replaced {doc}: an older text of {source}", markup=False, highlight=False, soft_wrap=True)
        if summary.offline:
            out.print(f"  {summary.offline} document{'s' * (summary.offline != 1)} only in the mirror (loaded with "
                      "--offline; load them again without it to store them in Neo4j)", highlight=False)
        for source, reason in summary.skipped:
            out.print(f"  skipped {source}: {reason}", markup=False, highlight=False, soft_wrap=True)
    if summary.read == 0:
        raise typer.Exit(2 if summary.skipped else 1)


@app.command()
@handled
def remove(document: str = typer.Argument(..., help="Document id, name (file stem) or source path.")):
    """Remove a document and every node, relation and evidence only it supported.

    A key that names several documents (two files of one name) is refused with their ids.
    Example: python cli.py remove 000_d097e88d938dfaf8
    """
    path = State.settings.mirror_path
    mirror_mod.check_writable(path)
    try:
        store = open_store()
    except StoreError:  # a document only the mirror holds needs no Neo4j
        m = sync.MirrorFile.open(path, create=False) if path.exists() else None
        found = sync.find_offline(m.graph, document) if m is not None else []
        if not found:
            raise
    else:
        with store:
            m = sync.MirrorFile.open(path, store)
            done = store.remove_document(document)
            found = None if done else sync.find_offline(m.graph, document)
            if done:
                m.remove(done["id"], done["before"], done["after"])
                m.save()
                out.print(f"removed {done['id']} ({document})", markup=False, highlight=False, soft_wrap=True)
                return
    if not found:
        out.print(f"no document {document!r}", markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit(1)
    doc = one_document(document, found)["id"]
    m.store = None
    m.remove(doc)
    m.save()
    out.print(f"removed {doc} ({document}) from the mirror, the only place that held it",
              markup=False, highlight=False, soft_wrap=True)


@app.command("mirror")
@handled
def rebuild_mirror():
    """Rebuild the networkx mirror file from Neo4j (documents only the mirror holds are kept).

    Example: python cli.py mirror
    """
    with open_store() as store:
        m = sync.MirrorFile.rebuilt(State.settings.mirror_path, store)
        path = m.save()
    g = m.graph
    kept = f"; {m.kept_offline} documents only in the mirror kept" if m.kept_offline else ""
    out.print(f"mirror: {g.number_of_nodes()} nodes, {g.number_of_edges()} relationships -> {path}{kept}",
              markup=False, highlight=False, soft_wrap=True)


class Context:
    """What command modules registered below need from the CLI: settings, consoles, the store."""

    handled = staticmethod(handled)
    out = out
    err = err
    open_store = staticmethod(open_store)

    @staticmethod
    def settings() -> settings_mod.Settings:
        if State.settings is None:  # (a command run without the callback, as in some tests)
            State.settings = settings_mod.from_env()
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
