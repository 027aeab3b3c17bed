"""The unit a text puts a place in: namesakes chosen inside it, unknown villages placed at it."""

from __future__ import annotations

import pytest

from extract.places import places_in_text
from extract.types import Place
from geodata.gazetteer import Gazetteer
from geodata.geometry import km


def _by_surface(gaz: Gazetteer, text: str) -> dict[str, Place]:
    return {p.surface: p for p in places_in_text(text, gaz)}


UNKNOWN = [
    # (id, text, the unknown name, the unit it is placed at, geo_precision)
    (
        "comma-province-en",
        "Fighting was reported in Tell Zubayrat, Nineveh province, Iraq.",
        "Tell Zubayrat",
        "Nineveh",
        3,
    ),
    (
        "countryside-of-en",
        "Jets struck Khirbet Sawwan in the northern countryside of Hama.",
        "Khirbet Sawwan",
        "Northern Hama countryside",
        2,
    ),
    (
        "village-in-subdistrict-en",
        "Gunmen raided the village of Umm Dhiyab in Hajin subdistrict.",
        "Umm Dhiyab",
        "Hajin",
        2,
    ),
    (
        "name-village-in-unit-en",
        "Clashes went on near Umm Kahf village in the Jarablus district.",
        "Umm Kahf",
        "Jarabulus",
        2,
    ),
    (
        "subdistrict-then-province-en",
        "Gunmen attacked the village of Tell Xyzabad in Hajin subdistrict, Deir ez-Zor.",
        "Tell Xyzabad",
        "Hajin",
        2,
    ),
    # ... a direction from a provincial capital: out in its countryside that way (a town without one: at the town)
    (
        "near-town-en",
        "A massacre in Khirbet Nuwair town east of Daraa left ten dead.",
        "Khirbet Nuwair",
        "Eastern Daraa",
        2,
    ),
    (
        "near-a-respelled-town-en",
        "Clashes hit Umm Tuwaynat village in East Deir-ez-Zur.",
        "Umm Tuwaynat",
        "Deir ez-Zor",
        2,
    ),
    ("near-town-ar", "قصفت المدفعية قرية أم الرجوم شمال حمص.", "أم الرجوم", "Northern Homs countryside", 2),
    ("near-town-two-words-ar", "قصفت المدفعية قرية أم الرجوم شمال شرقي حمص.", "أم الرجوم", "North-eastern Homs", 2),
    (
        "near-town-two-words-en",
        "Gunmen attacked Tell Xyzabad village north-east of Raqqa.",
        "Tell Xyzabad",
        "North-eastern Raqqa",
        2,
    ),
    ("a-quarter-east-in-its-town-ar", "اشتباكات في حي الزهور شرقي حلب.", "الزهور", "Aleppo", 2),
    ("waqia-ar", "قصفت الطائرات بلدة تل الصوان الواقعة شرق حمص.", "تل الصوان", "Eastern Homs", 2),
    # a known name with a qualifier after a settlement's head is another village ("Western Tal Abyad"), all of it
    ("qualified-known-name-ar", "قصفت المدفعية بلدة تل أبيض الغربي بريف الرقة.", "تل أبيض الغربي", "Raqqa", 3),
    ("qualified-quarter-ar", "سقطت قذائف على حي الزهور الشرقي في حمص.", "الزهور الشرقي", "Homs", 2),
    ("qarya-bi-rif-ar", "قصفت الطائرات قرية أم الشوك بريف حلب الشمالي.", "أم الشوك", "Northern Aleppo countryside", 2),
    ("qarya-tabia-nahiya-ar", "اشتباكات في قرية تل الشعير التابعة لناحية هجين.", "تل الشعير", "Hajin", 2),
    ("balda-fi-muhafaza-ar", "سقطت قذائف على بلدة كفر دبين في محافظة اللاذقية.", "كفر دبين", "Latakia", 3),
    # a quarter of a town, or a village named with what it is ("X, a village in Y"): at that town or unit
    (
        "quarter-of-the-capital-en",
        "Shells fell on the Zuhour neighbourhood of the capital Damascus.",
        "Zuhour",
        "Damascus",
        2,
    ),
    (
        "quarter-in-city-en",
        "A car bomb went off in the Karm Nasrin quarter in Aleppo city.",
        "Karm Nasrin",
        "Aleppo",
        2,
    ),
    ("a-village-in-province-en", "Two farmers died in Kharba, a village in Salahuddin province.", "Kharba", "Salah", 3),
    ("a-village-near-town-en", "Two farmers died in Kharba, a village near Tikrit.", "Kharba", "Tikrit", 2),
    ("district-of-town-en", "Artillery shelled villages in the Sherawa district of Afrin.", "Sherawa", "Afrin", 2),
    ("area-of-town-en", "Artillery shelled the Kafr Janna area of Afrin.", "Kafr Janna", "Afrin", 2),
    # the countryside of a town its province is not named after lies around the town (of Aleppo: the province)
    ("rif-of-a-town-ar", "استهدف قصف مدفعي قرية تل مرق في ريف تل تمر.", "تل مرق", "Tal Tamr", 2),
    ("rural-town-en", "Jets struck Khirbet Sawwan in rural Manbij.", "Khirbet Sawwan", "Manbij", 2),
    (
        "countryside-of-mosul-en",
        "Clashes hit Umm Tuwaynat village in the countryside of Mosul.",
        "Umm Tuwaynat",
        "Mosul",
        2,
    ),
    # a quarter: "Hay al-X", "the al-X neighbourhood of", "حي X في": in the town (or the part of it) after it
    ("hay-al-en", "Clashes broke out in Hay al-Askari in eastern Mosul.", "Hay al-Askari", "East Mosul", 3),
    ("al-quarter-of-town-en", "Clashes broke out in the al-Askari neighbourhood of Mosul.", "al-Askari", "Mosul", 2),
    ("hay-fi-town-ar", "اندلعت اشتباكات في حي الزهور في الموصل.", "الزهور", "Mosul", 2),
    (
        "village-in-region-en",
        "Clashes hit the village of Umm Tuwaynat in Eastern Ghouta.",
        "Umm Tuwaynat",
        "Eastern Ghouta",
        3,
    ),
    ("hay-fi-al-asima-ar", "سقطت قذائف على حي الزهور في العاصمة دمشق.", "الزهور", "Damascus", 2),
    ("hay-bi-madina-ar", "انفجرت سيارة مفخخة في حي كرم نسرين بمدينة حلب.", "كرم نسرين", "Aleppo", 2),
    ("qarya-direction-madina-ar", "قتل مدنيان في قرية الخربة شرقي مدينة تكريت.", "الخربة", "Tikrit", 2),
    ("qura-fi-nahiya-ar", "قصفت المدفعية قرى في ناحية كوبرلك بريف عفرين.", "كوبرلك", "Afrin", 2),
    # a sub-district named after its seat: the sub-district, not the town
    ("nahiya-of-a-seat-ar", "قصفت الطائرات قرية البو حمدان في ناحية العلم.", "البو حمدان", "Al-Alam", 2),
    # a word read as no place here is part of the unknown name it stands in
    ("word-of-no-place-en", "Shells hit Marj al-Dahr village south of Idlib city.", "Marj al-Dahr", "Idlib", 2),
    (
        "word-of-no-place-province-en",
        "Aid trucks burned in Orum al-Kubra in Aleppo province.",
        "Orum al-Kubra",
        "Aleppo",
        3,
    ),
    # a mountain range of ours, suburbs of a town
    (
        "in-mountains-en",
        "Gunmen attacked the village of Albu Dawod in the Hamrin mountains.",
        "Albu Dawod",
        "Hamrin",
        3,
    ),
    (
        "suburbs-en",
        "Clashes went on in al-Rashideen in the western suburbs of Aleppo city.",
        "al-Rashideen",
        "Aleppo",
        2,
    ),
    ("dawahi-ar", "اشتباكات في قرية الخان بضواحي دمشق.", "الخان", "Damascus", 2),
    ("valley-en", "Iraqi forces clashed with militants in the Wadi Hauran valley in Anbar.", "Wadi Hauran", "Anbar", 3),
    ("plain-en", "Shells fell on the Kurin plain in the countryside of Idlib.", "Kurin", "Idlib", 3),
    # a name its own head opens ("تل", "خربة"), the rest rare words
    (
        "name-head-ar",
        "استعاد الجيش السيطرة على تل شغيب في ريف حلب الجنوبي.",
        "تل شغيب",
        "Southern Aleppo countryside",
        2,
    ),
    (
        "name-head-khirba-ar",
        "قصفت الطائرات خربة حميس في ريف إدلب الجنوبي.",
        "خربة حميس",
        "Southern Idlib countryside",
        2,
    ),
    # a camp: "Camp X", "X camp", "مخيم X"
    (
        "camp-before-en",
        "Two rockets hit Camp Sabreen in Baghdad overnight, the police said.",
        "Camp Sabreen",
        "Baghdad",
        3,
    ),
    ("camp-after-en", "Families left the Umm Jurn camp near Tikrit.", "Umm Jurn", "Tikrit", 2),
    ("mukhayyam-ar", "قصفت الطائرات مخيم الكرامة قرب سرمدا بريف إدلب.", "الكرامة", "Sarmada", 2),
]


