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
