"""Where commands write files: where the user says, except over the tool's own data; and the two
files drawn from the mirror, `viz`'s page and `export`'s dump.

A path given with --output is the user's choice, anywhere on their file system (a relative one is
taken from --dir, default the current directory). Refused are only paths that would destroy what the
command reads or keeps: the mirror file, its lock and journal, the command's inputs, and directories.
"""
from __future__ import annotations

import os
from pathlib import Path

from graph import journal, mirror_io
from graph.atomic import replacing
from graph.errors import InputError, NotFoundError


def protected(mirror_path: str | Path) -> dict[Path, str]:
    """The files an output must never replace, with what they are: the mirror and its lock file."""
    mirror_path = Path(mirror_path).expanduser()
    return {mirror_path: "the mirror file", mirror_path.with_name(f".{mirror_path.name}.lock"): "the mirror's lock file",
            journal.path_of(mirror_path): "the mirror's journal"}


def resolve(output: str | Path, directory: str | Path = ".", keep: dict[Path, str] | None = None) -> Path:
    """The absolute path of `output` (relative to `directory`), followed through `../` and symbolic
    links; InputError when it is a directory or one of the files in `keep` ({path: what it is})."""
    base = Path(directory).expanduser()
    if base.exists() and not base.is_dir():
        raise InputError(f"--dir {directory}: not a directory")
    if not str(output).strip():
        raise InputError("--output is empty: give a file name")
    target = Path(output).expanduser()
    target = Path(os.path.realpath(target if target.is_absolute() else base / target))
    if target.is_dir():
        raise InputError(f"--output {output}: is a directory, give a file name")
    for path, what in (keep or {}).items():
        if target == Path(os.path.realpath(Path(path).expanduser())):
            raise InputError(f"--output {output}: is {what}, which this command reads; choose another file")
    return target


def write(path: Path, data: bytes) -> Path:
    """Write a file whole: to a temporary name first, then renamed over the target."""
    try:
        with replacing(path) as fh:
            fh.write(data)
    except OSError as exc:
        raise InputError(f"cannot write {path}: {(exc.strerror or str(exc)).lower()}") from exc
    return path


def read_mirror(path: Path):
    """The mirror graph, or a one-line NotFoundError telling the user to load articles first."""
    if not Path(path).exists():
        raise NotFoundError(f"no mirror at {path}: run `cli.py load ARTICLES` first")
    return mirror_io.load(path)


def draw(mirror_path: Path, output: Path, directory: Path, title: str, *, types: str | None = None,
         actor: str | None = None, depth: int = 1, min_corroboration: int = 0, vocabulary=None) -> dict:
    """Write the mirror's graph as one HTML page (graph/viz.py) to `output` (relative to `directory`);
    what was written. `vocabulary` resolves --actor (viz.find_actor)."""
    from graph import viz as viz_mod
    path = resolve(output, directory, protected(mirror_path))
    g = read_mirror(mirror_path)
    d, scope = viz_mod.build(g, types=types, actor=actor, depth=depth, min_corroboration=min_corroboration,
                             vocabulary=vocabulary)
    write(path, viz_mod.page(d, title, scope).encode("utf-8"))
    return {"path": str(path), "entities": len(d.nodes), "lines": len(d.edges),
            "facts": d.facts, "reports": d.reports, "articles": d.documents}


def draw_timeline(mirror_path: Path, output: Path, directory: Path, title: str, *, actor: str | None = None,
                  period=None, vocabulary=None) -> dict:
    """Write the mirror's transfers and visits per month and pair as one HTML page (graph/timeline.py)
    to `output` (relative to `directory`); what was written."""
    from graph import timeline
    from graph.period import Period
    path = resolve(output, directory, protected(mirror_path))
    picture = timeline.build(read_mirror(mirror_path), actor=actor, period=period or Period(), vocabulary=vocabulary)
    write(path, timeline.page(picture, title).encode("utf-8"))
    return {"path": str(path), "pairs": len(picture.rows), "marks": len(picture.marks), "months": len(picture.months),
            "reports": sum(len(m.reports) for m in picture.marks), "undated": picture.undated}


def export(mirror_path: Path, format: str, output: Path | None, directory: Path, evidence: bool) -> dict:
    """Write the mirror's graph in `format` (graph/export.py) to `output` (default out/graph.FORMAT,
    out/transfers.csv; relative to `directory`); what was written."""
    from graph import export as export_mod
    fmt = export_mod.check_format(format)
    path = resolve(output or Path("out") / export_mod.DEFAULT_NAMES[fmt], directory, protected(mirror_path))
    data, counts = export_mod.export(read_mirror(mirror_path), fmt, evidence)
    write(path, data)
    return {"format": fmt, "path": str(path), **counts, "bytes": len(data)}
