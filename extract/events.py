"""Events typed with ACLED's taxonomy, from trigger words in both languages.

For each trigger (data/triggers.csv) in a sentence: the location is the
place a locative word ties to it (after the trigger first, then before),
actor1 the agent (before the trigger, or marked by "من قبل" / "by"), actor2
the target; sub-types marked "*" are decided by air / artillery cues and by
who the actors are. One event per place, kind and sentence.
"""

from __future__ import annotations

import bisect
from dataclasses import replace

from extract.annotated import Annotated, PlaceTok
from extract.event_actors import event_actors, one_side, quoted_state, state_side
from extract.event_aims import aim, no_protest, protested, time_of_told, told_word, unreal
from extract.event_counts import event_numbers, people_struck
from extract.event_deals import TRANSFER, entered_under_deal, left_under_deal
from extract.event_merge import joined, merge, nearby_event, taken, vagueness
from extract.event_place_roles import geo_precision
from extract.event_places import coordinated, event_location
from extract.event_protest import crowd_kind, protest_sides, protest_stormed, with_force
from extract.event_weapons import air_fired, blew_oneself_up, blew_self_up, hit_weapon, nearest_weapon, weapon_near
from extract.lexicons import TriggerDef, cues, event_cues, triggers
from extract.matching import Match
from extract.no_deed import (
    arrest_raid,
    container_named,
    denied,
    destroyed_thing,
    foreseen_subject,
    left_behind,
    munition_after,
    munition_fell,
    road_relative,
    things_taken,
    toll_after,
    unopposed,
)
from extract.numbers import injured_in
from extract.references import site_references, town_references
from extract.referring import implied_subject, joined_subject, pronoun_subject
from extract.scenes import crowd_side
from extract.told_again import attackers_again, fold, told_again
from extract.types import HARM_TYPES, TAKING_TYPES, VIOLENT_TYPES, ActorMention, DateRef, Event, Span


def _clause(ann: Annotated, first: int, last: int, t: int) -> tuple[int, int]:
    """The tokens between the commas (، ,) around trigger token t (not the comma of "2,000")."""
    breaks = ann.comma_breaks()
    k = bisect.bisect_left(breaks, t)  # breaks[k - 1] < t <= breaks[k]
    a = max(first, breaks[k - 1] + 1) if k else first
    b = min(last, breaks[k]) if k < len(breaks) else last
    return a, b


def _subtype(
    ann: Annotated,
    trig: TriggerDef,
    first: int,
    last: int,
    *,
    clause: tuple[int, int],
    side: tuple[int, int],
    t: int,
    agent: ActorMention | None,
    target: ActorMention | None,
) -> tuple[str, str]:
    kind = _kind(ann, trig, first, last, clause=clause, t=t, agent=agent, target=target)
    kind = crowd_kind(ann, kind, side, clause, agent=agent, target=target)
    if kind[1] == "Remote explosive/landmine/IED" and (
        ann.words_in(first, last, "suicide_words", event_cues()["suicide_words"])
        or blew_oneself_up(ann, *clause)
        or (agent is not None and blew_self_up(ann, agent))
    ):
        return "Explosions/Remote violence", "Suicide bomb"  # "car bombs driven by suicide bombers"
    if kind[1] in TAKING_TYPES and (unopposed(ann, first, last) or entered_under_deal(ann, first, last, t)):
        return TRANSFER  # "entered Kirkuk without resistance", "entered Nawa after its fighters agreed to hand over"
    return kind


_SHELLING = "Shelling/artillery/missile attack"


