"""viz and export: they read the networkx mirror, no Neo4j server needed (graph/outputs.py, imported by
each command: networkx costs every other command a tenth of a second)."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from cli_commands import output
from cli_commands.session import settings
from graph.period import Period
from loaders import gazetteer

DIR_HELP = "Directory a relative --output is taken from (default: the current directory)."


@output.handled
def viz(
    output_path: Path = typer.Option(Path("out/graph.html"), "--output", "-o", help="The HTML file to write."),
    directory: Path = typer.Option(Path("."), "--dir", help=DIR_HELP),
    actor: Optional[str] = typer.Option(None, "--actor", help="Only this actor's neighbourhood (any alias)."),
    depth: int = typer.Option(1, "--depth", min=1, max=10, help="Steps from --actor."),
    types: Optional[str] = typer.Option(None, "--types", help="Relation types to draw, e.g. SUPPLIES,ATTACKS."),
    min_corroboration: int = typer.Option(0, "--min-corroboration", min=0,
                                          help="Only facts reported in at least this many independent articles "
                                               "(wire copies count once)."),
    title: str = typer.Option("armsgraph", "--title", help="Title of the page."),
    json_out: bool = typer.Option(False, "--json", help="Print what was written as JSON."),
):
    """Draw the graph as one HTML page that works offline: legend, filters, evidence on hover.

    Example: python cli.py viz --actor "Nordkorea" --depth 2 --output out/north-korea.html
    """
    from graph import outputs
    written = outputs.draw(settings().mirror_path, output_path, directory, title, types=types, actor=actor,
                           depth=depth, min_corroboration=min_corroboration, vocabulary=gazetteer.load().resolve)
    output.written(written, json_out)


@output.handled
def timeline(
    output_path: Path = typer.Option(Path("out/timeline.html"), "--output", "-o", help="The HTML file to write."),
    directory: Path = typer.Option(Path("."), "--dir", help=DIR_HELP),
    actor: Optional[str] = typer.Option(None, "--actor", help="Only pairs with this actor (or its officials, "
                                        "agencies and places) at one end (any alias)."),
    since: Optional[str] = typer.Option(None, "--since", help="Only reports on or after this day: YYYY-MM-DD, "
                                        "YYYY-MM or YYYY (docs/time.md)."),
    until: Optional[str] = typer.Option(None, "--until", help="Only reports on or before this day."),
    title: str = typer.Option("armsgraph timeline", "--title", help="Title of the page."),
    json_out: bool = typer.Option(False, "--json", help="Print what was written as JSON."),
):
    """Draw transfers and visits per month and pair as one HTML page that works offline.

    One row per supplier-recipient (visitor-place) pair; each mark links to its reports (document,
    sentence, claimant, event time).

    Example: python cli.py timeline --actor "Nordkorea" --since 2023 --output out/timeline.html
    """
    from graph import outputs
    period = Period.parse(since, until)
    written = outputs.draw_timeline(settings().mirror_path, output_path, directory, title, actor=actor,
                                    period=period, vocabulary=gazetteer.load().resolve)
    output.written(written, json_out)


@output.handled
def export(
    format: str = typer.Option(..., "--format", "-f", help="graphml, gexf, json, csv (transfers) or cypher."),
    output_path: Optional[Path] = typer.Option(None, "--output", "-o",
                                               help="File to write (default out/graph.FORMAT, out/transfers.csv)."),
    directory: Path = typer.Option(Path("."), "--dir", help=DIR_HELP),
    evidence: bool = typer.Option(False, "--evidence", help="graphml/gexf/json: include documents and evidence."),
    json_out: bool = typer.Option(False, "--json", help="Print what was written as JSON."),
):
    """Export the graph for Gephi/yEd (graphml, gexf), programs (json), spreadsheets (csv: the
    transfers register) or another Neo4j (cypher: a dump of statements for cypher-shell).

    Example: python cli.py export --format gexf --output out/graph.gexf
    """
    from graph import outputs
    written = outputs.export(settings().mirror_path, format, output_path, directory, evidence)
    output.written(written, json_out)
