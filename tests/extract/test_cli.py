"""extract/cli.py: `python -m extract FILE... | --jsonl FILE|-`, run in-process.

Contract (DESIGN.md): one RFC 7946 FeatureCollection on stdout (lon, lat),
one line on stderr per bad input, the other inputs still extracted; exit 1
when any input failed, 2 for a usage error.
"""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from extract.cli import main

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "mosul-2015-11-19-ar.txt"
KINDS = {"place", "event", "movement", "route"}

GOOD_EN = "Iraqi forces entered Mosul on Monday. Families fled toward Raqqa.\n"
GOOD_AR = "دخلت القوات العراقية الموصل يوم الاثنين. وفرت عائلات نحو الرقة.\n"


@pytest.fixture(autouse=True)
def _warm_gazetteer(gaz):
    """main() loads the gazetteer itself; the session fixture makes that a cache hit."""
    return gaz


def _run(capsys, argv: list[str]) -> tuple[int, dict, list[str]]:
    rc = main(argv)
    out, err = capsys.readouterr()
    return rc, json.loads(out), [line for line in err.splitlines() if line.strip()]


def _places(fc: dict) -> list[dict]:
    return [f for f in fc["features"] if f["properties"]["kind"] == "place"]


def _check_features(fc: dict, texts: dict[str, str]) -> None:
    """Every feature honours the output contract; place offsets point at their surface."""
    assert fc["type"] == "FeatureCollection"
    for f in fc["features"]:
        assert f["type"] == "Feature"
        props = f["properties"]
        for key in ("kind", "doc", "evidence", "start", "end", "lang"):
            assert key in props, (key, props)
        assert props["kind"] in KINDS
        assert props["lang"] in ("ar", "en")
        assert isinstance(props["start"], int) and isinstance(props["end"], int)
        assert 0 <= props["start"] < props["end"]
        assert props["evidence"].strip()
        assert props["doc"] in texts
        text = texts[props["doc"]]
        assert props["end"] <= len(text)
        assert props["evidence"] in text
        geom = f["geometry"]
        coords = [geom["coordinates"]] if geom["type"] == "Point" else geom["coordinates"]
        for lon, lat in coords:
            assert -180 <= lon <= 180 and -90 <= lat <= 90
        if props["kind"] == "place":
            assert geom["type"] == "Point"
            assert text[props["start"] : props["end"]] == props["surface"]
            assert props["surface"] in props["evidence"]
            for key in ("name", "name_ar", "gazetteer_id", "feature_type", "country_code", "confidence"):
                assert key in props, (key, props)


def _mosul(fc: dict) -> dict:
    return next(f for f in _places(fc) if f["properties"]["name"] == "Mosul")


@pytest.mark.parametrize(("name", "text"), [("ar.txt", GOOD_AR), ("en.txt", GOOD_EN)])
def test_one_good_file(tmp_path: Path, capsys, name: str, text: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    rc, fc, err = _run(capsys, [str(path)])
    assert rc == 0
    assert err == []
    _check_features(fc, {name: text})
    lon, lat = _mosul(fc)["geometry"]["coordinates"]
    assert lon == pytest.approx(43.1, abs=0.1)  # lon first (RFC 7946)
    assert lat == pytest.approx(36.3, abs=0.1)
    assert {f["properties"]["country_code"] for f in _places(fc)} == {"IQ", "SY"}


def test_two_files_one_missing(tmp_path: Path, capsys) -> None:
    good = tmp_path / "good.txt"
    good.write_text(GOOD_EN, encoding="utf-8")
    missing = tmp_path / "missing-article.txt"
    rc, fc, err = _run(capsys, [str(good), str(missing)])
    assert rc == 1
    assert len(err) == 1
    assert str(missing) in err[0]
    assert "good.txt" not in err[0]
    _check_features(fc, {"good.txt": GOOD_EN})
    assert {f["properties"]["doc"] for f in fc["features"]} == {"good.txt"}
    assert [f["properties"]["surface"] for f in _places(fc)] == ["Mosul", "Raqqa"]


def test_binary_file_among_good_ones(tmp_path: Path, capsys) -> None:
    a = tmp_path / "a.txt"
    a.write_text(GOOD_AR, encoding="utf-8")
    pdf = tmp_path / "scan.pdf"
    pdf.write_bytes(b"%PDF-1.4\n%...")
    b = tmp_path / "b.txt"
    b.write_text(GOOD_EN, encoding="utf-8")
    rc, fc, err = _run(capsys, [str(a), str(pdf), str(b)])
    assert rc == 1
    assert len(err) == 1 and "scan.pdf" in err[0] and "PDF" in err[0]
    assert {f["properties"]["doc"] for f in fc["features"]} == {"a.txt", "b.txt"}


def _jsonl(*records: str) -> str:
    return "".join(r + "\n" for r in records)


JSONL = _jsonl(
    json.dumps({"id": "en-1", "text": GOOD_EN, "date": "2016-10-17"}),
    "{this is not json",
    json.dumps({"id": "ar-1", "text": GOOD_AR, "lang": "ar"}, ensure_ascii=False),
    json.dumps({"id": "no-text"}),
)


def test_jsonl_file_with_bad_lines(tmp_path: Path, capsys) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_text(JSONL, encoding="utf-8")
    rc, fc, err = _run(capsys, ["--jsonl", str(path)])
    assert rc == 1
    assert len(err) == 2
    assert f"{path}:2" in err[0]
    assert f"{path}:4" in err[1]
    _check_features(fc, {"en-1": GOOD_EN, "ar-1": GOOD_AR})
    assert {f["properties"]["doc"] for f in fc["features"]} == {"en-1", "ar-1"}
    langs = {f["properties"]["doc"]: f["properties"]["lang"] for f in fc["features"]}
    assert langs == {"en-1": "en", "ar-1": "ar"}


def test_jsonl_from_stdin(monkeypatch, capsys) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(JSONL.encode("utf-8")), encoding="utf-8"))
    rc, fc, err = _run(capsys, ["--jsonl", "-"])
    assert rc == 1
    assert len(err) == 2
    assert "<stdin>:2" in err[0]
    _check_features(fc, {"en-1": GOOD_EN, "ar-1": GOOD_AR})
    lon, lat = _mosul(fc)["geometry"]["coordinates"]
    assert (round(lon, 1), round(lat, 1)) == (43.1, 36.3)


