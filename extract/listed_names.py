"""Names the gazetteer lacks, listed with a place it knows: "the attacks in X, Sarmin and Y". A list of
places read after a place cue ("in", "near") names places of one area; an unknown name in it is
placed at the known place's unit (its sub-district, or the unit or region itself), as ACLED codes an
unknown village at the smallest unit it can vouch for. English only: an Arabic list has no capitals
to tell a name from a word.
"""

from __future__ import annotations

from collections.abc import Callable

from extract.admin_context import AREAS, TOWNS, UNITS
from extract.admin_words import any_word, words
from extract.context import capitalised, rules
from extract.listed_names_ar import arabic_items, conjunction_at, list_opened
from extract.types import Place
from extract.unknown_names import BREAKS, MAX_LISTED, MAX_NAME, between, capitalised_run, lost_apostrophe
from geodata.gazetteer.sources import GazEntry
from geodata.names import NormText, is_arabic

_HOLDERS = UNITS | AREAS | TOWNS  # what a list's unknown names may be placed by
Known = tuple[int, int, GazEntry]  # first token, last token, the chosen entry of a place the text names
UnitOf = Callable[[str], GazEntry | None]
Unresolved = Callable[[int, int, str, GazEntry], Place]


def _next_item(nt: NormText, text: str, last: int) -> tuple[int, bool] | None:
    """The first token of the list item after the item ending at `last`, and whether "and" joins them."""
    t = last + 1
    if t >= len(nt.tokens):
        return None
    comma = between(nt, text, last, t).strip()
    if comma not in ("", ","):
        return None
    if conjunction_at(nt, t):
        return (t + 1, True) if t + 1 < len(nt.tokens) and between(nt, text, t, t + 1) == " " else None
    return (t, False) if comma == "," else None


def _prev_item_end(nt: NormText, text: str, first: int) -> tuple[int, bool] | None:
    """The last token of the list item before the item starting at `first`, and whether "and" joins them."""
    t = first - 1
    if t < 0:
        return None
    if conjunction_at(nt, t) and between(nt, text, t, first) == " ":
        t -= 1
        return (t, True) if t >= 0 and between(nt, text, t, t + 1).strip() in ("", ",") else None
    return (t, False) if between(nt, text, t, first).strip() == "," else None


def _forward_run(nt: NormText, text: str, first: int, covered: set[int]) -> int | None:
    """The last token of a capitalised name that starts at token `first`."""
    last = None
    for t in range(first, min(len(nt.tokens), first + MAX_NAME)):
        w = text[nt.orig_starts[t] : nt.orig_ends[t]]
        if (
            t in covered
            or is_arabic(w)
            or not capitalised(w)
            or (t > first and between(nt, text, t - 1, t) not in (" ", "-"))
        ):
            break
        last = t
    return last


def _of_quarters(nt: NormText, first: int, last: int) -> bool:
    """A quarter's head word opens or closes the list ("the neighbourhoods of X and Y", "X and Y areas")."""
    return any_word(nt, (first - 1, first - 2, first - 3, last + 1), words().quarter_list_heads)


def _unit(e: GazEntry, unit_of: UnitOf) -> GazEntry | None:
    """Where a name listed with this place is put: the unit or area itself, or a town's sub-district."""
    if e.feature_type in UNITS or e.feature_type in AREAS:
        return e
    if e.feature_type not in TOWNS:
        return None  # a border crossing, an air base: no sign of where the rest of the list lies
    u = unit_of(e.pcode) if e.pcode else None
    return u if u is not None and u.feature_type in UNITS else None


def _plain_name(nt: NormText, text: str, first: int, last: int) -> bool:
    """No word of a person's name or a sentence opener in it; not a break inside it."""
    r = rules()
    if any(nt.tokens[t] in r.first_names or nt.tokens[t] in r.titles for t in range(first, last + 1)):
        return False
    return not any(c in BREAKS for c in text[nt.orig_starts[first] : nt.orig_ends[last]])


