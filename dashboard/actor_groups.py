"""The actor picker's groups, the legend's: each family of `extract/data/actors.csv` (ISIS, Coalition,
Kurdish forces, Iraqi government...) is a choice of its own that stands for every stored actor of that
family, so an analyst picks "Kurdish forces" as the legend shows it rather than the YPG, the SDF and the
Peshmerga one by one. A group is `group:FAMILY` in the picker and in the URL (`?actor=group:Kurdish%20forces`);
the store is asked for its members (`expand`)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from dashboard.palette import family_colors
from extract.actor_filters import actor_label
from extract.lexicons import actors

GROUP = "group:"


def _family_of() -> dict[str, str]:
    return {d.name: d.family for d in actors()[0] if d.family}


def members(names: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """The families among these stored actors' names, in the legend's order, each with its members: those
    of two actors or more (a family of one is that actor, already in the picker)."""
    family_of = _family_of()
    stored = list(names)
    out = {family: tuple(n for n in stored if family_of.get(n) == family) for family in family_colors()}
    return {family: names for family, names in out.items() if len(names) >= 2}


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
