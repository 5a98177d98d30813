"""The mirror file's journal: the changes made since the file was last written whole.

Writing the whole mirror after every load costs time in proportion to the graph, not to the load
(many seconds at a million relationships). So a command whose mirror was equal to its file appends
what it changed to a journal beside the file (`NAME.journal`, JSON lines), and reading the mirror
reads the file, then applies the journal's entries in order:
- `{"apply": rows, "offline": bool}`: a document's rows, applied as Neo4j's writes apply them
  (`apply_document`); `offline`: only the mirror holds it;
- `{"remove": id}`: a document removed;
- `{"status": 1, "stamp": generation, "offline": [ids]}`: the store generation the mirror shows
  after the entries before it (no `stamp`: none known), and the documents only the mirror holds (so
  a command can tell whether the mirror is equal to Neo4j without reading the whole file).
The first line names the file the journal continues (`base`: a random id each whole write gives
the file, first in it), that file's stamp and how many documents it holds. A journal of another
base (a crash between writing the file and starting its journal) is ignored: its entries are in
the file.
"""
from __future__ import annotations

import gzip
import json
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from graph import mirror as mirror_mod
from graph import rows as rows_mod
from graph.atomic import replacing
from graph.errors import InputError
from graph.model import reading, replaceable

FORMAT = "armsgraph-journal/1"
REPLAY_BATCH = 500  # documents a replay applies together (their older versions removed in one pass)
BASE_PREFIX = b'{"base":"'  # how a whole mirror file written by mirror_io.save starts


def path_of(mirror_path: Path) -> Path:
    return Path(mirror_path).with_name(Path(mirror_path).name + ".journal")


def documents_by_source(g) -> dict[str, set[str]]:
    """Source -> the ids of the mirror's documents read from it."""
    out: dict[str, set[str]] = {}
    for n, a in mirror_mod.documents(g).items():
        if replaceable(a.get("source")):
            out.setdefault(a["source"], set()).add(n)
    return out


def apply_document(g, rows: rows_mod.Rows, by_source: dict[str, set[str]] | None = None) -> list[tuple[str, str]]:
    """Apply one document's rows to a mirror as Neo4j's writes do: the same text read otherwise
    (another extractor version, another date or outlet: graph/model.reading), and older versions
    of the document (other texts from its source), are removed first; the same reading is left
    alone. `by_source` (documents_by_source(g), kept up to date here) saves a scan of the mirror
    per document. Return the (id, source) of older versions."""
    return apply_documents(g, [rows], by_source)[0]


def apply_documents(g, batch: list[rows_mod.Rows], by_source: dict[str, set[str]] | None = None,
                    then: Callable[[int, list[tuple[str, str]]], None] | None = None) -> list[list[tuple[str, str]]]:
    """apply_document for documents in turn, to the same end, with the stored versions they replace
    removed together (mirror.remove_documents: one pass over the graph for them all, not one each;
    Neo4j's writes too remove first, then write). A document that replaces or repeats one of the
    batch before it starts a new group. `then(i, replaced)`: called once the i-th document is
    applied, in order. Return each document's older versions (id, source)."""
    by_source = documents_by_source(g) if by_source is None else by_source
    stored = mirror_mod.documents(g)
    out: list[list[tuple[str, str]]] = [[] for _ in batch]
    group: list[tuple[int, bool]] = []  # (index, whether its rows are applied)
    group_ids: set[str] = set()
    remove: list[str] = []

    def flush() -> None:
        mirror_mod.remove_documents(g, remove)
        for i, apply in group:
            if apply:
                mirror_mod.apply_rows(g, batch[i])
            if then is not None:
                then(i, out[i])
        group.clear()
        group_ids.clear()
        remove.clear()

    for i, rows in enumerate(batch):
        doc = rows.documents[0]
        source = doc.get("source")
        older = sorted(by_source.get(source, set()) - {doc["id"]}) if replaceable(source) else []
        if doc["id"] in remove or not group_ids.isdisjoint([doc["id"], *older]):
            flush()
        group_ids.add(doc["id"])
        held = stored.get(doc["id"])
        if held is not None and reading(held) == reading(doc):
            group.append((i, False))
            continue
        if held is not None:
            remove.append(doc["id"])
        if replaceable(source):
            for old in older:
                remove.append(old)
                g.graph.get("offline", {}).pop(old, None)
                out[i].append((old, source))
            by_source[source] = {doc["id"]}
        group.append((i, True))
    flush()
    return out


def applied_many(g, items: list[tuple[rows_mod.Rows, bool, dict | None]],
                 by_source: dict[str, set[str]] | None = None) -> list[list[tuple[str, str]]]:
    """apply_documents for (rows, offline, data) each, and the documents only the mirror holds kept
    up to date: an offline document's rows (`data`: them as JSON, when the caller has them) are
    kept, a document Neo4j holds now is no longer one of them."""
    offline_docs = g.graph.setdefault("offline", {})

    def keep(i: int, replaced: list[tuple[str, str]]) -> None:
        rows, offline, data = items[i]
        doc = rows.documents[0]["id"]
        if not offline:
            offline_docs.pop(doc, None)
        elif doc not in offline_docs or replaced:
            offline_docs[doc] = data if data is not None else rows_mod.as_json(rows)

    return apply_documents(g, [rows for rows, _, _ in items], by_source, then=keep)


