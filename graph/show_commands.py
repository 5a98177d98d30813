"""The `viz` and `export` commands: they read the networkx mirror, no Neo4j server needed."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer
from rich.table import Table
from rich.text import Text

from graph import mirror as mirror_mod
from graph import outputs
from graph.errors import NotFoundError

DIR_HELP = "Directory a relative --output is taken from (default: the current directory)."


def read_mirror(path: Path):
    """The mirror graph, or a one-line NotFoundError telling the user to load articles first."""
    if not Path(path).exists():
        raise NotFoundError(f"no mirror at {path}: run `cli.py load ARTICLES` first")
    return mirror_mod.load(path)


def _report(ctx, json_out: bool, summary: dict, title: str) -> None:
    if json_out:
        ctx.out.print_json(data=summary)
        return
    table = Table("", "", title=Text(title), show_header=False)  # Text: a path is not rich markup
    for key, value in summary.items():
        table.add_row(key.replace("_", " "), Text(str(value)))
    ctx.out.print(table)


def register(app, ctx) -> None:
    """Add the commands of this module to the CLI."""

    @app.command()
    @ctx.handled
    def viz(
        output: Path = typer.Option(Path("out/graph.html"), "--output", "-o", help="The HTML file to write."),
        directory: Path = typer.Option(Path("."), "--dir", help=DIR_HELP),
        actor: Optional[str] = typer.Option(None, "--actor", help="Only this actor's neighbourhood (any alias)."),
        depth: int = typer.Option(1, "--depth", min=1, max=10, help="Steps from --actor."),
        types: Optional[str] = typer.Option(None, "--types", help="Relation types to draw, e.g. SUPPLIES,ATTACKS."),
        min_corroboration: int = typer.Option(0, "--min-corroboration", min=0,
                                              help="Only facts reported in at least this many articles."),
        title: str = typer.Option("armsgraph", "--title", help="Title of the page."),
        json_out: bool = typer.Option(False, "--json", help="Print what was written as JSON."),
    ):
        """Draw the graph as one HTML page that works offline: legend, filters, evidence on hover.

        Example: python cli.py viz --actor "Nordkorea" --depth 2 --output out/north-korea.html
        """
        from graph import viz as viz_mod
        path = outputs.resolve(output, directory, outputs.protected(ctx.settings().mirror_path))
        g = read_mirror(ctx.settings().mirror_path)
        d, scope = viz_mod.build(g, types=types, actor=actor, depth=depth, min_corroboration=min_corroboration)
        outputs.write(path, viz_mod.page(d, title, scope).encode("utf-8"))
        _report(ctx, json_out, {"path": str(path), "entities": len(d.nodes), "lines": len(d.edges),
                                "facts": d.facts, "reports": d.reports, "articles": d.documents},
                f"wrote {path.name}")

    @app.command()
    @ctx.handled
    def export(
        format: str = typer.Option(..., "--format", "-f", help="graphml, gexf, json, csv (transfers) or cypher."),
        output: Optional[Path] = typer.Option(None, "--output", "-o",
                                              help="File to write (default out/graph.FORMAT, out/transfers.csv)."),
        directory: Path = typer.Option(Path("."), "--dir", help=DIR_HELP),
        evidence: bool = typer.Option(False, "--evidence", help="graphml/gexf/json: include documents and evidence."),
        json_out: bool = typer.Option(False, "--json", help="Print what was written as JSON."),
    ):
        """Export the graph for Gephi/yEd (graphml, gexf), programs (json), spreadsheets (csv: the
        transfers register) or another Neo4j (cypher: a dump of statements for cypher-shell).

        Example: python cli.py export --format gexf --output out/graph.gexf
        """
        from graph import export as export_mod
        fmt = export_mod.check_format(format)
        path = outputs.resolve(output or Path("out") / export_mod.DEFAULT_NAMES[fmt], directory,
                               outputs.protected(ctx.settings().mirror_path))
        data, counts = export_mod.export(read_mirror(ctx.settings().mirror_path), fmt, evidence)
        outputs.write(path, data)
        _report(ctx, json_out, {"format": fmt, "path": str(path), **counts, "bytes": len(data)},
                f"wrote {path.name}")
