"""The commands as users run them: `cli.py extract` and `cli.py load` as subprocesses on a generated
corpus, each load into a Neo4j just started (no warm-up loads), timed from outside with the peak
memory of the command's largest process; beside them the extraction rate in-process on the
generated corpus and on real text. The figures go first in the benchmark's table.
"""
from __future__ import annotations

import contextlib
import math
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from bench import command_profile, corpus
from bench.command_run import ROOT, command_env, run, words_in
from graph.settings import DEFAULT_DOCS_PER_TRANSACTION

# the bulk options of `cli.py load` (README quotes them): two worker processes, big transactions
BULK = ("-p", "2", "--docs-per-transaction", "2500")
# the parts of a load into Neo4j: it does not build the mirror's graph (a first load leaves the mirror
# as an empty file and its journal, a later one appends to the journal: graph/sync.py)
INTO_NEO4J = ("extraction", "neo4j")
NEW_ARTICLES = 500  # loaded into the big graph
# an outlet given afterwards changes how every stored article was read (graph/model.reading), as a
# new extractor version or an edited vocabulary does: each is read again and replaces its stored version
REREAD = ("--outlet", "Benchmark Wire")
MEMORY_TARGET_KIB = 1024 * 1024  # a load of 50,000 articles stays under 1 GB resident
FAR = 10_000_000  # numbers of articles generated apart from the corpus (names of their own)
REAL_TEXT = {"sample corpus (data/articles)": [ROOT / "data" / "articles"],
             "development corpus (tests/fixtures/eval/dev)": sorted(
                 [*(ROOT / "tests/fixtures/eval/dev").glob("*_de.txt"),
                  *(ROOT / "tests/fixtures/eval/dev").glob("*_en.txt")])}


@dataclass
class CommandOptions:
    """What the command rows were asked for."""

    articles: int = 5_000
    seed: int = 7
    neo4j: bool = True
    big_graph: int = 0          # relationships of the graph the new articles go into (0: no such row)
    memory_articles: int = 0    # articles of the load whose peak memory is reported (0: no such row)
    real_words: int = 200_000   # words each in-process extraction rate is measured on, at least
    profile: Path | None = None
    only: bool = False  # only the commands: the batched load rate is measured beside them (no load stage runs)
    log: Callable[[str], None] = field(default=print)

    @classmethod
    def asked(cls, articles: int, big_graph: int, memory_articles: int, *, quick: bool, neo4j: bool,
              profile: Path | None, only: bool, log: Callable[[str], None]) -> "CommandOptions":
        """The options of `python -m bench`: --quick reads 200 articles, no big graph, 20,000 words
        of each corpus in-process; --only-commands measures the batched load rate beside them."""
        return cls(min(articles, 200) if quick else articles, neo4j=neo4j, big_graph=0 if quick else big_graph,
                   memory_articles=memory_articles, real_words=20_000 if quick else 200_000, profile=profile,
                   only=only, log=log)


def measure(opts: CommandOptions, out: dict) -> dict:
    """Every command row, the in-process extraction rates, and the parts measured beside them, into
    `out` as they are measured (what was measured stays there when a command fails)."""
    out.update({"rows": [], "profile_error": None, "seed": opts.seed})
    if opts.profile is not None:
        out["profile_error"] = command_profile.available()
    with tempfile.TemporaryDirectory(prefix="armsgraph-bench-commands-") as tmp:
        work = Path(tmp)
        opts.log(f"commands: writing {opts.articles} articles")
        articles = corpus.write(work / "corpus", opts.articles, seed=opts.seed) / "articles"
        out["articles"], out["words"] = words_in(articles)
        Rows(opts, work, out).all(articles)
    return out


