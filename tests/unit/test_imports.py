"""Imports run one way: loaders, queries and the CLI depend on graph; graph on neither."""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def imported_packages(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module.split(".")[0])
    return names


def test_graph_imports_neither_loaders_nor_queries_nor_the_cli():
    offenders = {str(p.relative_to(ROOT)): sorted(imported_packages(p) & {"loaders", "queries", "cli", "cli_commands"})
                 for p in (ROOT / "graph").glob("*.py")}
    assert not {k: v for k, v in offenders.items() if v}
