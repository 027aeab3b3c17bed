"""extract/movements.py through the pipeline: ordered journeys and their GeoJSON lines.

Journeys in Arabic and English side by side (article date Monday 2016-10-17):
waypoints in travel order (from, toward / to, via, then, arrived in), the
LineString in the same order, who moved, how many, when. Places that only
describe another ("الواقعة في", "located") are no waypoints, and a sentence
without a movement word has no movement.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from pathlib import Path

import pytest

from extract.document import make_document
from extract.pipeline import extract_document
from extract.records import extraction_features
from extract.types import Extraction, Movement, actor_name

PUBLISHED = "2016-10-17"
SKIP = object()

RAQQA, HASAKAH, BAAJ, MOSUL = "Raqqa", "Al-Hasakah", "Al-Baaj", "Mosul"
RAMADI, HIT, HABBANIYAH, ERBIL = "Ramadi", "Hit", "Habbaniyah", "Erbil"
SINJAR, DUHOK = "Sinjar", "Duhok"


@dataclass(frozen=True)
class Journey:
    text: str
    waypoints: tuple[str, ...]
    actor: object = SKIP
    count: object = SKIP
    unit: object = SKIP
    date: str = "2016-10-17"
    precision: str = "week"


def _run(gaz, text: str) -> Extraction:
    return extract_document(make_document(text, doc_id="t", published=PUBLISHED), gaz)


def _names(m: Movement) -> list[str]:
    return [p.name for p in m.waypoints]


def _movement(gaz, j: Journey) -> tuple[Extraction, Movement]:
    ex = _run(gaz, j.text)
    assert len(ex.movements) == 1, [_names(m) for m in ex.movements]
    return ex, ex.movements[0]


# (id, Arabic journey, English journey)
ROWS = [
    (
        "seed-journey",
        Journey(
            "وصلت قرابة 70 عائلة من عائلات قيادات داعش إلى الموصل، هاربة من مدينة الرقة باتجاه الحسكة ومن ثم إلى "
            "منطقة البعاج الواقعة في الأطراف الجنوبية الغربية من الموصل.",
            (RAQQA, HASAKAH, BAAJ, MOSUL),
            "Families of ISIS members",
            70,
            "families",
        ),
        Journey(
            "About 70 families of ISIS fighters fled Raqqa for Hasakah, then to Baaj, and arrived in Mosul.",
            (RAQQA, HASAKAH, BAAJ, MOSUL),
            "Families of ISIS members",
            70,
            "families",
        ),
    ),
    (
        "fled-for",
        Journey("فرت 70 عائلة من الرقة إلى الحسكة.", (RAQQA, HASAKAH), SKIP, 70, "families"),
        Journey("About 70 families fled Raqqa for Hasakah.", (RAQQA, HASAKAH), SKIP, 70, "families"),
    ),
    (
        "withdrew-toward",
        Journey("انسحب مئات من مسلحي داعش من الرمادي باتجاه هيت.", (RAMADI, HIT), "ISIS", None, "fighters"),
        Journey(
            "Several hundred ISIS fighters withdrew from Ramadi toward Hit.", (RAMADI, HIT), "ISIS", None, "fighters"
        ),
    ),
    (
        "evacuated-to-camps",
        Journey(
            "تم إجلاء آلاف المدنيين من الرمادي إلى مخيمات في الحبانية.",
            (RAMADI, HABBANIYAH),
            "Civilians",
            None,
            "civilians",
        ),
        Journey(
            "Thousands of civilians were evacuated from Ramadi to camps at Habbaniyah.",
            (RAMADI, HABBANIYAH),
            "Civilians",
            None,
            "civilians",
        ),
    ),
    (
        "returned-to-from",
        Journey("عادت العائلات إلى الموصل من أربيل.", (ERBIL, MOSUL)),
        Journey("The families returned to Mosul from Erbil.", (ERBIL, MOSUL)),
    ),
    (
        "returned-dated",
        Journey(
            "عادت 200 عائلة إلى الموصل من أربيل يوم الأحد.", (ERBIL, MOSUL), SKIP, 200, "families", "2016-10-16", "day"
        ),
        Journey(
            "200 families returned to Mosul from Erbil on Sunday.",
            (ERBIL, MOSUL),
            SKIP,
            200,
            "families",
            "2016-10-16",
            "day",
        ),
    ),
    (
        "via",
        Journey("فرت العائلات من الرقة إلى الموصل عبر الحسكة.", (RAQQA, HASAKAH, MOSUL)),
        Journey("Families fled Raqqa to Mosul via Hasakah.", (RAQQA, HASAKAH, MOSUL)),
    ),
    (
        "then",
        Journey("فرت عائلات من الرقة باتجاه الحسكة ثم إلى البعاج.", (RAQQA, HASAKAH, BAAJ)),
        Journey("Families fled Raqqa toward Hasakah and then to Baaj.", (RAQQA, HASAKAH, BAAJ)),
    ),
    (
        "descriptor-not-a-stop",
        Journey("فرت العائلات من الرقة إلى البعاج الواقعة جنوب غرب الموصل.", (RAQQA, BAAJ)),
        Journey("Families fled from Raqqa to Baaj, located southwest of Mosul.", (RAQQA, BAAJ)),
    ),
    (
        "actor-withdrew",
        Journey("انسحبت قوات البيشمركة من سنجار إلى دهوك.", (SINJAR, DUHOK), "Peshmerga (Kurdistan Region)"),
        Journey("Peshmerga forces withdrew from Sinjar to Dohuk.", (SINJAR, DUHOK), "Peshmerga (Kurdistan Region)"),
    ),
    (
        "arrived-from",
        Journey("وصل مقاتلون إلى الموصل قادمين من الرقة.", (RAQQA, MOSUL)),
        Journey("Fighters arrived in Mosul from Raqqa.", (RAQQA, MOSUL)),
    ),
    (
        "the-city",
        Journey("سيطر داعش على الرقة. وهربت العائلات من المدينة باتجاه الحسكة.", (RAQQA, HASAKAH)),
        Journey("ISIS seized Raqqa. Families fled the city toward Hasakah.", (RAQQA, HASAKAH)),
    ),
    (
        "definite-noun-trigger",  # النزوح / بالخروج: the movement noun with its article and clitics
        Journey("وبدأت العائلات بالخروج من الرقة باتجاه الحسكة.", (RAQQA, HASAKAH)),
        Journey("Families began fleeing from Raqqa toward Hasakah.", (RAQQA, HASAKAH)),
    ),
    (
        "dated-explicit",
        Journey(
            "انسحبت القوات العراقية من الموصل باتجاه بغداد في 10 يونيو 2014.",
            (MOSUL, "Baghdad"),
            "Iraqi army",
            SKIP,
            SKIP,
            "2014-06-10",
            "day",
        ),
        Journey(
            "Iraqi troops withdrew from Mosul toward Baghdad on June 10, 2014.",
            (MOSUL, "Baghdad"),
            "Iraqi army",
            SKIP,
            SKIP,
            "2014-06-10",
            "day",
        ),
    ),
]

CASES = [pytest.param(j, id=f"{row_id}-{lang}") for row_id, ar, en in ROWS for lang, j in (("ar", ar), ("en", en))]


@pytest.mark.parametrize("journey", CASES)
def test_waypoints_in_travel_order(gaz, journey: Journey) -> None:
    _, m = _movement(gaz, journey)
    assert tuple(_names(m)) == journey.waypoints


@pytest.mark.parametrize("journey", CASES)
def test_linestring_follows_the_waypoints(gaz, journey: Journey) -> None:
    ex, m = _movement(gaz, journey)
    f = [f for f in extraction_features(ex) if f["properties"]["kind"] == "movement"][ex.movements.index(m)]
    assert f["geometry"]["type"] == "LineString"
    coords = f["geometry"]["coordinates"]
    assert coords == [[round(p.lon, 7), round(p.lat, 7)] for p in m.waypoints]  # lon, lat; travel order
    assert f["properties"]["waypoints"] == _names(m)
    assert len(coords) >= 2
    for a, b in itertools.pairwise(coords):
        assert a != b  # no standing still between two stops


@pytest.mark.parametrize("journey", CASES)
def test_actor_count_and_unit(gaz, journey: Journey) -> None:
    _, m = _movement(gaz, journey)
    if journey.actor is not SKIP:
        assert actor_name(m.actor) == journey.actor
    if journey.count is not SKIP:
        assert m.count == journey.count
    if journey.unit is not SKIP:
        assert m.unit == journey.unit


@pytest.mark.parametrize("journey", CASES)
def test_date_and_evidence(gaz, journey: Journey) -> None:
    ex, m = _movement(gaz, journey)
    assert m.date is not None
    assert (m.date.value.isoformat(), m.date.precision) == (journey.date, journey.precision)
    assert 0 <= m.start < m.end <= len(journey.text)
    assert any((s.start, s.end) == (m.start, m.end) for s in ex.sentences)  # the evidence is one whole sentence
    for p in m.waypoints:
        assert (m.start <= p.start and p.end <= m.end) or journey.text[p.start : p.end] in ("المدينة", "the city")


@pytest.mark.parametrize(
    ("text", "waypoints"),
    [
        pytest.param(
            "في الرقة، هربت عائلات باتجاه الموصل. وخرجت عائلات أخرى من المدينة باتجاه الموصل.",
            [[RAQQA, MOSUL], [RAQQA, MOSUL]],
            id="ar",
        ),
        pytest.param(
            "In Raqqa, families fled toward Mosul. More families left the city for Mosul.",
            [[RAQQA, MOSUL], [RAQQA, MOSUL]],
            id="en",
        ),
    ],
)
def test_the_city_left_is_not_the_destination_just_named(gaz, text: str, waypoints: list[list[str]]) -> None:
    # the seed's second paragraph: "الخروج من المدينة باتجاه الموصل" leaves Raqqa, not Mosul
    assert [_names(m) for m in _run(gaz, text).movements] == waypoints


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("تعيش العائلات في الرقة والموصل.", id="live-in-ar"),
        pytest.param("The families live in Raqqa and Mosul.", id="live-in-en"),
        pytest.param("القوات العراقية موجودة في الرمادي وهيت.", id="are-in-ar"),
        pytest.param("Iraqi forces are in Ramadi and Hit.", id="are-in-en"),
        pytest.param("تقع البعاج بين سنجار والحسكة.", id="lies-between-ar"),
        pytest.param("Baaj lies between Sinjar and Hasakah.", id="lies-between-en"),
    ],
)
def test_no_movement_word_no_movement(gaz, text: str) -> None:
    assert _run(gaz, text).movements == ()


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("فروا من الرقة.", id="origin-only-ar"),
        pytest.param("They fled Raqqa.", id="origin-only-en"),
        pytest.param("وصلت عائلات نازحة إلى أربيل.", id="arrival-only-ar"),
        pytest.param("Displaced families arrived in Erbil.", id="arrival-only-en"),
        # arriving from a town with a destination that is no place: no guess
        pytest.param("حاصرت القوات منبج. ووصلت تعزيزات من جرابلس إلى خطوط التماس.", id="arrival-unknown-end-ar"),
        pytest.param(
            "Troops besieged Manbij. Other units arrived from Jarablus to the front lines.",
            id="arrival-unknown-end-en",
        ),
    ],
)
def test_one_place_is_no_journey(gaz, text: str) -> None:
    assert _run(gaz, text).movements == ()


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "وصلت قرابة 70 عائلة إلى الموصل، هاربة من مدينة الرقة باتجاه الحسكة ومن ثم إلى منطقة البعاج.", id="ar"
        ),
        pytest.param("About 70 families fled Raqqa for Hasakah, then to Baaj.", id="en"),
    ],
)
def test_movement_features_in_the_feature_collection(gaz, text: str) -> None:
    ex = _run(gaz, text)
    feats = [f for f in extraction_features(ex) if f["properties"]["kind"] == "movement"]
    assert len(feats) == len(ex.movements) == 1
    props = feats[0]["properties"]
    assert props["evidence"] == text[props["evidence_start"] : props["evidence_end"]]
    assert props["evidence_start"] <= props["start"] < props["end"] <= props["evidence_end"]  # the movement word
    assert props["count"] == 70 and props["unit"] == "families"
    assert props["waypoints"][:3] == [RAQQA, HASAKAH, BAAJ]


# --- issue 10: journeys as real reports tell them -------------------------------------------------

QAYYARAH, HAMMAM_AL_ALIL, MANBIJ, JARABLUS = "Qayyarah", "Hammam al-Alil", "Manbij", "Jarablus"
TABQA, AIN_ISSA, IDLIB, HAMA, ALEPPO, HOMS = "Tabqa", "Ain Issa", "Idlib", "Hama", "Aleppo", "Homs"
FALLUJAH, HAWIJA, KIRKUK, SARAQIB, ZAKHO = "Fallujah", "Hawija", "Kirkuk", "Saraqib", "Zakho"
PESHMERGA = "Peshmerga (Kurdistan Region)"


def _journeys(gaz, text: str) -> list[tuple[str, ...]]:
    return [tuple(_names(m)) for m in _run(gaz, text).movements]


def _table(rows: list[tuple[str, str, str, list[tuple[str, ...]]]]) -> list:
    """(id, Arabic, English, journeys both tell) -> one case per language."""
    return [
        pytest.param(text, want, id=f"{row_id}-{lang}")
        for row_id, ar, en, want in rows
        for lang, text in (("ar", ar), ("en", en))
    ]


IMPLICIT_ORIGIN = [
    (
        "withdrew-north-toward",  # the town the paragraph is about; "north" / "شمالاً" is a cue, not a place
        "سيطر الجيش العراقي على القيارة. وانسحب مقاتلو داعش شمالاً باتجاه حمام العليل.",
        "Iraqi forces retook Qayyarah on Sunday. ISIS fighters withdrew north toward Hammam al-Alil.",
        [(QAYYARAH, HAMMAM_AL_ALIL)],
    ),
    (
        "retreated-toward",
        "سيطرت القوات الكردية على منبج. وتراجع عناصر التنظيم شمالاً نحو جرابلس.",
        "Kurdish forces took Manbij. ISIS fighters retreated north toward Jarablus.",
        [(MANBIJ, JARABLUS)],
    ),
    (
        "left-the-city-toward",
        "دخلت القوات العراقية الفلوجة. وغادر مقاتلو التنظيم المدينة نحو الرمادي.",
        "Iraqi forces entered Fallujah. ISIS fighters left the city toward Ramadi.",
        [(FALLUJAH, RAMADI)],
    ),
    (
        "subdistrict-left",  # a sub-district named by its seat town is left as that town
        "سيطرت القوات العراقية على ناحية زمار. وانسحب مقاتلو داعش نحو تلعفر.",
        "Iraqi forces retook the Zummar subdistrict. ISIS fighters withdrew toward Tal Afar.",
        [("Zummar", "Tal Afar")],
    ),
    (
        "into-the-desert-of",  # the desert of a town is crossed to reach it, as its outskirts are
        "سيطرت البيشمركة على ناحية ربيعة. وفر مقاتلو التنظيم باتجاه صحراء البعاج.",
        "Peshmerga fighters retook the Rabia subdistrict on Sunday. ISIS fighters fled into the desert of Baaj.",
        [("Rabee'a", BAAJ)],
    ),
    (
        "not-the-seat-of-a-source",  # the town a source speaks from is not the town the text is about
        "استعادت البيشمركة ناحية زمار يوم الأحد. وانسحب مقاتلو داعش جنوباً باتجاه تلعفر.",
        "Peshmerga forces retook Zummar on Sunday, a medical source in Duhok said. ISIS fighters withdrew south "
        "toward Tal Afar.",
        [("Zummar", "Tal Afar")],
    ),
    (
        "not-where-a-spokesman-sits",  # nor where movers were: the town of the paragraph before is
        "دخلت البيشمركة سنجار يوم الجمعة. وقال مصدر أمني في بغداد إن مسلحي داعش انسحبوا جنوباً باتجاه البعاج.",
        "Peshmerga fighters entered Sinjar on Friday. A coalition spokesman in Baghdad said ISIS militants had "
        "pulled out south toward Baaj.",
        [("Sinjar", BAAJ)],
    ),
    (
        "two-axes",  # an advance split into axes: a journey from each origin ("من جهة X": from X's side)
        "تقدمت قوات سوريا الديمقراطية نحو الهول من محورين، الأول من جهة بلدة تل براك شمالاً، والثاني من مدينة الحسكة.",
        "The Syrian Democratic Forces advanced on Hol on two axes, from Tal Brak in the north and from Hasakah.",
        [("Tell Brak", "Al-Hol"), ("Al-Hasakah", "Al-Hol")],
    ),
    (
        "two-axes-after-a-semicolon",  # "؛" as ";" goes on with the sentence
        "تقدمت قوات سوريا الديمقراطية نحو الهول من محورين؛ الأول من جهة بلدة تل براك، والثاني من مدينة الحسكة.",
        "The Syrian Democratic Forces advanced on Hol on two axes; from Tal Brak in the north and from Hasakah.",
        [("Tell Brak", "Al-Hol"), ("Al-Hasakah", "Al-Hol")],
    ),
    (
        "two-directions",  # directions and fronts are axes too
        "دخلت قوات النظام خان شيخون يوم الأربعاء. وجاء التقدم من اتجاهين، الأول من مورك جنوباً، "
        "والثاني من كفرزيتا غرباً.",
        "Government forces entered Khan Sheikhoun on Wednesday. The advance came from two directions, from Morek in "
        "the south and from Kafr Zita in the west.",
        [("Morek", "Khan Shaykhun"), ("Kafr Zita", "Khan Shaykhun")],
    ),
    (
        "to-overcrowded-camps",  # what the camps are like is no break between "to" and the town they are by
        "نزحت مئات العائلات من خان شيخون إلى المخيمات العشوائية قرب أطمة.",
        "Hundreds of families from Khan Sheikhoun fled north to overcrowded camps around Atmeh.",
        [("Khan Shaykhun", "Atmeh")],
    ),
    (
        "a-later-word-denied",  # the journey told stands; the one denied after it adds no stop
        "نزحت العائلات من بيجي إلى كركوك، ودعاها المسؤول إلى التريث وعدم العودة إلى بيجي.",
        "The families fled Baiji to Kirkuk and have not returned to Baiji since.",
        [("Baiji", "Kirkuk")],
    ),
    (
        "arrived-from-to-the-town-of-the-text",  # movers who arrived from a town came to the article's own
        "حاصرت قوات سوريا الديمقراطية مدينة منبج يوم الجمعة. ووصلت تعزيزات أخرى من جرابلس صباح السبت.",
        "Kurdish forces besieged Manbij on Friday. Other units arrived from Jarablus on Saturday morning.",
        [(JARABLUS, MANBIJ)],
    ),
    (
        "a-convoy-arrived-from-to-do-something",  # past the noun of movers and how they went; "to" + a verb
        "حاصرت قوات سوريا الديمقراطية مدينة منبج. ووصلت قافلة من المقاتلين ترافقها مدرعات من جرابلس لتعزيز النقاط.",
        "Kurdish forces besieged Manbij. A convoy of fighters escorted by armoured cars arrived from Jarablus to "
        "reinforce the points.",
        [(JARABLUS, MANBIJ)],
    ),
]

SITES = [
    (
        "toward-the-airport",  # "the airport" / "المطار" stands for the air base named last
        "وصلت قوات النظام إلى مطار كويرس يوم الثلاثاء. وتقدمت القوات من السفيرة باتجاه المطار.",
        "Government forces reached Kuweires airbase on Tuesday. The troops advanced from Safira toward the airport.",
        [("Al-Safira", "Kuweires Air Base")],
    ),
    (
        "fled-the-dam",
        "سيطرت قوات سوريا الديمقراطية على سد الطبقة. وفر عناصر داعش من السد باتجاه الرقة.",
        "The SDF took the Tabqa dam on Friday. ISIS fighters fled the dam toward Raqqa.",
        [("Tabqa Dam", RAQQA)],
    ),
]

ORIGIN_AFTER_DESTINATION = [
    (
        "arrived-coming-from-a-base",
        "وصلت تعزيزات إلى الطبقة قادمة من قاعدة عين عيسى.",
        "Reinforcements arrived in Tabqa from the base at Ain Issa.",
        [(AIN_ISSA, TABQA)],
    ),
    (
        "pronoun-destination",  # إليها / there: the town just named
        "سيطرت الفصائل على إدلب، ثم نقلت عائلاتها إليها من حماة.",
        "The factions took Idlib and moved their families there from Hama.",
        [(HAMA, IDLIB)],
    ),
    (
        "returned-from-the-camps-in",
        "عادت العائلات من المخيمات في دهوك إلى سنجار.",
        "Families returned from the camps in Dohuk to Sinjar.",
        [(DUHOK, SINJAR)],
    ),
]

TWO_DESTINATIONS = [
    (
        "toward-two-towns",  # one journey per destination, sharing the way there
        "نزحت آلاف العائلات من حمص باتجاه حماة وحلب.",
        "Thousands of families fled Homs toward Hama and Aleppo.",
        [(HOMS, HAMA), (HOMS, ALEPPO)],
    ),
    (
        "to-two-towns",
        "فرت مئات العائلات من الموصل إلى دهوك وزاخو.",
        "Hundreds of families fled Mosul to Dohuk and Zakho.",
        [(MOSUL, DUHOK), (MOSUL, ZAKHO)],
    ),
    (
        "three-in-a-list",
        "فرت العائلات من سنجار إلى دهوك وزاخو وأربيل.",
        "Families fled Sinjar to Dohuk, Zakho and Erbil.",
        [(SINJAR, DUHOK), (SINJAR, ZAKHO), (SINJAR, ERBIL)],
    ),
    (
        "via-then-two",
        "فرت العائلات من الموصل عبر سنجار إلى دهوك وزاخو.",
        "Families fled Mosul via Sinjar to Dohuk and Zakho.",
        [(MOSUL, SINJAR, DUHOK), (MOSUL, SINJAR, ZAKHO)],
    ),
]

NEW_VERBS = [
    (
        "seen-to-cross",  # the verb's base form after "saw ... ", "began to"
        "شاهد مراسل رتلاً من المدرعات التركية يعبر الحدود من قرقميش إلى جرابلس صباحاً.",
        "A correspondent saw a column of Turkish armoured vehicles cross the border from Karkamis into Jarablus.",
        [("Karkamış", JARABLUS)],
    ),
    (
        "drive-on",
        "بدأت الشاحنات تتحرك من منبج إلى جرابلس.",
        "The trucks began to drive from Manbij to Jarablus.",
        [(MANBIJ, JARABLUS)],
    ),
    (
        "flocked-to",
        "توافد المئات من المسلحين من الشطرة إلى الناصرية.",
        "Hundreds of armed tribesmen flocked from Shatra to Nasiriyah.",
        [("Ash Shaţrah", "Nasiriyah")],
    ),
    (
        "rushed-to",
        "هرعت قوات من البيشمركة من دهوك إلى العمادية.",
        "Peshmerga units rushed from Duhok to Amedi overnight.",
        [(DUHOK, "Amadiya")],
    ),
    (
        "crossed-into",
        "عبرت دبابات تركية من تركيا إلى جرابلس.",
        "Turkish tanks crossed from Turkey into Jarablus.",
        [("Turkey", JARABLUS)],
    ),
    (
        "landed-in",
        "هبطت طائرة تقل جرحى في أربيل قادمة من بغداد.",
        "A plane carrying wounded fighters landed in Erbil from Baghdad.",
        [("Baghdad", ERBIL)],
    ),
    (
        "bused-from-to",
        "نُقل المقاتلون بالحافلات من دوما إلى جرابلس.",
        "The fighters were bused from Douma to Jarablus.",
        [("Douma", JARABLUS)],
    ),
    (
        "headed-to-from",
        "توجهت القافلة إلى دير الزور من تدمر.",
        "The convoy headed to Deir ez-Zor from Palmyra.",
        [("Palmyra", "Deir ez-Zor")],
    ),
    (
        "settled-in",
        "استقرت عائلات من سنجار في دهوك.",
        "Families from Sinjar settled in Dohuk.",
        [(SINJAR, DUHOK)],
    ),
    (
        "reinforcements-arrived-from",
        "وصلت تعزيزات إلى كوباني من الرقة.",
        "Reinforcements arrived in Kobani from Raqqa.",
        [(RAQQA, "Kobani")],
    ),
    (
        "were-evacuated",
        "أُجلي مئات المدنيين من داريا إلى إدلب.",
        "Hundreds of civilians were evacuated from Daraya to Idlib.",
        [("Darayya", IDLIB)],
    ),
    (
        "brought-in",
        "استقدمت قوات النظام تعزيزات من حماة إلى حلب.",
        "Regime forces brought in reinforcements from Hama to Aleppo.",
        [(HAMA, ALEPPO)],
    ),
    (
        "were-moved",
        "نُقلوا الجرحى من حلب إلى إدلب.",
        "The wounded were moved from Aleppo to Idlib.",
        [(ALEPPO, IDLIB)],
    ),
    (
        "from-the-front-of",  # the front (axis) a force leaves is its town's
        "تقدمت قوات النظام من محور أبو الظهور نحو سراقب بعد معارك.",
        "Regime forces advanced from the Abu al-Duhur axis toward Saraqib after battles.",
        [("Abu al-Duhur", "Saraqib")],
    ),
    (
        "and-then",  # "then" makes the place after a stop the next one, not a second destination
        "فرت عائلات من تلعفر إلى بادوش ومن ثم الموصل.",
        "Families fled Tal Afar, most heading to Badoosh and then Mosul.",
        [("Tal Afar", "Badush", MOSUL)],
    ),
    (
        "patrol-from-to",
        "سيرت دورية روسية من القامشلي إلى عامودا.",
        "A Russian patrol drove from Qamishli to Amuda.",
        [("Qamishli", "Amuda")],
    ),
    (
        "crossed-at-then-arrived",  # a point of the country crossed, no line through its centre
        "عبرت العائلات إلى العراق عند معبر فيشخابور ووصلت إلى دهوك.",
        "The families crossed into Iraq at the Fishkhabour crossing and arrived in Dohuk.",
        [("Faysh Khabur crossing", DUHOK)],
    ),
    (
        "present-tense",  # an Arabic verb in the present ("تنزح", "ينسحبون") tells a journey as the past does
        "وما زالت مئات العائلات تنزح يومياً من الحويجة باتجاه كركوك.",
        "Hundreds of families are still fleeing Hawija for Kirkuk every day.",
        [(HAWIJA, KIRKUK)],
    ),
    (
        "the-city-of-after-a-road",  # "the city of Latakia" is Latakia, not the town the text is about
        "سيطرت الفصائل على كسب يوم الجمعة. ونزح معظم السكان عبر الطريق الجبلي إلى مدينة اللاذقية.",
        "Rebels took Kessab on Friday. Most residents fled down the mountain road to the city of Latakia.",
        [("Kessab", "Latakia")],
    ),
    (
        "drove-past",  # "past Homs": a town passed on the way
        "انطلقت القافلة من دمشق مروراً بحمص إلى حماة.",
        "The convoy drove from Damascus past Homs to Hama.",
        [("Damascus", HOMS, HAMA)],
    ),
    (
        "pushed-reinforcements",  # "دفع بتعزيزات": the Arabic news idiom for sending reinforcements
        "ودفع الجيش العراقي بتعزيزات من بغداد إلى سامراء.",
        "The Iraqi army sent reinforcements from Baghdad to Samarra.",
        [("Baghdad", "Samarra")],
    ),
    (
        "present-tense-plural",
        "وقال سكان إن مقاتلي التنظيم ينسحبون من الطبقة نحو الرقة.",
        "Residents said the group's fighters are withdrawing from Tabqa toward Raqqa.",
        [(TABQA, RAQQA)],
    ),
    (
        "the-people-of-a-town",  # the town the movers are the people of is where they left
        "استعادت البيشمركة ناحية زمار. وكانت معظم عوائل زمار قد نزحت إلى محافظة دهوك في آب الماضي.",
        "The Peshmerga retook the Zummar subdistrict. Most families of Zummar had fled to Duhok province in August.",
        [("Zummar", "Duhok Governorate")],
    ),
    (
        "the-subdistrict-named-last",  # "الناحية": the subdistrict its paragraph named last, not the story's town
        "سيطرت القوات على ناحية حمام العليل. ودخلت فصائل الحشد إلى ناحية السعدية. "
        "وكانت تعزيزات للحشد قد وصلت إلى الناحية قادمة من مدينة بعقوبة.",
        "Iraqi forces took the Hammam al-Alil subdistrict. PMF factions entered the Saadiya subdistrict. "
        "PMF reinforcements had reached the subdistrict from the city of Baqubah.",
        [("Baqubah", "Al-Saadiya")],
    ),
    (
        "passed-through-before-reaching",  # passing a town is moving, though no word of leaving is told
        "مرت الحافلات عبر اعزاز قبل أن تصل إلى جرابلس.",
        "The buses passed through Azaz before reaching Jarablus.",
        [("Azaz", "Jarablus")],
    ),
]


@pytest.mark.parametrize(
    ("text", "want"), _table(IMPLICIT_ORIGIN + ORIGIN_AFTER_DESTINATION + TWO_DESTINATIONS + NEW_VERBS + SITES)
)
def test_journeys_as_reports_tell_them(gaz, text: str, want: list[tuple[str, ...]]) -> None:
    assert _journeys(gaz, text) == want


ACROSS_SENTENCES = [
    (
        "no-destination-yet",  # the next sentence gives only where they went
        "فرّ الآلاف من الحويجة يوم الاثنين. واستقر كثيرون منهم في كركوك.",
        "Thousands fled Hawija on Monday. Many have since settled in Kirkuk.",
        [(HAWIJA, KIRKUK)],
    ),
    (
        "from-there",  # the longer journey replaces the first leg
        "انطلقت القافلة من حلب إلى سراقب يوم الاثنين. ومن هناك توجهت إلى إدلب.",
        "The convoy left Aleppo for Saraqib on Monday. From there it headed to Idlib.",
        [(ALEPPO, SARAQIB, IDLIB)],
    ),
    (
        "bound-for",  # where the buses that left were bound, told in the next sentence
        "غادرت أول 30 حافلة بلدة الرحيبة يوم الاثنين. وكانت متجهة إلى جرابلس.",
        "The first 30 buses left Ruhaiba on Monday. They were bound for Jarablus.",
        [("Al-Ruhaybah", JARABLUS)],
    ),
]


@pytest.mark.parametrize(("text", "want"), _table(ACROSS_SENTENCES))
def test_a_journey_continues_in_the_next_sentence(gaz, text: str, want: list[tuple[str, ...]]) -> None:
    ex = _run(gaz, text)
    assert [tuple(_names(m)) for m in ex.movements] == want
    m = ex.movements[0]
    first, second = ex.sentences[0], ex.sentences[1]
    assert (m.start, m.end) == (first.start, second.end)  # the evidence spans both sentences
    assert m.trigger is not None and second.start <= m.trigger.start < second.end
    assert m.date is not None  # "on Monday" of the first sentence
    assert (m.date.value.isoformat(), m.date.precision) == ("2016-10-17", "day")


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("فرت عائلات من الرقة يوم الاثنين. ووصلت قوافل المساعدات إلى الطبقة.", id="other-movers-ar"),
        pytest.param("Families fled Raqqa on Monday. Aid convoys reached Tabqa.", id="other-movers-en"),
        pytest.param("فرت عائلات من الرقة يوم الاثنين.\n\nواستقر كثيرون منهم في الطبقة.", id="next-paragraph-ar"),
        pytest.param("Families fled Raqqa on Monday.\n\nMany have since settled in Tabqa.", id="next-paragraph-en"),
    ],
)
def test_no_journey_across_other_movers_or_paragraphs(gaz, text: str) -> None:
    assert _run(gaz, text).movements == ()


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        pytest.param(
            "قال مسؤول إن قوات الجيش العراقي تحركت شمالاً من القيارة باتجاه حمام العليل التي يسيطر عليها داعش.",
            "Iraqi army",
            id="subject-before-ar",
        ),
        pytest.param(
            "ISIS still holds Mosul, but Iraqi army units and Federal Police moved north from Qayyarah toward "
            "Hammam al-Alil.",
            "Iraqi army",
            id="subject-before-en",
        ),
        pytest.param("وانسحبت قوات البيشمركة من سنجار إلى دهوك بعد هجوم داعش.", PESHMERGA, id="verb-first-ar"),
        pytest.param(
            "Peshmerga forces withdrew from Sinjar to Dohuk after an ISIS attack.", PESHMERGA, id="verb-first-en"
        ),
        pytest.param(
            "غادر مقاتلو المعارضة مضايا والزبداني قرب دمشق إلى إدلب.", "Syrian rebels", id="subject-between-ar"
        ),
        pytest.param(  # the families the fighting drove out moved, not the force named before them
            "سيطر التنظيم على أحياء في الحسكة بعد معارك مع قوات النظام، ما دفع آلاف العائلات إلى النزوح نحو القامشلي.",
            "",
            id="people-driven-out-ar",
        ),
        pytest.param(
            "ISIS seized districts of Hasakah after clashes with regime forces, forcing thousands of families to flee "
            "toward Qamishli.",
            "",
            id="people-driven-out-en",
        ),
        pytest.param(  # families joined to the fighters move with them
            "خرج مقاتلو المعارضة وعائلاتهم من وادي بردى باتجاه إدلب.", "Syrian rebels", id="with-their-families-ar"
        ),
        pytest.param(
            "Rebel fighters and their families left Wadi Barada for Idlib.",
            "Syrian rebels",
            id="with-their-families-en",
        ),
        pytest.param(
            "Rebel fighters left Madaya and Zabadani near Damascus for Idlib.", "Syrian rebels", id="rebels-en"
        ),
        pytest.param(  # a time clause whose verb names no subject moves the subject of its sentence
            "تجمع مقاتلو داعش في الطبقة قبل أن يتوجهوا إلى الرقة.", "ISIS", id="time-clause-ar"
        ),
        pytest.param("ISIS fighters gathered in Tabqa before heading to Raqqa.", "ISIS", id="time-clause-en"),
        pytest.param(  # the subject the time clause's verb names itself is its mover
            "قصف طيران التحالف مواقع داعش بعد أن انسحبت قوات البيشمركة من سنجار إلى دهوك.",
            PESHMERGA,
            id="time-clause-own-subject-ar",
        ),
        pytest.param(  # what the subject did meanwhile: the dead it left behind did not move
            "قتل مقاتلو التنظيم عشرة مدنيين أثناء انسحابهم من تلعفر باتجاه الموصل.", "ISIS", id="while-doing-ar"
        ),
        pytest.param(
            "ISIS fighters killed ten civilians while withdrawing from Tal Afar towards Mosul.",
            "ISIS",
            id="while-doing-en",
        ),
        pytest.param(  # not who tells it
            "وقال ضابط في الجيش العراقي إن عناصر داعش قتلوا عشرة مدنيين أثناء انسحابهم من تلعفر باتجاه الموصل.",
            "ISIS",
            id="while-doing-told-ar",
        ),
        pytest.param(
            "An Iraqi army officer said ISIS fighters killed ten civilians while withdrawing from Tal Afar to Mosul.",
            "ISIS",
            id="while-doing-told-en",
        ),
    ],
)
def test_the_mover_is_the_subject_of_the_clause(gaz, text: str, actor: str) -> None:
    """One journey, or one from each town left together ("مضايا والزبداني"), each the subject's."""
    movements = _run(gaz, text).movements
    assert movements
    assert {actor_name(m.actor) for m in movements} == {actor}


