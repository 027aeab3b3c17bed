"""extract/routes.py through the pipeline: named roads and who holds them.

Arabic and English side by side: "the road linking X and Y", an anchor town
("طريق سنجار", "the Sinjar road"), a direction ("طريق البعاج الجنوبي"),
numbered highways, hyphenated pairs; `controlled_by` and `status`
("used by ISIS", "cut by SDF"); one route per distinct road.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from extract.document import make_document
from extract.pipeline import extract_document
from extract.records import extraction_features
from extract.types import Extraction, Route, actor_name

PUBLISHED = "2016-10-17"
SKIP = object()

KURDS = "Kurdish forces"
PESHMERGA = "Peshmerga (Kurdistan Region)"
SDF = "SDF (Syrian Democratic Forces)"
IRAQI_ARMY = "Iraqi army"


@dataclass(frozen=True)
class Road:
    text: str
    name: object
    via: tuple[str, ...]
    controlled_by: str = ""
    status: str = ""


def _run(gaz, text: str) -> Extraction:
    return extract_document(make_document(text, doc_id="t", published=PUBLISHED), gaz)


def _via(r: Route) -> list[str]:
    return [p.name for p in r.via]


def _route(gaz, road: Road) -> tuple[Extraction, Route]:
    ex = _run(gaz, road.text)
    assert len(ex.routes) == 1, [(r.name, _via(r)) for r in ex.routes]
    return ex, ex.routes[0]


ROWS = [
    (
        "linking",
        Road(
            "تسيطر القوات الكردية على الطريق السريع الذي يربط الرقة بالموصل.",
            "Raqqa–Mosul road",
            ("Raqqa", "Mosul"),
            KURDS,
        ),
        Road(
            "Kurdish forces control the highway that links Raqqa with Mosul.",
            "Raqqa–Mosul road",
            ("Raqqa", "Mosul"),
            KURDS,
        ),
    ),
    (
        "anchor",
        Road("سيطرت قوات البيشمركة على طريق سنجار.", "Sinjar road", ("Sinjar",), PESHMERGA),
        Road("Peshmerga forces took control of the Sinjar road.", "Sinjar road", ("Sinjar",), PESHMERGA),
    ),
    (
        "direction-used-by",
        Road(
            "ضرب طيران التحالف صهاريج في طريق البعاج الجنوبي الذي بدأ يستخدمه داعش للتنقل بين العراق وسوريا.",
            "southern Al-Baaj road",
            ("Al-Baaj",),
            "",
            "used by ISIS",
        ),
        Road(
            "Coalition aircraft struck tankers on the southern Baaj road, which ISIS has been using to move between "
            "Iraq and Syria.",
            "southern Al-Baaj road",
            ("Al-Baaj",),
            "",
            "used by ISIS",
        ),
    ),
    (
        "used-by-before-the-road",
        Road(
            "بات داعش يستخدم طريق البعاج الجنوبي للتنقل بين العراق وسوريا.",
            "southern Al-Baaj road",
            ("Al-Baaj",),
            "",
            "used by ISIS",
        ),
        Road(
            "ISIS has started using the southern Baaj road to move between Iraq and Syria.",
            "southern Al-Baaj road",
            ("Al-Baaj",),
            "",
            "used by ISIS",
        ),
    ),
    (
        "used-by-after-the-road",
        Road("طريق سنجار يستخدمه داعش.", "Sinjar road", ("Sinjar",), "", "used by ISIS"),
        Road("The Sinjar road is used by ISIS.", "Sinjar road", ("Sinjar",), "", "used by ISIS"),
    ),
    (
        "between-cut-by",
        Road(
            "قطعت قوات سوريا الديمقراطية الطريق بين الرقة والحسكة.",
            "Raqqa–Al-Hasakah road",
            ("Raqqa", "Al-Hasakah"),
            SDF,
            "cut by SDF (Syrian Democratic Forces)",
        ),
        Road(
            "The road between Raqqa and Hasakah was cut by the SDF.",
            "Raqqa–Al-Hasakah road",
            ("Raqqa", "Al-Hasakah"),
            SDF,
            "cut by SDF (Syrian Democratic Forces)",
        ),
    ),
    (
        "numbered-highway",
        Road(
            "الطريق السريع رقم 10، الذي يربط الرمادي بالفلوجة، تسيطر عليه القوات العراقية.",
            SKIP,
            ("Ramadi", "Fallujah"),
            IRAQI_ARMY,
        ),
        Road(
            "Highway 10, which links Ramadi with Fallujah, is controlled by Iraqi forces.",
            "Highway 10 Ramadi–Fallujah",
            ("Ramadi", "Fallujah"),
            IRAQI_ARMY,
        ),
    ),
    (
        "m4-near",
        Road("سيطرت قسد على الطريق الدولي M4 قرب عين عيسى.", "M4 Ain Issa", ("Ain Issa",), SDF),
        Road("The SDF captured the M4 highway near Ain Issa.", "M4 Ain Issa", ("Ain Issa",), SDF),
    ),
    (
        "hyphen-pair",
        Road("سيطرت القوات العراقية على طريق الموصل-أربيل.", "Mosul–Erbil road", ("Mosul", "Erbil"), IRAQI_ARMY),
        Road("Iraqi forces took control of the Mosul-Erbil road.", "Mosul–Erbil road", ("Mosul", "Erbil"), IRAQI_ARMY),
    ),
    (
        "between-used-by",
        Road(
            "يستخدم داعش الطريق بين الرقة ودير الزور.",
            "Raqqa–Deir ez-Zor road",
            ("Raqqa", "Deir ez-Zor"),
            "",
            "used by ISIS",
        ),
        Road(
            "ISIS uses the road between Raqqa and Deir ez-Zor.",
            "Raqqa–Deir ez-Zor road",
            ("Raqqa", "Deir ez-Zor"),
            "",
            "used by ISIS",
        ),
    ),
    (
        "an-operations-command-closed-it",  # an Iraqi operations command is the Iraqi army
        Road(
            "أغلقت قيادة عمليات دجلة الطريق الرابط بين بعقوبة والمقدادية.",
            "Baqubah–Muqdadiya road",
            ("Baqubah", "Muqdadiya"),
            IRAQI_ARMY,
            f"closed by {IRAQI_ARMY}",
        ),
        Road(
            "The Tigris Operations Command closed the road between Baqubah and Muqdadiya.",
            "Baqubah–Muqdadiya road",
            ("Baqubah", "Muqdadiya"),
            IRAQI_ARMY,
            f"closed by {IRAQI_ARMY}",
        ),
    ),
    (
        "controls-it",
        Road(
            "باتت قوات النظام تتحكم بالطريق الدولي حلب – الرقة.",
            "Aleppo–Raqqa road",
            ("Aleppo", "Raqqa"),
            "Syrian government forces",
        ),
        Road(
            "Government forces now control the Aleppo-Raqqa highway.",
            "Aleppo–Raqqa road",
            ("Aleppo", "Raqqa"),
            "Syrian government forces",
        ),
    ),
    (
        "the-stretch-from-to",
        Road(
            "لا تزال قوات النظام تسيطر على الجزء الممتد من حمص حتى الفرقلس.",
            "Homs–Al-Furqlus road",
            ("Homs", "Al-Furqlus"),
            "Syrian government forces",
        ),
        Road(
            "Government forces still hold the stretch of the highway from Homs to Furqlus.",
            "Homs–Al-Furqlus road",
            ("Homs", "Al-Furqlus"),
            "Syrian government forces",
        ),
    ),
]

CASES = [pytest.param(r, id=f"{row_id}-{lang}") for row_id, ar, en in ROWS for lang, r in (("ar", ar), ("en", en))]


@pytest.mark.parametrize("road", CASES)
def test_route_name_and_via(gaz, road: Road) -> None:
    _, r = _route(gaz, road)
    assert tuple(_via(r)) == road.via
    if road.name is not SKIP:
        assert r.name == road.name


@pytest.mark.parametrize("road", CASES)
def test_route_controlled_by_and_status(gaz, road: Road) -> None:
    _, r = _route(gaz, road)
    assert (actor_name(r.controlled_by), r.status) == (road.controlled_by, road.status)


@pytest.mark.parametrize("road", CASES)
def test_route_feature_geometry_and_evidence(gaz, road: Road) -> None:
    ex, r = _route(gaz, road)
    f = [f for f in extraction_features(ex) if f["properties"]["kind"] == "route"][ex.routes.index(r)]
    coords = [[round(p.lon, 7), round(p.lat, 7)] for p in r.via]
    if len(coords) > 1:
        assert f["geometry"] == {"type": "LineString", "coordinates": coords}
    else:
        assert f["geometry"] == {"type": "Point", "coordinates": coords[0]}
    props = f["properties"]
    assert props["kind"] == "route"
    assert props["via"] == _via(r)
    assert props["evidence"] == road.text[props["evidence_start"] : props["evidence_end"]]
    assert props["evidence_start"] <= props["start"] < props["end"] <= props["evidence_end"]  # the road mention
    for p in r.via:
        assert r.start <= p.start < p.end <= r.end


@pytest.mark.parametrize(
    ("text", "routes"),
    [
        pytest.param(
            "سيطرت القوات الكردية على الطريق بين الرقة والموصل. وتعد الطريق بين الرقة والموصل مهمة.",
            [("Raqqa–Mosul road", KURDS)],
            id="same-road-twice-ar",
        ),
        pytest.param(
            "Kurdish forces control the road between Raqqa and Mosul. The road between Raqqa and Mosul is vital.",
            [("Raqqa–Mosul road", KURDS)],
            id="same-road-twice-en",
        ),
        pytest.param(
            "الطريق بين الموصل والرقة مهم. وتسيطر القوات الكردية على الطريق الذي يربط الرقة بالموصل.",
            [(SKIP, KURDS)],
            id="reversed-ends-ar",
        ),
        pytest.param(
            "The road between Mosul and Raqqa is vital. Kurdish forces control the highway linking Raqqa with Mosul.",
            [(SKIP, KURDS)],
            id="reversed-ends-en",
        ),
        pytest.param(
            "بات داعش يستخدم طريق البعاج الجنوبي بعد سيطرة قوات البيشمركة على طريق سنجار.",
            [("southern Al-Baaj road", ""), ("Sinjar road", PESHMERGA)],
            id="two-roads-ar",
        ),
        pytest.param(
            "ISIS now uses the southern Baaj road after the Peshmerga took control of the Sinjar road.",
            [("southern Al-Baaj road", ""), ("Sinjar road", PESHMERGA)],
            id="two-roads-en",
        ),
    ],
)
def test_one_route_per_distinct_road(gaz, text: str, routes: list[tuple[object, str]]) -> None:
    found = _run(gaz, text).routes
    assert len(found) == len(routes), [(r.name, _via(r)) for r in found]
    for r, (name, holder) in zip(found, routes, strict=True):
        if name is not SKIP:
            assert r.name == name
        assert actor_name(r.controlled_by) == holder


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("تسيطر القوات الكردية على الرقة والموصل.", id="no-road-word-ar"),
        pytest.param("Kurdish forces control Raqqa and Mosul.", id="no-road-word-en"),
        pytest.param("أغلقت الطرق بسبب العاصفة.", id="road-without-place-ar"),
        pytest.param("The roads were closed by the storm.", id="road-without-place-en"),
    ],
)
def test_no_route_without_road_and_place(gaz, text: str) -> None:
    assert _run(gaz, text).routes == ()


# What a sentence says of a road it names no place of goes to the road it stands for.
BACK_ROWS = [
    (
        "that-road-takes-its-holder",
        "قطعت داعش الطريق بين الرقة ودير الزور أمس. وتسيطر قوات سوريا الديمقراطية اليوم على ذلك الطريق.",
        "ISIS fighters cut the road between Raqqa and Deir ez-Zor yesterday. The SDF now controls that road.",
        [(("Raqqa", "Deir ez-Zor"), SDF, "")],
    ),
    (
        "same-named-road",
        "وتقع مدينة سراقب على الطريق M5. وقطعت قوات النظام الطريق M5 يوم الاثنين.",
        "Saraqib lies on the M5 highway. Syrian government forces cut the M5 on Monday.",
        [(("Saraqib",), "Syrian government forces", "cut by Syrian government forces")],
    ),
    (
        "up-to-a-town-on-the-way",
        "تمتد الطريق بين الموصل وأربيل عبر الخازر. وتسيطر قوات البيشمركة على الطريق حتى برطلة.",
        "The road between Mosul and Erbil runs past Khazir. The Peshmerga control the road up to Bartella.",
        [(("Mosul", SKIP, "Bartella", "Erbil"), PESHMERGA, "")],
    ),
    (
        "a-place-off-the-way-is-another-road",
        "تسيطر قسد على الطريق بين الرقة والطبقة. ويسيطر داعش على الطريق إلى تدمر.",
        "The SDF controls the road between Raqqa and Tabqa. ISIS holds the road to Palmyra.",
        # the road to Palmyra runs from Raqqa, the town the text is about, not on the way to Tabqa
        [(("Raqqa", "Tabqa"), SDF, ""), (("Raqqa", "Palmyra"), "ISIS", "")],
    ),
    (
        "another-road-is-not-that-road",
        "الطريق بين الرقة ودير الزور طويل. وتسيطر قسد على طريق آخر.",
        "The road between Raqqa and Deir ez-Zor is long. The SDF controls another road.",
        [(("Raqqa", "Deir ez-Zor"), "", "")],
    ),
]


@pytest.mark.parametrize(
    ("text", "routes"),
    [
        pytest.param(t, routes, id=f"{rid}-{lang}")
        for rid, ar, en, routes in BACK_ROWS
        for lang, t in (("ar", ar), ("en", en))
    ],
)
def test_a_road_without_places_is_the_road_it_stands_for(gaz, text: str, routes: list) -> None:
    found = _run(gaz, text).routes
    assert len(found) == len(routes), [(r.name, _via(r), r.status) for r in found]
    for r, (via, holder, status) in zip(found, routes, strict=True):
        assert [v for v, w in zip(_via(r), via, strict=True) if w is not SKIP] == [w for w in via if w is not SKIP]
        assert (actor_name(r.controlled_by), r.status) == (holder, status)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("اتفق الطرفان على خارطة الطريق في حلب.", id="road-map-ar"),
        pytest.param("Both sides agreed on a road map for Aleppo.", id="road-map-en"),
        pytest.param("تسير القوافل على الطريق قرب سراقب.", id="only-a-place-near-it-ar"),
        pytest.param("Convoys travel on the road near Saraqib.", id="only-a-place-near-it-en"),
        pytest.param("قطعت قوات النظام الطريق M5.", id="named-road-never-placed-ar"),
        pytest.param("Syrian government forces cut the M5.", id="named-road-never-placed-en"),
    ],
)
def test_no_route_without_a_place_for_it(gaz, text: str) -> None:
    assert _run(gaz, text).routes == ()


@pytest.mark.parametrize(
    ("text", "via", "name"),
    [
        pytest.param(
            "في مدينة حلب، حيث أغلقت قوات النظام الطريق الرئيسي إلى الأحياء الشرقية.",
            ("Aleppo",),
            "Aleppo road",
            id="where-ar",
        ),
        pytest.param(
            "In the city of Aleppo, where Syrian government forces sealed the main route into the eastern districts.",
            ("Aleppo",),
            "Aleppo road",
            id="where-en",
        ),
    ],
)
def test_a_road_something_befell_lies_where_its_clause_happens(gaz, text: str, via: tuple, name: str) -> None:
    [r] = _run(gaz, text).routes
    assert (tuple(_via(r)), r.name, actor_name(r.controlled_by)) == (via, name, "Syrian government forces")


def test_a_road_passes_each_place_once(gaz) -> None:
    text = (
        "The Peshmerga cut Bashiqa off from Mosul on October 20, when they seized the road linking the town "
        "to the city's eastern districts."
    )
    for r in _run(gaz, text).routes:
        ids = [p.gazetteer_id for p in r.via]
        assert len(ids) == len(set(ids)), r.name
