"""Villages the gazetteer lacks that the text names with a head noun but no unit around them ("clashes in
Maardis town", "in the village of Tilalyan", "في قرية تليليان"), and the names a plural head lists ("the
villages of X, Y and Abu Z", "قرى X وY").

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
from extract.unknown_names import BREAKS, MAX_LISTED, MAX_NAME, between, listed_before, rare_arabic, runs
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
    if is_arabic(nt.tokens[t]):  # "قرى تل هوى": a name's head ("تل") goes on with the word after it
        return not (is_arabic(word) and (rare_arabic(word) or nt.tokens[t] in rules().name_heads))
    directions, of = rules().cues, rules().genitive
    if nt.tokens[t] in directions and nt.tokens[nxt] in of:
        return False  # "the villages of al-Murayeh South of Euphrates": a direction, not the name's last word
    if nt.tokens[nxt] in directions and token(nt, nxt + 1) in of:
        return True
    return not capitalised(word)


def _headed(nt: NormText, first: int, last: int) -> bool:
    """A head noun names it: right before it ("قرية X", "the village of X") or right after ("X town")."""
    before = first - 1
    if before >= 0 and nt.tokens[before] in rules().genitive:
        before -= 1  # "the village of X"
    return _head(nt, before) or (not is_arabic(nt.tokens[last]) and _head(nt, last + 1))


def _listed(nt: NormText, text: str, names: list[tuple[int, int, int]], covered: set[int]) -> bool:
    """The last English name is listed after a plural head ("the villages of X, Y and Z")."""
    last = names[-1][0]
    return not is_arabic(nt.tokens[last]) and listed_before(nt, text, last, covered) is not None


def headed_alone(r: Reading, governorates: frozenset[str], taken: set[int]) -> list[Place]:
    """The headed names the text does not place otherwise (`taken`: the tokens of its other places),
    placed at the one province its sure places lie in (`governorates`: their P-codes)."""
    if len(governorates) != 1:
        return []
    unit = r.unit_of(next(iter(governorates)))
    if unit is None:
        return []
    nt, text = r.nt, r.text
    covered = set(taken)
    out: list[Place] = []
    for t in reversed(_ends(nt)):  # before a head ("X town") or after it ("the village of X"); a list from its end
        if t in covered or not _ends_a_name(nt, text, t):
            continue
        names = runs(nt, text, t, covered, unit_word=False)  # with the names listed before it
        if not names or not (_headed(nt, *names[0][:2]) or _listed(nt, text, names, covered)):
            continue
        for first, last, skip in names:
            if not covered.intersection(range(first, last + 1)):
                start, end = nt.orig_starts[first] + skip, nt.orig_ends[last]
                out.append(unresolved(start, end, text, unit, confidence=INFERRED_CONFIDENCE))
                covered.update(range(first, last + 1))
    return out


def _ends(nt: NormText) -> list[int]:
    """The tokens a headed name may end at: around a head, and after the conjunctions of a list it opens
    ("the villages of X, Y and Z")."""
    n, conj = len(nt.tokens), rules().conjunctions
    heads = [k for k in range(n) if _head(nt, k)]
    near = {e for h in heads for e in range(h - 1, h + MAX_NAME + 2)}
    listed = {c for h in heads for c in range(h + 2, h + MAX_LISTED * (MAX_NAME + 1)) if c < n and nt.tokens[c] in conj}
    near |= {e for c in listed for e in range(c + 1, c + MAX_NAME + 1)}
    return sorted(e for e in near if 0 <= e < n and e not in heads)
