"""init, extract, load, remove and mirror: the commands that read articles and keep the graph."""
from __future__ import annotations

from itertools import chain
from pathlib import Path
from typing import Optional

import typer

from cli_commands import output
from cli_commands.session import open_store, settings
from graph.errors import InputError
from graph.settings import DEFAULT_DOCS_PER_TRANSACTION

DATE_HELP = "The articles' date (YYYY-MM-DD), for all of them; wins over sidecars, pages and datelines."
OUTLET_HELP = "The articles' outlet (e.g. Reuters), for all of them."
URL_HELP = "The articles' web address (http/https), for all of them."


@output.handled
def init():
    """Create the graph's constraints and indexes in Neo4j (safe to run again).

    Example: python cli.py init
    """
    with open_store() as store:
        names = store.init_schema()
    output.line(f"Neo4j at {settings().uri}: {len(names)} constraints in place.", soft_wrap=False)


INPUTS_HELP = "Files, directories (recursive) or URLs; '-' reads stdin."
URLS_HELP = "A file of URLs to fetch, one a line ('#' starts a comment)."
FEED_HELP = "An RSS or Atom feed whose items are fetched (repeat for several feeds)."


def inputs(files: list[str] | None, urls: Path | None, feeds: list[str] | None) -> list:
    """What a command reads: the files and URLs named, then those of the --urls file (InputError
    when there is nothing to read, or the file cannot be read)."""
    from loaders.feeds import url_list
    items = [*(files or ()), *(url_list(urls) if urls is not None else ())]
    if not items and not feeds and urls is None:
        raise InputError("nothing to read: name files, folders or URLs, or give --urls FILE or --feed URL")
    return items


@output.handled
def extract(
    files: Optional[list[str]] = typer.Argument(None, help=INPUTS_HELP, show_default=False,
                                                                    metavar="PATH_OR_URL"),
    urls: Optional[Path] = typer.Option(None, "--urls", help=URLS_HELP, show_default=False, metavar="FILE"),
    feed: Optional[list[str]] = typer.Option(None, "--feed", help=FEED_HELP, show_default=False, metavar="URL"),
    format: str = typer.Option("jsonl", "--format", "-f", help="jsonl (gold format) or table."),
    processes: int = typer.Option(1, "--processes", "-p", min=1, max=64, help="Worker processes."),
    date: Optional[str] = typer.Option(None, "--date", show_default=False, help=DATE_HELP),
    outlet: Optional[str] = typer.Option(None, "--outlet", show_default=False, help=OUTLET_HELP),
    url: Optional[str] = typer.Option(None, "--url", show_default=False, help=URL_HELP),
):
    """Print the relations the articles state, one JSON object a line (the guidelines' gold format,
    with the article's `published` date and `outlet` when known: docs/sources.md).

    Example: python cli.py extract data/articles/*.txt --format jsonl > pred.jsonl
    """
    from loaders.article_meta import given
    from loaders.feeds import feed_items
    from loaders.fetch import Fetcher
    from loaders.ingest import documents
    from loaders.load_summary import Summary
    from loaders.pipeline import Extractor, gold_rows
    if format not in ("jsonl", "table"):
        raise InputError(f"--format must be jsonl or table, not {format!r}")
    options = given(date, outlet, url)
    items, summary = inputs(files, urls, feed), Summary()
    with Fetcher.from_settings(settings()) as fetcher:
        items = chain(items, feed_items(feed or (), fetcher, summary))
        docs = documents(items, summary, max_bytes=settings().max_bytes, fetcher=fetcher, given=options)
        graphs = Extractor().extract_many(docs, processes=processes)
        n = output.gold_rows((row for graph in graphs for row in gold_rows(graph)), format)
    output.extract_summary(summary, n)
    if summary.read == 0:
        raise InputError("no readable document among the inputs")


@output.handled
def load(
    files: Optional[list[str]] = typer.Argument(None, help=INPUTS_HELP, show_default=False,
                                                                    metavar="PATH_OR_URL"),
    urls: Optional[Path] = typer.Option(None, "--urls", help=URLS_HELP, show_default=False, metavar="FILE"),
    feed: Optional[list[str]] = typer.Option(None, "--feed", help=FEED_HELP + " Items stored already are not "
                                                                  "fetched again.", show_default=False, metavar="URL"),
    offline: bool = typer.Option(False, "--offline", help="Only update the networkx mirror, no Neo4j."),
    processes: int = typer.Option(1, "--processes", "-p", min=1, max=64, help="Worker processes."),
    per_transaction: Optional[int] = typer.Option(None, "--docs-per-transaction", min=1, max=100_000,
                                                  help="Documents written to Neo4j in one transaction (all or "
                                                       "nothing; default ARMSGRAPH_DOCS_PER_TRANSACTION or "
                                                       f"{DEFAULT_DOCS_PER_TRANSACTION})."),
    json_out: bool = typer.Option(False, "--json", help="Print the summary as JSON."),
    date: Optional[str] = typer.Option(None, "--date", show_default=False, help=DATE_HELP),
    outlet: Optional[str] = typer.Option(None, "--outlet", show_default=False, help=OUTLET_HELP),
    url: Optional[str] = typer.Option(None, "--url", show_default=False, help=URL_HELP),
):
    """Extract the articles and store them in Neo4j and the networkx mirror (idempotent).

    An article's date, outlet and URL come from these options, its sidecar (ARTICLE.json), the
    page's metadata or its dateline (docs/sources.md).
    Examples: python cli.py load data/articles --outlet Reuters;  python cli.py load --feed https://example.org/news.rss
    """
    from loaders.article_meta import given
    from loaders.fetch import Fetcher
    from loaders.ingest import load as run_load
    options = given(date, outlet, url)
    s, items = settings(), inputs(files, urls, feed)
    store = None if offline else open_store()
    try:
        if store is not None:
            store.init_schema()
        with output.loading(disable=json_out) as step, Fetcher.from_settings(s) as fetcher:
            summary = run_load(items, store, s.mirror_path, processes=processes,
                               docs_per_transaction=per_transaction or s.docs_per_transaction,
                               max_bytes=s.max_bytes, on_document=step, feeds=feed or (), fetcher=fetcher,
                               given=options)
    finally:
        if store is not None:
            store.close()
    output.load_summary(summary, s.mirror_path, json_out)
    if summary.read == 0 and not summary.known:
        raise typer.Exit(2 if summary.skipped else 1)


@output.handled
def remove(document: str = typer.Argument(..., help="Document id, name (file stem) or source path.")):
    """Remove a document and every node, relation and evidence only it supported.

    A key that names several documents (two files of one name) is refused with their ids.
    Example: python cli.py remove 000_d097e88d938dfaf8
    """
    from graph import removal
    removed = removal.remove_document(settings().mirror_path, open_store, document)
    if removed is None:
        output.line(f"no document {document!r}")
        raise typer.Exit(1)
    doc, only_in_mirror = removed
    output.line(f"removed {doc} ({document}) from the mirror, the only place that held it" if only_in_mirror
                else f"removed {doc} ({document})")


@output.handled
def rebuild_mirror():
    """Rebuild the networkx mirror file from Neo4j (documents only the mirror holds are kept).

    Example: python cli.py mirror
    """
    from graph import sync
    with open_store() as store:
        m = sync.MirrorFile.rebuilt(settings().mirror_path, store)
        path = m.save()
    g = m.graph
    kept = f"; {m.kept_offline} documents only in the mirror kept" if m.kept_offline else ""
    output.line(f"mirror: {g.number_of_nodes()} nodes, {g.number_of_edges()} relationships -> {path}{kept}")
