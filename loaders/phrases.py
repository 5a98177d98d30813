"""The vocabulary's phrases as the pipeline reads them, kept on disk between runs."""
from __future__ import annotations

import spacy
from spacy.attrs import LOWER, NORM, ORTH
from spacy.language import Language

from graph import disk_cache
from loaders.version import extractor_version

ATTRS = {"ORTH": ORTH, "NORM": NORM, "LOWER": LOWER}  # what the vocabulary's matchers compare


def pattern_arrays(nlp: Language, norms, texts: list[str]) -> dict[str, dict[str, tuple[int, ...]]]:
    """The vocabulary's phrases as the pipeline reads them: each text's tokens as hashes of their
    ORTH, NORM and LOWER (what spaCy's PhraseMatcher takes as a pattern in place of a Doc).
    Tokenising some 28,000 phrases takes seconds, and making them Docs again from a DocBin still
    took a second, in every process that loads a language: the hashes are kept on disk
    (graph/disk_cache) by language, extractor version, spaCy version and the phrases themselves."""
    def build() -> dict[str, dict[str, tuple[int, ...]]]:
        out = {}
        for text in texts:
            columns = norms(nlp.make_doc(text)).to_array(list(ATTRS.values())).T.tolist()
            out[text] = {name: tuple(column) for name, column in zip(ATTRS, columns)}
        return out

    key = disk_cache.digest(extractor_version(), spacy.__version__, "\n".join(texts))
    return disk_cache.kept(f"patterns-{nlp.lang}", key, build)
