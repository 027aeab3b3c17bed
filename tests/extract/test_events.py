"""extract/events.py through the pipeline: ACLED-typed events of short articles.

Each case is a one- or two-sentence article, Arabic and English side by side,
published on Monday 2016-10-17 and run through `extract_document`. The aspects
of an event (type and place, actors, date, numbers, trigger span) are separate
tests, so a failure names the aspect that is wrong.

Dates without a date in the text fall back to the article's week
(2016-10-11..2016-10-17, precision "week").
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import pytest

from extract.document import make_document
from extract.pipeline import extract_document
from extract.types import Event, Extraction, actor_name

PUBLISHED = "2016-10-17"  # a Monday
SKIP = object()  # "not checked" in a case table
TERRITORY = {"Government regains territory", "Non-state actor overtakes territory"}

AIR = ("Explosions/Remote violence", "Air/drone strike")
SHELLING = ("Explosions/Remote violence", "Shelling/artillery/missile attack")
IED = ("Explosions/Remote violence", "Remote explosive/landmine/IED")
SUICIDE = ("Explosions/Remote violence", "Suicide bomb")
CLASH = ("Battles", "Armed clash")
REGAINS = ("Battles", "Government regains territory")
OVERTAKES = ("Battles", "Non-state actor overtakes territory")
AGREEMENT = ("Strategic developments", "Agreement")
ARRESTS = ("Strategic developments", "Arrests")
ABDUCTION = ("Violence against civilians", "Abduction/forced disappearance")
ATTACK_CIV = ("Violence against civilians", "Attack")
PROTEST = ("Protests", "Peaceful protest")
TRANSFER = ("Strategic developments", "Non-violent transfer of territory")
OTHER = ("Strategic developments", "Other")

ISIS = "ISIS"
COALITION = "International coalition"
PESHMERGA = "Peshmerga (Kurdistan Region)"
IRAQI_ARMY = "Iraqi army"
SYRIAN_GOV = "Syrian government forces"


@dataclass(frozen=True)
class Case:
    text: str
    kind: tuple[str, str]
    location: str
    geo_precision: int
    triggers: tuple[str, ...]
    actor1: object = SKIP
    actor2: object = SKIP
    date: str = "2016-10-17"
    precision: str = "week"
    fatalities: object = None
    count: object = None
    unit: object = ""


def _run(gaz, text: str, doc_id: str = "t") -> Extraction:
    return extract_document(make_document(text, doc_id=doc_id, published=PUBLISHED), gaz)


def _event(gaz, case: Case) -> Event:
    ex = _run(gaz, case.text)
    at = [e for e in ex.events if e.place.name == case.location]
    assert at, f"no event at {case.location}: {[(e.event_type, e.place.name) for e in ex.events]}"
    return at[0]


# (id, Arabic case, English case): one row per event type
ROWS = [
    (
        "air-strike",
        Case(
            "شن طيران التحالف الدولي غارات جوية على مواقع داعش في مدينة الرقة يوم الجمعة.",
            AIR,
            "Raqqa",
            1,
            ("غارات جوية",),
            COALITION,
            ISIS,
            "2016-10-14",
            "day",
        ),
        Case(
            "Coalition aircraft carried out air strikes on Islamic State positions in Raqqa on Friday.",
            AIR,
            "Raqqa",
            1,
            ("air strikes",),
            COALITION,
            ISIS,
            "2016-10-14",
            "day",
        ),
    ),
    (
        "shelling",
        Case(
            "قصفت قوات النظام بالمدفعية بلدة دير حافر أمس، ما أسفر عن مقتل 5 مدنيين.",
            SHELLING,
            "Deir Hafer",
            1,
            ("قصفت",),
            SYRIAN_GOV,
            SKIP,
            "2016-10-16",
            "day",
            fatalities=5,
        ),
        Case(
            "Syrian government forces shelled the town of Deir Hafer yesterday, killing 5 civilians.",
            SHELLING,
            "Deir Hafer",
            1,
            ("shelled",),
            SYRIAN_GOV,
            SKIP,
            "2016-10-16",
            "day",
            fatalities=5,
        ),
    ),
    (
        "ied",
        Case(
            "انفجرت عبوة ناسفة على طريق في قرية بعشيقة يوم الاثنين، ما أدى إلى مقتل ثلاثة جنود عراقيين.",
            IED,
            "Bashiqa",
            1,
            ("عبوة ناسفة",),
            SKIP,
            SKIP,
            "2016-10-17",
            "day",
            fatalities=3,
        ),
        Case(
            "A roadside bomb exploded in the village of Bashiqa on Monday, killing three Iraqi soldiers.",
            IED,
            "Bashiqa",
            1,
            ("roadside bomb",),
            SKIP,
            SKIP,
            "2016-10-17",
            "day",
            fatalities=3,
        ),
    ),
    (
        "suicide-bomb",
        Case(
            "فجر انتحاري من داعش سيارة مفخخة في بغداد الأسبوع الماضي، ما أدى إلى مقتل 23 شخصا.",
            SUICIDE,
            "Baghdad",
            1,
            ("انتحاري",),
            ISIS,
            SKIP,
            "2016-10-10",
            "week",
            fatalities=23,
        ),
        Case(
            "An ISIS suicide bomber blew himself up in Baghdad last week, killing 23 people.",
            SUICIDE,
            "Baghdad",
            1,
            ("suicide bomber",),
            ISIS,
            SKIP,
            "2016-10-10",
            "week",
            fatalities=23,
        ),
    ),
    (
        "armed-clash",
        Case(
            "اندلعت اشتباكات بين قوات البيشمركة وداعش في بلدة بعشيقة يوم الأحد.",
            CLASH,
            "Bashiqa",
            1,
            ("اشتباكات",),
            PESHMERGA,
            ISIS,
            "2016-10-16",
            "day",
        ),
        Case(
            "Peshmerga forces clashed with Islamic State fighters in Bashiqa on Sunday.",
            CLASH,
            "Bashiqa",
            1,
            ("clashed",),
            PESHMERGA,
            ISIS,
            "2016-10-16",
            "day",
        ),
    ),
    (
        "government-regains",
        Case(
            "استعادت القوات العراقية السيطرة على مدينة الرمادي في 28 ديسمبر 2015.",
            REGAINS,
            "Ramadi",
            1,
            ("استعادت",),
            IRAQI_ARMY,
            SKIP,
            "2015-12-28",
            "day",
        ),
        Case(
            "Iraqi forces recaptured Ramadi on December 28, 2015.",
            REGAINS,
            "Ramadi",
            1,
            ("recaptured",),
            IRAQI_ARMY,
            SKIP,
            "2015-12-28",
            "day",
        ),
    ),
    (
        "government-takes-control",  # "*territory": decided by who takes it
        Case(
            "سيطرت القوات العراقية على مدينة الرمادي يوم الأحد.",
            REGAINS,
            "Ramadi",
            1,
            ("سيطرت",),
            IRAQI_ARMY,
            SKIP,
            "2016-10-16",
            "day",
        ),
        Case(
            "Iraqi forces seized Ramadi on Sunday.",
            REGAINS,
            "Ramadi",
            1,
            ("seized",),
            IRAQI_ARMY,
            SKIP,
            "2016-10-16",
            "day",
        ),
    ),
    (
        "non-state-overtakes",
        Case(
            "سيطر تنظيم داعش على مدينة الموصل في 10 يونيو 2014.",
            OVERTAKES,
            "Mosul",
            1,
            ("سيطر",),
            ISIS,
            SKIP,
            "2014-06-10",
            "day",
        ),
        Case(
            "Islamic State fighters captured Mosul on June 10, 2014.",
            OVERTAKES,
            "Mosul",
            1,
            ("captured",),
            ISIS,
            SKIP,
            "2014-06-10",
            "day",
        ),
    ),
    (
        "agreement",
        Case(
            "أبرمت الحكومة العراقية وقوات البيشمركة اتفاقا في أربيل يوم الخميس.",
            AGREEMENT,
            "Erbil",
            1,
            ("اتفاقا",),
            "Government of Iraq",
            PESHMERGA,
            "2016-10-13",
            "day",
        ),
        Case(
            "The Iraqi government and the Peshmerga signed an agreement in Erbil on Thursday.",
            AGREEMENT,
            "Erbil",
            1,
            ("agreement",),
            "Government of Iraq",
            PESHMERGA,
            "2016-10-13",
            "day",
        ),
    ),
    (
        "arrests",
        Case(
            "اعتقلت القوات العراقية 12 عنصرا من داعش في كركوك أمس.",
            ARRESTS,
            "Kirkuk",
            1,
            ("اعتقلت",),
            IRAQI_ARMY,
            ISIS,
            "2016-10-16",
            "day",
            count=12,
            unit="fighters",
        ),
        Case(
            "Iraqi security forces arrested 12 ISIS members in Kirkuk yesterday.",
            ARRESTS,
            "Kirkuk",
            1,
            ("arrested",),
            IRAQI_ARMY,
            ISIS,
            "2016-10-16",
            "day",
            count=12,
            unit="fighters",
        ),
    ),
    (
        "abduction",
        Case(
            "اختطف تنظيم داعش 40 مدنيا من قرية قرب الحويجة يوم السبت.",
            ABDUCTION,
            "Hawija",
            2,
            ("اختطف",),
            ISIS,
            SKIP,
            "2016-10-15",
            "day",
            count=40,
            unit="civilians",
        ),
        Case(
            "Islamic State militants abducted 40 civilians near Hawija on Saturday.",
            ABDUCTION,
            "Hawija",
            2,
            ("abducted",),
            ISIS,
            SKIP,
            "2016-10-15",
            "day",
            count=40,
            unit="civilians",
        ),
    ),
    (
        "execution",
        Case(
            "أعدم داعش 15 مدنيا في الموصل الأسبوع الماضي.",
            ATTACK_CIV,
            "Mosul",
            1,
            ("أعدم",),
            ISIS,
            SKIP,
            "2016-10-10",
            "week",
            fatalities=15,
            count=15,
            unit="civilians",
        ),
        Case(
            "ISIS executed 15 civilians in Mosul last week.",
            ATTACK_CIV,
            "Mosul",
            1,
            ("executed",),
            ISIS,
            SKIP,
            "2016-10-10",
            "week",
            fatalities=15,
            count=15,
            unit="civilians",
        ),
    ),
    (
        "protest",
        Case(
            "خرج مئات المتظاهرين في تظاهرة في البصرة يوم الجمعة.",
            PROTEST,
            "Basra",
            1,
            ("المتظاهرين", "تظاهرة"),
            SKIP,
            SKIP,
            "2016-10-14",
            "day",
        ),
        Case(
            "Hundreds of protesters held a demonstration in Basra on Friday.",
            PROTEST,
            "Basra",
            1,
            ("protesters", "demonstration"),
            SKIP,
            SKIP,
            "2016-10-14",
            "day",
        ),
    ),
    (
        "withdrawal",
        Case(
            "انسحب مسلحو داعش من مدينة الرمادي يوم الأحد.",
            TRANSFER,
            "Ramadi",
            1,
            ("انسحب",),
            ISIS,
            SKIP,
            "2016-10-16",
            "day",
        ),
        Case(
            "ISIS fighters withdrew from Ramadi on Sunday.",
            TRANSFER,
            "Ramadi",
            1,
            ("withdrew",),
            ISIS,
            SKIP,
            "2016-10-16",
            "day",
        ),
    ),
    (
        "undated-region",
        Case(
            "شنت مقاتلات التحالف غارات على مواقع في محافظة الأنبار.",
            AIR,
            "Anbar Governorate",
            3,
            ("غارات",),
            COALITION,
            SKIP,
        ),
        Case(
            "Coalition warplanes carried out strikes in Anbar province.",
            AIR,
            "Anbar Governorate",
            3,
            ("strikes",),
            COALITION,
            SKIP,
        ),
    ),
    (
        "shelling-without-cue",  # قصف with no air or artillery word is still a bombardment, not a clash
        Case("قصفت قوات النظام بلدة دير حافر.", SHELLING, "Deir Hafer", 1, ("قصفت",), SYRIAN_GOV, SKIP),
        Case("Syrian government forces shelled Deir Hafer.", SHELLING, "Deir Hafer", 1, ("shelled",), SYRIAN_GOV, SKIP),
    ),
]

CASES = [pytest.param(c, id=f"{row_id}-{lang}") for row_id, ar, en in ROWS for lang, c in (("ar", ar), ("en", en))]


@pytest.mark.parametrize("case", CASES)
def test_event_type_and_location(gaz, case: Case) -> None:
    ex = _run(gaz, case.text)
    assert len(ex.events) == 1, [(e.event_type, e.sub_event_type, e.place.name) for e in ex.events]
    e = ex.events[0]
    assert (e.event_type, e.sub_event_type) == case.kind
    assert e.place.name == case.location
    assert e.geo_precision == case.geo_precision


@pytest.mark.parametrize("case", CASES)
def test_event_actors(gaz, case: Case) -> None:
    e = _event(gaz, case)
    if case.actor1 is not SKIP:
        assert actor_name(e.actor1) == case.actor1, (e.actor1, e.actor2)
    if case.actor2 is not SKIP:
        assert actor_name(e.actor2) == case.actor2, (e.actor1, e.actor2)
    assert e.actor1 is None or e.actor2 is None or e.actor1.actor_id != e.actor2.actor_id


@pytest.mark.parametrize("case", CASES)
def test_event_date_and_precision(gaz, case: Case) -> None:
    e = _event(gaz, case)
    assert e.date is not None
    assert (e.date.value.isoformat(), e.date.precision) == (case.date, case.precision)
    if case.precision == "week" and case.date == PUBLISHED:  # undated: the week up to publication
        assert (e.date.start.isoformat(), e.date.end.isoformat()) == ("2016-10-11", "2016-10-17")


@pytest.mark.parametrize("case", CASES)
def test_event_fatalities_and_count(gaz, case: Case) -> None:
    e = _event(gaz, case)
    assert e.fatalities == case.fatalities
    assert (e.count, e.unit) == (case.count, case.unit)


@pytest.mark.parametrize("case", CASES)
def test_event_trigger_and_evidence_spans(gaz, case: Case) -> None:
    e = _event(gaz, case)
    text = case.text
    assert 0 <= e.start <= e.trigger.start < e.trigger.end <= e.end <= len(text)
    assert text[e.trigger.start : e.trigger.end] in case.triggers
    assert e.place.start >= e.start and e.place.end <= e.end


# ---- what is no event, or not there -------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("يستعد الجيش العراقي لشن هجوم للسيطرة على مدينة الموصل.", id="lil-saytara-ar"),
        pytest.param("تحشد القوات العراقية للسيطرة على الموصل.", id="lil-saytara-only-ar"),
        pytest.param("Iraqi forces massed to take control of Mosul.", id="to-take-control-en"),
        pytest.param("بدأت القوات العراقية عملية عسكرية لاستعادة الموصل.", id="li-istiada-ar"),
        pytest.param("Iraqi forces advanced to recapture Mosul.", id="to-recapture-en"),
    ],
)
def test_an_aim_is_no_territory_event(gaz, text: str) -> None:
    ex = _run(gaz, text)
    assert [e.sub_event_type for e in ex.events if e.sub_event_type in TERRITORY] == []


def test_who_blew_himself_up_named_after_the_word_is_the_suicide_bomber(gaz) -> None:
    text = "ترافق الهجوم مع تفجير عنصرين من جبهة النصرة نفسيهما بعربتين مفخختين عند أطراف خان طومان."
    [e] = [e for e in _run(gaz, text).events if e.event_type == "Explosions/Remote violence"]
    assert (e.sub_event_type, actor_name(e.actor1)) == ("Suicide bomb", "Jabhat al-Nusra")


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("نفذت طائرات حربية يرجح أنها روسية عشرات الغارات على خان طومان.", id="ar"),
        pytest.param("Warplanes believed to be Russian carried out dozens of strikes on Khan Tuman.", id="en"),
    ],
)
def test_warplanes_believed_to_be_russian_are_named_russian(gaz, text: str) -> None:
    [e] = _run(gaz, text).events
    assert (e.sub_event_type, actor_name(e.actor1)) == ("Air/drone strike", "Russian forces")


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("أقدم مسلحون مجهولون على إحراق ستة مساجد في المقدادية.", id="burning-ar"),
        pytest.param("قام عناصر داعش بتفجير منازل وجهاء العشيرة في بلدة الشدادي.", id="blew-up-houses-ar"),
        pytest.param("ISIS fighters blew up houses in Sinjar before withdrawing.", id="blew-up-houses-en"),
        pytest.param("Gunmen set fire to shops in Muqdadiyah.", id="set-fire-en"),
    ],
)
def test_burning_or_blowing_up_buildings_destroys_property(gaz, text: str) -> None:
    kinds = {e.sub_event_type for e in _run(gaz, text).events}
    assert "Looting/property destruction" in kinds and "Remote explosive/landmine/IED" not in kinds


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("وتواصل قوات جهاز مكافحة الإرهاب اشتباكاتها مع عناصر داعش في حي كوكجلي بالموصل.", "Armed clash"),
        ("وكثفت طائرات النظام غاراتها على مدينة دوما.", "Air/drone strike"),
    ],
)
def test_a_deed_noun_with_a_pronoun_is_the_deed(gaz, text: str, kind: str) -> None:
    assert kind in {e.sub_event_type for e in _run(gaz, text).events}


def test_a_town_whose_name_reads_as_a_deed_word_is_no_deed(gaz) -> None:
    text = "Kurdish forces captured Sarrin on Monday after weeks of clashes with ISIS."
    assert "Chemical weapon" not in {e.sub_event_type for e in _run(gaz, text).events}


def test_the_same_time_is_no_suicide(gaz) -> None:
    text = "انفجرت عبوة ناسفة في الموصل، وفي الوقت نفسه قصفت المدفعية بلدة تلعفر."
    assert "Suicide bomb" not in {e.sub_event_type for e in _run(gaz, text).events}


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("استولى عناصر داعش على أسلحة وذخائر من مستودع للجيش في الموصل.", id="weapons-ar"),
        pytest.param("ISIS seized weapons and ammunition from an army depot in Mosul.", id="weapons-en"),
        pytest.param("ISIS fighters captured dozens of Humvees near Mosul.", id="dozens-of-en"),
        pytest.param("Jets destroyed Humvees the militants had captured near Mosul.", id="the-thing-before-en"),
    ],
)
def test_things_taken_are_no_territory_event(gaz, text: str) -> None:
    ex = _run(gaz, text)
    assert [e.sub_event_type for e in ex.events if e.sub_event_type in TERRITORY] == []


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        pytest.param("استعادت فصائل المعارضة مدينة سراقب يوم الاثنين.", OVERTAKES, id="rebels-retake-ar"),
        pytest.param("Rebels recaptured Saraqib on Monday.", OVERTAKES, id="rebels-retake-en"),
        pytest.param("أعلنت قوات سوريا الديمقراطية تحرير مدينة الطبقة يوم الاثنين.", OVERTAKES, id="sdf-liberate-ar"),
        pytest.param("The SDF liberated Tabqa on Monday.", OVERTAKES, id="sdf-liberate-en"),
        pytest.param("استعادت قوات النظام مدينة سراقب يوم الاثنين.", REGAINS, id="regime-retakes-ar"),
        pytest.param("Saraqib was recaptured on Monday.", REGAINS, id="no-one-named-en"),
    ],
)
def test_a_retaking_is_the_governments_only_when_a_state_retakes(gaz, text: str, kind: tuple[str, str]) -> None:
    """ACLED: "Government regains territory" is a state's (or its militias'); rebels or the SDF retaking or
    "liberating" a town overtake it. With no one named the word's own kind stands."""
    [e] = [e for e in _run(gaz, text).events if e.sub_event_type in TERRITORY]
    assert (e.event_type, e.sub_event_type) == kind


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Government forces entered Nawa on Friday.", [("Nawa", "Government regains territory")]),
        ("Turkish-backed rebels entered Jarablus on Wednesday.", [("Jarablus", "Non-state actor overtakes territory")]),
        ("Thousands of refugees entered Turkey through the Bab al-Salama crossing.", []),
        ("The siege by regime forces goes on and no aid convoys have entered Douma since August.", []),
        ("ISIS suicide bombers entered the town of Shaddadi and engaged SDF forces.", SKIP),
    ],
    ids=["troops", "rebels", "refugees", "negated", "attackers"],
)
def test_a_force_that_entered_a_town_took_it(gaz, text: str, want) -> None:
    """'entered' takes ground only for a named armed force, its subject: not refugees, not a negated
    entry, not unnamed attackers (whose deed is the attack)."""
    got = [(e.place.name, e.sub_event_type) for e in _run(gaz, text).events if e.sub_event_type in TERRITORY]
    assert got == ([] if want is SKIP else want)