@pytest.mark.parametrize(("text", "name", "unit", "precision"), [c[1:] for c in UNKNOWN], ids=[c[0] for c in UNKNOWN])
def test_an_unknown_village_is_placed_at_its_unit(
    gaz: Gazetteer, text: str, name: str, unit: str, precision: int
) -> None:
    p = _by_surface(gaz, text)[name]
    assert not p.resolved and p.gazetteer_id == ""
    assert p.name == name
    assert unit in p.placed_at
    assert p.geo_precision == precision
    units = ("governorate", "district", "subdistrict", "region", "countryside", "mountain", "city", "town")
    placed = next(e for e in gaz.search(p.placed_at, limit=20) if e.name == p.placed_at and e.feature_type in units)
    assert km(p.lat, p.lon, placed.lat, placed.lon) < 1


NOT_UNKNOWN = [
    ("possessive-en", "Dozens were killed in Syria's northern Idlib province on Tuesday."),
    ("sentence-adverb-en", "Meanwhile in northeastern Idlib province the shelling went on."),
    ("demonym-en", "A camp for displaced Syrians in Hasakah province was hit."),
    ("actor-en", "The fighters travelled to fight against ISIS in northern Aleppo province."),
    ("names-side-by-side-en", "Shells fell on Bab al-Nasr Salahaddin and other quarters."),
    ("list-of-provinces-en", "Clashes in Raqqa, Deir ez-Zor province and Hasakah."),
    ("no-unit-ar", "قصفت الطائرات قرية صغيرة شمال المدينة."),
    ("a-head-then-words-ar", "سيطر المقاتلون على تل استراتيجي في ريف حماة الشمالي."),
    ("head-of-the-regime-ar", "قال رأس النظام في دمشق إن الحرب انتهت."),
    ("english-words-en", "Airstrikes hit the Public Market in rural Idlib."),
    ("ampersand-en", "Airstrikes on Schools & Hospitals in rural Aleppo."),
    ("a-person-of-the-capital-en", "Ahmad, a resident of the capital Damascus, said the shelling went on."),
    ("a-day-after-en", "Shelling hit Raqqa a day after the truce in Aleppo city."),
    ("a-resident-of-the-city-ar", "قال أحمد، أحد سكان مدينة حلب، إن القصف استمر."),
    ("a-sect-en", "A suicide bomber killed 14 in a Shi'ite area of Baghdad."),
    ("a-person-then-a-noun-en", "Umm Ahmad, a mother of three, fled Mosul."),
    ("a-people-en", "A car bomb went off in the Christian quarter of Aleppo city."),
    ("a-kind-of-camp-en", "Jets hit an ISIS training camp and a Refugee Camp in Idlib province."),
    (
        "a-headline-in-running-text-en",
        "The agency ran its story under the title Syrian Army Destroys Rebel Mortar Shells Plant in Hama Province "
        "on the day after the raids, with a photo of the ruins taken by one of its reporters in the area.",
    ),
]


