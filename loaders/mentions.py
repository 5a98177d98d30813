"""Who and what a document names: vocabulary matches, weapons inside German compounds and
by calibre, officials and organisations introduced with a role, surnames, 'das Land'."""
from __future__ import annotations

import re
from bisect import bisect_left, insort
from dataclasses import dataclass, field

from spacy.tokens import Doc

from graph.model import slug
from loaders import gazetteer as gaz_mod
from loaders import nlp as nlp_mod
from loaders.lexicon import Lexicon

ACTOR_KINDS = ("State", "Official", "Agency")
CALIBRE_RE = re.compile(r"^(\d{2,3})(?:mm)?$")
# a wire dateline: "KYIV (Reuters) -", "WASHINGTON/MOSCOW, Jan 26 (Reuters) -", "Minsk/Kiew (dpa) -", "Kiew –"
DATELINE_RE = re.compile(r"^\s*(?:[A-ZÄÖÜ][A-ZÄÖÜ.\-/ ]{2,}|[A-ZÄÖÜ][\w.\-]+(?:/[A-ZÄÖÜ][\w.\-]+)*)"
                         r"(?:,\s*[\w. ]{1,30})?\s*(?:\([^)]{1,40}\))?\s*[-–—]\s")


@dataclass(slots=True)
class Mention:
    """A stretch of tokens [start, end) that names an entity."""

    start: int
    end: int
    entity: str
    kind: str
    role: str  # name | code | metonym | adjective | demonym | compound | discovered | surname | anaphor

    @property
    def is_adjective(self) -> bool:
        return self.role == "adjective"


@dataclass(slots=True)
class Mentions:
    """All mentions of one document, plus what the document itself taught us."""

    items: list[Mention] = field(default_factory=list)
    discovered: dict[str, gaz_mod.Entry] = field(default_factory=dict)
    personnel: set[int] = field(default_factory=set)      # token indices of soldiers, troops, ...
    calibres: dict[int, float] = field(default_factory=dict)  # token index -> calibre in mm
    _starts: list[int] | None = None  # starts of `items` when they are sorted by start (an index)
    _indexed: int = -1                # len(items) when _starts was made
    _ranges: dict[tuple[int, int], list[Mention]] = field(default_factory=dict)  # in_range's answers

    def in_range(self, start: int, end: int) -> list[Mention]:
        """The mentions inside [start, end), in the order of `items` (the same list for the same
        range, kept until `items` grows: callers only read it)."""
        if self._indexed != len(self.items):
            self._index()
        got = self._ranges.get((start, end))
        if got is None:
            got = self._ranges[(start, end)] = self._scan(start, end)
        return got

    def _index(self) -> None:
        starts = [m.start for m in self.items]
        self._starts = starts if all(a <= b for a, b in zip(starts, starts[1:])) else None
        self._indexed = len(self.items)
        self._ranges = {}

    def _scan(self, start: int, end: int) -> list[Mention]:
        items = self.items
        if self._starts is None:
            return [m for m in items if start <= m.start and m.end <= end]
        out = []
        for k in range(bisect_left(self._starts, start), len(items)):
            m = items[k]
            if m.start >= end:
                break
            if m.end <= end:
                out.append(m)
        return out


def _is_name_token(text: str, lex: Lexicon) -> bool:
    if not text[:1].isupper() or not re.match(r"^[A-ZÄÖÜ][\w'\-]+$", text) or text.isupper() and len(text) > 3:
        return False
    lower = text.lower()
    if lower in lex.words("role_nouns") or lower in lex.words("titles") or lower in lex.words("determiners"):
        return False
    return True


def _unknown_word(text: str, table: dict) -> bool:
    """Not a word form the lemma table knows: likely a proper name (Singh, Kirby, Kweun)."""
    return text not in table and text.lower() not in table


