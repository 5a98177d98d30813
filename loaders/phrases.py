"""The vocabulary's phrases as the pipeline reads them, kept on disk between runs."""
from __future__ import annotations

import spacy
from spacy.language import Language
from spacy.tokens import Doc, DocBin

from graph.atomic import replacing
from graph.settings import ROOT
from loaders.version import extractor_version

PATTERN_CACHE = ROOT / ".cache"  # (git-ignored)


def pattern_docs(nlp: Language, norms, texts: list[str]) -> dict[str, Doc]:
    """The vocabulary's phrases as the pipeline reads them (tokens and norms), by text. Tokenising
    some 28,000 phrases one by one takes seconds, in every process that loads: the result is kept
    in PATTERN_CACHE (spaCy's DocBin), one file per language, extractor version and spaCy version,
    and used when it holds exactly these phrases; a cache that cannot be read or written is
    rebuilt or skipped, never an error."""
    path = PATTERN_CACHE / f"patterns-{nlp.lang}-{extractor_version()}-spacy{spacy.__version__}.spacy"
    try:
        docs = list(DocBin().from_bytes(path.read_bytes()).get_docs(nlp.vocab))
        if [doc.text for doc in docs] == texts:
            return dict(zip(texts, docs))
    except (OSError, ValueError, KeyError):
        pass
    docs = [norms(nlp.make_doc(t)) for t in texts]
    stored = DocBin(attrs=["ORTH", "NORM", "LEMMA", "SPACY"], store_user_data=False, docs=docs)
    try:
        with replacing(path) as fh:
            fh.write(stored.to_bytes())
        for old in path.parent.glob(f"patterns-{nlp.lang}-*.spacy"):  # other versions' phrases
            if old != path:
                old.unlink()
    except OSError:
        pass
    return dict(zip(texts, docs))
