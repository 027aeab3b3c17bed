"""Date ranges as bars, under the Map page's timeline: a feature the text dates by a range ("in the week of",
"in March", "between ... and ...") rather than a day is counted on the timeline in the week its range
starts; this strip shows the range itself, one bar from its first to its last day per range and kind,
with how many features it holds. Bars that overlap in time go on lanes of their own (at most `MAX_LANES`;
beyond, they share the lane that frees first)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import altair as alt
import pandas as pd

MAX_LANES = 6
LANE_PX = 12  # a lane's height on the strip
AXIS_PX = 36  # the width of the y axis of the timeline and of the strip: their x axes line up


@dataclass(frozen=True, slots=True)
class SpanCount:
    """How many features of one kind are dated by the range `start`..`end` (both included), and its lane."""

    start: date
    end: date
    kind: str
    count: int
    lane: int = 0


def ranges(periods: Iterable[tuple[str, tuple[date, date] | None]]) -> tuple[SpanCount, ...]:
    """(kind, period) pairs -> the ranges longer than a day, counted per range and kind, in order of start
    (then end, kind), each on the first lane free from its start (`MAX_LANES` at most)."""
    counts = Counter((p[0], p[1], kind) for kind, p in periods if p is not None and p[1] > p[0])
    ends: list[date] = []  # the last day taken on each lane
    out = []
    for (start, end, kind), n in sorted(counts.items()):
        free = [i for i, last in enumerate(ends) if last < start]
        if free:
            lane = free[0]
        elif len(ends) < MAX_LANES:
            ends.append(end)
            lane = len(ends) - 1
        else:
            lane = min(range(len(ends)), key=lambda i: ends[i])
        ends[lane] = max(ends[lane], end)
        out.append(SpanCount(start, end, kind, n, lane))
    return tuple(out)


def utc(day: date) -> alt.DateTime:
    """A day's start, UTC, as Vega-Lite takes it (the timeline's and the strip's scales)."""
    return alt.DateTime(year=day.year, month=day.month, date=day.day, utc=True)


def height(spans: Sequence[SpanCount]) -> int:
    """The strip's height in pixels: its lanes and its axis."""
    return 44 + LANE_PX * (1 + max((s.lane for s in spans), default=0))


def spans_chart(
    spans: Sequence[SpanCount], *, labels: dict[str, str], colors: dict[str, str], domain: tuple[date, date]
) -> alt.Chart:
    """The strip: a bar per range, from its first day to the end of its last, in its kind's colour, over the
    timeline's `domain` (the sidebar's dates), its count and dates on hover."""
    frame = pd.DataFrame(
        {
            "from": [s.start.isoformat() for s in spans],
            "until": [(s.end + timedelta(days=1)).isoformat() for s in spans],
            "last": [s.end.isoformat() for s in spans],
            "kind": [labels[s.kind] for s in spans],
            "count": [s.count for s in spans],
            "lane": [s.lane for s in spans],
        }
    )
    kinds = [labels[k] for k in labels if any(s.kind == k for s in spans)]
    scale = alt.Scale(type="utc", domain=[utc(domain[0]), utc(domain[1] + timedelta(days=1))])  # the weeks' own
    return (
        alt.Chart(frame)
        .mark_bar(height=LANE_PX - 4, cornerRadius=2, opacity=0.85)
        .encode(
            x=alt.X("from:T", title=None, scale=scale, axis=alt.Axis(format="%b %Y", labelOverlap=True)),
            x2="until:T",
            y=alt.Y(
                "lane:O",
                axis=alt.Axis(
                    title="ranges", labels=False, ticks=False, domain=False, minExtent=AXIS_PX, maxExtent=AXIS_PX
                ),
            ),
            color=alt.Color(
                "kind:N",
                legend=None,
                scale=alt.Scale(domain=kinds, range=[colors[k] for k in labels if labels[k] in kinds]),
            ),
            tooltip=[
                alt.Tooltip("from:T", title="from", format="%Y-%m-%d"),
                alt.Tooltip("last:T", title="to", format="%Y-%m-%d"),
                "kind:N",
                alt.Tooltip("count:Q", title="features"),
            ],
        )
    )
