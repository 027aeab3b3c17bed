"""`python -m geodata review ...`: each action from the command line, and its errors said plainly."""

from __future__ import annotations

from pathlib import Path

import pytest

from geodata.cli import main
from geodata.store import Store
from tests.geodata.store.reviewed import first_doc, first_records, ids, second_doc, second_records

FIRST, SECOND = ids(first_records()), ids(second_records())


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    path = str(tmp_path / "k.sqlite")
    with Store.open(path) as s:
        s.add_document(first_doc(), first_records())
        s.add_document(second_doc(), second_records())
    monkeypatch.setenv("KHAREETA_USER", "amal")
    return path


def run(db: str, *args: str) -> int:
    return main(["--db", db, "review", *args])


def test_edit_show_and_history(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        run(db, "edit", FIRST["event"], "--set", "actor1=Islamic State", "--set", "fatalities=13", "--note", "wire B")
        == 0
    )
    assert "corrected by amal" in capsys.readouterr().out
    assert run(db, "show", FIRST["event"]) == 0
    out = capsys.readouterr().out
    assert "actor1: Islamic State" in out and "fatalities: 12 -> 13  — wire B" in out
    with Store.open(db) as s:
        assert s.feature(FIRST["event"]).fatalities == 13  # type: ignore[union-attr]


def test_reject_list_by_status_and_undo(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(db, "reject", FIRST["route"], "--reason", "no road", "--by", "lina") == 0
    assert run(db, "list", "--status", "rejected") == 0
    out = capsys.readouterr().out
    assert FIRST["route"] in out and "1 feature(s)" in out
    assert run(db, "undo", FIRST["route"]) == 0
    with Store.open(db) as s:
        assert [c.who for c in s.history(FIRST["route"])][-1] == "amal"
        assert FIRST["route"] in s.query_ids()


def test_duplicates_then_merge(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(db, "duplicates") == 0
    assert "1 possible duplicate(s)" in capsys.readouterr().out
    assert run(db, "merge", FIRST["event"], SECOND["event"]) == 0
    assert "source: Wire B" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("edit", "nope", "--set", "fatalities=1"), "no stored feature"),
        (("edit", FIRST["event"], "--set", "fatalities"), "FIELD=VALUE"),
        (("edit", FIRST["event"], "--at", "north"), "LAT,LON"),
        (("edit", FIRST["event"], "--set", "fatalities=2", "--expect", "3"), "since you opened it"),
        (("undo", FIRST["event"]), "no change to undo"),
    ],
)
def test_errors_are_one_line_without_traceback(db: str, capsys: pytest.CaptureFixture[str], args, says: str) -> None:
    assert run(db, *args) != 0
    err = capsys.readouterr().err
    assert says in err and "Traceback" not in err


def test_a_rejected_place_can_join_the_not_a_place_list(
    db: str, capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KHAREETA_HOME", str(tmp_path / "home"))
    assert run(db, "reject", FIRST["route"], "--reason", "x", "--not-a-place", "Kirkuk-Daquq road") != 0
    assert "for a rejected place mention" in capsys.readouterr().err
    with Store.open(db) as s:  # checked before anything was saved
        assert s.history() == []
    assert run(db, "reject", FIRST["place"], "--reason", "a market's name", "--not-a-place", "Tuz Khurmatu market") == 0
    assert "never read as a place" in capsys.readouterr().out
    from geodata.gazetteer import not_places

    assert "Tuz Khurmatu market" in not_places.not_places_path().read_text(encoding="utf-8")


def test_export_leaves_rejected_out_unless_asked(db: str, tmp_path: Path) -> None:
    import json

    assert run(db, "reject", FIRST["event"], "--reason", "a duplicate wire") == 0
    out = tmp_path / "x.geojson"
    assert main(["--db", db, "export", "-o", str(out), "--kind", "event"]) == 0
    assert [f["id"] for f in json.loads(out.read_text())["features"]] == [SECOND["event"]]
    assert main(["--db", db, "export", "-o", str(out), "--review", "rejected"]) == 0
    [f] = json.loads(out.read_text())["features"]
    assert (f["id"], f["properties"]["review_status"]) == (FIRST["event"], "rejected")
    assert main(["--db", db, "export", "-o", str(out), "--review", "wrong"]) != 0
