"""extract/road_ends.py through the pipeline: where a road is, in Arabic and English side by side.

Both ends of a road through clitics and relative clauses ("الطريق الذي يربط
الحسكة بالقامشلي", "the road east of Tabqa which connects the town to Raqqa"),
"between X and Y", "the X-Y highway", "from X to Y"; named roads ("the Ramouseh
road", "M5", "Highway 1", "the international highway", "طريق حلب-دمشق الدولي",
"الطريق الدولي M4"); places on a road ("Khan Tuman, on the M5").
"""

from __future__ import annotations

import pytest

from extract.document import make_document
from extract.pipeline import extract_document
from extract.types import Route

SKIP = object()

ROWS = [
    (
        "relative-link-with-clitic",
        "قطعت القوات الطريق الذي يربط الحسكة بالقامشلي.",
        "The forces cut the road that connects Hasakah to Qamishli.",
        ("Al-Hasakah", "Qamishli"),
        "Al-Hasakah–Qamishli road",
    ),
    (
        "position-then-link-to-the-town",
        "الطريق شرق الطبقة الذي يربط المدينة مع الرقة مقطوع.",
        "The road east of Tabqa which connects the town to Raqqa is cut.",
        ("Tabqa", "Raqqa"),
        "Tabqa–Raqqa road",
    ),
    (
        "between",
        "يمر الطريق بين منبج وجرابلس عبر سهول واسعة.",
        "The road between Manbij and Jarablus crosses wide plains.",
        ("Manbij", "Jarablus"),
        "Manbij–Jarablus road",
    ),
    (
        "from-to",
        "أمنت قوات البيشمركة الطريق من أربيل إلى مخمور.",
        "The Peshmerga secured the road from Erbil to Makhmour.",
        ("Erbil", "Makhmour"),
        "Erbil–Makhmour road",
    ),
    (
        "hyphenated-pair-before-the-road-word",
        "سيطرت قوات النظام على طريق حلب-دمشق الدولي.",
        "Syrian government forces captured the Aleppo-Damascus international highway.",
        ("Aleppo", "Damascus"),
        "Aleppo–Damascus road",
    ),
    (
        "international-highway-between",
        "قامت قوات النظام بإعادة فتح الطريق الدولي بين دمشق وحلب.",
        "Syrian government forces reopened the international highway between Damascus and Aleppo.",
        ("Damascus", "Aleppo"),
        "Damascus–Aleppo road",
    ),
    (
        "anchor-town",
        "سيطر الجيش السوري على طريق الراموسة.",
        "Syrian government forces captured the Ramouseh road.",
        ("Ramouseh",),
        "Ramouseh road",
    ),
    (
        "numbered-highway-as-far-as",
        "يسيطر الجيش العراقي على الطريق السريع رقم 1 حتى بيجي.",
        "Iraqi forces control Highway 1 as far north as Baiji.",
        ("Baiji",),
        "Highway 1 Baiji",
    ),
    (
        "named-road-with-a-town-on-it",
        "سيطرت فصائل المعارضة على خان طومان الواقعة على الطريق الدولي M5.",
        "Rebels seized Khan Tuman, on the M5 highway.",
        ("Khan Tuman",),
        "M5 Khan Tuman",
    ),
    (
        "m4-near",
        "سيطرت قسد على الطريق الدولي M4 قرب عين عيسى.",
        "The SDF captured the M4 highway near Ain Issa.",
        ("Ain Issa",),
        "M4 Ain Issa",
    ),
    (
        "ends-and-a-town-between",
        "تسيطر المعارضة المسلحة على الطريق M5 بين حلب ودمشق حول سراقب.",
        "Rebels control the M5 highway between Aleppo and Damascus around Saraqib.",
        ("Aleppo", "Saraqib", "Damascus"),
        "M5 Aleppo–Damascus",
    ),
    (
        "two-names-side-by-side",
        "سيطرت قوات النظام على طريق دمشق حلب الدولي.",
        "Government forces took the Damascus-Aleppo international highway.",
        ("Damascus", "Aleppo"),
        "Damascus–Aleppo road",
    ),
    (
        "from-through-to",  # the towns it passes lie between its two ends
        "سيطرت قوات النظام على الطريق من حلب مروراً بدير حافر إلى مسكنة.",
        "Government forces took the road from Aleppo through Deir Hafer to Maskanah.",
        ("Aleppo", "Deir Hafer", "Maskanah"),
        "Aleppo–Maskanah road",
    ),
    (
        "a-word-between-the-road-and-from",
        "سيطرت البيشمركة على الطريق الممتد من ربيعة إلى زمار.",
        "The Peshmerga took the main road from Rabia to Zummar.",
        ("Rabia", "Zummar"),
        "Rabia–Zummar road",
    ),
    (
        "that-runs-from-to",
        "سيطرت قوات النظام على الطريق الذي يمر من حمص إلى حماة.",
        "Government forces took the highway that runs from Homs to Hama.",
        ("Homs", "Hama"),
        "Homs–Hama road",
    ),
    (
        "to-one-town-and-on-to-another",  # every town it passes, an aside about its start passed over
        "قطع المقاتلون الطريق الممتد من الرقة، معقل التنظيم في سوريا، مرورا بسنجار إلى تلعفر والموصل.",
        "The highway runs from Raqqa, the group's stronghold in Syria, past Sinjar to Tal Afar and Mosul.",
        ("Raqqa", "Sinjar", "Tal Afar", "Mosul"),
        "Raqqa–Mosul road",
    ),
    (
        "links-through-to",
        "قطع التنظيم الطريق الذي يربط حديثة مرورا بالبغدادي وهيت إلى الرمادي.",
        "ISIS cut the highway that links Haditha through Baghdadi and Hit to Ramadi.",
        ("Haditha", "Al-Baghdadi", "Hit", "Ramadi"),
        "Haditha–Ramadi road",
    ),
    (
        "side-by-side-the-second-also-a-word",
        "قطع تنظيم داعش طريق حمص تدمر.",
        "ISIS cut the Homs-Palmyra road.",
        ("Homs", "Palmyra"),
        "Homs–Palmyra road",
    ),
    (
        "between-it-and-the-town-named-before",
        "تحاصر القوات بلدة بعشيقة بعد أن قطعت الطريق الرابط بينها وبين الموصل.",
        "The forces besiege Bashiqa after cutting the road between it and Mosul.",
        ("Bashiqa", "Mosul"),
        "Bashiqa–Mosul road",
    ),
    (
        "between-the-two-towns-named-before",  # the last two towns named before the road, in their order
        "سيطرت القوات على تل تمر والحسكة، ثم أعادت فتح الطريق بين البلدتين.",
        "The forces took Tal Tamr and Hasakah, then reopened the road between the two towns.",
        ("Tal Tamr", "Al-Hasakah"),
        "Tal Tamr–Al-Hasakah road",
    ),
    (
        "linking-both-cities",
        "تسيطر قوات النظام على حمص وحماة. وقطعت الفصائل الطريق الواصل بين المدينتين.",
        "Government forces hold Homs and Hama. Rebels cut the highway linking both cities.",
        ("Homs", "Hama"),
        "Homs–Hama road",
    ),
    (
        "to-a-town-from-the-article-s-own",  # "the road to X" with no other end runs from the article's town
        "سيطرت القوات على حمص يوم الأحد. وقطعت الفصائل الطريق إلى حماة.",
        "Government forces took Homs on Sunday. Rebels cut the road to Hama.",
        ("Homs", "Hama"),
        "Homs–Hama road",
    ),
    (
        "leading-to-a-town-from-the-article-s-own",  # "المؤدي إلى", "that runs to"
        "سيطرت القوات على حمص يوم الأحد. وقطعت الفصائل الطريق المؤدي إلى حماة.",
        "Government forces took Homs on Sunday. Rebels cut the highway that runs to Hama.",
        ("Homs", "Hama"),
        "Homs–Hama road",
    ),
    (
        "a-province-tells-where-an-end-lies",  # no end of its own
        "تسيطر قسد على الطريق الواصل بين الشدادي في محافظة الحسكة ودير الزور.",
        "The SDF holds the road linking Shaddadi in Hasakah province and Deir ez-Zor.",
        ("Shaddadi", "Deir ez-Zor"),
        "Shaddadi–Deir ez-Zor road",
    ),
    (
        "an-en-dash-between-the-ends",
        "سلكت القافلة طريق البصيرة – الشدادي.",
        "The convoy took the Busayrah – Shaddadi road.",
        ("Al-Busayrah", "Shaddadi"),
        "Al-Busayrah–Shaddadi road",
    ),
    (
        "one-town-linked-to-two-on-either-side",  # it runs from the one through the town to the other
        "أغلقت الشرطة الطريق الرابط بين السماوة والناصرية جنوباً والديوانية شمالاً.",
        "Police closed the highway linking Samawah to Nasiriyah in the south and Diwaniyah in the north.",
        ("Nasiriyah", "Samawah", "Diwaniyah"),
        "Nasiriyah–Diwaniyah road",
    ),
    (
        "from-one-town-to-two-beyond-it-in-a-line",
        "قطعت الفصائل الطريق من سنجار إلى تلعفر والموصل.",
        "Militants cut the road from Sinjar to Tal Afar and Mosul.",
        ("Sinjar", "Tal Afar", "Mosul"),
        "Sinjar–Mosul road",
    ),
]


