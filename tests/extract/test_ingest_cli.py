"""What a folder walk leaves out is said, not silent (extract/inputs.py `skipped_in_folders`): one line
on stderr per folder and file type, with a count and the reason, from `python -m geodata ingest`
(extract/ingest_cli.py) and `python -m extract`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extract.cli import main as extract_main
from extract.inputs import expand_paths, skipped_in_folders
from geodata.cli import main as geodata_main
from geodata.gazetteer import Gazetteer
from geodata.store import Store

ARTICLE = "Iraqi forces entered Mosul on Monday. Families fled toward Raqqa.\n"
ONLY = "(only .txt, .html, .htm and .jsonl files are read)"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Two articles among what a downloads folder holds."""
    root = tmp_path / "articles"
    (root / "sub").mkdir(parents=True)
    (root / ".git").mkdir()
    (root / ".git" / "HEAD.txt").write_text("ref")
    (root / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (root / "sub" / "b.TXT").write_text(ARTICLE.replace("Monday", "Tuesday"), encoding="utf-8")
    for name in ("report.pdf", "sub/scan.PDF", "notes.docx", "README", ".DS_Store"):
        (root / name).write_bytes(b"%PDF-1.4" if "pdf" in name.lower() else b"x")
    (root / "linked").symlink_to(tmp_path, target_is_directory=True)
    (root / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    return root


def expected_lines(root: Path) -> list[str]:
    return [
        f"{root}: skipped 2 .pdf files {ONLY}",
        f"{root}: skipped 2 hidden files or folders (names starting with '.')",
        f"{root}: skipped 1 file without a suffix {ONLY}",
        f"{root}: skipped 1 .docx file {ONLY}",
        f"{root}: skipped 1 link to a folder (not followed)",
        f"{root}: skipped 1 entry that is not a regular file (a broken link?)",
    ]


def test_skipped_files_are_counted_per_type_with_the_reason(folder: Path) -> None:
    assert [p.relative_to(folder).as_posix() for p in expand_paths([folder])] == ["a.txt", "sub/b.TXT"]
    assert skipped_in_folders([folder]) == expected_lines(folder)


def test_files_given_one_by_one_and_clean_folders_say_nothing(folder: Path, tmp_path: Path) -> None:
    clean = tmp_path / "clean"
    clean.mkdir()
    (clean / "c.html").write_text("<p>Mosul</p>")
    assert skipped_in_folders([folder / "report.pdf", folder / "a.txt", clean, tmp_path / "missing"]) == []


def test_ingest_says_what_it_skipped_on_stderr(folder: Path, tmp_path: Path, capsys, gaz: Gazetteer) -> None:
    db = tmp_path / "s.sqlite"
    assert geodata_main(["--db", str(db), "ingest", "--quiet", str(folder)]) == 0
    out, err = capsys.readouterr()
    assert "2 added" in out and "skipped" not in out
    assert err.splitlines() == [f"note: {line}" for line in expected_lines(folder)]
    with Store.open(db) as store:
        assert store.stats().documents == 2


def test_extract_says_what_it_skipped_on_stderr(folder: Path, capsys, gaz: Gazetteer) -> None:
    assert extract_main([str(folder)]) == 0
    out, err = capsys.readouterr()
    assert {f["properties"]["doc"] for f in json.loads(out)["features"]} == {"a.txt", "b.TXT"}
    assert err.splitlines() == [f"note: {line}" for line in expected_lines(folder)]