def listed_unknowns(
    nt: NormText,
    text: str,
    known: list[Known],
    covered: set[int],
    *,
    unit_of: UnitOf,
    unresolved: Unresolved,
    is_name: Callable[[str], bool],
) -> list[Place]:
    """Unknown names listed with a known place after a place cue, placed at that place's unit;
    `is_name`: whether a key names some place ("Russias" is Russia's, its apostrophe lost)."""
    starts = {a: b for a, b, _ in known}
    ends = {b: a for a, b, _ in known}
    out: list[Place] = []
    for first, last, e in known:
        if e.feature_type not in _HOLDERS:
            continue
        if is_arabic(nt.tokens[first]):
            items = arabic_items(nt, text, first, last, covered)
        else:
            found = _unknown_items(nt, text, first, last, starts=starts, ends=ends, covered=covered)
            if e.feature_type in TOWNS:
                found += _nearby_villages(nt, text, last, covered)
            items = [(a, b, 0) for a, b in found]
        if not items or (unit := _unit(e, unit_of)) is None:
            continue
        for a, b, skip in items:
            if lost_apostrophe(nt, a, b, is_name):
                continue
            out.append(unresolved(nt.orig_starts[a] + skip, nt.orig_ends[b], text, unit))
            covered.update(range(a, b + 1))
    return out


def _unknown_items(
    nt: NormText, text: str, first: int, last: int, *, starts: dict[int, int], ends: dict[int, int], covered: set[int]
) -> list[tuple[int, int]]:
    """The unknown names of the list that holds the known place at tokens first..last: a list that
    "and" closes ("X, Sarmin and Y", "X and Sarmin") and a place cue opens."""
    right, closed = _items_after(nt, text, last, starts, covered)
    left, opened_at, joined = _items_before(nt, text, first, ends, covered, closed=closed)
    if not (closed or joined) or not list_opened(nt, opened_at, reach=0):
        return []
    if _of_quarters(nt, opened_at, right[-1][1] if right else last):
        return []  # "the districts of X and Y": quarters, which a namesake of a town elsewhere often stands for
    return [(a, b) for a, b, is_known in left + right if not is_known and _plain_name(nt, text, a, b)]


Item = tuple[int, int, bool]  # first token, last token, whether it is a known place


def _nearby_villages(nt: NormText, text: str, last: int, covered: set[int]) -> list[tuple[int, int]]:
    """The unknown names after a town that ends at token `last`: "Tal Rifaat and the nearby villages of
    X and Y", "Manbij and the surrounding villages of X, Y and Z"."""
    r, w = rules(), words()
    t = last + 1
    if not conjunction_at(nt, t):
        return []
    t += 2 if 0 <= t + 1 < len(nt.tokens) and nt.tokens[t + 1] in r.list_articles else 1
    if not (any_word(nt, (t,), w.nearby) and any_word(nt, (t + 1,), w.heads_before)):
        return []
    if not (t + 2 < len(nt.tokens) and nt.tokens[t + 2] in r.genitive):
        return []
    items: list[tuple[int, int]] = []
    a: int | None = t + 3
    while a is not None and a < len(nt.tokens) and len(items) < MAX_LISTED:
        b = _forward_run(nt, text, a, covered)
        if b is None:
            break
        items.append((a, b))
        nxt = _next_item(nt, text, b)
        a = nxt[0] if nxt is not None else None
    # after the head noun a title's word is the name's own ("the nearby village of Sheikh Issa")
    return [(a, b) for a, b in items if not any(c in BREAKS for c in text[nt.orig_starts[a] : nt.orig_ends[b]])]


def _items_after(
    nt: NormText, text: str, last: int, starts: dict[int, int], covered: set[int]
) -> tuple[list[Item], bool]:
    """The items after the one ending at `last`, up to the one "and" joins; and whether "and" came."""
    items: list[Item] = []
    for _ in range(MAX_LISTED):
        nxt = _next_item(nt, text, last)
        if nxt is None:
            return items, False
        a, conj = nxt
        if a in starts:
            items.append((a, starts[a], True))
        else:
            b = _forward_run(nt, text, a, covered)
            if b is None or capitalised_run(nt, text, b, covered) != a:
                return items, False
            items.append((a, b, False))
        last = items[-1][1]
        if conj:
            return items, True
    return items, False


def _items_before(
    nt: NormText, text: str, first: int, ends: dict[int, int], covered: set[int], *, closed: bool
) -> tuple[list[Item], int, bool]:
    """The items before the one starting at `first`, back to the list's start; that start; and whether
    "and" joins the known item to the one before it (then the list ends there)."""
    items: list[Item] = []
    joined = False
    for _ in range(MAX_LISTED):
        prev = _prev_item_end(nt, text, first)
        if prev is None:
            break
        b, conj = prev
        if conj and (closed or items):
            break  # an "and" closes a list: one further left belongs to another
        a = ends.get(b)
        if a is None and (a := capitalised_run(nt, text, b, covered)) is None:
            break
        items.insert(0, (a, b, b in ends))
        joined = joined or conj
        first = a
    return items, first, joined
