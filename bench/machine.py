"""The machine a benchmark ran on: CPU, cores, memory, Python and library versions."""
from __future__ import annotations

import os
import platform
from pathlib import Path


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _memory_gib() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) / 1024 / 1024
    except OSError:
        pass
    return None


def describe(neo4j_version: str | None = None) -> dict[str, str]:
    """What the table's header says about the machine."""
    import spacy

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    ram = _memory_gib()
    return {"cpu": _cpu_model(), "cores": str(cores), "ram": f"{ram:.0f} GiB" if ram else "?",
            "os": platform.platform(terse=True), "python": platform.python_version(),
            "spacy": spacy.__version__, "neo4j": neo4j_version or "not used"}