def _kind(
    ann: Annotated,
    trig: TriggerDef,
    first: int,
    last: int,
    *,
    clause: tuple[int, int],
    t: int,
    agent: ActorMention | None,
    target: ActorMention | None,
) -> tuple[str, str]:
    if trig.sub_event_type == "*between":
        return "Battles", "Armed clash"
    if trig.sub_event_type == "*exit":
        return TRANSFER  # "fighters left Dumair" under a deal (`left_under_deal`)
    if trig.sub_event_type in ("*territory", "*entry"):
        if target is not None and target.actor_type in cues()["civilian_actor_types"]:
            return "Violence against civilians", "Abduction/forced disappearance"  # "seized 2,000 civilians"
        return "Battles", "Government regains territory" if state_side(agent) else "Non-state actor overtakes territory"
    if not trig.sub_event_type.startswith("*"):
        if trig.sub_event_type == _SHELLING and air_fired(ann, clause[0], t):
            return "Explosions/Remote violence", "Air/drone strike"  # "Israeli jets fired missiles at T4"
        if trig.sub_event_type == "Government regains territory" and agent is not None and not state_side(agent):
            return "Battles", "Non-state actor overtakes territory"  # "rebels retook Saraqib", "حررت قسد الطبقة"
        weapon = nearest_weapon(ann, *clause, t) if trig.sub_event_type == "Looting/property destruction" else None
        if weapon is None:
            return trig.event_type, trig.sub_event_type
        # what warplanes or artillery "destroyed" ("دمرت الطائرات الحربية 17 هدفاً"), they struck
        return "Explosions/Remote violence", "Air/drone strike" if weapon == "air" else _SHELLING
    weapon = nearest_weapon(ann, *clause, t) or nearest_weapon(ann, first, last, t)
    if weapon == "air":
        return "Explosions/Remote violence", "Air/drone strike"
    if weapon == "artillery":
        return "Explosions/Remote violence", _SHELLING
    if trig.sub_event_type == "*air":  # "strikes" with no other cue are air strikes
        return "Explosions/Remote violence", "Air/drone strike"
    if trig.sub_event_type == "*shell":  # "قصف" with no other cue is a bombardment
        return "Explosions/Remote violence", "Shelling/artillery/missile attack"
    if trig.sub_event_type == "*bomb":  # "bombings", "تفجير" with no air or artillery cue: explosives
        return "Explosions/Remote violence", "Remote explosive/landmine/IED"
    if target is not None and target.actor_type in cues()["civilian_actor_types"]:
        return "Violence against civilians", "Attack"
    return "Battles", "Armed clash"


def _sides(
    ann: Annotated,
    clause: tuple[int, int],
    sentence: tuple[int, int],
    m: Match,
    trig: TriggerDef,
    *,
    accused: ActorMention | None,
) -> tuple[ActorMention | None, ActorMention | None]:
    """actor1 and actor2 from the trigger's clause, else its sentence (both sides at once for a clash
    "between" two); the one accused of the deed is its agent."""
    agent, target = event_actors(ann, *clause, (m.tok_first, m.tok_last), trig=trig)
    if accused is not None:  # "accused government forces of killing", "اتهمت ... قوات النظام بقتل"
        return accused, None if target is not None and target.actor_id == accused.actor_id else target
    between = ann.words_in(m.tok_last + 1, clause[1], "between", event_cues()["between"])
    if (trig.sub_event_type == "*between" or between) and (agent is None or target is None):
        # "اشتباكات بين قوات البيشمركة من جهة، والقوات العراقية من جهة أخرى": the sides go on past a comma
        wide = event_actors(ann, *sentence, (m.tok_first, m.tok_last), trig=trig)
        if trig.sub_event_type == "*between" or (None not in wide and {agent, target} - {None} <= set(wide)):
            return wide
    if agent is None:
        agent, wider_target = event_actors(ann, *sentence, (m.tok_first, m.tok_last), trig=trig)
        target = target or wider_target
    if agent is None:  # "وكانت فصائل الحشد قد تقدمت. وسيطرت على ناحية العباسي"
        agent = (
            implied_subject(ann, *sentence, m)
            or pronoun_subject(ann, *sentence, m)
            or joined_subject(ann, sentence[0], m)
        )
    if agent is None and target is not None and blew_self_up(ann, target):
        return target, None  # "تفجير عنصرين من جبهة النصرة نفسيهما": who blew himself up
    if agent is None and trig.sub_event_type == "Government regains territory" and quoted_state(ann, m.end, target):
        return target, None  # "'Our forces have liberated Qayyarah,' said a general of the Operations Command"
    return agent, target


