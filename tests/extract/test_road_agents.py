"""extract/road_agents.py through the pipeline: who holds, cuts or opens a road is the agent
of that clause, in Arabic and English side by side.

Verb-first and masdar clauses ("قطعت قسد الطريق", "بعد سيطرة قوات البيشمركة على"),
subjects before the verb, passive agents ("by", "من قبل"), "under X control";
"the forces" / "القوات" / "the army" stand for the force named before; never the
group the road serves, a backer, or an actor of another clause.
"""

from __future__ import annotations

import pytest

from extract.document import make_document
from extract.pipeline import extract_document
from extract.types import Route, actor_name

PESHMERGA = "Peshmerga (Kurdistan Region)"
SDF = "SDF (Syrian Democratic Forces)"
SYRIA = "Syrian government forces"
KURDS = "Kurdish forces"
IRAQI_ARMY = "Iraqi army"

ROWS = [
    (
        "the-forces-stand-for-the-force-named-before",
        "سيطرت قوات البيشمركة على بعشيقة. ثم قطعت القوات الطريق بين الموصل ودهوك.",
        "Peshmerga forces took Bashiqa. The forces then cut the road between Mosul and Dohuk.",
        PESHMERGA,
        f"cut by {PESHMERGA}",
    ),
    (
        "the-army-stands-for-the-state-force-named-before",
        "دخل الجيش السوري تدمر يوم الأحد. وقام الجيش بإعادة فتح الطريق بين تدمر وحمص.",
        "The Syrian army entered Palmyra on Sunday. The army reopened the road between Palmyra and Homs.",
        SYRIA,
        f"reopened by {SYRIA}",
    ),
    (
        "the-army-is-not-a-rebel-group",
        "سيطرت فصائل المعارضة على سراقب. وأغلق الجيش الطريق بين حلب ودمشق.",
        "Rebels took Saraqib. The army closed the road between Aleppo and Damascus.",
        SYRIA,  # the army of the text's country, as the actors read it; never the rebels named last
        f"closed by {SYRIA}",
    ),
    (
        "the-forces-with-no-force-before",
        "قطعت القوات الطريق بين الرقة والحسكة.",
        "The forces cut the road between Raqqa and Hasakah.",
        "",
        "cut",
    ),
    (
        "not-the-group-the-road-serves",
        "قطعت قوات النظام الطريق بين حلب وإدلب الذي تستخدمه فصائل المعارضة لإمداد مقاتليها.",
        "Syrian government forces cut the road between Aleppo and Idlib that the rebels use to supply their fighters.",
        SYRIA,
        f"cut by {SYRIA}",
    ),
    (
        "the-force-whose-supply-line-it-is",  # its only deed: the force it supplies holds it
        "وبات الطريق بين أثريا وخناصر شريان الإمداد الوحيد لقوات النظام نحو حلب.",
        "The road between Ithriya and Khanasser is now the only supply line for government forces to Aleppo.",
        SYRIA,
        "",
    ),
    (
        "not-an-actor-of-another-clause",
        "بعد انسحاب مسلحي داعش من منبج، أُغلق الطريق بين منبج وجرابلس.",
        "After ISIS fighters withdrew from Manbij, the road between Manbij and Jarablus was closed.",
        "",
        "closed",
    ),
    (
        "the-subject-of-the-second-clause",
        "هاجم داعش بلدة تل تمر، وقطعت قوات سوريا الديمقراطية الطريق بين الحسكة والقامشلي.",
        "ISIS attacked Tal Tamr, and the SDF cut the road between Hasakah and Qamishli.",
        SDF,
        f"cut by {SDF}",
    ),
    (
        "not-a-backer",
        "قطعت القوات الكردية بدعم من طيران التحالف الطريق بين الرقة والحسكة.",
        "Kurdish forces, backed by coalition aircraft, cut the road between Raqqa and Hasakah.",
        KURDS,
        f"cut by {KURDS}",
    ),
    (
        "after-cutting-is-the-main-subject-s",
        "حاصرت قوات سوريا الديمقراطية منبج بعد قطع الطريق بين منبج وحلب.",
        "The SDF encircled Manbij after cutting the road between Manbij and Aleppo.",
        SDF,
        f"cut by {SDF}",
    ),
    (
        "a-noun-s-agent-follows-it",
        "لم يعد داعش يتنقل بحرية بسبب سيطرة القوات الكردية على الطريق بين الرقة والحسكة.",
        "ISIS no longer moves freely because Kurdish forces control the road between Raqqa and Hasakah.",
        KURDS,
        "",
    ),
    (
        "a-deed-word-inside-a-name-is-none",
        "سيطرت جبهة فتح الشام على الطريق بين حلب وإدلب.",
        "Jabhat Fateh al-Sham seized the road between Aleppo and Idlib.",
        "Jabhat al-Nusra",
        "",
    ),
    (
        "passive-agent",
        "أغلق الطريق بين حمص وتدمر من قبل قوات النظام.",
        "The road between Homs and Palmyra was closed by Syrian government forces.",
        SYRIA,
        f"closed by {SYRIA}",
    ),
    (
        "under-control-of",
        "أصبح الطريق بين الرقة والطبقة تحت سيطرة قسد.",
        "The road between Raqqa and Tabqa is now under SDF control.",
        SDF,
        "",
    ),
    (
        "relative-clause-after-the-road",
        "الطريق بين الرقة والطبقة الذي تسيطر عليه قوات سوريا الديمقراطية مفتوح.",
        "The road between Raqqa and Tabqa, which the SDF controls, is open.",
        SDF,
        "",
    ),
    (
        "whom-a-road-is-closed-to-did-not-close-it",
        "أصبح الطريق بين الرقة والطبقة مغلقاً أمام المدنيين منذ الصباح.",
        "The road between Raqqa and Tabqa has been closed to civilians since the morning.",
        "",
        "closed",
    ),
    (
        "a-later-deed-on-it-names-the-holder",
        "بات الطريق بين الرقة والطبقة مغلقاً أمام المدنيين بعد أن فرضت قوات سوريا الديمقراطية سيطرتها عليه.",
        "The road between Raqqa and Tabqa was closed to civilians after the SDF took control of it.",
        SDF,
        "closed",
    ),
    (
        "a-verb-joined-on-shares-the-subject",
        "وصلت قوات سوريا الديمقراطية إلى الطريق الذي يربط الرقة بالطبقة، وقطعته في عدة نقاط.",
        "The SDF reached the road linking Raqqa and Tabqa, and cut it at several points.",
        SDF,
        f"cut by {SDF}",
    ),
    (
        "who-says-they-did-it",
        "قالت قوات سوريا الديمقراطية إنها قطعت الطريق بين الرقة والطبقة.",
        "The SDF said they had cut the road between Raqqa and Tabqa.",
        SDF,
        f"cut by {SDF}",
    ),
    (
        "after-they-cut-it-the-main-subject",
        "تفرض قوات البيشمركة طوقاً على بلدة بعشيقة، بعد أن قطعت الطريق الرابط بين بعشيقة والموصل.",
        "The Peshmerga encircled Bashiqa after they cut the road between the town and Mosul.",
        PESHMERGA,
        f"cut by {PESHMERGA}",
    ),
    (
        "secures-in-the-present",
        "تؤمن قوات البيشمركة طريق أربيل – الموصل الذي تعبره قوافل النازحين.",
        "The Peshmerga secure the Erbil-Mosul road, which convoys of the displaced use.",
        PESHMERGA,
        f"secured by {PESHMERGA}",
    ),
    (
        "the-forces-are-not-the-militants-just-named",
        "سيطرت قوات البيشمركة على بعشيقة. وانسحب عناصر داعش من البلدة. ثم قطعت القوات الطريق بين الموصل ودهوك.",
        "Peshmerga forces took Bashiqa. ISIS militants withdrew from the town. The forces then cut the road "
        "between Mosul and Dohuk.",
        PESHMERGA,
        f"cut by {PESHMERGA}",
    ),
    (
        "the-forces-are-not-their-backer",
        "سيطرت قوات البيشمركة وبإسناد من طيران التحالف على بعشيقة. ثم قطعت القوات الطريق بين الموصل ودهوك.",
        "Peshmerga forces, with support from coalition jets, took Bashiqa. The forces then cut the road between "
        "Mosul and Dohuk.",
        PESHMERGA,
        f"cut by {PESHMERGA}",
    ),
    (
        "an-aside-between-the-verb-and-its-road",
        "تسيطر قوات البيشمركة، المدعومة من طيران التحالف الدولي منذ أشهر، على طريق أربيل – الموصل.",
        "The Peshmerga, who have held the front since the summer with coalition support, control the Erbil-Mosul road.",
        PESHMERGA,
        "",
    ),
    (
        "the-subject-before-a-which-clause",
        "قوات البيشمركة، التي قاتلت داعش طوال الصيف، تسيطر على طريق أربيل – الموصل.",
        "The Peshmerga, which fought ISIS all summer, now hold the Erbil-Mosul road.",
        PESHMERGA,
        "",
    ),
    # forces deployed or stationed on a road secure it
    (
        "forces-deployed-on-the-road",
        "انتشرت قوات الجيش العراقي على طريق تكريت - سامراء يوم الأحد.",
        "Troops were stationed along the road between Tikrit and Samarra on Sunday.",
        IRAQI_ARMY,
        f"secured by {IRAQI_ARMY}",
    ),
]