CAME_AND_CARRIED = [
    (
        "came-from-to-the-town-of-the-text",  # as "arrived from": to the article's own town
        "هاجم التنظيم كركوك فجر السبت. وشملت التعزيزات قوات قدمت من السليمانية.",
        "ISIS attacked Kirkuk at dawn on Saturday. The reinforcements included forces that came from Sulaymaniyah.",
        [("Sulaymaniyah", "Kirkuk")],
    ),
    (
        "carried-from-the-town-of-the-text",  # "نُقل" as "taken"; hospitals are where in the town they went
        "سيطر التنظيم على كوباني. ونُقل عشرات الجرحى عبر معبر مرشد بينار إلى مشافي مدينة سروج.",
        "IS seized Kobani. Dozens of wounded were taken through the Mursitpinar crossing to hospitals in Suruc.",
        [("Kobani", "Mürşitpınar border gate", "Suruç")],
    ),
    (
        "passed-on-the-way",  # "ومرّ بكربلاء": a stop on the way
        "انطلق الموكب من الكاظمية، ومرّ بكربلاء قبل أن يصل إلى النجف.",
        "The procession set off from Kadhimiya and passed Karbala before reaching Najaf.",
        [("Kadhimiya", "Karbala", "Najaf")],
    ),
    (
        "rushed-from-the-town-of-the-text",  # "rushed" to hospital: carried, from where the text is
        "أصابت غارة تركية سيارة في بنجوين. ونُقل الجرحى بسيارات الإسعاف إلى مستشفى في السليمانية.",
        "A Turkish strike hit a car in Penjwen. The wounded were rushed by ambulance to hospital in Sulaimani.",
        [("Penjwen", "Sulaymaniyah")],
    ),
    (
        "rushed-from-to-the-town-of-the-text",  # as "came from": to the article's own town
        "تمرد معتقلو التنظيم في سجن الحسكة. وسيطرت على الطابق وحدة لمكافحة الإرهاب قدمت من القامشلي.",
        "ISIS detainees rioted in the prison in Hasakah. A counter-terrorism unit rushed down from Qamishli retook "
        "the floor.",
        [("Qamishli", "Al-Hasakah")],
    ),
    (
        "carried-by-ambulance",  # "carried" the wounded: from where the text is; "carried out" carries no one
        "استهدف كمين حافلة قرب تدمر. ونقلت سيارات الإسعاف الجرحى إلى مشافي حمص.",
        "An ambush hit a bus near Palmyra. Ambulances carried the wounded to hospitals in Homs.",
        [("Palmyra", "Homs")],
    ),
    (
        "troops-flown-in-came-from-their-base",  # armed movers carried: not from where the text is
        "قصفت طائرة مسيرة سيارة في مخمور. وبعد يومين نقلت قوات تركية جواً إلى منطقة حفتانين شمال زاخو.",
        "A drone strike hit a car in Makhmour. Two days later, Turkish commandos were flown into the area north of "
        "Zakho.",
        [],
    ),
    (
        "wounded-fighters-carried",  # ... but wounded fighters were carried from where they fell
        "هاجم التنظيم تل حميس. وقتل أربعة مقاتلين وأصيب آخرون نقلوا إلى مستشفى في القامشلي.",
        "ISIS attacked Tal Hamis. Four fighters were killed and others wounded, and were taken to a hospital in "
        "Qamishli.",
        [("Tal Hamis", "Qamishli")],
    ),
    (
        "carried-out-is-no-carrying",
        "نفذ الجيش قصفاً مدفعياً على تجمعات المسلحين جنوب درعا.",
        "Army units carried out artillery bombardments against gatherings south of Daraa.",
        [],
    ),
    (
        "drove-from-the-town-of-the-text",  # a drive with no origin told left the town the text is about
        "قصفت المدفعية التركية قرى قرب بنجوين. وحملت العائلات أمتعتها وتوجهت إلى سوران.",
        "Turkish artillery shelled villages near Penjwen. Families packed their belongings and drove down to Soran.",
        [("Penjwen", "Soran")],
    ),
]


