"""Records as a CSV with ACLED's column names, then `kind`, `date_start`, `date_end`, `wkt`, and for places
`resolved` (false: a name the gazetteer lacks, placed at the unit `placed_at`).

UTF-8 with a BOM, so that spreadsheets read Arabic; text cells a spreadsheet
would run as a formula are neutralised with a leading apostrophe.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Sequence
from datetime import date
from typing import Any

import shapely.geometry

from geodata.countries import country_name
from geodata.formats.files import atomic_text
from geodata.formats.geojson import Feature, record_to_feature
from geodata.formats.text import without_surrogates
from geodata.records import Record

ACLED_COLUMNS = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "country",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
)
CSV_COLUMNS = (
    *ACLED_COLUMNS,
    "kind",
    "date_start",
    "date_end",
    "wkt",
    "resolved",
    "placed_at",
    "review_status",
    "reviewed_by",
    "reviewed_at",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")


def neutralise(value: Any) -> Any:
    """A text cell a spreadsheet would take for a formula gets a leading apostrophe."""
    if isinstance(value, str):
        value = without_surrogates(value)
        return "'" + value if value.startswith(_FORMULA_START) else value
    return value


def _wkt(geom: dict[str, Any] | None) -> str:
    return shapely.geometry.shape(geom).wkt if geom else ""


def _time_precision(p: dict[str, Any]) -> int | None:
    precision = p.get("date_precision")
    if precision in ("day", "week", "month"):
        return {"day": 1, "week": 2, "month": 3}[precision]
    try:
        days = (date.fromisoformat(str(p["date_end"])[:10]) - date.fromisoformat(str(p["date_start"])[:10])).days
    except (KeyError, TypeError, ValueError):  # no period, or not ISO dates
        return 3 if precision == "year" else None
    return 1 if days == 0 else 2 if days < 7 else 3


def acled_row(f: Feature) -> dict[str, Any]:
    """One feature as an ACLED-style CSV row (ACLED's names, then kind/period/WKT)."""
    p, geom = f.get("properties") or {}, f.get("geometry")
    kind = p.get("kind", "")
    when = str(p.get("date") or p.get("date_start") or "")
    point = geom["coordinates"] if geom and geom.get("type") == "Point" else None
    location = {
        "movement": " -> ".join(map(str, p.get("waypoints") or ())),
        "route": p.get("name"),
        "place": p.get("name"),
    }.get(kind, p.get("location"))
    return {
        "event_id_cnty": p.get("source_id") or f.get("id") or "",
        "event_date": when[:10],
        "year": int(when[:4]) if when[:4].isdigit() else None,
        "time_precision": _time_precision(p),
        "event_type": p.get("event_type"),
        "sub_event_type": p.get("sub_event_type"),
        "actor1": p.get("actor1") or p.get("actor") or p.get("controlled_by"),
        "actor2": p.get("actor2"),
        "country": p.get("country") or country_name(p.get("country_code")),
        "admin1": p.get("admin1"),
        "location": location,
        "latitude": round(point[1], 7) if point else None,
        "longitude": round(point[0], 7) if point else None,
        "geo_precision": p.get("geo_precision"),
        "source": _sources(p),
        "notes": p.get("evidence"),
        "fatalities": p.get("fatalities"),
        "kind": kind,
        "date_start": p.get("date_start"),
        "date_end": p.get("date_end"),
        "wkt": _wkt(geom),
        "resolved": p.get("resolved"),
        "placed_at": p.get("placed_at"),
        "review_status": p.get("review_status"),
        "reviewed_by": p.get("reviewed_by"),
        "reviewed_at": p.get("reviewed_at"),
    }


def _sources(p: dict[str, Any]) -> Any:
    """The feature's source; a merged event's every source, joined with '; ' as ACLED joins them."""
    merged = [s.get("source") or s.get("doc") for s in p.get("sources") or () if isinstance(s, dict)]
    return "; ".join(dict.fromkeys(str(s) for s in merged if s)) or p.get("source")


def to_csv(records: Sequence[Record], path: str | os.PathLike[str]) -> int:
    """Write ACLED-named columns (UTF-8 with BOM so spreadsheets read Arabic); rows written."""
    with atomic_text(path, encoding="utf-8-sig", errors="replace", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=CSV_COLUMNS, extrasaction="ignore")
        writer.writeheader()
        for r in records:
            writer.writerow({k: neutralise(v) for k, v in acled_row(record_to_feature(r)).items()})
    return len(records)
