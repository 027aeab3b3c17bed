"""Who did it to whom: victims, unnamed attackers, backers, sources (extract/event_actors.py, roles.py).

One row per construction, the Arabic and the English sentence side by side; the sentences are ours.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from extract.document import make_document
from extract.pipeline import extract_document
from extract.types import Event, actor_name

PUBLISHED = "2016-10-17"
ISIS = "ISIS"
IRAQI_ARMY = "Iraqi army"
SYRIAN_GOV = "Syrian government forces"
UNIDENTIFIED = "Unidentified armed group"
CIVILIANS = "Civilians"
COALITION = "International coalition"


@dataclass(frozen=True)
class Row:
    text: str
    location: str
    actor1: str  # "" for none
    actor2: str
    fatalities: int | None = None
    injured: int | None = None


def _events(gaz, text: str) -> list[Event]:
    return list(extract_document(make_document(text, doc_id="t", published=PUBLISHED), gaz).events)


def _at(gaz, row: Row) -> Event:
    found = [e for e in _events(gaz, row.text) if e.place.name == row.location]
    assert found, f"no event at {row.location}"
    return found[0]


ROWS = [
    (
        "passive-victims-then-agent-by",
        Row("قتل عشرة جنود من الجيش العراقي في هجوم لداعش قرب بيجي يوم الاثنين.", "Baiji", ISIS, IRAQI_ARMY, 10),
        Row("Ten Iraqi soldiers were killed in an attack by ISIS near Baiji on Monday.", "Baiji", ISIS, IRAQI_ARMY, 10),
    ),
    (
        "verb-count-victims",
        Row("قتلت القوات العراقية 12 مسلحا من داعش في الحويجة يوم الاثنين.", "Hawija", IRAQI_ARMY, ISIS, 12),
        Row("Iraqi forces killed 12 ISIS fighters in Hawija on Monday.", "Hawija", IRAQI_ARMY, ISIS, 12),
    ),
    (
        "killed-in-clashes-with",
        Row("قتل خمسة من مسلحي داعش في اشتباكات مع الجيش العراقي في بيجي يوم الاثنين.", "Baiji", IRAQI_ARMY, ISIS, 5),
        Row(
            "Five ISIS fighters were killed in clashes with the Iraqi army in Baiji on Monday.",
            "Baiji",
            IRAQI_ARMY,
            ISIS,
            5,
        ),
    ),
    (
        "civilians-never-act",
        Row("قتل أكثر من 30 مدنيا في هجوم قرب حلب يوم الاثنين.", "Aleppo", "", CIVILIANS, 30),
        Row("Over 30 civilians were killed in an attack near Aleppo on Monday.", "Aleppo", "", CIVILIANS, 30),
    ),
    (
        "unnamed-gunmen",
        Row("أطلق مسلحون مجهولون النار على حاجز قرب بيجي يوم الاثنين.", "Baiji", UNIDENTIFIED, ""),
        Row("Gunmen opened fire on a checkpoint near Baiji on Monday.", "Baiji", UNIDENTIFIED, ""),
    ),
    (
        "named-bomber-wins",
        Row("فجر انتحاري من داعش نفسه في سوق ببغداد يوم الاثنين.", "Baghdad", ISIS, ""),
        Row("An ISIS suicide bomber blew himself up at a market in Baghdad on Monday.", "Baghdad", ISIS, ""),
    ),
    (
        "source-is-no-actor",
        Row("شنت طائرات حربية غارات على دوما يوم الاثنين بحسب الأمم المتحدة.", "Douma", "", ""),
        Row("Air strikes hit Douma on Monday, according to the United Nations.", "Douma", "", ""),
    ),
    (
        "wounded-kept-apart-people-are-civilians",
        Row(
            "انفجرت سيارة مفخخة في طوز خورماتو يوم الاثنين، ما أسفر عن مقتل 12 شخصا وإصابة 30 آخرين.",
            "Tuz Khurmatu",
            "",
            CIVILIANS,
            12,
            30,
        ),
        Row(
            "A car bomb exploded in Tuz Khurmatu on Monday, killing 12 people and wounding 30.",
            "Tuz Khurmatu",
            "",
            CIVILIANS,
            12,
            30,
        ),
    ),
    (
        "fighters-counted-are-no-civilians",
        Row("انفجرت عبوة ناسفة قرب بيجي يوم الاثنين، ما أسفر عن مقتل 4 جنود.", "Baiji", "", ""),
        Row("A roadside bomb exploded near Baiji on Monday, killing four soldiers.", "Baiji", "", ""),
    ),
    (
        "object-of-an-attack-verb",
        Row(
            "استهدف انتحاري رتلا للتحالف الدولي بسيارة مفخخة جنوب الشدادي يوم الاثنين.",
            "Shaddadi",
            UNIDENTIFIED,
            COALITION,
        ),
        Row(
            "A suicidal bomber targets a column of the International Coalition and the SDF by a booby-trapped "
            "vehicle south of Shaddadi on Monday.",
            "Shaddadi",
            UNIDENTIFIED,
            COALITION,
        ),
    ),
    (
        "attacked-object",
        Row(
            "هاجم مسلحون مجهولون رتلا للجيش العراقي بعبوة ناسفة قرب بيجي يوم الاثنين.",
            "Baiji",
            UNIDENTIFIED,
            IRAQI_ARMY,
        ),
        Row(
            "Gunmen attacked a convoy of the Iraqi army with a roadside bomb near Baiji on Monday.",
            "Baiji",
            UNIDENTIFIED,
            IRAQI_ARMY,
        ),
    ),
    (
        "forces-loyal-to-the-regime",
        Row("اندلعت اشتباكات بين القوات الموالية للنظام وداعش قرب تدمر يوم الاثنين.", "Palmyra", SYRIAN_GOV, ISIS),
        Row(
            "Clashes erupted between forces loyal to the regime and ISIS near Palmyra on Monday.",
            "Palmyra",
            SYRIAN_GOV,
            ISIS,
        ),
    ),
    (
        "violence-between-two-sides",
        Row("اندلعت أعمال عنف في إدلب بين هيئة تحرير الشام وداعش يوم الاثنين.", "Idlib", "Jabhat al-Nusra", ISIS),
        Row("Violence spiked in Idlib between Tahrir al-Sham and ISIS on Monday.", "Idlib", "Jabhat al-Nusra", ISIS),
    ),
    (
        "accused-of-the-deed",
        Row("اتهمت المعارضة قوات النظام بقتل 20 مدنيا في دوما يوم الاثنين.", "Douma", SYRIAN_GOV, CIVILIANS, 20),
        Row(
            "The opposition accused government forces of killing 20 civilians in Douma on Monday.",
            "Douma",
            SYRIAN_GOV,
            CIVILIANS,
            20,
        ),
    ),
    (
        "poison-gas",
        Row(
            "اتهمت المعارضة قوات النظام بقتل 20 مدنيا بالغاز السام في دوما يوم الاثنين.",
            "Douma",
            SYRIAN_GOV,
            CIVILIANS,
            20,
        ),
        Row(
            "The opposition accused government forces of killing 20 civilians with poison gas in Douma on Monday.",
            "Douma",
            SYRIAN_GOV,
            CIVILIANS,
            20,
        ),
    ),
    (
        "a-passive-target",
        Row("تعرض رتل للأمم المتحدة لقصف قرب دوما يوم الاثنين.", "Douma", "", "United Nations"),
        Row("A UN convoy was shelled near Douma on Monday.", "Douma", "", "United Nations"),
    ),
    (
        "positions-were-targeted",
        Row(
            "تعرضت مواقع قسد لقصف المدفعية التركية قرب منبج يوم الاثنين.",
            "Manbij",
            "Turkish forces",
            "SDF (Syrian Democratic Forces)",
        ),
        Row(
            "SDF positions were targeted by Turkish artillery near Manbij on Monday.",
            "Manbij",
            "Turkish forces",
            "SDF (Syrian Democratic Forces)",
        ),
    ),
    (
        "the-un-never-attacks",
        Row("زار مفتشو الأمم المتحدة مناطق أصيبت بالأسلحة الكيميائية في دوما يوم الاثنين.", "Douma", "", ""),
        Row("UN inspectors visited areas hit by chemical weapons in Douma on Monday.", "Douma", "", ""),
    ),
    (
        "coalition-airstrikes",
        Row("قتل 12 مدنيا بغارات طيران التحالف على الرقة يوم الاثنين.", "Raqqa", COALITION, CIVILIANS, 12),
        Row("Coalition airstrikes killed 12 civilians in Raqqa on Monday.", "Raqqa", COALITION, CIVILIANS, 12),
    ),
    (
        "victims-with-an-aside",
        Row("قتل 15 عنصرا من داعش بينهم قيادي بغارات طيران التحالف قرب هجين.", "Hajin", COALITION, ISIS, 15),
        Row(
            "At least 15 of ISIS including a commander were killed after air strikes targeted them near Hajin.",
            "Hajin",
            "",
            ISIS,
        ),
    ),
    (
        "victims-with-an-aside-among",
        Row(
            "قتل 12 عنصرا من قسد بينهم قياديان بانفجار سيارة مفخخة في هجين.",
            "Hajin",
            "",
            "SDF (Syrian Democratic Forces)",
            12,
        ),
        Row(
            "Twelve members of the SDF, among them two commanders, were killed when a car bomb exploded in Hajin.",
            "Hajin",
            "",
            "SDF (Syrian Democratic Forces)",
        ),
    ),
    (
        "agent-behind-head-nouns",
        Row('سيطر مسلحو تنظيم "الدولة الإسلامية" على مدينة الموصل يوم الثلاثاء.', "Mosul", ISIS, ""),
        Row("Islamic State fighters seized the city of Mosul on Tuesday.", "Mosul", ISIS, ""),
    ),
    (
        "forces-backed-by-act",
        Row("سيطرت قوات النظام، بدعم من الطيران الروسي، على مدينة الميادين يوم السبت.", "Al-Mayadin", SYRIAN_GOV, ""),
        Row(
            "Syrian government forces, backed by Russian aircraft, captured the town of Mayadin on Saturday.",
            "Al-Mayadin",
            SYRIAN_GOV,
            "",
        ),
    ),
    (
        "speaker-is-no-agent",
        Row(
            "قالت الأمم المتحدة إن مسلحي داعش خطفوا عشرات النساء الإيزيديات قرب سنجار يوم الاثنين.",
            "Sinjar",
            ISIS,
            "Yazidi civilians",
        ),
        Row(
            "The United Nations said ISIS fighters abducted dozens of Yazidi women near Sinjar on Monday.",
            "Sinjar",
            ISIS,
            "Yazidi civilians",
        ),
    ),
    (
        "speaker-before-that-is-no-agent",  # the verb before the speaker: the deed after "إن" is no one's named
        Row("قال الجيش العراقي إن 22 صاروخاً سقطت على قاعدة عين الأسد فجر الاثنين.", "Ain al-Asad Air Base", "", ""),
        Row(
            "The Iraqi army said 22 missiles fell on the Ain al-Asad air base on Monday.",
            "Ain al-Asad Air Base",
            "",
            "",
        ),
    ),
    (
        "a-government-s-weapon",  # "government artillery" in a report on Syria: the Syrian government's forces
        Row("خرج مقاتلو المعارضة من حمص يوم الاثنين. وقصفت المدفعية الحكومية بلدة تلبيسة.", "Talbiseh", SYRIAN_GOV, ""),
        Row("Rebels left Homs on Monday. Government artillery pounded Talbiseh.", "Talbiseh", SYRIAN_GOV, ""),
    ),
    (
        "a-source-after-the-deed-is-no-side",  # "..., residents said": who told it, not who was seized
        Row("سيطر المسلحون على الموصل يوم الاثنين، واستولوا على المباني الحكومية، قال السكان.", "Mosul", "", ""),
        Row(
            "Militants overran Mosul on Monday, seizing government buildings, residents said.",
            "Mosul",
            "",
            "",
        ),
    ),
    (
        "speaker-whose-own-did-it",  # "أن طائراته": its own planes, its deed
        Row("أعلن التحالف الدولي أن طائراته نفذت ثلاث غارات قرب البغدادي يوم الاثنين.", "Al-Baghdadi", COALITION, ""),
        Row(
            "The coalition said its aircraft carried out three strikes near Baghdadi on Monday.",
            "Al-Baghdadi",
            COALITION,
            "",
        ),
    ),
    (
        "passive-subject-suffered",
        Row("تعرض الجيش العراقي لهجوم من قبل داعش قرب بيجي يوم الاثنين.", "Baiji", ISIS, IRAQI_ARMY),
        Row("The Iraqi army was attacked by ISIS near Baiji on Monday.", "Baiji", ISIS, IRAQI_ARMY),
    ),
    (
        "came-under-attack",
        Row("تعرض الجيش العراقي لهجوم قرب بيجي يوم الاثنين.", "Baiji", "", IRAQI_ARMY),
        Row("The Iraqi army came under attack near Baiji on Monday.", "Baiji", "", IRAQI_ARMY),
    ),
    (
        "barrel-bombs-are-the-regime",
        Row("قتل عشرة مدنيين بالبراميل المتفجرة في داريا يوم الاثنين.", "Darayya", SYRIAN_GOV, CIVILIANS, 10),
        Row("Assad's barrel bombs killed ten civilians in Darayya on Monday.", "Darayya", SYRIAN_GOV, CIVILIANS, 10),
    ),
    (
        "tribal-elders-agree",
        Row("توصل شيوخ العشائر إلى اتفاق مع داعش في الرقة يوم الاثنين.", "Raqqa", "Tribal elders", ISIS),
        Row("Tribal elders reached an agreement with ISIS in Raqqa on Monday.", "Raqqa", "Tribal elders", ISIS),
    ),
    (
        "police-disperse-protest",  # ACLED: a protest's actor1 is the protesters, the force actor2
        Row(
            "أطلقت قوات الأمن التركية الغاز المسيل للدموع على المتظاهرين في سروج يوم الثلاثاء.",
            "Suruç",
            "Protesters",
            "Turkish forces",
        ),
        Row(
            "Turkish security forces fired tear gas at demonstrators in Suruc on Tuesday.",
            "Suruç",
            "Protesters",
            "Turkish forces",
        ),
    ),
    (
        "by-the-agent",
        Row(
            "قتل عشرة مدنيين في غارات نفذها الطيران التركي على منبج يوم الاثنين.",
            "Manbij",
            "Turkish forces",
            CIVILIANS,
            10,
        ),
        Row(
            "Ten civilians were killed in strikes by the Turkish warplanes on Manbij on Monday.",
            "Manbij",
            "Turkish forces",
            CIVILIANS,
            10,
        ),
    ),
    (
        "headline-commander-killed",
        Row("مقتل قائد في داعش في اشتباكات قرب بيجي.", "Baiji", "", ISIS),
        Row("ISIS commander killed in clashes near Baiji.", "Baiji", "", ISIS),
    ),
    (
        "strikes-on-artillery",
        Row("شنت طائرات التحالف غارات على مدفعية داعش قرب سنجار يوم الاثنين.", "Sinjar", COALITION, ISIS),
        Row(
            "Coalition warplanes carried out strikes on ISIS artillery near Sinjar on Monday.",
            "Sinjar",
            COALITION,
            ISIS,
        ),
    ),
    (
        "taking-after-the-main-deed-shares-its-subject",
        Row("أعلن الجيش العراقي إغلاق الطريق الدولي بعد استعادته بلدة الرطبة من داعش.", "Rutba", IRAQI_ARMY, ISIS),
        Row("The Iraqi army closed the border road after recapturing Rutba from ISIS.", "Rutba", IRAQI_ARMY, ISIS),
    ),
    (
        "owned-control-after-a-subordinator",
        Row("فتحت قوات النظام الطريق أمام المدنيين عقب سيطرتها على بلدة مورك.", "Morek", SYRIAN_GOV, ""),
        Row("Regime forces opened the road to civilians after seizing the town of Morek.", "Morek", SYRIAN_GOV, ""),
    ),
    (
        "a-fight-with-someone-after-a-subordinator",
        Row("حافظت قوات النظام على مواقعها قرب كنسبا بعد معارك عنيفة مع داعش.", "Kinsabba", SYRIAN_GOV, ISIS),
        Row(
            "Regime forces held their positions near Kinsabba after fierce clashes with ISIS.",
            "Kinsabba",
            SYRIAN_GOV,
            ISIS,
        ),
    ),
    (
        "a-compound-before-the-actor-qualifies-it",
        Row(
            "قالت قوات سوريا الديمقراطية إن مقاتليها صدوا هجوماً على تل تمر.",
            "Tal Tamr",
            "SDF (Syrian Democratic Forces)",
            "",
        ),
        Row(
            "The Kurdish-led Syrian Democratic Forces said its fighters had repelled an attack on Tal Tamr.",
            "Tal Tamr",
            "SDF (Syrian Democratic Forces)",
            "",
        ),
    ),
    (
        "a-perfect-or-an-adverb-is-no-passive",
        Row("قتل داعش خمسة جنود عراقيين في الموصل.", "Mosul", ISIS, ""),
        Row("ISIS has reportedly killed five soldiers in Mosul.", "Mosul", ISIS, ""),
    ),
    (
        "a-journalist-is-a-civilian",
        Row("قتل مسلحو داعش صحفياً في الموصل.", "Mosul", ISIS, CIVILIANS),
        Row("Islamic State militants killed a journalist in Mosul.", "Mosul", ISIS, CIVILIANS),
    ),
    (
        "two-sides-each-on-its-side-of-a-comma",
        Row(
            (
                "دارت في ناحية بعشيقة معارك عنيفة بين قوات البيشمركة "
                "من جهة، والجيش العراقي وفصائل الحشد الشعبي من جهة ثانية."
            ),
            "Bashiqa",
            "Peshmerga (Kurdistan Region)",
            IRAQI_ARMY,
        ),
        Row(
            (
                "Fierce battles raged in Bashiqa between Peshmerga forces on one "
                "side, and the Iraqi army and PMF fighters on the other."
            ),
            "Bashiqa",
            "Peshmerga (Kurdistan Region)",
            IRAQI_ARMY,
        ),
    ),
    (
        "a-clause-after-a-subordinator-keeps-its-own-subject",
        Row("أغلقت قوات النظام مداخل مورك بعد انسحاب الفصائل منها.", "Morek", "Syrian rebels", ""),
        Row("Regime forces sealed off Morek after rebels withdrew from the town.", "Morek", "Syrian rebels", ""),
    ),
    (
        "what-belongs-to-a-force-is-its-target",
        Row("انفجرت عبوة ناسفة قرب مقر أمني تابع لقوات النظام في مورك.", "Morek", "", SYRIAN_GOV),
        Row(
            "A roadside bomb exploded near a security headquarters of the regime forces in Morek.",
            "Morek",
            "",
            SYRIAN_GOV,
        ),
    ),
    (
        "the-planes-belonging-to-a-force-are-its-own",
        Row("قصفت طائرات تابعة لقوات النظام بلدة مورك.", "Morek", SYRIAN_GOV, ""),
        Row("Planes belonging to the regime forces bombed Morek.", "Morek", SYRIAN_GOV, ""),
    ),
]
CASES = [pytest.param(r, id=f"{rid}-{lang}") for rid, ar, en in ROWS for lang, r in (("ar", ar), ("en", en))]


@pytest.mark.parametrize("row", CASES)
def test_actors_of_the_event(gaz, row: Row) -> None:
    e = _at(gaz, row)
    assert (actor_name(e.actor1), actor_name(e.actor2)) == (row.actor1, row.actor2)


@pytest.mark.parametrize("row", [c for c in CASES if c.values[0].fatalities is not None])
def test_the_dead_and_the_wounded(gaz, row: Row) -> None:
    e = _at(gaz, row)
    assert (e.fatalities, e.injured) == (row.fatalities, row.injured)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "Coalition-backed forces took control of the village of Tokhar near Manbij.", id="hyphen-backer-en"
        ),
        pytest.param("U.S.-backed fighters took control of Manbij on Friday.", id="dotted-backer-en"),
    ],
)
def test_a_backer_written_before_the_force_is_not_its_agent(gaz, text: str) -> None:
    events = _events(gaz, text)
    assert events
    assert all(actor_name(e.actor1) not in ("United States", "International coalition") for e in events)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "قالت المصادر إن عناصر من التنظيم ارتدوا زي الوحدات الكردية وفصائل الجيش الحر، وفجر أحدهم نفسه "
            "بسيارة مفخخة في كوباني.",
            id="ar",
        ),
        pytest.param(
            "Sources said ISIS militants wearing the uniforms of Kurdish units blew themselves up in a car bomb in "
            "Kobani.",
            id="en",
        ),
        pytest.param("بعد سيطرة داعش على الحويجة، فجّر انتحاري يرتدي زي البيشمركة نفسه في كركوك.", id="uniform-ar"),
        pytest.param(
            "After ISIS seized Hawija, a bomber in a Peshmerga uniform blew himself up in Kirkuk.", id="uniform-en"
        ),
    ],
)
def test_the_force_whose_uniform_the_attackers_wore_is_no_side(gaz, text: str) -> None:
    e = next(e for e in _events(gaz, text) if e.sub_event_type == "Suicide bomb")
    assert (actor_name(e.actor1), actor_name(e.actor2)) == (ISIS, "")


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Islamic State fighters killed at least 130 guards at the Shaer gas field.", id="at-least-en"),
        pytest.param("Islamic State fighters killed more than 130 guards at the Shaer gas field.", id="more-than-en"),
        pytest.param("قتل مسلحو تنظيم الدولة ما لا يقل عن 130 حارساً في حقل الشاعر للغاز.", id="ar"),
        # a day told between the verb and its count
        pytest.param(
            "Islamic State fighters killed on Wednesday more than 130 guards at the Shaer gas field.", id="day-en"
        ),
        pytest.param("وقالت مصادر إن التنظيم أعدم الأربعاء الماضي أكثر من 130 حارساً في حقل الشاعر للغاز.", id="day-ar"),
    ],
)
def test_a_killing_verb_with_a_count_after_it_is_active(gaz, text: str) -> None:
    """ "fighters killed at least 130 guards": the fighters killed (a headline's "ten soldiers killed" is a
    passive, in the tables above)."""
    [e] = _events(gaz, text)
    assert actor_name(e.actor1) == ISIS


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("قتل ثلاثة مزارعين بانفجار عبوة ناسفة في أرضهم بقضاء الطارمية.", id="ar"),
        pytest.param("A roadside bomb killed three farmers in their field near Tarmiyah.", id="en"),
    ],
)
def test_farmers_killed_are_civilians(gaz, text: str) -> None:
    [e] = _events(gaz, text)
    assert (e.sub_event_type, e.place.name, actor_name(e.actor2)) == (
        "Remote explosive/landmine/IED",
        "Tarmiyah",
        CIVILIANS,
    )


def test_a_day_before_the_agent_is_no_count_of_victims(gaz) -> None:
    """'On July 19, coalition air strikes killed ...': 19 is a day; the coalition acted."""
    text = "On July 19, coalition air strikes killed dozens of civilians in Manbij."
    e = _events(gaz, text)[0]
    assert (actor_name(e.actor1), actor_name(e.actor2)) == ("International coalition", CIVILIANS)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("هاجم مسلحو داعش قرية قرب بحيرة الأسد يوم الاثنين.", id="ar"),
        pytest.param("ISIS fighters attacked a village near Lake Assad on Monday.", id="en"),
    ],
)
def test_an_actor_name_inside_a_place_name_is_the_place(gaz, text: str) -> None:
    (e,) = _events(gaz, text)
    assert (e.place.name, actor_name(e.actor1), actor_name(e.actor2)) == ("Lake Assad", ISIS, "")


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Islamic State militants in Iraqi army uniforms killed 40 civilians in Ramadi.", id="in"),
        pytest.param("Islamic State militants with Iraqi army vehicles attacked Ramadi on Monday.", id="with"),
    ],
)
def test_an_actor_inside_another_ones_phrase_is_not_the_agent(gaz, text: str) -> None:
    e = next(x for x in _events(gaz, text) if x.place.name == "Ramadi")
    assert actor_name(e.actor1) == ISIS


@pytest.mark.parametrize(
    ("text", "actor1"),
    [
        pytest.param(
            "شنت طائرات حربية روسية غارات على مدينة معرة النعمان.", "Russian forces", id="indefinite-adjective"
        ),
        pytest.param("قصفت مدفعية تركية قرى في ريف عفرين.", "Turkish forces", id="artillery-adjective"),
        pytest.param("قصفت المدافع التركية بلدة تل أبيض يوم الأحد.", "Turkish forces", id="guns-adjective"),
        pytest.param("Turkish howitzers shelled Tal Abyad on Sunday.", "Turkish forces", id="howitzers-demonym-en"),
        pytest.param(
            "استهدفت طائرة مسيرة تابعة للتحالف الدولي سيارة قرب إدلب.", "International coalition", id="belonging-to"
        ),
        pytest.param(
            "سيطرت قوات سورية الديمقراطية على الرقة.", "SDF (Syrian Democratic Forces)", id="not-the-sdf-spelling"
        ),
    ],
)
def test_arabic_forces_named_by_an_adjective_or_an_owner(gaz, text: str, actor1: str) -> None:
    (e,) = _events(gaz, text)
    assert actor_name(e.actor1) == actor1


@pytest.mark.parametrize(
    "text",
    [
        "وصلت القوات العراقية إلى مدينة كركوك، عقب انسحاب وحدات من البيشمركة من مواقعها، وسيطرت على مطار كركوك.",
        (
            "Iraqi troops reached Kirkuk after Peshmerga units withdrew "
            "from their positions, and took over Kirkuk airport."
        ),
    ],
)
def test_a_verb_joined_on_after_a_subordinate_clause_is_the_main_subjects(gaz, text: str) -> None:
    takings = [e for e in _events(gaz, text) if e.sub_event_type == "Government regains territory"]
    assert [(actor_name(e.actor1), actor_name(e.actor2)) for e in takings] == [
        (IRAQI_ARMY, "Peshmerga (Kurdistan Region)")
    ]


@pytest.mark.parametrize(
    ("text", "sides"),
    [
        pytest.param(
            "سيطرت وحدات حماية الشعب على مدينة تل أبيض الحدودية مع تركيا بعد معارك مع تنظيم داعش.",
            ("YPG (People's Protection Units)", ISIS),
            id="border-with-ar",
        ),
        pytest.param(
            "The YPG captured Tal Abyad, a town on the border with Turkey, after clashes with ISIS.",
            ("YPG (People's Protection Units)", ISIS),
            id="border-with-en",
        ),
        pytest.param(
            "سيطرت قوات النظام على مدينة مورك، وترافقت المعارك مع ضربات نفذتها طائرات روسية على مواقع الفصائل.",
            (SYRIAN_GOV, "Syrian rebels"),
            id="a-marker-of-the-next-deed-ar",
        ),
    ],
)
def test_who_took_a_town_is_not_a_neighbour_nor_the_agent_of_the_next_deed(gaz, text: str, sides) -> None:
    """The country over a border is a place there, not a side; "ضربات نفذتها طائرات" names the strikes' agent only."""
    [taking] = [e for e in _events(gaz, text) if e.event_type == "Battles" and e.sub_event_type != "Armed clash"]
    assert (actor_name(taking.actor1), actor_name(taking.actor2)) == sides