@pytest.mark.parametrize(("text", "want"), _table(CAME_AND_CARRIED))
def test_who_came_was_carried_or_passed(gaz, text: str, want: list[tuple[str, ...]]) -> None:
    assert _journeys(gaz, text) == want


def test_an_agency_quoting_its_sources_carries_no_one(gaz) -> None:
    # "ونقلت وكالة الأناضول عن مصادر ميدانية أن ...": reported, not carried from Ankara, named before, to Manbij
    path = Path(__file__).resolve().parents[2] / "seeds" / "jarablus-2016-08-24-ar.txt"
    text = path.read_text(encoding="utf-8")
    quoted = text.index("ونقلت وكالة الأناضول عن")
    moved = [m for m in _run(gaz, text).movements if m.start <= quoted < m.end]
    assert moved == [], [_names(m) for m in moved]


SUBJECT_BEFORE_ORIGIN = [
    (
        "buses",  # who moved, named between the verb and the town left (Arabic puts the subject first)
        "غادرت الحافلات حي الوعر متجهة إلى جرابلس.",
        "The buses left the al-Waer district heading to Jarablus.",
        [("Al-Waer", JARABLUS)],
    ),
    (
        "convoy-of-evacuees",
        "غادرت الدفعة الأولى من المهجرين حي الوعر متجهة إلى جرابلس.",
        "The first convoy of evacuees left the al-Waer district for Jarablus.",
        [("Al-Waer", JARABLUS)],
    ),
    (
        "column-of-an-army",
        "غادرت أرتال الجيش التركي مدينة كلس نحو أعزاز.",
        "Turkish army columns left Kilis for Azaz.",
        [("Kilis", "Azaz")],
    ),
    (
        "counted-buses",  # the movers counted ("the first 30 buses") between the verb and the town left
        "غادرت أول 30 حافلة بلدة الرحيبة متجهة إلى جرابلس.",
        "The first 30 buses left Ruhaiba heading to Jarablus.",
        [("Al-Ruhaybah", JARABLUS)],
    ),
    (
        "some-here-others-there",  # two groups of movers, a destination each: not one journey through both
        "غادرت الحافلات بلدة الرحيبة، بعضها متجه إلى جرابلس وأخرى إلى إدلب.",
        "The buses left Ruhaiba, some bound for Jarablus while others were to go on to Idlib.",
        [("Al-Ruhaybah", JARABLUS), ("Al-Ruhaybah", IDLIB)],
    ),
]


