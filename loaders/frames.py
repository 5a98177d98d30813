"""A trigger's frame applied to its window: the actors, goods and parties of one relation."""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span

from graph.model import Quantity
from graph.schema import RelationType
from loaders.found import Found
from loaders.lexicon import Trigger
from loaders.mentions import Mention
from loaders.sentences import Arg, Attribution


@dataclass(slots=True)
class Frame:
    """One frame of the trigger at i applied to its window [lo, hi) of its clause and sentence: the
    actors and goods found there, and the parties settled so far (the steps of FrameRules.apply
    and of loaders/parties.py read and fill it in)."""

    t: Trigger
    i: int
    lo: int
    hi: int
    clause: tuple[int, int]
    clauses: list
    sent: Span
    att: Attribution
    positions: set[int]  # the sentence's trigger positions
    spec: RelationType
    args: list[Arg] = field(default_factory=list)
    weapons: list[tuple[Mention, Quantity | None]] = field(default_factory=list)
    has_goods: bool = False
    troops_named: bool = False
    has_personnel: bool = False
    source: str | None = None
    target: str | None = None
    context: bool = False  # a party was taken from the document's context
    both: list[str] = field(default_factory=list)  # "both" standing for a pair named before
    own: object = False    # a denial of the denier's own side's part
    met: str | None = None  # the official a visit meets