# "كما" / ", and" after a clause: the deed joined on is that clause's subject's, even inside a report ("إن ...")
JOINED_ROWS = [
    pytest.param(
        "قال مصدر أمني إن القوات الأمنية العراقية أغلقت الطرق المؤدية إلى المنطقة الخضراء، كما نشرت قوات إضافية على "
        "طريق كربلاء - النجف.",
        id="ar",
    ),
    pytest.param(
        "A security source said Iraqi security forces closed the roads leading to the Green Zone, and deployed troops "
        "along the road from Karbala to Najaf.",
        id="en",
    ),
]


@pytest.mark.parametrize("text", JOINED_ROWS)
def test_a_deed_joined_on_is_the_clause_befores_subjects(gaz, text: str) -> None:
    [r] = [r for r in _routes(gaz, text) if "Karbala" in r.name]
    assert (actor_name(r.controlled_by), r.status) == (IRAQI_ARMY, f"secured by {IRAQI_ARMY}")


def _routes(gaz, text: str) -> tuple[Route, ...]:
    return extract_document(make_document(text, doc_id="t", published="2016-10-17"), gaz).routes


@pytest.mark.parametrize(
    ("text", "holder", "status"),
    [
        pytest.param(text, holder, status, id=f"{rid}-{lang}")
        for rid, ar, en, holder, status in ROWS
        for lang, text in (("ar", ar), ("en", en))
    ],
)
def test_the_agent_of_the_clause(gaz, text: str, holder: str, status: str) -> None:
    [r] = _routes(gaz, text)
    assert (actor_name(r.controlled_by), r.status) == (holder, status)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("سيطرت قوات البيشمركة على بعشيقة. ثم قطعت القوات الطريق بين الموصل ودهوك.", id="ar"),
        pytest.param("Peshmerga forces took Bashiqa. The forces then cut the road between Mosul and Dohuk.", id="en"),
    ],
)
def test_a_resolved_reference_keeps_its_own_words(gaz, text: str) -> None:
    [r] = _routes(gaz, text)
    assert r.controlled_by is not None
    assert text[r.controlled_by.start : r.controlled_by.end].lower() in {"القوات", "the forces"}
    assert r.start <= r.controlled_by.start < r.end  # in the road's own sentence


