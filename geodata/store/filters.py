"""What a store query asks for (`Filters`), the period a feature covers, and the
SQL conditions that select it."""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa

from geodata.countries import country_code
from geodata.errors import InputError
from geodata.records import KINDS, REVIEW_STATUSES, FeatureRecord
from geodata.store.spatial import box_clauses
from geodata.store.text_search import text_clause


def _as_date(value: date | str | None, what: str) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        msg = f"{what} {value!r} is not a date; write it as YYYY-MM-DD."
        raise InputError(msg) from None


def _tuple(values: Any) -> tuple[str, ...]:
    if values is None:
        return ()
    if isinstance(values, str):
        values = [values]
    return tuple(str(v).strip() for v in values if v is not None and str(v).strip())


@dataclass(frozen=True, slots=True)
class Filters:
    """A store query; every field left empty matches everything.

    - `date_from`/`date_to`: features whose period (see `period_of`) overlaps.
    - `actors` (any of): events' actor1/actor2, movements' actor, routes'
      controlled_by; places have no actor and drop out when this is set.
    - `event_types` (any of, event_type or sub_event_type): events only.
    - `kinds`: place | event | movement | route.
    - `countries`: ISO codes or names (any language listed in countries.csv).
    - `bbox`: (min_lon, min_lat, max_lon, max_lat); lines that cross it count.
    - `text`: words of the evidence sentence, whatever their spelling (case, diacritics, harakat, hamza,
      doubled letters), Arabic words also with a clitic before them; a place's name also finds its name in
      the other language ("Mosul" finds "الموصل"): see `text_search.py`.
    - `min_confidence`: features without a confidence (events, imports) pass.
    - `precise`: events and places placed at the place named (geo precision 1, or not said) only; those
      placed at the district or the province around it (2, 3: a village the gazetteer lacks, an ACLED
      row coded so) drop out. Movements and routes run through towns and pass.
    - `doc_ids`: store document ids; `sources`: the documents' source
      (news agency, or "ACLED" / "UCDP GED" for imported files).
    - `review` (any of): unreviewed | accepted | corrected | rejected | merged. Left empty, every feature
      but those an analyst rejected or merged into another (`HIDDEN`).
    """

    date_from: date | None = None
    date_to: date | None = None
    actors: tuple[str, ...] = ()
    event_types: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    bbox: tuple[float, float, float, float] | None = None
    text: str = ""
    min_confidence: float | None = None
    precise: bool = False
    doc_ids: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    review: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        put = functools.partial(object.__setattr__, self)
        put("date_from", _as_date(self.date_from, "the start date"))
        put("date_to", _as_date(self.date_to, "the end date"))
        if self.date_from and self.date_to and self.date_from > self.date_to:
            msg = f"the date range is empty: {self.date_from} is after {self.date_to}."
            raise InputError(msg)
        for name in ("actors", "event_types", "kinds", "countries", "doc_ids", "sources", "review"):
            put(name, _tuple(getattr(self, name)))
        put("review", tuple(s.lower() for s in self.review))
        if wrong := [s for s in self.review if s not in REVIEW_STATUSES]:
            msg = f"unknown review status {wrong[0]!r}; choose from {', '.join(REVIEW_STATUSES)}."
            raise InputError(msg)
        unknown = [k for k in self.kinds if k not in KINDS]
        if unknown:
            msg = f"unknown kind {unknown[0]!r}; choose from {', '.join(KINDS)}."
            raise InputError(msg)
        put("countries", tuple(country_code(c) or c.upper() for c in self.countries))
        put("text", (self.text or "").strip())
        if self.bbox is not None:
            put("bbox", _check_bbox(self.bbox))
        if self.min_confidence is not None:
            put("min_confidence", float(self.min_confidence))
        put("precise", bool(self.precise))

    @property
    def is_empty(self) -> bool:
        return self == Filters()

    def described(self) -> dict[str, Any]:
        """The fields that select something, as JSON values (dates in ISO form, lists for tuples): what an
        export records of how its features were chosen."""
        out: dict[str, Any] = {}
        for name in self.__dataclass_fields__:
            value = getattr(self, name)
            if value in (None, "", ()) or value is False:
                continue
            out[name] = (
                value.isoformat() if isinstance(value, date) else list(value) if isinstance(value, tuple) else value
            )
        return out


