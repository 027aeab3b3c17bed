"""geodata/formats/geojson.py: the GeoJSON contract. What `record_to_feature` writes
for each kind, and `feature_to_record` reading it back, refusing what does not fit
with a ValueError that says what is wrong."""

from __future__ import annotations

import copy
from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from geodata.formats.geojson import feature_to_record, record_to_feature
from geodata.records import (
    ActorRef,
    DateRef,
    EventRecord,
    MovementRecord,
    PlaceRecord,
    PlaceRef,
    Record,
    RouteRecord,
    Span,
    dated,
)

TEXT = (
    "الموصل-الشروق العربي-هاربة من مدينة الرقة باتجاه الحسكة ومن ثم إلى منطقة البعاج. قصف التحالف داعش في البعاج أمس."
)


def at(word: str, after: int = 0) -> Span:
    """Where the text names a word (the first time from `after` on)."""
    i = TEXT.index(word, after)
    return Span(i, i + len(word))


JOURNEY = Span(at("هاربة").start, at(".").end)  # the journey's sentence
STRIKE = Span(JOURNEY.end + 1, len(TEXT))  # the strike's sentence
RAQQA = PlaceRef("Raqqa", 35.95283, 39.00788, "geonames:172955", "الرقة", "SY", "city", at("الرقة"))
HASAKAH = PlaceRef("Al-Hasakah", 36.50237, 40.74772, "geonames:173811", "الحسكة", "SY", "city")
BAAJ = PlaceRef("Al-Baaj", 36.0426, 41.71632, "geonames:99524", "البعاج", "IQ", "town", at("البعاج"))
BAAJ_STRUCK = replace(BAAJ, span=at("البعاج", STRIKE.start))
ISIS = ActorRef("ISIS", "isis", "ISIS", at("داعش"))
COALITION = ActorRef("International coalition", "coalition", "Coalition", at("التحالف"))
KURDS = ActorRef("Kurdish forces", "kurdish_forces", "Kurdish forces")
NOV_19 = DateRef(date(2015, 11, 19), "week", date(2015, 11, 13), date(2015, 11, 19), at("أمس"))


def pair(span: Span | None) -> list[int] | None:
    return [span.start, span.end] if span else None


BASE = {"doc": "mosul-2015-11-19-ar.txt", "lang": "ar"}


def _evidence(span: Span) -> dict[str, Any]:
    return {"evidence": TEXT[span.start : span.end], "evidence_span": span}


def place(**kw: Any) -> PlaceRecord:
    args = {"feature_id": "k-p1", **BASE, **_evidence(JOURNEY), "span": RAQQA.span, "confidence": 0.9}
    return PlaceRecord(**(args | {"place": RAQQA, "surface": "الرقة"} | kw))


def event(**kw: Any) -> EventRecord:
    args = {"feature_id": "k-e1", **BASE, **_evidence(STRIKE), "span": at("قصف")}
    own = {
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Air/drone strike",
        "place": BAAJ_STRUCK,
        "geo_precision": 1,
        "actor1": COALITION,
        "actor2": ISIS,
        "date": NOV_19,
        "fatalities": 3,
    }
    return EventRecord(**(args | own | kw))


def movement(**kw: Any) -> MovementRecord:
    args = {"feature_id": "k-m1", **BASE, **_evidence(JOURNEY), "span": at("هاربة")}
    own = {"waypoints": (RAQQA, HASAKAH, BAAJ), "actor": ISIS, "count": 70, "unit": "families", "date": NOV_19}
    return MovementRecord(**(args | own | kw))


def route(**kw: Any) -> RouteRecord:
    args = {"feature_id": "k-r1", **BASE, **_evidence(JOURNEY)}
    return RouteRecord(**(args | {"name": "Raqqa–Hasakah road", "via": (RAQQA, HASAKAH), "controlled_by": KURDS} | kw))


COMMON_KEYS = {"kind", "id", "doc", "lang", "evidence", "evidence_start", "evidence_end", "start", "end"}


# --- record_to_feature: the layout of each kind ----------------------------------------------------------------------


