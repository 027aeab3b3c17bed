"""The colours features are drawn in: events by ACLED event type, movements and roads by the family
of who moves or holds them, places in one colour.

Families come from data, never from words listed here: `extract/data/actors.csv` gives every actor
its family, extraction puts it on the record (`ActorRef.family`), and the families are coloured in
the order they first appear in that file from the fixed `FAMILY_PALETTE`. An actor without a family
(an imported dataset's name, an actor the file does not group) is "Other"; no actor is "Not stated".
"""

from __future__ import annotations

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

# Given to the families in the order they first appear in actors.csv (today: ISIS, Coalition, Kurdish
# forces, Iraqi government, Popular Mobilization Forces, Syrian government, Russia, Turkey, Syrian
# rebels, Civilians, Unidentified). A family added to the file needs a colour added here (a test says so).
FAMILY_PALETTE: tuple[str, ...] = (
    "#111111",
    "#2e86c1",
    "#e0a100",
    "#1f5fa8",
    "#0e8c8c",
    "#b22222",
    "#7d3c98",
    "#e8590c",
    "#5d9b3a",
    "#8d6e63",
    "#ad1457",
)
OTHER_ACTOR = ("Other", OTHER_COLOR)
UNKNOWN_ACTOR = ("Not stated", "#95a5a6")
_CUT_WORDS = ("cut", "closed", "contested", "blocked")  # a road's status text that dashes it


def event_color(event_type: str | None) -> str:
    return EVENT_COLORS.get(event_type or "", OTHER_COLOR)


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
