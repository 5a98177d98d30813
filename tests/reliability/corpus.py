"""Generated corpora for the fault tests: many distinct documents made from the seed articles."""
from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "data" / "articles"


def seed_lines() -> list[str]:
    """The lines of the five seed articles that are sentences (eight words or more)."""
    return [line for path in sorted(SEEDS.glob("*.txt"))
            for line in path.read_text(encoding="utf-8").splitlines() if len(line.split()) >= 8]


def write_corpus(folder: Path, count: int, lines_per_doc: int = 3) -> Path:
    """`count` distinct markdown articles, each a few consecutive seed lines, a title and a date
    (so facts get first/last reported dates); the same call always writes the same files."""
    lines = seed_lines()
    folder.mkdir(parents=True, exist_ok=True)
    start = date(2024, 1, 1)
    for i in range(count):
        first = (i * lines_per_doc) % len(lines)
        body = "\n\n".join(lines[(first + k) % len(lines)] for k in range(lines_per_doc))
        day = start + timedelta(days=i % 365)
        (folder / f"article-{i:04d}.md").write_text(
            f"---\ntitle: Meldung {i}\ndate: {day.isoformat()}\n---\n\n{body}\n\nMeldung Nummer {i}.\n",
            encoding="utf-8")
    return folder
