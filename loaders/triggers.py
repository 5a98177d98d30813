"""Which words are triggers: a lemma or form of the lexicon, a German compound ending in a noun
trigger, in the sense and word class its context allows."""
from __future__ import annotations

from loaders import gazetteer as gaz_mod
from loaders import nlp as nlp_mod
from loaders.lexicon import Trigger

# per language, a German compound's lemma -> the noun triggers it ends with (words repeat)
_COMPOUND_TRIGGERS: dict[str, dict[str, list[Trigger]]] = {}
TRIGGER, CONTAIN = 1, 2  # a token text's classes (TriggerRules.text_class), as bits
_TEXT_CLASSES: dict[str, dict[str, int]] = {}  # per language: token text -> its classes


def compound_cache(lang: str) -> dict[str, list[Trigger]]:
    """The compounds of a language read so far (shared by the documents of a process)."""
    return _COMPOUND_TRIGGERS.setdefault(lang, {})


class TriggerRules:
    """A part of RelationReader (loaders/relations.py): its methods read the sentence reader self.r,
    the lexicon self.lex, the vocabulary self.gaz, the document context self.ctx and the language's
    cue words (loaders/cue_sets.py)."""

    def candidates(self, i: int) -> list[Trigger]:
        """The triggers a word's lemma or form names (a word outside every mention)."""
        if i in self.r.covered or not self.r.alpha[i]:
            return []
        lemma, low = self.r.lemma[i], self.r.lower[i]
        cands = list(self.lex.triggers.get(lemma, ())) or list(self.lex.triggers.get(low, ()))
        if not cands and self.lex.lang == "de" and self.texts[i][:1].isupper() and len(low) > 6:
            cands = list(self.compound_triggers(lemma))
        return cands

    def trigger_and_contain_words(self) -> tuple[list[int], list[int]]:
        """The positions where candidates() finds triggers, and those of verbs of containing
        ("beinhaltet", "included"), each sorted."""
        r = self.r
        classes = _TEXT_CLASSES.setdefault(self.lex.lang, {})
        covered, alpha = r.covered, r.alpha
        texts = self.texts
        got = list(map(classes.get, texts))  # (most texts are known)
        for i in [i for i, c in enumerate(got) if c is None]:
            got[i] = classes[texts[i]] = self.text_class(texts[i], r.lemma[i], r.lower[i])
        hits = [i for i, c in enumerate(got) if c]
        return ([i for i in hits if got[i] & TRIGGER and alpha[i] and i not in covered],
                [i for i in hits if got[i] & CONTAIN])

    def text_class(self, text: str, lemma: str, low: str) -> int:
        """TRIGGER: candidates() finds triggers at a word of this text outside every mention;
        CONTAIN: a verb of containing. (A token's lemma and lower case are functions of its text.)"""
        triggers = self.lex.triggers
        trigger = triggers.get(lemma) or triggers.get(low) or (
            self.lex.lang == "de" and text[:1].isupper() and len(low) > 6 and self.compound_triggers(lemma))
        return (TRIGGER if trigger else 0) | (CONTAIN if lemma in self.contain_verbs or low in self.contain_verbs else 0)

    def trigger_positions(self, start: int, end: int) -> list[int]:
        """The positions in [start, end) where candidates() finds triggers."""
        return nlp_mod.positions_in(self.trigger_words, start, end)

    def triggers_at(self, i: int, clause: tuple[int, int]) -> list[Trigger]:
        """The triggers at a word whose frames its context allows."""
        cands = self.candidates(i)
        if not cands:  # most words
            return []
        text = self.texts[i]
        low = self.r.lower[i]
        if any(tuple(self.r.lower[i:i + len(p)]) == p for p in self.idioms.get(low, ())):
            return []  # "hit back" (retorted), "struck a deal": the word in another sense
        if self.lex.lang == "en" and cands and i + 1 < len(self.r.lower) and any(
                t.noun for t in self.lex.triggers.get(self.r.lemma[i + 1], ())):
            return []  # "arms supplier", "attack drones": a noun modifying a trigger noun is no verb
        is_noun = text[:1].isupper() if self.lex.lang == "de" else self.english_noun(i, cands)
        out = []
        for t in cands:
            # German capitalises nouns: "Treffen" is the meeting, "treffen" the verb (only the bare form is ambiguous)
            nominalised = self.lex.lang == "de" and low == t.lemma and i and self.r.lower[i - 1] in (
                "das", "beim", "zum", "vom", "dem")  # "Das Abfeuern von Raketen auf Russland"
            if is_noun is not None and i > clause[0] and t.noun != is_noun \
                    and (t.noun or low == t.lemma or self.lex.lang == "en") and not nominalised:
                continue
            if t.particle and not any(t.particle in (self.r.lower[j], self.r.lemma[j]) for j in range(i + 1, clause[1])) \
                    and not (i and self.r.lower[i - 1] == t.particle) and not low.startswith(t.particle):
                continue
            if not t.particle and self.other_particle_verb(self.r.lemma[i], i, clause):
                continue  # "gibt ... an" (states), "gibt ... zu" (admits) is no "geben"
            if t.phrase and not any(self.r.lemma[j] in t.phrase or self.r.lower[j] in t.phrase
                                    for j in range(max(clause[0], i - 3), i)):
                continue
            if t.followed_by and not (i + 1 < clause[1] and self.r.lower[i + 1] in t.followed_by):
                continue
            out.append(t)
        return out

    def other_particle_verb(self, lemma: str, i: int, clause: tuple[int, int]) -> bool:
        """A German verb whose separable particle closes its clause is another verb: "geben ... an"
        is a verb of saying, "geben ... zu" another trigger."""
        if self.lex.lang != "de" or not self.r.text[i][:1].islower():
            return False
        particles = {t.particle for t in self.lex.triggers.get(lemma, ()) if t.particle}
        said = self.r.say_particles.get(lemma)
        if said:
            particles.add(said)
        end = clause[1] - 1
        while end > i and not self.r.alpha[end]:
            end -= 1
        return end > i and self.r.lower[end] in particles

    def compound_triggers(self, lemma: str) -> list[Trigger]:
        """The noun triggers a German compound ends with, the longest ones ("Waffenlieferungen")."""
        got = self.compound_cache.get(lemma)
        if got is None:
            folded = gaz_mod.fold(lemma)
            # the compound as read, and without a genitive ending ("des Angriffskriegs", "des Exportes")
            forms = [folded] + [folded[:-len(e)] for e in ("es", "s") if folded.endswith(e) and len(folded) > 6]
            cands = [t for t in self.noun_triggers if len(t.lemma) >= 5
                     and any(f.endswith(gaz_mod.fold(t.lemma)) for f in forms)]
            got = self.compound_cache[lemma] = [
                t for t in cands if len(t.lemma) == max(len(c.lemma) for c in cands)]
        return got

    def english_noun(self, i: int, cands: list[Trigger]) -> bool | None:
        """'the strikes', 'missile strikes', "Russia's deliveries" are nouns; 'Russia strikes' a verb;
        a transfer word with verb frames only is a noun after a determiner ("an offer Oslo turned
        down"), unless a frame names the words around it ("on their way to")."""
        if i == 0:
            return False if any(t.noun for t in cands) else None
        r = self.r
        prev = r.lower[i - 1]
        determined = prev in r.determiners or prev in self.lex.words("possessives")
        if not ({t.noun for t in cands} >= {True, False}):
            # (a transfer verb: its nouns have frames of their own; "a meeting" keeps the frames of "meet")
            return True if determined and all(t.type == "SUPPLIES" and not (t.noun or t.phrase) for t in cands) else None
        if determined or prev in ("-", "'s", "of", "new"):
            return True
        if i - 1 in r.covered and (r.covered[i - 1].kind == "WeaponType" or r.covered[i - 1].is_adjective):
            return True
        before = r.covered.get(i - 1)
        if before is not None and before.kind in ("State", "Agency", "Official") and before.role == "name":
            return False  # "The Netherlands promised", "the Pentagon announced": the actor is the subject
        if before is not None and before.start > 0 and r.lower[before.start - 1] in r.determiners:
            return True  # "a U.S. promise", "the Russian invasion": a name between a determiner and the noun
        if i >= 2 and r.text[i - 1][:1].isupper() and r.lower[i - 2] in r.determiners:
            return True  # "a Mediterranean tour": any capitalised word between a determiner and the noun
        return False
