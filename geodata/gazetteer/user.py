"""Extend the gazetteer without code: the analyst's own places and aliases.

New places go to `data/gazetteer/places.csv` (our schema,
`sources.PLACE_COLUMNS`), new names of existing places to
`data/gazetteer/aliases.csv`. Both files are sources of the compiled
gazetteer, which is rebuilt on its next use. Every value is checked before
anything is written, and every write is atomic: a reader (the gazetteer, the
dashboard) sees the old file or the new one, never half of one.
"""

from __future__ import annotations

import csv
import os
import re
import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from geodata import gazetteer, settings
from geodata.errors import GazetteerError
from geodata.gazetteer import MIN_KEY_CHARS, Gazetteer, read_blocked, written_long_enough
from geodata.gazetteer.namesakes import refuse_namesakes
from geodata.gazetteer.sources import PLACE_COLUMNS, GazEntry, entry_from_row, renamed_ids
from geodata.names import is_arabic, normalize_name

ALIAS_COLUMNS = ("gazetteer_id", "alias")
_ID = re.compile(r"^[\w.-]+$")
_COUNTRY = re.compile(r"^[A-Z]{2}$")
# Two names this close (in degrees, about 1 km) are taken for the same place.
SAME_PLACE_DEGREES = 0.01


def places_path() -> Path:
    """The analyst's own places."""
    return settings.user_gazetteer_dir() / "places.csv"


def aliases_path() -> Path:
    """The analyst's extra names of places the gazetteer already has."""
    return settings.user_gazetteer_dir() / "aliases.csv"


@dataclass(frozen=True, slots=True)
class SkippedRow:
    """A row of an imported file that was left out, and why."""

    line: int
    reason: str


@dataclass(frozen=True, slots=True)
class PlacesImport:
    """What `import_places` added to places.csv and what it left out."""

    imported: tuple[GazEntry, ...]
    skipped: tuple[SkippedRow, ...]
    ignored_columns: tuple[str, ...] = ()

    def summary(self) -> str:
        """One line: 'imported N places, skipped M rows: line X: reason; ...'."""
        text = f"imported {len(self.imported)} places, skipped {len(self.skipped)} rows"
        if self.skipped:
            text += ": " + "; ".join(f"line {s.line}: {s.reason.rstrip('.')}" for s in self.skipped)
        if self.ignored_columns:
            text += f" (ignored column(s) {', '.join(self.ignored_columns)})"
        return text


# --- files -------------------------------------------------------------------


def read_csv_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    """The header and rows of a CSV file (both empty when it does not exist)."""
    if not path.exists():
        return [], []
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            rows = [{k: v or "" for k, v in row.items() if k is not None} for row in reader]
            return list(reader.fieldnames or ()), rows
    except UnicodeDecodeError:
        msg = f"{path}: is not UTF-8 text; save it as CSV UTF-8."
        raise GazetteerError(msg) from None
    except OSError as exc:
        msg = f"{path}: cannot be read ({exc.strerror})."
        raise GazetteerError(msg) from None


def write_csv_atomic(path: Path, fieldnames: Sequence[str], rows: Iterable[Mapping[str, str]]) -> int:
    """Write rows to a temporary file beside `path`, then swap it in.

    The temporary name does not end in `.csv`, so the gazetteer's
    `geonames/*.csv` glob never picks up a file being written.
    """
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    n = 0
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tmp.open("x", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=list(fieldnames), extrasaction="ignore", lineterminator="\n")
            writer.writeheader()
            for row in rows:
                writer.writerow(row)
                n += 1
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        msg = f"{path}: cannot be written ({exc.strerror}); it was left unchanged."
        raise GazetteerError(msg) from None
    finally:
        tmp.unlink(missing_ok=True)
    return n


