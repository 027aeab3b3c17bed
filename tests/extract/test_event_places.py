"""Where an event happened, and what is no event (extract/event_places.py, references.py, events.py).

Arabic and English side by side; the sentences are ours.
"""

from __future__ import annotations

import pytest

from extract.document import make_document
from extract.pipeline import extract_document
from extract.types import Event, actor_name

PUBLISHED = "2016-10-17"


def _events(gaz, text: str) -> list[Event]:
    return list(extract_document(make_document(text, doc_id="t", published=PUBLISHED), gaz).events)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "قصف مسلحو داعش القيارة يوم الأحد. وفي يوم الاثنين شنت الطائرات غارات على مواقع التنظيم في محيط المدينة.",
            id="the-city-ar",
        ),
        pytest.param(
            "ISIS fighters shelled Qayyarah on Sunday. On Monday, jets struck ISIS positions outside the town.",
            id="the-town-en",
        ),
    ],
)
def test_the_unnamed_town_is_the_town_of_the_text(gaz, text: str) -> None:
    second = text.index(".") + 1
    strikes = [e for e in _events(gaz, text) if e.start >= second]
    assert [(e.sub_event_type, e.place.name) for e in strikes] == [("Air/drone strike", "Qayyarah")]
    e = strikes[0]
    assert text[e.place.start : e.place.end] in ("المدينة", "the town")  # the words that refer are the evidence


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("بات حي الطيران في الموصل تحت سيطرة قوات النظام.", id="under-control-ar"),
        pytest.param(
            "The al-Tayaran district of Mosul remains under the control of ISIS fighters.", id="under-control-en"
        ),
        pytest.param("More than 300,000 people have been killed in Syria.", id="vague-toll-in-a-country-en"),
        pytest.param("قتل أكثر من 300 ألف شخص في سوريا.", id="vague-toll-in-a-country-ar"),
        pytest.param(
            "The war in Syria began in March 2011 with anti-government protests.", id="protests-across-a-country-en"
        ),
        pytest.param("بدأت الحرب في سوريا في آذار 2011 باحتجاجات مناهضة للحكومة.", id="protests-across-a-country-ar"),
    ],
)
def test_a_state_or_a_countrywide_toll_is_no_event(gaz, text: str) -> None:
    assert [(e.event_type, e.place.name) for e in _events(gaz, text)] == []


@pytest.mark.parametrize(
    ("text", "where"),
    [
        pytest.param(
            "A ceasefire deal brokered by Moscow took effect in Aleppo on Monday.", "Aleppo", id="brokered-by-en"
        ),
        pytest.param(
            "دخل اتفاق وقف إطلاق النار الذي رعته موسكو حيز التنفيذ في حلب يوم الاثنين.", "Aleppo", id="brokered-by-ar"
        ),
    ],
)
def test_a_place_naming_an_actor_is_not_where_it_happened(gaz, text: str, where: str) -> None:
    assert {e.place.name for e in _events(gaz, text)} == {where}


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Tal Afar fell last year. Air strikes on Syria hit convoys on Monday.", id="strikes-in-syria-en"),
    ],
)
def test_a_strike_in_a_country_is_at_the_town_of_the_article_when_it_is_there(gaz, text: str) -> None:
    """Tal Afar is in Iraq, the strike is "in Syria": it stays at the country."""
    assert {e.place.name for e in _events(gaz, text) if e.sub_event_type == "Air/drone strike"} == {"Syria"}


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        pytest.param(
            "ISIS seized 2,000 civilians as human shields in Manbij on Friday.",
            ("Violence against civilians", "Abduction/forced disappearance"),
            id="seized-civilians-en",
        ),
        pytest.param(
            "اختطف تنظيم داعش ألفي مدني واتخذهم دروعا بشرية في منبج يوم الجمعة.",
            ("Violence against civilians", "Abduction/forced disappearance"),
            id="human-shields-ar",
        ),
        pytest.param(
            "تمكنت قوات النظام من كسر الحصار عن دير الزور يوم الثلاثاء.",
            ("Battles", "Government regains territory"),
            id="break-siege-ar",
        ),
        pytest.param(
            "Syrian troops broke the siege of Deir ez-Zor on Tuesday.",
            ("Battles", "Government regains territory"),
            id="break-siege-en",
        ),
        pytest.param(
            "انفجرت عبوة ناسفة في سوق بعقوبة يوم الاثنين.",
            ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
            id="device-names-the-explosion-ar",
        ),
        pytest.param(
            "A car bomb exploded in Baqubah on Monday.",
            ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
            id="device-names-the-explosion-en",
        ),
        pytest.param(
            "Twelve people were killed in a triple bombing in central Damascus on Monday.",
            ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
            id="killed-in-a-bombing-en",
        ),
        pytest.param(
            "قتل 12 شخصا في تفجير ثلاثي وسط دمشق يوم الاثنين.",
            ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
            id="killed-in-a-bombing-ar",
        ),
    ],
)
def test_one_event_named_by_its_most_telling_word(gaz, text: str, kind: tuple[str, str]) -> None:
    assert [(e.event_type, e.sub_event_type) for e in _events(gaz, text)] == [kind]