def test_a_headline_in_running_text_keeps_only_its_last_word(gaz: Gazetteer) -> None:
    # more capitalised words in a row than a name has: only the last one is surely the name
    text = (
        "The agency ran its story under the title Nusra Says Syrian Army Liberates Qurbaniyat in Hama Province on "
        "the day after the raids, with a photo of the ruins taken by one of its reporters in the area."
    )
    assert [p.surface for p in places_in_text(text, gaz) if not p.resolved] == ["Qurbaniyat"]


@pytest.mark.parametrize("text", [c[1] for c in NOT_UNKNOWN], ids=[c[0] for c in NOT_UNKNOWN])
def test_no_unknown_place_without_a_clear_place_construction(gaz: Gazetteer, text: str) -> None:
    assert [p.surface for p in places_in_text(text, gaz) if not p.resolved] == []


def test_a_namesake_abroad_is_not_chosen_when_the_text_names_the_province(gaz: Gazetteer) -> None:
    p = _by_surface(gaz, "October 2015: Salamiyah, Nineveh, Iraq")["Salamiyah"]
    assert p.country_code == "IQ" and not p.resolved
    assert "Nineveh" in p.placed_at


@pytest.mark.parametrize(
    "text",
    [
        "Troops entered Salamiyah, Nineveh, on Monday. Residents of Salamiyah fled.",
        "Residents of Salamiyah fled. Troops entered Salamiyah, Nineveh, on Monday.",
        "A strike hit al-Salehia village in the northern countryside of Raqqa. Later, jets hit al-Salehia.",
    ],
)
def test_every_mention_of_a_name_the_unit_placed_is_that_place(gaz: Gazetteer, text: str) -> None:
    # one name, one place in a text: the mention no unit holds follows the one its unit placed
    name = "Salamiyah" if "Salamiyah" in text else "al-Salehia"
    found = [p for p in places_in_text(text, gaz) if p.surface == name]
    assert len(found) == 2
    assert {(p.resolved, p.country_code, p.placed_at, p.lat, p.lon) for p in found} == {
        (False, found[0].country_code, found[0].placed_at, found[0].lat, found[0].lon)
    }
    assert found[0].placed_at and found[0].country_code == ("IQ" if name == "Salamiyah" else "SY")


