"""Contracts of `geodata.gazetteer.user` and `python -m geodata gazetteer add|import`."""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from geodata import gazetteer, settings
from geodata.cli import main
from geodata.errors import GazetteerError
from geodata.gazetteer import compile_gazetteer, not_places
from geodata.gazetteer import user as user_gazetteer
from geodata.gazetteer.sources import PLACE_COLUMNS, GazEntry, merge_entries, read_place_csv, read_user_aliases

SINJAR = GazEntry(
    "geonames:448149",
    "Sinjār",
    "سنجار",
    "city",
    "IQ",
    36.3209,
    41.87656,
    38294,
    ("Sinjār", "Sinjar", "سنجار"),
    "geonames",
)


@pytest.fixture(scope="module")
def small_gaz() -> gazetteer.Gazetteer:
    return compile_gazetteer([SINJAR], [])


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, small_gaz: gazetteer.Gazetteer) -> Path:
    """Every test writes under its own KHAREETA_HOME, never the real data/ folder; a new place is checked
    for namesakes against a gazetteer of Sinjar alone (tests/geodata/gazetteer/test_namesakes.py checks
    them against the real one)."""
    monkeypatch.setenv("KHAREETA_HOME", str(tmp_path))
    monkeypatch.setattr(gazetteer, "get", lambda: small_gaz)
    return tmp_path


@pytest.fixture
def fake_get(small_gaz: gazetteer.Gazetteer, monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI's `gazetteer.get()` without compiling cities500."""
    monkeypatch.setattr(gazetteer, "get", lambda: small_gaz)


def places_file() -> Path:
    return settings.user_gazetteer_dir() / "places.csv"


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith(".tmp")] if folder.exists() else []


# --- add a place ---------------------------------------------------------------


def test_added_place_is_found_by_its_english_arabic_and_alias_names() -> None:
    e = user_gazetteer.add_place(
        name="Kocho",
        name_ar="كوجو",
        feature_type="village",
        country_code="iq",
        lat="36.17139",
        lon=41.86972,
        population="1750",
        aliases=["Kojo", "قرية كوجو"],
    )
    assert e.gid == "user:kocho"
    with places_file().open(encoding="utf-8") as fh:
        assert fh.readline().strip() == ",".join(PLACE_COLUMNS)
    gaz = compile_gazetteer(read_place_csv(places_file(), prefix="user"), [])
    for name in ("Kocho", "كوجو", "Kojo", "قرية كوجو", "KOCHO"):
        [found] = gaz.candidates(name)
        assert (found.gid, found.feature_type, found.country_code, found.population) == (
            "user:kocho",
            "village",
            "IQ",
            1750,
        )
        assert (found.lat, found.lon) == (36.17139, 41.86972)


def test_places_of_the_same_name_far_apart_get_unique_ids() -> None:
    a = user_gazetteer.add_place(name="Tall Hamid", lat=36.1, lon=41.9)
    b = user_gazetteer.add_place(name="Tall Hamid", lat=35.2, lon=40.1)
    c = user_gazetteer.add_place(name_ar="تل حميد", lat=34.0, lon=40.0)
    assert [a.gid, b.gid, c.gid] == ["user:tall-hamid", "user:tall-hamid-2", "user:تل-حميد"]
    assert len({e.gid for e in read_place_csv(places_file(), prefix="user")}) == 3


def test_ids_of_rows_that_override_a_geonames_place_stay_taken() -> None:
    places_file().parent.mkdir(parents=True)
    places_file().write_text("id,name,lat,lon,source\nsinjar,Sinjar,36.32,41.87,geonames:448149\n", encoding="utf-8")
    assert user_gazetteer.add_place(name="Sinjar", lat=35.0, lon=40.0).gid == "user:sinjar-2"


