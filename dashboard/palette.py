"""The colours features are drawn in: events by ACLED event type, movements and roads by the family
of who moves or holds them, places in one colour.

Families come from data, never from words listed here: `extract/data/actors.csv` gives every actor
its family, extraction puts it on the record (`ActorRef.family`), and the families are coloured in
the order they first appear in that file from the fixed `FAMILY_PALETTE`. An actor without a family
(an imported dataset's name, an actor the file does not group) is "Other"; no actor is "Not stated".
"""

from __future__ import annotations

import math
from functools import cache
from typing import Any

from extract.lexicons import actors
from geodata.records import ActorRef, EventRecord, FeatureRecord, MovementRecord, RouteRecord

# ACLED's event types in ACLED's order, with their colours (colour-blind-safe where it matters).
EVENT_COLORS: dict[str, str] = {
    "Battles": "#d7191c",
    "Explosions/Remote violence": "#f07f1b",
    "Violence against civilians": "#8e44ad",
    "Protests": "#2c7bb6",
    "Riots": "#d4ac0d",
    "Strategic developments": "#1a9850",
}
OTHER_COLOR = "#7f8c8d"
PLACE_COLOR = "#34495e"

# And with their shapes, so that a type is told without its colour: each a polygon's corners on a unit
# circle (x right, y down, as on the screen), scaled by the marker's radius; a circle has none.
EVENT_SHAPES: dict[str, str] = {
    "Battles": "circle",
    "Explosions/Remote violence": "diamond",
    "Violence against civilians": "triangle",
    "Protests": "square",
    "Riots": "triangle-down",
    "Strategic developments": "hexagon",
}
OTHER_SHAPE = "circle"


def _corners(n: int, turn: float, scale: float = 1.0) -> tuple[tuple[float, float], ...]:
    """The corners of a regular n-gon on a circle of radius `scale`, the first at `turn` (radians, 0: right)."""
    return tuple(
        (round(scale * math.cos(turn + 2 * math.pi * k / n), 4), round(scale * math.sin(turn + 2 * math.pi * k / n), 4))
        for k in range(n)
    )


SHAPE_CORNERS: dict[str, tuple[tuple[float, float], ...]] = {
    "circle": (),
    "diamond": _corners(4, -math.pi / 2, 1.15),
    "triangle": _corners(3, -math.pi / 2, 1.25),  # a point up
    "square": _corners(4, -math.pi / 4, 1.1),
    "triangle-down": _corners(3, math.pi / 2, 1.25),
    "hexagon": _corners(6, 0.0, 1.1),
}

# Given to the families in the order they first appear in actors.csv (today: ISIS, Coalition, Kurdish
# forces, Iraqi government, Popular Mobilization Forces, Syrian government, Russia, Turkey, Syrian
# rebels, Civilians, Unidentified). A family added to the file needs a colour added here (a test says so).
# None is near an event type's colour (CIE76 colour difference 29 or more, a test says so) nor near
# another family's (21 or more): a road or a journey is never read as an event type.
FAMILY_PALETTE: tuple[str, ...] = (
    "#111111",  # black
    "#67c5e6",  # sky blue
    "#c9a66b",  # sand
    "#1f2d6e",  # navy
    "#0e8c8c",  # teal
    "#6b1e1e",  # maroon
    "#e78ac3",  # pink
    "#808000",  # olive
    "#a6d854",  # lime
    "#8d6e63",  # brown
    "#ad1457",  # magenta
)
OTHER_ACTOR = ("Other", OTHER_COLOR)
UNKNOWN_ACTOR = ("Not stated", "#95a5a6")
_CUT_WORDS = ("cut", "closed", "contested", "blocked")  # a road's status text that dashes it


def event_color(event_type: str | None) -> str:
    return EVENT_COLORS.get(event_type or "", OTHER_COLOR)


def event_shape(event_type: str | None) -> str:
    """The shape an event's marker has (a key of `SHAPE_CORNERS`): its type's, else a circle."""
    return EVENT_SHAPES.get(event_type or "", OTHER_SHAPE)


def shape_key(shape: str, color: str) -> str:
    """The legend's key of an event type: its shape in its colour (a CSS clip path made from the same corners
    as the map's markers; plain HTML, which the page's sanitised legend keeps)."""
    corners = SHAPE_CORNERS.get(shape, ())
    if not corners:
        return f'<i class="kh-shape kh-shape-circle" style="background:{color};border-radius:50%"></i>'
    points = ",".join(f"{50 + x * 40:.1f}% {50 + y * 40:.1f}%" for x, y in corners)
    return f'<i class="kh-shape kh-shape-{shape}" style="background:{color};clip-path:polygon({points})"></i>'


@cache
def family_colors() -> dict[str, str]:
    """Each family of actors.csv (in the order of first appearance) and its colour; families beyond
    the palette are drawn like "Other"."""
    families = dict.fromkeys(d.family for d in actors()[0] if d.family)
    return {family: FAMILY_PALETTE[i] if i < len(FAMILY_PALETTE) else OTHER_COLOR for i, family in enumerate(families)}


def actor_family(actor: ActorRef | None) -> tuple[str, str]:
    """(family label, colour) of an actor, from the family its record carries."""
    if actor is None or not actor.name.strip():
        return UNKNOWN_ACTOR
    color = family_colors().get(actor.family)
    return (actor.family, color) if color else OTHER_ACTOR


def record_color(record: FeatureRecord) -> str:
    """The colour a feature is drawn in: its event type, who moves or holds the road, or the place dot."""
    if isinstance(record, EventRecord):
        return event_color(record.event_type)
    if isinstance(record, MovementRecord):
        return actor_family(record.actor)[1]
    if isinstance(record, RouteRecord):
        return actor_family(record.controlled_by)[1]
    return PLACE_COLOR


def route_style(route: RouteRecord) -> dict[str, Any]:
    """Colour by who holds the road; a road its status says is cut, closed, contested or blocked is dashed."""
    label, color = actor_family(route.controlled_by)
    status = route.status.casefold()
    return {"color": color, "label": label, "dashed": any(w in status for w in _CUT_WORDS)}
