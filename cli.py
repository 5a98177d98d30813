#!/usr/bin/env python3
"""armsgraph: arms transfers between states, read from German and English news, as a graph.

Examples:
    python cli.py init
    python cli.py load data/articles
    python cli.py extract data/articles/*.txt --format jsonl
    python cli.py path NK UA
"""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Optional

import typer

from cli_commands import analyst, data, output, session, show
from graph import settings as settings_mod

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help=__doc__, rich_markup_mode="rich",
                  epilog="Environment (read once; an option typed wins):\n\n" + settings_mod.describe())
# the driver logs connection failures itself; the user gets them as one StoreError line instead
logging.getLogger("neo4j").addHandler(logging.NullHandler())


@app.callback()
@output.handled
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
    session.State.settings = settings_mod.from_env(uri=uri, user=user, password=password,
                                                   database=database, mirror_path=mirror)


# the commands, in the order --help lists them (cli_commands/*: each calls a library function)
for command, name in [(data.init, None), (data.extract, None), (data.load, None), (data.remove, None),
                      (data.rebuild_mirror, "mirror"), (analyst.path, None), (analyst.query, None),
                      (analyst.transfers, None), (analyst.stats, None), (show.viz, None), (show.timeline, None),
                      (show.export, None)]:
    app.command(name)(command)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