@pytest.mark.parametrize("make", [place, event, movement, route], ids=["place", "event", "movement", "route"])
def test_every_feature_has_the_common_properties_and_its_id_twice(make: Any) -> None:
    r = make()
    f = record_to_feature(r)
    assert f["type"] == "Feature"
    assert f["id"] == f["properties"]["id"] == r.feature_id
    assert set(f["properties"]) >= COMMON_KEYS
    p = f["properties"]
    assert (p["kind"], p["doc"], p["lang"]) == (r.kind, "mosul-2015-11-19-ar.txt", "ar")
    assert TEXT[p["evidence_start"] : p["evidence_end"]] == p["evidence"] == r.evidence
    assert "crs" not in f


def test_place_layout() -> None:
    f = record_to_feature(place())
    p = f["properties"]
    assert f["geometry"] == {"type": "Point", "coordinates": [39.00788, 35.95283]}
    assert (p["start"], p["end"]) == (36, 41) == (RAQQA.span.start, RAQQA.span.end)  # the mention
    assert TEXT[p["start"] : p["end"]] == p["surface"] == "الرقة"
    assert {k: p[k] for k in ("name", "name_ar", "gazetteer_id", "feature_type", "country_code", "confidence")} == {
        "name": "Raqqa",
        "name_ar": "الرقة",
        "gazetteer_id": "geonames:172955",
        "feature_type": "city",
        "country_code": "SY",
        "confidence": 0.9,
    }
    assert "spans" not in p
    assert "date_start" not in p  # not dated until the store dates it


# A village the gazetteer lacks, as the extractor gives it: the name as written, placed at the unit around it.
TELL_XYZABAD = PlaceRef("Tell Xyzabad", 34.69, 40.83, "", "", "SY", "village", at("الحسكة"))


def unknown_village(**kw: Any) -> PlaceRecord:
    own = {"place": TELL_XYZABAD, "surface": "Tell Xyzabad", "geo_precision": 2, "resolved": False}
    return place(**(own | {"placed_at": "Hajin Subdistrict", "confidence": None, "span": TELL_XYZABAD.span} | kw))


def test_a_place_says_whether_the_gazetteer_knew_it() -> None:
    known = record_to_feature(place(geo_precision=1))["properties"]
    assert {k: known[k] for k in ("geo_precision", "resolved", "placed_at")} == {
        "geo_precision": 1,
        "resolved": True,
        "placed_at": "",
    }
    f = record_to_feature(unknown_village())
    p = f["properties"]
    assert {k: p[k] for k in ("name", "surface", "gazetteer_id", "geo_precision", "resolved", "placed_at")} == {
        "name": "Tell Xyzabad",
        "surface": "Tell Xyzabad",
        "gazetteer_id": "",
        "geo_precision": 2,
        "resolved": False,
        "placed_at": "Hajin Subdistrict",
    }
    assert f["geometry"] == {"type": "Point", "coordinates": [40.83, 34.69]}  # the unit's position


@pytest.mark.parametrize("make", [unknown_village, lambda: place(geo_precision=3)], ids=["unresolved", "province"])
def test_an_unresolved_place_reads_back_as_it_was(make: Any) -> None:
    r = make()
    back = feature_to_record(record_to_feature(r))
    assert back == r
    assert back.extra == {}  # the new properties are the contract's, not extra columns


def test_a_place_written_before_resolved_existed_reads_as_resolved() -> None:
    props = {k: v for k, v in PLACE_F["properties"].items() if k not in ("resolved", "placed_at", "geo_precision")}
    back = feature_to_record({**PLACE_F, "properties": props})
    assert isinstance(back, PlaceRecord)
    assert (back.resolved, back.placed_at, back.geo_precision) == (True, "", None)


def test_a_place_the_store_dated_has_its_period() -> None:
    p = record_to_feature(place(period=(date(2015, 11, 19), date(2015, 11, 19))))["properties"]
    assert (p["date_start"], p["date_end"]) == ("2015-11-19", "2015-11-19")


