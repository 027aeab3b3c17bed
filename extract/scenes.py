"""The scene a paragraph sets: "In Baghdad, meanwhile, thousands forced their way into the Green Zone.
Security forces fired tear gas ...": a sentence that names no place happened where a sentence before it,
in its paragraph, opened by setting the scene ("In X,", "وفي X،": an inside word, the place, a comma).
"""

from __future__ import annotations

import bisect

from extract.annotated import Annotated, PlaceTok
from extract.lexicons import TriggerDef, cues
from extract.types import Span
from extract.wordforms import word_forms

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
