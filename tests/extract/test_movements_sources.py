"""extract/movements.py through the pipeline: journeys with several origins, carried people and
destinations told by a reference, in Arabic and English side by side (case tables written here)."""

from __future__ import annotations

import pytest

from tests.extract.test_movements import _journeys, _run, _table

SOURCES = [
    (
        "from-two-towns",  # reinforcements from each town told
        "أرسلت قسد تعزيزات من الحسكة والرقة إلى ريف دير الزور.",
        "The SDF sent reinforcements from Hasakeh and Raqqa to the Deir Ezzor countryside.",
        [("Al-Hasakah", "Deir ez-Zor countryside"), ("Raqqa", "Deir ez-Zor countryside")],
    ),
    (
        "left-two-towns",
        "غادر آلاف الأشخاص بلدتي الفوعة وكفريا باتجاه حلب يوم الجمعة.",
        "Thousands of people left Foua and Kefraya for Aleppo on Friday.",
        [("Al-Fu'ah", "Aleppo"), ("Kafriya", "Aleppo")],
    ),
    (
        "a-town-and-its-province",  # a province beside a town is no second origin
        "وصلت تعزيزات من منبج وريف حلب إلى الباب.",
        "Reinforcements came from Manbij and the Aleppo countryside to al-Bab.",
        [("Manbij", "Al-Bab")],
    ),
]


@pytest.mark.parametrize(("text", "want"), _table(SOURCES))
def test_each_origin_told_together_starts_a_journey(gaz, text: str, want: list[tuple[str, ...]]) -> None:
    assert _journeys(gaz, text) == want


CARRIED = [
    (
        "and-to-another-destination",  # "and to" / "وإلى": a second destination, not the way on
        "انفجرت سيارة مفخخة في المقدادية يوم الجمعة. ونقلت سيارات الإسعاف الجرحى إلى مستشفيات بعقوبة وإلى بغداد.",
        "A bomb exploded in Muqdadiya on Friday. Ambulances carried the wounded to hospitals in Baqouba, the "
        "provincial capital, and to Baghdad.",
        [("Muqdadiya", "Baqubah"), ("Muqdadiya", "Baghdad")],
    ),
    (
        "took-the-dead",  # "took" / "take" carries the dead or the wounded named right after it
        "انفجرت سيارة مفخخة في المقدادية يوم الجمعة. ونقلت العائلات جثامين القتلى جنوباً إلى النجف لدفنها.",
        "A bomb exploded in Muqdadiya on Friday. Families began loading coffins onto minibuses to take the dead "
        "south to Najaf for burial.",
        [("Muqdadiya", "Najaf")],
    ),
    (
        "thousands-of-people-left",  # a counted subject between the verb and the place left
        "غادر آلاف الأشخاص بلدة الفوعة باتجاه حلب.",
        "Thousands of people left Foua for Aleppo.",
        [("Al-Fu'ah", "Aleppo")],
    ),
]


@pytest.mark.parametrize(("text", "want"), _table(CARRIED))
def test_who_was_carried_and_where(gaz, text: str, want: list[tuple[str, ...]]) -> None:
    assert _journeys(gaz, text) == want


@pytest.mark.parametrize(
    "text",
    [
        "ISIS took control of Muqdadiya and its fighters took part in the battle for Baquba.",
        "The ceremony will take place in Baghdad, far from Muqdadiya.",
    ],
)
def test_taking_control_or_part_carries_no_one(gaz, text: str) -> None:
    assert _journeys(gaz, text) == []


DEPLOYED = [
    (
        "deployed-after-coming-from",  # deployed or stationed somewhere: arrived there, from where they came
        "انتشر المئات من المقاتلين القادمين من الموصل في تلعفر.",
        "Hundreds of fighters who had come from Mosul deployed in Tal Afar.",
        [("Mosul", "Tal Afar")],
    ),
    (
        "stationed-from",
        "تمركزت قوات الجيش في تلعفر قادمة من الموصل.",
        "Hundreds of fighters from Mosul were stationed in Tal Afar.",
        [("Mosul", "Tal Afar")],
    ),
    (
        "deployed-with-no-origin",  # where they stand, not a journey from a place told before
        "تقدم مسلحو التنظيم من الموصل نحو الحويجة، فيما انتشرت القوات الكردية في محيط كركوك.",
        "The militants moved from Mosul into Hawija on Tuesday, while Kurdish forces deployed around Kirkuk.",
        [("Mosul", "Hawija")],
    ),
]


