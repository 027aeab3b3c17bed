"""Arabic names glued to a neighbour, as titles and hasty copy write them:
"معرةالنعمان" (معرة النعمان without its space), "اعزازو" (اعزاز with the و of the
next word). A token no gazetteer name matches is split where the remainder is
a known piece: before an inner article (the name then has two words), or
before a proclitic of the next word glued at its end (clitics_ar.json
`glued_after`). Only a split whose name is a place of Iraq or Syria counts.
"""

from __future__ import annotations

from functools import cache

from extract.datafiles import load_json
from extract.matching import Match
from extract.wordforms import word_forms
from geodata import settings
from geodata.gazetteer import BLOCK, Gazetteer
from geodata.names import NormText, is_arabic

ARTICLE = "ال"
MIN_PART = 2  # letters of the first word before an inner article ("دير" + "الزور")
MIN_TOKEN = 5
SEEN_SIZE = 65_536
_MARKS = frozenset("\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0640")  # harakat, tatweel


@cache
def _glued_after() -> dict[str, int]:
    raw = load_json("clitics_ar.json").get("glued_after", {})
    return {k: int(v) for k, v in raw.items() if not k.startswith("_")}


def _place_key(gaz: Gazetteer, key: str) -> int | None:
    i = gaz.index.key_index.get(key)
    if i is None:
        return None
    payloads = gaz.index.payloads[i]
    if BLOCK in payloads:
        return None
    ok = any(gaz.entries[p].country_code in settings.FOCUS_COUNTRIES for p in payloads)
    return i if ok else None


def _split(gaz: Gazetteer, tok: str) -> tuple[int, int] | None:
    """(key index, letters to drop at the end) of a glued token, or None."""
    at = tok.find(ARTICLE, MIN_PART)
    while at > 0:
        key = f"{tok[:at]} {tok[at:]}"
        if len(tok) - at > len(ARTICLE) + 1 and (i := _place_key(gaz, key)) is not None:
            return i, 0
        at = tok.find(ARTICLE, at + 1)
    for clitic, keep in _glued_after().items():
        if tok.endswith(clitic) and len(tok) - len(clitic) >= keep:
            i = _place_key(gaz, tok[: -len(clitic)])
            if i is not None:
                return i, len(clitic)
    return None


_SEEN: list = [None, {}]  # the gazetteer read, and each token's reading in it: news repeats its words


def _glued(gaz: Gazetteer, tok: str) -> tuple[tuple[int, int], int] | None:
    """((key index, letters glued at the end), letters of a proclitic before) of a glued token, or None."""
    if _SEEN[0] is not gaz or len(_SEEN[1]) > SEEN_SIZE:
        _SEEN[:] = [gaz, {}]
    table: dict[str, tuple[tuple[int, int], int] | None] = _SEEN[1]
    if tok in table:
        return table[tok]
    got = None
    if is_arabic(tok) and tok not in gaz.index.key_index:
        for form in sorted(word_forms(tok), key=len, reverse=True):  # "واعزازو": also without its own و
            if tok.endswith(form) and (found := _split(gaz, form)) is not None:
                got = found, len(tok) - len(form)
                break
    table[tok] = got
    return got


def glued_matches(gaz: Gazetteer, nt: NormText, text: str, taken: set[int]) -> list[Match]:
    """Matches of the place names glued to a neighbour in tokens no other match holds (none in a
    text without Arabic letters: one look at the text, not one at each word)."""
    out: list[Match] = []
    if not is_arabic(nt.norm):
        return out
    ends = tuple(_glued_after())
    for t, tok in enumerate(nt.tokens):
        if len(tok) < MIN_TOKEN or (tok.find(ARTICLE, MIN_PART) < 0 and not tok.endswith(ends)):
            continue  # nothing glued could hide in it: most words
        if t in taken or (got := _glued(gaz, tok)) is None:
            continue
        (i, drop), lead = got
        start, end = nt.orig_starts[t], nt.orig_ends[t]
        while lead and start < end:  # the proclitic's letters come first
            lead -= 1 if is_arabic(text[start]) and text[start] not in _MARKS else 0
            start += 1
        while drop and end > start:  # the glued letters are the last ones written
            end -= 1
            drop -= 1 if is_arabic(text[end]) and text[end] not in _MARKS else 0
        out.append(Match(start, end, t, t, i, ""))
    return out
