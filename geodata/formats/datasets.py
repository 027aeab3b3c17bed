"""Read published event datasets, to map beside extracted events.

ACLED CSV exports and UCDP GED CSV files, read by their published column
names, become event records whose `extra` holds `source_dataset` ("ACLED" /
"UCDP GED"), `source_id` (event_id_cnty / id) and every other column of the
row (as `csv_<name>` when the GeoJSON contract has that name itself). Bad rows (short or long rows, bad dates,
coordinates out of range) are skipped and reported with their line number.
Each imported file is one document, identified by its content, so importing
the same file again changes nothing.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from geodata.countries import country_code
from geodata.errors import InputError
from geodata.formats.text import decode
from geodata.records import ActorRef, DateRef, DocumentRecord, EventRecord, PlaceRef, dated, document_id, feature_id
from geodata.settings import MAX_TEXT_CHARS

Row = dict[str, str]

ACLED_REQUIRED = ("event_id_cnty", "event_date", "event_type", "latitude", "longitude")
UCDP_REQUIRED = ("id", "date_start", "date_end", "latitude", "longitude", "type_of_violence")
_ACLED_MAPPED = {
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "notes",
    "fatalities",
}
_UCDP_MAPPED = {
    "id",
    "date_start",
    "date_end",
    "latitude",
    "longitude",
    "type_of_violence",
    "side_a",
    "side_b",
    "where_coordinates",
    "where_prec",
    "best",
    "source_headline",
    "country",
    "active_year",
}
_UCDP_COUNTS = ("low", "high", "deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown", "number_of_sources")
_TIME_PRECISION = {1: "day", 2: "week", 3: "month"}
# Properties an event has in the GeoJSON contract: a dataset's column of that name is kept as "csv_<name>".
_RESERVED = frozenset(
    "kind id doc lang evidence evidence_start evidence_end start end event_type sub_event_type actor1 actor2 "
    "actor1_id actor1_family actor2_id actor2_family location location_ar gazetteer_id country_code location_type "
    "geo_precision fatalities count unit date date_precision date_start date_end spans source_dataset source_id "
    "confidence".split()
)
# UCDP's three types of violence in ACLED's taxonomy (the UCDP code is kept as `type_of_violence`).
_UCDP_TYPES = {
    1: ("Battles", "Armed clash"),
    2: ("Battles", "Armed clash"),
    3: ("Violence against civilians", "Attack"),
}
_DATE_FORMATS = ("%d %B %Y", "%d-%B-%Y", "%d %b %Y", "%d-%b-%Y", "%Y/%m/%d")
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True, slots=True)
class ImportResult:
    """One file read: its document, the features of its good rows, (line, reason) of the others."""

    dataset: str
    doc: DocumentRecord
    doc_id: str
    records: tuple[EventRecord, ...]
    skipped: tuple[tuple[int, str], ...]

    @property
    def rows(self) -> int:
        return len(self.records) + len(self.skipped)


# --- cell parsers (raise ValueError with the reason) -----------------------------------------------------------


def _date(value: str, column: str) -> date:
    s = value.strip()
    if _ISO.match(s):
        try:
            return date.fromisoformat(s[:10])
        except ValueError:
            pass
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(s, fmt).date()
        except ValueError:
            continue
    msg = f"{column} {value!r} is not a date"
    raise ValueError(msg)


def _int(value: str | None, column: str, *, lo: int = 0, hi: int | None = None) -> int | None:
    if value is None or not value.strip():
        return None
    try:
        number = float(value)
    except ValueError:
        number = math.nan
    if not number.is_integer() or number < lo or (hi is not None and number > hi):
        msg = f"{column} {value!r} is not a whole number" + (f" from {lo} to {hi}" if hi is not None else "")
        raise ValueError(msg)
    return int(number)


def _point(row: Row) -> tuple[float, float]:
    try:
        lat, lon = float(row["latitude"]), float(row["longitude"])
    except (TypeError, ValueError):
        msg = f"latitude/longitude {row.get('latitude')!r}, {row.get('longitude')!r} are not numbers"
        raise ValueError(msg) from None
    if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
        msg = f"coordinates out of range (latitude {lat}, longitude {lon})"
        raise ValueError(msg)
    if lat == 0 and lon == 0:
        raise ValueError("coordinates 0, 0 (a missing location)")
    return round(lon, 7), round(lat, 7)


def _text(row: Row, column: str) -> str:
    return (row.get(column) or "").strip()


def _extra(row: Row, mapped: set[str]) -> dict[str, str]:
    """The row's other columns; one named like a property the event sets itself ("kind", "date",
    "start"...) is kept as "csv_<name>" rather than overriding it."""
    return {
        (f"csv_{k}" if k in _RESERVED else k): v.strip()
        for k, v in row.items()
        if k and k not in mapped and v and v.strip()
    }


def _actor(name: str) -> ActorRef | None:
    return ActorRef(name) if name else None


@dataclass(frozen=True, slots=True)
class _Where:
    """The file a row comes from (its content key gives the rows' stable ids) and its line."""

    key: str
    doc: str
    line: int

    def feature_id(self, source_id: str) -> str:
        return feature_id(self.key, "event", source_id or f"line {self.line}")


# --- row -> record ----------------------------------------------------------------------------------------------

_NOWHERE = _Where("", "", 0)


def acled_record(row: Row, where: _Where = _NOWHERE) -> EventRecord:
    """One ACLED export row as an event record."""
    if not _text(row, "event_id_cnty"):
        raise ValueError("event_id_cnty is empty")
    if not _text(row, "event_type"):
        raise ValueError("event_type is empty")
    when = _date(row["event_date"], "event_date")
    precision = _int(row.get("time_precision"), "time_precision", lo=1, hi=3) or 1
    lon, lat = _point(row)
    place = PlaceRef(_text(row, "location"), lat, lon, country_code=country_code(_text(row, "country")) or "")
    source_id = _text(row, "event_id_cnty")
    return EventRecord(
        feature_id=where.feature_id(source_id),
        doc=where.doc,
        lang="en",
        evidence=_text(row, "notes"),
        event_type=_text(row, "event_type"),
        sub_event_type=_text(row, "sub_event_type"),
        place=place,
        geo_precision=_int(row.get("geo_precision"), "geo_precision", lo=1, hi=3),
        actor1=_actor(_text(row, "actor1")),
        actor2=_actor(_text(row, "actor2")),
        date=dated(when, _TIME_PRECISION[precision]),
        fatalities=_int(row.get("fatalities"), "fatalities"),
        extra={"source_dataset": "ACLED", "source_id": source_id, **_extra(row, _ACLED_MAPPED)},
    )


def ucdp_record(row: Row, where: _Where = _NOWHERE) -> EventRecord:
    """One UCDP GED row as an event record (UCDP's date range and low/best/high kept)."""
    start, end = _date(row["date_start"], "date_start"), _date(row["date_end"], "date_end")
    if end < start:
        msg = f"date_end {end} is before date_start {start}"
        raise ValueError(msg)
    violence = _int(row.get("type_of_violence"), "type_of_violence", lo=1, hi=3)
    if violence is None:
        raise ValueError("type_of_violence is empty")
    where_prec = _int(row.get("where_prec"), "where_prec", lo=1, hi=7)
    event_type, sub_event_type = _UCDP_TYPES[violence]
    country = _text(row, "country")
    extra: dict[str, Any] = _extra(row, _UCDP_MAPPED)
    extra.update(
        type_of_violence=violence, country=country, admin1=_text(row, "adm_1"), source=_text(row, "source_original")
    )
    for column in _UCDP_COUNTS:  # UCDP's low/high estimates and deaths per side, as numbers
        if column in extra:
            extra[column] = _int(extra[column], column)
    lon, lat = _point(row)
    place = PlaceRef(
        _text(row, "where_coordinates") or _text(row, "where_description"),
        lat,
        lon,
        country_code=country_code(country.split("(")[0]) or "",
    )
    source_id = _text(row, "id")
    return EventRecord(
        feature_id=where.feature_id(source_id),
        doc=where.doc,
        lang="en",
        evidence=_text(row, "source_headline"),
        event_type=event_type,
        sub_event_type=sub_event_type,
        place=place,
        geo_precision=None if where_prec is None else min(where_prec, 3),
        actor1=_actor(_text(row, "side_a")),
        actor2=_actor(_text(row, "side_b")),
        date=DateRef(start, "day" if start == end else "range", start, end),
        fatalities=_int(row.get("best"), "best"),
        extra={"source_dataset": "UCDP GED", "source_id": source_id, **{k: v for k, v in extra.items() if v}},
    )


# --- files ------------------------------------------------------------------------------------------------------


def _rows(text: str, name: str, dataset: str, required: tuple[str, ...]) -> Iterator[tuple[int, Row | str]]:
    """(line number, row or the reason it is malformed) for every record."""
    body = text.lstrip("\ufeff")
    delimiter = max(",;\t", key=body.split("\n", 1)[0].count)
    csv.field_size_limit(max(csv.field_size_limit(), MAX_TEXT_CHARS))  # long notes are not an error
    reader = csv.DictReader(io.StringIO(body, newline=""), delimiter=delimiter)
    header = [(h or "").strip().lower() for h in reader.fieldnames or []]
    missing = [c for c in required if c not in header]
    if missing:
        raise InputError(
            f"not a {dataset} CSV file: missing column(s) {', '.join(missing)}; it needs {dataset}'s "
            f"published column names ({', '.join(required)}, ...).",
            source=name,
        )
    reader.fieldnames = header
    end, rows = 1, iter(reader)
    while True:
        try:
            row = next(rows)
        except StopIteration:
            return
        except csv.Error as exc:  # reported, and the rows before it kept
            yield end + 1, f"not CSV from here on ({exc}); the rest of the file was not read"
            return
        start, end = end + 1, reader.line_num
        if None in row:
            yield start, f"{len(header) + len(row[None])} fields where the header has {len(header)}"
        elif any(v is None for v in row.values()):
            yield start, f"{sum(v is not None for v in row.values())} fields where the header has {len(header)}"
        else:
            yield start, row


def _read(
    path: str | Path, dataset: str, required: tuple[str, ...], to_record: Callable[[Row, _Where], EventRecord]
) -> ImportResult:
    path = Path(path)
    try:
        text = decode(path.read_bytes(), str(path))
    except FileNotFoundError:
        raise InputError("no such file.", source=str(path)) from None
    except OSError as exc:
        raise InputError(f"cannot be read ({exc.strerror or exc}).", source=str(path)) from None
    key = document_id(f"{dataset}\n{text}")
    records: list[EventRecord] = []
    skipped: list[tuple[int, str]] = []
    for line, row in _rows(text, str(path), dataset, required):
        if isinstance(row, str):
            skipped.append((line, row))
            continue
        try:
            records.append(to_record(row, _Where(key, path.name, line)))
        except ValueError as exc:
            skipped.append((line, str(exc)))
    doc = DocumentRecord(
        name=path.name, text="", lang="en", title=f"{dataset}: {path.name}", source=dataset, origin="import"
    )
    return ImportResult(dataset, doc, key, tuple(records), tuple(skipped))


def read_acled_csv(path: str | Path) -> ImportResult:
    """An ACLED export (CSV with ACLED's column names)."""
    return _read(path, "ACLED", ACLED_REQUIRED, acled_record)


def read_ucdp_csv(path: str | Path) -> ImportResult:
    """A UCDP GED file (CSV with UCDP's column names)."""
    return _read(path, "UCDP GED", UCDP_REQUIRED, ucdp_record)


READERS: dict[str, Callable[[str | Path], ImportResult]] = {"acled": read_acled_csv, "ucdp": read_ucdp_csv}
