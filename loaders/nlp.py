"""spaCy pipelines without a trained model: blank de/en, sentences, lookup lemmas, light stems,
and a PhraseMatcher over the vocabularies (no model download at run time)."""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import numpy
import spacy
from spacy.attrs import IDX, IS_ALPHA, IS_PUNCT, IS_SPACE, LANG, LEMMA, LOWER, NORM, ORTH, SENT_START, SPACY
from spacy.language import Language
from spacy.lookups import load_lookups
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.util import compile_infix_regex, compile_suffix_regex, load_language_data, registry

from graph import yaml_data
from loaders import gazetteer as gaz_mod
from loaders.phrases import pattern_arrays

VOCAB_KEY = "armsgraph_vocab"
TOKENIZER_CACHE = 200_000
LEXICAL_ATTRS = {IS_ALPHA, IS_PUNCT, IS_SPACE, LOWER, NORM, LANG}  # what the pipeline reads of a word
# a full stop after a designation's number ends the sentence ("vom Typ KN-23."): German keeps "23."
# as one token (an ordinal, as in "am 3. März"), which hid the designation and the sentence end
EXTRA_SUFFIXES = tuple(rf"(?<=[A-Za-z]-{'[0-9]' * n})\." for n in range(1, 5))
# a year ends a sentence as well ("40 Boote bis 2031. Zudem ..."): no German ordinal has four digits
EXTRA_SUFFIXES += (r"(?<=\b(?:19|20)[0-9][0-9])\.",)
TOKENS_KEY = "armsgraph_tokens"
SENT_PUNCT = frozenset({".", "!", "?", "…"})  # what ends a sentence (the Sentencizer's punct_chars)
NOT_START = (1 << 64) - 1  # SENT_START -1 (no sentence starts here) as Doc.to_array gives it: uint64
ROLE_ORDER = {"name": 0, "code": 1, "metonym": 2, "demonym": 3, "adjective": 4}
# split hyphenated compounds (US-Geheimdienste, KN-23, Storm-Shadow-Raketen) and 240mm -> 240 mm
EXTRA_INFIXES = (r"(?<=[\w\"'])-(?=[\w\"'])", r"(?<=[0-9])(?=mm\b)", r"(?<=[0-9])(?=km\b)",
                 r"(?<=\w)(?=\")", r"(?<=\")(?=\w)")


@lru_cache(maxsize=None)
def lemma_table(lang: str) -> dict[str, str]:
    """spaCy's lookup lemmas (from spacy-lookups-data) for a language: word form -> lemma. A plain
    dict of the package's data: spaCy's Table hashes every key as it loads (a second per process)."""
    data = registry.lookups.get(lang) if lang in registry.lookups else {}
    if "lemma_lookup" not in data:
        table = dict(load_lookups(lang, ["lemma_lookup"]).get_table("lemma_lookup"))  # raises spaCy's error
    else:
        table = dict(load_language_data(data["lemma_lookup"]))
    table.update(lemma_corrections().get(lang) or {})
    return table


@lru_cache(maxsize=1)
def lemma_corrections() -> dict[str, dict[str, str]]:
    """loaders/lexicon/lemmas.yaml: forms the lookup table lemmatises wrongly, per language."""
    path = Path(__file__).resolve().parent / "lexicon" / "lemmas.yaml"
    return yaml_data.read(path) or {}


class Sentence(NamedTuple):
    """A sentence as the token range [start, end) (what the rules use of a spaCy Span)."""

    start: int
    end: int


class VocabMatch(NamedTuple):
    """A vocabulary mention found by the matcher: tokens [start, end) name an entity in a role."""

    start: int
    end: int
    entity: str
    role: str  # name | code | metonym | adjective | demonym


class Form(NamedTuple):
    """What the norms component gives every token of one text."""

    lower: str
    lemma: str
    norm: str
    lemma_id: int
    norm_id: int


@dataclass(slots=True)
class Tokens:
    """A document's token attributes as plain lists, read from the Doc once. The rules look at
    tokens by position many times; spaCy builds a new Token object on every doc[i]."""

    text: list[str]
    lower: list[str]
    lemma: list[str]
    norm: list[str]
    alpha: list[bool]
    idx: list[int]
    sents: list[Sentence]

    def chars(self, sent: Sentence) -> tuple[int, int]:
        """A sentence's character offsets, as Span.start_char and Span.end_char give them."""
        return self.idx[sent.start], self.idx[sent.end - 1] + len(self.text[sent.end - 1])

    def span_text(self, start: int, end: int) -> str:
        """The text of tokens [start, end), as Span.text gives it (spaCy keeps one space after a
        token as its whitespace; any other whitespace is a token of its own)."""
        parts = []
        for k in range(start, end):
            parts.append(self.text[k])
            if k + 1 < end and self.idx[k + 1] > self.idx[k] + len(self.text[k]):
                parts.append(" ")
        return "".join(parts)


