"""A deed told again, and its doers named again, in the sentences after it.

* "The attack killed three soldiers." / "وقال مراسل إن الهجوم أسفر عن مقتل ثلاثة
  عناصر": a definite deed noun ("the attack", "the blast", "الهجوم", "التفجير")
  whose clause names no place, in one of the two sentences after an event of
  the same type, is that event again, not a new one somewhere else: it gives
  the event the dead and wounded its clause counts, when the event has none,
  and its evidence grows to take in the sentence.
* "The attackers withdrew toward the desert." / "انسحب المهاجمون": the words of
  `attacker_refs` (data/event_cues.json) name the actor1 of the violent event
  told last before.
"""

from __future__ import annotations

from dataclasses import replace

from extract.annotated import Annotated, PlaceTok
from extract.lexicons import TriggerDef, event_cues
from extract.matching import Match
from extract.numbers import fatalities_in, injured_in
from extract.types import VIOLENT_TYPES, Event, Span
from extract.wordforms import word_forms
from geodata.names import is_arabic

BACK = 2  # sentences after an event in which it may be told again


def _definite(ann: Annotated, m: Match) -> bool:
    """The trigger is a noun made definite: "the attack", "this bombing", "الهجوم", "والتفجير"; not after a
    word of quantity ("شنت طائرات روسية عشرات الغارات": dozens of new strikes)."""
    word = ann.word(m.tok_first)
    if word_forms(ann.word(m.tok_first - 1)) & event_cues()["quantity_before"]:
        return False
    if is_arabic(word):
        return any(f.startswith("ال") for f in word_forms(word))
    return ann.word(m.tok_first - 1) in event_cues()["told_again_articles"]


def told_again(
    ann: Annotated,
    m: Match,
    trig: TriggerDef,
    *,
    clause: tuple[int, int],
    places: list[PlaceTok],
    told: list[tuple[int, int]],
    events: list[Event],
    sentence: int,
) -> int | None:
    """The index in `events` of the event trigger `m` of sentence number `sentence` tells again, or None
    for a new deed; `told` holds (sentence, index in `events`) of the events of the sentences before."""
    if not _definite(ann, m) or any(clause[0] <= p.tok_first <= clause[1] for p in places):
        return None
    for at, j in reversed(told):
        if at < sentence - BACK:
            return None
        if at < sentence and events[j].event_type == trig.event_type:
            return j
    return None


def fold(ann: Annotated, e: Event, clause: tuple[int, int], sent: Span) -> Event:
    """The event told again gets the dead and wounded of the clause that tells it (when it has none)."""
    dead = fatalities_in(ann.nt, *clause) if e.fatalities is None else e.fatalities
    hurt = injured_in(ann.nt, *clause) if e.injured is None else e.injured
    if dead == e.fatalities and hurt == e.injured:
        return e
    return replace(e, fatalities=dead, injured=hurt, start=min(e.start, sent.start), end=max(e.end, sent.end))


def attackers_again(ann: Annotated, events: list[Event]) -> list[Event]:
    """Events whose doers are named as "the attackers" / "المهاجمون" take the actor1 of the violent event
    told last before them."""
    refs = event_cues()["attacker_refs"]
    out = list(events)
    for i, e in enumerate(out):
        t0, t1 = ann.tok_of(e.trigger.start), ann.tok_of(max(e.trigger.start, e.trigger.end - 1))
        near = range(t1 + 1, t1 + 3) if is_arabic(ann.word(t0)) else range(max(0, t0 - 2), t0)
        if not any(word_forms(ann.word(k)) & refs for k in near):
            continue
        doer = next((b.actor1 for b in reversed(out[:i]) if b.event_type in VIOLENT_TYPES and b.actor1), None)
        if doer is not None:
            same = e.actor2 is not None and e.actor2.actor_id == doer.actor_id
            out[i] = replace(e, actor1=doer, actor2=None if same else e.actor2)
    return out
