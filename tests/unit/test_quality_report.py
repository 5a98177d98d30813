"""bench/quality.py, the scoring report, on small hand-made gold and predicted rows: its figures
are score.py's, its error listing holds exactly the rows score.py's matching leaves unmatched,
it splits by language, and its command line prints the Markdown summary."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench import quality as q
from bench import quality_tables
from bench import scoring
from bench.accuracy import scorer

ROOT = Path(__file__).resolve().parents[2]
SCORE_PY = ROOT / "tests" / "fixtures" / "eval" / "score.py"

ALIASES = """# canonical\tkind\tparent\taliases
Alpha\tState\t\tAlphaland|AL
Beta\tState\t\tBetaland
Gamma\tState\t\t
Delta Agency\tAgency\tAlpha\tDA
Jo Minister\tPerson\tDelta Agency\t
Kapa City\tPlace\tBeta\t
Rocket X\tWeapon\t\tRX
"""

GOLD = [
    # a1_de: a relation with two weapons, one of them missed; an accusation matched only relaxed;
    # a missed visit; a meeting matched the other way round (MEETS is symmetric)
    {"doc": "a1_de", "type": "SUPPLIES", "source": "Alpha", "target": "Beta", "weapon": "Rocket X",
     "evidence": "g-rx"},
    {"doc": "a1_de", "type": "SUPPLIES", "source": "Alpha", "target": "Beta", "weapon": "Shell Y",
     "evidence": "g-shell"},
    {"doc": "a1_de", "type": "ACCUSES", "source": "Jo Minister", "target": "Gamma", "evidence": "g-accuses"},
    {"doc": "a1_de", "type": "VISITS", "source": "Jo Minister", "target": "Kapa City", "evidence": "g-visit"},
    {"doc": "a1_de", "type": "MEETS", "source": "Beta", "target": "Jo Minister", "evidence": "g-meets"},
    # a2_de: one denial found, a second one wrong
    {"doc": "a2_de", "type": "DENIES", "source": "Gamma", "target": "Alpha", "evidence": "g-denies"},
    # b1_en: the relation found without its weapon; an attack on a city given as its state
    {"doc": "b1_en", "type": "SUPPLIES", "source": "Gamma", "target": "Alpha", "weapon": "Rocket X",
     "evidence": "g-gamma"},
    {"doc": "b1_en", "type": "ATTACKS", "source": "Alpha", "target": "Kapa City", "evidence": "g-attack"},
]

PRED = [
    {"doc": "a1_de", "type": "SUPPLIES", "source": "Alphaland", "target": "Beta", "weapon": "RX", "evidence": "p-rx"},
    {"doc": "a1_de", "type": "SUPPLIES", "source": "Alphaland", "target": "Beta", "weapon": "RX",
     "evidence": "p-rx again"},
    {"doc": "a1_de", "type": "ACCUSES", "source": "Alpha", "target": "Gamma", "evidence": "p-accuses"},
    {"doc": "a1_de", "type": "MEETS", "source": "Alpha", "target": "Beta", "evidence": "p-meets"},
    {"doc": "a1_de", "type": "ATTACKS", "source": "Gamma", "target": "Beta", "evidence": "p-attack-wrong"},
    {"doc": "a2_de", "type": "DENIES", "source": "Gamma", "target": "Alpha", "evidence": "p-denies"},
    {"doc": "a2_de", "type": "DENIES", "source": "Betaland", "target": "Alpha", "evidence": "p-denies-wrong"},
    {"doc": "b1_en", "type": "SUPPLIES", "source": "Gamma", "target": "Alpha", "evidence": "p-gamma"},
    {"doc": "b1_en", "type": "ATTACKS", "source": "Alpha", "target": "Beta", "evidence": "p-attack"},
    {"doc": "b1_en", "type": "CONFIRMS", "source": "Jo Minister", "target": "Beta", "evidence": "p-confirms-wrong"},
    {"doc": "b1_en", "type": "RUMOURS", "source": "Alpha", "target": "Beta", "evidence": "p-not-scored"},
    # a document without gold rows: score.py does not score it
    {"doc": "c9_en", "type": "SUPPLIES", "source": "Beta", "target": "Gamma", "evidence": "p-elsewhere"},
]

EXPECTED_ERRORS = {
    ("a1_de", "VISITS", "missed", "Jo Minister", "Kapa City", None),
    ("a1_de", "ATTACKS", "wrong", "Gamma", "Beta", None),
    ("a1_de", "weapon", "missed", "Alpha", "Beta", "Shell Y"),
    ("a2_de", "DENIES", "wrong", "Betaland", "Alpha", None),
    ("b1_en", "CONFIRMS", "wrong", "Jo Minister", "Beta", None),
    ("b1_en", "weapon", "missed", "Gamma", "Alpha", "Rocket X"),
}


def _jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.fixture
def files(tmp_path):
    aliases = tmp_path / "aliases.tsv"
    aliases.write_text(ALIASES, encoding="utf-8")
    return _jsonl(tmp_path / "gold.jsonl", GOLD), _jsonl(tmp_path / "pred.jsonl", PRED), aliases


def _score_py(gold: Path, pred: Path, aliases: Path, docs: list[str] | None = None) -> dict:
    cmd = [sys.executable, str(SCORE_PY), str(gold), str(pred), "--aliases", str(aliases), "--json"]
    if docs:
        cmd += ["--docs", ",".join(docs)]
    return json.loads(subprocess.run(cmd, capture_output=True, text=True, check=True).stdout)


def _plain(figures: dict) -> dict:
    return json.loads(json.dumps(figures))  # tuples as lists, as score.py --json prints them


@pytest.mark.parametrize("docs", [None, ["a1_de", "a2_de"], ["b1_en"], ["a1_de"]])
def test_figures_are_score_py_figures(files, docs):
    gold, pred, aliases = files
    res = scoring.score(GOLD, PRED, [aliases], docs or ())
    assert _plain(res.figures) == _score_py(gold, pred, aliases, docs)


def test_the_example_exercises_strict_relaxed_symmetric_and_weapons(files):
    f = scoring.score(GOLD, PRED, [files[2]]).figures
    assert f["types"]["ACCUSES"]["strict"][2] == 0.0 and f["types"]["ACCUSES"]["relaxed"][2] == 1.0
    assert f["types"]["MEETS"]["relaxed"][2] == 1.0
    assert f["types"]["SUPPLIES"] == {"gold": 2, "pred": 2, "strict": (1.0, 1.0, 1.0), "relaxed": (1.0, 1.0, 1.0)}
    assert f["weapon_relaxed"] == pytest.approx((1.0, 1 / 3, 0.5))


def test_errors_are_exactly_the_unmatched_rows(files):
    res = scoring.score(GOLD, PRED, [files[2]])
    got = {(e["doc"], e["type"], e["kind"], e["source"], e["target"], e["weapon"]) for e in res.errors}
    assert got == EXPECTED_ERRORS
    assert len(res.errors) == len(EXPECTED_ERRORS)
    # and they add up to the figures: missed = gold - tp, wrong = pred - tp, per type and for weapons
    for typ, c in res.counts.items():
        if typ in res.figures["types"] or typ == "weapon_relaxed":
            tp, ng, np_ = c["relaxed"] if typ in res.figures["types"] else c
            cls = scoring.WEAPON if typ == "weapon_relaxed" else typ
            assert sum(e["type"] == cls and e["kind"] == "missed" for e in res.errors) == ng - tp
            assert sum(e["type"] == cls and e["kind"] == "wrong" for e in res.errors) == np_ - tp


def test_errors_carry_their_evidence_and_unknown_names(files, tmp_path):
    res = scoring.score(GOLD, PRED + [{"doc": "a2_de", "type": "DENIES", "source": "Zeta", "target": "Alpha",
                                        "evidence": "p-zeta"}], [files[2]])
    by = {(e["doc"], e["type"], e["kind"], e["source"]): e for e in res.errors}
    assert [r["evidence"] for r in by["a1_de", "VISITS", "missed", "Jo Minister"]["rows"]] == ["g-visit"]
    assert [r["evidence"] for r in by["a2_de", "DENIES", "wrong", "Betaland"]["rows"]] == ["p-denies-wrong"]
    assert by["a2_de", "DENIES", "wrong", "Zeta"]["unknown"] == ["Zeta"]
    assert by["a2_de", "DENIES", "wrong", "Betaland"]["unknown"] == []
    text = quality_tables.error_listing(res)
    assert "«g-shell»" in text and "«p-confirms-wrong»" in text and "«p-gamma»" not in text
    assert "not in the alias tables: Zeta" in text


def test_rows_sharing_a_relation_key_are_one_error_with_all_their_sentences(files):
    gold = GOLD + [{"doc": "a2_de", "type": "SUPPLIES", "source": "Beta", "target": "Gamma", "weapon": "Rocket X",
                    "evidence": "g-one"},
                   {"doc": "a2_de", "type": "SUPPLIES", "source": "Betaland", "target": "Gamma", "weapon": "Shell Y",
                    "evidence": "g-two"}]
    res = scoring.score(gold, PRED, [files[2]])
    missed = [e for e in res.errors if e["doc"] == "a2_de" and e["type"] == "SUPPLIES"]
    assert len(missed) == 1 and res.figures["types"]["SUPPLIES"]["gold"] == 3
    assert [(r["weapon"], r["evidence"]) for r in missed[0]["rows"]] == [("Rocket X", "g-one"), ("Shell Y", "g-two")]


def test_attributes_are_scored_where_the_gold_row_gives_them_and_its_relation_was_found(files):
    def row(doc, weapon, evidence, **attrs):
        return {"doc": doc, "type": "SUPPLIES", "source": "Alpha", "target": "Beta", "weapon": weapon,
                "evidence": evidence, **attrs}
    gold = [row("d1_de", "Rocket X", "g1", status="planned", quantity={"value": 4}, claimed_by="Jo Minister"),
            row("d1_de", "Shell Y", "g2", status="delivered", claimed_by="Jo Minister"),
            row("d2_de", "Rocket X", "g3", quantity={"min": 10, "qualifier": "more_than"}, claimed_by="Gamma"),
            row("d3_de", "Rocket X", "g4", status="planned", claimed_by="Alpha")]  # d3: nothing found
    pred = [row("d1_de", "RX", "p1", status="planned", quantity={"value": 4}),
            row("d1_de", "RX", "p1b", status="delivered", claimed_by="Alphaland"),  # a second sentence
            row("d1_de", "Shell Y", "p2"),                                  # no status: delivered
            row("d2_de", "RX", "p3", quantity={"min": 10}, claimed_by="Betaland")]
    res = scoring.score(gold, pred, [files[2]])
    assert res.attributes == {"status": {"gold": 2, "right": 2, "relaxed": 2},
                              "quantity": {"gold": 2, "right": 1, "relaxed": 1},
                              # Alpha is Jo Minister's agency's state: right relaxed only
                              "claimed_by": {"gold": 3, "right": 0, "relaxed": 2}}
    wrong = {(e["doc"], e["type"]): e for e in res.errors if e["type"] in scoring.ATTRIBUTES}
    assert set(wrong) == {("d2_de", "quantity"), ("d2_de", "claimed_by")}
    assert wrong["d2_de", "claimed_by"]["gold"] == "Gamma" and wrong["d2_de", "claimed_by"]["predicted"] == ["Betaland"]
    line = "status 1.00 (2/2) · quantity 0.50 (1/2) · claimed_by 0.00 (0/3), relaxed 0.67"
    assert line in quality_tables.table(res)
    listing = quality_tables.error_listing(res, "quantity")
    assert "gold {'min': 10, 'qualifier': 'more_than'}, predicted {'min': 10}" in listing and "«g3»" in listing
    assert "| 1.00 / 0.50 / 0.00 |" in quality_tables.summary([res])


def test_language_split(files):
    gold, pred, aliases = files
    results = q.by_language(GOLD, PRED, [aliases], {}, "hand")
    assert [(r.lang, r.docs) for r in results] == [("de", ["a1_de", "a2_de"]), ("en", ["b1_en"])]
    for r in results:
        assert _plain(r.figures) == _score_py(gold, pred, aliases, r.docs)
        assert {e["doc"] for e in r.errors} <= set(r.docs)
    assert [r.lang for r in q.by_language(GOLD, PRED, [aliases], {}, "hand", only="en")] == ["en"]


def test_language_falls_back_to_the_documents_and_a_document_without_gold_is_scored():
    assert q.language("x11_de") == "de" and q.language("dir/102_austin_kyiv_en.txt") == "en"
    assert q.language("000_d097e88d938dfaf8", "de") == "de" and q.language("plain") == "-"
    gold = [{"doc": "plain", "type": "VISITS", "source": "Alpha", "target": "Beta"}]
    pred = [{"doc": "plain", "type": "VISITS", "source": "Alpha", "target": "Beta"},
            {"doc": "quiet", "type": "VISITS", "source": "Beta", "target": "Alpha", "evidence": "p-quiet"}]
    aliases = [ROOT / "tests" / "fixtures" / "eval" / "aliases.tsv"]
    [res] = q.by_language(gold, pred, aliases, {"plain": "de", "quiet": "de"})
    assert res.lang == "de" and res.docs == ["plain", "quiet"]  # like score.py --docs plain,quiet
    assert res.figures["types"]["VISITS"]["pred"] == 2
    assert [(e["doc"], e["kind"]) for e in res.errors] == [("quiet", "wrong")]


_names = st.sampled_from(["Alpha", "Alphaland", "Beta", "Gamma", "Delta Agency", "DA", "Jo Minister", "Kapa City"])
_rows = st.lists(st.fixed_dictionaries({"doc": st.sampled_from(["a_de", "b_en"]),
                                        "type": st.sampled_from(["SUPPLIES", "MEETS", "ATTACKS"]),
                                        "source": _names, "target": _names,
                                        "weapon": st.sampled_from([None, "Rocket X", "RX", "Shell Y"])}),
                 max_size=12)


@settings(max_examples=60, deadline=None)
@given(gold=_rows, pred=_rows)
def test_matched_pairs_agrees_with_score_py_match(tmp_path_factory, gold, pred):
    s = scorer()
    path = tmp_path_factory.mktemp("aliases") / "aliases.tsv"
    path.write_text(ALIASES, encoding="utf-8")
    ents = s.Entities([str(path)])
    g = [k for k, _ in scoring._loaded(gold, ents)]
    p = [k for k, _ in scoring._loaded(pred, ents)]
    for relaxed in (False, True):
        pairs, gk, pk = scoring.matched_pairs(g, p, ents, relaxed, scoring.relation_key)
        assert (len(pairs), len(gk), len(pk)) == s.match(g, p, ents, relaxed, scoring.relation_key)
    gw, pw = [x for x in g if x[4]], [x for x in p if x[4]]
    pairs, gk, pk = scoring.matched_pairs(gw, pw, ents, True, scoring.weapon_key)
    assert (len(pairs), len(gk), len(pk)) == s.match(gw, pw, ents, True, scoring.weapon_key)


def test_cli_prints_tables_errors_and_the_markdown_summary(files, tmp_path):
    gold, pred, aliases = files
    out = tmp_path / "report.json"
    run = subprocess.run([sys.executable, "-m", "bench.quality", "--gold", str(gold), "--pred", str(pred),
                          "--aliases", str(aliases), "--errors", "--json", str(out)],
                         capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    text = run.stdout
    assert "| corpus | lang | core relaxed P / R / F1 | extended relaxed F1 | weapon F1 |" in text
    assert "|---|---|---|---|---|" in text
    ref = {lang: _score_py(gold, pred, aliases, docs) for lang, docs in (("de", ["a1_de", "a2_de"]), ("en", ["b1_en"]))}
    for lang, f in ref.items():
        core = "{:.2f} / {:.2f} / **{:.2f}**".format(*f["core_relaxed"])
        assert (f"| gold.jsonl | {lang} | {core} | {f['extended_relaxed'][2]:.2f} | "
                f"{f['weapon_relaxed'][2]:.2f} |") in text
    assert "== gold.jsonl · de (2 documents)" in text and "== errors: gold.jsonl · en: 1 missed, 1 wrong" in text
    assert "types not scored: RUMOURS" in text
    report = json.loads(out.read_text(encoding="utf-8"))
    assert [r["lang"] for r in report] == ["de", "en"]
    assert sum(len(r["errors"]) for r in report) == len(EXPECTED_ERRORS)


def test_main_on_a_corpus_with_filters(monkeypatch, tmp_path, capsys, files):
    gold, _, aliases = files
    corpus = q.Corpus("seeds", "hand", lambda: [], gold, (aliases,))
    monkeypatch.setitem(q.CORPORA, "seeds", corpus)
    monkeypatch.setattr(q, "extract", lambda key: (tuple(PRED), (("a1_de", "de"), ("a2_de", "de"), ("b1_en", "en"))))
    assert q.main(["--corpus", "seeds", "--lang", "de", "--errors", "--type", "denies"]) == 0
    text = capsys.readouterr().out
    assert "== hand · de" in text and "== hand · en" not in text
    assert "DENIES" in text and "VISITS" not in text and "p-denies-wrong" in text and "g-shell" not in text
    assert "| hand | de |" in text and "| hand | en |" not in text
