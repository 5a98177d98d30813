"""py-spy profiles of the benchmark's own process while it loads as `cli.py load` writes (bench
--profile DIR), and what they say: where the load spent its time.

py-spy samples every thread from outside the process (`--threads --idle`: waiting counts too), so
the time the server keeps the writing thread waiting is seen. The raw samples (collapsed stacks, one line per stack with its count) are kept: speedscope
(https://speedscope.app) and flamegraph.pl read them.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

RATE = 100  # samples a second per thread

# The load's two threads, by a frame of the write path each runs (public names: py-spy gives each
# frame as "function (file:line)"): loaders.ingest.Writer prepares a batch in the caller's thread
# while its own thread writes the one before.
ROLES = {"writer": "Store.write_rows (graph/store.py", "preparing": "Writer.submit (loaders/ingest.py"}

# what a sample of the load was doing, by the frames of its stack: the first rule that matches wins
# (`leaf`: the innermost frame; `any`: any frame)
RULES = [("waiting for the server", "leaf", ("_wait_for_io", "recv", "select", "poll")),
         ("waiting for the writer", "any", ("Writer.wait (loaders/ingest.py",)),
         ("packing parameters", "any", ("Packer.", "packstream")),
         ("reading results", "any", ("Unpacker", "hydration", "Result.")),
         ("preparing rows and statements", "any", ("build (graph/rows.py", "plan (graph/writes.py",
                                                    "GraphData.extend (graph/model.py")),
         ("the store's own code", "leaf", ("graph/",))]


class Unavailable(RuntimeError):
    """py-spy is missing or cannot read this process."""


def executable() -> str:
    """py-spy, next to this Python (a virtualenv's bin/) or on PATH."""
    here = Path(sys.executable).parent / "py-spy"
    found = str(here) if here.exists() else shutil.which("py-spy")
    if not found:
        raise Unavailable("py-spy is not installed (scripts/setup test installs it)")
    return found


def check() -> None:
    """Raise Unavailable unless py-spy can sample this process (it needs ptrace: root, or
    kernel.yama.ptrace_scope = 0)."""
    done = subprocess.run([executable(), "dump", "--pid", str(os.getpid())], capture_output=True, text=True,
                          timeout=60)
    if done.returncode:
        why = (done.stderr or done.stdout).strip().splitlines()
        raise Unavailable(f"py-spy cannot sample this process: {why[-1] if why else 'no reason given'} "
                          "(run as root or set kernel.yama.ptrace_scope=0)")


class Sampler:
    """`with Sampler(path):` samples this process into `path` (raw collapsed stacks)."""

    def __init__(self, path: Path, rate: int = RATE):
        self.path, self.rate = Path(path), rate
        self.proc: subprocess.Popen | None = None

    def __enter__(self) -> "Sampler":
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.proc = subprocess.Popen(
            [executable(), "record", "--pid", str(os.getpid()), "--threads", "--idle", "--nonblocking",
             "--rate", str(self.rate), "--format", "raw", "--output", str(self.path)],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        time.sleep(0.5)  # attaching takes a moment; what runs before it is not sampled
        if self.proc.poll() is not None:
            raise Unavailable(f"py-spy stopped at once: {self.proc.stderr.read().strip()[-300:]}")
        return self

    def __exit__(self, *exc) -> None:
        if self.proc is None:
            return
        self.proc.send_signal(signal.SIGINT)  # py-spy writes its file on SIGINT
        try:
            self.proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.proc = None


def read(path: Path) -> list[tuple[str, list[str], int]]:
    """(thread, frames outermost first, samples) per line of a raw py-spy file."""
    out = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack or not count.isdigit():
            continue
        thread, _, frames = stack.partition(";")
        out.append((thread, frames.split(";") if frames else [], int(count)))
    return out


def category(frames: list[str]) -> str:
    """What a sample of the load was doing (RULES)."""
    for name, where, needles in RULES:
        haystack = frames[-1:] if where == "leaf" else frames
        if any(n in f for f in haystack for n in needles):
            return name
    return "other"


def summary(path: Path, rate: int = RATE) -> dict:
    """The seconds sampled inside the load on each of its threads (ROLES), the share of each
    category (RULES) there, and the functions that ran (did not wait) longest."""
    counts: dict[str, Counter] = {}
    busy: Counter = Counter()
    for _thread, frames, n in read(path):
        role = next((r for r, frame in ROLES.items() if any(f.startswith(frame) for f in frames)), None)
        if role is None:
            continue  # before or after the load, or another thread
        what = category(frames)
        counts.setdefault(role, Counter())[what] += n
        if not what.startswith("waiting") and frames:
            busy[frames[-1].split(" (")[0]] += n
    out: dict = {"file": str(path), "rate": rate, "roles": {}}
    for role in ROLES:
        if counts.get(role):
            n = sum(counts[role].values())
            out["roles"][role] = {"seconds": n / rate, "shares": {k: v / n for k, v in counts[role].most_common()}}
    out["busiest"] = [(name, n / rate) for name, n in busy.most_common(5)]
    return out
