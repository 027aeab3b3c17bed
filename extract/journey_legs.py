"""The legs of a journey clause, before its stops are put in travel order (`extract.movements`): a place
reached before the movers went on is a stop on their way, "and to" adds a destination, and origins told
together each start a journey."""

from __future__ import annotations

from dataclasses import replace
from itertools import pairwise

from extract.annotated import Annotated
from extract.journey_frames import ENDS
from extract.journey_stops import COARSE, Stop
from extract.lexicons import cues, phrase_lexicon
from extract.types import Place
from extract.wordforms import proclitic, word_forms


def sources(ann: Annotated, stops: tuple[Stop, ...]) -> list[Place]:
    """The origins told together ("from Hasakeh and Raqqa", "من الحسكة والرقة", "arrived in Kut from Suwaira
    and Aziziyah", "من شهبا ومن القريا"): the first origin and those joined to it, alike or by "and from";
    towns, never a country or a province beside a town."""
    first = next((k for k, s in enumerate(stops) if s.role == "from"), None)
    out: list[Place] = []
    for s in stops[first:] if first is not None else ():
        if s.role != "from" or (out and not s.alt and not _and_from(ann, s)):
            break
        out.append(s.at.place)
    return out if all(p.feature_type not in COARSE and p.feature_type != "country" for p in out) else out[:1]


def _and_from(ann: Annotated, s: Stop) -> bool:
    """An origin whose own word of "from" is joined on by "and" ("ومن بلدتي القريا", "and from Salkhad")."""
    if s.cue < 0:
        return False
    coordinators = cues()["coordinators"]
    return ann.word(s.cue - 1) in coordinators or proclitic(ann.word(s.cue)) in coordinators


def legs(ann: Annotated, stops: tuple[Stop, ...], parted: dict[int, Place]) -> tuple[Stop, ...]:
    """A destination reached before the movers went on is a stop on their way: "flew into Najaf and travelled
    south through Samawa to Nasiriyah", "reached Homs and continued north through Hama", "وصلوا إلى النجف ثم
    توجهوا عبر السماوة" (a word of moving or of going on between it and a later stop; not "fled to Erbil
    through Kalak", one leg). When only some of the movers went on (`parted`, from `onward`), both are
    destinations."""
    out = list(stops)
    for k, s in enumerate(stops):
        if s.role not in ENDS or s.alt:
            continue
        later = next((n for n in stops[k + 1 :] if not n.alt), None)
        if later is not None and later.at.place.start in parted:
            out[stops.index(later)] = replace(later, alt=True)
        elif (
            later is not None
            and (later.role == "via" or later.role in ENDS)
            and any(went_on(ann, i) for i in range(s.at.tok_last + 1, later.at.tok_first))
        ):
            out[k] = replace(s, role="via")
    return tuple(out)


def onward(ann: Annotated, stops: tuple[Stop, ...]) -> dict[int, Place]:
    """Destinations some of the movers went on to from the one before (a word of `subset_movers` between
    them: "were taken to Kirkuk, and two of them were later flown to Baghdad", "ثم نُقل اثنان منهم إلى
    بغداد"), by where their names start: where those went on from."""
    out: dict[int, Place] = {}
    for s, later in pairwise(stops):
        if s.role not in ENDS or later.role not in ENDS or s.alt:
            continue
        lo, hi = ann.nt.orig_ends[s.at.tok_last], ann.nt.orig_starts[later.at.tok_first]
        found = ann.matches(phrase_lexicon("subset_movers"), lo, hi)
        # "الحالات الحرجة منها": some of them; "ومنها نحو سنجار": and from there, the same movers
        if any(proclitic(ann.word(m.tok_first)) not in cues()["coordinators"] for m in found):
            out[later.at.place.start] = s.at.place
    return out


def also_to(ann: Annotated, stops: tuple[Stop, ...]) -> tuple[Stop, ...]:
    """A destination joined to the one before by "and to" / "وإلى" is another destination, not the way on: "carried the
    wounded to hospitals in Baqouba, the provincial capital, and to Baghdad", "إلى بعقوبة وإلى بغداد"."""
    out = list(stops)
    coordinators = cues()["coordinators"]
    for k in range(1, len(stops)):
        s, before = stops[k], stops[k - 1]
        if s.role != "to" or before.role != "to" or s.alt or s.cue < 0:
            continue
        if ann.word(s.cue - 1) in coordinators or proclitic(ann.word(s.cue)) in coordinators:
            out[k] = replace(s, alt=True)
    return tuple(out)


def went_on(ann: Annotated, i: int) -> bool:
    """Token i says the movers went on: a word of going on ("continued", "then", "ثم"), or a second word of
    moving joined by "and" ("and travelled", "وتوجهوا"); not a participle of passing ("passing through")."""
    c = cues()
    forms = word_forms(ann.word(i), article=True, endings=True)
    if forms & c["leg_words"]:
        return True
    if not forms & c["movement_triggers"] or forms & c["via_words"]:
        return False
    return ann.word(i - 1) in c["coordinators"] or proclitic(ann.word(i)) in c["coordinators"]