def test_government_forces_are_the_texts_own_not_the_last_foreign_force(gaz) -> None:
    text = (
        "Russian jets struck Saraqib on Sunday. "
        "The M5, the motorway linking Damascus with Aleppo, has been controlled by government forces since February."
    )
    [r] = _routes(gaz, text)
    assert actor_name(r.controlled_by) == SYRIA


def test_a_deed_on_it_speaks_of_the_road_before_not_the_next(gaz) -> None:
    """'بعد أن تولت البيشمركة تأمينه': a deed whose object pronoun is glued on speaks of the road named before it,
    never of the next road of its sentence."""
    text = (
        "أعيد فتح الطريق الرابط بين خانقين وجلولاء صباح اليوم، بعد أن تولت البيشمركة تأمينه، في حين لا يزال "
        "الطريق بين جلولاء وبعقوبة مغلقاً."
    )
    routes = extract_document(make_document(text, doc_id="t", published="2016-10-17"), gaz).routes
    assert {r.name: actor_name(r.controlled_by) for r in routes} == {
        "Khanaqin–Jalawla road": PESHMERGA,
        "Jalawla–Baqubah road": "",
    }


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "سيطرت وحدات حماية الشعب على تل حميس يوم الجمعة.\n\n"
            "وقال مسؤول إن المقاتلين دخلوا البلدة من ثلاثة محاور.\n\nوأضاف أن التنظيم انسحب فجراً.\n\n"
            "وبات الطريق بين تل براك وتل حميس تحت سيطرة الوحدات بالكامل.",
            id="ar",
        ),
        pytest.param(
            "The SDF took Tal Hamis on Friday.\n\nAn official said the fighters entered the town from three sides.\n\n"
            "He said ISIS withdrew at dawn.\n\nThe road between Tal Brak and Tal Hamis is now fully under the control "
            "of the forces.",
            id="en",
        ),
    ],
)
def test_the_forces_named_long_before_are_the_actor_the_text_named(gaz, text: str) -> None:
    """'الوحدات', 'the forces' with no force named in the two sentences before: the actor they referred to
    when the text named it before (not a guess from the country alone: see the-forces-with-no-force-before)."""
    [r] = _routes(gaz, text)
    assert actor_name(r.controlled_by) in {"YPG (People's Protection Units)", SDF}


