"""Weapons the vocabulary's words miss: inside German compounds ('Flugabwehrsystem'), by calibre
('170-mm-Artillerie'), by a model designation ('TB3 drones') or a short name next to a weapon
class ('Hawk batteries', 'Panzer vom Typ Dachs')."""
from __future__ import annotations

import re

from spacy.tokens import Doc

from graph.model import slug
from loaders import gazetteer as gaz_mod
from loaders import nlp as nlp_mod
from loaders.lexicon import Lexicon
from loaders.mentions import Mention, Mentions, unknown_word

CALIBRE_RE = re.compile(r"^(\d{2,3})(?:mm)?$")
DESIGNATION_PART = re.compile(r"^(?:[A-Z][A-Za-z]*\d*[A-Za-z]*|\d+[A-Za-z]*)$")  # 'CH', '92A', 'FTC', '2000G', 'Type


class WeaponNames:
    """Finds the weapons of a document of one language beyond the vocabulary's matches."""

    def __init__(self, lex: Lexicon, gaz: gaz_mod.Gazetteer, table: dict[str, str]):
        self.lex, self.gaz, self.table = lex, gaz, table
        # "The 14 tanks", "Die 14 Panzer", "Nearly 40 tanks", "Another 30": a capitalised function word,
        # quantity word or count word before a number is no model name
        q = lex.quantities
        self.function_words = lex.words("determiners") | frozenset(lex.words("pronouns_it")) | frozenset(
            w for phrases in q["qualifiers"].values() for p in phrases for w in p) | frozenset(
            q.get("vague") or ()) | frozenset(q.get("numbers") or ()) | lex.words("count_words")
        generic = {}
        for e in gaz.entries.values():
            if e.kind == "WeaponType" and not e.cls:
                for alias in (e.name, *e.aliases):
                    if " " not in alias and "-" not in alias and len(alias) >= 5:
                        generic.setdefault(gaz_mod.light_stem(alias, lex.lang), e.id)
        self.generic_suffixes = sorted(generic.items(), key=lambda kv: -len(kv[0]))
        self._compound_cache: dict[str, str | None] = {}
        self.type_markers = tuple(p for p in lex.phrases("specifics") if any(w.startswith(("typ", "type", "model")) for w in p))
        self.marker_starts = frozenset(p[0] for p in self.type_markers if p)
        self.list_marks = frozenset({",", ";", "(", ")"}) | lex.words("coordinators")
        self.calibre_links = frozenset({"kaliber", "calibre", "caliber", "-", "(", "im", "in", "der", "des", "vom",
                                        "von", "of", "mit", "with", "a", "the"})

    def compound(self, stem: str) -> str | None:
        if stem in self._compound_cache:
            return self._compound_cache[stem]
        got = self._compound_cache[stem] = self._compound_of(stem)
        return got

    def _compound_of(self, stem: str) -> str | None:
        for candidate in (stem, stem[:-6] if stem.endswith("system") else None):
            if not candidate:
                continue
            for suffix, entity_id in self.generic_suffixes:
                if candidate.endswith(suffix) and len(candidate) > len(suffix):
                    return entity_id
        return None

    def calibres(self, toks: nlp_mod.Tokens, out: Mentions) -> None:
        """'240mm', '170-mm-Artillerie', 'Kaliber 155': a generic weapon nearby becomes the system of that calibre."""
        text = toks.text
        for i, word in enumerate(text):
            if not word[:1].isdigit():  # what CALIBRE_RE needs first; skips the regex for most words
                continue
            m = CALIBRE_RE.match(word)
            if not m:
                continue
            nxt = [t.lower() for t in text[i + 1:i + 3]]
            prev = text[i - 1].lower() if i else ""
            if nxt[:1] == ["mm"] or nxt[:2] == ["-", "mm"] or prev in ("kaliber", "calibre", "caliber"):
                out.calibres[i] = float(m.group(1))
        if not out.calibres:
            return  # (no calibre, nothing near any mention)
        lower = toks.lower
        for mention in out.items:
            if mention.kind != "WeaponType" or self.gaz[mention.entity].cls:
                continue
            # the calibre of this noun phrase: before the noun with no list between ("170 mm self-propelled
            # guns", not "missiles, 170 mm guns"), or after it as "der Kaliber 152", "of 155 mm calibre"
            near = [c for i, c in out.calibres.items()
                    if mention.start - 6 <= i < mention.start and not self.list_marks & set(lower[i + 1:mention.start])
                    or mention.end <= i <= mention.end + 4 and set(lower[mention.end:i]) <= self.calibre_links]
            for calibre in near:
                options = self.gaz.weapons_by_calibre(calibre)
                if not options:
                    continue
                same_class = [o for o in options if o.cls == mention.entity]
                named = [o for o in same_class if f"{int(calibre)} mm" in o.name]  # the generic "155 mm artillery shell"
                mention.entity = (named or same_class or options)[0].id
                break

    def designations(self, doc: Doc, toks: nlp_mod.Tokens, out: Mentions, covered: list[bool]) -> None:
        """'TB3 drones', 'Skyranger 35 systems', 'Garpiya-3-Drohnen', 'Raketen vom Typ X-59': a model
        designation next to a weapon class is a weapon type of that class, even when we do not know it."""
        for m in list(out.items):
            if m.kind != "WeaponType" or self.gaz[m.entity].cls:
                continue
            text = toks.text
            j = m.start
            while j > 0 and m.start - j < 4 and not covered[j - 1] and (
                    any(c.isdigit() for c in text[j - 1]) or text[j - 1] == "-"
                    or (text[j - 1][:1].isupper() and j < len(text) and text[j - 1].lower() not in self.function_words
                        and self._unknown(text[j - 1])  # "Ende 2023 40 Panzer", "nach Angaben 40 Panzer"
                        and (text[j] == "-" or any(c.isdigit() for c in text[j])))):
                j -= 1
            while j < m.start and text[j] == "-":
                j += 1
            if j == m.start:
                continue  # (most mentions: no designation before them)
            end = m.start - 1 if text[m.start - 1] == "-" and m.start - j > 1 else m.start
            name = toks.span_text(j, end).strip(" -")  # (as Span.text: no Span to make)
            if not any(c.isdigit() for c in name) or not name[:1].isalpha() or len(name) < 2:
                continue
            entity_id = slug(name)
            if entity_id not in self.gaz and entity_id not in out.discovered:
                out.discovered[entity_id] = gaz_mod.Entry(entity_id, name, "WeaponType", None,
                                                          {"category": self.gaz[m.entity].props.get("category", ""),
                                                           "discovered": True}, cls=m.entity)
            target = entity_id if entity_id not in self.gaz else entity_id
            out.items.append(Mention(j, end, target, "WeaponType", "discovered"))
            for t in range(j, end):
                covered[t] = True

    def names_with_class(self, toks: nlp_mod.Tokens, out: Mentions, covered: list[bool]) -> None:
        """A system's short name next to its class noun: 'Hawk-Luftabwehrsysteme', 'Hawk batteries'
        (the catalogue's system of that class whose name has the word), and a name after a type
        marker, 'Pionierpanzer vom Typ Dachs', 'drones of the type Orion' (that system, or a new one
        of the class when the catalogue lacks it)."""
        text, lower, n = toks.text, toks.lower, len(toks.text)
        for m in list(out.items):
            if m.kind != "WeaponType" or m.entity not in self.gaz or self.gaz[m.entity].cls:
                continue
            hyphen = m.start > 0 and text[m.start - 1] == "-"
            j = m.start - 1 - hyphen
            if j >= 0 and not covered[j] and self._short_name(text[j]) and (hyphen or self._unknown(text[j])):
                got = self.gaz.system_named(m.entity, text[j])
                if got is None and self.lex.lang == "en" and not hyphen and unknown_word(text[j], self.table) \
                        and text[j].lower() not in self.function_words \
                        and text[j].lower() not in self.lex.words("name_stops"):  # "Bushmaster armoured vehicles":
                    got = slug(text[j])  # a system of that class the catalogue lacks
                    if got in self.gaz:
                        got = None
                    else:
                        out.discovered.setdefault(got, gaz_mod.Entry(got, text[j], "WeaponType", None, {
                            "category": self.gaz[m.entity].props.get("category", ""), "discovered": True},
                            cls=m.entity))
                if got:
                    out.items.append(Mention(j, j + 1, got, "WeaponType", "name"))
                    covered[j] = True
                    continue
            k = m.end
            if k < n and lower[k] not in self.marker_starts and () not in self.type_markers:
                continue  # (no type marker starts here)
            marker = next((p for p in self.type_markers if tuple(lower[k:k + len(p)]) == p), None)
            if not marker:
                continue
            k += len(marker)
            e = k
            while e < n and e - k < 3 and not covered[e] and self._short_name(text[e]):
                e += 1
            if e == k or (e < n and (text[e] == "-" or any(c.isdigit() for c in text[e]))):
                codes = {t for x in out.items if x.role == "code" for t in range(x.start, x.end)}
                free = [c and t not in codes for t, c in enumerate(covered[:k + 5])]  # "CH" is no Switzerland
                e = self._designation_end(text, free, k)  # "Kampfdrohnen vom Typ CH-92A"
                if e == k:
                    continue
                out.items[:] = [x for x in out.items if not (x.role == "code" and k <= x.start < e)]
                name = toks.span_text(k, e)
            else:
                name = " ".join(text[k:e])
            got = self.gaz.system_named(m.entity, name)
            if not got:
                got = slug(name)
                if got in self.gaz:
                    continue
                out.discovered.setdefault(got, gaz_mod.Entry(got, name, "WeaponType", None, {
                    "category": self.gaz[m.entity].props.get("category", ""), "discovered": True}, cls=m.entity))
            out.items.append(Mention(k, e, got, "WeaponType", "discovered"))
            for t in range(k, e):
                covered[t] = True

    @staticmethod
    def _designation_end(text: list[str], covered: list[bool], k: int) -> int:
        """The end of a model designation with a number that starts at k ('CH-92A', 'FTC-2000G',
        'Type 99'): capitalised or numbered words joined by hyphens; k when there is none."""
        e = k
        while e < len(text) and e - k < 5 and not covered[e] and (
                DESIGNATION_PART.match(text[e]) or text[e] == "-" and e > k and e + 1 < len(text)
                and DESIGNATION_PART.match(text[e + 1])):
            e += 1
        return e if any(c.isdigit() for t in text[k:e] for c in t) and text[k][:1].isalnum() else k

    @staticmethod
    def _short_name(word: str) -> bool:
        return len(word) >= 3 and word[:1].isupper() and word.isalpha()

    def _unknown(self, word: str) -> bool:
        """No word of the language ('Hawk batteries'; German nouns are capitalised too, so the lemma
        table decides there)."""
        return self.lex.lang == "en" or unknown_word(word, self.table)
