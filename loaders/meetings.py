"""Meetings and visits: the officials met, pronouns and titles for them, visits a meeting implies."""
from __future__ import annotations

from spacy.tokens import Span

from loaders.found import Found
from loaders.lexicon import Trigger
from loaders.sentences import Arg


class MeetingRules:
    """A part of RelationReader (loaders/relations.py): its methods read the sentence reader self.r,
    the lexicon self.lex, the vocabulary self.gaz, the document context self.ctx and the language's
    cue words (loaders/cue_sets.py)."""

    def meeting_visits(self, a: str, b: str, args: list[Arg], i: int) -> list[Found]:
        """A meeting at a named place is a visit there by whoever is not at home (the place near the
        trigger or a participant: not "Treffen mit X ..., ihren Einfluss auf Y geltend zu machen")."""
        near = [i] + [x.pos for x in args if x.entity in (a, b)]
        words = self.r.lower

        def close(x: Arg) -> bool:  # within a dozen words of the trigger or a participant, no comma between
            return any(abs(x.pos - p) <= 12 and "," not in words[min(x.pos, p):max(x.pos, p)] for p in near)
        places = [x for x in args if x.prep in self.lex.words("location_preps") and x.kind in ("Location", "State")
                  and not x.mention.is_adjective and close(x)]
        if not places:
            return []
        place = places[0].entity
        home = self.gaz.state_of(place) if place in self.gaz else None
        out = []
        for person in (a, b):
            state = self.gaz.state_of(person) if person in self.gaz else None
            if state and home and state != home:
                out.append(Found("VISITS", person, place))
        return out

    def named_official_of(self, a: Arg) -> str | None:
        """'the Spanish leader', 'des spanischen Präsidenten': an unnamed official (a state adjective
        before one role noun in the singular) is the official of that state the text named last."""
        r = self.r
        if not (a.kind == "State" and a.mention.is_adjective and a.head == "person" and a.head_index >= 0):
            return None
        k = a.head_index
        if self.lex.lang == "en" and r.lower[k] != r.lemma[k]:
            return None  # ("officials": several)
        if self.lex.lang == "de" and (r.lower[k].endswith(("beamte", "beamten")) or k + 1 < len(r.lower)
                                      and r.lower[k - 1] in ("die", "den") ):
            return None
        named = [m.entity for m in r.mentions.in_range(0, a.pos) if m.kind == "Official" and not m.is_adjective]
        return next((e for e in reversed(named) if self.acting_side(e) == a.entity), None)

    def named_pair(self, lo: int, hi: int, sent: Span) -> tuple[str, str] | None:
        """'beide Minister', 'the two leaders': the last two officials named before."""
        r = self.r
        words = self.lex.words("pair_words")
        j = next((k for k in range(lo, hi - 1) if r.lower[k] in words and (r.is_role(k + 1) or (
            k + 2 < hi and r.is_role(k + 2) and r.alpha[k + 1] and r.text[k + 1].islower()))
            and (r.lower[k] != "two" or k > 0 and r.lower[k - 1] == "the")), None)  # ("two officials said": any two)
        if j is None:
            return None
        named = self.ctx.recent_officials + [m.entity for m in r.mentions.in_range(sent.start, j)
                                             if m.kind == "Official" and not m.is_adjective]
        last: list[str] = []
        for e in reversed(named):
            if e not in last:
                last.append(e)
            if len(last) == 2:
                return last[1], last[0]
        return None

    def counterpart_of(self, target: str, lo: int, sent: Span) -> str | None:
        """'mit ihrem Amtskollegen X', 'met his counterpart X': a possessive before the role names the
        official spoken of last (other than X) as the other side."""
        r = self.r
        m = next((m for m in r.mentions.in_range(lo, sent.end) if m.entity == target), None)
        if m is None or not any(r.lower[k] in self.lex.words("possessives") and r.is_role(k + 1) or (
                r.lower[k] in self.lex.words("possessives") and k + 2 < m.start and r.is_role(k + 2))
                for k in range(max(lo, m.start - 4), m.start)):
            return None
        return self.object_pronoun(m.start - 1, m.start, sent, target, last=True)

    def apposed_official(self, hi: int) -> str | None:
        """The official named after a role noun and a comma where the clause ends ("met Sweden's
        ambassador, Y", "traf den Botschafter, Y")."""
        r = self.r
        for j in (hi - 1, hi):
            if 0 < j < len(r.lower) - 1 and r.lower[j] == "," and r.is_role(j - 1):
                m = r.covered.get(j + 1)
                if m is not None and m.start == j + 1 and m.kind == "Official" and not m.is_adjective:
                    return m.entity
        return None

    def object_pronoun(self, lo: int, hi: int, sent: Span, subject: str | None, after: int | None = None,
                       last: bool = False, dative: bool = False) -> str | None:
        """A person pronoun as an object in [lo, hi) ("zeigte ihm", "zu ihm gereist", "showed him",
        "empfing den Gast"): the official named last before it, in the sentence or before, other
        than the subject (with `last`, the official named last before hi, whatever word stands there)."""
        r = self.r
        words = self.lex.words("object_pronouns_person") | self.lex.words("guest_nouns")
        guests = self.lex.words("guest_nouns")
        j = next((k for k in range(lo, hi) if (r.lower[k] in words or r.lemma[k] in words and r.text[k][:1].isupper())
                  and (after is None or r.lower[k - 1] in after)
                  and not (dative and r.lemma[k] in guests and r.lower[k - 1] not in self.lex.words("dative_articles"))),
                 None) if not last else hi  # ("zeigte dem Gast", not "das ... den Gast zeigt")
        if j is None:
            return None
        named = [m.entity for m in self.r.mentions.in_range(sent.start, j) if m.kind == "Official" and not m.is_adjective]
        cands = [e for e in reversed(self.ctx.recent_officials + named) if e != subject]
        side = self.acting_side(subject)  # a guest or counterpart comes from another state than the host
        return next((e for e in cands if side is None or self.acting_side(e) != side), cands[0] if cands else None)

    def visited_person(self, t: Trigger, i: int, lo: int, hi: int, args: list[Arg], sent: Span, source: str | None) -> str | None:
        """Visiting a person is meeting him: "besuchte Fidan in Ankara", "war zu Orbán nach Budapest
        gereist", "zu ihm nach Budapest gereist"."""
        if t.type != "VISITS" or t.noun or not source or self.gaz_kind(source) != "Official":
            return None
        preps = self.lex.words("visit_person_preps")
        partners = set(self.coordinated(source, lo, hi))
        for a in args:
            if a.kind == "Official" and not a.mention.is_adjective and a.entity != source and a.entity not in partners \
                    and (a.prep in preps or (a.prep is None and t.object and a.pos > i)):
                return a.entity
        return self.object_pronoun(lo, hi, sent, source, preps) if preps else None

    def person_pronoun(self, i: int, sent: Span, source: str | None) -> dict[str, str]:
        """The official a personal pronoun object stands for: named last in the sentence before it,
        else in the text so far, other than the subject."""
        named = [a.entity for a in self.r.args(sent.start, i, set()) if a.kind == "Official"
                 and not a.mention.is_adjective and a.entity != source]
        official = named[-1] if named else next((o for o in reversed(self.ctx.recent_officials) if o != source), None)
        return {"target": official} if official else {}
