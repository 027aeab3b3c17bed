"""Villages the gazetteer lacks that the text names with a head noun but no unit around them ("clashes in
Maardis town", "in the village of Tilalyan", "في قرية تليليان").

In a text whose sure places all lie in one province, such a village is placed at that province with
geo_precision 3 and a lower confidence, as ACLED codes an event it knows only to the province; the name
stays its surface, unresolved, for an analyst to add on the gazetteer page. In a text about several
provinces, or none, it stays unplaced.
"""

from __future__ import annotations

from functools import cache

from extract.admin_context import Reading, unresolved
from extract.admin_words import words
from extract.context import capitalised, rules, token
from extract.types import Place
from extract.unknown_names import BREAKS, MAX_NAME, between, rare_arabic, runs
from extract.wordforms import word_forms
from geodata.names import NormText, is_arabic

INFERRED_CONFIDENCE = 0.25  # below a village the text puts in a unit (admin_context.UNRESOLVED_CONFIDENCE)


@cache
def _heads() -> frozenset[str]:
    return words().heads_before | words().heads_after


def _head(nt: NormText, t: int) -> bool:
    """Token t is a head noun of a village's name ("village", "town", "قرية", "بلدة")."""
    return 0 <= t < len(nt.tokens) and not _heads().isdisjoint(word_forms(nt.tokens[t]))


def _ends_a_name(nt: NormText, text: str, t: int) -> bool:
    """Token t is the last word of a name: a break, or a word that cannot go on with it, comes next."""
    nxt = t + 1
    if nxt >= len(nt.tokens) or any(c in BREAKS + "," for c in between(nt, text, t, nxt)):
        return True
    word = text[nt.orig_starts[nxt] : nt.orig_ends[nxt]]
    if is_arabic(nt.tokens[t]):
        return not (is_arabic(word) and rare_arabic(word))
    if nt.tokens[nxt] in rules().cues and token(nt, nxt + 1) in rules().genitive:
        return True  # "the villages of al-Murayeh South of Euphrates": a direction, not the name's last word
    return not capitalised(word)


def _headed(nt: NormText, first: int, last: int) -> bool:
    """A head noun names it: right before it ("قرية X", "the village of X") or right after ("X town")."""
    before = first - 1
    if before >= 0 and nt.tokens[before] in rules().genitive:
        before -= 1  # "the village of X"
    return _head(nt, before) or (not is_arabic(nt.tokens[last]) and _head(nt, last + 1))


def headed_alone(r: Reading, governorates: frozenset[str], taken: set[int]) -> list[Place]:
    """The headed names the text does not place otherwise (`taken`: the tokens of its other places),
    placed at the one province its sure places lie in (`governorates`: their P-codes)."""
    if len(governorates) != 1:
        return []
    unit = r.unit_of(next(iter(governorates)))
    if unit is None:
        return []
    nt, text = r.nt, r.text
    heads = [k for k in range(len(nt.tokens)) if _head(nt, k)]
    ends = sorted({e for h in heads for e in range(h - 1, h + MAX_NAME + 2) if 0 <= e < len(nt.tokens) and e != h})
    covered = set(taken)
    out: list[Place] = []
    for t in ends:  # a name ends right before its head ("X town") or a few words after it ("the village of X")
        if t in covered or not _ends_a_name(nt, text, t):
            continue
        for first, last, skip in runs(nt, text, t, covered, unit_word=False):
            if _headed(nt, first, last) and not covered.intersection(range(first, last + 1)):
                start, end = nt.orig_starts[first] + skip, nt.orig_ends[last]
                out.append(unresolved(start, end, text, unit, confidence=INFERRED_CONFIDENCE))
                covered.update(range(first, last + 1))
    return out