@pytest.mark.parametrize(
    ("text", "holders"),
    [
        pytest.param(
            "وبات الطريق بين تل براك وتل حميس تحت سيطرة قسد بالكامل، وهو ما يقطع أحد خطوط إمداد التنظيم بين الهول "
            "والشدادي.",
            {"Tell Brak–Tal Hamis road": SDF},
            id="ar",
        ),
        pytest.param(
            "The road between Tal Brak and Tal Hamis is now under the control of the SDF, which cuts a supply line "
            "between al-Hol and Shaddadi.",
            {"Tell Brak–Tal Hamis road": SDF},
            id="en",
        ),
    ],
)
def test_a_road_after_a_comma_does_not_take_the_deed_before_it(gaz, text: str, holders: dict[str, str]) -> None:
    """The deed after a road, then a comma, then another road: the deed is the first road's."""
    routes = {r.name: actor_name(r.controlled_by) for r in _routes(gaz, text)}
    assert {k: routes.get(k) for k in holders} == holders


REBELS = "Syrian rebels"
IRAQ = "Iraqi army"
HOLDER_ROWS = [
    # "in X hands" / "بأيدي X": the holder inside the words of holding
    (
        "in-their-hands",
        "سيطرت فصائل المعارضة على سراقب. ولا يزال الطريق بين سراقب وأريحا بأيدي فصائل المعارضة.",
        "Rebels took Saraqib. The road between Saraqib and Ariha remains in rebel hands.",
        REBELS,
    ),
    (
        "in-an-anaphors-hands",
        "سيطر تنظيم داعش على الرطبة. وبات الطريق بين الرطبة والقائم في قبضة التنظيم.",
        "Islamic State seized Rutba. The road north from Rutba to Qaim remains in the militants' hands.",
        "ISIS",
    ),
    # a holder joined to its deed: "rebel-held", "الخاضع لسيطرة المعارضة"
    (
        "joined-holder-before-the-road",
        "سار الرتل على الطريق الخاضع لسيطرة المعارضة بين إدلب وسراقب.",
        "The convoy drove along the rebel-held road from Idlib to Saraqib.",
        REBELS,
    ),
    (
        "joined-holder-after-the-road",
        "الطريق بين حمص وحماة خاضع لسيطرة فصائل المعارضة، بحسب مسؤولين.",
        "The highway from Homs to Hama is rebel-held, officials said.",
        REBELS,
    ),
    # "government": the forces of the state the text is about, in Syria as in Iraq
    (
        "government-in-syria",
        "سارت الشاحنات على الطريق الخاضع لسيطرة الحكومة بين دمشق وحمص.",
        "Aid trucks drove along the government-controlled highway from Damascus to Homs.",
        SYRIA,
    ),
    (
        "government-in-iraq",
        "الطريق بين بغداد وبعقوبة بيد القوات الحكومية، بحسب مسؤولين.",
        "The road from Baghdad to Baquba is in government hands, officials said.",
        IRAQ,
    ),
]


