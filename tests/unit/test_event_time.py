"""Event time (issue 18, part 2): the temporal expressions of a sentence, the intervals they name
against the article's date (loaders/event_time.py), which one dates a report (loaders/report_time.py),
and where the result goes (extract's rows, the Evidence's properties, the mirror's records).
Sentences of our own, German and English."""
from __future__ import annotations

from datetime import date

import pytest

from graph import mirror
from graph import rows as rows_mod
from graph.model import Document, Evidence, EventTime, GraphData, Node, Relation, document_id
from loaders import event_time
from loaders.pipeline import gold_rows
from tests.unit.test_extraction_cues import extractor  # noqa: F401 (fixture)

MARCH = date(2024, 3, 14)  # a Thursday


def named(text: str, lang: str, article: date | None = MARCH) -> list[tuple]:
    """Each expression of a text: its words, and its interval and precision (None: needs a date it lacks)."""
    out = []
    for atom in event_time.find(text, lang):
        words = text[atom.start:atom.end]
        if atom.needs_article and article is None:
            out.append((words, None))
            continue
        span = event_time.resolve(atom, lang, article, text)
        out.append((words, span and (span[0].isoformat(), span[1].isoformat(), event_time.precision(atom, span))))
    return out


@pytest.mark.parametrize("lang,text,words,start,end,precision", [
    ("de", "Die Granaten kamen im August über die Grenze.", "im August", "2023-08-01", "2023-08-31", "month"),
    ("de", "Die Granaten kamen im März über die Grenze.", "im März", "2024-03-01", "2024-03-31", "month"),
    ("de", "Zwischen dem 7. September und dem 1. Oktober fuhren die Züge.", "Zwischen dem 7. September und dem 1. Oktober",
     "2023-09-07", "2023-10-01", "range"),
    ("de", "Ende 2023 trafen die Haubitzen ein.", "Ende 2023", "2023-09-01", "2023-12-31", "month"),
    ("de", "Seit Kriegsbeginn hat das Land Munition geschickt.", "Seit Kriegsbeginn", "2022-02-24", "2024-03-14", "range"),
    ("de", "Der Minister reiste am Dienstag nach Rom.", "am Dienstag", "2024-03-12", "2024-03-12", "day"),
    ("de", "Der Minister reiste am Donnerstag nach Rom.", "am Donnerstag", "2024-03-14", "2024-03-14", "day"),
    ("de", "Anfang des Jahres wurden die Verträge unterzeichnet.", "Anfang des Jahres", "2024-01-01", "2024-04-30", "month"),
    ("de", "Die Fregatte lief vergangene Woche aus.", "vergangene Woche", "2024-03-04", "2024-03-10", "day"),
    ("de", "Die Fregatte lief im vergangenen Monat aus.", "im vergangenen Monat", "2024-02-01", "2024-02-29", "month"),
    ("de", "Die Fregatte lief vor zwei Wochen aus.", "vor zwei Wochen", "2024-02-26", "2024-03-03", "day"),
    ("de", "Die Fregatte lief im April vergangenen Jahres aus.", "im April vergangenen Jahres", "2023-04-01", "2023-04-30", "month"),
    ("de", "Die Panzer rollten vom 3. bis 5. Mai 2021 durch die Stadt.", "vom 3. bis 5. Mai 2021", "2021-05-03", "2021-05-05", "range"),
    ("de", "Von November bis Januar 2024 blieb der Hafen gesperrt.", "Von November bis Januar 2024", "2023-11-01", "2024-01-31", "range"),
    ("de", "Im ersten Halbjahr 2022 stiegen die Ausfuhren.", "Im ersten Halbjahr 2022", "2022-01-01", "2022-06-30", "month"),
    ("de", "Im vergangenen Sommer kamen die Drohnen.", "Im vergangenen Sommer", "2023-06-01", "2023-08-31", "month"),
    ("en", "The shells arrived last month.", "last month", "2024-02-01", "2024-02-29", "month"),
    ("en", "The shells arrived in 2023.", "in 2023", "2023-01-01", "2023-12-31", "year"),
    ("en", "Deliveries have continued since late 2023.", "since late 2023", "2023-09-01", "2024-03-14", "range"),
    ("en", "Output doubled in the first half of 2022.", "in the first half of 2022", "2022-01-01", "2022-06-30", "month"),
    ("en", "The convoy crossed on Tuesday.", "on Tuesday", "2024-03-12", "2024-03-12", "day"),
    ("en", "The convoy crossed in mid-October.", "in mid-October", "2023-10-11", "2023-10-21", "day"),
    ("en", "The convoy crossed between Sept. 7 and Oct. 1, 2022.", "between Sept. 7 and Oct. 1, 2022",
     "2022-09-07", "2022-10-01", "range"),
    ("en", "The convoy crossed from 2019 to 2021.", "from 2019 to 2021", "2019-01-01", "2021-12-31", "range"),
    ("en", "Its share of imports rose in 2019-23.", "in 2019-23", "2019-01-01", "2023-12-31", "range"),
    ("de", "Im Winter 2022/23 fielen die Lieferungen aus.", "Im Winter 2022", "2022-12-01", "2023-02-28", "month"),
    ("en", "Exports have grown since the start of the war.", "since the start of the war", "2022-02-24", "2024-03-14", "range"),
    ("en", "The envoy flew home over the weekend.", "over the weekend", "2024-03-09", "2024-03-10", "day"),
    ("en", "Two batteries were handed over last spring.", "last spring", "2023-03-01", "2023-05-31", "month"),
    ("en", "Two batteries were handed over three months ago.", "three months ago", "2023-12-01", "2023-12-31", "month"),
])
def test_an_expression_names_an_interval_against_the_articles_date(lang, text, words, start, end, precision):
    assert named(text, lang) == [(words, (start, end, precision))]