@pytest.mark.parametrize(
    ("text", "kind", "where"),
    [
        ("فيما طالت غارتان أخريان آليات للتنظيم قرب بلدة صرين.", AIR, "Sarrin"),
        ("وكان انتحاريان قد فجّرا نفسيهما داخل محطة كهرباء في ناحية دبس.", SUICIDE, "Dibis"),
        ("انفجرت سيارتان مفخختان في مدينة الرمادي.", IED, "Ramadi"),
        ("فجّرت انتحاريتان نفسيهما وسط حشود من المدنيين الفارين في الموصل.", SUICIDE, "Mosul"),
    ],
    ids=["two-strikes", "two-suicide-bombers", "two-car-bombs", "two-women-among-crowds-of-civilians"],
)
def test_arabic_duals_name_their_deed(gaz, text: str, kind: tuple[str, str], where: str) -> None:
    assert [(e.event_type, e.sub_event_type, e.place.name) for e in _run(gaz, text).events] == [(*kind, where)]


def test_the_police_of_an_iraqi_story_are_iraqs(gaz) -> None:
    text = "وفي كركوك، أعلنت قيادة الشرطة اعتقال 25 مشتبهاً بهم خلال عمليات تفتيش واسعة."
    [e] = _run(gaz, text).events
    assert (e.sub_event_type, actor_name(e.actor1), e.place.name) == ("Arrests", "Iraqi police", "Kirkuk")


