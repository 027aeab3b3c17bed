"""Countrysides named with one head for several towns: "ريفي حماة وإدلب", "أرياف حلب وإدلب وحماة",
"the countrysides of Hama and Idlib", "the Hama and Idlib countrysides".

Each town of such a list stands for its countryside, the place the gazetteer knows by the singular
form ("ريف حماة", "Hama countryside": `countryside_of`); a town with no such place stays the town.
The words live in data/admin_context.json (`shared_countryside`, `countryside_of`).
"""

from __future__ import annotations

import re

from extract.admin_words import words
from extract.context import rules
from extract.countryside_siblings import one_word_directions
from extract.named_again import tokens_of
from extract.resolve import place_at
from extract.types import Place
from geodata.gazetteer import Gazetteer
from geodata.geometry import km
from geodata.names import NormText, is_arabic

_AROUND = frozenset({"region", "countryside"})
_SAME_AREA_KM = 60.0  # a town's countryside lies around it
_JOINS = frozenset({"", ",", "،", "و"})
_WORD_AFTER = re.compile(r"\s+(\w+)")


def _head_at(nt: NormText, t: int) -> bool:
    return 0 <= t < len(nt.tokens) and nt.tokens[t] in words().shared_countryside


def _direction_after(text: str, p: Place) -> re.Match[str] | None:
    """The Arabic direction right after a town ("إدلب الجنوبي"), if any."""
    m = _WORD_AFTER.match(text, p.end)
    return m if m is not None and m.group(1) in one_word_directions()[1] else None


def _joined(text: str, a: Place, b: Place) -> bool:
    """Place b follows place a in a list: "حماة وإدلب", "Hama and Idlib", "Aleppo, Idlib", "إدلب الجنوبي وحماة"."""
    m = _direction_after(text, a)
    gap = text[m.end() if m else a.end : b.start].strip()
    return gap in _JOINS or gap.lower() in rules().conjunctions or gap.lower().lstrip(", ") in rules().conjunctions


def _runs(places: list[Place], text: str) -> list[list[int]]:
    """The indices of places listed one after another."""
    runs: list[list[int]] = []
    for i, p in enumerate(places):
        if runs and _joined(text, places[runs[-1][-1]], p):
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


def _opened(nt: NormText, first: range) -> bool:
    """A shared head stands right before the list, "of" between them allowed ("the countrysides of")."""
    t = first.start - 1
    if 0 <= t < len(nt.tokens) and nt.tokens[t] in rules().genitive:
        t -= 1
    return _head_at(nt, t)


def _countryside(gaz: Gazetteer, p: Place, text: str) -> Place | None:
    """The town's countryside as the gazetteer names it, near the town, at the town's words (with the
    direction after them: "ريفي إدلب الجنوبي وحماة الشمالي")."""
    form = words().countryside_of["ar" if is_arabic(p.surface) else "en"]
    name, end = form.format(p.surface), p.end
    if is_arabic(p.surface) and (m := _direction_after(text, p)) is not None:
        name, end = f"{name} {m.group(1)}", m.end()
    near = [
        e
        for e in gaz.candidates(name)
        if e.feature_type in _AROUND
        and e.country_code == p.country_code
        and km(e.lat, e.lon, p.lat, p.lon) < _SAME_AREA_KM
    ]
    if not near:
        return None
    return place_at(near[0], text, p.start, end, p.confidence)


def shared_countrysides(places: list[Place], nt: NormText, text: str, gaz: Gazetteer) -> list[Place]:
    """The places (sorted by start), each town of a list under a shared countryside head replaced by its
    countryside."""
    out = list(places)
    towns = [i for i, p in enumerate(places) if p.resolved and p.feature_type in ("city", "town")]
    listed = [places[i] for i in towns]
    for run in _runs(listed, text):
        first, last = tokens_of(nt, listed[run[0]]), tokens_of(nt, listed[run[-1]])
        if len(run) < 2 or not (_opened(nt, first) or _head_at(nt, last.stop)):
            continue  # one town: "ريفي" is an adjective there ("rural"), no head shared
        for k in run:
            if (got := _countryside(gaz, listed[k], text)) is not None:
                out[towns[k]] = got
    return out