@pytest.mark.parametrize("lang,text", [
    ("de", "Die Lieferung umfasst 2000 Granaten und 150 Raketen."),
    ("de", "Das Ende der Lieferungen ist nicht abzusehen."),
    ("de", "Der Sommer der Entscheidung steht bevor."),
    ("en", "He may visit Berlin, officials said."),
    ("en", "The shipment of 2000 shells was stopped at the border."),
    ("en", "The march on the capital was called off."),
])
def test_text_without_a_time_has_no_expression(lang, text):
    assert named(text, lang) == []


@pytest.mark.parametrize("lang,text,words", [
    ("de", "Die Granaten kamen im August.", "im August"),
    ("de", "Seit Kriegsbeginn liefert das Land Munition.", "Seit Kriegsbeginn"),
    ("en", "The shells arrived last month.", "last month"),
    ("en", "The minister said on Friday that talks continue.", "on Friday"),
])
def test_an_expression_that_needs_the_articles_date_stays_words_when_it_has_none(lang, text, words):
    assert named(text, lang, article=None) == [(words, None)]


@pytest.mark.parametrize("lang,text,words,span", [
    ("de", "Der Vertrag wurde im Oktober 2018 unterzeichnet.", "im Oktober 2018", ("2018-10-01", "2018-10-31", "month")),
    ("en", "The deal was signed on March 3, 2021.", "on March 3, 2021", ("2021-03-03", "2021-03-03", "day")),
])
def test_an_explicit_date_needs_no_article_date(lang, text, words, span):
    assert named(text, lang, article=None) == [(words, span)]


def test_a_date_without_a_year_is_the_last_one_that_began_by_the_articles_date():
    assert named("Die Haubitzen kamen im März.", "de") == [("im März", ("2024-03-01", "2024-03-31", "month"))]
    assert named("Die Haubitzen kamen im April.", "de") == [("im April", ("2023-04-01", "2023-04-30", "month"))]
    assert named("The howitzers came on March 15.", "en") == [("on March 15", ("2023-03-15", "2023-03-15", "day"))]


