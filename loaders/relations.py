"""Relations of one sentence by rule: triggers, their argument frames, negation, weapons, quantities, status.
The rules are the parts RelationReader is made of, one module each; this module reads a sentence with them."""
from __future__ import annotations

from spacy.tokens import Span

from graph import schema as schema_mod
from loaders import gazetteer as gaz_mod
from loaders.actors import ActorRules, agency_categories
from loaders.antecedents import AntecedentRules
from loaders.assertion import AssertionRules
from loaders.buyers import BuyerRules
from loaders.claims import ClaimRules
from loaders.context import DocumentContext
from loaders.coordination import CoordinationRules
from loaders.counts import CountRules
from loaders.cue_sets import cue_sets
from loaders.found import Found
from loaders.frames import FrameRules
from loaders.goods import GoodsRules
from loaders.goods_reference import GoodsReferenceRules
from loaders.lexicon import Lexicon, Trigger
from loaders.meetings import MeetingRules
from loaders.parties import PartyRules
from loaders.roles import RoleRules
from loaders.sentences import SentenceReader
from loaders.subjects import SubjectRules
from loaders.triggers import TriggerRules, compound_cache


class RelationReader(TriggerRules, FrameRules, PartyRules, RoleRules, SubjectRules, AntecedentRules,
                     ClaimRules, MeetingRules, CoordinationRules, AssertionRules, GoodsRules,
                     GoodsReferenceRules, CountRules, BuyerRules, ActorRules):
    """Applies the trigger frames of one language to the sentences of one document."""

    def __init__(self, reader: SentenceReader, lex: Lexicon, gaz: gaz_mod.Gazetteer, ctx: DocumentContext):
        self.r, self.lex, self.gaz, self.ctx = reader, lex, gaz, ctx
        self.sentence_found: list[Found] = []
        self.args_by_window: dict[tuple[int, int], list] = {}
        self.bare_actors: dict[tuple[int, int], list] = {}  # coordinated(): the named actors of a range
        self.schema = schema_mod.load()
        self.agency_category = agency_categories(gaz)  # agency id -> its category (media, military, ...)
        self.doc = reader.doc
        self.texts = reader.text
        self.lowered = reader.lower  # what quantities.find compares (a blank pipeline's LOWER is str.lower)
        self.compound_cache = compound_cache(lex.lang)
        vars(self).update(cue_sets(lex.lang))  # the language's cue words, computed once per language
        self.trigger_words, self.contain_words = self.trigger_and_contain_words()

    def read(self, sent: Span) -> list[Found]:
        """The relations a sentence states, frame by frame of its triggers, and the goods of its packages and buyer lists."""
        r = self.r
        clauses = r.clauses(sent)
        att = r.attribution(sent, clauses, self.ctx)
        found_triggers: list[tuple[int, list[Trigger]]] = []
        for i in self.trigger_positions(sent.start, sent.end):
            ts = self.triggers_at(i, r.clause_of(clauses, i))
            if ts:
                found_triggers.append((i, ts))
        positions = {i for i, _ in found_triggers}
        # the content of a denial, or of a confirmation that is refused, is not a fact
        denial_at = min((i for i, ts in found_triggers if any(t.type == "DENIES" for t in ts)
                         or any(t.type == "CONFIRMS" for t in ts) and self.negated(*self._window(i, found_triggers, clauses), i)),
                        default=None)
        if denial_at is not None and r.lower[sent.start] in self.fronted:
            denial_at = sent.start  # "Ob ... geliefert wurden, wollte er nicht bestätigen": the fronted clause too
        out: list[Found] = []
        self.args_by_window: dict[tuple[int, int], list] = {}  # the actors of a window, read once per sentence
        self.sentence_found = out  # what this sentence has reported so far ("..., a claim Lima rejects")
        marks: list[tuple[int, int]] = []  # (how many were read before a trigger, its position)
        for i, ts in found_triggers:
            marks.append((len(out), i))
            clause = r.clause_of(clauses, i)
            lo, hi = self._window(i, found_triggers, clauses)
            noun = all(t.noun for t in ts)
            # "Eine Bestätigung ... gab es nicht", "no confirmation came": a confirmation noun's whole clause
            reach = clause[1] if noun and any(t.type == "CONFIRMS" for t in ts) else hi if noun else min(hi, i + 3)
            if self.negated(lo, reach, i) or not noun and self.no_goods(i, hi):
                out.extend(self.denied_own_transfer(ts, i, lo, sent))
                continue
            if not noun:  # a verb in a relative clause without its pronoun takes its actors from there
                lo = max(lo, r.reduced_relative(lo, i) or lo)
            for t in ts:
                if t.type not in ("DENIES", "CONFIRMS") and denial_at is not None and denial_at <= i \
                        and not (t.type == "ACCUSES" and t.noun) \
                        and not self.newly_said(denial_at, i) and not self.coordinate_clause(clauses, denial_at, i):
                    continue
                gaps = self.gapped(t, i, hi) if t.type == "SUPPLIES" and not t.noun else []
                if gaps:  # the verb's own conjunct ends where a gapped one begins
                    main = self.apply(t, i, lo, gaps[0][0], clause, clauses, sent, att, positions)
                    out.extend(main + self.gapped_transfers(t, main, gaps, hi))
                else:
                    out.extend(self.apply(t, i, lo, hi, clause, clauses, sent, att, positions))
        self.mark_triggers(out, marks)
        out = self.planned_acts(out)
        self.claimed_by_claimant(out)
        out.extend(self.package_contents(sent, clauses, att, out))
        out.extend(self.buyer_lists(sent, clauses, att, out))
        self.remember_actors(sent)
        self.ctx.last_subject = self.opening_subject(sent, clauses)
        self.ctx.last_person = self.opening_person(sent, clauses)
        return out

    @staticmethod
    def mark_triggers(out: list[Found], marks: list[tuple[int, int]]) -> None:
        """Each relation read at a trigger records its position (the first trigger that read it)."""
        for (n, i), (m, _) in zip(marks, marks[1:] + [(len(out), None)]):
            for f in out[n:m]:
                if f.at is None:
                    f.at = i

    @staticmethod
    def claimed_by_claimant(out: list[Found]) -> None:
        """"Die USA beschuldigen Nordkorea, Russland mit Munition zu beliefern", "Das Pentagon
        bestätigte, dass ...": what a sentence accuses or confirms is the accuser's or confirmer's
        claim, when no one else is said to make it."""
        claimants = [f for f in out if f.type in ("ACCUSES", "CONFIRMS") and f.source]
        if not claimants:
            return
        for f in out:
            if f.claimed_by is None and f.type not in ("ACCUSES", "CONFIRMS", "DENIES") and f.at is not None:
                before = [c for c in claimants if c.at is not None and c.at < f.at]
                if before:
                    f.claimed_by = before[-1].source

    def planned_acts(self, out: list[Found]) -> list[Found]:
        """"Die USA haben die Lieferung von Streumunition genehmigt", "approved the sale of 40 F-16s":
        a transfer noun names the act the sentence plans, no delivery of its own."""
        planned = {(f.source, f.target, f.weapon) for f in out if f.type == "SUPPLIES" and f.status == "planned"}
        if not planned:
            return out
        return [f for f in out if not (
            f.type == "SUPPLIES" and f.status != "planned" and (f.source, f.target, f.weapon) in planned
            and f.at is not None and any(t.noun for t in self.candidates(f.at)))]

    def remember_actors(self, sent: Span) -> None:
        """What later sentences refer back to: the states, weapons and officials this one names."""
        states, weapons, officials = [], [], []
        for m in self.r.mentions.in_range(sent.start, sent.end):  # (one pass, each list in text order)
            if m.kind == "State" and m.role != "adjective":
                states.append(m.entity)
            elif m.kind == "WeaponType" and self.weapon_class(m.entity):
                weapons.append(m.entity)
            elif m.kind == "Official" and m.role != "adjective":
                officials.append(m.entity)
        self.ctx.recent_states.extend(states)
        self.ctx.named_weapons.update(weapons)
        self.ctx.recent_officials.extend(officials)

    def _window(self, i: int, found_triggers, clauses) -> tuple[int, int]:
        """The trigger's part of its clause: between the verb triggers before and after it."""
        clause = self.r.clause_of(clauses, i)
        verbs = [p for p, tt in found_triggers if clause[0] <= p < clause[1] and p != i
                 and not all(t.noun for t in tt)
                 and not (self.lex.lang == "de" and p > clause[0] and self.texts[p][:1].isupper())]  # ("das Treffen")
        lo = max([clause[0]] + [p + 1 for p in verbs if p < i])
        hi = min([clause[1]] + [p for p in verbs if p > i])
        return lo, hi

    def no_goods(self, i: int, hi: int) -> bool:
        """'liefert an Russland keine Drohnen mehr', 'sent Russia no drones': a negative determiner
        before the goods anywhere after the verb in its clause."""
        r = self.r
        if self.negative_determiners.isdisjoint(r.lower[i + 1:hi]):
            return False
        return any(r.lower[j] in self.negative_determiners and any(
            k in r.covered and r.covered[k].kind == "WeaponType" or r.lower[k] in self.goods
            for k in range(j + 1, min(hi, j + 4))) for j in range(i + 1, hi))

    def negated(self, lo: int, hi: int, i: int) -> bool:
        """A negation or doubt word in [lo, hi) other than the trigger itself."""
        words = self.r.lower
        if self.negation.isdisjoint(words[lo:hi]) and self.doubt.isdisjoint(words[lo:hi]) \
                and self.doubt.isdisjoint(self.r.lemma[lo:hi]):
            return False  # (most windows: no such word at all)
        for j in range(lo, hi):
            if j != i and (words[j] in self.negation or self.r.lemma[j] in self.doubt or words[j] in self.doubt):
                return True
        return False

    def coordinate_clause(self, clauses, a: int, b: int) -> bool:
        """b stands in a later clause joined by a conjunction with a subject of its own ("wies dies
        zurück, und Modi besuchte ..."): not the content of what stands at a."""
        ca, cb = self.r.clause_of(clauses, a), self.r.clause_of(clauses, b)
        return cb != ca and self.r.lower[cb[0]] in self.r.conjunctions

    def newly_said(self, denial: int, i: int) -> bool:
        """A verb of saying between a denial and a trigger opens another speaker's report ("rejected
        reports that ..., its first response since the spy agency said Pyongyang had shipped ...")."""
        r = self.r
        return any((r.lemma[j] in r.say or r.lower[j] in r.say) and any(
            m.kind in ("State", "Agency", "Official") for m in r.mentions.in_range(max(denial + 1, j - 6), j))
            for j in range(denial + 1, i))