def _force_entered(ann: Annotated, agent: ActorMention | None, clause: tuple[int, int], t: int) -> bool:
    """'government forces entered Nawa': a named armed force, the subject before the word in its clause, not
    negated ("no aid convoys have entered"), nor unnamed attackers ("suicide bombers entered the town and
    engaged SDF forces": an attack, not a taking)."""
    if agent is None or agent.actor_type in cues()["civilian_actor_types"]:
        return False
    if agent.actor_id in event_cues()["placeholder_actors"] or not clause[0] <= agent.tok_last < t:
        return False
    if ann.words_in(clause[0], t - 1, "suicide_words", event_cues()["suicide_words"]):
        return False
    return not ann.words_in(max(clause[0], t - 6), t - 1, "negation_words", cues()["negation_words"])


def _two_sides(ann: Annotated, last: int, t: int, agent: ActorMention | None, target: ActorMention | None) -> bool:
    """'violence between X and Y': "between" after the trigger in its sentence, two sides named after it."""
    between = ann.words_in(t + 1, last, "between", event_cues()["between"])
    return bool(between) and agent is not None and target is not None and agent.tok_first > between[0]


def _accused(ann: Annotated, first: int, m: Match) -> ActorMention | None:
    """'The opposition accused government forces of killing ...', 'اتهمت المعارضة قوات النظام بقتل ...':
    the actor accused of the deed right after it (joined by "of" / "بـ") is its agent."""
    t = m.tok_first
    joined = m.prefix[-1:] == "ب" or ann.word(t - 1) == "of"
    end = t - 1 if m.prefix[-1:] == "ب" else t - 2
    who = [a for a in ann.actors_in(max(first, end - 8), end) if a.tok_last == end]
    if not joined or not who:
        return None
    lo, hi = max(first, who[0].tok_first - 6), who[0].tok_first - 1
    blamed = ann.words_in(lo, hi, "blame_words", event_cues()["blame_words"])  # the key event_frames reads it by
    return who[0] if blamed else None


def _no_deed_here(
    ann: Annotated, m: Match, trig: TriggerDef, sentence: tuple[int, int], clause: tuple[int, int]
) -> bool:
    """The words of a deed tell none here: a road's control, a state, shells or the dead that fell, a
    word inside a name, mines left behind."""
    first, last = sentence
    t = m.tok_first
    taking = trig.takes_ground
    if taking and ann.has_word(t + 1, min(clause[1], t + 5), "road_words") is not None:
        return True  # control of a road is the route's property, not an event
    if taking and road_relative(ann, t, first):
        return True  # "the highway, parts of which the army regained", "الطريق ... والذي استعادت القوات أجزاء منه"
    if taking and any(ann.word(i) in event_cues()["state_before"] for i in (t - 1, t - 2) if i >= first):
        return True  # "بات تحت سيطرة قوات النظام", "under the control of": a state, not a deed
    if taking and things_taken(ann, m, first, last):
        return True  # "seized weapons and ammunition": things, not ground
    if trig.event_type == "Battles" and (
        munition_after(ann, m, last)
        or toll_after(ann, m, last)
        or munition_fell(ann, m, clause[0])
        or unopposed(ann, max(first, m.tok_first - 3), m.tok_last, ending=True)  # "entered it without a fight"
    ):
        return True  # "سقطت قذائف على المزة", "سقوط 12 قتيلا": shells or the dead fell, no town did
    if trig.event_type == "Battles" and any(
        a.tok_first <= m.tok_first and m.tok_last <= a.tok_last
        for a in ann.actors_in(max(0, m.tok_first - 6), m.tok_last + 6)
    ):
        return True  # "هيئة تحرير الشام", "Liberation Army": a word of the deed inside a name
    if any(p.tok_first <= t and m.tok_last <= p.tok_last and p.place.resolved for p in ann.places_in(t, m.tok_last)):
        return True  # "Sarrin", the town, is no sarin
    if destroyed_thing(ann, m, first) or denied(ann, m, clause[0]):
        return True  # "destroyed 19 fighting positions": what a strike destroyed; "did not shell", "no ceasefire"
    if trig.sub_event_type == "Remote explosive/landmine/IED" and container_named(ann, m, last):
        return True  # "رفعوا عبوات فارغة": empty bottles, no bomb
    if trig.sub_event_type == "*air" and arrest_raid(ann, t, sentence):
        return True  # "three suspects had been arrested in raids": the arrest tells the raid
    return trig.event_type == "Explosions/Remote violence" and left_behind(ann, m, clause[0])  # mines left


