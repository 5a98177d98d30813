"""loaders.phrases.pattern_arrays: the vocabulary's phrases, tokenised once and kept on disk as the
hashes spaCy's PhraseMatcher compares; a matcher given them finds what one given Docs finds."""
from __future__ import annotations

import pytest
from spacy.matcher import PhraseMatcher

from graph import disk_cache
from loaders import nlp, phrases

TEXTS = sorted(["Nordkorea", "KN-23", "120-mm-Mörser", "Ministry of Defence", "Kim Jong Un", "Raketen"])


@pytest.fixture
def blank(tmp_path, monkeypatch):
    monkeypatch.setattr(disk_cache, "CACHE", tmp_path / "cache")
    pipe = nlp.blank("de")
    return pipe, pipe.get_pipe("armsgraph_norms")


def test_the_arrays_are_the_tokens_attributes_and_a_second_build_reads_them(blank, monkeypatch):
    pipe, norms = blank
    first = phrases.pattern_arrays(pipe, norms, TEXTS)
    doc = norms(pipe.make_doc("120-mm-Mörser"))
    assert first["120-mm-Mörser"]["NORM"] == tuple(t.norm for t in doc)
    assert first["120-mm-Mörser"]["ORTH"] == tuple(t.orth for t in doc) and len(doc) == 5
    assert first["Raketen"]["LOWER"] == (pipe.vocab.strings["raketen"],)
    assert list(disk_cache.CACHE.glob("patterns-de-*.pickle"))

    def no_tokenising(text):
        raise AssertionError("tokenised again")
    monkeypatch.setattr(pipe, "make_doc", no_tokenising)
    assert phrases.pattern_arrays(pipe, norms, TEXTS) == first
    with pytest.raises(AssertionError):
        phrases.pattern_arrays(pipe, norms, [*TEXTS, "Iskander"])  # other phrases: tokenised again


def test_a_matcher_of_the_arrays_finds_what_a_matcher_of_docs_finds(blank):
    pipe, norms = blank
    arrays = phrases.pattern_arrays(pipe, norms, TEXTS)
    doc = norms(pipe.make_doc("Nordkoreas Raketen vom Typ KN-23 und 120-mm-Mörsern erreichten Kim Jong Un."))
    for attr in ("NORM", "ORTH", "LOWER"):
        of_docs, of_arrays = PhraseMatcher(pipe.vocab, attr=attr), PhraseMatcher(pipe.vocab, attr=attr)
        for text in TEXTS:
            of_docs.add(text, [norms(pipe.make_doc(text))])
            of_arrays.add(text, [arrays[text][attr]])
        assert of_arrays(doc) == of_docs(doc) and of_docs(doc)
