"""Reject matches that are not places: homographs, persons, common words."""

from __future__ import annotations

from geodata.context import (
    cue_before,
    is_capitalised,
    rules,
    sentence_initial,
    strip_clitic,
    title_case_line,
    token,
)
from geodata.match import Mention
from geodata.normalize import NormText, is_arabic


def _next_capitalised_word(text: str, end: int) -> bool:
    """The word right after `end` (same sentence) starts with a capital."""
    i = end
    while i < len(text) and text[i] in " -":
        i += 1
    return i < len(text) and i > end and text[i].isupper()


def _person_context(m: Mention, nt: NormText, text: str, key: str, adjacent_place: bool) -> bool:
    r = rules()
    prev = token(nt, m.tok_first - 1)
    if prev in r.titles or strip_clitic(prev) in r.titles:
        return True
    latin = not is_arabic(key)
    if prev in r.first_names and (not latin or _prev_capitalised(text, nt, m.tok_first)):
        return True
    # "Jordan Peterson": a first name followed by a capitalised word that is no place.
    if key in r.first_names and not adjacent_place:
        return (latin and _next_capitalised_word(text, m.end)) or (not latin and m.tok_last + 1 < len(nt.norm_starts)
                                                                   and token(nt, m.tok_last + 1) not in r.cues)
    return False


def _prev_capitalised(text: str, nt: NormText, tok: int) -> bool:
    if tok <= 0:
        return False
    return text[nt.orig_starts[tok - 1]].isupper()


def _homograph_ok(m: Mention, nt: NormText, key: str, level: str, coordinated: bool) -> bool:
    if level == "none":
        return True
    if cue_before(nt, m.tok_first, strong=level == "strong"):
        return True
    return level == "weak" and coordinated


def accept(m: Mention, nt: NormText, text: str, key: str, *, coordinated: bool, adjacent_place: bool) -> bool:
    """Whether a raw name match reads as a place in its context.

    `coordinated`: the mention is joined by "و"/"and"/"," to another place
    mention; `adjacent_place`: another place mention touches it.
    """
    r = rules()
    surface = text[m.start : m.end]
    latin = not is_arabic(key)
    if latin:
        if not is_capitalised(surface):
            return False
        single = m.tok_first == m.tok_last
        if single and key in r.common_words and (sentence_initial(text, m.start) or title_case_line(text, m.start)):
            return False
    if _person_context(m, nt, text, key, adjacent_place):
        return False
    level = r.homographs.get(key)
    if level is not None:
        return _homograph_ok(m, nt, key, level, coordinated)
    return True


_JOINERS = frozenset({",", "،", "and", "و", "/", "-"})
_CONJUNCTIONS = frozenset({"and", "و", "or", "او"})


def coordination(mentions: list[Mention], nt: NormText, text: str) -> tuple[set[int], set[int]]:
    """Indexes of mentions coordinated with (and adjacent to) another mention."""
    coord: set[int] = set()
    adjacent: set[int] = set()
    for i in range(len(mentions) - 1):
        a, b = mentions[i], mentions[i + 1]
        gap_toks = b.tok_first - a.tok_last - 1
        between = text[a.end : b.start]
        joined = gap_toks == 0 and (b.prefix.startswith("و") or between.strip() in _JOINERS)
        if joined or (gap_toks == 1 and token(nt, a.tok_last + 1) in _CONJUNCTIONS):
            coord.update((i, i + 1))
        if gap_toks == 0:
            adjacent.update((i, i + 1))
    return coord, adjacent
