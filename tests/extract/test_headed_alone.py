"""extract/headed_alone.py (through places_in_text): a village we do not know, named with a head noun but
no unit around it, lies in the one province the text's sure places lie in (geo_precision 3, unresolved,
a lower confidence); in a text about two provinces, or with no head noun, it stays unplaced. With its
unit written after it (also after a quoted name, or near an air base) it is placed there instead
(extract/admin_context.py)."""

from __future__ import annotations

import pytest

from extract.headed_alone import INFERRED_CONFIDENCE
from extract.places import places_in_text

# Each row: a text, and (surface, geo_precision, placed_at) of the places we do not know in it.
HEADED = [
    ("Shells hit Aleppo. Two civilians died in Qurbaniyat town.", [("Qurbaniyat", 3, "Aleppo Governorate")]),
    ("Shells hit Aleppo. Later troops entered the village of Qurbaniyat.", [("Qurbaniyat", 3, "Aleppo Governorate")]),
    ("قصفت الطائرات مدينة حلب. وقتل مدنيان في قرية القربانيات.", [("القربانيات", 3, "Aleppo Governorate")]),
    (
        "Jets struck Deir ez-Zor. ISIL posts near the village of al-Qurbaniyat South of the Euphrates were hit.",
        [("al-Qurbaniyat", 3, "Deir ez-Zor Governorate")],
    ),
    # two provinces, or no head noun: unplaced
    ("Shells hit Aleppo and Damascus. Two died in Qurbaniyat town.", []),
    ("قصفت الطائرات حلب ودمشق. وقتل مدنيان في قرية القربانيات.", []),
    ("Shells hit Aleppo. Two civilians died in Qurbaniyat.", []),
    # a unit after it: placed there
    ('Turkish army shelled the village "Umm Qurbaniyat" west of Manbij.', [("Umm Qurbaniyat", 2, "Manbij")]),
    ("قصف الجيش التركي قرية «أم القربانيات» غرب منبج", [("أم القربانيات", 2, "Manbij")]),
    ("The army attacked Qurbaniyat village near T4 airbase.", [("Qurbaniyat", 2, "Tiyas Air Base (T4)")]),
    # a name with another in brackets before its unit: both names (in Arabic, the one after the head)
    (
        "Shelling hit Tell Qurban (Qurbaniyat) village east of Ras al-Ayn city.",
        [("Tell Qurban", 2, "Ras al-Ain"), ("Qurbaniyat", 2, "Ras al-Ain")],
    ),
    ("قتل مدنيون في قرية تل قربان (القربانيات) شرق رأس العين", [("تل قربان", 2, "Ras al-Ain")]),
    # ... all of each: the brackets mark the name before them as a place's, "Abu" too
    (
        "Clashes in the area of Abu Qurban (Qurbaniyat) east of Ras al-Ayn.",
        [("Abu Qurban", 2, "Ras al-Ain"), ("Qurbaniyat", 2, "Ras al-Ain")],
    ),
    # a headed name the text has put in a unit already lies there again, not in the province
    (
        "Jets hit Qurbaniyat area east of Ras al-Ayn. Later shells hit the village of Qurbaniyat.",
        [("Qurbaniyat", 2, "Ras al-Ain"), ("Qurbaniyat", 2, "Ras al-Ain")],
    ),
    # an adjective after the head is no name ("a whole village", "a small village"); "Umm" opens one
    ("قصفت الطائرات مدينة حلب. ودمرت قرية كاملة.", []),
    ("دخلت القوات قرية صغيرة قرب حلب", []),
    ("قتل خمسة في قرية أم القربانيات شمال حلب", [("أم القربانيات", 2, "Northern Aleppo countryside")]),
    # an armed group's name is no village
    ("After the attack of “Ansar al-Tawhid” north of Hama, six died.", []),
    # the name ends before a preposition written onto a common word ("بعدة غارات": with several raids)
    ("قصفت الطائرات مدينة حلب وقرية القربانيات بعدة غارات جوية.", [("القربانيات", 3, "Aleppo Governorate")]),
    ("قصفت الطائرات مدينة حلب وقرية القربانيات لساعات.", [("القربانيات", 3, "Aleppo Governorate")]),
    ("قصفت الطائرات مدينة حلب وقرية كفر بلوطة.", [("كفر بلوطة", 3, "Aleppo Governorate")]),  # "لوطة": no word
    # a quarter's head opens its own name only, not a known town after a word of the way
    ("نزحت عائلات من حي القربانيات باتجاه عين عيسى شمالي الرقة.", [("القربانيات", 3, "Raqqa Governorate")]),
    # the front ("محور", "axis") a fight is on is a place's name when a rare word names it
    ("قتل أربعة عناصر على محور القربانيات بريف اللاذقية الشمالي.", [("القربانيات", 2, "Northern Latakia countryside")]),
    (
        "Clashes on the Qurbaniyat axis in the northern countryside of Latakia.",
        [("Qurbaniyat", 2, "Northern Latakia countryside")],
    ),
    ("قال قائد في محور المقاومة إن القصف على حلب استمر.", []),
    ("تدور معارك على جبهة الساحل قرب اللاذقية.", []),
    # the direction a village lies in is no word of its name
    ("قصفت الطائرات مدينة حلب. وتقدمت القوات من قرية القربانيات غرباً.", [("القربانيات", 3, "Aleppo Governorate")]),
    # so is an area ("منطقة"): a rare word after it names a place, a common one does not
    ("هاجم مسلحون نقاطا في منطقة القربانيات، جنوبي تكريت.", [("القربانيات", 2, "Tikrit")]),
    ("وصلت تعزيزات من سامراء إلى منطقة القربانيات.", [("القربانيات", 3, "Salah al-Din Governorate")]),
    ("دخلت القوات منطقة خفض التصعيد في إدلب.", []),
    ("أعلنت الحكومة منطقة آمنة قرب حلب.", []),
    # a name's own head and one word with the article, right before the unit it lies in
    ("قتل ثلاثة بضربة جوية في وادي الشاي جنوب كركوك.", [("وادي الشاي", 2, "Kirkuk")]),
    ("قتل ثلاثة بضربة جوية في وادي الشاي.", []),
    # "وسط" (the middle of) is a word of its own, not "و" + a second name; it puts the quarter in its town
    ("سقطت قذائف على حي القربانيات وسط العاصمة دمشق", [("القربانيات", 2, "Damascus")]),
    ("سقطت قذائف على حي القربانيات بوسط حلب", [("القربانيات", 2, "Aleppo")]),
]


