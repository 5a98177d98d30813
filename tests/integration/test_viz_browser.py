"""The viz page in headless Chromium (Debian's /usr/bin/chromium): it draws, logs no error, fetches
nothing, runs no article text, and its filters change what is shown."""
from __future__ import annotations

import json
import re
import struct
import zlib
from collections import Counter
from pathlib import Path

import pytest

from graph import drawing, viz
from tests.opened_page import OpenedPage
from tests.show_fixtures import sample_mirror, synthetic_mirror

pytestmark = pytest.mark.browser


def png_colours(png: bytes) -> Counter:
    """Pixel colours of an 8-bit RGB/RGBA, non-interlaced PNG (what Chromium writes)."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    pos, chunks, header = 8, [], None
    while pos < len(png):
        length, kind = struct.unpack(">I4s", png[pos:pos + 8])
        body = png[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            chunks.append(body)
        pos += 12 + length
    width, height, depth, colour_type, _, _, interlace = header
    assert depth == 8 and colour_type in (2, 6) and interlace == 0
    bpp = 3 if colour_type == 2 else 4
    raw, stride = zlib.decompress(b"".join(chunks)), width * bpp
    previous, colours = bytearray(stride), Counter()
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = previous[i], previous[i - bpp] if i >= bpp else 0
            if kind == 1:
                line[i] = (line[i] + a) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + b) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 0xFF
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
        colours.update(bytes(line[i:i + 3]) for i in range(0, stride, bpp))
        previous = line
    return colours


class Opened(OpenedPage):
    """The graph page opened, once it has drawn."""

    def __init__(self, browser, path: Path, **context):
        super().__init__(browser, path, (1280, 800), **context)
        self.page.wait_for_selector("body[data-ready='1']", state="attached", timeout=90_000)

    def hover_line(self, edge_id: str) -> str:
        """Move the mouse onto a drawn line and return its tooltip's text."""
        x, y = self.page.evaluate("""(id) => {
            const net = window.armsgraph.network;
            const at = net.canvasToDOM(net.body.edges[id].edgeType.getPoint(0.5));  // on the curve
            const box = document.getElementById("network").getBoundingClientRect();
            return [at.x + box.left, at.y + box.top]; }""", edge_id)
        self.page.mouse.move(x - 40, y - 40)
        self.page.mouse.move(x, y, steps=4)
        self.page.wait_for_selector("div.vis-tooltip", state="visible", timeout=5_000)
        return self.page.inner_text("div.vis-tooltip")


@pytest.fixture(scope="module")
def page_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("viz") / "graph.html"
    path.write_text(viz.page(drawing.build(sample_mirror())), encoding="utf-8")
    return path


def check_drawn(opened: Opened, shot: Path) -> None:
    width, height = opened.page.eval_on_selector("#network canvas", "c => [c.width, c.height]")
    assert width > 200 and height > 200
    opened.page.locator("#network").screenshot(path=str(shot))
    colours = png_colours(shot.read_bytes())
    background_share = colours.most_common(1)[0][1] / sum(colours.values())
    assert len(colours) > 30 and background_share < 0.995, "the canvas looks blank"
    assert opened.errors == []
    assert all(re.match(r"(file|data|about|blob):", url) for url in opened.requests), opened.requests


def test_page_draws_without_errors_or_requests(browser, page_file, tmp_path):
    html = page_file.read_text(encoding="utf-8")
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", html, re.I)
    opened = Opened(browser, page_file)
    check_drawn(opened, tmp_path / "page.png")
    assert opened.page.evaluate("window.armsgraph.counts().edges") > 5


@pytest.mark.parametrize("bypass_csp", [False, True], ids=["as shipped", "without its CSP"])
def test_article_text_runs_nothing(browser, page_file, bypass_csp):
    opened = Opened(browser, page_file, bypass_csp=bypass_csp)
    opened.page.evaluate("window.armsgraph.setFilters({types: ['SUPPLIES']})")  # nothing on top of it
    text = opened.hover_line("SUPPLIES:russia:ukraine")
    assert "<script>window.__pwned=1</script>" in text and 'onerror="window.__pwned=2"' in text
    assert 'href="javascript:window.__pwned=3"' in text
    page = opened.page
    assert page.evaluate("typeof window.__pwned") == "undefined"
    tags = page.evaluate("Array.from(document.querySelectorAll('div.vis-tooltip *'), e => e.tagName)")
    assert set(tags) <= {"BR"}  # innerText turns line breaks into <br>, nothing else becomes an element
    assert page.evaluate("document.querySelectorAll('img, a, iframe, object, embed').length") == 0
    assert page.evaluate("Array.from(document.scripts, s => s.type || 'js')") == ["js", "application/json", "js"]
    page.mouse.move(5, 5)
    assert page.evaluate("typeof window.__pwned") == "undefined" and opened.errors == []


