"""Actors and places the vocabulary lacks, named by the document: officials introduced with a
role, organisations after 'Firma' or 'company', places after a place noun or a verb of travel,
and the surnames that then stand for those officials."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from graph.model import slug
from loaders import gazetteer as gaz_mod
from loaders import nlp as nlp_mod
from loaders.mentions import Mention, Mentions, unknown_word

if TYPE_CHECKING:
    from loaders.mention_finder import MentionFinder


class Discovery:
    """Finds the entities a document of one language introduces itself."""

    def __init__(self, finder: MentionFinder):
        self.finder, self.lex, self.gaz, self.table = finder, finder.lex, finder.gaz, finder.table
        lex = finder.lex
        self.motion_preps = lex.words("motion_preps")
        self.calendar = lex.words("months") | lex.words("weekdays")
        self.place_links = lex.words("place_links")
        self.place_suffixes = lex.words("place_suffixes")
        self._parts: dict[str, list[str]] = {}  # catalogue official -> _name_parts of the name
        self._lemmas: frozenset[str] | None = None  # the lemma table's base forms, built when first needed
        self.travel = frozenset(lemma for lemma, ts in lex.triggers.items() if any(t.type in ("VISITS", "DEPLOYS") for t in ts))

    def discover(self, toks: nlp_mod.Tokens, out: Mentions, covered: list[bool]) -> None:
        """Officials introduced with a role, and organisations after 'Firma', 'company' ...; then
        places and surnames."""
        roles = self.finder.role_flags(toks.text, toks.lemma)  # (word classes by position, read once)
        names = self.finder.name_flags(toks.text)
        found = self._introduced(toks, out, covered, roles, names) + self._named_with_role(toks, out, covered,
                                                                                            roles, names)
        for start, end, kind, affil, role in found:
            if not any(covered[start:end]):
                self._add_discovered(toks, out, covered, start, end, kind, affil,
                                     {"role" if kind == "Official" else "category": role.lower()})
        self._places(toks, out, covered, names)
        self._surnames(toks, out, covered)

    def _introduced(self, toks: nlp_mod.Tokens, out: Mentions, covered: list[bool], roles: list[bool],
                    names: list[bool]) -> list[tuple]:
        """(start, end, kind, affiliation, role) of each name after a role noun or an organisation noun."""
        text, lower, lemma = toks.text, toks.lower, toks.lemma
        org_nouns = self.lex.words("org_nouns")
        known_officials = {m.start for m in out.items if m.kind == "Official"}
        found: list[tuple[int, int, str, str | None, str]] = []  # start, end, kind, affiliation, role
        for i in [i for i, (role, low, lem) in enumerate(zip(roles, lower, lemma))
                  if role or low in org_nouns or lem in org_nouns]:  # (most words are neither)
            if covered[i]:
                continue
            if roles[i]:
                j, k = self._name_after_role(toks, out, covered, i, names)
                if k - j >= 2 and unknown_word(text[k - 1], self.table) and j not in known_officials:
                    found.append((j, k, "Official", self._affiliation(out, i, len(text)), text[i]))
            elif lower[i] in org_nouns or lemma[i] in org_nouns:
                j, k = self._name_after_org(toks, covered, i)
                if k > j and all(unknown_word(t, self.table) for t in text[j:k]):
                    found.append((j, k, "Agency", self._adjective_state(out, i), text[i]))
        return found

    def _name_after_role(self, toks: nlp_mod.Tokens, out: Mentions, covered: list[bool], i: int,
                         names: list[bool]) -> tuple[int, int]:
        """The words [j, k) of "<role> [des X], <Name>" or "<role> <Name>" (the role noun at i)."""
        text, lower, n = toks.text, toks.lower, len(toks.text)
        determiners = self.lex.words("determiners")
        j = i + 1
        while j < n and (text[j] in (",",) or lower[j] in determiners
                         or any(m.start <= j < m.end for m in out.items if m.kind != "Official")):
            j += 1
            if j - i > 8:
                break
        k = j
        while k < n and k - j < 4 and not covered[k] and names[k]:
            k += 1
            if k + 1 < n and text[k] == "-" and toks.alpha[k + 1] and not covered[k + 1]:
                k += 2  # "Kim Hyo-jin": a hyphenated given name
        return j, k

    @staticmethod
    def _name_after_org(toks: nlp_mod.Tokens, covered: list[bool], i: int) -> tuple[int, int]:
        """The capitalised words [j, k) after the organisation noun at i ('Firma "Rosoboron"')."""
        text, n = toks.text, len(toks.text)
        j = i + 1
        if j < n and text[j] == '"':
            j += 1
        k = j
        while k < n and k - j < 4 and not covered[k] and text[k][:1].isupper() and toks.alpha[k]:
            k += 1
        return j, k

    def _named_with_role(self, toks: nlp_mod.Tokens, out: Mentions, covered: list[bool], roles: list[bool],
                         names: list[bool]) -> list[tuple]:
        """"<Name>, <role> ...": a name followed by a comma and a role noun."""
        text, lower, n, lex = toks.text, toks.lower, len(toks.text), self.lex
        found = []
        for i in [i for i, name in enumerate(names[:max(0, n - 3)]) if name]:
            if covered[i]:
                continue
            k = i
            while k < n and k - i < 4 and not covered[k] and names[k]:
                k += 1
            if k - i >= 2 and k + 1 < n and text[k] == "," and unknown_word(text[k - 1], self.table) \
                    and not self.finder.is_place_noun(text[i]) and lower[k + 1] not in lex.words("place_relatives") \
                    and lower[k + 1] not in lex.words("relative_pronouns"):  # ("die Stadt X, wohin beide reisten")
                j = k + 1
                while j < min(n, k + 4) and not roles[j] and text[j] != ",":
                    j += 1
                if j < n and roles[j]:
                    found.append((i, k, "Official", self._affiliation(out, j, n), text[j]))
        return found

    def _add_discovered(self, toks: nlp_mod.Tokens, out: Mentions, covered: list[bool], start: int, end: int,
                        kind: str, parent: str | None, props: dict) -> None:
        """An actor or place the vocabulary lacks, named by the words [start, end): an entity of the
        document (once per name) and a mention; a name the vocabulary has is left to it."""
        name = " ".join(toks.text[start:end]).replace(" - ", "-")
        entity_id = slug(name)
        if entity_id in self.gaz:
            return
        if entity_id not in out.discovered:
            out.discovered[entity_id] = gaz_mod.Entry(entity_id, name, kind, parent, {**props, "discovered": True})
        out.items.append(Mention(start, end, entity_id, kind, "discovered"))
        for t in range(start, end):
            covered[t] = True

    def _places(self, toks: nlp_mod.Tokens, out: Mentions, covered: list[bool], names: list[bool]) -> None:
        """Places the vocabulary lacks: an unknown name after a place noun ("die Hafenstadt
        Qingdao", "the port of Gdynia"), or after a preposition of direction near a verb or noun of
        travel ("reisten nach Gdynia", "travelled to Wuhan"). A state adjective before the place
        noun gives its state ("die chinesische Hafenstadt")."""
        text, lower, lemma, n = toks.text, toks.lower, toks.lemma, len(toks.text)
        is_place_noun, place_nouns = self.finder.is_place_noun, self.finder.place_nouns
        named = [alpha and name for alpha, name in zip(toks.alpha, names)] + [False, False]

        def name_at(j: int) -> bool:
            return named[j] and not covered[j]

        # (most words: no name follows; `covered` only grows, so the words left out here stay out)
        for i in [i for i in range(n - 1) if named[i + 1] or named[i + 2] and lower[i + 1] in self.place_links]:
            if covered[i] or not (name_at(i + 1) or (lower[i + 1] in self.place_links and name_at(i + 2))):
                continue
            cue = is_place_noun(text[i]) or lemma[i] in place_nouns
            if not cue and not (lower[i] in self.motion_preps and any(
                    lemma[k] in self.travel or lower[k] in self.travel for k in range(max(0, i - 8), min(n, i + 8)))):
                continue
            j = i + 1 + (cue and lower[i + 1] in self.place_links and i + 2 < n)  # "the port of", "bases around"
            k = j
            while k < n and k - j < 3 and not covered[k] and named[k]:
                k += 1
            if k == j or not all(self._unknown_name(w) for w in text[j:k]) or (k < n and text[k] in ("-",)) \
                    or lower[k - 1] in self.calendar:
                continue
            self._add_discovered(toks, out, covered, j, k, "Location",
                                 self._adjective_state(out, i) if cue else None, {"category": "place"})

    def _unknown_name(self, word: str) -> bool:
        """A word neither the lemma table nor, for a German compound, its last part is known to
        ("Außenministerium" ends with "Ministerium"): likely a name."""
        if self._lemmas is None:
            self._lemmas = frozenset(self.table.values())
        if not unknown_word(word, self.table) or word in self._lemmas:
            return False
        # (a known last part that ends place names makes no compound: "Johannesburg", "Jekaterinburg")
        return self.lex.lang != "de" or not any(
            (word[k:].capitalize() in self._lemmas or word[k:].capitalize() in self.table)
            and word[k:].lower() not in self.place_suffixes for k in range(2, len(word) - 3))

    def _affiliation(self, out: Mentions, role_index: int, n: int) -> str | None:
        """The agency or state a role belongs to: 'Sprecherin des Pentagons', 'der russische Minister'."""
        after = [m for m in out.items if role_index < m.start <= role_index + 5 and m.kind in ("Agency", "State", "Location")]
        before = [m for m in out.items if role_index - 3 <= m.start < role_index and m.kind in ("Agency", "State")]
        for m in after + before:
            return self.gaz.state_of(m.entity) if m.kind == "Location" else m.entity
        return None

    def _adjective_state(self, out: Mentions, index: int) -> str | None:
        for m in out.items:
            if index - 3 <= m.start < index and m.kind == "State":
                return m.entity
        return None

    def _name_parts(self, name: str) -> list[str]:
        """The parts of an official's name that may stand for him: no word of the language."""
        return [part for part in re.split(r"[\s-]+", name)
                if len(part) >= 3 and part[:1].isupper() and unknown_word(part, self.table)]

    def _catalogue_name_parts(self, entity_id: str) -> list[str]:
        """_name_parts of a catalogue official's name (kept per official)."""
        got = self._parts.get(entity_id)
        if got is None:
            got = self._parts[entity_id] = self._name_parts(self.gaz[entity_id].name)
        return got

    def _surnames(self, toks: nlp_mod.Tokens, out: Mentions, covered: list[bool]) -> None:
        """'Herr Kirby', 'Kirby sagte', 'traf sich mit Sisi', 'Kim': a part of the name of an official
        the document names in full stands for that official (not a word of the language, and not
        shared by two officials of the document)."""
        owners: dict[str, set[str]] = {}
        named = [(e.id, self._name_parts(e.name)) for e in out.discovered.values() if e.kind == "Official"]
        named += [(m.entity, self._catalogue_name_parts(m.entity)) for m in out.items
                  if m.kind == "Official" and m.entity in self.gaz and m.role != "surname"]
        for entity_id, parts in named:
            for part in parts:
                owners.setdefault(part, set()).add(entity_id)
        surnames = {part: next(iter(ids)) for part, ids in owners.items() if len(ids) == 1}
        if not surnames:
            return
        for i in [i for i, word in enumerate(toks.text) if word in surnames]:
            word = toks.text[i]
            if not covered[i]:
                out.items.append(Mention(i, i + 1, surnames[word], "Official", "surname"))
                covered[i] = True
