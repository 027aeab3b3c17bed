"""Journey clauses: a sentence's movement words, cut into clauses, each with its stops and movers.

A sentence is cut where a new journey starts ("..., فيما توجهت عائلات أخرى
إلى ...", "in exchange"). A clause whose movement word is negated ("no
convoys have entered", "لم يغادروا") tells no journey. The mover is the
subject of the clause: the nearest actor before the movement word since the
clause began (after "said that", "إن", ", and"), else the actor right after it
(Arabic verb first: "انسحبت قوات البيشمركة"); "families of" an actor move as
that actor's families. A convoy or evacuees (`mover_nouns`) are where the
clause puts them "in" / "at", before or after the word, when nothing else
ends their journey; after a verb such a place is passed through on the way to
a destination ("crossed into Iraq at Fishkhabour and arrived in Dohuk"), or,
after a word of leaving, is where the movers left ("families fleeing the
shelling in Tabqa headed for Raqqa").
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from itertools import pairwise

from extract.annotated import Annotated
from extract.journey_stops import ENDS, Marks, Stop, punctuated_tokens, stops_in
from extract.lexicons import cue_union, cues, families_of, phrase_lexicon
from extract.numbers import Count, counts_in
from extract.types import ActorMention, DateRef, Span
from extract.wordforms import proclitic, word_forms


@dataclass(frozen=True)
class Frame:
    """One journey clause: its stops in text order and what it says of the movers."""

    stops: tuple[Stop, ...]
    first: int  # the clause's first token
    t0: int  # its first movement word
    sent: Span
    leaving: bool  # a word of leaving: the movers were where the text is
    arriving: bool  # a word of arriving or setting off first ("arrived from Tabqa", "انطلق الهجوم من أخترين"):
    # with no destination, they came where the text is
    noun: bool  # the movement word names the movers: a convoy, evacuees
    armed: bool  # the movers are a force ("Army reinforcements were sent")
    civilian: bool  # the movers are people, no force ("Hundreds of families fled")
    actor: ActorMention | None
    count: int | None
    unit: str
    date: DateRef | None


def words_in(ann: Annotated, toks: list[int], key: str) -> bool:
    """Some token is a word of a journeys.json list (also inflected, with the article or a proclitic)."""
    want = cues()[key]
    return any(word_forms(ann.word(i), article=True, endings=True) & want for i in toks)


def segments(ann: Annotated, first: int, last: int, triggers: list[int]) -> list[tuple[int, int, list[int]]]:
    """Split a sentence where a new journey starts: (first, last, movement words) of each clause."""
    s, e = ann.nt.orig_starts[first], ann.nt.orig_ends[last]
    starts = {m.tok_first for m in ann.matches(phrase_lexicon("clause_breaks"), s, e)}
    # "towns the PYD has run since government troops pulled out": a time clause tells no journey of the movers
    starts.update(m.tok_first for m in ann.matches(phrase_lexicon("time_breaks"), s, e))
    starts.update(ann.words_in(first, last, "cue clause_breaks", cues()["clause_breaks"]))
    breaks = sorted(i for i in starts if first < i <= last and any(t >= i for t in triggers))
    out = []
    for a, b in pairwise([first, *breaks, last + 1]):
        trig = [t for t in triggers if a <= t < b]
        if trig:
            out.append((a, b - 1, trig))
    return out


def clause_start(ann: Annotated, first: int, t0: int) -> int:
    """Where the clause of the movement word begins: after "said that" / "إن", or after ", and" / "، و"."""
    coordinators = cues()["coordinators"]
    breaks = cue_union("subject_breaks", "speech_words")
    tokens, punct = ann.nt.tokens, punctuated_tokens(ann)  # tokens first..t0 are all inside the text
    for i in range(t0 - 1, first - 1, -1):
        if word_forms(tokens[i]) & breaks:
            return i + 1
        if i in punct and (word_forms(nxt := tokens[i + 1]) & coordinators or proclitic(nxt) in coordinators):
            return i + 1
    return first


def negated(ann: Annotated, start: int, triggers: list[int]) -> bool:
    """A negation stands just before a movement word ("no convoys have entered", "never left", "لم يغادروا");
    the three words before each are read directly, not the whole text."""
    return any(negation_before(ann, start, t) is not None for t in triggers)


def negation_before(ann: Annotated, start: int, t: int) -> int | None:
    """The token of a negation among the three words before movement word t (from token `start` on)."""
    negations, tokens = cues()["negation_words"], ann.nt.tokens
    return next((i for i in range(max(start, t - 3), t) if word_forms(tokens[i]) & negations), None)


def _arriving(ann: Annotated, triggers: list[int], *, leaving: bool) -> bool:
    """The clause's first word of arriving or leaving, past a noun of movers and how they went ("A convoy ...
    escorted by the Russians arrived from Tabqa"), is one of arriving, or of setting off ("انطلق الهجوم من")."""
    ways = ("arrive_words", "departure_triggers", "setting_off_words")
    verb = [t for t in triggers if any(words_in(ann, [t], k) for k in ways)][:1]
    return (not leaving and words_in(ann, verb, "arrive_words")) or words_in(ann, verb, "setting_off_words")


