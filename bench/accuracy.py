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
    out: dict[str, tuple[float, float, float]] = {}
    key = lambda r: r[:4]  # noqa: E731
    for group, types in (("core", s.CORE), ("extended", s.EXTENDED)):
        for mode, relaxed in (("strict", False), ("relaxed", True)):
            totals = [0, 0, 0]
            for typ in types:
                m = s.match([g for g in gold_rows if g[1] == typ], [p for p in pred_rows if p[1] == typ],
                            ents, relaxed, key)
                totals = [a + b for a, b in zip(totals, m)]
            out[f"{group}_{mode}"] = s.prf(*totals)
    gw = [g for g in gold_rows if g[1] == "SUPPLIES" and g[4]]
    pw = [p for p in pred_rows if p[1] == "SUPPLIES" and p[4]]
    out["weapon_relaxed"] = s.prf(*s.match(gw, pw, ents, True, lambda r: r))
    return out
