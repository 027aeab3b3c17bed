"""Event slots filled from the paragraph: claims, blame, the dead and wounded of the next sentence
(extract/event_frames.py). Arabic and English side by side; the sentences are ours."""

from __future__ import annotations

import pytest

from extract.document import make_document
from extract.pipeline import extract_document
from extract.types import Event, actor_name

PUBLISHED = "2016-10-17"


def _events(gaz, text: str) -> list[Event]:
    return list(extract_document(make_document(text, doc_id="t", published=PUBLISHED), gaz).events)


def _one(gaz, text: str) -> Event:
    events = _events(gaz, text)
    assert len(events) == 1, [(e.event_type, e.place.name) for e in events]
    return events[0]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "A car bomb exploded at a market in Tuz Khurmatu on Monday, killing 12 people. "
            "ISIS claimed the attack in a statement.",
            id="claimed-en",
        ),
        pytest.param(
            "انفجرت سيارة مفخخة في سوق طوز خورماتو يوم الاثنين، ما أدى إلى مقتل 12 شخصا. "
            "وتبنى تنظيم داعش الهجوم في بيان.",
            id="claimed-ar",
        ),
        pytest.param(
            "A car bomb exploded at a market in Tuz Khurmatu on Monday, killing 12 people. "
            "No group claimed responsibility, but officials blamed the Islamic State.",
            id="no-claim-but-blame-en",
        ),
        pytest.param(
            "انفجرت سيارة مفخخة في سوق طوز خورماتو يوم الاثنين، ما أدى إلى مقتل 12 شخصا. "
            "ولم تتبن أي جهة الهجوم، لكن مسؤولين اتهموا تنظيم داعش بالوقوف وراءه.",
            id="no-claim-but-blame-ar",
        ),
        pytest.param(
            "A car bomb exploded at a market in Tuz Khurmatu on Monday, killing 12 people. "
            "ISIS claimed it through its Amaq agency.",
            id="claimed-it-en",
        ),
        pytest.param(
            "انفجرت سيارة مفخخة في سوق طوز خورماتو يوم الاثنين، ما أدى إلى مقتل 12 شخصا، "
            "فيما تبنّاه تنظيم داعش عبر وكالة أعماق.",
            id="claimed-it-ar",
        ),
    ],
)
def test_the_claimant_or_the_blamed_is_actor1(gaz, text: str) -> None:
    e = _one(gaz, text)
    assert (actor_name(e.actor1), e.fatalities) == ("ISIS", 12)
    assert text[e.actor1.start : e.actor1.end] in ("ISIS", "the Islamic State", "تنظيم داعش")  # its own words
    assert (e.start, e.end) == (0, len(text))  # the evidence takes in the sentence that named it


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("A car bomb exploded in Tuz Khurmatu on Monday. No group has claimed responsibility.", id="en"),
        pytest.param("انفجرت سيارة مفخخة في طوز خورماتو يوم الاثنين. ولم تتبن أي جهة مسؤوليتها عن التفجير.", id="ar"),
    ],
)
def test_a_denied_claim_names_nobody(gaz, text: str) -> None:
    assert _one(gaz, text).actor1 is None


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "Gunmen attacked an army checkpoint near Baiji on Monday. Two soldiers were killed and five wounded.",
            id="en",
        ),
        pytest.param(
            "هاجم مسلحون مجهولون حاجزا للجيش قرب بيجي يوم الاثنين. "
            "وأسفر الهجوم عن مقتل جنديين اثنين وإصابة خمسة آخرين.",
            id="ar",
        ),
    ],
)
def test_the_next_sentence_gives_the_dead_and_the_wounded_apart(gaz, text: str) -> None:
    e = _one(gaz, text)
    assert (actor_name(e.actor1), e.fatalities, e.injured) == ("Unidentified armed group", 2, 5)


def test_a_toll_in_the_next_paragraph_is_not_the_events(gaz) -> None:
    text = "Gunmen attacked a checkpoint near Baiji on Monday.\n\nTwo soldiers were killed in Kirkuk last week."
    e = next(x for x in _events(gaz, text) if x.place.name == "Baiji")
    assert (e.fatalities, e.end) == (None, text.index("\n"))


