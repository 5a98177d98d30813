"""The sentences of a generated article: facts stated (with their rows, attributed to a speaker
or not), denials and fillers, drawn from bench/templates.yaml with a Generator's random state."""
from __future__ import annotations

from typing import TYPE_CHECKING

from bench.slots import Place
from graph.model import Quantity

if TYPE_CHECKING:
    from bench.corpus import Article, Generator


def fact_sentence(gen: Generator, lang: str, art: Article) -> tuple[str, list[dict]]:
    """A sentence stating facts, and its rows (entity ids, before offsets are known)."""
    t, rng = gen.t[lang], gen.rng
    tpl = rng.choice(t["facts"])
    slots, ids, weapon, quantity = _filled(gen, lang, art, tpl)
    rows = []
    for spec in tpl["rows"]:
        row = {"type": spec["type"], "source": ids[spec["source"]], "target": ids[spec["target"]],
               "status": spec.get("status"), "claimed_by": ids.get(spec.get("claimed_by"))}
        if spec.get("weapon"):
            row["weapon"], row["quantity"] = weapon, quantity
        if spec.get("quantity"):
            row["quantity"] = quantity
        rows.append(row)
    explicit = any(r["claimed_by"] for r in rows) or "speaker_of" in tpl
    frames = [f for f in t["attribution"] if f.get("needs", "main") in tpl]
    if not explicit and frames and rng.random() < 0.45:
        frame = rng.choice(frames)["frame"]
        speaker, speaker_id = gen.speaker(lang, art, avoid=set(ids.values()))
        form = next((k for k in ("reported", "inverted") if "{%s}" % k in frame), "main")
        sentence = frame.format(**{form: tpl[form].format(**slots)}, S=speaker)
        for r in rows:
            r["claimed_by"] = speaker_id
    else:
        sentence = tpl["main"].format(**slots) + "."
    return sentence[0].upper() + sentence[1:], rows


def _filled(gen: Generator, lang: str, art: Article, tpl: dict) -> tuple[dict, dict, str | None, Quantity | None]:
    """The slots a fact template's forms name, drawn in a fixed order: (slots, their entity ids,
    the weapon, the quantity)."""
    rng = gen.rng
    slots: dict = {"D": rng.choice(gen.t[lang]["days"])}
    ids: dict = {}
    forms = " ".join(tpl.get(k, "") for k in ("main", "reported", "inverted"))
    if "speaker_of" in tpl:  # a denial comes from the accused state's own official
        a = gen.state(lang, among=[e for e in gen.states[lang] if e.id in gen.officials_of])
        slots["A"] = a
        official = rng.choice(gen.officials_of[a.id])
        slots["P"], ids["P"] = official.name, official.id
    else:
        slots["A"] = gen.state(lang)
    slots["B"] = gen.state(lang, avoid={slots["A"].id})
    if "{P}" in forms and "P" not in slots:
        slots["P"], ids["P"] = gen.official(lang, art)
        home = gen.gaz.state_of(ids["P"]) if ids["P"] in gen.gaz else None
        if home == slots["B"].id:
            slots["B"] = gen.state(lang, avoid={home, slots["A"].id})
        place = rng.choice([p for p in gen.places if gen.gaz.state_of(p.id) != home])
        slots["L"] = Place(place, lang)
    if "{Q}" in forms:
        slots["Q"], ids["Q"] = gen.official(lang, art, avoid={ids["P"]})
    weapon = quantity = None
    if "{W}" in forms:
        slots["W"], weapon, quantity = gen.goods(lang, with_quantity=True)
    if "{G" in forms:
        slots["G"], _, _ = gen.goods(lang, with_quantity=False)
    if "{N}" in forms:
        slots["N"], quantity = gen.quantity(lang, unit="soldiers")
    for key in ("A", "B", "L"):
        if key in slots:
            ids[key] = slots[key].id
    return slots, ids, weapon, quantity


def other_sentence(gen: Generator, lang: str, kind: str, number: int = 0) -> str:
    """A sentence stating no fact: a denial ('negated') or the filler of that number."""
    t = gen.t[lang]
    a = gen.state(lang)
    slots = {"A": a, "B": gen.state(lang, avoid={a.id}), "D": gen.rng.choice(t["days"])}
    if kind == "negated":
        tpl = gen.rng.choice(t["negated"])
        slots["P"] = gen.rng.choice(gen.officials).name
        slots["W"] = gen.goods(lang, True)[0]
        slots["G"] = gen.goods(lang, False)[0]
        text = tpl.format(**slots) + "."
    else:
        text = t["filler"][number].format(**slots)
    return text[0].upper() + text[1:]
