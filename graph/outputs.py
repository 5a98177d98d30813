"""Where commands write files: only inside the directory the user names (`--dir`)."""
from __future__ import annotations

from pathlib import Path

from graph.errors import InputError


def resolve(output: str | Path, directory: str | Path = ".") -> Path:
    """The absolute path of `output` (relative to `directory`); refuse one that leaves `directory`.

    `../` steps, absolute paths and symbolic links are followed before the check, so none of
    them can lead a write outside the directory.
    """
    base = Path(directory).expanduser().resolve()
    if base.exists() and not base.is_dir():
        raise InputError(f"--dir {directory}: not a directory")
    target = Path(output).expanduser()
    target = (target if target.is_absolute() else base / target).resolve()
    if base not in target.parents:
        raise InputError(f"--output {output}: outside the output directory {base} "
                         "(name another directory with --dir)")
    if target.is_dir():
        raise InputError(f"--output {output}: is a directory, give a file name")
    return target


def write(path: Path, data: bytes) -> Path:
    """Write a file whole: to a temporary name first, then renamed over the target."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.tmp")
        tmp.write_bytes(data)
        tmp.replace(path)
    except OSError as exc:
        raise InputError(f"cannot write {path}: {exc.strerror or exc}") from exc
    return path
