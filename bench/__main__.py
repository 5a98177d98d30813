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
from datetime import datetime, timezone
from pathlib import Path
from typing import Optional

import typer

from bench import machine, report, stages

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
    docs_per_transaction: int = typer.Option(2500, help="Documents per transaction of the batched writer."),
    dump: bool = typer.Option(True, "--dump/--no-dump", help="Re-create each size in Neo4j from its Cypher dump "
                              "(cli.py export --format cypher), statement by statement as cypher-shell -f runs it."),
    writers: int = typer.Option(1, help="Transactions the batched writer runs at once."),
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
        None, "--profile", help="Sample each batched load with py-spy into this folder (load-SIZE.txt or, "
        "for repeated loads, load-SIZE-N.txt: raw collapsed stacks for speedscope or flamegraph.pl) and add what the client's threads did to the table."),
):
    """Run the benchmark and print its table (progress goes to stderr)."""
    if quick:
        articles, sizes, naive, pairs, pages = min(articles, 200), "2k,5k", min(naive, 40), min(pairs, 15), "150"
        loads = min(loads, 2)
        mirror_pairs = min(mirror_pairs, 15)
    if uri and not wipe and not no_neo4j:
        print(f"error: the benchmark empties the database between sizes; pass --wipe to allow that for {uri}, "
              "or unset NEO4J_URI to let it start a server of its own", file=sys.stderr)
        raise typer.Exit(2)
    if profile is not None and not no_neo4j:
        from bench import profile as profile_mod
        try:
            profile_mod.check()
        except (profile_mod.Unavailable, OSError, subprocess.SubprocessError) as exc:
            print(f"error: --profile: {exc}", file=sys.stderr)
            raise typer.Exit(2)
    from graph import settings as settings_mod
    from graph.errors import InputError
    try:  # read once, here: a bad ARMSGRAPH_* value is one line before anything starts
        settings = settings_mod.from_env(uri=uri, user=user, password=password, database=database)
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        raise typer.Exit(2)
    size_list = parse_sizes(sizes)
    page_list = [int(p) for p in pages.split(",") if p.strip()]
    started = time.perf_counter()
    results: dict = {"command": "python -m bench " + " ".join(shlex.quote(a) for a in sys.argv[1:]),
                     "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), "seed": seed,
                     "sizes": [], "notes": []}
    server = store = None
    try:
        if not no_neo4j:
            store, server = _open_store(settings, own_server=not uri)
        version = None
        if store is not None:
            version = store.read("CALL dbms.components() YIELD versions, edition "
                                 "RETURN versions[0] + ' ' + edition AS v")[0]["v"]
        results["machine"] = machine.describe(version)

        log(f"extraction: {articles} articles, 1 and {processes} processes")
        results["extraction"] = stages.extraction(articles, seed, processes)

        log(f"corpus for {', '.join(map(report.size_name, size_list))} relationships")
        data = stages.corpus_for(size_list, seed + 1)
        extra = [a.graph() for a in stages.corpus.generate(max(10, naive // 3), seed + 2, start=10_000_000)]
        gc.freeze()  # the corpus lives to the end: keep the collector from scanning it again and again
        if store is not None:
            store.init_schema()
            warm = max([s for s in size_list if s <= WARM_UP] or size_list[:1])
            log(f"warming Neo4j up: {WARM_ROUNDS} loads of {report.size_name(warm)} relationships, each wiped")
            results["warm_up"] = {"size": warm, "relationships": data.edges[warm], "writers": writers,
                                  "docs_per_transaction": docs_per_transaction,
                                  "rounds": [stages.load(store, data.graphs[:data.cuts[warm]], docs_per_transaction,
                                                         writers) for _ in range(WARM_ROUNDS)]}
            stages.wipe(store)
        mirror = None
        for size in size_list:
            n = data.cuts[size]
            graphs = data.graphs[:n]
            entry = {"size": size, "relationships": data.edges[size], "articles": n,
                     "docs_per_transaction": docs_per_transaction, "writers": writers}
            log(f"{report.size_name(size)}: mirror")
            mirror, entry["mirror"] = stages.mirror_figures(stages.combined(graphs))
            t = time.perf_counter()
            chosen = stages.actor_pairs(mirror, pairs, seed)
            from queries.backend import Backend
            mirror_backend = Backend(graph=mirror)
            from queries import paths as paths_mod
            paths_mod._MirrorIndex.of(mirror)
            entry["mirror"]["index_s"] = time.perf_counter() - t
            log(f"{report.size_name(size)}: path in the mirror")
            entry["path_mirror"] = stages.path_latencies(mirror_backend, chosen[:mirror_pairs])
            # the mirror stays for the next size: kept out of the collector's full scans, which would
            # otherwise pause the loader (and with it the server) for seconds at a time
            gc.freeze()
            if store is not None:
                log(f"{report.size_name(size)}: batched load of {n} articles")
                runs, repeats = [], max(1, loads) if size <= WARM_UP else 1
                for i in range(repeats):
                    name = f"load-{report.size_name(size)}" + (f"-{i + 1}" if repeats > 1 else "")
                    runs.append(stages.load(store, graphs, docs_per_transaction, writers,
                                            profile / f"{name}.txt" if profile else None))
                entry["load"] = stages.median(runs)
                log(f"{report.size_name(size)}: naive writer, {naive} relations")
                entry["naive"] = stages.naive_load(store, extra, naive)
                log(f"{report.size_name(size)}: path in Neo4j")
                entry["path_neo4j"] = stages.path_latencies(Backend(store=store), chosen)
                if dump:  # last: it empties the database and re-creates the mirror's graph in it
                    log(f"{report.size_name(size)}: re-create from the Cypher dump")
                    entry["dump"] = stages.dump_load(store, mirror)
            results["sizes"].append(entry)
        if page_list:
            mirror = None
            log(f"pages of {', '.join(map(str, page_list))} entities in Chromium")
            results["pages"] = stages.page_settles(data, page_list)
    finally:
        results["total_s"] = time.perf_counter() - started
        if json_out:  # what was measured, even when a stage failed
            json_out.write_text(json.dumps(results, indent=1, default=str), encoding="utf-8")
        if store is not None:
            try:
                if server is None:  # leave the database at --uri empty, as it was
                    stages.wipe(store)
            finally:
                store.close()
                if server is not None:
                    log("stopping the benchmark's Neo4j")
                    server.stop()
    results["load_average"] = [min(LOAD + [os.getloadavg()[0]]), max(LOAD + [os.getloadavg()[0]])]
    results["notes"] = _notes(results)
    print(report.table(results))


def _open_store(settings, own_server: bool):
    """A Store on the settings' server, or (own_server) on a Neo4j the benchmark starts itself."""
    from dataclasses import replace

    from bench.server import OwnServer
    from graph.store import Store
    server = None
    if own_server:
        log("starting a Neo4j of the benchmark's own")
        server = OwnServer().start()
        settings = replace(settings, uri=server.uri)
    try:
        store = Store.connect(settings)
    except BaseException:
        if server is not None:
            server.stop()
        raise
    return store, server


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
