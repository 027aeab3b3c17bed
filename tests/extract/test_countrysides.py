"""A provincial capital's countryside by direction, as a place and as where an event happened.

"the northern countryside of Homs", "ريف حماة الشمالي الغربي": a place of its own near the town
(geodata/gazetteer/countrysides.py), and an event's place as a town is (extract/event_places.py).
The sentences are ours; Arabic and English side by side.
"""

from __future__ import annotations

import pytest

from extract.document import make_document
from extract.pipeline import extract_document
from extract.places import places_in_text
from extract.types import Event


@pytest.mark.parametrize(
    ("text", "surface", "name"),
    [
        (
            "Clashes broke out in the northern countryside of Homs on Monday.",
            "northern countryside of Homs",
            "Northern Homs countryside",
        ),
        (
            "Jets struck villages in Hama's north-western countryside.",
            "Hama's north-western countryside",
            "North-western Hama countryside",
        ),
        ("Shelling hit southern rural Idlib overnight.", "southern rural Idlib", "Southern Idlib countryside"),
        (
            "Rebels attacked army posts in the countryside north of Hama.",
            "the countryside north of Hama",
            "Northern Hama countryside",
        ),
        (
            "Fighters advanced in the south-eastern Deir Ezzor countryside.",
            "south-eastern Deir Ezzor countryside",
            "South-eastern Deir ez-Zor countryside",
        ),
        (
            "Two shells fell on the Hasaka southern countryside.",
            "Hasaka southern countryside",
            "Southern Al-Hasakah countryside",
        ),
        (
            "اشتباكات عنيفة في ريف حماة الشمالي الغربي منذ الصباح",
            "ريف حماة الشمالي الغربي",
            "North-western Hama countryside",
        ),
        ("قصف مدفعي على الريف الشرقي للرقة", "الريف الشرقي للرقة", "Eastern Raqqa countryside"),
        ("غارات جوية على الريف الجنوبي لمدينة إدلب", "الريف الجنوبي لمدينة إدلب", "Southern Idlib countryside"),
        ("مقتل ثلاثة مدنيين بريف درعا الغربي", "ريف درعا الغربي", "Western Daraa countryside"),
        (
            "تقدمت القوات في الريف الشمالي الشرقي لدير الزور",
            "الريف الشمالي الشرقي لدير الزور",
            "North-eastern Deir ez-Zor countryside",
        ),
    ],
)
def test_a_countryside_by_its_direction_is_one_place(gaz, text: str, surface: str, name: str) -> None:
    got = [(p.surface, p.name, p.feature_type) for p in places_in_text(text, gaz)]
    assert got == [(surface, name, "countryside")]


@pytest.mark.parametrize(
    "text",
    [
        "Rebels shelled government-held western Aleppo from the east of the city.",  # a part of the city
        "Residents fled eastern Aleppo as the siege tightened.",
        "Jets struck the Marea countryside north of Aleppo.",  # Marea's countryside, north of Aleppo
        "قصف على ريف اللاذقية الغربي",  # the sea: no such countryside, the town's own at most
    ],
)
def test_a_part_of_a_city_or_a_countryside_that_is_not_there_is_none(gaz, text: str) -> None:
    assert not [p for p in places_in_text(text, gaz) if p.feature_type == "countryside"]


def test_a_village_in_a_countryside_lies_there(gaz) -> None:
    text = "اشتباكات في قرية زور الماء في ريف حماة الشمالي الغربي"
    places = {p.surface: p for p in places_in_text(text, gaz)}
    village, around = places["زور الماء"], places["ريف حماة الشمالي الغربي"]
    assert not village.resolved
    assert (village.lat, village.lon) == (around.lat, around.lon)


def _events(gaz, text: str) -> list[Event]:
    return list(extract_document(make_document(text, doc_id="t", published="2016-10-17"), gaz).events)


@pytest.mark.parametrize(
    ("text", "trigger", "name"),
    [
        pytest.param(
            "Clashes erupted in the eastern countryside of Aleppo and shelling hit Deir Ezzor city.",
            "Clashes",
            "Eastern Aleppo countryside",
            id="first-of-two-en",
        ),
        pytest.param(
            "Regime forces shelled the northern countryside of Hama on Friday.",
            "shelled",
            "Northern Hama countryside",
            id="object-of-shelling-en",
        ),
        pytest.param(
            "Shelling in the southern countryside of Idlib and raids targeting the western countryside of Aleppo.",
            "raids",
            "Western Aleppo countryside",
            id="raids-targeting-en",
        ),
        pytest.param(
            "اشتباكات في ريف حلب الشرقي وقصف على مدينة دير الزور",
            "اشتباكات",
            "Eastern Aleppo countryside",
            id="first-of-two-ar",
        ),
    ],
)
def test_an_event_in_a_countryside_is_there(gaz, text: str, trigger: str, name: str) -> None:
    got = [e for e in _events(gaz, text) if text[e.trigger.start : e.trigger.end] == trigger]
    assert [(e.place.name, e.geo_precision) for e in got] == [(name, 2)]


def test_a_village_named_before_its_countryside_is_the_events_place(gaz) -> None:
    text = "Nine villagers of Tal Nasri in the southern Hasakah countryside were killed by a car bomb."
    [e] = [e for e in _events(gaz, text) if e.place.surface == "Tal Nasri" or e.place.feature_type == "countryside"]
    assert e.place.surface == "Tal Nasri"


