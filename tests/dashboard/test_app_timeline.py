"""The Map page's timeline (AppTest): a brushed range narrows the counts, the table and the exports like the
store's date filter; the presets pick the last month or quarter; undated features are counted apart and
said left out while a range is brushed; the range is in the URL (`t0`/`t1`) and Reset clears it.

AppTest cannot drag a brush: `brush` sends the chart the widget value a browser sends after a drag (the
payload Streamlit hands `on_select`, see `test_timeline.REAL_PAYLOAD`), so the chart's own callback runs."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pyarrow as pa
from streamlit.proto.WidgetStates_pb2 import WidgetState
from streamlit.testing.v1 import AppTest

from dashboard.timeline import BRUSH
from extract.ingest import ingest_paths
from geodata.gazetteer import Gazetteer
from geodata.store.filters import Filters
from tests.dashboard.conftest import download, new_app, open_store
from tests.dashboard.test_app_filters import app_with, reset
from tests.dashboard.test_app_map import KINDS, counts, store_counts, table_refs

SHOWN = ("event", "movement", "route")
# Dragged from Wednesday 2016-07-20 to Wednesday 2016-08-17: the weeks of 2016-07-18 to 2016-08-21.
DRAG = (datetime(2016, 7, 20, 13, tzinfo=UTC), datetime(2016, 8, 17, 2, tzinfo=UTC))
WEEKS = {"date_from": "2016-07-18", "date_to": "2016-08-21"}
UNDATED_ARTICLE = (
    "Clashes near Mosul\n\nIraqi forces clashed with ISIS fighters in Mosul. "
    "A convoy of ISIS fighters moved from Mosul to Raqqa.\n"
)


def brush(at: AppTest, start: datetime, end: datetime) -> AppTest:
    """Send the timeline chart the value a browser sends when its brush is dragged from `start` to `end`."""
    chart = at.get("vega_lite_chart")[0]  # the weeks (a strip of date ranges may follow)
    payload = {"selection": {BRUSH: {"week": [start.timestamp() * 1000, end.timestamp() * 1000]}}}
    states = at._tree.get_widget_states()  # the other widgets' values, as `at.run()` sends them
    states.widgets.append(WidgetState(id=chart.proto.id, string_value=json.dumps(payload)))
    at._run(states)
    assert not at.exception, at.exception
    return at


def press(at: AppTest, label: str) -> AppTest:
    return next(b for b in at.button if b.label == label).click().run()


def shown(at: AppTest) -> dict[str, int]:
    return {k: counts(at)[k] for k in KINDS}


def store_ids(db: Path, **filters) -> set[str]:
    with open_store(db) as s:
        return {r.feature_id for r in s.query(Filters(kinds=SHOWN, **filters))}


def timeline_note(at: AppTest) -> str:
    return next(c.value for c in at.caption if "timeline" in c.value or "brushed" in c.value)


def test_a_brushed_range_narrows_the_counts_the_table_and_the_export(app_db: Path, downloads: dict) -> None:
    at = new_app()
    before = shown(at)
    brush(at, *DRAG)
    expected = store_counts(app_db, kinds=SHOWN, **WEEKS)
    assert shown(at) == {**expected, "Places": 0}
    assert 0 < sum(expected.values()) < sum(before.values())
    assert table_refs(at) == store_ids(app_db, **WEEKS)
    exported = json.loads(download(at, downloads, "GeoJSON").decode("utf-8"))
    assert {f["id"] for f in exported["features"]} == store_ids(app_db, **WEEKS)
    chosen = exported["khareeta"]["filters"]  # the file records the brushed range it holds
    assert (chosen["date_from"], chosen["date_to"]) == ("2016-07-18", "2016-08-21")
    assert at.query_params == {"t0": "2016-07-18", "t1": "2016-08-21"}
    assert timeline_note(at).startswith("Showing 2016-07-18 – 2016-08-21, brushed on the timeline.")
    at.run()  # the next rerun keeps the range
    assert shown(at) == {**expected, "Places": 0}


def test_a_cleared_brush_brings_the_sidebars_view_back(app_db: Path) -> None:
    at = new_app()
    before = shown(at)
    brush(at, *DRAG)
    chart = at.get("vega_lite_chart")[0]  # the weeks (a strip of date ranges may follow)
    states = at._tree.get_widget_states()
    states.widgets.append(WidgetState(id=chart.proto.id, string_value=json.dumps({"selection": {BRUSH: {}}})))
    at._run(states)
    assert shown(at) == before and at.query_params == {}


def test_the_brush_applies_inside_the_sidebars_dates(app_db: Path) -> None:
    at = app_with({"to": "2016-08-10"})
    brush(at, *DRAG)
    inside = {"date_from": "2016-07-18", "date_to": "2016-08-10"}
    expected = store_counts(app_db, kinds=SHOWN, **inside)
    assert shown(at) == {**expected, "Places": 0}
    assert 0 < sum(expected.values()) < sum(store_counts(app_db, kinds=SHOWN, **WEEKS).values())
    assert timeline_note(at).startswith("Showing 2016-07-18 – 2016-08-10")
    assert at.query_params == {"to": "2016-08-10", "t0": "2016-07-18", "t1": "2016-08-21"}  # the brush as drawn


def test_presets_pick_the_last_month_and_quarter_and_all_clears_them(app_db: Path) -> None:
    at = new_app()
    everything = shown(at)
    press(at, "Last month")  # the seeds' latest dated feature is on 2017-11-03
    month = {"date_from": "2017-10-04", "date_to": "2017-11-03"}
    assert shown(at) == {**store_counts(app_db, kinds=SHOWN, **month), "Places": 0}
    assert at.query_params == {"t0": "2017-10-04", "t1": "2017-11-03"}
    press(at, "Last quarter")
    quarter = {"date_from": "2017-08-04", "date_to": "2017-11-03"}
    assert shown(at) == {**store_counts(app_db, kinds=SHOWN, **quarter), "Places": 0}
    assert sum(shown(at).values()) > sum(store_counts(app_db, kinds=SHOWN, **month).values()) > 0
    press(at, "All")
    assert shown(at) == everything and at.query_params == {}


def test_a_link_reproduces_the_brushed_range_and_reset_clears_it(app_db: Path) -> None:
    brushed = brush(new_app(), *DRAG)
    linked = app_with(dict(brushed.query_params))
    assert linked.query_params == {"t0": "2016-07-18", "t1": "2016-08-21"}
    assert counts(linked) == counts(brushed) and table_refs(linked) == table_refs(brushed)
    unfiltered = counts(new_app())
    reset(linked)
    assert counts(linked) == unfiltered and linked.query_params == {}
    assert timeline_note(linked).startswith("Drag across the timeline")


def test_a_range_the_store_cannot_hold_is_ignored_and_said(app_db: Path) -> None:
    at = app_with({"t0": "2030-01-01", "tab": "kept"})
    [note] = at.info
    assert note.value == "Ignored in the link: t0 '2030-01-01' (outside 2014-06-04 – 2017-11-03)."
    assert counts(at) == counts(new_app()) and at.query_params == {"tab": "kept"}


def test_undated_features_are_counted_apart_and_said_left_out_while_brushed(
    app_db: Path, gaz: Gazetteer, tmp_path: Path
) -> None:
    article = tmp_path / "clashes-en.txt"  # no date in the text nor in the file's name
    article.write_text(UNDATED_ARTICLE, encoding="utf-8")
    with open_store(app_db) as s:
        ingest_paths([article], s, gaz=gaz)
        undated = [r for r in s.query(Filters(kinds=SHOWN)) if r.period is None]
    assert len(undated) == 3
    at = new_app()
    assert shown(at) == {**store_counts(app_db, kinds=SHOWN), "Places": 0}  # on the map and in the counts
    assert "3 undated features, not on the timeline" in timeline_note(at)
    brush(at, *DRAG)
    assert shown(at) == {**store_counts(app_db, kinds=SHOWN, **WEEKS), "Places": 0}
    assert not {r.feature_id for r in undated} & table_refs(at)
    assert "3 undated features left out while 2016-07-18 – 2016-08-21 is brushed" in timeline_note(at)
    press(at, "All")
    assert {r.feature_id for r in undated} <= table_refs(at)
    assert date(2016, 7, 18).weekday() == 0  # the range starts on a Monday


def test_features_dated_by_a_range_are_bars_under_the_weeks(app_db: Path) -> None:
    from dashboard.timeline import summarise

    at = new_app()
    with open_store(app_db) as s:
        wanted = summarise(s.query(Filters(kinds=SHOWN))).spans
    assert wanted  # the seeds date some features by a week
    _weeks, strip = at.get("vega_lite_chart")
    [data] = strip.proto.datasets  # Arrow, apart from the spec
    rows = pa.ipc.open_stream(data.data.data).read_all().to_pylist()
    assert json.loads(strip.proto.spec)["mark"]["type"] == "bar" and not strip.proto.selection_mode
    assert [(r["from"], r["last"], r["count"]) for r in rows] == [
        (s.start.isoformat(), s.end.isoformat(), s.count) for s in wanted
    ]
    assert any("Dated by a range" in c.value for c in at.caption)
