"""How goods are recognised, named and attached to a transfer (issue 15): general rules, each on
sentences of our own, in both languages where the construction exists in both."""
from __future__ import annotations

import pytest

from tests.unit.test_extraction_cues import extractor, rows, supplies  # noqa: F401 (fixture)


def weapons(extractor, text: str, lang: str) -> set[str]:
    return {w for _, _, w in supplies(rows(extractor, text, lang))}


@pytest.mark.parametrize("text,lang", [
    ("Ägypten will von Frankreich Militärausrüstung kaufen, einschließlich Kampfhubschrauber, Radare und "
     "Kampfflugzeuge des Typs Rafale.", "de"),
    ("Egypt wants to buy military equipment from France, including attack helicopters, radars and fighter "
     "jets of the type Rafale.", "en"),
])
def test_each_item_of_a_list_is_goods_and_the_umbrella_word_gives_way(extractor, text, lang):
    assert weapons(extractor, text, lang) == {"attack helicopter", "radar", "Rafale"}


@pytest.mark.parametrize("text,lang", [
    ("Teheran habe Raketen der Typen Fateh-110 und Qiam-1 an Russland geliefert.", "de"),
    ("Tehran has delivered missiles of the types Fateh-110 and Qiam-1 to Russia.", "en"),
])
def test_a_class_gives_way_to_the_types_it_introduces(extractor, text, lang):
    assert weapons(extractor, text, lang) == {"Fateh-110", "Qiam-1"}


@pytest.mark.parametrize("text,lang", [
    ("Iran hat Russland 300 Container mit Drohnen, Granaten und anderen Waffen geliefert.", "de"),
    ("Iran has shipped 300 containers of drones, shells and other weapons to Russia.", "en"),
])
def test_other_weapons_after_a_list_are_no_goods_of_their_own(extractor, text, lang):
    assert weapons(extractor, text, lang) == {"drone", "artillery shell"}


@pytest.mark.parametrize("text,lang", [
    ("Pjöngjang hat Drohnen-Spezialisten nach Russland geschickt.", "de"),
    ("Pyongyang sent missile specialists to Russia.", "en"),
])
def test_weapon_specialists_are_people_not_goods(extractor, text, lang):
    found = rows(extractor, text, lang)
    assert not supplies(found)
    assert any(r["type"] == "DEPLOYS" for r in found)


@pytest.mark.parametrize("text,lang", [
    ("Indien kaufte 26 Rafale-Kampfflugzeuge aus Frankreich anstatt weiterer Suchoi-Jets.", "de"),
    ("India bought 26 Rafale jets from France instead of more MiG fighters.", "en"),
])
def test_goods_bought_instead_are_not_bought(extractor, text, lang):
    assert supplies(rows(extractor, text, lang)) == {("France", "India", "Rafale")}


@pytest.mark.parametrize("text,lang", [
    ("Chile kaufte Su-35 Kampfjets, Mi-28 Kampfhubschrauber und Jak-130 aus Russland.", "de"),
    ("Chile bought Su-35 fighters, Mi-28 attack helicopters and Yak-130s from Russia.", "en"),
])
def test_named_systems_in_a_list_each_give_a_row(extractor, text, lang):
    assert weapons(extractor, text, lang) == {"Su-35", "Mi-28", "Yak-130"}


def test_a_year_ends_a_german_sentence():
    from loaders import nlp
    doc = nlp.pipeline("de")("Peru bestellte 30 Haubitzen bis 2026. Außerdem kaufte Chile 12 Jets.")
    assert [s.text for s in doc.sents] == ["Peru bestellte 30 Haubitzen bis 2026.", "Außerdem kaufte Chile 12 Jets."]


@pytest.mark.parametrize("text,lang", [
    ("Bei den Drohnen handele es sich um Modelle vom Typ Mohajer-6, die Iran an Venezuela geliefert habe.", "de"),
    ("The drones were Mohajer-6 models, which Iran delivered to Venezuela.", "en"),
])
def test_a_relative_clause_transfers_the_goods_it_is_attached_to(extractor, text, lang):
    assert supplies(rows(extractor, text, lang)) == {("Iran", "Venezuela", "Mohajer-6")}
