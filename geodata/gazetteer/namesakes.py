"""A place an analyst adds that the gazetteer already has: a place of one of its names within
NEAR_KM. `gazetteer add` refuses it (an alias of the place, or `--force`, is what the analyst
wants), so the map never holds two pins for one town."""

from __future__ import annotations

from dataclasses import dataclass

from geodata.errors import GazetteerError
from geodata.gazetteer import Gazetteer
from geodata.gazetteer.sources import GazEntry
from geodata.geometry import km

NEAR_KM = 10.0


@dataclass(frozen=True, slots=True)
class Namesake:
    """A place of the gazetteer that bears one of a new place's names, and how far from it it lies."""

    entry: GazEntry
    name: str
    km: float

    def describe(self) -> str:
        e = self.entry
        kind = f"{e.feature_type}, {e.country_code}" if e.country_code else e.feature_type
        return f"{e.gid} {e.name or e.name_ar!r} ({kind}, {self.km:.1f} km away)"


def near_namesakes(new: GazEntry, gaz: Gazetteer, *, within_km: float = NEAR_KM) -> list[Namesake]:
    """The places of the gazetteer named like `new` (any of its names) within `within_km`, nearest first."""
    found: dict[str, Namesake] = {}
    for name in new.names:
        for e in gaz.candidates(name):
            d = km(new.lat, new.lon, e.lat, e.lon)
            if d <= within_km and (e.gid not in found or d < found[e.gid].km):
                found[e.gid] = Namesake(e, name, d)
    return sorted(found.values(), key=lambda n: n.km)


class NamesakeError(GazetteerError):
    """A new place the gazetteer seems to have already; `namesakes` nearest first."""

    def __init__(self, where: str, namesakes: list[Namesake]) -> None:
        self.where, self.namesakes = where, namesakes
        gid = namesakes[0].entry.gid
        super().__init__(self.explain(f"with --alias NAME --to {gid}", "add the place anyway with --force"))

    def explain(self, alias: str, anyway: str) -> str:
        """What is there already, and what to do: add a spelling to it (`alias`: how, in this interface),
        or force the new place (`anyway`)."""
        first = self.namesakes[0]
        more = f" and {len(self.namesakes) - 1} more" if len(self.namesakes) > 1 else ""
        return (
            f"{self.where}: {first.name!r} is already in the gazetteer within {NEAR_KM:g} km: {first.describe()}"
            f"{more}. Add your spelling to that place {alias}, or {anyway}."
        )


def refuse_namesakes(new: GazEntry, gaz: Gazetteer, where: str) -> None:
    """Raise a `NamesakeError` when a place of one of these names lies within NEAR_KM."""
    if near := near_namesakes(new, gaz):
        raise NamesakeError(where, near)