@pytest.mark.parametrize(("text", "want"), _table(DEPLOYED))
def test_deployed_where_they_arrived(gaz, text: str, want: list[tuple[str, ...]]) -> None:
    assert _journeys(gaz, text) == want


ARRIVED = [
    (
        "brought-in-from",  # brought from a town with no destination: to the town the text is about
        "سيطرت الفصائل على الرقة يوم الاثنين. وقد استقدمت الفصائل تعزيزات خلال الليل من الطبقة.",
        "Rebels seized Raqqa on Monday. Rebels brought in reinforcements overnight from Tabqa, the town on the "
        "Euphrates they seized last month.",
        [("Tabqa", "Raqqa")],
    ),
    (
        "from-his-base-in",  # "from his base in Najaf" to "the city": not the city just left
        "قتل قاض في العمارة. ووصلت لجنة أرسلها الصدر من مقره في النجف إلى المدينة.",
        "A judge was shot dead in Amarah. A committee sent by Sadr from his base in Najaf reached the city.",
        [("Najaf", "Amarah")],
    ),
]


@pytest.mark.parametrize(("text", "want"), _table(ARRIVED))
def test_where_movers_came_to(gaz, text: str, want: list[tuple[str, ...]]) -> None:
    assert _journeys(gaz, text) == want


def test_movers_brought_in_did_not_go_to_the_bureau_s_city(gaz) -> None:
    """'BEIRUT (Reuters) -': the city a wire story was written in is not where reinforcements arrived."""
    text = (
        "BEIRUT (Reuters) - Rebels seized Raqqa on Monday, a monitor said.\n\n"
        "Rebels brought in reinforcements overnight from Tabqa, activists said."
    )
    assert _journeys(gaz, text) == [("Tabqa", "Raqqa")]


TRANSFERRED = [
    (
        "transferred-to-hospitals",  # the wounded transferred were where the text is
        "قصفت الطائرات جسر الشغور. ونقلت الحالات الخطرة إلى مستشفيات مدينة إدلب.",
        "A strike hit Jisr al-Shughur. The most serious cases were transferred to hospitals in Idlib city.",
        [("Jisr al-Shughur", "Idlib")],
    ),
    (
        "to-a-prison-in",  # "to a prison in Derik": to Derik
        "نقل المعتقلون من الحسكة إلى سجن في ديريك.",
        "The detainees were transferred from Hasakeh to a prison in Derik.",
        [("Al-Hasakah", "Al-Malikiyah")],
    ),
]


@pytest.mark.parametrize(("text", "want"), _table(TRANSFERRED))
def test_who_was_transferred_and_where(gaz, text: str, want: list[tuple[str, ...]]) -> None:
    assert _journeys(gaz, text) == want


WENT_ON = [
    (
        "some-went-on",  # only two of the wounded went on: a journey of their own from the hospital town
        "هاجم مسلحون نقطة للشرطة في الحويجة. ونقل الجرحى إلى مستشفى كركوك العام، ثم نقل اثنان منهم بمروحية إلى مستشفى"
        " عسكري في بغداد.",
        "Gunmen attacked a police post in Hawija. The wounded were taken to Kirkuk General Hospital, and two of them"
        " were later flown by helicopter to a military hospital in Baghdad.",
        [("Hawija", "Kirkuk"), ("Kirkuk", "Baghdad")],
    ),
    (
        "all-went-on",  # the same movers went on: one journey through the first town
        "وصلت القافلة إلى حمص ثم تابعت عبر حماة إلى حلب.",
        "The convoy reached Homs and then continued through Hama to Aleppo.",
        [("Homs", "Hama", "Aleppo")],
    ),
    (
        "the-worst-of-them-went-on",  # "منها" after the noun of the movers: some of them
        "انفجرت عبوة في الخالص. ونقل الجرحى إلى مستشفى المقدادية، قبل أن تنقل الحالات الحرجة منها إلى بعقوبة.",
        "A bomb went off in Khalis. The wounded were taken to Muqdadiyah, and the critical cases among them were"
        " then moved to Baqubah.",
        [("Khalis", "Muqdadiya"), ("Muqdadiya", "Baqubah")],
    ),
    (
        "and-from-there",  # "ومنها" / "and from there": the same movers went on
        "انسحب المسلحون من الموصل باتجاه تلعفر ومنها نحو سنجار.",
        "The militants withdrew from Mosul toward Tal Afar and then on toward Sinjar.",
        [("Mosul", "Tal Afar", "Sinjar")],
    ),
    (
        "to-a-field-hospital-in",  # a word of the site's kind between the role word and the town
        "قصفت الطائرات بلدة داعل. ونقل الجرحى إلى مستشفى ميداني في طفس.",
        "Jets struck the town of Dael. The wounded were rushed to a field hospital in Tafas.",
        [("Dael", "Tafas")],
    ),
]


