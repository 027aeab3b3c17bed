"""The Map page's timeline (in the manner of Forensic Architecture's timemap): the features the sidebar
selects, counted by week and stacked by kind, with a brushable range that narrows the whole page.

How the brush reaches the page: the chart's `on_select` callback (`_on_brush`) turns Streamlit's
selection payload into whole weeks (`range_from_selection`) and keeps them in the session under
`RANGE_KEY`, as the presets do (`preset_range`); the URL holds them as `t0`/`t1`
(`dashboard.url_state.WINDOW_KEYS`). The page then queries the store with the sidebar's `Filters`
narrowed to that range, inside the sidebar's own dates (`narrow`), so the map, the counts, the table
and the exports follow it together. The store's date range leaves undated features out, so while a
range is brushed the panel says how many are left out; they are never on the timeline.

A feature is counted in the week (Monday to Sunday) its period starts; the brush keeps the features
whose period overlaps it, as the sidebar's dates do. Dates on the chart are UTC days.

The pure functions come first; the Streamlit panel (`window`, `panel`, `clear`) last.
"""

from __future__ import annotations

import calendar
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from dashboard.timeline_spans import AXIS_PX, SpanCount, height, ranges, spans_chart
from dashboard.timeline_spans import utc as _utc
from dashboard.url_state import WINDOW_KEYS, ignored_message, window_from_params, window_to_params
from geodata.records import FeatureRecord
from geodata.store.filters import Filters

Window = tuple[date, date]  # first and last day, both included

BRUSH = "span"  # the Vega-Lite interval selection's name: the key of its payload in `selection`
WEEK_FIELD = "week"  # the chart's x field: the payload gives the brushed interval under this name
KIND_LABELS = {"event": "Events", "movement": "Movements", "route": "Routes", "place": "Places"}
KIND_COLORS = {"event": "#d7191c", "movement": "#2e86c1", "route": "#7f8c8d", "place": "#34495e"}
PRESETS = {"month": "Last month", "quarter": "Last quarter", "all": "All"}  # preset -> button label
PRESET_MONTHS = {"month": 1, "quarter": 3}


@dataclass(frozen=True, slots=True)
class WeekCount:
    """How many features of one kind start in the week beginning on `week` (a Monday)."""

    week: date
    kind: str
    count: int


# --- pure functions --------------------------------------------------------------------------------------------------


def period(record: FeatureRecord) -> tuple[date, date] | None:
    """The days a feature covers as the store filters them (its date's, else its article's); None: undated."""
    if record.period is not None:
        return record.period
    when = record.when
    return (when.start, when.end) if when else None


@lru_cache(maxsize=8192)  # a few thousand days recur over 100,000 features
def week_of(day: date) -> date:
    """The Monday of the week `day` is in."""
    return day - timedelta(days=day.weekday())


Periods = Sequence[tuple[str, tuple[date, date] | None]]  # (kind, period) of each feature


def weekly_counts(records: Iterable[FeatureRecord]) -> list[WeekCount]:
    """Dated features counted by the week their period starts and by kind, in order of week then kind."""
    return _weekly([(r.kind, period(r)) for r in records])


def _weekly(periods: Periods) -> list[WeekCount]:
    counts = Counter((week_of(p[0]), kind) for kind, p in periods if p is not None)
    order = list(KIND_LABELS)
    return [WeekCount(w, k, n) for (w, k), n in sorted(counts.items(), key=lambda i: (i[0][0], order.index(i[0][1])))]


@dataclass(frozen=True, slots=True)
class Summary:
    """What the panel draws of the features the sidebar selects: their weekly counts, how many are
    undated, the last day a dated one covers, and the date ranges longer than a day (`timeline_spans`)."""

    weeks: tuple[WeekCount, ...]
    undated: int
    latest: date | None
    spans: tuple[SpanCount, ...] = ()


def summarise(records: Sequence[FeatureRecord]) -> Summary:
    """`weekly_counts`, `undated_count`, `latest_day` and the date ranges of `records` at once, each
    feature's period read once (the page caches it)."""
    periods = [(r.kind, period(r)) for r in records]
    return Summary(tuple(_weekly(periods)), _undated(periods), _latest(periods), ranges(periods))


def undated_count(records: Iterable[FeatureRecord]) -> int:
    """How many features have no date at all (neither theirs nor their article's): never on the timeline."""
    return _undated([(r.kind, period(r)) for r in records])


def _undated(periods: Periods) -> int:
    return sum(p is None for _kind, p in periods)


def latest_day(records: Iterable[FeatureRecord]) -> date | None:
    """The last day any dated feature covers (the store's span ends there too)."""
    return _latest([(r.kind, period(r)) for r in records])


def _latest(periods: Periods) -> date | None:
    return max((p[1] for _kind, p in periods if p is not None), default=None)


