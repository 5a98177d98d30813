"""python -m bench.quality: extraction quality per corpus and language, for error analysis.

Extracts the project's gold corpora in-process and scores them with the evaluation's own
score.py (tests/fixtures/eval/score.py, loaded through bench.accuracy.scorer()):

    seeds      data/articles (German), gold tests/fixtures/eval/seeds.gold.jsonl
    dev        tests/fixtures/eval/dev/*_de.txt, *_en.txt (written by others), gold dev/gold.jsonl
    ours       tests/dev/articles (written by us; printed as tests/dev), gold tests/dev/gold.jsonl

Each corpus is split by language (the file name's _de/_en, otherwise the document's language)
and scored as `score.py --docs DOCS-OF-THAT-LANGUAGE` scores it: per relation type the gold and
predicted counts with strict and relaxed P/R/F1, the core and extended summaries and the
SUPPLIES weapons (relaxed). With --errors it lists, per document and type, every gold row no
prediction matches (missed) and every predicted row no gold row matches (wrong), relaxed, with
its evidence sentence; the last table is a Markdown summary for the README's Quality section.

    python -m bench.quality [--corpus seeds|dev|ours|all] [--lang de|en] [--errors] [--type TYPE]
                            [--json FILE]
    python -m bench.quality --gold GOLD.jsonl --pred PRED.jsonl [--aliases TSV ...] [--errors]
"""
from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from bench.accuracy import scorer

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT / "tests" / "fixtures" / "eval"
OURS = ROOT / "tests" / "dev"
WEAPON = "weapon"  # the error class of score.py's weapon_relaxed (SUPPLIES rows with a weapon)
SUMMARY_KEYS = ("core_strict", "core_relaxed", "extended_strict", "extended_relaxed", "weapon_relaxed")
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
    from loaders.ingest import Summary, documents
    from loaders.pipeline import gold_rows

    docs = list(documents([str(p) for p in CORPORA[key].articles()], Summary()))
    rows = tuple(row for graph in _extractor().extract_many(docs) for row in gold_rows(graph))
    return rows, tuple((d.name, language(d.name, d.language)) for d in docs)


# --- scoring: score.py's load, match and prf --------------------------------------------------

def _read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]


def _loaded(rows: Sequence[dict], ents) -> list[tuple[tuple, dict]]:
    """score.py's tuple (doc, type, source, target, weapon) for each row, with the row itself."""
    s = scorer()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "rows.jsonl"
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
        keys = s.load(path, ents, set())
    assert len(keys) == len(rows)
    return list(zip(keys, rows))


def relation_key(r: tuple) -> tuple:
    """score.py's key for relations: (doc, type, source, target)."""
    return r[:4]


def weapon_key(r: tuple) -> tuple:
    """score.py's key for weapons: the whole row."""
    return r


def matched_pairs(gold: Iterable[tuple], pred: Iterable[tuple], ents, relaxed: bool,
                  key: Callable[[tuple], tuple]) -> tuple[list[tuple[tuple, tuple]], list[tuple], list[tuple]]:
    """score.py's match(), returning the matched (gold key, predicted key) pairs and all distinct
    gold and predicted keys instead of the counts (the same greedy one-to-one matching)."""
    symmetric = scorer().SYMMETRIC
    gold_keys = sorted({key(g) for g in gold})
    pred_keys = sorted({key(p) for p in pred})
    used: set[int] = set()
    pairs = []
    for g in gold_keys:
        for i, p in enumerate(pred_keys):
            if i in used or p[:2] != g[:2] or p[4:] != g[4:]:
                continue
            ok_src = p[2] == g[2] or (relaxed and p[2] in ents.lineage(g[2]))
            ok_tgt = p[3] == g[3] or (relaxed and p[3] in ents.lineage(g[3]))
            if g[1] in symmetric and relaxed and not (ok_src and ok_tgt):
                ok_src = p[2] in ents.lineage(g[3]) or p[2] == g[3]
                ok_tgt = p[3] in ents.lineage(g[2]) or p[3] == g[2]
            if ok_src and ok_tgt:
                used.add(i)
                pairs.append((g, p))
                break
    return pairs, gold_keys, pred_keys


@dataclass
class Result:
    """One corpus and language: score.py's figures and the relaxed errors."""

    corpus: str
    lang: str
    docs: list[str]
    figures: dict                        # what `score.py --json` prints for these documents
    counts: dict = field(default_factory=dict)  # the (tp, gold, pred) of each figure
    errors: list[dict] = field(default_factory=list)
    not_scored: list[str] = field(default_factory=list)  # predicted types score.py does not score

    def as_dict(self) -> dict:
        return {"corpus": self.corpus, "lang": self.lang, "docs": self.docs, "figures": self.figures,
                "counts": self.counts, "not_scored": self.not_scored, "errors": self.errors}


def _index(rows: list[tuple[tuple, dict]], key: Callable[[tuple], tuple]) -> dict[tuple, list[dict]]:
    out: dict[tuple, list[dict]] = {}
    for k, r in rows:
        out.setdefault(key(k), []).append(r)
    return out


