"""The actor picker's groups, the legend's families (`dashboard.actor_groups`)."""

from __future__ import annotations

from dashboard import actor_groups as groups

STORED = ("ISIS", "SDF (Syrian Democratic Forces)", "Peshmerga (Kurdistan Region)", "Iraqi army", "Mosul Police")


def test_a_family_of_two_stored_actors_or_more_is_a_group_in_the_legends_order() -> None:
    assert groups.members(STORED) == {
        "Kurdish forces": ("SDF (Syrian Democratic Forces)", "Peshmerga (Kurdistan Region)")
    }
    assert groups.options(STORED) == (*STORED, "group:Kurdish forces")  # ISIS alone is its actor, no group
    assert groups.options(()) == ()


def test_a_group_stands_for_its_stored_members_each_once() -> None:
    kurds = ("SDF (Syrian Democratic Forces)", "Peshmerga (Kurdistan Region)")
    assert groups.expand(["group:Kurdish forces"], STORED) == kurds
    assert groups.expand(["ISIS", "group:Kurdish forces", "SDF (Syrian Democratic Forces)"], STORED) == ("ISIS", *kurds)
    assert groups.expand(["group:Russia"], STORED) == ()  # no stored member: nothing (the store finds nothing)
    assert groups.expand([], STORED) == ()


def test_the_picker_shows_a_group_with_its_members_and_an_actor_with_its_other_names() -> None:
    options = groups.options(STORED)
    assert groups.label("group:Kurdish forces", options) == "Kurdish forces (group of 2 actors)"
    assert "داعش" in groups.label("ISIS", options)
    many = tuple(f"X{i}" for i in range(3))
    assert groups.label("group:Nobody", many) == "Nobody"