@pytest.mark.parametrize(("text", "want"), _table(WENT_ON))
def test_who_went_on_from_a_destination(gaz, text: str, want: list[tuple[str, ...]]) -> None:
    assert _journeys(gaz, text) == want


def test_a_state_s_military_is_still_the_mover(gaz) -> None:
    """A word of a site's kind is crossed only between a place and its role word, never after an actor."""
    text = "Israel's military evacuated 400 rescuers from Quneitra to Jordan overnight."
    [move] = _run(gaz, text).movements
    assert move.actor is not None and move.actor.actor_id == "israel"


SEATS = [
    (
        "village-named-for-its-subdistrict",  # a sub-district told as a village is the village left
        "هاجم مسلحون قرية الرشاد في محافظة كركوك. ونقل الجرحى إلى مستشفى كركوك العام.",
        "Gunmen attacked the village of Rashad in Kirkuk province. The wounded were taken to Kirkuk General Hospital.",
        [("Al-Rashad", "Kirkuk")],
    ),
]


@pytest.mark.parametrize(("text", "want"), _table(SEATS))
def test_a_subdistrict_told_as_its_village_is_where_they_left(gaz, text: str, want: list[tuple[str, ...]]) -> None:
    assert _journeys(gaz, text) == want


SPEAKERS = [
    (
        "a-witness-in-a-town",  # where who tells the journey is, is no stop of it
        "اشتبك المقاتلون في رأس العين يوم الثلاثاء. ووصلت تعزيزات من تل أبيض ليلاً، بحسب مراسلنا في جيلان بينار.",
        "Rebels fought Kurdish militiamen in Ras al-Ain on Tuesday. Reinforcements arrived overnight from Tal Abyad,"
        " a Reuters witness in Ceylanpinar said.",
        [("Tal Abyad", "Ras al-Ain")],
    ),
]


@pytest.mark.parametrize(("text", "want"), _table(SPEAKERS))
def test_where_the_teller_is_is_no_stop(gaz, text: str, want: list[tuple[str, ...]]) -> None:
    assert _journeys(gaz, text) == want


ORIGINS_AFTER = [
    (
        "origins-after-the-destination",  # the origins told together after where the movers arrived
        "وصل مئات الطلبة إلى الكوت قادمين من الصويرة والعزيزية.",
        "Hundreds of students arrived in Kut from Suwaira and Aziziyah.",
        [("Suwaira", "Kut"), ("Aziziyah", "Kut")],
    ),
    (
        "and-from",  # "ومن" / "and from": another origin told with its own word
        "توافد مئات المحتجين من مدينة شهبا ومن بلدة صلخد إلى مدينة السويداء.",
        "Hundreds of protesters streamed from Shahba and from Salkhad into Suwayda city.",
        [("Shahba", "Al-Suwayda"), ("Salkhad", "Al-Suwayda")],
    ),
    (
        "a-direction-is-no-destination",  # "some 100 km to the west": where the origin lies
        "اشتبك المقاتلون في رأس العين يوم الثلاثاء. ووصلت تعزيزات من تل أبيض، على بعد 100 كيلومتر إلى الغرب.",
        "Rebels fought Kurdish militiamen in Ras al-Ain on Tuesday. Reinforcements arrived from Tal Abyad, some"
        " 100 km to the west.",
        [("Tal Abyad", "Ras al-Ain")],
    ),
    (
        "a-time-clause-tells-no-journey",  # "since government troops pulled out": of the towns, not the movers
        "اشتبك المقاتلون في رأس العين يوم الثلاثاء. واستقدم الأكراد مقاتلين من الدرباسية، التي يديرها الحزب منذ أن"
        " انسحبت قوات النظام في تموز.",
        "Rebels fought Kurdish militiamen in Ras al-Ain on Tuesday. The Kurds brought in fighters from Derbasiyah,"
        " which the PYD has run since government troops pulled out in July.",
        [("Al-Darbasiyah", "Ras al-Ain")],
    ),
]


@pytest.mark.parametrize(("text", "want"), _table(ORIGINS_AFTER))
def test_where_the_movers_came_from(gaz, text: str, want: list[tuple[str, ...]]) -> None:
    assert _journeys(gaz, text) == want


