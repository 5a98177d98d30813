"""loaders.phrases.pattern_docs: the vocabulary's phrases, tokenised once and kept on disk; a cache
that is stale, damaged or cannot be written is rebuilt or skipped, never an error."""
from __future__ import annotations

import pytest

from loaders import nlp, phrases

TEXTS = sorted(["Nordkorea", "KN-23", "120-mm-Mörser", "Ministry of Defence", "Kim Jong Un"])


@pytest.fixture
def blank(tmp_path, monkeypatch):
    monkeypatch.setattr(phrases, "PATTERN_CACHE", tmp_path / "cache")
    pipe = nlp.blank("de")
    return pipe, pipe.get_pipe("armsgraph_norms")


def as_tokens(docs: dict) -> dict:
    return {text: [(t.text, t.norm_, t.whitespace_) for t in doc] for text, doc in docs.items()}


def test_a_second_build_reads_the_phrases_from_the_cache(blank, monkeypatch):
    pipe, norms = blank
    first = as_tokens(phrases.pattern_docs(pipe, norms, TEXTS))
    assert list(phrases.PATTERN_CACHE.glob("patterns-de-*.spacy"))

    def no_tokenising(text):
        raise AssertionError("tokenised again")
    monkeypatch.setattr(pipe, "make_doc", no_tokenising)
    assert as_tokens(phrases.pattern_docs(pipe, norms, TEXTS)) == first


def test_other_phrases_or_a_damaged_file_are_built_again(blank):
    pipe, norms = blank
    phrases.pattern_docs(pipe, norms, TEXTS)
    more = sorted([*TEXTS, "Iskander"])
    assert list(phrases.pattern_docs(pipe, norms, more)) == more
    for path in phrases.PATTERN_CACHE.glob("*.spacy"):
        path.write_bytes(b"not a DocBin")
    assert list(phrases.pattern_docs(pipe, norms, TEXTS)) == TEXTS


def test_a_cache_that_cannot_be_written_is_skipped(blank, monkeypatch, tmp_path):
    pipe, norms = blank
    (tmp_path / "file").write_text("x")
    monkeypatch.setattr(phrases, "PATTERN_CACHE", tmp_path / "file" / "cache")  # below a file: cannot exist
    assert list(phrases.pattern_docs(pipe, norms, TEXTS)) == TEXTS


def test_another_version_s_phrases_are_removed_when_written(blank):
    pipe, norms = blank
    phrases.PATTERN_CACHE.mkdir(parents=True)
    old = phrases.PATTERN_CACHE / "patterns-de-0123456789ab-spacy0.spacy"
    other_language = phrases.PATTERN_CACHE / "patterns-en-0123456789ab-spacy0.spacy"
    old.write_bytes(b"x")
    other_language.write_bytes(b"x")
    phrases.pattern_docs(pipe, norms, TEXTS)
    assert not old.exists() and other_language.exists()
    assert len(list(phrases.PATTERN_CACHE.glob("patterns-de-*.spacy"))) == 1