@pytest.mark.parametrize(
    ("text", "controlled_by"),
    [
        pytest.param(
            "سيطرت قوات سوريا الديمقراطية على الطريق الذي يربط الرقة بالحسكة.",
            "SDF (Syrian Democratic Forces)",
            id="linking-road-ar",
        ),
        pytest.param(
            "The SDF seized the road linking Raqqa and Hasakah.", "SDF (Syrian Democratic Forces)", id="linking-road-en"
        ),
        pytest.param("سيطرت قوات البيشمركة على طريق سنجار.", PESHMERGA, id="anchor-road-ar"),
        pytest.param("Peshmerga forces took control of the Sinjar road.", PESHMERGA, id="anchor-road-en"),
        pytest.param(
            "Peshmerga forces regained control of the road linking Sinjar and Duhok.", PESHMERGA, id="regained-road-en"
        ),
        pytest.param("استعادت قوات البيشمركة السيطرة على طريق سنجار.", PESHMERGA, id="regained-road-ar"),
        # told in a relative clause about the road
        pytest.param(
            "سلك الرتل الطريق الدولي الواصل بين تدمر ودير الزور، والذي استعادت قوات النظام السيطرة على أجزاء منه.",
            "Syrian government forces",
            id="relative-ar",
        ),
    ],
)
def test_control_of_a_road_makes_a_route_not_an_event(gaz, text: str, controlled_by: str) -> None:
    ex = _run(gaz, text)
    assert [e.sub_event_type for e in ex.events if e.event_type == "Battles"] == []
    assert [actor_name(r.controlled_by) for r in ex.routes] == [controlled_by]


def test_a_road_taken_in_a_relative_clause_is_no_town_taken(gaz) -> None:
    text = "The convoy took the highway between Palmyra and Deir ez-Zor, which government forces recaptured last week."
    assert [e.event_type for e in _run(gaz, text).events] == []


@pytest.mark.parametrize(
    ("text", "location"),
    [
        pytest.param(
            "قصفت مقاتلات التحالف مواقع لداعش في الموصل، وقال المتحدث في مؤتمر صحفي في بغداد إن الغارات نجحت.",
            "Mosul",
            id="said-after-ar",
        ),
        pytest.param(
            "Coalition warplanes struck Islamic State positions in Mosul, a spokesman told reporters in Baghdad.",
            "Mosul",
            id="said-after-en",
        ),
        pytest.param(
            "قال المتحدث باسم التحالف في بغداد إن طائرات التحالف قصفت مواقع داعش في الموصل.",
            "Mosul",
            id="said-before-ar",
        ),
        pytest.param(
            "A coalition spokesman in Baghdad said coalition warplanes struck ISIS positions in Mosul.",
            "Mosul",
            id="said-before-en",
        ),
        pytest.param(
            "سيطر الجيش العراقي على المنطقة، حسب ما قال متحدث للصحفيين في بغداد.",
            None,
            id="only-the-place-of-speech-ar",
        ),
        pytest.param(
            "The army took control of the area, a spokesman told reporters in Baghdad.",
            None,
            id="only-the-place-of-speech-en",
        ),
    ],
)
def test_where_something_was_said_is_not_the_event_location(gaz, text: str, location: str | None) -> None:
    ex = _run(gaz, text)
    assert "Baghdad" not in [e.place.name for e in ex.events]
    if location:
        assert [e.place.name for e in ex.events] == [location]


