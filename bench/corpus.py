"""A synthetic news corpus in German and English with the facts each article states.

Articles are built from the sentence templates in bench/templates.yaml with actors and weapons
drawn from the project's vocabulary (loaders.gazetteer.load()): states, officials, agencies,
places and weapon systems, plus officials the corpus invents (introduced with a role, as news
does). Each article comes with its facts in the gold format of the annotation guidelines, so a
benchmark can report accuracy next to speed. Deterministic for a seed.
"""
from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

from bench import statements
from bench.slots import Goods, State
from graph import yaml_data
from graph.model import Document, Evidence, GraphData, Quantity, document_id, slug
from loaders import gazetteer as gaz_mod

TEMPLATES = Path(__file__).with_name("templates.yaml")
LANGS = ("de", "en")
SPEAKER_KINDS = ("intelligence", "ministry", "government", "international", "think_tank")


@lru_cache(maxsize=1)
def templates() -> dict:
    """The sentence templates, loaded once."""
    return yaml_data.read(TEMPLATES)


@dataclass(slots=True)
class Fact:
    """One relation an article states: entity ids, and the sentence's character offsets."""

    type: str
    source: str
    target: str
    start: int
    end: int
    weapon: str | None = None
    status: str | None = None
    quantity: Quantity | None = None
    claimed_by: str | None = None


@dataclass(slots=True)
class Article:
    """A generated article, the facts it states and the officials it invents."""

    name: str
    lang: str
    text: str
    date: str
    facts: list[Fact] = field(default_factory=list)
    invented: dict[str, gaz_mod.Entry] = field(default_factory=dict)

    @property
    def words(self) -> int:
        return len(self.text.split())

    def document(self) -> Document:
        """The article as the loaders would read it (the text is already normalised)."""
        title = self.text.split("\n", 1)[0]
        return Document(document_id(self.text), self.name, title, f"bench:{self.name}", self.lang, self.text,
                        self.date)

    def gold(self) -> list[dict]:
        """The article's relations in the guidelines' gold format, one row per distinct relation."""
        gaz, rows, seen = gaz_mod.load(), [], set()

        def name(entity_id: str) -> str:
            return (self.invented.get(entity_id) or gaz[entity_id]).name

        for f in self.facts:
            source, target = name(f.source), name(f.target)
            if f.type == "MEETS":
                source, target = sorted((source, target))
            weapon = name(f.weapon) if f.weapon else None
            key = (f.type, source, target, weapon)
            if key in seen:
                continue
            seen.add(key)
            row = {"doc": self.name, "type": f.type, "source": source, "target": target}
            if weapon:
                row["weapon"] = weapon
            if f.quantity:
                row["quantity"] = f.quantity.as_dict()
            if f.type == "SUPPLIES":
                row["status"] = f.status or "delivered"
            if f.claimed_by:
                row["claimed_by"] = name(f.claimed_by)
            row["evidence"] = self.text[f.start:f.end]
            rows.append(row)
        return rows

    def graph(self, document: Document | None = None) -> GraphData:
        """The graph a perfect extractor would read from the article (for loading benchmarks)."""
        from loaders.pipeline import Extractor, Found
        document = document or self.document()
        found = [(Found(f.type, f.source, f.target, f.weapon, f.status if f.type == "SUPPLIES" else None,
                        f.quantity, f.claimed_by),
                  Evidence(document.id, self.text[f.start:f.end], f.start, f.end)) for f in self.facts]
        return _extractor().to_graph(document, found, self.invented)


@lru_cache(maxsize=1)
def _extractor():
    from loaders.pipeline import Extractor
    return Extractor()


