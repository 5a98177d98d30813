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
        ("relative", "relative_pronouns"), ("conjunctions", "clause_conjunctions"), ("finite_verbs", "auxiliaries"))}
    out["all_preps"] = (words("supplier_preps") | words("recipient_preps") | words("target_preps")
                        | words("meet_preps") | words("location_preps")
                        | {"laut", "unter", "über", "mit", "bei", "beim", "of", "with", "about", "among"})
    out["calendar"] = words("months") | words("weekdays")
    out["say_particles"] = lex.cues.get("say_particles") or {}
    out["say"] = words("say_verbs") | set(out["say_particles"])
    # the words at which clauses() may cut without a comma or quote before them
    out["cut_words"] = frozenset({";", "–", "—", ":", '"', "that", "dass"}) | out["strong"] | out["conjunctions"]
    return out
