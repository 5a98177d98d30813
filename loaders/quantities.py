"""Quantities as articles state them: "mehr als 100", "bis zu 1.000", "rund 50", "Dutzende",
"1,5 Millionen", "more than 1,000", "hundreds"."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from graph.model import Quantity
from loaders import lexicon

NUMBER_RE = {"de": re.compile(r"^\d{1,3}(?:\.\d{3})+$|^\d+(?:,\d+)?$"),
             "en": re.compile(r"^\d{1,3}(?:,\d{3})+$|^\d+(?:\.\d+)?$")}


@dataclass(frozen=True, slots=True)
class Found:
    """A quantity and the token range [start, end) it was read from."""

    quantity: Quantity
    start: int
    end: int


def parse_number(text: str, lang: str) -> float | None:
    """'1.000' -> 1000 (de), '1,5' -> 1.5 (de), '1,000' -> 1000 (en); None if not a number."""
    q = lexicon.load(lang).quantities
    if not NUMBER_RE[lang].match(text):
        return None
    return float(text.replace(q["thousands"], "").replace(q["decimal"], "."))


def _word_number(word: str, lang: str) -> float | None:
    q = lexicon.load(lang).quantities
    w = word.lower()
    if w in q["numbers"]:
        return float(q["numbers"][w])
    return parse_number(word, lang)


@lru_cache(maxsize=None)
def _qualifiers(lang: str) -> list[tuple[str, list[list[str]]]]:
    """Each qualifier's phrases as word lists, longest first."""
    q = lexicon.load(lang).quantities
    return [(name, [list(p) for p in sorted(phrases, key=len, reverse=True)]) for name, phrases in q["qualifiers"].items()]


# Our own lookup rather than spaCy's PhraseMatcher: the question is one position ("which phrase
# ends right before this number?"), asked a few times a sentence, not every match in a document.
@lru_cache(maxsize=None)
def _qualifier_index(lang: str) -> dict[str | None, list[tuple[str, list[str]]]]:
    """The qualifier phrases by their last word, each list in _qualifiers' order (None: the
    phrases that end in any word, the empty one)."""
    index: dict[str | None, list[tuple[str, list[str]]]] = {}
    ordered = [(name, phrase) for name, phrases in _qualifiers(lang) for phrase in phrases]
    for last in {p[-1] for _, p in ordered if p} | {None}:
        index[last] = [(name, p) for name, p in ordered if not p or p[-1] == last]
    return index


def _qualifiers_ending(lang: str, word: str | None) -> list[tuple[str, list[str]]]:
    """The qualifier phrases that may end with `word`, in the order find() tries them."""
    index = _qualifier_index(lang)
    return index.get(word, index[None])


VAGUE_MULTIPLES = {12: "dozens", 100: "hundreds", 1000: "thousands", 10**6: "millions", 10**9: "billions"}


def _after_contract(lower: list[str], k: int, nouns) -> bool:
    """A contract noun shortly before k ("ein Vertrag mit Seoul über 180 Panzer"): its "über" says
    what the contract is for."""
    for j in range(k - 1, max(-1, k - 5), -1):
        if lower[j] in nouns:
            return True
        if lower[j] in (",", ".", ";", ":"):
            return False
    return False


def find(words: list[str], end: int, lang: str, lower: list[str] | None = None) -> Found | None:
    """The quantity that ends right before token index `end` (skipping adjectives is the caller's job).
    `lower`: the words in lower case, when the caller has them already."""
    q = lexicon.load(lang).quantities
    if lower is None:
        lower = [w.lower() for w in words]
    i = end - 1
    if i < 0:
        return None
    # "1,5 Millionen", "6 Milliarden", "two dozen", "mehrere Dutzend"
    multiplier = q["multipliers"].get(lower[i])
    number = None
    start = i
    fractions = q.get("fractions") or {}
    if multiplier is not None and i >= 1:
        base = _word_number(words[i - 1], lang)
        if lower[i - 1] in fractions:  # "ein halbes Dutzend"
            number, start = fractions[lower[i - 1]] * multiplier, i - 1
        elif base is not None and lower[i - 1] not in q["vague"]:
            number, start = base * multiplier, i - 1
            if start >= 1 and lower[start - 1] in fractions:  # "half a dozen"
                number, start = number * fractions[lower[start - 1]], start - 1
        elif lower[i - 1] in q["vague"]:  # "mehrere Dutzend", "several hundred": dozens, hundreds
            vague = q["vague"].get(lower[i]) or VAGUE_MULTIPLES.get(multiplier) or q["vague"][lower[i - 1]]
            return Found(Quantity(" ".join(words[i - 1:end]), qualifier=vague), i - 1, end)
    if number is None:
        if lower[i] in q["vague"]:
            return Found(Quantity(words[i], qualifier=q["vague"][lower[i]]), i, end)
        number = _word_number(words[i], lang)
        if number is None or lower[i] in ("ein", "eine", "einen", "einem", "a", "an", "one"):
            return None
        if multiplier is not None and number != multiplier:  # ("rund hundert Panzer": 100)
            return None
    # "more than $385 million": the currency sign before the number is the unit
    unit = (q.get("currency_signs") or {}).get(lower[start - 1]) if start else None
    if unit:
        start -= 1
    qualifier = None
    for name, phrase in _qualifiers_ending(lang, lower[start - 1] if start else None):
        n = len(phrase)
        if start - n >= 0 and lower[start - n:start] == phrase and not (
                start - n > 0 and lower[start - n - 1] in q.get("particle_verbs", ())) \
                and not _after_contract(lower, start - n, q.get("contract_nouns") or ()):
            qualifier, start = name, start - n
            break
    text = " ".join(words[start:end])
    if qualifier in ("more_than", "at_least"):
        return Found(Quantity(text, min=number, qualifier=qualifier, unit=unit), start, end)
    if qualifier in ("up_to", "fewer_than"):
        return Found(Quantity(text, max=number, qualifier=qualifier, unit=unit), start, end)
    return Found(Quantity(text, value=number, qualifier=qualifier, unit=unit), start, end)


def with_unit(quantity: Quantity, unit: str | None) -> Quantity:
    """The same quantity with a unit (containers, shells, soldiers, USD)."""
    if not unit:
        return quantity
    return Quantity(quantity.text, quantity.value, quantity.min, quantity.max, quantity.qualifier, unit)