@pytest.mark.parametrize(("text", "unknown"), HEADED, ids=[t for t, _ in HEADED])
def test_a_headed_village_we_do_not_know(gaz, text: str, unknown) -> None:
    places = places_in_text(text, gaz)
    assert [(p.surface, p.geo_precision, p.placed_at) for p in places if not p.resolved] == unknown
    inferred = [p for p in places if not p.resolved and p.geo_precision == 3]
    assert all(p.confidence < 0.5 and p.gazetteer_id == "" for p in inferred)


# A headed village "in" a town the text names: near that town, or in the province named after it; the
# text says where it is, so it keeps the confidence of a village its unit holds.
IN_A_TOWN = [
    ("Two civilians died in the village of Qurbaniyat in Manbij.", [("Qurbaniyat", 2, "Manbij")]),
    ("قتل مدنيان في قرية القربانيات في منبج", [("القربانيات", 2, "Manbij")]),
    ("Two civilians died in Qurbaniyat village in Idlib.", [("Qurbaniyat", 3, "Idlib Governorate")]),
    ("قتل مدنيان في قرية القربانيات في حلب", [("القربانيات", 3, "Aleppo Governorate")]),
    ("Two civilians died in Qurbaniyat village near Idlib.", [("Qurbaniyat", 2, "Idlib")]),
]


@pytest.mark.parametrize(("text", "unknown"), IN_A_TOWN, ids=[t for t, _ in IN_A_TOWN])
def test_a_headed_village_in_a_town(gaz, text: str, unknown) -> None:
    places = places_in_text(text, gaz)
    assert [(p.surface, p.geo_precision, p.placed_at) for p in places if not p.resolved] == unknown
    assert all(p.confidence > INFERRED_CONFIDENCE for p in places if not p.resolved)


# Each row: a text, and the surfaces of the places we do not know in it.
LISTED = [
    # every name a plural head opens, each whole ("Abu X" too), with or without a unit after the list
    (
        "Shells hit Aleppo. Troops entered the villages of Tal Qurban, Jaboul, and Abu Lefeh.",
        ["Tal Qurban", "Jaboul", "Abu Lefeh"],
    ),
    ("Shells hit Aleppo. Troops entered the villages of Tal Qurban and Abu Lefeh.", ["Tal Qurban", "Abu Lefeh"]),
    ("Troops entered the villages of Tal Qurban and Abu Lefeh east of Manbij.", ["Tal Qurban", "Abu Lefeh"]),
    ("Shells hit the villages of Kafr Nabl, Tal Qurban and Abu Lefeh in Idlib.", ["Tal Qurban", "Abu Lefeh"]),
    (
        "Shelling hit the villages of Tulul al-Qurban al-Sharqiya and Tulul al-Qurban al-Gharbiya east of Manbij.",
        ["Tulul al-Qurban al-Sharqiya", "Tulul al-Qurban al-Gharbiya"],
    ),
    ("قصفت الطائرات حلب. ودخلت القوات قرى تل قربان وجبول وأبو لفة.", ["تل قربان", "جبول", "أبو لفة"]),
    ("قصفت الطائرات حلب. ودخلت القوات قرية تل هوى.", ["تل هوى"]),
    # not after a singular head, nor with no head, nor after a plural that is no place's
    ("Shells hit Aleppo. The supporters of Qurban and Abu Lefeh east of Aleppo marched.", []),
    ("Shells hit Aleppo. Troops entered the village of Tal Qurban and Abu Lefeh said so.", ["Tal Qurban"]),
    ("Shells hit Aleppo. Troops entered Tal Qurban and Abu Lefeh.", []),
]


@pytest.mark.parametrize(("text", "unknown"), LISTED, ids=[t for t, _ in LISTED])
def test_the_villages_a_head_lists(gaz, text: str, unknown) -> None:
    assert [p.surface for p in places_in_text(text, gaz) if not p.resolved] == unknown


@pytest.mark.parametrize(
    "text",
    [
        "في منبج نزحت عشرات العائلات من مخيم البلدة، إثر قصف.",
        "قصفت الطائرات قرية خربة السودا، إثر معارك في منبج.",
    ],
)
def test_a_name_runs_across_no_comma(gaz, text: str) -> None:
    assert not [p.surface for p in places_in_text(text, gaz) if "،" in p.surface or "," in p.surface]


def test_a_common_noun_after_a_head_is_no_name(gaz) -> None:
    # "مخيم البلدة" is the town's camp: "البلدة" refers to the town, it names no village
    got = places_in_text("في منبج نزحت عشرات العائلات من مخيم البلدة بعد قصف عنيف.", gaz)
    assert all(p.resolved for p in got)


def test_names_listed_after_one_head_stop_at_a_comma(gaz) -> None:
    text = "في حلب قصفت الطائرات حي الميسر وأطراف الصاخور، في حين قصفت المدفعية حي الشعار."
    assert not [p.surface for p in places_in_text(text, gaz) if "،" in p.surface]
