"""Event frames filled from the paragraph: who claimed it, who was blamed, how many were hurt.

An event is read from its sentence (`extract/events.py`); real reports give the
rest later in the paragraph:

* "ISIS claimed the attack in a statement." / "تبنى تنظيم داعش الهجوم": the
  claimant is actor1 of the event told just before (in this sentence or the
  two before, in the same paragraph) when it has none or only an unnamed one
  ("gunmen", "a suicide bomber"). "No group claimed responsibility" claims
  nothing.
* "officials blamed the Islamic State" / "اتهم مسؤولون تنظيم داعش": the
  blamed actor, when no claim named one.
* "Two soldiers were killed and five wounded." / "أسفر الهجوم عن مقتل ثلاثة
  عناصر": a sentence with no event of its own gives the event just before it
  its dead and wounded (kept apart), and its victims as actor2, when the event
  has none.
* "The militants slowed the advance with roadside bombs. On Sunday a suicide
  car bomber attacked troops": an unnamed attacker is the armed group that
  acted in the event just before, in the same paragraph, when that group is not
  the one attacked (`paragraph_attacker_types`).
* "Shells targeted Mezzeh. The regime forces shelled Jobar.": strikes or
  shelling with no attacker take the one state force that did the same in the
  paragraph (`remote_attacker_types`).
* "rockets killed two civilians in the regime-held town": the side holding a town struck none of its
  civilians; with no attacker named, it stays unnamed.
* "ISIS seized Sinjar. Hundreds of women had been abducted in Sinjar.":
  violence against civilians with no doer named, in a town an armed group
  took just before in the paragraph, is that group's.

A slot filled so keeps the span of its own words, and the event's evidence
grows to take in the sentence that gave it. The words are lists of
`data/event_cues.json` (claim_words, claim_objects, claim_verbs_ar,
claim_not_after, claim_negations, blame_words, blame_with_responsibility,
responsibility_words).
"""

from __future__ import annotations

import bisect
from dataclasses import replace

from extract.annotated import Annotated
from extract.lexicons import cues, event_cues, triggers
from extract.numbers import fatalities_in, injured_in
from extract.roles import is_victim
from extract.types import HARM_TYPES, TAKING_TYPES, VIOLENT_TYPES, ActorMention, Event, Span
from extract.wordforms import word_forms

_BACK = 2  # sentences before a claim or a toll in which its event may be told
_AIR = "Air/drone strike"


def _words(ann: Annotated, first: int, last: int, key: str) -> list[int]:
    return ann.words_in(first, last, key, event_cues()[key])


def _negated(ann: Annotated, i: int, first: int) -> bool:
    return any(ann.word(j) in event_cues()["claim_negations"] for j in range(max(first, i - 3), i))


def _claimant(ann: Annotated, sent: Span) -> ActorMention | None:
    """Who claims an attack in this sentence ("ISIS claimed responsibility", "تبنى داعش الهجوم")."""
    first, last = ann.tok_range(sent)
    acts = ann.actors_in(first, last)
    for i in _words(ann, first, last, "claim_words"):
        if _negated(ann, i, first):
            continue
        ahead = [ann.word(j) for j in range(i + 1, min(last, i + 3) + 1)]
        if ahead and ahead[0] in event_cues()["claim_not_after"]:
            continue  # "claimed the lives of", "claimed that"
        verb_first = bool(word_forms(ann.word(i)) & event_cues()["claim_verbs_ar"])
        names_deed = verb_first or any(word_forms(w) & event_cues()["claim_objects"] for w in ahead)
        if not names_deed and not ann.matches(triggers()[1], ann.nt.orig_starts[i], sent.end):
            continue
        after = [a for a in acts if 0 < a.tok_first - i <= 3]
        before = [a for a in acts if a.tok_last < i]
        pick = (after[:1] if verb_first else []) or before[-1:] or after[:1]
        if pick:
            return pick[0]
    return None


def _blamed(ann: Annotated, sent: Span) -> ActorMention | None:
    """Whom officials blame ("blamed the Islamic State", "اتهم مسؤولون تنظيم داعش")."""
    first, last = ann.tok_range(sent)
    acts = ann.actors_in(first, last)
    blame = _words(ann, first, last, "blame_words")
    if _words(ann, first, last, "responsibility_words"):  # "حمّلت الحكومة داعش المسؤولية"
        blame = sorted(blame + _words(ann, first, last, "blame_with_responsibility"))
    for i in blame:
        if _negated(ann, i, first):
            continue
        after = [a for a in acts if a.tok_first > i and a.actor_type not in cues()["civilian_actor_types"]]
        if after:
            return after[0]
    return None