def test_the_same_place_twice_is_refused() -> None:
    user_gazetteer.add_place(name="Kocho", name_ar="كوجو", lat=36.17139, lon=41.86972)
    with pytest.raises(GazetteerError, match=r"already in your places as user:kocho"):
        user_gazetteer.add_place(name_ar="كوجو", lat=36.172, lon=41.87)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"lat": "95"}, r"lat 95\.0 is outside \[-90, 90\]"),
        ({"lat": "abc"}, r"lat 'abc' is not a number"),
        ({"lon": "-181"}, r"lon -181\.0 is outside \[-180, 180\]"),
        ({"lat": float("nan")}, r"lat nan is outside"),
        ({"name": "  ", "name_ar": ""}, r"needs a name or an Arabic name"),
        ({"feature_type": "castle"}, r"unknown feature_type 'castle'; use one of airbase, airport"),
        ({"name_ar": "Kocho"}, r"the Arabic name 'Kocho' has no Arabic letters"),
        ({"name": "Ur", "name_ar": ""}, r"too short to be found in text"),
        ({"country_code": "IRQ"}, r"country 'IRQ' is not a two-letter ISO code"),
        ({"population": "-5"}, r"population '-5' is not a whole number"),
        ({"name": "Kocho|Kojo"}, r"contains '\|'"),
        ({"aliases": ["Kojo|Koco"]}, r"alias 'Kojo\|Koco' contains '\|'"),
        ({"aliases": [" "]}, r"an alias cannot be empty"),
    ],
)
def test_invalid_place_fails_in_one_sentence_and_leaves_the_csv_unchanged(fields: dict, message: str) -> None:
    user_gazetteer.add_place(name="Hardan", name_ar="حردان", lat=36.29, lon=41.99)
    before = places_file().read_bytes()
    values = {"name": "Kocho", "name_ar": "كوجو", "lat": 36.17, "lon": 41.87, **fields}
    with pytest.raises(GazetteerError, match=message) as err:
        user_gazetteer.add_place(**values)
    assert "\n" not in str(err.value)
    assert places_file().read_bytes() == before
    assert leftovers(places_file().parent) == []


def test_cli_invalid_lat_is_one_error_line_and_no_file(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["gazetteer", "add", "--name", "Kocho", "--lat", "136.2", "--lon", "41.87"])
    err = capsys.readouterr().err
    assert code == 1
    assert err == "error: place 'Kocho': lat 136.2 is outside [-90, 90].\n"
    assert not places_file().exists()


def test_cli_add_keeps_extra_columns_the_analyst_added(capsys: pytest.CaptureFixture[str]) -> None:
    places_file().parent.mkdir(parents=True)
    places_file().write_text("id,name,lat,lon,note\nhardan,Hardan,36.29,41.99,checked by Rana\n", encoding="utf-8")
    code = main(
        [
            "gazetteer",
            "add",
            "--name",
            "Kocho",
            "--name-ar",
            "كوجو",
            "--type",
            "village",
            "--country",
            "IQ",
            "--lat",
            "36.17",
            "--lon",
            "41.87",
            "--alias",
            "Kojo",
            "--alias",
            "Koço",
        ]
    )
    assert code == 0
    assert "added user:kocho 'Kocho' (village, IQ, 36.17, 41.87)" in capsys.readouterr().out
    rows = read_rows(places_file())
    assert [r["id"] for r in rows] == ["hardan", "kocho"]
    assert rows[0]["note"] == "checked by Rana"
    assert rows[1]["aliases"] == "Kojo|Koço"


def test_cli_add_without_coordinates_says_what_is_missing(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["gazetteer", "add", "--name", "Kocho"]) == 1
    assert "a new place needs --lat and --lon" in capsys.readouterr().err


def test_cli_notes_a_name_that_is_never_a_place(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["gazetteer", "add", "--name", "Sky News", "--lat", "36", "--lon", "43"]) == 0
    assert "not_places.csv" in capsys.readouterr().out


# --- add an alias ----------------------------------------------------------------


