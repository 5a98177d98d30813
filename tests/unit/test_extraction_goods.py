"""How goods are recognised, named and attached to a transfer (issue 15): general rules, each on
sentences of our own, in both languages where the construction exists in both."""
from __future__ import annotations

import pytest

from tests.unit.test_extraction_cues import extractor, rows, supplies  # noqa: F401 (fixture)


def weapons(extractor, text: str, lang: str) -> set[str]:
    return {w for _, _, w in supplies(rows(extractor, text, lang))}


@pytest.mark.parametrize("text,lang", [
    ("Marokko plant, bei Frankreich Rüstungsgüter zu kaufen, einschließlich Radare, Kampfhubschrauber und "
     "Kampfflugzeuge des Typs Rafale.", "de"),
    ("Morocco wants to buy military hardware from France, including radars, attack helicopters and fighter "
     "jets of the type Rafale.", "en"),
])
def test_each_item_of_a_list_is_goods_and_the_umbrella_word_gives_way(extractor, text, lang):
    assert weapons(extractor, text, lang) == {"attack helicopter", "radar", "Rafale"}


@pytest.mark.parametrize("text,lang", [
    ("Laut dem Bericht verkaufte Iran Libyen Raketen der Typen Qiam-1 und Fateh-110.", "de"),
    ("According to the report, Iran sold Libya missiles of the types Qiam-1 and Fateh-110.", "en"),
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
    ("Algerien bestellte im Vorjahr Mi-28 Hubschrauber, Jak-130 und Su-35 Jets bei Russland.", "de"),
    ("Last year Algeria ordered Mi-28 helicopters, Yak-130 trainers and Su-35 jets from Russia.", "en"),
])
def test_named_systems_in_a_list_each_give_a_row(extractor, text, lang):
    assert weapons(extractor, text, lang) == {"Su-35", "Mi-28", "Yak-130"}


def test_a_year_ends_a_german_sentence():
    from loaders import nlp
    doc = nlp.pipeline("de")("Kenia erhält 18 Mörser bis 2031. Zudem least Ghana 4 Boote.")
    assert [s.text for s in doc.sents] == ["Kenia erhält 18 Mörser bis 2031.", "Zudem least Ghana 4 Boote."]


@pytest.mark.parametrize("text,lang", [
    ("Gesichtet wurden zwei Maschinen des Musters Mohajer-6, die Teheran an Kuba verkauft hatte.", "de"),
    ("Observers spotted two Mohajer-6 aircraft, which Tehran had sold to Cuba.", "en"),
])
def test_a_relative_clause_transfers_the_goods_it_is_attached_to(extractor, text, lang):
    assert supplies(rows(extractor, text, lang)) == {("Iran", "Cuba", "Mohajer-6")}


@pytest.mark.parametrize("text,lang", [
    ("Greece is selling Cyprus 240 laser-guided 155 mm shells.", "en"),
    ("Griechenland verkauft Zypern 240 155-mm-Granaten.", "de"),
    ("Athen sei bereit, Zypern Granaten der Kaliber 105 und 155 mm zu verkaufen, hieß es.", "de"),
])
def test_shells_of_a_calibre_are_artillery_shells(extractor, text, lang):
    found = [r for r in rows(extractor, text, lang) if r["type"] == "SUPPLIES"]
    assert {r["weapon"] for r in found} == {"artillery shell"}
    assert all((r.get("quantity") or {}).get("value") not in (105, 155) for r in found)


@pytest.mark.parametrize("text,lang", [
    ("Kuba habe Nicaragua etwa 40 240-mm-Mehrfachraketenwerfer, 170-mm-Selbstfahrlafetten und ballistische "
     "Raketen verkauft, teilte Tokio mit.", "de"),
    ("Tokyo said Cuba had sold Nicaragua some 40 240 mm multiple rocket launchers, 170 mm self-propelled guns "
     "and ballistic missiles.", "en"),
])
def test_a_calibre_names_only_its_own_noun_and_a_list_after_a_verb_of_saying_is_one_clause(extractor, text, lang):
    assert weapons(extractor, text, lang) == {"ballistic missile", "Koksan", "240 mm multiple rocket launcher"}


@pytest.mark.parametrize("text,lang", [
    ("Ägypten erwarb von Russland S-400-Batterien gegen libysche Drohnen und Raketen.", "de"),
    ("Egypt praises the S-400 batteries it got from Russia for downing Libyan rockets and drones.", "en"),
])
def test_a_third_states_weapons_are_not_goods_of_the_transfer(extractor, text, lang):
    assert supplies(rows(extractor, text, lang)) == {("Russia", "Egypt", "S-400")}


@pytest.mark.parametrize("text,lang", [
    ("Washington will deliver more interceptors for Chile's Patriot air defence systems.", "en"),
    ("Die USA liefern Chile Munition für Patriot-Luftabwehrbatterien.", "de"),
])
def test_rounds_for_an_air_defence_system_are_that_system(extractor, text, lang):
    assert supplies(rows(extractor, text, lang)) == {("United States", "Chile", "Patriot")}


