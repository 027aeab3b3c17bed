"""The countrysides of Syria's provincial capitals by direction (geodata/gazetteer/countrysides.py)."""

from __future__ import annotations

import pytest

from geodata import settings
from geodata.gazetteer.admin import governorate_code
from geodata.gazetteer.countrysides import countryside_data, countrysides
from geodata.gazetteer.sources import GazEntry, read_place_csv
from geodata.geometry import km


@pytest.fixture(scope="module")
def made() -> dict[str, GazEntry]:
    curated = read_place_csv(settings.DATA_FILES / "curated.csv", prefix="khareeta")
    return {e.gid: e for e in countrysides(curated)}


def _seat(name: str) -> GazEntry:
    curated = read_place_csv(settings.DATA_FILES / "curated.csv", prefix="khareeta")
    return next(e for e in curated if e.name == name and e.feature_type == "city")


def test_every_seat_has_a_countryside_in_each_direction_but_the_sea_or_a_border(made) -> None:
    data = countryside_data()
    expected = sum(len(data["directions"]) - len(spec.get("except", ())) for spec in data["seats"].values())
    assert len(made) == expected
    assert "khareeta:sy-reg-homs-northwest" in made
    assert "khareeta:sy-reg-latakia-west" not in made  # the sea
    assert "khareeta:sy-reg-daraa-south" not in made  # Jordan
    assert all(e.feature_type == "countryside" and e.country_code == "SY" for e in made.values())


@pytest.mark.parametrize(
    ("gid", "seat", "north", "east"),
    [
        ("khareeta:sy-reg-hama-north", "Hama", 1, 0),
        ("khareeta:sy-reg-homs-east", "Homs", 0, 1),
        ("khareeta:sy-reg-idlib-southwest", "Idlib", -1, -1),
        ("khareeta:sy-reg-deir-northeast", "Deir ez-Zor", 1, 1),
    ],
)
def test_a_countryside_lies_its_distance_from_the_seat_along_its_direction(made, gid, seat, north, east) -> None:
    e, s = made[gid], _seat(seat)
    assert km(e.lat, e.lon, s.lat, s.lon) == pytest.approx(countryside_data()["km"], abs=0.5)
    assert (e.lat > s.lat + 0.01) - (e.lat < s.lat - 0.01) == north
    assert (e.lon > s.lon + 0.01) - (e.lon < s.lon - 0.01) == east


def test_names_in_both_languages_with_each_name_of_the_seat(made) -> None:
    names = set(made["khareeta:sy-reg-deir-east"].names)
    assert {
        "Eastern Deir ez-Zor countryside",
        "eastern countryside of Deir Ezzor",
        "Deir Ezzor eastern countryside",
        "east Deir al-Zour countryside",
        "eastern rural Deir ez-Zor",
        "ريف دير الزور الشرقي",
        "الريف الشرقي لدير الزور",
        "الريف الشرقي لمدينة دير الزور",
    } <= names
    assert not any("city" in n or "مدينة دير الزور الشرقي" in n for n in names)  # not "eastern Deir ez-Zor city"


def test_the_preposition_before_the_article_is_written_as_arabic_writes_it(made) -> None:
    raqqa = set(made["khareeta:sy-reg-raqqa-east"].names)
    assert "الريف الشرقي للرقة" in raqqa and "الريف الشرقي لالرقة" not in raqqa
    latakia = set(made["khareeta:sy-reg-latakia-north"].names)
    assert "الريف الشمالي للاذقية" in latakia and not any("لللا" in n for n in latakia)


def test_a_seat_missing_from_the_sources_makes_no_countryside() -> None:
    lone = GazEntry("khareeta:x", "Nowhere", "", "city", "SY", 35.0, 38.0, 0, ("Nowhere",), "khareeta")
    assert countrysides([lone]) == []


def test_the_gazetteer_bounds_a_countryside_by_its_seats_governorate(gaz) -> None:
    [e] = [c for c in gaz.candidates("northern countryside of Hama") if c.feature_type == "countryside"]
    [hama] = [c for c in gaz.candidates("Hama Governorate") if c.feature_type == "governorate"]
    assert governorate_code(e.pcode, "SY") == hama.pcode
