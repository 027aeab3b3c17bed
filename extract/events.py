"""Events typed with ACLED's taxonomy, from trigger words in both languages.

For each trigger (data/triggers.csv) in a sentence: the location is the
place a locative word ties to it (after the trigger first, then before),
actor1 the agent (before the trigger, or marked by "من قبل" / "by"), actor2
the target; sub-types marked "*" are decided by air / artillery cues and by
who the actors are. One event per place and sentence.
"""

from __future__ import annotations

from dataclasses import replace

from extract.annotated import Annotated, PlaceTok, geo_precision
from extract.lexicons import TriggerDef, cues, event_cues, triggers
from extract.matching import Match
from extract.numbers import Count, counts_in, fatalities_in
from extract.types import ActorMention, DateRef, Event, Span
from extract.wordforms import word_forms
from geodata.names import is_arabic


def _clause(ann: Annotated, first: int, last: int, t: int) -> tuple[int, int]:
    """The tokens between the commas (، ,) around trigger token t."""
    text = ann.doc.text
    a = t
    while a > first and not any(c in text[ann.nt.orig_ends[a - 1] : ann.nt.orig_starts[a]] for c in ",،;؛"):
        a -= 1
    b = t
    while b < last and not any(c in text[ann.nt.orig_ends[b] : ann.nt.orig_starts[b + 1]] for c in ",،;؛"):
        b += 1
    return a, b


def _located(ann: Annotated, p: PlaceTok) -> bool:
    """A locative word ties the place to what happens ("in central Ramadi", "قرب", "بالرقة")."""
    if p.place.start > 0 and ann.doc.text[p.place.start - 1] in event_cues()["locative_proclitics"]:
        return True
    skip = cues()["feature_words"]
    for i in range(p.tok_first - 1, max(-1, p.tok_first - 4), -1):
        forms = word_forms(ann.word(i))
        if forms & event_cues()["locatives"] or ann.cue_before(p, "near", reach=3) is not None:
            return True
        if not forms & skip:
            return False
    return False


_WIDE = frozenset({"country", "governorate", "region", "sea", "river"})


def _spoken_at(ann: Annotated, p: PlaceTok) -> bool:
    """'he told reporters in Baghdad': where something was said, not where it happened."""
    speech = event_cues()["speech_words"]
    return any(word_forms(ann.word(i)) & speech for i in range(max(0, p.tok_first - 3), p.tok_first))


def _location(ann: Annotated, places: list[PlaceTok], t: int) -> PlaceTok | None:
    places = [p for p in places if not _spoken_at(ann, p)]
    after = [p for p in places if p.tok_first > t]
    before = [p for p in places if p.tok_last < t]
    tied_after = [p for p in after if _located(ann, p)]
    tied_before = [p for p in reversed(before) if _located(ann, p)]
    for tied in (tied_after, tied_before):
        local = [p for p in tied if p.place.feature_type not in _WIDE]
        if local:
            return local[0]
    for tied in (tied_after, tied_before):
        if tied:
            return tied[0]
    direct = [p for p in after if p.tok_first == t + 1]  # "قصف الرقة", "shelling Raqqa"
    if direct:
        return direct[0]
    local = sorted((p for p in places if p.place.feature_type != "country"), key=lambda p: abs(p.tok_first - t))
    if local:
        return local[0]
    # "اتفاق بين الولايات المتحدة وتركيا": a country, at precision 3 — but not the backer
    # of an actor ("التحالف بقيادة الولايات المتحدة")
    backer = event_cues()["support_markers"]
    free = [p for p in after if not any(word_forms(ann.word(i)) & backer for i in range(p.tok_first - 2, p.tok_first))]
    return free[0] if free else None


def _near_marker(ann: Annotated, a: ActorMention, key: str, reach: int = 2) -> bool:
    want = event_cues()[key]
    return any(word_forms(ann.word(i)) & want for i in range(max(0, a.tok_first - reach), a.tok_first))


def _actors(
    ann: Annotated, first: int, last: int, t: tuple[int, int], *, trig: TriggerDef
) -> tuple[ActorMention | None, ActorMention | None]:
    """actor1 (who acts) and actor2 (who it is done to) around trigger tokens t."""
    t0, t1 = t
    acts = [
        a
        for a in ann.actors_in(first, last)
        if a.tok_first <= t0 <= a.tok_last or not _near_marker(ann, a, "support_markers")
    ]
    between = ann.word(t1 + 1) in event_cues()["between"]
    if trig.sub_event_type == "Agreement" or between:
        # "X and Y signed an agreement", "اشتباكات بين البيشمركة وداعش": both sides, in order
        sides = [a for a in acts if a.tok_first > t1] if between else acts
        distinct = list({a.actor_id: a for a in reversed(sides)}.values())[::-1]
        if len(distinct) >= 2:
            return distinct[0], distinct[1]
    marked = [a for a in acts if ann.word(a.tok_first - 1) in event_cues()["agent_markers"]]
    holding = [a for a in acts if a.tok_first <= t0 <= a.tok_last]  # "coalition air strikes"
    subordinate = [i for i in range(first, t0) if word_forms(ann.word(i)) & event_cues()["subordinators"]]
    before = [a for a in acts if a.tok_last < t0 and not any(a.tok_last < i for i in subordinate)]
    after = [a for a in acts if a.tok_first > t1 and a not in marked]
    agent = next(iter(marked or holding or before[-1:]), None)
    if (
        agent is None
        and after
        and after[0].tok_first - t1 <= 2
        and is_arabic(ann.word(t0))
        and ann.word(after[0].tok_first - 1) not in event_cues()["source_markers"]
    ):
        # Arabic verb first ("قصفت قوات النظام") or the strikes' owner ("غارة لمقاتلات التحالف")
        agent, after = after[0], after[1:]
    targets = [a for a in after if a.actor_id != (agent.actor_id if agent else "")]
    marked_targets = [a for a in targets if _near_marker(ann, a, "target_markers")]
    return agent, next(iter(marked_targets or targets), None)