def test_a_strike_and_a_taking_in_one_sentence_and_place_are_two_events(gaz) -> None:
    text = (
        "Russian jets struck ISIS positions around Deir ez-Zor, which then came under the control of government forces."
    )
    kinds = {(e.event_type, e.place.name) for e in _events(gaz, text)}
    assert ("Explosions/Remote violence", "Deir ez-Zor") in kinds


@pytest.mark.parametrize(
    ("text", "places"),
    [
        pytest.param("Aerial bombardment targeted Hama and Raqqa on Monday.", ["Hama", "Raqqa"], id="and-en"),
        pytest.param("شنت الطائرات غارات على حماة وحلب وإدلب يوم الاثنين.", ["Hama", "Aleppo", "Idlib"], id="wa-ar"),
        pytest.param(
            "Shells hit Harasta, Arbin and the town of Douma on Monday.", ["Harasta", "Arbin", "Douma"], id="comma-en"
        ),
        # a town and its country are no list
        pytest.param("Fighting near Kirkuk, Iraq, killed three fighters.", ["Kirkuk"], id="town-country-en"),
        # a neighbour named with its kind: "and the nearby village of", "وقرية ... المجاورة"
        pytest.param(
            "Russian jets struck Maarat al-Numan and the nearby village of Heish on Tuesday.",
            ["Maarat al-Numan", "Hish"],
            id="and-the-nearby-village-of-en",
        ),
        pytest.param(
            "قصفت الطائرات الروسية معرة النعمان وقرية حيش المجاورة يوم الثلاثاء.",
            ["Maarat al-Numan", "Hish"],
            id="wa-onto-the-kind-ar",
        ),
    ],
)
def test_a_list_of_places_makes_one_event_at_each(gaz, text: str, places: list[str]) -> None:
    events = _events(gaz, text)
    assert [e.place.name for e in events] == places
    assert len({(e.event_type, e.sub_event_type, e.trigger) for e in events}) == 1  # one deed, several places


def test_the_dead_of_a_list_stay_with_its_first_place(gaz) -> None:
    events = _events(gaz, "Missile strikes killed 12 people in Harasta and Arbin on Monday.")
    assert [(e.place.name, e.fatalities) for e in events] == [("Harasta", 12), ("Arbin", None)]


@pytest.mark.parametrize(
    ("text", "where"),
    [
        pytest.param(
            "Marea countryside north of Aleppo witnesses violent clashes between the regime and the rebels.",
            "Marea",
            id="north-of-en",
        ),
        pytest.param("Tal Afar, 60 km west of Mosul, saw heavy clashes on Monday.", "Tal Afar", id="km-west-of-en"),
        pytest.param("شهدت بلدة مارع شمال حلب اشتباكات عنيفة يوم الاثنين.", "Marea", id="north-of-ar"),
        pytest.param(
            "Regime forces escalated artillery bombardment on Wadi Barada valley northwest of Damascus on Monday.",
            "Wadi Barada",
            id="a-valley-northwest-of-en",
        ),
        pytest.param(
            "صعدت قوات النظام قصفها المدفعي على وادي بردى شمال غرب دمشق يوم الاثنين.",
            "Wadi Barada",
            id="a-valley-northwest-of-ar",
        ),
        pytest.param(
            "US air strikes hit Syria's Idlib province on Monday.", "Idlib Governorate", id="a-country-s-province-en"
        ),
        pytest.param("Turkish jets struck Duhok's Amedi district on Monday.", "Amadiya", id="a-province-s-town-en"),
    ],
)
def test_a_place_that_tells_where_another_lies_is_not_the_place(gaz, text: str, where: str) -> None:
    assert {e.place.name for e in _events(gaz, text)} == {where}


