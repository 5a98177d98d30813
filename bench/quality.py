"""python -m bench.quality: extraction quality per corpus and language, for error analysis.

Extracts the project's gold corpora in-process and scores them with the evaluation's own
score.py (tests/fixtures/eval/score.py, loaded through bench.accuracy.scorer()):

    seeds      data/articles (German), gold tests/fixtures/eval/seeds.gold.jsonl
    dev        tests/fixtures/eval/dev/*_de.txt, *_en.txt (written by others), gold dev/gold.jsonl
    ours       tests/dev/articles (written by us; printed as tests/dev), gold tests/dev/gold.jsonl
    fresh      tests/fresh/articles (written by helper sessions that never read the extractor), gold
               tests/fresh/gold.jsonl

Each corpus is split by language (the file name's _de/_en, otherwise the document's language)
and scored as `score.py --docs DOCS-OF-THAT-LANGUAGE` scores it: per relation type the gold and
predicted counts with strict and relaxed P/R/F1, the core and extended summaries and the
SUPPLIES weapons (relaxed). With --errors it lists, per document and type, every gold row no
prediction matches (missed) and every predicted row no gold row matches (wrong), relaxed, with
its evidence sentence; the last table is a Markdown summary for the README's Quality section.

    python -m bench.quality [--corpus seeds|dev|ours|fresh|all] [--lang de|en] [--errors] [--type TYPE]
                            [--json FILE]
    python -m bench.quality --gold GOLD.jsonl --pred PRED.jsonl [--aliases TSV ...] [--errors]
"""
from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from bench.accuracy import scorer
from bench.quality_tables import error_listing, summary, table
from bench.scoring import ATTRIBUTES, WEAPON, Result, read_jsonl, score

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT / "tests" / "fixtures" / "eval"
OURS = ROOT / "tests" / "dev"
FRESH = ROOT / "tests" / "fresh"
_LANG_SUFFIX = re.compile(r"_(de|en)$")


@dataclass(frozen=True)
class Corpus:
    """A gold corpus of the project: its articles, gold rows and alias tables."""

    key: str    # the name --corpus takes
    label: str  # the name the tables print
    articles: Callable[[], list[Path]]
    gold: Path
    aliases: tuple[Path, ...]


CORPORA: dict[str, Corpus] = {
    "seeds": Corpus("seeds", "seeds", lambda: sorted((ROOT / "data" / "articles").glob("*.txt")),
                    EVAL / "seeds.gold.jsonl", (EVAL / "aliases.tsv",)),
    "dev": Corpus("dev", "dev", lambda: sorted([*(EVAL / "dev").glob("*_de.txt"), *(EVAL / "dev").glob("*_en.txt")]),
                  EVAL / "dev" / "gold.jsonl", (EVAL / "aliases.tsv", EVAL / "dev" / "aliases.tsv")),
    "ours": Corpus("ours", "tests/dev", lambda: sorted(p for p in (OURS / "articles").iterdir() if p.is_file()),
                   OURS / "gold.jsonl", (EVAL / "aliases.tsv", OURS / "aliases.tsv")),
    "fresh": Corpus("fresh", "tests/fresh", lambda: sorted((FRESH / "articles").glob("*.txt")), FRESH / "gold.jsonl",
                    (EVAL / "aliases.tsv", EVAL / "dev" / "aliases.tsv", FRESH / "aliases.tsv")),
}


def language(doc: str, fallback: str | None = None) -> str:
    """A document's language: its name's _de/_en suffix, otherwise the given one (the extracted
    document's), otherwise '-'."""
    m = _LANG_SUFFIX.search(Path(doc).stem)
    return m.group(1) if m else (fallback or "-")


@lru_cache(maxsize=1)
def _extractor():
    from loaders.pipeline import Extractor
    return Extractor()


