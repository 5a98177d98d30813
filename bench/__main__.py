"""python -m bench: how armsgraph holds up at news scale, as one Markdown table.

Extraction speed and accuracy on a synthetic German/English corpus, loading into Neo4j (the
batched store against a naive writer, and re-creating the graph from its Cypher dump), path
latency in Neo4j and in the networkx mirror, the mirror's size, and the time the graph page needs
to settle in headless Chromium.

By default it starts a Neo4j of its own (scripts/neo4j-local, temporary data, free ports) and
stops it at the end. With --uri (or NEO4J_URI) it uses that server instead, and then it needs
--wipe, because it empties the database between sizes.
"""
from __future__ import annotations

import gc
import json
import os
import shlex
import subprocess
import sys
import time
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Optional

import typer

from bench import command_run
from bench import commands as commands_mod
from bench import machine, report, stages
from bench.server import open_store
from graph.settings import DEFAULT_DOCS_PER_TRANSACTION

app = typer.Typer(add_completion=False, pretty_exceptions_enable=False, help=__doc__)


def parse_sizes(text: str) -> list[int]:
    """'10k,100k,1M' -> [10000, 100000, 1000000]."""
    out = []
    for part in filter(None, (p.strip() for p in text.split(","))):
        scale = {"k": 1_000, "m": 1_000_000}.get(part[-1].lower(), 1)
        number = part[:-1] if scale > 1 else part
        try:
            out.append(int(float(number) * scale))
        except ValueError:
            raise typer.BadParameter(f"not a size: {part!r} (use e.g. 10k,100k,1M)") from None
    return sorted(set(out))


WARM_UP = 100_000  # relationships loaded (and wiped) before the first measurement, WARM_ROUNDS times
WARM_ROUNDS = 6  # measured: after a start the JIT speeds loads of 100k up for about six loads
                 # (one server, one load after another: 4,900, 10,800, 11,500, 12,300, 12,700, 14,300,
                 # 14,400 rels/s)
LOAD: list[float] = []  # the machine's 1-minute load average at each step


def log(message: str) -> None:
    LOAD.append(os.getloadavg()[0])
    print(f"[bench {datetime.now():%H:%M:%S}] {message} (load average {LOAD[-1]:.1f})", file=sys.stderr, flush=True)


@dataclass
class Options:
    """What main() was asked for, after --quick."""

    articles: int
    sizes: list[int]
    processes: int
    loads: int
    naive: int
    pairs: int
    mirror_pairs: int
    pages: list[int]
    docs_per_transaction: int
    dump: bool
    seed: int
    profile: Optional[Path]

    def quick(self) -> "Options":
        """A tiny run (seconds, not minutes)."""
        return replace(self, articles=min(self.articles, 200), sizes=[2_000, 5_000], naive=min(self.naive, 40),
                       pairs=min(self.pairs, 15), pages=[150], loads=min(self.loads, 2),
                       mirror_pairs=min(self.mirror_pairs, 15))


