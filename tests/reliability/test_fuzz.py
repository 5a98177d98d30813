"""Fuzzing the whole extractor with hypothesis: text made of random unicode, German and English
words, every name of the vocabulary, trigger words, cue words, numbers, quotes and line breaks.
For both languages: no exception, every evidence span slices the document text exactly, every
relation refers to nodes of its graph, and the graph turns into store rows and a mirror.

Deterministic by default (derandomized, no example database) so CI always runs the same 200
examples per test; ARMSGRAPH_FUZZ_RANDOM=1 draws new ones each run."""
from __future__ import annotations

import os
from functools import lru_cache

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph import mirror, rows
from graph import schema as schema_mod
from graph.model import Document, document_id
from loaders import gazetteer, lexicon
from loaders.documents import normalise_text
from loaders.pipeline import Extractor, gold_rows

FUZZ = settings(max_examples=200, deadline=None, derandomize=os.environ.get("ARMSGRAPH_FUZZ_RANDOM") != "1",
                database=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
WORDS = {
    "de": "der die das und oder nicht kein keine hat haben habe sei wurde wurden werden an von aus nach mit für "
          "gegen in im am zum zur laut sagte erklärte bestätigte dementierte bestreitet Raketen Granaten Drohnen "
          "Munition Panzer Waffen Lieferung Lieferungen geliefert lieferte schickte erhalten gekauft Soldaten "
          "Truppen mehr als etwa rund bis zu Dutzende Hunderte Tausende Millionen Staat Regierung Ministerium "
          "Sprecher Sprecherin Geheimdienst Bericht Zeitung Woche Monat Jahr Januar Oktober".split(),
    "en": "the a an and or not no has have had was were been is are to from of with for against in on at by "
          "according said told confirmed denied denies could cannot missiles shells drones ammunition tanks weapons "
          "delivery deliveries supplied delivered sent shipped received bought soldiers troops more than about "
          "some up dozens hundreds thousands millions state government ministry spokesman spokeswoman "
          "intelligence report newspaper week month year January October".split(),
}
MARKS = ['"', "„", "“", "”", "'", "«", "»", "(", ")", ".", ",", ";", ":", "?", "!", "…", "-", "–", "/", "\n",
         "\n\n", " ", "  ", "\t", "\u00a0", "\u200b", "\u202e", "\r\n"]
NUMBERS = ["1.000", "2,5", "100", "mehr als 100", "more than 100", "-5", "10 000", "½", "٣", "1e9", "0", "3-4",
           "240-mm", "170-mm-Haubitzen", "KN-23", "50 %", "7.000 Container"]


def phrases(value) -> set[str]:
    """Every word or phrase in a lexicon value: strings, lists of words (joined), dict keys and values."""
    if isinstance(value, str):
        return {value} if value.strip() else set()
    if isinstance(value, dict):
        return {k for k in value if isinstance(k, str)} | set().union(*map(phrases, value.values()), set())
    if isinstance(value, (list, tuple)):
        if value and all(isinstance(v, str) for v in value):
            return {" ".join(value)} | set(value)
        return set().union(*map(phrases, value), set())
    return set()


TEMPLATES = {
    "de": ["{a} hat {q} {w} an {b} geliefert", "{a} lieferte {w} nach {b}, sagte {c}", "{b} erhielt {q} {w} von {a}",
           "Laut {c} hat {a} {w} an {b} verkauft", "{a} beschuldigt {b}, {w} an {c} geliefert zu haben",
           "{c} bestätigte, dass {a} {b} {w} geschickt habe", "{a} hat {b} angegriffen", "{a} besuchte {b}",
           "{a} traf sich mit {b} in {c}", "{a} dementierte, {w} an {b} geliefert zu haben",
           "{a} hat keine {w} an {b} geliefert", "{c} konnte nicht bestätigen, dass {a} {w} an {b} lieferte",
           "„{a} liefert {w} an {b}“, sagte {c}", "{a} will {q} {w} an {b} liefern", "{a} stationiert {w} in {b}"],
    "en": ["{a} supplied {q} {w} to {b}", "{a} delivered {w} to {b}, {c} said", "{b} received {q} {w} from {a}",
           "According to {c}, {a} sold {w} to {b}", "{a} accused {b} of supplying {w} to {c}",
           "{c} confirmed that {a} had sent {w} to {b}", "{a} attacked {b}", "{a} visited {b}", "{a} met {b} in {c}",
           "{a} denied supplying {w} to {b}", "{a} has not delivered any {w} to {b}",
           "{c} could not confirm that {a} shipped {w} to {b}", '"{a} is arming {b} with {w}," {c} said',
           "{a} plans to deliver {q} {w} to {b}", "{a} deployed {w} in {b}"],
}


@lru_cache(maxsize=None)
def vocabulary(lang: str) -> dict[str, list[str]]:
    """Names of every entity (aliases, codes, adjectives ...), trigger lemmas, cue and quantity words;
    actors', places' and weapons' names apart for the sentence templates."""
    lex, gaz = lexicon.load(lang), gazetteer.load()
    by_kind: dict[str, set[str]] = {}
    for e in gaz.entries.values():
        by_kind.setdefault(e.kind, set()).update((e.name, *e.aliases, *e.codes, *e.metonyms))
    return {"names": sorted({text for _, _, text, _ in gaz.patterns()}),
            "actors": sorted(by_kind["State"] | by_kind["Official"] | by_kind["Agency"]),
            "weapons": sorted(by_kind["WeaponType"]), "places": sorted(by_kind["Location"]),
            "triggers": sorted(lex.triggers), "cues": sorted(phrases(lex.cues)),
            "quantities": sorted(phrases(lex.quantities))}


def sentences(lang: str):
    """A sentence shaped like the news: actors, a verb, weapons, a quantity, a claimant."""
    v = vocabulary(lang)
    actor = st.sampled_from(v["actors"]) | st.sampled_from(v["places"])
    quantity = st.sampled_from(NUMBERS) | st.sampled_from(v["quantities"]) | st.just("")
    return st.builds(lambda t, a, b, c, w, q: t.format(a=a, b=b, c=c, w=w, q=q),
                     st.sampled_from(TEMPLATES[lang]), actor, actor, actor, st.sampled_from(v["weapons"]), quantity)


def texts(lang: str):
    """Article-like text: news sentences and fragments of every kind, joined by spaces, nothing,
    punctuation or line breaks."""
    v = vocabulary(lang)
    noise = st.one_of(
        st.sampled_from(v["names"]), st.sampled_from(v["names"]).map(str.upper),
        st.sampled_from(v["triggers"]), st.sampled_from(v["cues"]), st.sampled_from(v["quantities"]),
        st.sampled_from(WORDS[lang]), st.sampled_from(WORDS[lang]).map(str.capitalize),
        st.sampled_from(NUMBERS), st.integers(-10**6, 10**12).map(str), st.sampled_from(MARKS),
        st.text(max_size=8),  # any unicode at all
    )
    joiner = st.sampled_from([" ", " ", " ", "", ", ", ". ", ".\n", "\n", "\n\n"])
    noisy = st.lists(st.tuples(noise, joiner), max_size=4).map(lambda parts: "".join(a + b for a, b in parts))
    # each part: noise, a sentence, noise; so every text has sentences for relations to come from
    part = st.tuples(noisy, sentences(lang), joiner, noisy).map("".join)
    return st.lists(part, min_size=1, max_size=10).map("".join)


EXTRACTOR = Extractor()


def check(text: str, lang: str) -> None:
    doc = Document(id=document_id(text), name="fuzz", title="fuzz", source="fuzz", language=lang, text=text)
    graph = EXTRACTOR.extract(doc)
    schema = schema_mod.load()
    assert graph.documents == [doc]
    for r in graph.relations:
        ev = r.evidence
        assert ev.doc_id == doc.id
        assert 0 <= ev.start < ev.end <= len(text), (ev.start, ev.end, len(text))
        assert text[ev.start:ev.end] == ev.sentence
        assert r.type in schema.relations
        for node in (r.source, r.target, r.weapon, r.claimed_by):
            assert node is None or node in graph.nodes, node
        assert r.source and r.target
    for link in graph.links:
        assert link.source in graph.nodes and link.target in graph.nodes and link.type in schema.structural
    for node in graph.nodes.values():
        assert node.kind in schema.entity_kinds and node.id and node.name
    built = rows.build(graph)
    assert len(built.evidence) <= len(graph.relations)
    assert all(row["doc"] == "fuzz" for row in gold_rows(graph))
    m = mirror.build(graph)
    assert all(attrs.get("label") for _, attrs in m.nodes(data=True))  # no bare node: every end was written


@FUZZ
@given(text=texts("de"))
def test_german_text_normalised_as_read(text):
    check(normalise_text(text), "de")


@FUZZ
@given(text=texts("en"))
def test_english_text_normalised_as_read(text):
    check(normalise_text(text), "en")


@settings(FUZZ, max_examples=100)
@given(text=texts("de") | texts("en"), lang=st.sampled_from(["de", "en"]))
def test_raw_text_in_either_language(text, lang):
    """Text the reader would have normalised (\\r, tabs, invisible characters), in the wrong language too."""
    check(text, lang)