def _append_rows(path: Path, columns: Sequence[str], new_rows: list[dict[str, str]]) -> None:
    """Existing rows (and any extra columns the analyst added) plus new ones."""
    header, rows = read_csv_rows(path)  # read again just before writing: the freshest rows
    fieldnames = list(columns) + [c for c in header if c not in columns]
    write_csv_atomic(path, fieldnames, [*rows, *new_rows])


# --- checks ------------------------------------------------------------------


def _clean(value: object) -> str:
    """A value as one line of text with single spaces."""
    return " ".join(str(value if value is not None else "").split())


def matchable(name: str) -> bool:
    """True when the name can be found in a text: a key of 3+ letters, or a word written with 3
    ("Foo", whose key folds the doubled letter: `written_long_enough`)."""
    key = normalize_name(name)
    return (len(key.replace(" ", "")) >= MIN_KEY_CHARS and not key.isdigit()) or written_long_enough(name, key)


def blocked_names(names: Iterable[str]) -> list[str]:
    """Names listed as never places (media, persons...): they are not found in text."""
    blocked = {normalize_name(p) for p in read_blocked()}
    return [n for n in names if normalize_name(n) in blocked]


def _check_alias(alias: str, where: str) -> str:
    alias = _clean(alias)
    if not alias:
        msg = f"{where}: an alias cannot be empty."
        raise GazetteerError(msg)
    if "|" in alias:
        msg = f"{where}: alias {alias!r} contains '|', which separates aliases."
        raise GazetteerError(msg)
    if not matchable(alias):
        msg = f"{where}: alias {alias!r} is too short to be found in text (at least {MIN_KEY_CHARS} letters)."
        raise GazetteerError(msg)
    return alias


def _check_fields(row: dict[str, str], where: str) -> None:
    """What `entry_from_row` lets through but a new place must not have."""
    for col in ("name", "name_ar"):
        if "|" in row[col]:
            msg = f"{where}: {col} {row[col]!r} contains '|', which separates aliases."
            raise GazetteerError(msg)
    if row["name_ar"] and not is_arabic(row["name_ar"]):
        msg = f"{where}: the Arabic name {row['name_ar']!r} has no Arabic letters."
        raise GazetteerError(msg)
    if not any(matchable(n) for n in (row["name"], row["name_ar"]) if n):
        msg = f"{where}: the name is too short to be found in text (at least {MIN_KEY_CHARS} letters)."
        raise GazetteerError(msg)
    if row["country_code"] and not _COUNTRY.match(row["country_code"]):
        msg = f"{where}: country {row['country_code']!r} is not a two-letter ISO code like IQ or SY."
        raise GazetteerError(msg)
    if row["population"] and not (row["population"].isdigit()):
        msg = f"{where}: population {row['population']!r} is not a whole number of 0 or more."
        raise GazetteerError(msg)
    if row["id"] and not _ID.match(row["id"]):
        msg = f"{where}: id {row['id']!r} may only hold letters, digits, '.', '_' and '-'."
        raise GazetteerError(msg)


def _place_row(values: Mapping[str, object], aliases: Sequence[str], where: str) -> tuple[dict[str, str], GazEntry]:
    """A clean, checked row of our schema and the entry the gazetteer will read from it."""
    row = {c: _clean(values.get(c)) for c in PLACE_COLUMNS}
    row["country_code"] = row["country_code"].upper()
    row["feature_type"] = row["feature_type"].lower() or "place"
    row["population"] = row["population"].replace(",", "").replace("_", "")
    entry = entry_from_row(row, prefix="user", where=where)  # names, feature type, coordinates
    _check_fields(row, where)
    aliases = [_check_alias(a, where) for a in aliases]
    row.update(
        lat=repr(entry.lat),
        lon=repr(entry.lon),
        population=str(entry.population) if entry.population else "",
        aliases="|".join(a for a in dict.fromkeys(aliases) if a not in (row["name"], row["name_ar"])),
    )
    return row, entry


# --- places ------------------------------------------------------------------


def _slug(text: str) -> str:
    return re.sub(r"\W+", "-", text.lower()).strip("-") or "place"


