"""py-spy profiles of the benchmark's own process while the batched writer loads (bench --profile DIR),
and what they say: where each thread of the load spent its time.

py-spy samples every thread from outside the process (`--threads --idle`: waiting counts too), so
the writer thread, which the server keeps waiting, and the thread that prepares the next batch are
both seen. The raw samples (collapsed stacks, one line per stack with its count) are kept: speedscope
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

# what a sample of each thread was doing, by the frames of its stack: the first rule that matches wins
# (`leaf`: the innermost frame; `any`: any frame)
ROLES = {
    "writer": [("waiting for the server", "leaf", ("_wait_for_io", "recv", "select", "poll")),
               ("packing parameters", "any", ("Packer.", "packstream")),
               ("reading results", "any", ("Unpacker", "hydration", "Result.")),
               ("the store's own code", "leaf", ("graph/",))],
    "preparer": [("preparing the next batch", "any", ("write_many.<locals>.batches",)),
                 ("waiting for the writer", "leaf", ("Condition.wait", "Event.wait", "acquire"))],
}


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


def _role(frames_of_thread: list[list[str]]) -> str | None:
    joined = [";".join(f) for f in frames_of_thread]
    if any("Store.write_rows" in j for j in joined):
        return "writer"
    if any("write_many.<locals>.batches" in j for j in joined):
        return "preparer"
    return None


def _category(role: str, frames: list[str]) -> str:
    for name, where, needles in ROLES[role]:
        haystack = frames[-1:] if where == "leaf" else frames
        if any(n in f for f in haystack for n in needles):
            return name
    return "other"


WAITING = {"waiting for the server", "waiting for the writer"}


def summary(path: Path, rate: int = RATE) -> dict:
    """Per role (the writer thread, the thread preparing batches): seconds sampled inside
    Store.write_many and the share of each category; and the functions that ran (did not wait)
    longest in either."""
    by_thread: dict[str, list[tuple[list[str], int]]] = {}
    for thread, frames, n in read(path):
        by_thread.setdefault(thread, []).append((frames, n))
    roles: dict[str, Counter] = {}
    busy: Counter = Counter()
    for stacks in by_thread.values():
        role = _role([f for f, _ in stacks])
        if role is None:
            continue
        for frames, n in stacks:
            if not any("Store.write_many" in f or "Store.write_rows" in f for f in frames):
                continue  # before or after the load
            category = _category(role, frames)
            roles.setdefault(role, Counter())[category] += n
            if category not in WAITING and frames:
                busy[frames[-1].split(" (")[0]] += n
    out: dict = {"file": str(path), "rate": rate, "roles": {}}
    for role, counts in sorted(roles.items(), reverse=True):
        n = sum(counts.values())
        out["roles"][role] = {"seconds": n / rate, "shares": {k: v / n for k, v in counts.most_common()}}
    out["busiest"] = [(name, n / rate) for name, n in busy.most_common(5)]
    return out
