"""Words of a deed that tell no deed here: shells fell, not a town ("سقطت قذائف على المزة", "قذائف أطلقها
التنظيم قد سقطت على قرقميش"); the dead fell ("سقوط 12 قتيلا"); explosives were left behind or cleared, not
set off ("تركوا وراءهم ألغاماً وعبوات ناسفة", "بعد إزالة الألغام"). The words are lists of
data/event_cues.json (fall_words, dead_nouns, left_words, left_fillers)."""

from __future__ import annotations

from extract.annotated import Annotated
from extract.lexicons import cues, event_cues, phrase_lexicon, triggers
from extract.matching import Match
from extract.numbers import number_at
from extract.wordforms import word_forms
from geodata.names import is_arabic


def munition_after(ann: Annotated, m: Match, last: int) -> bool:
    """A strike or shell trigger right after the trigger: "سقطت **قذائف**" (shells fell)."""
    if m.tok_last + 1 > last:
        return False
    defs, lex = triggers()
    after = ann.matches(lex, ann.nt.orig_starts[m.tok_last + 1], ann.nt.orig_ends[m.tok_last + 1])
    return any(defs[lex.payloads(x)[0]].event_type == "Explosions/Remote violence" for x in after)


def container_named(ann: Annotated, m: Match, last: int) -> bool:
    """A bomb's word that names a container here, by the word after it: "رفعوا عبوات **فارغة**" (empty
    bottles), "عبوات **مياه**" (event_cues.json container_words)."""
    after = m.tok_last + 1
    return after <= last and bool(word_forms(ann.word(after)) & event_cues()["container_words"])


def munition_fell(ann: Annotated, m: Match, first: int) -> bool:
    """Shells named before a word of falling, in its clause: "كانت قذائف أطلقها التنظيم قد سقطت على البلدة",
    "rockets fired by ISIS fell on the town": they fell, no town did."""
    if not word_forms(ann.word(m.tok_first)) & event_cues()["fall_words"]:
        return False
    lo = max(first, m.tok_first - 8)
    defs, lex = triggers()
    before = ann.matches(lex, ann.nt.orig_starts[lo], ann.nt.orig_ends[m.tok_first - 1]) if m.tok_first > lo else []
    return any(defs[lex.payloads(x)[0]].event_type == "Explosions/Remote violence" for x in before)


def denied(ann: Annotated, m: Match, first: int) -> bool:
    """A negation right before the trigger, or before two words at most of `denied_fillers` ("a", "any", "يكن",
    "ذلك"): "did not shell", "This is not a truce", "no ceasefire", "لم تقصف", "لم يكن ذلك اتفاقاً" (not "لم تتوقف
    الغارات": what did not stop is another verb)."""
    negations = cues()["negation_words"] | event_cues()["denied_words"]
    k = m.tok_first - 1
    while k > max(first, m.tok_first - 3) and word_forms(ann.word(k)) & event_cues()["denied_fillers"]:
        k -= 1  # "not a", "لم يكن ذلك اتفاقاً"
    return k >= first and bool(word_forms(ann.word(k)) & negations)


def left_behind(ann: Annotated, m: Match, first: int) -> bool:
    """Explosives left behind, not set off: "تركوا وراءهم ألغاماً وعبوات ناسفة", "left behind mines and IEDs"."""
    fillers = event_cues()["left_fillers"]
    k = m.tok_first - 1
    while k >= max(first, m.tok_first - 5) and word_forms(ann.word(k)) & fillers:
        k -= 1
    return k >= first and bool(word_forms(ann.word(k)) & event_cues()["left_words"])


def things_taken(ann: Annotated, m: Match, first: int, last: int) -> bool:
    """A taking of things, not ground: "seized weapons and ammunition", "استولى على أسلحة وذخائر", "captured dozens
    of Humvees", and "Humvees the militants had captured" (the thing before the taker)."""
    cue = event_cues()
    things, fillers = cue["taken_things"], cue["taken_fillers"]
    i = m.tok_last + 1
    subject = next((a for a in ann.actors_in(i, min(last, i + 6)) if a.tok_first == i), None)
    i = subject.tok_last + 1 if subject is not None else i  # "استولى عناصر داعش على أسلحة"
    stop = min(last, i + 4)
    while i <= stop and word_forms(ann.word(i)) & fillers:
        i += 1
    if i <= last and word_forms(ann.word(i)) & things:
        return True
    k = m.tok_first - 1
    while k > first and word_forms(ann.word(k)) & cue["taken_aux"]:
        k -= 1
    return any(word_forms(ann.word(j)) & things for j in range(max(first, k - 2), k + 1))