def test_a_claim_does_not_replace_a_named_actor(gaz) -> None:
    text = "Iraqi forces shelled ISIS positions in Hawija on Monday. ISIS claimed an attack on a convoy."
    e = next(x for x in _events(gaz, text) if x.place.name == "Hawija")
    assert actor_name(e.actor1) == "Iraqi army"


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Air strikes hit Manbij on Monday. Eight ISIS fighters were among the dead.", id="among-en"),
        pytest.param("شن الطيران غارات على منبج يوم الاثنين. وكان بين القتلى ثمانية من عناصر داعش.", id="among-ar"),
        pytest.param(
            "Air strikes hit Manbij on Monday. Thirty people were killed, including eight ISIS fighters.",
            id="including-en",
        ),
    ],
)
def test_victims_named_in_the_next_sentence_are_actor2(gaz, text: str) -> None:
    e = _one(gaz, text)
    assert (actor_name(e.actor1), actor_name(e.actor2), e.end) == ("", "ISIS", len(text))


def test_victims_of_another_paragraph_are_not_the_events(gaz) -> None:
    text = "Air strikes hit Manbij on Monday.\n\nEight ISIS fighters were among the dead in Mosul last year."
    e = next(x for x in _events(gaz, text) if x.place.name == "Manbij")
    assert e.actor2 is None


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "ISIS militants slowed the advance on Ramadi with roadside bombs. "
            "On Sunday a suicide car bomber attacked Iraqi troops near Ramadi.",
            id="en",
        ),
        pytest.param(
            "فجر مسلحو داعش عبوات ناسفة قرب الرمادي يوم السبت. "
            "وهاجم انتحاري بسيارة مفخخة الجيش العراقي قرب الرمادي يوم الأحد.",
            id="ar",
        ),
    ],
)
def test_an_unnamed_attacker_is_the_group_that_acted_just_before(gaz, text: str) -> None:
    e = _events(gaz, text)[-1]
    assert (e.sub_event_type, actor_name(e.actor1), actor_name(e.actor2)) == ("Suicide bomb", "ISIS", "Iraqi army")


def test_an_unnamed_attacker_of_another_paragraph_stays_unnamed(gaz) -> None:
    text = (
        "ISIS militants slowed the advance on Ramadi with roadside bombs.\n\n"
        "On Sunday gunmen attacked Iraqi troops near Ramadi."
    )
    assert actor_name(_events(gaz, text)[-1].actor1) == "Unidentified armed group"


def test_the_attacked_is_not_the_unnamed_attacker(gaz) -> None:
    text = "Iraqi forces shelled Hit on Monday. Gunmen attacked an Iraqi army checkpoint near Hit on Tuesday."
    e = _events(gaz, text)[-1]
    assert (actor_name(e.actor1), actor_name(e.actor2)) == ("Unidentified armed group", "Iraqi army")


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "ISIS beheaded two men in Shaafa on Sunday. A further 19 men were executed in Mayadin on Thursday.", id="en"
        ),
        pytest.param("أعدم تنظيم داعش رجلين في الشعفة يوم الأحد. وأعدم 19 رجلا آخرين في الميادين يوم الخميس.", id="ar"),
    ],
)
def test_an_attack_on_civilians_with_no_attacker_is_the_one_who_did_the_same_in_the_paragraph(gaz, text: str) -> None:
    assert [actor_name(e.actor1) for e in _events(gaz, text)] == ["ISIS", "ISIS"]


def test_two_who_did_the_same_leave_the_attacker_unnamed(gaz) -> None:
    text = (
        "ISIS beheaded two men in Shaafa on Sunday. Regime forces executed five men in Mayadin. "
        "Three men were executed in Hajin on Thursday."
    )
    assert [actor_name(e.actor1) for e in _events(gaz, text)] == ["ISIS", "Syrian government forces", ""]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Shells targeted Mezzeh in Damascus on Monday. Regime forces shelled Jobar in Damascus.", id="en"),
        pytest.param("سقطت قذائف على حي المزة في دمشق يوم الاثنين. وقصفت قوات النظام حي جوبر في دمشق.", id="ar"),
    ],
)
def test_shelling_with_no_attacker_is_the_one_force_that_shelled_in_the_paragraph(gaz, text: str) -> None:
    events = _events(gaz, text)
    assert [(e.sub_event_type, actor_name(e.actor1)) for e in events] == [
        ("Shelling/artillery/missile attack", "Syrian government forces")
    ] * 2
    assert (events[0].start, events[0].end) == (0, len(text))  # its evidence takes in the force's sentence


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "Shells targeted Mezzeh in Damascus on Monday.\n\nRegime forces shelled Jobar in Damascus.",
            id="other-paragraph",
        ),
        pytest.param(
            "Shells targeted Mezzeh in Damascus on Monday. Regime forces shelled Jobar in Damascus. "
            "Turkish forces shelled Afrin.",
            id="two-forces",
        ),
    ],
)
def test_shelling_with_no_attacker_stays_unattributed_when_unsure(gaz, text: str) -> None:
    assert _events(gaz, text)[0].actor1 is None


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "Two suicide attacks killed nine Iraqi soldiers near the ISIS-held town of Hit on Monday.", id="en"
        ),
        pytest.param("قتل تسعة من عناصر الجيش العراقي في هجوم قرب بلدة هيت الخاضعة لسيطرة داعش.", id="ar"),
    ],
)
def test_with_no_attacker_named_the_side_holding_the_place_attacked(gaz, text: str) -> None:
    e = _one(gaz, text)
    assert (actor_name(e.actor1), actor_name(e.actor2)) == ("ISIS", "Iraqi army")