def _check_bbox(bbox: Any) -> tuple[float, float, float, float]:
    try:
        min_lon, min_lat, max_lon, max_lat = (float(v) for v in bbox)
    except (TypeError, ValueError):
        msg = f"the bounding box {bbox!r} must be four numbers: min_lon, min_lat, max_lon, max_lat."
        raise InputError(msg) from None
    ok = (
        all(math.isfinite(v) for v in (min_lon, min_lat, max_lon, max_lat))
        and -180 <= min_lon <= max_lon <= 180
        and -90 <= min_lat <= max_lat <= 90
    )
    if not ok:
        msg = (
            f"the bounding box {min_lon}, {min_lat}, {max_lon}, {max_lat} is not valid: give min_lon, min_lat, "
            "max_lon, max_lat with longitudes in [-180, 180], latitudes in [-90, 90], min <= max."
        )
        raise InputError(msg)
    return min_lon, min_lat, max_lon, max_lat


def parse_bbox(text: str) -> tuple[float, float, float, float]:
    """'min_lon,min_lat,max_lon,max_lat' -> a checked tuple."""
    return _check_bbox(text.replace(" ", ",").replace(",,", ",").strip(",").split(","))


# --- the period a feature covers ---------------------------------------------------------------------------------


def period_of(record: FeatureRecord, doc_date: date | None = None) -> tuple[date | None, date | None]:
    """The days a feature covers: its date's period (a range, a week, a month...), else the article's date."""
    when = record.when
    if when is not None:
        return when.start, when.end
    return (doc_date, doc_date) if doc_date else (None, None)


# --- filters as SQL (used by the store) ----------------------------------------------------------------------------

HIDDEN = ("rejected", "merged")  # left out unless asked for: a false positive, a duplicate of another event


def review_clause(table: sa.Table, statuses: tuple[str, ...]) -> Any:
    """The rows of these review statuses ("unreviewed": none); none given, all but the HIDDEN ones."""
    status = table.c.review_status
    if not statuses:
        return sa.or_(status.is_(None), status.not_in(HIDDEN))
    named = [s for s in statuses if s != "unreviewed"]
    either = [status.in_(named)] if named else []
    return sa.or_(status.is_(None), *either) if "unreviewed" in statuses else either[0]


ACTOR_COLUMNS: dict[str, tuple[str, ...]] = {
    "event": ("actor1", "actor2"),
    "movement": ("actor",),
    "route": ("controlled_by",),
}


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def where_clauses(
    table: sa.Table, kind: str, f: Filters, documents: sa.Table, *, dialect: str = "sqlite"
) -> list[Any] | None:
    """SQL conditions selecting `f` in one kind's table; None when no row of
    this kind can match (e.g. places when actors are asked for). The box goes
    through the database's spatial index (`spatial.box_clauses`)."""
    c = table.c
    out: list[Any] = [review_clause(table, f.review)]
    if f.date_from or f.date_to:
        out.append(c.t_start.is_not(None))
        if f.date_from:
            out.append(c.t_end >= f.date_from.isoformat())
        if f.date_to:
            out.append(c.t_start <= f.date_to.isoformat())
    if f.actors:
        if kind not in ACTOR_COLUMNS:
            return None
        wanted = [a.lower() for a in f.actors]
        out.append(sa.or_(*(sa.func.lower(c[col]).in_(wanted) for col in ACTOR_COLUMNS[kind])))
    if f.event_types:
        if kind != "event":
            return None
        out.append(sa.or_(c.event_type.in_(f.event_types), c.sub_event_type.in_(f.event_types)))
    if f.countries:
        out.append(sa.or_(*(c.countries.like(f"%,{_like_escape(code)},%", escape="\\") for code in f.countries)))
    if f.bbox:
        out += box_clauses(table, kind, f.bbox, dialect)
    if f.text:
        out.append(text_clause(table, f.text))
    if f.min_confidence is not None:
        out.append(sa.or_(c.confidence.is_(None), c.confidence >= f.min_confidence))
    if f.precise and "geo_precision" in c:
        out.append(sa.or_(c.geo_precision.is_(None), c.geo_precision <= 1))
    if f.doc_ids:
        out.append(c.doc_id.in_(f.doc_ids))
    if f.sources:
        out.append(c.doc_id.in_(sa.select(documents.c.id).where(documents.c.source.in_(f.sources))))
    return out
