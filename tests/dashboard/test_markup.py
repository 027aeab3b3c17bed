"""Escaping and highlighting: untrusted text never becomes markup; spans are exact."""

from __future__ import annotations

import html
import re
from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dashboard.markup import (
    DocMeta,
    detail_rows,
    esc,
    highlight,
    is_rtl,
    popup_html,
    source_html,
    what_text,
    when_text,
    where_text,
    who_text,
)
from geodata.records import ActorRef, DateRef, EventRecord, MovementRecord, PlaceRecord, RouteRecord, dated
from tests.dashboard.factories import BAAJ, MOSUL, RAQQA, sentence

ATTACKS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "<img src=x onerror=alert(1)//",
    '"><svg onload=alert(1)>',
    "javascript:alert(1)",
    "</blockquote><script>x</script>",
    "' onmouseover='alert(1)",
]
TAG = re.compile(r"<(?!/?(mark|span|blockquote|div|table|tr|th|td|bdi|br)\b)[a-zA-Z!/]")


def _no_markup_from(attack: str, out: str) -> None:
    assert "<script" not in out and "<img" not in out and "<svg" not in out
    assert not TAG.search(out), out
    assert "href=" not in out  # nothing from the data ever becomes a link
    assert html.escape(attack, quote=True) in out or not attack


@pytest.mark.parametrize("attack", ATTACKS)
def test_popup_escapes_evidence_titles_sources_actors_and_names(attack: str) -> None:
    event = EventRecord(
        feature_id="d-1",
        **sentence(f"Clashes in Mosul {attack} today."),
        event_type=attack,
        sub_event_type="Armed clash",
        actor1=ActorRef(attack),
        actor2=ActorRef("ISIS"),
        place=replace(MOSUL, name=attack),
        date=dated(date(2016, 10, 17)),
        geo_precision=1,
    )
    evidence = highlight(event.evidence, [(11, 16, "kh-m")], lang="en", tag="blockquote")
    out = popup_html(event, evidence, DocMeta(title=attack, source=attack, date="2016-10-17"))
    _no_markup_from(attack, out)
    assert '<mark class="kh-m">Mosul</mark>' in out
    assert '<div class="kh-ref">ref d-1</div>' in out


@pytest.mark.parametrize("attack", ATTACKS)
def test_highlight_escapes_inside_and_outside_marks(attack: str) -> None:
    text = f"{attack} near {attack}"
    out = highlight(text, [(0, len(attack), "kh-m")])
    _no_markup_from(attack, out)
    assert out.count("<mark") == 1


def test_a_class_name_cannot_break_out_of_its_attribute() -> None:
    out = highlight("Mosul", [(0, 5, '"><script>x</script>')])
    assert "<script" not in out


def test_arabic_evidence_reads_right_to_left() -> None:
    out = highlight("اشتباكات في الموصل اليوم", [(12, 18, "kh-m")], lang="ar")
    assert 'dir="rtl" lang="ar"' in out and '<mark class="kh-m">الموصل</mark>' in out
    assert is_rtl("نزحت 70 عائلة من الرقة") and not is_rtl("Mosul, Iraq (Reuters)")
    assert 'dir="ltr"' in highlight("Mosul", [], lang="en")


def test_overlapping_and_out_of_range_spans_are_clipped_not_duplicated() -> None:
    out = highlight("Raqqa to Mosul", [(0, 5, "kh-m"), (3, 8, "kh-m"), (9, 99, "kh-t"), (-4, 0, "kh-m")])
    assert out.count("<mark") == 2
    assert '<mark class="kh-t">Mosul</mark>' in out


@given(st.text(max_size=60), st.lists(st.tuples(st.integers(-5, 70), st.integers(-5, 70)), max_size=6))
def test_highlight_keeps_the_text_exactly(text: str, spans: list[tuple[int, int]]) -> None:
    out = highlight(text, [(a, b, "kh-m") for a, b in spans])
    inner = re.sub(r"^<span[^>]*>|</span>$", "", out)
    assert html.unescape(re.sub(r"</?mark[^>]*>", "", inner)) == text


