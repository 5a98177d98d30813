"""The timeline page in headless Chromium (Debian's /usr/bin/chromium): it shows every mark where its
month is, fetches nothing, runs nothing, and each mark leads to its reports."""
from __future__ import annotations

import re

import pytest

from graph import mirror, timeline
from graph.model import GraphData
from tests.analyst_graph import analyst_graphs
from tests.opened_page import OpenedPage
from tests.show_fixtures import sample_mirror

pytestmark = pytest.mark.browser


class Opened(OpenedPage):
    """The timeline picture opened."""

    def marks(self) -> list[dict]:
        """Each mark's data and where it is drawn (its box on the page)."""
        return self.page.evaluate("""() => Array.from(document.querySelectorAll('#chart a.mark'), a => {
            const box = a.getBoundingClientRect();
            return {href: a.getAttribute('href'), first: a.dataset.first, last: a.dataset.last, rel: a.dataset.rel,
                    dated: a.dataset.dated, x: box.left, y: box.top, width: box.width, height: box.height}; })""")


@pytest.fixture(scope="module")
def picture():
    both = GraphData()
    for part in analyst_graphs():
        both.extend(part)
    return timeline.build(mirror.build(both))


@pytest.fixture(scope="module")
def page_file(picture, tmp_path_factory):
    path = tmp_path_factory.mktemp("timeline") / "timeline.html"
    path.write_text(timeline.page(picture), encoding="utf-8")
    return path


def test_every_mark_is_drawn_at_its_months(browser, page_file, picture):
    opened = Opened(browser, page_file)
    drawn = opened.marks()
    assert [(d["first"], d["last"], d["rel"], d["dated"]) for d in drawn] == [
        (m.first, m.last, m.rel, m.dated) for m in picture.marks]
    assert all(d["width"] > 5 and d["height"] > 5 for d in drawn)  # visible, not collapsed
    supplies = [d for d in drawn if d["rel"] == "SUPPLIES"]
    assert [d["x"] for d in supplies] == sorted(d["x"] for d in supplies)  # later months further right
    assert len({round(d["y"]) for d in supplies}) == 1  # one pair, one row
    bar, december = supplies[0], supplies[1]  # August to October: a bar three months wide
    assert bar["width"] > 2.5 * december["width"]
    visit = next(d for d in drawn if d["rel"] == "VISITS")
    assert bar["x"] < visit["x"] < december["x"] and visit["y"] > bar["y"]  # September, the next row
    assert opened.errors == [] and opened.page.evaluate("document.scripts.length") == 0
    assert all(re.match(r"(file|data|about):", url) for url in opened.requests), opened.requests
    html = page_file.read_text(encoding="utf-8")
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", html, re.I)


def test_a_mark_leads_to_its_reports(browser, page_file, picture):
    page = Opened(browser, page_file).page
    december = picture.marks[1]
    page.click(f"#chart a.mark[href='#m{december.number}']")
    assert page.evaluate("location.hash") == f"#m{december.number}"
    target = page.locator(":target")
    assert target.is_visible() and target.get_attribute("id") == f"m{december.number}"
    text = target.inner_text()
    report = december.reports[0]
    assert report["sentence"] in text and "claimed by John Kirby" in text and "one" in text
    assert "2023-12-01 – 2023-12-31" in text and "“in December”" in text
    box = target.bounding_box()
    assert 0 <= box["y"] < 700  # scrolled into view
    tooltip = page.eval_on_selector(f"#chart a.mark[href='#m{december.number}'] title", "t => t.textContent")
    assert tooltip == "North Korea → Russia: SUPPLIES, 2023-12 (event time), 1 report"


@pytest.mark.parametrize("bypass_csp", [False, True], ids=["as shipped", "without its CSP"])
def test_article_text_runs_nothing(browser, tmp_path, bypass_csp):
    path = tmp_path / "hostile.html"
    path.write_text(timeline.page(timeline.build(sample_mirror())), encoding="utf-8")
    opened = Opened(browser, path, bypass_csp=bypass_csp)
    page = opened.page
    for a in page.query_selector_all("#chart a.mark"):
        a.click()
    assert "<script>window.__pwned=1</script>" in page.inner_text("body")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.evaluate("document.querySelectorAll('img, iframe, object, embed, script').length") == 0
    assert opened.errors == []