@pytest.mark.parametrize(
    ("text", "actors"),
    [
        # subject first in Arabic too, so that only the anaphor is under test
        pytest.param("تنظيم داعش سيطر على بلدة هيت. والتنظيم انسحب لاحقا من هيت.", [ISIS, ISIS], id="anaphor-ar"),
        pytest.param("ISIS seized the town of Hit. The group later withdrew from Hit.", [ISIS, ISIS], id="anaphor-en"),
        pytest.param("الجماعة المتشددة هاجمت الموصل. وداعش انسحب لاحقا من الموصل.", ["", ISIS], id="anaphor-first-ar"),
        # "التنظيم" names the group the next sentence names (actors.py, `cataphoric_actors`)
        pytest.param("التنظيم هاجم الموصل. وداعش انسحب لاحقا من الموصل.", [ISIS, ISIS], id="cataphor-first-ar"),
        pytest.param("The group attacked Mosul. ISIS later withdrew from Mosul.", ["", ISIS], id="anaphor-first-en"),
    ],
)
def test_two_sentences_one_event_each_with_anaphora(gaz, text: str, actors: list[str]) -> None:
    ex = _run(gaz, text)
    assert len(ex.events) == 2
    assert [actor_name(e.actor1) for e in ex.events] == actors
    first, second = ex.events
    assert first.end <= second.start  # each event keeps its own sentence


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("قال المتحدث إن الوضع في الموصل هادئ.", id="calm-ar"),
        pytest.param("The spokesman said the situation in Mosul was calm.", id="calm-en"),
        pytest.param("تقع الرقة على نهر الفرات.", id="geography-ar"),
        pytest.param("Raqqa lies on the Euphrates.", id="geography-en"),
    ],
)
def test_no_trigger_no_event(gaz, text: str) -> None:
    assert _run(gaz, text).events == ()


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("انفجرت سيارتان مفخختان يقودهما انتحاريان عند نقطة للجيش في القائم يوم الاثنين.", id="dual-ar"),
        pytest.param(
            "Two car bombs driven by suicide bombers exploded at an army post in Qaim on Monday.", id="driven-by-en"
        ),
    ],
)
def test_a_bomb_with_a_suicide_attacker_is_a_suicide_bomb(gaz, text: str) -> None:
    (e,) = _run(gaz, text).events
    assert (e.sub_event_type, e.place.name) == ("Suicide bomb", "Al-Qaim")


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("شنت طائرات التحالف غارات على مدفعية داعش قرب سنجار يوم الاثنين.", id="ar"),
        pytest.param("Coalition warplanes carried out strikes on ISIS artillery near Sinjar on Monday.", id="en"),
    ],
)
def test_a_weapon_that_was_hit_does_not_type_the_strike(gaz, text: str) -> None:
    (e,) = _run(gaz, text).events
    assert e.sub_event_type == "Air/drone strike"


def test_no_trigger_phrase_is_listed_twice() -> None:
    """A phrase twice in triggers.csv would be typed by whichever row is read last."""
    path = Path(__file__).resolve().parents[2] / "extract" / "data" / "triggers.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        phrases = [row["phrase"] for row in csv.DictReader(fh)]
    assert sorted({p for p in phrases if phrases.count(p) > 1}) == []


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Idlib is likely to become the next target of government forces.", id="likely-en"),
        pytest.param("ISIS threatened to attack Kirkuk.", id="threatened-en"),
        pytest.param("سوف تهاجم القوات العراقية الموصل.", id="will-ar"),
        pytest.param("قد يحدد السباق شكل السيطرة على الرقة.", id="may-ar"),
        pytest.param("قال قائد عمليات تحرير نينوى إن الوضع في الموصل هادئ.", id="operations-command-ar"),
        # a deed someone would stop
        pytest.param("Engineers built berms near Mayadin to slow the army's advance.", id="to-slow-en"),
        pytest.param(
            "Sand walls near Raqqa prevented the militants from regaining control of the town.", id="prevent-en"
        ),
        pytest.param("حفر التنظيم خنادق قرب الميادين لعرقلة تقدم الجيش.", id="to-hinder-ar"),
        # a deed named as the subject of what is only foreseen (Arabic says it with "سوف", above)
        pytest.param(
            "But retaking Mosul, the largest city under the group's control, is expected to take months.",
            id="subject-expected-en",
        ),
        pytest.param("Recapturing Tabqa would sever the supply road from the west.", id="subject-would-en"),
    ],
)
def test_a_deed_only_foreseen_or_named_is_no_event(gaz, text: str) -> None:
    assert _run(gaz, text).events == ()


@pytest.mark.parametrize(
    ("text", "location"),
    [
        pytest.param(
            "سيطرت القوات العراقية على الرمادي يوم الجمعة. وقال قائد عمليات غرب الأنبار إن القوات دخلت "
            "مركز المدينة، وإن التنظيم شن هجمات بسيارات مفخخة.",
            "Ramadi",
            id="the-town-not-its-province-ar",
        ),
        pytest.param(
            "DOHUK, Iraq (Reuters) - The militants seized Sinjar on Monday "
            "after Peshmerga forces withdrew from the town.",
            "Sinjar",
            id="the-town-named-before-not-the-dateline-en",
        ),
    ],
)
def test_the_most_precise_place_of_the_sentence(gaz, text: str, location: str) -> None:
    assert {e.place.name for e in _run(gaz, text).events} == {location}


def test_a_region_a_verb_of_harm_takes_as_its_object_is_its_event_s_place(gaz) -> None:
    ex = _run(gaz, "A car bomb exploded in Manbij and warplanes target Idlib's countryside.")
    assert [e.place.name for e in ex.events] == ["Manbij", "Idlib countryside"]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Clashes went on in Eastern Ghouta and shells target Jobar district.", id="shells-target-en"),
        pytest.param(
            "Clashes went on in Eastern Ghouta and air strikes target Jobar district.", id="air-strikes-target-en"
        ),
        pytest.param("اشتباكات في الغوطة الشرقية وقذائف تستهدف حي جوبر.", id="qadhaif-tastahdif-ar"),
    ],
)
def test_the_object_of_a_verb_of_harm_after_the_deed_is_its_place_not_another_deed_s(gaz, text: str) -> None:
    assert [(e.event_type, e.place.name) for e in _run(gaz, text).events] == [
        ("Battles", "Eastern Ghouta"),
        ("Explosions/Remote violence", "Jobar"),
    ]


@pytest.mark.parametrize(
    ("text", "places"),
    [
        pytest.param(
            "Violent clashes went on in the Palmyra desert and the vicinity of Tabqa.",
            ["Palmyra", "Tabqa"],
            id="desert-vicinity-en",
        ),
        pytest.param(
            "Fighting raged in the surroundings of Manbij and Jarablus.", ["Manbij", "Jarablus"], id="surroundings-en"
        ),
    ],
)
def test_places_listed_with_their_surroundings_are_each_the_event_s(gaz, text: str, places: list[str]) -> None:
    assert [e.place.name for e in _run(gaz, text).events] == places


def test_a_described_town_is_the_evidence_of_its_event_s_place(gaz) -> None:
    ex = _run(gaz, "Jets bombed Raqqa on Monday. On Tuesday airstrikes hit the besieged city again, killing five.")
    assert [(e.place.surface, e.place.name) for e in ex.events] == [("Raqqa", "Raqqa"), ("the besieged city", "Raqqa")]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        pytest.param("Gunmen raided a village near Kirkuk on Monday.", ("Battles", "Armed clash"), id="raided-en"),
        pytest.param(
            "Jets raided rebel positions in Idlib.",
            ("Explosions/Remote violence", "Air/drone strike"),
            id="jets-raided-en",
        ),
    ],
)
def test_a_raid_is_an_attack(gaz, text: str, kind: tuple[str, str]) -> None:
    (e,) = _run(gaz, text).events
    assert (e.event_type, e.sub_event_type) == kind


def test_shells_that_fell_are_no_fallen_town(gaz) -> None:
    (e,) = _run(gaz, "سقطت قذائف على حي المزة في دمشق يوم الاثنين.").events
    assert e.sub_event_type == "Shelling/artillery/missile attack"


@pytest.mark.parametrize(
    "text",
    [pytest.param("سقطت مدينة الرقة بيد داعش.", id="bi-yad"), pytest.param("سقطت الموصل في أيدي داعش.", id="fi-aydi")],
)
def test_a_town_that_fell_into_the_hands_of_a_group_fell_to_it(gaz, text: str) -> None:
    (e,) = _run(gaz, text).events
    assert (e.sub_event_type, actor_name(e.actor1), e.actor2) == ("Non-state actor overtakes territory", "ISIS", None)


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        pytest.param(
            "انفجرت سيارة مفخخة في مدينة أعزاز، ما أدى إلى سقوط 12 قتيلاً.",
            [("Explosions/Remote violence", 12)],
            id="the-dead-fell-ar",
        ),
        pytest.param(
            "اغتال مسلحون مجهولون قيادياً في هيئة تحرير الشام في مدينة سراقب.",
            [("Violence against civilians", None)],
            id="deed-word-inside-a-name-ar",
        ),
    ],
)
def test_words_of_a_deed_that_name_no_deed(gaz, text: str, kinds: list[tuple[str, int | None]]) -> None:
    assert [(e.event_type, e.fatalities) for e in _run(gaz, text).events] == kinds