@pytest.mark.parametrize(("text", "want"), _table(SUBJECT_BEFORE_ORIGIN))
def test_the_movers_named_before_the_town_they_left(gaz, text: str, want: list[tuple[str, ...]]) -> None:
    assert _journeys(gaz, text) == want


WENT_ON = [
    (
        "flew-into-then-travelled",  # a place reached, then a second word of moving: a stop on the way
        "وصل الصيادون جواً إلى النجف ثم توجهوا جنوباً براً عبر السماوة إلى الناصرية.",
        "The hunters had flown into Najaf and travelled south by road through Samawa to Nasiriyah.",
        [("Najaf", "Samawah", "Nasiriyah")],
    ),
    (
        "reached-and-continued",
        "وصلت القافلة إلى حمص وواصلت طريقها شمالاً عبر حماة إلى حلب.",
        "The convoy reached Homs and continued north through Hama to Aleppo.",
        [("Homs", "Hama", "Aleppo")],
    ),
    (
        "one-leg",  # "to X through Y" is one leg: Y comes first
        "فرت العائلات إلى أربيل عبر حاجز كلك.",
        "Families fled to Erbil through the Kalak checkpoint.",
        [("Kalak", "Erbil")],
    ),
    (
        "passing-through",  # a participle of passing describes the leg, it starts none
        "غادرت الحافلات دوما إلى جرابلس مروراً بحمص وحماة.",
        "The buses left Douma for Jarablus, passing through Homs and Hama.",
        [("Douma", "Homs", "Hama", JARABLUS)],
    ),
]


