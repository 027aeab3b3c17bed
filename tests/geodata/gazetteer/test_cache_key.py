"""geodata/gazetteer: the cache key. Sources are told apart by their content, not by
where the checkout lies: a moved or copied checkout keeps its cache."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from geodata import settings
from geodata.gazetteer import fingerprint, source_files

# Small source files of a gazetteer: curated places (Arabic and English names side by side),
# an analyst's aliases, a GeoNames import.
SOURCES = {
    "curated.csv": "name,name_ar,lat,lon\nMosul,الموصل,36.335,43.11889\nRaqqa,الرقة,35.95283,39.00788\n",
    "user/aliases.csv": "alias,gazetteer_id\nالموصل الحدباء,geonames:99072\nUmm al-Rabiain,geonames:99072\n",
    "user/geonames/IQ.csv": "name,name_ar,lat,lon\nAl-Baaj,البعاج,36.0426,41.71632\n",
}


def write_sources(folder: Path, mtime: float, contents: dict[str, str] = SOURCES) -> dict[str, Path]:
    """The sources under `folder`, every file stamped with `mtime`; {name: path}."""
    files = {}
    for name, text in contents.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        os.utime(path, (mtime, mtime))
        files[name] = path
    return files


def test_the_same_files_in_another_folder_give_the_same_key(tmp_path: Path) -> None:
    here = write_sources(tmp_path / "checkout", mtime=1_447_920_000)
    there = write_sources(tmp_path / "elsewhere" / "copy", mtime=1_700_000_000)
    assert {p.stat().st_mtime for p in here.values()} != {p.stat().st_mtime for p in there.values()}
    assert fingerprint(here) == fingerprint(there)


@pytest.mark.parametrize("changed", list(SOURCES))
def test_changing_one_file_changes_the_key(tmp_path: Path, changed: str) -> None:
    files = write_sources(tmp_path / "checkout", mtime=1_447_920_000)
    before = fingerprint(files)
    path = files[changed]
    path.write_text(SOURCES[changed] + "سنجار,geonames:448149\n", encoding="utf-8")
    os.utime(path, (1_447_920_060, 1_447_920_060))
    assert fingerprint(files) != before


def test_same_size_edit_changes_the_key(tmp_path: Path) -> None:
    """An edit that keeps the file's size (a digit, an Arabic letter for another) still counts."""
    files = write_sources(tmp_path, mtime=1_447_920_000)
    before = fingerprint(files)
    path = files["curated.csv"]
    text = SOURCES["curated.csv"].replace("الرقة", "الرقه")
    assert len(text.encode()) == len(SOURCES["curated.csv"].encode())
    path.write_text(text, encoding="utf-8")
    os.utime(path, (1_447_920_001, 1_447_920_001))
    assert fingerprint(files) != before


def test_the_key_does_not_depend_on_the_dict_order(tmp_path: Path) -> None:
    files = write_sources(tmp_path, mtime=1_447_920_000)
    assert fingerprint(files) == fingerprint(dict(reversed(list(files.items()))))


def test_names_missing_on_disk_are_skipped(tmp_path: Path) -> None:
    files = write_sources(tmp_path, mtime=1_447_920_000)
    with_missing = {**files, "user/places.csv": tmp_path / "user" / "places.csv"}
    assert not with_missing["user/places.csv"].exists()
    assert fingerprint(with_missing) == fingerprint(files)


def test_a_file_that_appears_changes_the_key(tmp_path: Path) -> None:
    files = write_sources(tmp_path, mtime=1_447_920_000)
    places = tmp_path / "user" / "places.csv"
    before = fingerprint({**files, "user/places.csv": places})
    places.write_text("name,lat,lon\nSinjar,36.3209,41.87656\n", encoding="utf-8")
    assert fingerprint({**files, "user/places.csv": places}) != before


def test_source_files_are_named_without_where_the_checkout_lies() -> None:
    names = list(source_files())
    assert {"curated.csv", "countries.csv", "not_places.csv", "cities500.json", "code/names.py"} <= set(names)
    project = str(settings.PROJECT_DIR)
    for name in names:
        assert not name.startswith("/"), name
        assert project not in name, name
        assert not Path(name).is_absolute(), name


def test_user_sources_are_named_relative_to_the_data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "khareeta-home"
    write_sources(
        home / "gazetteer", mtime=1_447_920_000, contents={"geonames/IQ.csv": SOURCES["user/geonames/IQ.csv"]}
    )
    monkeypatch.setenv("KHAREETA_HOME", str(home))
    files = source_files()
    assert files["user/geonames/IQ.csv"] == home / "gazetteer" / "geonames" / "IQ.csv"
    assert all(str(tmp_path) not in name and not name.startswith("/") for name in files)


def test_a_moved_data_folder_keeps_its_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    user = {
        "places.csv": "name,lat,lon\nSinjar,36.3209,41.87656\n",
        "aliases.csv": SOURCES["user/aliases.csv"],
        "geonames/IQ.csv": SOURCES["user/geonames/IQ.csv"],
    }
    write_sources(tmp_path / "old" / "gazetteer", mtime=1_447_920_000, contents=user)
    write_sources(tmp_path / "new" / "place" / "gazetteer", mtime=1_700_000_000, contents=user)
    monkeypatch.setenv("KHAREETA_HOME", str(tmp_path / "old"))
    old = fingerprint(source_files())
    monkeypatch.setenv("KHAREETA_HOME", str(tmp_path / "new" / "place"))
    assert fingerprint(source_files()) == old


def test_a_change_to_the_spelling_keys_code_recompiles(tmp_path: Path) -> None:
    # the keys (and spelling variants) the cache holds are made by geodata/names.py
    files = source_files()
    before = fingerprint(files)
    code = tmp_path / "names.py"
    code.write_text(files["code/names.py"].read_text(encoding="utf-8") + "\n# a new rule\n", encoding="utf-8")
    assert fingerprint({**files, "code/names.py": code}) != before
