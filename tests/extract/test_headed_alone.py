"""extract/headed_alone.py (through places_in_text): a village we do not know, named with a head noun but
no unit around it, lies in the one province the text's sure places lie in (geo_precision 3, unresolved,
a lower confidence); in a text about two provinces, or with no head noun, it stays unplaced. With its
unit written after it (also after a quoted name, or near an air base) it is placed there instead
(extract/admin_context.py)."""

from __future__ import annotations

import pytest

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
    # an adjective after the head is no name ("a whole village", "a small village"); "Umm" opens one
    ("قصفت الطائرات مدينة حلب. ودمرت قرية كاملة.", []),
    ("دخلت القوات قرية صغيرة قرب حلب", []),
    ("قتل خمسة في قرية أم القربانيات شمال حلب", [("أم القربانيات", 2, "Aleppo")]),
    # an armed group's name is no village
    ("After the attack of “Ansar al-Tawhid” north of Hama, six died.", []),
]


@pytest.mark.parametrize(("text", "unknown"), HEADED, ids=[t for t, _ in HEADED])
def test_a_headed_village_we_do_not_know(gaz, text: str, unknown) -> None:
    places = places_in_text(text, gaz)
    assert [(p.surface, p.geo_precision, p.placed_at) for p in places if not p.resolved] == unknown
    inferred = [p for p in places if not p.resolved and p.geo_precision == 3]
    assert all(p.confidence < 0.5 and p.gazetteer_id == "" for p in inferred)