@pytest.mark.parametrize(
    ("text", "holder"),
    [
        pytest.param(text, holder, id=f"{rid}-{lang}")
        for rid, ar, en, holder in HOLDER_ROWS
        for lang, text in (("ar", ar), ("en", en))
    ],
)
def test_a_holder_named_inside_the_words_of_holding(gaz, text: str, holder: str) -> None:
    [r] = _routes(gaz, text)
    assert actor_name(r.controlled_by) == holder


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("يقع الطريق بين حلب وإدلب، المحافظة الخاضعة لسيطرة المعارضة، قرب أورم الكبرى.", id="ar"),
        pytest.param(
            "Urem al-Kubra lies on the road linking Aleppo to the northern rebel-controlled province of Idlib.", id="en"
        ),
    ],
)
def test_a_joined_holder_of_another_noun_holds_no_road(gaz, text: str) -> None:
    """ "the rebel-controlled province of Idlib": the deed describes the province, not the road."""
    [r] = _routes(gaz, text)
    assert r.controlled_by is None


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("شهد الطريق بين حمص وحماة تبادل السيطرة مرات عدة هذا العام.", id="ar"),
        pytest.param("The road from Homs to Hama changed hands several times this year.", id="en"),
    ],
)
def test_a_road_that_changed_hands_is_contested_not_held(gaz, text: str) -> None:
    [r] = _routes(gaz, text)
    assert (r.controlled_by, r.status) == (None, "contested")


def test_a_wire_dateline_is_not_the_country_of_government(gaz) -> None:
    """'BEIRUT (AFP) -' over a Syrian story: "government-held" is Syria's, not Lebanon's."""
    text = (
        "BEIRUT (AFP) - Evacuees from Madaya reached Aleppo on Sunday.\n\n"
        "They had been driven north along the government-held Damascus-Homs highway, passing Homs and Hama."
    )
    [r] = _routes(gaz, text)
    assert actor_name(r.controlled_by) == SYRIA


