"""Goods a sentence refers back to: the topic's system, a class named again, a bare number, a
relative clause's antecedent."""
from __future__ import annotations

from spacy.tokens import Span

from graph.model import Quantity
from loaders import quantities as qty
from loaders.goods import UMBRELLA
from loaders.mentions import Mention


class GoodsReferenceRules:
    """A part of RelationReader (loaders/relations.py): its methods read the sentence reader self.r,
    the lexicon self.lex, the vocabulary self.gaz, the document context self.ctx and the language's
    cue words (loaders/cue_sets.py)."""

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

    def goods_named_again(self, lo: int, hi: int) -> int | None:
        """Where a definite general noun names the goods the document is about again ("die
        überholten Boote", "the helicopters", "a handful of the helicopters")."""
        r = self.r
        for j in range(lo, hi):
            if r.lower[j] in self.anaphor_goods and j not in r.covered and any(
                    r.lower[k] in self.definites for k in range(max(lo, j - 4), j)):
                return j
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
