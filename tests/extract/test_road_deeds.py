"""extract/road_deeds.py through the pipeline: what befell a road, its `status`, and whether
its doer holds it, in Arabic and English side by side.

cut, closed, blocked, sealed, reopened, opened, secured (the doer holds the road),
under fire, contested, used (the doer does not); aims ("to cut", "لقطع"),
denials ("no longer", "لم تعد") and deeds on something else near the road are none.
"""

from __future__ import annotations

import pytest

from extract.document import make_document
from extract.pipeline import extract_document
from extract.types import Route, actor_name

SYRIA = "Syrian government forces"
TURKEY = "Turkish forces"
IRAQ = "Iraqi army"
ISIS = "ISIS"

STATUS_ROWS = [
    (
        "a-second-object",  # the deed's object goes on to the road after "وعلى" / "and", a town named first
        "تسيطر القوات التركية على مدينة جرابلس في الريف الشمالي لحلب، وعلى الطريق الواصل بين جرابلس ومنبج.",
        "Turkish forces control the border town of Jarablus in the northern countryside and the road between "
        "Jarablus and Manbij.",
        TURKEY,
        "",
    ),
    (
        "closed-after-an-aside",  # an aside between commas after the road's ends is no distance from its deed
        "أغلقت القوات التركية الطريق الرابط بين جرابلس ومنبج، المدينة التي تبعد نحو أربعين كيلومتراً إلى الجنوب.",
        "The road linking Jarablus to Manbij, the town about 40 km to the south of the border crossing, was closed "
        "by Turkish forces.",
        TURKEY,
        f"closed by {TURKEY}",
    ),
    (
        "held-despite-attempts-to-cut-it",  # who tried to cut it after "despite" is not who holds it
        "لا تزال القوات التركية تسيطر على الطريق بين جرابلس ومنبج رغم محاولات داعش قطعه.",
        "Turkish forces still control the road between Jarablus and Manbij, despite repeated attempts by ISIS to "
        "cut it.",
        TURKEY,
        "",
    ),
    (
        "closed",
        "أغلقت القوات التركية الطريق بين جرابلس ومنبج.",
        "Turkish forces closed the road between Jarablus and Manbij.",
        TURKEY,
        f"closed by {TURKEY}",
    ),
    (
        "blocked",
        "سدت القوات التركية الطريق بين جرابلس ومنبج.",
        "Turkish forces blocked the road between Jarablus and Manbij.",
        TURKEY,
        f"blocked by {TURKEY}",
    ),
    (
        "sealed",
        "أحكمت قوات النظام إغلاق الطريق بين حلب وإدلب.",
        "Syrian government forces sealed the road between Aleppo and Idlib.",
        SYRIA,
        f"sealed by {SYRIA}",
    ),
    (
        "reopened",
        "أعادت قوات النظام فتح الطريق بين حمص وتدمر.",
        "Syrian government forces reopened the road between Homs and Palmyra.",
        SYRIA,
        f"reopened by {SYRIA}",
    ),
    (
        "reopened-passive",
        "أعيد فتح الطريق بين حمص وتدمر من قبل قوات النظام.",
        "The road between Homs and Palmyra was reopened by Syrian government forces.",
        SYRIA,
        f"reopened by {SYRIA}",
    ),
    (
        "opened",
        "فتحت القوات العراقية الطريق بين بغداد وسامراء.",
        "Iraqi forces opened the road between Baghdad and Samarra.",
        IRAQ,
        f"opened by {IRAQ}",
    ),
    (
        "secured",
        "أمنت القوات العراقية الطريق بين بغداد وسامراء.",
        "Iraqi forces secured the road between Baghdad and Samarra.",
        IRAQ,
        f"secured by {IRAQ}",
    ),
    (
        "under-fire",
        "الطريق بين حلب وإدلب تحت نيران قوات النظام.",
        "The road between Aleppo and Idlib came under fire from Syrian government forces.",
        "",
        f"under fire from {SYRIA}",
    ),
    (
        "contested",
        "الطريق بين منبج والباب متنازع عليه.",
        "The road between Manbij and al-Bab is contested.",
        "",
        "contested",
    ),
    (
        "open-without-a-doer",
        "بقي الطريق بين الموصل وأربيل مفتوحاً.",
        "The road between Mosul and Erbil remained open.",
        "",
        "opened",
    ),
    (
        "closed-without-a-doer",
        "الطريق بين الموصل وأربيل مغلق.",
        "The road between Mosul and Erbil is closed.",
        "",
        "closed",
    ),
]


def _routes(gaz, text: str) -> tuple[Route, ...]:
    return extract_document(make_document(text, doc_id="t", published="2016-10-17"), gaz).routes


