"""The scene a paragraph sets: "In Baghdad, meanwhile, thousands forced their way into the Green Zone.
Security forces fired tear gas ...": a sentence that names no place happened where a sentence before it,
in its paragraph, opened by setting the scene ("In X,", "وفي X،": an inside word, the place, a comma).
A protest dated to a day with no place of its own was at the town of the story. And the sides of a
sentence: a contrast ("بينما", "while") parts it, and a protest's dispersal is read on its own side only
when the other side tells a protest of its own.
"""

from __future__ import annotations

import bisect

from extract.annotated import Annotated, PlaceTok
from extract.lexicons import TriggerDef, cues, phrase_lexicon, triggers
from extract.types import Span
from extract.wordforms import word_forms
from geodata.names import normalize_name

_GATHERINGS = frozenset({"Protests", "Riots"})
OPENING = 2  # words a scene's inside word may stand after the sentence's start ("Meanwhile, in Baghdad,")


def paragraph_scene(ann: Annotated, sent: Span) -> PlaceTok | None:
    """The place the last sentence before `sent` in its paragraph opens with as its scene; None if none."""
    sentences = ann.sentences
    para = ann.doc.text.rfind("\n", 0, sent.start) + 1
    lo = bisect.bisect_left(sentences, para, key=lambda s: s.start)
    hi = bisect.bisect_left(sentences, sent.start, key=lambda s: s.start)
    inside = cues()["inside_words"]
    for s in reversed(sentences[lo:hi]):
        first, last = ann.tok_range(s)
        for p in ann.places_in(first, min(last, first + OPENING + 1)):
            cue = p.tok_first - 1
            if cue < first or cue - first > OPENING or not word_forms(ann.word(cue)) & inside:
                continue
            if p.place.resolved and ann.comma_before(p.tok_last + 1):
                return p
    return None


def gathering_scene(ann: Annotated, sent: Span, trig: TriggerDef) -> PlaceTok | None:
    """A protest or riot its sentence dates to a day ("on Saturday", "يوم الجمعة") but names no place for: the
    town of the story ("A bomb exploded in Baquba on Friday. Angry residents protested on Saturday."); not
    protests told over months or years."""
    if trig.event_type not in _GATHERINGS or not any(d.precision == "day" for d in ann.dates_in(sent)):
        return None
    return ann.event_focus()


def contrast_side(ann: Annotated, sent: Span, t: int, breaks_list: str = "clause_breaks") -> tuple[int, int]:
    """The tokens of sentence `sent` on token t's side of a contrast ("في حين", "بينما", "while"; the phrases
    of the cue list `breaks_list`)."""
    first, last = ann.tok_range(sent)
    seen = ann.memo("contrasts " + breaks_list)
    breaks = seen.get(sent)
    if breaks is None:
        s, e = ann.nt.orig_starts[first], ann.nt.orig_ends[last]
        breaks = seen[sent] = ann.matches(phrase_lexicon(breaks_list), s, e)
    lo = max((b.tok_last for b in breaks if b.tok_last < t), default=first - 1)
    hi = min((b.tok_first for b in breaks if b.tok_first > t), default=last + 1)
    return lo + 1, hi - 1


def crowd_side(ann: Annotated, sent: Span, t: int) -> tuple[int, int]:
    """The tokens whose words of a crowd's violence or dispersal are the protest's at token t: its side of a
    contrast when the other side tells another protest ("خرجت مظاهرة في الأتارب، بينما فرّقت الهيئة مظاهرة في
    كفرنبل"), else the whole sentence ("تجمع العشرات …، فيما أطلقت قوات حماية المبنى أعيرة نارية لتفريقهم")."""
    lo, hi = contrast_side(ann, sent, t, "contrast_words")
    first, last = ann.tok_range(sent)
    if (lo, hi) == (first, last):
        return lo, hi
    defs, lex = triggers()
    dispersal = cues()["dispersal_words"]
    for m in ann.matches(lex, sent.start, sent.end):
        crowd = defs[lex.payloads(m)[0]].event_type in _GATHERINGS
        if crowd and not lo <= m.tok_first <= hi and normalize_name(ann.doc.text[m.start : m.end]) not in dispersal:
            return lo, hi
    return first, last
