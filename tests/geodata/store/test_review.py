"""Reviews in the store, on SQLite and on PostGIS: each action, its history rows, undo, merge, the
correction layer outliving re-extraction, concurrent edits, and what the filters and exports leave out."""

from __future__ import annotations

import json
import threading
from dataclasses import replace
from pathlib import Path

import pytest

from geodata.errors import InputError
from geodata.formats.export import export
from geodata.records import ActorRef
from geodata.store import Store
from geodata.store.filters import Filters
from geodata.store.review import ReviewConflictError
from tests.geodata.store.reviewed import (
    DAQUQ,
    KIRKUK,
    first_doc,
    first_records,
    ids,
    second_doc,
    second_records,
)

FIRST, SECOND = ids(first_records()), ids(second_records())
KIRKUK_PLACE = {"name": "Kirkuk", "lat": KIRKUK.lat, "lon": KIRKUK.lon, "gazetteer_id": KIRKUK.gazetteer_id}


@pytest.fixture
def store(db_url: str) -> Store:
    s = Store.open(db_url)
    s.add_document(first_doc(), first_records())
    s.add_document(second_doc(), second_records())
    return s


def test_accept_records_status_who_and_a_history_row(store: Store) -> None:
    r = store.accept(FIRST["event"], who="amal", note="checked against the agency's photo")
    assert r.review is not None and (r.review.status, r.review.by, r.review.version) == ("accepted", "amal", 1)
    [change] = store.history(FIRST["event"])
    assert (change.action, change.field, change.old, change.new) == ("accept", "review_status", None, "accepted")
    assert change.note == "checked against the agency's photo" and change.who == "amal"


def test_correct_an_actor_takes_the_id_the_store_knows(store: Store) -> None:
    r = store.correct(FIRST["event"], {"actor1": "islamic state", "fatalities": 13}, who="amal")
    assert r.actor1 == ActorRef("Islamic State", "isis", "jihadist")
    assert r.fatalities == 13 and r.review is not None and r.review.status == "corrected"
    fields = {c.field: (c.old, c.new) for c in store.history(FIRST["event"])}
    assert fields["fatalities"] == (12, 13) and fields["actor1"][0] is None
    assert store.query_ids(Filters(actors=("Islamic State",), kinds=("event",))) == [FIRST["event"], SECOND["event"]]


def test_a_new_actor_name_is_kept_as_typed(store: Store) -> None:
    r = store.correct(FIRST["movement"], {"actor": "Hashd al-Shaabi brigade 30"}, who="amal")
    assert r.actor == ActorRef("Hashd al-Shaabi brigade 30")


def test_correcting_the_location_moves_the_feature_for_box_queries(store: Store) -> None:
    r = store.correct(FIRST["event"], {"location": KIRKUK_PLACE, "geo_precision": 1}, who="amal")
    assert (r.place.name, round(r.place.lat, 4), r.geo_precision) == ("Kirkuk", round(KIRKUK.lat, 4), 1)
    assert r.place.span == first_records()[1].place.span  # where the text names it is kept
    assert FIRST["event"] in store.query_ids(Filters(bbox=(44.3, 35.4, 44.5, 35.5)))
    assert FIRST["event"] not in store.query_ids(Filters(bbox=(44.6, 34.8, 44.7, 34.9)))


def test_correcting_a_date_moves_the_feature_in_time(store: Store) -> None:
    store.correct(FIRST["event"], {"date": "2016-04-20", "date_precision": "week"}, who="amal")
    r = store.feature(FIRST["event"])
    assert (
        r is not None
        and r.date is not None
        and (r.date.start.isoformat(), r.date.end.isoformat())
        == (
            "2016-04-20",
            "2016-04-26",
        )
    )
    assert FIRST["event"] in store.query_ids(Filters(date_from="2016-04-21", date_to="2016-04-21"))


def test_journey_waypoints_and_road_controller_are_corrected(store: Store) -> None:
    back = [
        {"name": DAQUQ.name, "lat": DAQUQ.lat, "lon": DAQUQ.lon},
        {"name": KIRKUK.name, "lat": KIRKUK.lat, "lon": KIRKUK.lon},
    ]
    m = store.correct(FIRST["movement"], {"waypoints": back}, who="amal")
    assert [p.name for p in m.waypoints] == ["Daquq", "Kirkuk"]
    road = store.correct(FIRST["route"], {"controlled_by": "Iraqi army", "status": "contested"}, who="amal")
    assert road.controlled_by is not None and road.controlled_by.name == "Iraqi army" and road.status == "contested"


