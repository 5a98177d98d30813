"""Accuracy of extracted rows against the corpus's facts, with the evaluation's score.py."""
from __future__ import annotations

import importlib.util
import json
import tempfile
from functools import lru_cache
from pathlib import Path

from bench import corpus

SCORE_PY = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "eval" / "score.py"


@lru_cache(maxsize=1)
def scorer():
    """tests/fixtures/eval/score.py as a module (it is a script, not a package)."""
    spec = importlib.util.spec_from_file_location("armsgraph_eval_score", SCORE_PY)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _write(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def score(gold: list[dict], predicted: list[dict]) -> dict[str, tuple[float, float, float]]:
    """Precision, recall and F1 as score.py computes them: core and extended relations (strict
    and relaxed) and SUPPLIES weapons (relaxed)."""
    s = scorer()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        ents = s.Entities([corpus.aliases_tsv(tmp / "aliases.tsv")])
        gold_rows = s.load(_write(tmp / "gold.jsonl", gold), ents, set())
        docs = {g[0] for g in gold_rows} | {Path(str(r["doc"])).stem for r in gold}
        pred_rows = [p for p in s.load(_write(tmp / "pred.jsonl", predicted), ents, docs) if p[0] in docs]
    # score.py's match pairs rows of the same document and type only, so matching each
    # (document, type) group on its own gives its figures (without its quadratic scan of all rows)
    groups: dict[tuple[str, str], tuple[list, list]] = {}
    for rows, side in ((gold_rows, 0), (pred_rows, 1)):
        for r in rows:
            groups.setdefault(r[:2], ([], []))[side].append(r)

    def total(types, relaxed, key, keep=lambda r: True) -> tuple[int, int, int]:
        sums = [0, 0, 0]
        for (_, typ), (g, p) in groups.items():
            if typ in types:
                m = s.match([x for x in g if keep(x)], [x for x in p if keep(x)], ents, relaxed, key)
                sums = [a + b for a, b in zip(sums, m)]
        return tuple(sums)

    out: dict[str, tuple[float, float, float]] = {}
    for group, types in (("core", s.CORE), ("extended", s.EXTENDED)):
        for mode, relaxed in (("strict", False), ("relaxed", True)):
            out[f"{group}_{mode}"] = s.prf(*total(types, relaxed, lambda r: r[:4]))
    out["weapon_relaxed"] = s.prf(*total(("SUPPLIES",), True, lambda r: r, keep=lambda r: bool(r[4])))
    return out
