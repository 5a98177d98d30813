"""spaCy pipelines without a trained model: blank de/en, sentences, lookup lemmas, light stems,
and a PhraseMatcher over the vocabularies (no model download at run time)."""
from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.lookups import load_lookups
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import compile_infix_regex, filter_spans

from loaders import gazetteer as gaz_mod

SPAN_KEY = "vocab"
ROLE_ORDER = {"name": 0, "code": 1, "metonym": 2, "demonym": 3, "adjective": 4}
# split hyphenated compounds (US-Geheimdienste, KN-23, Storm-Shadow-Raketen) and 240mm -> 240 mm
EXTRA_INFIXES = (r"(?<=[\w\"'])-(?=[\w\"'])", r"(?<=[0-9])(?=mm\b)", r"(?<=[0-9])(?=km\b)",
                 r"(?<=\w)(?=\")", r"(?<=\")(?=\w)")


@lru_cache(maxsize=None)
def lemma_table(lang: str):
    """spaCy's lookup lemmas (from spacy-lookups-data) for a language: a Table keyed by word form."""
    return load_lookups(lang, ["lemma_lookup"]).get_table("lemma_lookup")


def lemma_of(text: str, lang: str) -> str:
    """The lower-case lookup lemma of a word form, or the lower-case form itself."""
    table = lemma_table(lang)
    lemma = table.get(text) or table.get(text.lower()) or table.get(text.capitalize()) or text
    return lemma.lower()


@Language.factory("armsgraph_norms")
def make_norms(nlp: Language, name: str):
    """Set token.norm_ to the light stem and token.lemma_ to the lookup lemma; newlines end sentences."""
    lang = nlp.lang
    table = lemma_table(lang)
    cache: dict[str, tuple[str, str]] = {}

    def norms(doc: Doc) -> Doc:
        for i, tok in enumerate(doc):
            text = tok.text
            got = cache.get(text)
            if got is None:
                lemma = table.get(text) or table.get(text.lower()) or text
                got = cache[text] = (gaz_mod.light_stem(text, lang), lemma.lower())
            tok.norm_, tok.lemma_ = got
            if i and "\n" in doc[i - 1].text:
                tok.is_sent_start = True
            elif text == '"' and i and doc[i - 1].whitespace_ and not tok.whitespace_ \
                    and doc[i - 1].text in ".!?\"":  # an opening quote starts the next sentence
                tok.is_sent_start = True
        return doc

    return norms


@Language.factory("armsgraph_vocab")
def make_vocab_matcher(nlp: Language, name: str):
    """Mark every vocabulary mention in doc.spans['vocab'] (label 'entity_id|role', longest wins)."""
    gaz = gaz_mod.load()
    matchers = {"stem": PhraseMatcher(nlp.vocab, attr="NORM"), "exact": PhraseMatcher(nlp.vocab, attr="ORTH"),
                "lower": PhraseMatcher(nlp.vocab, attr="LOWER")}
    norms = nlp.get_pipe("armsgraph_norms")
    by_key: dict[tuple[str, str], list] = {}
    for entity_id, role, text, mode in gaz.patterns():
        by_key.setdefault((f"{entity_id}|{role}", mode), []).append(text)
    for (key, mode), texts in by_key.items():
        docs = [norms(nlp.make_doc(t)) for t in sorted(set(texts))]
        matchers[mode].add(key, docs)

    def match(doc: Doc) -> Doc:
        spans = [Span(doc, s, e, label=m) for matcher in matchers.values() for m, s, e in matcher(doc)]
        spans.sort(key=lambda sp: ROLE_ORDER.get(sp.label_.rsplit("|", 1)[1], 9))  # names win ties
        doc.spans[SPAN_KEY] = filter_spans(spans)
        return doc

    return match


def blank(lang: str) -> Language:
    """A blank pipeline with our tokenizer rules, sentence boundaries and norms."""
    nlp = spacy.blank(lang)
    infixes = list(nlp.Defaults.infixes) + list(EXTRA_INFIXES)
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    nlp.add_pipe("sentencizer", config={"punct_chars": [".", "!", "?", "…"]})
    nlp.add_pipe("armsgraph_norms")
    return nlp


@lru_cache(maxsize=None)
def pipeline(lang: str) -> Language:
    """The full pipeline of a language, built once per process."""
    nlp = blank(lang)
    nlp.add_pipe("armsgraph_vocab")
    return nlp