class Generator:
    """Draws articles; one instance per corpus (its random state is the corpus's)."""

    def __init__(self, seed: int = 1):
        self.rng = random.Random(seed)
        self.t = templates()
        gaz = self.gaz = gaz_mod.load()
        states = [e for e in gaz.entries.values() if e.kind == "State"]
        names_de = self.t["de_states"]
        self.states = {
            "en": states,
            "de": [e for e in states if e.id not in names_de["exclude"] and (
                e.id in names_de["names"] or e.id in names_de["articles"] or " " not in (e.props.get("name_de") or e.name))]}
        self.officials = [e for e in gaz.entries.values() if e.kind == "Official" and gaz.state_of(e.id)]
        self.officials_of: dict[str, list[gaz_mod.Entry]] = {}
        for e in self.officials:
            self.officials_of.setdefault(gaz.state_of(e.id), []).append(e)
        self.agencies = [e for e in gaz.entries.values() if e.kind == "Agency"
                         and e.props.get("category") in SPEAKER_KINDS and gaz.state_of(e.id)]
        self.places = [e for e in gaz.entries.values() if e.kind == "Location" and gaz.state_of(e.id)]
        self.systems = {cls: [e for e in gaz.entries.values() if e.kind == "WeaponType" and e.cls == cls
                              and " mm" not in e.name]  # "155 mm artillery shell" names its class
                        for cls in self.t["classes"]}

    # -- entities ----------------------------------------------------------------
    def state(self, lang: str, avoid: set[str] = frozenset(), among: list | None = None) -> State:
        while True:
            e = self.rng.choice(among or self.states[lang])
            if e.id not in avoid:
                return State(e, lang, self.t)

    def official(self, lang: str, art: Article, avoid: set[str] = frozenset()) -> tuple[str, str]:
        """(text, entity id) of an official: a known one, or one the corpus invents with a role."""
        inv = self.t["invented"]
        while True:
            if self.rng.random() < inv["share"]:
                name = (f"{self.rng.choice(inv['first'])} "
                        f"{self.rng.choice(inv['last_start'])}{self.rng.choice(inv['last_end'])}")
                role = self.rng.choice(inv["roles"][lang])
                entity_id = slug(name)
                if entity_id in self.gaz or entity_id in avoid:
                    continue
                art.invented.setdefault(entity_id, gaz_mod.Entry(
                    entity_id, name, "Official", None, {"role": role.lower(), "discovered": True}))
                return f"{role} {name}", entity_id
            e = self.rng.choice(self.officials)
            if e.id not in avoid:
                return e.name, e.id

    def speaker(self, lang: str, art: Article, avoid: set[str]) -> tuple[str, str]:
        if lang == "en" and self.rng.random() < 0.25:
            e = self.rng.choice(self.agencies)
            return (e.name if e.name.startswith("The ") or " " not in e.name else f"the {e.name}"), e.id
        return self.official(lang, art, avoid)

    def quantity(self, lang: str, unit: str | None = None) -> tuple[str, Quantity]:
        form = self.rng.choice(self.t["quantities"][lang])
        n = self.rng.choice(self.t["quantities"]["numbers"])
        written = f"{n:,}".replace(",", "." if lang == "de" else ",")
        text = form["text"].format(n=written)
        gold = form.get("gold")
        q = Quantity(text.removesuffix(" of"), qualifier=form.get("qualifier"), unit=unit,
                     **({gold: float(n)} if gold else {}))
        return text, q

    def goods(self, lang: str, with_quantity: bool) -> tuple[Goods, str, Quantity | None]:
        """(text, weapon id, quantity): a named system with its class, or a class."""
        cls = self.rng.choice(list(self.t["classes"]))
        forms = self.t["classes"][cls]
        text, dat, weapon = forms[lang], forms.get(f"{lang}_dat", forms[lang]), cls
        if self.systems[cls] and self.rng.random() < 0.5:
            system = self.rng.choice(self.systems[cls])
            weapon = system.id
            if lang == "de":
                text, dat = f"{text} vom Typ {system.name}", f"{dat} vom Typ {system.name}"
            else:
                text = dat = f"{system.name} {text}"
        if not with_quantity:
            return Goods(text, dat), weapon, None
        qtext, q = self.quantity(lang)
        return Goods(f"{qtext} {text}", f"{qtext} {dat}"), weapon, q

    # -- articles ----------------------------------------------------------------
    def article(self, number: int, lang: str | None = None, day: date = date(2024, 1, 1)) -> Article:
        rng = self.rng
        lang = lang or rng.choice(LANGS)
        t = self.t[lang]
        art = Article(f"bench-{number:06d}-{lang}", lang, "", (day + timedelta(days=number // 200)).isoformat())
        parts: list[tuple[str, list[dict]]] = [statements.fact_sentence(self, lang, art)
                                               for _ in range(rng.randint(4, 8))]
        parts += [(statements.other_sentence(self, lang, "negated"), []) for _ in range(rng.random() < 0.4)]
        fillers = rng.sample(range(len(t["filler"])), rng.randint(4, 8))
        parts += [(statements.other_sentence(self, lang, "filler", k), []) for k in fillers]
        rng.shuffle(parts)
        a = self.state(lang)
        headline = rng.choice(t["headlines"]).format(A=a, B=self.state(lang, avoid={a.id}))
        text = headline[0].upper() + headline[1:] + "\n\n"
        if rng.random() < 0.5:
            text += rng.choice(t["datelines"])
        for n, (sentence, rows) in enumerate(parts):
            if n and n % rng.randint(2, 4) == 0:
                text = text.rstrip(" ") + "\n\n"
            start = len(text)
            text += sentence + " "
            for r in rows:
                art.facts.append(Fact(r["type"], r["source"], r["target"], start, start + len(sentence),
                                      r.get("weapon"), r.get("status") or ("delivered" if r["type"] == "SUPPLIES"
                                                                            else None),
                                      r.get("quantity"), r.get("claimed_by")))
        art.text = text.rstrip()
        return art


def generate(n: int, seed: int = 1, start: int = 0) -> Iterator[Article]:
    """`n` articles, alternating at random between German and English, the same for a seed."""
    gen = Generator(seed)
    for i in range(start, start + n):
        yield gen.article(i)


def aliases_tsv(path: Path) -> Path:
    """The vocabulary as a scorer alias table (canonical name, kind, parent, aliases)."""
    gaz = gaz_mod.load()
    lines = []
    for e in gaz.entries.values():
        parent = gaz[e.parent].name if e.parent in gaz else ""
        aliases = "|".join(a for a in (*e.aliases, *e.codes, *e.metonyms) if "|" not in a and "\t" not in a)
        lines.append(f"{e.name}\t{e.kind}\t{parent}\t{aliases}")
    Path(path).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return Path(path)


def write(directory: Path, n: int, seed: int = 1) -> Path:
    """Write `n` articles as .txt files and their facts as gold.jsonl into a directory."""
    import json
    directory = Path(directory)
    (directory / "articles").mkdir(parents=True, exist_ok=True)
    with open(directory / "gold.jsonl", "w", encoding="utf-8") as gold:
        for art in generate(n, seed):
            (directory / "articles" / f"{art.name}.txt").write_text(art.text + "\n", encoding="utf-8")
            for row in art.gold():
                gold.write(json.dumps(row, ensure_ascii=False) + "\n")
    aliases_tsv(directory / "aliases.tsv")
    return directory
