"""The fields an analyst may correct, per kind: each read from a record as a JSON value, checked, and
written back into a record (`review.py` keeps them, with their history).

A value is what the record holds, whole: an actor is its name, id, family and the span the text named it
at; a place its names, coordinates, gazetteer id, country, type and span; so taking a correction back gives
the extraction's value exactly. An analyst gives less (an actor's name, a gazetteer entry): `check` fills
in the rest (an actor the store already knows keeps its id and family) and refuses what cannot be stored,
saying why.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import date
from typing import Any

from geodata.errors import InputError
from geodata.gazetteer.sources import GazEntry
from geodata.records import (
    ActorRef,
    DateRef,
    EventRecord,
    MovementRecord,
    PlaceRecord,
    PlaceRef,
    Record,
    Span,
    dated,
)
from geodata.store.resolve import place_of_entry

FIELDS: dict[str, tuple[str, ...]] = {
    "event": (
        "event_type",
        "sub_event_type",
        "actor1",
        "actor2",
        "date",
        "date_precision",
        "fatalities",
        "injured",
        "location",
        "geo_precision",
    ),
    "movement": ("actor", "date", "date_precision", "count", "waypoints"),
    "route": ("controlled_by", "status", "name"),
    "place": ("location", "geo_precision"),
}
ACTOR_FIELDS = ("actor1", "actor2", "actor", "controlled_by")
COUNT_FIELDS = ("fatalities", "injured", "count", "geo_precision")
PRECISIONS = ("day", "week", "month", "year")
_PLACE_KEYS = ("name", "name_ar", "lat", "lon", "gazetteer_id", "country_code", "feature_type")


def _span(s: Span | None) -> list[int] | None:
    return [s.start, s.end] if s else None


def actor_value(a: ActorRef | None) -> dict[str, Any] | None:
    return {"name": a.name, "id": a.actor_id, "family": a.family, "span": _span(a.span)} if a else None


def place_value(p: PlaceRef) -> dict[str, Any]:
    return {**{k: getattr(p, k) for k in _PLACE_KEYS}, "span": _span(p.span)}


def entry_value(entry: GazEntry, span: list[int] | None = None) -> dict[str, Any]:
    """A gazetteer entry as a location value (`resolve.place_of_entry`'s place), where the text names it kept."""
    return {**place_value(place_of_entry(entry)), "span": span}


def _actor_ref(v: Mapping[str, Any] | None) -> ActorRef | None:
    if not v or not v.get("name"):
        return None
    span = v.get("span")
    return ActorRef(str(v["name"]), str(v.get("id") or ""), str(v.get("family") or ""), Span(*span) if span else None)


def place_ref(v: Mapping[str, Any]) -> PlaceRef:
    span = v.get("span")
    return PlaceRef(
        str(v.get("name") or ""),
        float(v["lat"]),
        float(v["lon"]),
        gazetteer_id=str(v.get("gazetteer_id") or ""),
        name_ar=str(v.get("name_ar") or ""),
        country_code=str(v.get("country_code") or ""),
        feature_type=str(v.get("feature_type") or ""),
        span=Span(*span) if span else None,
    )


def value_of(r: Record, name: str) -> Any:
    """A field of a record as a JSON value (None: not given)."""
    if name in ACTOR_FIELDS:
        return actor_value(getattr(r, name))
    if name == "location":
        assert isinstance(r, (EventRecord, PlaceRecord))
        return place_value(r.place)
    if name in ("waypoints", "via"):
        return [place_value(p) for p in getattr(r, name)]
    if name in ("date", "date_precision"):
        d: DateRef | None = getattr(r, "date", None)
        return None if d is None else d.value.isoformat() if name == "date" else d.precision
    value = getattr(r, name)
    return value if value != "" else None


def _with_date(r: Record, value: str | None, precision: str | None) -> Record:
    assert isinstance(r, (EventRecord, MovementRecord))
    if not value:
        return replace(r, date=None)
    d = dated(date.fromisoformat(value), precision or (r.date.precision if r.date else "day"))
    return replace(r, date=d)


def applied(r: Record, name: str, value: Any) -> Record:
    """The record with one field set to a (checked) value."""
    if name in ACTOR_FIELDS:
        return replace(r, **{name: _actor_ref(value)})  # type: ignore[arg-type]
    if name == "location":
        if isinstance(r, PlaceRecord):
            return replace(r, place=place_ref(value), resolved=True, placed_at="")
        assert isinstance(r, EventRecord)
        return replace(r, place=place_ref(value))
    if name == "waypoints":
        assert isinstance(r, MovementRecord)
        return replace(r, waypoints=tuple(place_ref(v) for v in value))
    if name == "date":
        return _with_date(r, value, value_of(r, "date_precision"))
    if name == "date_precision":
        return _with_date(r, value_of(r, "date"), value or "day")
    return replace(r, **{name: value if value is not None or name in COUNT_FIELDS else ""})  # type: ignore[arg-type]


def same(a: Any, b: Any) -> bool:
    """Whether two values of a field say the same (an actor by its name, a place by its entry and position;
    where the text named it does not count)."""
    return bool(_shown(a) == _shown(b))


def _shown(v: Any) -> Any:
    if isinstance(v, list):
        return [_shown(x) for x in v]
    if isinstance(v, dict):
        if "lat" in v:
            return (v.get("gazetteer_id") or "", round(float(v["lat"]), 5), round(float(v["lon"]), 5))
        return (v.get("name") or "").strip().casefold()
    return v


def shown(v: Any) -> str:
    """A value as an analyst reads it: an actor's name, a place's name, a journey's names joined."""
    if v is None or v == "":
        return "—"
    if isinstance(v, list):
        return " → ".join(shown(x) for x in v)
    if isinstance(v, dict):
        if "lat" in v:
            return f"{v.get('name') or v.get('name_ar') or '?'} ({float(v['lat']):.4f}, {float(v['lon']):.4f})"
        return str(v.get("name") or "—")
    return str(v)


# --- checking what an analyst gives ------------------------------------------------------------------------------


def _text(v: Any, name: str) -> str | None:
    if v is None:
        return None
    if not isinstance(v, str):
        raise InputError(f"{name} must be text, not {v!r}.")
    return v.strip() or None


def _count(v: Any, name: str) -> int | None:
    if v is None or v == "":
        return None
    try:
        n = int(str(v).strip())
    except ValueError:
        raise InputError(f"{name} must be a whole number, not {v!r}.") from None
    if n < 0 or (name == "geo_precision" and n not in (1, 2, 3)):
        raise InputError(f"{name} must be {'1, 2 or 3' if name == 'geo_precision' else '0 or more'}, not {n}.")
    return n


def _date(v: Any, name: str) -> str | None:
    if v is None or v == "":
        return None
    try:
        return date.fromisoformat(str(v).strip()[:10]).isoformat()
    except ValueError:
        raise InputError(f"the date {v!r} is not a date; write it as YYYY-MM-DD.") from None


def _precision(v: Any, name: str) -> str | None:
    if v is None or v == "":
        return None
    if v not in PRECISIONS:
        raise InputError(f"the date's precision must be one of {', '.join(PRECISIONS)}, not {v!r}.")
    return str(v)


def _place(v: Any, name: str) -> dict[str, Any]:
    if not isinstance(v, Mapping) or "lat" not in v or "lon" not in v:
        raise InputError(f"{name} must be a place with a latitude and a longitude, not {v!r}.")
    try:
        lat, lon = float(v["lat"]), float(v["lon"])
    except (TypeError, ValueError):
        raise InputError(f"{name}: the coordinates {v.get('lat')!r}, {v.get('lon')!r} are not numbers.") from None
    if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
        raise InputError(f"{name}: {lat}, {lon} is not a position (latitude -90..90, longitude -180..180).")
    if not (v.get("name") or v.get("name_ar")):
        raise InputError(f"{name} needs a name.")
    return {**{k: v.get(k) or "" for k in _PLACE_KEYS}, "lat": lat, "lon": lon, "span": v.get("span")}


def _places(v: Any, name: str) -> list[dict[str, Any]]:
    if not isinstance(v, list) or len(v) < 2:
        raise InputError("a journey needs two waypoints or more, in the order travelled.")
    return [_place(p, f"waypoint {i + 1}") for i, p in enumerate(v)]


_CHECKS: dict[str, Callable[[Any, str], Any]] = {
    "event_type": _text,
    "sub_event_type": _text,
    "status": _text,
    "name": _text,
    "date": _date,
    "date_precision": _precision,
    "location": _place,
    "waypoints": _places,
    **dict.fromkeys(COUNT_FIELDS, _count),
}


def check(kind: str, name: str, value: Any, actors: Mapping[str, ActorRef]) -> Any:
    """An analyst's value for a field, checked and completed: an actor given by name takes the id and family
    the store knows it by (`actors`, by lower-cased name)."""
    if name not in FIELDS.get(kind, ()):
        allowed = ", ".join(FIELDS.get(kind, ()))
        raise InputError(f"a {kind}'s {name!r} cannot be corrected; its fields are: {allowed}.")
    if name in ACTOR_FIELDS:
        text = value.get("name") if isinstance(value, Mapping) else value
        text = _text(text, name)
        if not text:
            return None
        known = actors.get(text.casefold())
        return actor_value(known and replace(known, span=None)) or {"name": text, "id": "", "family": "", "span": None}
    if kind == "event" and name == "event_type" and not value:
        raise InputError("an event needs an event type.")
    return _CHECKS[name](value, name)