_STRINGS: dict[int, str] = {}  # string hash -> string (the same in every Vocab), across documents


def _names(hashes: list[int], strings) -> list[str]:
    memo = _STRINGS
    try:
        return list(map(memo.__getitem__, hashes))
    except KeyError:
        if len(memo) > 1_000_000:
            memo.clear()
        for h in hashes:
            if h not in memo:
                memo[h] = strings[h]
        return [memo[h] for h in hashes]


def tokens(doc: Doc) -> Tokens:
    """The token lists of a processed Doc (computed once, kept in doc.user_data)."""
    got = doc.user_data.get(TOKENS_KEY)
    if got is not None:
        return got
    n = len(doc)
    if n and not doc.has_annotation("SENT_START"):
        raise ValueError("the document has no sentence boundaries")
    cols = doc.to_array([ORTH, LOWER, LEMMA, NORM, IS_ALPHA, IDX, SENT_START]).T.tolist() if n else [[]] * 7
    strings = doc.vocab.strings
    got = doc.user_data[TOKENS_KEY] = Tokens(
        _names(cols[0], strings), _names(cols[1], strings), _names(cols[2], strings), _names(cols[3], strings),
        [v == 1 for v in cols[4]], cols[5], _sentences(cols[6]))
    return got


def _sentences(sent_start: list[int]) -> list[Sentence]:
    """As Doc.sents: a sentence ends where the next token starts one."""
    n = len(sent_start)
    starts = [0] + [i for i, v in enumerate(sent_start) if v == 1 and i] + [n]
    return [Sentence(a, b) for a, b in zip(starts, starts[1:]) if b > a]


def positions_in(positions: list[int], start: int, end: int) -> list[int]:
    """The positions of a sorted list that lie in [start, end)."""
    return positions[bisect_left(positions, start):bisect_left(positions, end)]


def sentencize(texts: list[str], punct: list[int], sent_start: list[int]) -> None:
    """spaCy's Sentencizer (punct_chars SENT_PUNCT) on a document's columns, in place: a sentence
    starts at the first token, and at the first token after sentence-final punctuation that is no
    punctuation itself; like the Sentencizer it sets only the starts not set yet (0)."""
    n = len(texts)
    starts = [0] if n else []
    scanned = 0  # the tokens before this are read
    for p in [i for i, text in enumerate(texts) if text in SENT_PUNCT]:
        if p < scanned:
            continue  # (inside the run of punctuation read already)
        j = p + 1
        while j < n and (texts[j] in SENT_PUNCT or punct[j]):
            j += 1
        if j < n:
            starts.append(j)
        scanned = j
    for i in starts:
        if not sent_start[i]:
            sent_start[i] = 1
    sent_start[:] = [v or NOT_START for v in sent_start]


@Language.factory("armsgraph_norms")
def make_norms(nlp: Language, name: str):
    """Set token.norm_ to the light stem and token.lemma_ to the lookup lemma; sentence boundaries
    as spaCy's Sentencizer sets them, and newlines and opening quotes start sentences."""
    lang = nlp.lang
    table = lemma_table(lang)
    cache: dict[str, Form] = {}

    def form(text: str, strings) -> Form:
        got = cache.get(text)
        if got is None:
            lower, stem = text.lower(), gaz_mod.light_stem(text, lang)
            lemma = (table.get(text) or table.get(lower) or text).lower()
            got = cache[text] = Form(lower, lemma, stem, strings.add(lemma), strings.add(stem))
        return got

    def norms(doc: Doc) -> Doc:
        # read and write whole columns (Doc.to_array/from_array): a Token object per token costs more
        n = len(doc)
        if not n:
            return doc
        strings = doc.vocab.strings
        orth, space, punct, alpha, idx, sent_start = doc.to_array(
            [ORTH, SPACY, IS_PUNCT, IS_ALPHA, IDX, SENT_START]).T.tolist()
        texts = _names(orth, strings)
        sentencize(texts, punct, sent_start)
        lines = [i + 1 for i, text in enumerate(texts[:-1]) if "\n" in text]  # (each i on its own)
        for i in lines + [i for i, text in enumerate(texts) if text == '"' and i]:
            prev = texts[i - 1]
            if "\n" in prev:
                sent_start[i] = 1
            elif texts[i] == '"' and space[i - 1] and not space[i] \
                    and prev in ".!?\"":  # an opening quote starts the next sentence
                sent_start[i] = 1
        forms = list(map(cache.get, texts))  # (most texts are known)
        if None in forms:
            forms = [f or form(t, strings) for f, t in zip(forms, texts)]
        lower, lemma, norm, lemma_id, norm_id = map(list, zip(*forms))
        doc.from_array([NORM, LEMMA, SENT_START], numpy.array([norm_id, lemma_id, sent_start], dtype=numpy.uint64).T)
        # what tokens() would read back from the columns just written (a blank pipeline's LOWER is str.lower)
        doc.user_data[TOKENS_KEY] = Tokens(texts, lower, lemma, norm, [v == 1 for v in alpha], idx,
                                           _sentences(sent_start))
        return doc

    return norms