def months_before(day: date, months: int) -> date:
    """The same day `months` earlier (the month's last day when it is shorter)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def preset_range(preset: str, latest: date | None) -> Window | None:
    """The range a preset picks, ending on the latest dated feature in view: "month" and "quarter" are the
    last one and three months up to that day (`latest` included); "all" (or no dated feature) is no range."""
    if preset not in PRESETS:
        msg = f"unknown timeline preset {preset!r}; choose from {', '.join(PRESETS)}."
        raise ValueError(msg)
    if preset == "all" or latest is None:
        return None
    return months_before(latest, PRESET_MONTHS[preset]) + timedelta(days=1), latest


def _utc_day(ms: float, *, end: bool = False) -> date:
    """The UTC day of a Vega time (milliseconds since 1970); an end exactly at midnight closes the day before."""
    moment = datetime.fromtimestamp(ms / 1000, tz=UTC)
    if end and moment.time() == datetime.min.time():
        moment -= timedelta(days=1)
    return moment.date()


def range_from_selection(event: Mapping[str, Any] | None) -> Window | None:
    """The whole weeks an interval brush touches, from the payload Streamlit gives for the chart,
    `{"selection": {"span": {"week": [start_ms, end_ms]}}}`; None when nothing is brushed
    (`{"selection": {"span": {}}}`) or the payload is not that shape."""
    brushed = ((event or {}).get("selection") or {}).get(BRUSH) or {}
    ends = brushed.get(WEEK_FIELD) if isinstance(brushed, Mapping) else None
    if not isinstance(ends, Sequence) or len(ends) != 2:
        return None
    try:
        lo, hi = sorted(float(v) for v in ends)
    except (TypeError, ValueError):
        return None
    first, last = week_of(_utc_day(lo)), week_of(_utc_day(hi, end=True))
    return first, last + timedelta(days=6)


def clip(window: Window | None, span: Window | None) -> Window | None:
    """The part of `window` inside `span` (None: no overlap, or no window); `window` when there is no span."""
    if window is None or span is None:
        return window
    lo, hi = max(window[0], span[0]), min(window[1], span[1])
    return (lo, hi) if lo <= hi else None


def sidebar_range(filters: Filters, span: Window | None) -> Window | None:
    """The dates the sidebar selects: its `Filters` dates, each end else the store's `span`."""
    if span is None:
        return None
    return filters.date_from or span[0], filters.date_to or span[1]


def narrow(filters: Filters, window: Window | None, span: Window | None) -> Filters:
    """The sidebar's `Filters` with the brushed range as their dates, inside the sidebar's own range."""
    inside = clip(window, sidebar_range(filters, span))
    if inside is None:
        return filters
    return replace(filters, date_from=inside[0], date_to=inside[1])


def chart(counts: Sequence[WeekCount], *, window: Window | None = None, domain: Window | None = None) -> alt.Chart:
    """The timeline: one bar a week from Monday to Monday, stacked by kind, with the interval brush `BRUSH`
    on x (drawn over `window` when one is set); the x axis runs over `domain` (the sidebar's dates)."""
    frame = pd.DataFrame(
        {
            WEEK_FIELD: [c.week.isoformat() for c in counts],
            "end": [(c.week + timedelta(days=7)).isoformat() for c in counts],
            "kind": [KIND_LABELS[c.kind] for c in counts],
            "count": [c.count for c in counts],
        }
    )
    kinds = [k for k in KIND_LABELS if any(c.kind == k for c in counts)]
    brush = alt.selection_interval(
        name=BRUSH,
        encodings=["x"],
        value={"x": [_utc(window[0]), _utc(window[1] + timedelta(days=1))]} if window else alt.Undefined,
    )
    scale = alt.Scale(
        type="utc", domain=[_utc(domain[0]), _utc(domain[1] + timedelta(days=1))] if domain else alt.Undefined
    )
    return (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X(f"{WEEK_FIELD}:T", title=None, scale=scale, axis=alt.Axis(format="%b %Y", labelOverlap=True)),
            x2="end:T",
            y=alt.Y(
                "sum(count):Q", title="per week", axis=alt.Axis(tickMinStep=1, minExtent=AXIS_PX, maxExtent=AXIS_PX)
            ),
            color=alt.Color(
                "kind:N",
                title=None,
                scale=alt.Scale(domain=[KIND_LABELS[k] for k in kinds], range=[KIND_COLORS[k] for k in kinds]),
                legend=alt.Legend(orient="top"),
            ),
            tooltip=[alt.Tooltip(f"{WEEK_FIELD}:T", title="week of", format="%Y-%m-%d"), "kind:N", "count:Q"],
        )
        .add_params(brush)
    )


