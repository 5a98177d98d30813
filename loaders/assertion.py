"""Whether a trigger asserts what happened: not when requested, refused, permitted, threatened,
asked about, governing another clause, or its words are said of something else."""
from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Span

from loaders import lexicon as lexicon_mod
from loaders import nlp as nlp_mod
from loaders.lexicon import Trigger
from loaders.mentions import Mention
from loaders.sentences import Arg


@lru_cache(maxsize=None)
def _transfer_nouns(lang: str) -> frozenset[str]:
    """The lexicon's nouns of transfer, long enough to end a compound ("lieferung", "export")."""
    return frozenset(t.lemma for t in lexicon_mod.load(lang).noun_triggers if t.type == "SUPPLIES" and len(t.lemma) >= 5)


class AssertionRules:
    """A part of RelationReader (loaders/relations.py): its methods read the sentence reader self.r,
    the lexicon self.lex, the vocabulary self.gaz, the document context self.ctx and the language's
    cue words (loaders/cue_sets.py)."""

    def says(self, end: int, i: int) -> bool:
        """A verb of saying right after an actor, before the trigger at i ("and Washington says
        Tehran delivered ..."): the actor is a speaker, not a party."""
        r = self.r
        said = next(iter(nlp_mod.positions_in(r.say_words, end, min(end + 2, i))), None)  # (lemma or form in say)
        # (only when the reported clause has a subject of its own: "Sweden said it would send" is Sweden's)
        return said is not None and any(k in r.covered and r.covered[k].kind in ("State", "Agency", "Official")
                                        and not r.covered[k].is_adjective for k in range(said + 1, i))

    def told(self, m: Mention) -> bool:
        """The one told ('told the council', 'unterrichtete den Rat'): the object of a verb of telling."""
        r, j = self.r, m.start - 1
        while j >= 0 and r.lower[j] in self.determiners:
            j -= 1
        return j >= 0 and (r.lemma[j] in self.tell_verbs or r.lower[j] in self.tell_verbs)

    def non_finite(self, i: int) -> bool:
        """An -ing form or an infinitive ("oppose sending", "zu liefern"): no subject of its own for
        the document's context to stand in for."""
        r = self.r
        return (self.lex.lang == "en" and r.lower[i].endswith("ing")) or (
            i > 0 and r.lower[i - 1] in self.lex.words("infinitive_marker"))

    def refused(self, t: Trigger, i: int, sent: Span) -> bool:
        """'weigerte sich, Waffen zu liefern', 'stopped selling to Russia': a transfer refused or
        ended is no transfer (a refusal word before the trigger in its sentence)."""
        if t.type not in ("SUPPLIES", "AUTHORIZES"):
            return False
        r = self.r
        words = [j for j in range(sent.start, i) if r.lemma[j] in self.refusal or r.lower[j] in self.refusal
                 or f"{r.lower[j]} {r.lower[j + 1]}" in self.refusal]
        if not words:  # (most triggers: no clause boundaries to look for)
            return False
        # not across a clause with its own subject: "preventing Chile from firing the rifles Lima has bought",
        # nor across a semicolon ("stopped two boats; the arms were bound for X")
        return not any(r.lower[k] == ";" or k in r.covered and r.covered[k].start == k and r.new_subject(k, i + 1)
                       for k in range(words[-1] + 1, i))

    def passive_travel(self, i: int) -> bool:
        """A verb of travel in the passive ("were flown to", "wurden nach X geflogen"): carried, not travelling."""
        r = self.r
        if r.lower[i].endswith("ing") or r.lower[i] == r.lemma[i]:
            return False
        aux = self.passive_auxiliaries
        reach = range(max(0, i - 2), i) if self.lex.lang == "en" else range(max(0, i - 8), i + 2)
        return any(r.lower[j] in aux for j in reach if j < len(r.lower))

    def other_actor_between(self, i: int, target: str, source: str) -> bool:
        """Another actor named between a travel noun and the place after it."""
        r = self.r
        place = next((m for m in r.mentions.in_range(i + 1, len(r.lower)) if m.entity == target), None)
        if place is None:
            return False
        start = max([i + 1] + [m.end for m in r.mentions.in_range(i + 1, place.start) if m.entity == source])
        side = self.own_side(source)
        return any(m.kind in ("State", "Agency", "Official") and not m.is_adjective and m.entity not in (source, target)
                   and self.own_side(m.entity) != side  # (the visitor's own officials and state)
                   for m in r.mentions.in_range(start, place.start))  # (after the visitor's own noun phrase)

    def goods_travel(self, lo: int, i: int) -> bool:
        """Weapons, not a person, are what moves: a weapon named before a verb of travel and no
        official."""
        kinds = {m.kind for m in self.r.mentions.in_range(lo, i)}
        return "WeaponType" in kinds and "Official" not in kinds

    def governs_clause(self, t: Trigger, i: int, hi: int) -> bool:
        """'ordered 100,000 people to leave', 'kündigte an, Minsk wolle ... kaufen': a verb of transfer
        that governs an infinitive or a clause is a command or an announcement; the transfer, if
        any, is the governed verb's."""
        if t.type != "SUPPLIES" or t.noun:
            return False
        r = self.r
        if t.lemma in self.announce_verbs:  # "kündigte an, Minsk wolle ... kaufen", "announced that it would ship"
            particle = next((j for j in range(i + 1, min(hi + 1, len(r.lower))) if t.particle and r.lower[j] == t.particle), i)
            nxt = particle + 1 if particle + 1 < len(r.lower) else None
            if nxt is not None and (r.lower[nxt] in (",", ":") or r.lower[nxt] in self.complementisers
                                    or r.lower[nxt] in self.lex.words("pronouns_it")):
                return True
        if self.lex.lang != "en":
            return False
        for j in range(i + 1, min(hi, i + 6) - 1):
            if j in r.covered and r.covered[j].kind == "WeaponType":
                return False
            if r.lower[j] == "to" and r.alpha[j + 1] and r.text[j + 1].islower() \
                    and r.lower[j + 1] not in r.determiners and (j + 1) not in r.covered:
                return True
        return False

    def requested(self, t: Trigger, i: int, lo: int, sent: Span) -> bool:
        """'forderte die Erlaubnis', 'called on Germany to deliver': asked for, not done."""
        r = self.r
        marker = self.lex.words("infinitive_marker")
        if i >= 3 and r.lower[i - 1] in self.coordinators and r.lower[i - 3] in marker:
            i -= 2  # "an invitation to explain or retract": the infinitive is coordinated
        if not (t.noun or (i and r.lower[i - 1] in marker)
                or (i + 1 < len(r.lower) and r.lower[i + 1] in marker
                    and r.lower[i + 1] not in t.followed_by)):  # ("on their way to X": no infinitive)
            return False
        return any(r.lemma[j] in self.request_verbs or r.lower[j] in self.request_verbs
                   for j in range(max(sent.start, i - 12), i))

    def permitted(self, t: Trigger, i: int, sent: Span) -> bool:
        """'lets Ukraine fire missiles into Russia', 'erlaubte Kiew, Ziele in Russland anzugreifen':
        an attack that is allowed is not one that happened (the permission is the AUTHORIZES row)."""
        if t.type != "ATTACKS" or t.noun:
            return False
        r = self.r
        verb = next((j for j in range(max(sent.start, i - 12), i)
                     if any(x.type == "AUTHORIZES" for x in self.lex.triggers.get(r.lemma[j], ()))
                     or r.lemma[j] in self.permit_verbs or r.lower[j] in self.permit_verbs), None)
        if verb is None:
            return False
        first = next(iter(r.mentions.in_range(sent.start, verb)), None)  # "HIMARS have let Ukraine strike": enabled
        return not (first is not None and first.kind == "WeaponType")

    def in_question(self, i: int, sent: Span) -> bool:
        """The trigger stands in an embedded question ("Ob Paris Raketen schicken wird, ist unklar",
        "it is unclear whether Paris will send"): nothing is asserted there."""
        r = self.r
        for j in range(i - 1, sent.start - 1, -1):
            if r.lower[j] in (",", ";", ":"):
                return False
            if r.lower[j] in self.question_words:
                return True
        return False

    def unrealised(self, i: int, lo: int, sent: Span) -> bool:
        """An attack only threatened, prepared, feared or supposed: a threat or preparation verb
        before it in its sentence, a condition before it in its clause, or a word of possibility
        right before an attack noun ("a possible assault")."""
        r = self.r
        if any(r.lower[j] in self.unreal_verbs or r.lemma[j] in self.unreal_verbs for j in range(sent.start, i)):
            return True
        for j in range(i - 1, sent.start - 1, -1):
            if r.lower[j] in (",", ";", ":") and j < lo:
                break
            if r.lower[j] in self.conditionals:
                return True
        return any(r.lower[j] in self.unreal_words for j in range(max(sent.start, i - 3), i))

    def object_not_a_claim(self, i: int, hi: int) -> bool:
        """The object right after a verb of denial is a person or goods, not a claim ("dismissed
        the general", "dismissed the foreign rifles as useless"; not "the Patriot reports")."""
        r = self.r
        for j in range(i + 1, min(hi, i + 5)):
            if not r.alpha[j] or r.lower[j] in r.all_preps:
                return False
            m = r.covered.get(j)
            if m is not None and m.start == j and not m.is_adjective and self.transfer_noun(j):
                return False  # "bestreitet die Waffenlieferungen": the deliveries are the claim
            if m is not None and m.start == j and not m.is_adjective:
                nxt = m.end if m.end < hi else None  # "the Patriot reports": a modifier of a claim
                return m.kind in ("Official", "WeaponType") and not (
                    nxt is not None and (r.lower[nxt] in self.claim_nouns or r.lemma[nxt] in self.claim_nouns
                                         or self.transfer_noun(nxt)))  # "the arms deliveries"
        return False

    def transfer_noun(self, j: int) -> bool:
        """The word at j is, or ends in, a noun of transfer ("Waffenlieferungen", "Rüstungsexporte")."""
        nouns = _transfer_nouns(self.lex.lang)
        words = (self.r.lower[j], self.r.lemma[j].lower(), self.r.norm[j])  # (norm: the stem, "waffenlieferung")
        return any(w.endswith(n) for w in words for n in nouns)

    def goods_as_subject(self, i: int, lo: int, args: list[Arg], sent: Span, positions: set[int]) -> bool:
        """'Serbian shells reached Ukraine', 'Russian jets arrived in Iran': goods, not an actor, are
        the subject ("Iran reached a deal" is another sense) and stand before the verb, and the sentence reports no attack
        ("Russian missiles reached Kyiv and struck ...")."""
        r = self.r
        if any(a.pos < i and a.prep is None and not a.mention.is_adjective for a in args) or not any(
                lo <= j < i and (j in r.covered and r.covered[j].kind == "WeaponType" or r.lower[j] in self.goods
                                 or r.lemma[j] in self.goods) for j in range(lo, i)):
            return False  # (an actor as subject, or no goods before the verb: "Ziele in X erreichen")
        return not any(any(c.type == "ATTACKS" and not c.noun for c in self.candidates(p))
                       for p in positions if sent.start <= p < sent.end)