def test_event_layout() -> None:
    f = record_to_feature(event())
    p = f["properties"]
    assert f["geometry"] == {"type": "Point", "coordinates": [41.71632, 36.0426]}
    assert [p["start"], p["end"]] == pair(at("قصف"))  # the trigger
    assert TEXT[p["start"] : p["end"]] == "قصف"
    assert (p["event_type"], p["sub_event_type"], p["geo_precision"], p["fatalities"]) == (
        "Explosions/Remote violence",
        "Air/drone strike",
        1,
        3,
    )
    assert (p["actor1"], p["actor1_id"], p["actor1_family"]) == ("International coalition", "coalition", "Coalition")
    assert (p["actor2"], p["actor2_id"], p["actor2_family"]) == ("ISIS", "isis", "ISIS")
    assert (p["location"], p["location_ar"], p["location_type"], p["country_code"]) == (
        "Al-Baaj",
        "البعاج",
        "town",
        "IQ",
    )
    assert (p["date"], p["date_precision"], p["date_start"], p["date_end"]) == (
        "2015-11-19",
        "week",
        "2015-11-13",
        "2015-11-19",
    )
    assert p["spans"] == {
        "location": pair(BAAJ_STRUCK.span),
        "actor1": pair(COALITION.span),
        "actor2": pair(ISIS.span),
        "date": pair(NOV_19.span),
    }
    assert [TEXT[a:b] for a, b in p["spans"].values()] == ["البعاج", "التحالف", "داعش", "أمس"]


@pytest.mark.parametrize(
    ("record", "spans"),
    [
        (event(place=HASAKAH, actor1=KURDS, actor2=None, date=None), None),  # nothing known: no "spans" at all
        (event(place=HASAKAH, actor1=None, actor2=ISIS, date=None), {"actor2": pair(ISIS.span)}),
        (event(actor1=None, actor2=None, date=dated(date(2015, 11, 19))), {"location": pair(BAAJ_STRUCK.span)}),
        (movement(waypoints=(HASAKAH, HASAKAH), actor=KURDS, date=None), None),
        (movement(actor=None, date=None), {"waypoints": [pair(RAQQA.span), None, pair(BAAJ.span)]}),
        (route(), {"via": [pair(RAQQA.span), None]}),
        (route(via=(HASAKAH,), controlled_by=ISIS), {"controlled_by": pair(ISIS.span)}),
    ],
    ids=[
        "event-none",
        "event-actor2",
        "event-location",
        "movement-none",
        "movement-waypoints",
        "route-via",
        "route-actor",
    ],
)
def test_spans_only_when_known(record: Record, spans: dict | None) -> None:
    p = record_to_feature(record)["properties"]
    assert p.get("spans") == spans


def test_unknown_evidence_and_span_are_null() -> None:
    p = record_to_feature(route(evidence="", evidence_span=None, span=None))["properties"]
    assert (p["evidence_start"], p["evidence_end"], p["start"], p["end"]) == (None, None, None, None)


def test_movement_layout() -> None:
    f = record_to_feature(movement())
    p = f["properties"]
    assert f["geometry"] == {
        "type": "LineString",
        "coordinates": [[39.00788, 35.95283], [40.74772, 36.50237], [41.71632, 36.0426]],
    }
    assert TEXT[p["start"] : p["end"]] == "هاربة"  # the movement word
    assert p["waypoints"] == ["Raqqa", "Al-Hasakah", "Al-Baaj"]
    assert [w["gazetteer_id"] for w in p["waypoint_places"]] == ["geonames:172955", "geonames:173811", "geonames:99524"]
    assert p["waypoint_places"][0] == {
        "gazetteer_id": "geonames:172955",
        "name_ar": RAQQA.name_ar,
        "country_code": RAQQA.country_code,
        "feature_type": RAQQA.feature_type,
    }
    assert (p["actor"], p["actor_id"], p["actor_family"], p["count"], p["unit"]) == (
        "ISIS",
        "isis",
        "ISIS",
        70,
        "families",
    )
    assert (p["date_start"], p["date_end"]) == ("2015-11-13", "2015-11-19")
    assert p["spans"] == {
        "actor": pair(ISIS.span),
        "waypoints": [pair(RAQQA.span), None, pair(BAAJ.span)],
        "date": pair(NOV_19.span),
    }


