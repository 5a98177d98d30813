"""The scoring report as text: per corpus and language a table of P/R/F1, the relaxed errors with
their sentences, and the Markdown summary for the README's Quality section."""
from __future__ import annotations

from collections.abc import Sequence

from bench.scoring import ATTRIBUTES, WEAPON, Result


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
    if res.attributes and (not only_type or only_type in ATTRIBUTES):
        lines.append("attributes right where the row was found: " + attribute_line(res, only_type))
    return "\n".join(lines)


def attribute_line(res: Result, only: str | None = None) -> str:
    """'status 0.82 (55/67) · quantity ... · claimed_by 0.19 (13/69), relaxed 0.25'."""
    parts = []
    for attr in ATTRIBUTES:
        f = res.attributes.get(attr)
        if not f or not f["gold"] or only and attr != only:
            continue
        part = f"{attr} {f['right'] / f['gold']:.2f} ({f['right']}/{f['gold']})"
        if f["relaxed"] != f["right"]:
            part += f", relaxed {f['relaxed'] / f['gold']:.2f}"
        parts.append(part)
    return " · ".join(parts) or "-"


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
        if e["type"] in ATTRIBUTES:
            lines.append(f"              gold {e['gold']}, predicted {', '.join(map(str, e['predicted']))}")
        for r in e["rows"]:
            extra = f"[{r['weapon']}] " if r.get("weapon") and e["type"] != WEAPON else ""
            lines.append(f"              {extra}{_quote(r.get('evidence'))}")
    if not errs:
        lines.append("   (none)")
    return "\n".join(lines)


def summary(results: Sequence[Result]) -> str:
    """The Markdown table for the README's Quality section."""
    lines = ["| corpus | lang | core relaxed P / R / F1 | extended relaxed F1 | weapon F1 "
             "| status / quantity / claimed_by |", "|---|---|---|---|---|---|"]
    for r in results:
        f = r.figures
        core = f.get("core_relaxed")
        core_s = "{:.2f} / {:.2f} / **{:.2f}**".format(*core) if core else "-"
        ext = f.get("extended_relaxed")
        attrs = " / ".join(f"{a['right'] / a['gold']:.2f}" if a["gold"] else "-"
                           for a in (r.attributes.get(k, {"gold": 0}) for k in ATTRIBUTES)) or "-"
        lines.append(f"| {r.corpus} | {r.lang} | {core_s} | {f'{ext[2]:.2f}' if ext else '-'} | "
                     f"{f['weapon_relaxed'][2]:.2f} | {attrs} |")
    return "\n".join(lines)
