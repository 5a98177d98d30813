"""A trigger's subject and bare objects: word order, passives, infinitives, participles, pronouns."""
from __future__ import annotations

from spacy.tokens import Span

from loaders.lexicon import Trigger
from loaders.roles import AGENT_PREPS


class SubjectRules:
    """A part of RelationReader (loaders/relations.py): its methods read the sentence reader self.r,
    the lexicon self.lex, the vocabulary self.gaz, the document context self.ctx and the language's
    cue words (loaders/cue_sets.py)."""

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

    def opening_subject(self, sent: Span, clauses) -> str | None:
        """The state or body a sentence opens with, as the bare subject of its first clause ("Spain
        has long backed Rabat ..."): what a pronoun opening the next sentence stands for."""
        r = self.r
        first = r.clause_of(clauses, sent.start)
        m = next((m for m in r.mentions.in_range(*first) if m.kind in ("State", "Agency")), None)
        if m is None or m.is_adjective or self.is_media(m.entity) or r.prep_before(m.start, first[0], m.kind):
            return None
        return m.entity