def test_the_un_refugee_agency_is_no_movement_word(gaz) -> None:
    """English only: "refugee" reads as "refuge" once its doubled letter is folded; Arabic has no such pair."""
    text = (
        "More than 4,000 families have left Shirqat since the start of the month, according to the UN refugee"
        " agency. Most walked south through Baiji to camps near Tikrit."
    )
    [move] = _run(gaz, text).movements
    assert text[move.start : move.end].startswith("More than 4,000 families")


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("هاجم مسلحون قرية دوما في ريف السويداء. وأخذوا جارتي وانطلقوا بها نحو الشرق.", id="ar"),
        pytest.param(
            "Gunmen attacked the village of Douma in the Suwayda countryside. They took my neighbour to their cars"
            " and drove off with her toward the east.",
            id="en",
        ),
    ],
)
def test_movers_headed_toward_a_direction_went_to_no_town_of_the_story(gaz, text: str) -> None:
    assert _journeys(gaz, text) == []


UNIT_HEADS = [
    (
        "from-two-districts",  # "قضاءي" / "the districts of": a head of two places crossed to their role word
        "وصل مئات الطلبة إلى مركز الكوت قادمين من قضاءي الصويرة والعزيزية.",
        "Hundreds of students arrived in the centre of Kut from the districts of Suwaira and Aziziyah.",
        [("Suwaira", "Kut"), ("Aziziyah", "Kut")],
    ),
]


@pytest.mark.parametrize(("text", "want"), _table(UNIT_HEADS))
def test_origins_named_by_their_units(gaz, text: str, want: list[tuple[str, ...]]) -> None:
    assert _journeys(gaz, text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        pytest.param(
            "نُقل عدد من كبار الضباط جواً من مطار تلعفر إلى بغداد ليل الأحد.", [("Tal Afar Airport", "Baghdad")], id="ar"
        ),
        pytest.param(
            "Several senior officers were flown out of Tal Afar airport by helicopter to Baghdad on Sunday night.",
            [("Tal Afar Airport", "Baghdad")],
            id="en",
        ),
        pytest.param("أُخرجت العائلات من الموصل بالحافلات إلى أربيل.", [("Mosul", "Erbil")], id="ar-driven"),
        pytest.param("The families were driven out of Mosul to Erbil.", [("Mosul", "Erbil")], id="en-driven"),
        pytest.param(
            "بدأت عملية إخراج المقاتلين وعائلاتهم من حرستا إلى إدلب.", [("Harasta", "Idlib")], id="ar-removal"
        ),
        pytest.param(
            "The evacuation of the fighters and their families from Harasta to Idlib began.",
            [("Harasta", "Idlib")],
            id="en-removal",
        ),
    ],
)
def test_carried_out_of_a_place(gaz, text: str, want: list[tuple[str, ...]]) -> None:
    """ "flown out of", "driven out of" carry from the place ("carried out air strikes" does a deed); Arabic says
    "من", read as every origin is, after its words of taking out ("أُخرجت", "إخراج")."""
    assert _journeys(gaz, text) == want


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "نزحت مئات العائلات من سرمين وأريحا شمالاً إلى المخيمات العشوائية المكتظة قرب الحدود التركية حول بلدتي أطمة"
            " وسرمدا.",
            id="ar",
        ),
        pytest.param(
            "Hundreds of families fled Sarmin and Ariha northward to the crowded camps near the Turkish border around"
            " Atmeh and Sarmada.",
            id="en",
        ),
    ],
)
def test_a_destination_told_by_its_camps_and_where_they_stand(gaz, text: str) -> None:
    """Up to ten words of a site's kind, its adjectives and where it stands between "to" / "إلى" and the town."""
    assert _journeys(gaz, text) == [
        ("Sarmin", "Atmeh"),
        ("Sarmin", "Sarmada"),
        ("Ariha", "Atmeh"),
        ("Ariha", "Sarmada"),
    ]


def test_a_force_named_before_a_site_owns_it_and_moves_no_one(gaz) -> None:
    """English only (Arabic names the owner after the site, "خطوط الجيش"): "army lines near Badush" are where the
    walkers arrived, the army no movers between the role word and the place."""
    text = (
        "Thousands of people have escaped Tal Afar. Most walked for hours to reach army lines near Badush, from"
        " where they were driven in trucks to camps at Hammam al-Alil."
    )
    assert _journeys(gaz, text) == [("Tal Afar", "Badush", "Hammam al-Alil")]
