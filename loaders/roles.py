"""A frame's roles (supplier and recipient, source and target) assigned to the actors around its trigger."""
from __future__ import annotations

from spacy.tokens import Span

from loaders.lexicon import Trigger
from loaders.sentences import Arg, Attribution

PRIMARY_RECIPIENT = {"an", "nach", "to", "zu", "zur", "zum"}
PRIMARY_TARGET = {"auf", "gegen", "at", "on", "against"}
AGENT_PREPS = {"von", "vom", "durch", "seitens", "by"}


class RoleRules:
    """A part of RelationReader (loaders/relations.py): its methods read the sentence reader self.r,
    the lexicon self.lex, the vocabulary self.gaz, the document context self.ctx and the language's
    cue words (loaders/cue_sets.py)."""

    def roles(self, t: Trigger, i: int, lo: int, hi: int, args: list[Arg], clauses, sent: Span,
              att: Attribution) -> dict[str, str]:
        """Assign the frame's roles to the actors around a trigger."""
        actors = [a for a in args if a.prep != "role"
                  and (not a.mention.is_adjective or a.head in ("personnel", "state", "person"))]
        roles = self.prep_roles(t, i, lo, hi, actors, args, sent, att)
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
        self.word_order_roles(roles, t, i, lo, hi, actors, args, clauses, sent, att)
        self.transfer_roles(roles, t, i, lo, hi, actors, args, sent)
        self.remaining_roles(roles, t, i, lo, hi, args, clauses, sent, att)
        return roles

    def prep_roles(self, t: Trigger, i: int, lo: int, hi: int, actors: list[Arg], args: list[Arg], sent: Span,
                   att: Attribution) -> dict[str, str]:
        """The roles the actors' prepositions give: "an Russland", "met with X", "struck at Y", "by Z"."""
        if t.type == "SUPPLIES":
            return self.transfer_prep_roles(t, hi, actors)
        roles: dict[str, str] = {}
        if t.type == "MEETS":
            with_ = [a for a in actors if a.prep in self.lex.words("meet_preps")
                     and (self.lex.lang == "de" or a.pos > i or t.noun)]  # (English: "met with X", after the verb)
            if with_:
                roles["target"] = with_[0].entity
        elif t.type in ("VISITS", "DEPLOYS", "ATTACKS"):
            self.place_roles(roles, t, i, lo, actors, args, sent, att)
        if t.modal:
            von = [a for a in actors if a.prep in AGENT_PREPS]
            if von:
                roles[t.object] = von[0].entity
        return roles

    def transfer_prep_roles(self, t: Trigger, hi: int, actors: list[Arg]) -> dict[str, str]:
        """A transfer's supplier ("from X", not "from Bundeswehr stocks") and recipient ("to Y", or
        the state of the city goods are on their way to)."""
        r, roles = self.r, {}
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
        return roles

    def place_roles(self, roles: dict[str, str], t: Trigger, i: int, lo: int, actors: list[Arg], args: list[Arg],
                    sent: Span, att: Attribution) -> None:
        """Where a visit, deployment or attack goes, and where an attack is launched from or whose
        campaign it is."""
        tg = self.place_targets(t, i, actors, args)
        if tg:
            roles["target"] = tg[0].entity
        # "Abfeuern von Raketen aus der Ukraine auf Russland": launched from X, before the target
        src = [a for a in actors if a.prep in ("aus", "from") and t.type == "ATTACKS"
               and tg and i < a.pos < tg[0].pos and not (t.noun and t.lemma in self.war_nouns)]
        if src:
            roles["source"] = src[0].entity
        if t.type == "ATTACKS" and t.noun and "source" not in roles and i > sent.start \
                and self.r.lower[i - 1] in self.lex.words("possessives"):  # "lets Lima carry on its campaign in Bolivia"
            choice = self.campaign_owner(i, lo, sent, att, roles.get("target"))
            if choice:
                roles["source"] = choice

    def place_targets(self, t: Trigger, i: int, actors: list[Arg], args: list[Arg]) -> list[Arg]:
        """The places and states a visit, deployment or attack may go to, the likeliest first."""
        lex = self.lex
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
        if t.noun and self.r.lemma[i] in lex.words("genitive_target_nouns"):  # "Russia's invasion of Ukraine"
            owned = [a for a in actors if i < a.pos <= i + 3 and a.prep in ("of", "des", "der")
                     and a.kind in ("State", "Location")]
            tg = owned[:1] + [a for a in tg if a not in owned[:1]]
        if not tg and t.type == "ATTACKS":  # "greifen im Donbass an", "Angriffe im Gazastreifen"
            tg = [a for a in struck if a.prep in ("in", "im") and a.kind in ("State", "Location")
                  and not a.mention.is_adjective and (not t.noun or 0 < a.pos - i <= 3)]
        return tg

    def campaign_owner(self, i: int, lo: int, sent: Span, att: Attribution, target: str | None) -> str | None:
        """Whose campaign "its campaign" is: the aggressor the document knows, else who this sentence
        arms, else the state just before."""
        owner = [m for m in self.r.mentions.in_range(sent.start, i) if m.kind == "State"
                 and not m.is_adjective and m.entity != target and m.start not in att.excluded]
        named = {m.entity for m in owner}
        armed = [f.target for f in self.sentence_found if f.type == "SUPPLIES" and f.target in named]
        near = [m.entity for m in owner if m.start >= lo]
        return self.ctx.usual_attacker if self.ctx.usual_attacker in named else (armed or near or [None])[-1]

    def word_order_roles(self, roles: dict[str, str], t: Trigger, i: int, lo: int, hi: int, actors: list[Arg],
                         args: list[Arg], clauses, sent: Span, att: Attribution) -> None:
        """The roles the trigger's subject and objects take, where prepositions left them open."""
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

    def transfer_roles(self, roles: dict[str, str], t: Trigger, i: int, lo: int, hi: int, actors: list[Arg],
                       args: list[Arg], sent: Span) -> None:
        """A transfer's side still open: the owner of what goods are fitted to, the object goods
        reach, "X is Y's main supplier", "its ally", "made in X", "aus belarussischen Depots"."""
        if t.type == "SUPPLIES" and "recipient" not in roles and t.object == "recipient" and not t.noun:
            owner = self.equipped_owner(lo, i, hi, args)
            if owner:
                roles["recipient"] = owner[0]
        if t.goods_subject and roles.get("supplier") and "recipient" not in roles and any(
                a.entity == roles["supplier"] and a.pos > i and a.prep is None for a in actors):
            roles["recipient"] = roles.pop("supplier")  # "Serbian shells reached Ukraine": the object receives
        if t.type != "SUPPLIES":
            return
        if t.noun and t.agent == "recipient" and "supplier" not in roles:
            named = self.copula_subject(i, lo, actors, roles.get("recipient"))  # "X is Y's main supplier"
            if named:
                roles["supplier"] = named
        if "recipient" not in roles and roles.get("supplier"):
            partner = self.partner_of(i, hi, sent, roles["supplier"])
            if partner:
                roles["recipient"] = partner
        if "supplier" not in roles and self.passive(t, i, lo):
            owner = self.goods_owner(i, args, roles.get("recipient"))
            if owner:  # "Norway's six jets will be delivered to Ukraine": the owner sends them
                roles["supplier"] = owner
        if "supplier" not in roles:
            maker = self.made_in(args, roles.get("recipient"))
            if maker:
                roles["supplier"] = maker
        if t.origin_first:  # "Yemeni forces seized Iranian weapons on their way to X": Iran sends them
            origin = [a for a in args if a.mention.is_adjective and a.head == "weapon" and a.kind == "State"
                      and a.entity != roles.get("recipient")]
            if origin:
                roles["supplier"] = origin[0].entity
        if "supplier" not in roles:
            from_preps = self.transfer_preps(t)[0]
            origin = [a for a in args if a.mention.is_adjective and (a.head == "weapon" or (  # "aus belarussischen Depots"
                a.head == "other" and a.prep in from_preps and self.r.lower[a.head_index] in self.stock_nouns))]
            if origin:
                roles["supplier"] = origin[0].entity

    def remaining_roles(self, roles: dict[str, str], t: Trigger, i: int, lo: int, hi: int, args: list[Arg], clauses,
                    sent: Span, att: Attribution) -> None:
        """The side still open of a deployment (troops named by their state), a meeting (a pronoun,
        an apposed name) and of a claim, denial or accusation (the subject of what it is about)."""
        r = self.r
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

    def copula_subject(self, i: int, lo: int, actors: list[Arg], other: str | None) -> str | None:
        """'Spain has long been Morocco's main supplier': the bare actor before a copula that the
        trigger noun follows."""
        r = self.r
        cop = next((j for j in range(i - 1, lo - 1, -1) if r.lower[j] in self.copulas), None)
        if cop is None:
            return None
        subject = [a for a in actors if a.pos < cop and a.prep is None and a.entity != other]
        return subject[-1].entity if subject else None

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

    def goods_owner(self, i: int, args: list[Arg], recipient: str | None) -> str | None:
        """The state whose goods a passive transfer moves, named as their possessor before the verb:
        "Norway's six jets", "Norwegens sechs Kampfjets"."""
        r = self.r
        for a in args:
            m = a.mention
            if a.kind != "State" or m.is_adjective or a.prep is not None or m.end >= i or a.entity == recipient:
                continue
            k = m.end
            if self.lex.lang == "en":
                if r.lower[k] not in ("'s", "’s", "'"):
                    continue
                k += 1
            elif not r.text[m.end - 1].endswith("s"):
                continue  # (a German genitive: "Norwegens")
            while k < i and k - m.end < 4 and k not in r.covered and not r.text[k][:1].isupper() or (
                    k < i and r.text[k][:1].isdigit()):
                k += 1  # "six", "gebrauchten", "24"
            if k in r.covered and r.covered[k].kind == "WeaponType":
                return a.entity
        return None

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
