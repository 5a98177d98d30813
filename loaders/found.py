"""Relations read from sentences, before they become graph Relations, and what the whole document
settles about them: the other side of a war named with one side, the system a headline's class stands for."""
from __future__ import annotations

from dataclasses import dataclass

from graph.model import EventTime, Quantity
from loaders import gazetteer as gaz_mod


@dataclass(slots=True)
class Found:
    """A relation read from a sentence, before it becomes a graph Relation."""

    type: str
    source: str
    target: str
    weapon: str | None = None
    status: str | None = None
    quantity: Quantity | None = None
    claimed_by: str | None = None
    context: bool = False  # an argument was taken from the preceding sentences
    open: bool = False     # a war named with one side only; complete_wars() fills in the other
    at: int | None = None  # the token of its trigger word (report_time: the expression nearest it)
    event: EventTime | None = None  # when it happened (report_time.assign)


def headline_goods(found: list, headline_end: int, gaz: gaz_mod.Gazetteer, discovered: dict) -> list:
    """A headline names goods loosely ("Belarus schickt Panzer nach Russland", "Iran delivered
    ballistic missiles to Russia"), the article precisely: a class in a headline's transfer is the
    one system of that class the article reports for the same supplier (or its firms) and recipient. Items are
    (Found, evidence) pairs; a headline transfer is one whose evidence ends by headline_end."""
    def cls(entity_id):
        entry = gaz.entries.get(entity_id) or discovered.get(entity_id)
        return entry.cls if entry else None

    def side(entity_id):  # a state's firms report for it ("Hyundai Rotem" for South Korea)
        return gaz.state_of(entity_id) or entity_id if entity_id in gaz.entries else entity_id

    named: dict[tuple, set[str]] = {}
    for f, _ in found:
        if f.type == "SUPPLIES" and f.weapon and cls(f.weapon):
            named.setdefault((side(f.source), f.target, cls(f.weapon)), set()).add(f.weapon)
    for f, ev in found:
        if f.type == "SUPPLIES" and f.weapon and ev.end <= headline_end and not cls(f.weapon):
            systems = named.get((side(f.source), f.target, f.weapon), set())
            if len(systems) == 1:
                f.weapon = next(iter(systems))
    return found


def complete_wars(found: list, recipients: dict[str, int] | None = None) -> list:
    """A war or invasion named with one side only ("seit dem russischen Einmarsch", "the war
    against Ukraine") is the war the document names with both sides elsewhere: the other side is
    the one most often paired with the known one in the document's attacks; when none is, the side
    the document's open mentions give most often; and for a known aggressor, else the state the
    document reports receiving weapons most often (an article on the arms for a war is about its
    victim's suppliers). Items are (Found, evidence) pairs; open ones that stay open are dropped."""
    from collections import Counter
    pairs = Counter((f.source, f.target) for f, _ in found if f.type == "ATTACKS" and not f.open)
    agents = Counter(f.source for f, _ in found if f.open and f.source)
    victims = Counter(f.target for f, _ in found if f.open and f.target) or Counter(recipients or {})
    # the recipient of weapons in the war's own sentence fights it: "drones given to Moscow for its
    # war against Ukraine" (Russia attacks), "tanks to help Kyiv fight off Russia's invasion" (Ukraine is attacked)
    armed = {ev.start: f.target for f, ev in found if f.type == "SUPPLIES" and f.target}
    out = []
    for f, ev in found:
        if f.open and armed.get(ev.start) not in (None, f.source, f.target):
            if f.source:
                f.target = armed[ev.start]
            else:
                f.source = armed[ev.start]
            f.open, f.context = False, True
        if f.open:
            if f.source:
                partners = Counter({t: n for (s, t), n in pairs.items() if s == f.source}) or victims
                f.target = next((t for t, _ in partners.most_common() if t != f.source), None)
            else:
                partners = Counter({s: n for (s, t), n in pairs.items() if t == f.target}) or agents
                f.source = next((s for s, _ in partners.most_common() if s != f.target), None)
            if not (f.source and f.target):
                continue
            f.open, f.context = False, True
        out.append((f, ev))
    return out
