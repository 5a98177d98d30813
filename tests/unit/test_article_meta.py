"""An article's own date, outlet and URL (loaders/article_meta.py, loaders/datelines.py): the
dateline reader, sidecars, the order of trust, the walk past sidecars, and how a document was read."""
from __future__ import annotations

import json
import logging
from datetime import date, timedelta

import pytest

from graph.errors import DocumentError, InputError
from graph.model import reading
from loaders import article_meta, datelines
from loaders.article_files import iter_paths
from loaders.article_meta import Meta
from loaders.documents import read_bytes, read_documents, read_path

EN = ("North Korea has sent artillery shells to Russia, South Korea's intelligence service said on Wednesday. "
      "The shipments were larger than expected.")
DE = "Südkorea bestätigt Lieferungen von Artilleriegranaten an die Ukraine. Die Größe der Lieferung ist unklar."
TOMORROW_PLUS = (date.today() + timedelta(days=3)).isoformat()

# a line, and (year, month, day, agency) of its dateline (None: it is none)
LINES = [
    ("SEOUL, 12. März 2024 (Reuters) – Nordkorea hat", (2024, 3, 12, "Reuters")),
    ("KYIV, Nov 21 (AP) — Russia fired", (None, 11, 21, "AP")),
    ("KYIV, Nov. 21 (AP) — Russia fired", (None, 11, 21, "AP")),
    ("Berlin (dpa) - Die Bundesregierung", (None, None, None, "dpa")),
    ("WASHINGTON, March 3, 2024 /PRNewswire/ -- Acme Defense", (2024, 3, 3, "PR Newswire")),
    ("MOSKAU/KIEW, 5. Dezember 2023 (AFP) – Russland", (2023, 12, 5, "AFP")),
    ("TAIPEI, Taiwan, 7 June 2022 (Xinhua) - Taiwan", (2022, 6, 7, "Xinhua")),
    ("NEU-DELHI, 1. Okt. 2021 (dpa-AFX) - Indien", (2021, 10, 1, "dpa-AFX")),
    ("Wien, Jänner 9, 2020 (APA) - Österreich", (2020, 1, 9, "APA")),
    ("LONDON, 2024-02-29 (Reuters) - Britain", (2024, 2, 29, "Reuters")),
    ("Paris, 14.07.2019 (AFP) – Frankreich", (2019, 7, 14, "AFP")),
    ("GENF (epd) - Die Vereinten Nationen", (None, None, None, "epd")),
    ("ISLAMABAD/NEW DELHI, May 15 - For years", (None, 5, 15, None)),
    ("SEOUL, Südkorea, 1. November 2023 – Nordkorea", (2023, 11, 1, None)),
    ("Tuesday, September 10, 2024", (2024, 9, 10, None)),
    ("Mittwoch, 4. Januar 2023", (2023, 1, 4, None)),
    ("July 14, 2025", (2025, 7, 14, None)),
    ("Kiew – Bei seinem ersten Besuch", None),  # a place alone says nothing of when or who
    ("TAIPEI, Taiwan – Nordkorea hat", None),
    ("Russland will Waffen - aus Nordkorea kaufen", None),
    ("North Korea sent 100 missiles in March 2024 - officials said", None),
    ("On March 3, 2024 the ministry said", None),
]


@pytest.mark.parametrize("line,expected", LINES, ids=[line[:28] for line, _ in LINES])
def test_the_dateline_of_a_line(line, expected):
    got = datelines.read(line)
    if expected is None:
        assert got is None
    else:
        assert got is not None and (got.year, got.month, got.day, got.agency) == expected
        assert line.startswith(got.text)


def test_the_dateline_is_looked_for_in_the_first_lines_only():
    text = "Titel der Meldung\n\nBERLIN, 3. Mai 2024 (dpa) - Der Bundestag hat beschlossen."
    assert datelines.find(text).agency == "dpa"
    late = "Titel\n\nEins.\n\nZwei.\n\nDrei.\n\nVier.\n\nBERLIN (dpa) - Der Bundestag hat beschlossen."
    assert datelines.find(late) is None


