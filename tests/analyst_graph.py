"""A small hand-made graph for the analyst questions: three articles whose every row is known.

graph_one and graph_two (tests/factories.py) report North Korea's KN-23 transfer to Russia (John
Kirby; unattributed) and Russia's attack on Ukraine; graph_three adds two more claims of the same
transfer (Ukraine's Defence Intelligence, the United States), a denial by the Kremlin's spokesman,
an accusation and a confirmation about North Korea, and Kim Jong Un's visit to Russia.
Event times (tests/factories.py: graph_one's report of the transfer in December 2023): the Defence
Intelligence's report between August and October 2023, the visit and the meeting on 13 September
2023; the other reports give none (their document dates count).
"""
from __future__ import annotations

from graph.model import EventTime, Evidence, GraphData, Link, Node, Relation
from tests.factories import NODES, article, graph_one, graph_two

EXTRA = {
    "defence-intelligence-of-ukraine": Node("defence-intelligence-of-ukraine", "Agency",
                                            "Defence Intelligence of Ukraine", {"category": "intelligence"}),
    "dmitry-peskov": Node("dmitry-peskov", "Official", "Dmitry Peskov", {"role": "spokesman"}),
    "kim-jong-un": Node("kim-jong-un", "Official", "Kim Jong Un", {"role": "leader"}),
    "vladimir-putin": Node("vladimir-putin", "Official", "Vladimir Putin", {"role": "president"}),
    "vostochny-cosmodrome": Node("vostochny-cosmodrome", "Location", "Vostochny Cosmodrome", {}),
}

EVENTS = {  # the event time of the reports of a sentence, by its index in SENTENCES
    0: EventTime("between August and October 2023", "2023-08-01", "2023-10-31", "range"),
    3: EventTime("on 13 September 2023", "2023-09-13", "2023-09-13", "day"),
}

SENTENCES = (
    "Ukraine's Defence Intelligence said Russia received KN-23 missiles from North Korea.",
    "Washington said Pyongyang delivered KN-23 missiles to Moscow and condemned it.",
    "Kremlin spokesman Dmitry Peskov denied that Russia had received any weapons.",
    "Kim Jong Un visited the Vostochny Cosmodrome and met Vladimir Putin.",
)


def graph_three() -> GraphData:
    """Two more claims of the KN-23 transfer, a denial, an accusation, a visit and a meeting."""
    text = " ".join(SENTENCES)
    doc = article(text, "three", published="2024-03-01")
    g = GraphData(documents=[doc])
    for nid in ("north-korea", "russia", "kn-23", "united-states", "john-kirby", "ukraine"):
        g.add_node(NODES[nid])
    for node in EXTRA.values():
        g.add_node(node)
    ev = []
    for i, s in enumerate(SENTENCES):
        start = text.index(s)
        ev.append(Evidence(doc.id, s, start, start + len(s)))
    g.relations += [
        Relation("SUPPLIES", "north-korea", "russia", ev[0], weapon="kn-23", status="delivered",
                 claimed_by="defence-intelligence-of-ukraine"),
        Relation("SUPPLIES", "north-korea", "russia", ev[1], weapon="kn-23", status="delivered",
                 claimed_by="united-states"),
        Relation("ACCUSES", "united-states", "north-korea", ev[1], claimed_by="john-kirby"),
        Relation("CONFIRMS", "united-states", "north-korea", ev[1]),
        Relation("DENIES", "dmitry-peskov", "russia", ev[2]),
        Relation("VISITS", "kim-jong-un", "vostochny-cosmodrome", ev[3]),
        Relation("MEETS", "kim-jong-un", "vladimir-putin", ev[3]),
    ]
    for rel in g.relations:
        rel.event = EVENTS.get(ev.index(rel.evidence))
    for link in (Link("PART_OF", "defence-intelligence-of-ukraine", "ukraine"),
                 Link("MEMBER_OF", "dmitry-peskov", "russia"), Link("MEMBER_OF", "kim-jong-un", "north-korea"),
                 Link("MEMBER_OF", "vladimir-putin", "russia"), Link("LOCATED_IN", "vostochny-cosmodrome", "russia")):
        g.add_link(link, doc.id)
    return g


def analyst_graphs() -> list[GraphData]:
    """The three articles, in order."""
    return [graph_one(), graph_two(), graph_three()]
