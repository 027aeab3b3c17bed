"""Two triggers of one sentence that tell one event: how vague a trigger is, which names the event,
and how their slots merge."""

from __future__ import annotations

from dataclasses import replace

from extract.lexicons import TriggerDef, event_cues
from extract.types import TAKING_TYPES, Event
from geodata.geometry import km

_REMOTE = "Explosions/Remote violence"
_STRATEGIC = "Strategic developments"
JOIN_KM = 40.0  # how far a vague trigger's place may lie from the event of its sentence it joins
HOLDER_CHARS = 20  # from a place to the one that holds it ("Kafr Nabl in southern Idlib")
_WIDE = frozenset({"country", "governorate", "region", "countryside"})


def vagueness(trig: TriggerDef) -> int:
    """0 for a trigger that names the event ("air strike", "took control"), 1 for one with a
    default kind ("bombing", "قصف"), 2 for one whose kind is only guessed ("killed", "attack")."""
    if not trig.sub_event_type.startswith("*") or trig.takes_ground:
        return 0
    return 2 if trig.sub_event_type == "*" else 1


def taken(first: Event, later: Event) -> bool:
    """'troops fighting in the Qalamun region seized the town of Rankus': the fight ended in a taking,
    which names the event."""
    return first.sub_event_type == "Armed clash" and later.sub_event_type in TAKING_TYPES


def merge(first: Event, later: Event, *, later_names_it: bool) -> Event:
    """One event of a place and sentence from two triggers; `later_names_it` when the later trigger
    says what happened better ("انفجرت عبوة ناسفة", "were killed in an air strike")."""
    if later_names_it:
        first = replace(first, event_type=later.event_type, sub_event_type=later.sub_event_type, trigger=later.trigger)
    actor1 = first.actor1 or later.actor1
    actor2 = first.actor2 or later.actor2
    same = actor1 is not None and actor2 is not None and actor1.actor_id == actor2.actor_id
    # a later "killing 5 civilians" counts the dead, already in fatalities, not what the event counts
    takes_count = first.count is None and later.count is not None and later.count != later.fatalities
    return replace(
        first,
        actor1=actor1,
        actor2=None if same else actor2,
        count=later.count if takes_count else first.count,
        unit=later.unit if takes_count else first.unit,
    )


def joined(first: Event, later: Event, was: int, vague: int) -> bool:
    """Whether a later trigger's event at the place of an earlier one of its sentence is that event: a vague
    word joins any, a deed of the same type joins, but not two named explosions of two kinds ("قذائف ...
    انفجار سيارة مفخخة": a shelling and a car bomb)."""
    if vague == 2 or was == 2:
        return True
    if first.event_type == later.event_type == _STRATEGIC and first.sub_event_type != later.sub_event_type:
        return False  # "left Quneitra under a deal": the deal and the handing over are two developments
    two_weapons = not (vague or was) and later.event_type == _REMOTE and first.sub_event_type != later.sub_event_type
    return first.event_type == later.event_type and not two_weapons


def nearby_event(event: Event, seen: list[tuple[str, Event]], text: str) -> str | None:
    """The place key of the event of the sentence a vaguely told one ("killing six") belongs to: the one whose
    place its own place holds, named right after it ("hit Kafr Nabl in southern Idlib, killing six"; not
    "target Foah and Kefraya"); None if none."""
    p = event.place
    for gid, other in reversed(seen):
        q = other.place
        gap = text[q.end : p.start].split()
        held = 0 <= p.start - q.end <= HOLDER_CHARS and bool(gap) and gap[0].lower() in event_cues()["holder_links"]
        if held and (p.feature_type in _WIDE or km(p.lat, p.lon, q.lat, q.lon) <= JOIN_KM):
            return gid
    return None