@pytest.mark.parametrize(
    ("text", "via", "name"),
    [
        pytest.param(
            "سلكت القافلة الأوتوستراد الدولي مروراً بمدينتي حمص وحماة.", ("Homs", "Hama"), "Homs–Hama road", id="passing"
        ),
        pytest.param(
            "سيطرت الفصائل على طريق حلب - دمشق مروراً بحماة.",
            ("Aleppo", "Hama", "Damascus"),
            "Aleppo–Damascus road",
            id="its-ends-before-a-town-passed",
        ),
    ],
)
def test_the_towns_an_arabic_road_passes(gaz, text: str, via: tuple[str, ...], name: str) -> None:
    [r] = _routes(gaz, text)
    assert (tuple(p.name for p in r.via), r.name) == (via, name)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("سيطرت القوات على حمص يوم الأحد. وقطعت الفصائل الطرق إلى حماة.", id="roads-to-ar"),
        pytest.param("Government forces took Homs on Sunday. Rebels cut the roads to Hama.", id="roads-to-en"),
        pytest.param("سيطرت القوات على الرقة يوم الأحد. وقطعت الفصائل الطريق إلى حماة.", id="too-far-ar"),
        pytest.param("Government forces took Raqqa on Sunday. Rebels cut the road to Hama.", id="too-far-en"),
    ],
)
def test_a_road_to_a_town_does_not_run_from_afar_nor_are_many_roads_one(gaz, text: str) -> None:
    # "the roads to X" are several, from no one town; Raqqa is too far from Hama to be where the road starts
    [r] = _routes(gaz, text)
    assert tuple(p.name for p in r.via) == ("Hama",)


