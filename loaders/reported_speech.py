"""Indirect speech that goes on after its speaker: a German sentence in the subjunctive without a
speaker of its own ("..., sagte Kirby. Im November seien Raketen nach Russland gebracht worden")
reports what the last speaker said."""
from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from spacy.tokens import Span

from loaders import lexicon as lexicon_mod
from loaders import nlp as nlp_mod

if TYPE_CHECKING:
    from loaders.sentences import SentenceReader


@lru_cache(maxsize=None)
def _forms(lang: str) -> tuple[frozenset[str], frozenset[str]]:
    lex = lexicon_mod.load(lang)
    return lex.words("subjunctive_forms"), lex.words("subjunctive_blockers")


@lru_cache(maxsize=None)
def _subjunctive_words(lang: str) -> dict[str, bool]:
    """Per language: a lower-case word -> whether it is a subjunctive form, filled as words come."""
    return {}


@lru_cache(maxsize=None)
def _lemmas(lang: str) -> frozenset[str]:
    """The lemmas of the language's lookup table (a verb's infinitive is one; it is no key)."""
    return frozenset(nlp_mod.lemma_table(lang).values())


def _is_subjunctive(lang: str, word: str) -> bool:
    known = _subjunctive_words(lang)
    got = known.get(word)
    if got is None:
        forms, _ = _forms(lang)
        got = known[word] = word in forms or bool(forms) and len(word) > 3 and word.endswith("e") \
            and word.isalpha() and any(_is_verb(lang, v) for v in _infinitives(lang, word))
    return got


def _infinitives(lang: str, word: str) -> list[str]:
    """The verbs whose stem + e the word is: "gebe" of "geben", "liefere" of "liefern" (the lookup
    table's lemma of the word first)."""
    stem = word[:-1]
    out = [stem + "en", stem + "n"]
    lemma = nlp_mod.lemma_table(lang).get(word)
    return [lemma] if lemma in out else out


def _is_verb(lang: str, word: str) -> bool:
    """A lemma of the lookup table that no form leads elsewhere ("neuen" is a form of "neu")."""
    table = nlp_mod.lemma_table(lang)
    return table.get(word, word) == word and word in _lemmas(lang)


def subjunctive(r: SentenceReader, sent: Span) -> bool:
    """Whether the sentence has a verb in the subjunctive outside quotation marks."""
    forms, blockers = _forms(r.lex.lang)
    if not forms:
        return False
    quoted = False
    for i in range(sent.start, sent.end):
        low = r.lower[i]
        if low == '"':
            quoted = not quoted
            continue
        if quoted or not r.alpha[i] or not r.text[i][:1].islower() or low in r.determiners:
            continue
        if i > sent.start and (r.lower[i - 1] in blockers or r.lower[i - 1] in r.determiners):
            continue
        if _is_subjunctive(r.lex.lang, low):
            return True
    return False