def undated_note(undated: int, window: Window | None) -> str:
    """What the panel says of the undated features ('' when there are none)."""
    if not undated:
        return ""
    n = f"{undated:,} undated feature{'s' if undated != 1 else ''}"
    if window is None:
        return f"{n}, not on the timeline (they are on the map, in the counts and the exports)."
    return (
        f"{n} left out while {window[0]} – {window[1]} is brushed: a date range keeps dated features only. "
        "Press **All** to bring them back."
    )


# --- the panel (Streamlit) -------------------------------------------------------------------------------------------

RANGE_KEY = "t_range"  # the brushed range (a `Window`, or None), as the chart's callback and the presets set it
CHART_COUNT = "t_chart"  # bumped to draw a new chart (its brush from `RANGE_KEY`) when the range is set elsewhere
STARTED = "t_started"  # the link's t0/t1 are read once per session
IGNORED = "t_url_ignored"
CHART_HEIGHT = 190  # pixels, the legend and the axis included


def window(span: Window | None) -> Window | None:
    """The brushed range: on the page's first run in a session, the link's `t0`/`t1` (inside the store's
    `span`); afterwards what the brush or a preset set."""
    if STARTED not in st.session_state:
        st.session_state[STARTED] = True
        params = {key: st.query_params.get_all(key) for key in WINDOW_KEYS if key in st.query_params}
        picked, ignored = window_from_params(params, span)
        st.session_state[RANGE_KEY] = picked
        if ignored:
            st.session_state[IGNORED] = ignored_message(ignored)
    value = st.session_state.get(RANGE_KEY)
    return (value[0], value[1]) if value else None


def _new_chart() -> None:
    st.session_state[CHART_COUNT] = st.session_state.get(CHART_COUNT, 0) + 1


def clear() -> None:
    """No range brushed (**All**, **Reset filters**): the brush is taken off the chart and `t0`/`t1` off the URL."""
    st.session_state[STARTED] = True
    st.session_state[RANGE_KEY] = None
    st.session_state.pop(IGNORED, None)
    _new_chart()
    for key in WINDOW_KEYS:
        if key in st.query_params:
            del st.query_params[key]


def _on_brush(chart_key: str) -> None:
    """The chart's `on_select`: the brushed weeks become the range (a cleared brush, none)."""
    st.session_state[RANGE_KEY] = range_from_selection(st.session_state.get(chart_key))


def _on_preset(preset: str, latest: date | None) -> None:
    if preset == "all":
        clear()
        return
    st.session_state[RANGE_KEY] = preset_range(preset, latest)
    _new_chart()


def _sync_url(picked: Window | None) -> None:
    """`t0`/`t1` in the URL hold the brushed range (written only when they change)."""
    wanted = window_to_params(picked)
    for key in WINDOW_KEYS:
        if key in wanted:
            if st.query_params.get_all(key) != wanted[key]:
                st.query_params[key] = wanted[key]
        elif key in st.query_params:
            del st.query_params[key]


def _status(picked: Window | None, inside: Window | None, undated: int) -> str:
    if picked is None:
        head = "Drag across the timeline to narrow the map, the counts, the table and the exports to those weeks."
    elif inside is None:
        head = f"The brushed range {picked[0]} – {picked[1]} lies outside the sidebar's dates: it is not applied."
    else:
        head = f"Showing {inside[0]} – {inside[1]}, brushed on the timeline."
    return " ".join(filter(None, (head, undated_note(undated, inside))))


def panel(summary: Summary, filters: Filters, span: Window | None) -> None:
    """Draw the timeline of the features the sidebar's `filters` select (their `summarise`) with its presets
    and notes."""
    picked = window(span)
    dates = sidebar_range(filters, span)
    if IGNORED in st.session_state:
        st.info(st.session_state[IGNORED], icon=":material/link_off:")
    if dates is None:
        st.caption("No feature is dated: there is no timeline.")
        return
    inside = clip(picked, dates)
    key = f"timeline_{st.session_state.get(CHART_COUNT, 0)}"
    chart_col, preset_col = st.columns([8, 1], vertical_alignment="center")
    chart_col.altair_chart(
        chart(summary.weeks, window=inside, domain=dates),
        key=key,
        on_select=lambda: _on_brush(key),
        selection_mode=BRUSH,
        width="stretch",
        height=CHART_HEIGHT,
    )
    if summary.spans:  # under the weeks: the features dated by a range, as bars over the same dates
        chart_col.caption("Dated by a range, not a day (a week, a month, between two dates): each bar spans one.")
        chart_col.altair_chart(
            spans_chart(summary.spans, labels=KIND_LABELS, colors=KIND_COLORS, domain=dates),
            width="stretch",
            height=height(summary.spans),
        )
    latest = min(summary.latest or dates[1], dates[1])  # the latest dated feature in view
    for preset, label in PRESETS.items():
        preset_col.button(label, key=f"t_preset_{preset}", on_click=_on_preset, args=(preset, latest), width="stretch")
    st.caption(_status(picked, inside, summary.undated))
    _sync_url(picked)