@pytest.mark.parametrize(
    ("text", "places"),
    [
        pytest.param(
            "The regime forces shell Palmyra and clashes renewed in the countryside of Quneitra.",
            {("Explosions/Remote violence", "Palmyra"), ("Battles", "Quneitra")},
            id="object-of-the-verb-en",
        ),
        pytest.param(
            "بعد هجمات باريس شنت المقاتلات الفرنسية غارات على معاقل داعش في الرقة.",
            {("Explosions/Remote violence", "Raqqa")},
            id="a-deed-told-before-ar",
        ),
    ],
)
def test_an_english_verb_s_object_is_its_place(gaz, text: str, places: set[tuple[str, str]]) -> None:
    assert {(e.event_type, e.place.name) for e in _events(gaz, text)} == places


@pytest.mark.parametrize(
    "text",
    [
        "Warplanes pounded al-Bab on Friday, killing 11 people.",
        "Government jets struck al-Bab on Friday, killing 11 people.",
    ],
)
def test_a_name_that_is_also_a_word_is_a_place_after_a_verb_of_striking(gaz, text: str) -> None:
    """'al-Bab' is also "the door": a verb of striking before it tells it is the town struck."""
    assert [e.place.name for e in _events(gaz, text)] == ["Al-Bab"]


@pytest.mark.parametrize(
    ("text", "where"),
    [
        pytest.param(
            "Rebels seize Jisr al-Shughur\n\n2015-04-26\n\nBEIRUT (AFP) - Rebels have seized the town of Jisr "
            "al-Shughur, a monitor said.\n\nGovernment aircraft struck back within hours, activists said.",
            "Jisr al-Shughur",
            id="dateline-in-a-capital",
        ),
        pytest.param(
            "Jisr al-Shughur falls to rebels\n\n2015-04-26\n\nJISR AL-SHUGHUR (AFP) - Rebels have seized the "
            "town, a monitor said. Beirut condemned it.\n\nGovernment aircraft struck back within hours.",
            "Jisr al-Shughur",
            id="dateline-in-the-town",
        ),
        pytest.param(  # no town in the headline nor the lede: the town the story names past its dateline
            "Iraqi troops retake oil refinery\n\n2015-10-20\n\nBAGHDAD (Reuters) - Iraqi troops have retaken the "
            "oil refinery north of the capital, officials said.\n\nThe militants had held Baiji since June. Troops "
            "entered Baiji on Monday.\n\nGovernment aircraft struck back within hours, activists said.",
            "Baiji",
            id="dateline-and-no-town-in-the-lede",
        ),
    ],
)
def test_a_strike_told_without_a_place_is_at_the_town_of_the_story_not_its_dateline(gaz, text, where) -> None:
    second = text.index("Government aircraft")
    assert [e.place.name for e in _events(gaz, text) if e.start >= second] == [where]