def test_jsonl_stdin_all_good_exits_0(monkeypatch, capsys) -> None:
    data = _jsonl(json.dumps({"id": 1, "text": GOOD_EN}))
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data.encode("utf-8")), encoding="utf-8"))
    rc, fc, err = _run(capsys, ["--jsonl", "-"])
    assert (rc, err) == (0, [])
    assert {f["properties"]["doc"] for f in fc["features"]} == {"1"}


def test_missing_jsonl_file(tmp_path: Path, capsys) -> None:
    rc = main(["--jsonl", str(tmp_path / "nope.jsonl")])
    _, err = capsys.readouterr()
    assert rc == 1
    assert "nope.jsonl" in err
    assert len([line for line in err.splitlines() if line.strip()]) == 1


def test_files_and_jsonl_together(tmp_path: Path, capsys) -> None:
    f = tmp_path / "f.txt"
    f.write_text(GOOD_EN, encoding="utf-8")
    j = tmp_path / "b.jsonl"
    j.write_text(_jsonl(json.dumps({"id": "j", "text": GOOD_AR}, ensure_ascii=False)), encoding="utf-8")
    rc, fc, err = _run(capsys, [str(f), "--jsonl", str(j)])
    assert (rc, err) == (0, [])
    assert {p["properties"]["doc"] for p in fc["features"]} == {"f.txt", "j"}


def test_seed_through_the_cli(capsys) -> None:
    text = SEED.read_text(encoding="utf-8")
    rc, fc, err = _run(capsys, [str(SEED)])
    assert (rc, err) == (0, [])
    _check_features(fc, {SEED.name: text})
    surfaces = [f["properties"]["surface"] for f in _places(fc)]
    assert len(surfaces) >= 30
    for decoy in ("سكاي نيوز عربية", "الشروق العربي", "هاري ترمان", "تشارل ديغول"):
        assert not any(decoy in s or s in decoy for s in surfaces), decoy
    for f in _places(fc):
        assert f["properties"]["lang"] == "ar"


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [([], "give article files"), (["x.txt", "--date", "19th of November"], "is not a date")],
)
def test_usage_errors_exit_2(capsys, argv: list[str], fragment: str) -> None:
    assert main(argv) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert fragment in err


def test_date_option_dates_an_undated_article(tmp_path: Path, capsys) -> None:
    path = tmp_path / "nodate.txt"
    path.write_text("Coalition aircraft struck ten oil tankers near Mosul.\n", encoding="utf-8")
    rc, fc, err = _run(capsys, [str(path), "--date", "2016-10-17"])
    assert (rc, err) == (0, [])
    dated = [f["properties"]["date"] for f in fc["features"] if f["properties"]["kind"] == "event"]
    assert dated and all(d == "2016-10-17" for d in dated)
    rc, fc, err = _run(capsys, [str(path)])
    assert [f["properties"]["date"] for f in fc["features"] if f["properties"]["kind"] == "event"] == [None] * len(
        dated
    )


def test_indent_option_pretty_prints(tmp_path: Path, capsys) -> None:
    path = tmp_path / "a.txt"
    path.write_text(GOOD_EN, encoding="utf-8")
    assert main([str(path), "--indent", "2"]) == 0
    out, _ = capsys.readouterr()
    assert out.startswith("{\n  ")
    assert json.loads(out)["type"] == "FeatureCollection"


def test_the_cli_does_not_import_the_store() -> None:
    """`python -m extract` writes GeoJSON: it starts without SQLAlchemy and the store (~0.3 s of imports),
    which only `--engine dask` ingest and `python -m geodata` need."""
    import subprocess

    code = "import sys, extract.cli; print(sorted(m for m in ('sqlalchemy', 'geodata.store') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
