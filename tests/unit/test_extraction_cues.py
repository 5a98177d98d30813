"""Each cue of the extractor on small sentences of our own, German and English."""
from __future__ import annotations

import pytest

from graph.model import Document, document_id
from loaders.pipeline import Extractor, gold_rows


@pytest.fixture(scope="module")
def extractor():
    return Extractor()


def rows(extractor, text: str, lang: str) -> list[dict]:
    doc = Document(document_id(text), "t", "t", "test", lang, text)
    return list(gold_rows(extractor.extract(doc)))


def triples(found: list[dict], typ: str | None = None) -> set[tuple]:
    return {(r["type"], r["source"], r["target"]) for r in found if typ in (None, r["type"])}


def supplies(found):
    return {(r["source"], r["target"], r.get("weapon")) for r in found if r["type"] == "SUPPLIES"}


# -- direction ---------------------------------------------------------------------
@pytest.mark.parametrize("text,lang,expected", [
    ("Nordkorea hat Raketen an Russland geliefert.", "de", ("North Korea", "Russia")),
    ("Nordkorea hat Artilleriegranaten nach Russland geschickt.", "de", ("North Korea", "Russia")),
    ("Russland hat Drohnen aus dem Iran erhalten.", "de", ("Iran", "Russia")),
    ("Russland erhielt von Nordkorea mehr als 100 Raketen.", "de", ("North Korea", "Russia")),
    ("Nordkorea beliefert Russland mit Granaten.", "de", ("North Korea", "Russia")),
    ("Russland will Waffen aus Nordkorea kaufen.", "de", ("North Korea", "Russia")),
    ("North Korea sent artillery shells to Russia.", "en", ("North Korea", "Russia")),
    ("Russia received drones from Iran last year.", "en", ("Iran", "Russia")),
    ("Iran supplied Russia with Shahed drones.", "en", ("Iran", "Russia")),
    ("Russia bought missiles from North Korea.", "en", ("North Korea", "Russia")),
])
def test_direction(extractor, text, lang, expected):
    assert {(s, t) for s, t, _ in supplies(rows(extractor, text, lang))} == {expected}


def test_passive_with_agent(extractor):
    found = rows(extractor, "Die Raketen wurden von Nordkorea an Russland geliefert.", "de")
    assert {(s, t) for s, t, _ in supplies(found)} == {("North Korea", "Russia")}


# -- metonymy and demonyms -----------------------------------------------------------
@pytest.mark.parametrize("text,lang,expected", [
    ("Pjöngjang hat Granaten an Moskau geliefert.", "de", ("North Korea", "Russia")),
    ("Washington lieferte Raketen an Kiew.", "de", ("United States", "Ukraine")),
    ("Der Kreml erhielt Drohnen aus Teheran.", "de", ("Iran", "Russia")),
    ("Pyongyang shipped shells to Moscow.", "en", ("North Korea", "Russia")),
])
def test_metonymy(extractor, text, lang, expected):
    assert {(s, t) for s, t, _ in supplies(rows(extractor, text, lang))} == {expected}


@pytest.mark.parametrize("text,lang", [
    ("Russland hat nordkoreanische Raketen erhalten.", "de"),
    ("Russland setzte Raketen ein, nachdem es Lieferungen nordkoreanischer Raketen erhalten hatte.", "de"),
    ("Russia has received North Korean missiles.", "en"),
])
def test_demonym_adjective_names_the_supplier(extractor, text, lang):
    assert ("North Korea", "Russia") in {(s, t) for s, t, _ in supplies(rows(extractor, text, lang))}


# every state has its adjectives, demonyms and (unambiguous) capital, not only the usual suppliers
@pytest.mark.parametrize("text,lang,expected", [
    ("Peruvian rifles arrived in Bolivia.", "en", ("Peru", "Bolivia")),
    ("Peruanische Gewehre sind in Bolivien eingetroffen.", "de", ("Peru", "Bolivia")),
    ("Bolivianische Soldaten erhielten Gewehre von Peru.", "de", ("Peru", "Bolivia")),
    ("Ghanaische Munition wurde an Togo geliefert.", "de", ("Ghana", "Togo")),
    ("Die ecuadorianische Regierung lieferte Munition an Kolumbien.", "de", ("Ecuador", "Colombia")),
    ("Kenia hat tansanische Gewehre erhalten.", "de", ("Tanzania", "Kenya")),
    ("Namibische Truppen erhielten Gewehre aus Botsuana.", "de", ("Botswana", "Namibia")),
    ("Guatemala bought Honduran rifles.", "en", ("Honduras", "Guatemala")),
    ("Tanzania supplied Zambian forces with rifles.", "en", ("Tanzania", "Zambia")),
    ("Nepal received Bhutanese rifles.", "en", ("Bhutan", "Nepal")),
    ("Congolese troops received drones from Turkey.", "en", ("Turkey", "Democratic Republic of the Congo")),
    ("Peru hat Patrouillenboote an Quito geliefert.", "de", ("Peru", "Ecuador")),
    ("Montevideo hat Panzer an Asunción geliefert.", "de", ("Uruguay", "Paraguay")),
    ("Accra sent ammunition to Lomé.", "en", ("Ghana", "Togo")),
    ("Windhoek delivered rifles to Gaborone.", "en", ("Namibia", "Botswana")),
    ("La Paz bought helicopters from Brasília.", "en", ("Brazil", "Bolivia")),
])
def test_adjectives_and_capitals_of_every_state(extractor, text, lang, expected):
    assert {(s, t) for s, t, _ in supplies(rows(extractor, text, lang))} == {expected}