@Language.factory("armsgraph_vocab")
def make_vocab_matcher(nlp: Language, name: str):
    """Every vocabulary mention as a VocabMatch, in doc.user_data[VOCAB_KEY] (longest wins; plain
    tuples: a spaCy Span per match would cost Token objects to make and to read)."""
    gaz = gaz_mod.load()
    attrs = {"stem": "NORM", "exact": "ORTH", "lower": "LOWER"}  # match mode -> the attribute compared
    matchers = {mode: PhraseMatcher(nlp.vocab, attr=attr) for mode, attr in attrs.items()}
    norms = nlp.get_pipe("armsgraph_norms")
    by_key: dict[tuple[str, str], list] = {}
    for entity_id, role, text, mode in gaz.patterns():
        by_key.setdefault((f"{entity_id}|{role}", mode), []).append(text)
    arrays = pattern_arrays(nlp, norms, sorted({t for texts in by_key.values() for t in texts}))
    for (key, mode), texts in by_key.items():
        matchers[mode].add(key, [arrays[t][attrs[mode]] for t in sorted(set(texts))])

    labels: dict[int, tuple[str, str]] = {}  # match id -> (entity id, role)

    def label(match_id: int) -> tuple[str, str]:
        got = labels.get(match_id)
        if got is None:
            entity_id, role = nlp.vocab.strings[match_id].split("|")
            got = labels[match_id] = (entity_id, role)
        return got

    def match(doc: Doc) -> Doc:
        found = [hit for matcher in matchers.values() for hit in matcher(doc)]
        found.sort(key=lambda hit: ROLE_ORDER.get(label(hit[0])[1], 9))  # names win ties
        doc.user_data[VOCAB_KEY] = [VocabMatch(s, e, *label(m)) for m, s, e in filter_matches(found)]
        return doc

    return match


def filter_matches(matches: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """spacy.util.filter_spans on (match_id, start, end) triples, before a Span is made of any:
    of overlapping matches the longest wins, then the first; the result sorted by start."""
    ordered = sorted(matches, key=lambda hit: (hit[2] - hit[1], -hit[1]), reverse=True)
    seen: set[int] = set()
    out = []
    for hit in ordered:
        if hit[1] not in seen and hit[2] - 1 not in seen:
            out.append(hit)
            seen.update(range(hit[1], hit[2]))
    out.sort(key=lambda hit: hit[1])
    return out


def blank(lang: str) -> Language:
    """A blank pipeline with our tokenizer rules, sentence boundaries and norms."""
    nlp = spacy.blank(lang)
    # a word's lexical attributes are computed by Python functions when spaCy first meets it (tens of
    # thousands of vocabulary phrases at every start): only those read here are kept
    getters = nlp.vocab.lex_attr_getters
    for attr in [a for a in getters if a not in LEXICAL_ATTRS]:
        del getters[attr]
    # spaCy caches 10,000 tokenised chunks; building the vocabulary matcher alone fills that with the
    # catalogue's names (some 18,000), so the text of articles would never be cached
    nlp.tokenizer.max_cache_size = TOKENIZER_CACHE
    infixes = list(nlp.Defaults.infixes) + list(EXTRA_INFIXES)
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    suffixes = list(nlp.Defaults.suffixes) + list(EXTRA_SUFFIXES)
    nlp.tokenizer.suffix_search = compile_suffix_regex(suffixes).search
    nlp.add_pipe("armsgraph_norms")  # (sentences too: spaCy's Sentencizer builds a Token per token)
    return nlp


@lru_cache(maxsize=None)
def pipeline(lang: str) -> Language:
    """The full pipeline of a language, built once per process."""
    nlp = blank(lang)
    nlp.add_pipe("armsgraph_vocab")
    return nlp
