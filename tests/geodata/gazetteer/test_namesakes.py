"""Adding what the gazetteer has, and undoing an addition (geodata/gazetteer/namesakes.py, removal.py,
`gazetteer add --force | remove | mine`): a place of one of the new place's names within 10 km is refused
unless forced; an analyst's place or alias can be removed, a source's cannot; curated ids that named
another place are renamed and aliases given under the old id follow; a name of three letters with a doubled
one ("Foo") is long enough."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from extract.inputs import RawArticle
from extract.pipeline import try_extract
from geodata import gazetteer, settings
from geodata.cli import main
from geodata.errors import GazetteerError
from geodata.gazetteer import Gazetteer, compile_gazetteer, written_long_enough
from geodata.gazetteer import user as user_gazetteer
from geodata.gazetteer.namesakes import NamesakeError, near_namesakes
from geodata.gazetteer.removal import remove_aliases, remove_place
from geodata.gazetteer.sources import GazEntry, read_user_aliases, renamed_ids

KHANASOR = {"name": "Khanasor", "feature_type": "village", "country_code": "IQ", "lat": 36.52, "lon": 41.63}


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, gaz: Gazetteer) -> Path:
    """Own files under a temporary KHAREETA_HOME; `gazetteer.get()` is the session's real gazetteer."""
    monkeypatch.setenv("KHAREETA_HOME", str(tmp_path))
    monkeypatch.setattr(gazetteer, "get", lambda: gaz)
    return tmp_path


def own_rows(name: str) -> list[dict[str, str]]:
    path = settings.user_gazetteer_dir() / name
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


# --- a namesake within 10 km ------------------------------------------------------------------------------------


def test_the_curated_khanasor_is_found_near_the_readme_coordinates(gaz: Gazetteer) -> None:
    new = GazEntry("user:x", "Khanasor", "", "village", "IQ", 36.52, 41.63, 0, ("Khanasor",), "user")
    [near] = near_namesakes(new, gaz)
    assert near.entry.gid == "khareeta:iq-town-khanasor" and 5 < near.km < 6.5


@pytest.mark.parametrize("names", [{"name": "Khanasor"}, {"name": "", "name_ar": "خانصور"}, {"name": "Khanasour"}])
def test_a_place_the_gazetteer_has_nearby_is_refused_unless_forced(gaz: Gazetteer, names: dict[str, str]) -> None:
    values = {**KHANASOR, **names}
    with pytest.raises(NamesakeError) as exc:
        user_gazetteer.add_place(**values, gaz=gaz)
    message = str(exc.value)
    assert "khareeta:iq-town-khanasor" in message and "within 10 km" in message and "--force" in message
    assert "--alias NAME --to khareeta:iq-town-khanasor" in message and "\n" not in message
    assert own_rows("places.csv") == []  # nothing written
    added = user_gazetteer.add_place(**values, gaz=gaz, force=True)
    assert [r["id"] for r in own_rows("places.csv")] == [added.gid.removeprefix("user:")]


def test_a_namesake_farther_than_10_km_is_no_reason_to_refuse(gaz: Gazetteer) -> None:
    added = user_gazetteer.add_place(**{**KHANASOR, "lat": 36.0, "lon": 42.5}, gaz=gaz)  # ~90 km away
    assert added.name == "Khanasor"