def test_alias_is_written_and_merged_into_the_place(small_gaz: gazetteer.Gazetteer) -> None:
    assert user_gazetteer.add_alias("geonames:448149", "Shingal", gaz=small_gaz) is True
    aliases = read_user_aliases(settings.user_gazetteer_dir() / "aliases.csv")
    assert aliases == {"geonames:448149": ["Shingal"]}
    [merged] = merge_entries([], [SINJAR], aliases)
    assert compile_gazetteer([merged], []).candidates("shingal")[0].gid == "geonames:448149"


def test_a_name_the_place_already_has_is_not_written_again(small_gaz: gazetteer.Gazetteer) -> None:
    assert user_gazetteer.add_alias("geonames:448149", "سنجار", gaz=small_gaz) is False
    assert user_gazetteer.add_aliases("geonames:448149", ["Shingal", "shingal", "Şingal"], gaz=small_gaz) == (
        "Shingal",
        "Şingal",
    )
    assert user_gazetteer.add_alias("geonames:448149", "SHINGAL", gaz=small_gaz) is False
    assert len(read_rows(settings.user_gazetteer_dir() / "aliases.csv")) == 2


@pytest.mark.usefixtures("fake_get")
def test_cli_alias_to_an_unknown_place_fails_clearly(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["gazetteer", "add", "--alias", "Shingal", "--to", "geonames:1"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: no place has the id 'geonames:1'; find a place's id with")
    assert err.count("\n") == 1
    assert not (settings.user_gazetteer_dir() / "aliases.csv").exists()
    assert main(["gazetteer", "add", "--alias", "Shingal", "--to", "448149"]) == 1
    assert "Did you mean geonames:448149?" in capsys.readouterr().err


@pytest.mark.usefixtures("fake_get")
def test_cli_alias_to_a_known_place(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["gazetteer", "add", "--alias", "Shingal", "--alias", "Sinjar", "--to", "geonames:448149"]) == 0
    out = capsys.readouterr().out
    assert "'Sinjar' is already a name of geonames:448149" in out
    assert "added 'Shingal' to geonames:448149" in out
    assert read_rows(settings.user_gazetteer_dir() / "aliases.csv") == [
        {"gazetteer_id": "geonames:448149", "alias": "Shingal"}
    ]


def test_cli_alias_mode_refuses_place_options(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["gazetteer", "add", "--alias", "Shingal", "--to", "geonames:448149", "--lat", "36"]) == 1
    assert "--lat cannot be used with it" in capsys.readouterr().err


# --- import a CSV ----------------------------------------------------------------

IMPORT_CSV = """\
name,name_ar,feature_type,country_code,lat,lon,population,aliases,source
Kocho,كوجو,village,IQ,36.17139,41.86972,1750,Kojo|Koço,survey 2015
Tall Qasab,تل قصب,village,IQ,136.2,41.81,,,

Hardan,حردان,village,IQ,36.2925,41.99583,,,
,,village,IQ,36.1,41.9,,,
Solagh,سولاغ,castle,IQ,36.3,41.9,,,
Girefan,كريفان,village,IQ,36.4,41.7,,,,extra
"Tel ""Uzair""
(Qahtaniya)",تل عزير,town,IQ,36.39,41.68,,,
Kocho,كوجو,village,IQ,36.17139,41.86972,,,
"""


def test_import_keeps_good_rows_and_reports_bad_ones_by_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "villages.csv"
    src.write_text(IMPORT_CSV, encoding="utf-8")
    assert main(["gazetteer", "import", str(src)]) == 0
    out = capsys.readouterr().out.strip()
    assert out.startswith("imported 3 places, skipped 5 rows: line 3: lat 136.2 is outside [-90, 90]; ")
    assert "; line 6: a place needs a name or an Arabic name; " in out
    assert "line 7: unknown feature_type 'castle'" in out
    assert "line 8: 10 fields, the header has 9" in out
    assert out.endswith("; line 11: 'Kocho' is already in your places as user:kocho")
    entries = read_place_csv(places_file(), prefix="user")
    assert [e.gid for e in entries] == ["user:kocho", "user:hardan", "user:tel-uzair-qahtaniya"]
    assert entries[0].names == ("Kocho", "كوجو", "Kojo", "Koço")


def test_import_a_file_without_coordinates_is_refused(tmp_path: Path) -> None:
    src = tmp_path / "names.csv"
    src.write_text("name,name_ar\nKocho,كوجو\n", encoding="utf-8")
    with pytest.raises(GazetteerError, match=r"missing column\(s\) lat, lon"):
        user_gazetteer.import_places(src)


def test_import_with_nothing_good_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "bad.csv"
    src.write_text("name,lat,lon\nKocho,north,41.8\n", encoding="utf-8")
    assert main(["gazetteer", "import", str(src)]) == 1
    assert capsys.readouterr().out.strip() == "imported 0 places, skipped 1 rows: line 2: lat 'north' is not a number"
    assert not places_file().exists()


# --- end to end ------------------------------------------------------------------


@pytest.mark.slow
def test_added_place_is_extracted_from_arabic_and_english_text(tmp_path: Path) -> None:
    env = {**os.environ, "KHAREETA_HOME": str(tmp_path / "home")}
    root = Path(__file__).resolve().parents[3]
    built = root / "data" / "cache" / "gazetteer.pkl"  # the sources without places of anyone's: `add` starts there
    if built.exists():
        (tmp_path / "home" / "cache").mkdir(parents=True)
        shutil.copy(built, tmp_path / "home" / "cache" / "gazetteer.pkl")

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, *args], cwd=root, env=env, capture_output=True, text=True, timeout=600, check=False
        )

    added = run(
        "-m",
        "geodata",
        "gazetteer",
        "add",
        "--name",
        "Khanasor Qadim",
        "--name-ar",
        "خانصور القديمة",
        "--type",
        "village",
        "--country",
        "IQ",
        "--lat",
        "36.4602",
        "--lon",
        "41.6011",
    )
    assert added.returncode == 0, added.stderr
    en, ar = tmp_path / "en.txt", tmp_path / "ar.txt"
    en.write_text("Fighters attacked the village of Khanasor Qadim in Iraq on Monday.\n", encoding="utf-8")
    ar.write_text("هاجم مسلحون قرية خانصور القديمة في العراق يوم الاثنين.\n", encoding="utf-8")
    extracted = run("-m", "extract", str(en), str(ar))
    assert extracted.returncode == 0, extracted.stderr
    features = json.loads(extracted.stdout)["features"]
    found = {
        (f["properties"]["doc"], f["properties"]["surface"])
        for f in features
        if f["properties"]["kind"] == "place" and f["properties"]["gazetteer_id"] == "user:khanasor-qadim"
    }
    assert {surface for _, surface in found} == {"Khanasor Qadim", "خانصور القديمة"}
    assert len({doc for doc, _ in found}) == 2


def test_a_rejected_mentions_phrase_joins_the_not_a_place_list_and_blocks_it() -> None:
    assert not_places.add_not_place("Sinjar Media", "Sinjar")
    assert not not_places.add_not_place("sinjar  media", "Sinjar")  # listed already
    assert gazetteer.blocked_phrases()[-1] == "Sinjar Media"
    assert "user/not_places.csv" in gazetteer.source_files()  # a change recompiles the gazetteer
    gaz = compile_gazetteer([SINJAR], gazetteer.blocked_phrases())
    assert gazetteer.BLOCK in gaz.index.lookup("sinjar media")
    assert [e.gid for e in gaz.candidates("Sinjar")] == [SINJAR.gid]  # the town itself is still found
    with pytest.raises(GazetteerError, match="must contain the name"):
        not_places.add_not_place("Media Center", "Sinjar")
