"""extract/batch_cli.py: the `--engine dask` options and their checks, all before any cluster is
reached (tests/extract/test_cluster.py runs jobs). Each misuse is one line on stderr: exit 2 for
a usage error, 1 for bad input; nothing is written."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.batch_cli import jsonl_files, prepare_out
from extract.cli import main
from geodata.cli import main as geodata_main
from geodata.errors import KhareetaError


@pytest.fixture
def shard(tmp_path: Path) -> Path:
    path = tmp_path / "shards" / "a.jsonl"
    path.parent.mkdir()
    path.write_text('{"id": "1", "text": "Iraqi forces entered Mosul."}\n', encoding="utf-8")
    return path


def _one_line(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and "Traceback" not in err, err
    return err


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["--jsonl", "x.jsonl", "--scheduler", "tcp://127.0.0.1:8786"], "--scheduler needs --engine dask."),
        (["--jsonl", "x.jsonl", "--out", "d"], "--out needs --engine dask."),
        (["--jsonl", "x.jsonl", "--partitions", "3"], "--partitions needs --engine dask."),
        (["--jsonl", "x.jsonl", "--engine", "dask"], "give --out DIR."),
        (["x.txt", "--engine", "dask", "--out", "d"], "give them as --jsonl 'PATTERN'"),
        (["--jsonl", "-", "--engine", "dask", "--out", "d"], "give them as --jsonl 'PATTERN'"),
        (["--jsonl", "x.jsonl", "--engine", "dask", "--out", "d", "--partitions", "0"], "--partitions must be 1"),
        (
            ["--jsonl", "x", "--engine", "dask", "--out", "d", "--scheduler", "tcp://h:1", "--workers", "2"],
            "leave it out with --scheduler",
        ),
    ],
)
def test_usage_errors_exit_2(capsys, argv: list[str], fragment: str) -> None:
    assert main(argv) == 2
    err = _one_line(capsys)
    assert err.startswith("python -m extract: ") and fragment in err


def test_a_pattern_that_matches_nothing(tmp_path: Path, capsys) -> None:
    pattern = str(tmp_path / "none" / "*.jsonl")
    assert main(["--jsonl", pattern, "--engine", "dask", "--out", str(tmp_path / "out")]) == 1
    assert _one_line(capsys) == f"error: --jsonl {pattern!r} matches no file."
    assert not (tmp_path / "out").exists()


def test_patterns_and_folders(shard: Path, tmp_path: Path) -> None:
    (shard.parent / "b.jsonl").write_text("", encoding="utf-8")
    (shard.parent / "notes.txt").write_text("", encoding="utf-8")
    b = str(shard.parent / "b.jsonl")
    assert jsonl_files(str(shard.parent / "*.jsonl")) == [str(shard), b]
    assert jsonl_files(str(shard.parent)) == [str(shard), b]  # a folder: its .jsonl files
    assert jsonl_files(str(shard)) == [str(shard)]
    with pytest.raises(KhareetaError, match="matches no file"):
        jsonl_files(str(tmp_path / "missing.jsonl"))


def test_an_existing_non_empty_out_is_refused(shard: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "part-00000.parquet").write_bytes(b"old")
    assert main(["--jsonl", str(shard), "--engine", "dask", "--out", str(out)]) == 1
    assert "is not empty (1 entries); give a new or empty folder, or --overwrite" in _one_line(capsys)
    assert (out / "part-00000.parquet").read_bytes() == b"old"


def test_overwrite_removes_old_partitions_only(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    for name in ("part-00000.parquet", "part-00007.parquet", ".part-00001.parquet.x1y2.tmp"):
        (out / name).write_bytes(b"old")
    assert prepare_out(str(out), overwrite=True) == out.resolve()
    assert list(out.iterdir()) == []
    (out / "notes.txt").write_text("mine")
    with pytest.raises(KhareetaError, match=r"holds more than partitions \(notes.txt\)"):
        prepare_out(str(out), overwrite=True)
    assert (out / "notes.txt").read_text() == "mine"


def test_out_that_is_a_file_or_cannot_be_made(tmp_path: Path) -> None:
    (tmp_path / "f").write_text("")
    with pytest.raises(KhareetaError, match="is a file; give a folder"):
        prepare_out(str(tmp_path / "f"), overwrite=False)
    with pytest.raises(KhareetaError, match="cannot be prepared"):
        prepare_out(str(tmp_path / "f" / "out"), overwrite=False)
    assert prepare_out(str(tmp_path / "new" / "out"), overwrite=False).is_dir()


def test_ingest_engine_usage_errors(tmp_path: Path, capsys) -> None:
    assert geodata_main(["--db", str(tmp_path / "k.sqlite"), "ingest", "x.txt", "--partitions", "2"]) == 2
    assert _one_line(capsys) == "python -m geodata ingest: --partitions needs --engine dask."
    assert not (tmp_path / "k.sqlite").exists()
