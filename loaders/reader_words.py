"""The word sets a SentenceReader consults, from the lexicon's cue lists, built once per language."""
from __future__ import annotations

from functools import lru_cache

from loaders import lexicon as lexicon_mod


@lru_cache(maxsize=None)
def word_sets(lang: str) -> dict:
    """The word sets a SentenceReader of this language consults (names as its attributes)."""
    lex = lexicon_mod.load(lang)
    words = lex.words
    out = {attr: words(key) for attr, key in (
        ("determiners", "determiners"), ("seat_nouns", "seat_nouns"), ("origin_suffixes", "origin_suffixes"),
        ("place_nouns", "place_nouns"), ("place_links", "place_links"), ("relative_stops", "relative_stops"),
        ("state_nouns", "state_nouns"), ("purpose_nouns", "purpose_nouns"), ("purpose_preps", "purpose_preps"),
        ("origin_nouns", "origin_nouns"), ("starters", "clause_starters"), ("strong", "strong_starters"),
        ("relative", "relative_pronouns"), ("conjunctions", "clause_conjunctions"), ("finite_verbs", "auxiliaries"),
        ("speaker_bodies", "speaker_bodies"), ("coordinators", "coordinators"))}
    out["all_preps"] = (words("supplier_preps") | words("recipient_preps") | words("target_preps")
                        | words("meet_preps") | words("location_preps")
                        | {"laut", "unter", "über", "mit", "bei", "beim", "of", "with", "about", "among"})
    out["calendar"] = words("months") | words("weekdays")
    out["say_particles"] = lex.cues.get("say_particles") or {}
    out["say"] = words("say_verbs") | set(out["say_particles"])
    # the words at which clauses() may cut without a comma or quote before them
    out["cut_words"] = frozenset({";", "–", "—", ":", '"', "that", "dass"}) | out["strong"] | out["conjunctions"]
    return out


SAY, PURPOSE = 1, 2  # the word classes say_and_purpose_words looks for, as bits


@lru_cache(maxsize=None)
def _text_classes(lang: str) -> dict[str, int]:
    """Per language: a token text -> its SAY and PURPOSE bits, filled as texts come (a token's
    lemma and lower case are functions of its text, see nlp.make_norms)."""
    return {}


def say_and_purpose_words(lang: str, texts: list[str], lemmas: list[str], lowers: list[str]) -> tuple[list, list]:
    """The positions of a document's words of saying (by lemma or form) and of its purpose nouns
    (German by lemma, "Einsätze"; English by form: "used" is no "use"), each sorted."""
    sets, classes = word_sets(lang), _text_classes(lang)
    say, purpose_nouns, german = sets["say"], sets["purpose_nouns"], lang == "de"
    got = list(map(classes.get, texts))  # (most texts are known)
    for i in [i for i, c in enumerate(got) if c is None]:
        lemma, low = lemmas[i], lowers[i]
        got[i] = classes[texts[i]] = (SAY if lemma in say or low in say else 0) | (
            PURPOSE if low in purpose_nouns or german and lemma in purpose_nouns else 0)
    hits = [i for i, c in enumerate(got) if c]
    return [i for i in hits if got[i] & SAY], [i for i in hits if got[i] & PURPOSE]
