"""geodata/records.py: content-hash document ids, stable feature ids, the period a date's
precision stands for, and what each record type says of its places, actors and date."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from geodata.records import (
    KINDS,
    RECORD_TYPES,
    ActorRef,
    DocumentRecord,
    EventRecord,
    FeatureRecord,
    MovementRecord,
    PlaceRecord,
    PlaceRef,
    RouteRecord,
    Span,
    dated,
    document_id,
    feature_id,
)

RAQQA = PlaceRef("Raqqa", 35.95283, 39.00788, "geonames:172955", "الرقة", "SY", "city", Span(21, 26))
HASAKAH = PlaceRef("Al-Hasakah", 36.50237, 40.74772, "geonames:173811", "الحسكة", "SY", "city")
MOSUL = PlaceRef("Mosul", 36.335, 43.11889, "geonames:99072", "الموصل", "IQ", "city", Span(0, 6))
ISIS = ActorRef("ISIS", "isis", "ISIS", Span(30, 34))
COALITION = ActorRef("International coalition", "coalition", "Coalition")
KURDS = ActorRef("Kurdish forces", "kurdish_forces", "Kurdish forces")
NOV_19 = dated(date(2015, 11, 19))


# --- document_id ------------------------------------------------------------------------------------------------

# The same text laid out differently: one id. Arabic and English side by side.
#   layout                 Arabic (one layout, another)                              English (one layout, another)
LAYOUTS = [
    ("double spaces", ("الموصل  ملاذ دواعش", "الموصل ملاذ دواعش"), ("Mosul  falls", "Mosul falls")),
    ("line breaks", ("قصف في\nالبعاج", "قصف في البعاج"), ("strikes on\r\nBaaj", "strikes on Baaj")),
    ("tabs", ("هاربة\tمن الرقة", "هاربة من الرقة"), ("fled\tRaqqa", "fled Raqqa")),
    ("outer space", ("  الحسكة\n", "الحسكة"), ("\n Hasakah  ", "Hasakah")),
    ("unicode spaces", ("سنجار\u00a0\u2003الجنوبية", "سنجار الجنوبية"), ("Sinjar\u00a0south", "Sinjar south")),
]


def _layout_pairs(rows):
    for rule, ar, en in rows:
        yield pytest.param(*ar, id=f"ar:{rule}")
        yield pytest.param(*en, id=f"en:{rule}")


@pytest.mark.parametrize(("one", "other"), list(_layout_pairs(LAYOUTS)))
def test_document_id_ignores_whitespace_layout(one: str, other: str) -> None:
    assert document_id(one) == document_id(other)


def test_document_id_is_16_hex_digits_and_tells_texts_apart() -> None:
    ids = {document_id(t) for t in ("الموصل", "الرقة", "Mosul", "Raqqa", "Mosul Raqqa", "MosulRaqqa")}
    assert len(ids) == 6
    assert all(re.fullmatch(r"[0-9a-f]{16}", i) for i in ids)


def test_document_id_reads_composed_and_decomposed_text_alike() -> None:
    assert document_id("Kobani\u0302") == document_id("Koban\u00ee") != document_id("Kobani")


_WORDS = st.lists(st.text(st.sampled_from("ابتثجحخدرزسشصالموصلMosulRaqa5"), min_size=1, max_size=6), min_size=1)
_GAPS = st.text(st.sampled_from(" \t\n\r\u00a0\u2003"), min_size=1, max_size=4)


@given(words=_WORDS, data=st.data())
def test_any_whitespace_between_the_same_words_gives_the_same_id(words: list[str], data: st.DataObject) -> None:
    gaps = [data.draw(_GAPS) for _ in range(len(words) + 1)]
    spaced = gaps[0] + "".join(w + g for w, g in zip(words, gaps[1:], strict=True))
    assert document_id(spaced) == document_id(" ".join(words))


# --- feature_id -------------------------------------------------------------------------------------------------


def test_feature_id_is_deterministic_and_starts_with_the_doc_key() -> None:
    key = document_id("الموصل-الشروق العربي")
    one = feature_id(key, "event", 10, 15, "geonames:99072")
    assert one == feature_id(key, "event", 10, 15, "geonames:99072")
    assert one.startswith(f"{key}-")


@pytest.mark.parametrize("kind", KINDS)
def test_feature_id_differs_by_kind(kind: str) -> None:
    others = {feature_id("abc", k, 0, 6, "geonames:99072") for k in KINDS if k != kind}
    assert feature_id("abc", kind, 0, 6, "geonames:99072") not in others


@pytest.mark.parametrize(
    ("anchor", "other"),
    [
        ((0, 6, "geonames:99072"), (0, 7, "geonames:99072")),  # another span
        ((0, 6, "geonames:99072"), (0, 6, "geonames:172955")),  # another place
        ((0, 6), (0, 6, "geonames:99072")),  # one more anchor
        ((None, 6), (0, 6)),  # a missing trigger
        ((1, 23), (12, 3)),  # the parts are kept apart
    ],
)
def test_feature_id_differs_by_anchor(anchor: tuple, other: tuple) -> None:
    assert feature_id("abc", "movement", *anchor) != feature_id("abc", "movement", *other)


def test_feature_id_of_another_document_differs() -> None:
    assert feature_id(document_id("الرقة"), "place", 0, 5) != feature_id(document_id("Raqqa"), "place", 0, 5)


# --- dated: the days a precision stands for -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "precision", "start", "end"),
    [
        (date(2015, 11, 19), "day", date(2015, 11, 19), date(2015, 11, 19)),
        (date(2015, 11, 19), "week", date(2015, 11, 19), date(2015, 11, 25)),
        (date(2015, 12, 28), "week", date(2015, 12, 28), date(2016, 1, 3)),  # across the year's end
        (date(2015, 11, 19), "month", date(2015, 11, 1), date(2015, 11, 30)),
        (date(2015, 12, 1), "month", date(2015, 12, 1), date(2015, 12, 31)),
        (date(2016, 2, 10), "month", date(2016, 2, 1), date(2016, 2, 29)),  # leap February
        (date(2015, 2, 10), "month", date(2015, 2, 1), date(2015, 2, 28)),
        (date(2100, 2, 10), "month", date(2100, 2, 1), date(2100, 2, 28)),  # a century is no leap year
        (date(2015, 11, 19), "year", date(2015, 1, 1), date(2015, 12, 31)),
    ],
)
def test_dated_periods(value: date, precision: str, start: date, end: date) -> None:
    d = dated(value, precision)
    assert (d.value, d.precision, d.start, d.end, d.span) == (value, precision, start, end, None)


def test_dated_is_a_day_by_default() -> None:
    assert dated(date(2017, 10, 17)) == dated(date(2017, 10, 17), "day")


@given(
    st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 30)),
    st.sampled_from(["day", "week", "month", "year"]),
)
def test_every_period_holds_its_date_and_ends_where_its_precision_ends(value: date, precision: str) -> None:
    d = dated(value, precision)
    assert d.start <= value <= d.end
    after = d.end + timedelta(days=1)
    if precision in ("day", "week"):
        assert d.start == value
        assert (d.end - d.start).days == (0 if precision == "day" else 6)
    elif precision == "month":
        assert (d.start.year, d.start.month, d.start.day) == (value.year, value.month, 1)
        assert (d.end.year, d.end.month) == (value.year, value.month) != (after.year, after.month)
    else:
        assert (d.start, d.end) == (date(value.year, 1, 1), date(value.year, 12, 31))


# --- DocumentRecord ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["الموصل-الشروق العربي-بعد موجة الغارات", "MOSUL (Reuters) - Iraqi forces"])
def test_document_record_id_is_the_content_hash(text: str) -> None:
    doc = DocumentRecord(name="a.txt", text=text, lang="ar")
    assert doc.doc_id == document_id(text)
    assert DocumentRecord(name="another-name.txt", text=text + "\n", lang="ar").doc_id == doc.doc_id


# --- what each record type says ---------------------------------------------------------------------------------

COMMON = {"feature_id": "abc-x1", "doc": "seed.txt", "lang": "ar"}


def _records() -> dict[str, FeatureRecord]:
    return {
        "place": PlaceRecord(**COMMON, place=MOSUL, surface="الموصل"),
        "event": EventRecord(
            **COMMON, event_type="Battles", place=RAQQA, actor1=COALITION, actor2=ISIS, date=NOV_19, fatalities=3
        ),
        "movement": MovementRecord(**COMMON, waypoints=(RAQQA, HASAKAH, MOSUL), actor=ISIS, date=NOV_19),
        "route": RouteRecord(**COMMON, name="M4", via=(RAQQA, MOSUL), controlled_by=KURDS),
    }


#   kind        vertices                     actors                when
EXPECTED = [
    ("place", (MOSUL,), (), None),
    ("event", (RAQQA,), (COALITION, ISIS), NOV_19),
    ("movement", (RAQQA, HASAKAH, MOSUL), (ISIS,), NOV_19),
    ("route", (RAQQA, MOSUL), (KURDS,), None),
]


@pytest.mark.parametrize(("kind", "vertices", "actors", "when"), EXPECTED, ids=[row[0] for row in EXPECTED])
def test_record_vertices_actors_when_and_kind(kind: str, vertices: tuple, actors: tuple, when: object) -> None:
    r = _records()[kind]
    assert r.kind == kind
    assert type(r) is RECORD_TYPES[kind]
    assert r.vertices == vertices
    assert r.actors == actors
    assert r.when == when


@pytest.mark.parametrize(
    ("record", "actors"),
    [
        (EventRecord(**COMMON, event_type="Battles", place=RAQQA), ()),
        (EventRecord(**COMMON, event_type="Battles", place=RAQQA, actor2=ISIS), (ISIS,)),
        (EventRecord(**COMMON, event_type="Battles", place=RAQQA, actor1=COALITION), (COALITION,)),
        (MovementRecord(**COMMON, waypoints=(RAQQA, MOSUL)), ()),
        (RouteRecord(**COMMON, name="M4", via=(RAQQA,)), ()),
    ],
    ids=["event-none", "event-actor2-only", "event-actor1-only", "movement-none", "route-none"],
)
def test_records_list_only_the_actors_they_have(record: FeatureRecord, actors: tuple) -> None:
    assert record.actors == actors


def test_undated_event_and_movement_have_no_when() -> None:
    assert EventRecord(**COMMON, event_type="Battles", place=RAQQA).when is None
    assert MovementRecord(**COMMON, waypoints=(RAQQA, MOSUL)).when is None


def test_kinds_and_record_types_agree() -> None:
    assert tuple(RECORD_TYPES) == KINDS
    assert all(t.kind == k for k, t in RECORD_TYPES.items())


def test_records_are_frozen() -> None:
    r = _records()["event"]
    with pytest.raises(AttributeError):
        r.feature_id = "other"  # type: ignore[misc]
