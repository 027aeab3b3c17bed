"""An article read without error but with no place in it is said, never a plain success: a note per
article from `python -m extract`, a line per article in `python -m geodata ingest`'s summary."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extract.cli import main as extract_main
from extract.ingest import IngestReport, ingest_paths
from geodata.cli import main as geodata_main
from geodata.gazetteer import Gazetteer
from geodata.store import Store

MAPPED = "Iraqi forces entered Mosul on Monday. Families fled toward Raqqa.\n"
PLACELESS = "The minister said on Monday that talks would go on next week.\n"
PLACELESS_AR = "قال الوزير يوم الاثنين إن المحادثات ستستمر الأسبوع المقبل.\n"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "news"
    root.mkdir()
    (root / "a-mapped.txt").write_text(MAPPED, encoding="utf-8")
    (root / "b-talks.txt").write_text(PLACELESS, encoding="utf-8")
    (root / "c-talks-ar.txt").write_text(PLACELESS_AR, encoding="utf-8")
    return root


def test_extract_notes_each_article_without_places(folder: Path, gaz: Gazetteer, capsys) -> None:
    assert extract_main([str(folder)]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out)["features"]  # the mapped article's features are all there
    notes = [line for line in err.splitlines() if "no places found" in line]
    assert notes == [
        f"note: {folder / 'b-talks.txt'}: no places found.",
        f"note: {folder / 'c-talks-ar.txt'}: no places found.",
    ]


def test_ingest_counts_and_lists_articles_without_places(folder: Path, gaz: Gazetteer, tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.sqlite") as store:
        report = ingest_paths([folder], store, gaz=gaz)
        assert len(report.added) == 3 and report.placeless == (
            str(folder / "b-talks.txt"),
            str(folder / "c-talks-ar.txt"),
        )
        summary = report.summary()
        assert "3 added, 0 unchanged, 0 failed, 2 with no places found" in summary
        assert f"  no places found: {folder / 'b-talks.txt'}" in summary.splitlines()
        again = ingest_paths([folder], store, gaz=gaz)  # unchanged articles were reported the first time
        assert again.placeless == () and "no places" not in again.summary()


def test_the_list_of_articles_without_places_is_capped() -> None:
    summary = IngestReport(
        added=tuple(f"a{i}" for i in range(60)), placeless=tuple(f"a{i}" for i in range(60))
    ).summary()
    assert summary.count("  no places found:") == 50
    assert summary.splitlines()[-1] == "  ... and 10 more articles with no places found"


def test_the_ingest_command_prints_them(folder: Path, gaz: Gazetteer, tmp_path: Path, capsys) -> None:
    assert geodata_main(["--db", str(tmp_path / "s.sqlite"), "ingest", "--quiet", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "2 with no places found" in out and f"no places found: {folder / 'c-talks-ar.txt'}" in out
