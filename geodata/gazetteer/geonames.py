"""Import a GeoNames dump (IQ.txt, SY.txt...) and its alternate names.

Reads the official tab-separated formats of download.geonames.org/export/dump
(the `.txt` or the `.zip` it comes in), line by line: alternateNamesV2.txt is
about 700 MB, so only the names of places present in the dump are kept.
Malformed lines are counted and reported by line number; the import goes on.
The result is `data/gazetteer/geonames/<basename>.csv` in our schema with
source `geonames:<id>`, so a place merges with the cities500 record of the
same id.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from geodata import settings
from geodata.errors import GazetteerError
from geodata.gazetteer.sources import PLACE_COLUMNS, entry_from_row, keep_name
from geodata.gazetteer.user import write_csv_atomic
from geodata.names import is_arabic

DUMP_COLUMNS = 19
ALTERNATE_COLUMNS = (8, 10)  # alternateNames.txt (older) and alternateNamesV2.txt (with from/to)
FEATURE_CLASSES = "PAHTSLRV"
ALL_FEATURE_CLASSES = "AHLPRSTUV"
# Languages whose names news in Arabic and English use; "" is a name of no
# stated language. Codes like link, post, iata, icao, faac, wkdt, abbr, unlc
# and fr_1793 are left out because they are not in this set.
KEEP_LANGUAGES = frozenset({"ar", "en", "ku", "tr", "fr", ""})
CODE_TYPES = {
    "PPLA": "city",
    "PPLA2": "city",
    "PPLC": "city",
    "PPLX": "neighbourhood",
    "ADM1": "governorate",
    "ADM2": "district",
    "ADM3": "district",
    "STM": "river",
    "MT": "mountain",
    "MTS": "mountain",
    "HLL": "mountain",
    "DAM": "dam",
    "LK": "lake",
    "AIRB": "airbase",
    "AIRF": "airbase",
    "AIRP": "airport",
    "CMP": "camp",
    "CMPRF": "camp",
    "ISL": "island",
    "RGN": "region",
    "AREA": "region",
    "PLN": "region",
    "VAL": "region",
    "DSRT": "region",
    "OILF": "oilfield",
    "OILW": "oilfield",
    "SEA": "sea",
    "GULF": "sea",
}
MAX_REPORTED_LINES = 20
# A file whose first lines are all malformed is not in the format at all: stop
# there rather than list a million bad lines.
GIVE_UP_AFTER = 1000
# Letters of Persian and Kurdish written in Arabic script: a name with one of
# them is not the Arabic name of the place.
_NOT_ARABIC_LETTERS = re.compile("[پچژکگیەێۆڕڵڤھۋ]")


@dataclass(frozen=True, slots=True)
class DumpRow:
    """The columns of one GeoNames dump line that the gazetteer uses."""

    geonameid: int
    name: str
    asciiname: str
    alternatenames: tuple[str, ...]
    lat: float
    lon: float
    feature_class: str
    feature_code: str
    country_code: str
    population: int


@dataclass(frozen=True, slots=True)
class AltName:
    """One kept row of alternateNamesV2.txt."""

    name: str
    language: str
    preferred: bool


@dataclass(frozen=True, slots=True)
class BadLine:
    """A line that could not be read, and why."""

    file: str
    line: int
    reason: str


def _count(n: int, what: str) -> str:
    return f"{n} {what}" + ("" if n == 1 else "s")


@dataclass(frozen=True, slots=True)
class GeoNamesImport:
    """What an import wrote and what it left out."""

    output: Path
    places: int
    names: int
    alternate_names: int
    left_out: int
    bad_lines: tuple[BadLine, ...]

    def summary(self) -> str:
        """A first line with the counts, then one line per malformed input line."""
        text = (
            f"imported {_count(self.places, 'place')} with {_count(self.names, 'name')} "
            f"({self.alternate_names} from the alternate names) into {self.output}; "
            f"left out {_count(self.left_out, 'row')} (feature class, population, countries, duplicates); "
            f"skipped {_count(len(self.bad_lines), 'malformed line')}"
        )
        lines = [text + (":" if self.bad_lines else ".")]
        lines += [f"  {b.file} line {b.line}: {b.reason}" for b in self.bad_lines[:MAX_REPORTED_LINES]]
        if len(self.bad_lines) > MAX_REPORTED_LINES:
            lines.append(f"  ... and {len(self.bad_lines) - MAX_REPORTED_LINES} more")
        return "\n".join(lines)


# --- reading -----------------------------------------------------------------


@contextmanager
def _open_dump(path: Path) -> Iterator[IO[bytes]]:
    """The file, or the `<stem>.txt` inside `<stem>.zip` as GeoNames ships it."""
    try:
        if not zipfile.is_zipfile(path):
            with path.open("rb") as fh:
                yield fh
            return
        with zipfile.ZipFile(path) as zf:
            members = [n for n in zf.namelist() if n.endswith(".txt") and not n.startswith("readme")]
            member = f"{path.stem}.txt" if f"{path.stem}.txt" in members else (members[0] if members else "")
            if not member:
                msg = f"{path}: the zip archive holds no .txt dump."
                raise GazetteerError(msg)
            with zf.open(member) as fh:
                yield fh  # a ZipExtFile reads bytes line by line too
    except FileNotFoundError:
        msg = f"{path}: no such file."
        raise GazetteerError(msg) from None
    except (OSError, zipfile.BadZipFile) as exc:
        msg = f"{path}: cannot be read ({getattr(exc, 'strerror', None) or exc})."
        raise GazetteerError(msg) from None


def _fields(raw: bytes) -> list[str]:
    return raw.decode("utf-8").rstrip("\r\n").split("\t")


def _number(value: str, what: str, low: float, high: float) -> float:
    try:
        x = float(value)
    except ValueError:
        msg = f"{what} {value!r} is not a number"
        raise ValueError(msg) from None
    if not low <= x <= high:
        msg = f"{what} {value} is outside [{low:g}, {high:g}]"
        raise ValueError(msg)
    return x


def parse_dump_line(raw: bytes) -> DumpRow:
    """One line of the 19-column dump; ValueError says what is wrong with it."""
    f = _fields(raw)
    if len(f) != DUMP_COLUMNS:
        msg = f"{len(f)} tab-separated columns instead of {DUMP_COLUMNS}"
        raise ValueError(msg)
    if not f[0].isdigit():
        msg = f"geonameid {f[0]!r} is not a number"
        raise ValueError(msg)
    name, ascii_name = f[1].strip(), f[2].strip()
    if not (name or ascii_name):
        msg = "the place has no name"
        raise ValueError(msg)
    pop = f[14].strip() or "0"
    if not pop.isdigit():
        msg = f"population {pop!r} is not a whole number"
        raise ValueError(msg)
    alts = tuple(a.strip() for a in f[3].split(",") if a.strip())
    return DumpRow(
        int(f[0]),
        name or ascii_name,
        ascii_name,
        alts,
        _number(f[4], "latitude", -90, 90),
        _number(f[5], "longitude", -180, 180),
        f[6].strip().upper(),
        f[7].strip().upper(),
        f[8].strip().upper(),
        int(pop),
    )


def _kept(row: DumpRow, classes: frozenset[str], min_population: int) -> bool:
    if row.feature_class not in classes or row.feature_code.startswith("PCL"):
        return False  # countries come from geodata/data/countries.csv
    return row.feature_class != "P" or row.population >= min_population


def parse_feature_classes(text: str) -> frozenset[str]:
    """'P,A,H' -> {'P', 'A', 'H'}; an unknown class is an error."""
    classes = frozenset(c for c in text.upper() if c not in ", ")
    unknown = sorted(classes - set(ALL_FEATURE_CLASSES))
    if unknown or not classes:
        msg = (
            f"feature classes {text!r}: use letters among {','.join(ALL_FEATURE_CLASSES)} "
            f"(GeoNames feature classes), like {','.join(FEATURE_CLASSES)}."
        )
        raise GazetteerError(msg)
    return classes


def _check_format(path: Path, line: int, good: int, what: str) -> None:
    if line >= GIVE_UP_AFTER and not good:
        msg = f"{path}: none of the first {line} lines is in the {what} format; is it the right file?"
        raise GazetteerError(msg)


def read_dump(
    path: Path, *, feature_classes: str = FEATURE_CLASSES, min_population: int = 0
) -> tuple[dict[int, DumpRow], int, list[BadLine]]:
    """Kept rows by geonameid, the number of rows left out, the bad lines."""
    classes = parse_feature_classes(feature_classes)
    rows: dict[int, DumpRow] = {}
    left_out, bad = 0, []
    with _open_dump(path) as fh:
        for i, raw in enumerate(fh, start=1):
            if not raw.strip():
                continue
            try:
                row = parse_dump_line(raw)
            except (ValueError, UnicodeDecodeError) as exc:
                reason = "not UTF-8 text" if isinstance(exc, UnicodeDecodeError) else str(exc)
                bad.append(BadLine(path.name, i, reason))
                _check_format(path, i, i - len(bad), "GeoNames dump (19 columns)")
                continue
            if not _kept(row, classes, min_population) or row.geonameid in rows:
                left_out += 1
                continue
            rows[row.geonameid] = row
    return rows, left_out, bad


def _alt_name(f: list[str]) -> AltName | None:
    """A kept alternate name, or None (other language, historic, empty)."""
    lang = f[2].strip().lower()
    name = f[3].strip()
    if lang not in KEEP_LANGUAGES or not name or f[7].strip() == "1":
        return None
    return AltName(name, lang, f[4].strip() == "1")


def read_alternate_names(
    path: Path, ids: set[int] | dict[int, DumpRow]
) -> tuple[dict[int, list[AltName]], list[BadLine]]:
    """The kept names of the places in `ids`, streamed from alternateNamesV2.txt."""
    wanted = {str(i).encode() for i in ids}
    out: dict[int, list[AltName]] = {}
    bad = []
    with _open_dump(path) as fh:
        for i, raw in enumerate(fh, start=1):
            columns = raw.count(b"\t") + 1
            if columns not in ALTERNATE_COLUMNS:
                if raw.strip():
                    bad.append(BadLine(path.name, i, f"{columns} tab-separated columns instead of 10"))
                    _check_format(path, i, i - len(bad), "alternateNamesV2 (10 columns)")
                continue
            gid = raw.split(b"\t", 2)[1]
            if gid not in wanted:
                continue  # most lines: a place outside the dump, never decoded
            try:
                alt = _alt_name(_fields(raw))
            except UnicodeDecodeError:
                bad.append(BadLine(path.name, i, "not UTF-8 text"))
                continue
            if alt:
                out.setdefault(int(gid), []).append(alt)
    return out, bad


# --- mapping -----------------------------------------------------------------


def feature_type(feature_class: str, feature_code: str, population: int) -> str:
    """Our feature type for a GeoNames feature class and code."""
    if feature_code in CODE_TYPES:
        return CODE_TYPES[feature_code]
    if feature_class == "P":
        return "city" if population >= 100_000 else "town" if population >= 5000 else "village"
    return "place"


def arabic_name(row: DumpRow, alts: list[AltName]) -> str:
    """The preferred Arabic name, else any Arabic one, else an Arabic-letter
    name of the dump (one with the article first, as Arabic news writes it)."""
    ar = [a for a in alts if a.language == "ar"]
    for a in sorted(ar, key=lambda a: not a.preferred):
        return a.name
    pure = [n for n in row.alternatenames if is_arabic(n) and not _NOT_ARABIC_LETTERS.search(n)]
    return next((n for n in pure if n.startswith("ال")), "") or next(iter(pure), "")


def place_row(row: DumpRow, alts: list[AltName]) -> dict[str, str]:
    """A row of our schema (`sources.PLACE_COLUMNS`) for one GeoNames place."""
    name_ar = arabic_name(row, alts)
    candidates = (row.asciiname, *row.alternatenames, *(a.name for a in alts))
    aliases = [
        n for n in dict.fromkeys(candidates) if n and n not in (row.name, name_ar) and "|" not in n and keep_name(n)
    ]
    return {
        "id": str(row.geonameid),
        "name": row.name,
        "name_ar": name_ar,
        "feature_type": feature_type(row.feature_class, row.feature_code, row.population),
        "country_code": row.country_code,
        "lat": repr(row.lat),
        "lon": repr(row.lon),
        "population": str(row.population) if row.population else "",
        "aliases": "|".join(aliases),
        "source": f"geonames:{row.geonameid}",
    }


# --- import ------------------------------------------------------------------


def output_path(dump: Path) -> Path:
    """data/gazetteer/geonames/<basename>.csv (IQ.txt and IQ.zip give IQ.csv)."""
    return settings.user_gazetteer_dir() / "geonames" / f"{dump.stem}.csv"


def import_geonames(
    dump: Path, *, alternate_names: Path | None = None, min_population: int = 0, feature_classes: str = FEATURE_CLASSES
) -> GeoNamesImport:
    """Read a GeoNames dump (and alternate names) into data/gazetteer/geonames/."""
    rows, left_out, bad = read_dump(dump, feature_classes=feature_classes, min_population=min_population)
    if not rows:
        msg = (
            f"{dump}: no place to import ({len(bad)} malformed lines, {left_out} left out); "
            "is it a GeoNames dump like IQ.txt?"
        )
        raise GazetteerError(msg)
    alts: dict[int, list[AltName]] = {}
    if alternate_names is not None:
        alts, alt_bad = read_alternate_names(alternate_names, rows)
        bad += alt_bad
    out_rows, names = [], 0
    for row in rows.values():
        place = place_row(row, alts.get(row.geonameid, []))
        entry = entry_from_row(place, prefix="geonames", where=dump.name)  # what the gazetteer will read
        names += len(entry.names)
        out_rows.append(place)
    out = output_path(dump)
    write_csv_atomic(out, PLACE_COLUMNS, out_rows)
    return GeoNamesImport(out, len(out_rows), names, sum(len(v) for v in alts.values()), left_out, tuple(bad))