class Rows:
    """The rows of one run, appended to out["rows"] as they are measured."""

    def __init__(self, opts: CommandOptions, work: Path, out: dict):
        self.opts, self.work, self.out = opts, work, out
        self.profile = opts.profile if opts.profile is not None and out["profile_error"] is None else None

    def all(self, articles: Path) -> None:
        opts, out = self.opts, self.out
        opts.log("commands: extraction in-process (generated corpus and real text)")
        out["in_process"] = extraction_rates(articles, opts.real_words)
        out["own_parts"] = {"words_per_s": out["in_process"][0]["words_per_s"],
                            **mirror_rate(opts.articles, opts.seed)}
        self.timed("extract", ["extract", str(articles), "--format", "jsonl"], articles, parts=("extraction",))
        self.timed("load --offline (mirror only)", ["load", str(articles), "--offline"], articles,
                   parts=("extraction", "mirror"), mirror=self.fresh_mirror())
        if not opts.neo4j:
            return
        self.default_loads(articles)
        with self.server("load, bulk options") as (env, store):
            self.timed("load, bulk options, into a Neo4j just started", ["load", str(articles), *BULK], articles,
                       parts=INTO_NEO4J, store=store, neo4j=env, processes=2)
        if opts.big_graph:
            self.big_graph()

    def default_loads(self, articles: Path) -> None:
        """`load` into a Neo4j just started, the same again (nothing new), again with every article
        read again, the memory row."""
        opts = self.opts
        with self.server("load") as (env, store):
            mirror = self.fresh_mirror()
            self.timed("load into a Neo4j just started", ["load", str(articles)], articles,
                       parts=INTO_NEO4J, store=store, neo4j=env, mirror=mirror)
            self.timed("load again, nothing new", ["load", str(articles)], articles, parts=(), store=store,
                       neo4j=env, mirror=mirror)
            self.timed("load again, every article read again (replaced)", ["load", str(articles), *REREAD], articles,
                       parts=("extraction",), store=store, neo4j=env, mirror=mirror)
            if opts.only:
                from bench import stages
                opts.log("commands: the batched load in-process (the parts' load rate)")
                graphs = [a.graph() for a in corpus.generate(opts.articles, opts.seed)]
                self.out["own_parts"]["rels_per_s"] = stages.load(store, graphs, DEFAULT_DOCS_PER_TRANSACTION)["rate"]
            if opts.memory_articles:
                from bench import stages
                stages.wipe(store)
                big = corpus.write(self.work / "memory", opts.memory_articles, seed=opts.seed + 2) / "articles"
                self.timed(f"load of {opts.memory_articles:,} articles (memory)", ["load", str(big)], big,
                           parts=INTO_NEO4J, store=store, neo4j=env,
                           mirror=self.fresh_mirror(), target_rss_kib=MEMORY_TARGET_KIB)

    def big_graph(self) -> None:
        """500 new articles loaded into a graph of opts.big_graph relationships (filled in-process
        by the batched load, each document with its text's signature as `load` stores it, so the new
        articles are compared with all of them; its mirror written by `cli.py mirror`)."""
        from bench import report, stages
        size, opts = self.opts.big_graph, self.opts
        name = report.size_name(size)
        with self.server(f"a graph of {name}") as (env, store):
            opts.log(f"commands: filling a graph of {name} relationships (in-process batched load)")
            t = time.perf_counter()
            data = stages.corpus_for([size], opts.seed + 1)
            made = time.perf_counter() - t
            store.init_schema()
            fill = stages.load(store, data.graphs, 2500, signed=True)  # (a graph `load` filled: signed)
            self.out["big_graph"] = {"size": size, "relationships": fill["relationships"],
                                     "articles": len(data.graphs), "generate_s": made, "fill_s": fill["seconds"],
                                     "fill_rate": fill["rate"]}
            del data
            mirror = self.fresh_mirror()
            rebuilt = self.timed(f"mirror of {name} rebuilt from Neo4j", ["mirror"], None, parts=(), neo4j=env,
                                 mirror=mirror)
            rebuilt["size"] = f"{fill['relationships']:,} relationships in Neo4j"
            new = self.work / "new"
            new.mkdir()
            for art in corpus.generate(NEW_ARTICLES, opts.seed + 3, start=FAR):
                (new / f"{art.name}.txt").write_text(art.text + "\n", encoding="utf-8")
            self.timed(f"load {NEW_ARTICLES} new articles into a graph of {name}", ["load", str(new)], new,
                       parts=INTO_NEO4J, store=store, neo4j=env, mirror=mirror)

    @contextlib.contextmanager
    def server(self, what: str) -> Iterator[tuple[dict[str, str], object]]:
        """A Neo4j just started (bench.server.OwnServer), the commands' environment for it and a
        Store on it (for the counts); stopped at the end."""
        from bench.server import open_store
        from graph import settings as settings_mod
        self.opts.log(f"commands: starting a Neo4j for {what}")
        store, own = open_store(settings_mod.from_env(), own_server=True)
        try:
            self.out["neo4j"] = store.read("CALL dbms.components() YIELD versions, edition "
                                           "RETURN versions[0] + ' ' + edition AS v")[0]["v"]
            settings = store.settings
            yield {"NEO4J_URI": own.uri, "NEO4J_USER": settings.user, "NEO4J_PASSWORD": settings.password}, store
        finally:
            store.close()
            own.stop()

    def fresh_mirror(self) -> Path:
        self.mirrors = getattr(self, "mirrors", 0) + 1
        return self.work / f"mirror-{self.mirrors}.json.gz"

    def timed(self, name: str, args: list[str], articles: Path | None, *, parts: tuple[str, ...], store=None,
              neo4j: dict | None = None, mirror: Path | None = None, processes: int = 1,
              target_rss_kib: int | None = None) -> dict:
        """One row: the command run and timed; relationships created in Neo4j (counts before and
        after), or in the mirror for --offline, or relations printed for extract."""
        self.opts.log(f"commands: {name}")
        mirror = mirror or self.fresh_mirror()
        before = relationships(store) if store is not None else 0
        n = len(self.out["rows"]) + 1
        out_file = self.work / f"row-{n}.out"
        profile = self.profile / f"command-{n}-{args[0]}.txt" if self.profile else None
        row = run(args, command_env(mirror, neo4j), out_file, profile)
        if store is not None:
            row["relationships"] = relationships(store) - before
        elif args[0] == "load":
            row["relationships"], row["in_mirror"] = mirror_relationships(mirror), True
        elif args[0] == "extract":
            row["relations_printed"] = sum(1 for _ in out_file.open(encoding="utf-8"))
        counted = words_in(articles) if articles is not None else (0, 0)
        row.update({"name": name, "dir": str(articles or ""), "articles": counted[0], "words": counted[1],
                    "parts": list(parts), "processes": processes, "target_rss_kib": target_rss_kib})
        self.out["rows"].append(row)
        return row


