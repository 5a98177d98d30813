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


@pytest.mark.parametrize("text,lang", [
    ("Peru sent Chile 500 precision-guided 155 mm artillery rounds.", "en"),
    ("Peru lieferte Chile 300 155-mm-Granaten.", "de"),
    ("Peru habe zugestimmt, Artilleriegranaten der Kaliber 152 und 155 mm an Chile zu liefern.", "de"),
])
def test_shells_of_a_calibre_are_artillery_shells(extractor, text, lang):
    found = [r for r in rows(extractor, text, lang) if r["type"] == "SUPPLIES"]
    assert {r["weapon"] for r in found} == {"artillery shell"}
    assert all((r.get("quantity") or {}).get("value") not in (152, 155) for r in found)


@pytest.mark.parametrize("text,lang", [
    ("Peru habe Chile ballistische Kurzstreckenraketen, 170-mm-Selbstfahrlafetten und rund 200 "
     "240-mm-Mehrfachraketenwerfer übergeben, sagte Seoul.", "de"),
    ("Seoul said Peru had handed over short-range ballistic missiles, 170 mm self-propelled guns and around 200 "
     "240mm multiple rocket launchers to Chile.", "en"),
])
def test_a_calibre_names_only_its_own_noun_and_a_list_after_a_verb_of_saying_is_one_clause(extractor, text, lang):
    assert weapons(extractor, text, lang) == {"ballistic missile", "Koksan", "240 mm multiple rocket launcher"}


@pytest.mark.parametrize("text,lang", [
    ("Indien kaufte von Russland S-400-Systeme zur Abwehr pakistanischer Drohnen und Raketen.", "de"),
    ("India still credits the S-400 systems bought from Russia with intercepting Pakistani drones and missiles.", "en"),
])
def test_a_third_states_weapons_are_not_goods_of_the_transfer(extractor, text, lang):
    assert supplies(rows(extractor, text, lang)) == {("Russia", "India", "S-400")}


@pytest.mark.parametrize("text,lang", [
    ("Washington will deliver more interceptors for Chile's Patriot air defence systems.", "en"),
    ("Die USA liefern Chile Munition für Patriot-Luftabwehrbatterien.", "de"),
])
def test_rounds_for_an_air_defence_system_are_that_system(extractor, text, lang):
    assert supplies(rows(extractor, text, lang)) == {("United States", "Chile", "Patriot")}


@pytest.mark.parametrize("text,lang", [
    ("Seit Kriegsbeginn verbraucht Russland riesige Mengen an Artilleriemunition und hat auch Drohnen aus dem Iran bezogen.", "de"),
    ("Russia burns through huge amounts of artillery ammunition and has also bought drones from Iran.", "en"),
])
def test_goods_of_an_earlier_predicate_are_not_transferred(extractor, text, lang):
    assert supplies(rows(extractor, text, lang)) == {("Iran", "Russia", "drone")}


@pytest.mark.parametrize("text,lang,expected", [
    ("Die USA liefern Chile Hawk-Luftabwehrsysteme und kleine Puma-Drohnen.", "de", {"MIM-23 Hawk", "RQ-20 Puma"}),
    ("Spanien liefert Chile drei Drohnen vom Typ Orion.", "de", {"Kronshtadt Orion"}),
    ("Spain sends Chile three drones of the type Orion.", "en", {"Kronshtadt Orion"}),
])
def test_a_systems_short_name_with_its_class_noun_is_that_system(extractor, text, lang, expected):
    assert weapons(extractor, text, lang) == expected


@pytest.mark.parametrize("text,lang", [
    ("Spanien liefert Chile zwei Pionierpanzer vom Typ Quokka.", "de"),
    ("Spain sends Chile two armoured vehicles of the type Quokka.", "en"),
])
def test_an_unknown_name_after_a_type_marker_is_a_system_of_the_class(extractor, text, lang):
    assert weapons(extractor, text, lang) == {"Quokka"}


@pytest.mark.parametrize("text,lang", [
    ("Das Pentagon kündigte weitere Militärhilfe für Chile an. Das Paket beinhaltet Hawk-Luftabwehrsysteme "
     "sowie kleine Puma-Drohnen.", "de"),
    ("The Pentagon announced more military aid for Chile. The package also contains Hawk air defence systems "
     "and small Puma drones.", "en"),
    ("Spain sent howitzers to Chile. Earlier the Pentagon unveiled a package that included Hawk air defence systems "
     "and small Puma drones.", "en"),
])
def test_the_contents_of_an_aid_package_are_planned_transfers_of_its_parties(extractor, text, lang):
    found = [r for r in rows(extractor, text, lang) if r["type"] == "SUPPLIES" and r.get("weapon") in ("MIM-23 Hawk", "RQ-20 Puma")]
    assert {(r["source"], r["target"], r["weapon"]) for r in found} == {
        ("United States", "Chile", "MIM-23 Hawk"), ("United States", "Chile", "RQ-20 Puma")}
    assert all(r["status"] == "planned" for r in found)