@pytest.mark.parametrize(("text", "want"), _table(WENT_ON))
def test_a_place_reached_before_the_movers_went_on_is_on_their_way(gaz, text: str, want: list[tuple[str, ...]]) -> None:
    assert _journeys(gaz, text) == want


REINFORCED = [
    (
        "the-assault-on",  # the place the movers were sent to reinforce is where they went
        "نُقل آلاف المقاتلين من سامراء الأسبوع الماضي لتعزيز الهجوم على بيجي.",
        "Thousands of fighters were moved from Samarra last week to reinforce the assault on Baiji.",
        [("Samarra", "Baiji")],
    ),
    (
        "its-troops-in",
        "أرسل الجيش تعزيزات من سامراء لمؤازرة قواته في بيجي.",
        "The army sent reinforcements from Samarra to support its troops in Baiji.",
        [("Samarra", "Baiji")],
    ),
    (
        "join-the-battle-for",
        "توجه مئات المقاتلين من إدلب للانضمام إلى معركة حلب.",
        "Hundreds of fighters headed from Idlib to join the battle for Aleppo.",
        [(IDLIB, "Aleppo")],
    ),
]


@pytest.mark.parametrize(("text", "want"), _table(REINFORCED))
def test_the_place_reinforced_is_the_destination(gaz, text: str, want: list[tuple[str, ...]]) -> None:
    assert _journeys(gaz, text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        pytest.param("لم يغادر المدنيون الرقة إلى الطبقة.", [], id="negated-ar"),
        pytest.param("No convoy has left Raqqa for Tabqa.", [], id="negated-en"),
        pytest.param(
            "غادر مقاتلو المعارضة مضايا والزبداني قرب دمشق إلى إدلب.",
            [("Madaya", IDLIB), ("Zabadani", IDLIB)],  # a journey from each town left; "near Damascus" no stop
            id="near-describes-ar",
        ),
        pytest.param(
            "Rebel fighters left Madaya and Zabadani near Damascus for Idlib.",
            [("Madaya", IDLIB), ("Zabadani", IDLIB)],
            id="near-describes-en",
        ),
        pytest.param("فرت العائلات هرباً من القصف في الرقة.", [], id="no-destination-ar"),
        pytest.param("Families fled to escape the shelling in Raqqa.", [], id="aim-is-no-destination-en"),
        pytest.param("سيطر داعش على الموصل. وفرّت العائلات نحو إقليم كردستان.", [], id="guessed-origin-region-ar"),
        pytest.param(
            "ISIS seized Mosul. Families fled toward the Kurdistan Region.", [], id="guessed-origin-region-en"
        ),
        # a word of movers that names a camp ("refugee camp", "مخيم النازحين") tells no journey
        pytest.param(
            "قصفت الطائرات التركية مواقع في سنجار وفي مخيم اللاجئين في مخمور جنوب أربيل.", [], id="refugee-camp-ar"
        ),
        pytest.param(
            "Turkish warplanes struck targets in Sinjar, in the Makhmour refugee camp south of Erbil.",
            [],
            id="refugee-camp-en",
        ),
    ],
)
def test_precision_kept(gaz, text: str, want: list[tuple[str, ...]]) -> None:
    # a negated journey, a place that describes a stop, an aim, a guessed origin toward a whole region: no noise
    assert _journeys(gaz, text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        pytest.param(
            "انتظر آلاف النازحين من مضايا في الراموسة جنوب حلب.", [("Madaya", "Ramouseh")], id="evacuees-in-ar"
        ),
        pytest.param(
            "Thousands of evacuees from Madaya waited in Ramouseh south of Aleppo.",
            [("Madaya", "Ramouseh")],
            id="evacuees-in-en",
        ),
        pytest.param(
            "انفجرت سيارة مفخخة في حي الراموسة بحلب قرب قافلة تقل مدنيين أُجلوا من مضايا.",
            [("Madaya", "Ramouseh")],
            id="convoy-near-ar",
        ),
        pytest.param(
            "A car bomb exploded in the Ramouseh district of Aleppo near a convoy of civilians evacuated from Madaya.",
            [("Madaya", "Ramouseh")],
            id="convoy-near-en",
        ),
    ],
)
def test_movers_named_by_a_noun_end_where_they_are(gaz, text: str, want: list[tuple[str, ...]]) -> None:
    assert _journeys(gaz, text) == want


