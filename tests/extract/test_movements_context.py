"""Journeys whose ends the article gives, not the sentence (extract/movements.py, journey_stops.py,
journey_frames.py): the towns the article is about (its headline and first sentence, past a dateline in
a capital), "the city" a paragraph later, people leaving with no place named, a noun of movers named again,
and what is no stop (the end of the road a destination lies on, a province passed, a deal reached).
The sentences are ours."""

from __future__ import annotations

import pytest

from extract.document import make_document
from extract.pipeline import extract_document


def _journeys(gaz, text: str) -> list[tuple[str, ...]]:
    doc = make_document(text, doc_id="t", published="2017-06-01")
    return [tuple(p.name for p in m.waypoints) for m in extract_document(doc, gaz).movements]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "Rebels seized Jisr al-Shughur on Saturday.\n\nWarplanes struck Ariha on Sunday.\n\n"
            "Civilians had begun leaving even before the final assault. Many drove west to Latakia.",
            [("Jisr al-Shughur", "Latakia")],
        ),
        (
            "سيطرت الفصائل على مدينة جسر الشغور يوم السبت.\n\nوقصفت الطائرات الحربية بلدة أريحا.\n\n"
            "وبدأ المدنيون بالخروج قبل الهجوم الأخير. وتوجه كثيرون إلى مدينة اللاذقية.",
            [("Jisr al-Shughur", "Latakia")],
        ),
        (
            "BEIRUT (Reuters) - U.S.-backed fighters have taken full control of Manbij, a spokesman said.\n\n"
            '"The city is ours," the spokesman said. "Our units are clearing mines."\n\n'
            "The militants left late on Friday. Their convoy of some 500 vehicles headed north towards Jarablus.",
            [("Manbij", "Jarablus")],
        ),
        (
            "Iraqi forces recaptured Qayyarah on Thursday.\n\nAnother strike hit a weapons cache near Shirqat.\n\n"
            "Hundreds of families escaped during the fighting. Many walked to Makhmour.",
            [("Qayyarah", "Makhmour")],
        ),
    ],
    ids=["en-left-the-article-town", "ar-left-the-article-town", "en-dateline-in-a-capital", "en-escaped"],
)
def test_people_leaving_with_no_place_left_the_town_the_article_is_about(gaz, text: str, want) -> None:
    assert _journeys(gaz, text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "اشتباكات عنيفة في مدينة عين العرب.\n\nووصلت قافلة من البيشمركة إلى سروج، في حين نقلت طائرة دفعة "
            "أخرى منهم إلى مطار أورفة.\n\nوكان نحو 50 مقاتلاً قد دخلوا المدينة أمس قادمين من سروج.",
            ("Suruç", "Kobani"),
        ),
        (
            "Peshmerga forces withdrew from Sinjar on Tuesday.\n\nIn Tuz Khurmatu, Kurdish residents said "
            "militiamen set fire to homes. Thousands of families have fled the town for Kalar.",
            ("Tuz Khurmatu", "Kalar"),
        ),
        (
            "Iraqi forces battled Islamic State in Fallujah on Sunday.\n\nThousands of people have reached "
            "Amiriyat al-Fallujah since Thursday. Others fled the city to Saqlawiya.",
            ("Fallujah", "Saqlawiyah"),
        ),
        (
            "قاتلت القوات العراقية تنظيم داعش في الفلوجة يوم الأحد.\n\nووصل آلاف الأشخاص إلى عامرية الفلوجة منذ "
            "الخميس. وفر آخرون من المدينة إلى الصقلاوية.",
            ("Fallujah", "Saqlawiyah"),
        ),
        (
            "وصلت حافلات تقل مقاتلين إلى ريف حماة الشمالي، قبل أن تدخل إلى محافظة إدلب، بعد رحلة انطلقت من جرود "
            "بلدة عرسال.",
            ("Arsal", "Northern Hama countryside", "Idlib Governorate"),
        ),
    ],
    ids=[
        "a-paragraph-later-the-article-city",
        "in-its-paragraph-the-town-just-named",
        "the-city-is-no-smaller-town-named-since-en",
        "the-city-is-no-smaller-town-named-since-ar",
        "set-off-from-the-barrens-of-a-town",
    ],
)
def test_the_city_is_the_articles_unless_its_paragraph_names_another(gaz, text: str, want) -> None:
    assert want in _journeys(gaz, text)


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "The army recaptured Palmyra on Sunday. The jihadists fell back toward Al-Sukhnah, on the road to "
            "Deir Ezzor.",
            ("Palmyra", "Al-Sukhnah"),
        ),
        (
            "The SDF captured Raqqa on Tuesday. The convoy then drove east out of the city and headed for "
            "IS-held territory in Deir ez-Zor province.",
            ("Raqqa", "Deir ez-Zor Governorate"),
        ),
        (
            "More than 270,000 people fled Raqqa during the battle. Many still shelter at the Ain Issa camp.",
            ("Raqqa", "Ain Issa camp"),
        ),
        (
            "The buses left Qara on Monday. The convoy drove through government-held territory in Homs province, "
            "passed Palmyra and reached al-Sukhnah on Tuesday evening.",
            ("Qārah", "Homs Governorate", "Palmyra", "Al-Sukhnah"),
        ),
        (
            "The convoy drove through government-held territory in Homs province, passed Palmyra and reached "
            "al-Sukhnah on Tuesday evening.",
            ("Palmyra", "Al-Sukhnah"),
        ),
    ],
    ids=["on-the-road-to", "territory-in-a-province", "shelter-at", "the-convoy-named-again", "province-passed"],
)
def test_the_stops_of_a_journey(gaz, text: str, want: tuple[str, ...]) -> None:
    assert _journeys(gaz, text) == [want]