def test_route_layout() -> None:
    f = record_to_feature(route(status="contested"))
    p = f["properties"]
    assert f["geometry"]["type"] == "LineString"
    assert (p["name"], p["via"], [v["gazetteer_id"] for v in p["via_places"]], p["status"]) == (
        "Raqqa–Hasakah road",
        ["Raqqa", "Al-Hasakah"],
        ["geonames:172955", "geonames:173811"],
        "contested",
    )
    assert (p["controlled_by"], p["controlled_by_id"], p["controlled_by_family"]) == (
        "Kurdish forces",
        "kurdish_forces",
        "Kurdish forces",
    )
    assert (p["start"], p["end"]) == (None, None)


def test_a_road_known_by_one_town_is_a_point() -> None:
    assert record_to_feature(route(via=(BAAJ,)))["geometry"] == {"type": "Point", "coordinates": [41.71632, 36.0426]}


@pytest.mark.parametrize(
    ("record", "period"),
    [
        (event(), ("2015-11-13", "2015-11-19")),  # its date's period
        (event(date=None, period=(date(2015, 11, 19), date(2015, 11, 19))), ("2015-11-19", "2015-11-19")),
        (movement(date=dated(date(2015, 11, 2), "month")), ("2015-11-01", "2015-11-30")),
        (movement(date=None, period=(date(2015, 11, 13), date(2015, 11, 19))), ("2015-11-13", "2015-11-19")),
        (route(period=(date(2016, 1, 1), date(2016, 12, 31))), ("2016-01-01", "2016-12-31")),
        (place(period=(date(2015, 11, 19), date(2015, 11, 19))), ("2015-11-19", "2015-11-19")),
    ],
    ids=["event-date", "event-period", "movement-date", "movement-period", "route-period", "place-period"],
)
def test_every_dated_feature_has_date_start_and_date_end(record: Record, period: tuple[str, str]) -> None:
    p = record_to_feature(record)["properties"]
    assert (p["date_start"], p["date_end"]) == period


@pytest.mark.parametrize("record", [event(date=None), movement(date=None), route(), place()])
def test_an_undated_feature_has_no_period(record: Record) -> None:
    p = record_to_feature(record)["properties"]
    assert "date_start" not in p
    assert "date_end" not in p


def test_coordinates_have_at_most_seven_decimals() -> None:
    far = PlaceRef("Somewhere", 36.123456789123, 43.987654321987, span=Span(0, 6))
    assert record_to_feature(place(place=far))["geometry"]["coordinates"] == [43.9876543, 36.1234568]


# --- properties outside the contract ----------------------------------------------------------------------------------


def test_properties_outside_the_contract_survive_in_extra_and_come_back_out() -> None:
    f = record_to_feature(event())
    f["properties"] |= {"acled_event_id": "IRQ12345", "notes": "غارة جوية", "tags": ["air", "strike"]}
    r = feature_to_record(f)
    assert dict(r.extra) == {"acled_event_id": "IRQ12345", "notes": "غارة جوية", "tags": ["air", "strike"]}
    assert record_to_feature(r) == f


def test_extra_does_not_replace_the_contracts_properties() -> None:
    p = record_to_feature(place(extra={"id": "other", "kind": "event", "acled_event_id": "IRQ1"}))["properties"]
    assert (p["id"], p["kind"], p["acled_event_id"]) == ("k-p1", "place", "IRQ1")


# --- feature_to_record: reading back ----------------------------------------------------------------------------------


@pytest.mark.parametrize("make", [place, event], ids=["place", "event"])
def test_a_feature_reads_back_as_the_record_it_was(make: Any) -> None:
    r = make()
    assert feature_to_record(record_to_feature(r)) == r


@pytest.mark.parametrize("make", [movement, route], ids=["movement", "route"])
def test_a_line_reads_back_as_the_record_it_was(make: Any) -> None:
    r = make()
    assert feature_to_record(record_to_feature(r)) == r