def base_of(mirror_path: Path) -> str | None:
    """The base id at the start of a whole mirror file, read without reading the rest."""
    try:
        with open(mirror_path, "rb") as fh:
            head = fh.read(2)
            fh.seek(0)
            start = gzip.GzipFile(fileobj=fh).read(64) if head == b"\x1f\x8b" else fh.read(64)
    except (OSError, EOFError):
        return None
    if not start.startswith(BASE_PREFIX):
        return None
    return start[len(BASE_PREFIX):].split(b'"', 1)[0].decode("ascii", "replace")


def status(g) -> dict:
    """What a status entry (and a journal's first line) says of a mirror."""
    out = {"offline": sorted(g.graph.get("offline") or ())}
    if "stamp" in g.graph:
        out["stamp"] = g.graph["stamp"]
    return out


def start(mirror_path: Path, base: str, g) -> None:
    """A new, empty journal for the whole file just written (replacing the old one in one step)."""
    path = path_of(mirror_path)
    header = {"format": FORMAT, "base": base, "documents": len(mirror_mod.documents(g)), **status(g)}
    try:
        with replacing(path, "w", encoding="utf-8") as fh:
            fh.write(json.dumps(header, ensure_ascii=False) + "\n")
    except OSError as exc:
        raise InputError(f"cannot write the mirror's journal {path}: {(exc.strerror or str(exc)).lower()}") from exc


def _lines(path: Path) -> Iterator[bytes]:
    try:
        with open(path, "rb") as fh:
            yield from fh
    except FileNotFoundError:
        return


def head(mirror_path: Path) -> dict | None:
    """What the journal says the mirror shows, without reading the file or the documents' rows:
    {"stamp" (absent when none is known), "offline": set of ids, "bytes": the journal's size,
    "base_documents": the documents of the file it continues (None: not said)}; None
    when there is no journal continuing the file (then only reading the whole file tells)."""
    try:
        with open(path_of(mirror_path), "rb") as fh:
            first = fh.readline()
            try:
                header = json.loads(first) if first else None
            except ValueError:
                return None
            if not isinstance(header, dict) or header.get("format") != FORMAT \
                    or header.get("base") != base_of(mirror_path):
                return None
            last = _last_status(fh, len(first))
            size = fh.seek(0, os.SEEK_END)
    except FileNotFoundError:
        return None
    out = _shows(header if last is None else last)
    return {**out, "bytes": size, "base_documents": header.get("documents")}


def _last_status(fh: BinaryIO, after: int, chunk: int = 1 << 16) -> dict | None:
    """The journal's last complete status entry after byte `after`, read from its end (a journal
    continuing an empty file holds every document: it is not read through to learn its status)."""
    end = fh.seek(0, os.SEEK_END)
    while True:
        start = max(after, end - chunk)
        fh.seek(start)
        lines = fh.read(end - start).split(b"\n")[:-1]  # (after the last newline: a line being written)
        for line in reversed(lines[1:] if start > after else lines):  # (the first may be cut)
            if line.startswith(b'{"status"'):
                try:
                    return json.loads(line)
                except ValueError:
                    continue  # (one cut short by a command that died writing it, then continued)
        if start == after:
            return None
        chunk *= 4


def _shows(item: dict) -> dict:
    out = {"offline": set(item.get("offline") or ())}
    if "stamp" in item:
        out["stamp"] = item["stamp"]
    return out


def append(mirror_path: Path, lines: Iterable[str]) -> None:
    """Add entries (JSON lines, as entry() gives them) to the journal, on disk before returning."""
    path = path_of(mirror_path)
    try:
        with open(path, "a", encoding="utf-8") as fh:
            fh.writelines(lines)
            fh.flush()
            os.fsync(fh.fileno())
    except OSError as exc:
        raise InputError(f"cannot write the mirror's journal {path}: {(exc.strerror or str(exc)).lower()}") from exc


def entry(**fields) -> str:
    return json.dumps(fields, ensure_ascii=False, separators=(",", ":")) + "\n"


def replay(g, mirror_path: Path, base: str | None, lines: Iterable[str | bytes] | None = None) -> None:
    """Apply to a mirror read from its file the entries of its journal (if it continues that file),
    or the given lines."""
    if lines is None:
        lines = _lines(path_of(mirror_path))
        first = next(lines, None)
        try:
            header = json.loads(first) if first else {}
        except ValueError:
            return
        if base is None or not isinstance(header, dict) or header.get("base") != base:
            return
    by_source = documents_by_source(g)
    pending: list[tuple[rows_mod.Rows, bool, dict]] = []  # documents applied together (applied_many)
    for line in lines:
        if not line.endswith("\n" if isinstance(line, str) else b"\n"):
            break  # a line being written by a command saving now: not there yet
        item = json.loads(line)
        if "apply" in item:
            pending.append((rows_mod.from_json(item["apply"]), item.get("offline", False), item["apply"]))
            if len(pending) >= REPLAY_BATCH:
                applied_many(g, pending, by_source)
                pending = []
            continue
        if pending:
            applied_many(g, pending, by_source)
            pending = []
        if "remove" in item:
            mirror_mod.remove_document(g, item["remove"])
            g.graph.get("offline", {}).pop(item["remove"], None)
            by_source = documents_by_source(g)
        elif "status" in item:
            if "stamp" in item:
                g.graph["stamp"] = item["stamp"]
            else:
                g.graph.pop("stamp", None)
    if pending:
        applied_many(g, pending, by_source)
