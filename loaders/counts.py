"""How many: the quantities of goods and troops a frame's words give."""
from __future__ import annotations

from graph.model import Quantity
from loaders import quantities as qty


class CountRules:
    """A part of RelationReader (loaders/relations.py): its methods read the sentence reader self.r,
    the lexicon self.lex, the vocabulary self.gaz, the document context self.ctx and the language's
    cue words (loaders/cue_sets.py)."""

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
            if low == "-" and j - 2 >= lo and self.r.alpha[j - 2] and (
                    self.texts[j - 2][:1].islower() or self.texts[j][:1].islower()):
                capital = self.texts[j - 2][:1].isupper()  # "precision-guided"; "Soviet-designed" with its name
                j, skipped = j - 1 - capital, skipped + 1
                continue
            if low == '"' or (self.r.alpha[j - 1] and text[:1].islower() and low not in vocab) \
                    or (j - 1 in self.r.covered and self.r.covered[j - 1].is_adjective):
                j -= 1
                continue
            break
        found = qty.find(self.texts, j, self.lex.lang, self.lowered)
        if found and found.start >= lo:
            part = self.part_of(found.start, lo)
            return part or found.quantity
        return None

    def part_of(self, start: int, lo: int) -> Quantity | None:
        """"the first four of the 13 MiG-29s", "die ersten vier der 13 Kampfjets": the part counts the
        goods moved, not the whole."""
        links = self.lex.words("part_links")
        k = start - 1
        if k >= lo and self.r.lower[k] in self.determiners and self.r.lower[k] not in links:
            k -= 1
        if k < lo or self.r.lower[k] not in links:
            return None
        found = qty.find(self.texts, k, self.lex.lang, self.lowered)
        return found.quantity if found and found.start >= lo else None

    def quantity_at(self, k: int, hi: int):
        """The quantity that starts at k (not a year), as quantities.find returns it."""
        best = None
        for end in range(k + 1, min(hi, k + 4) + 1):
            found = qty.find(self.texts, end, self.lex.lang, self.lowered)
            if found and found.start == k:
                best = found
        value = best.quantity.value if best else None
        return None if best is None or (value and 1900 <= value <= 2100) else best

    def unit_quantities(self, lo: int, hi: int) -> dict[int, Quantity]:
        """'bis zu 1.000 Container mit Munition': the quantity counts containers of munitions."""
        out = {}
        if self.units.keys().isdisjoint(self.r.lower[lo:hi]) and self.units.keys().isdisjoint(self.r.lemma[lo:hi]):
            return out  # (most windows: no unit word)
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
        if self.units.keys().isdisjoint(self.r.lower[lo:hi]) and self.units.keys().isdisjoint(self.r.lemma[lo:hi]):
            return None
        for j in range(lo, hi):
            unit = self.units.get(self.r.lower[j]) or self.units.get(self.r.lemma[j])
            if unit:
                found = qty.find(self.texts, j, self.lex.lang, self.lowered)
                if found:
                    return qty.with_unit(found.quantity, unit)
        return None

    def value_quantity(self, end: int, hi: int) -> Quantity | None:
        """"ammunition worth around 800 million euros", "Waffen im Wert von 28 Milliarden Euro": the
        money the goods right before a value phrase are worth, when nothing counts them."""
        lower = self.r.lower
        for phrase in self.lex.phrases("value_phrases"):
            k = end
            while k < hi and k - end < 2 and lower[k] in (",", "-"):
                k += 1
            if tuple(lower[k:k + len(phrase)]) != phrase:
                continue
            start = k + len(phrase)
            best = None
            for e in range(start + 1, min(hi, start + 7) + 1):
                unit = self.units.get(lower[e]) if e < len(lower) else None
                found = qty.find(self.texts, e, self.lex.lang, self.lowered)
                if found is None or found.start < start:
                    continue
                if unit and unit.isupper():  # a currency word after it: "Euro", "dollars"
                    return qty.with_unit(found.quantity, unit)
                if found.quantity.unit:  # a currency sign before it: "$2 billion" (the longest)
                    best = found.quantity
            return best
        return None

    def personnel_quantity(self, lo: int, hi: int) -> Quantity | None:
        for p in sorted(x for x in self.r.mentions.personnel if lo <= x < hi):
            q = self.quantity_before(p, lo)
            if q:
                return qty.with_unit(q, "soldiers")
        return None
