"""The Map page's filters (AppTest): Reset puts every widget back to its default, and the filters live in
the URL (a link opens the page with them set; values the store does not know are ignored, and said so)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from streamlit.testing.v1 import AppTest

from dashboard import map_view
from tests.dashboard.conftest import APP, new_app, open_store
from tests.dashboard.test_app_map import KINDS, counts, store_counts, table_refs

SPAN = (date(2014, 6, 4), date(2017, 11, 3))  # the seeds' first and last dates
DEFAULTS: dict[str, Any] = {
    "f_dates": SPAN,
    "f_kinds": ["event", "movement", "route"],
    "f_actors": [],
    "f_types": [],
    "f_countries": [],
    "f_text": "",
    "f_sources": [],
    "f_precise": False,
}
# Filters picked by hand, and the same filters as the URL holds them.
PICKED: dict[str, Any] = {
    "f_dates": (date(2016, 1, 1), date(2017, 6, 30)),
    "f_kinds": ["event", "movement"],
    "f_actors": ["ISIS", "SDF (Syrian Democratic Forces)"],
    "f_countries": ["IQ", "SY"],
    "f_text": "Mosul",
    "f_precise": True,
}
PICKED_URL = {
    "from": "2016-01-01",
    "to": "2017-06-30",
    "kind": ["event", "movement"],
    "actor": ["ISIS", "SDF (Syrian Democratic Forces)"],
    "country": ["IQ", "SY"],
    "q": "Mosul",
    "precise": "1",
}
PICKED_FILTERS = {
    "date_from": "2016-01-01",
    "date_to": "2017-06-30",
    "kinds": ("event", "movement"),
    "actors": ("ISIS", "SDF (Syrian Democratic Forces)"),
    "countries": ("IQ", "SY"),
    "text": "Mosul",
    "precise": True,
}


def widget(at: AppTest, key: str) -> Any:
    if key == "f_dates":
        return at.date_input(key=key)
    if key == "f_precise":
        return at.toggle(key=key)
    return at.text_input(key=key) if key == "f_text" else at.multiselect(key=key)


def values(at: AppTest) -> dict[str, Any]:
    return {key: widget(at, key).value for key in DEFAULTS}


def app_with(params: dict[str, Any]) -> AppTest:
    """A new session of the dashboard opened on a URL with these query parameters."""
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update(params)
    at.session_state[map_view.SEEN_KEY] = True  # the map has drawn (see `conftest.new_app`)
    at.run()
    assert not at.exception, at.exception
    return at


def pick(at: AppTest, picked: dict[str, Any]) -> AppTest:
    for key, value in picked.items():
        widget(at, key).set_value(value)
    return at.run()


def reset(at: AppTest) -> AppTest:
    return next(b for b in at.button if b.label == "Reset filters").click().run()


class Browser:
    """What the browser's widgets show: the value the server sent with a run (`set_value`), else what
    they showed before. The next run sends those values back, as a real browser does."""

    def __init__(self, at: AppTest) -> None:
        self.at = at
        self.shown = values(at)

    def run(self, picked: dict[str, Any]) -> None:
        pick(self.at, {**self.shown, **picked})
        self.shown = {
            key: widget(self.at, key).value if widget(self.at, key).proto.set_value else picked.get(key, shown)
            for key, shown in self.shown.items()
        }

    def reset(self) -> None:
        reset(self.at)
        self.shown = {
            key: widget(self.at, key).value if widget(self.at, key).proto.set_value else shown
            for key, shown in self.shown.items()
        }


def test_reset_puts_every_widget_back_and_they_stay_there(app_db: Path) -> None:
    at = new_app()
    assert values(at) == DEFAULTS
    unfiltered = counts(at)
    browser = Browser(at)
    browser.run({**PICKED, "f_types": ["Battles"], "f_sources": ["Northern Wire"]})
    assert counts(at) != unfiltered
    browser.reset()
    assert browser.shown == DEFAULTS and values(at) == DEFAULTS
    assert counts(at) == unfiltered
    browser.run({"f_countries": ["SY"]})  # another widget changes: the others stay at their defaults
    assert browser.shown == values(at) == {**DEFAULTS, "f_countries": ["SY"]}
    expected = store_counts(app_db, kinds=("event", "movement", "route"), countries=("SY",))
    assert {k: counts(at)[k] for k in KINDS} == {**expected, "Places": 0}


def test_a_link_opens_the_view_the_same_filters_set_by_hand_show(app_db: Path) -> None:
    by_hand = pick(new_app(), PICKED)
    linked = app_with(PICKED_URL)
    assert values(linked) == values(by_hand) == {**DEFAULTS, **PICKED}
    assert counts(linked) == counts(by_hand)
    assert table_refs(linked) == table_refs(by_hand)
    expected = store_counts(app_db, **PICKED_FILTERS)
    assert {k: counts(linked)[k] for k in KINDS} == {**expected, "Places": 0}
    assert sum(expected.values()) > 0
    assert linked.query_params == PICKED_URL  # the link stays as it was
    assert not linked.info


def test_values_the_store_does_not_know_are_ignored_and_said(app_db: Path) -> None:
    at = app_with(
        {"actor": ["ISIS", "Nobody"], "from": "2016-13-01", "to": "2030-01-01", "kind": "tank", "tab": "kept"}
    )
    assert not at.exception and not at.error
    [note] = at.info
    assert note.value == (
        "Ignored in the link: kind 'tank', actor 'Nobody', from '2016-13-01', "
        "to '2030-01-01' (outside 2014-06-04 – 2017-11-03)."
    )
    assert values(at) == {**DEFAULTS, "f_actors": ["ISIS"]}  # the valid value holds
    expected = store_counts(app_db, kinds=("event", "movement", "route"), actors=("ISIS",))
    assert {k: counts(at)[k] for k in KINDS} == {**expected, "Places": 0}
    assert at.query_params == {"actor": "ISIS", "tab": "kept"}  # the ignored values leave the URL, others stay
    reset(at)
    assert not at.info and at.query_params == {"tab": "kept"}


def test_the_url_holds_the_filters_set_by_hand_and_reset_clears_them(app_db: Path) -> None:
    at = app_with({"tab": "kept"})
    assert at.query_params == {"tab": "kept"}  # defaults are not written
    pick(at, PICKED)
    assert at.query_params == {**PICKED_URL, "tab": "kept"}
    pick(at, {"f_kinds": [], "f_text": ""})  # nothing in Show is a choice too; an empty text is the default
    without_text = {k: v for k, v in PICKED_URL.items() if k != "q"}
    assert at.query_params == {**without_text, "kind": "", "tab": "kept"}
    reset(at)
    assert at.query_params == {"tab": "kept"}
    assert values(at) == DEFAULTS


# --- actors by any of their names; text in either language ----------------------------------------------------------


def test_the_actor_picker_lists_other_names_so_an_alias_finds_the_actor(app_db: Path) -> None:
    at = new_app()
    picker = at.multiselect(key="f_actors")
    isis = next(o for o in picker.options if o.startswith("ISIS"))
    assert "داعش" in isis and "Daesh" in isis  # Streamlit's picker searches the labels it shows
    linked = app_with({"actor": ["داعش", "Daesh"]})  # a link may name an actor any way
    assert linked.multiselect(key="f_actors").value == ["ISIS"] and not linked.info
    shown = {k: v for k, v in counts(linked).items() if k != "Articles"}
    assert shown == store_counts(app_db, actors=("ISIS",), kinds=("event", "movement", "route"))


def test_evidence_text_is_found_in_either_language_and_any_spelling(app_db: Path) -> None:
    found = {}
    for text in ("Mosul", "الموصل", "mosul", "الرقه", "Raqqa"):
        at = new_app()
        at.text_input(key="f_text").set_value(text).run()
        found[text] = counts(at)["Events"]
    assert found["Mosul"] == found["الموصل"] == found["mosul"] > 0
    assert found["الرقه"] == found["Raqqa"] > 0
    assert found["Mosul"] == store_counts(app_db, text="الموصل", kinds=("event",))["Events"]


def test_precise_places_only_leaves_out_what_is_placed_at_a_district_or_province(app_db: Path) -> None:
    at = new_app()
    before = counts(at)
    pick(at, {"f_precise": True})
    expected = store_counts(app_db, kinds=("event", "movement", "route"), precise=True)
    assert {k: counts(at)[k] for k in KINDS} == {**expected, "Places": 0}
    assert counts(at)["Events"] < before["Events"]  # the seeds have events placed at a province
    assert counts(at)["Movements"] == before["Movements"]  # journeys run through towns
    assert at.query_params["precise"] == "1"
    assert not at.exception


def param(at: AppTest, key: str) -> list[str]:
    """A query parameter's values (AppTest keeps a value given as a string until the page writes a list)."""
    value = at.query_params[key]
    return [value] if isinstance(value, str) else list(value)