def _sides_fit(
    ann: Annotated,
    trig: TriggerDef,
    *,
    clause: tuple[int, int],
    last: int,
    t: int,
    sides: tuple[ActorMention | None, ActorMention | None],
    places: list[PlaceTok],
) -> bool:
    """The words of a clash, an entry or a leaving tell a deed only with the sides that make it one; a state's
    force taking a protest's ground takes none."""
    agent, target = sides
    if trig.takes_ground and state_side(agent) and protest_stormed(ann, t, clause[1]):
        return False  # "troops stormed the sit-in square": the protest met force, no ground was taken
    if trig.sub_event_type == "*between":
        return _two_sides(ann, last, t, agent, target)  # "the violence in Syria": no clash named
    if trig.sub_event_type == "*entry":
        return _force_entered(ann, agent, clause, t)  # "refugees entered Turkey": no force took anything
    if trig.sub_event_type == "*exit":  # "civilians left Raqqa", "the attack left five dead": nothing handed over
        return left_under_deal(ann, clause, last, t, agent=agent, places=places)
    return True


def _events(
    ann: Annotated, sent: Span, m: Match, trig: TriggerDef, *, places: list[PlaceTok], default_date: DateRef | None
) -> list[Event]:
    """The event one trigger match names at its place, and at each place listed with it ("shelling
    targets Hama and Raqqa": two events; the dead stay with the first, their split unknown); none
    for an aim, a road's control, no place."""
    first, last = ann.tok_range(sent)
    t = m.tok_first
    if aim(ann, m, trig) or unreal(ann, first, t) or foreseen_subject(ann, m, last) or protested(ann, m, trig):
        return []  # "للسيطرة على", "to recapture", "likely to become the next target": not a deed
    if no_protest(ann, m, trig):
        return []  # "the attacks demonstrated the regime's cruelty": shown, not protested
    accused = _accused(ann, first, m)
    if accused is None and told_word(ann, max(first, t - 4), t - 1):
        return []  # "ISIS claimed the bombing", "تبنى داعش التفجير": the deed told before, not a new one
    clause = _clause(ann, first, last, t)
    if _no_deed_here(ann, m, trig, (first, last), clause):
        return []
    loc, precision = event_location(ann, places, clause, t, sent=sent, trig=trig)
    if loc is None:
        return []
    agent, target = _sides(ann, clause, (first, last), m, trig, accused=accused)
    if not _sides_fit(ann, trig, clause=clause, last=last, t=t, sides=(agent, target), places=places):
        return []
    # a protest's words on the other side of a contrast are another crowd's ("..., بينما فرّقت الهيئة مظاهرة")
    side = crowd_side(ann, sent, t)
    etype, sub = _subtype(ann, trig, first, last, clause=clause, side=side, t=t, agent=agent, target=target)
    agent, target = with_force(ann, (etype, sub), side, (agent, target))
    count, fatalities = event_numbers(ann, clause, (first, last), t)
    injured = injured_in(ann.nt, first, last)
    if etype not in VIOLENT_TYPES:
        fatalities = injured = None  # a withdrawal, an arrest, a protest: the dead of the sentence are another deed's
    if agent is not None and target is not None and one_side(ann, agent, target):
        # one side named twice ("قسد" ... "قوات سوريا الديمقراطية"), or a group and its family's name
        # ("فصائل من الجيش السوري الحر": factions of the FSA): the more precise name
        agent, target = (target if agent.name == agent.family else agent), None
    if target is None and etype in HARM_TYPES and (fatalities or injured):
        target = people_struck(ann, first, last)
    dates = ann.dates_in(sent)
    event = Event(
        event_type=etype,
        sub_event_type=sub,
        place=loc.place,
        geo_precision=precision,
        start=sent.start,
        end=sent.end,
        trigger=Span(m.start, m.end),
        actor1=agent,
        actor2=target,
        date=dates[0] if dates else default_date,
        fatalities=fatalities,
        injured=injured,
        count=count.value if count else None,
        unit=count.unit if count else "",
    )
    also = [
        replace(event, place=p.place, geo_precision=geo_precision(ann, p), fatalities=None, injured=None)
        for p in coordinated(ann, loc, places, sent)
    ]
    return sorted([event, *also], key=lambda e: e.place.start)  # in the list's order