@pytest.mark.parametrize(
    ("text", "where"),
    [
        pytest.param("Shells targeted Jobar in Damascus on Monday.", "Jobar", id="in-en"),
        pytest.param("استهدفت القذائف جوبر بدمشق يوم الاثنين.", "Jobar", id="glued-ar"),
        pytest.param("Fighters from Mosul in Raqqa clashed with the SDF on Monday.", "Raqqa", id="far-apart-en"),
    ],
)
def test_a_town_named_right_after_a_nearby_place_only_holds_it(gaz, text: str, where: str) -> None:
    assert {e.place.name for e in _events(gaz, text)} == {where}


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "Mosul fell to ISIS in 2014. Clashes continued on Monday in areas east of the Tigris.", id="river-en"
        ),
        pytest.param("استمرت الاشتباكات في الموصل يوم الاثنين. واندلعت اشتباكات جديدة شرق نهر دجلة.", id="river-ar"),
    ],
)
def test_a_fight_by_a_river_is_at_the_town_of_the_text(gaz, text: str) -> None:
    assert {e.place.name for e in _events(gaz, text)} == {"Mosul"}


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "In conjunction with the clashes east of Khan Shaykhun, the regime forces advanced at Jabal al-Akrad "
            "on Monday.",
            id="region-en",
        ),
        pytest.param(
            "بالتزامن مع الاشتباكات شرق خان شيخون، قصفت قوات النظام مواقع في جبل الأكراد يوم الاثنين.", id="region-ar"
        ),
    ],
)
def test_a_region_tied_to_the_trigger_in_its_clause_is_its_place(gaz, text: str) -> None:
    assert {e.place.name for e in _events(gaz, text)} == {"Khan Shaykhun", "Jabal al-Akrad"}


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("The violence in Syria has displaced millions.", id="en"),
        pytest.param("تسبب العنف في سوريا بتهجير الملايين.", id="ar"),
    ],
)
def test_violence_without_two_sides_is_no_clash(gaz, text: str) -> None:
    assert _events(gaz, text) == []


def test_casualties_in_another_town_are_an_event_there(gaz) -> None:
    text = "The regime forces shelled Talbiseh and more casualties were reported in Rastan on Monday."
    assert {(e.place.name, e.actor1.name if e.actor1 else "") for e in _events(gaz, text)} == {
        ("Talbiseh", "Syrian government forces"),
        ("Al-Rastan", "Syrian government forces"),
    }


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Poison gas killed dozens of people in Khan Shaykhun on Tuesday.", id="en"),
        pytest.param("قتل العشرات بالغاز السام في خان شيخون يوم الثلاثاء.", id="ar"),
    ],
)
def test_poison_gas_is_a_chemical_weapon(gaz, text: str) -> None:
    assert {(e.sub_event_type, e.place.name) for e in _events(gaz, text)} == {("Chemical weapon", "Khan Shaykhun")}


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Troops fighting in the Qalamun region seized the town of Rankus on Wednesday.", id="en"),
        pytest.param("اشتبكت قوات النظام مع الفصائل وسيطرت على بلدة رنكوس يوم الأربعاء.", id="ar"),
    ],
)
def test_a_fight_that_ends_in_a_taking_is_the_taking(gaz, text: str) -> None:
    assert [(e.sub_event_type, e.place.name) for e in _events(gaz, text)] == [
        ("Government regains territory", "Rankous")
    ]


@pytest.mark.parametrize(
    ("text", "where"),
    [
        pytest.param(
            "A car bomb went off at a market on the Baghdad-Basra highway near Hilla, killing nine people.",
            "Hillah",
            id="near-a-town-en",
        ),
        pytest.param(
            "انفجرت سيارة مفخخة على طريق بغداد - كركوك قرب الطوز صباح اليوم ما أدى إلى مقتل ثلاثة مدنيين.",
            "Tuz Khurmatu",
            id="near-a-town-ar",
        ),
    ],
)
def test_a_deed_on_a_road_near_a_town_is_at_that_town(gaz, text: str, where: str) -> None:
    assert [e.place.name for e in _events(gaz, text)] == [where]


@pytest.mark.parametrize(
    ("text", "where"),
    [
        pytest.param(
            "Militants ambushed a police patrol on the road between Baiji and Tikrit on Sunday.",
            ["Baiji"],
            id="between-en",
        ),
        pytest.param("Jets struck ISIS positions in Baiji and Tikrit on Sunday.", ["Baiji", "Tikrit"], id="a-list-en"),
    ],
)
def test_a_deed_on_a_road_is_one_event_not_one_at_each_end(gaz, text: str, where: list[str]) -> None:
    assert [e.place.name for e in _events(gaz, text)] == where


