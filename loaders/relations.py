"""Relations of one sentence by rule: triggers, their argument frames, negation, weapons, quantities, status."""
from __future__ import annotations

import itertools
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
UMBRELLA = "munitions"  # the catalogue's class for weapons and military goods of any kind
ROUNDS = {"munitions", "air-defence-interceptor"}  # what a surface-to-air battery launches, by its generic names
AIR_DEFENCE = {"air-defence-system", "surface-to-air-missile"}


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


def headline_goods(found: list, headline_end: int, gaz: gaz_mod.Gazetteer, discovered: dict) -> list:
    """A headline names goods loosely ("Belarus schickt Panzer nach Russland", "Iran delivered
    ballistic missiles to Russia"), the article precisely: a class in a headline's transfer is the
    one system of that class the article reports for the same supplier (or its firms) and recipient. Items are
    (Found, evidence) pairs; a headline transfer is one whose evidence ends by headline_end."""
    def cls(entity_id):
        entry = gaz.entries.get(entity_id) or discovered.get(entity_id)
        return entry.cls if entry else None

    def side(entity_id):  # a state's firms report for it ("Hyundai Rotem" for South Korea)
        return gaz.state_of(entity_id) or entity_id if entity_id in gaz.entries else entity_id

    named: dict[tuple, set[str]] = {}
    for f, _ in found:
        if f.type == "SUPPLIES" and f.weapon and cls(f.weapon):
            named.setdefault((side(f.source), f.target, cls(f.weapon)), set()).add(f.weapon)
    for f, ev in found:
        if f.type == "SUPPLIES" and f.weapon and ev.end <= headline_end and not cls(f.weapon):
            systems = named.get((side(f.source), f.target, f.weapon), set())
            if len(systems) == 1:
                f.weapon = next(iter(systems))
    return found


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


def _by_first_word(phrases) -> dict[str, tuple[tuple[str, ...], ...]]:
    out: dict[str, list] = {}
    for p in phrases:
        if p:
            out.setdefault(p[0], []).append(tuple(p))
    return {k: tuple(v) for k, v in out.items()}


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


