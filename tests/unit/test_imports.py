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


def test_starting_the_cli_imports_no_driver_graph_library_or_nlp():
    """Each command imports what it needs: `extract` needs no driver, `path` no spaCy, and every
    command's start (and --help) pays none of them."""
    import subprocess
    import sys
    code = "import sys, cli; print(sorted(m for m in ('neo4j', 'networkx', 'spacy', 'datasketch') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_reading_plain_text_imports_no_html_reader_and_no_langid():
    """A load of unchanged text files (loading a folder again) reads and hashes them: lxml,
    trafilatura and langid's 2.5 MB model are for pages and unclear languages only."""
    import subprocess
    import sys
    text = ("Nordkorea hat nach Angaben der Regierung in Seoul mehr als hundert Raketen an Russland geliefert, "
            "die dort gegen die Ukraine eingesetzt werden, und das wurde von einer zweiten Quelle bestätigt.")
    code = (f"import sys; from loaders.documents import read_bytes; d = read_bytes({text.encode()!r}, 'a.txt');"
            "print(d.language, sorted(m for m in ('trafilatura', 'lxml', 'langid') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["de", "[]"]
