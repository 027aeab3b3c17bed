"""The store's tables and the mapping between contract features and rows.

One table per kind with a column for every property of the extraction
contract, plus: the geometry as GeoJSON text and its bounding box (bbox
queries without a spatial extension, on SQLite and PostgreSQL alike), the
period the feature covers (`period_of`), the countries it touches, and a JSON
column for any other property (imported datasets keep their columns there).
"""

from __future__ import annotations

import json
import math
import operator
from collections.abc import Sequence
from typing import Any

import shapely.geometry
import sqlalchemy as sa

from geodata.errors import InputError
from geodata.formats.export import check_geometry, json_value, positions, round_coords
from geodata.store.filters import KINDS, period_of

Feature = dict[str, Any]

# --- schema -----------------------------------------------------------------------------------------------------

SCHEMA_VERSION = 1
metadata = sa.MetaData()
meta = sa.Table("meta", metadata, sa.Column("key", sa.String(64), primary_key=True), sa.Column("value", sa.Text))
documents = sa.Table(
    "documents", metadata,
    sa.Column("id", sa.String(16), primary_key=True),  # document_id(text)
    sa.Column("name", sa.Text, nullable=False),  # file name or JSON Lines id
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("date", sa.String(10)),  # published, ISO 8601
    sa.Column("source", sa.Text, nullable=False, index=True),
    sa.Column("lang", sa.String(8), nullable=False),
    sa.Column("origin", sa.String(16), nullable=False),  # article | import
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("n_features", sa.Integer, nullable=False),
    sa.Column("added_at", sa.String(32), nullable=False),
)

# The contract's properties per kind, with the Python type each column holds.
PROPS: dict[str, tuple[tuple[str, type], ...]] = {
    "place": (("name", str), ("name_ar", str), ("surface", str), ("gazetteer_id", str), ("feature_type", str),
              ("country_code", str), ("confidence", float)),
    "event": (("event_type", str), ("sub_event_type", str), ("actor1", str), ("actor2", str), ("date", str),
              ("date_precision", str), ("date_start", str), ("date_end", str), ("location", str),
              ("location_ar", str), ("gazetteer_id", str), ("country_code", str), ("geo_precision", int),
              ("fatalities", int), ("count", int), ("unit", str), ("trigger_start", int), ("trigger_end", int),
              ("source_dataset", str), ("source_id", str)),
    "movement": (("actor", str), ("waypoints", list), ("count", int), ("unit", str), ("date", str),
                 ("date_precision", str), ("date_start", str), ("date_end", str)),
    "route": (("name", str), ("via", list), ("controlled_by", str), ("status", str)),
}
_SQL_TYPES: dict[type, Any] = {str: sa.Text, int: sa.Integer, float: sa.Float, list: sa.JSON(none_as_null=True)}
# Columns every kind has; `start`/`end` (character offsets) are span_start/span_end in SQL.
_COMMON_PROPS = ("evidence", "start", "end", "lang", "confidence")
_KNOWN = {kind: {p for p, _ in props} | {*_COMMON_PROPS, "kind", "doc"} for kind, props in PROPS.items()}


def _feature_table(kind: str) -> sa.Table:
    name = kind + "s"
    own = [sa.Column(prop, _SQL_TYPES[typ]) for prop, typ in PROPS[kind] if prop != "confidence"]
    return sa.Table(
        name, metadata,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("doc_id", sa.String(16), sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False,
                  index=True),
        sa.Column("seq", sa.Integer, nullable=False),  # order among the document's features
        sa.Column("evidence", sa.Text), sa.Column("span_start", sa.Integer), sa.Column("span_end", sa.Integer),
        sa.Column("lang", sa.String(8)), sa.Column("confidence", sa.Float),
        sa.Column("geometry", sa.Text),  # GeoJSON, lon/lat, 7 decimals
        sa.Column("geom_type", sa.String(32)),
        sa.Column("min_lon", sa.Float), sa.Column("min_lat", sa.Float),
        sa.Column("max_lon", sa.Float), sa.Column("max_lat", sa.Float),
        sa.Column("t_start", sa.String(10)), sa.Column("t_end", sa.String(10)),  # period_of(), ISO dates
        sa.Column("countries", sa.Text),  # ",IQ,SY," for LIKE matching
        *own,
        sa.Column("extra", sa.JSON(none_as_null=True)),  # properties outside the contract (imports' columns)
        sa.Index(f"ix_{name}_period", "t_start", "t_end"),
        sa.Index(f"ix_{name}_bbox", "min_lon", "max_lon", "min_lat", "max_lat"),
    )


TABLES: dict[str, sa.Table] = {kind: _feature_table(kind) for kind in KINDS}


# --- features <-> rows ----------------------------------------------------------------------------------------------

def _coerce(value: Any, typ: type, prop: str) -> Any:
    if value is None or type(value) is typ:  # the common case, first
        return value
    if value == "" and typ is not str:
        return None
    if typ is str:
        return "; ".join(map(str, value)) if isinstance(value, (list, tuple)) else str(value)
    if typ is list:
        return list(value) if isinstance(value, (list, tuple)) else [value]
    try:
        number = float(value)
    except (TypeError, ValueError):
        number = float("nan")
    if math.isnan(number) or (typ is int and not number.is_integer()):  # NaN or not whole
        msg = f"property {prop!r} must be {'an integer' if typ is int else 'a number'}, not {value!r}"
        raise ValueError(msg)
    return int(number) if typ is int else number


