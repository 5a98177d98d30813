"""The benchmark's measurements, one function per stage; each returns plain figures (no printing)."""
from __future__ import annotations

import contextlib
import gc
import random
import tempfile
import time
import tracemalloc
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

from bench import accuracy, corpus, naive
from bench import profile as profile_mod
from graph import cypher_dump
from graph import mirror_io
from graph import export
from graph import mirror as mirror_mod
from graph import rows as rows_mod
from graph.model import GraphData
from loaders.ingest import Writer
from queries import paths


@dataclass
class Corpus:
    """Generated articles with their graphs, and the article counts at which each size is reached."""

    articles: list[corpus.Article] = field(default_factory=list)
    graphs: list[GraphData] = field(default_factory=list)
    cuts: dict[int, int] = field(default_factory=dict)        # size -> number of articles
    edges: dict[int, int] = field(default_factory=dict)       # size -> relationships at that cut
    entities: list[int] = field(default_factory=list)         # entities after each article


def percentile(values: list[float], p: float) -> float:
    """The p-th percentile (nearest rank) of a list of numbers."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))]


# -- extraction --------------------------------------------------------------------------
def extraction(n: int, seed: int, processes: int) -> dict:
    """Words and documents per second of Extractor.extract_many on `n` articles, in one process
    and in `processes`; and the accuracy of what was extracted against the corpus's facts."""
    from loaders import nlp as nlp_mod
    from loaders.pipeline import Extractor, gold_rows

    articles = list(corpus.generate(n, seed))
    docs = [a.document() for a in articles]
    words = sum(d.words for d in docs)
    t = time.perf_counter()
    for lang in corpus.LANGS:  # what a process pays once: vocabularies, lookups, matchers
        nlp_mod.pipeline(lang)
    startup = time.perf_counter() - t
    extractor = Extractor()
    list(extractor.extract_many(docs[:20]))  # warm
    t = time.perf_counter()
    graphs = list(extractor.extract_many(docs))
    one = time.perf_counter() - t
    t = time.perf_counter()
    parallel = list(Extractor().extract_many([a.document() for a in articles], processes=processes))
    many = time.perf_counter() - t
    assert len(parallel) == len(graphs)
    predicted = [row for g in graphs for row in gold_rows(g)]
    gold = [row for a in articles for row in a.gold()]
    return {"articles": n, "words": words, "startup_s": startup, "one_s": one, "many_s": many,
            "processes": processes, "relations": len(predicted), "gold_relations": len(gold),
            "accuracy": accuracy.score(gold, predicted)}


# -- the corpus for the stores -------------------------------------------------------------
def corpus_for(sizes: list[int], seed: int) -> Corpus:
    """Articles (as the graphs a perfect extractor reads) until the graph holds each size of
    relationships; sizes share one stream, so the smaller graphs are prefixes of the larger.
    Relationships are counted as the stores hold them: facts (one per fact id), IN_DOCUMENT and
    CLAIMED_BY per evidence, structural links."""
    out = Corpus()
    gen = corpus.Generator(seed)
    facts: set[str] = set()
    evidence: set[str] = set()
    links: set = set()
    entities: set[str] = set()
    claims = 0
    todo = sorted(sizes)
    while todo:
        art = gen.article(len(out.articles))
        graph = art.graph()
        out.articles.append(art)
        out.graphs.append(graph)
        for rel in graph.relations:
            facts.add(rel.fact_id)
            eid = rel.evidence_id
            if eid not in evidence:
                evidence.add(eid)
                claims += bool(rel.claimed_by)
        links.update(graph.links)
        entities.update(graph.nodes)
        out.entities.append(len(entities))
        count = len(facts) + len(evidence) + claims + len(links)
        while todo and count >= todo[0]:
            out.cuts[todo[0]] = len(out.articles)
            out.edges[todo[0]] = count
            todo.pop(0)
    return out


def combined(graphs: list[GraphData]) -> GraphData:
    g = GraphData()
    for x in graphs:
        g.extend(x)
    return g