@pytest.mark.parametrize(
    ("values", "says"),
    [
        ({"fatalities": -2}, "0 or more"),
        ({"date": "last monday"}, "YYYY-MM-DD"),
        ({"location": {"name": "X", "lat": 95, "lon": 44}}, "not a position"),
        ({"waypoints": [{"name": "Kirkuk", "lat": 35.4, "lon": 44.3}]}, "two waypoints"),
        ({"colour": "red"}, "cannot be corrected"),
        ({}, "at least one field"),
    ],
)
def test_a_bad_correction_is_refused_and_changes_nothing(store: Store, values: dict, says: str) -> None:
    fid = FIRST["movement"] if "waypoints" in values else FIRST["event"]
    before = store.feature(fid)
    with pytest.raises(InputError, match=says):
        store.correct(fid, values, who="amal")
    assert store.history() == [] and store.feature(fid) == before


def test_reject_needs_a_reason_and_hides_the_feature_unless_asked(store: Store, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="why"):
        store.reject(FIRST["route"], who="amal", reason=" ")
    store.reject(FIRST["route"], who="amal", reason="not about a road")
    assert FIRST["route"] not in store.query_ids()
    assert store.query_ids(Filters(review=("rejected",))) == [FIRST["route"]]
    out = tmp_path / "all.geojson"
    export(store.query(), out)
    props = [f["properties"] for f in json.loads(out.read_text())["features"]]
    assert FIRST["route"] not in {p["id"] for p in props}
    assert {p["review_status"] for p in props} == {"unreviewed"}  # every exported feature says it
    export(store.query(Filters(review=("rejected",))), out)
    [rejected] = [f["properties"] for f in json.loads(out.read_text())["features"]]
    assert (rejected["review_status"], rejected["reviewed_by"], rejected["review_reason"]) == (
        "rejected",
        "amal",
        "not about a road",
    )


def test_undo_gives_back_the_extraction_exactly(store: Store) -> None:
    before = store.feature(FIRST["event"])
    store.correct(FIRST["event"], {"location": KIRKUK_PLACE, "fatalities": 3}, who="amal")
    store.accept(FIRST["event"], who="lina")
    store.undo(FIRST["event"], who="amal")  # the accept
    r = store.undo(FIRST["event"], who="amal")  # the correction
    assert r == before and r.review is not None and (r.review.status, r.review.version) == ("unreviewed", 4)
    assert [c.action for c in store.history(FIRST["event"])][-2:] == ["undo", "undo"]
    assert store.query_ids(Filters(review=("unreviewed",), kinds=("event",))) == [FIRST["event"], SECOND["event"]]
    with pytest.raises(InputError, match="no change to undo"):
        store.undo(FIRST["event"], who="amal")


def test_merge_lists_every_source_hides_the_duplicate_and_undoes_in_one(store: Store, tmp_path: Path) -> None:
    [pair] = store.duplicates()
    assert {pair.first, pair.second} == {FIRST["event"], SECOND["event"]} and pair.km < 1 and pair.days == 0
    kept = store.merge(FIRST["event"], [SECOND["event"]], who="amal")
    assert kept.review is not None and [s.source for s in kept.review.sources] == ["Wire A", "Wire B"]
    assert store.query_ids(Filters(kinds=("event",))) == [FIRST["event"]] and store.duplicates() == []
    out = tmp_path / "events.csv"
    export(store.query(Filters(kinds=("event",))), out)
    assert "Wire A; Wire B" in out.read_text(encoding="utf-8-sig")  # ACLED joins its sources so
    store.undo(SECOND["event"], who="amal")  # from either side: the merge was one change
    assert sorted(store.query_ids(Filters(kinds=("event",)))) == sorted([FIRST["event"], SECOND["event"]])
    after = store.feature(FIRST["event"])
    assert (
        after is not None
        and after.review is not None
        and (after.review.status, after.review.sources)
        == (
            "unreviewed",
            (),
        )
    )


def test_merging_a_movement_or_an_event_already_merged_is_refused(store: Store) -> None:
    with pytest.raises(InputError, match="only events"):
        store.merge(FIRST["event"], [FIRST["movement"]], who="amal")
    store.merge(FIRST["event"], [SECOND["event"]], who="amal")
    with pytest.raises(InputError, match="already merged"):
        store.merge(SECOND["event"], [FIRST["event"]], who="amal")


def test_reingesting_keeps_corrections_and_takes_the_new_extraction_elsewhere(store: Store) -> None:
    store.correct(FIRST["event"], {"actor1": "Islamic State"}, who="amal")
    store.reject(FIRST["route"], who="amal", reason="no road")
    upgraded = [replace(r, confidence=0.9) if r.kind == "event" else r for r in first_records()]  # a new extractor
    assert store.add_document(first_doc(), upgraded, replace=True) == "replaced"
    r = store.feature(FIRST["event"])
    assert r is not None and r.actor1 is not None and r.actor1.name == "Islamic State" and r.confidence == 0.9
    assert r.review is not None and r.review.status == "corrected"
    assert FIRST["route"] not in store.query_ids()  # still rejected
    assert store.orphans() == []