@pytest.mark.parametrize("make", [movement, route], ids=["movement", "route"])
def test_a_line_reads_back_with_its_vertices_names_ids_positions_and_spans(make: Any) -> None:
    r = make()
    back = feature_to_record(record_to_feature(r))
    keep = [(p.name, p.gazetteer_id, p.lat, p.lon, p.span) for p in r.vertices]
    assert [(p.name, p.gazetteer_id, p.lat, p.lon, p.span) for p in back.vertices] == keep
    assert (back.feature_id, back.evidence_span, back.span, back.actors) == (
        r.feature_id,
        r.evidence_span,
        r.span,
        r.actors,
    )
    assert back.when == r.when


def _with(f: dict[str, Any], geometry: Any = ..., **props: Any) -> dict[str, Any]:
    out = copy.deepcopy(f)
    out["properties"] |= props
    if geometry is not ...:
        out["geometry"] = geometry
    return out


PLACE_F, EVENT_F, MOVEMENT_F, ROUTE_F = (record_to_feature(m()) for m in (place, event, movement, route))

#   case                     feature                                                         what the message says
REFUSED = [
    ("unknown kind", _with(EVENT_F, kind="battle"), r"kind 'battle' is not one of place, event, movement, route"),
    ("no kind", _with(EVENT_F, kind=None), r"kind None is not one of"),
    ("no geometry", _with(PLACE_F, geometry=None), r"the feature has no geometry"),
    ("empty coordinates", _with(PLACE_F, geometry={"type": "Point", "coordinates": []}), r"no geometry"),
    ("a span of one number", _with(EVENT_F, spans={"location": [1]}), r"span \[1\] is not \[start, end\]"),
    ("a span of text", _with(EVENT_F, spans={"actor1": ["a", "b"]}), r"span \['a', 'b'\] is not \[start, end\]"),
    ("a start that is not a number", _with(PLACE_F, start="36"), r"span \['36', 41\] is not \[start, end\]"),
    ("a waypoint span", _with(MOVEMENT_F, spans={"waypoints": [[36, 41], [1], None]}), r"span \[1\] is not"),
    ("two names, three positions", _with(MOVEMENT_F, waypoints=["Raqqa", "Al-Baaj"]), r"2 names for 3 positions"),
    ("no names", _with(MOVEMENT_F, waypoints=[]), r"0 names for 3 positions"),
    ("three towns, two positions", _with(ROUTE_F, via=["Raqqa", "Al-Hasakah", "Mosul"]), r"3 names for 2 positions"),
    ("resolved as text", _with(PLACE_F, resolved="no"), r"resolved must be true or false, not 'no'"),
    ("resolved as a number", _with(PLACE_F, resolved=0), r"resolved must be true or false, not 0"),
]


@pytest.mark.parametrize(("feature", "message"), [r[1:] for r in REFUSED], ids=[r[0] for r in REFUSED])
def test_what_does_not_fit_is_refused_with_a_value_error_saying_what(feature: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        feature_to_record(feature)


#   case                  feature                                                    the message names
MALFORMED = [
    pytest.param(
        _with(PLACE_F, geometry={"type": "Point", "coordinates": [39.0]}),
        r"position|coordinates",
        id="point-of-one-number",
    ),
    pytest.param(
        _with(PLACE_F, geometry={"type": "Polygon", "coordinates": [[[39, 35], [40, 36], [41, 35], [39, 35]]]}),
        r"Polygon|geometry",
        id="polygon",
    ),
    pytest.param(
        _with(MOVEMENT_F, waypoint_places=[{"gazetteer_id": "geonames:172955"}]),
        r"1 places for 3 positions",
        id="ids-not-matching-positions",
    ),
    pytest.param(
        _with(EVENT_F, spans=[[74, 80]]),
        r"spans",
        id="spans-not-an-object",
    ),
    pytest.param(
        _with(MOVEMENT_F, waypoints="Raqqa"),
        r"waypoints",
        id="waypoints-as-a-string",
    ),
]


@pytest.mark.parametrize(("feature", "message"), MALFORMED)
def test_a_malformed_feature_is_refused_with_a_value_error(feature: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        feature_to_record(feature)
