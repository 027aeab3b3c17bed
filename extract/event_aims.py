"""Words of a deed that tell no new deed of their own: an aim ("to recapture Mosul", "لاستعادة الموصل"), what a
protest is against ("to protest the strikes"), a deed only foreseen ("will strike"), a claim or a blame of a
deed told before ("ISIS claimed the bombing"), the deed a time is told by ("within hours of the raid")."""

from __future__ import annotations

from functools import cache

from extract.annotated import Annotated
from extract.event_actors import exposed_before
from extract.lexicons import TriggerDef, cues, event_cues
from extract.matching import Match
from extract.wordforms import word_forms

IMPEDE_REACH = 4  # words from "halt" to the deed it would stop ("to slow the army's advance")


def aim(ann: Annotated, m: Match, trig: TriggerDef) -> bool:
    """A purpose, not a deed: "لاستعادة الموصل", "advanced to recapture Mosul"."""
    if trig.event_type != "Battles":
        return False
    if m.prefix[-1:] in cues()["aim_proclitics"] and exposed_before(ann, max(0, m.tok_first - 5), m.tok_first):
        return False  # "تعرض الجيش لهجوم": the army suffered an attack
    before = ann.word(m.tok_first - 1)
    if before in event_cues()["agent_articles"]:  # "demanding the fall of", not "responds to the attack"
        return ann.word(m.tok_first - 2) in event_cues()["demands_before"]
    aims = event_cues()["aim_before"] | event_cues()["demands_before"]
    if ann.words_in(
        max(0, m.tok_first - IMPEDE_REACH), m.tok_first - 1, "impede_before", event_cues()["impede_before"]
    ):
        return True  # "to slow the army's advance", "وقف إطلاق النار": a deed someone would stop
    return m.prefix[-1:] in cues()["aim_proclitics"] or before in aims


PROTESTED_REACH = 3  # words from a word of protesting to the deed it protests ("to protest the strikes")
GATHER_REACH = 12  # words from a word of gathering to its cause ("تجمع العشرات من ذوي الضحايا أمام مبنى … مطالبين")


def protested(ann: Annotated, m: Match, trig: TriggerDef) -> bool:
    """What a protest is against, told as its cause ("gathered to protest the strikes", "احتجاجاً على
    القصف", "تنديداً بالغارات"): a deed told elsewhere, no new one here (not a protest's own word)."""
    if trig.event_type in ("Protests", "Riots"):
        return False
    lo = max(0, m.tok_first - PROTESTED_REACH)
    return bool(ann.words_in(lo, m.tok_first - 1, "protested_before", event_cues()["protested_before"]))


def no_protest(ann: Annotated, m: Match, trig: TriggerDef) -> bool:
    """A word of protesting that means showing here (`show_senses`: "the attacks demonstrated the regime's
    cruelty", "demonstrating that": an object or "that" / "how" right after it), or a gathering that is no protest
    (`no_protest_before`: "an election rally", "a campaign rally"), or a gathering with no cause told after it
    ("displaced people gathered in Derik"); a word of rioting that names who stops one ("riot police")."""
    if trig.event_type == "Riots" and word_forms(ann.word(m.tok_last + 1)) & event_cues()["riot_gear"]:
        return True  # "riot police", "riot gear": who stops a riot, and with what
    if trig.event_type != "Protests":
        return False
    if word_forms(ann.word(m.tok_first - 1)) & event_cues()["no_protest_before"]:
        return True
    if word_forms(ann.word(m.tok_first)) & event_cues()["gathering_words"]:
        # "gathered in Derik to condemn Turkey", "تجمع الآلاف للتنديد": a gathering is a protest only for a cause
        reach = range(m.tok_last + 1, m.tok_last + 1 + GATHER_REACH)
        return not any(word_forms(ann.word(i)) & event_cues()["protest_purposes"] for i in reach)
    if not word_forms(ann.word(m.tok_last)) & event_cues()["show_senses"]:
        return False
    nxt = ann.word(m.tok_last + 1)
    return nxt in event_cues()["object_starts"] or nxt in event_cues()["show_objects"]


def unreal(ann: Annotated, first: int, t: int) -> bool:
    """A deed only foreseen or threatened: "will strike", "is likely to become the next target",
    "قد يحدد شكل السيطرة", "سوف تهاجم" (a word of `irrealis_before` at most five words before)."""
    words, before_imperfect = event_cues()["irrealis_before"], event_cues()["irrealis_before_imperfect"]
    for i in range(max(first, t - 5), t):
        w = ann.word(i)
        if word_forms(w) & words or (w in before_imperfect and ann.word(i + 1)[:1] in ("ي", "ت")):
            return True
    return False


def told_word(ann: Annotated, first: int, last: int) -> bool:
    """A claim, blame or responsibility word among tokens first..last."""
    return bool(ann.words_in(first, last, "told words", _told_words()))


@cache
def _told_words() -> frozenset[str]:
    return event_cues()["claim_words"] | event_cues()["responsibility_words"] | event_cues()["blame_words"]


TIME_PHRASE_WORDS = 4  # words of the longest phrase of time before a deed ("within hours of the")


def time_of_told(ann: Annotated, m: Match) -> bool:
    """A deed told before that now tells when ("Within hours of **the raid**, gunmen attacked", "بعد ساعات من
    **الغارات**"): made definite, after a phrase of time (`time_of_before`), with no place of its own after it
    ("a day after the fall of Yabrud" tells that Yabrud fell)."""
    t = m.tok_first
    if ann.word(t - 1) in event_cues()["agent_articles"]:
        t -= 1  # "the raid"
    elif not ann.word(t).startswith("ال") or m.prefix:
        return False
    if ann.places_in(m.tok_last + 1, m.tok_last + TIME_PHRASE_WORDS - 1):
        return False
    phrases = event_cues()["time_of_before"]
    for n in range(1, TIME_PHRASE_WORDS + 1):
        rest = " ".join(ann.word(i) for i in range(t - n + 1, t))
        if any(" ".join(filter(None, (f, rest))) in phrases for f in word_forms(ann.word(t - n))):
            return True  # "وبعد ساعات من": the conjunction written onto the phrase
    return False
