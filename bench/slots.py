"""The template slots of the synthetic corpus: a state ({A}, {A.an} "an den Iran"), a place ({L},
{L.in}) and goods ({G}, {G.dat}), each formatted in the article's language."""
from __future__ import annotations

from loaders import gazetteer as gaz_mod


class State:
    """A state as a template slot: {A} is its name, {A.an} "an den Iran" and so on (t: the templates)."""

    def __init__(self, entry: gaz_mod.Entry, lang: str, t: dict):
        self.id = entry.id
        if lang == "en":
            name = f"the {entry.name}" if entry.id in t["en_the"] else entry.name
            self.nom = self.acc = self.dat = name
            self.an, self.von, self.nach, self.inn = f"to {name}", f"from {name}", f"to {name}", f"in {name}"
            return
        name = t["de_states"]["names"].get(entry.id) or entry.props.get("name_de") or entry.name
        gender = t["de_states"]["articles"].get(entry.id)
        if gender == "m":
            self.nom, self.acc, self.dat = f"der {name}", f"den {name}", f"dem {name}"
            self.an, self.von, self.nach, self.inn = f"an den {name}", f"vom {name}", f"in den {name}", f"im {name}"
        elif gender == "f":
            self.nom = self.acc = f"die {name}"
            self.dat = f"der {name}"
            self.an, self.von, self.nach = f"an die {name}", f"von der {name}", f"in die {name}"
            self.inn = f"in der {name}"
        else:
            self.nom = self.acc = self.dat = name
            self.an, self.von, self.nach, self.inn = f"an {name}", f"von {name}", f"nach {name}", f"in {name}"

    def __getattr__(self, name: str):  # {B.in}: "in" is a keyword, stored as inn
        if name == "in":
            return self.inn
        raise AttributeError(name)

    def __format__(self, spec: str) -> str:
        return self.nom


class Place:
    def __init__(self, entry: gaz_mod.Entry, lang: str):
        self.id, self.name = entry.id, entry.name
        self.inn = f"in {entry.name}"

    def __getattr__(self, name: str):
        if name == "in":
            return self.inn
        raise AttributeError(name)

    def __format__(self, spec: str) -> str:
        return self.name


class Goods:
    """Goods as a template slot: {G} as the subject or object, {G.dat} after mit/von."""

    def __init__(self, text: str, dat: str):
        self.text, self.dat = text, dat

    def __format__(self, spec: str) -> str:
        return self.text

