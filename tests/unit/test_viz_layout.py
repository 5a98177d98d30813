"""Large drawings are laid out in Python (graph/layout.py) and reach the page as compact columns."""
from __future__ import annotations

import json

import numpy as np
import pytest

from graph import drawing, layout, viz
from tests.show_fixtures import sample_mirror, synthetic_mirror


@pytest.fixture(scope="module")
def large():
    return drawing.build(synthetic_mirror(1000))


@pytest.fixture(scope="module")
def placed(large):
    return np.array(viz.positions(large), dtype=float)


def test_large_drawings_open_laid_out_small_ones_run_physics(large):
    small = drawing.build(sample_mirror())
    assert viz.positions(small) is None and viz.options(small, laid_out=False)["physics"]["enabled"]
    assert len(large.nodes) > drawing.style().page["laid_out_above"]
    assert viz.options(large, laid_out=True)["physics"]["enabled"] is False
    data = viz.payload(large, viz.positions(large))
    assert len(data["nodes"]["x"]) == len(data["nodes"]["y"]) == len(large.nodes)


def test_the_layout_is_spread_out_without_overlaps(large, placed):
    shown = [i for i, n in enumerate(large.nodes) if not n["isolated"]]
    radius = np.array(viz.radii(large))[shown]
    xy = placed[shown]
    dist = np.hypot(*(xy[:, None, :] - xy[None, :, :]).transpose(2, 0, 1))
    np.fill_diagonal(dist, np.inf)
    overlapping = (dist < (radius[:, None] + radius[None, :]) - 1).sum() // 2
    assert overlapping <= len(shown) // 200  # a handful at most, of discs that touch
    assert np.median(dist.min(axis=1)) > 2 * radius.min()  # not piled in the centre


def test_lines_are_short_next_to_random_placement(large, placed):
    index = {n["id"]: i for i, n in enumerate(large.nodes)}
    ends = np.array([(index[e["from"]], index[e["to"]]) for e in large.edges])
    length = np.median(np.hypot(*(placed[ends[:, 0]] - placed[ends[:, 1]]).T))
    rng = np.random.default_rng(1)
    shown = np.array([i for i, n in enumerate(large.nodes) if not n["isolated"]])
    any_two = np.median(np.hypot(*(placed[rng.choice(shown, 2000)] - placed[rng.choice(shown, 2000)]).T))
    assert length < any_two / 2


def test_entities_without_lines_wait_outside_the_graph(large, placed):
    isolated = [i for i, n in enumerate(large.nodes) if n["isolated"]]
    shown = [i for i, n in enumerate(large.nodes) if not n["isolated"]]
    assert isolated and shown
    far = np.hypot(*placed.T)  # from the centre of the layout, 0, 0
    assert far[isolated].min() > far[shown].max()


def test_the_layout_is_deterministic_and_finite():
    pairs = [(0, 1), (1, 2), (2, 0), (2, 3), (4, 5)]
    one = layout.positions(7, pairs, [10.0] * 7)
    assert np.isfinite(one).all() and np.array_equal(one, layout.positions(7, pairs, [10.0] * 7))
    assert np.hypot(*(one[3] - one[2])) < np.hypot(*(one[6] - one[2]))  # a leaf by its node, node 6 alone outside


def decode(data: dict) -> tuple[list[dict], list[dict]]:
    """What viz.html makes of the page's columns: vis-network's items (ids, ends, tooltips)."""
    nodes, edges, text = data["nodes"], data["edges"], data["text"]

    def tooltip(refs, header):
        return "\n".join(header if i < 0 else text[i] for i in refs)

    items = [{"id": n, "title": tooltip(nodes["title"][i], nodes["label"][i])} for i, n in enumerate(nodes["id"])]
    lines = []
    for i, (a, b, r) in enumerate(zip(edges["from"], edges["to"], edges["rel"])):
        rel = data["rels"][r]
        header = f"{nodes['label'][a]} → {nodes['label'][b]}: {rel}"
        lines.append({"id": f"{rel}:{nodes['id'][a]}:{nodes['id'][b]}", "title": tooltip(edges["title"][i], header)})
    return items, lines


@pytest.mark.parametrize("mirror", [sample_mirror, lambda: synthetic_mirror(300)], ids=["sample", "synthetic"])
def test_the_page_columns_carry_every_id_and_tooltip(mirror):
    d = drawing.build(mirror())
    data = viz.payload(d, None)
    nodes, lines = decode(json.loads(json.dumps(data)))
    assert [(n["id"], n["title"]) for n in nodes] == [(n["id"], n["title"]) for n in d.nodes]
    assert [(e["id"], e["title"]) for e in lines] == [(e["id"], e["title"]) for e in d.edges]
    assert len(data["text"]) < sum(len(x["title"].split("\n")) for x in [*d.nodes, *d.edges])  # shared lines


def test_sizes_and_widths_follow_the_style(large):
    scaling = drawing.style().vis
    radius, width = viz.radii(large), viz.widths(large)
    assert min(radius) == scaling["nodes"]["scaling"]["min"] and max(radius) == scaling["nodes"]["scaling"]["max"]
    assert min(width) == scaling["edges"]["scaling"]["min"] and max(width) == scaling["edges"]["scaling"]["max"]
    busiest = max(range(len(large.nodes)), key=lambda i: large.nodes[i]["value"])
    assert radius[busiest] == max(radius)
