"""`python -m geodata unresolved [--resolve]`, and `gazetteer add|import` placing the stored features
that named the new place: one line per outcome, one line per error, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from geodata import gazetteer
from geodata.cli import main
from geodata.errors import StoreError
from geodata.gazetteer import compile_gazetteer
from geodata.gazetteer import user as user_gazetteer
from geodata.gazetteer.sources import GazEntry
from geodata.records import EventRecord, MovementRecord, PlaceRecord
from geodata.store import Store, resolve_url
from geodata.store.resolve_cli import describe_name, snippet
from tests.geodata.store.villages import (
    ARABIC_TEXT,
    UNIT,
    VILLAGE,
    VILLAGE_AT,
    arabic_records,
    bystanders,
    document,
    village_records,
)

LAT, LON = (str(v) for v in VILLAGE_AT)
ADD = ["gazetteer", "add", "--name", VILLAGE, "--lat", LAT, "--lon", LON, "--country", "SY", "--type", "village"]


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The analyst's gazetteer under tmp; no store unless a test makes one."""
    monkeypatch.setenv("KHAREETA_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("KHAREETA_DB", raising=False)
    return tmp_path / "home"


@pytest.fixture
def db(db_url: str) -> str:
    """A store (on SQLite, then on PostGIS: see conftest.py) with the village article and bystanders."""
    path = db_url
    with Store.open(path) as s:
        s.add_document(document(), village_records())
        s.add_document(*bystanders())
    return path


def placed(db: str) -> dict[tuple[str, int], tuple[float, float, str]]:
    """Where each stored place that the article named the village by is: (lat, lon, gazetteer id) by
    (feature id, vertex)."""
    named = {(r.feature_id, i) for r in village_records() for i, p in enumerate(r.vertices) if p.name == VILLAGE}
    with Store.open(db) as s:
        return {
            (r.feature_id, i): (p.lat, p.lon, p.gazetteer_id)
            for r in s.query()
            for i, p in enumerate(r.vertices)
            if (r.feature_id, i) in named
        }


def one_line_error(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.count("\n") == 1 and "Traceback" not in err, err
    return err


# --- listing ----------------------------------------------------------------------------------------------------


def test_unresolved_lists_each_name_with_its_count_unit_and_a_sentence(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", db, "unresolved"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split() == [
        "4",
        VILLAGE.split()[0],
        VILLAGE.split()[1],
        "(placed",
        "at",
        *UNIT.split(),
        "(SY);",
        "1",
        "document)",
    ]
    assert "Gunmen attacked the village of Tell Xyzabad in Hajin subdistrict" in out[1]
    assert out[1].strip().endswith(f"[{document().doc_id}]")
    assert out[-1].startswith("add one: python -m geodata gazetteer add --name NAME")


def test_unresolved_on_a_store_without_them_says_so(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    with Store.open(db_url) as s:
        s.add_document(*bystanders())
    assert main(["--db", db_url, "unresolved"]) == 0
    assert capsys.readouterr().out.startswith("no unresolved names")


def test_limit_lists_the_most_named_and_says_how_many_more(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    with Store.open(db) as s:
        s.add_document(document(ARABIC_TEXT, name="hajin-ar.txt", lang="ar"), arabic_records())
    assert main(["--db", db, "unresolved", "--limit", "1"]) == 0
    out = capsys.readouterr().out
    assert VILLAGE in out and "تل زيزاباد" not in out
    assert "... and 1 more (--limit 0 lists all)" in out
    assert main(["--db", db, "unresolved", "--limit", "0"]) == 0
    assert "تل" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["unresolved", "--limit", "-1"], "--limit -1 is below 0"),
        (["--db", "{bad}", "unresolved"], "cannot open the store"),
    ],
    ids=["negative-limit", "not-a-database"],
)
def test_bad_input_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    bad = tmp_path / "not-a-store.sqlite"
    bad.write_bytes(b"this is not a database, just text" * 100)
    assert main([a.replace("{bad}", str(bad)) for a in argv]) == 1
    assert message in one_line_error(capsys)


def test_a_long_sentence_is_cut_around_the_name() -> None:
    long = "Word " * 60 + "fighters entered Tell Xyzabad at dawn" + " word" * 60
    cut = snippet(long, VILLAGE, width=80)
    assert VILLAGE in cut and cut.startswith("…") and cut.endswith("…") and len(cut) == 82
    assert snippet("Short, in Tell Xyzabad.", VILLAGE) == "Short, in Tell Xyzabad."


def test_a_name_is_described_in_two_lines(db: str) -> None:
    with Store.open(db) as s:
        (u,) = s.unresolved()
    head, sentence = describe_name(u).split("\n")
    assert head.strip().startswith(f"4  {VILLAGE}") and UNIT in head
    assert sentence.strip().startswith("“DEIR EZ-ZOR")


# --- gazetteer add / import: the stored features that named it are placed there -------------------------------


def test_adding_the_place_places_every_feature_that_named_it(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert len(placed(db)) == 4
    assert set(placed(db).values()) == {(34.69, 40.83, "")}
    assert main(["--db", db, *ADD]) == 0
    out = capsys.readouterr().out
    assert "added user:tell-xyzabad 'Tell Xyzabad'" in out
    assert (
        "placed 4 stored feature(s) that named Tell Xyzabad at user:tell-xyzabad (2 places, 1 event, 1 movement)" in out
    )
    assert set(placed(db).values()) == {(*VILLAGE_AT, "user:tell-xyzabad")}
    with Store.open(db) as s:
        assert s.unresolved() == []
        records = [r for r in s.query() if r.doc == document().doc_id]
    assert {
        r.geo_precision for r in records if isinstance(r, (PlaceRecord, EventRecord)) and r.place.name == VILLAGE
    } == {1}
    assert all(r.resolved for r in records if isinstance(r, PlaceRecord))
    (journey,) = (r for r in records if isinstance(r, MovementRecord))
    assert journey.waypoints[1].name == "Hajin" and journey.waypoints[1].gazetteer_id == "geonames:169389"


def test_adding_an_alias_to_a_known_place_places_them_there(
    db: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    hajin = GazEntry("geonames:169389", "Hajin", "هجين", "town", "SY", 34.69, 40.83, 30000, ("Hajin",), "geonames")
    monkeypatch.setattr(gazetteer, "get", lambda: compile_gazetteer([hajin], []))
    assert main(["--db", db, "gazetteer", "add", "--alias", VILLAGE, "--to", "geonames:169389"]) == 0
    assert "placed 4 stored feature(s) that named Tell Xyzabad at geonames:169389" in capsys.readouterr().out
    assert set(placed(db).values()) == {(34.69, 40.83, "geonames:169389")}


def test_importing_places_places_them_too(db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    csv_file = tmp_path / "villages.csv"
    csv_file.write_text(f"name,name_ar,feature_type,country_code,lat,lon\n{VILLAGE},,village,SY,{LAT},{LON}\n")
    assert main(["--db", db, "gazetteer", "import", str(csv_file)]) == 0
    assert "placed 4 stored feature(s)" in capsys.readouterr().out
    assert set(placed(db).values()) == {(*VILLAGE_AT, "user:tell-xyzabad")}


def test_another_place_moves_nothing(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    before = placed(db)
    assert main(["--db", db, "gazetteer", "add", "--name", "Tall Abyadiyya", "--lat", "36", "--lon", "39"]) == 0
    assert "placed" not in capsys.readouterr().out
    assert placed(db) == before


def test_adding_a_place_without_a_store_creates_none(tmp_path: Path, home: Path) -> None:
    assert main(ADD) == 0  # KHAREETA_HOME's store does not exist
    assert not (home / "khareeta.sqlite").exists()
    assert not any(tmp_path.glob("*.sqlite"))


def test_a_store_that_fails_says_the_place_was_added_and_how_to_retry(
    db: str, home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def locked(*_args, **_kw):
        raise StoreError("the store sqlite:///k.sqlite cannot be written: database is locked.")

    monkeypatch.setattr(Store, "resolve", locked)
    assert main(["--db", db, *ADD]) == 1
    err = one_line_error(capsys)
    assert "the gazetteer has the new name(s), but the stored features were not placed there" in err
    assert "database is locked" in err and "python -m geodata unresolved --resolve" in err
    monkeypatch.undo()
    monkeypatch.setenv("KHAREETA_HOME", str(home))  # (undone with the rest)
    assert main(["--db", db, "unresolved", "--resolve"]) == 0  # the retry
    out = capsys.readouterr().out
    assert "placed 4 stored feature(s) at places of your gazetteer" in out
    assert "no unresolved names" in out
    assert set(placed(db).values()) == {(*VILLAGE_AT, "user:tell-xyzabad")}


def test_resolve_places_names_added_by_hand_and_leaves_the_rest(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    with Store.open(db) as s:
        s.add_document(document(ARABIC_TEXT, name="hajin-ar.txt", lang="ar"), arabic_records())
    user_gazetteer.add_place(name=VILLAGE, lat=LAT, lon=LON, country_code="SY")  # as if by hand: no hook ran
    assert main(["--db", db, "unresolved", "--resolve"]) == 0
    out = capsys.readouterr().out
    assert "placed 4 stored feature(s) at places of your gazetteer" in out
    assert "تل زيزاباد" in out and f"  {VILLAGE}  " not in out  # the Arabic name is still listed
    assert main(["--db", db, "unresolved", "--resolve"]) == 0
    assert "placed 0 stored feature(s)" in capsys.readouterr().out


def test_the_store_is_changed_only_where_it_named_the_place(db: str) -> None:
    def rows() -> dict[str, list]:
        engine = sa.create_engine(resolve_url(db), poolclass=sa.pool.NullPool)
        try:
            with engine.connect() as con:
                return {
                    t: con.execute(
                        sa.text(f"SELECT * FROM {t} WHERE doc_id != :doc ORDER BY id"), {"doc": document().doc_id}
                    ).all()
                    for t in ("places", "events", "movements", "routes")
                }
        finally:
            engine.dispose()

    before = rows()
    assert main(["--db", db, *ADD]) == 0
    assert rows() == before  # the ACLED import and the known place of that name are untouched


def test_an_arabic_village_end_to_end_through_the_extractor(
    tmp_path: Path, gaz: gazetteer.Gazetteer, capsys: pytest.CaptureFixture[str], new_db
) -> None:
    """extract -> store -> `unresolved` lists it -> `gazetteer add` places what the extractor made of it."""
    from extract.ingest import ingest_paths

    article = tmp_path / "ar.txt"
    article.write_text("هاجم مسلحون قرية تل زيزاباد بريف دير الزور الشرقي، وقتلوا اثنين.", encoding="utf-8")
    db = new_db("ar")
    with Store.open(db) as s:
        assert not ingest_paths([article], s, gaz=gaz, default_date="2017-09-04").failed
    assert main(["--db", db, "unresolved"]) == 0
    listed = capsys.readouterr().out
    assert "تل زيزاباد" in listed and "placed at" in listed and "هاجم مسلحون" in listed
    add = ["gazetteer", "add", "--name-ar", "تل زيزاباد", "--lat", LAT, "--lon", LON, "--country", "SY"]
    assert main(["--db", db, *add]) == 0
    assert "placed" in capsys.readouterr().out
    with Store.open(db) as s:
        assert s.unresolved() == []
        named = [p for r in s.query() for p in r.vertices if p.gazetteer_id.startswith("user:")]
    assert named and {(p.lat, p.lon) for p in named} == {VILLAGE_AT}
