"""The goods of a transfer: the weapon types its words name, generic classes giving way to named systems."""
from __future__ import annotations

import itertools

from spacy.tokens import Span

from graph.model import Quantity
from loaders.mentions import Mention

UMBRELLA = "munitions"  # the catalogue's class for weapons and military goods of any kind
ROUNDS = {"munitions", "air-defence-interceptor"}  # what a surface-to-air battery launches, by its generic names
AIR_DEFENCE = {"air-defence-system", "surface-to-air-missile"}


class GoodsRules:
    """A part of RelationReader (loaders/relations.py): its methods read the sentence reader self.r,
    the lexicon self.lex, the vocabulary self.gaz, the document context self.ctx and the language's
    cue words (loaders/cue_sets.py)."""

    def weapons(self, lo: int, hi: int, keep: tuple[str, ...] = ()) -> list[tuple[Mention, Quantity | None]]:
        """The weapon types of a transfer with their quantities; generic classes give way to the
        specific types that follow them ("Raketen vom Typ KN-23 und KN-24")."""
        items = [m for m in self.r.mentions.in_range(lo, hi) if m.kind == "WeaponType"]
        if not items:
            return []
        rounds_of = self.rounds_for_systems(items)
        excluded = self.excluded_by_phrases(items, lo, hi, keep) | self.purposes(items, lo, hi)
        items = [self.as_reported(rounds_of.get(m.start, m)) for m in items
                 if m.start not in excluded and not self.modifies_personnel(m)]
        # "Bayraktar TB2 drones", "Fath-360-Raketen": the class noun after a named system adds nothing
        items = [m for n, m in enumerate(items) if not (
            n and not self.weapon_class(m.entity) and self.weapon_class(items[n - 1].entity)
            and self._modifiers_only(items[n - 1].end, m.start))]  # "HQ-9 long-range air defence systems"
        return self.counted_goods(items, lo, hi)

    def excluded_by_phrases(self, items: list[Mention], lo: int, hi: int, keep: tuple[str, ...]) -> set[int]:
        """The starts of the weapons a phrase of the lexicon's exclude_after governs ("defence
        against drones"), unless a one-word phrase is in `keep`."""
        r = self.r
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
        return excluded

    def purposes(self, items: list[Mention], lo: int, hi: int) -> set[int]:
        """The starts of the weapons in a purpose clause: "sold rifles to strengthen the border guard"."""
        r = self.r
        excluded: set[int] = set()
        for j in range(lo, hi - 1):
            if r.lower[j] in self.purpose_to and r.alpha[j + 1] and r.text[j + 1][:1].islower() \
                    and j + 1 not in r.covered and r.lower[j + 1] not in r.determiners \
                    and r.lower[j + 1] not in self.lex.words("possessives") and r.lower[j + 1] not in self.quantity_words \
                    and r.lemma[j + 1] not in self.lex.triggers and r.lower[j + 1] not in self.lex.triggers:
                stop = next((k for k in range(j + 2, hi) if r.lower[k] in (",", ";")
                             or (r.alpha[k] and r.lemma[k] in self.lex.triggers)), hi)
                excluded.update(m.start for m in items if j < m.start < stop)
        return excluded

    def counted_goods(self, items: list[Mention], lo: int, hi: int) -> list[tuple[Mention, Quantity | None]]:
        """Each weapon of [lo, hi) with its quantity, once: a generic class that introduces named
        systems gives them its quantity and is dropped, as is the remainder of a list ("and other arms")."""
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