@app.command()
def main(
    articles: int = typer.Option(10_000, help="Articles for the extraction measurement."),
    sizes: str = typer.Option("10k,100k,1M", help="Graph sizes, in relationships, for loading, paths and the mirror."),
    processes: int = typer.Option(2, help="Worker processes for the parallel extraction."),
    loads: int = typer.Option(3, help="Batched loads of each size up to 100k relationships (one of larger sizes); "
                              "the median is reported, with all of them."),
    naive: int = typer.Option(500, help="Relations the naive writer writes at each size (one transaction each)."),
    pairs: int = typer.Option(100, help="Actor pairs for the path latencies in Neo4j at each size."),
    mirror_pairs: int = typer.Option(30, help="Actor pairs for the path latencies in the mirror at each size."),
    pages: str = typer.Option("2000,5000", help="Entities on the pages timed in Chromium ('' to skip)."),
    docs_per_transaction: Optional[int] = typer.Option(
        None, min=1, help="Documents per transaction of the batched load (default: as `cli.py load`, "
        f"ARMSGRAPH_DOCS_PER_TRANSACTION or {DEFAULT_DOCS_PER_TRANSACTION})."),
    dump: bool = typer.Option(True, "--dump/--no-dump", help="Re-create each size in Neo4j from its Cypher dump "
                              "(cli.py export --format cypher), statement by statement as cypher-shell -f runs it."),
    seed: int = typer.Option(1, help="Seed of the corpus and of the sampled pairs."),
    quick: bool = typer.Option(False, "--quick", help="A tiny run (seconds, not minutes): checks that it all works."),
    uri: Optional[str] = typer.Option(None, envvar="NEO4J_URI", help="Use this Neo4j instead of starting one."),
    user: Optional[str] = typer.Option(None, envvar="NEO4J_USER"),
    password: Optional[str] = typer.Option(None, envvar="NEO4J_PASSWORD", show_default=False),
    database: Optional[str] = typer.Option(None, envvar="NEO4J_DATABASE"),
    wipe: bool = typer.Option(False, "--wipe", help="Allow emptying the database at --uri (never needed for the own server)."),
    no_neo4j: bool = typer.Option(False, "--no-neo4j", help="Skip everything that needs Neo4j."),
    json_out: Optional[Path] = typer.Option(None, "--json", help="Also write the figures as JSON to this file."),
    profile: Optional[Path] = typer.Option(
        None, "--profile", help="Sample each batched load and command with py-spy into this folder (load-SIZE.txt or, "
        "for repeated loads, load-SIZE-N.txt: raw collapsed stacks for speedscope or flamegraph.pl) and add what the client did to the table."),
    commands: bool = typer.Option(True, "--commands/--no-commands", help="First: cli.py extract, load as users run them."),
    only_commands: bool = typer.Option(False, "--only-commands", help="Only the command rows."),
    command_articles: int = typer.Option(5_000, min=1, help="Generated articles the commands read (--quick: 200)."),
    big_graph: str = typer.Option("1M", help="Relationships of the graph 500 new articles go into ('0': skip; --quick)."),
    memory_articles: int = typer.Option(0, help="Also load this many articles and report the peak memory (0: no)."),
):
    """Run the benchmark and print its table (progress goes to stderr)."""
    settings = _checked_settings(uri, user, password, database, wipe=wipe, no_neo4j=no_neo4j or only_commands,
                                 profile=profile is not None)  # (the commands start servers of their own)
    opts = Options(articles, parse_sizes(sizes), processes, loads, naive, pairs, mirror_pairs,
                   [int(p) for p in pages.split(",") if p.strip()],
                   docs_per_transaction or settings.docs_per_transaction, dump, seed, profile)
    opts = opts.quick() if quick else opts
    cmd = commands_mod.CommandOptions.asked(command_articles, (parse_sizes(big_graph) or [0])[-1], memory_articles,
                                            quick=quick, neo4j=not no_neo4j, profile=profile, only=only_commands, log=log)
    results = _measured(opts, cmd if commands or only_commands else None, settings, uri, no_neo4j, json_out)
    print(report.table(_finished(results)))