# -- the mirror --------------------------------------------------------------------------
def mirror_figures(graph: GraphData) -> tuple[nx.MultiDiGraph, dict]:
    """Build time, memory (tracemalloc, a second build) and file size of the mirror of a graph."""
    t = time.perf_counter()
    g = mirror_mod.build(graph)
    build = time.perf_counter() - t
    edges = mirror_mod.relationship_count(g)  # as Neo4j counts them: facts, links, IN_DOCUMENT, CLAIMED_BY
    tracemalloc.start()
    traced = mirror_mod.build(graph)
    memory, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del traced
    gc.collect()
    with tempfile.TemporaryDirectory() as tmp:
        path = mirror_io.save(g, Path(tmp) / "mirror.json.gz")
        size = path.stat().st_size
    nodes = g.number_of_nodes() + len(mirror_mod.documents(g)) + sum(map(len, mirror_mod.evidence(g).values()))
    return g, {"edges": edges, "nodes": nodes, "build_s": build,
               "bytes_per_edge": memory / edges, "file_bytes_per_edge": size / edges}


def actor_pairs(g: nx.MultiDiGraph, n: int, seed: int) -> list[tuple[str, str]]:
    """Random pairs of actors (states, officials, agencies) that a path connects."""
    types = set(paths.PathSpec().types)
    view = nx.Graph()
    view.add_edges_from((s, t) for s, t, kind in g.edges(data="type") if kind in types)
    actors = {n_ for n_, a in g.nodes(data=True) if a.get("label") in ("State", "Official", "Agency")}
    component = max(nx.connected_components(view), key=len)
    pool = sorted(actors & component)
    rng = random.Random(seed)
    return [tuple(rng.sample(pool, 2)) for _ in range(n)]


def path_latencies(backend, pairs: list[tuple[str, str]], warm: int = 10) -> dict:
    """p50 and p95 of queries/paths.find (as `cli.py path A B` runs it), after `warm` queries
    (the pairs reversed) that are not counted: caches, plans and pages are warm, as in use."""
    spec = paths.PathSpec()
    for a, b in pairs[:warm]:
        paths.find(backend, b, a, spec)
    times, found = [], 0
    for a, b in pairs:
        t = time.perf_counter()
        result = paths.find(backend, a, b, spec)
        times.append((time.perf_counter() - t) * 1000)
        found += bool(result.paths)
    return {"p50_ms": percentile(times, 50), "p95_ms": percentile(times, 95), "queries": len(times),
            "found": found}


# -- Neo4j --------------------------------------------------------------------------------
def wipe(store) -> None:
    """Empty the database (Store.wipe: relationships first, then nodes, in small transactions)."""
    store.wipe()


def rows_of(graph: GraphData, signature: str | None) -> rows_mod.Rows:
    """A graph's rows as `load` writes them, its document with this text signature (if any)."""
    rows = rows_mod.build(graph)
    if signature is not None:
        rows.documents[0]["minhash"] = signature
    return rows


def load(store, graphs: list[GraphData], docs_per_transaction: int, profile: Path | None = None, *,
         signed: bool = False) -> dict:
    """Relationships per second of `cli.py load`'s write path on an empty database: the graphs
    written by loaders.ingest.Writer, `docs_per_transaction` documents a transaction, as `load`
    writes them once extracted (the next batch prepared while the server writes one); the wall time
    of the whole, and the time between one transaction's end and the next's. With `profile`,
    py-spy samples the load into that file. `signed`: each document stored with its text's
    signature, as `load` stores it (loaders/copies.py; made before the clock starts)."""
    wipe(store)
    from loaders.copies import signature
    signatures = [signature(graph.documents[0].text) if signed else None for graph in graphs]
    sampler = profile_mod.Sampler(profile) if profile else contextlib.nullcontext()
    created, ends = 0, []

    def done(result: dict | None) -> None:
        nonlocal created
        ends.append(time.perf_counter())
        created += result["relationships_created"] if result else 0

    with sampler:
        t = time.perf_counter()
        with Writer(store, done) as writer:
            for start in range(0, len(graphs), docs_per_transaction):
                end = start + docs_per_transaction
                writer.submit([rows_of(g, sig) for g, sig in zip(graphs[start:end], signatures[start:end])])
        seconds = time.perf_counter() - t
    calls = [b - a for a, b in zip([t, *ends], ends)]
    out = {"relationships": created, "seconds": seconds, "rate": created / seconds, "transactions": len(calls),
           "calls": {"total_s": sum(calls), "median_s": percentile(calls, 50), "max_s": max(calls, default=0.0)}}
    if profile:
        out["profile"] = profile_mod.summary(profile)
    return out