def test_the_known_place_inside_the_unit_wins(gaz: Gazetteer) -> None:
    # Two Qabasins in cities500: the text puts this one in the al-Bab district.
    cands = [e for e in gaz.candidates("Qabasin") if e.country_code == "SY"]
    assert len({e.pcode for e in cands}) > 1
    districts = {e.pcode[:6] for e in cands}
    for d in sorted(districts):
        unit = gaz.unit(d)
        if unit is None:
            continue
        p = _by_surface(gaz, f"Shelling hit Qabasin in {unit.name} District.")["Qabasin"]
        assert p.resolved and p.country_code == "SY"
        chosen = next(e for e in cands if e.gid == p.gazetteer_id)
        assert chosen.pcode.startswith(d)


def test_places_of_a_province_list_keep_their_own_choice(gaz: Gazetteer) -> None:
    places = _by_surface(gaz, "Clashes in Raqqa, Deir ez-Zor province and Hasakah.")
    assert places["Raqqa"].resolved and places["Raqqa"].name == "Raqqa"


def test_a_foreign_namesake_near_a_town_of_ours_is_a_village_we_do_not_know(gaz: Gazetteer) -> None:
    # cities500 knows a "Zarkan" only in Iran: east of a Syrian town it is a village we lack
    places = _by_surface(gaz, "Shelling hit Zarkan east of Ras al-Ayn city.")
    assert places["Ras al-Ayn"].country_code == "SY"  # our town, though uncounted, beats Israel's Rosh Ha'Ayin
    p = places["Zarkan"]
    assert not p.resolved and p.country_code == "SY" and p.geo_precision == 2
    assert p.placed_at == places["Ras al-Ayn"].name


def test_a_great_city_abroad_stays_itself(gaz: Gazetteer) -> None:
    p = _by_surface(gaz, "The envoy flew from Tehran north of Baghdad to Erbil.")["Tehran"]
    assert p.resolved and p.country_code == "IR"


