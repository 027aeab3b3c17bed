"""The Gazetteer page (AppTest): search in Arabic and English, add an alias or a place,
and new extractions use them. Writes go to a tmp KHAREETA_HOME, never to data/."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.ingest import ingest_paths
from geodata import settings
from geodata.gazetteer.user import read_csv_rows
from geodata.names import normalize_name
from geodata.store import Store
from tests.dashboard.conftest import new_app
from tests.geodata.store.villages import UNIT, VILLAGE, VILLAGE_AT, bystanders, document, village_records

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


def test_a_place_the_gazetteer_has_nearby_is_added_only_when_ticked(app_db: Path, small_gazetteer: Path) -> None:
    at = new_app(PAGE)
    at.text_input(key="gaz_name").set_value("Khanasor")
    at.number_input(key="gaz_lat").set_value(36.52)
    at.number_input(key="gaz_lon").set_value(41.63)
    submit(at, "Add place")
    [warning] = [w.value for w in at.warning]
    assert "'Khanasor' is already in the gazetteer within 10 km: khareeta:iq-town-khanasor" in warning
    assert "--force" not in warning and "tick “Add it even if a place of that name lies within 10 km”" in warning
    assert not at.success and not (settings.user_gazetteer_dir() / "places.csv").exists()
    at.checkbox(key="gaz_anyway").check()
    submit(at, "Add place")
    assert at.success and "Added Khanasor (user:khanasor)" in at.success[0].value


def test_a_place_without_coordinates_is_not_added(app_db: Path, small_gazetteer: Path) -> None:
    at = new_app(PAGE)
    at.text_input(key="gaz_name").set_value("Nowhere")
    submit(at, "Add place")
    assert at.warning and "latitude" in at.warning[0].value
    assert not (settings.user_gazetteer_dir() / "places.csv").exists()


# --- names the gazetteer lacks: listed with their sentences, placed by coordinates ---------------------------------


@pytest.fixture
def village_db(empty_db: Path) -> Path:
    """A store holding an article that names a village the gazetteer lacks (and an ACLED import)."""
    with Store.open(empty_db) as s:
        s.add_document(document(), village_records())
        s.add_document(*bystanders())
    return empty_db


def unresolved_frame(at):
    return next(d.value for d in at.dataframe if "placed at" in d.value.columns)


def test_the_names_the_gazetteer_lacks_are_listed_with_counts_and_evidence(
    village_db: Path, small_gazetteer: Path
) -> None:
    at = new_app(PAGE)
    frame = unresolved_frame(at)
    assert list(frame["name"]) == [VILLAGE] and list(frame["features"]) == [4] and list(frame["articles"]) == [1]
    assert frame["placed at"][0] == f"{UNIT} (SY), geo precision 2"
    assert at.selectbox(key="unres_key").value == normalize_name(VILLAGE)
    shown = "".join(h.proto.body for h in at.get("html"))
    assert '<mark class="kh-m">Tell Xyzabad</mark> in Hajin subdistrict' in shown  # the sentence, the name marked
    assert "About 40 families fled" in shown and "Test Wire" in shown  # every feature's sentence, its article


def test_adding_coordinates_places_the_stored_features_there(village_db: Path, small_gazetteer: Path) -> None:
    """End to end: records as the extractor makes them for an unknown village -> the store -> the page
    lists it -> adding it places every stored feature that named it."""
    at = new_app(PAGE)
    key = normalize_name(VILLAGE)
    assert at.text_input(key=f"unres_name:{key}").value == VILLAGE  # the form starts from the name as written
    assert at.text_input(key=f"unres_cc:{key}").value == "SY"
    at.number_input(key=f"unres_lat:{key}").set_value(VILLAGE_AT[0])
    at.number_input(key=f"unres_lon:{key}").set_value(VILLAGE_AT[1])
    submit(at, "Add and place its features")
    assert at.success and "4 stored features that named it now placed there" in at.success[0].value
    assert "Every place the stored articles name is in the gazetteer." in [c.value for c in at.caption]
    _, rows = read_csv_rows(settings.user_gazetteer_dir() / "places.csv")
    assert [(r["name"], r["country_code"], r["feature_type"], r["aliases"]) for r in rows] == [
        (VILLAGE, "SY", "village", "")
    ]
    with Store.open(village_db) as s:
        assert s.unresolved() == []
        moved = [p for r in s.query() for p in r.vertices if p.gazetteer_id == "user:tell-xyzabad"]
    assert len(moved) == 4 and {(p.lat, p.lon) for p in moved} == {VILLAGE_AT}


def test_a_click_on_the_map_gives_the_coordinates(
    village_db: Path, small_gazetteer: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """streamlit-folium is opaque to AppTest: the map widget answers as it does on a click."""
    from dashboard import ui

    clicks = {"unres_map": {"last_clicked": {"lat": VILLAGE_AT[0], "lng": VILLAGE_AT[1] + 360}}}  # a world east
    monkeypatch.setattr(ui, "show_map", lambda m, *, key, **kw: clicks.get(key, {}))
    at = new_app(PAGE)
    key = normalize_name(VILLAGE)
    assert (at.number_input(key=f"unres_lat:{key}").value, at.number_input(key=f"unres_lon:{key}").value) == VILLAGE_AT
    at.number_input(key=f"unres_lat:{key}").set_value(34.8)  # typed over the click: the typing wins
    submit(at, "Add and place its features")
    with Store.open(village_db) as s:
        moved = {(p.lat, p.lon) for r in s.query() for p in r.vertices if p.gazetteer_id == "user:tell-xyzabad"}
    assert moved == {(34.8, VILLAGE_AT[1])}


def test_a_name_without_coordinates_is_not_added(village_db: Path, small_gazetteer: Path) -> None:
    at = new_app(PAGE)
    submit(at, "Add and place its features")
    assert at.warning and "latitude and longitude" in at.warning[0].value
    assert not (settings.user_gazetteer_dir() / "places.csv").exists()
    with Store.open(village_db) as s:
        assert s.unresolved()[0].count == 4


def test_a_store_without_unresolved_names_says_so(empty_db: Path, small_gazetteer: Path) -> None:
    with Store.open(empty_db) as s:
        s.add_document(*bystanders())  # an imported event and a known place named like the village
    at = new_app(PAGE)
    assert "Every place the stored articles name is in the gazetteer." in [c.value for c in at.caption]
    assert not any("placed at" in d.value.columns for d in at.dataframe)


UNKNOWN_VILLAGE_ARTICLE = (
    "Clashes erupted in Tell Xyzabad, Deir ez-Zor province, Syria, on Monday. "
    "Gunmen attacked Tell Xyzabad in the eastern countryside of Deir ez-Zor, killing two."
)


def test_an_unknown_village_end_to_end_through_the_extractor(
    empty_db: Path, small_gazetteer: Path, gaz, tmp_path: Path
) -> None:
    """extract -> store -> the page lists it -> adding it places what the extractor made of it."""
    article = tmp_path / "hajin.txt"
    article.write_text(UNKNOWN_VILLAGE_ARTICLE, encoding="utf-8")
    with Store.open(empty_db) as s:
        report = ingest_paths([article], s, gaz=gaz, default_date="2017-09-04")
        assert not report.failed, report.summary()
        (u,) = s.unresolved()
        kinds = {m.kind for m in u.mentions}
    assert (u.name, u.geo_precision in (2, 3), bool(u.placed_at)) == (VILLAGE, True, True)
    assert {"place", "event"} <= kinds and all(m.evidence in UNKNOWN_VILLAGE_ARTICLE for m in u.mentions)
    at = new_app(PAGE)
    assert VILLAGE in list(unresolved_frame(at)["name"])
    at.selectbox(key="unres_key").set_value(u.key).run()
    at.number_input(key=f"unres_lat:{u.key}").set_value(VILLAGE_AT[0])
    at.number_input(key=f"unres_lon:{u.key}").set_value(VILLAGE_AT[1])
    submit(at, "Add and place its features")
    assert at.success and f"{u.count} stored feature" in at.success[0].value
    with Store.open(empty_db) as s:
        assert all(x.key != u.key for x in s.unresolved())
        named = [p for r in s.query() for p in r.vertices if normalize_name(p.name) == u.key]
    assert named and {(p.lat, p.lon, p.gazetteer_id) for p in named} == {(*VILLAGE_AT, "user:tell-xyzabad")}


def test_a_spelling_added_to_a_known_place_places_what_named_it(village_db: Path, small_gazetteer: Path) -> None:
    at = search(new_app(PAGE), "Deir ez-Zor Governorate")
    gid = at.selectbox(key="gaz_alias_gid").value
    at.text_input(key="gaz_alias_text").set_value(VILLAGE)
    submit(at, "Add alias")
    assert at.success and "4 stored features that named it now placed there" in at.success[0].value
    with Store.open(village_db) as s:
        assert s.unresolved() == []
        assert len([p for r in s.query() for p in r.vertices if p.gazetteer_id == gid]) == 4


def test_a_new_place_added_by_hand_places_what_named_it(village_db: Path, small_gazetteer: Path) -> None:
    at = new_app(PAGE)
    at.text_input(key="gaz_name").set_value("Tall Xyzabad")
    at.text_input(key="gaz_aliases").set_value(VILLAGE)
    at.number_input(key="gaz_lat").set_value(VILLAGE_AT[0])
    at.number_input(key="gaz_lon").set_value(VILLAGE_AT[1])
    submit(at, "Add place")
    assert at.success and "4 stored features that named it now placed there" in at.success[0].value
    with Store.open(village_db) as s:
        assert s.unresolved() == []
