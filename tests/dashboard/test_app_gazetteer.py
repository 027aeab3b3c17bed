"""The Gazetteer page (AppTest): search in Arabic and English, add an alias or a place,
and new extractions use them. Writes go to a tmp KHAREETA_HOME, never to data/."""

from __future__ import annotations

from pathlib import Path

import pytest

from geodata import settings
from geodata.gazetteer.user import read_csv_rows
from tests.dashboard.conftest import new_app

PAGE = "views/gazetteer.py"
ADD_PAGE = "views/add_articles.py"


def search(at, name: str):
    at.text_input(key="gaz_query").set_value(name).run()
    assert not at.exception, at.exception
    return at


def submit(at, label: str):
    next(b for b in at.button if b.label == label).click().run()
    assert not at.exception, at.exception
    return at


def places_found(text: str) -> int:
    at = new_app(ADD_PAGE)
    at.text_area(key="add_text").set_value(text).run()
    submit(at, "Preview")
    return {m.label: int(m.value) for m in at.metric}["Places"]


@pytest.mark.parametrize("name", ["Mosul", "الموصل", "mosul"])
def test_search_shows_candidates_with_coordinates(app_db: Path, small_gazetteer: Path, name: str) -> None:
    at = search(new_app(PAGE), name)
    frame = at.dataframe[0].value
    assert len(frame) >= 1
    top = frame.iloc[0]
    assert "Mosul" in top["name"] and top["name_ar"]
    assert 36.0 < top["lat"] < 36.6 and 42.9 < top["lon"] < 43.4


def test_unknown_name_says_so(app_db: Path, small_gazetteer: Path) -> None:
    at = search(new_app(PAGE), "Qqqxyzville")
    assert any("No place is called" in i.value for i in at.info)


def test_added_alias_is_written_and_found_by_new_extractions(app_db: Path, small_gazetteer: Path) -> None:
    text = "Clashes erupted in Mawsilopolis on Monday."
    assert places_found(text) == 0
    at = search(new_app(PAGE), "Mosul")
    gid = at.selectbox(key="gaz_alias_gid").value
    at.text_input(key="gaz_alias_text").set_value("Mawsilopolis")
    submit(at, "Add alias")
    assert at.success and "Mawsilopolis" in at.success[0].value
    _, rows = read_csv_rows(settings.user_gazetteer_dir() / "aliases.csv")
    assert rows == [{"gazetteer_id": gid, "alias": "Mawsilopolis"}]
    assert places_found(text) == 1


def test_a_bad_alias_is_refused_with_a_message(app_db: Path, small_gazetteer: Path) -> None:
    at = search(new_app(PAGE), "Mosul")
    at.text_input(key="gaz_alias_text").set_value("ab")
    submit(at, "Add alias")
    assert at.error and "too short" in at.error[0].value
    assert not (settings.user_gazetteer_dir() / "aliases.csv").exists()


def test_added_place_is_found_in_arabic_and_english(app_db: Path, small_gazetteer: Path) -> None:
    assert places_found("Gunmen attacked Tall Qasimiyya village.") == 0
    at = new_app(PAGE)
    at.text_input(key="gaz_name").set_value("Tall Qasimiyya")
    at.text_input(key="gaz_name_ar").set_value("تل قاسمية")
    at.number_input(key="gaz_lat").set_value(36.25139)
    at.number_input(key="gaz_lon").set_value(41.95972)
    submit(at, "Add place")
    assert at.success and "Tall Qasimiyya" in at.success[0].value
    _, rows = read_csv_rows(settings.user_gazetteer_dir() / "places.csv")
    assert [(r["name"], r["name_ar"], r["country_code"]) for r in rows] == [("Tall Qasimiyya", "تل قاسمية", "IQ")]
    assert places_found("Gunmen attacked Tall Qasimiyya village.") == 1
    assert places_found("هاجم مسلحون قرية تل قاسمية.") == 1


def test_a_place_without_coordinates_is_not_added(app_db: Path, small_gazetteer: Path) -> None:
    at = new_app(PAGE)
    at.text_input(key="gaz_name").set_value("Nowhere")
    submit(at, "Add place")
    assert at.warning and "latitude" in at.warning[0].value
    assert not (settings.user_gazetteer_dir() / "places.csv").exists()