def test_a_link_to_a_feature_opens_it_and_choosing_another_rewrites_the_link(app_db: Path) -> None:
    refs = sorted(table_refs(new_app()))
    linked = app_with({"actor": "ISIS", "f": refs[2]})
    assert any(f"ref {refs[2]}" in h.proto.body for h in linked.get("html"))  # beside the map, as if clicked
    assert linked.session_state["sel_focus"] == refs[2]  # and brought into view and opened on the map
    assert param(linked, "f") == [refs[2]] and param(linked, "actor") == ["ISIS"]
    rows = list(linked.dataframe[0].value["ref"])
    linked.session_state["feat_table"] = {"selection": {"rows": [0], "columns": []}}  # a row chosen below
    linked.run()
    assert param(linked, "f") == [rows[0]]  # the link now names the row's feature


def test_a_link_with_the_maps_view_draws_the_map_there_until_the_filters_change(app_db: Path) -> None:
    linked = app_with({"view": "36.3400,43.1300,9", "actor": "ISIS"})
    view, kept_with = linked.session_state["link_view"]
    assert view == (36.34, 43.13, 9.0) and kept_with.actors == ("ISIS",)
    assert param(linked, "view") == ["36.3400,43.1300,9"]  # the map, not the page, rewrites it
    widget(linked, "f_actors").set_value([]).run()
    assert linked.session_state["link_view"] is None  # another view: the map fits what it draws
    assert "link_view" not in app_with({"view": "north of Mosul"}).session_state  # not a view: ignored


def test_a_group_of_the_legend_picks_all_its_actors_and_a_link_keeps_the_group(app_db: Path) -> None:
    from dashboard import actor_groups

    at = new_app()
    labels = at.multiselect(key="f_actors").options  # as the picker shows them: actors, then groups
    group = next(i for i, o in enumerate(labels) if o.startswith("Kurdish forces (group of "))
    assert group > max(i for i, o in enumerate(labels) if "group of" not in o)
    at.multiselect(key="f_actors").set_value(["group:Kurdish forces"]).run()
    with open_store(app_db) as s:
        kurds = actor_groups.members(s.facets().actors)["Kurdish forces"]
    assert len(kurds) >= 2
    shown = {k: v for k, v in counts(at).items() if k != "Articles"}
    assert shown == store_counts(app_db, actors=kurds, kinds=("event", "movement", "route"))
    assert param(at, "actor") == ["group:Kurdish forces"]  # the link names the group, not its members today
    linked = app_with({"actor": "group:Kurdish forces"})
    assert counts(linked) == counts(at) and not linked.info
