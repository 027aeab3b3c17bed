"""extract/road_agents.py and road_deeds.py through the pipeline: the subject of a road's deed told in a
relative clause, "IS" as a group's name, and a road named by its two ends before the stretch told after
it, in Arabic and English side by side (case tables written here)."""

from __future__ import annotations

import pytest

from extract.types import actor_name
from tests.extract.test_road_agents import _routes

ISIS = "ISIS"
IRAQ = "Iraqi army"
SYRIA = "Syrian government forces"

SUBJECT_ROWS = [
    # who the relative clause of the deed speaks of: the one named right before "who" / "الذين"
    (
        "who-control",
        "مقاتلو داعش، الذين يسيطرون على الطريق بين الرقة وأثريا، هاجموا القافلة.",
        "Islamic State fighters, who control the road from Raqqa to Ithriya, attacked the convoy.",
        ISIS,
    ),
    (
        "who-cut",
        "عناصر الجيش السوري الذين يقطعون الطريق بين حلب وإدلب تلقوا تعزيزات.",
        "Syrian army troops, who cut the road from Aleppo to Idlib last week, received reinforcements.",
        SYRIA,
    ),
    # "IS" names the group, not an auxiliary of a passive ("the road is controlled")
    (
        "is-fighters-control",
        "يسيطر مقاتلو داعش على الطريق بين الرقة وأثريا.",
        "IS fighters control the road from Raqqa to Ithriya.",
        ISIS,
    ),
    # the two places before the road word are its name; the deed before them is the road's
    (
        "named-road-then-its-stretch",
        "أغلقت القوات العراقية طريق بغداد - البصرة بين الناصرية والسماوة يوم الخميس.",
        "Iraqi forces closed the Baghdad-Basra highway between Nasiriyah and Samawah on Thursday.",
        IRAQ,
    ),
]


@pytest.mark.parametrize(
    ("text", "holder"),
    [
        pytest.param(text, holder, id=f"{rid}-{lang}")
        for rid, ar, en, holder in SUBJECT_ROWS
        for lang, text in (("ar", ar), ("en", en))
    ],
)
def test_the_subject_of_the_deed_on_the_road(gaz, text: str, holder: str) -> None:
    [r] = _routes(gaz, text)
    assert actor_name(r.controlled_by) == holder


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("الطريق بين الرقة وأثريا، الذي تقصفه الطائرات، مغلق.", id="ar"),
        pytest.param("The road from Raqqa to Ithriya, which is shelled daily, was closed.", id="en"),
        pytest.param("The road from Raqqa to Ithriya is controlled, officials said.", id="passive-en"),
    ],
)
def test_no_subject_is_guessed_for_a_road_without_one(gaz, text: str) -> None:
    [r] = _routes(gaz, text)
    assert r.controlled_by is None


def test_a_place_seized_before_another_road_is_still_its_object(gaz) -> None:
    """Places between a deed and the road that are not its name ("seized Hit, west of the road") keep the deed."""
    [r] = _routes(gaz, "Rebels seized Hit, west of the Baghdad-Ramadi road.")
    assert r.controlled_by is None


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("شن الطيران الروسي غارات جوية على محيط مدينة الرستن والطريق الدولي بين حماة وحمص.", id="ar"),
        pytest.param("Russian jets carried out air strikes on the highway between Hama and Homs on Thursday.", id="en"),
    ],
)
def test_strikes_on_the_road_put_it_under_fire(gaz, text: str) -> None:
    [r] = _routes(gaz, text)
    assert r.status == "under fire from Russian forces"


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "أرسل النظام تعزيزات عبر الطريق الواصل بين دمشق والسويداء، كما شنت طائراته غارات على مواقع التنظيم.",
            id="ar",
        ),
        pytest.param(
            "The army sent reinforcements along the road between Damascus and Suwayda, and its jets carried out"
            " strikes on IS positions.",
            id="en",
        ),
    ],
)
def test_strikes_on_another_object_after_the_road_leave_it_alone(gaz, text: str) -> None:
    [r] = _routes(gaz, text)
    assert r.status == ""


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("قطع متظاهرون الطريق بين الكوت والحي، وقالت الشرطة إن قواتها أعادت فتح الطريق مساءً.", id="ar"),
        pytest.param(
            "Protesters cut the road between Kut and Hay, and police said their forces reopened the road at night.",
            id="en",
        ),
    ],
)
def test_the_forces_that_reopened_a_road_are_the_speakers_not_the_protesters(gaz, text: str) -> None:
    """'their forces' / "قواتها" right after "police said" / "قالت الشرطة إن" are the police's own: the police
    reopened the road; the protesters named before are no forces of anyone's."""
    [r] = _routes(gaz, text)
    assert (actor_name(r.controlled_by), r.status) == ("Iraqi police", "reopened by Iraqi police")


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("سيطر تنظيم داعش على قريتي كفر كلبين وكلجبرين، وبات الطريق بين مارع وأعزاز تحت سيطرته.", id="ar"),
        pytest.param(
            "IS jihadists seized two villages on Friday after suicide car bombs tore through rebel defences, placing"
            " the road between Marea and Azaz under their control.",
            id="en",
        ),
    ],
)
def test_a_pronoun_holder_is_the_subject_the_sentence_opened_with(gaz, text: str) -> None:
    [r] = _routes(gaz, text)
    assert actor_name(r.controlled_by) == ISIS


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("تسير القوات الأمنية العراقية دوريات على الطريق بين بغداد وكركوك ليلاً.", id="ar"),
        pytest.param("The highway between Baghdad and Kirkuk is now patrolled by Iraqi troops at night.", id="en"),
    ],
)
def test_a_road_patrolled_by_a_force_is_secured_by_it(gaz, text: str) -> None:
    [r] = _routes(gaz, text)
    assert (actor_name(r.controlled_by), r.status) == (IRAQ, "secured by Iraqi army")
