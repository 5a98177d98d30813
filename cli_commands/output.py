"""Everything the CLI prints: the configured rich Console (stdout, and its twin on stderr), error
lines and exit codes, progress, tables and JSON. Command modules hand results here; nothing else
prints."""
from __future__ import annotations

import functools
import json
import re
import sys
from contextlib import contextmanager
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

from graph import schema as schema_mod
from graph.errors import ArmsGraphError

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


class SafeConsole(Console):
    """A rich Console that shows control characters in what it prints escaped (\\x1b, not an escape
    sequence): file names, article sentences and names come from untrusted text. Styles rich adds
    itself are control segments and pass unchanged."""

    def render(self, renderable, options=None):
        for segment in super().render(renderable, options):
            if segment.control is None and _CONTROL.search(segment.text):
                text = _CONTROL.sub(lambda m: repr(m[0])[1:-1], segment.text)
                yield Segment(text, segment.style)
            else:
                yield segment


out = SafeConsole()
err = SafeConsole(stderr=True)


def line(text: str, console: Console = out, *, soft_wrap: bool = True) -> None:
    """One line of plain text (no markup, no highlighting, by default never wrapped): it may hold names."""
    console.print(text, markup=False, highlight=False, soft_wrap=soft_wrap)


def note(text: str) -> None:
    """A line on stderr beside the answer, e.g. that the mirror answers instead of Neo4j."""
    err.print(text, highlight=False, soft_wrap=True, markup=False)


def as_json(data) -> None:
    out.print_json(json.dumps(data, ensure_ascii=False, default=str))


def handled(fn):
    """Report ArmsGraphErrors as one line on stderr with their exit code, never a traceback."""
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except ArmsGraphError as exc:
            err.print(Text.assemble(("error:", "red"), f" {exc}"), highlight=False, soft_wrap=True)
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            err.print("interrupted")
            raise typer.Exit(130) from None
    return wrapper


# data commands ------------------------------------------------------------------------------------

def gold_rows(rows, format: str) -> int:
    """extract's rows: one JSON object a line on stdout as they come (jsonl), or one table; how many."""
    table = Table("doc", "type", "source", "target", "weapon", "quantity", "status", "claimed by")
    n = 0
    for row in rows:
        n += 1
        if format == "jsonl":
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
        else:
            q = row.get("quantity")
            table.add_row(*map(Text, (row["doc"], row["type"], row["source"], row["target"], row.get("weapon", ""),
                                      json.dumps(q) if q else "", row.get("status", ""),
                                      row.get("claimed_by", ""))))
    if format == "table":
        out.print(table)
    return n


def extract_summary(summary, n: int) -> None:
    for source, reason in summary.skipped:
        line(f"skipped {source}: {reason}", err)
    if summary.read:
        err.print(f"{summary.read} documents, {n} relations", highlight=False)


@contextmanager
def loading(disable: bool):
    """A progress bar on stderr while documents load; yields the callback that advances it."""
    with Progress(TextColumn("loading"), BarColumn(), MofNCompleteColumn(),
                  TextColumn("{task.description}", markup=False),  # a file name, not markup
                  TimeElapsedColumn(), console=err, transient=True, disable=disable) as progress:
        task = progress.add_task("", total=None)

        def step(name: str):
            progress.update(task, advance=1, description=name or "")
        yield step


def load_summary(summary, mirror_path, json_out: bool) -> None:
    if json_out:
        out.print_json(data={"read": summary.read, "unchanged": summary.unchanged, "skipped": summary.skipped,
                             "feed_items_held": summary.known,
                             "relations": summary.relations,
                             "replaced": [{"id": i, "source": src} for i, src in summary.replaced],
                             "only_in_mirror": summary.offline,
                             "copies": [{"document": n, "copy_of": o} for n, o in summary.copies],
                             "damaged_signatures": summary.damaged_signatures, "unsigned": summary.unsigned,
                             "counts": [dict(zip(("what", "in_documents", "added", "already_present"), r))
                                        for r in summary.table()]})
        return
    table = Table("", "in the documents", "added", "already present", title="load summary")
    for row in summary.table():
        table.add_row(*map(str, row))
    out.print(table)
    unchanged = f" ({summary.unchanged} unchanged, not read again)" if summary.unchanged else ""
    line(f"{summary.read} documents read{unchanged}, {len(summary.skipped)} skipped, "
         f"{summary.relations} relations extracted; mirror: {mirror_path}")
    if summary.known:
        line(f"  {summary.known} feed item{'s' * (summary.known != 1)} held already, not fetched")
    for doc, source in summary.replaced:
        line(f"  replaced {doc}: an older text of {source}")
    for name, original in summary.copies:
        line(f"  {name}: a wire copy of {original}, counted as one source with it")
    if summary.damaged_signatures:
        line(f"  warning: {summary.damaged_signatures} stored documents have a damaged text signature: "
             "copies of them are not found")
    if summary.unsigned:
        line(f"  {summary.unsigned} stored documents have no text signature (stored before wire copies were "
             "detected): copies of them are not found until they are loaded again")
    if summary.offline:
        out.print(f"  {summary.offline} document{'s' * (summary.offline != 1)} only in the mirror (loaded with "
                  "--offline; load them again without it to store them in Neo4j)", highlight=False)
    for source, reason in summary.skipped:
        line(f"  skipped {source}: {reason}")