def test_an_arabic_deployment_is_a_strategic_development(gaz) -> None:
    (e,) = _run(gaz, "انتشرت القوات العراقية في مدينة كركوك يوم الاثنين.").events
    assert (e.event_type, e.sub_event_type, actor_name(e.actor1)) == ("Strategic developments", "Other", "Iraqi army")


# Forces are feminine plurals in Arabic: their verbs end in "ت" ("تقدمت قوات النظام"), and those forms are
# triggers as much as the bare ones.
@pytest.mark.parametrize(
    ("text", "kind"),
    [
        pytest.param("تقدمت قوات النظام في بلدة مورك.", ("Battles", "Armed clash"), id="advanced-f"),
        pytest.param(
            "دمرت قوات النظام منازل في بلدة مورك.",
            ("Strategic developments", "Looting/property destruction"),
            id="destroyed-f",
        ),
        pytest.param(
            "اجتاحت فصائل المعارضة بلدة مورك.", ("Battles", "Non-state actor overtakes territory"), id="overran-f"
        ),
    ],
)
def test_an_arabic_verb_of_a_feminine_subject_is_a_trigger(gaz, text: str, kind: tuple[str, str]) -> None:
    (e,) = _run(gaz, text).events
    assert (e.event_type, e.sub_event_type, e.place.name) == (*kind, "Morek")


def test_the_dead_an_arabic_dual_counts(gaz) -> None:
    (e,) = _run(gaz, "انفجرت عبوة ناسفة في مدينة الرقة، ما أدى إلى مقتل عنصرين.").events
    assert e.fatalities == 2


# Who acted in Arabic reports: the members of a group after the verb ("مسلحون من داعش"), a killing verb that
# was a passive (its subject suffered: "قتل مسلحو داعش في قصف"), and the one a taking names as holder.
@pytest.mark.parametrize(
    ("text", "actors"),
    [
        pytest.param(
            "هاجم مسلحون من داعش نقطة للحشد الشعبي في قضاء الطارمية.",
            ("ISIS", "Popular Mobilization Forces"),
            id="gunmen-of",
        ),
        pytest.param("هاجمت خلية من داعش نقطة للجيش العراقي في قضاء الطارمية.", ("ISIS", "Iraqi army"), id="cell-of"),
        pytest.param("قتل مسلحو داعش في قصف على قضاء الطارمية.", ("", "ISIS"), id="passive-killed-in"),
        pytest.param(
            "قتل عناصر من قوات النظام جراء غارة على بلدة مورك.", ("", "Syrian government forces"), id="passive-by-cause"
        ),
        pytest.param(
            "قتلت قوات النظام خمسة مدنيين في قصف على بلدة مورك.",
            ("Syrian government forces", "Civilians"),
            id="active-count",
        ),
        pytest.param(
            "عادت العائلات إلى بلدة مورك بعد سيطرة قوات النظام عليها.",
            ("Syrian government forces", ""),
            id="taken-by-holder",
        ),
        pytest.param("اعتقلت قوات الأمن العراقية متهما في قضاء الطارمية.", ("Iraqi army", ""), id="security-forces"),
        # the organisation's fighters, in the nominative ("مقاتلو") as in the genitive
        pytest.param("انسحب مقاتلو التنظيم من قضاء الطارمية.", ("ISIS", ""), id="fighters-nominative"),
        pytest.param(
            "شن مسلحو التنظيم هجوما على نقطة للجيش العراقي في قضاء الطارمية.", ("ISIS", "Iraqi army"), id="gunmen"
        ),
        # raided (by air), drove out
        pytest.param("أغارت طائرات روسية على مستشفى في بلدة مورك.", ("Russian forces", ""), id="raided"),
        pytest.param("طردت فصائل المعارضة عناصر داعش من بلدة مورك.", ("Syrian rebels", "ISIS"), id="drove-out"),
    ],
)
def test_who_acted_in_an_arabic_report(gaz, text: str, actors: tuple[str, str]) -> None:
    (e,) = _run(gaz, text).events
    assert (actor_name(e.actor1), actor_name(e.actor2)) == actors


# Protests, as ACLED codes them: what a protest is against is no side of it; the protesters are actor1, named
# or not, a force that intervened actor2; a fall demanded is no taking.
@pytest.mark.parametrize(
    ("text", "kind", "actors"),
    [
        pytest.param(
            "خرجت مظاهرة في مدينة إدلب تطالب بإسقاط النظام.", "Peaceful protest", ("Protesters", ""), id="demand-ar"
        ),
        pytest.param(
            "Hundreds protested in Idlib demanding the fall of the regime.",
            "Peaceful protest",
            ("Protesters", ""),
            id="demand-en",
        ),
        pytest.param(
            "تظاهر المئات في مدينة الباب ضد هيئة تحرير الشام.", "Peaceful protest", ("Protesters", ""), id="against-ar"
        ),
        pytest.param(
            "فرقت قوات الأمن العراقية المتظاهرين في البصرة.",
            "Protest with intervention",
            ("Protesters", "Iraqi army"),
            id="dispersed-ar",
        ),
        pytest.param(
            "Iraqi police dispersed protesters in Basra.",
            "Protest with intervention",
            ("Protesters", "Iraqi police"),
            id="dispersed-en",
        ),
    ],
)
def test_the_sides_of_a_protest(gaz, text: str, kind: str, actors: tuple[str, str]) -> None:
    (e,) = _run(gaz, text).events
    assert (e.sub_event_type, actor_name(e.actor1), actor_name(e.actor2)) == (kind, *actors)


# Ground handed over under a deal, as ACLED codes it: a non-violent transfer of territory; the deal itself is
# another development; a taking fought for stays a battle; civilians leaving hand nothing over.
@pytest.mark.parametrize(
    ("text", "location", "want"),
    [
        pytest.param(
            "Government forces entered Nawa on Friday after its fighters agreed to hand over their heavy weapons.",
            "Nawa",
            {(TRANSFER, SYRIAN_GOV), (AGREEMENT, "")},
            id="entered-after-surrender-en",
        ),
        pytest.param(
            "ودخلت قوات النظام بلدة بيت جن بعد خروج آخر دفعة من المقاتلين.",
            "Beit Jinn",
            {(TRANSFER, SYRIAN_GOV)},
            id="entered-after-the-last-ones-left-ar",
        ),
        pytest.param(
            "Government forces entered Nawa after fierce clashes with rebels who had rejected the deal.",
            "Nawa",
            {(REGAINS, SYRIAN_GOV), (AGREEMENT, SYRIAN_GOV)},
            id="fought-for-en",
        ),
        pytest.param(
            "The agreement was announced on Friday. Around 1,500 Jaish al-Islam fighters left the town of Dumair.",
            "Al-Dumayr",
            {(TRANSFER, "Syrian rebels")},
            id="fighters-left-after-a-deal-en",
        ),
        pytest.param(
            "وبموجب الاتفاق، خرج مقاتلو المعارضة من بيت جن باتجاه إدلب.",
            "Beit Jinn",
            {(TRANSFER, "Syrian rebels")},
            id="fighters-left-under-the-deal-ar",
        ),
        pytest.param(
            "Buses carrying rebels and their families left Syria's Quneitra province on Sunday under a surrender deal.",
            "Quneitra Governorate",
            {(TRANSFER, "Syrian rebels"), (AGREEMENT, "Syrian rebels")},
            id="the-deal-and-the-handover-are-two-en",
        ),
        pytest.param("Civilians left Raqqa on Monday under the deal.", "Raqqa", {(AGREEMENT, "")}, id="civilians-en"),
        pytest.param("وخرج الأهالي من الرقة بموجب الاتفاق.", "Raqqa", set(), id="civilians-ar"),
        pytest.param("ISIS fighters left Raqqa for Mosul on Monday.", "Raqqa", set(), id="no-deal-told-en"),
    ],
)
def test_ground_handed_over_under_a_deal(gaz, text: str, location: str, want: set[tuple[tuple[str, str], str]]) -> None:
    got = {
        ((e.event_type, e.sub_event_type), actor_name(e.actor1))
        for e in _run(gaz, text).events
        if e.place.name == location
    }
    assert got == want


