"""The map's records, popups and rows caught up with a review in place equal those made again from the
store (`dashboard.live`): the dashboard need not read and make 100,000 features again after a review."""

from __future__ import annotations

from pathlib import Path

from dashboard.live import Live, MapRows, Popups
from dashboard.payload import map_payload, popup_pages, row_index
from geodata.records import REVIEW_STATUSES
from geodata.store import Store
from geodata.store.filters import Filters
from tests.geodata.store.reviewed import KIRKUK, first_doc, first_records, ids, second_doc, second_records

FIRST, SECOND = ids(first_records()), ids(second_records())
EVERY = Filters(review=REVIEW_STATUSES)


def test_records_popups_and_rows_caught_up_equal_those_made_again(tmp_path: Path) -> None:
    with Store.open(tmp_path / "k.sqlite") as s:
        s.add_document(first_doc(), first_records())
        s.add_document(second_doc(), second_records())
        live = Live({r.feature_id: r for r in s.query(EVERY)}, s.last_change())
        numbers, pages = popup_pages(live.records.values(), chunk=1)
        published: list[tuple[str, object]] = []

        def publish(value: object, prefix: str) -> str:
            published.append((prefix, value))
            return f"{prefix}{len(published)}"

        popups = Popups(numbers, [list(p) for p in pages], [f"page{i}" for i in range(len(pages))], live.change)
        payload = map_payload(live.records.values(), popups=numbers)
        rows = MapRows(payload, row_index(payload), "rows0", live.change)

        place = {"name": "Kirkuk", "lat": KIRKUK.lat, "lon": KIRKUK.lon, "gazetteer_id": KIRKUK.gazetteer_id}
        s.correct(FIRST["event"], {"location": place, "actor1": "Iraqi army"}, who="amal")
        s.reject(FIRST["route"], who="amal", reason="no road")
        s.merge(FIRST["event"], [SECOND["event"]], who="amal")
        live.catch_up(s, s.last_change())
        popups.catch_up(live, publish)
        rows.catch_up(live, popups.numbers, publish)

        again = {r.feature_id: r for r in s.query(EVERY)}
        assert live.records == again and [r.review for r in live.records.values()] == [r.review for r in again.values()]
        assert popups.pages == [list(p) for p in popup_pages(again.values(), chunk=1)[1]]
        assert any("Corrected by amal" in html for page in popups.pages for html in page)
        fresh = map_payload(again.values(), popups=popups.numbers)
        assert _named(rows.payload) == _named(fresh)
        assert rows.url.startswith("map-") and {p for p, _ in published} == {"popups-", "map-"}
        untouched = [u for u in popups.urls if u.startswith("page")]
        assert untouched  # a page without a reviewed feature is not published again


def _named(payload: dict) -> dict:
    """A payload with its actors' indexes (which depend on the order names were met) as the names."""
    names = payload["names"]

    def name(i: int) -> str | None:
        return names[i] if i >= 0 else None

    out = {k: v for k, v in payload.items() if k != "names"}
    out["events"] = [[*r[:8], name(r[8]), name(r[9]), *r[10:]] for r in payload["events"]]
    out["movements"] = [{**m, "a": name(m["a"])} for m in payload["movements"]]
    return out


def test_nothing_to_catch_up_publishes_nothing(tmp_path: Path) -> None:
    with Store.open(tmp_path / "k.sqlite") as s:
        s.add_document(first_doc(), first_records())
        live = Live({r.feature_id: r for r in s.query(EVERY)}, s.last_change())
        live.catch_up(s, s.last_change())
        popups = Popups({}, [], [], live.change)
        popups.catch_up(live, lambda v, p: (_ for _ in ()).throw(AssertionError("published")))
        assert live.touched == {}