class FrameRules:
    """A part of RelationReader (loaders/relations.py): its methods read the sentence reader self.r,
    the lexicon self.lex, the vocabulary self.gaz, the document context self.ctx and the language's
    cue words (loaders/cue_sets.py)."""

    def apply(self, t: Trigger, i: int, lo: int, hi: int, clause, clauses, sent: Span,
              att: Attribution, positions: set[int]) -> list[Found]:
        """The relations one frame of the trigger at i reads in its window [lo, hi)."""
        f = Frame(t, i, lo, hi, clause, clauses, sent, att, positions, self.schema.relations[t.type])
        f.args = self.frame_args(t, i, lo, hi, att, positions)
        self.frame_goods(f)
        self.frame_personnel(f)
        if self.lacks_what_it_needs(f) or self.not_asserted(f):
            return []
        self.parties_from_roles(f)
        if self.wrong_parties(f):
            return []
        self.claim_parties(f)
        self.announced_supplier(f)
        done = self.continued_transfer(f)
        if done is not None:
            return done
        self.supply_parties(f)
        self.deploy_parties(f)
        if t.type == "SUPPLIES" and (self.not_a_party(f.source) or self.not_a_party(f.target)):
            return []
        done = self.war_parties(f)
        if done is None:
            done = self.meeting_parties(f)
        if done is not None:
            return done
        if not self.parties_fit(f):
            return []
        out = self.frame_relations(f)
        self.remember_relations(t, out)
        return out

    def frame_args(self, t: Trigger, i: int, lo: int, hi: int, att: Attribution, positions: set[int]) -> list[Arg]:
        """The actors of the window the frame may take: not the speaker's (outside the reported
        clause), nor another word's attribute, a news outlet, a speaker or one told."""
        in_say_clause = att.say_clause is not None and att.say_clause[0] <= i < att.say_clause[1]
        window_args = self.args_by_window.get((lo, hi))
        if window_args is None:  # several frames of one trigger share their window's actors
            window_args = self.args_by_window[(lo, hi)] = self.r.args(lo, hi, positions)
        claim = t.type in ("ACCUSES", "CONFIRMS", "DENIES")
        out = []
        for a in window_args:
            m = a.mention
            if (in_say_clause or m.start not in att.excluded) and a.attributive in (-1, i) \
                    and not (not claim and self.is_media(m.entity)) \
                    and not (m.start < i and (self.says(m.end, i) or self.told(m))):
                out.append(a)
        return out

    def frame_goods(self, f: Frame) -> None:
        """The goods of the window (a transfer's also before a relative clause, in a list after its
        clause, or the document's topic named again), and whether any goods word stands there."""
        r, t, i, lo, hi, sent = self.r, f.t, f.i, f.lo, f.hi, f.sent
        weapons = self.weapons(self.second_predicate(lo, i, hi) if t.type == "SUPPLIES" else lo, hi, t.goods_after)
        if t.type == "SUPPLIES" and not weapons:
            # "Gewehre vom Typ X, die Peru an Chile verkaufte", "the rifles Lima has bought"
            weapons = self.antecedent_goods(lo, sent)
        if t.type == "SUPPLIES":
            weapons = weapons + self.trailing_goods(hi, sent, {m.entity for m, _ in weapons})
            weapons = self.umbrella_named_again(weapons, lo, sent)
        f.weapons = weapons
        f.has_goods = bool(weapons) or not self.goods.isdisjoint(r.lower[lo:hi]) \
            or not self.goods.isdisjoint(r.lemma[lo:hi])
        topic = self.ctx.topic_weapon
        if t.type == "SUPPLIES" and topic:
            self.topic_goods(f, topic)

    def topic_goods(self, f: Frame, topic: str) -> None:
        """A transfer's goods from the weapon the document is about: a general noun naming it again,
        a bare number, or its class ("Denmark has promised 19 jets" in an article on F-16s)."""
        i, lo, hi = f.i, f.lo, f.hi
        if not f.has_goods:
            named_again = self.goods_named_again(lo, hi)  # "die überholten Boote", "the helicopters"
            if named_again is not None:
                f.weapons, f.has_goods = [(Mention(named_again, named_again + 1, topic, "WeaponType", "anaphor"),
                                           self.quantity_before(named_again, lo))], True
        if not f.has_goods:
            elided = self.elided_goods(i, lo, hi)  # "Belgium has promised 30 by 2028": 30 of the same
            if elided:
                f.weapons, f.has_goods = [(Mention(i, i + 1, topic, "WeaponType", "elided"), elided)], True
        f.weapons = [(Mention(m.start, m.end, topic, "WeaponType", "anaphor"), q)
                     if not self.weapon_class(m.entity) and self.weapon_class(topic) == m.entity else (m, q)
                     for m, q in f.weapons]

    def frame_personnel(self, f: Frame) -> None:
        """Whether the window names troops ("others were posted to X": people named before in the
        sentence), or any personnel or armed forces among its actors."""
        r, lo, hi = self.r, f.lo, f.hi
        f.troops_named = any(lo <= p < hi for p in r.mentions.personnel) or (
            any(f.sent.start <= p < lo for p in r.mentions.personnel)
            and any(r.lower[j] in self.personnel_anaphors for j in range(lo, hi)))
        f.has_personnel = f.troops_named or any(
            a.head == "personnel" or self.is_forces(a.entity) for a in f.args)

    def lacks_what_it_needs(self, f: Frame) -> bool:
        """The frame needs goods, personnel or forces its window does not name; or a transfer's
        window names people and no goods."""
        t = f.t
        if t.needs == "goods" and not f.has_goods:
            return True
        if t.needs == "personnel" and not f.has_personnel:
            return True
        if t.needs == "forces" and not (f.has_personnel or f.weapons):
            return True  # ("moved missile batteries onto Estonian soil": stationed weapon systems are forces)
        if t.type == "DEPLOYS" and t.needs == "personnel" and f.weapons and not f.troops_named:
            return True  # "die Gewehre werden von der peruanischen Marine genutzt": weapons used, no troops sent
        return t.type == "SUPPLIES" and f.has_personnel and not f.has_goods

    def not_asserted(self, f: Frame) -> bool:
        """The trigger reports nothing that happened: named in passing, asked about, threatened,
        requested, refused, permitted, governing another verb, or its goods are no subject."""
        r, t, i, lo, hi, sent = self.r, f.t, f.i, f.lo, f.hi, f.sent
        if t.type == "SUPPLIES" and i >= 2 and r.lower[i - 1] == "-" and i - 2 in r.covered:
            return True  # "Turkish-supplied TB2s": the maker or supplier of goods named in passing
        if t.type not in ("CONFIRMS", "DENIES", "ACCUSES") and self.in_question(i, sent):
            return True  # "Ob auch Paris Raketen schicken wird, war nicht klar"
        if t.type == "ATTACKS" and self.unrealised(i, lo, sent):
            return True  # "bereite einen Angriff vor", "threatened to strike", "if it launched an offensive"
        if t.type == "DENIES" and not t.noun and self.object_not_a_claim(i, hi):
            return True  # "dismissed the general", "dismissed the foreign rifles as useless"
        if self.requested(t, i, lo, sent) or self.refused(t, i, sent) or self.governs_clause(t, i, hi) \
                or self.permitted(t, i, sent):
            return True
        return bool(t.goods_subject and not self.goods_as_subject(i, lo, f.args, sent, f.positions))

    def frame_relations(self, f: Frame) -> list[Found]:
        """The relations of the settled parties: each of a list of sources with each of a list of
        targets, and the meeting a visit to a person is."""
        t, i, lo, hi, sent, spec = f.t, f.i, f.lo, f.hi, f.sent, f.spec
        source, target = f.source, f.target
        # "A and B, which sent"; a list of subjects may run over a clause cut ("after A, B and C moved troops")
        antecedent = not any(m.entity == source for m in self.r.mentions.in_range(lo, i)) \
            and any(self.r.lower[k] in self.relative for k in (lo - 1, lo) if k >= sent.start)
        listed = t.type in ("DEPLOYS", "VISITS", "MEETS") and not t.noun and any(
            m.entity == source and not m.is_adjective for m in self.r.mentions.in_range(lo, i))
        after = any(m.entity == source and m.start > i for m in self.r.mentions.in_range(i, hi))  # "from A and B"
        sources = f.both or [source] + [x for x in self.coordinated(  # "die Vorwürfe von A und B"
            source, sent.start if antecedent or listed else lo, hi if t.noun or after else i)
                                        if (x != target or t.type in ("DENIES", "CONFIRMS"))
                                        and self.gaz_kind(x) in spec.source]
        repeated = self.lex.words("meet_preps") if t.type == "MEETS" else frozenset()  # "mit A und mit B"
        targets = [target] + [x for x in self.coordinated(target, lo, hi, repeated) if x not in sources
                              and self.gaz_kind(x) in spec.target]
        out = []
        for source in sources:
            for target in ([self.acting_side(source)] if f.own else targets):  # each denies its own part
                if target:
                    out.extend(self.found(t, i, lo, hi, source, target, f.weapons, f.has_goods, f.att, f.context,
                                          f.args))
        if f.met:
            out.append(Found("MEETS", sources[0], f.met, claimed_by=f.att.speaker))
        return out

    def remember_relations(self, t: Trigger, out: list[Found]) -> None:
        """What later sentences refer back to: who attacks, deploys and supplies whom with what."""
        if t.type == "ATTACKS" and out:
            self.ctx.attackers[out[0].source] += 1
        if t.type == "DEPLOYS" and out:
            self.ctx.deployers[out[0].source] += 1
            self.ctx.deploy_targets[self.state_of_place(out[0].target)] += 1
        if t.type == "SUPPLIES" and out:
            specific = [f.weapon for f in out if f.weapon and self.weapon_class(f.weapon)]
            self.ctx.last_weapon = specific[-1] if specific else self.ctx.last_weapon
            self.ctx.last_transfer = (out[0].source, out[0].target)
            self.ctx.last_goods[out[0].source] = [f.weapon for f in out if f.weapon and f.source == out[0].source]
            self.ctx.last_goods_at[out[0].source] = len(self.ctx.speakers)
            for f in out:
                if f.weapon and self.weapon_class(f.weapon):
                    self.ctx.supplied.setdefault((f.source, f.target), []).append(f.weapon)
            self.ctx.pairs[(out[0].source, out[0].target)] += 1
            self.ctx.suppliers[out[0].source] += 1
            self.ctx.recipients[out[0].target] += 1

    def found(self, t: Trigger, i, lo, hi, source, target, weapons, has_goods, att, context, args) -> list[Found]:
        claimed = att.speaker
        if t.type == "MEETS":
            return [Found(t.type, source, target, claimed_by=claimed)] + self.meeting_visits(source, target, args, i)
        if t.type != "SUPPLIES":
            quantity = self.personnel_quantity(lo, hi) if t.type == "DEPLOYS" else None
            return [Found(t.type, source, target, quantity=quantity, claimed_by=claimed, context=context)]
        status = "planned" if t.status == "planned" or self.is_planned(lo, hi) or self.to_be_done(i, lo) \
            else "delivered"
        if t.maker_sells and source and target:  # "South Korea signed a contract with Poland for K2 tanks"
            makers = self.goods_makers(weapons)
            if len(makers) == 1 and self.state_of_place(target) in makers \
                    and self.state_of_place(source) not in makers:
                source, target = target, source
        own = [(m, q) for m, q in weapons if not self.anothers_goods(m, source, target)]
        weapons = own or weapons  # "bought from Moscow to intercept Pakistani drones": not Russia's drones
        weapons = [(self.suppliers_own(m, source, target), q) for m, q in weapons]
        weapons = [(self.narrower_own(m, q, source, target), q) for m, q in weapons]
        weapons = [(m, q or self.value_quantity(m.end, hi)) for m, q in weapons]  # "ammunition worth $1 billion"
        if not weapons and t.goods and t.goods in self.gaz:
            weapons = [(Mention(i, i + 1, t.goods, "WeaponType", "goods"), None)]
        if not weapons and has_goods and "munitions" in self.gaz:
            weapons = [(Mention(i, i + 1, "munitions", "WeaponType", "goods"), self.unit_quantity(lo, hi))]
        if not weapons:
            return [Found(t.type, source, target, None, status, None, claimed, context)]
        return [Found(t.type, source, target, m.entity, status, q, claimed, context) for m, q in weapons]

    def to_be_done(self, i: int, lo: int) -> bool:
        """A transfer verb in the infinitive is yet to be done ("in talks to buy", "agreed to send",
        "erwägt, Waffen zu liefern"), unless a verb of going on or managing governs it ("continued to
        supply", "begann zu liefern") or it is what an accusation charges."""
        r = self.r
        low = r.lower[i]
        zu_infix = self.lex.lang == "de" and "zu" in low and low.replace("zu", "", 1) == r.lemma[i]
        if not (zu_infix or i > lo and r.lower[i - 1] in self.lex.words("infinitive_marker")):
            return False
        if any(f.type == "ACCUSES" for f in self.sentence_found):
            return False  # "beschuldigen Nordkorea, Russland mit Munition zu beliefern": what is done, charged
        at = i - 1 if not zu_infix else i
        done = self.lex.words("infinitive_done")
        return not any(r.lower[k] in done or r.lemma[k] in done for k in range(max(lo, at - 3), at))

    def is_planned(self, lo: int, hi: int) -> bool:
        if self.planned.isdisjoint(self.r.lower[lo:hi]) and self.planned.isdisjoint(self.r.lemma[lo:hi]):
            return False
        hearsay, perfect = self.lex.words("hearsay_modals"), self.lex.words("perfect_infinitive")
        for j in range(lo, hi):
            if self.r.lower[j] in self.planned or (self.r.lemma[j] in self.planned and self.r.lemma[j] != "werden"):
                if self.r.lower[j] in hearsay and not perfect.isdisjoint(self.r.lower[j + 1:hi]):
                    continue  # "soll 24 Jets geliefert haben": said to have delivered
                return True
        return False
