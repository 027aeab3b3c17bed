"""The feature the Map page shows beside the map: the last one chosen, by a click on the map or by a row
of the table. Both keep their own choice from run to run (streamlit-folium its last clicked popup, the
table its selected rows), so the one that changed since the last run is the one the user just made."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

Session = Any  # st.session_state, or a dict in tests: get, [] and []= are all that is used

TABLE_KEY = "feat_table"  # the table's widget key: its selection lives in the session under it
_SEEN = "sel_seen"  # (map click, table row id) of the last run
_LAST = "sel_last"  # (feature id, "map" | "table")
_ROWS = "sel_rows"  # the ids of the table's rows as last drawn: a selected row index -> its feature


def table_choice(session: Session) -> str | None:
    """The feature id of the table's selected row, as the table was drawn on the last run."""
    rows = ((session.get(TABLE_KEY) or {}).get("selection") or {}).get("rows") or []
    drawn = session.get(_ROWS) or []
    return drawn[rows[0]] if rows and 0 <= rows[0] < len(drawn) else None


def chosen(session: Session, map_click: str | None, table_row: str | None) -> tuple[str | None, str]:
    """(the chosen feature's id, "map" or "table"): the choice that changed since the last run wins; when
    neither did, the last choice stays; (None, "") before any."""
    seen = session.get(_SEEN) or (None, None)
    last = session.get(_LAST) or (None, "")
    if table_row and table_row != seen[1]:
        last = (table_row, "table")
    elif map_click and map_click != seen[0]:
        last = (map_click, "map")
    session[_SEEN] = (map_click, table_row)
    session[_LAST] = last
    return last


def focus(session: Session, table_row: str | None) -> str | None:
    """The feature the map is to bring into view and open: the last one chosen in the table. It stays the
    same until another row is chosen, so the map is drawn again only then (a click on the map needs no
    redraw: the map opened that popup itself)."""
    if table_row and table_row != (session.get(_SEEN) or (None, None))[1]:
        session["sel_focus"] = table_row
    return session.get("sel_focus")


def choose_linked(session: Session, feature_id: str) -> None:
    """The feature a link named (`?f=ID`, `dashboard.link`): chosen, and brought into view and opened on the
    map, as a row chosen in the table is."""
    session[_LAST] = (feature_id, "link")
    session["sel_focus"] = feature_id


def remember_rows(session: Session, ids: Sequence[str]) -> None:
    """The ids of the table's rows in the order drawn (for `table_choice` on the next run)."""
    session[_ROWS] = list(ids)