def _toll(ann: Annotated, sent: Span) -> tuple[int | None, int | None]:
    """The dead and the wounded a sentence reports."""
    first, last = ann.tok_range(sent)
    return fatalities_in(ann.nt, first, last), injured_in(ann.nt, first, last)


def _first_victim(ann: Annotated, sent: Span) -> ActorMention | None:
    """The first who suffered in a sentence (a civilian, or a victim by `extract/roles.py`)."""
    first, last = ann.tok_range(sent)
    acts = ann.actors_in(first, last)
    civilian = cues()["civilian_actor_types"]
    return next((a for a in acts if a.actor_type in civilian or is_victim(ann, a, acts, (first, last))), None)


def _wider(e: Event, sent: Span) -> Event:
    return replace(e, start=min(e.start, sent.start), end=max(e.end, sent.end))


def _unnamed(a: ActorMention | None) -> bool:
    return a is None or a.actor_id in event_cues()["placeholder_actors"]


def complete_events(ann: Annotated, events: list[Event]) -> list[Event]:
    """The events with the slots later sentences of their paragraph fill."""
    if not events:
        return []  # nothing to fill
    out = list(events)
    sents = list(ann.sentences)
    told: dict[int, list[int]] = {k: [] for k in range(len(sents))}
    starts = [s.start for s in sents]
    for n, ev in enumerate(out):  # the sentence each event is told in
        k = bisect.bisect_right(starts, ev.start) - 1
        if k >= 0 and ev.start < sents[k].end:
            told[k].append(n)
    for k, sent in enumerate(sents):
        target = _told_before(ann, sents, told, out, k)
        if target is None:
            continue
        e = out[target]
        who = (_claimant(ann, sent) or _blamed(ann, sent)) if _unnamed(e.actor1) else None  # asked when needed
        if who is not None and e.actor2 is not None and (e.actor2.start, e.actor2.end) == (who.start, who.end):
            # "..., فيما تبناه تنظيم داعش": the claimant read in the event's own sentence as its target
            victim = _first_victim(ann, sent)
            e = replace(e, actor1=who, actor2=victim if victim is not None and victim.start != who.start else None)
        elif who is not None and (e.actor2 is None or e.actor2.actor_id != who.actor_id):
            e = _wider(replace(e, actor1=who), sent)
        if not told[k] and e.fatalities is None and _just_before(told, k, target):
            dead, hurt = _toll(ann, sent)
            if dead is not None:
                e = _wider(replace(e, fatalities=dead, injured=e.injured if hurt is None else hurt), sent)
        out[target] = e
    for k, sent in enumerate(sents):
        near = any(told.get(j) for j in range(k - 2, k + 3) if j != k)
        victim = _first_victim(ann, sent) if near and not told[k] else None
        i = _suffered_in(ann, sents, told, out, k, victim=victim) if victim is not None else None
        if i is not None and victim is not None:
            out[i] = _wider(replace(out[i], actor2=victim), sent)
    sides = [_other_side(ann, _holder_attacks(ann, e)) for e in out]
    strikes = _one_striker(_same_strikes(ann, sents, _unnamed_attackers(ann, sents, sides)))
    return _takers_deeds(ann, sents, strikes)


def _supporting(ann: Annotated, a: ActorMention) -> bool:
    """'backed by Russian aircraft', 'بدعم من الطيران الروسي', 'U.S.-backed': an ally, not the other side."""
    marks = event_cues()["support_markers"]
    before = range(max(0, a.tok_first - 3), a.tok_first)
    after = ann.word(a.tok_last + 1)
    return any(word_forms(ann.word(i)) & marks for i in before) or bool(word_forms(after) & marks)


def _other_side(ann: Annotated, e: Event) -> Event:
    """A battle has two sides: 'casualties of the regime forces, allies, and ISIS members in
    clashes' names the second side in the battle's own sentence (one other armed side only)."""
    if e.event_type != "Battles" or _unnamed(e.actor1) or e.actor2 is not None or e.actor1 is None:
        return e
    first, last = ann.tok_at(e.start), ann.tok_at(max(e.start, e.end - 1))
    civilian, family = cues()["civilian_actor_types"], e.actor1.family
    others = [
        a
        for a in ann.actors_in(first, last)
        if a.family != family
        and a.actor_type not in civilian
        and not _unnamed(a)
        and not _holds(ann, a)
        and not _supporting(ann, a)
    ]
    return replace(e, actor2=others[0]) if len({a.family for a in others}) == 1 else e


_REMOTE = "Explosions/Remote violence"
_FIGHTS = frozenset({"Battles", _REMOTE})
_SOURCE_REACH = 3  # words between "from" and the holder ("من مناطق سيطرة الفصائل")


