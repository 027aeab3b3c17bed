"""geodata/store/resolve.py: places the gazetteer lacked are stored as written, listed by their
normalised name with the features that name them, and placed at a gazetteer entry once it has them,
in one transaction; imported events and known places of the same name stay where they are. On SQLite and on
PostGIS (see conftest.py)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from geodata.records import EventRecord, MovementRecord, PlaceRecord, PlaceRef, Record
from geodata.store import Store
from geodata.store import resolve as resolve_mod
from geodata.store.filters import Filters
from tests.geodata.store.villages import (
    ARABIC_TEXT,
    HAJIN_AT,
    TEXT,
    UNIT,
    VILLAGE,
    VILLAGE_AT,
    arabic_records,
    bystanders,
    document,
    village_records,
)

NEW = PlaceRef(
    VILLAGE,
    *VILLAGE_AT,
    gazetteer_id="user:tell-xyzabad",
    name_ar="تل زيزاباد",
    country_code="SY",
    feature_type="village",
)


@pytest.fixture
def store(db_url: str) -> Store:
    with Store.open(db_url) as s:
        assert s.add_document(document(), village_records()) == "added"
        assert s.add_document(*bystanders()) == "added"
        yield s


def by_id(store: Store) -> dict[str, Record]:
    return {r.feature_id: r for r in store.query()}


def test_an_unresolved_place_is_stored_and_read_back_as_extracted(store: Store) -> None:
    stored = by_id(store)
    for r in village_records():  # as extracted, but for what the store fills in
        assert replace(stored[r.feature_id], doc=r.doc, source="", period=None) == r
    unresolved = [r for r in stored.values() if isinstance(r, PlaceRecord) and not r.resolved]
    assert [(p.surface, p.placed_at, p.geo_precision, p.place.gazetteer_id) for p in unresolved] == [
        (VILLAGE, UNIT, 2, "")
    ] * 2


def test_the_unresolved_names_are_listed_with_their_features_unit_and_evidence(store: Store) -> None:
    (u,) = store.unresolved()
    assert (u.name, u.spellings, u.placed_at, u.country_code, u.geo_precision) == (
        VILLAGE,
        (VILLAGE,),
        (UNIT,),
        "SY",
        2,
    )
    assert (u.lat, u.lon) == HAJIN_AT
    assert [m.kind for m in u.mentions] == ["place", "place", "event", "movement"]  # not the ACLED event
    assert u.count == 4 and u.documents == (document().doc_id,)
    for m in u.mentions:
        assert m.evidence in TEXT and m.mark is not None
        assert m.evidence[m.mark.start : m.mark.end] == VILLAGE  # the name, marked in its sentence


def test_spellings_that_normalise_alike_are_one_name(db_url: str) -> None:
    with Store.open(db_url) as s:
        s.add_document(document(ARABIC_TEXT, name="hajin-ar.txt", lang="ar"), arabic_records())
        (u,) = s.unresolved()
    assert u.count == 2
    assert set(u.spellings) == {"تل زيزاباد", "تلّ زيزاباد"}
    assert u.placed_at == ("ناحية هجين",)
    assert {m.evidence[m.mark.start : m.mark.end] for m in u.mentions if m.mark} == set(u.spellings)


def test_a_store_of_known_places_lists_nothing(db_url: str) -> None:
    with Store.open(db_url) as s:
        s.add_document(*bystanders())
        assert s.unresolved() == []


def test_resolving_moves_every_feature_that_named_it(store: Store) -> None:
    before = by_id(store)
    done = store.resolve(NEW, ["tell xyzabad"])  # compared normalised
    assert dict(done.updated) == {"place": 2, "event": 1, "movement": 1, "route": 0} and done.total == 4
    after = by_id(store)
    for r in village_records():
        new, old = after[r.feature_id], before[r.feature_id]
        if isinstance(new, PlaceRecord) and new.surface == VILLAGE:
            assert (new.resolved, new.geo_precision, new.placed_at) == (True, 1, "")
            assert (new.place.lat, new.place.lon, new.place.gazetteer_id) == (*VILLAGE_AT, "user:tell-xyzabad")
            assert new.place.span == old.place.span and new.surface == VILLAGE  # where the text names it stays
        elif isinstance(new, EventRecord):
            assert (new.geo_precision, new.place.gazetteer_id, new.place.name_ar) == (1, NEW.gazetteer_id, "تل زيزاباد")
            assert (new.place.lat, new.place.lon) == VILLAGE_AT
            assert (new.fatalities, new.actors, new.date, new.span) == (old.fatalities, old.actors, old.date, old.span)
        elif isinstance(new, MovementRecord):
            assert [(p.lat, p.lon) for p in new.waypoints] == [VILLAGE_AT, HAJIN_AT]  # only its vertex moved
            assert [p.span for p in new.waypoints] == [p.span for p in old.vertices]
        else:
            assert new == old  # Hajin itself
        assert new.feature_id == old.feature_id and new.period == old.period


def test_resolved_features_are_found_where_they_now_are(store: Store) -> None:
    box = (VILLAGE_AT[1] - 0.01, VILLAGE_AT[0] - 0.01, VILLAGE_AT[1] + 0.01, VILLAGE_AT[0] + 0.01)
    assert store.query(Filters(bbox=box)) == []
    store.resolve(NEW, [VILLAGE])
    assert sorted(r.kind for r in store.query(Filters(bbox=box))) == ["event", "movement", "place", "place"]
    assert len(store.query(Filters(bbox=box, countries=("SY",)))) == 4


def test_imported_events_and_known_places_of_that_name_stay(store: Store) -> None:
    _, others = bystanders()
    store.resolve(NEW, [VILLAGE])
    after = by_id(store)
    for r in others:
        assert after[r.feature_id].vertices == r.vertices


def test_after_resolving_the_name_is_no_longer_listed_and_again_changes_nothing(store: Store) -> None:
    assert store.revision() == 0
    store.resolve(NEW, [VILLAGE])
    assert store.unresolved() == [] and store.revision() == 1
    again = store.resolve(NEW, [VILLAGE])
    assert again.total == 0 and store.revision() == 1


@pytest.mark.parametrize("names", [["Tall Xyzabad"], [], [""], ["Hajin"]], ids=["other", "none", "empty", "known"])
def test_other_names_move_nothing(store: Store, names: list[str]) -> None:
    before = by_id(store)
    assert store.resolve(NEW, names).total == 0
    assert by_id(store) == before and store.revision() == 0


def test_the_arabic_name_of_the_entry_places_an_arabic_mention(db_url: str) -> None:
    with Store.open(db_url) as s:
        s.add_document(document(ARABIC_TEXT, name="hajin-ar.txt", lang="ar"), arabic_records())
        assert s.resolve(NEW, [NEW.name, NEW.name_ar]).updated["place"] == 2
        assert {(r.place.lat, r.place.lon) for r in s.query() if isinstance(r, PlaceRecord)} == {VILLAGE_AT}


def test_resolving_is_one_transaction(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    before = by_id(store)
    real, calls = resolve_mod.located_columns, []

    def fail_on_second(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("disk gone")
        return real(*args, **kwargs)

    monkeypatch.setattr(resolve_mod, "located_columns", fail_on_second)
    with pytest.raises(RuntimeError):
        store.resolve(NEW, [VILLAGE])
    assert by_id(store) == before and store.revision() == 0
    assert store.unresolved()[0].count == 4


def test_a_village_of_the_same_name_in_another_province_stays(store: Store) -> None:
    far = replace(NEW, lat=32.6, lon=36.1, gazetteer_id="user:tell-xyzabad-daraa")  # Daraa, ~500 km away
    done = store.resolve(far, [VILLAGE])
    assert done.total == 0
    abroad = replace(NEW, lat=36.2, lon=44.0, country_code="IQ", gazetteer_id="user:tell-xyzabad-iq")  # Erbil
    assert store.resolve(abroad, [VILLAGE]).total == 0
    assert store.resolve(NEW, [VILLAGE]).total == 4


def test_the_contents_key_changes_with_every_add_delete_and_resolution(store: Store) -> None:
    """`Store.contents`, what the dashboard's caches are keyed by: read from aggregates, it must still
    change whenever what is stored does (a resolution changes features in place: the revision tells)."""
    first = store.contents()
    assert first == store.contents()  # nothing changed
    url, n_docs, kinds, latest, revision = first
    assert url == store.url and n_docs == 2 and dict(kinds)["event"] >= 1 and latest and revision == 0
    store.resolve(NEW, [VILLAGE])
    resolved = store.contents()
    assert resolved[:4] == first[:4] and resolved[4] == 1
    assert store.add_document(document(ARABIC_TEXT, name="hajin-ar.txt", lang="ar"), arabic_records()) == "added"
    added = store.contents()
    assert added[1] == 3 and added != resolved
    assert store.delete_document(next(d.doc_id for d in store.documents() if d.name == "hajin-ar.txt"))
    assert store.contents()[1:3] == resolved[1:3]
