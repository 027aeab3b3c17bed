"""Places named in an event's sentence that are not where it happened: where it was said or the seat of who
said it ("told reporters in Baghdad", "the defence ministry in Ankara said"), and where the attacker is based
("Turkish artillery based near Tal Abyad shelled Ain Issa")."""

from __future__ import annotations

import bisect

from extract.annotated import Annotated, PlaceTok
from extract.lexicons import event_cues
from extract.wordforms import word_forms


def spoken_at(ann: Annotated, p: PlaceTok) -> bool:
    """'he told reporters in Baghdad', 'the defence ministry in Ankara said': where something was said, or
    the seat of who said it (`seat_heads`), not where it happened."""
    speech = event_cues()["speech_words"]
    if ann.seat_of_speaker(p):
        return True
    return any(word_forms(ann.word(i)) & speech for i in range(max(0, p.tok_first - 3), p.tok_first))


def based_at(ann: Annotated, p: PlaceTok) -> bool:
    """'Turkish artillery based near Tal Abyad shelled Ain Issa', 'المدفعية المتمركزة قرب تل أبيض': where the
    attacker is based, not where the deed happened (`base_words`, then a word of `base_links`)."""
    cue, i = event_cues(), p.tok_first - 1
    if ann.word(i) not in cue["base_links"] or not word_forms(ann.word(i - 1)) & cue["base_words"]:
        return False
    k = bisect.bisect_right(ann.sentences, p.place.start, key=lambda s: s.start) - 1
    last = ann.tok_range(ann.sentences[k])[1] if k >= 0 else p.tok_last
    return bool(ann.places_in(p.tok_last + 1, last))  # "troops based in Mosul were attacked": there