@pytest.mark.parametrize("text,lang", [
    ("Seit Jahren verbraucht Kolumbien große Mengen an Mörsermunition und hat zudem Drohnen aus Brasilien gekauft.", "de"),
    ("Colombia uses up large quantities of mortar ammunition and has also purchased drones from Brazil.", "en"),
])
def test_goods_of_an_earlier_predicate_are_not_transferred(extractor, text, lang):
    assert supplies(rows(extractor, text, lang)) == {("Brazil", "Colombia", "drone")}


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
    ("Das Pentagon sagte Jordanien neue Militärhilfe zu. Das Paket umfasst kleine Puma-Drohnen "
     "und Hawk-Luftabwehrsysteme.", "de"),
    ("The Pentagon pledged new military aid to Jordan. The package comprises small Puma drones "
     "and Hawk air defence systems.", "en"),
    ("Italy sold mortars to Jordan. Last week the Pentagon presented a package that contained small Puma drones "
     "and Hawk air defence systems.", "en"),
])
def test_the_contents_of_an_aid_package_are_planned_transfers_of_its_parties(extractor, text, lang):
    found = [r for r in rows(extractor, text, lang) if r["type"] == "SUPPLIES" and r.get("weapon") in ("MIM-23 Hawk", "RQ-20 Puma")]
    assert {(r["source"], r["target"], r["weapon"]) for r in found} == {
        ("United States", "Jordan", "MIM-23 Hawk"), ("United States", "Jordan", "RQ-20 Puma")}
    assert all(r["status"] == "planned" for r in found)


@pytest.mark.parametrize("text,lang", [
    ("Der Sprecher sagte, der Panzer verstärke die Systeme, welche Kenia schon aus Italien erhalten hat.", "de"),
])
def test_a_relative_pronoun_stands_for_the_nearest_noun(extractor, text, lang):
    assert not any(w for _, _, w in supplies(rows(extractor, text, lang)) if w == "tank")


@pytest.mark.parametrize("text,lang", [
    ("Der Panzer verstärkt die Systeme, welche Kenia schon aus italienischen Beständen erhalten hat, inklusive "
     "Harpoon-Seezielflugkörper und M270-Raketenwerfer.", "de"),
    ("The tank adds to the systems, which Kenya has already obtained from Italian stocks, including "
     "Harpoon missiles and M270 rocket launchers.", "en"),
])
def test_a_list_of_goods_after_the_clause_of_a_transfer_is_its_goods(extractor, text, lang):
    assert supplies(rows(extractor, text, lang)) == {("Italy", "Kenya", "M270 MLRS"), ("Italy", "Kenya", "Harpoon")}


@pytest.mark.parametrize("text,lang", [
    ("Washington is to give Jordan 14 Abrams tanks, a day after Madrid announced it would deliver Leopard 2 tanks. "
     "According to a spokesman, the tanks are to be ordered from manufacturers for Jordan.", "en"),
])
def test_goods_referred_back_to_are_the_system_the_same_supplier_sends_the_same_recipient(extractor, text, lang):
    found = supplies(rows(extractor, text, lang))
    assert ("United States", "Jordan", "Abrams") in found
    assert ("United States", "Jordan", "Leopard 2") not in found


@pytest.mark.parametrize("text,lang,expected", [
    ("Iran soll Kuba Raketen der Modelle Solfaghar und Fateh-110 verkauft haben.", "de", {"Fateh-110", "Zolfaghar"}),
    ("Österreich verkauft Kenia drei Pionierpanzer des Typs Dachs.", "de", {"Pionierpanzer Dachs"}),
    ("Bangladesh is buying four Hangor-class diesel-electric submarines from China.", "en", {"Hangor-class submarine"}),
    ("Peru sent Chile two diesel-electric submarines.", "en", {"submarine"}),
    ("Egypt supplied Kenya with mortar rounds and multiple-launch rocket ammunition.", "en", {"rocket", "mortar shell"}),
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
    ("Cairo sold anti-aircraft missiles to Kenya to bolster the air defences "
     "around Mombasa.", "en", {"surface-to-air missile"}),
    ("Chile has agreed to buy Bayraktar TB2 drones from Turkey.", "en", {"Bayraktar TB2"}),
])
def test_goods_after_an_infinitive_of_purpose_are_not_transferred(extractor, text, lang, expected):
    assert weapons(extractor, text, lang) == expected


@pytest.mark.parametrize("text,lang,expected", [
    ("Kuba verkauft Panzer an Nicaragua\n\nHavanna (dpa) - Kuba hat Nicaragua Panzer verkauft. "
     "Ein Sprecher sagte, Havanna habe Nicaragua 12 Panzer des Typs T-72 verkauft.", "de", {"T-72"}),
    ("Cuba sells tanks to Nicaragua\n\nHAVANA (Reuters) - Cuba has sold tanks to Nicaragua. "
     "A spokesman said Havana had sold Nicaragua 12 T-72 tanks.", "en", {"T-72"}),
    ("Kuba verkauft Panzer an Nicaragua\n\nHavanna (dpa) - Kuba hat Nicaragua Panzer verkauft. "
     "Ein Sprecher sagte, Havanna habe Nicaragua 12 Panzer der Typen T-72 und T-80 verkauft.", "de",
     {"tank", "T-72", "T-80"}),
])
def test_a_class_in_the_headline_or_lead_is_the_one_system_the_article_names(extractor, text, lang, expected):
    assert weapons(extractor, text, lang) == expected