def test_a_correction_whose_feature_disappeared_is_listed_not_lost(store: Store) -> None:
    store.correct(FIRST["movement"], {"count": 40}, who="amal")
    store.add_document(first_doc(), [r for r in first_records() if r.kind != "movement"], replace=True)
    [orphan] = store.orphans()
    assert (orphan.feature_id, orphan.status, orphan.corrections) == (FIRST["movement"], "corrected", {"count": 40})
    store.add_document(first_doc(), first_records(), replace=True)  # extracted again with it: it comes back
    assert store.orphans() == [] and store.feature(FIRST["movement"]).count == 40  # type: ignore[union-attr]


def test_a_second_save_on_an_old_version_is_refused_with_the_feature_as_it_is(store: Store) -> None:
    seen = 0  # both analysts opened the feature unreviewed
    store.correct(FIRST["event"], {"fatalities": 14}, who="lina", expected=seen)
    with pytest.raises(ReviewConflictError, match="changed by lina") as caught:
        store.correct(FIRST["event"], {"fatalities": 11}, who="amal", expected=seen)
    assert caught.value.current is not None and caught.value.current.fatalities == 14
    assert store.feature(FIRST["event"]).fatalities == 14  # type: ignore[union-attr]
    store.correct(FIRST["event"], {"fatalities": 11}, who="amal", expected=1)  # after seeing lina's change
    assert store.feature(FIRST["event"]).fatalities == 11  # type: ignore[union-attr]


def test_reviews_survive_reopening_and_need_a_name(db_url: str) -> None:
    with Store.open(db_url) as s:
        s.add_document(first_doc(), first_records())
        with pytest.raises(InputError, match="who"):
            s.accept(FIRST["place"], who="")
        s.accept(FIRST["place"], who="amal")
    with Store.open(db_url) as s:
        assert s.feature(FIRST["place"]).review.status == "accepted"  # type: ignore[union-attr]
        assert len(s.history()) == 1
    with pytest.raises(InputError, match="no stored feature"):
        Store.open(db_url).accept("nope", who="amal")


@pytest.mark.parametrize("first_review", [True, False], ids=["unreviewed", "reviewed"])
def test_two_analysts_saving_at_once_one_wins_the_other_is_told(db_url: str, first_review: bool) -> None:
    """Two processes' worth of connections, one feature, saved at the same moment on the same version."""
    with Store.open(db_url) as s:
        s.add_document(first_doc(), first_records())
        seen = s.accept(FIRST["event"], who="amal").review.version if not first_review else 0  # type: ignore[union-attr]
    stores = [Store.open(db_url), Store.open(db_url)]
    start = threading.Barrier(2)
    results: list[object] = [None, None]

    def save(i: int) -> None:
        start.wait()
        try:
            results[i] = stores[i].correct(FIRST["event"], {"fatalities": 20 + i}, who=f"analyst{i}", expected=seen)
        except ReviewConflictError as exc:
            results[i] = exc

    threads = [threading.Thread(target=save, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    for s in stores:
        s.close()
    conflicts = [r for r in results if isinstance(r, ReviewConflictError)]
    saved = [r for r in results if not isinstance(r, ReviewConflictError)]
    assert len(conflicts) == 1 and len(saved) == 1, results
    with Store.open(db_url) as s:
        assert s.feature(FIRST["event"]).fatalities == saved[0].fatalities  # type: ignore[union-attr]
        assert [c.new for c in s.history(FIRST["event"]) if c.field == "fatalities"] == [saved[0].fatalities]  # type: ignore[union-attr]


def test_a_rejected_feature_accepted_or_corrected_is_back_without_its_reason(store: Store) -> None:
    store.reject(FIRST["event"], who="amal", reason="not an event")
    r = store.accept(FIRST["event"], who="lina")
    assert r.review is not None and (r.review.status, r.review.reason) == ("accepted", "")
    store.reject(FIRST["event"], who="amal", reason="not an event")
    r = store.correct(FIRST["event"], {"fatalities": 2}, who="lina")
    assert r.review is not None and (r.review.status, r.review.reason) == ("corrected", "")
    assert FIRST["event"] in store.query_ids()
    store.undo(FIRST["event"], who="lina")  # the correction: rejected again, with its reason
    r = store.feature(FIRST["event"])
    assert r is not None and r.review is not None and (r.review.status, r.review.reason) == ("rejected", "not an event")