def _measured(opts: Options, cmd, settings, uri: Optional[str], no_neo4j: bool, json_out: Optional[Path]) -> dict:
    """The figures of every stage asked for, the commands first (`cmd`; None: not asked for); written
    to `json_out` as they are, even when a stage failed."""
    started = time.perf_counter()
    results: dict = {"command": "python -m bench " + " ".join(shlex.quote(a) for a in sys.argv[1:]),
                     "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), "seed": opts.seed, "sizes": []}
    server = store = None
    try:
        if cmd is not None:
            commands_mod.measure(cmd, results.setdefault("commands", {}))
        if not (cmd is not None and cmd.only):
            if not no_neo4j:
                log("starting a Neo4j of the benchmark's own" if not uri else f"connecting to {uri}")
                store, server = open_store(settings, own_server=not uri)
            _run(opts, store, results)
    finally:
        results["total_s"] = time.perf_counter() - started
        command_run.settle(results)  # the commands against the parts this run measured
        if json_out:
            json_out.write_text(json.dumps(results, indent=1, default=str), encoding="utf-8")
        _close(store, server)
    return results


def _finished(results: dict) -> dict:
    """The results with the range of the machine's load average and the notes."""
    results.setdefault("machine", machine.describe(results.get("commands", {}).get("neo4j")))  # (else _run's)
    results["load_average"] = [min(LOAD + [os.getloadavg()[0]]), max(LOAD + [os.getloadavg()[0]])]
    results["notes"] = _notes(results)
    return results


def _checked_settings(uri, user, password, database, *, wipe: bool, no_neo4j: bool, profile: bool):
    """The settings (ARMSGRAPH_* read once, here); a bad option or value is one line and exit 2
    before anything starts."""
    if uri and not wipe and not no_neo4j:
        _fail(f"the benchmark empties the database between sizes; pass --wipe to allow that for {uri}, "
              "or unset NEO4J_URI to let it start a server of its own")
    if profile and not no_neo4j:
        from bench import profile as profile_mod
        try:
            profile_mod.check()
        except (profile_mod.Unavailable, OSError, subprocess.SubprocessError) as exc:
            _fail(f"--profile: {exc}")
    from graph import settings as settings_mod
    from graph.errors import InputError
    try:
        return settings_mod.from_env(uri=uri, user=user, password=password, database=database)
    except InputError as exc:
        _fail(str(exc))


def _fail(message: str):
    print(f"error: {message}", file=sys.stderr)
    raise typer.Exit(2)


def _run(opts: Options, store, results: dict) -> None:
    """Every stage, its figures into `results`."""
    version = None
    if store is not None:
        version = store.read("CALL dbms.components() YIELD versions, edition "
                             "RETURN versions[0] + ' ' + edition AS v")[0]["v"]
    results["machine"] = machine.describe(version)
    log(f"extraction: {opts.articles} articles, 1 and {opts.processes} processes")
    results["extraction"] = stages.extraction(opts.articles, opts.seed, opts.processes)
    log(f"corpus for {', '.join(map(report.size_name, opts.sizes))} relationships")
    data = stages.corpus_for(opts.sizes, opts.seed + 1)
    extra = [a.graph() for a in stages.corpus.generate(max(10, opts.naive // 3), opts.seed + 2, start=10_000_000)]
    gc.freeze()  # the corpus lives to the end: keep the collector from scanning it again and again
    if store is not None:
        results["warm_up"] = _warm_up(opts, store, data)
    for size in opts.sizes:
        results["sizes"].append(_size(opts, store, data, extra, size))
    if opts.pages:
        log(f"pages of {', '.join(map(str, opts.pages))} entities in Chromium")
        results["pages"] = stages.page_settles(data, opts.pages)


def _warm_up(opts: Options, store, data) -> dict:
    store.init_schema()
    warm = max([s for s in opts.sizes if s <= WARM_UP] or opts.sizes[:1])
    log(f"warming Neo4j up: {WARM_ROUNDS} loads of {report.size_name(warm)} relationships, each wiped")
    out = {"size": warm, "relationships": data.edges[warm], "docs_per_transaction": opts.docs_per_transaction,
           "rounds": [stages.load(store, data.graphs[:data.cuts[warm]], opts.docs_per_transaction)
                      for _ in range(WARM_ROUNDS)]}
    stages.wipe(store)
    return out


def _size(opts: Options, store, data, extra: list, size: int) -> dict:
    """The figures of one size: the mirror, paths in it, and with Neo4j loads, paths and the dump."""
    from queries.backend import Backend
    n = data.cuts[size]
    graphs = data.graphs[:n]
    name = report.size_name(size)
    entry = {"size": size, "relationships": data.edges[size], "articles": n,
             "docs_per_transaction": opts.docs_per_transaction}
    log(f"{name}: mirror")
    mirror, entry["mirror"] = stages.mirror_figures(stages.combined(graphs))
    t = time.perf_counter()
    chosen = stages.actor_pairs(mirror, opts.pairs, opts.seed)
    mirror_backend = Backend(graph=mirror)  # (its path index built here, timed)
    stages.path_latencies(mirror_backend, chosen[:1], warm=0)
    entry["mirror"]["index_s"] = time.perf_counter() - t
    log(f"{name}: path in the mirror")
    entry["path_mirror"] = stages.path_latencies(mirror_backend, chosen[:opts.mirror_pairs])
    # the mirror stays for the next size: kept out of the collector's full scans, which would
    # otherwise pause the loader (and with it the server) for seconds at a time
    gc.freeze()
    if store is None:
        return entry
    log(f"{name}: batched load of {n} articles")
    repeats = max(1, opts.loads) if size <= WARM_UP else 1
    entry["load"] = stages.median([
        stages.load(store, graphs, opts.docs_per_transaction,
                    opts.profile / f"load-{name}{f'-{i + 1}' if repeats > 1 else ''}.txt" if opts.profile else None)
        for i in range(repeats)])
    log(f"{name}: naive writer, {opts.naive} relations")
    entry["naive"] = stages.naive_load(store, extra, opts.naive)
    log(f"{name}: path in Neo4j")
    entry["path_neo4j"] = stages.path_latencies(Backend(store=store), chosen)
    if opts.dump:  # last: it empties the database and re-creates the mirror's graph in it
        log(f"{name}: re-create from the Cypher dump")
        entry["dump"] = stages.dump_load(store, mirror)
    return entry


def _close(store, server) -> None:
    """Leave the database at --uri empty, as it was; stop the benchmark's own server."""
    if store is None:
        return
    try:
        if server is None:
            stages.wipe(store)
    finally:
        store.close()
        if server is not None:
            log("stopping the benchmark's Neo4j")
            server.stop()


def _notes(r: dict) -> list[str]:
    notes = ["Sizes count every relationship the stores hold: facts, IN_DOCUMENT and CLAIMED_BY of each "
             "report, structural links. The graphs are what a perfect extractor reads from the generated "
             "articles (bench/corpus.py), so loading does not wait for extraction. Path latencies are "
             "queries/paths.find as `cli.py path A B` runs it (ids resolved, shortest path, every relation "
             "of each hop with evidence), random connected actor pairs, after ten warm-up queries."]
    if r.get("sizes") and r["sizes"][0].get("load"):
        notes.append("Neo4j runs on the JVM, whose JIT compiles the hot paths of a load over the first few "
                     "hundred thousand relationships: the server was warmed up by loading (and wiping) the "
                     f"first articles {WARM_ROUNDS} times before the first measurement; the first of those loads "
                     "is shown as the cold server. The naive writer is the store itself called with one relation (its "
                     "document, entities, fact, evidence) per transaction.")
    return notes


if __name__ == "__main__":
    app()