@lru_cache(maxsize=None)
def extract(key: str) -> tuple[tuple[dict, ...], tuple[tuple[str, str], ...]]:
    """A corpus's predicted rows (cli.py extract's jsonl rows) and (document, language) for each
    of its articles; extracted once per run."""
    from loaders.ingest import documents
    from loaders.load_summary import Summary
    from loaders.pipeline import gold_rows

    docs = list(documents([str(p) for p in CORPORA[key].articles()], Summary()))
    rows = tuple(row for graph in _extractor().extract_many(docs) for row in gold_rows(graph))
    return rows, tuple((d.name, language(d.name, d.language)) for d in docs)


def by_language(gold: Sequence[dict], pred: Sequence[dict], aliases: Sequence[Path], langs: dict[str, str],
                corpus: str = "", only: str | None = None) -> list[Result]:
    """One Result per language: each scores the documents of that language (langs: document ->
    language; the documents of the gold rows fall back to their name's suffix)."""
    docs = dict(langs)
    for r in gold:
        d = Path(str(r.get("doc", ""))).stem
        docs.setdefault(d, language(d))
    out = []
    for lang in sorted(set(docs.values())):
        if only and lang != only:
            continue
        out.append(score(gold, pred, aliases, [d for d, lg in docs.items() if lg == lang], corpus, lang))
    return out


def evaluate(key: str, lang: str | None = None) -> list[Result]:
    """A project corpus extracted in-process and scored per language."""
    c = CORPORA[key]
    pred, langs = extract(key)
    return by_language(read_jsonl(c.gold), pred, c.aliases, dict(langs), c.label, lang)


def main(argv: Sequence[str] | None = None) -> int:
    s = scorer()
    types = (*s.CORE, *s.EXTENDED, WEAPON, *ATTRIBUTES)
    ap = argparse.ArgumentParser(prog="python -m bench.quality", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", choices=(*CORPORA, "all"), default="all", help="which corpus (default: all)")
    ap.add_argument("--lang", choices=("de", "en"), help="one language only")
    ap.add_argument("--errors", action="store_true", help="list each missed and each wrong row with its sentence")
    ap.add_argument("--type", type=lambda t: t.upper() if t.upper() in s.CORE + s.EXTENDED else t.lower(),
                    choices=types, metavar="TYPE",
                    help="one relation type only (" + ", ".join(types) + "); 'weapon' is the SUPPLIES weapons; "
                         "status, quantity and claimed_by the attributes of the rows found")
    ap.add_argument("--json", metavar="FILE", help="also write the figures and errors as JSON to FILE ('-': stdout)")
    ap.add_argument("--gold", metavar="GOLD", help="score these gold rows instead of a corpus (needs --pred)")
    ap.add_argument("--pred", metavar="PRED", help="predicted rows (jsonl) to score against --gold")
    ap.add_argument("--aliases", action="append", metavar="TSV",
                    help="alias tables for --gold/--pred (repeatable; default: tests/fixtures/eval/aliases.tsv)")
    a = ap.parse_args(argv)
    if bool(a.gold) != bool(a.pred):
        ap.error("--gold and --pred go together")

    if a.gold:
        gold, pred = read_jsonl(Path(a.gold)), read_jsonl(Path(a.pred))
        aliases = [Path(p) for p in a.aliases] if a.aliases else [EVAL / "aliases.tsv"]
        results = by_language(gold, pred, aliases, {}, Path(a.gold).name, a.lang)
    else:
        keys = list(CORPORA) if a.corpus == "all" else [a.corpus]
        results = [r for k in keys for r in evaluate(k, a.lang)]

    for r in results:
        print(table(r, a.type))
        print()
        if a.errors:
            print(error_listing(r, a.type))
            print()
    print(summary(results))
    if a.json:
        text = json.dumps([r.as_dict() for r in results], ensure_ascii=False, indent=1)
        if a.json == "-":
            print(text)
        else:
            Path(a.json).write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # scripts/score --errors | head
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(141)
