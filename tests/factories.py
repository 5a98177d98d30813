"""Small hand-made graphs for store and mirror tests."""
from __future__ import annotations

from graph.model import Document, EventTime, Evidence, GraphData, Link, Node, Quantity, Relation, document_id

NODES = {
    "north-korea": Node("north-korea", "State", "North Korea", {"iso2": "KP", "iso3": "PRK"}),
    "russia": Node("russia", "State", "Russia", {"iso2": "RU", "iso3": "RUS"}),
    "ukraine": Node("ukraine", "State", "Ukraine", {"iso2": "UA", "iso3": "UKR"}),
    "united-states": Node("united-states", "State", "United States", {"iso2": "US"}),
    "kn-23": Node("kn-23", "WeaponType", "KN-23", {"category": "short-range ballistic missile",
                                                 "origin": "north-korea", "range_km": 690.0}),
    "john-kirby": Node("john-kirby", "Official", "John Kirby", {"role": "spokesman"}),
    "national-security-council": Node("national-security-council", "Agency", "National Security Council",
                                      {"category": "government"}),
    "kursk": Node("kursk", "Location", "Kursk", {"lat": 51.73, "lon": 36.19}),
}


# the event time of graph_one's transfer (graph_two's report of it has none: its document date counts)
DECEMBER_2023 = EventTime("in December", "2023-12-01", "2023-12-31", "month")


def article(text: str, name: str, published: str | None = "2024-01-05") -> Document:
    return Document(document_id(text), name, text.split(".")[0], f"tests/{name}.txt", "en", text, published)


def graph_one() -> GraphData:
    """Kirby says North Korea supplied Russia with KN-23 (in December 2023); North Korea deploys to Kursk."""
    text = ("North Korea sent more than 100 KN-23 missiles to Russia, Kirby said. "
            "North Korean troops were sent to Kursk.")
    doc = article(text, "one")
    g = GraphData(documents=[doc])
    for nid in ("north-korea", "russia", "kn-23", "john-kirby", "national-security-council",
                "united-states", "kursk"):
        g.add_node(NODES[nid])
    cut = text.index(". ") + 1
    s1 = Evidence(doc.id, text[:cut], 0, cut)
    s2 = Evidence(doc.id, text[cut + 1:], cut + 1, len(text))
    g.relations.append(Relation("SUPPLIES", "north-korea", "russia", s1, weapon="kn-23", status="delivered",
                                quantity=Quantity("more than 100", min=100.0, qualifier="more_than"),
                                claimed_by="john-kirby", event=DECEMBER_2023))
    g.relations.append(Relation("DEPLOYS", "north-korea", "kursk", s2))
    g.add_link(Link("MEMBER_OF", "john-kirby", "national-security-council"), doc.id)
    g.add_link(Link("PART_OF", "national-security-council", "united-states"), doc.id)
    g.add_link(Link("LOCATED_IN", "kursk", "russia"), doc.id)
    return g


def graph_two() -> GraphData:
    """A second article reporting the same transfer, plus an attack only it states."""
    text = "Pyongyang delivered KN-23 missiles to Moscow. Russia fired them at Ukraine."
    doc = article(text, "two", published="2024-02-10")
    g = GraphData(documents=[doc])
    for nid in ("north-korea", "russia", "kn-23", "ukraine"):
        g.add_node(NODES[nid])
    cut = text.index(". ") + 1
    g.relations.append(Relation("SUPPLIES", "north-korea", "russia", Evidence(doc.id, text[:cut], 0, cut),
                                weapon="kn-23", status="delivered"))
    g.relations.append(Relation("ATTACKS", "russia", "ukraine", Evidence(doc.id, text[cut + 1:], cut + 1, len(text))))
    return g