@pytest.mark.parametrize("text,lang", [
    ("Er sagte, die Rakete ergänze die Systeme, welche Chile bereits aus Spanien bekommen hat.", "de"),
])
def test_a_relative_pronoun_stands_for_the_nearest_noun(extractor, text, lang):
    assert not any(w for _, _, w in supplies(rows(extractor, text, lang)) if w == "rocket")


@pytest.mark.parametrize("text,lang", [
    ("Die Rakete ergänzt die Systeme, welche Chile bereits aus spanischen Beständen bekommen hat, inklusive "
     "die M270 Mehrfachraketenwerfer und Harpoon Schiffsabwehrraketen.", "de"),
    ("The missile complements the systems, which Chile has already received from Spanish stocks, including "
     "M270 rocket launchers and Harpoon missiles.", "en"),
])
def test_a_list_of_goods_after_the_clause_of_a_transfer_is_its_goods(extractor, text, lang):
    assert supplies(rows(extractor, text, lang)) == {("Spain", "Chile", "M270 MLRS"), ("Spain", "Chile", "Harpoon")}


@pytest.mark.parametrize("text,lang", [
    ("The United States will send Chile 31 Abrams tanks, hours after Berlin said it would ship Leopard 2 tanks. "
     "Officials said the tanks would be bought from industry for Chile.", "en"),
])
def test_goods_referred_back_to_are_the_system_the_same_supplier_sends_the_same_recipient(extractor, text, lang):
    found = supplies(rows(extractor, text, lang))
    assert ("United States", "Chile", "Abrams") in found
    assert ("United States", "Chile", "Leopard 2") not in found


@pytest.mark.parametrize("text,lang,expected", [
    ("Teheran habe Raketen der Typen Fateh-110 und Solfaghar an Venezuela geliefert.", "de", {"Fateh-110", "Zolfaghar"}),
    ("Deutschland liefert Chile fünf Pionierpanzer vom Typ Dachs.", "de", {"Pionierpanzer Dachs"}),
    ("Peru sent Chile eight Hangor-class diesel-electric submarines.", "en", {"Hangor-class submarine"}),
    ("Peru sent Chile two diesel-electric submarines.", "en", {"submarine"}),
    ("Peru supplied Chile with multiple-launch rocket ammunition and mortar rounds.", "en", {"rocket", "mortar shell"}),
    ("Die USA liefern Chile 800 Bomben zu 2000 Pfund und 700 Bomben zu 500 Pfund.", "de",
     {"2,000-pound bomb", "500-pound bomb"}),
])
def test_catalogue_names_in_german_and_english(extractor, text, lang, expected):
    found = [r for r in rows(extractor, text, lang) if r["type"] == "SUPPLIES"]
    assert {r["weapon"] for r in found} == expected
    assert all((r.get("quantity") or {}).get("unit") != "GBP" for r in found)


@pytest.mark.parametrize("text,lang,supplier,expected", [
    ("Britain began shipping Storm Shadow to Chile in May and has since sent hundreds of the missiles.", "en",
     "United Kingdom", {"Storm Shadow"}),
    ("Frankreich hat Chile zwölf Caesar-Haubitzen geliefert. Paris hat Chile sechs weitere Geschütze zugesagt.", "de",
     "France", {"Caesar"}),
    ("Frankreich hat Chile zwölf Caesar-Haubitzen geliefert. Peru hat Chile Geschütze verkauft.", "de",
     "Peru", {"artillery gun"}),
])
def test_a_broader_class_noun_refers_back_to_the_system_the_same_supplier_sent(extractor, text, lang, supplier, expected):
    assert {w for s, _, w in supplies(rows(extractor, text, lang)) if s == supplier} == expected


@pytest.mark.parametrize("text,lang,expected", [
    ("Moscow had provided anti-aircraft missiles and related equipment to Chile to shore up the air defences "
     "around Santiago.", "en", {"surface-to-air missile"}),
    ("Chile has agreed to buy Bayraktar TB2 drones from Turkey.", "en", {"Bayraktar TB2"}),
])
def test_goods_after_an_infinitive_of_purpose_are_not_transferred(extractor, text, lang, expected):
    assert weapons(extractor, text, lang) == expected


@pytest.mark.parametrize("text,lang,expected", [
    ("Belarus schickt offenbar Panzer nach Chile\n\nMinsk (dpa) - Belarus hat Chile Panzer geliefert. "
     "Das Ministerium sagte, Minsk habe Chile 20 Panzer des Typs T-72 geliefert.", "de", {"T-72"}),
    ("Belarus ships tanks to Chile\n\nMINSK (Reuters) - Belarus has sent tanks to Chile. "
     "The ministry said Minsk had sent Chile 20 T-72 tanks.", "en", {"T-72"}),
    ("Belarus schickt offenbar Panzer nach Chile\n\nMinsk (dpa) - Belarus hat Chile Panzer geliefert. "
     "Das Ministerium sagte, Minsk habe Chile 20 Panzer der Typen T-72 und T-80 geliefert.", "de",
     {"tank", "T-72", "T-80"}),
])
def test_a_class_in_the_headline_or_lead_is_the_one_system_the_article_names(extractor, text, lang, expected):
    assert weapons(extractor, text, lang) == expected