def test_filters_change_what_is_shown(browser, page_file):
    page = Opened(browser, page_file).page
    everything = page.evaluate("window.armsgraph.counts()")
    attacks = page.evaluate("window.armsgraph.setFilters({types: ['ATTACKS']})")
    assert attacks["edges"] == 1 and attacks["nodes"] == 2
    g = sample_mirror()
    for filters, python in ((dict(minCorroboration=2), dict(min_corroboration=2)),
                            (dict(actor="Kursk", depth=1), dict(actor="kursk", depth=1)),
                            (dict(actor="kursk", depth=2), dict(actor="kursk", depth=2))):
        shown = page.evaluate("(f) => { window.armsgraph.setFilters(f); return window.armsgraph.shown(); }",
                              {"types": [e["rel"] for e in drawing.build(g).edges], "minCorroboration": 0,
                               "actor": "", "depth": 1, **filters})
        d = drawing.build(g, **python)
        assert sorted(shown["edges"]) == sorted(e["id"] for e in d.edges)
        assert sorted(shown["nodes"]) == sorted(n["id"] for n in d.nodes)
    unknown = page.evaluate("window.armsgraph.setFilters({actor: 'Atlantis'})")
    assert "No entity named “Atlantis”" in page.inner_text("#status") and unknown["edges"] > 0
    page.click("#reset")
    assert page.evaluate("window.armsgraph.counts()") == everything


def test_a_large_graph_renders(browser, tmp_path):
    d = drawing.build(synthetic_mirror(1000))
    path = tmp_path / "large.html"
    path.write_text(viz.page(d), encoding="utf-8")
    opened = Opened(browser, path)
    assert opened.page.evaluate("window.armsgraph.counts().nodes") == len([n for n in d.nodes if not n["isolated"]])
    check_drawn(opened, tmp_path / "large.png")


def test_a_large_graph_opens_laid_out_with_tooltips_and_filters(browser, tmp_path):
    d = drawing.build(synthetic_mirror(1000))  # beyond laid_out_above: positions from graph/layout.py
    path = tmp_path / "large.html"
    path.write_text(viz.page(d), encoding="utf-8")
    opened = Opened(browser, path)
    page = opened.page
    assert page.is_hidden("#loading")
    at = page.evaluate("window.armsgraph.network.getPositions()")
    placed = dict(zip((n["id"] for n in d.nodes), viz.positions(d)))
    assert at and all((p["x"], p["y"]) == placed[k] for k, p in at.items())  # as written: no physics ran
    line = max(d.edges, key=lambda e: (e["corroboration"], e["id"]))
    shown = page.evaluate("(f) => window.armsgraph.setFilters(f)",
                          {"types": [line["rel"]], "minCorroboration": line["corroboration"]})
    assert 1 <= shown["edges"] < len(d.edges) // 10
    page.evaluate("""(id) => { const net = window.armsgraph.network;
        net.moveTo({position: net.body.edges[id].edgeType.getPoint(0.5), scale: 2, animation: false}); }""", line["id"])
    assert opened.hover_line(line["id"]).split() == line["title"].split()
    everything = page.evaluate("window.armsgraph.setFilters({types: %s, minCorroboration: 0, isolated: true})"
                               % json.dumps(sorted({e["rel"] for e in d.edges})))
    assert everything["nodes"] == len(d.nodes) and everything["edges"] == len(d.edges)
    at = page.evaluate("window.armsgraph.network.getPositions()")
    far = {k: (p["x"] ** 2 + p["y"] ** 2) ** 0.5 for k, p in at.items()}
    isolated = {n["id"] for n in d.nodes if n["isolated"]}
    assert min(far[k] for k in isolated) > max(far[k] for k in far if k not in isolated)  # waiting outside
    assert opened.errors == []
