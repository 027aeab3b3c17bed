"""Escaping and highlighting: untrusted text never becomes markup; spans are exact."""

from __future__ import annotations

import html
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dashboard.markup import DocMeta, esc, highlight, is_rtl, popup_html, source_html, when_text, where_text

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
    feature = {"type": "Feature", "id": "d-1", "properties": {
        "kind": "event", "event_type": attack, "sub_event_type": "Armed clash", "actor1": attack,
        "actor2": "ISIS", "location": attack, "location_ar": "الموصل", "date": "2016-10-17", "date_precision": "day",
        "geo_precision": 1, "evidence": f"Clashes in Mosul {attack} today."}}
    evidence = highlight(feature["properties"]["evidence"], [(11, 16, "kh-m")], lang="en", tag="blockquote")
    out = popup_html(feature, evidence, DocMeta(title=attack, source=attack, date="2016-10-17"))
    _no_markup_from(attack, out)
    assert '<mark class="kh-m">Mosul</mark>' in out


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


@pytest.mark.parametrize(("props", "expected"), [
    ({"date": "2016-10-17", "date_precision": "day"}, "2016-10-17 (day)"),
    ({"date": "2016-10-17", "date_precision": "week", "date_start": "2016-10-11", "date_end": "2016-10-17"},
     "week of 2016-10-17 (2016-10-11 – 2016-10-17)"),
    ({"date": "2014-09-01", "date_precision": "range", "date_start": "2014-09-01", "date_end": "2015-11-19"},
     "2014-09-01 – 2015-11-19 (range)"),
    ({}, "undated"),
])
def test_when_says_the_precision(props: dict, expected: str) -> None:
    assert when_text(props) == expected


def test_where_says_the_geo_precision_and_the_order_of_waypoints() -> None:
    assert where_text({"kind": "event", "location": "Mosul", "location_ar": "الموصل", "geo_precision": 2}) == (
        "Mosul / الموصل · geo precision 2: near a town or part of a region")
    assert where_text({"kind": "movement", "waypoints": ["Raqqa", "Al-Baaj", "Mosul"]}) == "Raqqa → Al-Baaj → Mosul"
    assert esc(None) == "" and esc("<b>") == "&lt;b&gt;"
