"""Which files are articles: the paths named, the files found in folders, and why others are skipped."""
from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from graph.errors import DocumentError

SUFFIXES = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
            ".html": "html", ".htm": "html", ".xhtml": "html"}
SIDECAR_SUFFIX = ".json"  # ARTICLE.json beside ARTICLE.txt: the article's date, outlet, URL (article_meta)


def os_reason(err: OSError) -> str:
    """The system's short reason in lower case, e.g. 'no such file or directory', 'is a directory'."""
    return (err.strerror or str(err)).lower()


_FILE_KINDS = ((stat.S_ISFIFO, "named pipe"), (stat.S_ISSOCK, "socket"), (stat.S_ISCHR, "character device"),
               (stat.S_ISBLK, "block device"))


def _broken_link(path: str, err: OSError) -> DocumentError:
    """A symbolic link that leads nowhere: its target and why (missing, a loop of links, ...)."""
    try:
        target = os.readlink(path)
    except OSError:
        target = "?"
    return DocumentError(path, f"broken symbolic link to {target} ({os_reason(err)})")


def _skipped_type(path: str, mode: int) -> DocumentError | None:
    """Why a path a folder holds is not read as an article, or None when it is read."""
    if stat.S_ISREG(mode):
        suffix = Path(path).suffix.lower()
        if suffix in SUFFIXES:
            return None
        kind = f"file type {suffix}" if suffix else "file without a type suffix"
        return DocumentError(path, f"{kind} is not read (articles are {', '.join(SUFFIXES)})")
    kind = next((name for test, name in _FILE_KINDS if test(mode)), "special file")
    return DocumentError(path, f"not a regular file ({kind})")


def sidecar_of(path: str | os.PathLike, names: set[str] | None = None) -> str | None:
    """The article a file is the sidecar of (ARTICLE.json beside ARTICLE.txt), or None. `names`:
    the names in the file's folder, when the caller has them."""
    path = Path(path)
    if path.suffix.lower() != SIDECAR_SUFFIX:
        return None
    if names is None:
        try:
            names = set(os.listdir(path.parent))
        except OSError:
            return None
    return next((name for suffix in SUFFIXES for name in (path.stem + suffix, path.stem + suffix.upper())
                 if name in names), None)


def _walk(directory: Path, recursive: bool, seen: set[tuple[int, int]]) -> Iterator[Path | DocumentError]:
    try:
        entries = sorted(os.scandir(directory), key=lambda e: e.name)
        here = os.stat(directory)
    except OSError as err:
        yield DocumentError(str(directory), os_reason(err))
        return
    names = {entry.name for entry in entries}
    if (here.st_dev, here.st_ino) in seen:  # a bind mount of a folder inside itself
        yield DocumentError(str(directory), "a folder read before (a loop), not read again")
        return
    seen.add((here.st_dev, here.st_ino))
    for entry in entries:
        if entry.name.startswith(".") or sidecar_of(entry.name, names):
            continue  # (a sidecar is read with its article)
        try:
            if entry.is_symlink():
                try:
                    mode = os.stat(entry.path).st_mode  # what the link leads to
                except OSError as err:
                    yield _broken_link(entry.path, err)
                    continue
                if stat.S_ISDIR(mode):
                    yield DocumentError(entry.path, "symbolic link to a folder, not followed "
                                                    "(name the folder itself to read it)")
                    continue
            elif entry.is_dir(follow_symlinks=False):
                if recursive:
                    yield from _walk(Path(entry.path), recursive, seen)
                else:
                    yield DocumentError(entry.path, "a folder, not read (not recursive)")
                continue
            else:
                mode = entry.stat(follow_symlinks=False).st_mode
        except OSError as err:  # gone since the folder was listed, or unreadable
            yield DocumentError(entry.path, os_reason(err))
            continue
        yield _skipped_type(entry.path, mode) or Path(entry.path)


def iter_paths(paths: Iterable[str | os.PathLike], *, recursive: bool = True) -> Iterator[Path | DocumentError]:
    """Files named or found in folders; "-" is stdin. A named file is read whatever its suffix.
    In a folder (sorted by name; subfolders too when `recursive`), files with a suffix in SUFFIXES
    are read, and every other path is a DocumentError with the reason it is skipped: another file
    type, a broken symbolic link (missing target, a loop of links), a link to a folder (not
    followed, so no loop of links is ever walked), a pipe or device. Hidden files and folders
    (names starting with ".": .git, editors' backups) and articles' sidecars (ARTICLE.json beside
    ARTICLE.txt, read with the article) are passed over without a word; a sidecar named is
    refused."""
    for given in paths:
        if str(given) == "-":
            yield Path("-")
            continue
        try:
            os.stat(given)
        except OSError as err:
            yield _broken_link(str(given), err) if os.path.islink(given) else DocumentError(str(given),
                                                                                            os_reason(err))
            continue
        if os.path.isdir(given):
            yield from _walk(Path(given), recursive, set())
        elif article := sidecar_of(given):
            yield DocumentError(str(given), f"the sidecar of {article} (its date, outlet and URL), not an article")
        else:
            yield Path(given)