def relationships(store) -> int:
    """The relationships Neo4j holds (Store.counts)."""
    return sum(store.counts()["relationships"].values())


def mirror_relationships(path: Path) -> int:
    """The relationships a mirror file holds, as Neo4j would count them."""
    from graph import mirror, mirror_io
    return mirror.relationship_count(mirror_io.load(path)) if path.exists() else 0


def mirror_rate(articles: int, seed: int) -> dict:
    """Seconds per relationship of the mirror's build from the corpus's graphs (a perfect
    extractor's), in-process."""
    from bench import stages
    from graph import mirror
    graph = stages.combined([a.graph() for a in corpus.generate(articles, seed)])
    t = time.perf_counter()
    g = mirror.build(graph)
    seconds = time.perf_counter() - t
    return {"mirror_s_per_rel": seconds / max(1, mirror.relationship_count(g))}


def extraction_rates(generated: Path, min_words: int) -> list[dict]:
    """Words/s of Extractor.extract_many in this process (pipelines built before timing) on the
    generated corpus and on each real-text corpus (REAL_TEXT), each repeated to `min_words`."""
    from loaders.documents import read_documents
    out = []
    for name, paths in [("generated corpus", [generated]), *REAL_TEXT.items()]:
        docs = [d for d in read_documents(paths) if hasattr(d, "text")]
        out.append({"corpus": name, **extraction_rate(docs, min_words)})
    return out


def extraction_rate(docs: list, min_words: int) -> dict:
    """Words/s of extract_many over `docs`, the first of them until `min_words`, repeated if fewer."""
    from loaders import nlp as nlp_mod
    from loaders.pipeline import Extractor
    counts = [len(d.text.split()) for d in docs]
    taken, words = [], 0
    for d, n in zip(docs, counts):
        if words >= min_words:
            break
        taken.append(d)
        words += n
    repeats = max(1, math.ceil(min_words / max(1, words)))
    for lang in dict.fromkeys(d.language for d in taken):
        nlp_mod.pipeline(lang)
    extractor = Extractor()
    list(extractor.extract_many(taken[:5]))  # warm
    t = time.perf_counter()
    for _ in extractor.extract_many(taken * repeats):
        pass
    seconds = time.perf_counter() - t
    return {"articles": len(taken), "repeats": repeats, "words": words * repeats, "seconds": seconds,
            "words_per_s": words * repeats / seconds}
