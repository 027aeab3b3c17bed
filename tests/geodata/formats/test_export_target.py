"""Where an export goes (geodata/formats/export.py, `python -m geodata export -o`): a missing folder is
refused in one sentence unless `--parents`; `-` is standard output (the bytes the file would hold), and
a binary format is refused on a terminal but written to a pipe."""

from __future__ import annotations

import json
import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest

from geodata.cli import main
from geodata.errors import InputError
from geodata.formats.export import FORMATS, export
from geodata.records import Record
from geodata.store import Store
from tests.geodata.store.villages import document, village_records

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def records() -> list[Record]:
    return village_records()


@pytest.fixture
def db(tmp_path: Path, records: list[Record]) -> str:
    path = tmp_path / "s.sqlite"
    with Store.open(path) as s:
        assert s.add_document(document(), records) == "added"
    return str(path)


# --- a folder that does not exist --------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_missing_folder_is_refused_unless_parents(tmp_path: Path, records: list[Record], fmt: str) -> None:
    out = tmp_path / "typo-dir" / "deeper" / f"x.{fmt}"
    with pytest.raises(InputError) as exc:
        export(records, out, fmt)
    message = str(exc.value)
    assert "\n" not in message and str(out.parent) in message and "does not exist" in message
    assert "--parents" in message
    assert list(tmp_path.iterdir()) == []  # nothing created
    assert export(records, out, fmt, parents=True) == len(records)
    assert out.is_file()


@pytest.mark.parametrize("fmt", FORMATS)
def test_cli_refuses_a_typo_folder_in_one_sentence_and_parents_creates_it(
    tmp_path: Path, db: str, capsys, fmt: str
) -> None:
    out = tmp_path / "typo-dir" / f"x.{fmt}"
    assert main(["--db", db, "export", "-o", str(out)]) == 1
    got = capsys.readouterr()
    assert got.out == "" and got.err.count("\n") == 1
    assert got.err.startswith("error: ") and "typo-dir" in got.err and "--parents" in got.err
    assert not out.parent.exists()
    assert main(["--db", db, "export", "--parents", "-o", str(out)]) == 0
    assert "wrote 5 feature(s)" in capsys.readouterr().out
    assert out.is_file()


def test_a_file_in_the_way_of_the_folder_is_named(tmp_path: Path, records: list[Record]) -> None:
    (tmp_path / "notes").write_text("x")
    with pytest.raises(InputError, match=r"'.*notes' is a file, not a folder"):
        export(records, tmp_path / "notes" / "x.csv")


# --- "-": standard output -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "argv"), [("geojson", []), ("geojson", ["--format", "geojson"]), ("csv", ["--format", "csv"])]
)
def test_dash_writes_text_formats_to_standard_output(
    tmp_path: Path, db: str, capsysbinary, monkeypatch, fmt: str, argv: list[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["--db", db, "export", *argv, "-o", "-"]) == 0
    got = capsysbinary.readouterr()
    assert b"wrote 5 feature(s) to standard output" in got.err  # the summary stays out of the data
    assert not (tmp_path / "-").exists()
    assert main(["--db", db, "export", "-o", f"file.{fmt}"]) == 0
    # the same bytes as the file (but the time of export, which may have moved on a second in between)
    assert _timeless(got.out) == _timeless((tmp_path / f"file.{fmt}").read_bytes())


def _timeless(data: bytes) -> bytes:
    return re.sub(rb'"exported_at":"[^"]*"', b'"exported_at":""', data)


@pytest.mark.parametrize("fmt", ["gpkg", "parquet"])
def test_dash_writes_binary_formats_to_a_pipe(tmp_path: Path, db: str, fmt: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "geodata", "--db", db, "export", "--format", fmt, "-o", "-"],
        cwd=tmp_path,
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode()
    assert not (tmp_path / "-").exists()
    out = tmp_path / f"piped.{fmt}"
    out.write_bytes(done.stdout)
    if fmt == "gpkg":
        import pyogrio

        assert done.stdout.startswith(b"SQLite format 3\x00")
        assert {name for name, _ in pyogrio.list_layers(out)} == {"places", "events", "movements"}
    else:
        import geopandas as gpd

        assert done.stdout[:4] == b"PAR1"
        assert len(gpd.read_parquet(out)) == 5


def _timeless(data: bytes) -> bytes:
    return re.sub(rb'"exported_at":"[^"]*"', b'"exported_at":""', data)


@pytest.mark.parametrize("fmt", ["gpkg", "parquet"])
def test_dash_refuses_binary_formats_on_a_terminal(tmp_path: Path, db: str, fmt: str) -> None:
    leader, follower = pty.openpty()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "geodata", "--db", db, "export", "--format", fmt, "-o", "-"],
            cwd=tmp_path,
            stdout=follower,
            stderr=subprocess.PIPE,
            timeout=120,
            check=False,
        )
        os.set_blocking(leader, False)
        try:
            printed = os.read(leader, 65536)
        except BlockingIOError:
            printed = b""
    finally:
        os.close(follower)
        os.close(leader)
    err = done.stderr.decode()
    assert done.returncode == 1 and err.count("\n") == 1, err
    assert "binary" in err and "terminal" in err and f"> khareeta.{fmt}" in err
    assert printed == b""
    assert not (tmp_path / "-").exists()


# --- an export that selects nothing says so ----------------------------------------------------------------------


def test_an_export_that_matches_nothing_says_which_filters(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "none.geojson"
    argv = ["--db", db, "export", "-o", str(out), "--actor", "Nobody", "--kind", "event", "--country", "Syria"]
    assert main(argv) == 0
    err = capsys.readouterr().err
    assert "note: no feature matches --actor Nobody --kind event --country SY" in err
    assert f"(the store holds {len(village_records())} features)" in err
    written = json.loads(out.read_text(encoding="utf-8"))  # a valid, empty collection that says what was asked
    assert written["type"] == "FeatureCollection" and written["features"] == []
    assert written["khareeta"]["filters"] == {"actors": ["Nobody"], "kinds": ["event"], "countries": ["SY"]}
    assert main(["--db", db, "export", "-o", str(out)]) == 0  # something matched: no note
    assert "note:" not in capsys.readouterr().err


def test_a_csv_export_writes_its_filters_beside_it_and_says_where(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "out").mkdir()
    out = tmp_path / "out" / "syria.csv"
    assert main(["--db", db, "export", "-o", str(out), "--country", "Syria", "--kind", "event"]) == 0
    sidecar = tmp_path / "out" / "syria.csv.about.json"
    assert f"the filters that chose them: {sidecar}" in capsys.readouterr().out
    about = json.loads(sidecar.read_text(encoding="utf-8"))
    assert about["filters"] == {"kinds": ["event"], "countries": ["SY"]} and about["exported_at"].endswith("Z")
    assert main(["--db", db, "export", "-o", "-", "--format", "csv"]) == 0  # standard output: no file beside
    assert "the filters that chose them" not in capsys.readouterr().out
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["syria.csv", "syria.csv.about.json"]


def test_an_export_of_an_empty_store_says_to_ingest_first(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(tmp_path / "new.sqlite"), "export", "-o", str(tmp_path / "x.csv")]) == 0
    assert "note: the store holds no features yet; ingest articles first" in capsys.readouterr().err