CHECKPOINT_ROWS = [
    (
        "named-right-before-it",
        "انتشرت حواجز قوات النظام على الطريق بين حمص وحماة.",
        "Syrian army checkpoints dotted the highway from Homs to Hama.",
        SYRIA,
    ),
    (
        "named-right-after-it",
        "مرت القافلة بحواجز تابعة لقوات النظام على الطريق بين حمص وحماة.",
        "The convoy passed through several checkpoints of the Syrian army on the highway from Homs to Hama.",
        SYRIA,
    ),
    (
        "set-up-by-the-subject",
        "أقام عناصر داعش حواجز على الطريق بين الموصل وتلعفر.",
        "ISIS fighters set up checkpoints on the road between Mosul and Tal Afar.",
        "ISIS",
    ),
    (
        "manned-by-the-subject",
        "نصبت قوات البيشمركة نقاط تفتيش على الطريق بين أربيل ومخمور.",
        "Peshmerga fighters manned checkpoints along the road from Erbil to Makhmour.",
        PESHMERGA,
    ),
    (
        "manned-by-after-it",
        "الطريق بين بغداد وسامراء تنتشر عليه حواجز يديرها الجيش.",
        "The highway from Baghdad to Samarra is dotted with checkpoints manned by the army.",
        IRAQ,
    ),
    (
        "deployed-by-the-subject",
        "قال مصدر إن التنظيم نشر حواجز على الطريق الواصل بين الرقة وعين عيسى.",
        "A source said ISIS fighters deployed checkpoints on the road linking Raqqa and Ain Issa.",
        "ISIS",
    ),
    (
        "tribal-fighters-are-no-other-force",
        "أغلقت قسد الطريق بين البصيرة والشدادي، بينما نصب مقاتلو العشائر حواجز على الطريق بين البصيرة وذيبان.",
        "The SDF closed the road from Busayra to Shaddadi, while tribal fighters set up checkpoints on the river road "
        "between Busayra and Dhiban.",
        None,
    ),
    (
        "the-attackers-hold-nothing",
        "هاجم مسلحون حاجزاً للجيش على الطريق بين بعقوبة والمقدادية.",
        "Gunmen attacked an army checkpoint on the road between Baquba and Muqdadiya, killing two soldiers.",
        IRAQ,
    ),
    (
        "a-bomber-at-a-checkpoint-holds-nothing",
        "فجر انتحاري نفسه عند حاجز على الطريق بين بعقوبة والمقدادية.",
        "A suicide bomber blew himself up at a checkpoint on the road between Baquba and Muqdadiya.",
        "",
    ),
]


@pytest.mark.parametrize(
    ("text", "holder"),
    [
        pytest.param(text, holder, id=f"{rid}-{lang}")
        for rid, ar, en, holder in CHECKPOINT_ROWS
        for lang, text in (("ar", ar), ("en", en))
    ],
)
def test_a_checkpoint_on_the_road_is_held_by_whose_it_is(gaz, text: str, holder: str | None) -> None:
    """A force's checkpoints on a road hold it ("an army checkpoint", "حواجز قوات النظام", "set up checkpoints");
    whoever attacks a checkpoint does not. None: two roads, the second the tribal fighters'."""
    if holder is None:
        assert [actor_name(r.controlled_by) for r in _routes(gaz, text)] == [SDF, "Tribal militia"]
        return
    [r] = _routes(gaz, text)
    assert actor_name(r.controlled_by) == holder


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("الطريق الذي يربط بغداد بسامراء ويمر قرب بلد وصولاً إلى تكريت شمالاً بات اليوم بيد الجيش.", id="ar"),
        pytest.param(
            "The highway that links Baghdad with Samarra and runs near Balad is dotted with checkpoints of the army.",
            id="en",
        ),
    ],
)
def test_a_deed_after_a_long_road_counts_from_its_last_place(gaz, text: str) -> None:
    """How far a deed stands after its road counts from the road's last place, not from its first word."""
    [r] = _routes(gaz, text)
    assert actor_name(r.controlled_by) == IRAQ


def test_a_checkpoint_of_the_same_holder_keeps_the_roads_status(gaz) -> None:
    """'cut the M4 …', then 'a checkpoint the fighters set up on the highway': still cut by them."""
    text = (
        "Turkish-backed fighters said they had cut the M4 highway, the main road linking Manbij and Qamishli. "
        "A politician was killed at a checkpoint the fighters set up on the highway near Ain Issa."
    )
    [r] = _routes(gaz, text)
    assert r.status == "cut by Syrian National Army (Turkish-backed)"
