"""Actor filters typed by a user, read through the actors' aliases (data/actors.csv).

The store keeps an actor under its canonical name ("ISIS"); analysts type "داعش", "Daesh", "IS". The
store (ground floor) cannot read the aliases, which are language data of this floor: whoever builds
`Filters` from what a user typed (the dashboard) passes them through `with_actor_aliases` first.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache

from extract.actors import canonical_actor_names
from extract.datafiles import read_csv
from geodata.names import is_arabic, normalize_name
from geodata.store.filters import Filters


def with_actor_aliases(filters: Filters) -> Filters:
    """`filters` whose actors also hold the canonical names of the actors they name ("Daesh" -> "Daesh",
    "ISIS"); each typed name is kept too (an imported dataset's actors have their own names)."""
    wanted = (n for typed in filters.actors for n in (typed, *canonical_actor_names(typed)))
    return replace(filters, actors=tuple(dict.fromkeys(wanted)))


_SEARCH_NAMES = 4  # other names shown beside an actor in a picker


@cache
def _other_names() -> dict[str, tuple[str, ...]]:
    """Canonical name -> a few other names it goes by, Arabic first (the first of each script, then the
    shortest): what a picker shows so that typing either finds it."""
    out: dict[str, tuple[str, ...]] = {}
    for row in read_csv("actors.csv"):
        names = [a.strip() for a in row["aliases"].split("|") if a.strip() and len(a.split()) <= 3]
        arabic = [a for a in names if is_arabic(a)]
        latin = sorted((a for a in names if not is_arabic(a)), key=len)
        seen = {normalize_name(row["name"])}
        picked = []
        for a in [*arabic[:1], *latin, *arabic[1:]]:
            if (key := normalize_name(a)) not in seen:
                seen.add(key)
                picked.append(a)
        out[row["name"]] = tuple(picked[:_SEARCH_NAMES])
    return out


def actor_label(name: str) -> str:
    """An actor as a picker lists it: its name, then a few of its other names ("ISIS · داعش · IS · ISIL
    · Daesh"), so that what an analyst types in either language finds it; other names as they are."""
    others = _other_names().get(name, ())
    return " · ".join((name, *others))
