"""What an event counts: the things its clause counts (tankers, families), the dead of its sentence,
and the people struck when no side is named (civilians, ACLED's actor2)."""

from __future__ import annotations

from functools import cache

from extract.annotated import Annotated
from extract.lexicons import ActorDef, actors, event_cues
from extract.numbers import Count, counts_in, fatalities_in
from extract.types import ActorMention
from extract.wordforms import word_forms


def event_numbers(
    ann: Annotated, clause: tuple[int, int], sentence: tuple[int, int], t: int
) -> tuple[Count | None, int | None]:
    """What the clause counts (tankers, families) and how many died in the sentence."""
    counts = [c for c in counts_in(ann.nt, *clause) if c.unit not in ("killed", "wounded")]
    fatalities = fatalities_in(ann.nt, *sentence)
    count = counts[0] if counts else None
    if (
        fatalities is None
        and count is not None
        and count.value
        and word_forms(ann.word(t)) & event_cues()["lethal_triggers"]
        and count.unit in event_cues()["victim_units"]
    ):
        fatalities = count.value  # "executed 15 civilians"
    return count, fatalities


@cache
def people_actor() -> ActorDef | None:
    """The actor the dead counted as people are (`people_actor` of event_cues.json)."""
    wanted = event_cues()["people_actor"]
    return next((d for d in actors()[0] if d.actor_id in wanted), None)


def people_struck(ann: Annotated, first: int, last: int) -> ActorMention | None:
    """'Wave of bombings in Baghdad kills 37 people', 'أسفر القصف عن مقتل 5 أشخاص': the dead or wounded
    counted as people, no fighters named, are civilians (ACLED's actor2)."""
    people = next((c for c in counts_in(ann.nt, first, last) if c.unit == "people"), None)
    civilian = people_actor()
    if people is None or civilian is None:
        return None
    return ActorMention(
        civilian.actor_id,
        civilian.name,
        civilian.actor_type,
        civilian.family,
        people.start,
        people.end,
        people.tok_first,
        people.tok_last,
    )