# -- attribution ----------------------------------------------------------------------
@pytest.mark.parametrize("text,lang,speaker", [
    ("Nordkorea habe Raketen an Russland geliefert, sagte Kirby.", "de", "John Kirby"),
    ("Laut dem südkoreanischen Geheimdienst hat Nordkorea Granaten an Russland geliefert.", "de",
     "National Intelligence Service"),
    ("Dem Pentagon zufolge hat Nordkorea Granaten an Russland geliefert.", "de",
     "United States Department of Defense"),
    ("Nach Angaben von John Kirby hat Nordkorea Granaten an Russland geliefert.", "de", "John Kirby"),
    ("Die Financial Times berichtete unter Berufung auf Geheimdienstquellen, Nordkorea habe Granaten an Russland geliefert.",
     "de", "Financial Times"),
    ("Der NIS teilte mit, Nordkorea habe Granaten an Russland geliefert.", "de", "National Intelligence Service"),
    ("North Korea has sent shells to Russia, Kirby said.", "en", "John Kirby"),
    ("According to the Pentagon, North Korea has sent shells to Russia.", "en", "United States Department of Defense"),
])
def test_attribution(extractor, text, lang, speaker):
    found = [r for r in rows(extractor, text, lang) if r["type"] == "SUPPLIES"]
    assert found and {r.get("claimed_by") for r in found} == {speaker}


def test_quotation_takes_the_speaker_after_it(extractor):
    text = ('"Nordkorea hat Russland Raketen geliefert. Wir verurteilen Nordkorea dafür", sagte Kirby.')
    found = rows(extractor, text, "de")
    assert ("ACCUSES", "John Kirby", "North Korea") in triples(found)
    assert {r.get("claimed_by") for r in found if r["type"] == "SUPPLIES"} == {"John Kirby"}


# -- negation and doubt -----------------------------------------------------------------
@pytest.mark.parametrize("text,lang", [
    ("Das Pentagon kann die Lieferung von Raketen an Russland nicht bestätigen.", "de"),
    ("Weder Russland noch Nordkorea haben die Lieferungen bestätigt.", "de"),
    ("The Pentagon could not confirm that North Korea sent missiles to Russia.", "en"),
    ("Nordkorea hat keine Raketen an Russland geliefert.", "de"),
    ("North Korea has not delivered any missiles to Russia.", "en"),
])
def test_negated_statements_are_not_facts(extractor, text, lang):
    found = rows(extractor, text, lang)
    assert not [r for r in found if r["type"] in ("SUPPLIES", "CONFIRMS")]


@pytest.mark.parametrize("text,lang", [
    ("Der Kreml dementierte, dass Nordkorea Raketen an Russland geliefert habe.", "de"),
    ("Moskau bestreitet, Raketen von Nordkorea erhalten zu haben.", "de"),
    ("The Kremlin denied that North Korea had supplied missiles to Russia.", "en"),
])
def test_denials_become_denies_not_supplies(extractor, text, lang):
    found = rows(extractor, text, lang)
    assert not [r for r in found if r["type"] in ("SUPPLIES", "CONFIRMS")]
    denies = [r for r in found if r["type"] == "DENIES"]
    assert denies and denies[0]["source"] == "Russia"


def test_confirmation(extractor):
    found = rows(extractor, "Der südkoreanische Geheimdienst bestätigte, dass Nordkorea Granaten nach Russland "
                            "exportiert hatte.", "de")
    assert ("CONFIRMS", "National Intelligence Service", "North Korea") in triples(found)
    assert ("SUPPLIES", "North Korea", "Russia") in triples(found)


# -- quantities, weapons, status ---------------------------------------------------------
@pytest.mark.parametrize("text,lang,weapon,quantity", [
    ("Nordkorea hat mehr als 100 Raketen vom Typ KN-23 an Russland geliefert.", "de", "KN-23",
     {"min": 100, "qualifier": "more_than"}),
    ("Nordkorea hat bis zu 1.000 Container mit Munition an Russland geliefert.", "de", "munitions",
     {"max": 1000, "qualifier": "up_to", "unit": "containers"}),
    ("Nordkorea hat rund 50 Koksan an Russland geliefert.", "de", "Koksan", {"value": 50, "qualifier": "about"}),
    ("Nordkorea hat Dutzende ballistische Raketen an Russland geliefert.", "de", "ballistic missile",
     {"qualifier": "dozens"}),
    ("Nordkorea hat 1,5 Millionen Artilleriegranaten an Russland geliefert.", "de", "artillery shell",
     {"value": 1500000}),
    ("North Korea has shipped more than 1,000 containers of ammunition to Russia.", "en", "munitions",
     {"min": 1000, "qualifier": "more_than", "unit": "containers"}),
    ("Iran delivered hundreds of Shahed drones to Russia.", "en", "Shahed-136", {"qualifier": "hundreds"}),
])
def test_weapon_and_quantity(extractor, text, lang, weapon, quantity):
    found = [r for r in rows(extractor, text, lang) if r["type"] == "SUPPLIES"]
    assert [(r.get("weapon"), r.get("quantity")) for r in found] == [(weapon, quantity)]


