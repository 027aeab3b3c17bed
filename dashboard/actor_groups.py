"""The actor picker's groups, the legend's: each family of `extract/data/actors.csv` (ISIS, Coalition,
Kurdish forces, Iraqi government...) is a choice of its own that stands for every stored actor of that
family, so an analyst picks "Kurdish forces" as the legend shows it rather than the YPG, the SDF and the
Peshmerga one by one. A group is `group:FAMILY` in the picker and in the URL (`?actor=group:Kurdish%20forces`);
the store is asked for its members (`expand`)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache

from dashboard.palette import family_colors
from extract.actor_filters import actor_label
from extract.lexicons import actors

GROUP = "group:"


def members(names: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """The families among these stored actors' names, in the legend's order, each with its members: those
    of two actors or more (a family of one is that actor, already in the picker)."""
    return dict(_members(tuple(names)))


@lru_cache(maxsize=8)  # the picker labels every choice on every run: worked out once per set of stored actors
def _members(names: tuple[str, ...]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    family_of = {d.name: d.family for d in actors()[0] if d.family}
    out = ((family, tuple(n for n in names if family_of.get(n) == family)) for family in family_colors())
    return tuple((family, group) for family, group in out if len(group) >= 2)


def options(names: Sequence[str]) -> tuple[str, ...]:
    """What the picker offers: the actors, then the groups (in the legend's order). An actor's name typed and
    Enter picks that actor, never a group that holds it (nor one named like it, "Kurdish forces")."""
    return (*names, *(GROUP + family for family in members(names)))


def expand(picked: Iterable[str], names: Iterable[str]) -> tuple[str, ...]:
    """The actors `picked` stands for (a group: its stored members), each once, in the order picked."""
    groups = members(names)
    out: list[str] = []
    for choice in picked:
        out += groups.get(choice.removeprefix(GROUP), ()) if choice.startswith(GROUP) else [choice]
    return tuple(dict.fromkeys(out))


def label(choice: str, names: Sequence[str] = ()) -> str:
    """How the picker shows a choice: a group as the legend names it, with how many actors it holds (not
    their names: typing a member's name finds the member), an actor with its other names."""
    if not choice.startswith(GROUP):
        return actor_label(choice)
    family = choice.removeprefix(GROUP)
    n = len(members(names).get(family, ()))
    return f"{family} (group of {n} actors)" if n else family