# analyst commands ---------------------------------------------------------------------------------

def path_result(result, spec, per_hop: int, json_out: bool) -> None:
    if json_out:
        as_json(result.as_dict())
    elif result.paths:
        from queries import render
        for text in render.path_report(result, per_hop):
            line(text)
    else:
        way = "following relation direction" if spec.directed else "in either direction"
        line(f"no path between {result.source['name']} and {result.target['name']} within "
             f"{spec.max_hops} hops {way}")


def query_list(queries: dict, json_out: bool) -> None:
    if json_out:
        as_json([{"name": q.name, "description": q.description, "example": q.example,
                  "params": [{"name": p.name, "type": p.type, "description": p.description,
                              "default": p.default, "required": p.required} for p in q.params]}
                 for q in queries.values()])
        return
    table = Table("query", "what it answers, and an example", "parameters (optional ones with their default)",
                  title="questions (queries/*.cypher)", show_lines=True)
    for q in queries.values():
        params = ", ".join(p.name if p.required else f"[{p.name}={p.default!r}]" for p in q.params)
        table.add_row(q.name, Text(f"{q.description}\n{q.example}"), Text(params))
    out.print(table)


def query_rows(q, values: dict, rows: list[dict], json_out: bool) -> None:
    if json_out:
        as_json(rows)
    elif rows:
        from queries import render
        out.print(render.rows_table(rows, title=q.description))
        out.print(f"{len(rows)} row{'s' * (len(rows) != 1)}", highlight=False)
    else:
        given = ", ".join(f"{k}={v}" for k, v in values.items() if v != "")  # (not the open ends)
        out.print(f"no rows for {q.name} ({given})", highlight=False, markup=False)


def _group(rel_type: str) -> str:
    schema = schema_mod.load()
    if rel_type in schema.relations:
        return f"fact ({schema.relations[rel_type].group})"
    return "structural" if rel_type in schema.structural else "provenance"


def stats(result: dict, json_out: bool) -> None:
    from queries import render
    if json_out:
        as_json(result)
        return
    nodes = Table("kind", "nodes", title=f"nodes ({result['source']})")
    for kind, n in sorted(result["nodes"].items(), key=lambda kv: (-kv[1], str(kv[0]))):
        nodes.add_row(str(kind), str(n))
    rels = Table("type", "group", "relationships", title=f"relationships ({result['source']})")
    for rel_type, n in sorted(result["relationships"].items(), key=lambda kv: (_group(kv[0]), -kv[1])):
        rels.add_row(str(rel_type), _group(str(rel_type)), str(n))
    out.print(nodes, rels)
    out.print(f"actor graph: {result['actors']} entities, {result['ties']} ties", highlight=False)
    for measure, rows in result["central"].items():
        table = Table("actor", "kind", measure, "relations", title=f"most central by {measure}",
                      caption=result["explain"][measure])
        for r in rows:
            table.add_row(Text(r["name"]), r["kind"], render.cell(r["score"]), str(r["relations"]))  # names: text
        out.print(table)
    table = Table("actor", "kind", "cut point: parts left", "communities it ties (leader, size)",
                  title="brokers", caption=result["explain"]["brokers"])
    for r in result["brokers"]:
        parts = ", ".join(map(str, r["separates"])) if r["cut_point"] else ""
        table.add_row(Text(r["name"]), r["kind"], parts, Text("; ".join(r["communities"])))
    out.print(table)
    if not result["actors"]:
        out.print("the graph holds no related actors yet (load articles with cli.py load)")


# viz and export -----------------------------------------------------------------------------------

def written(summary: dict, json_out: bool) -> None:
    """What viz or export wrote: JSON, or a two-column table titled with the file name."""
    if json_out:
        out.print_json(data=summary)
        return
    table = Table("", "", title=Text(f"wrote {Path(summary['path']).name}"), show_header=False)  # Text: a path is not rich markup
    for key, value in summary.items():
        table.add_row(key.replace("_", " "), Text(str(value)))
    out.print(table)
