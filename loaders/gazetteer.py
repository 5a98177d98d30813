"""The vocabularies (states, agencies, officials, weapons, places), loaded once from loaders/vocab/."""
from __future__ import annotations

import difflib
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from graph import schema as schema_mod
from graph import yaml_data
from graph.errors import SchemaError, UnknownNameError
from graph.model import slug

VOCAB_DIR = Path(__file__).resolve().parent / "vocab"
ENTITY_FILES = ("states.yaml", "agencies.yaml", "officials.yaml", "weapons.yaml", "places.yaml")
KEYS = {"id", "name", "kind", "parent", "props", "aliases", "codes", "metonyms", "adjectives",
        "demonyms", "class"}
# inflection endings a light stem strips (longest first); what remains must keep 4 letters
SUFFIXES = {"de": ("ern", "en", "em", "er", "es", "e", "n", "s"), "en": ("'s", "s")}
MIN_STEM = {"de": 4, "en": 3}  # German "Wien" must not become "wie"; English "TB2s" is "tb2"
# letters Unicode does not decompose into a base letter and an accent (ß is no ligature to it either);
# our own table, as unidecode (GPL, and it transliterates whole scripts) is more than we want
FOLD = str.maketrans({"ß": "ss", "ł": "l", "ø": "o", "đ": "d", "ı": "i", "æ": "ae", "œ": "oe"})


def fold(text: str) -> str:
    """Lower case without accents and umlauts (ü -> u, ç -> c, ğ -> g, ł -> l), for comparisons.
    Canonical decomposition (NFD), not NFKD: ligatures, superscripts and wide forms stay as written."""
    text = text.lower()
    if text.isascii():
        return text
    bare = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", bare).translate(FOLD)


def light_stem(word: str, lang: str) -> str:
    """Strip one inflection ending: Raketen/Rakete -> raket, Nordkoreas -> nordkorea."""
    w = fold(word)
    for suffix in SUFFIXES[lang]:
        if w.endswith(suffix) and len(w) - len(suffix) >= MIN_STEM[lang] and not (suffix == "s" and w.endswith("ss")):
            return w[: -len(suffix)]
    return w


@dataclass(frozen=True, slots=True)
class Entry:
    """One known entity with every way an article may name it."""

    id: str
    name: str
    kind: str
    parent: str | None = None
    props: dict = field(default_factory=dict)
    cls: str | None = None
    aliases: tuple[str, ...] = ()
    codes: tuple[str, ...] = ()
    metonyms: tuple[str, ...] = ()
    adjectives: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()


def _acronym(name: str) -> bool:
    """An abbreviation in capitals ('BAE', 'NIS', 'SVR', 'KCNA'): matched as written (and 'Nato' for
    'NATO'), as a code is, never as a lower-case word."""
    return 2 <= len(name) <= 6 and name.isupper() and name.replace("-", "").isalnum()


def _variants(alias: str) -> set[str]:
    """An alias as written, with hyphens as spaces and the reverse (Storm-Shadow / Storm Shadow)."""
    out = {alias}
    if "-" in alias:
        out.add(alias.replace("-", " "))
    if " " in alias and len(alias.split()) <= 3:
        out.add(alias.replace(" ", "-"))
    return out


