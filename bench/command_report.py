"""The command rows of the benchmark's table (bench/commands.py's figures): what users see, first."""
from __future__ import annotations

from bench.command_run import rates, settle


def _n(value: float, digits: int = 0) -> str:
    return f"{value:,.{digits}f}"


def _mb(kib: int) -> str:
    return f"{kib / 1024:,.0f} MB"


def _ratio(row: dict) -> str:
    if row.get("ratio") is None:
        return ""
    return f"; ×{row['ratio']:.1f} the time of its parts ({row['parts_s']:.1f} s)"


def _row(row: dict) -> tuple[str, ...]:
    r = rates(row)
    size = f"{_n(row['articles'])} articles, {_n(row['words'])} words" if row["articles"] else row.get("size", "")
    if "relationships" in row:
        size += f"{', ' if size else ''}{_n(row['relationships'])} relationships created"
        size += " in the mirror" if row.get("in_mirror") else ""
    elif "relations_printed" in row:
        size += f", {_n(row['relations_printed'])} relations printed"
    speed = (f"{_n(r['articles_per_s'], 1)} articles/s, {_n(r['words_per_s'])} words/s"
             + (f", {_n(r['rels_per_s'])} rels/s" if row.get("relationships") else "")) if row["articles"] else ""
    measured = (f"{row['seconds']:.1f} s{': ' + speed if speed else ''}; largest process "
                f"{_mb(row['max_rss_kib'])} at its peak" + _ratio(row))
    target = ""
    if row.get("target_rss_kib"):
        ok = row["max_rss_kib"] < row["target_rss_kib"]
        target = f"< {_mb(row['target_rss_kib'])} resident: {'met' if ok else 'missed'}"
    command = row["command"].replace(row["dir"], "DIR") if row.get("dir") else row["command"]
    return (f"{row['name']}: `{command}`", size, measured, target)


def _profile(row: dict) -> tuple[str, ...]:
    p = row["profile"]
    shares = ", ".join(f"{v:.0%} {k}" for k, v in p["shares"].items() if v >= 0.005)
    return (f"{row['name']}: where the time went (py-spy)", "",
            f"{p['seconds']:.1f} s sampled in working threads (all processes; {p['idle_s']:.1f} s more in idle "
            f"threads): {shares}; samples in `{p['file']}`", "")


def _in_process(c: dict) -> list[tuple[str, ...]]:
    out = []
    for x in c.get("in_process", []):
        repeated = f", read {x['repeats']} times" if x["repeats"] > 1 else ""
        out.append((f"extraction in-process, {x['corpus']}", f"{_n(x['articles'])} articles{repeated}: "
                    f"{_n(x['words'])} words", f"{_n(x['words_per_s'])} words/s", ""))
    return out


def _parts(parts: dict) -> tuple[str, ...]:
    said = []
    if parts.get("words_per_s"):
        said.append(f"extraction {_n(parts['words_per_s'])} words/s a process ({parts['source']['words_per_s']})")
    if parts.get("rels_per_s"):
        said.append(f"batched load {_n(parts['rels_per_s'])} rels/s ({parts['source']['rels_per_s']})")
    if parts.get("mirror_s_per_rel"):
        said.append(f"mirror build {_n(1 / parts['mirror_s_per_rel'])} rels/s "
                    f"({parts['source']['mirror_s_per_rel']})")
    return ("the parts the commands are compared with", "in-process rates", "; ".join(said) or "none measured", "")


def _big(b: dict | None) -> list[tuple[str, ...]]:
    if not b:
        return []
    return [("the big graph, filled in-process (not a command)", f"{_n(b['relationships'])} relationships, "
             f"{_n(b['articles'])} articles", f"generated in {b['generate_s']:.0f} s, loaded (batched, 2,500 "
             f"documents a transaction) in {b['fill_s']:.0f} s: {_n(b['fill_rate'])} rels/s", "")]


def rows(r: dict) -> list[tuple[str, ...]]:
    """The command section: one row per command (and where its time went), the parts, the
    in-process extraction rates beside them."""
    c = r.get("commands")
    if not c:
        return []
    settle(r)
    parts = c["parts"]
    out = []
    for row in c["rows"]:
        out.append(_row(row))
        if row.get("profile"):
            out.append(_profile(row))
    if c.get("profile_error"):
        out.append(("where the commands' time went", "", f"not sampled: {c['profile_error']}", ""))
    return out + _big(c.get("big_graph")) + [_parts(parts)] + _in_process(c)


def note(r: dict) -> list[str]:
    c = r.get("commands")
    if not c:
        return []
    return [f"The command rows run `python cli.py ...` as a subprocess from the project's root on "
            f"{_n(c['articles'])} generated articles (seed {c.get('seed', '?')}, {_n(c['words'])} words; DIR is their folder), each load into "
            "a Neo4j just started (no warm-up loads), with a mirror file of its own; time is wall time from "
            "outside, memory the peak resident size of the command's largest process (ru_maxrss of os.wait4, "
            "in a small launcher the command is forked from: the command, its worker processes, py-spy when "
            "sampled). The time of its parts is its words at the extraction "
            "rate (divided by its processes), its relationships at the batched load rate and the mirror's "
            "build rate, as far as the command does each."]