def test_a_marker_after_a_relative_names_the_deed_before_it(gaz) -> None:
    """The raids the French jets carried out ("الغارات التي نفذتها المقاتلات الفرنسية") are theirs."""
    text = "بعد موجة الغارات التي نفذتها المقاتلات الفرنسية على معاقل داعش في الرقة، فر عناصر التنظيم."
    strikes = [e for e in _events(gaz, text) if e.sub_event_type == "Air/drone strike"]
    assert [actor_name(e.actor1) for e in strikes] == ["France"]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "Islamic State militants swept through villages in Hasakah province before dawn on Monday and abducted "
            "at least 90 people.",
            id="before-dawn-en",
        ),
        pytest.param("هاجم عناصر داعش قرى في ريف الحسكة قبل فجر الاثنين وخطفوا 90 مدنياً.", id="before-dawn-ar"),
    ],
)
def test_a_time_after_before_opens_no_clause(gaz, text: str) -> None:
    """'before dawn' is a time, not a clause of its own: the deed after it keeps the sentence's subject."""
    abductions = [e for e in _events(gaz, text) if e.sub_event_type == "Abduction/forced disappearance"]
    assert [actor_name(e.actor1) for e in abductions] == ["ISIS"]


@pytest.mark.parametrize(
    ("text", "sides"),
    [
        pytest.param(
            "Russian air strikes on Sunday killed 34 civilians in a village held by Islamic State in Deir ez-Zor.",
            ("Russian forces", "Civilians"),
            id="held-by-is-whose-village",
        ),
        pytest.param(
            "Turkish jets struck villages held by the PKK near Zakho.",
            ("Turkish forces", "PKK (Kurdistan Workers' Party)"),
            id="held-by-is-the-target",
        ),
    ],
)
def test_by_after_a_participle_of_holding_names_no_agent(gaz, text: str, sides: tuple[str, str]) -> None:
    """'a village held by Islamic State', 'a jail run by Kurdish-led forces': whose it is, not who did the deed."""
    [e] = _events(gaz, text)
    assert (actor_name(e.actor1), actor_name(e.actor2)) == sides


