"""The benchmark's results as one Markdown table, with the command and the machine."""
from __future__ import annotations

from bench import command_report

TARGETS = {
    "words_per_core": 50_000,   # extraction, words/s on one core
    "load_rate": 20_000,        # batched load, relationships/s
    "load_ratio": 30,           # batched / naive
    "path_p95_ms": 50,          # Neo4j path p95 at the largest size
    "mirror_bytes": 500,        # mirror memory per edge at the largest size (small graphs pay more per edge)
    "page_s": 10,               # page settles, at the largest page
}


def _n(value: float, digits: int = 0) -> str:
    return f"{value:,.{digits}f}"


def size_name(n: int) -> str:
    """10000 -> 10k, 1000000 -> 1M."""
    for unit, div in (("M", 1_000_000), ("k", 1_000)):
        if n >= div and n % div == 0:
            return f"{n // div}{unit}"
    return str(n)


def verdict(value: float, target: float, higher_is_better: bool) -> str:
    ok = value >= target if higher_is_better else value <= target
    if ok:
        return "met"
    short = (target - value) / target if higher_is_better else (value - target) / target
    return f"missed by {short:.0%}"


def _profiled(p: dict) -> str:
    """bench/profile.py's summary of a load: what the writing thread did, the busiest functions."""
    names = {"writer": "writing thread", "preparing": "preparing thread"}
    parts = []
    for role, data in p["roles"].items():
        shares = ", ".join(f"{v:.0%} {k}" for k, v in data["shares"].items() if v >= 0.005)
        parts.append(f"{names.get(role, role)} ({data['seconds']:.1f} s): {shares}")
    busiest = ", ".join(f"`{name}` {sec:.2f} s" for name, sec in p["busiest"])
    return "; ".join(parts) + (f"; busiest: {busiest}" if busiest else "") + f"; samples in `{p['file']}`"


def _dump(dp: dict, ld: dict | None) -> str:
    """`cli.py export --format cypher` run into an empty database, next to the batched load."""
    out = (f"{_n(dp['rate'])} rels/s ({dp['seconds']:.1f} s: {_n(dp['documents'])} documents, "
           f"{_n(dp['relationships'])} relationships, {_n(dp['statements'])} statements, "
           f"{dp['bytes'] / 1e6:.1f} MB dump written in {dp['write_s']:.1f} s)")
    if ld:
        out += (f"; `load` (batched): {_n(ld['rate'])} rels/s ({ld['seconds']:.1f} s), "
                f"the dump takes ×{dp['seconds'] / max(ld['seconds'], 1e-3):.1f} its time")
    return out


def table(r: dict) -> str:
    """Markdown: a header (command, machine, date) and one row per measurement."""
    m = r["machine"]
    lines = [f"Command: `{r['command']}`  ",
             f"Machine: {m['cpu']}, {m['cores']} cores, {m['ram']} RAM; {m['os']}; Python {m['python']}, "
             f"spaCy {m['spacy']}, Neo4j {m['neo4j']}  ",
             f"Run: {r['date']}, seed {r['seed']}, total {r['total_s'] / 60:.1f} min"
             + (f"; load average {r['load_average'][0]:.1f}–{r['load_average'][1]:.1f} (above 1, other "
                "processes shared the cores)" if r.get("load_average") else ""), "",
             "| stage | size | measured | target |", "|---|---|---|---|"]
    commands = command_report.rows(r)
    parts = [*_extraction(r.get("extraction")), *_warm(r.get("warm_up"))]
    sizes = r.get("sizes", [])
    for s in sizes:
        parts += _size(s, largest=s is sizes[-1])
    pages = r.get("pages", [])
    for p in pages:
        target = f"< {TARGETS['page_s']} s: {verdict(p['settle_s'], TARGETS['page_s'], False)}" if p is pages[-1] else ""
        parts.append(("page (graph/viz.py) in headless Chromium",
                      f"{_n(p['nodes'])} nodes, {_n(p['edges'])} lines ({_n(p['articles'])} articles)",
                      f"{p['html_bytes'] / 1e6:.1f} MB HTML; loaded after {p['loaded_s']:.1f} s, layout settled "
                      f"after {p['settle_s']:.1f} s", target))
    if commands:
        rows = [("**the commands, as users run them**", "", "", ""), *commands]
        rows += [("**the parts, in-process**", "", "", ""), *parts] if parts else []
    else:
        rows = parts
    lines += ["| " + " | ".join(cells) + " |" for cells in rows]
    lines += [f"\n{note}" for note in command_report.note(r) + r.get("notes", [])]
    return "\n".join(lines)


