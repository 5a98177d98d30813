"""Lists of actors ('A, B und C') and gapped conjuncts that repeat a transfer without its verb."""
from __future__ import annotations

from graph.model import Quantity
from loaders.found import Found
from loaders.lexicon import Trigger
from loaders.mentions import Mention


class CoordinationRules:
    """A part of RelationReader (loaders/relations.py): its methods read the sentence reader self.r,
    the lexicon self.lex, the vocabulary self.gaz, the document context self.ctx and the language's
    cue words (loaders/cue_sets.py)."""

    def coordinated(self, first: str, lo: int, i: int, repeated: frozenset = frozenset()) -> list[str]:
        """'Großbritannien, Frankreich und Deutschland verurteilten': every actor of a listed group
        (with `repeated`, a preposition said again after the conjunction: "mit A und mit B")."""
        r = self.r
        bare = self.bare_actors.get((lo, i))  # (the mentions do not change while sentences are read)
        if bare is None:
            bare = self.bare_actors[(lo, i)] = [m for m in r.mentions.in_range(lo, i) if m.role != "adjective"
                                                and m.kind in ("State", "Agency", "Official", "Location")]
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