QUARTERS_NAMED_LIKE_CITIES = [
    # a quarter of a town named like a great city elsewhere: a quarter we do not know, in that town
    ("hay-fi-ar", "سقطت قذائف على حي السليمانية في حلب.", ["السليمانية"], "Aleppo"),
    ("hayyay-ar", "سقطت قذائف على حيي الموصل والسليمانية في حلب.", ["الموصل", "السليمانية"], "Aleppo"),
    ("ahya-ar", "سقطت قذائف على أحياء البصرة والسليمانية في حمص.", ["البصرة", "السليمانية"], "Homs"),
    ("neighbourhood-of-en", "Shells hit the Basra neighbourhood of Homs.", ["Basra"], "Homs"),
    # ... and so is a quarter after its town's name in the possessive
    ("possessive-en", "Rockets hit Homs's Basra neighbourhood.", ["Basra"], "Homs"),
    ("possessive-curly-en", "Shells fell on Aleppo’s Mosul neighbourhood.", ["Mosul"], "Aleppo"),
    # "district" after a name and before a town is a quarter when the name has no namesake in that country
    ("districts-of-town-en", "Shells fell on the Midan and Basra districts of Aleppo.", ["Midan", "Basra"], "Aleppo"),
    # a list of quarters shares its head and its town, commas too
    (
        "ahya-comma-ar",
        "سقطت قذائف على أحياء الموصل، البصرة والسليمانية في حلب.",
        ["الموصل", "البصرة", "السليمانية"],
        "Aleppo",
    ),
    (
        "neighbourhoods-list-en",
        "Shells hit the Basra, Mosul and Sulaymaniyah neighbourhoods of Homs.",
        ["Basra", "Mosul", "Sulaymaniyah"],
        "Homs",
    ),
]


@pytest.mark.parametrize(
    ("text", "names", "town"),
    [c[1:] for c in QUARTERS_NAMED_LIKE_CITIES],
    ids=[c[0] for c in QUARTERS_NAMED_LIKE_CITIES],
)
def test_a_quarter_named_like_a_city_abroad_lies_in_its_town(
    gaz: Gazetteer, text: str, names: list[str], town: str
) -> None:
    unknown = [p for p in places_in_text(text, gaz) if not p.resolved]
    assert [p.surface for p in unknown] == names
    assert all(p.placed_at == town and p.geo_precision == 2 for p in unknown)


@pytest.mark.parametrize(
    ("text", "surface", "gid"),
    [
        # a district of the country's own is that district, the town after it its province's seat
        ("Clashes went on in the Hawija district of Kirkuk.", "Hawija", "geonames:390188"),
        ("Clashes erupted in Hawija district, west of Kirkuk.", "Hawija", "geonames:390188"),
        ("Clashes went on in Kirkuk's Hawija district.", "Hawija", "geonames:390188"),
        # a namesake in the town is the quarter
        (
            "Rebels shelled the Hamdaniyah district of Aleppo.",
            "Hamdaniyah district",
            "khareeta:sy-nbhd-hamdaniyah-aleppo",
        ),
    ],
)
def test_a_district_of_a_town(gaz: Gazetteer, text: str, surface: str, gid: str) -> None:
    assert _by_surface(gaz, text)[surface].gazetteer_id == gid


def test_a_city_in_its_region_stays_the_city(gaz: Gazetteer) -> None:
    p = _by_surface(gaz, "قصفت الطائرات مدينة السليمانية في كردستان.")["السليمانية"]
    assert p.resolved and p.country_code == "IQ"


LISTED = [
    # (id, text, the unknown names, each placed at this unit)
    (
        "villages-of-x-and-y-en",
        "Gunmen attacked the villages of Umm Jurn and Tal Sfouk south of Kirkuk.",
        ["Umm Jurn", "Tal Sfouk"],
        "Kirkuk",
    ),
    ("qaryatay-x-wa-y-ar", "هاجم مسلحون قريتي أم الجرن وتل صفوك جنوب كركوك.", ["أم الجرن", "تل صفوك"], "Kirkuk"),
    ("qura-x-wa-y-ar", "قصفت الطائرات قرى الزهراء والمزرعة بريف حلب الشمالي.", ["الزهراء", "المزرعة"], "Aleppo"),
    # three names and more, each written onto "و"
    ("qura-x-y-z-ar", "قصفت الطائرات قرى الخوين والتح وأم جلال بريف إدلب.", ["الخوين", "التح", "أم جلال"], "Idlib"),
    (
        "qura-four-ar",
        "استهدفت الطائرات قرى الخوين والتح وأم جلال وسكيك بريف إدلب الجنوبي.",
        ["الخوين", "التح", "أم جلال", "سكيك"],
        "Idlib",
    ),
    # a name that opens with the letter of "and" is one name
    ("wadi-ar", "قصفت الطائرات قرية وادي الخيل بريف حلب الشمالي.", ["وادي الخيل"], "Aleppo"),
]