def test_a_country_after_a_verb_of_attack_is_a_foe_not_the_place(gaz) -> None:
    text = (
        "Coalition jets bombed ISIS positions near Mosul on Sunday. "
        "The group plans to attack the United States, and these strikes show our resolve."
    )
    later = [e for e in _events(gaz, text) if text[e.trigger.start : e.trigger.end] == "strikes"]
    assert [e.place.name for e in later] == ["Mosul"]


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        (
            "Airstrikes hit the eastern countryside of Hama on Monday. "
            "A suicide car bomber also attacked an army checkpoint.",
            "suicide car bomber",
        ),
        ("غارات جوية على ريف حماة الشرقي يوم الاثنين. وفجر انتحاري سيارة مفخخة عند حاجز للجيش.", "انتحاري"),
    ],
)
def test_a_deed_with_no_place_of_its_own_is_in_the_countryside_the_text_is_about(gaz, text, trigger) -> None:
    got = [e for e in _events(gaz, text) if text[e.trigger.start : e.trigger.end] == trigger]
    assert [e.place.name for e in got] == ["Eastern Hama countryside"]


@pytest.mark.parametrize(
    ("text", "stops"),
    [
        (
            "Fighters were evacuated from the eastern countryside of Homs to Jarablus.",
            ["Eastern Homs countryside", "Jarablus"],
        ),
        ("وصل رتل عسكري تركي من إدلب إلى ريف حلب الشمالي الغربي.", ["Idlib", "North-western Aleppo countryside"]),
    ],
)
def test_a_journey_may_start_or_end_in_a_countryside(gaz, text: str, stops: list[str]) -> None:
    moves = extract_document(make_document(text, doc_id="t", published="2016-10-17"), gaz).movements
    assert [[p.name for p in m.waypoints] for m in moves] == [stops]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("قصف جوي على ريفي حماة وإدلب", ["Hama countryside", "Idlib countryside"]),
        ("اشتباكات في أرياف حلب وإدلب وحماة", ["Aleppo countryside", "Idlib countryside", "Hama countryside"]),
        ("Shelling hit the countrysides of Hama and Idlib.", ["Hama countryside", "Idlib countryside"]),
        ("Shelling hit the Hama and Idlib countrysides.", ["Hama countryside", "Idlib countryside"]),
        # no shared head: the towns themselves
        ("Jets struck Hama and Idlib.", ["Hama", "Idlib"]),
        ("قصف على حماة وإدلب", ["Hama", "Idlib"]),
    ],
)
def test_towns_listed_under_one_countryside_head_are_each_its_countryside(gaz, text: str, names: list[str]) -> None:
    assert [p.name for p in places_in_text(text, gaz)] == names


def test_a_village_in_the_countrysides_of_two_towns_lies_in_the_first_ones_province(gaz) -> None:
    [village] = [p for p in places_in_text("قصف على قرية الطويلة في ريفي حماة وإدلب", gaz) if not p.resolved]
    assert village.surface == "الطويلة" and village.placed_at == "Hama Governorate"


@pytest.mark.parametrize(
    ("text", "found"),
    [
        (
            "قصف على ريف حلب الغربي والجنوبي والشرقي.",
            [
                ("ريف حلب الغربي", "Western Aleppo countryside"),
                ("الجنوبي", "Southern Aleppo countryside"),
                ("الشرقي", "Eastern Aleppo countryside"),
            ],
        ),
        (
            "Raids on the northern, western and southern countryside of Hama.",
            [
                ("northern", "Northern Hama countryside"),
                ("western", "Western Hama countryside"),
                ("southern countryside of Hama", "Southern Hama countryside"),
            ],
        ),
        (
            "Shelling on the southern and eastern countrysides of Idlib.",
            [
                ("southern", "Southern Idlib countryside"),
                ("eastern countrysides of Idlib", "Eastern Idlib countryside"),
            ],
        ),
        (  # a town the gazetteer knows only by another spelling
            "Clashes in the western and eastern countryside of Deir-ez-Zur continue.",
            [
                ("western", "Western Deir ez-Zor countryside"),
                ("eastern countryside of Deir-ez-Zur", "Eastern Deir ez-Zor countryside"),
            ],
        ),
        (
            "اشتباكات في ريفي إدلب الجنوبي وحماة الشمالي",
            [("إدلب الجنوبي", "Southern Idlib countryside"), ("حماة الشمالي", "Northern Hama countryside")],
        ),
        # a town's own directions, joined before one countryside ("Aleppo's western and southern countryside")
        (
            "Jets struck Aleppo's western and southern countryside and Idlib.",
            [
                ("Aleppo's western", "Western Aleppo countryside"),
                ("southern countryside", "Southern Aleppo countryside"),
                ("Idlib", "Idlib"),
            ],
        ),
        (
            "Raids on Hama's northern, western and southern countrysides.",
            [
                ("Hama's northern", "Northern Hama countryside"),
                ("western", "Western Hama countryside"),
                ("southern countrysides", "Southern Hama countryside"),
            ],
        ),
        ("Jets struck Aleppo's western and the city's southern parts.", [("Aleppo's", "Aleppo")]),
        # a town after a countryside is no direction of it
        (
            "قصف على ريف حلب الغربي ومدينة إدلب",
            [("ريف حلب الغربي", "Western Aleppo countryside"), ("مدينة إدلب", "Idlib")],
        ),
    ],
)
def test_directions_joined_to_a_countryside_are_countrysides_of_the_same_town(gaz, text, found) -> None:
    assert [(p.surface, p.name) for p in places_in_text(text, gaz)] == found


def test_a_site_may_lie_in_a_countryside_but_a_town_part_may_not(gaz) -> None:
    text = "Jets struck a hospital in the southern countryside of Idlib and shelled neighbourhoods in the city."
    places = {p.surface: p for p in extract_document(make_document(text, doc_id="t"), gaz).places}
    assert places["hospital"].name == "Southern Idlib countryside"
    assert "neighbourhoods" not in places or places["neighbourhoods"].name != "Southern Idlib countryside"