def test_the_cli_refuses_in_one_line_and_adds_with_force(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["gazetteer", "add", "--name", "Khanasor", "--name-ar", "خانصور", "--type", "village", "--country", "IQ"]
    argv += ["--lat", "36.52", "--lon", "41.63"]
    assert main(argv) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: place 'Khanasor': 'Khanasor' is already in the gazetteer") and "\n" not in err
    assert main([*argv, "--force"]) == 0
    assert "added user:khanasor 'Khanasor'" in capsys.readouterr().out
    assert main(["gazetteer", "add", "--alias", "Xanasor", "--to", "user:khanasor", "--force"]) == 1
    assert "--force adds a new place" in capsys.readouterr().err


# --- remove what was added ----------------------------------------------------------------------------------------


def test_remove_takes_out_a_place_and_the_aliases_given_to_it(gaz: Gazetteer) -> None:
    kept = user_gazetteer.add_place(name="Tell Qadimabad", country_code="SY", lat=34.7, lon=40.7, gaz=gaz)
    gone = user_gazetteer.add_place(name="Tell Jadidabad", country_code="SY", lat=34.8, lon=40.8, gaz=gaz)
    user_gazetteer.add_aliases("geonames:448149", ["Shingal City"], gaz=gaz)
    with open(settings.user_gazetteer_dir() / "aliases.csv", "a", encoding="utf-8") as fh:
        fh.write(f"{gone.gid},Jadidabad Tell\n")  # as `add --alias ... --to` would write it once the place is built
    removed = remove_place(gone.gid)
    assert (removed.place, removed.aliases) == ("Tell Jadidabad", ("Jadidabad Tell",))
    assert [r["name"] for r in own_rows("places.csv")] == [kept.name]
    assert [r["alias"] for r in own_rows("aliases.csv")] == ["Shingal City"]
    with pytest.raises(GazetteerError, match="no place of yours has the id 'user:tell-jadidabad'"):
        remove_place(gone.gid)


def test_remove_only_an_alias_and_never_a_source_place(gaz: Gazetteer) -> None:
    user_gazetteer.add_aliases("geonames:448149", ["Shingal City", "Old Shingal Quarter"], gaz=gaz)
    assert remove_aliases("geonames:448149", ["old shingal quarter"]).aliases == ("Old Shingal Quarter",)
    assert [r["alias"] for r in own_rows("aliases.csv")] == ["Shingal City"]
    with pytest.raises(GazetteerError, match=r"'Sinjar' is not an alias you added to geonames:448149 \(your aliases"):
        remove_aliases("geonames:448149", ["Sinjar"])
    with pytest.raises(GazetteerError, match=r"not a place you added .* cannot be removed"):
        remove_place("geonames:448149")


def test_the_cli_lists_what_is_yours_and_removes_it(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["gazetteer", "mine"]) == 0
    assert "you have added no places or aliases" in capsys.readouterr().out
    assert (
        main(["gazetteer", "add", "--name", "Tell Qadimabad", "--country", "SY", "--lat", "34.7", "--lon", "40.7"]) == 0
    )
    assert main(["gazetteer", "add", "--alias", "Shingal City", "--to", "geonames:448149"]) == 0
    capsys.readouterr()
    assert main(["gazetteer", "mine"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "user:tell-qadimabad\tTell Qadimabad\t\tSY\t34.7\t40.7",
        "geonames:448149\talias 'Shingal City'",
    ]
    assert main(["gazetteer", "remove", "user:tell-qadimabad"]) == 0
    assert main(["gazetteer", "remove", "geonames:448149", "--alias", "Shingal City"]) == 0
    out = capsys.readouterr().out
    assert "removed user:tell-qadimabad 'Tell Qadimabad'" in out and "removed 'Shingal City' of geonames:448149" in out
    assert own_rows("places.csv") == [] and own_rows("aliases.csv") == []
    assert main(["gazetteer", "remove", "khareeta:iq-town-khanasor"]) == 1
    assert "cannot be removed" in capsys.readouterr().err


# --- misnamed curated ids ----------------------------------------------------------------------------------------


def test_renamed_ids_are_gone_from_the_curated_file_and_their_new_ids_name_the_place(gaz: Gazetteer) -> None:
    gids = set(gaz.entries.columns[0])
    renamed = renamed_ids()
    assert "khareeta:iq-town-sinjar-sinune" in renamed
    for old, new in renamed.items():
        assert old not in gids and new in gids
    [khanasor] = [e for e in gaz.candidates("Khanasor") if e.gid.startswith("khareeta:")]
    assert khanasor.gid == "khareeta:iq-town-khanasor"


def test_an_alias_given_under_an_old_id_goes_to_the_new_one(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["gazetteer", "add", "--alias", "Khana Sor", "--to", "khareeta:iq-town-sinjar-sinune"]) == 0
    out = capsys.readouterr().out
    assert "note: khareeta:iq-town-sinjar-sinune is now called khareeta:iq-town-khanasor" in out
    path = home / "gazetteer" / "aliases.csv"
    assert own_rows("aliases.csv") == [{"gazetteer_id": "khareeta:iq-town-khanasor", "alias": "Khana Sor"}]
    with path.open("a", encoding="utf-8") as fh:  # written by an older version
        fh.write("khareeta:iq-town-sinjar-sinune,Xanasor\n")
    assert read_user_aliases(path) == {"khareeta:iq-town-khanasor": ["Khana Sor", "Xanasor"]}


# --- a name of three letters, one doubled --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "ok"), [("Foo", True), ("Tall", True), ("Fo", False), ("F-o", False), ("Aa", False), ("فو", False)]
)
def test_a_name_is_long_enough_as_written(name: str, ok: bool) -> None:
    assert user_gazetteer.matchable(name) is ok


def test_an_alias_of_three_letters_with_a_doubled_one_is_added_and_found(gaz: Gazetteer) -> None:
    assert user_gazetteer.add_aliases("geonames:448149", ["Foo"], gaz=gaz) == ("Foo",)
    sinjar = next(e for e in gaz.candidates("Sinjar") if e.gid == "geonames:448149")
    own = GazEntry(*[getattr(sinjar, f) for f in GazEntry.__slots__][:8], (*sinjar.names, "Foo"), sinjar.source)
    small = compile_gazetteer([own], [], own={"Foo"})
    assert [e.gid for e in small.candidates("Foo")] == ["geonames:448149"]
    ex = try_extract(RawArticle("a", "Clashes were reported in Foo on Monday.\n"), gaz=small)
    assert not isinstance(ex, Exception) and [p.surface for p in ex.places] == ["Foo"]


def test_a_source_name_one_letter_short_is_still_not_indexed() -> None:
    ibb = GazEntry("geonames:1", "Ibb", "", "city", "YE", 13.97, 44.18, 771514, ("Ibb",), "geonames")
    assert compile_gazetteer([ibb], []).candidates("Ibb") == []  # "ib" would be read in any text
    assert written_long_enough("Ibb", "ib") and not written_long_enough("Ib", "ib")
