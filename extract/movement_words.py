"""Whether a movement word at a token tells a journey: it quotes no source ("نقلت ... عن مصادر"), names no camp
("the Makhmour refugee camp"), takes someone ("took control" takes no one), goes somewhere ("continued to
advance" goes nowhere) and is no other word that reads the same once its doubled letter is folded ("refugee")."""

from __future__ import annotations

from functools import cache

from extract.annotated import Annotated
from extract.datafiles import load_json
from extract.lexicons import cues
from extract.wordforms import word_forms
from geodata.names import is_arabic


def moves(ann: Annotated, t: int, last: int) -> bool:
    """The movement word at token t tells a journey: it quotes no source, names no camp, takes someone, and is
    no other word that reads the same once its doubled letter is folded ("refugee" for "refuge")."""
    if ann.doc.text[ann.nt.orig_starts[t] : ann.nt.orig_ends[t]].lower() in _lookalikes():
        return False
    return not (_quoting(ann, t, last) or _names_a_camp(ann, t) or _takes_no_one(ann, t) or _goes_on_doing(ann, t))


def _goes_on_doing(ann: Annotated, t: int) -> bool:
    """An English word of going on that goes nowhere: "continued to advance against ISIS", "Continued clashes in
    Manbij"; not "continued north to Dohuk", "continued on to Idlib", "continued to the border"."""
    c = cues()
    if not word_forms(ann.word(t)) & c["continue_words"]:
        return False
    nxt = t + 1
    if word_forms(ann.word(nxt)) & c["to_words"]:
        return not ann.places_in(nxt + 1, nxt + 3)
    return not word_forms(ann.word(nxt)) & (c["direction_words"] | c["continue_next"])


def _takes_no_one(ann: Annotated, t: int) -> bool:
    """ "took" / "take" moves only the carried named right after it ("took the dead south to Najaf", "take the wounded
    to hospital"), not "took control of", "took part in", "take place"."""
    if not word_forms(ann.word(t)) & cues()["object_carry_words"]:
        return False
    return not any(word_forms(ann.word(i)) & cues()["carried_objects"] for i in range(t + 1, t + 4))


@cache
def _lookalikes() -> frozenset[str]:
    """`trigger_lookalikes` as written (the cue lists fold doubled letters, and so would read them as the word)."""
    return frozenset(load_json("journeys.json")["trigger_lookalikes"])


def _quoting(ann: Annotated, t: int, last: int) -> bool:
    """A word of carrying that quotes ("ونقلت وكالة الأناضول عن مصادر": reported, from sources): "عن" within three
    words after it; or that does a deed ("carried out artillery bombardments": a particle right after it, not
    "out of" a place)."""
    if not word_forms(ann.word(t)) & cues()["carry_words"]:
        return False
    if t + 1 <= last and ann.word(t + 1) in cues()["carry_particles"]:
        return ann.word(t + 2) not in cues()["carry_particle_places"]  # "flown out of Tal Afar" moves
    return any(word_forms(ann.word(i)) & cues()["quote_markers"] for i in range(t + 1, min(last, t + 3) + 1))


def _names_a_camp(ann: Annotated, t: int) -> bool:
    """A word of movers that names a camp, not a journey: "the Makhmour refugee camp" (the camp after it),
    "مخيم النازحين" (the camp before it; not "غادرت مخيم شاريا", where the word comes first and moves)."""
    camps = cues()["camp_words"]
    if is_arabic(ann.word(t)):
        return t > 0 and bool(word_forms(ann.word(t - 1)) & camps)
    return bool(word_forms(ann.word(t + 1)) & camps)