class _Existing:
    """The places already in places.csv: their ids and where their names are."""

    def __init__(self, rows: list[dict[str, str]]) -> None:
        self.ids: set[str] = set()
        self.names: dict[str, list[tuple[float, float, str]]] = {}
        for row in rows:
            rid = _clean(row.get("id")) or _slug(_clean(row.get("name")) or _clean(row.get("name_ar")))
            try:
                self.add(rid, entry_from_row(row, prefix="user", where="places.csv"))
            except GazetteerError:
                self.ids.add(rid)  # a bad old row still holds its id

    def add(self, rid: str, e: GazEntry) -> None:
        self.ids.add(rid)
        for n in e.names:
            self.names.setdefault(normalize_name(n), []).append((e.lat, e.lon, e.gid))

    def same_place(self, e: GazEntry) -> str | None:
        """The id of a place with one of these names within about 1 km."""
        for n in e.names:
            for lat, lon, gid in self.names.get(normalize_name(n), ()):
                if abs(lat - e.lat) < SAME_PLACE_DEGREES and abs(lon - e.lon) < SAME_PLACE_DEGREES:
                    return gid
        return None

    def new_id(self, e: GazEntry) -> str:
        base = _slug(e.name or e.name_ar)
        rid, n = base, 1
        while rid in self.ids:
            n += 1
            rid = f"{base}-{n}"
        return rid


def _accept(
    values: Mapping[str, object], aliases: Sequence[str], existing: _Existing, where: str
) -> tuple[dict[str, str], GazEntry]:
    """Check one new place against the rules and the places already there."""
    row, entry = _place_row(values, aliases, where)
    dup = existing.same_place(entry)
    if dup:
        msg = f"{where}: {entry.name!r} is already in your places as {dup}."
        raise GazetteerError(msg)
    if row["id"] and row["id"] in existing.ids:
        msg = f"{where}: id {row['id']!r} is already used in places.csv."
        raise GazetteerError(msg)
    row["id"] = row["id"] or existing.new_id(entry)
    entry = entry_from_row(row, prefix="user", where=where)
    existing.add(row["id"], entry)
    return row, entry


def add_place(
    *,
    lat: float | str,
    lon: float | str,
    name: str = "",
    name_ar: str = "",
    feature_type: str = "place",
    country_code: str = "",
    population: int | str = 0,
    aliases: Sequence[str] = (),
    force: bool = False,
    gaz: Gazetteer | None = None,
) -> GazEntry:
    """Append one checked place to places.csv (a unique id is generated) and return it. A place of one
    of its names within 10 km of it is refused unless `force` (`namesakes.refuse_namesakes`)."""
    label = _clean(name) or _clean(name_ar)
    values = {
        "name": name,
        "name_ar": name_ar,
        "feature_type": feature_type,
        "country_code": country_code,
        "lat": lat,
        "lon": lon,
        "population": population,
    }
    path = places_path()
    where = f"place {label!r}" if label else "new place"
    row, entry = _accept(values, aliases, _Existing(read_csv_rows(path)[1]), where)
    if not force:
        refuse_namesakes(entry, gaz or gazetteer.get(), where)
    _append_rows(path, PLACE_COLUMNS, [row])
    return entry


def _values(row: dict) -> Iterator[str]:
    for k, v in row.items():
        if k is None:
            yield from v  # fields beyond the header
        elif v:
            yield v


