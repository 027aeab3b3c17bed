"""Forces named once, then referred to: "They", "هذه الميليشيا", "these forces", and the Arabic subject a
sentence leaves unsaid (extract/referring.py). The sentences are ours."""

from __future__ import annotations

import pytest

from extract.document import make_document
from extract.pipeline import extract_document
from extract.types import Extraction, actor_name

SDF = "SDF (Syrian Democratic Forces)"


def _extract(gaz, text: str) -> Extraction:
    return extract_document(make_document(text, doc_id="t", published="2017-06-01"), gaz)


def _agent_at(gaz, text: str, place: str) -> str:
    found = [e for e in _extract(gaz, text).events if e.place.name == place]
    assert found, f"no event at {place}"
    return actor_name(found[0].actor1)


@pytest.mark.parametrize(
    ("text", "place", "agent"),
    [
        (
            "اشتبكت قوات سوريا الديمقراطية مع مسلحي داعش قرب الرقة يوم الاثنين. وكانت هذه القوات قد سيطرت على "
            "مدينة الطبقة في أيار.",
            "Tabqa",
            SDF,
        ),
        (
            "وصلت قوات النظام إلى أطراف دير الزور يوم الثلاثاء. وقال مصدر عسكري إن الوحدات ذاتها سيطرت على "
            "مدينة الميادين.",
            "Al-Mayadin",
            "Syrian government forces",
        ),
        (
            "The Syrian Democratic Forces reached the outskirts of Raqqa on Monday. These forces had captured "
            "Tabqa in May.",
            "Tabqa",
            SDF,
        ),
        ("Iraqi troops crossed the Euphrates on Monday. They retook Hit on Tuesday.", "Hit", "Iraqi army"),
        (
            "تقدمت فصائل الحشد الشعبي أمس من المحور الجنوبي لقضاء الحويجة. وسيطرت على ناحية العباسي وعدد من "
            "القرى المحيطة بها.",
            "Al-Abbasi",
            "Popular Mobilization Forces",
        ),
        (
            "وجاء الاتفاق بعد أن سيطرت قوات النظام على مدينة الميادين، واعتقلت العشرات من الشبان في بلدة العشارة.",
            "Al-Ashara",
            "Syrian government forces",
        ),
    ],
    ids=["ar-demonstrative", "ar-same-units", "en-demonstrative", "en-they", "ar-unsaid-subject", "ar-joined-verb"],
)
def test_a_force_referred_to_did_the_deed(gaz, text: str, place: str, agent: str) -> None:
    assert _agent_at(gaz, text, place) == agent


@pytest.mark.parametrize(
    ("text", "place"),
    [
        (
            'Iraqi troops crossed the Euphrates on Monday. "They shelled the town of Hit all night," said a resident.',
            "Hit",
        ),
        ("Iraqi troops crossed the Euphrates on Monday. They were attacked near Hit on Tuesday.", "Hit"),
        ("Iraqi troops crossed the Euphrates on Monday.\n\nThey retook Hit on Tuesday.", "Hit"),
        (
            "تقدمت فصائل الحشد الشعبي أمس من المحور الجنوبي لقضاء الحويجة. وقتلت امرأة بقصف على ناحية العباسي.",
            "Al-Abbasi",
        ),
        (
            "تقدمت فصائل الحشد الشعبي أمس من المحور الجنوبي لقضاء الحويجة.\n\nوسيطرت على ناحية العباسي وعدد من "
            "القرى المحيطة بها.",
            "Al-Abbasi",
        ),
        (
            "قتل العشرات من مسلحي داعش قرب الرقة يوم الاثنين. وكانت هذه الميليشيا قد سيطرت على مدينة الطبقة.",
            "Tabqa",
        ),
    ],
    ids=["they-in-a-quote", "they-suffered", "paragraph-break", "ar-killing-verb", "ar-paragraph-break", "ar-victims"],
)
def test_no_force_is_carried_where_the_reference_is_unclear(gaz, text: str, place: str) -> None:
    """A quote's "they" is the speaker's enemy, a passive's subject suffered, a paragraph starts afresh,
    "وقتلت امرأة" is as often a passive, and the dead named before are no subject."""
    assert _agent_at(gaz, text, place) == ""


@pytest.mark.parametrize(
    "text",
    [
        "Islamic State fighters attacked Hit on Sunday. They also control the highway between Ramadi and Fallujah.",
        "هاجم مسلحو داعش مدينة هيت يوم الأحد. وتسيطر هذه الجماعة على الطريق الرابط بين الرمادي والفلوجة.",
    ],
)
def test_a_road_held_by_a_force_referred_to(gaz, text: str) -> None:
    routes = _extract(gaz, text).routes
    assert [actor_name(r.controlled_by) for r in routes] == ["ISIS"]


@pytest.mark.parametrize(
    "text",
    [
        "The Lebanese army shelled Islamic State positions near Arsal on Saturday.",
        "قصف الجيش اللبناني مواقع لتنظيم داعش في جرود عرسال يوم السبت.",
    ],
)
def test_the_lebanese_army_is_an_actor(gaz, text: str) -> None:
    assert _agent_at(gaz, text, "Arsal") == "Lebanese army"


@pytest.mark.parametrize(
    ("text", "place", "agent"),
    [
        pytest.param(
            "ISIS militants overran Sinjar on Aug. 3. Days later they seized Qaraqosh.", "Bakhdida", "ISIS", id="they"
        ),
        pytest.param(
            "The SDF encircled Raqqa in June. It then captured Tabqa.",
            "Tabqa",
            "SDF (Syrian Democratic Forces)",
            id="it-then",
        ),
        pytest.param(
            "ISIS overran Sinjar.\n\nThey later seized Qaraqosh.", "Bakhdida", "", id="not-across-a-paragraph"
        ),
        pytest.param(
            "ISIS overran Sinjar. Days later Peshmerga forces seized Qaraqosh.",
            "Bakhdida",
            "Peshmerga (Kurdistan Region)",
            id="a-sentence-naming-its-own",
        ),
    ],
)
def test_they_did_what_the_sentence_before_told_its_subject_doing(gaz, text: str, place: str, agent: str) -> None:
    assert _agent_at(gaz, text, place) == agent