def events_in(ann: Annotated, default_date: DateRef | None) -> list[Event]:
    """Events of the document, in text order: one per place, kind and sentence, later triggers for
    the same place filling its gaps (a trigger that only guesses its kind, "killed", joins any)."""
    defs, lex = triggers()
    out: list[Event] = []
    told: list[tuple[int, int]] = []  # (sentence, index in out) of the events of the sentences before
    for si, sent in enumerate(ann.sentences):
        found = ann.matches(lex, sent.start, sent.end)
        if not found:
            continue  # most sentences of a long text: no word of a deed
        first, last = ann.tok_range(sent)
        refs = [*town_references(ann, first, last), *site_references(ann, first, last)]
        # an English wire story's dateline ("BEIRUT (Reuters) -") is where it was written, never where a deed was
        written = [p for p in ann.places_in(first, last) if not ann.written_at(p)]
        places = sorted([*written, *refs], key=lambda p: p.tok_first)
        seen: dict[str, tuple[int, int, int]] = {}  # place -> (index in out, vagueness of its trigger, as joined)
        for m in found:
            trig = defs[lex.payloads(m)[0]]
            if out and time_of_told(ann, m):
                continue  # "Within hours of the raid, gunmen attacked": a deed told before tells when
            clause = _clause(ann, first, last, m.tok_first)
            j = told_again(ann, m, trig, clause=clause, places=places, told=told, events=out, sentence=si)
            if j is not None:  # "the attack killed three": the event before, not a new one
                out[j] = fold(ann, out[j], clause, sent)
                continue
            vague = 2 if hit_weapon(ann, m, first) else vagueness(trig)
            # "، فيما قصفت مدفعية النظام": a bombardment whose clause names its weapon is another deed than the raids
            bombards = trig.sub_event_type in ("*shell", "*air")
            armed = 0 if vague == 1 and bombards and weapon_near(ann, clause, m.tok_first) else vague
            for event in _events(ann, sent, m, trig, places=places, default_date=default_date):
                gid = event.place.gazetteer_id
                if gid not in seen and vague == 2:  # "hit Kafr Nabl in southern Idlib, killing six": that strike's
                    gid = nearby_event(event, [(g, out[i]) for g, (i, _, _) in seen.items()], ann.doc.text) or gid
                joins = gid in seen and joined(out[seen[gid][0]], event, seen[gid][2], armed)
                if joins:
                    i, was, was_armed = seen[gid]
                    out[i] = merge(out[i], event, later_names_it=vague < was or taken(out[i], event))
                    seen[gid] = (i, min(was, vague), min(was_armed, armed))
                else:
                    seen[gid] = (len(out), vague, armed)
                    out.append(event)
        told += [(si, i) for i, _, _ in seen.values()]
    return attackers_again(ann, [_no_state_bomber(protest_sides(ann, e)) for e in out])


def _no_state_bomber(e: Event) -> Event:
    """'Police surrounded a third attacker, who blew himself up': a state's force sends no suicide bomber; named
    as the bombing's agent, it was what the bomber hit (and an armed group named as the target was the bomber)."""
    a1, a2, c = e.actor1, e.actor2, cues()
    if e.sub_event_type != "Suicide bomb" or not state_side(a1):
        return e
    if a2 is not None and not state_side(a2) and a2.actor_type not in c["civilian_actor_types"]:
        return replace(e, actor1=a2, actor2=a1)  # the sides read the wrong way round
    return replace(e, actor1=None, actor2=a2 or a1)
