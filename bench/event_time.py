"""python -m bench.event_time: event-time coverage on the development corpus and accuracy against
the hand-annotated sample tests/fixtures/event_time_sample.jsonl (docs/event-time.md).

Coverage: how many reports of tests/fixtures/eval/dev get an event time, resolved (an interval) or
unresolved (only the words), twice: with the articles as they are (a .txt has no date, so every
expression that needs the article's date stays unresolved) and with the article dates the sample
gives (`article_date`, read from datelines and the events the articles report, or null), as a
dateline or sidecar would give them.
Accuracy, on the sample's reports (matched by document, type, ends, weapon and offsets):
- reports the annotator dated (an interval): the extractor's interval exactly the same, overlapping;
- reports with words only (the article's date unknown): the same words found, and no interval;
- reports without a time: none given.

    python -m bench.event_time [--sample FILE] [--corpus DIR] [--errors]
"""
from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from loaders.ingest import documents
from loaders.load_summary import Summary
from loaders.pipeline import Extractor, gold_rows

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "tests/fixtures/event_time_sample.jsonl"
CORPUS = ROOT / "tests/fixtures/eval/dev"


def key(row: dict) -> tuple:
    return (row["doc"], row["type"], row["source"], row["target"], row.get("weapon"), tuple(row["offsets"]))


def extract(corpus: Path, dates: dict[str, str | None] | None) -> list[dict]:
    """extract's rows of the corpus's articles, each article given its date from `dates` (by name)."""
    docs = []
    for doc in documents([str(p) for p in sorted(corpus.glob("*.txt"))], Summary()):
        if dates is not None:
            doc.published = dates.get(doc.name)
        docs.append(doc)
    return [row for graph in Extractor().extract_many(docs) for row in gold_rows(graph)]


def coverage(rows: list[dict]) -> dict:
    got = Counter("resolved" if "event_start" in r else "unresolved" if "event_text" in r else "none" for r in rows)
    return {"reports": len(rows), "resolved": got["resolved"], "unresolved": got["unresolved"], "none": got["none"]}


def judge(gold: dict, pred: dict | None) -> str:
    """One sample report: exact, overlap, wrong, missed (gold interval); words, words_missed (gold
    words only); none_ok, spurious (gold no time); absent (the extractor no longer reads the report)."""
    if pred is None:
        return "absent"
    start, end = pred.get("event_start"), pred.get("event_end")
    if gold["event_start"]:
        if not start:
            return "missed"
        if (start, end) == (gold["event_start"], gold["event_end"]):
            return "exact"
        return "overlap" if start <= gold["event_end"] and gold["event_start"] <= end else "wrong"
    if gold["event_text"]:
        return "words" if pred.get("event_text") == gold["event_text"] and not start else "words_missed"
    return "none_ok" if not pred.get("event_text") else "spurious"


def accuracy(sample: list[dict], rows: list[dict]) -> tuple[Counter, list[tuple[str, dict, dict | None]]]:
    pred = {}
    for row in rows:
        pred.setdefault(key(row), row)
    judged = [(judge(g, pred.get(key(g))), g, pred.get(key(g))) for g in sample]
    return Counter(v for v, _, _ in judged), judged


def report(sample: list[dict], corpus: Path, errors: bool) -> dict:
    dates = {g["doc"]: g["article_date"] for g in sample}
    undated, dated = coverage(extract(corpus, None)), extract(corpus, dates)
    counts, judged = accuracy(sample, dated)
    dated_n = counts["exact"] + counts["overlap"] + counts["wrong"] + counts["missed"]
    words_n, none_n = counts["words"] + counts["words_missed"], counts["none_ok"] + counts["spurious"]
    out = {"coverage_undated": undated, "coverage_dated": coverage(dated), "sample": len(sample),
           "dated": dated_n, "exact": counts["exact"], "overlapping": counts["exact"] + counts["overlap"],
           "words_only": words_n, "words_found": counts["words"], "no_time": none_n, "no_time_kept": counts["none_ok"],
           "absent": counts["absent"], "all_right": counts["exact"] + counts["words"] + counts["none_ok"]}
    if errors:
        out["errors"] = [{"verdict": v, "doc": g["doc"], "type": g["type"], "evidence": g["evidence"][:160],
                          "gold": [g["event_start"], g["event_end"], g["event_text"]],
                          "pred": [p.get("event_start"), p.get("event_end"), p.get("event_text")] if p else None}
                         for v, g, p in judged if v not in ("exact", "words", "none_ok")]
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.event_time", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sample", type=Path, default=SAMPLE)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--errors", action="store_true", help="list every sample report not judged right")
    args = parser.parse_args(argv)
    sample = [json.loads(line) for line in args.sample.read_text(encoding="utf-8").splitlines() if line.strip()]
    out = report(sample, args.corpus, args.errors)
    for name in ("coverage_undated", "coverage_dated"):
        c = out[name]
        print(f"{name}: {c['reports']} reports, {c['resolved'] + c['unresolved']} with an event time "
              f"({c['resolved']} resolved, {c['unresolved']} words only), {c['none']} without")
    print(f"sample: {out['sample']} reports; all right {out['all_right']}/{out['sample']}")
    print(f"  dated by the annotator: {out['dated']}; exact interval {out['exact']}/{out['dated']}, "
          f"overlapping {out['overlapping']}/{out['dated']}")
    print(f"  words only (no article date): {out['words_found']}/{out['words_only']}")
    print(f"  no event time: none given {out['no_time_kept']}/{out['no_time']}")
    if out["absent"]:
        print(f"  no longer extracted: {out['absent']}")
    for e in out.get("errors", ()):
        print(f"{e['verdict']:12} {e['doc']} {e['type']}: gold {e['gold']} pred {e['pred']}\n    {e['evidence']}")


if __name__ == "__main__":
    main()
