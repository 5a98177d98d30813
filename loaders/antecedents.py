"""What a pronoun, a relative clause or a speaker's report refers back to: the actor it stands for."""
from __future__ import annotations

from spacy.tokens import Span


class AntecedentRules:
    """A part of RelationReader (loaders/relations.py): its methods read the sentence reader self.r,
    the lexicon self.lex, the vocabulary self.gaz, the document context self.ctx and the language's
    cue words (loaders/cue_sets.py)."""

    def pronoun_subject(self, i: int, lo: int, hi: int, sent: Span, after: list[str]) -> str | None:
        """What a pronoun subject stands for: before the verb, or right after it in a German V2
        clause ("Vereinbart habe er"); an actor of the sentence, else for "er"/"he" the official the
        text named last ("where he held talks", "nachdem es ... erhalten hatte")."""
        r, lex = self.r, self.lex
        reach = range(lo, min(hi, i + 3)) if lex.lang == "de" else range(lo, i)
        at = next((j for j in reach if r.lower[j] in lex.words("pronouns_it")), None)
        if at is None:
            return None
        pronoun = r.lower[at]
        person = pronoun in lex.words("pronouns_person")
        speaker = self.said_by(at, sent)
        if speaker:  # "the cabinet stated it planned to deliver": the speaker (its state for "it")
            if person and self.gaz_kind(speaker) == "Official":
                return speaker
            if not person:
                return self.own_side(speaker)
        kinds = ("Official",) if person else ("State", "Agency")
        # "It passed on X after A shifted Y, and it had earlier sold Z": the same pronoun earlier in
        # the sentence names the same actor, not one named between them
        earlier = next((j for j in range(sent.start, lo) if r.lower[j] == pronoun), lo)
        cands = [a for a in r.args(sent.start, earlier, set()) if a.prep is None and not a.mention.is_adjective
                 and a.kind in kinds]
        if cands:
            return cands[0].entity
        if person and self.ctx.last_person and self.ctx.last_person not in after:
            return self.ctx.last_person  # "Lawrow traf Ramaphosa. Danach reiste er nach Moskau": Lawrow
        if person and self.ctx.recent_officials and self.ctx.recent_officials[-1] not in after:
            return self.ctx.recent_officials[-1]
        if pronoun == "it" and self.ctx.last_subject and self.ctx.last_subject not in after:
            return self.ctx.last_subject  # "X backs Y against Z. It sent tanks": the last sentence's subject
        if pronoun == "it" and self.ctx.recent_states and self.ctx.recent_states[-1] not in after:
            return self.ctx.recent_states[-1]  # "it would provide 14 tanks": the state named last
        return None

    def said_by(self, at: int, sent: Span) -> str | None:
        """Who says what follows, when a verb of saying stands right before position at ("Berlin
        announced it would", "insisted that it", "erklärte, es habe"): its subject, else the
        sentence's speaker."""
        r = self.r
        k = at - 1
        if k >= sent.start and (r.lower[k] in self.complementisers or r.lower[k] == ","):
            k -= 1
        if k < sent.start or not (r.lemma[k] in r.say or r.lower[k] in r.say):
            return None
        subject = [a.entity for a in r.args(max(sent.start, k - 4), k, set()) if a.prep is None
                   and not a.mention.is_adjective and a.kind in ("State", "Agency", "Official")]
        return subject[-1] if subject else (self.ctx.speakers[-1] if self.ctx.speakers else None)

    def subject_before_relative(self, lo: int, sent: Span, att) -> list[str]:
        """The actors before a relative clause that the clause at `lo` continues."""
        r = self.r
        j = lo - 2
        while j > sent.start and not (r.lower[j] in self.relative and r.lower[j - 1] == ","):
            if r.lower[j] in (";", ":"):
                return []
            j -= 1
        if j <= sent.start:
            return []
        start = max((c for c in range(sent.start, j - 1) if r.lower[c] == ","), default=sent.start - 1) + 1
        return [a.entity for a in r.args(start, j - 1, set()) if a.prep is None and not a.mention.is_adjective
                and a.kind in ("State", "Agency", "Official") and a.pos not in att.excluded][-1:]

    def opening_person(self, sent: Span, clauses) -> str | None:
        """The official a sentence opens with, as the bare subject of its first clause ("Lawrow traf
        Ramaphosa"; not "Nach dem Treffen mit Lawrow"): what "er"/"he" in the next sentence stands for.
        German "er" also stands for a body ("der Geheimdienst SVR erhob Vorwürfe. Darin warf er ...")."""
        r = self.r
        first = r.clause_of(clauses, sent.start)
        kinds = ("Official", "Agency") if self.lex.lang == "de" else ("Official",)
        m = next((m for m in r.mentions.in_range(*first) if m.kind in ("State", "Agency", "Official")
                  and not m.is_adjective), None)
        if m is None or m.kind not in kinds or r.prep_before(m.start, first[0], m.kind):
            return None
        return m.entity

    def opening_subject(self, sent: Span, clauses) -> str | None:
        """The state or body a sentence opens with, as the bare subject of its first clause ("Spain
        has long backed Rabat ..."): what a pronoun opening the next sentence stands for."""
        r = self.r
        first = r.clause_of(clauses, sent.start)
        m = next((m for m in r.mentions.in_range(*first) if m.kind in ("State", "Agency")), None)
        if m is None or m.is_adjective or self.is_media(m.entity) or r.prep_before(m.start, first[0], m.kind):
            return None
        return m.entity