class MentionFinder:
    """Finds mentions in a processed spaCy Doc of one language."""

    def __init__(self, lex: Lexicon, gaz: gaz_mod.Gazetteer):
        self.lex = lex
        # "The 14 tanks", "Die 14 Panzer": a capitalised function word before a number is no model name
        self.function_words = lex.words("determiners") | frozenset(lex.words("pronouns_it"))
        self.gaz = gaz
        self.table = nlp_mod.lemma_table(lex.lang)
        generic = {}
        for e in gaz.entries.values():
            if e.kind == "WeaponType" and not e.cls:
                for alias in (e.name, *e.aliases):
                    if " " not in alias and "-" not in alias and len(alias) >= 5:
                        generic.setdefault(gaz_mod.light_stem(alias, lex.lang), e.id)
        self.generic_suffixes = sorted(generic.items(), key=lambda kv: -len(kv[0]))
        self.personnel = {gaz_mod.light_stem(w, lex.lang) for w in lex.words("personnel")}
        self.role_nouns = sorted({gaz_mod.fold(w) for w in lex.words("role_nouns")}, key=len, reverse=True)
        self.role_set = frozenset(self.role_nouns)
        self._role_cache: dict[str, bool] = {}
        # per word form / stem: the answers below depend on nothing else, and words repeat
        self._name_cache: dict[str, bool] = {}
        self._personnel_cache: dict[str, bool] = {}
        self._compound_cache: dict[str, str | None] = {}
        self.place_nouns = lex.words("place_nouns")
        self.motion_preps = lex.words("motion_preps")
        self.calendar = lex.words("months") | lex.words("weekdays")
        self.place_links = lex.words("place_links")
        self._lemmas: frozenset[str] | None = None  # the lemma table's base forms, built when first needed
        self._place_cache: dict[str, bool] = {}
        self.type_markers = tuple(p for p in lex.phrases("specifics") if any(w.startswith(("typ", "type", "model")) for w in p))
        self.list_marks = frozenset({",", ";", "(", ")"}) | lex.words("coordinators")
        self.calibre_links = frozenset({"kaliber", "calibre", "caliber", "-", "(", "im", "in", "der", "des", "vom",
                                        "von", "of", "mit", "with", "a", "the"})
        self.travel = frozenset(lemma for lemma, ts in lex.triggers.items() if any(t.type in ("VISITS", "DEPLOYS") for t in ts))

    # -- helpers -----------------------------------------------------------------
    def is_role_noun(self, text: str, lemma: str) -> bool:
        """Sprecherin, Pressesprecherin, Pentagonchef, Militäranalyst, spokesman ... (a token's
        text and lemma; the lemma is a function of the text, so the answer is kept per text)."""
        got = self._role_cache.get(text)
        if got is None:
            low = gaz_mod.fold(text)
            got = low in self.role_set or gaz_mod.fold(lemma) in self.role_set or (
                self.lex.lang == "de" and text[:1].isupper()
                and any(low.endswith(r) and len(r) >= 4 for r in self.role_nouns))
            self._role_cache[text] = got
        return got

    def is_personnel(self, stem: str) -> bool:
        """Soldaten, Truppen, Militärspezialisten, troops ... (a token's light stem)."""
        got = self._personnel_cache.get(stem)
        if got is None:
            got = self._personnel_cache[stem] = stem in self.personnel or (
                self.lex.lang == "de" and len(stem) > 6 and any(
                    stem.endswith(p) and len(p) >= 5 for p in self.personnel))
        return got

    def is_name(self, text: str) -> bool:
        got = self._name_cache.get(text)
        if got is None:
            got = self._name_cache[text] = _is_name_token(text, self.lex)
        return got

    # -- the passes --------------------------------------------------------------
    def find(self, doc: Doc) -> Mentions:
        out = Mentions()
        toks = nlp_mod.tokens(doc)
        text, norm, n = toks.text, toks.norm, len(toks.text)
        covered = [False] * n
        dateline = self._dateline(doc, toks)
        weapon_starts = {start for start, _, entity_id, _ in doc.user_data[nlp_mod.VOCAB_KEY]
                         if self.gaz[entity_id].kind == "WeaponType"}
        for start, end, entity_id, role in doc.user_data[nlp_mod.VOCAB_KEY]:
            entry = self.gaz[entity_id]
            if self._is_unit_compound(toks, end) or dateline[0] <= start < dateline[1]:
                continue
            if entry.kind == "Official" and end - start == 1 and end + 2 < n and self.is_name(text[end]) \
                    and _unknown_word(text[end], self.table) and text[end + 1] == "-" and toks.alpha[end + 2]:
                continue  # "Kim Hyo-jin" is not Kim Jong Un: a known name part before an unknown hyphenated name
            if role == "demonym" and self.lex.lang == "en" and end < n and (
                    toks.alpha[end] and text[end].islower() or end in weapon_starts
                    or text[end] == "-" and end + 1 < n and text[end + 1][:1].islower()):
                role = "adjective"  # "Russian airfields", "German-made tanks", "Russian MiG-29s": a demonym before a noun
            out.items.append(Mention(start, end, entity_id, entry.kind, role))
            for i in range(start, end):
                covered[i] = True
        german = self.lex.lang == "de"
        for i in range(n):
            if covered[i]:
                continue
            if self.is_personnel(norm[i]):
                out.personnel.add(i)
            elif german and len(norm[i]) >= 7 and text[i][:1].isupper():
                weapon = self._compound_weapon(norm[i])
                if weapon:
                    out.items.append(Mention(i, i + 1, weapon, "WeaponType", "compound"))
        self._calibres(toks, out)
        self._designations(doc, toks, out, covered)
        self._names_with_class(toks, out, covered)
        self._discover(toks, out, covered)
        self._anaphora(toks, out, covered)
        out.items.sort(key=lambda m: (m.start, m.end))
        return out

    @staticmethod
    def _dateline(doc: Doc, toks: nlp_mod.Tokens) -> tuple[int, int]:
        """Tokens of a wire dateline ('KYIV (Reuters) -', 'TAIPEI, Taiwan –') name no actor: its
        token range (a headline before it keeps its actors)."""
        for sent in toks.sents[:3]:
            end = min(sent.end, sent.start + 20)  # a dateline is short (and Doc.text would make a Token of every token)
            m = DATELINE_RE.match(toks.span_text(sent.start, end))
            if m:
                end_char = toks.idx[sent.start] + m.end()
                return sent.start, next((i for i in range(sent.start, sent.end) if toks.idx[i] >= end_char), sent.end)
        return 0, 0

    def _is_unit_compound(self, toks: nlp_mod.Tokens, end: int) -> bool:
        """'US-Dollar' names a currency, not the United States."""
        units = self.lex.cues.get("units", {})
        text = toks.text
        return end + 1 < len(text) and text[end] == "-" and text[end + 1].lower() in units

    def _compound_weapon(self, stem: str) -> str | None:
        if stem in self._compound_cache:
            return self._compound_cache[stem]
        got = self._compound_cache[stem] = self._compound_weapon_of(stem)
        return got

    def _compound_weapon_of(self, stem: str) -> str | None:
        for candidate in (stem, stem[:-6] if stem.endswith("system") else None):
            if not candidate:
                continue
            for suffix, entity_id in self.generic_suffixes:
                if candidate.endswith(suffix) and len(candidate) > len(suffix):
                    return entity_id
        return None

    def _calibres(self, toks: nlp_mod.Tokens, out: Mentions) -> None:
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

    def _designations(self, doc: Doc, toks: nlp_mod.Tokens, out: Mentions, covered: list[bool]) -> None:
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
                        and (text[j] == "-" or any(c.isdigit() for c in text[j])))):
                j -= 1
            while j < m.start and text[j] == "-":
                j += 1
            tokens = doc[j:m.start]
            if text[m.start - 1] == "-" and len(tokens) > 1:
                tokens = doc[j:m.start - 1]
            name = tokens.text.strip(" -")
            if not any(c.isdigit() for c in name) or not name[:1].isalpha() or len(name) < 2:
                continue
            entity_id = slug(name)
            if entity_id not in self.gaz and entity_id not in out.discovered:
                out.discovered[entity_id] = gaz_mod.Entry(entity_id, name, "WeaponType", None,
                                                          {"category": self.gaz[m.entity].props.get("category", ""),
                                                           "discovered": True}, cls=m.entity)
            target = entity_id if entity_id not in self.gaz else entity_id
            out.items.append(Mention(tokens.start, tokens.end, target, "WeaponType", "discovered"))
            for t in range(tokens.start, tokens.end):
                covered[t] = True

    def _names_with_class(self, toks: nlp_mod.Tokens, out: Mentions, covered: list[bool]) -> None:
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
                if got:
                    out.items.append(Mention(j, j + 1, got, "WeaponType", "name"))
                    covered[j] = True
                    continue
            k = m.end
            marker = next((p for p in self.type_markers if tuple(lower[k:k + len(p)]) == p), None)
            if not marker:
                continue
            k += len(marker)
            e = k
            while e < n and e - k < 3 and not covered[e] and self._short_name(text[e]):
                e += 1
            if e == k or (e < n and (text[e] == "-" or any(c.isdigit() for c in text[e]))):
                continue  # (a designation with a number is _designations')
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
    def _short_name(word: str) -> bool:
        return len(word) >= 3 and word[:1].isupper() and word.isalpha()

    def _unknown(self, word: str) -> bool:
        """No word of the language ('Hawk batteries'; German nouns are capitalised too, so the lemma
        table decides there)."""
        return self.lex.lang == "en" or _unknown_word(word, self.table)

    def _discover(self, toks: nlp_mod.Tokens, out: Mentions, covered: list[bool]) -> None:
        """Officials introduced with a role, and organisations after 'Firma', 'company' ..."""
        lex, n = self.lex, len(toks.text)
        text, lower, lemma, is_name = toks.text, toks.lower, toks.lemma, self.is_name
        determiners, org_nouns = lex.words("determiners"), lex.words("org_nouns")
        known_officials = {m.start for m in out.items if m.kind == "Official"}
        found: list[tuple[int, int, str, str | None, str]] = []  # start, end, kind, affiliation, role
        for i in range(n):
            if covered[i]:
                continue
            if self.is_role_noun(text[i], lemma[i]):
                # "<role> [des X], <Name>" or "<role> <Name>"
                j = i + 1
                affil = self._affiliation(out, i, n)
                while j < n and (text[j] in (",",) or lower[j] in determiners
                                 or any(m.start <= j < m.end for m in out.items if m.kind != "Official")):
                    j += 1
                    if j - i > 8:
                        break
                k = j
                while k < n and k - j < 4 and not covered[k] and is_name(text[k]):
                    k += 1
                    if k + 1 < n and text[k] == "-" and toks.alpha[k + 1] and not covered[k + 1]:
                        k += 2  # "Kim Hyo-jin": a hyphenated given name
                if k - j >= 2 and _unknown_word(text[k - 1], self.table) and j not in known_officials:
                    found.append((j, k, "Official", affil, text[i]))
            elif lower[i] in org_nouns or lemma[i] in org_nouns:
                j = i + 1
                if j < n and text[j] == '"':
                    j += 1
                k = j
                while k < n and k - j < 4 and not covered[k] and text[k][:1].isupper() and toks.alpha[k]:
                    k += 1
                if k > j and all(_unknown_word(t, self.table) for t in text[j:k]):
                    found.append((j, k, "Agency", self._adjective_state(out, i), text[i]))
        # "<Name>, <role> ...": a name followed by a comma and a role noun
        for i in range(n - 3):
            if covered[i] or not is_name(text[i]):
                continue
            k = i
            while k < n and k - i < 4 and not covered[k] and is_name(text[k]):
                k += 1
            if k - i >= 2 and k + 1 < n and text[k] == "," and _unknown_word(text[k - 1], self.table) \
                    and not self.is_place_noun(text[i]) and lower[k + 1] not in lex.words("place_relatives") \
                    and lower[k + 1] not in lex.words("relative_pronouns"):  # ("die Stadt X, wohin beide reisten")
                j = k + 1
                while j < min(n, k + 4) and not self.is_role_noun(text[j], lemma[j]) and text[j] != ",":
                    j += 1
                if j < n and self.is_role_noun(text[j], lemma[j]):
                    found.append((i, k, "Official", self._affiliation(out, j, n), text[j]))
        for start, end, kind, affil, role in found:
            if not any(covered[start:end]):
                self._add_discovered(toks, out, covered, start, end, kind, affil,
                                     {"role" if kind == "Official" else "category": role.lower()})
        self._places(toks, out, covered)
        self._surnames(toks, out, covered)

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

    def is_place_noun(self, text: str) -> bool:
        """Stadt, Hafenstadt, Militärflugplatz, port, airbase ... (German compounds by their end;
        kept per word form, which decides the answer)."""
        got = self._place_cache.get(text)
        if got is None:
            low = text.lower()
            got = self._place_cache[text] = low in self.place_nouns or (
                self.lex.lang == "de" and text[:1].isupper() and len(low) > 6
                and any(low.endswith(p) and len(p) >= 4 for p in self.place_nouns))
        return got

    def _places(self, toks: nlp_mod.Tokens, out: Mentions, covered: list[bool]) -> None:
        """Places the vocabulary lacks: an unknown name after a place noun ("die Hafenstadt
        Qingdao", "the port of Gdynia"), or after a preposition of direction near a verb or noun of
        travel ("reisten nach Gdynia", "travelled to Wuhan"). A state adjective before the place
        noun gives its state ("die chinesische Hafenstadt")."""
        text, lower, lemma, n = toks.text, toks.lower, toks.lemma, len(toks.text)
        def name_at(j: int) -> bool:
            return j < n and not covered[j] and toks.alpha[j] and self.is_name(text[j])

        for i in range(n - 1):
            if covered[i] or not (name_at(i + 1) or (lower[i + 1] in self.place_links and name_at(i + 2))):
                continue  # (most words: no name follows)
            cue = self.is_place_noun(text[i]) or lemma[i] in self.place_nouns
            if not cue and not (lower[i] in self.motion_preps and any(
                    lemma[k] in self.travel or lower[k] in self.travel for k in range(max(0, i - 8), min(n, i + 8)))):
                continue
            j = i + 1 + (cue and lower[i + 1] in self.place_links and i + 2 < n)  # "the port of", "bases around"
            k = j
            while k < n and k - j < 3 and not covered[k] and toks.alpha[k] and self.is_name(text[k]):
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
        if not _unknown_word(word, self.table) or word in self._lemmas:
            return False
        return self.lex.lang != "de" or not any(
            word[k:].capitalize() in self._lemmas or word[k:].capitalize() in self.table for k in range(2, len(word) - 3))

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

    def _surnames(self, toks: nlp_mod.Tokens, out: Mentions, covered: list[bool]) -> None:
        """'Herr Kirby', 'Kirby sagte', 'traf sich mit Sisi', 'Kim': a part of the name of an official
        the document names in full stands for that official (not a word of the language, and not
        shared by two officials of the document)."""
        owners: dict[str, set[str]] = {}
        named = [(e.id, e.name) for e in out.discovered.values() if e.kind == "Official"]
        named += [(m.entity, self.gaz[m.entity].name) for m in out.items
                  if m.kind == "Official" and m.entity in self.gaz and m.role != "surname"]
        for entity_id, name in named:
            for part in re.split(r"[\s-]+", name):
                if len(part) >= 3 and part[:1].isupper() and _unknown_word(part, self.table):
                    owners.setdefault(part, set()).add(entity_id)
        surnames = {part: next(iter(ids)) for part, ids in owners.items() if len(ids) == 1}
        if not surnames:
            return
        for i, word in enumerate(toks.text):
            if not covered[i] and word in surnames:
                out.items.append(Mention(i, i + 1, surnames[word], "Official", "surname"))
                covered[i] = True

    def _body_of(self, toks: nlp_mod.Tokens, entity: str, kind: str, end: int) -> tuple[str, int]:
        """'the country's foreign ministry', 'the kingdom's interior ministry': a body of the state an
        anaphor names, when the vocabulary knows it by that state's possessive ('Taiwan's Defence
        Ministry'); else the state itself. (entity, end of the words that name it)"""
        if kind != "State" or end + 1 >= len(toks.lower) or toks.lower[end] not in ("'s", "'"):
            return entity, end
        for n in (3, 2, 1):
            words = toks.text[end + 1:end + 1 + n]
            if len(words) == n and all(w[:1].isalpha() for w in words):
                body = self.gaz.find(f"{self.gaz[entity].name}'s {' '.join(words)}")
                if body is not None and body.kind == "Agency" and self.gaz.state_of(body.id) == entity:
                    return body.id, end + 1 + n
        return entity, end

    def _anaphora(self, toks: nlp_mod.Tokens, out: Mentions, covered: list[bool]) -> None:
        """'das Land', 'the country': the state last named before the current sentence ('the island':
        the island state named last); 'das
        Ministerium', 'the agency', 'the company': the body of that category last named."""
        kinds = [(self.lex.phrases("anaphora_country"), "State", lambda m: m.kind == "State"),
                 (self.lex.phrases("anaphora_island"), "State", lambda m: m.kind == "State"
                  and m.entity in self.gaz and bool(self.gaz[m.entity].props.get("island")))]
        for category, phrases in (self.lex.cues.get("anaphora_agency") or {}).items():
            kinds.append((tuple(tuple(p) for p in phrases), "Agency", lambda m, c=category: m.kind == "Agency"
                          and m.entity in self.gaz and self.gaz[m.entity].props.get("category") == c))
        by_word: dict[str, list] = {}  # a phrase's first word -> (phrase, kind, which mentions it may stand for)
        for phrases, kind, fits in kinds:
            for phrase in phrases:
                if phrase:
                    by_word.setdefault(phrase[0], []).append((phrase, kind, fits))
        for options in by_word.values():  # the longest phrase first ("the island nation", not "the island")
            options.sort(key=lambda o: -len(o[0]))
        named = sorted((m for m in out.items if not m.is_adjective), key=lambda m: m.start)
        for sent_start, sent_end in toks.sents:
            for start in range(sent_start, sent_end):
                for phrase, kind, fits in by_word.get(toks.lower[start], ()):
                    end = start + len(phrase)
                    if tuple(toks.lower[start:end]) != phrase or any(covered[start:end]):
                        continue
                    before = [m for m in named if m.end <= sent_start and fits(m)]
                    if before:
                        entity, end = self._body_of(toks, before[-1].entity, kind, end)
                        out.items.append(Mention(start, end, entity, self.gaz[entity].kind, "anaphor"))
                        if entity != before[-1].entity:  # a body named so stands for later "the ministry"
                            insort(named, out.items[-1], key=lambda m: m.start)
                        for t in range(start, end):
                            covered[t] = True
