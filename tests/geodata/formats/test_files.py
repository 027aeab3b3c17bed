"""geodata/formats/files.py: exports are written beside the target and renamed into place, with the
mode the user's umask gives (as `open()` would create the file), never `mkstemp`'s private 0600."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from geodata.formats.export import FORMATS, export
from geodata.formats.files import atomic_text, hidden_temp_beside
from geodata.formats.parquet import GeoParquetWriter
from geodata.records import Record
from tests.geodata.store.villages import village_records

# (umask, mode of a new file): 0o002 tells a writer that keeps its own mode (SQLite's 0644) from one that
# follows the umask.
UMASKS = [
    pytest.param(mask, mode, id=f"umask-{mask:03o}") for mask, mode in ((0o022, 0o644), (0o077, 0o600), (0o002, 0o664))
]


@pytest.fixture
def records() -> list[Record]:
    return village_records()


@pytest.fixture
def umask() -> Iterator[None]:
    """The test sets the process umask; the one before is restored whatever happens."""
    before = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(before)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.usefixtures("umask")
@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(("mask", "mode"), UMASKS)
def test_every_export_gets_the_mode_the_umask_gives(
    tmp_path: Path, records: list[Record], fmt: str, mask: int, mode: int
) -> None:
    os.umask(mask)
    out = tmp_path / f"features.{fmt}"
    assert export(records, out, fmt) == len(records)
    assert oct(_mode(out)) == oct(mode)
    assert [p.name for p in tmp_path.iterdir()] == [out.name]  # no temporary file left beside it


@pytest.mark.usefixtures("umask")
@pytest.mark.parametrize(("mask", "mode"), UMASKS)
def test_a_batch_partition_file_gets_the_mode_the_umask_gives(
    tmp_path: Path, records: list[Record], mask: int, mode: int
) -> None:
    os.umask(mask)
    out = tmp_path / "parts" / "part-00000.parquet"
    with GeoParquetWriter(out) as writer:
        writer.write(records)
    assert oct(_mode(out)) == oct(mode)
    assert [p.name for p in out.parent.iterdir()] == [out.name]


@pytest.mark.usefixtures("umask")
def test_a_failed_write_leaves_nothing_behind(tmp_path: Path) -> None:
    out = tmp_path / "x.geojson"
    with pytest.raises(RuntimeError), atomic_text(out, encoding="utf-8") as fh:
        fh.write("half")
        raise RuntimeError("the writer failed")
    assert list(tmp_path.iterdir()) == []


def test_temporary_names_are_hidden_new_and_distinct(tmp_path: Path) -> None:
    target = tmp_path / "x.csv"
    target.write_text("kept")
    a, b = hidden_temp_beside(target), hidden_temp_beside(target)
    assert a != b and a.name.startswith(".x.csv.") and a.parent == tmp_path
    assert a.read_bytes() == b"" and target.read_text() == "kept"