@pytest.mark.parametrize(("text", "names", "unit"), [c[1:] for c in LISTED], ids=[c[0] for c in LISTED])
def test_unknown_villages_listed_after_one_head_are_each_placed(
    gaz: Gazetteer, text: str, names: list[str], unit: str
) -> None:
    unknown = [p for p in places_in_text(text, gaz) if not p.resolved]
    assert [p.surface for p in unknown] == names
    assert all(unit in p.placed_at and text[p.start : p.end] == p.surface for p in unknown)


LISTED_WITH_A_PLACE = [
    # (id, text, the unknown names, the unit each is placed at): listed with a known place, not inside it
    (
        "qura-x-y-and-known-ar",
        "قصفت الطائرات قرى الطويلة والخوين وتل حميس في ريف الحسكة.",
        ["الطويلة", "الخوين"],
        "Tal Hmis",  # the known place's sub-district, each name once
    ),
    (
        "village-and-town-ar",
        "قصفت الطائرات قرية الطويلة ومدينة البوكمال.",
        ["الطويلة"],  # "مدينة" is the next name's head, no name; listed with the town: its sub-district
        "Abu Kamal",
    ),
    ("adjective-of-the-head-ar", "قصفت الطائرات قرية صغيرة وتل حميس.", [], ""),  # "a small village": no name
    (
        "village-and-headed-town-ar",
        "اشتباكات في قرية الطويلة وبلدة البوكمال.",
        ["الطويلة"],
        "Abu Kamal",
    ),
]


@pytest.mark.parametrize(
    ("text", "names", "unit"), [c[1:] for c in LISTED_WITH_A_PLACE], ids=[c[0] for c in LISTED_WITH_A_PLACE]
)
def test_an_unknown_name_listed_with_a_place_is_not_inside_it(
    gaz: Gazetteer, text: str, names: list[str], unit: str
) -> None:
    unknown = [p for p in places_in_text(text, gaz) if not p.resolved]
    assert [p.surface for p in unknown] == names
    assert all(unit in p.placed_at and p.placed_at != "Al-Bukamal" for p in unknown)


@pytest.mark.parametrize(
    "text",
    [
        "سقطت قذائف على أحياء الميدان والسليمانية في مدينة حلب.",
        # the quarter named like a city abroad first, a name we do not know after it
        "سقطت قذائف على أحياء السليمانية والميدان في حلب.",
        "سقطت قذائف على حيي السليمانية والميدان في حلب.",
    ],
)
def test_a_quarter_listed_with_a_quarter_named_like_a_city_abroad_stays_in_its_town(gaz: Gazetteer, text) -> None:
    places = _by_surface(gaz, text)
    assert all(p.country_code == "SY" for p in places.values())
    assert "Sulaymaniyah" not in {p.placed_at for p in places.values()}
    assert places["السليمانية"].placed_at == "Aleppo"


def test_a_place_listed_without_a_head_before_a_town_keeps_its_own_choice(gaz: Gazetteer) -> None:
    assert _by_surface(gaz, "قصف على السليمانية والمطار في حلب")["السليمانية"].name == "Sulaymaniyah"


