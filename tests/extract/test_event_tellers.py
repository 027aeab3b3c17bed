"""Who tells a deed is no side of it, and who guards a place is not who bombed it (extract/actors.py,
roles.py, events.py).

Bare "police" is the police of the country a text is about, as "الشرطة" is; a word of force that qualifies
the noun after it ("a police source") or a headline's source after a colon or a dash ("...: police",
"... - الشرطة") names no side. A force named with its verb of saying ("..., the army said") is no victim of
the deed told before it. A state's force sends no suicide bomber: named as a bombing's agent, it was hit.
One row per construction, the Arabic and the English sentence side by side; the sentences are ours.
"""

from __future__ import annotations

import pytest

from extract.document import make_document
from extract.pipeline import extract_document
from extract.types import Event, actor_name
from tests.extract.test_event_actors import CIVILIANS, IRAQI_ARMY, PUBLISHED, UNIDENTIFIED, _events

IRAQI_POLICE = "Iraqi police"


def _event_at(gaz, text: str, place: str) -> Event:
    events = _events(gaz, text)
    found = [e for e in events if e.place.name == place]
    assert found, f"no event at {place}: {[e.place.name for e in events]}"
    return found[0]


def _sides(e: Event) -> tuple[str, str]:
    return actor_name(e.actor1), actor_name(e.actor2)


ROWS = [
    (
        "bare-police-is-the-countrys-police",
        ("اعتقلت الشرطة أربعة مطلوبين عند حاجز على أطراف الرمادي يوم الثلاثاء.", "Ramadi", IRAQI_POLICE, ""),
        ("Police at a checkpoint on the edge of Ramadi arrested four suspects on Tuesday.", "Ramadi", IRAQI_POLICE, ""),
    ),
    (
        "a-police-station-attacked",
        ("هاجم مسلحون مجهولون مركزا للشرطة في بيجي يوم الثلاثاء.", "Baiji", UNIDENTIFIED, IRAQI_POLICE),
        ("Gunmen attacked a police station in Baiji on Tuesday.", "Baiji", UNIDENTIFIED, IRAQI_POLICE),
    ),
    (
        "a-headlines-source-after-a-dash-or-colon",
        ("مقتل تسعة بتفجير سيارة مفخخة في سوق ببعقوبة - الشرطة", "Baqubah", "", ""),
        ("Car bomb kills nine in Baqubah market: police", "Baqubah", "", ""),
    ),
    (
        "a-force-with-its-verb-of-saying-is-no-victim",
        (
            "انفجرت سيارة مفخخة قرب سوق في بعقوبة يوم الثلاثاء، ما أسفر عن مقتل تسعة أشخاص وإصابة 20 آخرين، "
            "بحسب الجيش.",
            "Baqubah",
            "",
            CIVILIANS,
        ),
        (
            "A car bomb exploded near a market in Baqubah on Tuesday, killing nine people and wounding 20, "
            "the army said.",
            "Baqubah",
            "",
            CIVILIANS,
        ),
    ),
    (
        "a-state-force-sends-no-suicide-bomber",
        ("حاصرت القوات الأمنية انتحاريا ثالثا في كركوك يوم الجمعة فقام بتفجير نفسه.", "Kirkuk", UNIDENTIFIED, ""),
        (
            "Iraqi soldiers surrounded a third attacker in Kirkuk on Friday, who blew himself up.",
            "Kirkuk",
            "",
            IRAQI_ARMY,
        ),
    ),
]

CASES = [pytest.param(*row, id=f"{rid}-{lang}") for rid, ar, en in ROWS for lang, row in (("ar", ar), ("en", en))]


@pytest.mark.parametrize(("text", "place", "actor1", "actor2"), CASES)
def test_who_tells_and_who_guards(gaz, text: str, place: str, actor1: str, actor2: str) -> None:
    assert _sides(_event_at(gaz, text, place)) == (actor1, actor2)


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen opened fire on an army checkpoint in Baiji on Tuesday, killing two soldiers, a police source said.",
        "Gunmen dressed as a police patrol opened fire on a checkpoint in Samarra on Friday.",
    ],
)
def test_a_police_source_or_uniform_is_no_side(gaz, text: str) -> None:
    """English only: Arabic writes the source as "بحسب مصدر في الشرطة", a phrase of its own already read as
    a source, and the uniform as "زي الشرطة", two words before the force as the reach always allowed."""
    place = "Baiji" if "Baiji" in text else "Samarra"
    assert IRAQI_POLICE not in _sides(_event_at(gaz, text, place))