def median(loads: list[dict]) -> dict:
    """The load of median rate among several of one size (the lower middle of an even count), with
    the rates of all of them in the order they ran."""
    chosen = sorted(loads, key=lambda x: x["rate"])[(len(loads) - 1) // 2]
    return {**chosen, "rates": [x["rate"] for x in loads]}


def dump_load(store, g: nx.MultiDiGraph) -> dict:
    """Re-creating a graph from its Cypher dump: `cli.py export --format cypher` of the mirror,
    then its statements run one by one into an empty database, as `cypher-shell -f` runs them
    (constraints included). The database ends up holding the mirror's graph."""
    wipe(store)
    t = time.perf_counter()
    text = export.export(g, "cypher")[0].decode("utf-8")
    written = time.perf_counter() - t
    statements = cypher_dump.statements(text)
    created = 0
    t = time.perf_counter()
    with store.driver.session(database=store.settings.database) as session:
        for statement in statements:
            created += session.run(statement).consume().counters.relationships_created
    seconds = time.perf_counter() - t
    documents = len(mirror_mod.documents(g))
    return {"documents": documents, "relationships": created, "statements": len(statements),
            "bytes": len(text.encode("utf-8")), "write_s": written, "seconds": seconds,
            "rate": created / seconds if seconds else 0.0}


def naive_load(store, graphs: list[GraphData], limit: int) -> dict:
    """Relationships per second of the naive writer: `limit` relations (one transaction each),
    written on top of what is loaded."""
    t = time.perf_counter()
    counters = naive.write(store, graphs, limit=limit)
    seconds = time.perf_counter() - t
    return {"relationships": counters["relationships_created"], "transactions": counters["transactions"],
            "seconds": seconds, "rate": counters["relationships_created"] / seconds}


# -- the page ------------------------------------------------------------------------------
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def drawing_of(data: Corpus, entities: int):
    """graph/drawing.py's drawing (what `cli.py viz` draws) of the first articles of the corpus
    that name `entities` entities, and how many articles that is."""
    from graph import drawing
    n = next((k + 1 for k, count in enumerate(data.entities) if count >= entities), len(data.graphs))
    return drawing.build(mirror_mod.build(combined(data.graphs[:n]))), n


def page_settles(data: Corpus, sizes: list[int], timeout_s: float = 180) -> list[dict]:
    """HTML size of graph/viz.py's page and the time until its layout is stable in headless
    Chromium (the page sets body[data-ready] when vis-network's stabilisation is done)."""
    from playwright.sync_api import sync_playwright

    from graph import viz
    out = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for n in sizes:
                d, articles = drawing_of(data, n)
                path = Path(tmp) / f"graph-{n}.html"
                path.write_text(viz.page(d), encoding="utf-8")
                page = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
                t = time.perf_counter()
                page.goto(path.resolve().as_uri())
                page.wait_for_selector("body[data-ready='1']", state="attached", timeout=timeout_s * 1000)
                settle = time.perf_counter() - t
                loaded = page.evaluate("performance.timing.loadEventEnd - performance.timing.navigationStart") / 1000
                page.context.close()
                out.append({"nodes": len(d.nodes), "edges": len(d.edges), "articles": articles,
                            "html_bytes": path.stat().st_size, "settle_s": settle, "loaded_s": loaded})
        finally:
            browser.close()
    return out

