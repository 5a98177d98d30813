"""The extractor's word lists (triggers, cues, quantities), loaded once from the YAML beside this file."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from graph import schema as schema_mod
from graph import yaml_data
from graph.errors import SchemaError

HERE = Path(__file__).resolve().parent
LANGUAGES = ("de", "en")
FRAME_KEYS = {"lemma", "agent", "object", "particle", "phrase", "status", "needs", "noun", "goods",
              "preposition_only", "modal", "preps", "followed_by", "goods_after", "continues", "goods_subject",
              "origin_first", "maker_sells"}
ROLES = {"supplier", "recipient", "source", "target"}


@dataclass(frozen=True, slots=True)
class Trigger:
    """One trigger word of a relation type with its argument frame."""

    type: str
    lemma: str
    agent: str
    object: str | None = None
    particle: str | None = None
    phrase: tuple[str, ...] = ()
    status: str | None = None
    needs: str | None = None
    noun: bool = False
    goods: str | None = None
    preposition_only: bool = False
    modal: bool = False
    preps: tuple[str, ...] = ()  # the only prepositions that introduce the target ("kam nach X")
    followed_by: tuple[str, ...] = ()  # words one of which must follow the trigger ("turned to X for Y")
    goods_after: tuple[str, ...] = ()  # a preposition that introduces the goods here ("for drones")
    continues: bool = False  # goods that follow the last transfer read ("Im Mai folgten 20 Haubitzen")
    goods_subject: bool = False  # the goods are the subject; their origin is the supplier ("Serbian shells reached X")
    origin_first: bool = False  # the goods' origin is the supplier, whoever carries or seizes them ("seized Iranian
    # weapons on their way to X")
    maker_sells: bool = False  # the side that makes the goods sells them ("X signed a contract with Y for Z")


@dataclass(slots=True)
class Lexicon:
    """Everything language-specific the extractor knows, for one language."""

    lang: str
    triggers: dict[str, list[Trigger]] = field(default_factory=dict)  # lemma -> triggers
    noun_triggers: list[Trigger] = field(default_factory=list)
    cues: dict = field(default_factory=dict)
    quantities: dict = field(default_factory=dict)
    _words: dict = field(default_factory=dict)
    _phrases: dict = field(default_factory=dict)

    def words(self, key: str) -> frozenset[str]:
        """The single words of a cue list (cached: called for every token)."""
        got = self._words.get(key)
        if got is None:
            got = self._words[key] = frozenset(w for w in self.cues.get(key, ()) if isinstance(w, str))
        return got

    def phrases(self, key: str) -> tuple[tuple[str, ...], ...]:
        """The multi-word entries of a cue list, as tuples."""
        got = self._phrases.get(key)
        if got is None:
            got = self._phrases[key] = tuple(tuple(p) for p in self.cues.get(key, ()))
        return got


def _read(name: str) -> dict:
    try:
        data = yaml_data.read(HERE / name)
    except (OSError, yaml_data.YAMLError) as exc:
        raise SchemaError(f"cannot read lexicon {name}: {exc}") from exc
    _check_words(name, data, [])
    return data


def _check_words(name: str, node, path: list[str]) -> None:
    """Every word of a list is text: YAML reads a bare no, on, yes or off as a boolean, which
    would silently drop the word ("no plans to provide" not negated)."""
    if isinstance(node, dict):
        for key, value in node.items():
            _check_words(name, value, path + [str(key)])
    elif isinstance(node, list):
        for value in node:
            if isinstance(value, bool) or value is None:
                raise SchemaError(f"lexicon {name} {'.'.join(path)}: {value!r} is no word (quote no, on, yes, off)")
            _check_words(name, value, path)


def _trigger(rel_type: str, spec: dict) -> Trigger:
    unknown = set(spec) - FRAME_KEYS
    if unknown:
        raise SchemaError(f"triggers.yaml {rel_type}/{spec.get('lemma')}: unknown keys {sorted(unknown)}")
    if spec.get("agent") not in ROLES or spec.get("object") not in ROLES | {None}:
        raise SchemaError(f"triggers.yaml {rel_type}/{spec.get('lemma')}: bad agent/object")
    return Trigger(rel_type, spec["lemma"].lower(), spec["agent"], spec.get("object"), spec.get("particle"),
                   tuple(spec.get("phrase") or ()), spec.get("status"), spec.get("needs"),
                   bool(spec.get("noun")), spec.get("goods"), bool(spec.get("preposition_only")),
                   bool(spec.get("modal")), tuple(spec.get("preps") or ()), tuple(spec.get("followed_by") or ()),
                   tuple(spec.get("goods_after") or ()), bool(spec.get("continues")), bool(spec.get("goods_subject")),
                   bool(spec.get("origin_first")), bool(spec.get("maker_sells")))


@lru_cache(maxsize=None)
def load(lang: str) -> Lexicon:
    """The lexicon of one language ('de' or 'en')."""
    if lang not in LANGUAGES:
        raise SchemaError(f"no lexicon for language {lang!r}")
    schema = schema_mod.load()
    lex = Lexicon(lang, cues=_read("cues.yaml")[lang], quantities=_read("quantities.yaml")[lang])
    for rel_type, by_lang in _read("triggers.yaml").items():
        schema.rel_type(rel_type)
        for spec in by_lang.get(lang, ()):
            trig = _trigger(rel_type, spec)
            lex.triggers.setdefault(trig.lemma, []).append(trig)
            if trig.noun:
                lex.noun_triggers.append(trig)
    return lex
