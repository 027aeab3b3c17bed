"""dashboard/unresolved.py: the Gazetteer page's names the gazetteer lacks, as table rows, escaped
sentences with the name marked, the form's first values, the unit on the map and a click's position."""

from __future__ import annotations

import pytest

from dashboard.markup import DocMeta
from dashboard.unresolved import clicked_point, label, mentions_html, name_rows, new_place, unit_records
from geodata.records import Span
from geodata.store import Mention, UnresolvedName


def unresolved(
    name: str = "Tell Xyzabad", evidence: str = "Gunmen attacked Tell Xyzabad.", n: int = 1, lang: str = "en", **kw
):
    start = evidence.find(name)
    mark = Span(start, start + len(name)) if start >= 0 else None
    mentions = tuple(Mention("place", f"f{i}", "doc1", evidence, mark, lang) for i in range(n))
    args = {
        "key": "tel xyzabad",
        "name": name,
        "spellings": (name, "Tal Xyzabad"),
        "placed_at": ("Hajin Subdistrict",),
        "lat": 34.69,
        "lon": 40.83,
        "country_code": "SY",
        "geo_precision": 2,
        "mentions": mentions,
    }
    return UnresolvedName(**(args | kw))


def test_a_row_per_name_with_counts_unit_and_a_sentence() -> None:
    (row,) = name_rows([unresolved(n=3)])
    assert row == {
        "name": "Tell Xyzabad",
        "features": 3,
        "articles": 1,
        "placed at": "Hajin Subdistrict (SY), geo precision 2",
        "other spellings": "Tal Xyzabad",
        "evidence": "Gunmen attacked Tell Xyzabad.",
    }
    assert label(unresolved(n=3)) == "Tell Xyzabad — 3 features, placed at Hajin Subdistrict (SY), geo precision 2"
    assert name_rows([unresolved(placed_at=(), country_code="", geo_precision=None)])[0]["placed at"] == (
        "the region around it"
    )


def test_sentences_are_escaped_with_the_name_marked_and_their_article() -> None:
    hostile = "<script>alert(1)</script> Gunmen attacked Tell Xyzabad <img src=x onerror=alert(2)>."
    html = mentions_html(unresolved(evidence=hostile), {"doc1": DocMeta(title="<b>Wire</b>", source="Test Wire")})
    assert "<script>" not in html and "<img" not in html and "<b>Wire" not in html
    assert "&lt;script&gt;" in html and "&lt;b&gt;Wire&lt;/b&gt;" in html
    assert '<mark class="kh-m">Tell Xyzabad</mark>' in html
    assert html.count("<blockquote") == 1 and "Test Wire" in html


def test_an_arabic_sentence_reads_right_to_left_and_a_long_list_is_cut() -> None:
    u = unresolved("تل زيزاباد", "هاجم مسلحون قرية تل زيزاباد.", n=15, lang="ar")
    html = mentions_html(u, {}, limit=12)
    assert html.count('dir="rtl"') == 12 and html.count('<mark class="kh-m">تل زيزاباد</mark>') == 12
    assert "… and 3 more" in html


def test_a_sentence_without_the_names_offsets_is_shown_unmarked() -> None:
    html = mentions_html(unresolved(evidence="Gunmen attacked the village."), {})
    assert "<mark" not in html and "Gunmen attacked the village." in html


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Tell Xyzabad", ("Tell Xyzabad", "", "SY")), ("تل زيزاباد", ("", "تل زيزاباد", "SY"))],
    ids=["latin", "arabic"],
)
def test_the_form_starts_from_the_name_in_its_script(name: str, expected: tuple[str, str, str]) -> None:
    start = new_place(unresolved(name))
    assert (start.name, start.name_ar, start.country_code) == expected


def test_the_unit_is_drawn_as_an_unresolved_place() -> None:
    (r,) = unit_records(unresolved())
    assert (r.place.lat, r.place.lon, r.place.gazetteer_id, r.resolved, r.placed_at) == (
        34.69,
        40.83,
        "",
        False,
        "Hajin Subdistrict",
    )


@pytest.mark.parametrize(
    ("out", "point"),
    [
        ({"last_clicked": {"lat": 34.7451234, "lng": 40.7709876}}, (34.74512, 40.77099)),
        ({"last_clicked": {"lat": 34.7, "lng": 400.5}}, (34.7, 40.5)),  # a copy of the world to the east
        ({"last_clicked": {"lat": 34, "lng": -180}}, (34.0, -180.0)),
        ({"last_clicked": None}, None),
        ({}, None),
        (None, None),
        ({"last_clicked": {"lat": "34", "lng": 40}}, None),
        ({"last_clicked": {"lat": True, "lng": 40}}, None),
        ({"last_clicked": {"lat": 95.0, "lng": 40}}, None),
        ({"last_clicked": [34, 40]}, None),
    ],
)
def test_a_click_gives_a_position_or_nothing(out: object, point: tuple[float, float] | None) -> None:
    assert clicked_point(out) == point  # type: ignore[arg-type]
