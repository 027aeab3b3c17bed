"""extract/unit_namesakes.py through place extraction: a name whose only namesakes lie in another province
of the unit's country, far from it, is a village we do not know in the unit the text names; a city, or a
namesake in the unit's own province, stays itself. Arabic and English side by side (written here)."""

from __future__ import annotations

import pytest

from extract.places import places_in_text
from extract.types import Place
from geodata.gazetteer import Gazetteer


def _place(gaz: Gazetteer, text: str, surface: str) -> Place:
    return next(p for p in places_in_text(text, gaz) if p.surface == surface)


OUTSIDE = [
    # (id, text, the name, the unit it is placed at, geo_precision): the Rashad we know is Kirkuk's
    ("comma-province-en", "Gunmen attacked Rashad, Diyala, Iraq.", "Rashad", "Diyala", 3),
    ("village-of-district-en", "Gunmen attacked the village of Rashad in Muqdadiyah district.", "Rashad", "Al-Muq", 2),
    ("belonging-to-district-ar", "هاجم مسلحون قرية الرشاد التابعة لقضاء المقدادية.", "الرشاد", "Al-Muq", 2),
    ("in-province-ar", "هاجم مسلحون قرية الرشاد في محافظة ديالى.", "الرشاد", "Diyala", 3),
]


@pytest.mark.parametrize(("text", "name", "unit", "precision"), [pytest.param(*r[1:], id=r[0]) for r in OUTSIDE])
def test_a_namesake_in_another_province_is_a_village_we_do_not_know(
    gaz: Gazetteer, text: str, name: str, unit: str, precision: int
) -> None:
    p = _place(gaz, text, name)
    assert not p.resolved and p.country_code == "IQ"
    assert p.placed_at.startswith(unit) and p.geo_precision == precision


@pytest.mark.parametrize(
    ("text", "name"),
    [
        pytest.param("Gunmen attacked Rashad, Kirkuk province.", "Rashad", id="its-own-province-en"),
        pytest.param("هاجم مسلحون قرية الرشاد في محافظة كركوك.", "الرشاد", id="its-own-province-ar"),
        pytest.param("Clashes in Tikrit, Diyala, were reported.", "Tikrit", id="a-city-misplaced-en"),
        pytest.param("اشتباكات في تكريت بمحافظة ديالى.", "تكريت", id="a-city-misplaced-ar"),
    ],
)
def test_a_namesake_in_the_unit_or_a_city_stays_itself(gaz: Gazetteer, text: str, name: str) -> None:
    assert _place(gaz, text, name).resolved
