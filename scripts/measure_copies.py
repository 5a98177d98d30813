"""Precision and recall of the wire-copy detection (loaders/copies.py) on the labelled set of
tests/fixtures/copies (see its make.py), over pairs of articles:

    .venv/bin/python scripts/measure_copies.py            # the configured shingle size and threshold
    .venv/bin/python scripts/measure_copies.py --grid     # shingle sizes 1-5 x thresholds 0.3-0.8
    .venv/bin/python scripts/measure_copies.py --generated 3000   # and pairs linked among generated articles

A pair is a true copy when both texts are one original or its copies; a detected pair is one the
LSH index returns above the threshold. Same-event pairs are different dev articles about one
story (same_event.tsv): each one detected is a false merge. `--generated N`: the benchmark's
generated articles (bench/corpus.py: one set of sentence templates, so alike in wording, yet no
two of them one story), where every linked pair is a false merge."""
from __future__ import annotations

import argparse
import csv
import sys
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from loaders import copies  # noqa: E402
from loaders.documents import normalise_text  # noqa: E402

SET = ROOT / "tests/fixtures/copies"


def rows(name: str) -> list[list[str]]:
    with open(SET / name, encoding="utf-8") as fh:
        return [r for r in csv.reader(fh, delimiter="\t") if r and not r[0].startswith("#")]


def labelled() -> tuple[dict[str, str], dict[str, str], set[frozenset]]:
    """Texts by name, each name's original, and the same-event pairs."""
    group: dict[str, str] = {}
    texts: dict[str, str] = {}
    for copy, original, _ in rows("labels.tsv"):
        for name, path in ((copy, SET / "articles" / copy), (original, ROOT / original)):
            texts[name] = normalise_text(path.read_text(encoding="utf-8"))
        group[copy] = original
        group[original] = original
    same = {frozenset(r) for r in rows("same_event.tsv")}
    return texts, group, same


def measure(texts: dict[str, str], group: dict[str, str], same: set[frozenset], size: int,
            threshold: float) -> dict:
    hashes = {name: copies.minhash(text, size) for name, text in texts.items()}
    index = copies.new_index(threshold)
    for name, m in hashes.items():
        index.add(name, m)
    found = {frozenset((a, b)) for a, m in hashes.items() for b in index.similar(m, {a})}
    truth = {frozenset((a, b)) for a, b in combinations(sorted(texts), 2) if group[a] == group[b]}
    hit = len(found & truth)
    return {"size": size, "threshold": threshold, "pairs": len(truth), "found": len(found), "hit": hit,
            "precision": hit / len(found) if found else 1.0, "recall": hit / len(truth),
            "same_event_merged": len(found & same), "same_event": len(same)}


def generated(n: int, size: int, threshold: float) -> int:
    """Pairs linked among n generated articles (all false)."""
    from bench.corpus import generate
    index, pairs = copies.new_index(threshold), 0
    for i, art in enumerate(generate(n)):
        m = copies.minhash(art.document().text, size)
        pairs += len(index.similar(m))
        index.add(str(i), m)
    return pairs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--grid", action="store_true", help="every shingle size 1-5 and threshold 0.3-0.8")
    ap.add_argument("--generated", type=int, default=0, metavar="N", help="also N generated articles (false pairs)")
    args = ap.parse_args()
    texts, group, same = labelled()
    p = copies.parameters()
    grid = ([(k, t / 10) for k in range(1, 6) for t in range(3, 9)] if args.grid
            else [(p["shingle_words"], p["threshold"])])
    print(f"{len(texts)} texts, {sum(1 for n in group if group[n] != n)} copies; pairs over all texts")
    print("words  threshold  precision  recall  true-pairs  found  same-event merged"
          + (f"  generated pairs linked (of {args.generated})" if args.generated else ""))
    for size, threshold in grid:
        r = measure(texts, group, same, size, threshold)
        more = f"  {generated(args.generated, size, threshold)}" if args.generated else ""
        print(f"{size:5d}  {threshold:9.2f}  {r['precision']:9.3f}  {r['recall']:6.3f}  {r['pairs']:10d}  "
              f"{r['found']:5d}  {r['same_event_merged']}/{r['same_event']}{more}")


if __name__ == "__main__":
    main()