def _error(kind: str, cls: str, k: tuple, rows: list[dict], ents) -> dict:
    """A missed or wrong key, with the names of its first row and all its rows' evidence (rows
    that differ only in the weapon share a relation key). 'unknown' holds the names the alias
    tables do not know, a hint that the row may be right but named otherwise."""
    first = rows[0] if rows else {}
    names = [first.get("source"), first.get("target")] + ([first.get("weapon")] if cls == WEAPON else [])
    norm = scorer().norm
    return {"doc": k[0], "type": cls, "kind": kind,
            "source": first.get("source", k[2]), "target": first.get("target", k[3]),
            "weapon": first.get("weapon") if cls == WEAPON else None,
            "unknown": [n for n in names if n and norm(n) not in ents.canon],
            "rows": [{"source": r.get("source"), "target": r.get("target"), "weapon": r.get("weapon"),
                      "evidence": r.get("evidence")} for r in rows]}


def score(gold: Sequence[dict], pred: Sequence[dict], aliases: Sequence[Path], docs: Iterable[str] = (),
          corpus: str = "", lang: str = "") -> Result:
    """Score predicted rows against gold rows as `score.py GOLD PRED --aliases ... --docs DOCS`
    does (no docs: the documents of the gold rows), and list the relaxed errors."""
    s = scorer()
    ents = s.Entities([str(a) for a in aliases])
    docs = set(docs)
    gold_all = [(k, r) for k, r in _loaded(gold, ents) if not docs or k[0] in docs]
    docs = docs or {k[0] for k, _ in gold_all}
    pred_all = [(k, r) for k, r in _loaded(pred, ents) if k[0] in docs]
    g_rows = [k for k, _ in gold_all]
    p_rows = [k for k, _ in pred_all]

    # the figures: score.py's main(), line by line
    out: dict = {"types": {}}
    counts: dict = {}  # the (tp, gold, pred) behind them
    totals: dict[tuple[str, str], list[int]] = {}
    for typ in s.CORE + s.EXTENDED:
        g = [x for x in g_rows if x[1] == typ]
        p = [x for x in p_rows if x[1] == typ]
        if not g and not p:
            continue
        st = s.match(g, p, ents, False, relation_key)
        rl = s.match(g, p, ents, True, relation_key)
        out["types"][typ] = {"gold": st[1], "pred": st[2], "strict": s.prf(*st), "relaxed": s.prf(*rl)}
        counts[typ] = {"strict": st, "relaxed": rl}
        group = "core" if typ in s.CORE else "extended"
        for mode, m in (("strict", st), ("relaxed", rl)):
            t = totals.setdefault((group, mode), [0, 0, 0])
            for i in range(3):
                t[i] += m[i]
    for (group, mode), t in sorted(totals.items()):
        out[f"{group}_{mode}"] = s.prf(*t)
        counts[f"{group}_{mode}"] = tuple(t)
    gw = [x for x in g_rows if x[1] == "SUPPLIES" and x[4]]
    pw = [x for x in p_rows if x[1] == "SUPPLIES" and x[4]]
    counts["weapon_relaxed"] = s.match(gw, pw, ents, True, weapon_key)
    out["weapon_relaxed"] = s.prf(*counts["weapon_relaxed"])
    other = sorted({p[1] for p in p_rows} - set(s.CORE) - set(s.EXTENDED))

    # the errors: the same matching, keeping which keys it paired
    errors: list[dict] = []
    classes = [(typ, relation_key, [x for x in g_rows if x[1] == typ], [x for x in p_rows if x[1] == typ],
                counts[typ]["relaxed"]) for typ in out["types"]]
    classes.append((WEAPON, weapon_key, gw, pw, counts["weapon_relaxed"]))
    for cls, key, g, p, expected in classes:
        pairs, gold_keys, pred_keys = matched_pairs(g, p, ents, True, key)
        if (len(pairs), len(gold_keys), len(pred_keys)) != tuple(expected):  # the listing agrees with the figures
            raise AssertionError(f"{corpus} {lang} {cls}: matched {len(pairs)} of {len(gold_keys)} gold and "
                                 f"{len(pred_keys)} predicted keys, score.py's match says {tuple(expected)}")
        gold_rows = _index(gold_all, key)
        pred_rows = _index(pred_all, key)
        hit_g = {gk for gk, _ in pairs}
        hit_p = {pk for _, pk in pairs}
        errors += [_error("missed", cls, k, gold_rows[k], ents) for k in gold_keys if k not in hit_g]
        errors += [_error("wrong", cls, k, pred_rows[k], ents) for k in pred_keys if k not in hit_p]
    order = {t: i for i, t in enumerate((*s.CORE, *s.EXTENDED, WEAPON))}
    errors.sort(key=lambda e: (e["doc"], order.get(e["type"], 99), e["kind"] != "missed",
                               str(e["source"]), str(e["target"]), str(e["weapon"] or "")))
    return Result(corpus, lang, sorted(docs), out, counts, errors, other)


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
    return by_language(_read_jsonl(c.gold), pred, c.aliases, dict(langs), c.label, lang)


# --- printing ---------------------------------------------------------------------------------