def _taken_place(ann: Annotated, t: int) -> bool:
    """A place right before a past participle of carrying was captured, nobody was carried ("With Rawa taken")."""
    return bool(word_forms(ann.word(t)) & cues()["captured_participles"]) and any(
        p.tok_last == t - 1 for p in ann.places_in(max(0, t - 6), t - 1)
    )


def agreed(ann: Annotated, t: int) -> bool:
    """Movement word t arrives at an agreement, not a place: "The deal, **reached** on Tuesday after talks in
    Ankara", "reached an agreement" (a word of `agreement_words` within two words before or after it)."""
    deals = cue_union("agreement_words", "contact_words")  # "Residents reached by phone said": no place reached
    return any(word_forms(ann.word(i)) & deals for i in (t - 2, t - 1, t + 1, t + 2))


def _mover(ann: Annotated, clause: tuple[int, int], t0: int, stops: list[Stop], *, sent: Span) -> ActorMention | None:
    """The subject of the journey clause: the nearest actor before the movement word (the first of two joined by
    "and": "Iraqi army units and Federal Police moved north"), else right after it (not one that only qualifies
    a place: "regime-held Aleppo"), else, when the clause is a time clause ("قبل أن يتوجهوا"), the subject of
    the clause it belongs to."""
    first, start = clause
    stop_at = min((s.at.tok_first for s in stops if s.at.tok_first > t0), default=t0 + 6)
    if _while_doing(ann, t0):  # "قتل مقاتلو التنظيم عشرة مدنيين أثناء انسحابهم": the subject withdrew, not the dead
        lo = ann.tok_range(sent)[0]
        said = [i for i in range(lo, t0) if word_forms(ann.word(i)) & cue_union("speech_words", "subject_breaks")]
        found = _nearest_subject(ann, said[-1] + 1 if said else lo, t0 - 1, last=False)  # not who says it
        if found is not None:
            return found
    found = _nearest_subject(ann, start, t0 - 1) or _nearest_subject(ann, t0 + 1, stop_at - 1, last=False)
    if found is None and start - 2 > first and _time_clause(ann, start):
        found = _nearest_subject(ann, first, start - 3)
    if found is not None and found.tok_last < t0 and _people_between(ann, found.tok_last + 1, min(stop_at, t0 + 4)):
        return None  # "ما دفع آلاف العائلات إلى النزوح", "forcing thousands of families to flee": they moved
    return found


def _people_between(ann: Annotated, lo: int, hi: int) -> bool:
    """People ("families", "عائلات") named between the subject and the journey's first stop, not joined to it
    ("rebel fighters and their families", "المقاتلين وعائلاتهم" move with it)."""
    joiners = cues()["coordinators"]
    return any(
        words_in(ann, [i], "people_of") and not ({ann.word(i - 1), ann.word(i - 2), proclitic(ann.word(i))} & joiners)
        for i in range(lo, hi)
    )


def _while_doing(ann: Annotated, t0: int) -> bool:
    """The movement word is told as what the subject was doing meanwhile: "أثناء انسحابهم", "while withdrawing",
    "during their withdrawal"."""
    during = cues()["during_words"]
    k = t0 - 2 if word_forms(ann.word(t0 - 1)) & cues()["during_fillers"] else t0 - 1
    return bool(word_forms(ann.word(k)) & during)


def _nearest_subject(ann: Annotated, lo: int, hi: int, *, last: bool = True) -> ActorMention | None:
    """The last actor of tokens lo..hi (the first of a pair joined by "and"), or with `last` False the first;
    not one that only qualifies a place."""
    fillers = cues()["stop_fillers"]
    found = [a for a in ann.actors_in(lo, hi) if not word_forms(ann.word(a.tok_last + 1)) & fillers]
    if not found:
        return None
    if not last:
        return found[0]
    k = len(found) - 1
    while k and _joined_by_and(ann, found[k - 1], found[k]):
        k -= 1
    return found[k]


def _time_clause(ann: Annotated, start: int) -> bool:
    """The clause begins after a time word and "that" ("قبل أن", "بعد أن"): its verb's unnamed subject is the
    subject of the sentence around it."""
    return bool(word_forms(ann.word(start - 2)) & cues()["time_conjunctions"]) and bool(
        word_forms(ann.word(start - 1)) & cue_union("subject_breaks", "speech_words")
    )


