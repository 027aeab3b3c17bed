"""The weapon that names a bombardment's kind (extract/events.py): the weapon nearest the trigger in its own
clause, not the first one of the sentence; a bombardment whose clause names its own weapon is another deed
than the strikes of the clause before it; a weapon a strike verb takes as its object was hit. Arabic and
English side by side; the sentences are ours."""

from __future__ import annotations

import pytest

from extract.document import make_document
from extract.pipeline import extract_document
from extract.types import Event, actor_name

AIR, SHELL = "Air/drone strike", "Shelling/artillery/missile attack"


def _events(gaz, text: str) -> list[Event]:
    return list(extract_document(make_document(text, doc_id="t", published="2016-08-23"), gaz).events)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "شنت طائرات النظام غارات على مواقع الأسايش في الحسكة، فيما قصفت مدفعية النظام أحياء المدينة.", id="ar"
        ),
        pytest.param(
            "Regime jets struck Asayish positions in Hasakah, while regime artillery shelled the city's "
            "neighbourhoods.",
            id="en",
        ),
    ],
)
def test_a_bombardment_with_its_own_weapon_is_another_deed(gaz, text: str) -> None:
    kinds = sorted((e.sub_event_type, e.place.name, actor_name(e.actor1)) for e in _events(gaz, text))
    assert kinds == [
        (AIR, "Al-Hasakah", "Syrian government forces"),
        (SHELL, "Al-Hasakah", "Syrian government forces"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "قصفت فصائل المعارضة بالصواريخ الأحياء الغربية من حلب، وردت طائرات النظام بغارات على الأحياء الشرقية.",
            id="ar",
        ),
        pytest.param(
            "Rebels have pounded western Aleppo with rocket fire and the regime has hit eastern Aleppo with air raids.",
            id="en",
        ),
    ],
)
def test_each_bombardment_takes_the_weapon_nearest_it(gaz, text: str) -> None:
    kinds = sorted((e.sub_event_type, actor_name(e.actor1)) for e in _events(gaz, text))
    assert kinds == [(AIR, "Syrian government forces"), (SHELL, "Syrian rebels")]


def test_a_weapon_a_strike_verb_takes_was_hit(gaz) -> None:
    text = "The first U.S. strikes of the campaign, on Friday, targeted artillery near Erbil."
    (e,) = _events(gaz, text)
    assert e.sub_event_type == AIR


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        pytest.param("قصفت المروحيات العسكرية مواقع المسلحين في الفلوجة.", "Iraqi army", id="helicopters-ar"),
        pytest.param("Military helicopters pounded militant positions in Fallujah.", "Iraqi army", id="helicopters-en"),
        pytest.param("تعرضت أحياء الفلوجة لقصف متواصل بالبراميل المتفجرة.", "Iraqi army", id="barrels-iraq-ar"),
        pytest.param("Fallujah was pounded with barrel bombs on Monday.", "Iraqi army", id="barrels-iraq-en"),
        pytest.param(
            "قصف الطيران المروحي مدينة داريا بالبراميل المتفجرة.", "Syrian government forces", id="barrels-ar"
        ),
    ],
)
def test_helicopters_and_barrels_bombard_from_the_air(gaz, text: str, actor: str) -> None:
    """A bombardment by helicopters or with barrel bombs is an air strike, by the army of the country it falls in
    (both Iraq's and Syria's dropped them) when the text names no other."""
    kinds = [(e.sub_event_type, actor_name(e.actor1)) for e in _events(gaz, text)]
    assert kinds == [(AIR, actor)]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        pytest.param(
            "وذكر البيان أن الطائرات الحربية التركية دمرت 17 هدفاً للتنظيم في دابق.",
            ("Explosions/Remote violence", AIR),
            id="destroyed-by-warplanes-ar",
        ),
        pytest.param(
            "وذكر البيان أن المدفعية التركية دمرت 17 هدفاً للتنظيم في دابق.",
            ("Explosions/Remote violence", SHELL),
            id="destroyed-by-artillery-ar",
        ),
        pytest.param(  # "من الجو": from the air
            "قصفت القوات الروسية مدينة دوما من الجو أمس.",
            ("Explosions/Remote violence", AIR),
            id="from-the-air-ar",
        ),
        pytest.param(
            "دمر عناصر داعش مرقد النبي يونس في الموصل.",
            ("Strategic developments", "Looting/property destruction"),
            id="destroyed-by-hand-ar",
        ),
    ],
)
def test_what_a_weapon_destroyed_it_struck(gaz, text: str, kind: tuple[str, str]) -> None:
    """A word of destroying (دمرت) is the destruction of property unless a weapon did it: then its strike."""
    assert [(e.event_type, e.sub_event_type) for e in _events(gaz, text)] == [kind]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        pytest.param("وفجّر أحدهم نفسه بسيارة مفخخة قرب حاجز للجيش في تكريت.", "Suicide bomb", id="blew-himself-up-ar"),
        pytest.param(
            "One of them blew himself up in a car bomb near an army checkpoint in Tikrit.", "Suicide bomb", id="en"
        ),
        pytest.param(
            "انفجرت عبوة ناسفة بدورية للجيش في تكريت، بحسب الجنود أنفسهم.",
            "Remote explosive/landmine/IED",
            id="the-soldiers-themselves-ar",
        ),
        pytest.param(
            "A roadside bomb exploded near an army patrol in Tikrit, the soldiers themselves said.",
            "Remote explosive/landmine/IED",
            id="the-soldiers-themselves-en",
        ),
    ],
)
def test_a_bomber_who_blew_himself_up_is_a_suicide_bomber(gaz, text: str, kind: str) -> None:
    """A reflexive pronoun right after a word of blowing up makes a bombing a suicide bombing; one that only
    stresses who said it does not, nor does it make the speakers the bombers."""
    [e] = _events(gaz, text)
    assert (e.sub_event_type, e.place.name) == (kind, "Tikrit")
    assert actor_name(e.actor1) != "Iraqi army"


@pytest.mark.parametrize(
    ("text", "kind", "actor"),
    [
        pytest.param(
            "أطلقت المقاتلات الإسرائيلية صواريخ على مطار التيفور في ريف حمص.", "Air/drone strike", "Israel", id="ar"
        ),
        pytest.param(
            "Israeli F-15 jets fired missiles at the T4 air base in Homs province.",
            "Air/drone strike",
            "Israel",
            id="en",
        ),
        pytest.param("قصفت المدفعية الإيرانية منطقة حاج عمران في إقليم كردستان.", SHELL, "Iran", id="artillery-ar"),
        pytest.param(
            "Iranian artillery shelled the Haji Omaran area in the Kurdistan Region.", SHELL, "Iran", id="artillery-en"
        ),
    ],
)
def test_missiles_fired_by_aircraft_are_an_air_strike(gaz, text: str, kind: str, actor: str) -> None:
    """Missiles or rockets fired by the jets, drones or helicopters named just before them are an air strike
    (not "air strikes and shelling": two bombardments); Israel's and Iran's forces are named as Turkey's are."""
    [e] = _events(gaz, text)
    assert (e.sub_event_type, actor_name(e.actor1)) == (kind, actor)