def _countries_by_position(features: Sequence[Feature]) -> dict[tuple[float, float], str]:
    out = {}
    for f in features:
        g, code = f.get("geometry") or {}, (f.get("properties") or {}).get("country_code")
        if g.get("type") == "Point" and code:
            out[(round(g["coordinates"][0], 5), round(g["coordinates"][1], 5))] = code
    return out


def _row(did: str, seq: int, f: Feature, published: str | None,
         by_pos: dict[tuple[float, float], str]) -> tuple[str, dict[str, Any]]:
    props = dict(f.get("properties") or {})
    kind = props.get("kind")
    if kind not in KINDS:
        msg = f"kind {kind!r} is not one of {', '.join(KINDS)}"
        raise ValueError(msg)
    geom = f.get("geometry")
    if geom and "coordinates" in geom:
        geom = {"type": geom.get("type"), "coordinates": round_coords(geom["coordinates"])}
    box = check_geometry(geom) if geom else (None, None, None, None)
    many = props.get("country_codes")
    codes = {props.get("country_code"), *(many if isinstance(many, (list, tuple)) else ())}
    if geom and geom.get("type") != "Point":
        codes |= {by_pos.get((round(p[0], 5), round(p[1], 5))) for p in positions(geom)}
    t_start, t_end = period_of(props, published)
    row: dict[str, Any] = {
        "doc_id": did, "seq": seq, "evidence": _coerce(props.get("evidence"), str, "evidence"),
        "span_start": _coerce(props.get("start"), int, "start"), "span_end": _coerce(props.get("end"), int, "end"),
        "lang": _coerce(props.get("lang"), str, "lang"),
        "confidence": _coerce(props.get("confidence"), float, "confidence"),
        "geometry": json.dumps(geom, ensure_ascii=False) if geom else None,
        "geom_type": geom.get("type") if geom else None,
        "min_lon": box[0], "min_lat": box[1], "max_lon": box[2], "max_lat": box[3],
        "t_start": t_start.isoformat() if t_start else None, "t_end": t_end.isoformat() if t_end else None,
        "countries": "," + ",".join(sorted(c for c in codes if c)) + "," if any(codes) else None,
    }
    extra = {k: v for k, v in props.items() if k not in _KNOWN[kind]}
    for prop, typ in PROPS[kind]:
        row[prop] = _coerce(props.get(prop), typ, prop)
        if typ is str and isinstance(props.get(prop), (list, tuple)):
            extra[prop] = props[prop]  # kept as given; the column holds it joined for filtering
    row["extra"] = json_value(extra) if extra else None
    return kind, row


def rows_from_features(did: str, features: Sequence[Feature], published: str | None, *,
                       name: str) -> dict[str, list[dict[str, Any]]]:
    """Table rows per kind; a feature that breaks the contract refuses the whole document."""
    by_pos = _countries_by_position(features)
    out: dict[str, list[dict[str, Any]]] = {k: [] for k in KINDS}
    for seq, f in enumerate(features):
        try:
            kind, row = _row(did, seq, f, published, by_pos)
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            msg = f"{name}: feature {seq + 1} cannot be stored: {exc}."
            raise InputError(msg) from None
        out[kind].append(row)
    return out


class RowReader:
    """Turns one kind's rows (plain tuples, for speed) into contract Features."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.columns = list(TABLES[kind].c)
        at = {c.name: i for i, c in enumerate(self.columns)}
        self.at = at
        names = [p for p, _ in PROPS[kind] if p != "confidence"]
        self.own_names = names
        self.own = operator.itemgetter(*(at[p] for p in names))

    def feature(self, row: Sequence[Any], sources: dict[str, str],
                bbox: tuple[float, float, float, float] | None = None) -> Feature | None:
        """A stored row as a contract Feature; None when a line only grazes `bbox` with its bounding box."""
        at = self.at
        if row[at["geom_type"]] == "Point":  # no need to parse: the point is its bounding box
            geom: dict[str, Any] | None = {"type": "Point", "coordinates": [row[at["min_lon"]], row[at["min_lat"]]]}
        else:
            geom = json.loads(row[at["geometry"]]) if row[at["geometry"]] else None
            if bbox and geom and not shapely.geometry.shape(geom).intersects(shapely.geometry.box(*bbox)):
                return None
        doc_id = row[at["doc_id"]]
        props: dict[str, Any] = {"kind": self.kind, "doc": doc_id, "evidence": row[at["evidence"]],
                                 "start": row[at["span_start"]], "end": row[at["span_end"]], "lang": row[at["lang"]]}
        props.update(zip(self.own_names, self.own(row), strict=True))
        confidence = row[at["confidence"]]
        if self.kind == "place" or confidence is not None:
            props["confidence"] = confidence
        if row[at["extra"]]:
            props.update(row[at["extra"]])
        if "source" not in props:
            props["source"] = sources.get(doc_id, "")
        if props.get("date_start") is None and row[at["t_start"]]:
            props["date_start"], props["date_end"] = row[at["t_start"]], row[at["t_end"]]
        return {"type": "Feature", "id": f"{doc_id}-{row[at['seq']]}", "geometry": geom, "properties": props}
