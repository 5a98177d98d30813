"""Relations of one sentence by rule: triggers, their argument frames, negation, weapons, quantities, status."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Span

from graph import schema as schema_mod
from graph.model import Quantity
from loaders import gazetteer as gaz_mod
from loaders import lexicon as lexicon_mod
from loaders import nlp as nlp_mod
from loaders import quantities as qty
from loaders.context import DocumentContext
from loaders.lexicon import Lexicon, Trigger
from loaders.mentions import Mention
from loaders.sentences import Arg, Attribution, SentenceReader

PRIMARY_RECIPIENT = {"an", "nach", "to", "zu", "zur", "zum"}
# per language, a German compound's lemma -> the noun triggers it ends with (words repeat)
_COMPOUND_TRIGGERS: dict[str, dict[str, list[Trigger]]] = {}
PRIMARY_TARGET = {"auf", "gegen", "at", "on", "against"}
AGENT_PREPS = {"von", "vom", "durch", "seitens", "by"}


@dataclass(slots=True)
class Found:
    """A relation read from a sentence, before it becomes a graph Relation."""

    type: str
    source: str
    target: str
    weapon: str | None = None
    status: str | None = None
    quantity: Quantity | None = None
    claimed_by: str | None = None
    context: bool = False  # an argument was taken from the preceding sentences
    open: bool = False     # a war named with one side only; complete_wars() fills in the other


def complete_wars(found: list, recipients: dict[str, int] | None = None) -> list:
    """A war or invasion named with one side only ("seit dem russischen Einmarsch", "the war
    against Ukraine") is the war the document names with both sides elsewhere: the other side is
    the one most often paired with the known one in the document's attacks; when none is, the side
    the document's open mentions give most often; and for a known aggressor, else the state the
    document reports receiving weapons most often (an article on the arms for a war is about its
    victim's suppliers). Items are (Found, evidence) pairs; open ones that stay open are dropped."""
    from collections import Counter
    pairs = Counter((f.source, f.target) for f, _ in found if f.type == "ATTACKS" and not f.open)
    agents = Counter(f.source for f, _ in found if f.open and f.source)
    victims = Counter(f.target for f, _ in found if f.open and f.target) or Counter(recipients or {})
    # the recipient of weapons in the war's own sentence fights it: "drones given to Moscow for its
    # war against Ukraine" (Russia attacks), "tanks to help Kyiv fight off Russia's invasion" (Ukraine is attacked)
    armed = {ev.start: f.target for f, ev in found if f.type == "SUPPLIES" and f.target}
    out = []
    for f, ev in found:
        if f.open and armed.get(ev.start) not in (None, f.source, f.target):
            if f.source:
                f.target = armed[ev.start]
            else:
                f.source = armed[ev.start]
            f.open, f.context = False, True
        if f.open:
            if f.source:
                partners = Counter({t: n for (s, t), n in pairs.items() if s == f.source}) or victims
                f.target = next((t for t, _ in partners.most_common() if t != f.source), None)
            else:
                partners = Counter({s: n for (s, t), n in pairs.items() if t == f.target}) or agents
                f.source = next((s for s, _ in partners.most_common() if s != f.target), None)
            if not (f.source and f.target):
                continue
            f.open, f.context = False, True
        out.append((f, ev))
    return out


@lru_cache(maxsize=None)
def _cue_sets(lang: str) -> dict:
    """The cue word sets a RelationReader of this language consults (names as its attributes)."""
    lex = lexicon_mod.load(lang)
    words, cues, q = lex.words, lex.cues, lex.quantities
    names = {"negation": "negation", "doubt": "doubt", "planned": "planned", "goods": "goods_words",
             "relative": "relative_pronouns", "request_verbs": "request_verbs", "claim_nouns": "claim_nouns",
             "coordinators": "coordinators", "refusal": "refusal", "permit_verbs": "permit_verbs",
             "announce_verbs": "announce_verbs", "complementisers": "complementisers",
             "fronted": "fronted_complementisers", "war_nouns": "war_nouns", "defend_verbs": "defend_verbs",
             "auxiliaries": "auxiliaries", "self_pronouns": "self_pronouns", "own_nouns": "own_nouns"}
    out = {attr: words(key) for attr, key in names.items()}
    out.update(
        noun_triggers=sorted(lex.noun_triggers, key=lambda t: -len(t.lemma)),
        units=cues.get("units") or {},
        claim_endings=tuple(gaz_mod.fold(c) for c in out["claim_nouns"] if len(c) > 5),  # German compounds
        observers=frozenset(cues.get("observer_categories") or ()),
        state_bodies=frozenset(cues.get("state_body_categories") or ()),
        coordinator_phrases=frozenset(w for w in cues.get("coordinators", ()) if " " in w),
        quantity_words=frozenset(q["vague"]) | frozenset(q["multipliers"]) | frozenset(q["numbers"]))
    return out


class RelationReader:
    """Applies the trigger frames of one language to the sentences of one document."""

    def __init__(self, reader: SentenceReader, lex: Lexicon, gaz: gaz_mod.Gazetteer, ctx: DocumentContext):
        self.r, self.lex, self.gaz, self.ctx = reader, lex, gaz, ctx
        self.schema = schema_mod.load()
        self.doc = reader.doc
        self.texts = reader.text
        self.lowered = reader.lower  # what quantities.find compares (a blank pipeline's LOWER is str.lower)
        self._compound_triggers = _COMPOUND_TRIGGERS.setdefault(lex.lang, {})
        vars(self).update(_cue_sets(lex.lang))  # the language's cue words, computed once per language
        self._trigger_words = [i for i in self._maybe_triggers() if self.candidates(i)]  # sorted

    # -- triggers ----------------------------------------------------------------
    def candidates(self, i: int) -> list[Trigger]:
        """The triggers a word's lemma or form names (a word outside every mention)."""
        if i in self.r.covered or not self.r.alpha[i]:
            return []
        lemma, low = self.r.lemma[i], self.r.lower[i]
        cands = list(self.lex.triggers.get(lemma, ())) or list(self.lex.triggers.get(low, ()))
        if not cands and self.lex.lang == "de" and self.texts[i][:1].isupper() and len(low) > 6:
            cands = list(self.compound_triggers(lemma))
        return cands

    def _maybe_triggers(self) -> list[int]:
        """The positions candidates() needs to look at: a trigger's lemma or form, or (German) a
        long word that may be a compound."""
        triggers, german = self.lex.triggers, self.lex.lang == "de"
        return [i for i, (lemma, low) in enumerate(zip(self.r.lemma, self.r.lower))
                if lemma in triggers or low in triggers or (german and len(low) > 6)]

    def trigger_positions(self, start: int, end: int) -> list[int]:
        """The positions in [start, end) where candidates() finds triggers."""
        return nlp_mod.positions_in(self._trigger_words, start, end)

    def triggers_at(self, i: int, clause: tuple[int, int]) -> list[Trigger]:
        """The triggers at a word whose frames its context allows."""
        cands = self.candidates(i)
        if not cands:  # most words
            return []
        text = self.texts[i]
        low = self.r.lower[i]
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
        got = self._compound_triggers.get(lemma)
        if got is None:
            folded = gaz_mod.fold(lemma)
            # the compound as read, and without a genitive ending ("des Angriffskriegs", "des Exportes")
            forms = [folded] + [folded[:-len(e)] for e in ("es", "s") if folded.endswith(e) and len(folded) > 6]
            cands = [t for t in self.noun_triggers if len(t.lemma) >= 5
                     and any(f.endswith(gaz_mod.fold(t.lemma)) for f in forms)]
            got = self._compound_triggers[lemma] = [
                t for t in cands if len(t.lemma) == max(len(c.lemma) for c in cands)]
        return got

    def english_noun(self, i: int, cands: list[Trigger]) -> bool | None:
        """'the strikes', 'missile strikes', "Russia's deliveries" are nouns; 'Russia strikes' a verb."""
        if not ({t.noun for t in cands} >= {True, False}):
            return None
        if i == 0:
            return False
        r = self.r
        prev = r.lower[i - 1]
        if prev in r.determiners or prev in self.lex.words("possessives") or prev in ("-", "'s", "of", "new"):
            return True
        if i - 1 in r.covered and (r.covered[i - 1].kind == "WeaponType" or r.covered[i - 1].is_adjective):
            return True
        if i - 1 in r.covered and r.covered[i - 1].start > 0 and r.lower[r.covered[i - 1].start - 1] in r.determiners:
            return True  # "a U.S. promise", "the Russian invasion": a name between a determiner and the noun
        if i >= 2 and r.text[i - 1][:1].isupper() and r.lower[i - 2] in r.determiners:
            return True  # "a Mediterranean tour": any capitalised word between a determiner and the noun
        return False

    # -- the sentence ------------------------------------------------------------
    def read(self, sent: Span) -> list[Found]:
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
        for i, ts in found_triggers:
            clause = r.clause_of(clauses, i)
            lo, hi = self._window(i, found_triggers, clauses)
            noun = all(t.noun for t in ts)
            if self.negated(lo, hi if noun else min(hi, i + 3), i):
                continue
            for t in ts:
                if t.type not in ("DENIES", "CONFIRMS") and denial_at is not None and denial_at <= i \
                        and not (t.type == "ACCUSES" and t.noun) \
                        and not self.newly_said(denial_at, i) and not self.coordinate_clause(clauses, denial_at, i):
                    continue
                out.extend(self.apply(t, i, lo, hi, clause, clauses, sent, att, positions))
        self.ctx.recent_states.extend(m.entity for m in r.mentions.in_range(sent.start, sent.end)
                                  if m.kind == "State" and not m.is_adjective)
        self.ctx.named_weapons.update(m.entity for m in r.mentions.in_range(sent.start, sent.end)
                                      if m.kind == "WeaponType" and self.weapon_class(m.entity))
        self.ctx.recent_officials.extend(m.entity for m in r.mentions.in_range(sent.start, sent.end)
                                     if m.kind == "Official" and not m.is_adjective)
        return out

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

    def _window(self, i: int, found_triggers, clauses) -> tuple[int, int]:
        """The trigger's part of its clause: between the verb triggers before and after it."""
        clause = self.r.clause_of(clauses, i)
        verbs = [p for p, tt in found_triggers if clause[0] <= p < clause[1] and p != i
                 and not all(t.noun for t in tt)
                 and not (self.lex.lang == "de" and p > clause[0] and self.texts[p][:1].isupper())]  # ("das Treffen")
        lo = max([clause[0]] + [p + 1 for p in verbs if p < i])
        hi = min([clause[1]] + [p for p in verbs if p > i])
        return lo, hi

    def negated(self, lo: int, hi: int, i: int) -> bool:
        """A negation or doubt word in [lo, hi) other than the trigger itself."""
        words = self.r.lower
        for j in range(lo, hi):
            if j != i and (words[j] in self.negation or self.r.lemma[j] in self.doubt or words[j] in self.doubt):
                return True
        return False

    # -- frames ------------------------------------------------------------------
    def apply(self, t: Trigger, i: int, lo: int, hi: int, clause, clauses, sent: Span,
              att: Attribution, positions: set[int]) -> list[Found]:
        r = self.r
        spec = self.schema.relations[t.type]
        in_say_clause = att.say_clause is not None and att.say_clause[0] <= i < att.say_clause[1]
        args = [a for a in r.args(lo, hi, positions) if (in_say_clause or a.pos not in att.excluded)
                and a.attributive in (-1, i)
                and not (self.is_media(a.entity) and t.type not in ("ACCUSES", "CONFIRMS", "DENIES"))
                and not (a.pos < i and self.says(a.mention.end, i))]
        weapons = self.weapons(lo, hi)
        has_goods = bool(weapons) or any(r.lower[j] in self.goods or r.lemma[j] in self.goods for j in range(lo, hi))
        troops_named = any(lo <= p < hi for p in r.mentions.personnel) or (  # "others had been sent to X"
            any(r.lower[j] in self.lex.words("personnel_anaphors") for j in range(lo, hi))
            and any(sent.start <= p < lo for p in r.mentions.personnel))
        has_personnel = troops_named or any(
            a.head == "personnel" or self.is_forces(a.entity) for a in args)
        topic = self.ctx.topic_weapon
        if t.type == "SUPPLIES" and not has_goods and topic:
            elided = self.elided_goods(i, lo, hi)  # "Belgium has promised 30 by 2028": 30 of the same
            if elided:
                weapons, has_goods = [(Mention(i, i + 1, topic, "WeaponType", "elided"), elided)], True
        if t.type == "SUPPLIES" and topic:  # "Denmark has promised 19 jets" in an article on F-16s
            weapons = [(Mention(m.start, m.end, topic, "WeaponType", "anaphor"), q)
                       if not self.weapon_class(m.entity) and self.weapon_class(topic) == m.entity else (m, q)
                       for m, q in weapons]
        if t.needs == "goods" and not has_goods:
            return []
        if t.needs == "personnel" and not has_personnel:
            return []
        if t.needs == "forces" and not (has_personnel or weapons):
            return []  # ("moved missile batteries onto Estonian soil": stationed weapon systems are forces)
        if t.type == "DEPLOYS" and t.needs == "personnel" and weapons and not troops_named:
            return []  # "die Drohnen werden durch die russische Armee eingesetzt": weapons used, no troops sent
        if t.type == "SUPPLIES" and has_personnel and not has_goods:
            return []
        if self.requested(t, i, lo, sent) or self.refused(t, i, sent) or self.governs_clause(t, i, hi) \
                or self.permitted(t, i, sent):
            return []
        roles = self.roles(t, i, lo, hi, args, clauses, sent, att)
        src_role, tgt_role = ("supplier", "recipient") if t.type == "SUPPLIES" else ("source", "target")
        source, target = self.state_for_forces(roles.get(src_role)), self.state_for_forces(roles.get(tgt_role))
        if t.type == "SUPPLIES":  # "das Pentagon kündigte Militärhilfe an", "Pistorius stellte Panzer in
            # Aussicht": the state sends and receives
            if t.status == "planned" and source and self.gaz_kind(source) == "Official":
                source = self.acting_side(source)  # (a promise is the official's state's)
            source, target = self.state_for_body(source), self.state_for_body(target)
        if t.needs == "official" and not (source and self.gaz_kind(source) == "Official"):
            return []
        if t.type == "VISITS" and troops_named and source and self.gaz_kind(source) != "Official":
            return []  # "russische Soldaten trafen in Minsk ein": troops arriving are a deployment
        if t.type == "VISITS" and not t.noun and t.preposition_only and self.passive_travel(i):
            return []  # "the aircraft were flown to Ukraine": what is carried makes no visit
        if t.type == "VISITS" and t.noun and source and target and self.other_actor_between(i, target, source):
            return []  # "the trip showed China would ... in Ukraine": the place belongs to another clause
        if t.type == "VISITS" and not t.noun and self.goods_travel(lo, i):
            return []  # "MiG-29 fighters had arrived in Iran", "the aircraft were flown to Ukraine"
        context = False
        if target is None and source and t.type in ("ACCUSES", "CONFIRMS", "DENIES") and self.ctx.last_supplier \
                and self.mentions_transfer(lo, hi, sent):
            target = self.ctx.last_supplier  # "verurteilten die Lieferungen": the transfer last reported
        if target is None and source and t.type == "ACCUSES":
            target = self.condemned_actor(i, hi, args, source)  # "condemned the American strikes", "the invasion"
        own = target is None and source and t.type == "DENIES"  # "Minsk bestritt, ... geliefert zu haben"
        if own:
            target = self.acting_side(source)
        if target is None and t.type in ("AUTHORIZES",) and source:
            target, context = self.from_context(source), True
        # "Poland said jets would be handed over to Kyiv": a speaker announcing a transfer is its supplier
        # (an announcement, not a report of what others have shipped)
        if t.type == "SUPPLIES" and source is None and att.speaker and self.passive(t, i, lo) and weapons \
                and any(self.r.lower[j] in self.lex.words("future_modals") for j in range(lo, i)) \
                and self.own_side(att.speaker) not in (None, target) and not self.not_a_party(att.speaker) \
                and not self.is_media(att.speaker):
            source = self.state_for_body(self.own_side(att.speaker))
        if t.type == "SUPPLIES" and (source is None) != (target is None) and weapons and not t.noun \
                and not self.non_finite(i) and not t.preps:
            # "Britain has promised 14 tanks": the other side is the document's usual one so far
            if target is None and self.ctx.usual_recipient not in (None, source):
                target, context = self.ctx.usual_recipient, True
            elif source is None and self.ctx.last_supplier not in (None, target):
                source, context = self.ctx.last_supplier, True
        if t.type == "SUPPLIES" and t.noun and source is None:
            source = self.state_for_body(self.approver(i, clause))  # "X approved the sale of NASAMS to Taiwan"
        if t.type == "DEPLOYS" and source and source == att.speaker and self.gaz_kind(source) == "Agency" \
                and not self.not_a_party(source) and self.state_for_body(source) != source and not self.is_forces(source):
            source = None  # "the agency said it showed the soldiers gathering in X": who reports troops does not send them
        if t.type == "DEPLOYS" and source is None and target and self.ctx.deployers and not t.noun:
            source, context = self.ctx.usual_deployer, True  # "others had been sent to X"
        if t.type == "DEPLOYS" and source and target is None and not t.noun and not t.preposition_only \
                and not self.non_finite(i) and self.ctx.deploy_targets and self.gaz_kind(source) == "State" \
                and source != att.speaker:
            target, context = self.ctx.usual_deploy_target, True  # "Belarus also sent 300 more troops"
        if t.type == "SUPPLIES" and (self.not_a_party(source) or self.not_a_party(target)):
            return []
        if t.type == "ATTACKS" and t.noun and t.lemma in self.war_nouns and source and not target:
            target = self.defender(i, sent, source)
        if t.type == "ATTACKS" and t.noun and t.lemma in self.war_nouns and (source is None) != (target is None) \
                and (source or target) and self.gaz_kind(source or target) in (spec.source if source else spec.target):
            return [Found(t.type, source, target, claimed_by=att.speaker, open=True)]
        met = self.visited_person(t, i, lo, hi, args, sent, source)
        if met and not target:  # "Tajani besuchte Fidan in Ankara": a visit and a meeting
            return [Found("MEETS", source, met, claimed_by=att.speaker)]
        if t.type == "MEETS" and source and not target:  # "A und sein Amtskollege B bei einem Treffen": they meet
            target = next((x for x in self.coordinated(source, lo, hi if t.noun else i)
                           if self.gaz_kind(x) in spec.target), None)
        if t.type == "MEETS" and target and not source and self.gaz_kind(target) == "Official":
            source = self.counterpart_of(target, lo, sent)  # "bei einem Treffen mit ihrem Amtskollegen X"
        if t.type == "VISITS" and not target and lo - 2 >= sent.start and r.lower[lo - 1] == "," \
                and r.lower[lo] in self.lex.words("place_relatives"):
            # "in der Stadt X, wohin beide reisten", "fanden in X statt, wohin ..."
            place = next((m for k in range(lo - 2, max(sent.start, lo - 5) - 1, -1) if (m := r.covered.get(k)) is not None
                          and m.kind in ("Location", "State") and not m.is_adjective), None)
            if place is not None:
                target = place.entity
        pair = self.named_pair(lo, hi, sent) if t.type in ("MEETS", "VISITS") and not (source and target) else None
        if pair and t.type == "MEETS":  # "sprachen beide Minister", "the two leaders"
            source, target = pair
        if pair and t.type == "VISITS" and target and not source:  # "wohin beide Außenminister reisten"
            return [Found("VISITS", p, target, claimed_by=att.speaker) for p in pair]
        if t.type == "MEETS" and t.noun and source and not target and self.gaz_kind(source) in ("State", "Official"):
            return self.meeting_visits(source, source, [a for a in args if a.pos > i], i)  # "spanische Beamte führten Gespräche in Rom"
        if not source or not target or (source == target and t.type not in ("DENIES", "CONFIRMS")):
            return []
        if self.gaz_kind(source) not in spec.source or self.gaz_kind(target) not in spec.target:
            return []
        # (a list of subjects may run over a clause cut: "after A, B and C moved troops")
        first = sent.start if t.type in ("DEPLOYS", "VISITS", "MEETS") and not t.noun and any(
            m.entity == source and not m.is_adjective for m in self.r.mentions.in_range(lo, i)) else lo
        sources = [source] + [x for x in self.coordinated(source, first, hi if t.noun else i)  # "die Vorwürfe von A und B"
                              if (x != target or t.type in ("DENIES", "CONFIRMS"))
                              and self.gaz_kind(x) in spec.source]
        repeated = self.lex.words("meet_preps") if t.type == "MEETS" else frozenset()  # "mit A und mit B"
        targets = [target] + [x for x in self.coordinated(target, lo, hi, repeated) if x not in sources
                              and self.gaz_kind(x) in spec.target]
        out = []
        for source in sources:
            for target in ([self.acting_side(source)] if own else targets):  # each denies its own part
                if target:
                    out.extend(self.found(t, i, lo, hi, source, target, weapons, has_goods, att, context, args))
        if met:
            out.append(Found("MEETS", sources[0], met, claimed_by=att.speaker))
        if t.type == "ATTACKS" and out:
            self.ctx.attackers[out[0].source] += 1
        if t.type == "DEPLOYS" and out:
            self.ctx.deployers[out[0].source] += 1
            self.ctx.deploy_targets[self.state_of_place(out[0].target)] += 1
        if t.type == "SUPPLIES" and out:
            specific = [f.weapon for f in out if f.weapon and self.weapon_class(f.weapon)]
            self.ctx.last_weapon = specific[-1] if specific else self.ctx.last_weapon
            self.ctx.suppliers[out[0].source] += 1
            self.ctx.recipients[out[0].target] += 1
        return out

    def found(self, t: Trigger, i, lo, hi, source, target, weapons, has_goods, att, context, args) -> list[Found]:
        claimed = att.speaker
        if t.type == "MEETS":
            return [Found(t.type, source, target, claimed_by=claimed)] + self.meeting_visits(source, target, args, i)
        if t.type != "SUPPLIES":
            quantity = self.personnel_quantity(lo, hi) if t.type == "DEPLOYS" else None
            return [Found(t.type, source, target, quantity=quantity, claimed_by=claimed, context=context)]
        status = "planned" if t.status == "planned" or self.is_planned(lo, hi) else "delivered"
        if not weapons and t.goods and t.goods in self.gaz:
            weapons = [(Mention(i, i + 1, t.goods, "WeaponType", "goods"), None)]
        if not weapons and has_goods and "munitions" in self.gaz:
            weapons = [(Mention(i, i + 1, "munitions", "WeaponType", "goods"), self.unit_quantity(lo, hi))]
        if not weapons:
            return [Found(t.type, source, target, None, status, None, claimed, context)]
        return [Found(t.type, source, target, m.entity, status, q, claimed, context) for m, q in weapons]

    def state_of_place(self, entity_id: str) -> str:
        """The state a place lies in (a state itself, or a place the vocabulary does not know)."""
        if self.gaz_kind(entity_id) == "Location" and entity_id in self.gaz:
            return self.gaz.state_of(entity_id) or entity_id
        return entity_id

    def is_media(self, entity_id: str) -> bool:
        """News outlets report; they are not parties to transfers, attacks or visits."""
        entry = self.gaz.entries.get(entity_id)
        return bool(entry and entry.kind == "Agency" and entry.props.get("category") == "media")

    def is_forces(self, entity_id: str | None) -> bool:
        entry = self.gaz.entries.get(entity_id) if entity_id else None
        return bool(entry and entry.kind == "Agency" and entry.props.get("category") == "military")

    def state_for_forces(self, entity_id: str | None) -> str | None:
        """'die ukrainischen Streitkräfte' act for Ukraine: armed forces stand for their state."""
        if self.is_forces(entity_id):
            return self.gaz.state_of(entity_id) or entity_id
        return entity_id

    def state_for_body(self, entity_id: str | None) -> str | None:
        """A ministry, government office, intelligence service or army acts for its state in a
        transfer; companies and armed groups are parties of their own."""
        entry = self.gaz.entries.get(entity_id) if entity_id else None
        if entry and entry.kind == "Agency" and entry.props.get("category") in self.state_bodies:
            return self.gaz.state_of(entity_id) or entity_id
        return entity_id

    def says(self, end: int, i: int) -> bool:
        """A verb of saying right after an actor, before the trigger at i ("and Washington says
        Tehran delivered ..."): the actor is a speaker, not a party."""
        r = self.r
        said = next((k for k in range(end, min(end + 2, i)) if r.lemma[k] in r.say or r.lower[k] in r.say), None)
        # (only when the reported clause has a subject of its own: "Sweden said it would send" is Sweden's)
        return said is not None and any(k in r.covered and r.covered[k].kind in ("State", "Agency", "Official")
                                        and not r.covered[k].is_adjective for k in range(said + 1, i))

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
        return any(r.lemma[j] in self.refusal or r.lower[j] in self.refusal for j in range(sent.start, i))

    def passive_travel(self, i: int) -> bool:
        """A verb of travel in the passive ("were flown to", "wurden nach X geflogen"): carried, not travelling."""
        r = self.r
        if r.lower[i].endswith("ing") or r.lower[i] == r.lemma[i]:
            return False
        aux = {"was", "were", "been", "being", "is", "are", "be"} if self.lex.lang == "en" else {
            "wurde", "wurden", "worden", "werden", "wird"}
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

    def approver(self, i: int, clause: tuple[int, int]) -> str | None:
        """The subject of a verb of approval whose object is the transfer noun at i ("the State
        Department has approved the possible sale"): the seller that allows its own export."""
        r = self.r
        # before the noun; in a German verb-final clause after it ("hat den Verkauf ... genehmigt")
        reach = [*range(i - 1, max(clause[0], i - 4) - 1, -1)] + ([*range(i + 1, clause[1])] if self.lex.lang == "de" else [])
        verb = next((j for j in reach
                     if any(t.type == "AUTHORIZES" and not t.noun for t in self.lex.triggers.get(r.lemma[j], ()))), None)
        if verb is None:
            return None
        subjects = [a for a in r.args(clause[0], min(verb, i), set()) if a.prep is None and a.kind in ("State", "Agency")
                    and (not a.mention.is_adjective or a.head == "state")]  # "the Spanish government"
        return subjects[-1].entity if subjects else None

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

    def not_a_party(self, entity_id: str | None) -> bool:
        """Outlets, international bodies, think tanks and NGOs report, host or count transfers;
        they neither send nor receive the goods."""
        entry = self.gaz.entries.get(entity_id) if entity_id else None
        return bool(entry and entry.kind == "Agency" and entry.props.get("category") in self.observers)

    def requested(self, t: Trigger, i: int, lo: int, sent: Span) -> bool:
        """'forderte die Erlaubnis', 'called on Germany to deliver': asked for, not done."""
        r = self.r
        if not (t.noun or (i and r.lower[i - 1] in self.lex.words("infinitive_marker"))
                or (i + 1 < len(r.lower) and r.lower[i + 1] in self.lex.words("infinitive_marker"))):
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

    def acting_side(self, entity_id: str | None) -> str | None:
        """Who an actor acts for: an official for his state (None when unknown), any other actor
        for itself. A denial with no other subject is about the denier's own side; a promise is
        the official's state's."""
        if entity_id and self.gaz_kind(entity_id) == "Official":
            return self.gaz.state_of(entity_id) if entity_id in self.gaz else None
        return entity_id

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

    def coordinated(self, first: str, lo: int, i: int, repeated: frozenset = frozenset()) -> list[str]:
        """'Großbritannien, Frankreich und Deutschland verurteilten': every actor of a listed group
        (with `repeated`, a preposition said again after the conjunction: "mit A und mit B")."""
        r = self.r
        bare = [m for m in r.mentions.in_range(lo, i) if m.kind in ("State", "Agency", "Official", "Location")
                and not m.is_adjective]
        idx = next((n for n, m in enumerate(bare) if m.entity == first), None)
        if idx is None:
            return []
        group = [bare[idx]]
        titles = self.lex.words("titles")
        for direction in (-1, 1):
            n = idx
            while 0 <= n + direction < len(bare):
                a, b = (bare[n + direction], bare[n]) if direction < 0 else (bare[n], bare[n + direction])
                between = [r.lower[k] for k in range(a.end, b.start) if r.lower[k] not in r.determiners
                           and not r.is_role(k) and not r.text[k][:1].isupper()
                           and r.lower[k] not in titles and r.lower[k] not in repeated
                           and not (k in r.covered and r.covered[k].is_adjective)  # "und sein finnischer Amtskollege B"
                           and not (k + 1 < b.start and r.is_role(k + 1) and r.lower[k] not in self.coordinators)]
                # ("and defence minister B")
                if not between or not (all(w in self.coordinators for w in between)
                                       or " ".join(between) in self.coordinator_phrases):
                    break
                group.append(bare[n + direction])
                n += direction
        # a list ends with a conjunction ("A, B und C"); "beschuldigen Nordkorea, Russland ... zu
        # beliefern" is no list: a last link of a comma alone ends the group before it
        group.sort(key=lambda m: m.start)
        while len(group) > 1 and all(r.lower[k] in (",", '"') for k in range(group[-2].end, group[-1].start)
                                     if r.lower[k] not in r.determiners):
            group.pop()
        if all(m.entity != first for m in group):  # the actor itself ended up outside the list
            return []
        return [m.entity for m in group if m.entity != first]

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

    def gaz_kind(self, entity_id: str) -> str:
        return self.gaz[entity_id].kind if entity_id in self.gaz else self.r.mentions.discovered[entity_id].kind

    def roles(self, t: Trigger, i: int, lo: int, hi: int, args: list[Arg], clauses, sent: Span,
              att: Attribution) -> dict[str, str]:
        """Assign the frame's roles to the actors around a trigger."""
        lex, r = self.lex, self.r
        roles: dict[str, str] = {}
        actors = [a for a in args if a.prep != "role"
                  and (not a.mention.is_adjective or a.head in ("personnel", "state", "person"))]
        if t.type == "SUPPLIES":
            from_preps = lex.words("supplier_preps") | ({"in", "bei", "at"} if t.agent == "recipient" else set())
            sup = [a for a in actors if a.prep in from_preps and not a.purpose]
            rec = [a for a in actors if a.prep in (set(t.preps) or lex.words("recipient_preps")) - from_preps
                   and not a.purpose and a.kind != "Location"]
            rec.sort(key=lambda a: (a.prep not in PRIMARY_RECIPIENT, a.pos))
            if sup:
                roles["supplier"] = sup[0].entity
            if rec:
                roles["recipient"] = rec[0].entity
        else:
            if t.type == "MEETS":
                with_ = [a for a in actors if a.prep in lex.words("meet_preps")
                         and (lex.lang == "de" or a.pos > i or t.noun)]  # (English: "met with X", after the verb)
                if with_:
                    roles["target"] = with_[0].entity
            elif t.type in ("VISITS", "DEPLOYS", "ATTACKS"):
                preps = lex.words("target_preps") | (lex.words("location_preps") if t.type == "VISITS" else set())
                if t.type == "DEPLOYS":  # where forces are, not whom they fight ("fought in X against Y")
                    preps = preps - PRIMARY_TARGET
                struck = actors
                if t.type == "ATTACKS":  # "fired at Ukrainian power stations", "hit Russian convoys": the state hit
                    struck = actors + [a for a in args if a.mention.is_adjective and a.pos > i and a.head == "other"
                                       and a.kind == "State" and a.prep in preps]
                tg = [a for a in struck if a.prep in (t.preps or preps) and a.kind in ("State", "Location")
                      and not (a.purpose and t.type != "ATTACKS")]
                tg.sort(key=lambda a: (a.mention.is_adjective,  # a state named by adjective only if nothing else
                                       a.prep not in PRIMARY_TARGET if t.type == "ATTACKS" else 0, a.pos))
                if t.noun and r.lemma[i] in lex.words("genitive_target_nouns"):  # "Russia's invasion of Ukraine"
                    owned = [a for a in actors if i < a.pos <= i + 3 and a.prep in ("of", "des", "der")
                             and a.kind in ("State", "Location")]
                    tg = owned[:1] + [a for a in tg if a not in owned[:1]]
                if tg:
                    roles["target"] = tg[0].entity
                # "Abfeuern von Raketen aus der Ukraine auf Russland": launched from X, before the target
                src = [a for a in actors if a.prep in ("aus", "from") and t.type == "ATTACKS"
                       and tg and a.pos < tg[0].pos and not (t.noun and t.lemma in self.war_nouns)]
                if src:
                    roles["source"] = src[0].entity
            if t.modal:
                von = [a for a in actors if a.prep in AGENT_PREPS]
                if von:
                    roles[t.object] = von[0].entity
        if t.preposition_only and "target" not in roles:
            if t.type == "ATTACKS" and t.noun and t.lemma in self.war_nouns:  # "seit dem russischen Angriffskrieg":
                agent, _ = self.agent_and_objects(t, i, lo, hi, actors, args, clauses, sent, att)  # one side named
                return {"source": agent} if agent else {}
            return roles if t.type not in ("VISITS", "DEPLOYS", "ATTACKS") else {}
        if t.type == "ATTACKS" and "source" not in roles and not any(
                a.pos < i and not a.mention.is_adjective for a in actors):  # "Israeli aircraft struck", "a Russian bomb hit"
            users = [a for a in args if a.mention.is_adjective and a.pos < i and a.entity != roles.get("target")
                     and (a.head in ("weapon", "personnel") or (  # "Israeli aircraft struck": the subject's state
                         a.head == "other" and a.head_index == i - 1 and not self.passive(t, i, lo)))]
            if users:
                roles["source"] = users[-1].entity
        agent, objects = self.agent_and_objects(t, i, lo, hi, actors, args, clauses, sent, att)
        if agent and objects:  # "Großbritannien und Frankreich haben Kiew ... überlassen": both are subjects
            partners = set(self.coordinated(agent, lo, i))
            objects = [o for o in objects if o not in partners]
        agent_role, object_role = t.agent, t.object
        if agent and agent_role not in roles and agent not in roles.values():
            roles[agent_role] = agent
        elif agent and object_role and object_role not in roles and agent not in roles.values():
            roles[object_role] = agent
        allowed = self.schema.relations[t.type]
        allowed = allowed.source if object_role in ("source", "supplier") else allowed.target
        for obj in objects:  # the first object of a kind the relation takes ("met China's ambassador, X")
            if object_role and object_role not in roles and obj not in roles.values() \
                    and self.gaz_kind(obj) in allowed:
                roles[object_role] = obj
        if t.type == "SUPPLIES" and "supplier" not in roles:
            origin = [a for a in args if a.mention.is_adjective and a.head == "weapon"]
            if origin:
                roles["supplier"] = origin[0].entity
        if t.type == "DEPLOYS" and ("source" not in roles or t.preposition_only):
            # (troops that arrive, stay or fight are the subject: "trafen Busse mit belarussischen Soldaten ein")
            troops = [a for a in args if ((a.mention.is_adjective and a.head == "personnel") or self.is_forces(a.entity))
                      and a.prep in (None, "mit", "with", "of", "von")]  # (not "fought alongside Russian forces")
            if troops:
                roles["source"] = troops[0].entity
        if t.type == "MEETS" and t.object and roles.get("source") and "target" not in roles:
            person = self.object_pronoun(lo, hi, sent, roles["source"], dative=t.lemma in self.lex.words("dative_verbs")) \
                or self.apposed_official(hi)
            if person:  # "präsentierte ihm X neue Kampfjets", "met Sweden's ambassador, Y"
                roles["target"] = person
        if t.type in ("CONFIRMS", "DENIES") and roles.get("target") in self.claimants(i, hi, args):
            del roles["target"]  # "wies den Amnesty-Bericht zurück": who made the claim is not its subject
        if t.type in ("CONFIRMS", "DENIES") and not t.noun and roles.get("source"):
            subject = self.complement_subject(i, sent, roles["source"])  # the clause's subject beats an object
            if subject and subject != roles["source"] or subject and t.type == "DENIES":
                roles["target"] = subject
        condemned_transfer = t.type == "ACCUSES" and self.ctx.last_supplier and self.mentions_transfer(lo, hi, sent)
        if t.type in ("CONFIRMS", "DENIES", "ACCUSES") and "target" not in roles and not condemned_transfer:
            roles.update(self.complement_target(i, hi, clauses, sent, roles.get("source"), att))
        return roles

    def agent_and_objects(self, t: Trigger, i, lo, hi, actors, args, clauses, sent, att):
        """The trigger's subject and bare objects, from word order, passives, infinitives, nouns."""
        r, lex = self.r, self.lex
        bare = [a for a in actors if (a.prep is None or (a.prep == "of" and a.pos > i))
                and (a.kind != "Location" or (t.type in ("VISITS", "ATTACKS") and a.pos > i))
                or (a.mention.is_adjective and a.head in ("personnel", "state", "person") and a.prep is None)]
        before = [a.entity for a in bare if a.pos < i]
        after = [a.entity for a in bare if a.pos > i]
        we_words = lex.words("pronouns_we")
        we = any(r.lower[j] in we_words for j in range(lo, hi))
        low, lem = r.lower[i], r.lemma[i]
        zu_infix = lex.lang == "de" and "zu" in low and low.replace("zu", "", 1) == lem  # anzugreifen
        infinitive = zu_infix or (i > lo and r.lower[i - 1] in lex.words("infinitive_marker")) or (
            i + 1 < hi + 1 and i + 1 < len(r.lower) and r.lower[i + 1] in lex.words("infinitive_marker")
            and lex.lang == "de") or (lex.lang == "en" and r.lower[i].endswith("ing") and i > lo
                                      and r.lower[i - 1] in ("of", "for", "by"))
        if t.noun:
            for a in args:  # "die russische Invasion", "North Korea's deliveries"
                if a.mention.is_adjective and a.head == "trigger" and a.head_index == i:
                    return a.entity, []
            nxt = [a for a in args if i < a.pos <= i + 3 and (a.prep is None or a.prep in ("of",))
                   and not (a.prep is None and lex.lang == "en" and t.type in ("VISITS", "MEETS"))]
            # (English: "the trip showed China ...": a bare name after the noun is the next verb's subject)
            if nxt and r.lemma[i] not in lex.words("genitive_target_nouns"):
                if t.type in ("VISITS", "MEETS"):  # "der Besuch des spanischen Präsidenten": the one the text named
                    return self.named_official_of(nxt[0]) or nxt[0].entity, []
                return nxt[0].entity, []
            prev = [a for a in args if a.mention.end == i or (a.mention.end == i - 1 and r.lower[i - 1] in ("'s", "'"))]
            if prev:
                return prev[0].entity, []
            owner = [a for a in args if a.pos < i and i - a.mention.end <= 5 and r.lower[a.mention.end] in ("'s", "'")
                     and all(r.alpha[k] and r.text[k].islower() or r.lower[k] == "-" for k in range(a.mention.end + 1, i))]
            if owner:  # "Russia's full-scale invasion": adjectives between the owner and the noun
                return owner[-1].entity, []
            by = [a for a in args if a.prep in AGENT_PREPS and a.pos > i]
            if by:
                return by[0].entity, []
            if we and att.speaker:
                return att.speaker, []
            possessive = any(r.lower[j] in lex.words("possessives") for j in range(max(lo, i - 3), i))
            if possessive and before:  # "bei seinem Einmarsch": the nearest actor before owns it
                return before[-1], []
            if t.type in ("VISITS", "MEETS"):  # "bei einem Besuch in Laos": the clause's subject, a person
                people = [e for e in before + after if self.gaz_kind(e) == "Official"]
                antecedent = r.covered.get(lo - 2) if lo - 2 >= sent.start and r.lower[lo] in self.relative \
                    and r.lower[lo - 1] == "," else None
                if not people and antecedent is not None and antecedent.kind == "Official" and not antecedent.is_adjective:
                    people = [antecedent.entity]  # "Fidan, welcher mehrere Reisen nach Georgien unternommen hat, sagte"
                if not people:  # "Lawrow kam nach Pjöngjang und führte Gespräche mit Kim": the sentence's subject
                    people = [a.entity for a in r.args(sent.start, lo, set()) if a.prep is None
                              and a.kind == "Official" and not a.mention.is_adjective and a.pos not in att.excluded]
                if not people:  # "spanische Beamte führten Gespräche": unnamed officials of a state
                    people = [a.entity for a in actors if a.pos < i and a.kind == "State" and a.prep is None and (
                        a.mention.is_adjective and a.head == "person" or not a.mention.is_adjective and any(
                            r.is_role(k) for k in range(a.mention.end, min(a.mention.end + 2, i))))]
                    named = [self.named_official_of(a) for a in actors if a.pos < i]
                    if any(named):  # "the Spanish leader's visit": the one official of that state the text has named
                        people = [e for e in named if e][-1:]
                return (people or [None])[0], []
            return None, []
        controller = self.participle_controller(i, sent, clauses) if t.type in ("MEETS", "VISITS", "DEPLOYS") else None
        if controller:  # "X toured ..., appearing alongside Y and being welcomed by Z"
            if self.passive(t, i, lo):
                by = [a.entity for a in actors if a.prep in AGENT_PREPS and a.pos > i]
                return (by[0] if by else None), [controller]
            return controller, after
        if i - 1 > sent.start and r.lower[i - 1] in ("and", "und") and not t.noun and not infinitive:
            # "Antonov, Russia's ambassador, called ... and accused Washington": one subject, two verbs
            first = [a for a in r.args(sent.start, i - 1, set()) if a.prep is None and not a.mention.is_adjective
                     and a.kind in ("State", "Agency", "Official") and a.pos not in att.excluded]
            if first:
                return first[0].entity, after
        if not before and lo > sent.start and r.lower[lo - 1] == "," and not t.noun:
            before = self.subject_before_relative(lo, sent, att)  # "Baerbock, die ... eintraf, warf ... vor"
        clause = r.clause_of(clauses, i)
        conj = next((j for j in range(lo, i) if r.lower[j] in ("und", "and")), None)
        if before and conj is not None and conj + 1 < i and lo > clause[0] and not t.noun and lex.lang == "de" \
                and r.lower[conj + 1] in self.auxiliaries and all(a.pos > conj for a in bare if a.pos < i):
            # "war nach Japan gereist und hatte dort X getroffen": the auxiliary right after "und" has
            # no subject of its own, so the first verb's subject is shared and X is the object
            shared = [a.entity for a in r.args(clause[0], lo, set()) if a.prep is None
                      and not a.mention.is_adjective and a.kind in ("State", "Agency", "Official")]
            if shared:
                return shared[0], before + after
        if not before and lo > clause[0] and not t.noun and any(
                r.lower[j] in ("und", "and") for j in range(lo, i)):  # "reiste nach Israel und traf dort Katz"
            shared = [a.entity for a in r.args(clause[0], lo, set()) if a.prep is None
                      and not a.mention.is_adjective and a.kind in ("State", "Agency", "Official")]
            before = shared[:1]
        relative = r.lower[lo] in self.relative and lo > sent.start and r.lower[lo - 1] == ","
        participle = lex.lang == "en" and r.lower[i].endswith("ing") and i == lo
        if not before and (relative or participle) and not infinitive:  # "Rutte, who arrived in Seoul"
            if participle and att.speaker:
                return att.speaker, after
            cands = [a for a in r.args(sent.start, lo, set()) if a.prep is None and not a.mention.is_adjective
                     and a.kind in ("State", "Agency", "Official")]
            if relative and cands and t.type in ("MEETS", "VISITS", "DEPLOYS") and cands[-1].mention.end < lo - 1:
                return None, after  # "ein Foto, das ihn ... zeigt": the relative pronoun stands for a noun, not the actor
            return (cands[-1].entity if cands else None), after
        if infinitive:  # "beschuldigt X, ... geliefert zu haben": the controller is the last actor before
            # the infinitive clause (the object of "beschuldigen", the subject of "bestreiten"); the
            # actors inside the infinitive clause are its objects
            start = max((k + 1 for k in range(sent.start, i) if r.lower[k] == ","), default=i) \
                if lex.lang == "de" else i  # (German sets the infinitive clause off with a comma)
            cands = [a for a in r.args(sent.start, start, set()) if a.prep is None and not a.mention.is_adjective
                     and a.kind in ("State", "Agency", "Official") and a.pos not in att.excluded]
            inner = [a.entity for a in r.args(start, i, set()) if a.prep is None and not a.mention.is_adjective]
            if not cands and start < i:  # "Sie warf ihnen vor, die RSF ... ausgerüstet zu haben": a pronoun controls
                return self.pronoun_subject(start, sent.start, start, sent, inner + after), inner + after
            if not cands:
                cands = [a for a in r.args(sent.start, i, set()) if a.prep is None and not a.mention.is_adjective
                         and a.kind in ("State", "Agency", "Official") and a.pos not in att.excluded]
                return (cands[-1].entity if cands else None), after
            return cands[-1].entity, inner + after
        # a passive needs a verb that takes an object: "war nach Israel gereist" is a perfect tense
        passive = self.passive(t, i, lo)
        if passive and t.type != "SUPPLIES":
            by = [a.entity for a in actors if a.prep in AGENT_PREPS and a.pos - i <= 6]  # "was shipped ... by X"
            return (by[0] if by else None), before + after
        if passive and t.type == "SUPPLIES" and t.object:
            return None, before + after
        if lex.lang == "de" and len(before) > 1 and r.text[i][:1].islower() and any(
                r.lower[j] in self.auxiliaries for j in range(lo, i)):
            # "hatte das Weiße Haus Nordkorea beschuldigt": the verb ends its clause after an
            # auxiliary, so the subject is the first actor and the ones after it are objects
            return before[0], before[1:] + after
        if we and att.speaker and not before:  # "Wir verurteilen Nordkorea": the speaker of the quote
            return att.speaker, after
        if len(before) > 1 and set(before[1:]) <= set(self.coordinated(before[0], lo, i)):
            return before[0], after  # "Großbritannien, Frankreich und Deutschland verurteilten ..."
        if before and after:
            return before[-1], after
        if before and lex.lang == "en":  # SVO: the subject is the nearest actor before the verb
            return before[-1], before[:-1]
        if before:  # German verb-final clause: the subject comes first
            return before[0], before[1:]
        subject_pronouns = lex.words("pronouns_it") if lex.lang == "en" else lex.words("pronouns_person")
        if after and any(r.lower[j] in subject_pronouns for j in range(max(lo, i - 2), i)):  # "Er warf Putin vor"
            subject = self.pronoun_subject(i, lo, hi, sent, after)  # "there he met X", "the jets it promised Ukraine"
            if subject:
                return subject, after
        if after:
            return after[0], after[1:]
        if we and att.speaker:
            return att.speaker, []
        return self.pronoun_subject(i, lo, hi, sent, after), after

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

    def participle_controller(self, i: int, sent: Span, clauses) -> str | None:
        """The subject of the clause an English participle phrase hangs on: "Z toured ..., appearing
        alongside Y and being welcomed by W" (Z for both participles), or a series of verbs continues
        ("Z arrived in X, met Y"): the first bare actor of the clause before the comma."""
        r = self.r
        if self.lex.lang != "en":
            return None
        k = i - 1 if i - 1 > sent.start and r.lower[i - 1] == "being" else i
        if not r.lower[k].endswith("ing") and k == i and not (r.lower[i] != r.lemma[i] and r.lower[i - 1] == ","):
            return None  # (a finite verb after a comma continues a series: "arrived in X, met Y and ...")
        if k - 1 > sent.start and r.lower[k - 1] in ("and", "or"):  # a second participle: the first one's comma
            k = next((p for p in range(k - 2, sent.start, -1) if r.lower[p].endswith("ing") and r.lower[p - 1] == ","), None)
            if k is None:
                return None
        if k - 1 <= sent.start or r.lower[k - 1] != ",":
            return None
        start = r.clause_of(clauses, k - 2)[0]
        first = next((a for a in r.args(start, k - 1, set()) if a.prep is None and not a.mention.is_adjective), None)
        return first.entity if first is not None and first.kind in ("Official", "State", "Agency") else None

    def defender(self, i: int, sent: Span, aggressor: str) -> str | None:
        """Who defends itself against the war named at i: the last state or group named before a
        verb of defending that precedes it in the sentence ("Die Ukraine, die sich ... gegen die
        russische Invasion wehrt", "Kyiv has fought off Russia's invasion")."""
        r = self.r
        verb = next((j for j in range(i - 1, max(sent.start, i - 8) - 1, -1)
                     if r.lemma[j] in self.defend_verbs or r.lower[j] in self.defend_verbs), None)
        if verb is None:
            verb = next((j for j in range(i + 1, min(sent.end, i + 4)) if r.lemma[j] in self.defend_verbs), None)
        if verb is None:
            return None
        cands = [a for a in r.args(sent.start, min(verb, i), set()) if a.prep is None and not a.mention.is_adjective
                 and a.kind in ("State", "Agency") and a.entity != aggressor]
        if not cands or any(r.lower[j] in self.lex.words("pronouns_it") for j in range(cands[-1].mention.end, verb)):
            return None  # "sent tanks to Ukraine to help it fight off ...": the pronoun's state, not the subject
        return cands[-1].entity

    def passive(self, t: Trigger, i: int, lo: int) -> bool:
        """A passive of a verb that takes an object, with its own auxiliary ("was in Ankara and met
        Fidan" is none; English keeps the auxiliary close; "war nach Israel gereist" is a perfect tense)."""
        r, lex = self.r, self.lex
        if (t.object is None and t.type != "DEPLOYS") or t.preposition_only or t.noun:  # ("troops were sent")
            return False
        after = r.lower[i + 1] if i + 1 < len(r.lower) else ""
        if lex.lang == "de" and after in lex.words("passive_aux") and after not in ("ist", "sind", "war", "waren") and (
                r.lower[i].startswith("ge") or r.lower[i].endswith("t") or after in ("wurde", "wurden", "worden")):
            return True  # verb-final: "..., die Georgien geliefert werden", "übergeben wurden"
        auxiliaries = lex.words("passive_aux")
        aux = max((j for j in range(lo, i) if r.lower[j] in auxiliaries), default=None)
        if aux is not None and t.type == "MEETS" and lex.lang == "de" and r.lower[aux] in ("ist", "sind", "war", "waren"):
            return False  # "war mit X zusammengekommen": a perfect tense with "sein"
        return aux is not None and not any(r.lower[j] in ("und", "and") for j in range(aux, i)) and (
            lex.lang == "de" or i - aux <= 3) and (r.lower[i].startswith("ge") or r.lower[i].endswith(("ed", "t", "en")))

    def pronoun_subject(self, i: int, lo: int, hi: int, sent: Span, after: list[str]) -> str | None:
        """What a pronoun subject stands for: before the verb, or right after it in a German V2
        clause ("Vereinbart habe er"); an actor of the sentence, else for "er"/"he" the official the
        text named last ("where he held talks", "nachdem es ... erhalten hatte")."""
        r, lex = self.r, self.lex
        reach = range(lo, min(hi, i + 3)) if lex.lang == "de" else range(lo, i)
        pronoun = next((r.lower[j] for j in reach if r.lower[j] in lex.words("pronouns_it")), None)
        if not pronoun:
            return None
        person = pronoun in lex.words("pronouns_person")
        kinds = ("Official",) if person else ("State", "Agency")
        cands = [a for a in r.args(sent.start, lo, set()) if a.prep is None and not a.mention.is_adjective
                 and a.kind in kinds]
        if cands:
            return cands[0].entity
        if person and self.ctx.recent_officials and self.ctx.recent_officials[-1] not in after:
            return self.ctx.recent_officials[-1]
        if pronoun == "it" and self.ctx.recent_states and self.ctx.recent_states[-1] not in after:
            return self.ctx.recent_states[-1]  # "it would provide 14 tanks": the state named last
        return None

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

    def claimants(self, i: int, hi: int, args: list[Arg]) -> set[str]:
        """The actors who made the claims a confirmation or denial at i answers: attached to a claim
        noun ("die Vorwürfe von Washington", "the reports by X", "Moskaus Darstellung", "die
        Darstellung Moskaus", "der Amnesty-Bericht", "X's account")."""
        r, out = self.r, set()
        nouns = [j for j in range(max(0, i - 6), hi) if r.lower[j] in self.claim_nouns or r.lemma[j] in self.claim_nouns
                 or (self.lex.lang == "de" and r.text[j][:1].isupper() and any(
                     gaz_mod.fold(r.lemma[j]).endswith(c) for c in self.claim_endings))]
        for j in nouns:
            for a in args:
                after = 0 < a.pos - j <= 4 and (a.prep in ("von", "of", "by", "des", "der") or (
                    a.pos == j + 1 and self.lex.lang == "de"))
                before = 0 < j - a.mention.end <= 1 and (self.lex.lang == "de" or r.lower[a.mention.end] in ("'s", "'"))
                if after or before:
                    out.add(a.entity)
        return out

    def own_side(self, source: str | None) -> str | None:
        """The state an actor speaks for (an official's or agency's state; a state itself)."""
        if not source:
            return None
        if self.gaz_kind(source) == "State":
            return source
        return (self.gaz.state_of(source) if source in self.gaz else None) or source

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
            if j + 1 < end and r.lower[j] in self.lex.words("possessives") and r.lower[j + 1] in self.own_nouns:
                return self.own_side(source)
        if marker is not None:
            for j in range(marker + 1, min(end, marker + 7)):
                if r.lower[j] in self.self_pronouns or (r.lower[j] in self.lex.words("possessives")
                                                        and j + 1 < end and r.lower[j + 1] in self.own_nouns):
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

    def from_context(self, source: str) -> str | None:
        """The state most recently named before this sentence, other than the source's."""
        own = self.gaz.state_of(source) if source in self.gaz else None
        for entity in reversed(self.ctx.recent_states):
            if entity not in (source, own):
                return entity
        return None

    # -- goods, quantities, status -------------------------------------------------
    def weapons(self, lo: int, hi: int) -> list[tuple[Mention, Quantity | None]]:
        """The weapon types of a transfer with their quantities; generic classes give way to the
        specific types that follow them ("Raketen vom Typ KN-23 und KN-24")."""
        r = self.r
        items = [m for m in r.mentions.in_range(lo, hi) if m.kind == "WeaponType"]
        if not items:
            return []
        excluded: set[int] = set()
        words = set(r.lower[lo:hi])  # a phrase whose first word is not here is not either
        for phrase in self.lex.phrases("exclude_after"):
            if phrase and phrase[0] not in words:
                continue
            for j in range(lo, hi):
                if (not phrase or r.lower[j] == phrase[0]) and tuple(r.lower[j:j + len(phrase)]) == phrase:
                    stop = next((k for k in range(j + len(phrase), hi) if r.lower[k] in (",", "und", "and")
                                 or (r.alpha[k] and r.lemma[k] in self.lex.triggers)), hi)
                    excluded.update(m.start for m in items if j < m.start < stop)
        items = [m for m in items if m.start not in excluded]
        # "Bayraktar TB2 drones", "Fath-360-Raketen": the class noun after a named system adds nothing
        items = [m for n, m in enumerate(items) if not (
            n and not self.weapon_class(m.entity) and self.weapon_class(items[n - 1].entity)
            and self._modifiers_only(items[n - 1].end, m.start))]  # "HQ-9 long-range air defence systems"
        units = self.unit_quantities(lo, hi)
        out: list[tuple[Mention, Quantity | None]] = []
        inherited: Quantity | None = None
        for n, m in enumerate(items):
            q = units.get(m.start) or self.quantity_before(m.start, lo)
            cls = self.weapon_class(m.entity)
            later = items[n + 1:n + 4]
            marker_between = any(self._specifics_between(m.end, x.start) for x in later)
            if not cls and later and (marker_between or (later[0].start == m.end and self.weapon_class(later[0].entity))):
                if any(self.weapon_class(x.entity) for x in later):
                    inherited = q or inherited
                    continue
            out.append((m, q or (inherited if cls else None)))
        seen, unique = set(), []
        for m, q in out:
            if m.entity not in seen:
                seen.add(m.entity)
                unique.append((m, q))
        return unique

    def _modifiers_only(self, a: int, b: int) -> bool:
        """At most three words between two weapon mentions, all modifiers ("-", "long-range", "medium")
        rather than a list ("and", ",") or a new noun phrase."""
        r = self.r
        return b - a <= 3 and all(r.lower[k] == "-" or (r.alpha[k] and r.text[k].islower() and r.lower[k] not in self.coordinators)
                                  or ("-" in r.lower[k] and r.text[k][:1].islower()) for k in range(a, b))

    def weapon_class(self, entity_id: str) -> str | None:
        """The generic class of a weapon type (None for a class itself)."""
        entry = self.gaz.entries.get(entity_id) or self.r.mentions.discovered.get(entity_id)
        return entry.cls if entry else None

    def _specifics_between(self, a: int, b: int) -> bool:
        words = tuple(self.r.lower[a:b])
        return any(tuple(p) == words[k:k + len(p)] for p in self.lex.phrases("specifics") for k in range(len(words)))

    def quantity_before(self, start: int, lo: int) -> Quantity | None:
        vocab = self.quantity_words
        j = start
        while j - 1 >= lo and j > start - 4:
            low = self.r.lower[j - 1]
            text = self.texts[j - 1]
            if low in self.coordinators or (j - 1 in self.r.covered and not self.r.covered[j - 1].is_adjective):
                break  # "KN-23 und KN-24": a number inside another name is not a quantity
            if low == '"' or (self.r.alpha[j - 1] and text[:1].islower() and low not in vocab) \
                    or (j - 1 in self.r.covered and self.r.covered[j - 1].is_adjective):
                j -= 1
                continue
            break
        found = qty.find(self.texts, j, self.lex.lang, self.lowered)
        return found.quantity if found and found.start >= lo else None

    def unit_quantities(self, lo: int, hi: int) -> dict[int, Quantity]:
        """'bis zu 1.000 Container mit Munition': the quantity counts containers of munitions."""
        out = {}
        for j in range(lo, hi):
            unit = self.units.get(self.r.lower[j]) or self.units.get(self.r.lemma[j])
            if not unit:
                continue
            found = qty.find(self.texts, j, self.lex.lang, self.lowered)
            if not found:
                continue
            for m in self.r.mentions.in_range(j + 1, min(hi, j + 7)):
                if m.kind == "WeaponType":
                    out[m.start] = qty.with_unit(found.quantity, unit)
                    break
        return out

    def unit_quantity(self, lo: int, hi: int) -> Quantity | None:
        for j in range(lo, hi):
            unit = self.units.get(self.r.lower[j]) or self.units.get(self.r.lemma[j])
            if unit:
                found = qty.find(self.texts, j, self.lex.lang, self.lowered)
                if found:
                    return qty.with_unit(found.quantity, unit)
        return None

    def personnel_quantity(self, lo: int, hi: int) -> Quantity | None:
        for p in sorted(x for x in self.r.mentions.personnel if lo <= x < hi):
            q = self.quantity_before(p, lo)
            if q:
                return qty.with_unit(q, "soldiers")
        return None

    def elided_goods(self, i: int, lo: int, hi: int) -> Quantity | None:
        """A bare number as the object of a transfer verb ("has promised 30 by 2028", "committed
        six,", "hat 19 zugesagt"): that many of the goods the document spoke of last."""
        r = self.r
        if self.lex.lang == "de":
            found = qty.find(self.texts, i, "de", self.lowered) if i > lo else None
            ok = found is not None and found.end == i
        else:
            j = i + 1
            while j < hi and r.lower[j] in r.determiners | {"another", "further", "more"}:
                j += 1
            found = qty.find(self.texts, j + 1, "en", self.lowered) if j < hi else None
            nxt = found.end if found else hi
            ok = found is not None and found.start >= i + 1 and (
                nxt >= hi or not r.alpha[nxt] or r.lower[nxt] in r.all_preps)
        if not ok or found.quantity.value is None or 1900 <= (found.quantity.value or 0) <= 2100:
            return None  # (a year is no quantity)
        return found.quantity

    def is_planned(self, lo: int, hi: int) -> bool:
        for j in range(lo, hi):
            if self.r.lower[j] in self.planned or (self.r.lemma[j] in self.planned and self.r.lemma[j] != "werden"):
                return True
        return False