def test_the_district_of_another_paragraph_is_the_articles_own(gaz) -> None:
    """ "القضاء" with no district named in its paragraph is the one the article named first, not the last."""
    text = (
        "قتل 20 شخصاً في تفجير وسط قضاء المقدادية مساء أمس.\n\n"
        "ونزحت عوائل من المدينة إلى قضاء خانقين.\n\n"
        "ووصل وفد برلماني إلى القضاء قادماً من بغداد."
    )
    assert ("Baghdad", "Al-Muqdadiya") in _journeys(gaz, text)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("ISIS fighters drove west across the Tigris toward Qayyarah.", id="river-crossed-en"),
        pytest.param("توجه مقاتلو داعش غرباً عبر نهر دجلة باتجاه القيارة.", id="river-crossed-ar"),
        pytest.param(  # a town captured, nobody carried; a road's ends are no journey
            "With Rawa taken, the road that follows the Euphrates from Haditha through Ana to Al-Qaim is open.",
            id="with-a-town-taken-en",
        ),
    ],
)
def test_a_river_crossed_or_a_town_taken_is_no_origin(gaz, text: str) -> None:
    assert [m for m in _journeys(gaz, text) if m[0] in ("Tigris", "Haditha")] == []


def test_who_was_reached_by_phone_did_not_move(gaz) -> None:
    text = (
        "ISIS shelled Makhmour on Friday. Residents reached by phone said the militants had left the town for Qayyarah."
    )
    [m] = _run(gaz, text).movements
    assert m.actor is not None and m.actor.name == "ISIS"


