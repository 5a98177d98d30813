"""The parties of a frame: source and target from its roles, completed for each relation type from
the speaker, the sentence and the document so far (the steps of FrameRules.apply)."""
from __future__ import annotations

from spacy.tokens import Span

from loaders.found import Found
from loaders.frames import Frame


class PartyRules:
    """A part of RelationReader (loaders/relations.py): its methods read the sentence reader self.r,
    the lexicon self.lex, the vocabulary self.gaz, the document context self.ctx and the language's
    cue words (loaders/cue_sets.py)."""

    def parties_from_roles(self, f: Frame) -> None:
        """Source and target from the frame's roles: armed forces, ministries and officials stand for
        their state in a transfer, "both" for the pair named before."""
        t, i, lo, hi = f.t, f.i, f.lo, f.hi
        roles = self.roles(t, i, lo, hi, f.args, f.clauses, f.sent, f.att)
        src_role, tgt_role = ("supplier", "recipient") if t.type == "SUPPLIES" else ("source", "target")
        fitted = self.equipped_owner(lo, i, hi, f.args) if t.type == "SUPPLIES" and roles.get("recipient") else None
        if fitted and fitted[0] == roles["recipient"]:  # what the goods are fitted to is no goods
            f.weapons = [(m, q) for m, q in f.weapons if m.start > fitted[1]] or f.weapons
        source, target = self.state_for_forces(roles.get(src_role)), self.state_for_forces(roles.get(tgt_role))
        f.both = self.both_pair(i, f.sent) if t.type in ("CONFIRMS", "DENIES", "ACCUSES") else []
        if f.both:  # "Lima and Quito ..., although both admitted": the pair named before
            source = f.both[0]
            target = target if target not in f.both or t.type in ("CONFIRMS", "DENIES") else None
        if t.type == "SUPPLIES":  # "das Pentagon kündigte Militärhilfe an", "Pistorius stellte Panzer in
            # Aussicht": the state sends and receives
            if source and self.gaz_kind(source) == "Official":
                source = self.acting_side(source)  # (an official sends or promises for the state)
            source, target = self.state_for_body(source), self.state_for_body(target)
        f.source, f.target = source, target

    def wrong_parties(self, f: Frame) -> bool:
        """The parties do not make the relation: no official where the frame needs one, troops or
        goods that travel, a place that belongs to another actor's clause."""
        t, i, source, target = f.t, f.i, f.source, f.target
        if t.needs == "official" and not (source and self.gaz_kind(source) == "Official"):
            return True
        if t.type == "VISITS" and f.troops_named and source and self.gaz_kind(source) != "Official":
            return True  # "russische Soldaten trafen in Minsk ein": troops arriving are a deployment
        if t.type == "VISITS" and not t.noun and t.preposition_only and self.passive_travel(i):
            return True  # "the helicopters were shipped to Chile": what is carried makes no visit
        if t.type == "VISITS" and t.noun and source and target and self.other_actor_between(i, target, source):
            return True  # "the visit proved Peru could ... in Bolivia": the place belongs to another clause
        # "MiG-29 fighters had arrived in Iran", "the aircraft were flown to Ukraine": goods travel
        return t.type == "VISITS" and not t.noun and self.goods_travel(f.lo, i)

    def claim_parties(self, f: Frame) -> None:
        """The target of a claim, denial, confirmation or accusation the words leave open, and of an
        authorisation to use weapons."""
        r, t, i, lo, hi, source = self.r, f.t, f.i, f.lo, f.hi, f.source
        if f.target is None and source and t.type in ("ACCUSES", "CONFIRMS", "DENIES") and self.ctx.last_supplier \
                and self.mentions_transfer(lo, hi, f.sent):
            # "verurteilten die Lieferungen": the transfer of this sentence, else the one reported most
            same = [x.source for x in self.sentence_found if x.type == "SUPPLIES" and (x.source != source or t.type == "DENIES")]
            f.target = same[-1] if same else self.ctx.last_supplier
        if f.target is None and source and t.type == "ACCUSES":
            f.target = self.condemned_actor(i, hi, f.args, source)  # "condemned the American strikes", "the invasion"
        f.own = f.target is None and source and t.type == "DENIES"  # "Minsk bestritt, ... geliefert zu haben"
        if f.own:
            f.target = self.acting_side(source)
        if f.target is None and t.type == "AUTHORIZES" and source and any(
                r.lower[j] in self.use_words or r.lemma[j] in self.use_words for j in range(lo, hi)):
            # "approved the use of the missiles": the side the document arms; not "approved the sale"
            f.target, f.context = self.from_context(source), True

    def announced_supplier(self, f: Frame) -> None:
        """'Poland said jets would be handed over to Kyiv': a speaker announcing a transfer is its
        supplier (an announcement, not a report of what others have shipped)."""
        t, i, lo, att = f.t, f.i, f.lo, f.att
        if t.type == "SUPPLIES" and f.source is None and att.speaker and self.passive(t, i, lo) and f.weapons \
                and any(self.r.lower[j] in self.lex.words("future_modals") for j in range(lo, i)) \
                and self.own_side(att.speaker) not in (None, f.target) and not self.not_a_party(att.speaker) \
                and not self.is_media(att.speaker):
            f.source = self.state_for_body(self.own_side(att.speaker))

    def continued_transfer(self, f: Frame) -> list[Found] | None:
        """A trigger that continues the last transfers ("Im Mai folgten 20 Haubitzen"): the goods of
        the document's usual parties, each owner's own ("X's S-300 and Y's HQ-9 would follow"), or
        nothing (a list); None when the frame goes on."""
        r, t, i, lo, hi = self.r, f.t, f.i, f.lo, f.hi
        if t.continues and self.ctx.pairs:  # "X's S-300 and Y's HQ-9 would follow": each owner sends its own
            owned = self.possessed_goods(f.weapons)
            if owned and len(owned) == len(f.weapons) and all(m.start < i for m, _ in f.weapons):
                status = "planned" if self.is_planned(lo, hi) else "delivered"
                return [Found("SUPPLIES", owner, rec, m.entity, status, q, f.att.speaker, True)
                        for owner, m, q in owned if (rec := self.ctx.recipient_of(owner)) not in (None, owner)]
        if t.continues:  # "Im Mai folgten 20 Haubitzen": the goods of the document's usual parties, or none
            if f.source or f.target or not self.ctx.last_supplier or not self.ctx.usual_recipient \
                    or self.lex.lang == "en" and not any(m.start < i for m, _ in f.weapons) \
                    or any(lo <= p < hi and p != i for p in f.positions) or any(  # ("folgten Aufträge über 180
                        r.lower[j] in self.deal_nouns or r.lemma[j] in self.deal_nouns for j in range(lo, hi)):  # Panzer")
                return []
            f.source, f.target, f.context = self.ctx.last_supplier, self.ctx.usual_recipient, True
        return None

    def supply_parties(self, f: Frame) -> None:
        """The side of a transfer the words leave open: the speaker's own country, who thanks for it,
        the speaker's state for a promise, the document's usual partner, who approved a sale."""
        t, i, lo, att = f.t, f.i, f.lo, f.att
        if t.type == "SUPPLIES" and not t.noun and self.own_country(lo, i):  # "räumte ein, sein Land habe X
            # Drohnen geschickt": the speaker's state sends, the actor read as subject is the object
            speaker = att.speaker or next((x.source for x in reversed(self.sentence_found)
                                           if x.type in ("CONFIRMS", "DENIES")), None)
            side = self.state_for_body(self.own_side(speaker)) if speaker else None
            if side:
                f.target = f.source if f.source not in (None, side) and f.target is None else f.target
                f.source = side
        if t.type == "SUPPLIES" and f.source and f.target is None:
            f.target = self.own_side(self.thanker(f.sent, i))  # "thanked X, which passed on the boats"
        if t.type == "SUPPLIES" and f.source and f.target is None and t.status == "planned" and att.speaker \
                and self.gaz_kind(att.speaker) in ("Official", "Agency") and not self.is_media(att.speaker):
            side = self.own_side(att.speaker)  # "the minister said the US had offered 12 helicopters": to his state
            f.target = side if side != f.source and side in self.gaz and self.gaz_kind(side) == "State" else None
        if t.type == "SUPPLIES" and (f.source is None) != (f.target is None) and f.weapons and not t.noun \
                and not self.non_finite(i) and not t.preps:
            # "Britain has promised 14 tanks": the other side is the document's usual one so far
            other = self.ctx.recipient_of(f.source) if f.target is None else self.sender_of_goods(f) \
                or self.maker_of_goods(f) or self.ctx.supplier_of(f.target)
            if other not in (None, f.source, f.target):
                f.source, f.target, f.context = f.source or other, f.target or other, True
        if t.type == "SUPPLIES" and t.noun and f.source is None:
            thanked = self.thanked(f.sent, i)  # "Selenskyj dankte Dänemark für die Lieferung von F-16"
            if thanked:
                f.source = thanked
                f.target = f.target or self.own_side(self.thanker(f.sent, i))
        if t.type == "SUPPLIES" and t.noun and f.source is None:
            f.source = self.state_for_body(self.approver(i, f.clause))  # "X approved the sale of NASAMS to Taiwan"

    def sender_of_goods(self, f: Frame) -> str | None:
        """Who sends the goods of a transfer without supplier: whom the document has send these
        systems before ("Mali bought TB2s in Turkey; Niger is said to have received TB2s too")."""
        senders = [self.ctx.sender_of(m.entity) for m, _ in f.weapons]
        return next((s for s in senders if s and s != f.target), None)

    def goods_makers(self, weapons) -> set[str]:
        """The states the catalogue says make the goods (its systems' origin)."""
        return {origin for m, _ in weapons if m.entity in self.gaz
                and (origin := self.gaz[m.entity].props.get("origin")) is not None}

    def maker_of_goods(self, f: Frame) -> str | None:
        """The one state the catalogue says makes all the goods of a transfer ("Algeria has taken
        delivery of Su-35s" in an article on Israel's arms for Morocco: Russia, not Israel)."""
        origins = self.goods_makers(f.weapons)
        maker = next(iter(origins)) if len(origins) == 1 else None
        return maker if maker != f.target and maker in self.gaz else None

    def deploy_parties(self, f: Frame) -> None:
        """Who sends troops where, when the words leave one side open: the document's usual deployer
        or destination (not an agency that reports the troops)."""
        t, i, source, att = f.t, f.i, f.source, f.att
        if t.type == "DEPLOYS" and source and source == att.speaker and self.gaz_kind(source) == "Agency" \
                and not self.not_a_party(source) and self.state_for_body(source) != source and not self.is_forces(source):
            f.source = None  # "the bureau said the images revealed the marines massing in X": who reports troops does not send them
        if t.type == "DEPLOYS" and f.source is None and f.target and self.ctx.deployers and not t.noun:
            f.source, f.context = self.ctx.usual_deployer, True  # "others were posted to X"
        if t.type == "DEPLOYS" and f.source and f.target is None and not t.noun and not t.preposition_only \
                and not self.non_finite(i) and self.ctx.deploy_targets and self.gaz_kind(f.source) == "State" \
                and f.source != att.speaker:
            f.target, f.context = self.ctx.usual_deploy_target, True  # "Belarus also sent 300 more troops"

    def war_parties(self, f: Frame) -> list[Found] | None:
        """A war named with one side: the defender the sentence names, else an open relation that
        complete_wars settles (None when the frame goes on)."""
        t = f.t
        if not (t.type == "ATTACKS" and t.noun and t.lemma in self.war_nouns):
            return None
        if f.source and not f.target:
            f.target = self.defender(f.i, f.sent, f.source)
        source, target, spec = f.source, f.target, f.spec
        if (source is None) != (target is None) and (source or target) \
                and self.gaz_kind(source or target) in (spec.source if source else spec.target):
            return [Found(t.type, source, target, claimed_by=f.att.speaker, open=True)]
        return None

    def meeting_parties(self, f: Frame) -> list[Found] | None:
        """Who meets or visits whom, when the words leave a side open: the person a visit goes to,
        a counterpart, the place a relative clause refers to, "both ministers" (None when the frame goes on)."""
        t, i, lo, hi, sent, spec = f.t, f.i, f.lo, f.hi, f.sent, f.spec
        f.met = self.visited_person(t, i, lo, hi, f.args, sent, f.source)
        if f.met and not f.target:  # "Tajani besuchte Fidan in Ankara": a visit and a meeting
            return [Found("MEETS", f.source, f.met, claimed_by=f.att.speaker)]
        if t.type == "MEETS" and f.source and not f.target:  # "A und sein Amtskollege B bei einem Treffen": they meet
            f.target = next((x for x in self.coordinated(f.source, lo, hi if t.noun else i)
                             if self.gaz_kind(x) in spec.target), None)
        if t.type == "MEETS" and f.target and not f.source and self.gaz_kind(f.target) == "Official":
            f.source = self.counterpart_of(f.target, lo, sent)  # "bei einem Treffen mit ihrem Amtskollegen X"
        place = self.relative_place(lo, sent) if t.type == "VISITS" and not f.target else None
        if place is not None:
            f.target = place
        pair = self.named_pair(lo, hi, sent) if t.type in ("MEETS", "VISITS") and not (f.source and f.target) else None
        if pair and t.type == "MEETS":  # "sprachen beide Minister", "the two leaders"
            f.source, f.target = pair
        if pair and t.type == "VISITS" and f.target and not f.source:  # "wohin beide Außenminister reisten"
            return [Found("VISITS", p, f.target, claimed_by=f.att.speaker) for p in pair]
        if t.type == "MEETS" and t.noun and f.source and not f.target and self.gaz_kind(f.source) in ("State", "Official"):
            return self.meeting_visits(f.source, f.source, [a for a in f.args if a.pos > i], i)  # "spanische Beamte führten Gespräche in Rom"
        return None

    def relative_place(self, lo: int, sent: Span) -> str | None:
        """The place a relative clause at lo refers to: "in der Stadt X, wohin beide reisten",
        "fanden in X statt, wohin ..." (None when lo opens no such clause)."""
        r = self.r
        if not (lo - 2 >= sent.start and r.lower[lo - 1] == "," and r.lower[lo] in self.lex.words("place_relatives")):
            return None
        place = next((m for k in range(lo - 2, max(sent.start, lo - 5) - 1, -1) if (m := r.covered.get(k)) is not None
                      and m.kind in ("Location", "State") and not m.is_adjective), None)
        return place.entity if place is not None else None

    def parties_fit(self, f: Frame) -> bool:
        """Both parties are known, differ (but for a denial or confirmation of one's own part) and
        are of the kinds the relation takes."""
        source, target, t = f.source, f.target, f.t
        if not source or not target or (source == target and t.type not in ("DENIES", "CONFIRMS")):
            return False
        return self.gaz_kind(source) in f.spec.source and self.gaz_kind(target) in f.spec.target

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

    def thank_verb(self, sent: Span, i: int) -> int | None:
        """Where the first verb of thanks before position i stands in the sentence."""
        r = self.r
        return next((j for j in range(sent.start, i) if r.lower[j] in self.thank_verbs or r.lemma[j] in self.thank_verbs),
                    None)

    def thanker(self, sent: Span, i: int) -> str | None:
        """Who thanks, in a sentence where a verb of thanks stands before the trigger at i."""
        r = self.r
        j = self.thank_verb(sent, i)
        if j is None:
            return None
        named = [a.entity for a in r.args(sent.start, j, set()) if a.prep is None and a.kind in ("State", "Official", "Agency")
                 and (not a.mention.is_adjective or a.head in ("person", "state"))]  # "der georgische Präsident"
        if self.lex.lang == "de" and not named and j - sent.start <= 1:  # "Dafür dankte Selenskyj den Partnern"
            named = [a.entity for a in r.args(j + 1, min(i, j + 4), set()) if a.prep is None
                     and not a.mention.is_adjective and a.kind in ("State", "Official", "Agency")][:1]
        return named[-1] if named else self.pronoun_subject(j, sent.start, j + 1, sent, [])

    def thanked(self, sent: Span, i: int) -> str | None:
        """Whom a verb of thanks before the transfer noun at i thanks: the state or body between them
        ("thanked Denmark for the delivery of", "dankte Dänemark für die Lieferung")."""
        r = self.r
        j = self.thank_verb(sent, i)
        if j is None:
            return None
        named = [a.entity for a in r.args(j + 1, i, set()) if a.prep is None and not a.mention.is_adjective
                 and a.kind in ("State", "Agency")]
        return named[0] if named else None

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
