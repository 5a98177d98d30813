"""Hostile article text through the whole tool into the HTML it writes: an article (and its file
name, and the page title) full of <script>, event handlers and javascript: links is loaded with
`cli.py load`, drawn with `cli.py viz`, and opened in headless Chromium. Every tooltip shows the
markup as text; no dialog opens, no injected element exists, nothing runs (with and without the
page's Content-Security-Policy)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.reliability.conftest import invoke

pytestmark = pytest.mark.browser
PAYLOADS = ["<script>alert(1)</script>", "<img src=x onerror=alert(2)>", '<a href="javascript:alert(3)">Details</a>',
            '"><svg onload=alert(4)>', "</script><script>alert(7)</script>"]
ARTICLE = (f"Nordkorea hat {PAYLOADS[0]} ballistische Raketen an Russland geliefert, sagte John Kirby.\n"
           f"Laut US-Geheimdiensten hat Russland {PAYLOADS[1]} nordkoreanische Raketen auf die Ukraine abgefeuert.\n"
           f"Südkorea beschuldigt Nordkorea, Artilleriegranaten an Russland geliefert zu haben {PAYLOADS[2]}.\n"
           f"Russland hat {PAYLOADS[3]} erneut Raketen auf die Ukraine abgefeuert, sagte Selenskyj.\n"
           f"Kim Jong Un besuchte Russland {PAYLOADS[4]} im September.\n")
FILE_NAME = "<img src=x onerror=alert(5)>"
TITLE = "<script>alert(6)</script> & <b>bold</b>"


@pytest.fixture(scope="module")
def page_file(_store, tmp_path_factory) -> Path:
    """The hostile article loaded into an empty test database, drawn by `cli.py viz`."""
    _store.wipe()
    folder = tmp_path_factory.mktemp("hostile")
    (folder / f"{FILE_NAME}.txt").write_text(ARTICLE, encoding="utf-8")
    loaded = invoke(folder / "m.json.gz", "load", folder / f"{FILE_NAME}.txt", "--json")
    assert loaded.exit_code == 0, loaded.output
    assert json.loads(loaded.output)["relations"] >= 4
    drawn = invoke(folder / "m.json.gz", "viz", "--dir", folder, "--output", "page.html", "--title", TITLE)
    assert drawn.exit_code == 0, drawn.output
    return folder / "page.html"


def test_the_page_holds_no_live_markup_from_the_article(page_file):
    html = page_file.read_text(encoding="utf-8")
    for payload in [*PAYLOADS, FILE_NAME, "<b>bold</b>"]:
        assert payload not in html, payload  # every one is escaped (in JSON: \u003c ...; in HTML: &lt; ...)


def tooltips(page) -> dict[str, str]:
    """Hover every drawn line (their tooltips quote the article and name its document); their text, by id."""
    out = {}
    empty = page.evaluate("""() => { const box = document.getElementById("network").getBoundingClientRect();
                                     return [box.right - 4, box.bottom - 4]; }""")  # a corner of the canvas
    items = page.evaluate("""() => {
        const net = window.armsgraph.network, box = document.getElementById("network").getBoundingClientRect();
        const at = (p) => { const d = net.canvasToDOM(p); return [d.x + box.left, d.y + box.top]; };
        return window.armsgraph.edges.getIds().map((id) => [id, at(net.body.edges[id].edgeType.getPoint(0.5))]); }""")
    for item_id, (x, y) in items:
        page.mouse.move(*empty)
        page.wait_for_selector("div.vis-tooltip", state="hidden", timeout=5_000)
        page.mouse.move(x - 30, y - 30)
        page.mouse.move(x, y, steps=4)
        page.wait_for_selector("div.vis-tooltip", state="visible", timeout=5_000)
        out[item_id] = page.inner_text("div.vis-tooltip")
    return out


@pytest.mark.parametrize("bypass_csp", [False, True], ids=["as shipped", "without its CSP"])
def test_hostile_text_is_shown_as_text_and_runs_nothing(browser, page_file, bypass_csp):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, bypass_csp=bypass_csp)
    page = context.new_page()
    dialogs, errors = [], []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(page_file.resolve().as_uri())
    page.wait_for_selector("body[data-ready='1']", state="attached", timeout=90_000)
    page.evaluate("window.armsgraph.setFilters({isolated: false})")
    shown = tooltips(page)
    assert len(shown) >= 5
    text = "\n".join(shown.values())
    for payload in PAYLOADS:
        assert payload in text, payload  # the article's markup, quoted as text
    assert any(line.startswith(f"“Nordkorea hat {PAYLOADS[0]}") for line in text.splitlines())
    assert page.title() == TITLE and page.inner_text("h1") == TITLE
    injected = page.evaluate("""() => ({
        images: document.querySelectorAll('img').length,
        svgHandlers: document.querySelectorAll('[onload], [onerror], [onclick]').length,
        javascriptLinks: document.querySelectorAll('a[href^="javascript"]').length,
        bold: document.querySelectorAll('b').length,
        scripts: Array.from(document.scripts, (s) => s.type || 'js'),
        tooltipElements: Array.from(document.querySelectorAll('div.vis-tooltip *'), (e) => e.tagName)})""")
    assert injected == {"images": 0, "svgHandlers": 0, "javascriptLinks": 0, "bold": 0,
                        "scripts": ["js", "application/json", "js"], "tooltipElements": injected["tooltipElements"]}
    assert set(injected["tooltipElements"]) <= {"BR"}
    page.mouse.move(5, 5)
    assert dialogs == [] and errors == []
    context.close()