def test_a_deal_reached_is_no_arrival(gaz) -> None:
    text = (
        "The evacuation of eastern Aleppo resumed on Thursday.\n\nThe deal, reached on Tuesday after talks between "
        "Russian and Turkish officials in Ankara, collapsed on Wednesday."
    )
    assert all("Ankara" not in j for j in _journeys(gaz, text))


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "Rebels said the attack on Khan Sheikhoun killed 70 people.\n\n"
            "Many of the wounded were driven to hospitals in Maarat al-Numan.",
            [("Khan Shaykhun", "Maarat al-Numan")],
        ),
        (
            "Thousands of people have escaped Tal Afar in recent weeks. Most walked through the desert to reach army "
            "lines near Badush, from where they were driven in trucks to camps at Hammam al-Alil.",
            [("Tal Afar", "Badush", "Hammam al-Alil")],
        ),
    ],
    ids=["people-driven-from-the-town-of-the-story", "a-later-ride-is-the-same-journey"],
)
def test_people_carried_were_where_the_story_is(gaz, text: str, want) -> None:
    assert _journeys(gaz, text) == want


@pytest.mark.parametrize(
    "text",
    [
        "BEIRUT (AFP) - Buses carrying thousands of people out of four besieged towns were moving again on Sunday "
        "toward Aleppo.",
        "AMMAN (Reuters) - More than 50 buses left on Sunday and headed north to Idlib province.",
    ],
    ids=["en-beirut", "en-amman"],
)
def test_the_dateline_is_no_origin(gaz, text: str) -> None:
    assert all(j[0] not in ("Beirut", "Amman") for j in _journeys(gaz, text))


def test_carried_out_is_no_journey(gaz) -> None:
    text = "Army units took Minian on Monday. They carried out artillery strikes to the south of Nuaima."
    assert _journeys(gaz, text) == []


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "Fighting raged in Tuz Khurmatu on Saturday.\n\nHundreds of families left for Kirkuk on Sunday. "
            "The Peshmerga sent reinforcements from Kirkuk to the town the same day.",
            id="en",
        ),
        pytest.param(
            "اندلعت اشتباكات في طوز خورماتو يوم السبت.\n\nوغادرت مئات العائلات إلى كركوك يوم الأحد. وأرسلت "
            "البيشمركة تعزيزات من كركوك إلى المدينة في اليوم ذاته.",
            id="ar",
        ),
    ],
)
def test_the_town_reached_is_not_the_town_just_left(gaz, text: str) -> None:
    assert ("Kirkuk", "Tuz Khurmatu") in _journeys(gaz, text)
