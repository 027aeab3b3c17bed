"""extract/context.py and place_filters.py: a town whose name is also a given name ("Jassim") is the town
after a headline's present-tense verb ("Families flee Jassim", "Rebels seize Jassim") and after a place
that owns it ("Daraa's Jassim"); and the owner is not the town the story is about.

English only: an Arabic headline tells the same with a noun and a role word ("نزوح عائلات من طفس"), the role
word being a place cue already, and has no possessive "'s"."""

from __future__ import annotations

import pytest

from extract.places import places_in_text
from tests.extract.test_movements import _journeys


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Families flee Jassim as fighters hunt militants", id="flee"),
        pytest.param("Rebels seize Jassim after week of clashes", id="seize"),
        pytest.param("Jets pound Jassim for a third day", id="pound"),
        pytest.param("Government troops enter Jassim", id="enter"),
        pytest.param("Families flee Daraa's Jassim as fighters hunt militants", id="owned-by-a-place"),
    ],
)
def test_a_given_name_told_as_a_place_in_a_headline_is_the_town(gaz, text: str) -> None:
    assert [(p.surface, p.country_code) for p in places_in_text(text, gaz) if p.surface == "Jassim"] == [
        ("Jassim", "SY")
    ]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Police question Jassim over the killing", id="a-person-questioned"),
        pytest.param("Jassim's brother was among the dead.", id="a-persons-kin"),
    ],
)
def test_the_same_name_as_a_person_stays_a_person(gaz, text: str) -> None:
    assert not [p for p in places_in_text(text, gaz) if p.surface.startswith("Jassim")]


def test_the_place_that_owns_the_headline_town_is_not_the_town_left(gaz) -> None:
    """'Daraa's Jassim': Daraa names the province; the families left Jassim."""
    text = (
        "Families flee Daraa's Jassim as fighters hunt militants\n\n"
        "Hundreds of families have fled since Friday, local sources said.\n\n"
        "Residents began leaving early on Saturday. Most went east to the town of Inkhil."
    )
    assert ("Jāsim", "Inkhil") in _journeys(gaz, text)
