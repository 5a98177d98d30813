"""Sentence structure without a parser: clauses, prepositions before actors, attribution (who says it)."""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from loaders import nlp as nlp_mod
from loaders import speakers
from loaders.context import DocumentContext
from loaders.lexicon import Lexicon
from loaders.mention_finder import MentionFinder
from loaders.mentions import ACTOR_KINDS, Mention, Mentions
from loaders.noun_phrases import (affiliation_of, attributive_participle, inside_noun_phrase, modifier_compound,
                                  named_after)
from loaders.reader_words import say_and_purpose_words, word_sets
from loaders.reported_speech import subjunctive


@dataclass(slots=True)
class Arg:
    """An actor mention in a sentence with what the words around it say about its role."""

    mention: Mention
    prep: str | None       # the preposition governing it (an, nach, von, to, from ...)
    head: str = "actor"    # actor | weapon | personnel | state | affiliation | person | trigger | other (adjectives)
    head_index: int = -1
    purpose: bool = False  # inside a purpose phrase ("für den Einsatz in der Ukraine")
    attributive: int = -1  # the participle it is the agent of inside a noun phrase ("dem von Russland angegriffenen Land")

    @property
    def entity(self) -> str:
        return self.mention.entity

    @property
    def kind(self) -> str:
        return self.mention.kind

    @property
    def pos(self) -> int:
        return self.mention.start


@dataclass(slots=True)
class Attribution:
    """Who a sentence says is speaking, and the tokens that belong to saying it."""

    speaker: str | None = None
    say_clause: tuple[int, int] | None = None
    excluded: set[int] = field(default_factory=set)  # mention starts that name the speaker