def test_an_impossible_date_names_nothing():
    assert named("Am 31. Februar kamen die Züge.", "de") == [("Am 31. Februar", None)]


# which expression dates a report -------------------------------------------------------------------

def events(extractor, text: str, lang: str, published: str | None = "2024-03-14") -> list[tuple]:
    doc = Document(document_id(text), "t", "t", "test", lang, text, published=published)
    return [(r["type"], r["source"], r["target"], r.get("event_text"), r.get("event_start"), r.get("event_end"))
            for r in gold_rows(extractor.extract(doc))]


@pytest.mark.parametrize("text,lang,words,start", [
    ("Ein Sprecher sagte am Donnerstag, Belarus habe im November Panzer an Russland geliefert.", "de", "im November", "2023-11-01"),
    ("Belarus delivered tanks to Russia in November, a spokesman said on Thursday.", "en", "in November", "2023-11-01"),
])
def test_the_expression_nearest_the_trigger_wins_over_the_time_of_saying(extractor, text, lang, words, start):
    got = [e for e in events(extractor, text, lang) if e[0] == "SUPPLIES"]
    assert got and all(e[3:5] == (words, start) for e in got)


@pytest.mark.parametrize("text,lang", [
    ("Am Dienstag sagte ein Sprecher, Belarus habe Panzer an Russland geliefert.", "de"),
    ("A spokesman said on Tuesday that Belarus had delivered tanks to Russia.", "en"),
])
def test_a_time_of_saying_does_not_date_what_was_said(extractor, text, lang):
    got = [e for e in events(extractor, text, lang) if e[0] == "SUPPLIES"]
    assert got and all(e[3] is None for e in got)


@pytest.mark.parametrize("text,lang,words", [
    ("Belarus hat im Jahr 2025 Panzer an Russland geliefert.", "de", None),
    ("Belarus will im Jahr 2025 Panzer an Russland liefern.", "de", "im Jahr 2025"),
    ("Belarus delivered tanks to Russia in 2025.", "en", None),
    ("Belarus will deliver tanks to Russia in 2025.", "en", "in 2025"),
])
def test_a_date_after_the_article_dates_a_plan_only(extractor, text, lang, words):
    got = [e for e in events(extractor, text, lang) if e[0] == "SUPPLIES"]
    assert got and all(e[3] == words for e in got)


@pytest.mark.parametrize("text,lang,inherits", [
    ("Im Oktober schickte Belarus Panzer nach Russland. Belarus lieferte Russland zudem Munition.", "de", True),
    ("Im Oktober schickte Belarus Panzer nach Russland.\n\nBelarus lieferte Russland zudem Munition.", "de", False),
    ("In October Belarus sent tanks to Russia. Belarus also delivered ammunition to Russia.", "en", True),
    ("In October Belarus sent tanks to Russia. Armenia also delivered ammunition to Iran.", "en", False),
])
def test_a_sentence_without_a_time_takes_the_one_before_only_in_the_same_story(extractor, text, lang, inherits):
    got = [e for e in events(extractor, text, lang) if e[0] == "SUPPLIES"]
    first, last = got[0], got[-1]
    assert first[1:5] == ("Belarus", "Russia", "Im Oktober" if lang == "de" else "In October", "2023-10-01")
    assert len(got) >= 2
    assert (last[3:5] == first[3:5]) == inherits


def test_the_dateline_is_no_event_time(extractor):
    text = "MINSK, 12. März 2024 (dpa) – Belarus hat Panzer an Russland geliefert."
    got = [e for e in events(extractor, text, "de") if e[0] == "SUPPLIES"]
    assert got and all(e[3] is None for e in got)