@pytest.mark.parametrize(
    ("text", "attacker"),
    [
        pytest.param(
            "Rockets fired from ISIS-held areas hit the town of Mhardeh, killing two people.", "ISIS", id="en"
        ),
        pytest.param("قتل مدنيان بقذائف صاروخية أطلقت من مناطق سيطرة داعش على مدينة محردة بريف حماة.", "ISIS", id="ar"),
        pytest.param(
            "سقطت قذائف هاون مصدرها مناطق سيطرة النظام على مدينة إدلب.", "Syrian government forces", id="ar-source"
        ),
    ],
)
def test_the_holder_of_where_the_fire_came_from_fired_it(gaz, text: str, attacker: str) -> None:
    e = _one(gaz, text)
    assert actor_name(e.actor1) == attacker and actor_name(e.actor2) != attacker


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            '"Our forces have liberated the centre of Qayyarah," a general of the Nineveh Operations Command said.',
            id="en",
        ),
        pytest.param('وقال قائد في قيادة عمليات نينوى إن "قواتنا حررت مركز القيارة بالكامل".', id="ar"),
    ],
)
def test_who_says_the_government_regained_a_town_regained_it(gaz, text: str) -> None:
    e = _one(gaz, text)
    assert e.sub_event_type == "Government regains territory" and actor_name(e.actor1) == "Iraqi army"


def test_the_holder_of_where_people_came_from_did_not_strike_them(gaz) -> None:
    e = _one(gaz, "A car bomb hit evacuees from the regime-held town of Foua on Saturday.")
    assert actor_name(e.actor1) != "Syrian government forces"


def test_areas_of_control_are_no_taking(gaz) -> None:
    events = _events(gaz, "لا تزال نقاط المراقبة التركية محاصرة ضمن مناطق سيطرة النظام قرب مورك.")
    assert not [e for e in events if e.event_type == "Battles"]


def test_the_holder_named_after_a_strike_is_its_target(gaz) -> None:
    e = _one(gaz, "Coalition jets struck the ISIS-held town of Hit, killing nine militants.")
    assert actor_name(e.actor2) == "ISIS" and actor_name(e.actor1) != "ISIS"


@pytest.mark.parametrize(
    ("text", "sides"),
    [
        pytest.param(
            "Dozens of casualties among regime forces and ISIS members in clashes south of Damascus.",
            {"Syrian government forces", "ISIS"},
            id="both-sides-named-en",
        ),
        pytest.param(
            "Clashes erupted in Hama, the Syrian Observatory said, as regime forces advanced.",
            {"Syrian government forces", ""},
            id="one-side-only-en",
        ),
    ],
)
def test_a_battle_takes_the_other_armed_side_of_its_sentence(gaz, text: str, sides: set[str]) -> None:
    e = next(e for e in _events(gaz, text) if e.event_type == "Battles")
    assert {actor_name(e.actor1), actor_name(e.actor2)} == sides


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Rockets killed two civilians in the regime-held town of Suqaylabiyah on Monday.", id="en"),
        pytest.param(
            "قتل مدنيان يوم الاثنين بقذائف صاروخية سقطت على بلدة السقيلبية الخاضعة لسيطرة قوات النظام.", id="ar"
        ),
    ],
)
def test_the_side_holding_a_town_did_not_strike_its_civilians(gaz, text: str) -> None:
    e = _one(gaz, text)
    assert (actor_name(e.actor1), actor_name(e.actor2)) == ("", "Civilians")