def _joined_by_and(ann: Annotated, a: ActorMention, b: ActorMention) -> bool:
    """Actor b follows actor a with only "and" between ("units and Federal Police", "الجيش والشرطة")."""
    gap = [ann.word(i) for i in range(a.tok_last + 1, b.tok_first)]
    while gap and word_forms(gap[0]) & cues()["mover_heads"]:
        gap = gap[1:]  # "Iraqi army **units** and"
    written_on = not gap and proclitic(ann.word(b.tok_first)) in cues()["coordinators"]
    return written_on or (len(gap) == 1 and bool(word_forms(gap[0]) & cues()["coordinators"]))


def _as_families(actor: ActorMention | None, unit: str) -> ActorMention | None:
    """The actor's families when the clause counts families ("70 عائلة لقادة داعش") and the data defines them."""
    families = families_of(actor.actor_id) if actor and unit == "families" else None
    if actor is None or families is None:
        return actor
    return replace(
        actor, actor_id=families.actor_id, name=families.name, actor_type=families.actor_type, family=families.family
    )


def placed(stops: list[Stop], *, noun: bool, leaving: bool, settles: bool = False) -> list[Stop]:
    """The stops with "in" / "at" places given their part in the journey (see the module's docstring)."""
    has_end = any(s.role in ENDS for s in stops)
    has_from = any(s.role == "from" for s in stops)
    last_at = max((k for k, s in enumerate(stops) if s.role == "at"), default=-1)
    out: list[Stop] = []
    for k, s in enumerate(stops):
        if s.role != "at":
            out.append(s)
        elif (noun or settles) and not has_end and (k == last_at or (s.alt and k < last_at)):
            out.append(replace(s, role="arrive"))
        elif not noun and any(t.role in ENDS for t in stops[k + 1 :]):
            origin = leaving and not has_from and not any(t.role == "from" for t in out)
            out.append(replace(s, role="from" if origin else "via"))
    return out


ARMED = frozenset({"state forces", "external forces", "rebel group", "identity militia", "political militia"})


def _count(ann: Annotated, first: int, last: int, t0: int) -> Count | None:
    """The count nearest the first movement word: how many moved."""
    counts = counts_in(ann.nt, max(first, t0 - 6), last)
    return min(counts, key=lambda c: abs(c.tok_first - t0)) if counts else None


def frame_of(ann: Annotated, seg: tuple[int, int, list[int]], sent: Span, marks: Marks) -> Frame | None:
    """The journey clause of tokens first..last whose movement words are `triggers`; None when negated."""
    first, last, triggers = seg
    triggers = [t for t in triggers if not agreed(ann, t) and not _taken_place(ann, t)]
    if not triggers:
        return None
    t0 = triggers[0]
    start = clause_start(ann, first, t0)
    if negated(ann, start, triggers[:1]):
        return None
    denied = next((i for t in triggers if (i := negation_before(ann, start, t)) is not None), None)
    if denied is not None:  # "fled Mosul to Erbil and have not returned": the clause ends before the word denied
        last = max(t0, denied - 1)
        triggers = [t for t in triggers if t <= last]
    stops = stops_in(ann, t0, last, triggers, marks)
    noun = words_in(ann, triggers, "mover_nouns")
    if noun:  # "a bomb went off in a district of Aleppo near a convoy": where the movers are
        stops = [s for s in stops_in(ann, start, t0 - 1, triggers, marks) if s.role == "at"] + stops
    count = _count(ann, first, last, t0)
    unit = count.unit if count else ""
    actor = _as_families(_mover(ann, (first, start), t0, stops, sent=sent), unit)
    # the carried were where the text is ("the wounded were rushed to hospital in Sulaimani"); troops flown or
    # bused in came from a base of their own ("Turkish commandos were flown into the Haftanin area")
    before = list(range(max(first, t0 - 6), t0))
    armed = (actor is not None and actor.actor_type in ARMED) or words_in(ann, before, "armed_movers")
    around = list(range(max(start, t0 - 6), min(last, t0 + 3) + 1))  # Arabic names its movers after the verb
    civilian = not armed and (unit in cues()["civilian_movers"] or words_in(ann, around, "civilian_movers"))
    # "مقتل أربعة مقاتلين وإصابة آخرين، نُقلوا إلى مستشفى في القامشلي": the wounded fighters were carried
    carried = words_in(ann, triggers[:1], "carry_words") and (not armed or words_in(ann, before, "carried_hurt"))
    leaving = (
        words_in(ann, triggers, "departure_triggers")
        or carried  # not "walked to Badush, from where they were driven"
        or words_in(ann, [t + 1 for t in triggers], "direction_words")
    )
    dates = ann.dates_in(sent)
    return Frame(
        stops=tuple(placed(stops, noun=noun, leaving=leaving, settles=words_in(ann, triggers, "arrive_words"))),
        first=first,
        t0=t0,
        sent=sent,
        leaving=leaving,
        arriving=_arriving(ann, triggers, leaving=leaving),
        noun=noun,
        armed=armed,
        civilian=civilian,
        actor=actor,
        count=count.value if count else None,
        unit=unit,
        date=dates[0] if dates else None,
    )
