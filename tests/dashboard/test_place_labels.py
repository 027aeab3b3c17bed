"""Which towns the offline basemap names, from which zoom, in which language (dashboard/place_labels.py)."""

from __future__ import annotations

import json

import pytest

from dashboard import basemap, place_labels
from dashboard.place_labels import PlaceLabel, band, names, wanted
from dashboard.place_labels import place_labels as labels_of
from geodata.gazetteer import Gazetteer
from geodata.gazetteer.sources import GazEntry


def entry(
    name: str = "Town",
    name_ar: str = "بلدة",
    *,
    cc: str = "IQ",
    pop: int = 0,
    ftype: str = "town",
    lat: float = 33.0,
    lon: float = 44.0,
    source: str = "geonames",
) -> GazEntry:
    return GazEntry(f"t:{name}:{lat}:{lon}", name, name_ar, ftype, cc, lat, lon, pop, (name, name_ar), source)


@pytest.mark.parametrize(
    ("pop", "ftype", "cc", "zoom"),
    [
        (7_000_000, "city", "IQ", 5),  # Baghdad
        (1_000_000, "city", "SY", 5),
        (999_999, "city", "IQ", 6),
        (200_000, "city", "IQ", 6),
        (199_999, "town", "SY", 7),
        (50_001, "town", "IQ", 7),
        (50_000, "town", "IQ", 8),  # "> 50k from 7"
        (10_001, "town", "IQ", 8),
        (10_000, "town", "IQ", 10),  # a small place: with the villages
        (0, "town", "IQ", 8),  # a curated town of unknown size (Tal Afar, Hawija)
        (0, "village", "SY", 10),
        (2_000_000, "city", "TR", 6),  # a neighbour's: a zoom later
        (60_000, "town", "JO", 8),
        (0, "village", "IR", 11),
    ],
)
def test_the_first_zoom_follows_the_population(pop: int, ftype: str, cc: str, zoom: int) -> None:
    assert band(entry(cc=cc, pop=pop, ftype=ftype)) == zoom


def test_a_capital_is_named_from_zoom_5_whatever_its_size() -> None:
    assert band(entry(cc="KW", pop=60_000, ftype="city"), capital=True) == 5


@pytest.mark.parametrize(
    ("name", "name_ar", "en", "ar"),
    [
        ("Mosul", "الموصل", "Mosul", "الموصل"),
        ("", "البوكمال", "البوكمال", "البوكمال"),  # no English name: the Arabic one in both languages
        ("Abū al-Kahṣīb", "", "Abū al-Kahṣīb", "Abū al-Kahṣīb"),  # no Arabic name: the English one
        ("Erzurum", "yەrzyڕۆm", "Erzurum", "Erzurum"),  # GeoNames' "Arabic" in Latin letters: none
        ("Malatya", "مالاطیہ", "Malatya", "Malatya"),  # an Urdu spelling is not Arabic
        ("Hafar Al-Batin", "حفر الباطن\u200e", "Hafar Al-Batin", "حفر الباطن"),  # direction marks dropped
    ],
)
def test_each_language_falls_back_to_the_other(name: str, name_ar: str, en: str, ar: str) -> None:
    assert names(entry(name, name_ar)) == (en, ar)


@pytest.mark.parametrize(
    ("cc", "ftype", "lat", "lon", "named"),
    [
        ("IQ", "town", 29.5, 47.5, True),  # Iraq and Syria: everywhere
        ("SY", "village", 36.9, 42.1, True),
        ("TR", "town", 37.2, 38.8, True),  # a neighbour, near the border
        ("TR", "town", 41.0, 29.0, False),  # Istanbul: too far
        ("IR", "city", 35.7, 51.4, True),  # Tehran
        ("EG", "city", 30.0, 31.2, False),  # not a neighbour
        ("IQ", "dam", 36.6, 42.8, False),  # not a populated place
        ("IQ", "neighbourhood", 33.4, 44.5, False),
    ],
)
def test_iraq_syria_and_their_neighbours_near_them(cc: str, ftype: str, lat: float, lon: float, named: bool) -> None:
    assert wanted(entry(cc=cc, ftype=ftype, lat=lat, lon=lon)) is named