def test_source_line_keeps_dates_left_to_right_beside_arabic_names() -> None:
    out = source_html(DocMeta(title="داعش يرفع رايته", source="المرصد الإخباري", date="2014-10-06"))
    assert '<bdi dir="ltr">2014-10-06</bdi>' in out and 'dir="rtl"' in out


def event(**changes) -> EventRecord:
    return replace(EventRecord(feature_id="d-1", **sentence("x"), event_type="Battles", place=MOSUL), **changes)


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        (event(date=dated(date(2016, 10, 17))), "2016-10-17 (day)"),
        (
            event(date=DateRef(date(2016, 10, 17), "week", date(2016, 10, 11), date(2016, 10, 17))),
            "week of 2016-10-17 (2016-10-11 – 2016-10-17)",
        ),
        (
            event(date=DateRef(date(2014, 9, 1), "range", date(2014, 9, 1), date(2015, 11, 19))),
            "2014-09-01 – 2015-11-19 (range)",
        ),
        (event(date=dated(date(2016, 10, 3), "month")), "2016-10-03 (month)"),
        (event(), "undated"),
        (event(period=(date(2016, 12, 15), date(2016, 12, 15))), "2016-12-15 (article date)"),
    ],
)
def test_when_says_the_precision(record: EventRecord, expected: str) -> None:
    assert when_text(record) == expected


def test_where_says_the_geo_precision_and_the_order_of_waypoints() -> None:
    assert where_text(event(geo_precision=2)) == "Mosul / الموصل · geo precision 2: near a town or part of a region"
    movement = MovementRecord(feature_id="m", **sentence("x"), waypoints=(RAQQA, BAAJ, MOSUL))
    assert where_text(movement) == "Raqqa → Al-Baaj → Mosul"
    assert esc(None) == "" and esc("<b>") == "&lt;b&gt;"


def test_where_says_a_place_the_gazetteer_lacked_and_the_unit_it_is_placed_at() -> None:
    village = replace(MOSUL, name="Tell Xyzabad", name_ar="", gazetteer_id="", feature_type="village")
    place = PlaceRecord(
        feature_id="p", **sentence("x"), place=village, surface="Tell Xyzabad", resolved=False, placed_at="Hajin"
    )
    assert where_text(place) == "Tell Xyzabad · IQ · not in the gazetteer: placed at Hajin"
    assert where_text(replace(place, placed_at="")).endswith("not in the gazetteer: placed at the unit around it")


def test_what_and_who_of_each_kind() -> None:
    ev = event(
        sub_event_type="Armed clash",
        fatalities=3,
        count=10,
        unit="tankers",
        actor1=ActorRef("ISIS"),
        actor2=ActorRef("Iraqi army"),
    )
    assert what_text(ev) == "Battles — Armed clash · 3 killed · 10 tankers"
    assert who_text(ev) == "ISIS vs Iraqi army" and who_text(event()) == "unnamed actor"
    movement = MovementRecord(feature_id="m", **sentence("x"), waypoints=(RAQQA, MOSUL), count=70, unit="families")
    assert (what_text(movement), who_text(movement)) == ("Movement · 70 families", "unnamed actor")
    road = RouteRecord(
        feature_id="r",
        **sentence("x"),
        name="Raqqa–Mosul road",
        via=(RAQQA, MOSUL),
        status="cut",
        controlled_by=ActorRef("Kurdish forces"),
    )
    assert (what_text(road), who_text(road), where_text(road)) == (
        "Raqqa–Mosul road · cut",
        "held by Kurdish forces",
        "Raqqa – Mosul",
    )
    place = PlaceRecord(feature_id="p", **sentence("x"), place=MOSUL, surface="الموصل", confidence=0.9)
    assert what_text(place) == "Place mentioned as “الموصل” · city"
    assert where_text(place) == "Mosul / الموصل · IQ · confidence 0.90"
    assert [k for k, _ in detail_rows(place)] == ["What", "When", "Where"]  # no "Who": a place has no actor