# What crowds do, as ACLED codes it: a crowd that storms or burns riots; a protest met with live fire, or whose
# people are killed, meets excessive force; one broken up is a protest with intervention; burning tyres on a
# blocked road is still a protest.
@pytest.mark.parametrize(
    ("text", "kind", "location", "actors"),
    [
        pytest.param(
            "An angry crowd stormed a Turkish base in Duhok.",
            ("Riots", "Violent demonstration"),
            "Duhok",
            ("Protesters", SKIP),
            id="angry-crowd-en",
        ),
        pytest.param(
            "اقتحمت حشود غاضبة قاعدة تركية في دهوك.",
            ("Riots", "Violent demonstration"),
            "Duhok",
            ("Protesters", SKIP),
            id="angry-crowd-ar",
        ),
        pytest.param(
            "Protesters stormed the Iranian consulate in Basra and set fire to it.",
            ("Riots", "Violent demonstration"),
            "Basra",
            ("Protesters", ""),
            id="stormed-en",
        ),
        pytest.param(
            "اقتحم المتظاهرون القنصلية الإيرانية في النجف وأحرقوها.",
            ("Riots", "Violent demonstration"),
            "Najaf",
            ("Protesters", ""),
            id="stormed-ar",
        ),
        pytest.param(
            "Demonstrators torched two police stations in Nasiriyah.",
            ("Riots", "Violent demonstration"),
            "Nasiriyah",
            ("Protesters", SKIP),
            id="torched-en",
        ),
        pytest.param(
            "وأحرق متظاهرون مركزين للشرطة في الناصرية.",
            ("Riots", "Violent demonstration"),
            "Nasiriyah",
            ("Protesters", SKIP),
            id="torched-ar",
        ),
        pytest.param(
            "Security forces shot dead 12 protesters in Basra.",
            ("Protests", "Excessive force against protesters"),
            "Basra",
            ("Protesters", IRAQI_ARMY),
            id="shot-dead-en",
        ),
        pytest.param(
            "أطلقت القوات الأمنية الرصاص الحي على المتظاهرين في الناصرية.",
            ("Protests", "Excessive force against protesters"),
            "Nasiriyah",
            ("Protesters", IRAQI_ARMY),
            id="live-fire-ar",
        ),
        pytest.param(
            "Two protesters were killed in clashes in Najaf.",
            ("Protests", "Excessive force against protesters"),
            "Najaf",
            ("Protesters", ""),
            id="killed-en",
        ),
        pytest.param(
            "وقُتل متظاهران في اشتباكات قرب جسر الأحرار في النجف.",
            ("Protests", "Excessive force against protesters"),
            "Najaf",
            ("Protesters", ""),
            id="killed-ar",
        ),
        pytest.param(
            "Security forces cleared the sit-in at Umm Qasr.",
            ("Protests", "Protest with intervention"),
            "Umm Qasr",
            ("Protesters", IRAQI_ARMY),
            id="cleared-en",
        ),
        pytest.param(
            "فضت القوات الأمنية اعتصام المحتجين في أم قصر.",
            ("Protests", "Protest with intervention"),
            "Umm Qasr",
            ("Protesters", IRAQI_ARMY),
            id="cleared-ar",
        ),
        pytest.param(
            "Protesters blocked the road to Umm Qasr and burned tyres.",
            PROTEST,
            "Umm Qasr",
            ("Protesters", ""),
            id="tyres-en",
        ),
        pytest.param(
            "وقطع المحتجون الطريق بين بغداد والبصرة عند الناصرية وأحرقوا الإطارات.",
            PROTEST,
            "Nasiriyah",
            ("Protesters", ""),
            id="tyres-ar",
        ),
        pytest.param(
            "Thousands of protesters marched in Hama against the killing of a cleric.",
            PROTEST,
            "Hama",
            ("Protesters", ""),
            id="a-killing-protested-en",
        ),
    ],
)
def test_what_crowds_do(gaz, text: str, kind: tuple[str, str], location: str, actors: tuple[object, object]) -> None:
    (e,) = [e for e in _run(gaz, text).events if e.place.name == location]
    got = [actor_name(e.actor1), actor_name(e.actor2)]
    want = list(actors)
    for i in (0, 1):
        if want[i] is SKIP:
            got[i] = want[i] = ""
    assert ((e.event_type, e.sub_event_type), *got) == (kind, *want)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Ramadi fell to ISIS in May.", id="fell-to"),
        pytest.param("The fall of Ramadi to the Islamic State shocked the army.", id="fall-of-to"),
    ],
)
def test_who_a_town_fell_to_took_it(gaz, text: str) -> None:
    (e,) = _run(gaz, text).events
    assert (e.sub_event_type, actor_name(e.actor1)) == ("Non-state actor overtakes territory", "ISIS")


def test_a_response_to_an_attack_is_no_aim(gaz) -> None:
    (e,) = _run(gaz, "The minister responds to the attack in the Karrada district of Baghdad.").events
    assert e.event_type == "Battles"


def test_forces_that_pushed_into_a_town_took_it(gaz) -> None:
    (e,) = _run(gaz, "Kurdish Peshmerga fighters pushed into Bashiqa after a two-day siege.").events
    assert (e.event_type, e.place.name, actor_name(e.actor1)) == ("Battles", "Bashiqa", PESHMERGA)


def test_forces_that_pushed_deeper_into_a_town_took_it(gaz) -> None:
    (e,) = _run(gaz, "Iraqi special forces pushed deeper into eastern Mosul on Thursday.").events
    assert (e.sub_event_type, e.place.name, actor_name(e.actor1)) == (
        "Government regains territory",
        "East Mosul (left bank)",
        "Iraqi Counter-Terrorism Service",
    )


@pytest.mark.parametrize(
    ("text", "doer"),
    [
        pytest.param("Rebels blew up a tunnel under an army post in Morek.", "Syrian rebels", id="blew-up-en"),
        pytest.param("The bridge at Morek was blown up overnight.", "", id="blown-up-en"),
        pytest.param("فجروا الجسر الواصل بين ضفتي النهر في بلدة مورك.", "", id="they-blew-up-ar"),
    ],
)
def test_what_was_blown_up_was_an_explosion(gaz, text: str, doer: str) -> None:
    (e,) = _run(gaz, text).events
    assert (e.event_type, e.place.name, actor_name(e.actor1)) == ("Explosions/Remote violence", "Morek", doer)


def test_a_town_wrested_from_a_group_was_taken_from_it(gaz) -> None:
    (e,) = _run(gaz, "The SDF wrested control of Tabqa from Islamic State on Monday.").events
    assert (e.sub_event_type, e.place.name, actor_name(e.actor1), actor_name(e.actor2)) == (
        "Non-state actor overtakes territory",
        "Tabqa",
        "SDF (Syrian Democratic Forces)",
        "ISIS",
    )


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Hundreds of civilians fled Baghuz toward Hasakah, escaping the fighting.", id="en"),
        pytest.param("فرّ مئات المدنيين من الباغوز باتجاه الحسكة هرباً من المعارك.", id="ar"),
        pytest.param("فر مدنيون من بلدة الباغوز باتجاه الحسكة هربا من القصف.", id="ar-town-of"),
        # fighters who fell back: the attack that drove them happened where they left
        pytest.param("ISIS fighters retreated from Baghuz to Hasakah after the SDF offensive.", id="retreated-en"),
        pytest.param("تراجع مسلحو داعش من الباغوز إلى الحسكة بعد قصف قوات سوريا الديمقراطية.", id="fell-back-ar"),
    ],
)
def test_a_deed_people_flee_happened_where_they_fled_from(gaz, text: str) -> None:
    (e,) = _run(gaz, text).events
    assert e.place.name == "Al-Baghuz"


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "ISIS fighters attacked Kirkuk on Friday. Later the group's fighters withdrew toward Hawija.", id="en"
        ),
        pytest.param("هاجم مسلحو داعش مدينة كركوك يوم الجمعة. ثم انسحب عناصر التنظيم باتجاه الحويجة.", id="ar"),
    ],
)
def test_a_withdrawal_is_where_the_fighters_left_not_where_they_went(gaz, text: str) -> None:
    withdrawals = [e for e in _run(gaz, text).events if e.sub_event_type == "Non-violent transfer of territory"]
    assert [e.place.name for e in withdrawals] == ["Kirkuk"]