@pytest.mark.parametrize(
    "text",
    [
        "Hundreds of families fled Tal Abyad for Raqqa and Ain Issa as Turkish shelling intensified.",
        "نزحت مئات العائلات من تل أبيض إلى الرقة وعين عيسى مع اشتداد القصف التركي.",
    ],
)
def test_shelling_that_people_fled_is_where_they_left_not_where_they_went(gaz, text: str) -> None:
    assert [e.place.name for e in _events(gaz, text)] == ["Tal Abyad"]


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("Turkish forces tightened their grip on Tal Abyad on Sunday.", "Turkish forces"),
        ("أحكمت القوات التركية سيطرتها على مدينة تل أبيض يوم الأحد.", "Turkish forces"),
        ("بسطت قوات سوريا الديمقراطية سيطرتها على بلدة الشدادي.", "SDF (Syrian Democratic Forces)"),
    ],
)
def test_tightening_a_grip_is_taking_ground(gaz, text: str, actor: str) -> None:
    got = _events(gaz, text)
    assert [(e.event_type, e.actor1.name if e.actor1 else "") for e in got] == [("Battles", actor)]


@pytest.mark.parametrize(
    "text",
    [
        "Syrian government forces took control of Morek without resistance on Monday.",
        "دخلت قوات النظام بلدة مورك دون مقاومة يوم الاثنين.",
        "سيطرت قوات النظام على مورك بدون قتال.",
    ],
)
def test_a_taking_without_resistance_is_a_non_violent_transfer(gaz, text: str) -> None:
    got = _events(gaz, text)
    assert [(e.event_type, e.sub_event_type) for e in got] == [
        ("Strategic developments", "Non-violent transfer of territory")
    ]


@pytest.mark.parametrize(
    ("text", "where"),
    [
        (
            (
                "وفي ريف منبج، استهدفت غارة جوية قافلة مدنية انطلقت من "
                "الرقة مروراً ببلدة الطبقة، ما أدى إلى مقتل ستة أشخاص."
            ),
            "Manbij",
        ),
        (
            (
                "Near Manbij, an air strike hit a civilian convoy "
                "that had left Raqqa and passed through Tabqa, killing six."
            ),
            "Manbij",
        ),
    ],
)
def test_a_strike_on_a_convoy_is_where_it_was_hit_not_where_it_came_from(gaz, text: str, where: str) -> None:
    assert [e.place.name for e in _events(gaz, text)] == [where]


@pytest.mark.parametrize(
    "text",
    [
        "سيطرت قسد على سد تشرين يوم السبت. وفجر عناصر داعش سيارتين مفخختين قرب السد يوم الخميس.",
        "The SDF captured the Tishrin dam on Saturday. ISIS fighters detonated two car bombs near the dam on Thursday.",
    ],
)
def test_a_deed_at_the_dam_is_at_the_dam_named_before(gaz, text: str) -> None:
    bombs = [e for e in _events(gaz, text) if e.event_type == "Explosions/Remote violence"]
    assert [(e.place.name, actor_name(e.actor1)) for e in bombs] == [("Tishrin Dam", "ISIS")]


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("Government forces advanced from Homs past Furqlus under heavy Russian air cover.", "Al-Furqlus"),
        ("Government forces advanced from Homs toward Furqlus under heavy Russian air cover.", "Al-Furqlus"),
        ("تقدمت قوات النظام من حمص باتجاه الفرقلس تحت غطاء جوي روسي.", "Al-Furqlus"),
    ],
)
def test_an_advance_is_where_it_went_not_where_it_set_out(gaz, text: str, where: str) -> None:
    assert {e.place.name for e in _events(gaz, text)} == {where}


@pytest.mark.parametrize(
    ("text", "kind", "actor"),
    [
        ("أفاد مصدر بأن انتحارياً من داعش فجر حزامه الناسف قرب حاجز للجيش في سامراء.", "Suicide bomb", "ISIS"),
        ("أصيب مدنيان إثر قصف مدفعي تركي على بلدة تل تمر.", "Shelling/artillery/missile attack", "Turkish forces"),
    ],
)
def test_arabic_forms_of_suicide_bombs_and_shelling(gaz, text: str, kind: str, actor: str) -> None:
    got = _events(gaz, text)
    assert [(e.sub_event_type, e.actor1.name if e.actor1 else "") for e in got] == [(kind, actor)]