def test_advancing_on_a_town_goes_toward_it(gaz) -> None:
    """English "advanced on X" / "marched on X" names where they went (Arabic says "باتجاه")."""
    assert _journeys(gaz, "Government forces advanced on Sukhnah from Palmyra on Friday.") == [
        ("Palmyra", "Al-Sukhnah")
    ]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # an attack that set off from a town, with no destination told, went to the article's own town
        ("سيطرت الفصائل على بلدة دابق. وانطلق الهجوم فجرًا من محيط بلدة أخترين.", [("Akhtarin", "Dabiq")]),
        # ... but shelling "starting from" a town's positions is no journey
        ("قصفت المدفعية التركية مواقع الوحدات في محيط مطار منغ انطلاقًا من مواقعها قرب كلس.", []),
    ],
)
def test_what_set_off_from_a_town_went_to_the_articles_own(gaz, text: str, want: list[tuple[str, ...]]) -> None:
    """Arabic "انطلق من X" (English has no single word for it here; "arrived from" is in the tables)."""
    assert _journeys(gaz, text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        pytest.param(
            "Thousands fled their homes in Raqqa last week. On Tuesday trucks streamed north through Tabqa, heading "
            "for Raqqa.",
            [(TABQA, RAQQA)],
            id="en",
        ),
        pytest.param(
            "نزح الآلاف من منازلهم في الرقة الأسبوع الماضي. واتجهت الشاحنات يوم الثلاثاء شمالاً مروراً بعين عيسى نحو "
            "الرقة.",
            [(AIN_ISSA, RAQQA)],
            id="ar",
        ),
    ],
)
def test_a_journey_back_to_where_the_one_before_began_is_its_own(gaz, text: str, want: list[tuple[str, ...]]) -> None:
    """No origin carried over from the sentence before, or guessed, is where the journey ends."""
    assert [tuple(_names(m)) for m in _run(gaz, text).movements] == want


def test_a_word_of_leaving_before_a_camp_still_moves(gaz) -> None:
    """Arabic puts the camp before the movers' word that names it ("مخيم النازحين"): a word of leaving before
    a camp ("غادرت مخيم الهول") still tells a journey."""
    assert _journeys(gaz, "غادرت العائلات مخيم الهول متجهة إلى الحسكة.") == [("Al-Hol camp", "Al-Hasakah")]
