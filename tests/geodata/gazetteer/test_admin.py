"""The administrative layers: P-codes, units and every Iraqi / Syrian place linked to its unit."""

from __future__ import annotations

import csv
import os
from pathlib import Path

import pytest

from geodata.gazetteer import Gazetteer, admin
from geodata.gazetteer.admin import governorate_code, inside

SHARED = Path(__file__).resolve().parents[3].parent / "shared" / "gazetteers"


def test_pcodes_nest_by_prefix() -> None:
    assert inside("IQG15Q02N01", "IQG15")
    assert inside("SY090201", "SY0902")
    assert not inside("SY090201", "SY08")
    assert not inside("", "SY08")
    assert governorate_code("IQG15Q02N01", "IQ") == "IQG15"
    assert governorate_code("SY090201", "SY") == "SY09"
    assert governorate_code("SY090201", "FR") == ""


def test_the_committed_layers_hold_every_unit_of_both_countries() -> None:
    with admin.ADMIN_CSV.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    count = {(r["country_code"], r["level"]): 0 for r in rows}
    for r in rows:
        count[r["country_code"], r["level"]] += 1
    assert count["IQ", "governorate"] == 18
    assert count["IQ", "district"] >= 100
    assert count["IQ", "subdistrict"] >= 290
    assert count["SY", "governorate"] == 14
    assert count["SY", "district"] == 62
    assert count["SY", "subdistrict"] == 272
    parents = {r["pcode"] for r in rows}
    assert all(r["parent"] in parents for r in rows if r["level"] != "governorate")
    assert all(r["pcode"].startswith(r["parent"]) for r in rows)


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/gazetteers is not beside the project")
def test_import_admin_rebuilds_the_committed_file(tmp_path: Path) -> None:
    out = tmp_path / "admin.csv"
    admin.write_admin_csv(admin.convert(SHARED), out)
    assert out.read_text(encoding="utf-8") == admin.ADMIN_CSV.read_text(encoding="utf-8")


def test_import_admin_names_the_missing_source(tmp_path: Path) -> None:
    from geodata.errors import GazetteerError

    with pytest.raises(GazetteerError, match="not found"):
        admin.convert(tmp_path)


def test_every_governorate_of_ours_has_its_pcode(gaz: Gazetteer) -> None:
    govs = [gaz.entries[i] for i in range(len(gaz.entries)) if gaz.entries.feature_type(i) == "governorate"]
    ours = [e for e in govs if e.country_code in ("IQ", "SY")]
    assert len(ours) >= 32
    assert all(e.pcode for e in ours), [e.name for e in ours if not e.pcode]
    # a governorate's own code (IQG13, SY02), never its capital's sub-district (IQG13Q04N06): "X, Kirkuk
    # province" is anywhere in the province; Halabja, newer than the COD, is the district it was made of
    assert {e.name: len(e.pcode) for e in ours if len(e.pcode) not in (4, 5)} == {"Halabja Governorate": 8}
    assert gaz.unit("IQG13") is not None and gaz.unit("IQG13").name == "Kirkuk Governorate"


@pytest.mark.parametrize(
    ("town", "country", "governorate"),
    [
        ("Mosul", "IQ", "IQG15"),
        ("Tikrit", "IQ", "IQG16"),
        ("Baqubah", "IQ", "IQG10"),
        ("Al-Bab", "SY", "SY02"),
        ("Hajin", "SY", "SY09"),
        ("Salamiyah", "SY", "SY05"),
        ("الرقة", "SY", "SY11"),
    ],
)
def test_towns_are_linked_to_their_governorate(gaz: Gazetteer, town: str, country: str, governorate: str) -> None:
    (e,) = [c for c in gaz.candidates(town) if c.country_code == country and c.feature_type in ("city", "town")][:1]
    assert governorate_code(e.pcode, country) == governorate


def test_a_town_named_after_its_subdistrict_lies_in_it(gaz: Gazetteer) -> None:
    town = next(e for e in gaz.candidates("Hajin") if e.country_code == "SY")
    unit = gaz.unit(town.pcode)
    assert unit is not None and unit.feature_type == "subdistrict"
    assert "هجين" in unit.name_ar


@pytest.mark.parametrize("name", ["Hajin Subdistrict", "ناحية هجين", "قضاء البعاج", "Al-Baaj District"])
def test_units_are_named_with_their_unit_word(gaz: Gazetteer, name: str) -> None:
    assert any(e.feature_type in ("district", "subdistrict") for e in gaz.candidates(name))


@pytest.mark.parametrize("name", ["Hajin", "Mosul", "البعاج", "Aleppo"])
def test_the_bare_name_stays_the_towns(gaz: Gazetteer, name: str) -> None:
    assert all(e.feature_type not in ("district", "subdistrict") for e in gaz.candidates(name))


@pytest.mark.parametrize(
    ("name", "unit"), [("قضاء شيخان", "IQG15Q06"), ("قضاء قائم", "IQG01Q02"), ("قضاء بعاج", "IQG15Q02")]
)
def test_a_unit_word_names_the_unit_without_its_article(gaz: Gazetteer, name: str, unit: str) -> None:
    """News may leave out the article after the unit word ("قضاء شيخان" for "قضاء الشيخان")."""
    got = [e for e in gaz.candidates(name) if e.feature_type == "district"]
    assert len(got) == 1 and got[0].pcode.startswith(unit)


def test_the_bare_name_without_its_article_is_no_unit() -> None:
    forms = admin._with_forms("district", ["الشيخان"])
    assert "قضاء شيخان" in forms and "شيخان" not in forms


def test_seat_subdistricts_are_not_named_by_city_centre_words(gaz: Gazetteer) -> None:
    assert not gaz.candidates("مركز المدينة")
    assert not gaz.candidates("Markaz Mosul")


def test_import_admin_cli_reports_a_missing_folder(tmp_path: Path) -> None:
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[3]
    p = subprocess.run(
        [sys.executable, "-m", "geodata", "gazetteer", "import-admin", str(tmp_path / "nowhere")],
        cwd=root,
        check=False,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(root)},
    )
    assert p.returncode != 0
    assert "not found" in p.stderr and "Traceback" not in p.stderr