def _import_rows(path: Path) -> tuple[list[str], list[tuple[int, dict[Any, Any]]]]:
    """The header and (first line, row) pairs of a CSV to import."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            header = [h.strip() for h in reader.fieldnames or ()]
            reader.fieldnames = header
            out = []
            for row in reader:  # line_num is the row's last line; quoted fields may span lines
                spanned = sum(v.count("\n") for v in _values(row))
                out.append((reader.line_num - spanned, row))
            return header, out
    except FileNotFoundError:
        msg = f"{path}: no such file."
        raise GazetteerError(msg) from None
    except UnicodeDecodeError:
        msg = f"{path}: is not UTF-8 text; save it as CSV UTF-8."
        raise GazetteerError(msg) from None
    except (OSError, csv.Error) as exc:
        msg = f"{path}: cannot be read as CSV ({getattr(exc, 'strerror', None) or exc})."
        raise GazetteerError(msg) from None


def import_places(path: Path) -> PlacesImport:
    """Append every valid place of a CSV in our schema to places.csv.

    id, aliases, population and source are optional; a bad row is skipped
    with its line number and the good rows are kept.
    """
    header, rows = _import_rows(path)
    missing = [c for c in ("lat", "lon") if c not in header]
    if missing or not {"name", "name_ar"} & set(header):
        need = ", ".join(missing + ([] if {"name", "name_ar"} & set(header) else ["name or name_ar"]))
        msg = f"{path}: missing column(s) {need}; the columns are {','.join(PLACE_COLUMNS)}."
        raise GazetteerError(msg)
    target = places_path()
    existing = _Existing(read_csv_rows(target)[1])
    new_rows, imported, skipped = [], [], []
    for line, values in rows:
        if None in values:
            skipped.append(SkippedRow(line, f"{len(header) + len(values[None])} fields, the header has {len(header)}"))
            continue
        try:
            aliases = [a for a in (values.get("aliases") or "").split("|") if a.strip()]
            row, entry = _accept(values, aliases, existing, f"line {line}")
        except GazetteerError as exc:
            skipped.append(SkippedRow(line, str(exc).removeprefix(f"line {line}: ")))
            continue
        new_rows.append(row)
        imported.append(entry)
    if new_rows:
        _append_rows(target, PLACE_COLUMNS, new_rows)
    ignored = tuple(c for c in header if c and c not in PLACE_COLUMNS)
    return PlacesImport(tuple(imported), tuple(skipped), ignored)


# --- aliases -----------------------------------------------------------------


def _unknown_gid(gid: str, gids: set[str]) -> GazetteerError:
    hint = f" Did you mean geonames:{gid}?" if f"geonames:{gid}" in gids else ""
    msg = f"no place has the id {gid!r}; find a place's id with `python -m geodata gazetteer search NAME`.{hint}"
    return GazetteerError(msg)


def add_aliases(gid: str, aliases: Sequence[str], *, gaz: Gazetteer | None = None) -> tuple[str, ...]:
    """Append names of an existing place (by gazetteer id) to aliases.csv.

    Returns the aliases written; names the place already has are left out.
    """
    gid = _clean(gid)
    gid = renamed_ids().get(gid, gid)  # a curated place renamed since: its aliases go to its new id
    clean: dict[str, str] = {}  # key -> the first spelling given
    for a in aliases:
        alias = _check_alias(a, f"alias for {gid}")
        clean.setdefault(normalize_name(alias), alias)
    if not clean:
        msg = "give at least one alias to add."
        raise GazetteerError(msg)
    gaz = gaz or gazetteer.get()
    gids = set(gaz.entries.columns[0])  # Entries stores gid as its first column
    if gid not in gids:
        raise _unknown_gid(gid, gids)
    path = aliases_path()
    _, rows = read_csv_rows(path)
    known = {normalize_name(r.get("alias", "")) for r in rows if _clean(r.get("gazetteer_id")) == gid}
    new = [a for key, a in clean.items() if key not in known and gid not in {e.gid for e in gaz.candidates(a)}]
    if new:
        _append_rows(path, ALIAS_COLUMNS, [{"gazetteer_id": gid, "alias": a} for a in new])
    return tuple(new)


def add_alias(gid: str, alias: str, *, gaz: Gazetteer | None = None) -> bool:
    """Append one name of an existing place; False when the place already has it."""
    return bool(add_aliases(gid, [alias], gaz=gaz))