def test_without_the_articles_date_a_report_keeps_only_the_words(extractor):
    got = [e for e in events(extractor, "Belarus hat im August Panzer an Russland geliefert.", "de", None)
           if e[0] == "SUPPLIES"]
    assert got and all(e[3:] == ("im August", None, None) for e in got)


# where it goes ----------------------------------------------------------------------------------------

def test_the_event_time_is_on_the_stored_evidence_and_the_mirrors_record():
    doc = Document("d1", "a", "a", "a.txt", "de", "Belarus lieferte im Mai Panzer.", published="2024-03-14")
    g = GraphData(documents=[doc])
    for nid in ("by", "ru"):
        g.add_node(Node(nid, "State", nid.upper()))
    event = EventTime("im Mai", "2023-05-01", "2023-05-31", "month")
    g.relations.append(Relation("SUPPLIES", "by", "ru", Evidence("d1", doc.text, 0, len(doc.text)), event=event))
    g.relations.append(Relation("ATTACKS", "by", "ru", Evidence("d1", doc.text, 0, len(doc.text)),
                                event=EventTime("im Mai")))
    built = rows_mod.build(g)
    props = [row["props"] for row in built.evidence]
    assert {k: v for k, v in props[0].items() if k.startswith("event_")} == {
        "event_start": "2023-05-01", "event_end": "2023-05-31", "event_precision": "month", "event_text": "im Mai"}
    assert {k: v for k, v in props[1].items() if k.startswith("event_")} == {"event_text": "im Mai"}
    g_mirror = mirror.build(g)
    (report,) = mirror.reports(g_mirror, g.relations[0].fact_id)
    assert (report["event_start"], report["event_end"], report["event_precision"], report["event_text"]) == (
        "2023-05-01", "2023-05-31", "month", "im Mai")


def test_extract_rows_carry_the_event_keys_after_the_others():
    doc = Document("d1", "a", "a", "a.txt", "de", "Belarus lieferte im Mai Panzer.", published="2024-03-14")
    g = GraphData(documents=[doc])
    for nid in ("by", "ru"):
        g.add_node(Node(nid, "State", nid.upper()))
    g.relations.append(Relation("SUPPLIES", "by", "ru", Evidence("d1", doc.text, 0, len(doc.text)),
                                event=EventTime("im Mai", "2023-05-01", "2023-05-31", "month")))
    (row,) = gold_rows(g)
    assert list(row)[-4:] == ["event_start", "event_end", "event_precision", "event_text"]
    assert list(row)[:-4] == ["doc", "type", "source", "target", "status", "evidence", "offsets", "published"]


@pytest.mark.parametrize("published", [None, "", "gestern", "2024-13-45"])
def test_an_unreadable_or_missing_article_date_leaves_the_words(published):
    from loaders.report_time import article_date
    doc = Document("d1", "a", "a", "a.txt", "de", "x", published=published)
    assert article_date(doc) is None


def test_the_sample_score_tells_exact_overlapping_and_spurious_apart():
    from bench.event_time import judge
    gold = {"event_start": "2023-08-01", "event_end": "2023-08-31", "event_text": "im August"}
    assert judge(gold, {"event_start": "2023-08-01", "event_end": "2023-08-31"}) == "exact"
    assert judge(gold, {"event_start": "2023-08-15", "event_end": "2023-09-30"}) == "overlap"
    assert judge(gold, {"event_start": "2023-09-01", "event_end": "2023-09-30"}) == "wrong"
    assert judge(gold, {"event_text": "im August"}) == "missed"
    assert judge(gold, None) == "absent"
    words = {"event_start": None, "event_end": None, "event_text": "im August"}
    assert judge(words, {"event_text": "im August"}) == "words"
    assert judge(words, {"event_text": "im Juli"}) == "words_missed"
    none = {"event_start": None, "event_end": None, "event_text": None}
    assert judge(none, {}) == "none_ok" and judge(none, {"event_text": "im Juli"}) == "spurious"
