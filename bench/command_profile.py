"""Where a command's time goes: a py-spy profile of `cli.py ...` run as a subprocess
(`py-spy record --subprocesses --idle --format raw`), its samples summarised into stages.

Every sample of every process (the command and its worker processes) and thread counts, waiting
included (--idle): a sample is put into the first stage (STAGES, in order) whose rule matches its
stack. Rules match frames as py-spy writes them, "function (file:line)", by public names and
file paths only.
"""
from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

from bench import profile as profile_mod

RATE = 100  # samples a second per thread

# a thread that waits for work, or for a lock, queue or pipe, without a stage of its own
IDLE = ("Condition.wait (threading.py", "Event.wait (threading.py", "Queue.get (queue.py",
        "_PollLikeSelector.select (selectors.py", "Connection._send (multiprocessing", "_recv (multiprocessing",
        "Thread._bootstrap (threading.py")

# (stage, where, needles): `any` matches any frame of the stack, `leaf` the innermost one; the first
# rule that matches wins (so reading, inside the extraction's loop over documents, is reading)
STAGES = [
    ("start-up (imports, vocabularies, pipelines)", "any",
     ("<frozen importlib", "pipeline (loaders/nlp.py", "blank (loaders/nlp.py", "_identifier (loaders/language.py",
      "Extractor.__init__ (loaders/pipeline.py", "_init_worker (loaders/pipeline.py", "load (loaders/gazetteer.py")),
    ("transactions (graph/store.py write_rows, the driver, the server)", "any",
     ("write_rows (graph/store.py", "neo4j/", "Store.connect (graph/store.py", "Store.init_schema (graph/store.py",
      "Writer.wait (loaders/ingest.py", "write_batch (loaders/ingest.py")),
    ("mirror (graph/mirror*.py, graph/sync.py)", "any",
     ("graph/mirror.py", "graph/mirror_io.py", "graph/sync.py")),
    ("language detection (loaders/language.py, langid)", "any", ("loaders/language.py", "langid/")),
    ("reading and decoding (loaders/documents.py, decoding, markup)", "any",
     ("loaders/documents.py", "loaders/decoding.py", "loaders/markup.py", "loaders/article_files.py")),
    ("extraction (loaders/pipeline.py, spaCy)", "any",
     ("loaders/pipeline.py", "spacy/", "_extract_batch (loaders/pipeline.py")),
    ("preparing rows (graph/rows.py, graph/writes.py)", "any", ("graph/rows.py", "graph/writes.py")),
    ("start-up (imports, vocabularies, pipelines)", "leaf", ("typer/", "click/", "(cli.py")),
]
WAITING = "waiting threads (idle: queues, pipes, locks)"


def stage(frames: list[str]) -> str:
    """The stage of one sample, by the frames of its stack (outermost first)."""
    leaf = frames[-1] if frames else ""
    for name, where, needles in STAGES:
        haystack = frames[-1:] if where == "leaf" else frames
        if any(n in f for f in haystack for n in needles):
            if name.startswith("extraction") and any(n in leaf for n in IDLE):
                return "waiting for the worker processes"
            return name
    if any(n in leaf for n in IDLE):
        return WAITING
    return "other"


def read(path: Path) -> list[tuple[list[str], int]]:
    """(frames without the `process ...` ones, outermost first; samples) per line of a raw file."""
    out = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack or not count.isdigit():
            continue
        frames = [f for f in stack.split(";") if not f.startswith("process ")]
        out.append((frames, int(count)))
    return out


def summarise(samples: list[tuple[list[str], int]], rate: int = RATE) -> dict:
    """The seconds sampled in working threads (all processes), each stage's share of them, and the
    seconds of threads idle without a stage (WAITING: not counted in the shares)."""
    counts: Counter = Counter()
    for frames, n in samples:
        counts[stage(frames)] += n
    idle = counts.pop(WAITING, 0)
    total = sum(counts.values())
    return {"seconds": total / rate, "idle_s": idle / rate,
            "shares": {k: v / total for k, v in counts.most_common()} if total else {}}


def summary(path: Path, rate: int = RATE) -> dict:
    """summarise() of a raw py-spy file, with the file's name."""
    return {"file": str(path), **summarise(read(path), rate)}


def wrapped(argv: list[str], out: Path, rate: int = RATE) -> list[str]:
    """`argv` run under py-spy, sampling it and its subprocesses into `out` (raw collapsed stacks)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    return [profile_mod.executable(), "record", "--subprocesses", "--idle", "--format", "raw", "-r", str(rate),
            "-o", str(out), "--", *argv]


def available() -> str | None:
    """None when py-spy can sample a subprocess here, else why not."""
    try:
        done = subprocess.run(wrapped([sys.executable, "-c", "import time; time.sleep(0.3)"],
                                      Path("/dev/null"), rate=50), capture_output=True, text=True, timeout=60)
    except (profile_mod.Unavailable, OSError, subprocess.SubprocessError) as exc:
        return str(exc)
    if done.returncode:
        why = (done.stderr or done.stdout).strip().splitlines()
        return f"py-spy cannot sample a subprocess here: {why[-1] if why else 'no reason given'}"
    return None
