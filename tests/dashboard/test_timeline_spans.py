"""Date ranges as bars under the timeline (`dashboard.timeline_spans`): which features have one, how they
are counted, and the lanes that keep overlapping bars apart."""

from __future__ import annotations

import json
from datetime import date, timedelta

from dashboard import timeline_spans as spans
from dashboard.timeline import KIND_COLORS, KIND_LABELS, summarise
from tests.dashboard.test_timeline import RECORDS, event

D = date(2016, 3, 1)


def _p(first: int, last: int) -> tuple[date, date]:
    return D + timedelta(days=first), D + timedelta(days=last)


def test_only_ranges_longer_than_a_day_are_bars_counted_per_range_and_kind() -> None:
    got = spans.ranges(
        [
            ("event", _p(0, 6)),
            ("event", _p(0, 6)),
            ("movement", _p(0, 6)),
            ("event", _p(3, 3)),  # one day: a day on the timeline, no bar
            ("event", None),  # undated: on no timeline
        ]
    )
    assert [(s.start, s.end, s.kind, s.count) for s in got] == [(*_p(0, 6), "event", 2), (*_p(0, 6), "movement", 1)]


def test_overlapping_ranges_take_lanes_of_their_own_and_a_lane_is_reused_once_free() -> None:
    got = spans.ranges([("event", _p(0, 6)), ("event", _p(3, 9)), ("event", _p(7, 13)), ("event", _p(14, 20))])
    assert [s.lane for s in got] == [0, 1, 0, 0]


def test_lanes_stop_at_the_most_and_share_the_one_that_frees_first() -> None:
    many = [("event", _p(i, 40 + i)) for i in range(spans.MAX_LANES + 2)]
    got = spans.ranges(many)
    assert max(s.lane for s in got) == spans.MAX_LANES - 1
    assert [s.lane for s in got][spans.MAX_LANES :] == [0, 1]  # ended first: the lanes taken first
    assert spans.height(got) == 44 + spans.LANE_PX * spans.MAX_LANES


def test_the_summary_holds_the_month_dated_event_as_a_range() -> None:
    summary = summarise(RECORDS)
    assert [(s.start, s.end, s.kind) for s in summary.spans] == [(date(2016, 11, 1), date(2016, 11, 30), "event")]
    assert summarise([event("d", date(2016, 10, 17))]).spans == ()


def test_the_strip_spans_each_range_to_the_end_of_its_last_day_over_the_timelines_dates() -> None:
    got = spans.ranges([("event", _p(0, 6)), ("movement", _p(2, 30))])
    spec = spans.spans_chart(got, labels=KIND_LABELS, colors=KIND_COLORS, domain=(D, D + timedelta(days=60))).to_dict()
    rows = json.loads(json.dumps(spec["datasets"]))  # the one dataset: its rows
    [data] = rows.values()
    assert [(r["from"], r["until"], r["kind"], r["count"]) for r in data] == [
        ("2016-03-01", "2016-03-08", "Events", 1),
        ("2016-03-03", "2016-04-01", "Movements", 1),
    ]
    assert spec["encoding"]["x"]["scale"]["domain"] == [  # the timeline's days, UTC (as the weeks' chart has them)
        {"year": 2016, "month": 3, "date": 1, "utc": True},
        {"year": 2016, "month": 5, "date": 1, "utc": True},
    ]
    assert spec["encoding"]["color"]["scale"]["range"] == [KIND_COLORS["event"], KIND_COLORS["movement"]]