def _extraction(ex: dict | None) -> list[tuple[str, ...]]:
    if not ex:
        return []
    t = TARGETS
    size = f"{_n(ex['articles'])} articles, {_n(ex['words'])} words (de/en)"
    per_core = ex["words"] / ex["one_s"]
    acc = ex["accuracy"]
    return [("extraction, 1 process", size,
             f"{_n(per_core)} words/s, {_n(ex['articles'] / ex['one_s'], 1)} docs/s "
             f"(+{ex['startup_s']:.1f} s start-up per process)",
             f"≥ {_n(t['words_per_core'])} words/s per core: {verdict(per_core, t['words_per_core'], True)}"),
            (f"extraction, {ex['processes']} processes", size,
             f"{_n(ex['words'] / ex['many_s'])} words/s, {_n(ex['articles'] / ex['many_s'], 1)} docs/s "
             f"(×{ex['one_s'] / ex['many_s']:.2f}, start-up included)", ""),
            ("accuracy (score.py)", f"{_n(ex['gold_relations'])} stated relations",
             f"core F1 {acc['core_relaxed'][2]:.2f} relaxed / {acc['core_strict'][2]:.2f} strict; extended F1 "
             f"{acc['extended_relaxed'][2]:.2f}; weapon F1 {acc['weapon_relaxed'][2]:.2f}", "")]


def _warm(warm: dict | None) -> list[tuple[str, ...]]:
    if not warm or not warm.get("rounds"):
        return []
    cold = warm["rounds"][0]
    return [("load into Neo4j, batched, cold server", f"{size_name(warm['size'])} ({_n(warm['relationships'])} rels), "
             "first load after the start", f"{_n(cold['rate'])} rels/s ({cold['seconds']:.1f} s); then "
             + ", ".join(f"{_n(x['rate'])}" for x in warm["rounds"][1:]) + " rels/s (warm-up, not counted)", "")]


def _load(s: dict, ld: dict) -> str:
    rates = ld.get("rates") or [ld["rate"]]
    transactions = f", {ld['transactions']} transactions" if ld.get("transactions") else ""
    return (f"{_n(ld['rate'])} rels/s ("
            + (f"median of {len(rates)} loads: " + ", ".join(_n(x) for x in rates) + " rels/s; " if len(rates) > 1 else "")
            + f"{ld['seconds']:.1f} s, {s['docs_per_transaction']} docs a transaction{transactions})")


def _calls(ld: dict) -> str:
    """The load's calls of the write path, as the benchmark timed them."""
    c = ld["calls"]
    return (f"{ld['transactions']} transactions of loaders.ingest.Writer (as `cli.py load` writes, the next "
            f"batch prepared meanwhile): {c['total_s']:.1f} s of {ld['seconds']:.1f} s, a transaction every "
            f"{c['median_s']:.2f} s (median), slowest {c['max_s']:.2f} s")


def _size(s: dict, largest: bool) -> list[tuple[str, ...]]:
    """The rows of one size: loads, paths, the mirror."""
    t = TARGETS
    name = f"{size_name(s['size'])} ({_n(s['relationships'])} rels, {_n(s['articles'])} articles)"
    ld, nv, dp, pn, pm, mi = (s.get(k) for k in ("load", "naive", "dump", "path_neo4j", "path_mirror", "mirror"))
    rows = []
    if ld:
        rows.append(("load into Neo4j, batched", name, _load(s, ld),
                     f"≥ {_n(t['load_rate'])} rels/s: {verdict(ld['rate'], t['load_rate'], True)}"))
        median = "the median load: " if len(ld.get("rates") or ()) > 1 else ""
        if ld.get("calls"):
            rows.append(("batched load: where the time went", name, median + _calls(ld), ""))
        if ld.get("profile"):
            rows.append(("batched load: the client, sampled (py-spy)", name, median + _profiled(ld["profile"]), ""))
    if nv:
        ratio = ld["rate"] / nv["rate"] if ld and nv["rate"] else float("nan")
        rows.append(("load into Neo4j, naive", name,
                     f"{_n(nv['rate'], 1)} rels/s (measured on {_n(nv['transactions'])} relations, one transaction "
                     f"each, written on top); batched is ×{ratio:.0f}",
                     f"≥ ×{t['load_ratio']}: {verdict(ratio, t['load_ratio'], True)}"))
    if dp:
        rows.append(("re-create from the Cypher dump", name, _dump(dp, ld), ""))
    if pn:
        target = f"p95 ≤ {t['path_p95_ms']} ms: {verdict(pn['p95_ms'], t['path_p95_ms'], False)}" if largest else ""
        rows.append(("path in Neo4j", name, f"p50 {pn['p50_ms']:.1f} ms, p95 {pn['p95_ms']:.1f} ms "
                     f"({pn['queries']} pairs, {pn['found']} connected)", target))
    if pm:
        rows.append(("path in the mirror", name, f"p50 {pm['p50_ms']:.1f} ms, p95 {pm['p95_ms']:.1f} ms "
                     f"({pm['queries']} pairs; index built once: {s['mirror']['index_s']:.1f} s)", ""))
    if mi:
        target = (f"≤ {t['mirror_bytes']} bytes/edge: {verdict(mi['bytes_per_edge'], t['mirror_bytes'], False)} "
                  f"(file: {verdict(mi['file_bytes_per_edge'], t['mirror_bytes'], False)})") if largest else ""
        rows.append(("mirror", name, f"build {mi['build_s']:.1f} s; {_n(mi['bytes_per_edge'])} bytes/edge in memory, "
                     f"{_n(mi['file_bytes_per_edge'])} bytes/edge in the file", target))
    return rows