# A deed told again ("the attack", "الهجوم") with no place of its own is the event before it, and gives it
# its dead; "the attackers" are the doers of the attack told before.
@pytest.mark.parametrize(
    ("text", "want"),
    [
        pytest.param(
            "ISIS fighters attacked an army post in Kirkuk on Friday. The attack killed three soldiers.",
            [("Battles", "Kirkuk", 3)],
            id="the-attack-en",
        ),
        pytest.param(
            "شن مسلحو داعش هجوما على نقطة للجيش في كركوك يوم الجمعة. وقال مصدر إن الهجوم أسفر عن مقتل ثلاثة جنود.",
            [("Battles", "Kirkuk", 3)],
            id="the-attack-ar",
        ),
        pytest.param(
            "A car bomb exploded in Kirkuk on Monday. The blast killed 12 people and wounded 30.",
            [("Explosions/Remote violence", "Kirkuk", 12)],
            id="the-blast-en",
        ),
        pytest.param(
            "A car bomb exploded in Kirkuk on Monday. Another car bomb exploded in Mosul.",
            [("Explosions/Remote violence", "Kirkuk", None), ("Explosions/Remote violence", "Mosul", None)],
            id="another-deed",
        ),
        pytest.param(
            "Clashes erupted in Kirkuk on Monday. The clashes in Mosul continued.",
            [("Battles", "Kirkuk", None), ("Battles", "Mosul", None)],
            id="told-again-elsewhere",
        ),
    ],
)
def test_a_deed_told_again_is_the_event_before(gaz, text: str, want: list) -> None:
    assert [(e.event_type, e.place.name, e.fatalities) for e in _run(gaz, text).events] == want


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "ISIS fighters attacked an army post in Kirkuk. The attackers withdrew from Kirkuk at dawn.", id="en"
        ),
        pytest.param("هاجم مسلحو داعش نقطة للجيش في كركوك. وانسحب المهاجمون من كركوك فجرا.", id="ar"),
    ],
)
def test_the_attackers_are_the_doers_of_the_attack_before(gaz, text: str) -> None:
    events = _run(gaz, text).events
    assert [(e.sub_event_type, actor_name(e.actor1)) for e in events][-1] == (
        "Non-violent transfer of territory",
        "ISIS",
    )


def test_the_dead_of_a_sentence_are_no_withdrawal_s(gaz) -> None:
    text = "قتل ثلاثة جنود في الاشتباكات، فيما انسحب مسلحو داعش من كركوك."
    withdrawals = [e for e in _run(gaz, text).events if e.sub_event_type == "Non-violent transfer of territory"]
    assert [e.fatalities for e in withdrawals] == [None]


def test_an_attack_told_again_is_not_placed_where_its_doers_went(gaz) -> None:
    text = (
        "شنت خلايا تابعة لتنظيم داعش هجوما على نقطة لقوات سوريا الديمقراطية في بلدة هجين فجر اليوم.\n\n"
        "وقال مراسل محلي إن الهجوم أسفر عن مقتل ثلاثة عناصر من قسد، فيما انسحب المهاجمون باتجاه البادية."
    )
    events = _run(gaz, text).events
    assert [(e.sub_event_type, e.place.name, actor_name(e.actor1), e.fatalities) for e in events] == [
        ("Armed clash", "Hajin", "ISIS", 3),
        ("Non-violent transfer of territory", "Hajin", "ISIS", None),
    ]


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        pytest.param(
            "قصف تنظيم داعش البلدة أمس. وكانت قذائف أطلقها التنظيم قد سقطت على قرقميش.",
            [("Shelling/artillery/missile attack", "ISIS")] * 2,
            id="shells-fired-by-fell-ar",
        ),
        pytest.param(
            "Rockets fired by ISIS fell on Kilis on Tuesday.",
            [("Shelling/artillery/missile attack", "ISIS")],
            id="shells-fired-by-fell-en",
        ),
        pytest.param(  # "صاروخاً", as a count's noun is written, is a missile too
            "وكانت 22 صاروخاً قد سقطت على قاعدة عين الأسد الجوية فجر اليوم.",
            [("Shelling/artillery/missile attack", "")],
            id="missiles-counted-fell-ar",
        ),
        pytest.param(
            "Twenty-two missiles fell on the Ain al-Asad air base at dawn.",
            [("Shelling/artillery/missile attack", "")],
            id="missiles-counted-fell-en",
        ),
        pytest.param(
            "The shelling comes a day after the fall of Yabrud.",
            [("Shelling/artillery/missile attack", ""), ("Non-state actor overtakes territory", "")],
            id="the-fall-of-a-town-after-shelling",
        ),
        pytest.param(
            "انسحب عناصر داعش من جرابلس وتركوا وراءهم ألغاماً وعبوات ناسفة.",
            [("Non-violent transfer of territory", "ISIS")],
            id="left-behind-ar",
        ),
        pytest.param(
            "ISIS fighters withdrew from Jarablus, leaving behind mines and IEDs.",
            [("Non-violent transfer of territory", "ISIS")],
            id="left-behind-en",
        ),
        pytest.param("Engineers cleared the mines in Jarablus.", [], id="cleared-en"),
        pytest.param("عاد الأهالي إلى جرابلس بعد إزالة الألغام.", [], id="cleared-ar"),
        pytest.param(
            "Troops entered Jarablus after clearing it of mines.",
            [("Government regains territory", "Syrian government forces")],  # the entry, no explosion
            id="cleared-it-of-en",
        ),
        pytest.param("Engineers finished clearing the roads of landmines in Jarablus.", [], id="cleared-roads-of-en"),
        pytest.param("عاد الأهالي إلى جرابلس بعد تطهير المنطقة من الألغام.", [], id="cleared-area-ar"),
        pytest.param("ISIS left Jarablus after the bombing.", [("Remote explosive/landmine/IED", "")], id="left-after"),
        pytest.param(
            "An IED left by ISIS exploded in Jarablus, killing two.",
            [("Remote explosive/landmine/IED", "ISIS")],
            id="left-by-exploded",
        ),
    ],
)
def test_shells_that_fell_and_mines_left_behind(gaz, text: str, kinds: list[tuple[str, str]]) -> None:
    assert [(e.sub_event_type, actor_name(e.actor1)) for e in _run(gaz, text).events] == kinds


def test_factions_of_a_group_are_one_side(gaz) -> None:
    (e,) = _run(gaz, "سيطرت فصائل من الجيش السوري الحر على مدينة جرابلس.").events
    assert (actor_name(e.actor1), e.actor2) == ("Free Syrian Army", None)


@pytest.mark.parametrize(
    "text",
    [
        "اندلعت اشتباكات بين هيئة تحرير الشام وحركة أحرار الشام في بلدة مورك.",
        "Clashes broke out between Tahrir al-Sham and Ahrar al-Sham in Morek.",
    ],
)
def test_two_groups_of_one_family_listed_as_two_are_two_sides(gaz, text: str) -> None:
    (e,) = _run(gaz, text).events
    assert {actor_name(e.actor1), actor_name(e.actor2)} == {"Jabhat al-Nusra", "Syrian rebels"}


def test_an_expulsion_told_as_past_is_no_new_taking(gaz) -> None:
    assert _run(gaz, "وقالت مصادر إن المدنيين عادوا إلى بلدة مورك منذ طرد التنظيم منها.").events == ()


@pytest.mark.parametrize(
    ("text", "doer"),
    [
        pytest.param(
            "ISIS fighters seized Sinjar on Sunday. Dozens of men had been abducted in Sinjar, witnesses said.",
            "ISIS",
            id="en",
        ),
        pytest.param(
            "سيطر تنظيم داعش على سنجار يوم الأحد. وقالت مصادر إن عشرات الرجال اختطفوا في سنجار.", "ISIS", id="ar"
        ),
        pytest.param(
            "ISIS fighters seized Sinjar on Sunday.\n\nDozens of men had been abducted in Sinjar, witnesses said.",
            "",
            id="another-paragraph",
        ),
        pytest.param(
            "ISIS fighters seized Sinjar on Sunday. Dozens of men had been abducted in Tal Afar, witnesses said.",
            "",
            id="another-town",
        ),
    ],
)
def test_the_group_that_took_a_town_did_what_no_one_is_named_for_there(gaz, text: str, doer: str) -> None:
    (e,) = [e for e in _run(gaz, text).events if e.event_type == "Violence against civilians"]
    assert actor_name(e.actor1) == doer


def test_the_joint_operations_command_is_the_iraqi_army(gaz) -> None:
    (e,) = _run(gaz, "أعلنت قيادة العمليات المشتركة تحرير قضاء تلعفر بالكامل من سيطرة داعش.").events
    assert (e.sub_event_type, actor_name(e.actor1), actor_name(e.actor2)) == (
        "Government regains territory",
        "Iraqi army",
        "ISIS",
    )


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "بدأت قوات سوريا الديمقراطية هجوماً على مواقع داعش في الطبقة، بدعم من طيران التحالف الدولي.", id="ar"
        ),
        pytest.param("The SDF launched an assault on ISIS positions in Tabqa backed by coalition aircraft.", id="en"),
    ],
)
def test_an_ally_s_aircraft_do_not_make_an_assault_an_air_strike(gaz, text: str) -> None:
    (e,) = _run(gaz, text).events
    assert (e.sub_event_type, actor_name(e.actor1)) == ("Armed clash", "SDF (Syrian Democratic Forces)")


@pytest.mark.parametrize(
    ("text", "place"),
    [
        pytest.param(
            "More than 100,000 people have been displaced from Afrin to nearby Tal Rifaat since the offensive began.",
            "Afrin",
            id="displaced-en",
        ),
        pytest.param("نزحت عائلات من الباب إلى منبج بعد اشتباكات عنيفة.", "Al-Bab", id="displaced-ar"),
        pytest.param("Iraqi forces advanced from Qayyarah to Hammam al-Alil after heavy clashes.", None, id="advance"),
    ],
)
def test_violence_people_fled_is_where_they_left(gaz, text: str, place: str | None) -> None:
    places = {e.place.name for e in _run(gaz, text).events if e.sub_event_type == "Armed clash"}
    if place is None:  # troops that advance fight where they go
        assert "Hammam al-Alil" in places
    else:
        assert places == {place}