def test_a_dateline_gives_the_date_and_the_agency():
    doc = read_bytes(f"Titel\n\nSEOUL, 12. März 2024 (Reuters) – {DE}".encode(), "a.txt")
    assert (doc.published, doc.published_from, doc.outlet, doc.outlet_from) == ("2024-03-12", "dateline",
                                                                                "Reuters", "dateline")
    assert doc.url is None and doc.url_from is None


def test_a_dateline_without_a_year_gives_no_date_of_its_own():
    doc = read_bytes(f"KYIV, Nov 21 (AP) — {EN}".encode(), "a.txt")
    assert doc.published is None and doc.published_from is None and doc.outlet == "AP"


def test_a_day_without_a_year_takes_the_year_only_from_another_source_s_date():
    settle = article_meta.settle
    doc = read_bytes(EN.encode(), "a.txt")
    settle(doc, [("dateline", Meta(month_day=(11, 21))), ("fetch", Meta("2024-11-23"))])
    assert (doc.published, doc.published_from) == ("2024-11-21", "dateline")
    doc = read_bytes(EN.encode(), "a.txt")
    settle(doc, [("dateline", Meta(month_day=(12, 31))), ("fetch", Meta("2025-01-02"))])
    assert doc.published == "2024-12-31"  # the year before is closer
    doc = read_bytes(EN.encode(), "a.txt")
    settle(doc, [("dateline", Meta(month_day=(2, 29))), ("fetch", Meta("2023-03-01"))])
    assert doc.published == "2024-02-29"  # 2023 has no 29 February; 2024 is the nearest that has one
    doc = read_bytes(EN.encode(), "a.txt")
    settle(doc, [("dateline", Meta(month_day=(3, 2), outlet="Reuters"))])
    assert doc.published is None and doc.outlet == "Reuters"


@pytest.mark.parametrize("line", ["SEOUL, 31. Februar 2024 (dpa) – ", "KYIV, June 31, 2023 (AP) - ",
                                  "LONDON, 0999-01-01 (Reuters) - ", f"LONDON, {TOMORROW_PLUS} (Reuters) - "])
def test_an_impossible_dateline_date_is_a_one_line_warning_and_left_empty(caplog, line):
    with caplog.at_level(logging.WARNING, logger="loaders.documents"):
        doc = read_bytes((line + DE).encode(), "x/a.txt")
    assert doc.published is None and doc.published_from is None and doc.outlet
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and "\n" not in warnings[0]
    assert warnings[0].startswith("x/a.txt: the dateline's date") and "impossible" in warnings[0]


# what the metadata of a page and of a markdown file say

PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Shells for Russia</title>
<meta property="og:site_name" content="Example News">
<link rel="canonical" href="https://news.example.com/world/shells-2024">
<meta property="article:published_time" content="2024-11-20T08:15:00Z">
</head><body><article><p>KYIV, Nov 21 (AP) — {EN}</p></article></body></html>"""


def test_a_page_gives_date_outlet_and_url():
    doc = read_bytes(PAGE.replace("{EN}", EN).encode(), "a.html")
    assert (doc.published, doc.outlet, doc.url) == ("2024-11-20", "Example News",
                                                    "https://news.example.com/world/shells-2024")
    assert doc.published_from == doc.outlet_from == doc.url_from == "html"


def test_front_matter_gives_date_outlet_and_url_and_an_impossible_date_is_a_warning(caplog):
    md = f"---\ntitle: Granaten\ndate: 2024-11-21\noutlet: Tagesspiegel\nurl: https://t.example/a\n---\n{DE}"
    doc = read_bytes(md.encode(), "a.md")
    assert (doc.title, doc.published, doc.outlet, doc.url) == ("Granaten", "2024-11-21", "Tagesspiegel",
                                                               "https://t.example/a")
    with caplog.at_level(logging.WARNING, logger="loaders.documents"):
        doc = read_bytes(md.replace("2024-11-21", "2024-02-31").encode(), "a.md")
    assert doc.published is None and doc.outlet == "Tagesspiegel"
    assert [r.getMessage() for r in caplog.records] == [
        "a.md: the page's date 2024-02-31 is impossible (no such day); left empty"]
    assert read_bytes(md.replace("2024-11-21", "21.11.2024").encode(), "a.md").published is None  # not read


# sidecars

def write(tmp_path, name: str, text: str, sidecar: object = None):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    if sidecar is not None:
        path.with_suffix(".json").write_text(sidecar if isinstance(sidecar, str) else json.dumps(sidecar),
                                             encoding="utf-8")
    return path


def test_a_sidecar_gives_date_url_outlet_and_title(tmp_path):
    path = write(tmp_path, "a.txt", EN, {"date": "2024-03-12", "url": "https://www.reuters.com/world/a",
                                         "outlet": " Reuters ", "title": "Shells for Russia"})
    doc = read_path(path)
    assert (doc.published, doc.url, doc.outlet, doc.title) == ("2024-03-12", "https://www.reuters.com/world/a",
                                                               "Reuters", "Shells for Russia")
    assert doc.published_from == doc.url_from == doc.outlet_from == "sidecar"
    path = write(tmp_path, "b.txt", EN, {"date": "2024-03-12T09:30:00+01:00", "url": None, "outlet": ""})
    doc = read_path(path)
    assert (doc.published, doc.url, doc.outlet) == ("2024-03-12", None, None)


BAD_SIDECARS = [
    ("{date: 2024-03-12}", "sidecar a.json: not JSON (expecting property name enclosed in double quotes)"),
    ('["2024-03-12"]', "sidecar a.json: not a JSON object but list"),
    ({"date": "2024-03-12", "published": "x"}, "sidecar a.json: unknown key 'published' (a sidecar has date, "
                                               "url, outlet, title)"),
    ({"date": 20240312}, "sidecar a.json: date is int, not a string"),
    ({"outlet": ["Reuters"]}, "sidecar a.json: outlet is list, not a string"),
    ({"date": "12.03.2024"}, "sidecar a.json: date '12.03.2024': not a date (write it as YYYY-MM-DD)"),
    ({"date": "2024-02-31"}, "sidecar a.json: date '2024-02-31': no such day"),
    ({"date": "0000-01-01"}, "sidecar a.json: date '0000-01-01': no such day"),
    ({"date": TOMORROW_PLUS}, f"sidecar a.json: date '{TOMORROW_PLUS}': in the future"),
    ({"url": "www.reuters.com/a"}, "sidecar a.json: url 'www.reuters.com/a': not a web address (http:// or https://)"),
    ({"outlet": "x" * 201}, "sidecar a.json: outlet '" + "x" * 201 + "': longer than 200 characters"),
    ("", "sidecar a.json: not JSON (expecting value)"),
]


@pytest.mark.parametrize("sidecar,reason", BAD_SIDECARS, ids=[r.split(": ", 1)[1][:30] for _, r in BAD_SIDECARS])
def test_a_bad_sidecar_is_the_article_s_skip_reason(tmp_path, sidecar, reason):
    path = write(tmp_path, "a.txt", EN, sidecar)
    with pytest.raises(DocumentError) as info:
        read_path(path)
    assert (info.value.source, info.value.reason) == (str(path), reason)
    assert [(e.source, e.reason) for e in read_documents([tmp_path])] == [(str(path), reason)]


def test_a_sidecar_larger_than_the_limit_is_refused(tmp_path):
    path = write(tmp_path, "a.txt", EN, json.dumps({"title": "x" * article_meta.SIDECAR_MAX_BYTES}))
    with pytest.raises(DocumentError, match="sidecar a.json: larger than 64 KB"):
        read_path(path)


def test_a_walk_reads_a_sidecar_with_its_article_not_as_one(tmp_path):
    write(tmp_path, "a.txt", EN, {"outlet": "AP"})
    write(tmp_path, "b.HTML", PAGE.replace("{EN}", EN), {"outlet": "Reuters"})
    (tmp_path / "lonely.json").write_text("{}", encoding="utf-8")
    found = list(iter_paths([tmp_path]))
    assert [p.name for p in found if not isinstance(p, DocumentError)] == ["a.txt", "b.HTML"]
    assert [(e.source, e.reason) for e in found if isinstance(e, DocumentError)] == [
        (str(tmp_path / "lonely.json"), "file type .json is not read (articles are .txt, .text, .md, .markdown, "
                                        ".html, .htm, .xhtml)")]
    assert [d.outlet for d in read_documents([tmp_path]) if not isinstance(d, DocumentError)] == ["AP", "Reuters"]
    named = list(iter_paths([tmp_path / "a.json"]))
    assert [(e.source, e.reason) for e in named] == [
        (str(tmp_path / "a.json"), "the sidecar of a.txt (its date, outlet and URL), not an article")]


# the order of trust

def test_options_then_sidecar_then_page_then_dateline_field_by_field(tmp_path):
    page = PAGE.replace("{EN}", EN).replace("KYIV, Nov 21 (AP)", "KYIV, 21 November 2024 (AP)")
    doc = read_path(write(tmp_path, "a.html", page))
    assert (doc.published_from, doc.outlet_from, doc.url_from) == ("html", "html", "html")
    no_meta = page.replace('<meta property="og:site_name" content="Example News">', "").replace(
        '<meta property="article:published_time" content="2024-11-20T08:15:00Z">', "")
    doc = read_path(write(tmp_path, "b.html", no_meta))
    assert (doc.published, doc.published_from, doc.outlet, doc.outlet_from) == ("2024-11-21", "dateline",
                                                                                "AP", "dateline")
    doc = read_path(write(tmp_path, "c.html", page, {"outlet": "AP via Example"}))
    assert (doc.published, doc.outlet, doc.outlet_from) == ("2024-11-20", "AP via Example", "sidecar")
    options = article_meta.given("2024-11-19", None, "https://given.example/x")
    doc = read_path(tmp_path / "c.html", given=options)
    assert (doc.published, doc.published_from, doc.outlet_from, doc.url, doc.url_from) == (
        "2024-11-19", "option", "sidecar", "https://given.example/x", "option")


def test_options_are_checked_before_anything_is_read():
    assert article_meta.given() is None
    assert article_meta.given(outlet="  Reuters  ") == Meta(outlet="Reuters")
    for args, message in [(("2024-02-30",), "--date '2024-02-30': no such day"),
                          (("12 March 2024",), "--date '12 March 2024': not a date (write it as YYYY-MM-DD)"),
                          ((TOMORROW_PLUS,), f"--date '{TOMORROW_PLUS}': in the future"),
                          ((None, " "), "--outlet ' ': empty"),
                          ((None, None, "ftp://x.example/a"), "--url 'ftp://x.example/a': not a web address "
                                                             "(http:// or https://)")]:
        with pytest.raises(InputError) as info:
            article_meta.given(*args)
        assert str(info.value) == message


# how a document was read decides whether a stored one is read again

def test_an_edited_sidecar_changes_how_the_document_is_read(tmp_path):
    path = write(tmp_path, "a.txt", EN, {"date": "2024-03-12"})
    before = read_path(path)
    path.with_suffix(".json").write_text(json.dumps({"date": "2024-03-13"}), encoding="utf-8")
    after = read_path(path)
    assert before.id == after.id and before.reading("v1") != after.reading("v1")
    assert reading({**before.props(), "extractor": "v1"}) == before.reading("v1")
    assert reading({k: v for k, v in before.props().items() if v is not None} | {"extractor": "v1"}) == (
        before.reading("v1"))  # a stored node has no nulls