class Gazetteer:
    """All entries by id, with the lookups the extractor and the CLI need."""

    def __init__(self, entries: list[Entry]):
        self.entries: dict[str, Entry] = {}
        self._states: dict[str, str | None] = {}
        self._calibres: dict[float, list[Entry]] = {}
        for e in entries:
            if e.id in self.entries:
                raise SchemaError(f"vocabulary id {e.id!r} is defined twice")
            self.entries[e.id] = e
        for e in entries:
            for ref in (e.parent, e.cls, e.props.get("origin")):
                if ref and ref not in self.entries:
                    raise SchemaError(f"vocabulary entry {e.id!r} refers to unknown id {ref!r}")
        self._names = self._name_index()

    def __getitem__(self, entity_id: str) -> Entry:
        return self.entries[entity_id]

    def __contains__(self, entity_id: str) -> bool:
        return entity_id in self.entries

    def _name_index(self) -> dict[str, str]:
        index: dict[str, str] = {}
        for e in self.entries.values():
            for name in (e.name, e.id, *e.aliases, *e.codes, *e.metonyms, *e.demonyms):
                index.setdefault(fold(name).replace("-", " "), e.id)
        return index

    def patterns(self) -> list[tuple[str, str, str, str]]:
        """(entity id, role, text, match mode) for every way of naming every entry. Modes: 'exact'
        (codes: case matters), 'lower' (one-word names of people and bodies: no stemming, so
        'Janes' is not 'Jane'), 'stem' (inflected words: Raketen, Nordkoreas, russischen)."""
        out = []
        for e in self.entries.values():
            proper = e.kind in ("Official", "Agency")
            for role, names, mode in (("name", (e.name, *e.aliases), "stem"), ("code", e.codes, "exact"),
                                      ("metonym", e.metonyms, "stem"), ("adjective", e.adjectives, "stem"),
                                      ("demonym", e.demonyms, "stem")):
                for name in names:
                    for variant in _variants(name):
                        if mode == "stem" and proper and _acronym(variant):  # "BAE" is not "bae" in "Lee Yong-bae"
                            out.extend((e.id, role, v, "exact") for v in {variant, *(
                                [variant.title()] if len(variant) >= 4 and variant.isalpha() else [])})
                        elif mode == "stem" and proper and " " not in variant and "-" not in variant:
                            out.append((e.id, role, variant, "lower"))
                            if not variant.lower().endswith(("s", "x", "z")):
                                out.append((e.id, role, variant + "s", "lower"))  # German genitive
                        else:
                            out.append((e.id, role, variant, mode))
                            if mode == "stem" and role == "name" and e.kind in ("State", "Location") \
                                    and not variant.lower().endswith(("s", "x", "z")):
                                out.append((e.id, role, variant + "s", mode))  # German genitive: "Spaniens"
        return out

    def ancestors(self, entity_id: str) -> list[str]:
        """The entity's parents, nearest first (an official's agency, then its state)."""
        out, seen = [], {entity_id}
        current = self.entries.get(entity_id)
        while current and current.parent and current.parent not in seen:
            out.append(current.parent)
            seen.add(current.parent)
            current = self.entries.get(current.parent)
        return out

    def state_of(self, entity_id: str) -> str | None:
        """The state an entity belongs to (itself for a state); kept per entity, the rules ask often."""
        if entity_id not in self._states:
            self._states[entity_id] = next((eid for eid in (entity_id, *self.ancestors(entity_id))
                                            if (e := self.entries.get(eid)) and e.kind == "State"), None)
        return self._states[entity_id]

    def system_named(self, cls: str, word: str) -> str | None:
        """The one system of a class whose name or an alias has this word or words ('Hawk' in the
        air defence systems: MIM-23 Hawk), or None (none, or more than one)."""
        return self._systems_by_word().get((cls, word))

    def _systems_by_word(self) -> dict[tuple[str, str], str]:
        got = getattr(self, "_by_word", None)
        if got is None:
            found: dict[tuple[str, str], set[str]] = {}
            for e in self.entries.values():
                if e.kind != "WeaponType" or not e.cls:
                    continue
                for name in (e.name, *e.aliases):
                    words = name.replace("-", " ").split()
                    for k in range(len(words)):
                        for j in range(k + 1, min(k + 3, len(words)) + 1):
                            phrase = " ".join(words[k:j])
                            if phrase[:1].isupper() and phrase.replace(" ", "").isalpha() and len(phrase) >= 3:
                                found.setdefault((e.cls, phrase), set()).add(e.id)
            got = self._by_word = {key: next(iter(ids)) for key, ids in found.items() if len(ids) == 1}
        return got

    def weapons_by_calibre(self, calibre: float) -> list[Entry]:
        """The weapon types of a calibre, in catalogue order (kept per calibre: the entries are fixed)."""
        got = self._calibres.get(calibre)
        if got is None:
            got = self._calibres[calibre] = [e for e in self.entries.values()
                                             if e.kind == "WeaponType" and e.props.get("calibre_mm") == calibre]
        return list(got)

    def find(self, name: str) -> Entry | None:
        """The entry a user's name means (any alias or code), or None."""
        key = fold(name.strip()).replace("-", " ")
        eid = self._names.get(key) or self._names.get(slug(name).replace("-", " "))
        return self.entries[eid] if eid else None

    def resolve(self, name: str) -> Entry:
        """The entry a user's name means (any alias or code); UnknownNameError with suggestions."""
        entry = self.find(name)
        if entry:
            return entry
        key = fold(name.strip()).replace("-", " ")
        suggestions = difflib.get_close_matches(key, list(self._names), n=5, cutoff=0.6)
        names = list(dict.fromkeys(self.entries[self._names[s]].name for s in suggestions))[:3]
        raise UnknownNameError(name, names)


def _entry(spec: dict, where: str, kinds: tuple[str, ...]) -> Entry:
    unknown = set(spec) - KEYS
    if unknown or not spec.get("id") or not spec.get("name") or spec.get("kind") not in kinds:
        raise SchemaError(f"{where}: bad entry {spec.get('id')!r} (keys {sorted(unknown)}, kind {spec.get('kind')!r})")

    def strings(key: str) -> tuple[str, ...]:
        return tuple(str(x) for x in (spec.get(key) or ()) if str(x).strip())

    return Entry(spec["id"], spec["name"], spec["kind"], spec.get("parent"), dict(spec.get("props") or {}),
                 spec.get("class"), strings("aliases"), strings("codes"), strings("metonyms"),
                 strings("adjectives"), strings("demonyms"))


def read(directory: Path = VOCAB_DIR) -> list[Entry]:
    """Every entry of the vocabulary files in a directory."""
    kinds = schema_mod.load().entity_kinds
    entries = []
    for name in ENTITY_FILES:
        path = Path(directory) / name
        if not path.exists():
            continue
        try:
            data = yaml_data.read(path) or []
        except (OSError, yaml_data.YAMLError) as exc:
            raise SchemaError(f"cannot read vocabulary {path}: {exc}") from exc
        entries.extend(_entry(spec, name, kinds) for spec in data)
    return entries


@lru_cache(maxsize=1)
def load() -> Gazetteer:
    """The project's vocabulary, loaded once."""
    return Gazetteer(read())

