"""The timeline picture's content (graph/timeline.py), without a browser: marks, pairs, filters, escaping."""
from __future__ import annotations

import pytest

from graph import mirror, timeline
from graph.errors import NotFoundError, UnknownNameError
from graph.model import EventTime, Evidence, GraphData, Relation
from graph.period import Period
from loaders import gazetteer
from tests.analyst_graph import analyst_graphs
from tests.factories import NODES, article
from tests.show_fixtures import HOSTILE, sample_mirror


@pytest.fixture(scope="module")
def g():
    both = GraphData()
    for part in analyst_graphs():
        both.extend(part)
    return mirror.build(both)


def marks(p: timeline.Picture) -> list[tuple]:
    return [(m.pair, m.rel, m.first, m.last, m.dated, len(m.reports)) for m in p.marks]


def test_marks_per_pair_month_and_kind_of_date(g):
    p = timeline.build(g)
    assert marks(p) == [
        ("North Korea → Russia", "SUPPLIES", "2023-08", "2023-10", "event", 1),  # "between August and October"
        ("North Korea → Russia", "SUPPLIES", "2023-12", "2023-12", "event", 1),  # "in December"
        ("North Korea → Russia", "SUPPLIES", "2024-02", "2024-02", "report", 1),  # no event time: the article's date
        ("North Korea → Russia", "SUPPLIES", "2024-03", "2024-03", "report", 1),
        ("Kim Jong Un → Vostochny Cosmodrome", "VISITS", "2023-09", "2023-09", "event", 1)]
    assert p.months == timeline.months_between("2023-08", "2024-03") and len(p.months) == 8
    first = p.marks[0].reports[0]
    assert (first["document"], first["claimed_by"], first["words"], first["published"]) == (
        "three", "Defence Intelligence of Ukraine", "between August and October 2023", "2024-03-01")
    assert [m.number for m in p.marks] == list(range(5)) and p.undated == 0


def test_months_between_cross_years():
    assert timeline.months_between("2023-11", "2024-02") == ["2023-11", "2023-12", "2024-01", "2024-02"]


@pytest.mark.parametrize("actor,pairs", [
    ("Kim Jong Un", ["Kim Jong Un → Vostochny Cosmodrome"]),
    ("Nordkorea", ["North Korea → Russia", "Kim Jong Un → Vostochny Cosmodrome"]),  # Kim is a member
    ("Russia", ["North Korea → Russia", "Kim Jong Un → Vostochny Cosmodrome"]),  # the cosmodrome lies in it
])
def test_an_actor_keeps_its_own_pairs(g, actor, pairs):
    p = timeline.build(g, actor=actor, vocabulary=gazetteer.load().resolve)
    assert [row["marks"][0].pair for row in p.rows] == pairs
    assert p.scope.startswith("With ")


def test_a_period_keeps_the_reports_that_overlap_it(g):
    p = timeline.build(g, period=Period.parse("2023-10", "2023-12"))
    assert [(m.first, m.last) for m in p.marks] == [("2023-08", "2023-10"), ("2023-12", "2023-12")]
    assert p.scope == "2023-10-01 to 2023-12-31"
    with pytest.raises(NotFoundError, match="in the period"):
        timeline.build(g, period=Period.parse("2025"))
    with pytest.raises(NotFoundError):
        timeline.build(g, actor="Ukraine", vocabulary=gazetteer.load().resolve)
    with pytest.raises(UnknownNameError):
        timeline.build(g, actor="Atlantis", vocabulary=gazetteer.load().resolve)


def test_reports_without_any_date_are_counted_not_drawn():
    text = "North Korea sent shells to Russia."
    doc = article(text, "undated", published=None)
    data = GraphData(documents=[doc])
    for nid in ("north-korea", "russia"):
        data.add_node(NODES[nid])
    data.relations.append(Relation("SUPPLIES", "north-korea", "russia", Evidence(doc.id, text, 0, len(text))))
    data.relations.append(Relation("SUPPLIES", "north-korea", "russia", Evidence(doc.id, text, 0, len(text)),
                                   claimed_by="russia", event=EventTime("last month")))  # unresolved: words alone
    with pytest.raises(NotFoundError, match="no transfer or visit with a date"):
        timeline.build(mirror.build(data))
    g = sample_mirror(hostile=False)
    mirror.apply(g, data)
    assert timeline.build(g).undated == 2


def test_article_text_is_escaped():
    html = timeline.page(timeline.build(sample_mirror()))
    assert "<script>" not in html and "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in html
    assert 'onerror="window' not in html and "<img" not in html
    assert HOSTILE.split("<")[0].replace('"', "&#34;") in html


def test_the_timeline_command(g, tmp_path):
    import json

    from typer.testing import CliRunner

    import cli
    from graph import mirror_io
    path = mirror_io.save(g, tmp_path / "m.json.gz")

    def run(*args):
        return CliRunner().invoke(cli.app, ["--mirror", str(path), "timeline", "--dir", str(tmp_path), *args])
    result = run("--actor", "Pjöngjang", "--since", "2023-10", "--json", "-o", "t.html")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {"path": str(tmp_path / "t.html"), "pairs": 1, "marks": 4, "months": 8,
                                         "reports": 4, "undated": 0}
    assert "With North Korea · 2023-10-01 to …" in (tmp_path / "t.html").read_text(encoding="utf-8")
    for args, code, message in ((["--until", "2023-02-30"], 2, "--until takes a date"),
                                (["--since", "2030"], 1, "nothing to draw"),
                                (["-o", str(path)], 2, "is the mirror file")):
        bad = run(*args)
        assert bad.exit_code == code and message in bad.stderr and bad.stderr.count("\n") == 1, bad.output
    assert "Example:" in CliRunner().invoke(cli.app, ["timeline", "--help"]).stdout