def test_the_seat_of_who_speaks_is_no_town_of_the_text(gaz) -> None:
    text = (
        "Turkish-backed fighters seized the town of Suluk on Sunday. "
        "The defence ministry in Ankara said the town had been cleared of terrorists."
    )
    got = extract_document(make_document(text, doc_id="t", published=PUBLISHED), gaz)
    refs = [p.name for p in got.places if p.surface == "the town"]
    assert refs == ["Suluk"]
    assert "Ankara" not in {e.place.name for e in got.events}


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Under a deal struck in Sochi last year, Russia and Turkey agreed to reopen the road.", "Agreement"),
        ("PMF fighters captured Muhallabiya on Tuesday.", "Government regains territory"),
        ("سيطر الحشد الشعبي على بلدة المحلبية.", "Government regains territory"),
    ],
)
def test_a_deal_struck_is_no_strike_and_the_pmf_regains_for_the_government(gaz, text: str, kind: str) -> None:
    assert [e.sub_event_type for e in _events(gaz, text)] == [kind]


@pytest.mark.parametrize(
    "text",
    [
        "Jets struck the town of Saraqib in eastern Idlib on Monday, killing four civilians.",
        "Iraqi troops entered Baiji without a fight.",
    ],
)
def test_a_vague_word_joins_the_deed_it_tells_and_a_fight_not_fought_is_none(gaz, text: str) -> None:
    got = _events(gaz, text)
    assert len(got) <= 1
    assert all(e.sub_event_type != "Armed clash" for e in got)


@pytest.mark.parametrize(
    "text",
    [
        "وفي منبج، قتل مدنيان بقذائف أطلقتها الفصائل على المدينة، بعد يوم من انفجار سيارة مفخخة وسط المدينة.",
        "In Manbij, shells fired by the factions killed two civilians, a day after a car bomb exploded in the centre.",
    ],
)
def test_two_named_explosions_of_two_kinds_at_one_place_are_two_events(gaz, text: str) -> None:
    kinds = sorted(e.sub_event_type for e in _events(gaz, text))
    assert kinds == ["Remote explosive/landmine/IED", "Shelling/artillery/missile attack"]


RELEASE = (
    "On Monday, Coalition military forces conducted 12 strikes against ISIS targets in Syria.\n\n"
    "Near Raqqa, eight strikes engaged six ISIS tactical units and destroyed 11 fighting positions, "
    "two mortar systems and a vehicle-borne improvised explosive device.\n\n"
    "Near Mayadin, two strikes destroyed an ISIS command post.\n"
)


def test_strikes_with_no_attacker_in_a_strike_release_are_the_one_strikers(gaz) -> None:
    got = _events(gaz, RELEASE)
    assert {(e.place.name, e.sub_event_type) for e in got} >= {
        ("Raqqa", "Air/drone strike"),
        ("Al-Mayadin", "Air/drone strike"),
    }
    assert all(e.sub_event_type == "Air/drone strike" for e in got)  # what the strikes destroyed is no deed
    assert all(e.actor1 is not None and e.actor1.name == "International coalition" for e in got)


def test_strikes_are_not_lent_an_attacker_when_two_forces_strike(gaz) -> None:
    text = "Russian jets bombed Kafr Nabl on Monday.\n\nRegime guns shelled Khan Sheikhoun.\n\nStrikes hit Saraqib."
    saraqib = [e for e in _events(gaz, text) if e.place.name == "Saraqib"]
    assert [e.actor1 for e in saraqib] == [None]


def test_a_deed_takes_no_place_across_a_contrast(gaz) -> None:
    text = (
        "تتواصل المعارك في مدينة حلب لليوم الخامس. "
        "وشنت طائرات حربية روسية غارات على الأحياء الشرقية، في حين أُلقيت براميل متفجرة على حي الشعار."
    )
    shaar = [e for e in _events(gaz, text) if e.place.name.startswith("Al-Shaar")]
    assert [e.actor1.name if e.actor1 else "" for e in shaar] == ["Syrian government forces"]


def test_dozens_of_strikes_are_new_strikes_not_the_strike_told_before(gaz) -> None:
    text = (
        "ألقت مروحيات النظام براميل متفجرة على حي الشعار في حلب. "
        "وفي الأثناء، شنت طائرات حربية روسية عشرات الغارات على أحياء شرقية."
    )
    assert {e.actor1.name for e in _events(gaz, text) if e.actor1} == {"Syrian government forces", "Russian forces"}


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("سقطت بلدة مورك بيد قوات النظام.", "Government regains territory"),
        ("The fall of Morek to government forces came after weeks of shelling.", "Government regains territory"),
        ("Ramadi fell to Islamic State in May.", "Non-state actor overtakes territory"),
    ],
)
def test_a_fall_is_the_takers(gaz, text: str, kind: str) -> None:
    assert kind in [e.sub_event_type for e in _events(gaz, text)]


