"""The correction form of the review panel: a feature's fields as widgets, and what the analyst changed.

Actors are picked from the store's actors or typed as a new name; a location is one of the gazetteer's
entries of its name, an entry found by searching the gazetteer, or the point last clicked on the map; a
journey's waypoints are names in travel order. Only the fields that differ from the feature are returned.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import streamlit as st

from dashboard.map_view import PICK_KEY
from dashboard.palette import EVENT_COLORS
from geodata.gazetteer import Gazetteer
from geodata.records import EventRecord, PlaceRecord, Record
from geodata.store.review_fields import FIELDS, PRECISIONS, entry_value, place_value, same, value_of

EVENT_TYPES = tuple(EVENT_COLORS)  # ACLED's, in ACLED's order
GEO_PRECISIONS = (None, 1, 2, 3)
GEO_LABELS = {None: "not said", 1: "1: the place itself", 2: "2: its district", 3: "3: its province or larger"}
ROUTE_STATUSES = ("open", "closed", "cut", "contested", "besieged")
SEARCH_KEY = "rv_search"


@dataclass(frozen=True, slots=True)
class Correction:
    """What the analyst changed, and the name to teach the gazetteer (gazetteer id, name), if asked."""

    values: Mapping[str, Any]
    alias: tuple[str, str] | None = None


def _label(p: Mapping[str, Any]) -> str:
    where = ", ".join(x for x in (p.get("feature_type") or "", p.get("country_code") or "") if x)
    gid = p.get("gazetteer_id") or "a point on the map"
    return f"{p.get('name') or p.get('name_ar')} ({where}; {gid}; {float(p['lat']):.4f}, {float(p['lon']):.4f})"


def location_options(
    record: Record, gaz: Gazetteer, search: str, clicked: Mapping[str, Any] | None
) -> list[dict[str, Any]]:
    """The places a location may be corrected to: where it is now first, then the gazetteer's entries of its
    name (the namesakes), those found by `search`, and the point clicked on the map."""
    assert isinstance(record, (EventRecord, PlaceRecord))
    now = place_value(record.place)
    surface = record.surface if isinstance(record, PlaceRecord) and record.surface else record.place.name
    found = [*gaz.candidates(surface), *gaz.candidates(record.place.name_ar or ""), *gaz.search(search or "")[:15]]
    out = [now]
    for e in found:
        p = entry_value(e, now.get("span"))
        if not any(same(p, q) for q in out):
            out.append(p)
    if clicked and clicked.get("lat") is not None and clicked.get("lng") is not None:
        point = {**now, "lat": float(clicked["lat"]), "lon": float(clicked["lng"]), "gazetteer_id": ""}
        out.append(point)
    return out


def _actor(label: str, current: Any, actors: Sequence[str], key: str) -> Any:
    name = (current or {}).get("name") or ""
    options = ["", *dict.fromkeys([*([name] if name else []), *actors])]
    return st.selectbox(
        label, options, index=options.index(name), key=key, accept_new_options=True,
        help="One of the actors the store knows, or type a new name.",
    )  # fmt: skip


def _date_fields(record: Record) -> dict[str, Any]:
    d, p = value_of(record, "date"), value_of(record, "date_precision")
    picked = st.date_input("Date", value=date.fromisoformat(d) if d else None, key="rv_date")
    precision = st.selectbox("Date precision", PRECISIONS, index=PRECISIONS.index(p or "day"), key="rv_precision")
    return {"date": picked.isoformat() if isinstance(picked, date) else None, "date_precision": precision}


def _count(label: str, current: Any, key: str) -> int | None:
    n = st.number_input(label, min_value=0, value=current, step=1, key=key, placeholder="not said")
    return None if n is None else int(n)


def _event_fields(record: Record, actors: Sequence[str]) -> dict[str, Any]:
    current = value_of(record, "event_type") or ""
    types = list(dict.fromkeys([*([current] if current else []), *EVENT_TYPES]))
    out: dict[str, Any] = {
        "event_type": st.selectbox("Event type", types, index=types.index(current) if current else 0, key="rv_type"),
        "sub_event_type": st.text_input("Sub-event type", value=value_of(record, "sub_event_type") or "", key="rv_sub"),
        "actor1": _actor("Actor 1 (who acted)", value_of(record, "actor1"), actors, "rv_actor1"),
        "actor2": _actor("Actor 2 (the target)", value_of(record, "actor2"), actors, "rv_actor2"),
        **_date_fields(record),
        "fatalities": _count("Fatalities", value_of(record, "fatalities"), "rv_fatalities"),
        "injured": _count("Injured", value_of(record, "injured"), "rv_injured"),
    }
    return out


def _other_fields(record: Record, actors: Sequence[str], gaz: Gazetteer) -> dict[str, Any]:
    if record.kind == "movement":
        names = " > ".join(p.get("name") or p.get("name_ar") or "" for p in value_of(record, "waypoints"))
        given = st.text_input("Waypoints, in the order travelled", value=names, key="rv_waypoints",
                              help="Place names from the gazetteer, with ' > ' between them.")  # fmt: skip
        return {
            "actor": _actor("Who moved", value_of(record, "actor"), actors, "rv_actor"),
            **_date_fields(record),
            "count": _count("How many", value_of(record, "count"), "rv_count"),
            "waypoints": waypoints(record, given, gaz),
        }
    if record.kind == "route":
        status = value_of(record, "status") or ""
        statuses = ["", *dict.fromkeys([*([status] if status else []), *ROUTE_STATUSES])]
        return {
            "controlled_by": _actor("Held by", value_of(record, "controlled_by"), actors, "rv_controller"),
            "status": st.selectbox("Status", statuses, index=statuses.index(status), key="rv_status") or None,
        }
    return {}


def waypoints(record: Record, given: str, gaz: Gazetteer) -> list[dict[str, Any]]:
    """Names in travel order as waypoints: a name the journey has keeps its place, another is the gazetteer's
    first entry of it (a name the gazetteer lacks is refused when saved: it has no position)."""
    now = {(p.get("name") or "").casefold(): p for p in value_of(record, "waypoints")}
    out: list[dict[str, Any]] = []
    for name in (n.strip() for n in given.split(">")):
        if not name:
            continue
        if name.casefold() in now:
            out.append(now[name.casefold()])
        elif entries := gaz.candidates(name) or gaz.search(name, limit=1):
            out.append(entry_value(entries[0]))
        else:
            out.append({"name": name})
    return out


def corrections(
    record: Record, gaz: Gazetteer, actors: Sequence[str], clicked: Mapping[str, Any] | None
) -> Correction | None:
    """Draw the form; when it is sent, the fields the analyst changed (None before)."""
    places: list[dict[str, Any]] = []
    if "location" in FIELDS[record.kind]:
        st.text_input("Search the gazetteer for the place", key=SEARCH_KEY, placeholder="e.g. Tuz Khurmatu, طوز")
        st.toggle("Pick the place on the map", key=PICK_KEY, help="Then click the map where it happened.")
        places = location_options(record, gaz, st.session_state.get(SEARCH_KEY, ""), clicked)
    with st.form("rv_form", border=False):
        given = _event_fields(record, actors) if record.kind == "event" else _other_fields(record, actors, gaz)
        teach = False
        if places:
            pick = st.radio("Location", range(len(places)), format_func=lambda i: _label(places[i]), key="rv_place")
            given["location"] = places[pick or 0]
            precision = value_of(record, "geo_precision")
            given["geo_precision"] = st.selectbox(
                "Geo precision", GEO_PRECISIONS, index=GEO_PRECISIONS.index(precision), key="rv_geo",
                format_func=lambda p: GEO_LABELS[p],
            )  # fmt: skip
            teach = st.checkbox("Teach the gazetteer this name for the chosen place", key="rv_teach")
        st.text_input("Note (kept in the history)", key="rv_note")
        if not st.form_submit_button("Save the correction", type="primary"):
            return None
    changed = {k: v for k, v in given.items() if not same(_comparable(k, v), value_of(record, k))}
    alias = None
    loc = changed.get("location")
    if teach and loc and loc.get("gazetteer_id"):
        surface = record.surface if isinstance(record, PlaceRecord) else record.place.name  # type: ignore[union-attr]
        alias = (loc["gazetteer_id"], surface)
    return Correction(changed, alias)


def _comparable(name: str, value: Any) -> Any:
    """A widget's value as `value_of` gives the field (an actor's name as a dict)."""
    if name in ("actor1", "actor2", "actor", "controlled_by"):
        return {"name": value} if value else None
    return value if value != "" else None