def _holds(ann: Annotated, a: ActorMention) -> bool:
    """The actor is named as the one holding a place: "IS-held Ramadi", "الخاضعة لسيطرة داعش"."""
    after_words, text = event_cues()["holder_after"], ann.doc.text
    return (
        (text[a.end : a.end + 1] == "-" and ann.word(a.tok_last + 1) in after_words)
        or ("-" in text[a.start : a.end] and ann.word(a.tok_last) in after_words)  # "IS-held" is one actor name
        or bool(word_forms(ann.word(a.tok_first - 1)) & event_cues()["holder_before"])
    )


def _fired_from(ann: Annotated, a: ActorMention) -> bool:
    """The holder names where the fire came from: "rockets fired from rebel-held areas", "قذائف مصدرها"
    … "من مناطق سيطرة الفصائل"."""
    words = event_cues()["holder_source"]
    reach = range(max(0, a.tok_first - _SOURCE_REACH), a.tok_first)
    return any(ann.word(i) in words or f"{ann.word(i - 1)} {ann.word(i)}" in words for i in reach)


def _holder_attacks(ann: Annotated, e: Event) -> Event:
    """'2 suicide attacks kill 12 Iraqi troops near IS-held Ramadi': with no attacker named, the
    side that holds the place attacked the other side's forces. 'Jets struck the ISIS-held town':
    the holder named after the deed is its target, not its agent. The holder a taking names is who took
    the place: "بعد سيطرة قوات النظام عليها"."""
    if e.event_type not in _FIGHTS or e.sub_event_type in TAKING_TYPES:
        return e
    a1, a2 = e.actor1, e.actor2
    first, last = ann.tok_at(e.start), ann.tok_at(max(e.start, e.end - 1))
    if e.event_type == _REMOTE and _unnamed(a1):  # "shells fired from rebel-held areas", "من مناطق سيطرة التنظيم"
        source = next((a for a in ann.actors_in(first, last) if _holds(ann, a) and _fired_from(ann, a)), None)
        if source is not None:
            return replace(e, actor1=source, actor2=None if a2 is None or a2.family == source.family else a2)
    if a1 is not None and a1.start > e.trigger.end and _holds(ann, a1) and not _fired_from(ann, a1):
        if a2 is None or a2.family == a1.family:
            return replace(e, actor1=None, actor2=a2 or a1)  # no other side's forces hit: the holder was struck
        if a2.actor_type in cues()["civilian_actor_types"]:
            return replace(e, actor1=None)  # "rockets killed two civilians in the regime-held town": not the regime's
    if not _unnamed(a1) or e.actor2 is None or e.actor2.actor_type in cues()["civilian_actor_types"]:
        return e  # the civilians of a town were not struck by the side that holds it
    for a in ann.actors_in(first, last):
        if _holds(ann, a) and a.family != e.actor2.family and a.actor_id != e.actor2.actor_id:
            return replace(e, actor1=a)
    return e


def _same_strikes(ann: Annotated, sents: list[Span], events: list[Event]) -> list[Event]:
    """Strikes or shelling with no attacker take the state force that carried out strikes or shelling
    of the same kind elsewhere in the paragraph ("shells target Mezzeh ... the regime forces shelled
    Jobar"), when only one such force is named there and it is not the one struck; so do attacks on
    civilians, from any armed actor ("IS beheaded two men in al-Shaafa ... 19 men were executed")."""
    out = list(events)
    if not any(e.actor1 is None and e.event_type in HARM_TYPES for e in out):
        return out
    remote, civilian = event_cues()["remote_attacker_types"], cues()["civilian_actor_types"]
    paragraphs = _paragraphs(ann, sents)
    para = [paragraphs[_sentence_of(sents, e.start)] for e in out]
    for i, e in enumerate(out):
        if e.actor1 is not None or e.event_type not in HARM_TYPES:
            continue
        doers = {
            o.actor1.actor_id: o
            for j, o in enumerate(events)
            if j != i
            and para[j] == para[i]
            and o.sub_event_type == e.sub_event_type
            and o.actor1 is not None
            and (
                o.actor1.actor_type in remote
                if e.event_type != "Violence against civilians"
                else o.actor1.actor_type not in civilian
            )
        }
        if len(doers) != 1:
            continue
        other = next(iter(doers.values()))
        if other.actor1 is not None and (e.actor2 is None or e.actor2.actor_id != other.actor1.actor_id):
            out[i] = replace(e, actor1=other.actor1, start=min(e.start, other.start), end=max(e.end, other.end))
    return out


