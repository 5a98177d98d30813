"""Who and what a document names: vocabulary matches, weapons inside German compounds and
by calibre, officials and organisations introduced with a role, surnames, 'das Land'."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc

from graph.model import slug
from loaders import gazetteer as gaz_mod
from loaders import nlp as nlp_mod
from loaders.lexicon import Lexicon

ACTOR_KINDS = ("State", "Official", "Agency")
CALIBRE_RE = re.compile(r"^(\d{2,3})(?:mm)?$")
DATELINE_RE = re.compile(r"^\s*[A-ZÄÖÜ][A-ZÄÖÜ.\- ]{2,}(?:,\s*[A-ZÄÖÜ][\w. ]+)?\s*(?:\([^)]{1,40}\))?\s*[-–—]\s")


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

    def in_range(self, start: int, end: int) -> list[Mention]:
        return [m for m in self.items if start <= m.start and m.end <= end]


def _is_name_token(tok, lex: Lexicon, table: dict) -> bool:
    text = tok.text
    if not text[:1].isupper() or not re.match(r"^[A-ZÄÖÜ][\w'\-]+$", text) or text.isupper() and len(text) > 3:
        return False
    lower = text.lower()
    if lower in lex.words("role_nouns") or lower in lex.words("titles") or lower in lex.words("determiners"):
        return False
    return True


def _unknown_word(tok, table: dict) -> bool:
    """Not a word form the lemma table knows: likely a proper name (Singh, Kirby, Kweun)."""
    return tok.text not in table and tok.text.lower() not in table


class MentionFinder:
    """Finds mentions in a processed spaCy Doc of one language."""

    def __init__(self, lex: Lexicon, gaz: gaz_mod.Gazetteer):
        self.lex = lex
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

    # -- helpers -----------------------------------------------------------------
    def is_role_noun(self, tok) -> bool:
        """Sprecherin, Pressesprecherin, Pentagonchef, Militäranalyst, spokesman ..."""
        text = tok.text
        got = self._role_cache.get(text)
        if got is None:
            low = gaz_mod.fold(text)
            got = low in self.role_set or gaz_mod.fold(tok.lemma_) in self.role_set or (
                self.lex.lang == "de" and text[:1].isupper()
                and any(low.endswith(r) and len(r) >= 4 for r in self.role_nouns))
            self._role_cache[text] = got
        return got

    def is_personnel(self, tok) -> bool:
        stem = tok.norm_
        return stem in self.personnel or (self.lex.lang == "de" and len(stem) > 6 and any(
            stem.endswith(p) and len(p) >= 5 for p in self.personnel))

    # -- the passes --------------------------------------------------------------
    def find(self, doc: Doc) -> Mentions:
        out = Mentions()
        covered = [False] * len(doc)
        dateline = self._dateline(doc)
        for span in doc.spans[nlp_mod.SPAN_KEY]:
            entity_id, role = span.label_.split("|")
            entry = self.gaz[entity_id]
            if self._is_unit_compound(doc, span.end) or span.start < dateline:
                continue
            if role == "demonym" and self.lex.lang == "en" and span.end < len(doc) and doc[span.end].is_alpha and doc[span.end].text.islower():
                role = "adjective"  # "Russian airfields": a demonym before a noun is an adjective
            out.items.append(Mention(span.start, span.end, entity_id, entry.kind, role))
            for i in range(span.start, span.end):
                covered[i] = True
        for i, tok in enumerate(doc):
            if covered[i]:
                continue
            if self.is_personnel(tok):
                out.personnel.add(i)
            elif self.lex.lang == "de" and len(tok.norm_) >= 7 and tok.text[:1].isupper():
                weapon = self._compound_weapon(tok.norm_)
                if weapon:
                    out.items.append(Mention(i, i + 1, weapon, "WeaponType", "compound"))
        self._calibres(doc, out)
        self._designations(doc, out, covered)
        self._discover(doc, out, covered)
        self._anaphora(doc, out, covered)
        out.items.sort(key=lambda m: (m.start, m.end))
        return out

    @staticmethod
    def _dateline(doc: Doc) -> int:
        """Tokens of a wire dateline ('KYIV (Reuters) -', 'TAIPEI, Taiwan –') name no actor: its end."""
        for sent in list(doc.sents)[:3]:
            m = DATELINE_RE.match(sent.text)
            if m:
                end_char = sent.start_char + m.end()
                return next((t.i for t in sent if t.idx >= end_char), sent.end)
        return 0

    def _is_unit_compound(self, doc: Doc, end: int) -> bool:
        """'US-Dollar' names a currency, not the United States."""
        units = self.lex.cues.get("units", {})
        return end + 1 < len(doc) and doc[end].text == "-" and doc[end + 1].text.lower() in units

    def _compound_weapon(self, stem: str) -> str | None:
        for candidate in (stem, stem[:-6] if stem.endswith("system") else None):
            if not candidate:
                continue
            for suffix, entity_id in self.generic_suffixes:
                if candidate.endswith(suffix) and len(candidate) > len(suffix):
                    return entity_id
        return None

    def _calibres(self, doc: Doc, out: Mentions) -> None:
        """'240mm', '170-mm-Artillerie', 'Kaliber 155': a generic weapon nearby becomes the system of that calibre."""
        for i, tok in enumerate(doc):
            m = CALIBRE_RE.match(tok.text)
            if not m:
                continue
            nxt = [t.text.lower() for t in doc[i + 1:i + 3]]
            prev = doc[i - 1].text.lower() if i else ""
            if nxt[:1] == ["mm"] or nxt[:2] == ["-", "mm"] or prev in ("kaliber", "calibre", "caliber"):
                out.calibres[i] = float(m.group(1))
        for mention in out.items:
            if mention.kind != "WeaponType" or self.gaz[mention.entity].cls:
                continue
            near = [c for i, c in out.calibres.items() if mention.start - 6 <= i <= mention.end + 4]
            for calibre in near:
                options = self.gaz.weapons_by_calibre(calibre)
                if not options:
                    continue
                same_class = [o for o in options if o.cls == mention.entity]
                named = [o for o in same_class if f"{int(calibre)} mm" in o.name]  # the generic "155 mm artillery shell"
                mention.entity = (named or same_class or options)[0].id
                break

    def _designations(self, doc: Doc, out: Mentions, covered: list[bool]) -> None:
        """'TB3 drones', 'Skyranger 35 systems', 'Garpiya-3-Drohnen', 'Raketen vom Typ X-59': a model
        designation next to a weapon class is a weapon type of that class, even when we do not know it."""
        for m in list(out.items):
            if m.kind != "WeaponType" or self.gaz[m.entity].cls:
                continue
            j = m.start
            while j > 0 and m.start - j < 4 and not covered[j - 1] and (
                    any(c.isdigit() for c in doc[j - 1].text) or doc[j - 1].text == "-"
                    or (doc[j - 1].text[:1].isupper() and j < len(doc)
                        and (doc[j].text == "-" or any(c.isdigit() for c in doc[j].text)))):
                j -= 1
            while j < m.start and doc[j].text == "-":
                j += 1
            tokens = doc[j:m.start]
            if doc[m.start - 1].text == "-" and len(tokens) > 1:
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

    def _discover(self, doc: Doc, out: Mentions, covered: list[bool]) -> None:
        """Officials introduced with a role, and organisations after 'Firma', 'company' ..."""
        lex, n = self.lex, len(doc)
        known_officials = {m.start for m in out.items if m.kind == "Official"}
        found: list[tuple[int, int, str, str | None, str]] = []  # start, end, kind, affiliation, role
        for i, tok in enumerate(doc):
            if covered[i]:
                continue
            if self.is_role_noun(tok):
                # "<role> [des X], <Name>" or "<role> <Name>"
                j = i + 1
                affil = self._affiliation(out, i, n)
                while j < n and (doc[j].text in (",",) or doc[j].lower_ in lex.words("determiners")
                                 or any(m.start <= j < m.end for m in out.items if m.kind != "Official")):
                    j += 1
                    if j - i > 8:
                        break
                k = j
                while k < n and k - j < 4 and not covered[k] and _is_name_token(doc[k], lex, self.table):
                    k += 1
                if k - j >= 2 and _unknown_word(doc[k - 1], self.table) and j not in known_officials:
                    found.append((j, k, "Official", affil, tok.text))
            elif tok.lower_ in lex.words("org_nouns") or tok.lemma_ in lex.words("org_nouns"):
                j = i + 1
                if j < n and doc[j].text == '"':
                    j += 1
                k = j
                while k < n and k - j < 4 and not covered[k] and doc[k].text[:1].isupper() and doc[k].is_alpha:
                    k += 1
                if k > j and all(_unknown_word(t, self.table) for t in doc[j:k]):
                    found.append((j, k, "Agency", self._adjective_state(out, i), tok.text))
        # "<Name>, <role> ...": a name followed by a comma and a role noun
        for i in range(n - 3):
            if covered[i] or not _is_name_token(doc[i], lex, self.table):
                continue
            k = i
            while k < n and k - i < 4 and not covered[k] and _is_name_token(doc[k], lex, self.table):
                k += 1
            if k - i >= 2 and k + 1 < n and doc[k].text == "," and _unknown_word(doc[k - 1], self.table):
                j = k + 1
                while j < min(n, k + 4) and not self.is_role_noun(doc[j]) and doc[j].text != ",":
                    j += 1
                if j < n and self.is_role_noun(doc[j]):
                    found.append((i, k, "Official", self._affiliation(out, j, n), doc[j].text))
        for start, end, kind, affil, role in found:
            if any(covered[start:end]):
                continue
            name = " ".join(t.text for t in doc[start:end])
            entity_id = slug(name)
            if entity_id in self.gaz:
                continue
            entry = out.discovered.get(entity_id) or gaz_mod.Entry(
                entity_id, name, kind, affil, {"role" if kind == "Official" else "category": role.lower(),
                                               "discovered": True})
            out.discovered[entity_id] = entry
            out.items.append(Mention(start, end, entity_id, kind, "discovered"))
            for t in range(start, end):
                covered[t] = True
        self._surnames(doc, out, covered)

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

    def _surnames(self, doc: Doc, out: Mentions, covered: list[bool]) -> None:
        """'Herr Kirby', 'Kirby sagte': later mentions of a discovered official by surname."""
        surnames = {e.name.split()[-1]: e.id for e in out.discovered.values() if e.kind == "Official"}
        if not surnames:
            return
        for i, tok in enumerate(doc):
            if not covered[i] and tok.text in surnames:
                out.items.append(Mention(i, i + 1, surnames[tok.text], "Official", "surname"))
                covered[i] = True

    def _anaphora(self, doc: Doc, out: Mentions, covered: list[bool]) -> None:
        """'das Land', 'the country': the state last named before the current sentence."""
        phrases = self.lex.phrases("anaphora_country")
        states = sorted((m for m in out.items if m.kind == "State" and not m.is_adjective), key=lambda m: m.start)
        for sent in doc.sents:
            lower = [t.lower_ for t in sent]
            for i in range(len(lower)):
                for phrase in phrases:
                    if tuple(lower[i:i + len(phrase)]) != phrase:
                        continue
                    start = sent.start + i
                    if any(covered[start:start + len(phrase)]):
                        continue
                    before = [m for m in states if m.end <= sent.start]
                    if before:
                        out.items.append(Mention(start, start + len(phrase), before[-1].entity, "State", "anaphor"))
                        for t in range(start, start + len(phrase)):
                            covered[t] = True