@pytest.mark.parametrize(
    ("text", "sides"),
    [
        pytest.param("The army expelled ISIS from Ramadi.", ("Iraqi army", "ISIS"), id="expelled"),
        pytest.param(
            "Thousands returned to Manbij after the SDF drove out Islamic State.",
            ("SDF (Syrian Democratic Forces)", "ISIS"),
            id="drove-out",
        ),
        pytest.param("ISIS was expelled from Ramadi on Tuesday.", ("", "ISIS"), id="was-expelled"),
        pytest.param(
            "Syrian troops took the town of Qusair from rebels.",
            ("Syrian government forces", "Syrian rebels"),
            id="took-the-town",
        ),
        pytest.param(
            "ISIS fighters were ousted from Manbij by the SDF.",
            ("SDF (Syrian Democratic Forces)", "ISIS"),
            id="ousted-by",
        ),
    ],
)
def test_who_drove_out_whom(gaz, text: str, sides: tuple[str, str]) -> None:
    (e,) = _run(gaz, text).events
    assert (actor_name(e.actor1), actor_name(e.actor2)) == sides


def test_the_first_of_two_sides_listed_with_an_adjective_is_actor1(gaz) -> None:
    (e,) = _run(gaz, "Syrian rebels and Kurdish YPG fighters clashed near Tal Rifaat.").events
    assert (actor_name(e.actor1), actor_name(e.actor2)) == ("Syrian rebels", "YPG (People's Protection Units)")


def test_a_backed_force_named_again_in_brackets_took_the_town(gaz) -> None:
    text = "The U.S.-backed Syrian Democratic Forces (SDF) said on Friday they had taken full control of Manbij."
    (e,) = _run(gaz, text).events
    assert (e.sub_event_type, actor_name(e.actor1)) == (
        "Non-state actor overtakes territory",
        "SDF (Syrian Democratic Forces)",
    )


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        pytest.param("لم تقصف قوات النظام بلدة تلبيسة يوم الأربعاء.", [], id="did-not-ar"),
        pytest.param("The army did not shell Talbiseh on Wednesday.", [], id="did-not-en"),
        pytest.param("لم يكن ذلك اتفاقاً في حمص، بل تهجيراً.", [], id="not-a-truce-ar"),
        pytest.param('"This is not a truce, it is the evacuation of Homs," he said.', [], id="not-a-truce-en"),
        # what was not stopped, and who was not killed, are other words: the strike stands
        pytest.param("لم تتوقف الغارات على بلدة تلبيسة يوم الأربعاء.", ["Air/drone strike"], id="did-not-stop-ar"),
        pytest.param("No one was killed in the air strike on Talbiseh.", ["Air/drone strike"], id="no-one-killed-en"),
    ],
)
def test_a_denied_deed_is_no_event(gaz, text: str, kinds: list[str]) -> None:
    assert [e.sub_event_type for e in _run(gaz, text).events] == kinds


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("وقالت وكالة سانا إن الدفاعات الجوية اعترضت معظم الصواريخ في سماء دمشق.", id="ar"),
        pytest.param("State media said air defences had intercepted most of the missiles over Damascus.", id="en"),
        pytest.param("State media said air defences were intercepting the missiles over Damascus.", id="en-ing"),
    ],
)
def test_an_interception_is_disrupted_weapons_use(gaz, text: str) -> None:
    kinds = {(e.sub_event_type, e.place.name) for e in _run(gaz, text).events}
    assert ("Disrupted weapons use", "Damascus") in kinds


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "وخرجت أمس مظاهرة في مدينة الأتارب تطالب بوقف الاقتتال، بينما فرّقت قوات الأمن مظاهرة مماثلة في بلدة "
            "كفرنبل بإطلاق النار في الهواء.",
            id="ar",
        ),
        pytest.param(
            "Protesters rallied in Atarib on Wednesday, while security forces dispersed a similar protest in "
            "Kafranbel by firing in the air.",
            id="en",
        ),
    ],
)
def test_a_protest_broken_up_across_a_contrast_is_another_one(gaz, text: str) -> None:
    kinds = sorted((e.place.name, e.sub_event_type) for e in _run(gaz, text).events)
    assert kinds == [("Al-Atarib", "Peaceful protest"), ("Kafranbel", "Protest with intervention")]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        pytest.param(
            "ونظم العشرات من أهالي الحسكة، أمس السبت، وقفة احتجاجية أمام مكتب الأمم المتحدة في المدينة.",
            "Peaceful protest",
            id="vigil-ar",
        ),
        pytest.param(
            "Dozens of Hasakah residents rallied outside the United Nations office in the city on Saturday.",
            "Peaceful protest",
            id="rallied-en",
        ),
        pytest.param("فضت قوات الأمن اعتصاماً في البصرة بالغاز المسيل للدموع.", "Protest with intervention", id="ar"),
        pytest.param("Police dispersed a sit-in in Basra with tear gas.", "Protest with intervention", id="en"),
    ],
)
def test_a_protest_whose_crowd_is_unnamed_is_by_protesters(gaz, text: str, kind: str) -> None:
    """ACLED's actor1 of a protest is its crowd: "Protesters" when the text names none as an actor."""
    [e] = [e for e in _run(gaz, text).events if e.event_type == "Protests"]
    assert (e.sub_event_type, actor_name(e.actor1)) == (kind, "Protesters")


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("رفع المحتجون في الحسكة عبوات فارغة ولافتات تطالب بعودة المياه.", id="ar"),
        pytest.param("انفجرت عبوة قرب دورية للجيش في الحسكة.", id="a-bomb-ar"),
    ],
)
def test_empty_bottles_are_no_bomb(gaz, text: str) -> None:
    """ "عبوة" alone is a bomb ("انفجرت عبوة"), but not before "فارغة" (empty) or "مياه" (water)."""
    bombs = [e for e in _run(gaz, text).events if e.sub_event_type == "Remote explosive/landmine/IED"]
    assert len(bombs) == ("a-bomb" in text or "دورية" in text)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("تجمع العشرات أمام مكتب الأمم المتحدة في السليمانية احتجاجاً على القصف التركي.", id="ar"),
        pytest.param(
            "Dozens of people gathered outside the United Nations office in Sulaimani to protest the strikes.", id="en"
        ),
    ],
)
def test_what_a_protest_is_against_is_no_deed_of_its_own(gaz, text: str) -> None:
    """The strikes protested were told elsewhere: only the protest happened here, by protesters (not by the
    office the crowd gathered at)."""
    assert [(e.sub_event_type, actor_name(e.actor1)) for e in _run(gaz, text).events] == [
        ("Peaceful protest", "Protesters")
    ]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "قصفت طائرات إسرائيلية مطار التيفور. وقالت وزارة الدفاع الروسية إن طائرتين أطلقتا ثمانية صواريخ على "
            "القاعدة الجوية من الأجواء اللبنانية.",
            id="ar",
        ),
        pytest.param(
            "Israeli jets struck the T4 air base on Monday. Russia said two Israeli F-15 aircraft fired eight missiles "
            "at the base from Lebanese airspace.",
            id="en",
        ),
    ],
)
def test_the_base_is_the_air_base_named_before(gaz, text: str) -> None:
    second = text.index(".") + 1
    assert {e.place.name for e in _run(gaz, text).events if e.start >= second} == {"Tiyas Air Base (T4)"}


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("نظم العشرات وقفة تضامنية في ساحة التحرير ببغداد يوم الثلاثاء.", id="ar"),
        pytest.param("Hundreds held a candlelight vigil in Tahrir Square in Baghdad on Tuesday.", id="en"),
    ],
)
def test_a_vigil_is_a_protest(gaz, text: str) -> None:
    assert [(e.sub_event_type, actor_name(e.actor1)) for e in _run(gaz, text).events] == [
        ("Peaceful protest", "Protesters")
    ]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("حاول محتجون عبور جسر الأحرار في بغداد، فردت قوات الأمن بقنابل الغاز والرصاص المطاطي.", id="ar"),
        pytest.param(
            "Protesters tried to cross the Ahrar bridge in Baghdad, and police responded with rubber bullets.",
            id="en",
        ),
    ],
)
def test_a_protest_met_with_tear_gas_or_rubber_bullets_met_intervention(gaz, text: str) -> None:
    kinds = {e.sub_event_type for e in _run(gaz, text).events if e.event_type == "Protests"}
    assert kinds == {"Protest with intervention"}
