"""Colours from data: event types by ACLED's taxonomy, actors by the family actors.csv gives them."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from dashboard import palette
from dashboard.payload import map_payload
from extract.lexicons import actors
from geodata.records import ActorRef, EventRecord, MovementRecord, PlaceRecord, RouteRecord
from geodata.store import Store
from tests.dashboard.factories import MOSUL, RAQQA, sentence

TODAY = {
    "ISIS": "#111111",
    "Coalition": "#67c5e6",
    "Kurdish forces": "#c9a66b",
    "Iraqi government": "#1f2d6e",
    "Popular Mobilization Forces": "#0e8c8c",
    "Syrian government": "#6b1e1e",
    "Russia": "#e78ac3",
    "Turkey": "#808000",
    "Syrian rebels": "#a6d854",
    "Civilians": "#8d6e63",
    "Unidentified": "#ad1457",
}


def from_data(name: str) -> ActorRef:
    """The actor actors.csv calls `name`, as extraction puts it on a record (with its family)."""
    d = next(d for d in actors()[0] if d.name == name)
    return ActorRef(d.name, d.actor_id, d.family)


def route(controlled_by: ActorRef | None, status: str = "") -> RouteRecord:
    return RouteRecord(
        feature_id="d1-r1",
        **sentence("A road."),
        name="Raqqa–Mosul road",
        via=(RAQQA, MOSUL),
        controlled_by=controlled_by,
        status=status,
    )


def test_families_are_coloured_in_the_order_of_actors_csv_with_todays_colours() -> None:
    families = list(dict.fromkeys(d.family for d in actors()[0] if d.family))
    assert list(palette.family_colors()) == families
    assert palette.family_colors() == TODAY


def _lab(color: str) -> tuple[float, float, float]:
    """CIE L*a*b* of an sRGB colour (D65)."""

    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(int(color[i : i + 2], 16) / 255) for i in (1, 3, 5))
    x, y, z = (
        (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047,
        0.2126 * r + 0.7152 * g + 0.0722 * b,
        (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883,
    )

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def _difference(a: str, b: str) -> float:
    """CIE76 colour difference (about 2.3: just noticeable; over 20: different colours at a glance)."""
    return sum((p - q) ** 2 for p, q in zip(_lab(a), _lab(b), strict=True)) ** 0.5


def test_no_actor_shares_a_colour_with_an_event_type_or_another_actor() -> None:
    families = palette.FAMILY_PALETTE
    assert min(_difference(f, e) for f in families for e in palette.EVENT_COLORS.values()) >= 29
    assert min(_difference(a, b) for i, a in enumerate(families) for b in families[i + 1 :]) >= 21
    assert _difference("#2e86c1", "#2c7bb6") < 5  # the measure: two blues once used for both are one colour


def test_every_family_in_the_data_has_a_colour_of_its_own() -> None:
    colors = list(palette.family_colors().values())
    assert len(colors) <= len(palette.FAMILY_PALETTE), "a family was added to actors.csv: add it a colour"
    assert len(set(colors)) == len(colors)
    assert not {palette.OTHER_COLOR, palette.UNKNOWN_ACTOR[1], palette.PLACE_COLOR} & set(colors)


@pytest.mark.parametrize(
    ("actor", "family"),
    [
        ("ISIS", "ISIS"),
        ("SDF (Syrian Democratic Forces)", "Kurdish forces"),
        ("Peshmerga (Kurdistan Region)", "Kurdish forces"),
        ("Iraqi army", "Iraqi government"),
        ("Popular Mobilization Forces", "Popular Mobilization Forces"),
        ("Syrian government forces", "Syrian government"),
        ("Free Syrian Army", "Syrian rebels"),
        ("International coalition", "Coalition"),
        ("Families of ISIS members", "Civilians"),
    ],
)
def test_an_actor_takes_the_colour_of_the_family_its_actors_csv_row_gives(actor: str, family: str) -> None:
    assert palette.actor_family(from_data(actor)) == (family, TODAY[family])


@pytest.mark.parametrize(
    ("actor", "expected"),
    [
        (ActorRef("ISIS"), palette.OTHER_ACTOR),  # an imported dataset's name: no family, however well known
        (ActorRef("Someone new"), palette.OTHER_ACTOR),
        (ActorRef("Iran", "iran", ""), palette.OTHER_ACTOR),  # in actors.csv, without a family
        (ActorRef("Someone", "x", "A family nobody listed"), palette.OTHER_ACTOR),
        (ActorRef(""), palette.UNKNOWN_ACTOR),
        (None, palette.UNKNOWN_ACTOR),
    ],
)
def test_no_family_is_other_and_no_actor_is_not_stated(actor: ActorRef | None, expected: tuple[str, str]) -> None:
    assert palette.actor_family(actor) == expected
    assert expected == ("Other", "#7f8c8d") or expected == ("Not stated", "#95a5a6")


def test_route_style_dashes_a_cut_road_and_colours_by_who_holds_it() -> None:
    isis, army = from_data("ISIS"), from_data("Iraqi army")
    assert palette.route_style(route(isis, "cut by ISIS"))["dashed"]
    assert palette.route_style(route(army, "Contested"))["dashed"]
    assert not palette.route_style(route(army))["dashed"]
    assert palette.route_style(route(isis))["color"] != palette.route_style(route(army))["color"]
    assert palette.route_style(route(None))["label"] == "Not stated"


def test_every_acled_event_type_has_its_own_colour() -> None:
    assert len(set(palette.EVENT_COLORS.values())) == 6
    assert palette.event_color("Something else") == palette.OTHER_COLOR


def test_record_colour_by_kind() -> None:
    ev = EventRecord(feature_id="e", **sentence("x"), event_type="Battles", place=MOSUL)
    mv = MovementRecord(feature_id="m", **sentence("x"), waypoints=(RAQQA, MOSUL), actor=from_data("Civilians"))
    pl = PlaceRecord(feature_id="p", **sentence("x"), place=MOSUL)
    assert [palette.record_color(r) for r in (ev, mv, route(from_data("Turkish forces")), pl)] == [
        palette.EVENT_COLORS["Battles"],
        TODAY["Civilians"],
        TODAY["Turkey"],
        palette.PLACE_COLOR,
    ]


def test_seed_routes_and_movements_are_drawn_in_their_actors_family_colours(seeded_db_file: Path) -> None:
    with Store.open(seeded_db_file) as s:
        records = s.query()
    payload = map_payload(records)
    lines = [r for r in records if isinstance(r, MovementRecord | RouteRecord)]
    drawn = {row["i"]: row["k"] for part in ("movements", "routes") for row in payload[part]}
    assert any(a.family for r in lines for a in r.actors)
    for r in lines:
        actor = r.actors[0] if r.actors else None
        want = TODAY.get(actor.family, palette.OTHER_COLOR) if actor else palette.UNKNOWN_ACTOR[1]
        assert drawn[r.feature_id] == want, r
    legend = {label for label, _color, _n in payload["actors"]}
    assert legend <= {*TODAY, "Other", "Not stated"} and "ISIS" in legend
    no_family = [
        replace(r, actor=replace(r.actor, family="")) for r in lines if isinstance(r, MovementRecord) and r.actor
    ]
    assert {row["k"] for row in map_payload(no_family)["movements"]} == {palette.OTHER_COLOR}


def test_every_event_type_has_a_shape_of_its_own_so_colour_is_never_needed_alone() -> None:
    from dashboard.palette import EVENT_COLORS, EVENT_SHAPES, SHAPE_CORNERS, event_shape

    assert set(EVENT_SHAPES) == set(EVENT_COLORS)
    assert len(set(EVENT_SHAPES.values())) == len(EVENT_SHAPES)  # no two types share a shape
    assert all(shape in SHAPE_CORNERS for shape in EVENT_SHAPES.values())
    assert event_shape("Something new") == event_shape(None) == "circle"
    for shape, corners in SHAPE_CORNERS.items():
        assert shape == "circle" or len(corners) >= 3
        assert all(0.9 <= (x * x + y * y) ** 0.5 <= 1.3 for x, y in corners)  # about the circle's size


def test_the_legends_key_is_the_shape_in_the_colour() -> None:
    from dashboard.palette import shape_key

    assert shape_key("circle", "#d7191c") == (
        '<i class="kh-shape kh-shape-circle" style="background:#d7191c;border-radius:50%"></i>'
    )
    triangle = shape_key("triangle", "#8e44ad")
    assert "background:#8e44ad;clip-path:polygon(50.0% 0.0%," in triangle and triangle.count("%,") == 2
