"""**Only what the map shows**: the Map page's counts, table and downloads limited to the map's view.

The map reports its view (streamlit-folium's `bounds`, asked for only while the toggle is on: each pan
then reruns the page) into the session under the map's key; the next run reads it and adds it to the
filters as a box (`Filters.bbox`), for the counts, the table and the downloads, never for the map itself
(it would lose what lies beside the view). A view wider than the world (zoomed far out) limits nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from geodata.store.filters import Filters

Session = Any  # st.session_state, or a dict in tests
TOGGLE_KEY = "only_in_view"
MAP_KEY = "khareeta_map"  # the Map page's map: streamlit-folium keeps what it reports under this key
RETURNED = "bounds"  # what the map reports of its view
PICK_KEY = "rv_pick_on_map"  # the review panel's "Pick the place on the map": the map reports a click
CLICKED = "last_clicked"  # what the map reports of a click: {"lat", "lng"}


def returned(session: Session) -> list[str]:
    """What the map reports besides the feature clicked: its view while the toggle is on, the point
    clicked while an analyst picks a place."""
    return [*([RETURNED] if session.get(TOGGLE_KEY) else []), *([CLICKED] if session.get(PICK_KEY) else [])]


def map_key(session: Session) -> str:
    """The map's key: one for each set of things it reports. streamlit-folium reads what to report only
    when it builds the map, not when the same map is drawn again: a toggle turned on later would not be
    heard, so the map is built again (once) under another key."""
    return "-".join([MAP_KEY, *returned(session)])


def view_box(reported: Any) -> tuple[float, float, float, float] | None:
    """(min_lon, min_lat, max_lon, max_lat) of a view streamlit-folium reported (`{"_southWest": {"lat",
    "lng"}, "_northEast": {...}}`), clipped to the world; None when there is none or it spans the world."""
    try:
        sw, ne = reported["_southWest"], reported["_northEast"]
        west, south, east, north = float(sw["lng"]), float(sw["lat"]), float(ne["lng"]), float(ne["lat"])
    except (KeyError, TypeError, ValueError):
        return None
    if east - west >= 360 or not (west <= east and south <= north):
        return None
    if west < -180 or east > 180:  # a view across the antimeridian, shifted: keep the part on this side
        west, east = max(west, -180.0), min(east, 180.0)
        if west >= east:
            return None
    return west, max(south, -90.0), east, min(north, 90.0)


def in_view(filters: Filters, session: Session, key: str | None = None) -> Filters | None:
    """The filters limited to the map's last reported view (under `key`, else the map's `map_key`), when
    the toggle is on and the map reported one; else None (nothing to limit)."""
    if not session.get(TOGGLE_KEY):
        return None
    box = view_box((session.get(key or map_key(session)) or {}).get(RETURNED))
    return replace(filters, bbox=box) if box else None


# --- the map first ---------------------------------------------------------------------------------------------------
# On a session's first view of the Map page, the page draws its header, sidebar and map, and leaves the
# timeline, the table and the downloads for a run after the map has drawn: the browser's work on them
# (Vega, the data grid, their scripts) would otherwise share the cores with the map's own. The page puts
# a container keyed `AFTER_MAP` where they go; khareeta.js, once the map has drawn its data (or failed
# to), sees it in the page and adds `DRAWN` to what the map reports, which reruns the page.
DRAWN = "kh_drawn"  # what the map adds to its report once it has drawn
AFTER_MAP = "kh_after_map"  # the key of the container left for the timeline and the table
SEEN_KEY = "kh_map_seen"  # session: the map has drawn once; the page then draws everything at once


def panels_wait(session: Session, reported: Any) -> bool:
    """Whether this run leaves the timeline, the table and the downloads for later: on the session's first
    view of the map, until the map reports it has drawn (`DRAWN` in what it returned, `reported`)."""
    if isinstance(reported, Mapping) and reported.get(DRAWN):
        session[SEEN_KEY] = True
    return not session.get(SEEN_KEY)


def show_panels(session: Session) -> None:
    """Draw the timeline and the table without waiting for the map (a button's callback, should the map never
    report)."""
    session[SEEN_KEY] = True
