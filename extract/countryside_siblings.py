"""Two directions of one town's countryside: "ريف حلب الغربي والجنوبي", "the western and southern
countryside of Aleppo", "the southern and eastern countrysides of Idlib", "Aleppo's western and southern
countryside".

A direction joined to the direction of a countryside the text names ("و" after it in Arabic, "and"
or a comma before it in English) names that town's countryside in that direction too: a place of its
own at the direction's word. The directions' words are those of geodata/data/countrysides.json.
"""

from __future__ import annotations

import re
from functools import cache

from extract.resolve import place_at
from extract.types import Place
from geodata.gazetteer import Gazetteer
from geodata.gazetteer.countrysides import countryside_data
from geodata.names import is_arabic

MAX_SIBLINGS = 3  # "ريف حلب الغربي والجنوبي والشرقي"
_AFTER_AR = re.compile(r"\s*و(\w+)")  # "والجنوبي"
_COUNTRYSIDE_OF = re.compile(r"([A-Za-z-]+)\s+countryside\s+of\s+(?:the\s+)?$", re.IGNORECASE)
_BEFORE_EN = re.compile(r"([A-Za-z-]+)\s*(?:,\s*and|,|and|or)\s+(?:the\s+)?$")  # "western and ", "western, "
_JOINED_EN = r"\s*(?:,\s*and|,|and|or)\s+"
_OWNED_EN = re.compile(  # "'s western and southern countryside" after a town
    rf"(?:['\u2019]s)?\s+([A-Za-z-]+)((?:{_JOINED_EN}[A-Za-z-]+){{1,{MAX_SIBLINGS}}})\s+countrysides?\b", re.IGNORECASE
)
_WORD = re.compile(r"[A-Za-z-]+")


@cache
def one_word_directions() -> tuple[frozenset[str], frozenset[str]]:
    """The one-word directions, English (lower case) and Arabic."""
    dirs = countryside_data()["directions"].values()
    en = frozenset(w.lower() for d in dirs for w in d["en"] if " " not in w)
    ar = frozenset(w for d in dirs for w in d["ar"] if " " not in w)
    return en, ar


def _arabic_sibling(p: Place, text: str, end: int) -> tuple[str, int, int] | None:
    """ "ريف حلب الغربي" then "والجنوبي" at `end`: the sibling's name and the span of its direction."""
    words = p.surface.split()
    m = _AFTER_AR.match(text, end)
    if (
        len(words) < 3
        or words[-1] not in one_word_directions()[1]
        or m is None
        or m.group(1) not in one_word_directions()[1]
    ):
        return None
    return " ".join([*words[:-1], m.group(1)]), m.start(1), m.end(1)


def _english_sibling(p: Place, text: str, start: int) -> tuple[str, int, int] | None:
    """ "western and " before "southern countryside of Aleppo": the sibling's name and its direction's span."""
    words = p.surface.split()
    m = _BEFORE_EN.search(text, max(0, start - 40), start)
    en = one_word_directions()[0]
    if not words or words[0].lower() not in en or m is None or m.end() != start or m.group(1).lower() not in en:
        return None
    return " ".join([m.group(1), *p.name.split()[1:]]), m.start(1), m.end(1)  # "western Aleppo countryside"


def _spelled_seat(p: Place, text: str, gaz: Gazetteer) -> Place | None:
    """ "the eastern countryside of Deir-ez-Zur": a town the gazetteer knew only by another spelling, after
    an English direction and "countryside of", is that town's countryside in that direction."""
    m = _COUNTRYSIDE_OF.search(text, max(0, p.start - 60), p.start)
    if (
        p.feature_type != "city"
        or is_arabic(p.surface)
        or m is None
        or m.group(1).lower() not in one_word_directions()[0]
    ):
        return None
    got = [e for e in gaz.candidates(f"{m.group(1)} countryside of {p.name}") if e.feature_type == "countryside"]
    return place_at(got[0], text, m.start(1), p.end, p.confidence) if got else None


def _owned(p: Place, text: str, gaz: Gazetteer) -> list[Place]:
    """ "Aleppo's western and southern countryside": a town then two directions or more joined before one
    "countryside" names the town's countryside in each direction, each at its direction's word (the first
    from the town on); none unless every direction is one."""
    m = _OWNED_EN.match(text, p.end)
    if p.feature_type != "city" or is_arabic(p.surface) or m is None:
        return []
    spans = [(m.start(1), m.end(1)), *((w.start(), w.end()) for w in _WORD.finditer(text, m.start(2), m.end(2)))]
    spans = [(a, b) for a, b in spans if text[a:b].lower() not in ("and", "or")]
    out = []
    for k, (a, b) in enumerate(spans):
        got = [e for e in gaz.candidates(f"{text[a:b]} countryside of {p.name}") if e.feature_type == "countryside"]
        if not got or text[a:b].lower() not in one_word_directions()[0]:
            return []
        start, end = (p.start, b) if k == 0 else (a, m.end() if k == len(spans) - 1 else b)
        out.append(place_at(got[0], text, start, end, p.confidence))
    return out


def sibling_countrysides(places: list[Place], text: str, gaz: Gazetteer) -> list[Place]:
    """The places with a countryside for each direction joined to a countryside's own; a town after
    "<direction> countryside of" is that countryside, however the text spells the town."""
    places = [_spelled_seat(p, text, gaz) or p for p in places]
    places = [q for p in places for q in (_owned(p, text, gaz) or [p])]
    taken = [(p.start, p.end) for p in places]
    out = list(places)
    for p in places:
        if p.feature_type != "countryside":
            continue
        edge = p.end if is_arabic(p.surface) else p.start
        for _ in range(MAX_SIBLINGS):
            found = _arabic_sibling(p, text, edge) if is_arabic(p.surface) else _english_sibling(p, text, edge)
            if found is None or any(a < found[2] and found[1] < b for a, b in taken):
                break
            name, start, end = found
            got = [e for e in gaz.candidates(name) if e.feature_type == "countryside"]
            if not got:
                break
            out.append(place_at(got[0], text, start, end, p.confidence))
            taken.append((start, end))
            edge = end if is_arabic(p.surface) else start
    return sorted(out, key=lambda q: q.start)
