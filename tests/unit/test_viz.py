"""The drawing behind `cli.py viz`: style as data, merged lines, filters, text-only tooltips."""
from __future__ import annotations

import re

import pytest
import yaml

from graph import drawing, schema, viz
from graph.errors import InputError, NotFoundError, SchemaError
from loaders import gazetteer
from tests.show_fixtures import sample_mirror


@pytest.fixture(scope="module")
def g():
    return sample_mirror()


def test_style_covers_the_schema_and_rejects_gaps(tmp_path):
    st = drawing.style()
    s = schema.load()
    assert set(st.nodes) == set(s.entity_kinds) and set(st.lines) == {*s.relations, *s.structural}
    broken = tmp_path / "style.yaml"
    broken.write_text("nodes: {State: {color: '#000000', shape: dot}}\nrelations: {}\nstructural: {}\n")
    with pytest.raises(SchemaError):
        drawing.style.__wrapped__(broken)
    no_page = yaml.safe_load(drawing.STYLE_PATH.read_text(encoding="utf-8"))
    del no_page["page"]["laid_out_above"]
    broken.write_text(yaml.safe_dump(no_page), encoding="utf-8")
    with pytest.raises(SchemaError, match="laid_out_above"):
        drawing.style.__wrapped__(broken)


def test_reports_of_one_relation_are_one_line_weighted_by_reports(g):
    d = drawing.build(g)
    supplies = [e for e in d.edges if e["rel"] == "SUPPLIES" and e["from"] == "north-korea"]
    assert len(supplies) == 1 and supplies[0]["value"] == 2 and supplies[0]["corroboration"] == 2
    assert "“Pyongyang delivered KN-23 missiles to Moscow.”" in supplies[0]["title"]
    assert {n["id"]: n["value"] for n in d.nodes}["russia"] > {n["id"]: n["value"] for n in d.nodes}["kursk"]


def test_parallel_facts_between_two_entities_share_a_line():
    from tests.show_fixtures import synthetic_mirror
    h = synthetic_mirror(60)
    h.add_edge("n00001", "n00002", "fa", type="SUPPLIES", id="fa", docs=["d00001"], evidence_count=1,
               weapon="rifle", status="delivered", claimed_by=[])
    h.add_edge("n00001", "n00002", "fb", type="SUPPLIES", id="fb", docs=["d00002"], evidence_count=3,
               weapon="tank", status="planned", claimed_by=[])
    line = next(e for e in drawing.build(h).edges if e["id"] == "SUPPLIES:n00001:n00002")
    assert line["facts"] >= 2 and line["value"] >= 4 and "tank (planned): 3 reports" in line["title"]


def test_filters_types_corroboration_and_neighbourhood(g):
    only = drawing.build(g, types={"ATTACKS"})
    assert {e["rel"] for e in only.edges} == {"ATTACKS"} and {n["id"] for n in only.nodes} == {"russia", "ukraine"}
    corroborated = drawing.build(g, min_corroboration=2)
    assert [e["id"] for e in corroborated.edges] == ["SUPPLIES:north-korea:russia"]
    near = drawing.build(g, actor="kursk", depth=1)
    assert {n["id"] for n in near.nodes} == {"kursk", "north-korea", "russia"}
    assert len(drawing.build(g, actor="kursk", depth=2).nodes) > len(near.nodes)


def test_tooltips_are_plain_text_and_the_page_has_no_remote_resources(g):
    html = viz.page(drawing.build(g))
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", html, re.I)
    assert "<script>window.__pwned" not in html and "onerror=\"window" not in html
    assert html.count("<script nonce=") == 2  # vis-network and the page's own script
    assert "\\u003cscript\\u003ewindow.__pwned=1" in html  # the sentence is data, escaped by tojson
    assert "Content-Security-Policy" in html


def test_command_line_names_and_types(g):
    vocabulary = gazetteer.load().resolve
    assert viz.find_actor(g, "Pjöngjang", vocabulary) == "north-korea"
    assert viz.find_actor(g, '<img src=x onerror="window.__pwned=4">`O\'Brien`', vocabulary) == "evil-official"
    with pytest.raises(InputError):
        viz.find_actor(g, "Atlantis Republic", vocabulary)
    with pytest.raises(NotFoundError):
        viz.find_actor(g, "Laos", vocabulary)  # known to the vocabulary, absent from this graph
    assert viz.parse_types("supplies, attacks") == {"SUPPLIES", "ATTACKS"}
    with pytest.raises(InputError):
        viz.parse_types("SUPPLIES,LOVES")
