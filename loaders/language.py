"""An article's language: langid, overruled by a clear German/English share of stop words."""
from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from graph import disk_cache, yaml_data
from graph.errors import SchemaError

STOPWORDS_PATH = Path(__file__).parent / "lexicon" / "stopwords.yaml"
SUPPORTED_LANGUAGES = ("de", "en")
LANGUAGE_SAMPLE = 5_000
# A text this clearly German or English needs no langid (its model costs about a millisecond per
# article): at least this many different stop words of the language, this share of all words, and
# this many times the other language's hits. Dutch, Afrikaans or Luxembourgish texts, which share a
# few of the words ("die", "der"), hit two or three different ones.
CLEAR_DISTINCT, CLEAR_SHARE, CLEAR_RATIO = 6, 0.15, 5
_WORD = re.compile(r"[^\W\d_]+")


@cache
def _stopwords() -> dict[str, frozenset[str]]:
    data = yaml_data.read(STOPWORDS_PATH)
    if not isinstance(data, dict) or set(data) != set(SUPPORTED_LANGUAGES) or not all(
            isinstance(v, list) and all(isinstance(w, str) for w in v) and v for v in data.values()):
        raise SchemaError(f"{STOPWORDS_PATH}: need keys {SUPPORTED_LANGUAGES}, each a list of words")
    return {lang: frozenset(w.lower() for w in words) for lang, words in data.items()}


@cache
def _identifier():
    """langid's identifier. Its model ships bz2-compressed and pickled as lists (1.2 s to unpack in
    every process that needs it): the unpacked arrays are kept on disk (graph/disk_cache). (langid
    is imported here: its module holds the model as a 2.5 MB string, 0.15 s of every start.)"""
    from langid.langid import LanguageIdentifier, model as langid_model

    def unpacked() -> tuple:
        got = LanguageIdentifier.from_modelstring(langid_model)
        return got.nb_ptc, got.nb_pc, got.nb_numfeats, got.nb_classes, got.tk_nextmove, got.tk_output

    model = disk_cache.kept("langid", disk_cache.digest(langid_model), unpacked)
    return LanguageIdentifier(*model, norm_probs=True)


def detect_language(text: str) -> tuple[str, float]:
    """ISO 639-1 code and confidence: a text clearly German or English by its stop words is taken to
    be so; others go to langid, which a clear German/English stop-word share still overrules."""
    sample = text[:LANGUAGE_SAMPLE]
    words = _WORD.findall(sample.lower())
    if not words:
        return "und", 0.0
    found = {code: [w for w in words if w in vocab] for code, vocab in _stopwords().items()}
    hits = {code: len(ws) for code, ws in found.items()}
    best = max(SUPPORTED_LANGUAGES, key=lambda code: hits[code])
    other = max(count for code, count in hits.items() if code != best)
    if len(set(found[best])) >= CLEAR_DISTINCT and hits[best] >= CLEAR_SHARE * len(words) \
            and hits[best] >= CLEAR_RATIO * other:
        return best, round(hits[best] / (hits[best] + other), 3)
    lang, prob = _identifier().classify(sample)
    if best != lang and hits[best] >= 2 and hits[best] >= 0.15 * len(words) and hits[best] > 2 * other:
        return best, round(hits[best] / (hits[best] + other), 3)
    return lang, float(prob)


def language_name(code: str) -> str:
    """English name of an ISO 639 code ("fr" -> "French"), or the code itself if unknown."""
    import pycountry  # (only to name a language the article is not in)
    found = pycountry.languages.get(**{f"alpha_{len(code)}": code}) if len(code) in (2, 3) else None
    return re.sub(r"\s*\(.*?\)", "", found.name.split(";")[0]) if found else code
