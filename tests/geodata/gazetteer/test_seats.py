"""geodata/gazetteer/seats.py: the town a unit is named after."""

from __future__ import annotations

import pytest

from geodata.gazetteer import Gazetteer
from geodata.gazetteer.admin import governorate_code
from geodata.gazetteer.seats import is_seat, stem


def _town(gaz: Gazetteer, name: str):
    return max(
        (e for e in gaz.candidates(name) if e.country_code in ("IQ", "SY") and e.feature_type in ("city", "town")),
        key=lambda e: e.population,
    )


@pytest.mark.parametrize(
    ("town", "seat"),
    [
        ("Aleppo", True),
        ("Al-Hasakah", True),
        ("Deir ez-Zor", True),
        ("Kirkuk", True),
        ("كركوك", True),
        ("Erbil", True),
        ("Mosul", False),  # Nineveh
        ("Ramadi", False),  # Anbar
        ("Tal Tamr", False),  # a town of Al-Hasakah
        ("Manbij", False),  # a town of Aleppo
    ],
)
def test_a_governorate_is_named_after_its_seat(gaz: Gazetteer, town: str, seat: bool) -> None:
    e = _town(gaz, town)
    unit = gaz.unit(governorate_code(e.pcode, e.country_code))
    assert unit is not None
    assert is_seat(e, unit) is seat


def test_unit_words_are_left_out_of_a_names_stem() -> None:
    assert stem("Kirkuk Governorate") == stem("Kirkuk") == "kirkuk"
    assert stem("محافظة كركوك") == stem("كركوك")
    assert stem("Hajin Subdistrict") == "hajin"
    assert stem("ناحية هجين") == stem("هجين") != ""
