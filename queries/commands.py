"""path, query and stats commands (being written)."""


def register(app, ctx) -> None:
    """Add the commands of this module to the CLI."""