CASES = [
    pytest.param(text, via, name, id=f"{rid}-{lang}")
    for rid, ar, en, via, name in ROWS
    for lang, text in (("ar", ar), ("en", en))
]


def _routes(gaz, text: str) -> tuple[Route, ...]:
    return extract_document(make_document(text, doc_id="t", published="2016-10-17"), gaz).routes


@pytest.mark.parametrize(("text", "via", "name"), CASES)
def test_a_road_s_places_and_name(gaz, text: str, via: tuple[str, ...], name: str) -> None:
    [r] = _routes(gaz, text)
    assert (tuple(p.name for p in r.via), r.name) == (via, name)
    assert text[r.road.start : r.road.end] if r.road else False  # the road as written


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        pytest.param("سيطرت قسد على الطريق الدولي M4 قرب عين عيسى.", "الطريق الدولي M4", id="m4-ar"),
        pytest.param("The SDF captured the M4 highway near Ain Issa.", "M4 highway", id="m4-en"),
        pytest.param("يسيطر الجيش العراقي على الطريق السريع رقم 1 حتى بيجي.", "الطريق السريع رقم 1", id="number-ar"),
        pytest.param("Iraqi forces control Highway 1 as far north as Baiji.", "Highway 1", id="number-en"),
    ],
)
def test_a_named_road_is_one_mention_with_its_number(gaz, text: str, surface: str) -> None:
    [r] = _routes(gaz, text)
    assert r.road is not None and text[r.road.start : r.road.end] == surface