def test_a_town_taken_as_it_is_the_town_named_before(gaz) -> None:
    text = "Rebels stormed back into Kafr Nabuda on Monday. Government troops retook it two days later."
    got = [(e.sub_event_type, e.place.name) for e in _events(gaz, text)]
    assert ("Government regains territory", "Kafr Nabudah") in got


def test_troops_overrunning_a_district_regain_it(gaz) -> None:
    text = "Regime forces pressed on. The troops overran the Hanano district on Saturday."
    assert [e.sub_event_type for e in _events(gaz, text)] == ["Government regains territory"]


@pytest.mark.parametrize(
    "text",
    [
        "شنت الطائرات الروسية غارات على ريف حماة الشمالي، وتركزت على كفرزيتا واللطامنة.",
        "Russian jets struck the northern Hama countryside, concentrated on Kafr Zita and Latamneh.",
    ],
)
def test_strikes_narrowed_to_towns_are_at_those_towns(gaz, text: str) -> None:
    assert sorted(e.place.name for e in _events(gaz, text)) == ["Al-Latamneh", "Kafr Zita"]


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("أعدم التنظيم رجلين من أهالي ريف عين العرب في مدينة جرابلس.", "Jarablus"),
        ("ISIS executed two residents of Kobani in Jarablus on Monday.", "Jarablus"),
        ("Fourteen residents of Khatab in the northwestern Hama countryside were killed by the insurgents.", "Khatab"),
    ],
    ids=["ar-people-of-a-place", "en-residents-of", "en-residents-of-no-other-town"],
)
def test_where_the_victims_come_from_is_not_where_it_happened(gaz, text: str, where: str) -> None:
    assert [e.place.name for e in _events(gaz, text)] == [where]


def test_the_city_of_a_story_datelined_in_a_capital_is_its_headlines(gaz) -> None:
    text = (
        "Bombing kills 126 at Aleppo bus depot\n\n2017-04-16\n\nBEIRUT (AFP) - A suicide car bomb tore through a "
        "convoy of buses on Saturday, a monitor said.\n\nThe blast struck on the western edge of the city."
    )
    blast = text.index("The blast")
    assert {e.place.name for e in _events(gaz, text) if e.start >= blast} == {"Aleppo"}


def test_the_town_of_a_wire_story_is_not_its_dateline(gaz) -> None:
    """'The militants first overran the town': the town the story is about, not the bureau's city of its dateline."""
    text = (
        "Iraqi troops retake oil refinery\n\n2015-10-20\n\nBAGHDAD (Reuters) - Iraqi troops have retaken the oil "
        "refinery north of the capital, officials said.\n\nThe militants had held Baiji since June. Troops entered "
        "Baiji on Monday.\n\nThe militants first overran the town in June 2014."
    )
    last = text.index("The militants first")
    assert [e.place.name for e in _events(gaz, text) if e.start >= last] == ["Baiji"]


def test_what_strikes_were_hitting_is_no_deed(gaz) -> None:
    """'..., hitting fighting positions, vehicles and a car bomb factory': what the strikes hit is no clash and no
    bombing of its own."""
    text = (
        "The coalition said it carried out six airstrikes near Tabqa on Monday, hitting fighting positions and a "
        "car bomb factory."
    )
    assert [e.sub_event_type for e in _events(gaz, text)] == ["Air/drone strike"]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "In Mosul, meanwhile, thousands marched to the governor's office on Friday. Police fired tear gas to "
            "disperse them.",
            id="en",
        ),
        pytest.param(
            "وفي الموصل، خرج الآلاف في مسيرة نحو مبنى المحافظة يوم الجمعة. وأطلقت الشرطة الغاز المسيل للدموع لتفريقهم.",
            id="ar",
        ),
    ],
)
def test_a_sentence_without_a_place_is_in_the_scene_its_paragraph_set(gaz, text: str) -> None:
    assert {(e.sub_event_type, e.place.name) for e in _events(gaz, text)} >= {("Protest with intervention", "Mosul")}