def _subtype(
    ann: Annotated, trig: TriggerDef, first: int, last: int, *, agent: ActorMention | None, target: ActorMention | None
) -> tuple[str, str]:
    if trig.sub_event_type == "*territory":
        state = agent is not None and agent.actor_type in cues()["state_actor_types"]
        return "Battles", "Government regains territory" if state else "Non-state actor overtakes territory"
    if not trig.sub_event_type.startswith("*"):
        return trig.event_type, trig.sub_event_type
    if ann.has_word(first, last, "air") is not None:
        return "Explosions/Remote violence", "Air/drone strike"
    if ann.has_word(first, last, "artillery") is not None:
        return "Explosions/Remote violence", "Shelling/artillery/missile attack"
    if trig.sub_event_type == "*air":  # "strikes" with no other cue are air strikes
        return "Explosions/Remote violence", "Air/drone strike"
    if trig.sub_event_type == "*shell":  # "قصف" with no other cue is a bombardment
        return "Explosions/Remote violence", "Shelling/artillery/missile attack"
    if target is not None and target.actor_type in cues()["civilian_actor_types"]:
        return "Violence against civilians", "Attack"
    return "Battles", "Armed clash"


def _aim(ann: Annotated, m: Match, trig: TriggerDef) -> bool:
    """A purpose, not a deed: "لاستعادة الموصل", "advanced to recapture Mosul"."""
    if trig.event_type != "Battles":
        return False
    return m.prefix[-1:] in cues()["aim_proclitics"] or ann.word(m.tok_first - 1) in event_cues()["aim_before"]


def _merge(first: Event, later: Event) -> Event:
    actor1 = first.actor1 or later.actor1
    actor2 = first.actor2 or later.actor2
    same = actor1 is not None and actor2 is not None and actor1.actor_id == actor2.actor_id
    return replace(
        first,
        actor1=actor1,
        actor2=None if same else actor2,
        count=first.count if first.count is not None else later.count,
        unit=first.unit or later.unit,
    )


def _event_location(
    ann: Annotated, places: list[PlaceTok], clause: tuple[int, int], t: int, *, sent: Span, trig: TriggerDef
) -> tuple[PlaceTok | None, int]:
    """Where the event of trigger token t happened (in its clause first, then its sentence) and the
    geo precision; a specific trigger with no place is at the article's focus town."""
    a, b = clause
    loc = _location(ann, [p for p in places if a <= p.tok_first <= b], t)
    if loc is None or loc.place.feature_type in _WIDE:  # "the capital of Anbar province": the town wins
        wider = _location(ann, places, t)
        loc = wider if wider is not None and (loc is None or wider.place.feature_type not in _WIDE) else loc
    precision = geo_precision(ann, loc) if loc else 2
    if loc is None and trig.specific and not any(d.precision == "range" for d in ann.dates_in(sent)):
        loc = ann.focus_place()  # "a suicide car bomber attacked troops near the Hoz district"
    return loc, precision


def _numbers(
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


def _event(
    ann: Annotated, sent: Span, m: Match, trig: TriggerDef, *, places: list[PlaceTok], default_date: DateRef | None
) -> Event | None:
    """The event one trigger match names, or None (an aim, a road's control, no place)."""
    first, last = ann.tok_range(sent)
    t = m.tok_first
    if _aim(ann, m, trig):
        return None  # "للسيطرة على", "to recapture": an aim, not an event
    clause = _clause(ann, first, last, t)
    if trig.sub_event_type == "*territory" and ann.has_word(t + 1, min(clause[1], t + 5), "road_words") is not None:
        return None  # control of a road is the route's property, not an event
    loc, precision = _event_location(ann, places, clause, t, sent=sent, trig=trig)
    if loc is None:
        return None
    agent, target = _actors(ann, *clause, (t, m.tok_last), trig=trig)
    if agent is None:
        agent, wider_target = _actors(ann, first, last, (t, m.tok_last), trig=trig)
        target = target or wider_target
    etype, sub = _subtype(ann, trig, first, last, agent=agent, target=target)
    count, fatalities = _numbers(ann, clause, (first, last), t)
    dates = ann.dates_in(sent)
    return Event(
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
        count=count.value if count else None,
        unit=count.unit if count else "",
    )


def events_in(ann: Annotated, default_date: DateRef | None) -> list[Event]:
    """Events of the document, in text order: one per place and sentence, later triggers for the same
    place filling its gaps."""
    defs, lex = triggers()
    out: list[Event] = []
    for sent in ann.sentences:
        places = ann.places_in(*ann.tok_range(sent))
        seen: dict[str, int] = {}  # place -> index in out
        for m in ann.matches(lex, sent.start, sent.end):
            event = _event(ann, sent, m, defs[lex.payloads(m)[0]], places=places, default_date=default_date)
            if event is None:
                continue
            gid = event.place.gazetteer_id
            if gid in seen:
                out[seen[gid]] = _merge(out[seen[gid]], event)
            else:
                seen[gid] = len(out)
                out.append(event)
    return out