def _prf(v: Sequence[float] | None) -> str:
    return "{:.2f}/{:.2f}/{:.2f}".format(*v) if v else "-"


def table(res: Result, only_type: str | None = None) -> str:
    """One corpus and language: per type gold, pred, strict and relaxed P/R/F1, then the
    core, extended and weapon lines."""
    f = res.figures
    head = f"== {res.corpus} · {res.lang} ({len(res.docs)} documents)"
    lines = [head, f"{'type':<11}{'gold':>5}{'pred':>5}   {'strict P/R/F1':<16}{'relaxed P/R/F1':<16}"]
    for typ, v in f["types"].items():
        if only_type and typ != only_type:
            continue
        lines.append(f"{typ:<11}{v['gold']:>5}{v['pred']:>5}   {_prf(v['strict']):<16}{_prf(v['relaxed']):<16}")
    if not only_type:
        for group in ("core", "extended"):
            if f"{group}_strict" not in f:
                continue
            _, ng, np_ = res.counts[f"{group}_strict"]
            lines.append(f"{group:<11}{ng:>5}{np_:>5}   {_prf(f[f'{group}_strict']):<16}"
                         f"{_prf(f[f'{group}_relaxed']):<16}")
    if not only_type or only_type == WEAPON:
        _, ng, np_ = res.counts["weapon_relaxed"]
        lines.append(f"{'weapon':<11}{ng:>5}{np_:>5}   {'':<16}{_prf(f['weapon_relaxed']):<16}")
    if res.not_scored:
        lines.append("types not scored: " + ", ".join(res.not_scored))
    return "\n".join(lines)


def _quote(text: str | None) -> str:
    return "«" + " ".join(str(text or "").split()) + "»"


def error_listing(res: Result, only_type: str | None = None) -> str:
    """The relaxed errors of one corpus and language, by document and type."""
    errs = [e for e in res.errors if not only_type or e["type"] == only_type]
    n_missed = sum(e["kind"] == "missed" for e in errs)
    lines = [f"== errors: {res.corpus} · {res.lang}: {n_missed} missed, {len(errs) - n_missed} wrong"]
    doc = typ = None
    for e in errs:
        if e["doc"] != doc:
            doc, typ = e["doc"], None
            lines.append(f"-- {doc}")
        if e["type"] != typ:
            typ = e["type"]
            lines.append(f"   {typ}")
        weapon = f"  [{e['weapon']}]" if e["weapon"] else ""
        unknown = f"  (not in the alias tables: {', '.join(e['unknown'])})" if e["unknown"] else ""
        lines.append(f"     {e['kind']:<7}{e['source']} -> {e['target']}{weapon}{unknown}")
        for r in e["rows"]:
            extra = f"[{r['weapon']}] " if r.get("weapon") and e["type"] != WEAPON else ""
            lines.append(f"              {extra}{_quote(r.get('evidence'))}")
    if not errs:
        lines.append("   (none)")
    return "\n".join(lines)


def summary(results: Sequence[Result]) -> str:
    """The Markdown table for the README's Quality section."""
    lines = ["| corpus | lang | core relaxed P / R / F1 | extended relaxed F1 | weapon F1 |",
             "|---|---|---|---|---|"]
    for r in results:
        f = r.figures
        core = f.get("core_relaxed")
        core_s = "{:.2f} / {:.2f} / **{:.2f}**".format(*core) if core else "-"
        ext = f.get("extended_relaxed")
        lines.append(f"| {r.corpus} | {r.lang} | {core_s} | {f'{ext[2]:.2f}' if ext else '-'} | "
                     f"{f['weapon_relaxed'][2]:.2f} |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    s = scorer()
    types = (*s.CORE, *s.EXTENDED, WEAPON)
    ap = argparse.ArgumentParser(prog="python -m bench.quality", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", choices=(*CORPORA, "all"), default="all", help="which corpus (default: all)")
    ap.add_argument("--lang", choices=("de", "en"), help="one language only")
    ap.add_argument("--errors", action="store_true", help="list each missed and each wrong row with its sentence")
    ap.add_argument("--type", type=lambda t: t.upper() if t.upper() in s.CORE + s.EXTENDED else t.lower(),
                    choices=types, metavar="TYPE",
                    help="one relation type only (" + ", ".join(types) + "); 'weapon' is the SUPPLIES weapons")
    ap.add_argument("--json", metavar="FILE", help="also write the figures and errors as JSON to FILE ('-': stdout)")
    ap.add_argument("--gold", metavar="GOLD", help="score these gold rows instead of a corpus (needs --pred)")
    ap.add_argument("--pred", metavar="PRED", help="predicted rows (jsonl) to score against --gold")
    ap.add_argument("--aliases", action="append", metavar="TSV",
                    help="alias tables for --gold/--pred (repeatable; default: tests/fixtures/eval/aliases.tsv)")
    a = ap.parse_args(argv)
    if bool(a.gold) != bool(a.pred):
        ap.error("--gold and --pred go together")

    if a.gold:
        gold, pred = _read_jsonl(Path(a.gold)), _read_jsonl(Path(a.pred))
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