class SentenceReader:
    """Reads clauses, prepositions and attribution in the sentences of one document."""

    def __init__(self, doc: Doc, lex: Lexicon, finder: MentionFinder, mentions: Mentions):
        self.doc, self.lex, self.finder, self.mentions = doc, lex, finder, mentions
        toks = nlp_mod.tokens(doc)  # token attributes by position (lists shared with the finder: read only)
        self.text, self.lower, self.lemma, self.norm, self.alpha = toks.text, toks.lower, toks.lemma, toks.norm, toks.alpha
        vars(self).update(word_sets(lex.lang))  # the language's word sets, built once per language
        # where a word of saying stands, and a purpose noun
        self.say_words, self.purpose_words = say_and_purpose_words(lex.lang, self.text, self.lemma, self.lower)
        self.role_at = finder.role_flags(self.text, self.lemma)  # is_role by position
        self.covered: dict[int, Mention] = {}
        for m in mentions.items:
            for i in range(m.start, m.end):
                self.covered[i] = m

    def in_goods_list(self, i: int) -> bool:
        """The comma before i separates goods ('said Lima had passed on rifles, 120 mm mortars
        and ...'): a weapon ends right before it and another starts right after it."""
        m = self.covered.get(i - 2)
        if m is None or m.kind != "WeaponType" or m.end != i - 1 or self.lower[i] in self.conjunctions:
            return False
        return any(k in self.covered and self.covered[k].kind == "WeaponType" for k in range(i, min(i + 4, len(self.lower))))

    def in_actor_list(self, i: int) -> bool:
        """The comma before i separates places or states of a list ("nach Argentinien, Chile und
        Brasilien"): a state or place ends right before it, another starts at i, and a conjunction
        then joins a last one."""
        before, at = self.covered.get(i - 2), self.covered.get(i)
        kinds = ("State", "Location")
        if before is None or at is None or before.end != i - 1 or at.start != i or before.kind not in kinds \
                or at.kind not in kinds or before.is_adjective or at.is_adjective:
            return False
        j = at.end
        while j < len(self.lower) and self.lower[j] == "," and (nxt := self.covered.get(j + 1)) is not None \
                and nxt.start == j + 1 and nxt.kind in kinds:
            j = nxt.end
        return j < len(self.lower) and self.lower[j] != "," and self.lower[j] in self.coordinators

    def has_verb(self, lo: int, hi: int) -> bool:
        """A finite verb the rules know in [lo, hi): the clause before a conjunction is complete."""
        return any(self.alpha[k] and self.text[k][:1].islower() and (
            self.lemma[k] in self.say or self.lower[k] in self.finite_verbs or self.lemma[k] in self.lex.triggers)
            for k in range(lo, hi))

    def new_subject(self, j: int, end: int) -> bool:
        """Tokens from j start a clause with its own subject: an actor (after a determiner) followed
        by a finite verb the rules know (a saying verb, an auxiliary or modal, a trigger)."""
        while j < end and (self.lower[j] in self.determiners or (j not in self.covered and self.is_role(j))):
            j += 1  # "and President X visited ..."
        m = self.covered.get(j)
        if m is None or m.start != j or m.is_adjective or m.kind not in ACTOR_KINDS:
            return False
        k = m.end
        while k < end and self.lower[k] in (",", "and", "und", "or", "oder"):  # "after A, B and C moved"
            n = k
            while n < end and (self.lower[n] in (",", "and", "und", "or", "oder") or self.lower[n] in self.determiners):
                n += 1
            nxt = self.covered.get(n)
            if nxt is None or nxt.start != n or nxt.is_adjective or nxt.kind not in ACTOR_KINDS:
                break
            k = nxt.end
        if k >= end or not self.alpha[k] or not self.text[k][:1].islower():
            return False
        return (self.lemma[k] in self.say or self.lower[k] in self.finite_verbs or self.lemma[k] in self.finite_verbs
                or self.lemma[k] in self.lex.triggers or (  # English: "as U.S. offers ...", "after Germany moved ..."
                    self.lex.lang == "en" and self.lower[k].endswith(("s", "ed")) and self.lower[k] != self.lemma[k]
                    and not self.is_role(k) and k not in self.mentions.personnel))

    def reduced_relative(self, lo: int, i: int) -> int | None:
        """English: where a relative clause without its pronoun that holds position i begins ("the
        rifles Lima has bought", "the ones Madrid sold"): an actor after a noun, with a verb."""
        if self.lex.lang != "en":
            return None
        for k in range(i - 1, max(lo, i - 8), -1):
            m = self.covered.get(k)
            if m is None or m.start != k or m.is_adjective or m.kind not in ACTOR_KINDS:
                continue
            prev = self.lower[k - 1]
            if self.alpha[k - 1] and self.text[k - 1][:1].islower() and prev not in self.all_preps \
                    and prev not in self.determiners and prev not in self.conjunctions and not self.has_verb(k - 1, k) \
                    and prev not in self.relative and not self.is_role(k - 1) \
                    and self.new_subject(k, i + 1):
                return k
            return None  # the nearest actor before the verb decides
        return None

    def is_role(self, i: int) -> bool:
        """Token i is a role noun (Sprecherin, spokesman ...)."""
        return self.role_at[i]

    # -- clauses -----------------------------------------------------------------
    def clauses(self, sent: Span) -> list[tuple[int, int]]:
        """Token ranges of the clauses of a sentence (commas before subordinators, quotes, dashes)."""
        cuts = [sent.start]
        has_say = self.lemma[sent.start] in self.say
        for i in range(sent.start + 1, sent.end):
            t, prev = self.lower[i], self.lower[i - 1]
            if prev != "," and prev != '"' and t not in self.cut_words and self.lemma[i] not in self.say:
                continue  # no rule below cuts here, and has_say stays as it is
            if t in (";", "–", "—") or (t == ":" and i + 1 < sent.end):
                cuts.append(i)
            elif prev == "," and self.in_actor_list(i):
                pass  # "nach Argentinien, Chile und Brasilien": a list, not a clause
            elif prev == "," and has_say and not self.in_goods_list(i):  # "Der NIS teilte mit, Nordkorea habe ..."
                cuts.append(i)
            elif prev == "," and (t in self.starters or (i >= 2 and self.lemma[i - 2] in self.say)):
                cuts.append(i)
            elif t in self.strong and prev not in (",", "so", "als"):
                cuts.append(i)
            elif t in ("that", "dass") and (self.lemma[i - 1] in self.say or self.lemma[i - 1] in self.lex.triggers):
                cuts.append(i)  # "denied that ...", "confirmed that ..."
            elif t == '"' and prev in (",", ".") or prev == '"' and t == ",":
                cuts.append(i)
            elif prev == "," and self.lower[cuts[-1]] in self.relative and cuts[-1] > sent.start \
                    and self.lower[cuts[-1] - 1] == ",":
                cuts.append(i)  # a relative clause ends at its closing comma
            elif self.lex.lang == "en" and self.lemma[i] in self.say and i > cuts[-1]:
                k = i - 1  # "..., French Foreign Minister Jean-Noel Barrot said."
                while k > cuts[-1] and (self.text[k][:1].isupper() or self.lower[k] in self.determiners
                                        or self.is_role(k)):
                    k -= 1
                if k > cuts[-1] and self.lower[k] == "," and k + 1 < i:
                    cuts.append(k + 1)
            elif t in self.conjunctions and i > cuts[-1] + 1 and self.has_verb(cuts[-1], i) \
                    and self.new_subject(i + 1, sent.end):
                cuts.append(i)  # "X promised tanks and France said it would send ...": a clause of its own

            if cuts[-1] == i:
                has_say = False
            has_say = has_say or self.lemma[i] in self.say
        cuts.append(sent.end)
        return [(a, b) for a, b in zip(cuts, cuts[1:]) if b > a]

    @staticmethod
    def clause_of(clauses: list[tuple[int, int]], index: int) -> tuple[int, int]:
        for c in clauses:
            if c[0] <= index < c[1]:
                return c
        return clauses[-1]

    # -- actors around a trigger ----------------------------------------------------
    def prep_before(self, start: int, floor: int, kind: str = "State") -> str | None:
        """The preposition governing a mention: skip determiners, adjectives, titles and place nouns.
        'role' when the mention depends on a role noun ("der Sprecher des Pentagons")."""
        i = start - 1
        steps = 0
        genitive = False
        while i >= floor and steps < 5:
            low = self.lower[i]
            if low in self.relative_stops:
                return None  # "a war that Russia is waging": no preposition reaches across a relative pronoun
            if low in self.place_links and kind == "Location" and i > floor and self.finder.is_place_noun(self.text[i - 1]):
                i, steps = i - 1, steps + 1  # "in the province of X", "to bases around X": the place noun's preposition
                continue
            if low in self.all_preps:
                if low == "in" and kind == "State" and i - 1 >= floor and self.lower[i - 1] in self.seat_nouns:
                    i -= 2  # "to the government in Bamako": the government's preposition
                    continue
                if low == "of" and kind == "Official" and i > floor and self.is_role(i - 1):
                    return None  # "Secretary of State Antony Blinken": part of the title
                return low
            if low in ("des", "der", "of") :
                genitive = True
            if kind != "Official" and genitive and self.is_role(i):
                return "role"
            if kind == "Official" and i == start - 1 and self.alpha[i] and self.text[i][:1].isupper() \
                    and i not in self.covered and low not in self.calendar and self.lemma[i] not in self.lex.triggers:
                i -= 1  # a first name the vocabulary does not have: "Andrej Belousov" matched as "Belousov"
                steps += 1
                continue
            m = self.covered.get(i)
            if m is not None and m.start > floor and self.lower[m.start - 1] in ("von", "vom") \
                    and attributive_participle(self, m, self.lower[m.start - 1]) >= 0:
                i, steps = m.start - 2, steps + 1  # "in der von Moskau kontrollierten Region X": the agent of a participle
                continue
            if kind == "Official" and m is not None and m.kind in ("State", "Agency") and m.end == i + 1 \
                    and m.end < start and self.is_role(m.end):
                i, steps = m.start - 1, steps + 1  # "by Taiwan President Lai": the state before the title
                continue
            if m is not None and m.end < start and self.lower[m.end] == "-":
                i = m.start - 1  # "the UN-recognised government": a name in a compound modifier
                continue
            if self.alpha[i] and (low in self.finite_verbs or self.lemma[i] in self.say):
                return None  # "at sea were likely those Madrid sold": no preposition across a verb
            if inside_noun_phrase(self, i, start, kind):
                i -= 1
                steps += 1
                continue
            return None
        return None

    def head_of(self, m: Mention, triggers: set[int]) -> tuple[str, int]:
        """What an adjective mention modifies: 'nordkoreanische Raketen' -> weapon."""
        i = m.end
        while i < len(self.text) and i < m.end + 4:
            if i in self.covered and self.covered[i] is not m:
                other = self.covered[i]
                if other.is_adjective:
                    i = other.end
                    continue
                if other.kind == "WeaponType":
                    return "weapon", i
                if other.kind in ("Official", "Agency"):
                    return "affiliation", i
                return "other", i
            text = self.text[i]
            if text in (",", "und", "and", "-") or (self.alpha[i] and text[:1].islower() and self.lex.lang == "de"):
                i += 1
                continue
            if i in self.mentions.personnel:
                return "personnel", i
            if self.lower[i] in self.origin_nouns or self.lemma[i] in self.origin_nouns:
                return "weapon", i  # "aus iranischer Produktion", "Iranian-made": where goods come from
            if self.lower[i] in self.state_nouns or self.lemma[i] in self.state_nouns or \
                    self.lower[i] in self.place_nouns or self.lemma[i] in self.place_nouns or \
                    self.norm[i] in self.place_nouns:
                return "state", i
            if self.is_role(i):  # "ein US-Beamter", "a senior French official": an unnamed person of that
                return ("affiliation" if named_after(self, i) else "person"), i  # state; else the name acts
            if self.lex.lang == "en" and self.alpha[i] and text[:1].islower() and i + 1 < len(self.text) \
                    and self.is_role(i + 1) and (i + 1) not in self.covered:  # "a French intelligence official"
                return ("affiliation" if named_after(self, i + 1) else "person"), i + 1
            if i in triggers:
                return "trigger", i
            return "other", i
        return "other", -1

    def args(self, lo: int, hi: int, triggers: set[int], kinds=ACTOR_KINDS + ("Location",)) -> list[Arg]:
        out = []
        for m in self.mentions.in_range(lo, hi):
            if m.kind not in kinds or modifier_compound(self, m):
                continue
            arg = Arg(m, self.prep_before(m.start, lo, m.kind))
            if arg.prep is None and out and out[-1].prep and not m.is_adjective and not out[-1].mention.is_adjective \
                    and m.kind in ("State", "Location") and out[-1].kind in ("State", "Location") \
                    and out[-1].mention.end < m.start and all(
                        w in self.coordinators or w in self.determiners
                        for w in self.lower[out[-1].mention.end:m.start]) \
                    and (self.lower[m.start - 1] != "," or self.in_actor_list(m.start)):
                arg.prep = out[-1].prep  # "nach Argentinien, Chile und Brasilien": the list's preposition
            if m.is_adjective:
                arg.head, arg.head_index = self.head_of(m, triggers)
            # a purpose phrase before it: "für den Krieg in", "for use in" (German nouns by lemma,
            # "Einsätze"; English by form: "used" is no "use"); a noun alone ("fighting vehicles to
            # Ukraine", "air defence systems to India") is none
            arg.purpose = any(
                any(self.lower[k] in self.purpose_preps for k in range(max(lo, j - 3), j))
                and not any(k in self.covered and self.covered[k].kind in ACTOR_KINDS + ("Location",)
                            for k in range(j + 1, m.start))  # the phrase ends at its own actor
                for j in nlp_mod.positions_in(self.purpose_words, max(lo, m.start - 4), m.start))
            arg.attributive = attributive_participle(self, m, arg.prep)
            out.append(arg)
        return [a for n, a in enumerate(out) if not (n + 1 < len(out) and affiliation_of(self, a.mention, out[n + 1].mention))]

    # -- attribution -------------------------------------------------------------
    def attribution(self, sent: Span, clauses: list[tuple[int, int]], ctx: DocumentContext) -> Attribution:
        """Who says the content of a sentence: 'sagte X', 'laut X', 'X zufolge', 'according to X'."""
        att = Attribution()
        speakers.by_say_verb(self, att, sent, clauses, ctx)
        if att.speaker is None:
            speakers.by_source_phrase(self, att, sent)
        # "..., sagte Kirby. Im November seien Raketen geliefert worden": Kirby still speaks. What the
        # sentence reports is his claim (ctx.reported); its rules read it as a sentence without a speaker
        going_on = att.speaker is None and ctx.reporting is not None and subjunctive(self, sent)
        ctx.reported.append(ctx.reporting if going_on else att.speaker)
        ctx.reporting = ctx.reported[-1]
        if att.speaker:
            ctx.last_speaker = att.speaker
        ctx.speakers.append(att.speaker)
        return att
