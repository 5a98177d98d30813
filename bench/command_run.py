"""Running one `cli.py` command as a user runs it: a subprocess from the project's root, timed from
outside, its peak memory from the kernel (os.wait4's ru_maxrss), and what the time should be from
the benchmark's in-process rates (its parts)."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from bench import command_profile

ROOT = Path(__file__).resolve().parent.parent


# A small process between the benchmark and the command: the kernel counts the memory of the process a
# command is started from into the command's peak (a forked or vforked child's ru_maxrss starts at its
# parent's size), so the benchmark, large after its corpora, starts this launcher, which forks the
# command from its own few MB, waits for it and writes the command's ru_maxrss (KiB) to argv[1].
LAUNCHER = """import os, sys
pid = os.fork()
if pid == 0:
    os.execv(sys.argv[2], sys.argv[2:])
_, status, usage = os.wait4(pid, 0)
with open(sys.argv[1], "w") as f:
    f.write(str(usage.ru_maxrss))
code = os.waitstatus_to_exitcode(status)
sys.exit(code if code >= 0 else 128 - code)
"""


class CommandFailed(RuntimeError):
    """A timed command exited non-zero."""


def words_in(directory: Path) -> tuple[int, int]:
    """(articles, words) of the .txt files under a folder: words as len(text.split())."""
    files = sorted(Path(directory).rglob("*.txt"))
    return len(files), sum(len(p.read_text(encoding="utf-8").split()) for p in files)


def command_env(mirror: Path, neo4j: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of a timed command: this one, the mirror file, the server (NEO4J_URI, _USER,
    _PASSWORD), without ARMSGRAPH_DOCS_PER_TRANSACTION (the rows time the defaults or say otherwise)."""
    env = {k: v for k, v in os.environ.items() if k != "ARMSGRAPH_DOCS_PER_TRANSACTION"}
    env.update({"ARMSGRAPH_MIRROR": str(mirror), **(neo4j or {})})
    return env


def run(args: list[str], env: dict[str, str], out: Path, profile: Path | None = None) -> dict:
    """Run `python cli.py ARGS` from the project's root, stdout into the file `out` (stderr beside
    it, OUT.stderr), under py-spy with `profile`: its wall seconds and the peak resident memory of
    its largest process (KiB; the command and its waited-for descendants, e.g. worker processes;
    py-spy too when profiled), by os.wait4 in LAUNCHER. CommandFailed if it exits non-zero."""
    argv = [sys.executable, "cli.py", *args]
    if profile is not None:
        argv = command_profile.wrapped(argv, profile)
    err, rss = out.with_name(out.name + ".stderr"), out.with_name(out.name + ".maxrss")
    with open(out, "wb") as stdout, open(err, "wb") as stderr:
        t = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-S", "-c", LAUNCHER, str(rss), *argv], cwd=ROOT, env=env,
                                stdout=stdout, stderr=stderr, stdin=subprocess.DEVNULL)
        proc.wait()
        seconds = time.perf_counter() - t
    if proc.returncode:
        tail = err.read_text(encoding="utf-8", errors="replace")[-800:].strip()
        raise CommandFailed(f"`cli.py {' '.join(args)}` exited {proc.returncode}: {tail}")
    row = {"command": "cli.py " + " ".join(args), "seconds": seconds, "max_rss_kib": int(rss.read_text())}
    if profile is not None:
        row["profile"] = command_profile.summary(profile)
    return row


def rates(row: dict) -> dict:
    """articles/s, words/s and relationships/s of a timed command."""
    s = max(row["seconds"], 1e-9)
    return {"articles_per_s": row["articles"] / s, "words_per_s": row["words"] / s,
            "rels_per_s": row.get("relationships", 0) / s}


def parts_seconds(row: dict, parts: dict) -> float | None:
    """What a command's work takes at the benchmark's in-process rates: its words at the
    extraction rate (divided by its processes), its relationships at the batched load rate (the
    rows that write to Neo4j), and the mirror built for them. None without the rates it needs or
    with nothing to do (an unchanged load)."""
    uses = row.get("parts", ())
    need = {"extraction": "words_per_s", "neo4j": "rels_per_s", "mirror": "mirror_s_per_rel"}
    if not uses or not row.get("words") or any(parts.get(need[u]) is None for u in uses):
        return None
    total = 0.0
    if "extraction" in uses:
        total += row["words"] / (parts["words_per_s"] * max(1, row.get("processes", 1)))
    if "neo4j" in uses:
        total += row.get("relationships", 0) / parts["rels_per_s"]
    if "mirror" in uses:
        total += row.get("relationships", 0) * parts["mirror_s_per_rel"]
    return total


def ratio(row: dict, parts: dict) -> float | None:
    """A command's time / what its parts allow (parts_seconds); None when not computable."""
    allowed = parts_seconds(row, parts)
    return row["seconds"] / allowed if allowed else None


def parts_of(results: dict, own: dict) -> dict:
    """The in-process rates to compare the commands with: the benchmark's own figures where this
    run measured them (extraction in one process; the batched load and the mirror build of the
    largest size), else the command section's own measurements (`own`)."""
    out = {k: own.get(k) for k in ("words_per_s", "rels_per_s", "mirror_s_per_rel")}
    out["source"] = dict.fromkeys(out, "measured beside the commands")
    ex = results.get("extraction")
    if ex and ex.get("one_s"):
        out["words_per_s"], out["source"]["words_per_s"] = ex["words"] / ex["one_s"], "stage extraction"
    sizes = [s for s in results.get("sizes", []) if s.get("load")]
    if sizes:
        out["rels_per_s"], out["source"]["rels_per_s"] = sizes[-1]["load"]["rate"], "stage batched load"
    mirrored = [s for s in results.get("sizes", []) if s.get("mirror")]
    if mirrored:
        m = mirrored[-1]["mirror"]
        out["mirror_s_per_rel"], out["source"]["mirror_s_per_rel"] = m["build_s"] / m["edges"], "stage mirror"
    return out


def settle(results: dict) -> None:
    """The commands' figures completed once the run is over: the parts (parts_of), and each row's
    rates, parts_s (the time of its parts) and ratio (its time / parts_s; None: not computable)."""
    c = results.get("commands")
    if not c:
        return
    c["parts"] = parts_of(results, c.get("own_parts", {}))
    for row in c["rows"]:
        row.update(rates(row), parts_s=parts_seconds(row, c["parts"]), ratio=ratio(row, c["parts"]))