def test_a_name_waits_until_it_clears_a_larger_ones_name() -> None:
    big = entry("Basra", "البصرة", pop=1_300_000, ftype="city", lat=30.5, lon=47.8, source="khareeta")
    old = entry("Al Basrah al Qadimah", "البصرة القديمة", pop=2_000_000, ftype="city", lat=30.5, lon=47.83)
    far = entry("Mosul", "الموصل", pop=1_600_000, ftype="city", lat=36.3, lon=43.1, source="khareeta")
    got = {lab.name: lab.min_zoom for lab in labels_of([old, big, far])}
    assert got["Basra"] == 5 and got["Mosul"] == 5  # our curated Basra first; Mosul is far from both
    assert got["Al Basrah al Qadimah"] > 9  # 3 km east of Basra: only when the names clear each other


def test_identical_points_are_named_once() -> None:
    twins = [entry("Twin", pop=300_000, ftype="city"), entry("Twin B", "توأم", pop=200_000, ftype="city")]
    assert [lab.name for lab in labels_of(twins)] == ["Twin"]


def test_the_cap_keeps_the_names_shown_first() -> None:
    grid = [
        entry(f"V{i}", pop=100 * i, ftype="village", lat=30 + i % 40 * 0.2, lon=40 + i // 40 * 0.3) for i in range(400)
    ]
    grid.append(entry("City", pop=900_000, ftype="city", lat=29.0, lon=39.0))
    got = labels_of(grid, limit=50)
    assert len(got) == 50 and got[0].name == "City" and got[0].min_zoom == 6
    assert [lab.min_zoom for lab in got] == sorted(lab.min_zoom for lab in got)


def test_a_capital_is_the_city_of_its_name_nearest_its_point() -> None:
    kuwait = entry("Kuwait City", "مدينة الكويت", cc="KW", pop=60_000, ftype="city", lat=29.37, lon=47.98)
    hawalli = entry("Hawalli", "حولي", cc="KW", pop=165_000, ftype="city", lat=29.33, lon=48.03)
    got = {
        lab.name: lab.min_zoom for lab in labels_of([kuwait, hawalli], capitals={"KW": ("Kuwait City", 29.38, 47.97)})
    }
    assert got["Kuwait City"] == 5 and got["Hawalli"] > 5


def test_governorates_of_iraq_and_syria_only_at_zooms_6_to_8() -> None:
    units = [
        entry("Ninewa", "نينوى", ftype="governorate", lat=36.4, lon=42.95),
        entry("Baghdad", "بغداد", ftype="governorate", lat=33.31, lon=44.38),
        entry("Hakkari", "هكاري", cc="TR", ftype="governorate"),
        entry("Mosul District", "قضاء الموصل", ftype="district"),
    ]
    town = PlaceLabel(33.34, 44.40, 5, "Baghdad", "بغداد", 1)
    got = place_labels.governorate_labels(units, [town])
    assert [(g.name, g.name_ar, g.min_zoom, g.size) for g in got] == [
        ("Ninewa", "نينوى", 6, 1),
        ("Baghdad", "بغداد", 6, 0),  # at Baghdad's own point: drawn under the town's name
    ]
    assert place_labels.REGION_ZOOMS == (6, 8)


def test_the_published_names_of_the_real_gazetteer(gaz: Gazetteer) -> None:
    rows = place_labels.label_rows(gaz, basemap.capitals())
    places = rows["places"]
    assert 1000 <= len(places) <= place_labels.MAX_LABELS
    by_name = {r[4]: r for r in places}
    for town in ("Baghdad", "Damascus", "Aleppo", "Mosul"):
        assert by_name[town][2] == 5 and by_name[town][3] == 1, by_name[town]
    assert by_name["Baghdad"][5] == "بغداد" and by_name["Raqqa"][5] == "الرقة"
    assert {"Ankara", "Tehran", "Amman", "Beirut", "Kuwait City", "Riyadh"} <= {r[4] for r in places if r[2] <= 6}
    assert by_name["Tal Afar"][2] <= 9  # a curated town of unknown size
    assert all(5 <= r[2] <= place_labels.MAX_ZOOM for r in places)
    assert len(rows["regions"]) == 32 and rows["regionZooms"] == [6, 8]  # 18 + 14 governorates
    assert len(json.dumps(rows, ensure_ascii=False).encode()) < 400_000