class RelationReader:
    """Applies the trigger frames of one language to the sentences of one document."""

    def __init__(self, reader: SentenceReader, lex: Lexicon, gaz: gaz_mod.Gazetteer, ctx: DocumentContext):
        self.r, self.lex, self.gaz, self.ctx = reader, lex, gaz, ctx
        self.sentence_found: list[Found] = []
        self._args: dict[tuple[int, int], list] = {}
        self.schema = schema_mod.load()
        self.doc = reader.doc
        self.texts = reader.text
        self.lowered = reader.lower  # what quantities.find compares (a blank pipeline's LOWER is str.lower)
        self._compound_triggers = _COMPOUND_TRIGGERS.setdefault(lex.lang, {})
        vars(self).update(_cue_sets(lex.lang))  # the language's cue words, computed once per language
        self._trigger_words = [i for i in self._maybe_triggers() if self.candidates(i)]  # sorted
        self._contain_words = [i for i, (lemma, low) in enumerate(zip(reader.lemma, reader.lower))
                               if lemma in self.contain_verbs or low in self.contain_verbs]  # "beinhaltet", "included"

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
        self._args: dict[tuple[int, int], list] = {}  # the actors of a window, read once per sentence
        self.sentence_found = out  # what this sentence has reported so far ("..., a claim Lima rejects")
        for i, ts in found_triggers:
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
        out.extend(self.package_contents(sent, clauses, att, out))
        out.extend(self.buyer_lists(sent, clauses, att, out))
        self.remember_actors(sent)
        self.ctx.last_subject = self.opening_subject(sent, clauses)
        return out

    def remember_actors(self, sent: Span) -> None:
        """What later sentences refer back to: the states, weapons and officials this one names."""
        mentions = self.r.mentions.in_range(sent.start, sent.end)
        self.ctx.recent_states.extend(m.entity for m in mentions if m.kind == "State" and not m.is_adjective)
        self.ctx.named_weapons.update(m.entity for m in mentions
                                      if m.kind == "WeaponType" and self.weapon_class(m.entity))
        self.ctx.recent_officials.extend(m.entity for m in mentions if m.kind == "Official" and not m.is_adjective)

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

    def no_goods(self, i: int, hi: int) -> bool:
        """'liefert an Russland keine Drohnen mehr', 'sent Russia no drones': a negative determiner
        before the goods anywhere after the verb in its clause."""
        r = self.r
        return any(r.lower[j] in self.negative_determiners and any(
            k in r.covered and r.covered[k].kind == "WeaponType" or r.lower[k] in self.goods
            for k in range(j + 1, min(hi, j + 4))) for j in range(i + 1, hi))

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
        window_args = self._args.get((lo, hi))
        if window_args is None:  # several frames of one trigger share their window's actors
            window_args = self._args[(lo, hi)] = r.args(lo, hi, positions)
        args = [a for a in window_args if (in_say_clause or a.pos not in att.excluded)
                and a.attributive in (-1, i)
                and not (self.is_media(a.entity) and t.type not in ("ACCUSES", "CONFIRMS", "DENIES"))
                and not (a.pos < i and self.says(a.mention.end, i)) and not (a.pos < i and self.told(a.mention))]
        weapons = self.weapons(self.second_predicate(lo, i, hi) if t.type == "SUPPLIES" else lo, hi, t.goods_after)
        if t.type == "SUPPLIES" and not weapons:
            # "Gewehre vom Typ X, die Peru an Chile verkaufte", "the rifles Lima has bought"
            weapons = self.antecedent_goods(lo, sent)
        if t.type == "SUPPLIES":
            weapons = weapons + self.trailing_goods(hi, sent, {m.entity for m, _ in weapons})
            weapons = self.umbrella_named_again(weapons, lo, sent)
        has_goods = bool(weapons) or any(r.lower[j] in self.goods or r.lemma[j] in self.goods for j in range(lo, hi))
        troops_named = any(lo <= p < hi for p in r.mentions.personnel) or (  # "others were posted to X"
            any(sent.start <= p < lo for p in r.mentions.personnel)
            and any(r.lower[j] in self.personnel_anaphors for j in range(lo, hi)))
        has_personnel = troops_named or any(
            a.head == "personnel" or self.is_forces(a.entity) for a in args)
        topic = self.ctx.topic_weapon
        if t.type == "SUPPLIES" and not has_goods and topic:
            named_again = self.goods_named_again(lo, hi)  # "die überholten Boote", "the helicopters"
            if named_again is not None:
                weapons, has_goods = [(Mention(named_again, named_again + 1, topic, "WeaponType", "anaphor"),
                                       self.quantity_before(named_again, lo))], True
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
            return []  # "die Gewehre werden von der peruanischen Marine genutzt": weapons used, no troops sent
        if t.type == "SUPPLIES" and has_personnel and not has_goods:
            return []
        if t.type == "SUPPLIES" and i >= 2 and r.lower[i - 1] == "-" and i - 2 in r.covered:
            return []  # "Turkish-supplied TB2s": the maker or supplier of goods named in passing
        if t.type not in ("CONFIRMS", "DENIES", "ACCUSES") and self.in_question(i, sent):
            return []  # "Ob auch Paris Raketen schicken wird, war nicht klar"
        if t.type == "ATTACKS" and self.unrealised(i, lo, sent):
            return []  # "bereite einen Angriff vor", "threatened to strike", "if it launched an offensive"
        if t.type == "DENIES" and not t.noun and self.object_not_a_claim(i, hi):
            return []  # "dismissed the general", "dismissed the foreign rifles as useless"
        if self.requested(t, i, lo, sent) or self.refused(t, i, sent) or self.governs_clause(t, i, hi) \
                or self.permitted(t, i, sent):
            return []
        if t.goods_subject and not self.goods_as_subject(i, lo, args, sent, positions):
            return []
        roles = self.roles(t, i, lo, hi, args, clauses, sent, att)
        src_role, tgt_role = ("supplier", "recipient") if t.type == "SUPPLIES" else ("source", "target")
        fitted = self.equipped_owner(lo, i, hi, args) if t.type == "SUPPLIES" and roles.get("recipient") else None
        if fitted and fitted[0] == roles["recipient"]:  # what the goods are fitted to is no goods
            weapons = [(m, q) for m, q in weapons if m.start > fitted[1]] or weapons
        source, target = self.state_for_forces(roles.get(src_role)), self.state_for_forces(roles.get(tgt_role))
        both = self.both_pair(i, sent) if t.type in ("CONFIRMS", "DENIES", "ACCUSES") else []
        if both:  # "Lima and Quito ..., although both admitted": the pair named before
            source = both[0]
            target = target if target not in both or t.type in ("CONFIRMS", "DENIES") else None
        if t.type == "SUPPLIES":  # "das Pentagon kündigte Militärhilfe an", "Pistorius stellte Panzer in
            # Aussicht": the state sends and receives
            if source and self.gaz_kind(source) == "Official":
                source = self.acting_side(source)  # (an official sends or promises for the state)
            source, target = self.state_for_body(source), self.state_for_body(target)
        if t.needs == "official" and not (source and self.gaz_kind(source) == "Official"):
            return []
        if t.type == "VISITS" and troops_named and source and self.gaz_kind(source) != "Official":
            return []  # "russische Soldaten trafen in Minsk ein": troops arriving are a deployment
        if t.type == "VISITS" and not t.noun and t.preposition_only and self.passive_travel(i):
            return []  # "the helicopters were shipped to Chile": what is carried makes no visit
        if t.type == "VISITS" and t.noun and source and target and self.other_actor_between(i, target, source):
            return []  # "the visit proved Peru could ... in Bolivia": the place belongs to another clause
        if t.type == "VISITS" and not t.noun and self.goods_travel(lo, i):
            return []  # "MiG-29 fighters had arrived in Iran", "the aircraft were flown to Ukraine"
        context = False
        if target is None and source and t.type in ("ACCUSES", "CONFIRMS", "DENIES") and self.ctx.last_supplier \
                and self.mentions_transfer(lo, hi, sent):
            # "verurteilten die Lieferungen": the transfer of this sentence, else the one reported most
            same = [f.source for f in self.sentence_found if f.type == "SUPPLIES" and (f.source != source or t.type == "DENIES")]
            target = same[-1] if same else self.ctx.last_supplier
        if target is None and source and t.type == "ACCUSES":
            target = self.condemned_actor(i, hi, args, source)  # "condemned the American strikes", "the invasion"
        own = target is None and source and t.type == "DENIES"  # "Minsk bestritt, ... geliefert zu haben"
        if own:
            target = self.acting_side(source)
        if target is None and t.type == "AUTHORIZES" and source and any(
                r.lower[j] in self.use_words or r.lemma[j] in self.use_words for j in range(lo, hi)):
            # "approved the use of the missiles": the side the document arms; not "approved the sale"
            target, context = self.from_context(source), True
        # "Poland said jets would be handed over to Kyiv": a speaker announcing a transfer is its supplier
        # (an announcement, not a report of what others have shipped)
        if t.type == "SUPPLIES" and source is None and att.speaker and self.passive(t, i, lo) and weapons \
                and any(self.r.lower[j] in self.lex.words("future_modals") for j in range(lo, i)) \
                and self.own_side(att.speaker) not in (None, target) and not self.not_a_party(att.speaker) \
                and not self.is_media(att.speaker):
            source = self.state_for_body(self.own_side(att.speaker))
        if t.continues and self.ctx.pairs:  # "X's S-300 and Y's HQ-9 would follow": each owner sends its own
            owned = self.possessed_goods(weapons)
            if owned and len(owned) == len(weapons) and all(m.start < i for m, _ in weapons):
                status = "planned" if self.is_planned(lo, hi) else "delivered"
                return [Found("SUPPLIES", owner, rec, m.entity, status, q, att.speaker, True)
                        for owner, m, q in owned if (rec := self.ctx.recipient_of(owner)) not in (None, owner)]
        if t.continues:  # "Im Mai folgten 20 Haubitzen": the goods of the document's usual parties, or none
            if source or target or not self.ctx.last_supplier or not self.ctx.usual_recipient \
                    or self.lex.lang == "en" and not any(m.start < i for m, _ in weapons) \
                    or any(lo <= p < hi and p != i for p in positions) or any(  # ("folgten Aufträge über 180
                        r.lower[j] in self.deal_nouns or r.lemma[j] in self.deal_nouns for j in range(lo, hi)):  # Panzer")
                return []
            source, target, context = self.ctx.last_supplier, self.ctx.usual_recipient, True
        if t.type == "SUPPLIES" and not t.noun and self.own_country(lo, i):  # "räumte ein, sein Land habe X
            # Drohnen geschickt": the speaker's state sends, the actor read as subject is the object
            speaker = att.speaker or next((f.source for f in reversed(self.sentence_found)
                                           if f.type in ("CONFIRMS", "DENIES")), None)
            side = self.state_for_body(self.own_side(speaker)) if speaker else None
            if side:
                target = source if source not in (None, side) and target is None else target
                source = side
        if t.type == "SUPPLIES" and source and target is None:
            target = self.own_side(self.thanker(sent, i))  # "thanked X, which passed on the boats"
        if t.type == "SUPPLIES" and source and target is None and t.status == "planned" and att.speaker \
                and self.gaz_kind(att.speaker) in ("Official", "Agency") and not self.is_media(att.speaker):
            side = self.own_side(att.speaker)  # "the minister said the US had offered 12 helicopters": to his state
            target = side if side != source and side in self.gaz and self.gaz_kind(side) == "State" else None
        if t.type == "SUPPLIES" and (source is None) != (target is None) and weapons and not t.noun \
                and not self.non_finite(i) and not t.preps:
            # "Britain has promised 14 tanks": the other side is the document's usual one so far
            other = self.ctx.recipient_of(source) if target is None else self.ctx.supplier_of(target)
            if other not in (None, source, target):
                source, target, context = source or other, target or other, True
        if t.type == "SUPPLIES" and t.noun and source is None:
            source = self.state_for_body(self.approver(i, clause))  # "X approved the sale of NASAMS to Taiwan"
        if t.type == "DEPLOYS" and source and source == att.speaker and self.gaz_kind(source) == "Agency" \
                and not self.not_a_party(source) and self.state_for_body(source) != source and not self.is_forces(source):
            source = None  # "the bureau said the images revealed the marines massing in X": who reports troops does not send them
        if t.type == "DEPLOYS" and source is None and target and self.ctx.deployers and not t.noun:
            source, context = self.ctx.usual_deployer, True  # "others were posted to X"
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
        # "A and B, which sent"; a list of subjects may run over a clause cut ("after A, B and C moved troops")
        antecedent = not any(m.entity == source for m in self.r.mentions.in_range(lo, i)) \
            and any(self.r.lower[k] in self.relative for k in (lo - 1, lo) if k >= sent.start)
        listed = t.type in ("DEPLOYS", "VISITS", "MEETS") and not t.noun and any(
            m.entity == source and not m.is_adjective for m in self.r.mentions.in_range(lo, i))
        sources = both or [source] + [x for x in self.coordinated(  # "die Vorwürfe von A und B"
            source, sent.start if antecedent or listed else lo, hi if t.noun else i)
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
            self.ctx.last_transfer = (out[0].source, out[0].target)
            self.ctx.last_goods[out[0].source] = [f.weapon for f in out if f.weapon and f.source == out[0].source]
            for f in out:
                if f.weapon and self.weapon_class(f.weapon):
                    self.ctx.supplied.setdefault((f.source, f.target), []).append(f.weapon)
            self.ctx.pairs[(out[0].source, out[0].target)] += 1
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
        own = [(m, q) for m, q in weapons if not self.anothers_goods(m, source, target)]
        weapons = own or weapons  # "bought from Moscow to intercept Pakistani drones": not Russia's drones
        weapons = [(self.suppliers_own(m, source, target), q) for m, q in weapons]
        weapons = [(self.narrower_own(m, q, source, target), q) for m, q in weapons]
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
        words = [j for j in range(sent.start, i) if r.lemma[j] in self.refusal or r.lower[j] in self.refusal
                 or f"{r.lower[j]} {r.lower[j + 1]}" in self.refusal]
        if not words:  # (most triggers: no clause boundaries to look for)
            return False
        # not across a clause with its own subject: "preventing Chile from firing the rifles Lima has bought",
        # nor across a semicolon ("stopped two boats; the arms were bound for X")
        return not any(r.lower[k] == ";" or k in r.covered and r.covered[k].start == k and r._new_subject(k, i + 1)
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
        marker = self.lex.words("infinitive_marker")
        if i >= 3 and r.lower[i - 1] in self.coordinators and r.lower[i - 3] in marker:
            i -= 2  # "an invitation to explain or retract": the infinitive is coordinated
        if not (t.noun or (i and r.lower[i - 1] in self.lex.words("infinitive_marker"))
                or (i + 1 < len(r.lower) and r.lower[i + 1] in self.lex.words("infinitive_marker")
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
                if not self.joined(a.end, b.start, titles, repeated):
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

    def joined(self, start: int, end: int, titles, repeated) -> bool:
        """Only a conjunction joins two actors (besides determiners, roles, names, titles and
        adjectives: "und sein finnischer Amtskollege B", "and defence minister B")."""
        r, words = self.r, []
        for k in range(start, end):
            w = r.lower[k]
            if w not in self.coordinators and w not in self.coordinator_words and (
                    w in r.determiners or r.text[k][:1].isupper() or w in titles or w in repeated
                    or k in r.covered and r.covered[k].is_adjective or r.is_role(k)
                    or k + 1 < end and r.is_role(k + 1)):
                continue  # (a word the list may hold)
            if w not in self.coordinators and w not in self.coordinator_words:
                return False  # (any other word: no list)
            words.append(w)
        return bool(words) and (all(w in self.coordinators for w in words) or " ".join(words) in self.coordinator_phrases)

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
            from_preps, to_preps = self.transfer_preps(t)
            sup = [a for a in actors if a.prep in from_preps and not a.purpose  # not "from Bundeswehr stocks"
                   and not (a.mention.end < hi and r.lower[a.mention.end] in self.stock_nouns)]
            rec = [a for a in actors if a.prep in to_preps and not a.purpose and a.kind != "Location"]
            rec.sort(key=lambda a: (a.prep not in PRIMARY_RECIPIENT, a.pos))
            if sup:
                roles["supplier"] = sup[0].entity
            if rec:
                roles["recipient"] = rec[0].entity
            elif t.preps:  # goods on their way to a city ("nach Lwiw unterwegs"): to the state it lies in
                place = [a for a in actors if a.prep in to_preps and a.kind == "Location" and not a.purpose]
                if place and self.gaz_kind(self.state_of_place(place[0].entity)) == "State":
                    roles["recipient"] = self.state_of_place(place[0].entity)
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
                if not tg and t.type == "ATTACKS":  # "greifen im Donbass an", "Angriffe im Gazastreifen"
                    tg = [a for a in struck if a.prep in ("in", "im") and a.kind in ("State", "Location")
                          and not a.mention.is_adjective and (not t.noun or 0 < a.pos - i <= 3)]
                if tg:
                    roles["target"] = tg[0].entity
                # "Abfeuern von Raketen aus der Ukraine auf Russland": launched from X, before the target
                src = [a for a in actors if a.prep in ("aus", "from") and t.type == "ATTACKS"
                       and tg and i < a.pos < tg[0].pos and not (t.noun and t.lemma in self.war_nouns)]
                if src:
                    roles["source"] = src[0].entity
                if t.type == "ATTACKS" and t.noun and "source" not in roles and i > sent.start \
                        and r.lower[i - 1] in lex.words("possessives"):  # "lets Lima carry on its campaign in Bolivia"
                    owner = [m for m in r.mentions.in_range(sent.start, i) if m.kind == "State"
                             and not m.is_adjective and m.entity != roles.get("target") and m.start not in att.excluded]
                    # the aggressor the document knows, else who this sentence arms, else the state just before
                    named = {m.entity for m in owner}
                    armed = [f.target for f in self.sentence_found if f.type == "SUPPLIES" and f.target in named]
                    near = [m.entity for m in owner if m.start >= lo]
                    choice = self.ctx.usual_attacker if self.ctx.usual_attacker in named else (armed or near or [None])[-1]
                    if choice:
                        roles["source"] = choice
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
        if t.preps and t.object in ("recipient", "target") and roles.get(t.object) and not t.noun \
                and not any(roles[t.object] in (a.entity, self.state_of_place(a.entity)) and a.prep in t.preps for a in args):
            del roles[t.object]  # "approved Ukraine's use of weapons": only "for"/"to" names this recipient;
            # "launched drills around X": only "at", "on", "against" name the target
        if t.type == "SUPPLIES" and "recipient" not in roles and t.object == "recipient" and not t.noun:
            owner = self.equipped_owner(lo, i, hi, args)
            if owner:
                roles["recipient"] = owner[0]
        if t.goods_subject and roles.get("supplier") and "recipient" not in roles and any(
                a.entity == roles["supplier"] and a.pos > i and a.prep is None for a in actors):
            roles["recipient"] = roles.pop("supplier")  # "Serbian shells reached Ukraine": the object receives
        if t.type == "SUPPLIES" and t.noun and t.agent == "recipient" and "supplier" not in roles:
            named = self.copula_subject(i, lo, actors, roles.get("recipient"))  # "X is Y's main supplier"
            if named:
                roles["supplier"] = named
        if t.type == "SUPPLIES" and "recipient" not in roles and roles.get("supplier"):
            partner = self.partner_of(i, hi, sent, roles["supplier"])
            if partner:
                roles["recipient"] = partner
        if t.type == "SUPPLIES" and "supplier" not in roles:
            maker = self.made_in(args, roles.get("recipient"))
            if maker:
                roles["supplier"] = maker
        if t.type == "SUPPLIES" and "supplier" not in roles:
            origin = [a for a in args if a.mention.is_adjective and (a.head == "weapon" or (  # "aus belarussischen Depots"
                a.head == "other" and a.prep in from_preps and r.lower[a.head_index] in self.stock_nouns))]
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
        if t.type in ("ACCUSES", "MEETS") and "target" not in roles and i + 1 < hi \
                and r.lower[i + 1] in self.object_pronouns:  # "accusing him of", "warf ihm vor", "met her"
            roles.update(self.person_pronoun(i, sent, roles.get("source")))
        condemned_transfer = t.type == "ACCUSES" and self.ctx.last_supplier and self.mentions_transfer(lo, hi, sent)
        if t.type in ("CONFIRMS", "DENIES", "ACCUSES") and "target" not in roles and not condemned_transfer:
            roles.update(self.complement_target(i, hi, clauses, sent, roles.get("source"), att))
        return roles

    def told(self, m: Mention) -> bool:
        """The one told ('told the council', 'unterrichtete den Rat'): the object of a verb of telling."""
        r, j = self.r, m.start - 1
        while j >= 0 and r.lower[j] in self.determiners:
            j -= 1
        return j >= 0 and (r.lemma[j] in self.tell_verbs or r.lower[j] in self.tell_verbs)

    def copula_subject(self, i: int, lo: int, actors: list[Arg], other: str | None) -> str | None:
        """'Spain has long been Morocco's main supplier': the bare actor before a copula that the
        trigger noun follows."""
        r = self.r
        cop = next((j for j in range(i - 1, lo - 1, -1) if r.lower[j] in self.copulas), None)
        if cop is None:
            return None
        subject = [a for a in actors if a.pos < cop and a.prep is None and a.entity != other]
        return subject[-1].entity if subject else None

    def possessed_goods(self, weapons: list) -> list[tuple[str, Mention, Quantity | None]]:
        """Goods each named with its owner state ("Spain's Meteors and France's Caesars", "Frankreichs
        Rafale"): (owner, goods, quantity) for each that has one."""
        r, out = self.r, []
        for m, q in weapons:
            owner = r.covered.get(m.start - 2) if m.start >= 2 and r.lower[m.start - 1] in ("'s", "'") else \
                r.covered.get(m.start - 1)
            if owner is not None and owner.kind == "State" and not owner.is_adjective and (
                    owner.end == m.start - 1 or self.lex.lang == "de" and r.lower[owner.end - 1].endswith("s")):
                out.append((owner.entity, m, q))
        return out

    def partner_of(self, i: int, hi: int, sent: Span, supplier: str) -> str | None:
        """'sent howitzers to its ally', 'an seinen Verbündeten': the state the document has the
        supplier arm most, else the state named last before the phrase, other than the supplier."""
        r = self.r
        at = next((j for j in range(i + 1, hi) for p in self.partner_phrases.get(r.lower[j], ())
                   if tuple(r.lower[j:j + len(p)]) == p), None)
        if at is None:
            return None
        side = self.state_for_body(self.acting_side(supplier))
        armed = self.ctx.armed_by(side or supplier)
        if armed:
            return armed
        named = [m.entity for m in r.mentions.in_range(sent.start, at) if m.kind == "State" and not m.is_adjective]
        return next((e for e in reversed(self.ctx.recent_states + named) if e not in (supplier, side)), None)

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

    def made_in(self, args: list[Arg], recipient: str | None) -> str | None:
        """'made in Iran', 'in Iran hergestellt': the state where goods were made."""
        r, preps, words = self.r, self.made_in_preps, self.made_in_words
        for a in args:
            m = a.mention
            if a.kind == "State" and not m.is_adjective and a.prep in preps and a.entity != recipient and (
                    r.lower[m.start - 2] in words if self.lex.lang == "en" else m.end < len(r.lower) and r.lower[m.end] in words):
                return a.entity
        return None

    def equipped_owner(self, lo: int, i: int, hi: int, args: list[Arg]) -> tuple[str, int] | None:
        """'arm the Polish jets with X', 'die polnischen Kampfjets mit X ausrüsten': the state whose
        weapons or forces, named as the object, the goods are fitted to; with the position of 'with'."""
        r = self.r
        for a in args:
            m = a.mention
            if not (m.is_adjective and a.kind == "State" and lo < m.start and (
                    r.lower[m.start - 1] in self.determiners or m.start - 1 == i)):
                continue
            prep = next((j for j in range(m.end + 1, min(hi, m.end + 4)) if r.lower[j] in self.equip_preps), None)
            if prep is not None:
                return a.entity, prep
        return None

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
            # (English: "the visit proved Peru ...": a bare name after the noun is the next verb's subject)
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
        if controller:  # "X visited ..., standing next to Y and being greeted by Z"
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
            # "war nach Chile geflogen und hatte dort X besucht": the auxiliary right after "und" has
            # no subject of its own, so the first verb's subject is shared and X is the object
            shared = [a.entity for a in r.args(clause[0], lo, set()) if a.prep is None
                      and not a.mention.is_adjective and a.kind in ("State", "Agency", "Official")]
            if shared:
                return shared[0], before + after
        if not before and lo > clause[0] and not t.noun and any(
                r.lower[j] in ("und", "and") for j in range(lo, i)) and not any(  # "reiste nach Israel und traf dort Katz"
                r.lower[j] in lex.words("pronouns_it") for j in range(lo, i)):  # ("..., and it had earlier sold": its own)
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
                return None, after  # "ein Video, das sie ... zeigt": the relative pronoun stands for a noun, not the actor
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
        """The subject of the clause an English participle phrase hangs on: "Z visited ..., standing
        next to Y and being greeted by W" (Z for both participles), or a series of verbs continues
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
        if person and self.ctx.recent_officials and self.ctx.recent_officials[-1] not in after:
            return self.ctx.recent_officials[-1]
        if pronoun == "it" and self.ctx.last_subject and self.ctx.last_subject not in after:
            return self.ctx.last_subject  # "X backs Y against Z. It sent tanks": the last sentence's subject
        if pronoun == "it" and self.ctx.recent_states and self.ctx.recent_states[-1] not in after:
            return self.ctx.recent_states[-1]  # "it would provide 14 tanks": the state named last
        return None

    def opening_subject(self, sent: Span, clauses) -> str | None:
        """The state or body a sentence opens with, as the bare subject of its first clause ("Spain
        has long backed Rabat ..."): what a pronoun opening the next sentence stands for."""
        r = self.r
        first = r.clause_of(clauses, sent.start)
        m = next((m for m in r.mentions.in_range(*first) if m.kind in ("State", "Agency")), None)
        if m is None or m.is_adjective or self.is_media(m.entity) or r.prep_before(m.start, first[0], m.kind):
            return None
        return m.entity

    def own_country(self, lo: int, i: int) -> bool:
        """'sein Land', 'his country' before the trigger: the speaker's own state as its subject."""
        return any(self.own_country_at(j) for j in range(lo, i - 1))

    def own_country_at(self, j: int) -> bool:
        """'sein Land', 'his country', 'its government' starts at j."""
        r = self.r
        return j + 1 < len(r.lower) and r.lower[j] in self.lex.words("possessives") and r.lower[j + 1] in self.own_nouns

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
            if m is not None and m.start == j and not m.is_adjective:
                nxt = m.end if m.end < hi else None  # "the Patriot reports": a modifier of a claim
                return m.kind in ("Official", "WeaponType") and not (
                    nxt is not None and (r.lower[nxt] in self.claim_nouns or r.lemma[nxt] in self.claim_nouns))
        return False

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

    def person_pronoun(self, i: int, sent: Span, source: str | None) -> dict[str, str]:
        """The official a personal pronoun object stands for: named last in the sentence before it,
        else in the text so far, other than the subject."""
        named = [a.entity for a in self.r.args(sent.start, i, set()) if a.kind == "Official"
                 and not a.mention.is_adjective and a.entity != source]
        official = named[-1] if named else next((o for o in reversed(self.ctx.recent_officials) if o != source), None)
        return {"target": official} if official else {}

    def thanker(self, sent: Span, i: int) -> str | None:
        """Who thanks, in a sentence where a verb of thanks stands before the trigger at i."""
        r = self.r
        j = next((j for j in range(sent.start, i) if r.lower[j] in self.thank_verbs or r.lemma[j] in self.thank_verbs), None)
        if j is None:
            return None
        named = [a.entity for a in r.args(sent.start, j, set()) if a.prep is None and a.kind in ("State", "Official", "Agency")
                 and (not a.mention.is_adjective or a.head in ("person", "state"))]  # "der georgische Präsident"
        if self.lex.lang == "de" and not named and j - sent.start <= 1:  # "Dafür dankte Selenskyj den Partnern"
            named = [a.entity for a in r.args(j + 1, min(i, j + 4), set()) if a.prep is None
                     and not a.mention.is_adjective and a.kind in ("State", "Official", "Agency")][:1]
        return named[-1] if named else self.pronoun_subject(j, sent.start, j + 1, sent, [])

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

    def from_context(self, source: str) -> str | None:
        """The state most recently named before this sentence, other than the source's."""
        own = self.gaz.state_of(source) if source in self.gaz else None
        for entity in reversed(self.ctx.recent_states):
            if entity not in (source, own):
                return entity
        return None

    # -- goods, quantities, status -------------------------------------------------
    def weapons(self, lo: int, hi: int, keep: tuple[str, ...] = ()) -> list[tuple[Mention, Quantity | None]]:
        """The weapon types of a transfer with their quantities; generic classes give way to the
        specific types that follow them ("Raketen vom Typ KN-23 und KN-24")."""
        r = self.r
        items = [m for m in r.mentions.in_range(lo, hi) if m.kind == "WeaponType"]
        if not items:
            return []
        rounds_of = self.rounds_for_systems(items)
        excluded: set[int] = set()
        words = set(r.lower[lo:hi])  # a phrase whose first word is not here is not either
        for phrase in self.lex.phrases("exclude_after"):
            if phrase and phrase[0] not in words or len(phrase) == 1 and phrase[0] in keep:
                continue
            for j in range(lo, hi):
                if (not phrase or r.lower[j] == phrase[0]) and tuple(r.lower[j:j + len(phrase)]) == phrase:
                    # a bare preposition ("for", "gegen") governs its own noun phrase only ("paid for
                    # rifles"), up to an actor ("begged for support in preventing Chile from firing the rifles")
                    bare = len(phrase) == 1
                    stop = next((k for k in range(j + len(phrase), hi) if r.lower[k] in (",", "und", "and")
                                 or (r.alpha[k] and r.lemma[k] in self.lex.triggers)
                                 or (bare and k in r.covered and r.covered[k].kind in ("State", "Agency", "Official")
                                     and not r.covered[k].is_adjective)), hi)
                    excluded.update(m.start for m in items if j < m.start < stop)
        for j in range(lo, hi - 1):  # "sold rifles to strengthen the border guard": a purpose, not goods
            if r.lower[j] in self.purpose_to and r.alpha[j + 1] and r.text[j + 1][:1].islower() \
                    and j + 1 not in r.covered and r.lower[j + 1] not in r.determiners \
                    and r.lower[j + 1] not in self.lex.words("possessives") and r.lower[j + 1] not in self.quantity_words \
                    and r.lemma[j + 1] not in self.lex.triggers and r.lower[j + 1] not in self.lex.triggers:
                stop = next((k for k in range(j + 2, hi) if r.lower[k] in (",", ";")
                             or (r.alpha[k] and r.lemma[k] in self.lex.triggers)), hi)
                excluded.update(m.start for m in items if j < m.start < stop)
        items = [self.as_reported(rounds_of.get(m.start, m)) for m in items
                 if m.start not in excluded and not self.modifies_personnel(m)]
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
            if not cls and n and self.other_of_a_list(m, items[n - 1]):
                continue  # "rifles, mortars and other arms": the list's remainder, no goods of its own
            # the specific types a generic class introduces: the named systems that follow it before
            # another generic class does ("Raketen vom Typ KN-23 und KN-24"; not "Kampfhubschrauber,
            # Radare und Flugzeuge des Typs Jak-130"), or any goods after an umbrella word
            # ("Militärausrüstung, einschließlich Kampfhubschrauber")
            named = list(itertools.takewhile(lambda x: self.weapon_class(x.entity), later))
            marker_between = any(self._specifics_between(m.end, x.start) for x in named)
            if not cls and named and (marker_between or named[0].start == m.end):
                inherited = q or inherited
                continue
            if not cls and m.entity == UMBRELLA and later and self._specifics_between(m.end, later[0].start):
                continue
            out.append((m, q or (inherited if cls else None)))
        seen, unique = set(), []
        for m, q in out:
            if m.entity not in seen:
                seen.add(m.entity)
                unique.append((m, q))
        return unique

    def trailing_goods(self, hi: int, sent: Span, have: set[str]) -> list[tuple[Mention, Quantity | None]]:
        """'die Systeme, welche Kiew bekommen hat, inklusive der M270 und Harpoon', 'the weapons it
        received, including Patriot and NASAMS': a list of goods introduced after the trigger's clause
        ends is its goods."""
        r = self.r
        k = hi + (hi < sent.end and r.lower[hi] == ",")
        marker = next((p for p in self.lex.phrases("specifics") if tuple(r.lower[k:k + len(p)]) == p), None)
        if hi >= sent.end or not marker or r.lower[k] in ("wie", "like", "type", "typ"):
            return []
        start = k + len(marker)
        end = start
        while end < sent.end and r.lower[end] not in (";", ":", "(") and not (
                r.lower[end] == "," and not r.mentions.in_range(end + 1, min(sent.end, end + 4))) and not (
                r.alpha[end] and r.lemma[end] in self.lex.triggers and end not in r.covered):
            end += 1
        return [(m, q) for m, q in self.weapons(start, end) if m.entity not in have]

    def narrower_own(self, m: Mention, q: Quantity | None, source: str, target: str) -> Mention:
        """'has since sent hundreds of the missiles' after 'began shipping Storm Shadow to Ukraine',
        'sechs weitere Geschütze' after Caesar howitzers for the same recipient: a broader class noun,
        counted or definite, is the system of a narrower class the same supplier sent the same recipient."""
        narrower = (self.lex.cues.get("narrower_classes") or {}).get(m.entity)
        if not narrower or self.weapon_class(m.entity) or not (q or self.definite(m)):
            return m
        own = [w for w in self.ctx.supplied.get((source, target), ()) if self.weapon_class(w) in narrower]
        return Mention(m.start, m.end, own[-1], m.kind, "anaphor") if own else m

    def definite(self, m: Mention) -> bool:
        """'the missiles', 'diese Jets', 'its new fighters': a determiner or possessive before the noun
        (over at most two modifiers) refers back."""
        r, j = self.r, m.start - 1
        while j >= 0 and m.start - j <= 3:
            if r.lower[j] in r.determiners or r.lower[j] in self.lex.words("possessives"):
                return True
            if not (r.alpha[j] and r.text[j][:1].islower()):
                return False
            j -= 1
        return False

    def suppliers_own(self, m: Mention, source: str, target: str) -> Mention:
        """Goods taken from the document's topic are the system of that class the same supplier was
        last reported to send the same recipient ('the tanks would be bought' after 'the US will send
        Ukraine Abrams' and 'Berlin will ship Leopards': the Abrams)."""
        if m.role not in ("anaphor", "elided"):
            return m
        cls = self.weapon_class(m.entity)
        own = [w for w in self.ctx.supplied.get((source, target), ()) if self.weapon_class(w) == cls]
        return Mention(m.start, m.end, own[-1], m.kind, m.role) if own and own[-1] != m.entity else m

    def package_contents(self, sent: Span, clauses, att: Attribution, found: list[Found]) -> list[Found]:
        """'Das Paket beinhaltet X und Y', 'a package that included X': the goods of an aid package
        are planned transfers of the package's parties: the actor that unveiled it in the sentence,
        to the document's usual recipient, or else the parties of the last transfer read."""
        r = self.r
        for k in nlp_mod.positions_in(self._contain_words, sent.start + 1, sent.end):
            p = next((p for p in range(k - 1, max(sent.start, k - 4) - 1, -1)
                      if any(r.lower[p].endswith(w) for w in self.package_nouns)), None)
            if p is None:
                continue
            goods = [(m, q) for m, q in self.weapons(k + 1, r.clause_of(clauses, k)[1])
                     if not any(f.type == "SUPPLIES" and f.weapon == m.entity for f in found)]
            actors = [m for m in r.mentions.in_range(sent.start, p) if m.kind in ("State", "Agency")
                      and not m.is_adjective and not self.is_media(m.entity)]
            if actors:
                source = self.state_for_body(self.state_for_forces(actors[-1].entity))
                target = self.ctx.usual_recipient
            else:
                source, target = self.ctx.last_transfer or (None, None)
            if not goods or not source or not target or source == target:
                return []
            self.ctx.last_transfer = (source, target)
            return [Found("SUPPLIES", source, target, m.entity, "planned", q, att.speaker, True) for m, q in goods]
        return []

    def buyer_lists(self, sent: Span, clauses, att: Attribution, found: list[Found]) -> list[Found]:
        """'buyers including Peru and Chile', 'lists Peru among its customers', 'zu den Abnehmern
        zählen Peru und Chile': each state named as a buyer received the goods of the clause (else the
        document's goods) from the seller the sentence or the document names."""
        r, out = self.r, []
        for k in range(sent.start, sent.end):
            if r.lower[k] not in self.buyer_nouns or self.buyers_of_other_goods(k, sent.end):
                continue
            clause = r.clause_of(clauses, k)
            buyers = self.listed_buyers(k, clause)
            seller = self.seller(k, clause, sent, found, buyers)
            buyers = [b for b in buyers if b != seller]
            if not seller or not buyers:
                continue
            context = seller == self.ctx.last_supplier and not any(f.source == seller for f in found)
            out += [Found("SUPPLIES", seller, b, weapon, "delivered", None, att.speaker, context)
                    for b in buyers for weapon in self.buyers_goods(k, clause, seller, found)]
        return out

    def buyers_goods(self, k: int, clause: tuple[int, int], seller: str, found: list[Found]) -> list[str]:
        """What the buyers bought: the goods the sentence has the seller send, else those the clause
        names, else those of the seller's last transfer, else military goods of any kind."""
        sent_goods = [f.weapon for f in found if f.type == "SUPPLIES" and f.source == seller and f.weapon]
        named = [m.entity for m, _ in self.weapons(*clause)] or [
            m.entity for m in self.r.mentions.in_range(*clause) if m.kind == "WeaponType"]
        return list(dict.fromkeys(sent_goods)) or named or self.ctx.last_goods.get(seller) or [UMBRELLA]

    def buyers_of_other_goods(self, k: int, end: int) -> bool:
        """'buyers of Russian oil': a buyer noun whose goods are named and are no weapons."""
        r = self.r
        if k + 1 >= end or r.lower[k + 1] not in ("of", "von"):
            return False
        return not self.weapons(k + 1, min(end, k + 5)) and not any(
            r.lower[j] in self.goods or r.lemma[j] in self.goods for j in range(k + 1, min(end, k + 5)))

    def listed_buyers(self, k: int, clause: tuple[int, int]) -> list[str]:
        """The states a buyer noun lists: after 'including', 'wie', 'darunter', or before 'among the'
        ('zu den Abnehmern zählen X': after it, when none stands before)."""
        r = self.r
        states = [m for m in r.mentions.in_range(*clause) if m.kind == "State" and not m.is_adjective]
        for phrase in self.lex.phrases("buyer_openers"):
            if tuple(r.lower[k + 1:k + 1 + len(phrase)]) == phrase:
                return self.state_list([m for m in states if m.start >= k + 1 + len(phrase)], k + 1 + len(phrase))
        verb = next((j for j in range(k + 1, min(clause[1], k + 9)) if r.lemma[j] in self.contain_verbs
                     or r.lower[j] in self.contain_verbs), None)  # "its customers for X include Peru"
        if verb is not None:
            return self.state_list([m for m in states if m.start > verb], verb + 1)
        prep = next((j for j in range(k - 1, max(clause[0], k - 3) - 1, -1) if r.lower[j] in self.member_preps), None)
        if prep is None or any(r.lower[j] not in self.determiners for j in range(prep + 1, k)):
            return []
        before = [m for m in states if m.end <= prep]
        if before:
            return self.state_list(before[::-1], prep, backwards=True)
        after = [m for m in states if k + 1 < m.start <= k + 6]  # ("zählen auch Chile und Bolivien")
        return self.state_list([m for m in states if m.start > k + 1], after[0].start) if after and self.lex.lang == "de" else []

    def state_list(self, mentions: list[Mention], at: int, backwards: bool = False) -> list[str]:
        """The coordinated states starting next to `at` ('Peru, Chile und Bolivien'): only commas,
        coordinators and determiners between them."""
        r, out, edge = self.r, [], at
        joiners = self.coordinators | self.determiners
        for m in mentions:
            gap = range(m.end, edge) if backwards else range(edge, m.start)
            if len(gap) > (3 if out else 2) or any(r.lower[j] not in joiners for j in gap) and (
                    out or not backwards or any(not r.text[j].isalpha() for j in gap)):  # ("Peru is among")
                break
            out.append(m.entity)
            edge = m.start if backwards else m.end
        return out

    def seller(self, k: int, clause: tuple[int, int], sent: Span, found: list[Found], buyers: list[str]) -> str | None:
        """Whose buyers: the possessor of the noun ('Turkey's customers', 'die Abnehmer Serbiens'), the
        supplier this sentence reports, the actor the sentence opens with, else the document's supplier."""
        r = self.r
        near = [m for m in r.mentions.in_range(max(sent.start, k - 3), min(sent.end, k + 3))
                if m.kind in ("State", "Agency", "Official") and not m.is_adjective and m.entity not in buyers
                and (m.end == k - 1 and r.lower[k - 1] == "'s" or m.start == k + 1 or
                     m.start == k + 2 and r.lower[k + 1] in self.definites)]
        actors = [m for m in r.mentions.in_range(sent.start, k) if m.kind in ("State", "Agency", "Official")
                  and not m.is_adjective and not self.is_media(m.entity) and m.entity not in buyers]
        supplied = [f.source for f in found if f.type == "SUPPLIES"]
        entity = near[0].entity if near else supplied[-1] if supplied else actors[0].entity if actors else None
        if entity is None:
            return self.ctx.last_supplier
        return self.state_for_body(self.acting_side(entity))

    def second_predicate(self, lo: int, i: int, hi: int) -> int:
        """Where the goods of a trigger may start: after 'und hat' / 'and has' before it ('verbraucht
        Granaten und hat Drohnen aus Iran bezogen': the shells are not bought), when goods follow."""
        r = self.r
        for k in range(i - 2, lo, -1):
            if r.lower[k] in self.coordinators and r.lower[k + 1] in self.auxiliaries and k + 2 < i:
                after = [m for m in r.mentions.in_range(k + 2, hi) if m.kind == "WeaponType"]
                return k + 2 if after else lo
        return lo

    def rounds_for_systems(self, items: list[Mention]) -> dict[int, Mention]:
        """'interceptors for Ukraine's Patriot systems', 'Munition für IRIS-T': the missiles of an air
        defence system are named by the system (start of the ammunition's mention -> the system)."""
        r, out = self.r, {}
        for m, x in zip(items, items[1:]):
            if m.entity not in ROUNDS or self.weapon_class(x.entity) not in AIR_DEFENCE or x.start - m.end > 4 \
                    or r.lower[m.end] not in self.for_words \
                    or any(r.lower[k] in self.coordinators for k in range(m.end, x.start)):
                continue
            out[m.start] = Mention(m.start, m.end, x.entity, m.kind, m.role)
        return out

    def anothers_goods(self, m: Mention, source: str, target: str) -> bool:
        """A class of weapons named with a third state's adjective ('Pakistani drones and missiles' in
        a sentence on Russia's deliveries to India) is that state's, not goods of this transfer."""
        r = self.r
        if self.weapon_class(m.entity):
            return False
        j = m.start - 1
        while j >= 0 and j not in r.covered and r.alpha[j] and r.text[j][:1].islower() and m.start - j <= 2 \
                and r.lower[j] not in self.coordinators:
            j -= 1  # "Pakistani armed drones"
        if j > 0 and r.lower[j] in self.coordinators:  # "Peruvian rifles and mortars"
            before = r.covered.get(j - 1)
            return bool(before and before.kind == "WeaponType" and self.anothers_goods(before, source, target))
        adj = r.covered.get(j) if j >= 0 else None
        if not adj or not adj.is_adjective or adj.kind != "State":
            return False
        return adj.entity not in (source, target) and self.gaz.state_of(source) != adj.entity \
            and self.gaz.state_of(target) != adj.entity

    def as_reported(self, m: Mention) -> Mention:
        """A class by calibre ('155 mm artillery shell') is reported as its class: a calibre is no
        weapon type of its own (the guidelines' label for '500 155 mm rounds' is 'artillery shell';
        a system named after its calibre, '240 mm multiple rocket launcher', keeps its name)."""
        cls = self.weapon_class(m.entity)
        entry = self.gaz.entries.get(m.entity)
        calibre = entry.props.get("calibre_mm") if entry else None
        if cls and calibre and entry.name == f"{calibre:g} mm {self.gaz[cls].name}":
            return Mention(m.start, m.end, cls, m.kind, m.role)
        return m

    def umbrella_named_again(self, weapons: list, lo: int, sent: Span) -> list:
        """'stopped boats carrying X and Y; the weapons were bound for Z': a definite general word
        for arms names again the goods an earlier clause of the sentence says were carried."""
        r = self.r
        if not weapons or any(m.entity != UMBRELLA for m, _ in weapons):
            return weapons
        m = weapons[0][0]
        if m.start <= sent.start or r.lower[m.start - 1] not in self.definites:
            return weapons
        carried = next((j for j in range(sent.start, lo) if r.lower[j] in self.carry_words), None)
        if carried is None:
            return weapons
        return [(x, q) for x, q in self.weapons(carried + 1, lo) if x.entity != UMBRELLA] or weapons

    def antecedent_goods(self, lo: int, sent: Span) -> list[tuple[Mention, Quantity | None]]:
        """The goods a relative clause is about: 'Gewehre vom Typ G36, die Peru an Chile
        verkauft habe', 'the Leopard tanks that Spain sent': the weapons of the noun phrase just
        before the relative pronoun that opens the trigger's clause, or before a relative clause
        without its pronoun."""
        r = self.r
        if lo <= sent.start:
            return []
        if r.lower[lo] not in self.relative:  # without its pronoun ("the rifles Lima has bought", "G36s
            # ... were the ones Madrid sold"): the weapon named last a few words back, no actor between
            k = next((k for k in range(lo - 1, max(sent.start, lo - 7) - 1, -1)
                      if k in r.covered and r.covered[k].kind == "WeaponType"), None)
            if k is None or any(r.covered.get(j) is not None and r.covered[j].kind in ("State", "Agency", "Official")
                                for j in range(k + 1, lo)):
                return []
            m = r.covered[k]
            return self.weapons(max(sent.start, m.start - 3), m.end)
        end = lo - (r.lower[lo - 1] == ",")
        start = end
        while start > sent.start and end - start < 8 and r.lower[start - 1] not in (",", ";", ":", "(") \
                and not (r.alpha[start - 1] and r.lemma[start - 1] in self.lex.triggers):
            start -= 1
        goods = self.weapons(start, end)
        last = max((m.end for m, _ in goods), default=-1)
        if not goods or last < end - (5 if self.lex.lang == "de" else 2) or any(
                r.alpha[k] and r.text[k][:1].isupper() and r.lower[k - 1] in r.determiners for k in range(last + 1, end)):
            return []  # the pronoun stands for the nearest noun ("das Boot verstärkt die Flotte, welche ...")
        named = [(m, q) for m, q in goods if self.weapon_class(m.entity)]
        return named or goods  # ("the drones were Mohajer-6 models, which ...": the models)

    def modifies_personnel(self, m: Mention) -> bool:
        """'Raketenwerfer-Spezialisten', 'drone operators', 'missile experts': a class of weapons
        named right before people who work with it describes them; it is not goods ('IRIS-T fire
        units' and 'jet fighters' are)."""
        r = self.r
        j = m.end + (m.end < len(r.lower) and r.lower[m.end] == "-")
        return j in r.mentions.personnel and not self.weapon_class(m.entity) and r.lower[j] not in self.weapon_people

    def other_of_a_list(self, m: Mention, before: Mention) -> bool:
        """'rifles, mortars and other light arms', 'Gewehre und andere
        Waffen': an umbrella word after 'other' ends a list of goods already named."""
        r = self.r
        if m.entity != UMBRELLA:
            return False
        j = m.start - 1
        while j > before.end and r.alpha[j] and r.text[j].islower() and r.lower[j] not in self.other_words:
            j -= 1
        return j > before.end and r.lower[j] in self.other_words and j >= m.start - 3

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
        skipped = 0  # the calibre and hyphens of the phrase do not count towards its four words
        while j - 1 >= lo and j > start - 4 - skipped:
            low = self.r.lower[j - 1]
            text = self.texts[j - 1]
            if low in self.coordinators or (j - 1 in self.r.covered and not self.r.covered[j - 1].is_adjective):
                break  # "KN-23 und KN-24": a number inside another name is not a quantity
            if j - 2 in self.r.mentions.calibres and low == "mm":
                j, skipped = j - 2, skipped + 2  # "300 laser-guided 120 mm shells": a calibre is no quantity
                continue
            if low == "-" and j - 2 >= lo and self.r.alpha[j - 2] and self.texts[j - 2][:1].islower():
                j, skipped = j - 1, skipped + 1  # "precision-guided"
                continue
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
            if not unit or j in self.r.covered:
                continue  # (the pounds of "Bomben zu 2000 Pfund" are a weapon's name, not money)
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

    def goods_named_again(self, lo: int, hi: int) -> int | None:
        """Where a definite general noun names the goods the document is about again ("die
        überholten Boote", "the helicopters", "a handful of the helicopters")."""
        r = self.r
        for j in range(lo, hi):
            if r.lower[j] in self.anaphor_goods and j not in r.covered and any(
                    r.lower[k] in self.definites for k in range(max(lo, j - 4), j)):
                return j
        return None

    def transfer_preps(self, t: Trigger) -> tuple[set[str], set[str]]:
        """The prepositions that introduce a transfer's supplier and its recipient, in this frame."""
        lex = self.lex
        from_preps = lex.words("supplier_preps") | ({"in", "bei", "at"} if t.agent == "recipient" else set())
        to_preps = lex.words("recipient_preps")
        if t.preps and t.object == "supplier":  # "looked to Peru for rifles"
            from_preps = set(t.preps)
        elif t.preps:
            to_preps = set(t.preps)
        return from_preps, to_preps - from_preps

    def gapped(self, t: Trigger, i: int, hi: int) -> list[tuple[int, Mention, Quantity | None, str]]:
        """Conjuncts after a verb that repeat its frame without it, each as (position of the
        conjunction, its state, its quantity, the state's role): "has pledged 12 boats and Chile 8"
        (a state and a quantity: the subject's role), "looked to Peru for rifles and to Ecuador
        for mortars", "sent 100 shells to Russia and 50 to Belarus" (the role its preposition gives)."""
        r, out = self.r, []
        from_preps, to_preps = self.transfer_preps(t)
        roles = {**{p: "recipient" for p in to_preps}, **{p: "supplier" for p in from_preps}}
        for j in range(i + 1, hi - 2):
            if r.lower[j] not in ("and", "und"):
                continue
            k, quantity = j + 1, None
            number = self.quantity_at(k, hi)
            if number is not None:  # "and 50 to Belarus"
                quantity = number.quantity
                k = next((x for x in range(number.end, min(hi, number.end + 4)) if r.lower[x] in roles), hi)
            role = roles.get(r.lower[k]) if k < hi else None
            if role and not any(roles.get(a.prep) == role for a in r.args(i + 1, j, set())):
                continue  # "40 TB3s and nine Akinci drones to Indonesia": one recipient for both
            if role:
                k += 1
            elif quantity is not None:
                continue
            while k < hi and r.lower[k] in r.determiners:
                k += 1
            m = r.covered.get(k)
            if m is None or m.start != k or m.kind != "State" or m.is_adjective:
                continue
            if role is None:  # "and Norway 24": the quantity right after the state
                number = self.quantity_at(m.end, hi)
                if number is None:
                    continue
                role, quantity = t.agent, number.quantity
            out.append((j, m, quantity, role))
        return out

    def quantity_at(self, k: int, hi: int):
        """The quantity that starts at k (not a year), as quantities.find returns it."""
        best = None
        for end in range(k + 1, min(hi, k + 4) + 1):
            found = qty.find(self.texts, end, self.lex.lang, self.lowered)
            if found and found.start == k:
                best = found
        value = best.quantity.value if best else None
        return None if best is None or (value and 1900 <= value <= 2100) else best

    def gapped_transfers(self, t: Trigger, main: list[Found], gaps, hi: int) -> list[Found]:
        """The transfers of gapped conjuncts: the state takes its role, the other side and the goods
        are the conjunct's own or else the verb's."""
        if not main:
            return []
        first, out = main[0], []
        from_preps, to_preps = self.transfer_preps(t)
        for n, (j, m, quantity, role) in enumerate(gaps):
            end = gaps[n + 1][0] if n + 1 < len(gaps) else hi
            preps = from_preps if role == "recipient" else to_preps
            other = next((a.entity for a in self.r.args(m.end, end, set())
                          if a.prep in preps and a.kind == "State" and not a.mention.is_adjective), None)
            own = self.weapons(j + 1, end, t.goods_after)
            goods = [(x.entity, q or quantity) for x, q in own] or [(f.weapon, quantity) for f in main[:1]]
            for weapon, q in goods:
                if role == "recipient":
                    source, target = other or first.source, m.entity
                else:
                    source, target = m.entity, other or first.target
                if source != target:
                    out.append(Found(t.type, source, target, weapon, first.status, q, first.claimed_by, first.context))
        return out

    def is_planned(self, lo: int, hi: int) -> bool:
        for j in range(lo, hi):
            if self.r.lower[j] in self.planned or (self.r.lemma[j] in self.planned and self.r.lemma[j] != "werden"):
                return True
        return False