def test_one_relation_per_weapon_listed(extractor):
    text = "Nordkorea beliefert Russland mit Panzerabwehrraketen, Mörsern und Raketenwerfern."
    weapons = {w for _, _, w in supplies(rows(extractor, text, "de"))}
    assert weapons == {"anti-tank missile", "mortar", "rocket launcher"}


def test_calibre_picks_the_system(extractor):
    text = "Nordkorea hat 240-mm-Mehrfachraketenwerfer und selbstfahrende 170-mm-Artillerie an Russland geliefert."
    weapons = {w for _, _, w in supplies(rows(extractor, text, "de"))}
    assert weapons == {"240 mm multiple rocket launcher", "Koksan"}


@pytest.mark.parametrize("text,lang,status", [
    ("Russland will Raketen aus Nordkorea kaufen.", "de", "planned"),
    ("Die USA werden der Ukraine Landminen liefern.", "de", "planned"),
    ("Nordkorea hat Raketen an Russland geliefert.", "de", "delivered"),
    ("Germany will deliver IRIS-T systems to Ukraine.", "en", "planned"),
])
def test_status(extractor, text, lang, status):
    found = [r for r in rows(extractor, text, lang) if r["type"] == "SUPPLIES"]
    assert found and {r["status"] for r in found} == {status}


def test_soldiers_are_deployed_not_supplied(extractor):
    found = rows(extractor, "Nordkorea hat mehr als 10.000 Soldaten nach Russland geschickt.", "de")
    assert triples(found) == {("DEPLOYS", "North Korea", "Russia")}


# -- discovered officials ------------------------------------------------------------------
def test_discovered_official_with_role_and_later_surname(extractor):
    text = ("Das sagte die stellvertretende Pressesprecherin des Pentagons, Jane Doerfler, am Dienstag. "
            "Nordkorea habe Granaten an Russland geliefert, sagte Doerfler.")
    doc = Document(document_id(text), "t", "t", "test", "de", text)
    graph = extractor.extract(doc)
    official = graph.nodes["jane-doerfler"]
    assert official.kind == "Official" and official.props["discovered"] is True
    assert ("jane-doerfler", "united-states-department-of-defense") in {(l.source, l.target) for l in graph.links}
    assert {r.claimed_by for r in graph.relations if r.type == "SUPPLIES"} == {"jane-doerfler"}


def test_discovered_official_english_apposition(extractor):
    text = "Colonel James Porter, a spokesman for the Pentagon, said Iran had sent drones to Russia."
    found = rows(extractor, text, "en")
    assert {r.get("claimed_by") for r in found if r["type"] == "SUPPLIES"} == {"James Porter"}


# -- other relation types ------------------------------------------------------------------
@pytest.mark.parametrize("text,lang,expected", [
    ("Die USA beschuldigen Nordkorea, Raketen an Russland geliefert zu haben.", "de",
     ("ACCUSES", "United States", "North Korea")),
    ("Im Juli besuchte Kim Jong Un Russland.", "de", ("VISITS", "Kim Jong Un", "Russia")),
    ("Putin traf sich mit Kim Jong Un.", "de", ("MEETS", "Kim Jong Un", "Vladimir Putin")),
    ("Russland hat Raketen auf die Ukraine abgefeuert.", "de", ("ATTACKS", "Russia", "Ukraine")),
    ("Großbritannien hat der Ukraine den Einsatz von Storm Shadow auf russischem Gebiet erlaubt.", "de",
     ("AUTHORIZES", "United Kingdom", "Ukraine")),
    ("The United States accused Iran of supplying missiles to Russia.", "en", ("ACCUSES", "United States", "Iran")),
    ("Blinken visited Kyiv on Tuesday.", "en", ("VISITS", "Antony Blinken", "Ukraine")),
])
def test_other_relation_types(extractor, text, lang, expected):
    assert expected in triples(rows(extractor, text, lang))


def test_evidence_offsets_slice_the_text(extractor):
    text = "Erster Satz ohne Inhalt.\nNordkorea hat Raketen an Russland geliefert, sagte Kirby.\n"
    doc = Document(document_id(text), "t", "t", "test", "de", text)
    for rel in extractor.extract(doc).relations:
        assert text[rel.evidence.start:rel.evidence.end] == rel.evidence.sentence