def _cases(rows: list) -> list:
    return [
        pytest.param(text, *rest, id=f"{rid}-{lang}")
        for rid, ar, en, *rest in rows
        for lang, text in (("ar", ar), ("en", en))
    ]


@pytest.mark.parametrize(("text", "holder", "status"), _cases(STATUS_ROWS))
def test_status_and_holder(gaz, text: str, holder: str, status: str) -> None:
    [r] = _routes(gaz, text)
    assert (actor_name(r.controlled_by), r.status) == (holder, status)


NOTHING_ROWS = [
    (
        "aim",
        "تقدمت القوات العراقية لقطع الطريق بين الموصل وتلعفر.",
        "Iraqi forces advanced to cut the road between Mosul and Tal Afar.",
    ),
    (
        "tried",  # a deed tried is not done
        "حاولت الفصائل مراراً قطع الطريق بين منبج والباب.",
        "The factions repeatedly tried to cut the road between Manbij and al-Bab.",
    ),
    (
        "denied",
        "الطريق بين الموصل وأربيل لم تعد مؤمنة.",
        "The road between Mosul and Erbil is no longer secured.",
    ),
    (
        "not-yet",
        "سوف يتم تأمين الطريق بين الموصل وسنجار خلال أيام.",
        "The road between Mosul and Sinjar would be secured within days.",
    ),
    (
        "something-near-the-road",
        "سيطر داعش على قرى قرب الطريق بين سنجار وتلعفر.",
        "ISIS seized villages near the road between Sinjar and Tal Afar.",
    ),
    (
        "a-town-off-the-road",
        "سيطر داعش على هيت غرب الطريق بين بغداد والرمادي.",
        "ISIS seized Hit, west of the road between Baghdad and Ramadi.",
    ),
    (
        "a-later-road-is-what-was-taken",
        "الطريق بين الرقة والحسكة مهم بعد سيطرة قسد على طريق سنجار.",
        "The road between Raqqa and Hasakah matters after the SDF took control of the Sinjar road.",
    ),
]


@pytest.mark.parametrize("text", [p for p in _cases(NOTHING_ROWS)])
def test_no_deed_holds_the_road(gaz, text: str) -> None:
    first = _routes(gaz, text)[0]
    assert (actor_name(first.controlled_by), first.status) == ("", "")


@pytest.mark.parametrize(
    ("text", "holder", "status"),
    _cases(
        [
            (
                "held-and-closed",
                "الطريق بين منبج والباب الخاضع لسيطرة داعش مغلق.",
                "The ISIS-held road between Manbij and al-Bab is closed.",
                ISIS,
                "",
            ),
            (
                "use-is-no-hold",
                "قطعت قوات النظام الطريق بين حلب وإدلب الذي تستخدمه فصائل المعارضة.",
                "Syrian government forces cut the road between Aleppo and Idlib that the rebels use.",
                SYRIA,
                f"cut by {SYRIA}",
            ),
        ]
    ),
)
def test_holding_speaks_before_describing(gaz, text: str, holder: str, status: str) -> None:
    [r] = _routes(gaz, text)
    assert (actor_name(r.controlled_by), r.status) == (holder, status)


@pytest.mark.parametrize(
    ("text", "holder", "status"),
    _cases(
        [
            (
                "reopened-it-before",
                "ظل الطريق بين حمص وحماة مغلقاً طوال يوم الأحد قبل أن يعيد الجيش السوري فتحه في المساء.",
                "The road between Homs and Hama stayed closed all Sunday before the Syrian army reopened it.",
                SYRIA,
                f"reopened by {SYRIA}",
            ),
            (
                "then-reopened-it",
                "أغلق مسلحو داعش الطريق بين كركوك وتكريت صباح الثلاثاء، ثم أعادت القوات الأمنية العراقية فتحه.",
                "ISIS fighters closed the road between Kirkuk and Tikrit on Tuesday, then Iraqi forces reopened it.",
                IRAQ,
                f"reopened by {IRAQ}",
            ),
        ]
    ),
)
def test_a_deed_told_as_what_came_next_is_the_roads_state_now(gaz, text: str, holder: str, status: str) -> None:
    [r] = _routes(gaz, text)
    assert (actor_name(r.controlled_by), r.status) == (holder, status)


@pytest.mark.parametrize(
    "text",
    _cases(
        [
            (
                "reopened-after-it-was-cut",
                "أعادت قوات النظام فتح الطريق بين حلب وإدلب بعد أن قطعه مقاتلو داعش.",
                "Syrian government forces reopened the road between Aleppo and Idlib after ISIS fighters had cut it.",
            ),
        ]
    ),
)
def test_a_deed_told_after_after_came_first(gaz, text: str) -> None:
    [r] = _routes(gaz, text)
    assert (actor_name(r.controlled_by), r.status) == (SYRIA, f"reopened by {SYRIA}")
