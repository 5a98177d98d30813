"""Finding who and what a document names: vocabulary matches, then weapons beyond them, actors
and places the document introduces, and anaphora ('das Land'); the word classes those passes share."""
from __future__ import annotations

import re

from spacy.tokens import Doc

from loaders import anaphora
from loaders import gazetteer as gaz_mod
from loaders import nlp as nlp_mod
from loaders.discovery import Discovery
from loaders.lexicon import Lexicon
from loaders.mentions import Mention, Mentions, unknown_word
from loaders.weapon_mentions import WeaponNames

# a wire dateline: "KYIV (Reuters) -", "WASHINGTON/MOSCOW, Jan 26 (Reuters) -", "Minsk/Kiew (dpa) -", "Kiew –"
DATELINE_RE = re.compile(r"^\s*(?:[A-ZÄÖÜ][A-ZÄÖÜ.\-/ ]{2,}|[A-ZÄÖÜ][\w.\-]+(?:/[A-ZÄÖÜ][\w.\-]+)*)"
                         r"(?:,\s*[\w. ]{1,30})?\s*(?:\([^)]{1,40}\))?\s*[-–—]\s")


def _is_name_token(text: str, lex: Lexicon) -> bool:
    if not text[:1].isupper() or not re.match(r"^[A-ZÄÖÜ][\w'\-]+$", text) or text.isupper() and len(text) > 3:
        return False
    lower = text.lower()
    if lower in lex.words("role_nouns") or lower in lex.words("titles") or lower in lex.words("determiners"):
        return False
    return True


class MentionFinder:
    """Finds mentions in a processed spaCy Doc of one language."""

    def __init__(self, lex: Lexicon, gaz: gaz_mod.Gazetteer):
        self.lex = lex
        self.gaz = gaz
        self.table = nlp_mod.lemma_table(lex.lang)
        self.personnel = {gaz_mod.light_stem(w, lex.lang) for w in lex.words("personnel")}
        self.role_nouns = sorted({gaz_mod.fold(w) for w in lex.words("role_nouns")}, key=len, reverse=True)
        self.role_set = frozenset(self.role_nouns)
        self._role_cache: dict[str, bool] = {}
        # per word form / stem: the answers below depend on nothing else, and words repeat
        self._name_cache: dict[str, bool] = {}
        self._personnel_cache: dict[str, bool] = {}
        self.place_nouns = lex.words("place_nouns")
        self._place_cache: dict[str, bool] = {}
        self.weapons = WeaponNames(lex, gaz, self.table)
        self.discovery = Discovery(self)

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

    def role_flags(self, texts: list[str], lemmas: list[str]) -> list[bool]:
        """is_role_noun of every token of a document (token texts and lemmas), by position."""
        got = list(map(self._role_cache.get, texts))  # (most texts are known)
        if None in got:
            got = [g if g is not None else self.is_role_noun(t, lemma) for g, t, lemma in zip(got, texts, lemmas)]
        return got

    def name_flags(self, texts: list[str]) -> list[bool]:
        """is_name of every token of a document, by position."""
        got = list(map(self._name_cache.get, texts))  # (most texts are known)
        if None in got:
            got = [g if g is not None else self.is_name(t) for g, t in zip(got, texts)]
        return got

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

    # -- the passes --------------------------------------------------------------
    def find(self, doc: Doc) -> Mentions:
        out = Mentions()
        toks = nlp_mod.tokens(doc)
        text, norm, n = toks.text, toks.norm, len(toks.text)
        covered = [False] * n
        dateline = self._dateline(doc, toks)
        entries = self.gaz.entries
        weapon_starts = {start for start, _, entity_id, _ in doc.user_data[nlp_mod.VOCAB_KEY]
                         if entries[entity_id].kind == "WeaponType"}
        for start, end, entity_id, role in doc.user_data[nlp_mod.VOCAB_KEY]:
            entry = entries[entity_id]
            if self._is_unit_compound(toks, end) or dateline[0] <= start < dateline[1]:
                continue
            if entry.kind == "Official" and end - start == 1 and end + 2 < n and self.is_name(text[end]) \
                    and unknown_word(text[end], self.table) and text[end + 1] == "-" and toks.alpha[end + 2]:
                continue  # "Kim Hyo-jin" is not Kim Jong Un: a known name part before an unknown hyphenated name
            if role == "demonym" and self.lex.lang == "en" and end < n and (
                    toks.alpha[end] and text[end].islower() or end in weapon_starts
                    or text[end] == "-" and end + 1 < n and text[end + 1][:1].islower()):
                role = "adjective"  # "Russian airfields", "German-made tanks", "Russian MiG-29s": a demonym before a noun
            out.items.append(Mention(start, end, entity_id, entry.kind, role))
            for i in range(start, end):
                covered[i] = True
        german = self.lex.lang == "de"
        cache = self._personnel_cache
        for i, (stem, done) in enumerate(zip(norm, covered)):
            if done:
                continue
            personnel = cache.get(stem)
            if personnel is None:
                personnel = self.is_personnel(stem)
            if personnel:
                out.personnel.add(i)
            elif german and len(stem) >= 7 and text[i][:1].isupper():
                weapon = self.weapons.compound(stem)
                if weapon:
                    out.items.append(Mention(i, i + 1, weapon, "WeaponType", "compound"))
        self.weapons.calibres(toks, out)
        self.weapons.designations(doc, toks, out, covered)
        self.weapons.names_with_class(toks, out, covered)
        self.discovery.discover(toks, out, covered)
        anaphora.resolve(self.lex, self.gaz, toks, out, covered)
        self._governments(toks, out)
        out.items.sort(key=lambda m: (m.start, m.end))
        self._compound_heads(out)
        return out

    def _compound_heads(self, out: Mentions) -> None:
        """"howitzer shells", "tank ammunition": of two weapon classes side by side, the last is the
        goods and the first says what they are for (English; German writes one word)."""
        if self.lex.lang != "en":
            return
        entries = self.gaz.entries
        generic = [m.kind == "WeaponType" and m.entity in entries and not entries[m.entity].cls for m in out.items]
        drop = {k for k in range(len(out.items) - 1) if generic[k] and generic[k + 1]
                and out.items[k].end == out.items[k + 1].start}
        if drop:
            out.items[:] = [m for k, m in enumerate(out.items) if k not in drop]

    def _governments(self, toks: nlp_mod.Tokens, out: Mentions) -> None:
        """"President Yoon Suk Yeol's government", "the Biden administration's": an official's
        government is the official's state."""
        nouns = self.lex.words("government_nouns")
        if not nouns:
            return
        lower, n = toks.lower, len(toks.lower)
        for k, m in enumerate(out.items):
            if m.kind != "Official" or m.end + 1 >= n or lower[m.end] not in ("'s", "’s", "'") \
                    or lower[m.end + 1] not in nouns:
                continue
            state = self.gaz.state_of(m.entity) if m.entity in self.gaz else None
            if state:
                out.items[k] = Mention(m.start, m.end + 2, state, "State", "name")

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
        """'US-Dollar' names a currency, not the United States (a currency unit is an ISO code in
        capitals; 'S-400-Batterien' keeps its system)."""
        units = self.lex.cues.get("units", {})
        text = toks.text
        return end + 1 < len(text) and text[end] == "-" and str(units.get(text[end + 1].lower(), "")).isupper()
