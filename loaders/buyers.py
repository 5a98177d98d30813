"""Transfers without a transfer verb: the contents of an aid package, the states listed as buyers."""
from __future__ import annotations

from spacy.tokens import Span

from loaders import nlp as nlp_mod
from loaders.found import Found
from loaders.goods import UMBRELLA
from loaders.mentions import Mention
from loaders.sentences import Attribution


class BuyerRules:
    """A part of RelationReader (loaders/relations.py): its methods read the sentence reader self.r,
    the lexicon self.lex, the vocabulary self.gaz, the document context self.ctx and the language's
    cue words (loaders/cue_sets.py)."""

    def package_contents(self, sent: Span, clauses, att: Attribution, found: list[Found]) -> list[Found]:
        """'Das Paket beinhaltet X und Y', 'a package that included X': the goods of an aid package
        are planned transfers of the package's parties: the actor that unveiled it in the sentence,
        to the document's usual recipient, or else the parties of the last transfer read."""
        r = self.r
        for k in nlp_mod.positions_in(self.contain_words, sent.start + 1, sent.end):
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
        names, else those of the seller's transfer in the sentence before ("Spain sold howitzers to
        Morocco. Tunisia is among the buyers too"), else military goods of any kind."""
        sent_goods = [f.weapon for f in found if f.type == "SUPPLIES" and f.source == seller and f.weapon]
        named = [m.entity for m, _ in self.weapons(*clause)] or [
            m.entity for m in self.r.mentions.in_range(*clause) if m.kind == "WeaponType"]
        recent = self.ctx.last_goods_at.get(seller, -9) >= len(self.ctx.speakers) - 1
        return list(dict.fromkeys(sent_goods)) or named or (recent and self.ctx.last_goods.get(seller)) or [UMBRELLA]

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
