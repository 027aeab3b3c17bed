"""ACLED and UCDP GED imports: published column names, bad rows skipped with
line numbers, source dataset and ids kept, one document per file, idempotent."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from geodata.cli import main
from geodata.errors import InputError
from geodata.formats.acled_csv import to_csv
from geodata.formats.datasets import ImportResult, acled_record, read_acled_csv, read_ucdp_csv
from geodata.formats.geojson import record_to_feature
from geodata.store import Store
from geodata.store.cli import import_dataset as import_file
from geodata.store.filters import Filters

DATA = Path(__file__).resolve().parents[2] / "data"
ACLED = DATA / "acled_sample.csv"
UCDP = DATA / "ucdp_sample.csv"


def features(result: ImportResult) -> list[dict]:
    """The records read, as the GeoJSON Features they export as."""
    return [record_to_feature(r) for r in result.records]


def query(store: Store, filters: Filters | None = None) -> list[dict]:
    return [record_to_feature(r) for r in store.query(filters)]


@pytest.fixture
def store(tmp_path: Path) -> Store:
    with Store.open(tmp_path / "k.sqlite") as s:
        yield s


def test_acled_rows_become_events_and_bad_rows_are_reported_by_line() -> None:
    r = read_acled_csv(ACLED)
    assert r.dataset == "ACLED" and r.rows == 11
    assert [f["properties"]["source_id"] for f in features(r)] == [
        "IRQ90001",
        "IRQ90002",
        "IRQ90003",
        "SYR90004",
        "SYR90005",
        "SYR90006",
        "IRQ90011",
    ]
    assert [line for line, _ in r.skipped] == [9, 10, 11, 12]  # IRQ90003's notes span lines 4-5
    reasons = dict(r.skipped)
    assert "not a date" in reasons[9] and "out of range" in reasons[10]
    assert "not numbers" in reasons[11] and "7 fields" in reasons[12]
    first = features(r)[0]
    assert first["geometry"] == {"type": "Point", "coordinates": [43.3797, 36.3536]}
    p = first["properties"]
    assert (p["kind"], p["source_dataset"], p["event_type"], p["sub_event_type"]) == (
        "event",
        "ACLED",
        "Battles",
        "Government regains territory",
    )
    assert (p["date"], p["date_precision"], p["fatalities"], p["geo_precision"], p["country_code"]) == (
        "2016-10-17",
        "day",
        12,
        1,
        "IQ",
    )
    assert (p["admin1"], p["source"], p["assoc_actor_1"], p["country"]) == (
        "Ninewa",
        "Shafaq News",
        "Popular Mobilization Forces",
        "Iraq",
    )
    week = features(r)[2]["properties"]
    assert (week["date"], week["date_precision"]) == ("2015-11-19", "week")  # "19 November 2015", precision 2
    assert "\n" in week["evidence"]


def test_ucdp_rows_keep_their_date_range_and_estimates() -> None:
    r = read_ucdp_csv(UCDP)
    assert r.dataset == "UCDP GED"
    assert [f["properties"]["source_id"] for f in features(r)] == ["510001", "510002", "510003", "510004"]
    assert [line for line, _ in r.skipped] == [6, 7, 8, 9]
    reasons = dict(r.skipped)
    assert "out of range" in reasons[6] and "before date_start" in reasons[7]
    assert "type_of_violence" in reasons[8] and "not a date" in reasons[9]
    manbij = features(r)[2]["properties"]
    assert (manbij["date"], manbij["date_precision"], manbij["date_start"], manbij["date_end"]) == (
        "2016-06-01",
        "range",
        "2016-06-01",
        "2016-08-12",
    )
    assert (manbij["fatalities"], manbij["low"], manbij["high"]) == (178, 150, 230)
    assert (manbij["actor1"], manbij["actor2"], manbij["country_code"]) == ("SDF", "IS", "SY")
    raqqa = features(r)[1]["properties"]
    assert (raqqa["event_type"], raqqa["sub_event_type"], raqqa["type_of_violence"]) == (
        "Violence against civilians",
        "Attack",
        3,
    )
    assert (raqqa["date_precision"], raqqa["geo_precision"]) == ("day", 1)
    assert features(r)[3]["properties"]["geo_precision"] == 3  # where_prec 4 (province)


def test_import_is_one_document_and_idempotent(store: Store) -> None:
    status, result = import_file(store, ACLED, "acled")
    assert status == "added"
    assert import_file(store, ACLED, "acled")[0] == "unchanged"
    import_file(store, UCDP, "ucdp")
    docs = {d.source: d for d in store.documents()}
    assert set(docs) == {"ACLED", "UCDP GED"} and docs["ACLED"].n_features == 7
    assert docs["ACLED"].origin == "import" and docs["ACLED"].doc_id == result.doc_id
    acled = query(store, Filters(sources=["ACLED"]))
    assert len(acled) == 7 and {f["properties"]["source_dataset"] for f in acled} == {"ACLED"}
    assert acled[0]["properties"]["source"] == "Shafaq News"  # the row's source, not the file's


@pytest.mark.parametrize(
    ("kw", "ids"),
    [
        ({"date_from": "2016-07-01", "date_to": "2016-07-31"}, ["510003"]),  # inside UCDP's Manbij range
        ({"date_from": "2015-11-20", "date_to": "2015-11-20"}, ["IRQ90003", "SYR90004", "510002"]),  # week, month, day
        ({"actors": ["IS"], "countries": ["SY"]}, ["510002", "510003"]),
        ({"event_types": ["Riots"]}, ["IRQ90011"]),
        ({"text": "tankers"}, ["IRQ90002"]),
    ],
)
def test_imported_events_answer_filters(store: Store, kw: dict, ids: list[str]) -> None:
    import_file(store, ACLED, "acled")
    import_file(store, UCDP, "ucdp")
    assert [f["properties"]["source_id"] for f in query(store, Filters(**kw))] == ids


def test_exported_csv_keeps_acled_ids_and_neutralises_formulas(store: Store, tmp_path: Path) -> None:
    import_file(store, ACLED, "acled")
    to_csv(store.query(), tmp_path / "a.csv")
    with (tmp_path / "a.csv").open(encoding="utf-8-sig", newline="") as fh:
        rows = {r["event_id_cnty"]: r for r in csv.DictReader(fh)}
    assert set(rows) == {"IRQ90001", "IRQ90002", "IRQ90003", "SYR90004", "SYR90005", "SYR90006", "IRQ90011"}
    assert rows["SYR90005"]["notes"].startswith("'=HYPERLINK(")
    assert rows["IRQ90011"]["notes"].startswith("'+ Protesters")
    assert (rows["IRQ90001"]["admin1"], rows["IRQ90001"]["country"], rows["IRQ90001"]["fatalities"]) == (
        "Ninewa",
        "Iraq",
        "12",
    )
    assert rows["SYR90004"]["time_precision"] == "3"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2016-10-17", "2016-10-17"),
        ("17 October 2016", "2016-10-17"),
        ("17-October-2016", "2016-10-17"),
        ("17 Oct 2016", "2016-10-17"),
        ("2016/10/17", "2016-10-17"),
    ],
)
def test_acled_date_formats(value: str, expected: str) -> None:
    row = {
        "event_id_cnty": "IRQ1",
        "event_date": value,
        "event_type": "Battles",
        "latitude": "36.3",
        "longitude": "43.1",
    }
    assert record_to_feature(acled_record(row))["properties"]["date"] == expected


def test_semicolon_separated_export_with_bom_is_read(tmp_path: Path) -> None:
    text = ACLED.read_text(encoding="utf-8")
    rows = list(csv.reader(text.splitlines(keepends=True)))
    path = tmp_path / "semi.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh, delimiter=";").writerows(rows[:3])
    assert [f["properties"]["source_id"] for f in features(read_acled_csv(path))] == ["IRQ90001", "IRQ90002"]


def test_wrong_file_is_refused_with_the_missing_columns(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"missing column.*type_of_violence"):
        read_ucdp_csv(ACLED)
    bad = tmp_path / "bad.csv"
    bad.write_text("event_id_cnty,event_date,event_type,latitude,longitude\nX1,never,Battles,1,2\n")
    with pytest.raises(InputError, match="none of its 1 row"):
        import_file(Store.open(tmp_path / "k.sqlite"), bad, "acled")
    with pytest.raises(InputError, match="no such file"):
        read_acled_csv(tmp_path / "absent.csv")


def test_cli_imports(tmp_path: Path, capsys) -> None:
    db = str(tmp_path / "k.sqlite")
    assert main(["--db", db, "import-acled", str(ACLED)]) == 0
    out = capsys.readouterr().out
    assert "7 event(s) added, 4 row(s) skipped" in out and "line 9: event_date" in out
    assert main(["--db", db, "import-ucdp", str(UCDP), str(ACLED)]) == 1  # the second is not UCDP
    captured = capsys.readouterr()
    assert "4 event(s) added" in captured.out and "not a UCDP GED CSV file" in captured.err
    assert main(["--db", db, "stats"]) == 0
    assert "documents: 2" in capsys.readouterr().out
