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
        r = self.r
        bare = [a for a in actors if (a.prep is None or (a.prep == "of" and a.pos > i))
                and (a.kind != "Location" or (t.type in ("VISITS", "ATTACKS") and a.pos > i))
                or (a.mention.is_adjective and a.head in ("personnel", "state", "person") and a.prep is None)]
        before = [a.entity for a in bare if a.pos < i]
        after = [a.entity for a in bare if a.pos > i]
        we_words = self.lex.words("pronouns_we")
        we = not we_words.isdisjoint(r.lower[lo:hi])
        if t.noun:
            return self.noun_agent(t, i, lo, actors, args, sent, att, before, after, we), []
        infinitive = self.infinitive_at(i, lo, hi)
        found = self.chained_agent(t, i, lo, actors, clauses, sent, att, after, infinitive)
        if found is not None:
            return found
        if not before and lo > sent.start and r.lower[lo - 1] == "," and not t.noun:
            before = self.subject_before_relative(lo, sent, att)  # "Baerbock, die ... eintraf, warf ... vor"
        clause = r.clause_of(clauses, i)
        found = self.agent_before_auxiliary(t, i, lo, clause, bare, before, after)
        if found is not None:
            return found
        if not before:
            before = self.first_verb_subject(t, i, lo, clause)
        if not before and not infinitive:
            found = self.relative_agent(t, i, lo, sent, att, after)
        if found is None and infinitive:
            found = self.infinitive_agent(i, sent, att, after)
        if found is not None:
            return found
        return self.finite_agent(t, i, lo, hi, actors, sent, att, before, after, we)

    def infinitive_at(self, i: int, lo: int, hi: int) -> bool:
        """The verb at i is an infinitive ("anzugreifen", "to send", "zu liefern") or a gerund after
        "of", "for", "by"."""
        r, lex = self.r, self.lex
        low, lem = r.lower[i], r.lemma[i]
        zu_infix = lex.lang == "de" and "zu" in low and low.replace("zu", "", 1) == lem  # anzugreifen
        return zu_infix or (i > lo and r.lower[i - 1] in lex.words("infinitive_marker")) or (
            i + 1 < hi + 1 and i + 1 < len(r.lower) and r.lower[i + 1] in lex.words("infinitive_marker")
            and lex.lang == "de") or (lex.lang == "en" and r.lower[i].endswith("ing") and i > lo
                                      and r.lower[i - 1] in ("of", "for", "by"))

    def noun_agent(self, t: Trigger, i: int, lo: int, actors, args, sent: Span, att, before: list[str],
                   after: list[str], we: bool) -> str | None:
        """Who does what a trigger noun names: its adjective, genitive, owner or "by" phrase, the
        speaker of "our", the actor before a possessive; a visit's or meeting's person."""
        r, lex = self.r, self.lex
        for a in args:  # "die russische Invasion", "North Korea's deliveries"
            if a.mention.is_adjective and a.head == "trigger" and a.head_index == i:
                return a.entity
        nxt = [a for a in args if i < a.pos <= i + 3 and (a.prep is None or a.prep in ("of",))
               and not (a.prep is None and lex.lang == "en" and t.type in ("VISITS", "MEETS"))]
        # (English: "the visit proved Peru ...": a bare name after the noun is the next verb's subject)
        if nxt and r.lemma[i] not in lex.words("genitive_target_nouns"):
            if t.type in ("VISITS", "MEETS"):  # "der Besuch des spanischen Präsidenten": the one the text named
                return self.named_official_of(nxt[0]) or nxt[0].entity
            return nxt[0].entity
        prev = [a for a in args if a.mention.end == i or (a.mention.end == i - 1 and r.lower[i - 1] in ("'s", "'"))]
        if prev:
            return prev[0].entity
        owner = [a for a in args if a.pos < i and i - a.mention.end <= 5 and r.lower[a.mention.end] in ("'s", "'")
                 and all(r.alpha[k] and r.text[k].islower() or r.lower[k] == "-" for k in range(a.mention.end + 1, i))]
        if owner:  # "Russia's full-scale invasion": adjectives between the owner and the noun
            return owner[-1].entity
        by = [a for a in args if a.prep in AGENT_PREPS and a.pos > i]
        if by:
            return by[0].entity
        if we and att.speaker:
            return att.speaker
        possessive = any(r.lower[j] in lex.words("possessives") for j in range(max(lo, i - 3), i))
        if possessive and before:  # "bei seinem Einmarsch": the nearest actor before owns it
            return before[-1]
        if t.type in ("VISITS", "MEETS"):  # "bei einem Besuch in Laos": the clause's subject, a person
            return self.visitor(i, lo, actors, sent, att, before, after)
        return None

    def visitor(self, i: int, lo: int, actors, sent: Span, att, before: list[str], after: list[str]) -> str | None:
        """Who makes a visit or holds talks a noun names: an official of the clause, of the relative
        clause's antecedent or of the sentence, else the named official of a state's unnamed ones."""
        r = self.r
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
        return (people or [None])[0]

    def chained_agent(self, t: Trigger, i: int, lo: int, actors, clauses, sent: Span, att, after: list[str],
                      infinitive: bool) -> tuple | None:
        """The subject a verb shares with the verb before it: a participle's ("X visited ..., standing
        next to Y and being greeted by Z"), or a second verb's after "and"; None if there is none."""
        r = self.r
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
        return None

    def agent_before_auxiliary(self, t: Trigger, i: int, lo: int, clause: tuple[int, int], bare, before: list[str],
                               after: list[str]) -> tuple | None:
        """'war nach Chile geflogen und hatte dort X besucht': the auxiliary right after "und" has
        no subject of its own, so the first verb's subject is shared and X is the object."""
        r = self.r
        conj = next((j for j in range(lo, i) if r.lower[j] in ("und", "and")), None)
        if before and conj is not None and conj + 1 < i and lo > clause[0] and not t.noun and self.lex.lang == "de" \
                and r.lower[conj + 1] in self.auxiliaries and all(a.pos > conj for a in bare if a.pos < i):
            shared = [a.entity for a in r.args(clause[0], lo, set()) if a.prep is None
                      and not a.mention.is_adjective and a.kind in ("State", "Agency", "Official")]
            if shared:
                return shared[0], before + after
        return None

    def first_verb_subject(self, t: Trigger, i: int, lo: int, clause: tuple[int, int]) -> list[str]:
        """'reiste nach Israel und traf dort Katz': a verb after "und" with no subject of its own has
        the clause's first subject ("..., and it had earlier sold": its own)."""
        r = self.r
        if not (lo > clause[0] and not t.noun and any(r.lower[j] in ("und", "and") for j in range(lo, i)) and not any(
                r.lower[j] in self.lex.words("pronouns_it") for j in range(lo, i))):
            return []
        shared = [a.entity for a in r.args(clause[0], lo, set()) if a.prep is None
                  and not a.mention.is_adjective and a.kind in ("State", "Agency", "Official")]
        return shared[:1]

    def relative_agent(self, t: Trigger, i: int, lo: int, sent: Span, att, after: list[str]) -> tuple | None:
        """'Rutte, who arrived in Seoul': the subject of a relative clause or participle is the actor
        before it (a participle's the speaker's); None when the verb opens neither."""
        r = self.r
        relative = r.lower[lo] in self.relative and lo > sent.start and r.lower[lo - 1] == ","
        participle = self.lex.lang == "en" and r.lower[i].endswith("ing") and i == lo
        if not (relative or participle):
            return None
        if participle and att.speaker:
            return att.speaker, after
        cands = [a for a in r.args(sent.start, lo, set()) if a.prep is None and not a.mention.is_adjective
                 and a.kind in ("State", "Agency", "Official")]
        if relative and cands and t.type in ("MEETS", "VISITS", "DEPLOYS") and cands[-1].mention.end < lo - 1 \
                and not (self.lex.lang == "de" and all(  # "musste Scholz erfahren, der ... reiste": only verbs
                    r.alpha[k] and r.text[k][:1].islower() for k in range(cands[-1].mention.end, lo - 1))):
            return None, after  # "ein Video, das sie ... zeigt": the relative pronoun stands for a noun, not the actor
        return (cands[-1].entity if cands else None), after

    def infinitive_agent(self, i: int, sent: Span, att, after: list[str]) -> tuple:
        """'beschuldigt X, ... geliefert zu haben': the controller is the last actor before the
        infinitive clause (the object of "beschuldigen", the subject of "bestreiten"); the actors
        inside the infinitive clause are its objects."""
        r = self.r
        start = max((k + 1 for k in range(sent.start, i) if r.lower[k] == ","), default=i) \
            if self.lex.lang == "de" else i  # (German sets the infinitive clause off with a comma)
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

    def finite_agent(self, t: Trigger, i: int, lo: int, hi: int, actors, sent: Span, att, before: list[str],
                     after: list[str], we: bool) -> tuple:
        """A finite verb's subject and objects: the "by" phrase of a passive, else by word order
        (German verb-final and V2, English SVO), else a pronoun's actor."""
        r, lex = self.r, self.lex
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
        if after and (any(r.lower[j] in subject_pronouns for j in range(max(lo, i - 2), i))  # "Er warf Putin vor"
                      # "Zugleich warf er X vor": right after the verb of a German V2 clause
                      or lex.lang == "de" and i + 1 < hi and r.lower[i + 1] in subject_pronouns):
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
