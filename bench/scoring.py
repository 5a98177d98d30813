"""Scoring predicted rows against gold rows as the evaluation's score.py does (its load, match and
prf, loaded through bench.accuracy.scorer()), keeping which keys it matched: the relaxed errors."""
from __future__ import annotations

import json
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bench.accuracy import scorer

WEAPON = "weapon"  # the error class of score.py's weapon_relaxed (SUPPLIES rows with a weapon)
ATTRIBUTES = ("status", "quantity", "claimed_by")  # the guidelines' attributes "checked where present in gold"
SUMMARY_KEYS = ("core_strict", "core_relaxed", "extended_strict", "extended_relaxed", "weapon_relaxed")


def read_jsonl(path: Path) -> list[dict]:
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
    attributes: dict = field(default_factory=dict)  # attribute -> {"gold", "right", "relaxed"} (attributes())

    def as_dict(self) -> dict:
        return {"corpus": self.corpus, "lang": self.lang, "docs": self.docs, "figures": self.figures,
                "counts": self.counts, "not_scored": self.not_scored, "errors": self.errors,
                "attributes": self.attributes}


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
    out, counts, other = _figures(s, ents, [k for k, _ in gold_all], [k for k, _ in pred_all])
    errors = _errors(s, ents, gold_all, pred_all, out, counts, f"{corpus} {lang}")
    figures, attribute_errors = attributes(ents, gold_all, pred_all)
    return Result(corpus, lang, sorted(docs), out, counts, _sorted_errors(s, errors + attribute_errors), other,
                  figures)


def _quantity(q: dict | None) -> tuple | None:
    return tuple(sorted(q.items())) if q else None


def attributes(ents, gold_all: list[tuple[tuple, dict]], pred_all: list[tuple[tuple, dict]]) -> tuple[dict, list[dict]]:
    """How often the attributes a gold row gives are right where its relation was found (relaxed,
    as score.py pairs them): `status` and `quantity` of the SUPPLIES rows paired with their weapon,
    `claimed_by` of every row paired by its relation. A gold value is right when one of the rows
    predicted for the paired key has it (a relation read from several sentences has several);
    `claimed_by` is also right relaxed when the predicted asserter is the gold one's agency or
    state. A missing status is `delivered`, the guidelines' default. Returns the figures and,
    for each wrong value, an error of class `status`, `quantity` or `claimed_by`."""
    figures = {a: {"gold": 0, "right": 0, "relaxed": 0} for a in ATTRIBUTES}
    errors: list[dict] = []
    gk, pk = [k for k, _ in gold_all], [k for k, _ in pred_all]
    by_weapon = matched_pairs(_weapon_rows(gk), _weapon_rows(pk), ents, True, weapon_key)[0]
    by_relation = matched_pairs(gk, pk, ents, True, relation_key)[0]
    for attr, pairs, key in (("status", by_weapon, weapon_key), ("quantity", by_weapon, weapon_key),
                             ("claimed_by", by_relation, relation_key)):
        gold_rows, pred_rows = _index(gold_all, key), _index(pred_all, key)
        for g, p in pairs:
            for row in gold_rows[g]:
                if attr not in row:
                    continue
                if attr == "status":
                    want, have = row[attr], [r.get(attr) or "delivered" for r in pred_rows[p]]
                elif attr == "quantity":
                    want, have = _quantity(row[attr]), [_quantity(r.get(attr)) for r in pred_rows[p]]
                else:
                    want = ents.resolve(row[attr])
                    have = [ents.resolve(r[attr]) if r.get(attr) else None for r in pred_rows[p]]
                right = want in have
                relaxed = right or attr == "claimed_by" and any(h and h in ents.lineage(want) for h in have)
                f = figures[attr]
                f["gold"] += 1
                f["right"] += right
                f["relaxed"] += relaxed
                if not relaxed:
                    errors.append({"doc": g[0], "type": attr, "kind": "wrong", "source": row.get("source"),
                                   "target": row.get("target"), "weapon": row.get("weapon"), "unknown": [],
                                   "gold": row[attr], "predicted": [r.get(attr) for r in pred_rows[p]],
                                   "rows": [{"evidence": row.get("evidence")}]})
    return figures, errors


def _figures(s, ents, g_rows: list[tuple], p_rows: list[tuple]) -> tuple[dict, dict, list[str]]:
    """score.py's main(), line by line: its figures, the (tp, gold, pred) behind them, and the
    predicted types it does not score."""
    out: dict = {"types": {}}
    counts: dict = {}
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
    gw, pw = _weapon_rows(g_rows), _weapon_rows(p_rows)
    counts["weapon_relaxed"] = s.match(gw, pw, ents, True, weapon_key)
    out["weapon_relaxed"] = s.prf(*counts["weapon_relaxed"])
    other = sorted({p[1] for p in p_rows} - set(s.CORE) - set(s.EXTENDED))
    return out, counts, other


def _weapon_rows(rows: list[tuple]) -> list[tuple]:
    return [x for x in rows if x[1] == "SUPPLIES" and x[4]]


def _errors(s, ents, gold_all: list[tuple[tuple, dict]], pred_all: list[tuple[tuple, dict]], out: dict,
            counts: dict, where: str) -> list[dict]:
    """The relaxed errors: the same matching as the figures', keeping which keys it paired."""
    g_rows = [k for k, _ in gold_all]
    p_rows = [k for k, _ in pred_all]
    errors: list[dict] = []
    classes = [(typ, relation_key, [x for x in g_rows if x[1] == typ], [x for x in p_rows if x[1] == typ],
                counts[typ]["relaxed"]) for typ in out["types"]]
    classes.append((WEAPON, weapon_key, _weapon_rows(g_rows), _weapon_rows(p_rows), counts["weapon_relaxed"]))
    for cls, key, g, p, expected in classes:
        pairs, gold_keys, pred_keys = matched_pairs(g, p, ents, True, key)
        if (len(pairs), len(gold_keys), len(pred_keys)) != tuple(expected):  # the listing agrees with the figures
            raise AssertionError(f"{where} {cls}: matched {len(pairs)} of {len(gold_keys)} gold and "
                                 f"{len(pred_keys)} predicted keys, score.py's match says {tuple(expected)}")
        gold_rows = _index(gold_all, key)
        pred_rows = _index(pred_all, key)
        hit_g = {gk for gk, _ in pairs}
        hit_p = {pk for _, pk in pairs}
        errors += [_error("missed", cls, k, gold_rows[k], ents) for k in gold_keys if k not in hit_g]
        errors += [_error("wrong", cls, k, pred_rows[k], ents) for k in pred_keys if k not in hit_p]
    return errors


def _sorted_errors(s, errors: list[dict]) -> list[dict]:
    """By document, then type (the relation types, the weapons, the attributes), missed first."""
    order = {t: i for i, t in enumerate((*s.CORE, *s.EXTENDED, WEAPON, *ATTRIBUTES))}
    return sorted(errors, key=lambda e: (e["doc"], order.get(e["type"], 99), e["kind"] != "missed",
                                         str(e["source"]), str(e["target"]), str(e["weapon"] or "")))
