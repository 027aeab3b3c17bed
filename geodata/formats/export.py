"""Write what a query selected: GeoJSON, ACLED-style CSV, GeoPackage or GeoParquet, by format or file suffix.

Every writer takes records and turns them into its format itself; each writes
beside the target and renames into place, so a failed export never leaves
half a file behind. The target's folder must exist unless `parents` is true
(a typo in a folder name is refused, not created). `-` is standard output:
the same bytes the file would hold.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from geodata.errors import InputError
from geodata.formats.acled_csv import to_csv
from geodata.formats.geojson import to_geojson
from geodata.formats.gpkg import to_gpkg
from geodata.formats.parquet import to_parquet
from geodata.formats.streams import check_stdout, copy_to_stdout, is_stdout
from geodata.records import Record

FORMATS = ("geojson", "csv", "gpkg", "parquet")

WRITERS: dict[str, Callable[[Sequence[Record], str | os.PathLike[str]], int]] = {
    "geojson": to_geojson,
    "csv": to_csv,
    "gpkg": to_gpkg,
    "parquet": to_parquet,
}
SUFFIXES = {
    "json": "geojson",
    "geojson": "geojson",
    "csv": "csv",
    "gpkg": "gpkg",
    "parquet": "parquet",
    "geoparquet": "parquet",
}


def export_format(path: str | os.PathLike[str], fmt: str | None = None) -> str:
    """`fmt`, else the format the file's suffix names (.geojson/.json, .csv, .gpkg, .parquet/.geoparquet);
    standard output (`-`) is GeoJSON unless `fmt` says otherwise."""
    suffix = Path(path).suffix.lower().lstrip(".")
    fmt = (fmt or ("geojson" if is_stdout(path) else SUFFIXES.get(suffix, ""))).lower()
    if fmt not in WRITERS:
        msg = (
            f"unknown export format {fmt or suffix!r}; "
            "choose geojson, csv, gpkg or parquet (--format or the file suffix)."
        )
        raise InputError(msg)
    return fmt


def check_target(path: str | os.PathLike[str], fmt: str, *, parents: bool = False) -> None:
    """Refuse, before any work is done, a folder as the file to write, a folder that does not exist
    (unless `parents`: it will be created), a file as its folder, a binary format on a terminal."""
    if is_stdout(path):
        check_stdout(fmt)
        return
    target = Path(path)
    try:
        if target.is_dir():
            example = target / f"features.{fmt}"
            msg = f"{str(path)!r} is a folder, not a file; give the file to write, e.g. {str(example)!r}."
            raise InputError(msg)
        folder = target.parent
        if folder.is_dir() or parents:
            return
        exists = folder.exists()
    except OSError as exc:  # a folder on the way that cannot be looked into
        raise InputError(f"cannot write {str(path)!r}: {exc.strerror or exc}.") from None
    if exists:
        raise InputError(f"cannot write {str(path)!r}: {str(folder)!r} is a file, not a folder.")
    msg = f"cannot write {str(path)!r}: the folder {str(folder)!r} does not exist; create it, or add --parents."
    raise InputError(msg)


def export(
    records: Sequence[Record], path: str | os.PathLike[str], fmt: str | None = None, *, parents: bool = False
) -> int:
    """Write `records` as `fmt` (else guessed from the file's suffix) to `path` (`-`: standard output),
    creating its folders if `parents`; the number written."""
    fmt = export_format(path, fmt)
    check_target(path, fmt, parents=parents)
    try:
        if is_stdout(path):
            return _to_stdout(records, fmt)
        if parents:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        return WRITERS[fmt](records, path)
    except BrokenPipeError:  # the reader of standard output went away: the command's to handle
        raise
    except OSError as exc:
        msg = f"cannot write {str(path)!r}: {exc.strerror or exc}."
        raise InputError(msg) from None


def _to_stdout(records: Sequence[Record], fmt: str) -> int:
    """The file `fmt`'s writer makes, copied to standard output: one writer per format, the same bytes
    (GeoPackage and GeoParquet cannot be written as a stream anyway)."""
    with tempfile.TemporaryDirectory(prefix="khareeta-export-") as tmp:
        path = Path(tmp) / f"export.{fmt}"
        n = WRITERS[fmt](records, path)
        copy_to_stdout(path)
    return n