@pytest.mark.parametrize(
    ("text", "kind", "target"),
    [
        pytest.param(
            "In Salahuddin province, a roadside bomb struck an army patrol on the highway between Baiji and Tikrit.",
            "Remote explosive/landmine/IED",
            "Iraqi army",
            id="army-patrol-iraq",
        ),
        pytest.param(
            "Two Islamic State suicide car bombs struck army positions on the western outskirts of Mayadin.",
            "Suicide bomb",
            "Syrian government forces",
            id="army-positions-syria",
        ),
        pytest.param(
            "A roadside bomb wounded two policemen near Abu Ghraib on Saturday.",
            "Remote explosive/landmine/IED",
            "Iraqi police",
            id="policemen",
        ),
    ],
)
def test_the_army_s_patrols_and_positions_are_the_country_s_army(gaz, text: str, kind: str, target: str) -> None:
    [e] = _events(gaz, text)
    assert (e.sub_event_type, actor_name(e.actor2)) == (kind, target)


@pytest.mark.parametrize(
    "text",
    [
        "Baghdad blasts kill 10: police.",
        "UPDATE 3-Wave of bombings in Baghdad kills 27 people -police, medics",
    ],
)
def test_police_as_a_source_is_no_side(gaz, text: str) -> None:
    """'-police, medics', ': police': who told it, not a side ("policemen", "police patrols" are)."""
    events = _events(gaz, text)
    assert events
    assert all("Iraqi police" not in (actor_name(e.actor1), actor_name(e.actor2)) for e in events)


def test_arrests_in_raids_are_no_air_raids(gaz) -> None:
    """'raids' in a sentence of arrests are security raids: the arrest is the event."""
    text = "The Interior Ministry said on Tuesday that three suspects had been arrested in raids in Amarah."
    assert [e.sub_event_type for e in _events(gaz, text)] == ["Arrests"]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "شهدت البصرة موجة غضب بعد اغتيال ناشطة بارزة برصاص مسلحين مجهولين وسط المدينة.", id="ar-bullets-of"
        ),
        pytest.param("قتل مدنيان بنيران مسلحين مجهولين وسط البصرة.", id="ar-fire-of"),
        pytest.param("A prominent protest activist was shot dead by unidentified gunmen in central Basra.", id="en-by"),
    ],
)
def test_the_shooters_named_after_their_bullets_did_it(gaz, text: str) -> None:
    """'برصاص مسلحين مجهولين', 'بنيران …' (by the bullets / the fire of) mark the doer, as "by" does."""
    [e] = _events(gaz, text)
    assert actor_name(e.actor1) == "Unidentified armed group"