def toll_after(ann: Annotated, m: Match, last: int) -> bool:
    """The dead right after the trigger: "سقوط 12 قتيلا", "سقوط قتلى" (the fall of casualties)."""
    dead = event_cues()["dead_nouns"]
    i = m.tok_last + 1
    if i <= last and number_at(ann.nt, i):
        i += 1  # "سقوط 12 قتيلا"
    return i <= last and bool(word_forms(ann.word(i)) & dead)


ROAD_REACH = 8  # words from a relative pronoun back to the road it describes ("الطريق الدولي الواصل بين X وY، والذي")


def road_relative(ann: Annotated, t: int, first: int) -> bool:
    """The taking is told in a relative clause about a road: its control is the route's."""
    rel = next(
        (k for k in range(t - 1, max(first, t - 4) - 1, -1) if word_forms(ann.word(k)) & event_cues()["relatives"]),
        None,
    )
    return (
        rel is not None
        and rel > first
        and ann.has_word(max(first, rel - ROAD_REACH), rel - 1, "road_words") is not None
    )


def unopposed(ann: Annotated, first: int, last: int, *, ending: bool = False) -> bool:
    """A taking told as met by no resistance in its clause (cues.json `unopposed`: "without resistance",
    "دون مقاومة", "دون قتال"): a non-violent transfer of territory, not a battle; with `ending`, the phrase
    ends at token `last` (the fight of "without a fight" is none)."""
    if first > last:
        return False
    found = ann.matches(phrase_lexicon("unopposed"), ann.nt.orig_starts[first], ann.nt.orig_ends[last])
    return any(m.tok_last == last for m in found) if ending else bool(found)


DESTROYED_REACH = 16  # words from a verb of destroying to the last thing it lists ("destroyed 19 fighting
# positions, three mortar systems, a heavy machine gun and an IED facility")


def destroyed_thing(ann: Annotated, m: Match, first: int) -> bool:
    """The trigger names a thing a strike destroyed or engaged ("destroyed three mortar systems", "engaged
    an ISIS fighting position", "دمرت مدفع هاون"), not a deed of its own: a word of `destroy_verbs` before
    it in its clause, with no other deed word between."""
    if not word_forms(ann.word(m.tok_first)) & event_cues()["weapon_nouns"]:
        return False  # a verb ("and shelled Kafranbel") is a deed of its own
    return after_destroying(ann, m.tok_first, first)


def after_destroying(ann: Annotated, i: int, first: int) -> bool:
    """A word of `destroy_verbs` stands before token i (from token `first` on, `DESTROYED_REACH` words at most)."""
    lo = max(first, i - DESTROYED_REACH)
    return bool(ann.words_in(lo, i - 1, "destroy_verbs", event_cues()["destroy_verbs"]))


FORESEEN_REACH = 10  # words from a deed named as a subject ("retaking Mosul, the largest city ...,") to its verb


def foreseen_subject(ann: Annotated, m: Match, last: int) -> bool:
    """An English deed named as the subject of what is only foreseen: "But retaking Mosul, the largest city
    under the group's control, is expected to take many months" (a word ending in -ing, then a word of
    `foreseen_after` within `FORESEEN_REACH` words), not a deed done."""
    word = ann.word(m.tok_first)
    if is_arabic(word) or not word.endswith("ing"):
        return False
    hi = min(last, m.tok_last + FORESEEN_REACH)
    return bool(ann.words_in(m.tok_last + 1, hi, "foreseen_after", event_cues()["foreseen_after"]))


def arrest_raid(ann: Annotated, t: int, sentence: tuple[int, int]) -> bool:
    """'raids' (`ground_raid_words`) in a sentence that tells arrests (`arrest_words`) are security raids on homes,
    no air raids: "three suspects had been arrested in raids in Amarah"."""
    cue = event_cues()
    return bool(word_forms(ann.word(t)) & cue["ground_raid_words"]) and bool(
        ann.words_in(*sentence, "arrest words", cue["arrest_words"])
    )
