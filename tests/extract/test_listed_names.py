"""extract/listed_names.py (through places_in_text): an unknown name listed with a place we know, in a
list that a place cue opens and "and" closes, is placed at that place's unit (geo_precision 2 or 3)."""

from __future__ import annotations

import pytest

from extract.places import places_in_text
from geodata.gazetteer import Gazetteer

# (id, text, the unknown names, the unit each is placed at: the known town's sub-district)
LISTED = [
    (
        "before-and-after",
        "The shelling in Kurin, Sarmin and Tal Nabi went on through the night, witnesses said.",
        ["Kurin", "Tal Nabi"],
        "Sarmin",
    ),
    (
        "and-before",
        "Rebels held out in Kafr Halab and Sarmin while the army pressed on from the south.",
        ["Kafr Halab"],
        "Sarmin",
    ),
    (
        "verb-opens",
        "Warplanes struck Saraqib, Kafr Amim and Tal Sultan on Monday, killing seven people there.",
        ["Kafr Amim", "Tal Sultan"],
        "Saraqab",  # the sub-district of Saraqib, as its source spells it
    ),
    (
        "province",
        "Fighting spread to Hajin, Kishma and al-Shaafa in Deir ez-Zor province during the week.",
        ["Kishma"],
        "Hajin",
    ),
    # "the nearby villages of X and Y" after a town: near it, whatever words their names hold
    (
        "nearby-villages",
        "Jets pounded Sarmin and the nearby villages of Sheikh Kurin and Tal Nabi before dawn.",
        ["Sheikh Kurin", "Tal Nabi"],
        "Sarmin",
    ),
    (
        "surrounding-village",
        "Troops entered Sarmin and the surrounding village of Kurin on Monday.",
        ["Kurin"],
        "Sarmin",
    ),
]


NOT_LISTED = [
    # no place cue or verb of places opens the list
    ("no-cue", "Officials said Kurin, Sarmin and Tal Nabi had water again by the evening of that day."),
    # no "and" closes it: a comma may open a clause
    ("no-and", "The talks were held in Sarmin, Ahmad Kurin said later that week to the reporters there."),
    # a person's name in the list
    ("person", "The envoy met in Sarmin, Idlib and Mohammed Kurin during the visit to the north last week."),
    # a list of quarters: a town named among them is often a quarter's namesake
    ("quarters", "Shells hit the districts of Kurin, Sarmin and Tal Nabi in the besieged city at dawn."),
    # a known name with a lost apostrophe ("Russias") is no unknown place
    ("possessive", "The helicopter fell between Aleppo and Russias main air base in the west of the country."),
    # a place that is no town says nothing of where the others lie
    ("crossing", "Trucks queued at Bab al-Hawa, Kurin and Tal Nabi in the long heat of the summer day."),
    # "nearby" villages with no names of their own
    ("nearby-unnamed", "Jets pounded Sarmin and the nearby villages of the countryside before dawn."),
]


# Arabic: "و" or "،" join the names; a verb of places or a place cue opens the list; each word of an
# unknown name is rare in Arabic (a village's name), or follows a name's head ("تل X").
LISTED_AR = [
    ("verb-subject-between", "قصفت الطائرات الحربية سرمين وقمناس وتلمنس فجر اليوم", ["قمناس", "تلمنس"], "Sarmin"),
    ("before-the-town", "استهدفت المدفعية قمناس وسرمين صباح اليوم", ["قمناس"], "Sarmin"),
    ("head-word", "سقطت قذائف على سراقب وكفرعميم وتل سلطان", ["كفرعميم", "تل سلطان"], "Saraqab"),
    ("comma", "سيطرت القوات على سرمين، جرجناز والغدفة", ["جرجناز", "الغدفة"], "Sarmin"),
    ("name-ending-like-a-pronoun", "قصفت الطائرات سرمين ومعرزيته فجر اليوم", ["معرزيته"], "Sarmin"),
    ("vowelled-conjunction", "قصفت الطائرات الحربية سرمين وَقمناس فجر اليوم", ["قمناس"], "Sarmin"),
]


NOT_LISTED_AR = [
    ("verb-after-and", "قصفت الطائرات سرمين وقالت مصادر إن خمسة قتلوا"),
    ("noun-with-owner", "قصفت الطائرات سرمين وريفها"),
    ("word-opening-with-waw", "تقدم الرتل مروراً بسرمين وصولاً إلى مشارف إدلب"),
    ("common-word", "قصفت الطائرات سرمين والقرى المحيطة بها"),
    ("no-opener", "أكد المسؤول أن سرمين وقمناس هادئتان"),
    ("inflected-verb-after-and", "هاجم المسلحون مخيماً قرب سرمين، وأضرموا النار في خيام عدة"),
    ("verb-with-its-object-after-a-comma", "انفجرت سيارة مفخخة قرب سرمين، أعقبه اقتحام مئات المقاتلين"),
]


@pytest.mark.parametrize(
    ("text", "names", "unit"), [c[1:] for c in LISTED + LISTED_AR], ids=[c[0] for c in LISTED + LISTED_AR]
)
def test_an_unknown_name_listed_with_a_known_town_lies_in_its_unit(
    gaz: Gazetteer, text: str, names: list[str], unit: str
) -> None:
    unknown = [p for p in places_in_text(text, gaz) if not p.resolved]
    assert [p.surface for p in unknown] == names
    for p in unknown:
        assert p.placed_at == unit and p.geo_precision == 2 and p.country_code == "SY"
        assert text[p.start : p.end] == p.surface


@pytest.mark.parametrize(
    "text", [c[1] for c in NOT_LISTED + NOT_LISTED_AR], ids=[c[0] for c in NOT_LISTED + NOT_LISTED_AR]
)
def test_no_unknown_name_outside_a_list_of_places(gaz: Gazetteer, text: str) -> None:
    assert [p.surface for p in places_in_text(text, gaz) if not p.resolved] == []