def test_a_scene_does_not_reach_into_the_next_paragraph(gaz) -> None:
    text = "In Mosul, meanwhile, thousands marched on Friday.\n\nPolice fired tear gas to disperse them."
    assert "Protest with intervention" not in {e.sub_event_type for e in _events(gaz, text)}


def test_where_a_person_is_from_is_not_where_the_deed_happened(gaz) -> None:
    text = (
        "Navy Chief Petty Officer Scott Dayton, 42, of Woodbridge, Virginia, died Nov. 24 in northern Syria of "
        "wounds sustained in an improvised explosive device blast."
    )
    assert {e.place.name for e in _events(gaz, text)} == {"Northern Syria"}


@pytest.mark.parametrize(
    ("text", "places"),
    [
        pytest.param(
            "BEIRUT (Reuters) - Islamic State fighters killed at least 130 guards when they seized the Shaer gas "
            "field on Thursday.",
            ["Shaer gas field"],
            id="wire-dateline-en",
        ),
        pytest.param(
            "BAGHDAD // Gunmen stormed a hunting camp near Rutba on Wednesday and abducted 26 hunters.",
            ["Rutba"],
            id="slashed-dateline-en",
        ),
        # an Arabic dateline names where the deed happened
        pytest.param("حمص - سانا - قصفت الطائرات مواقع للتنظيم في المدينة يوم الخميس.", ["Homs"], id="arabic-dateline"),
    ],
)
def test_an_english_wire_dateline_is_no_place_of_a_deed(gaz, text: str, places: list[str]) -> None:
    """ "BEIRUT (Reuters) -" is where the story was written: the deeds of its first sentence are where that
    sentence puts them (an Arabic "حمص - سانا -" names the town the story is from and about)."""
    assert sorted({e.place.name for e in _events(gaz, text)}) == places


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "سيطر تنظيم الدولة على حقل الشاعر للغاز يوم الخميس. وقالت مصادر إن طائرات حربية أقلعت من مطار الشعيرات "
            "قصفت الحقل يوم الجمعة.",
            id="ar",
        ),
        pytest.param(
            "ISIS fighters seized the Shaer gas field on Thursday. Syrian warplanes flying from the Shayrat air base "
            "bombed the field on Friday.",
            id="en",
        ),
    ],
)
def test_the_strike_is_where_the_planes_struck_not_where_they_took_off(gaz, text: str) -> None:
    """A place the weapon set out from ("flying from", "أقلعت من") is no place of the strike; the site it
    struck, named by a word that stands for it ("the field", "الحقل"), is."""
    strikes = [e for e in _events(gaz, text) if e.sub_event_type == "Air/drone strike"]
    assert [e.place.name for e in strikes] == ["Shaer gas field"]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("قصفت المدفعية التركية أطراف قرى قرب سيدكان، على الحدود مع إيران.", id="ar"),
        pytest.param("Turkish artillery shelled villages near Sidakan, on the border with Iran.", id="en"),
    ],
)
def test_the_country_across_the_border_is_no_place_of_the_deed(gaz, text: str) -> None:
    assert "Iran" not in {e.place.name for e in _events(gaz, text)}


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("هاجم مسلحون حاجزاً في الطارمية. واعتقلت القوات الأمنية لاحقاً خمسة مشتبه بهم.", id="ar"),
        pytest.param("Gunmen attacked a checkpoint in Tarmiyah. Troops later detained five suspects.", id="en"),
    ],
)
def test_arrests_told_with_how_many_are_at_the_town_of_the_story(gaz, text: str) -> None:
    arrests = [e for e in _events(gaz, text) if e.sub_event_type == "Arrests"]
    assert [e.place.name for e in arrests] == ["Tarmiyah"]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("اشتبك مسلحون مع الجيش في الطارمية. وقال إنه لن يعود خوفاً من الاعتقال.", id="fearing-arrest-ar"),
        pytest.param("Gunmen clashed with troops in Tarmiyah. He said he would not go back, fearing arrest.", id="en"),
    ],
)
def test_arrests_told_without_a_count_and_a_place_are_no_event(gaz, text: str) -> None:
    assert [e for e in _events(gaz, text) if e.sub_event_type == "Arrests"] == []