def _one_striker(events: list[Event]) -> list[Event]:
    """Air strikes with no attacker in a text where one force alone carried out every strike, shelling or
    bombing it names ("Coalition military forces conducted 21 strikes ... Near Mayadin, two strikes
    destroyed ..."): that force's. A text naming two such forces leaves them unnamed."""
    remote = [e for e in events if e.event_type == "Explosions/Remote violence"]
    doers = {e.actor1.actor_id: e.actor1 for e in remote if e.actor1 is not None}
    if len(doers) != 1 or not any(e.actor1 is None and e.sub_event_type == _AIR for e in remote):
        return events
    (striker,) = doers.values()
    if striker.actor_type not in event_cues()["remote_attacker_types"]:
        return events
    return [
        replace(e, actor1=striker)
        if e.actor1 is None and e.sub_event_type == _AIR and (e.actor2 is None or e.actor2.actor_id != striker.actor_id)
        else e
        for e in events
    ]


def _paragraphs(ann: Annotated, sents: list[Span]) -> list[int]:
    """The paragraph of each sentence: the paragraph breaks before it."""
    out, n = [0], 0
    for j in range(1, len(sents)):
        n += "\n" in ann.doc.text[sents[j - 1].end : sents[j].start]
        out.append(n)
    return out


def _sentence_of(sents: list[Span], offset: int) -> int:
    """The index of the sentence that starts at or before `offset` (0 before the first)."""
    return max(0, bisect.bisect_right([s.start for s in sents], offset) - 1)


def _unnamed_attackers(ann: Annotated, sents: list[Span], events: list[Event]) -> list[Event]:
    """An unnamed attacker ("a suicide car bomber") as the armed group of the event just before it,
    in its sentence or the one before, in the same paragraph."""
    out = list(events)
    kinds = event_cues()["paragraph_attacker_types"]
    for i in range(1, len(out)):
        e, before = out[i], out[i - 1]
        who = before.actor1
        if e.actor1 is None or not _unnamed(e.actor1) or who is None or _unnamed(who) or who.actor_type not in kinds:
            continue
        if e.actor2 is not None and e.actor2.actor_id == who.actor_id:
            continue
        k, b = _sentence_of(sents, e.start), _sentence_of(sents, before.start)
        if not 0 <= k - b <= 1 or _paragraph_break(ann, sents, b, k):
            continue
        out[i] = replace(e, actor1=who, start=min(e.start, before.start))
    return out


def _takers_deeds(ann: Annotated, sents: list[Span], events: list[Event]) -> list[Event]:
    """Violence against civilians with no doer named ("hundreds of women had been abducted in Sinjar"), in
    a town an armed group took in that sentence or the two before, in the same paragraph: that group."""
    out = list(events)
    kinds = event_cues()["paragraph_attacker_types"]
    for i, e in enumerate(out):
        if e.actor1 is not None or e.event_type != "Violence against civilians":
            continue
        k = _sentence_of(sents, e.start)
        for b in reversed(out[:i]):
            j = _sentence_of(sents, b.start)
            if not 0 <= k - j <= _BACK or _paragraph_break(ann, sents, j, k):
                break
            taker = b.actor1
            if b.sub_event_type in TAKING_TYPES and b.place.gazetteer_id == e.place.gazetteer_id and taker:
                if taker.actor_type in kinds:
                    out[i] = replace(e, actor1=taker)
                break
    return out


def _suffered_in(
    ann: Annotated, sents: list[Span], told: dict[int, list[int]], events: list[Event], k: int, *, victim: ActorMention
) -> int | None:
    """The event whose victims a toll sentence names ("82 were killed, including 12 members of the
    regime forces"): the nearest violent event of the paragraph, the sentence before first, then the
    one after, within two sentences, with no actor2 yet and another actor1."""
    for j in (k - 1, k + 1, k - 2, k + 2):
        if not 0 <= j < len(sents) or _paragraph_break(ann, sents, min(j, k), max(j, k)):
            continue
        for i in reversed(told[j]):
            e = events[i]
            if (
                e.event_type in VIOLENT_TYPES
                and e.actor2 is None
                and (e.actor1 is None or e.actor1.actor_id != victim.actor_id)
            ):
                return i
    return None


def _paragraph_break(ann: Annotated, sents: list[Span], a: int, b: int) -> bool:
    """A new paragraph starts between sentences a and b (a < b)."""
    return any("\n" in ann.doc.text[sents[j].end : sents[j + 1].start] for j in range(a, b))


def _just_before(told: dict[int, list[int]], k: int, target: int) -> bool:
    """The event is of the sentence right before sentence k (a toll follows its event at once)."""
    return target in told.get(k - 1, [])


def _told_before(
    ann: Annotated, sents: list[Span], told: dict[int, list[int]], events: list[Event], k: int
) -> int | None:
    """The last violent event of sentence k or the two before it, in the same paragraph."""
    for j in range(k, max(-1, k - _BACK - 1), -1):
        if j < k and "\n" in ann.doc.text[sents[j].end : sents[j + 1].start]:
            return None
        violent = [i for i in told[j] if events[i].event_type in VIOLENT_TYPES]
        if violent:
            return violent[-1]
    return None
