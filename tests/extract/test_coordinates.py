"""Coordinates written in the text are places at exactly that point."""

from __future__ import annotations

import pytest

from extract.coordinates import coordinates_in
from extract.places import places_in_text
from geodata.gazetteer import Gazetteer

CASES = [
    ("dms", "The dam lies at 33°47′N 44°30′E on the river.", "33°47′N 44°30′E", 33.783333, 44.5),
    ("dms-seconds", "Site: 36°20′6″N 43°7′48″E.", "36°20′6″N 43°7′48″E", 36.335, 43.13),
    (
        "decimal-degrees",
        "Position 35.0325°N 43.6463889°E, north of Tikrit.",
        "35.0325°N 43.6463889°E",
        35.0325,
        43.646389,
    ),
    ("south-west", "A ship at 12°30′S 45°15′W was hailed.", "12°30′S 45°15′W", -12.5, -45.25),
    ("decimal-pair", "Geo: 33.783; 44.500 (approximately).", "33.783; 44.500", 33.783, 44.5),
]


@pytest.mark.parametrize(("text", "surface", "lat", "lon"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_coordinates_become_a_place_at_that_point(text: str, surface: str, lat: float, lon: float) -> None:
    (p,) = coordinates_in(text)
    assert p.surface == surface
    assert text[p.start : p.end] == surface
    assert (p.lat, p.lon) == pytest.approx((lat, lon), abs=1e-4)


@pytest.mark.parametrize(
    "text",
    [
        "Version 1.5; 2.3 of the report.",
        "Prices rose 12.5, 13.25 and 14.0 percent.",
        "It was 95°N of nothing 200°E",
        "The temperature was 40° in Baghdad.",
    ],
)
def test_numbers_that_are_not_coordinates(text: str) -> None:
    assert coordinates_in(text) == []


def test_coordinates_come_with_the_other_places(gaz: Gazetteer) -> None:
    places = places_in_text("Mosul Dam (36°37′48″N 42°49′23″E) was retaken.", gaz)
    assert any(p.surface.startswith("36°37′48″N") for p in places)
