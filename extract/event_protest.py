"""ACLED's kinds and sides of what crowds do: a protest whose crowd storms, burns or stones is a riot
(a violent demonstration), one met with live fire is excessive force against protesters, one broken
up is a protest with intervention; and the deed of a crowd ("protesters stormed the consulate", "أحرق
المتظاهرون مبنى المحافظة") is a riot, not a taking or a looting. A protest a state's force stormed ("troops
stormed the sit-in square", "اقتحمت القوات ساحة الاعتصام") is no riot and no ground taken: a protest with
intervention, or excessive force when the sentence counts dead.

Crowds are the actors whose type is in `crowd_actor_types` (cues.json: protesters); the phrases are
cues.json's `riot_words`, `lethal_force_words` and `dispersal_words`, and `riot_words_not_before`
(tyres: burning tyres on a road is the protest's way, no riot).
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache

from extract.annotated import Annotated
from extract.event_actors import state_side
from extract.lexicons import ActorDef, actors, cues, event_cues, phrase_lexicon, triggers
from extract.numbers import fatalities_in
from extract.types import ActorMention, Event, Span
from extract.wordforms import word_forms
from geodata.names import is_arabic

CROWD_TYPES = frozenset({"Protests", "Riots"})  # the event types of what crowds do
RIOT = ("Riots", "Violent demonstration")
EXCESSIVE = ("Protests", "Excessive force against protesters")
INTERVENTION = ("Protests", "Protest with intervention")
ATTACK = ("Violence against civilians", "Attack")
# what a crowd does that makes it a riot: a taking, a looting, a fight, an attack
_CROWD_DEEDS = frozenset(
    {
        "Looting/property destruction",
        "Non-state actor overtakes territory",
        "Government regains territory",
        "Armed clash",
        "Attack",
    }
)
_HARM = frozenset({"Battles", "Violence against civilians"})


def crowd_kind(
    ann: Annotated,
    kind: tuple[str, str],
    sentence: tuple[int, int],
    clause: tuple[int, int],
    *,
    agent: ActorMention | None,
    target: ActorMention | None,
) -> tuple[str, str]:
    """The kind of a deed once who did it to whom and the protest's words are read (`kind` otherwise)."""
    if _crowd(agent) and kind[1] in _CROWD_DEEDS:
        return RIOT  # "protesters stormed the Iranian consulate", "اقتحم المحتجون القنصلية"
    if _crowd(target) and kind[0] in _HARM:
        return EXCESSIVE  # "security forces shot dead 12 protesters", "مقتل متظاهرَين"
    if kind[0] != "Protests":
        return kind
    lethal = phrase_told(ann, *sentence, "lethal_force_words") or _crowd_killed(ann, *sentence)
    # "troops stormed the sit-in square", "اقتحمت القوات ساحة الاعتصام": a force broke into the protest
    stormed = EXCESSIVE if lethal or fatalities_in(ann.nt, *sentence) else INTERVENTION
    if _rioting(ann, *clause):
        return stormed if state_side(agent) or _force_storms(ann, *clause) else RIOT
    if lethal:
        return EXCESSIVE  # "fired live rounds at the protesters", "أطلقت القوات الرصاص الحي على المتظاهرين"
    if _rioting(ann, *sentence):
        return stormed if _force_storms(ann, *sentence) else RIOT
    if kind[1] == "Peaceful protest" and _force_storms(ann, *sentence):
        return stormed  # "entered the sit-in square", "دخلت قوة من الجيش ساحة الاعتصام"
    if kind[1] == "Peaceful protest" and phrase_told(ann, *sentence, "dispersal_words"):
        return INTERVENTION  # "the sit-in was cleared by security forces", "فضت القوات الاعتصام"
    return kind


@cache
def _crowd_def() -> ActorDef | None:
    """The first actor of actors.csv of a crowd's type (cues.json crowd_actor_types)."""
    return next((d for d in actors()[0] if d.actor_type in cues()["crowd_actor_types"]), None)


def _crowd_of(ann: Annotated, e: Event) -> ActorMention | None:
    """The crowd a protest's word names (the first actor of a crowd's type in actors.csv), at that word."""
    crowd = _crowd_def()
    if crowd is None:
        return None
    first, last = ann.tok_of(e.trigger.start), ann.tok_of(max(e.trigger.start, e.trigger.end - 1))
    return ActorMention(
        crowd.actor_id, crowd.name, crowd.actor_type, crowd.family, e.trigger.start, e.trigger.end, first, last
    )


def _crowd(a: ActorMention | None) -> bool:
    return a is not None and a.actor_type in cues()["crowd_actor_types"]


def _force_storms(ann: Annotated, first: int, last: int) -> bool:
    """A phrase of a crowd's violence done by a state's force: the actor nearest before it ("Iraqi troops
    stormed") or, an Arabic verb first, right after it ("اقتحمت القوات العراقية"; "هاجم محتجون مخفر الشرطة
    وأحرقوا سيارة" is the protesters' riot)."""
    start, end = ann.nt.orig_starts[first], ann.nt.orig_ends[last]
    defs, lex = triggers()
    entered = [m for m in ann.matches(lex, start, end) if defs[lex.payloads(m)[0]].takes_ground]
    for m in [*ann.matches(phrase_lexicon("riot_words"), start, end), *entered]:
        if m in entered and not protest_stormed(ann, m.tok_last, last):
            continue  # "دخلت قوة من الجيش ساحة الاعتصام": a taking of the protest's ground
        doers = ann.actors_in(max(first, m.tok_first - STORMER_REACH), m.tok_first - 1)[-1:]
        if is_arabic(ann.word(m.tok_first)):  # verb first: "اقتحمت القوات", not "مخفر الشرطة وأحرقوا"
            doers = ann.actors_in(m.tok_last + 1, min(last, m.tok_last + 2))[:1] or (
                doers if m in entered else []  # "إن قوة من الجيش ... دخلت ساحة الاعتصام": its subject before
            )
        if doers and state_side(doers[0]):
            return True
    return False


