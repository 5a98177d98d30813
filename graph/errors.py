"""One exception tree for the project; lower-level errors are translated at the edge."""


class ArmsGraphError(Exception):
    """Base of every error the tool reports to a user as one line."""

    exit_code = 1


class InputError(ArmsGraphError):
    """Bad input from the user: a file, a value, a name (exit code 2)."""

    exit_code = 2


class DocumentError(InputError):
    """A document that cannot be read or is not an article we can process."""

    def __init__(self, source: str, reason: str):
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class UnknownNameError(InputError):
    """A name that no alias resolves, with the closest suggestions."""

    def __init__(self, name: str, suggestions: list[str]):
        hint = f"; did you mean {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"unknown actor {name!r}{hint}")
        self.name = name
        self.suggestions = suggestions


class SchemaError(ArmsGraphError):
    """The schema or a vocabulary file is broken, or code used an undefined type."""


class StoreError(ArmsGraphError):
    """Neo4j is unreachable, refuses the credentials, or a write failed."""


class NotFoundError(ArmsGraphError):
    """A query found nothing (exit code 1)."""
