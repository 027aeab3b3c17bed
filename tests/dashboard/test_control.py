"""dashboard/control.py: who holds what, from the events that change hands, as of a day."""

from __future__ import annotations

from datetime import date

from dashboard.control import changes, holdings
from dashboard.palette import UNKNOWN_ACTOR, actor_family
from geodata.records import ActorRef, EventRecord, PlaceRef, dated
from tests.dashboard.factories import BAAJ, MOSUL, RAQQA, sentence

ISIS = ActorRef("ISIS", "isis", "jihadist")
ARMY = ActorRef("Iraqi army", "iraqi_army", "iraqi_state")
SDF = ActorRef("SDF", "sdf", "kurdish")


def ev(
    fid: str, sub: str, place: PlaceRef, when: date | None, a1: ActorRef | None, a2: ActorRef | None = None
) -> EventRecord:
    etype = "Strategic developments" if sub.startswith("Non-violent") else "Battles"
    return EventRecord(
        feature_id=fid,
        event_type=etype,
        sub_event_type=sub,
        place=place,
        actor1=a1,
        actor2=a2,
        date=dated(when) if when else None,
        **sentence(f"Our own sentence about {place.name}."),
    )


TAKEN = "Non-state actor overtakes territory"
REGAINED = "Government regains territory"
HANDED = "Non-violent transfer of territory"
HISTORY = [
    ev("e3", REGAINED, MOSUL, date(2017, 7, 10), ARMY),
    ev("e1", TAKEN, MOSUL, date(2014, 6, 10), ISIS),
    ev("e2", HANDED, BAAJ, date(2014, 6, 12), ARMY),  # withdrew, nobody named as receiving
    ev("e4", HANDED, RAQQA, date(2017, 10, 20), ISIS, SDF),  # handed over to the SDF
    ev("e5", "Armed clash", RAQQA, date(2017, 10, 25), ISIS, SDF),  # a clash changes no hands
    ev("e6", REGAINED, BAAJ, None, None),  # no actor named: says nothing
]


def held(as_of: date | None = None) -> dict[str, tuple[str, str, str]]:
    day = (as_of - date(1970, 1, 1)).days if as_of else None
    return {h.place: (h.holder, h.left_by, h.feature_id) for h in holdings(HISTORY, as_of=day)}


def test_the_last_change_by_date_wins_whatever_the_order_reported() -> None:
    assert held() == {
        "Mosul": ("Iraqi army", "", "e3"),
        "Al-Baaj": ("", "Iraqi army", "e2"),
        "Raqqa": ("SDF", "", "e4"),
    }


def test_as_of_a_day_the_holder_then() -> None:
    assert held(date(2014, 6, 11)) == {"Mosul": ("ISIS", "", "e1")}
    assert held(date(2016, 1, 1))["Mosul"] == ("ISIS", "", "e1")
    assert held(date(2017, 7, 10))["Mosul"] == ("Iraqi army", "", "e3")


def test_changes_come_in_the_order_they_happened_with_the_holders_colour() -> None:
    found = changes(HISTORY)
    assert [h.feature_id for h in found] == ["e1", "e2", "e3", "e4"]
    colors = {h.feature_id: h.color for h in found}
    assert colors["e1"] == actor_family(ISIS)[1] and colors["e4"] == actor_family(SDF)[1]
    assert colors["e2"] == UNKNOWN_ACTOR[1]  # left, holder unknown
    assert found[0].row()[:8] == [36.34, 43.13, "Mosul", "ISIS", "", actor_family(ISIS)[1], 16231, "e1"]


def test_an_undated_change_counts_before_every_dated_one() -> None:
    undated = ev("e0", TAKEN, MOSUL, None, SDF)
    assert [h.feature_id for h in holdings([HISTORY[1], undated])] == ["e1"]
    assert [h.feature_id for h in holdings([undated])] == ["e0"]
