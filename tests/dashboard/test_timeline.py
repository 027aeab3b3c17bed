"""The Map page's timeline (pure functions): weekly counts by kind, undated features apart, the presets'
ranges, the brush's payload as a date range, and the range inside the sidebar's dates."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from streamlit.elements.vega_charts import VegaLiteStateSerde

from dashboard.timeline import (
    BRUSH,
    WeekCount,
    chart,
    clip,
    latest_day,
    narrow,
    preset_range,
    range_from_selection,
    undated_count,
    undated_note,
    week_of,
    weekly_counts,
)
from geodata.records import EventRecord, MovementRecord, RouteRecord, dated
from geodata.store.filters import Filters
from tests.dashboard.factories import MOSUL, RAQQA

SPAN = (date(2014, 6, 4), date(2017, 11, 3))
# What Streamlit 1.67 gave the chart's `on_select` for a drag across a real browser's brush (x field "week",
# a temporal scale): milliseconds since 1970, UTC.
REAL_PAYLOAD = {"selection": {BRUSH: {"week": [1452574802793, 1453869948536]}}}
CLEARED_PAYLOAD = {"selection": {BRUSH: {}}}


def event(fid: str, day: date | None, *, precision: str = "day") -> EventRecord:
    when = dated(day, precision) if day else None
    return EventRecord(
        feature_id=fid,
        doc="d1",
        event_type="Battles",
        place=MOSUL,
        date=when,
        period=(when.start, when.end) if when else None,
    )


def movement(fid: str, day: date | None) -> MovementRecord:
    return MovementRecord(
        feature_id=fid, doc="d1", waypoints=(MOSUL, RAQQA), date=dated(day) if day else None, period=None
    )


RECORDS = [
    event("e1", date(2016, 10, 17)),  # a Monday
    event("e2", date(2016, 10, 23)),  # the Sunday of that week
    event("e3", date(2016, 10, 24)),  # the next Monday
    movement("m1", date(2016, 10, 20)),  # dated by its own date (no stored period)
    event("e4", date(2016, 11, 1), precision="month"),  # counted in the week its period starts
    RouteRecord(feature_id="r1", doc="d1", name="Highway 47", via=(MOSUL, RAQQA), period=(date(2016, 10, 19),) * 2),
    event("u1", None),
    movement("u2", None),
]


def test_features_are_counted_by_the_week_their_period_starts_and_by_kind() -> None:
    assert weekly_counts(RECORDS) == [
        WeekCount(date(2016, 10, 17), "event", 2),
        WeekCount(date(2016, 10, 17), "movement", 1),
        WeekCount(date(2016, 10, 17), "route", 1),
        WeekCount(date(2016, 10, 24), "event", 1),
        WeekCount(date(2016, 10, 31), "event", 1),  # November 2016 starts on a Tuesday
    ]


def test_undated_features_are_counted_apart_never_on_the_timeline() -> None:
    assert undated_count(RECORDS) == 2
    assert sum(c.count for c in weekly_counts(RECORDS)) == len(RECORDS) - 2
    assert (
        undated_note(2, None)
        == "2 undated features, not on the timeline (they are on the map, in the counts and the exports)."
    )
    brushed = undated_note(1, (date(2016, 10, 17), date(2016, 10, 30)))
    assert brushed.startswith("1 undated feature left out while 2016-10-17 – 2016-10-30 is brushed")
    assert undated_note(0, None) == ""


def test_the_latest_day_is_the_last_day_a_dated_feature_covers() -> None:
    assert latest_day(RECORDS) == date(2016, 11, 30)  # the month-precise event covers November
    assert latest_day([event("u1", None)]) is None


@pytest.mark.parametrize(
    ("preset", "latest", "window"),
    [
        ("month", date(2017, 11, 3), (date(2017, 10, 4), date(2017, 11, 3))),
        ("quarter", date(2017, 11, 3), (date(2017, 8, 4), date(2017, 11, 3))),
        ("month", date(2016, 3, 31), (date(2016, 3, 1), date(2016, 3, 31))),  # February 2016 has 29 days
        ("quarter", date(2017, 5, 31), (date(2017, 3, 1), date(2017, 5, 31))),
        ("month", date(2017, 1, 15), (date(2016, 12, 16), date(2017, 1, 15))),  # across the new year
        ("all", date(2017, 11, 3), None),
        ("month", None, None),  # no dated feature: no range
    ],
)
def test_presets_end_on_the_latest_dated_feature(preset: str, latest: date | None, window: tuple | None) -> None:
    assert preset_range(preset, latest) == window


def test_an_unknown_preset_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown timeline preset 'year'"):
        preset_range("year", date(2017, 1, 1))


def test_the_brush_payload_streamlit_gives_is_the_whole_weeks_it_touches() -> None:
    # 2016-01-12 05:00 UTC (a Tuesday) to 2016-01-27 04:45 UTC (a Wednesday)
    as_given = VegaLiteStateSerde([BRUSH]).deserialize(json.dumps(REAL_PAYLOAD))  # what `st.session_state[key]` holds
    assert range_from_selection(as_given) == (date(2016, 1, 11), date(2016, 1, 31))
    assert range_from_selection(REAL_PAYLOAD) == (date(2016, 1, 11), date(2016, 1, 31))


@pytest.mark.parametrize(
    "payload",
    [
        CLEARED_PAYLOAD,  # a click beside the brush clears it
        VegaLiteStateSerde([BRUSH]).deserialize(None),  # the chart before any brush
        None,
        {"selection": {BRUSH: {"week": ["soon", "later"]}}},
        {"selection": {BRUSH: {"week": [1452574802793]}}},
        {"selection": {"other": {"week": [1452574802793, 1453869948536]}}},
    ],
)
def test_no_brush_is_no_range(payload: object) -> None:
    assert range_from_selection(payload) is None  # type: ignore[arg-type]


def _ms(day: date) -> float:
    return datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp() * 1000


@given(st.dates(date(2000, 1, 3), date(2030, 1, 1)), st.integers(0, 80))
def test_a_brush_drawn_over_a_range_of_weeks_gives_that_range_back(monday: date, weeks: int) -> None:
    """The chart draws a range as a brush from its first Monday to the Monday after it: read back, the same range."""
    first = week_of(monday)
    last = first + timedelta(days=7 * weeks + 6)
    payload = {"selection": {BRUSH: {"week": [_ms(first), _ms(last + timedelta(days=1))]}}}
    assert range_from_selection(payload) == (first, last)
    backwards = {"selection": {BRUSH: {"week": [_ms(last + timedelta(days=1)), _ms(first)]}}}
    assert range_from_selection(backwards) == (first, last)


def test_the_range_applies_inside_the_sidebars_dates() -> None:
    window = (date(2016, 3, 7), date(2016, 5, 22))
    assert narrow(Filters(kinds=("event",)), window, SPAN) == Filters(
        kinds=("event",), date_from=date(2016, 3, 7), date_to=date(2016, 5, 22)
    )
    sidebar = Filters(date_from=date(2016, 4, 1), date_to=date(2016, 12, 31), actors=("ISIS",))
    assert narrow(sidebar, window, SPAN) == Filters(
        date_from=date(2016, 4, 1), date_to=date(2016, 5, 22), actors=("ISIS",)
    )
    outside = Filters(date_from=date(2017, 1, 1))
    assert narrow(outside, window, SPAN) == outside  # no overlap: the brush is not applied
    assert narrow(sidebar, None, SPAN) == sidebar
    assert clip(window, None) == window


def test_the_chart_is_a_weekly_histogram_with_an_x_brush() -> None:
    counts = weekly_counts(RECORDS)
    spec = chart(counts, window=(date(2016, 10, 17), date(2016, 10, 30)), domain=SPAN).to_dict()
    [param] = spec["params"]
    assert param["name"] == BRUSH and param["select"] == {"type": "interval", "encodings": ["x"]}
    start, end = param["value"]["x"]
    assert (start["year"], start["month"], start["date"], start["utc"]) == (2016, 10, 17, True)
    assert (end["month"], end["date"]) == (10, 31)  # to the Monday after the range: the bars' right edges
    enc = spec["encoding"]
    assert enc["x"]["field"] == "week" and enc["x"]["type"] == "temporal" and enc["x"]["scale"]["type"] == "utc"
    assert enc["color"]["scale"]["domain"] == ["Events", "Movements", "Routes"]
    [rows] = spec["datasets"].values()
    assert sum(r["count"] for r in rows) == 6
    assert "value" not in chart(counts).to_dict()["params"][0]  # no range: no brush drawn