DISTANCES = [
    # (id, text, the unknown name, the town, km, bearing): a distance on the way ("some 30 km west of"), with a
    # head after a comma ("X, a village ..."), in Iraq as in Syria
    (
        "distance-en",
        "The militants overran the village of Tal Sfouk, some 30 km west of Mosul.",
        "Tal Sfouk",
        "Mosul",
        30,
    ),
    ("a-village-km-en", "Gunmen attacked Umm Jurn, a village 20 km south of Kirkuk.", "Umm Jurn", "Kirkuk", 20),
    ("ala-buad-km-ar", "هاجم مسلحون قرية أم الجرن على بعد 20 كم جنوب كركوك.", "أم الجرن", "Kirkuk", 20),
    ("miles-en", "Jets hit al-Rahjan village, 31 miles east of Hama city, on Monday.", "al-Rahjan", "Hama", 50),
    ("located-en", "Jets hit Tell Sawwan village, located 15 km east of Homs.", "Tell Sawwan", "Homs", 15),
    # a relative clause on the way and a number in words
    (
        "which-lies-en",
        "Gunmen attacked the village of Umm Jurn, which lies twenty kilometres south of Kirkuk.",
        "Umm Jurn",
        "Kirkuk",
        20,
    ),
    (
        "allati-tabud-ar",
        "هاجم مسلحون قرية أم الجرن، التي تبعد نحو عشرين كيلومترا جنوب كركوك.",
        "أم الجرن",
        "Kirkuk",
        20,
    ),
    ("yaqa-ar", "هاجم مسلحون قرية أم الجرن التي تقع على بعد ثمانية كيلومترات شمال كركوك.", "أم الجرن", "Kirkuk", 8),
]


@pytest.mark.parametrize(("text", "name", "town", "far"), [c[1:] for c in DISTANCES], ids=[c[0] for c in DISTANCES])
def test_a_village_a_distance_from_a_town_lies_that_far_from_it(
    gaz: Gazetteer, text: str, name: str, town: str, far: float
) -> None:
    by = _by_surface(gaz, text)
    village, seat = by[name], next(p for p in by.values() if p.name == town)
    assert not village.resolved and village.geo_precision == 2 and village.placed_at.endswith(f"of {town}")
    assert abs(km(village.lat, village.lon, seat.lat, seat.lon) - far) < 1


def test_a_distance_too_far_to_say_where_a_village_lies_is_not_taken(gaz: Gazetteer) -> None:
    assert (
        _by_surface(gaz, "Gunmen attacked Umm Jurn, a village 900 km south of Kirkuk.")["Umm Jurn"].placed_at
        == "Kirkuk"
    )


def test_a_distance_with_a_decimal_point_ends_no_sentence(gaz: Gazetteer) -> None:
    village = _by_surface(gaz, "Gunmen attacked Umm Jurn, a village 2.5 km south of Kirkuk.")["Umm Jurn"]
    assert village.placed_at == "Kirkuk" and village.geo_precision == 2  # the point of a part-km not taken


def test_a_village_toward_a_capital_lies_out_in_that_countryside_a_quarter_in_the_town(gaz: Gazetteer) -> None:
    by = _by_surface(gaz, "A massacre in Khirbet Nuwair town east of Daraa left ten dead.")
    village, daraa = by["Khirbet Nuwair"], by["Daraa"]
    assert village.placed_at == "Eastern Daraa countryside" and village.geo_precision == 2
    assert 15 < km(village.lat, village.lon, daraa.lat, daraa.lon) < 25 and village.lon > daraa.lon
    assert _by_surface(gaz, "اشتباكات في حي الزهور شرقي حلب.")["الزهور"].placed_at == "Aleppo"
    assert _by_surface(gaz, "Shells fell on Umm Jurn village in eastern Aleppo.")["Umm Jurn"].placed_at == "Aleppo"


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen stopped a bus on the road between Samarra and Tikrit, near the village of Mazraa.",
        "Clashes broke out in Kirkuk and Hawija, near the village of Mazraa, on Friday.",
    ],
)
def test_a_town_of_ours_stays_itself_near_a_smaller_namesake_abroad(gaz: Gazetteer, text: str) -> None:
    # Syria's al-Mazra'ah is a village: it does not hold a town of Iraq, nor make it a place we do not know
    got = _by_surface(gaz, text)
    towns = [s for s in ("Samarra", "Tikrit", "Kirkuk", "Hawija") if s in got]
    assert towns
    assert all(got[s].resolved and got[s].country_code == "IQ" for s in towns)
