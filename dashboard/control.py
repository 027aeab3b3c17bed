"""Who holds what (Liveuamap's areas of control): each town's last known holder, from the events that
change hands, as of the last day the map shows.

- "Government regains territory" and "Non-state actor overtakes territory" (recaptured, liberated, fell
  to, overran, استعادت، سقطت): the town is held by actor1 from the event's date.
- "Non-violent transfer of territory" (withdrew, handed over, pulled out, انسحب، سلمت): our extractor
  makes the party that withdraws or hands over actor1 and the one that receives actor2. With a receiver
  the town is held by it; without one, the town is no longer held by actor1 and its holder is unknown.

An event with neither a holder nor a named leaver says nothing about control and is left out. The last
change by date wins (a change of unknown date counts as earlier than any dated one); each holding keeps
the id of the event it comes from, whose sentence is its evidence.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from dashboard.palette import UNKNOWN_ACTOR, actor_family
from geodata.records import EventRecord, Record

TAKEN = frozenset({"Government regains territory", "Non-state actor overtakes territory"})
HANDED = "Non-violent transfer of territory"
EPOCH = date(1970, 1, 1)


@dataclass(frozen=True, slots=True)
class Holding:
    """A town's last known holder ("" when it was left without a receiver) and the event that says so."""

    lat: float
    lon: float
    place: str
    holder: str
    left_by: str
    color: str
    day: int | None  # days since 1970-01-01 of the change (its period's end), None when undated
    feature_id: str

    @property
    def key(self) -> str:
        """The town, as the changes of one town share it."""
        return f"{self.place}|{self.lat:.4f}|{self.lon:.4f}"

    def row(self) -> list[object]:
        """`[lat, lon, place, holder, left by, colour, day, id, key]`, as khareeta.js `K.control` reads it."""
        return [
            self.lat,
            self.lon,
            self.place,
            self.holder,
            self.left_by,
            self.color,
            self.day,
            self.feature_id,
            self.key,
        ]


def _change(r: EventRecord) -> tuple[str, str] | None:
    """(holder, left by) the event tells, or None when it says nothing about control."""
    if r.sub_event_type not in TAKEN and r.sub_event_type != HANDED:  # most events: at once
        return None
    a1 = r.actor1.name if r.actor1 else ""
    a2 = r.actor2.name if r.actor2 else ""
    if r.sub_event_type in TAKEN and a1:
        return a1, ""
    if r.sub_event_type == HANDED and (a2 or a1):
        return (a2, "") if a2 else ("", a1)
    return None


def _day(r: EventRecord) -> int | None:
    when = r.date
    return (when.end - EPOCH).days if when is not None and when.end is not None else None


def changes(records: Iterable[Record]) -> list[Holding]:
    """Every change of hands the events tell, in the order they happened (undated first, then by day;
    reports of one day in the order given): the map replays them up to the day it shows."""
    found = []
    for order, r in enumerate(records):
        if not isinstance(r, EventRecord) or (change := _change(r)) is None:
            continue
        holder, left_by = change
        p = r.place
        actor = r.actor2 if r.sub_event_type == HANDED and holder else r.actor1
        color = actor_family(actor)[1] if holder else UNKNOWN_ACTOR[1]
        day = _day(r)
        found.append(
            (
                (day if day is not None else -1, order),
                Holding(p.lat, p.lon, p.name, holder, left_by, color, day, r.feature_id),
            )
        )
    return [h for _, h in sorted(found, key=lambda pair: pair[0])]


def holdings(records: Iterable[Record], *, as_of: int | None = None) -> list[Holding]:
    """The last known holder of every town that changed hands (up to day `as_of`, if given), by place name."""
    last: dict[str, Holding] = {}
    for h in changes(records):
        if as_of is None or h.day is None or h.day <= as_of:
            last[h.key] = h
    return sorted(last.values(), key=lambda h: h.place)
