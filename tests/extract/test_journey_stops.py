"""extract/journey_stops.py: the role of a place in a journey clause, and places joined as alternatives.

A role word is reached across feature words and the fillers of a stop ("their staging base at",
"قاعدة", "the besieged Shia towns of"), and across one unnamed place a relation ties to the named
one ("the Newroz camp near Derik"); never across another place it describes ("Zabadani near
Damascus"). Arabic and English side by side.
"""

from __future__ import annotations

import pytest

from extract.annotated import Annotated, PlaceTok
from extract.document import make_document
from extract.journey_stops import coordinated, marks_of, role_cue
from extract.pipeline import steps
from geodata.names import normalize_text


def _ann(gaz, text: str) -> Annotated:
    doc = make_document(text, doc_id="t", published="2016-10-17")
    ann = Annotated(doc, normalize_text(doc.text))
    for step in steps(gaz)[:5]:  # sentences, places, actors, dates, sites
        ann = step(ann)
    return ann


def _place(ann: Annotated, name: str) -> PlaceTok:
    return next(p for p in ann.places if p.place.name == name)


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        pytest.param("وصلت تعزيزات من قاعدة عين عيسى.", "Ain Issa", "from", id="base-ar"),
        pytest.param("The troops moved from their staging base at Qayyarah.", "Qayyarah", "from", id="base-en"),
        pytest.param("أُجلي المدنيون من البلدتين المحاصرتين الفوعة وكفريا.", "Al-Fu'ah", "from", id="besieged-towns-ar"),
        pytest.param(
            "Civilians were evacuated from the besieged Shia towns of Foua and Kefraya.",
            "Al-Fu'ah",
            "from",
            id="besieged-towns-en",
        ),
        pytest.param("ثم وصلت إلى مخيمات النازحين غربي الرمادي.", "Ramadi", "to", id="camps-west-of-ar"),
        pytest.param("Then they reached the camps west of Ramadi.", "Ramadi", "arrive", id="camps-west-of-en"),
        pytest.param("فرت العائلات إلى مخيمات حول كركوك.", "Kirkuk", "to", id="camps-around-ar"),
        pytest.param("Families fled to camps around Kirkuk.", "Kirkuk", "to", id="camps-around-en"),
        # a camp the gazetteer lacks is a place of its own (at Erbil's unit): the stop the journey ends at
        pytest.param("نُقلوا إلى مخيم كوركوسك قرب أربيل.", "كوركوسك", "to", id="unnamed-camp-near-ar"),
        pytest.param("They were taken to the Kawergosk camp near Erbil.", "Kawergosk", "to", id="unnamed-camp-near-en"),
        pytest.param("بقي النازحون في مخيم كوركوسك قرب أربيل.", "كوركوسك", "at", id="in-camp-near-ar"),
        # Ramusa, Aleppo's Ramouseh spelled otherwise (a short name's vowelled key), is itself a place
        pytest.param("Evacuees were stuck in Ramusa south of Aleppo.", "Ramouseh", "at", id="respelled-district-en"),
        pytest.param("فرت العائلات شمالاً باتجاه جرابلس.", "Jarablus", "to", id="direction-word-ar"),
        pytest.param("Families fled north toward Jarablus.", "Jarablus", "to", id="direction-word-en"),
        pytest.param("فرت العائلات إلى الحسكة، والرقة محاصرة.", "Raqqa", None, id="punctuation-stops-ar"),
        pytest.param("Families fled to Hasakah, and Raqqa is besieged.", "Raqqa", None, id="punctuation-stops-en"),
        pytest.param("Families fled to escape the shelling in Raqqa.", "Raqqa", "at", id="aim-is-no-role-en"),
        pytest.param("غادروا الزبداني قرب دمشق.", "Damascus", None, id="describes-the-town-before-ar"),
        pytest.param("They left Zabadani near Damascus.", "Damascus", None, id="describes-the-town-before-en"),
        pytest.param(
            "عبروا إلى العراق عند معبر فيشخابور.", "Faysh Khabur crossing", "at", id="a-point-of-a-country-ar"
        ),
        pytest.param(
            "They crossed into Iraq at the Fishkhabour crossing.",
            "Faysh Khabur crossing",
            "at",
            id="a-point-of-a-country-en",
        ),
        pytest.param("وصلت العائلات بالقرب من الموصل.", "Mosul", "arrive", id="near-from-is-no-origin-ar"),
    ],
)
def test_role_word_before_a_place(gaz, text: str, name: str, role: str | None) -> None:
    ann = _ann(gaz, text)
    found = role_cue(ann, _place(ann, name).tok_first, marks_of(ann))
    assert (found[0] if found else None) == role


@pytest.mark.parametrize(
    ("text", "a", "b", "joined"),
    [
        pytest.param("باتجاه حماة وحلب", "Hama", "Aleppo", True, id="written-on-ar"),
        pytest.param("toward Hama and Aleppo", "Hama", "Aleppo", True, id="and-en"),
        pytest.param("إلى دهوك، زاخو", "Duhok", "Zakho", True, id="comma-ar"),
        pytest.param("to Dohuk, Zakho", "Duhok", "Zakho", True, id="comma-en"),
        pytest.param("إلى حماة أو مدينة حلب", "Hama", "Aleppo", True, id="or-the-city-of-ar"),
        pytest.param("to Hama or the city of Aleppo", "Hama", "Aleppo", True, id="or-the-city-of-en"),
        pytest.param("في كركوك، العراق", "Kirkuk", "Iraq", False, id="where-it-lies-ar"),
        pytest.param("in Kirkuk, Iraq", "Kirkuk", "Iraq", False, id="where-it-lies-en"),
        pytest.param("من الرقة باتجاه الطبقة", "Raqqa", "Tabqa", False, id="a-role-word-ar"),
        pytest.param("from Raqqa toward Tabqa", "Raqqa", "Tabqa", False, id="a-role-word-en"),
    ],
)
def test_places_joined_as_alternatives(gaz, text: str, a: str, b: str, joined: bool) -> None:
    ann = _ann(gaz, text)
    assert coordinated(ann, _place(ann, a), _place(ann, b)) is joined


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("وصلت تعزيزات من أربيل مروراً بالخازر وبلدة برطلة.", id="and-the-town-of-written-on-ar"),
        pytest.param(
            "Reinforcements travelled from Erbil through Khazir and the Christian town of Bartella.",
            id="an-adjective-before-the-town-en",
        ),
    ],
)
def test_a_second_stop_joined_over_the_words_of_a_stop(gaz, text: str) -> None:
    ann = _ann(gaz, text)
    assert coordinated(ann, _place(ann, "Khazir"), _place(ann, "Bartella"))