def test_flags_raised_over_police_stations_make_no_subject(gaz) -> None:
    """English only: an Arabic deed with no subject takes the sentence before's from its verb's form
    (referring.implied_subject), never from a "they"."""
    text = "Militants raised black flags over police stations in Mosul. By Wednesday they had also captured Tal Afar."
    event = _event_at(gaz, text, "Tal Afar")
    assert (event.sub_event_type, actor_name(event.actor1)) == ("Non-state actor overtakes territory", "")


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "اقتحم محتجون قاعدة تركية قرب شيلادزي في محافظة دهوك يوم السبت.\n\nوأدانت حكومة إقليم كردستان عملية"
            " الاقتحام. وحمّلت مخربين المسؤولية.\n\nوبعد ساعات من أعمال الشغب، قصفت طائرات تركية مخابئ يشتبه بأنها لحزب"
            " العمال الكردستاني قرب سيدكان في قضاء سوران بمحافظة أربيل.",
            id="ar",
        ),
        pytest.param(
            "Protesters stormed a Turkish base near Shiladze in Duhok province on Saturday.\n\nThe Kurdistan Region"
            " government condemned the storming. It blamed saboteurs.\n\nHours after the riot, Turkish jets bombed"
            " suspected PKK hideouts near Sidakan, in Erbil province's Soran district, the group's media said.",
            id="en",
        ),
    ],
)
def test_a_deed_told_before_that_tells_when_is_no_new_one(gaz, text: str) -> None:
    """'Hours after the riot', 'بعد ساعات من أعمال الشغب': the riot told paragraphs before is no riot where the
    jets struck (event_cues time_of_before)."""
    events = extract_document(make_document(text, doc_id="t", published=PUBLISHED), gaz).events
    riots = [e.place.name for e in events if e.event_type == "Riots"]
    strikes = [e for e in events if e.sub_event_type == "Air/drone strike"]
    assert len(riots) == 1 and strikes


@pytest.mark.parametrize(
    ("text", "actor1"),
    [
        pytest.param("هاجم مسلحون حاجزاً للجيش في الطارمية يوم الاثنين.", UNIDENTIFIED, id="gunmen-ar"),
        pytest.param(
            "Gunmen attacked a checkpoint of the Iraqi army in Tarmiyah on Monday.", UNIDENTIFIED, id="gunmen-en"
        ),
        pytest.param("هاجم مسلحون ينتمون إلى تنظيم داعش حاجزاً للجيش في الطارمية.", "ISIS", id="belonging-ar"),
        pytest.param(
            "Gunmen belonging to the Islamic State attacked a checkpoint of the Iraqi army in Tarmiyah.",
            "ISIS",
            id="belonging-en",
        ),
    ],
)
def test_gunmen_and_the_group_they_belong_to(gaz, text: str, actor1: str) -> None:
    """ "مسلحون" are gunmen as "gunmen" are; gunmen of a group named right after them, by "من" / "of" or by a word
    of belonging (event_cues affiliation_words), are that group, the verb before them or after."""
    assert _sides(_event_at(gaz, text, "Tarmiyah")) == (actor1, IRAQI_ARMY)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("هاجم مسلحون مجهولون حاجزاً للجيش في الطارمية يوم الاثنين.", id="ar"),
        pytest.param("Gunmen attacked an army checkpoint in Tarmiyah on Monday.", id="en"),
    ],
)
def test_an_army_checkpoint_is_the_armys(gaz, text: str) -> None:
    """Bare "army" is the country's army, as "الجيش" is; the checkpoint attacked is its."""
    assert _sides(_event_at(gaz, text, "Tarmiyah")) == (UNIDENTIFIED, IRAQI_ARMY)


def test_army_at_the_end_of_a_name_is_no_states_army(gaz) -> None:
    """English only (Arabic writes the name's head first, "جيش خالد بن الوليد", no word that refers back): a
    capitalised "Army" after a capitalised name ends the name."""
    text = "The Khalid ibn al-Walid Army seized the village of Tasil from rebels on Friday."
    event = _event_at(gaz, text, "Tasīl")
    assert (event.sub_event_type, actor_name(event.actor1)) == ("Non-state actor overtakes territory", "")
