"""The weapon that names a bombardment's kind (`extract.events`): the air or artillery cue nearest the trigger,
not one that was hit ("strikes on ISIS artillery", "targeted artillery near Erbil") nor an ally's ("بدعم من
طيران التحالف"); and whether a bombardment's own clause names its weapon close to it ("، فيما قصفت مدفعية
النظام أحياء المدينة": another deed than the raids told before). The words: cues.json `air`, `artillery`;
event_cues.json `target_markers`, `weapon_hit_verbs`, `support_markers`, `suicide_words`."""

from __future__ import annotations

from extract.annotated import Annotated
from extract.lexicons import cue_union, cues, event_cues
from extract.matching import Match
from extract.no_deed import after_destroying
from extract.types import ActorMention
from extract.wordforms import word_forms

ARMED_REACH = 4  # words between a bombardment and the weapon that names its kind


def nearest_weapon(ann: Annotated, first: int, last: int, t: int) -> str | None:
    """The kind ("air", "artillery") of the weapon cue in tokens first..last nearest to token t ("rebels pounded
    the city with rocket fire and the regime hit it with air raids": rockets for "pounded"), not one hit."""
    found = [(abs(i - t), kind) for kind in ("air", "artillery") for i in _weapons(ann, first, last, kind)]
    return min(found)[1] if found else None


def _weapons(ann: Annotated, first: int, last: int, cue_list: str) -> list[int]:
    return [
        i
        for i in ann.words_in(first, last, "cue " + cue_list, cues()[cue_list], article=True)
        if not _hit(ann, first, i) and not _backing(ann, first, i)
    ]


def _backing(ann: Annotated, first: int, i: int) -> bool:
    """Token i is an ally's weapon: a support marker ("بدعم", "backed") at most three words before it."""
    marks = event_cues()["support_markers"]
    return any(word_forms(ann.word(j)) & marks for j in range(max(first, i - 3), i))


def _hit(ann: Annotated, first: int, i: int) -> bool:
    """Token i is what was hit: a target marker ("on", "على") at most three words before it, or a verb of
    destroying before it ("destroyed 19 fighting positions, three mortar systems")."""
    targets = event_cues()["target_markers"]
    if any(word_forms(ann.word(j)) & targets for j in range(max(first, i - 3), i)):
        return True
    verb = i - 2 if ann.word(i - 1) in event_cues()["agent_articles"] else i - 1
    if verb >= first and ann.word(verb) in event_cues()["weapon_hit_verbs"]:
        return True  # "The first U.S. strikes, on Friday, targeted artillery near Erbil" (not "targeted with rockets")
    return after_destroying(ann, i, first)


def weapon_near(ann: Annotated, clause: tuple[int, int], t: int) -> bool:
    """A weapon cue stands close to trigger token t in its clause: "قصفت مدفعية النظام", "pounded … with rockets"."""
    near = max(clause[0], t - ARMED_REACH), min(clause[1], t + ARMED_REACH)
    suicide = event_cues()["suicide_words"]
    found = [*_weapons(ann, *near, "air"), *_weapons(ann, *near, "artillery")]
    return any(not word_forms(ann.word(i - 1)) & suicide for i in found)  # "suicide bombers struck": no aircraft


def blew_self_up(ann: Annotated, a: ActorMention) -> bool:
    """The actor named after a word of blowing up is the one who blew himself up: "تفجير عنصرين من جبهة النصرة
    نفسيهما" (a reflexive pronoun right after the name, a word of blowing up at most four words before it; not
    "the soldiers themselves said")."""
    reflexives = event_cues()["reflexives"]
    return any(word_forms(ann.word(i)) & reflexives for i in (a.tok_last + 1, a.tok_last + 2)) and _blow_word(
        ann, max(0, a.tok_first - 4), a.tok_first
    )


def _blow_word(ann: Annotated, lo: int, hi: int) -> bool:
    """A word of blowing up (event_cues.json self_blow_verbs) among tokens lo..hi-1."""
    return any(word_forms(ann.word(v)) & event_cues()["self_blow_verbs"] for v in range(lo, hi))


def blew_oneself_up(ann: Annotated, first: int, last: int) -> bool:
    """Someone of the clause first..last blew himself up: "فجّر أحدهم نفسه بسيارة مفخخة", "a man blew himself
    up" (a reflexive pronoun at most two words after a word of blowing up; not "the soldiers themselves")."""
    reflexives = event_cues()["reflexives"]
    return any(
        word_forms(ann.word(r)) & reflexives and _blow_word(ann, max(first, r - 2), r) for r in range(first, last + 1)
    )


AIR_FIRED_REACH = 4  # words from the aircraft to the missiles it fired ("Israeli F-15 jets fired missiles")


def air_fired(ann: Annotated, first: int, t: int) -> bool:
    """Missiles or rockets (the trigger, token t) fired by aircraft named just before them in the clause: "jets
    fired missiles at T4", "أطلقت طائرات مسيرة صواريخ" (event_cues.json missile_words, aircraft_words); not
    "air strikes and shelling", two bombardments."""
    c = event_cues()
    if not word_forms(ann.word(t)) & c["missile_words"]:
        return False
    return bool(ann.words_in(max(first, t - AIR_FIRED_REACH), t - 1, "aircraft_words", c["aircraft_words"]))


def hit_weapon(ann: Annotated, m: Match, first: int) -> bool:
    """A weapon trigger that names what was struck, not the strike: "strikes on ISIS artillery"."""
    weapons = cue_union("air", "artillery")
    return bool(word_forms(ann.word(m.tok_first)) & weapons) and _hit(ann, first, m.tok_first)
