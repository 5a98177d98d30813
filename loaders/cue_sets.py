"""The cue word sets of a language that the relation rules consult, computed once per language."""
from __future__ import annotations

from functools import lru_cache

from loaders import gazetteer as gaz_mod
from loaders import lexicon as lexicon_mod


def _by_first_word(phrases) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Phrases by their first word. (Our own, not spaCy's PhraseMatcher: the rules ask whether a
    phrase starts at one given token, not for every match in the document.)"""
    out: dict[str, list] = {}
    for p in phrases:
        if p:
            out.setdefault(p[0], []).append(tuple(p))
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=None)
def cue_sets(lang: str) -> dict:
    """The cue word sets a RelationReader of this language consults (names as its attributes)."""
    lex = lexicon_mod.load(lang)
    words, cues, q = lex.words, lex.cues, lex.quantities
    names = {"negation": "negation", "doubt": "doubt", "planned": "planned", "goods": "goods_words",
             "relative": "relative_pronouns", "request_verbs": "request_verbs", "claim_nouns": "claim_nouns",
             "coordinators": "coordinators", "refusal": "refusal", "permit_verbs": "permit_verbs",
             "announce_verbs": "announce_verbs", "complementisers": "complementisers",
             "fronted": "fronted_complementisers", "war_nouns": "war_nouns", "defend_verbs": "defend_verbs",
             "thank_verbs": "thank_verbs", "stock_nouns": "stock_nouns", "object_pronouns": "object_pronouns",
             "anaphor_goods": "anaphor_goods", "unreal_verbs": "unreal_verbs", "conditionals": "conditionals",
             "unreal_words": "unreal_words", "use_words": "use_words", "negative_determiners": "negative_determiners", "both_words": "both_words", "deal_nouns": "deal_nouns", "personnel_anaphors": "personnel_anaphors", "question_words": "question_words",
             "definites": "definite_determiners",
             "auxiliaries": "auxiliaries", "self_pronouns": "self_pronouns", "own_nouns": "own_nouns",
             "other_words": "other_words", "weapon_people": "weapon_personnel", "for_words": "purpose_for",
             "contain_verbs": "contain_verbs", "package_nouns": "package_nouns", "buyer_nouns": "buyer_nouns",
             "member_preps": "buyer_member_preps", "determiners": "determiners", "equip_preps": "equip_preps",
             "tell_verbs": "tell_verbs", "carry_words": "carry_words", "copulas": "copulas",
             "passive_auxiliaries": "passive_auxiliaries",
             "purpose_to": "infinitive_to"}
    out = {attr: words(key) for attr, key in names.items()}
    out.update(
        noun_triggers=sorted(lex.noun_triggers, key=lambda t: -len(t.lemma)),
        units=cues.get("units") or {},
        claim_endings=tuple(gaz_mod.fold(c) for c in out["claim_nouns"] if len(c) > 5),  # German compounds
        observers=frozenset(cues.get("observer_categories") or ()),
        state_bodies=frozenset(cues.get("state_body_categories") or ()),
        coordinator_phrases=frozenset(w for w in cues.get("coordinators", ()) if " " in w),
        coordinator_words=frozenset(p for w in cues.get("coordinators", ()) if " " in w for p in w.split()),
        partner_phrases=_by_first_word(lex.phrases("partner_phrases")),
        made_in_preps=frozenset((cues.get("made_in") or {}).get("preps", ())),
        made_in_words=frozenset((cues.get("made_in") or {}).get("words", ())),
        idioms=_by_first_word(lex.phrases("idioms")),
        quantity_words=frozenset(q["vague"]) | frozenset(q["multipliers"]) | frozenset(q["numbers"]))
    return out
