"""Claims, denials, confirmations and accusations: what they are about and whose claim they answer."""
from __future__ import annotations

from spacy.tokens import Span

from loaders import gazetteer as gaz_mod
from loaders.found import Found
from loaders.lexicon import Trigger
from loaders.sentences import Arg


class ClaimRules:
    """A part of RelationReader (loaders/relations.py): its methods read the sentence reader self.r,
    the lexicon self.lex, the vocabulary self.gaz, the document context self.ctx and the language's
    cue words (loaders/cue_sets.py)."""

    def mentions_transfer(self, lo: int, hi: int, sent: Span | None = None) -> bool:
        """The clause speaks of deliveries or claims without naming who made them; a relative
        clause ("..., which both Moscow and Pyongyang deny") speaks of what its sentence said before."""
        r = self.r
        if sent is not None and lo > sent.start and r.lower[lo] in self.relative and any(
                t.type == "SUPPLIES" for j in range(sent.start, lo) for t in self.lex.triggers.get(r.lemma[j], ())):
            return True
        for j in range(lo, hi):
            if r.lower[j] in self.claim_nouns or r.lemma[j] in self.claim_nouns:
                return True
            if any(t.type == "SUPPLIES" and t.noun for t in self.lex.triggers.get(r.lemma[j], ())):
                return True
            if self.lex.lang == "de" and r.text[j][:1].isupper() and len(r.lower[j]) > 6 and any(
                    t.type == "SUPPLIES" for t in self.compound_triggers(r.lemma[j])):  # "Waffentransfers"
                return True
        return False

    def claimants(self, i: int, hi: int, args: list[Arg]) -> set[str]:
        """The actors who made the claims a confirmation or denial at i answers: attached to a claim
        noun ("die Vorwürfe von Washington", "the reports by X", "Moskaus Darstellung", "die
        Darstellung Moskaus", "der Amnesty-Bericht", "X's account")."""
        r, out = self.r, set()
        nouns = [j for j in range(max(0, i - 6), hi) if r.lower[j] in self.claim_nouns or r.lemma[j] in self.claim_nouns
                 or (self.lex.lang == "de" and r.text[j][:1].isupper()
                     and gaz_mod.fold(r.lemma[j]).endswith(self.claim_endings))]
        for j in nouns:
            for a in args:
                after = 0 < a.pos - j <= 4 and (a.prep in ("von", "of", "by", "des", "der") or (
                    a.pos == j + 1 and self.lex.lang == "de"))
                before = 0 < j - a.mention.end <= 1 and (self.lex.lang == "de" or r.lower[a.mention.end] in ("'s", "'"))
                if after or before:
                    out.add(a.entity)
        return out

    def complement_subject(self, i: int, sent: Span, source: str | None) -> str | None:
        """The subject of the clause a confirmation or denial at i governs, where the words show it:
        the first actor after "dass"/"that" (the speaker's own side for a pronoun or "sein Land");
        the speaker's own side for an infinitive ("bestritt, ... geliefert zu haben") or a gerund
        ("denied arming"); else None."""
        r, end = self.r, sent.end
        marker = next((j for j in range(i + 1, min(end, i + 15)) if r.lower[j] in self.complementisers), None)
        comma = next((j for j in range(i + 1, min(end, i + 4)) if r.lower[j] == ","), None)
        if marker is None and comma is not None and self.lex.lang == "de":  # "bestätigte, sein Land habe ..."
            j = comma + 1
            if j + 1 < end and self.own_country_at(j):
                return self.own_side(source)
        if marker is not None:
            for j in range(marker + 1, min(end, marker + 7)):
                if r.lower[j] in self.self_pronouns or (j + 1 < end and self.own_country_at(j)):
                    return self.own_side(source)
                m = r.covered.get(j)
                if m is not None and m.kind == "WeaponType":  # "confirmed that an F-16 had crashed": its own
                    return self.own_side(source)
                if m is not None and m.kind in ("State", "Agency", "Official") and (
                        not m.is_adjective or r.head_of(m, set())[0] in ("personnel", "state", "weapon", "person")):
                    return self.state_for_forces(m.entity)
            return None
        following = [r.lower[j] for j in range(i + 1, min(end, i + 4))]
        gerund = self.lex.lang == "en" and any(w.endswith("ing") and w not in ("during", "nothing", "anything")
                                               for w in following)
        infinitive = self.lex.lang == "de" and comma is not None and any(
            r.lower[j] == "zu" and j + 1 < end and r.alpha[j + 1] and r.text[j + 1][:1].islower()
            for j in range(comma + 1, end))
        return self.own_side(source) if gerund or infinitive else None

    def complement_target(self, i: int, hi: int, clauses, sent: Span, source: str | None, att) -> dict:
        """'bestätigte, dass Nordkorea ...': the actor whose action is confirmed or denied, the
        subject of the confirmed or denied clause. Where that clause has no subject of its own
        (an infinitive: "bestritt, ... geliefert zu haben", "denied arming"; or a pronoun for the
        speaker: "rejected reports that it had shipped", "sein Land habe ...") it is the
        speaker's own side."""
        subject = self.complement_subject(i, sent, source)
        if subject:
            return {"target": subject}
        for c in clauses:
            if c[0] < hi and c != self.r.clause_of(clauses, i):
                continue
            if c[0] < i or self.coordinate_clause(clauses, i, c[0]):
                continue
            for a in self.r.args(c[0], c[1], set()):
                if a.kind == "Location" or a.prep == "role" or (
                        a.mention.is_adjective and a.head not in ("personnel", "state", "weapon")):
                    continue
                if a.entity != source and a.pos not in att.excluded:
                    return {"target": a.entity}
        return {}

    def both_pair(self, i: int, sent: Span) -> list[str]:
        """'Moscow and Pyongyang ..., although both confirmed', 'beide bestritten': the two actors
        named together last before "both" in the sentence, when "both" is the verb's subject."""
        r = self.r
        at = next((j for j in range(max(sent.start, i - 3), min(sent.end, i + 2)) if r.lower[j] in self.both_words), None)
        if at is None or at + 1 < len(r.lower) and (at + 1 in r.covered or r.is_role(at + 1)):
            return []  # "both Lima and Quito reject", "beide Minister": the words name them
        named = [m for m in r.mentions.in_range(sent.start, at) if m.kind in ("State", "Agency", "Official")
                 and not m.is_adjective]
        for a, b in reversed(list(zip(named, named[1:]))):
            if b.start - a.end == 1 and r.lower[a.end] in ("and", "und") and a.entity != b.entity:
                return [a.entity, b.entity]
        return []

    def condemned_actor(self, i: int, hi: int, args: list[Arg], source: str) -> str | None:
        """Who did the act a condemnation names: the actor of an attack noun right after the verb
        ("condemned the American strikes", "verurteilte den russischen Angriff"); for a war or invasion
        named without one, the aggressor the document reports most."""
        r = self.r
        for j in range(i + 1, min(hi, i + 6)):
            if not any(t.type == "ATTACKS" and t.noun for t in self.lex.triggers.get(r.lemma[j], ())):
                continue
            own = [a for a in args if a.mention.is_adjective and a.head == "trigger" and a.head_index == j
                   or a.mention.end == j and not a.mention.is_adjective]
            if own and own[0].entity != source:
                return own[0].entity
            if r.lemma[j] in self.war_nouns and self.ctx.attackers:
                top = self.ctx.usual_attacker
                return top if top != source else None
        return None

    def own_country(self, lo: int, i: int) -> bool:
        """'sein Land', 'his country' before the trigger: the speaker's own state as its subject."""
        possessives, lower = self.lex.words("possessives"), self.r.lower
        return any(lower[j] in possessives and self.own_country_at(j) for j in range(lo, i - 1))

    def own_country_at(self, j: int) -> bool:
        """'sein Land', 'his country', 'its government' starts at j."""
        r = self.r
        return j + 1 < len(r.lower) and r.lower[j] in self.lex.words("possessives") and r.lower[j + 1] in self.own_nouns

    def denied_own_transfer(self, ts: list[Trigger], i: int, lo: int, sent: Span) -> list[Found]:
        """'Lima maintained it had never equipped Quito', 'Lima erklärte, es habe keine Gewehre
        verkauft': a speaker saying its own side did not send goods denies it."""
        if not any(t.type == "SUPPLIES" and t.agent == "supplier" and not t.noun for t in ts):
            return []
        words = self.lex.words("pronouns_it")
        at = next((j for j in range(lo, i) if self.r.lower[j] in words), None)
        if at is None or any(self.r.lower[j] in self.complementisers or self.r.lower[j] in self.fronted
                             or self.r.lower[j] == "," for j in range(at + 1, i)):
            return []  # "said it was unable to tell if some firm had shipped": not its own transfer
        if any(self.r.lower[j] in self.lex.words("future_modals") or self.r.lower[j] in ("werde", "werden", "wird")
               for j in range(at, i)):
            return []  # "it would not send tanks": a decision, not a denial
        speaker = self.said_by(at, sent)
        side = self.own_side(speaker)
        if not speaker or not side or self.not_a_party(side):
            return []
        return [Found("DENIES", speaker, side, claimed_by=speaker)]