def protest_stormed(ann: Annotated, t: int, last: int) -> bool:
    """The ground a word of taking at token t takes is a protest's ("stormed the sit-in square", "اقتحمت ساحة
    الاعتصام", "raided a protest camp"): a protest's word within a few words after it."""
    defs, lex = triggers()
    hi = min(last, t + PROTEST_OBJECT_REACH)
    if t + 1 > hi:
        return False
    start, end = ann.nt.orig_starts[t + 1], ann.nt.orig_ends[hi]
    dated = [d.span for d in ann.dates_in(Span(start, end)) if d.span]  # "retook it on March 2": a month
    return any(
        defs[lex.payloads(m)[0]].event_type == "Protests" and not any(d.start <= m.start < d.end for d in dated)
        for m in ann.matches(lex, start, end)
    )


STORMER_REACH = 8  # words from the force to its word of storming ("an army force backed by special forces entered")
PROTEST_OBJECT_REACH = 4  # words from a word of taking to the protest it stormed ("stormed the sit-in square")
KILLED_BEFORE, KILLED_AFTER = 4, 3  # words from a killing to the crowd it killed ("killed at least 60
# protesters", "مقتل متظاهرين") and from the crowd to it ("two protesters were killed")


def _crowd_killed(ann: Annotated, first: int, last: int) -> bool:
    """A crowd named as the dead of its sentence: a killing word (`lethal_triggers`) right before or after it."""
    kills = event_cues()["lethal_triggers"]
    for a in ann.actors_in(first, last):
        if _crowd(a) and ann.words_in(
            max(first, a.tok_first - KILLED_BEFORE), min(last, a.tok_last + KILLED_AFTER), "lethal_triggers", kills
        ):
            return True
    return False


def phrase_told(ann: Annotated, first: int, last: int, name: str) -> bool:
    """A phrase of the cue list `name` among tokens first..last."""
    return first <= last and bool(ann.matches(phrase_lexicon(name), ann.nt.orig_starts[first], ann.nt.orig_ends[last]))


def _rioting(ann: Annotated, first: int, last: int) -> bool:
    """A phrase of a crowd's violence among tokens first..last, not one of burning tyres."""
    if first > last:
        return False
    tyres = cues()["riot_words_not_before"]
    for m in ann.matches(phrase_lexicon("riot_words"), ann.nt.orig_starts[first], ann.nt.orig_ends[last]):
        if not any(word_forms(ann.word(j)) & tyres for j in (m.tok_last + 1, m.tok_last + 2) if j <= last):
            return True
    return False


def with_force(
    ann: Annotated,
    kind: tuple[str, str],
    sentence: tuple[int, int],
    sides: tuple[ActorMention | None, ActorMention | None],
) -> tuple[ActorMention | None, ActorMention | None]:
    """A protest broken up or fired on has the force that did it as a side, wherever its sentence names
    it ("protesters gathered, and security forces fired live rounds to disperse them")."""
    if kind[0] != "Protests" or kind[1] == "Peaceful protest" or None not in sides:
        return sides
    force = next((a for a in ann.actors_in(*sentence) if a.actor_type in cues()["state_actor_types"]), None)
    if force is None or force in sides:
        return sides
    agent, target = sides
    return (agent, force) if agent is not None else (force, target)


def protest_sides(ann: Annotated, e: Event) -> Event:
    """ACLED's sides of a protest or a riot: the crowd first, and only a force that intervened ("فرقت
    قوات الأمن المتظاهرين") or what a riot struck as the other; what a peaceful protest is against is no
    side of it ("demanding the fall of the regime", "ضد هيئة تحرير الشام"). A crowd the text does not name
    ("نظم العشرات من أهالي الحسكة وقفة احتجاجية", "hundreds rallied") is the protesters its word names."""
    if e.event_type not in CROWD_TYPES:
        return e
    sides = [a for a in (e.actor1, e.actor2) if a is not None]
    # a protest always has its crowd first (what it is against, or where it gathered, is no side of it); a
    # riot keeps the actor the text names
    unnamed = e.actor1 is None or e.event_type == "Protests"
    crowd = next((a for a in sides if _crowd(a)), None) or (_crowd_of(ann, e) if unnamed else None)
    other = next((a for a in sides if not _crowd(a)), None)
    if e.sub_event_type == "Peaceful protest":
        return replace(e, actor1=crowd or e.actor1, actor2=None)
    if e.event_type == "Riots":
        return replace(e, actor1=crowd or e.actor1, actor2=other if crowd else e.actor2)
    if (e.event_type, e.sub_event_type) == EXCESSIVE and other is not None and _armed_group(other):
        # "فتح مسلحون ملثمون النار على المعتصمين": ACLED's excessive force is a state's; gunmen attack civilians
        return replace(e, event_type=ATTACK[0], sub_event_type=ATTACK[1], actor1=other, actor2=crowd)
    return replace(e, actor1=crowd, actor2=other)


def _armed_group(a: ActorMention) -> bool:
    """An actor that is neither a state's force (`state_actor_types`: external forces too) nor civilians nor a
    crowd: a rebel group, a militia, unidentified gunmen."""
    c = cues()
    return a.actor_type not in c["state_actor_types"] | c["civilian_actor_types"] | c["crowd_actor_types"]
