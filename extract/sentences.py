"""Split a text into sentences, as spans into the original text."""

from __future__ import annotations

import re

from extract.datafiles import load_json
from extract.types import Span

# A sentence ends at . ! ? ؟ … followed by a space (not inside numbers like 2.5) or at a line
# break; not at a semicolon, Arabic "؛" as English ";" (its clauses go on: "تقدمت القوات من محورين؛
# الأول من ..."); not after an initial ("U.S."), which `_ends` tells (a look-behind in the pattern would be
# tried at every character).
_END = re.compile(r"[.!?؟…]+(?=\s|$)|\n+")
_WORD_CHAR = re.compile(r"\w")
# A character reference whose ";" was mangled into "." by a scraper ("regime&#8217. s warplane",
# "the &#8220. Islamic State&#8221."): the dot is not the end of a sentence.
_ENTITY_BEFORE = re.compile(r"&(?:#\d{2,7}|#x[0-9a-fA-F]{2,6}|[a-zA-Z]{2,8})$")
_WORD_BEFORE = re.compile(r"(?<![\w.])([A-Z][a-z]{1,6})$")
_DATA = load_json("sentences.json")
_BEFORE_NUMBERS = frozenset(_DATA["before_numbers"])
_BEFORE_NAMES = frozenset(_DATA["before_names"])


def _abbreviation(text: str, s: int, e: int) -> bool:
    """The full stop at s (the end marks run to e) closes an abbreviation of data/sentences.json: a month's
    before a day ("Aug. 3"), a title's before a name ("Gen. Mazloum")."""
    m = _WORD_BEFORE.search(text, max(0, s - 8), s)
    if m is None or e - s != 1 or e + 1 >= len(text) or text[e] != " ":
        return False
    nxt = text[e + 1]
    return (m.group(1) in _BEFORE_NUMBERS and nxt.isdigit()) or (m.group(1) in _BEFORE_NAMES and nxt.isupper())


def _ends(text: str) -> list[tuple[int, int]]:
    """Where sentences end: (start, end) of each run of end marks or line breaks."""
    out = []
    pos = 0
    while (m := _END.search(text, pos)) is not None:
        s = m.start()
        if text[s] != "\n" and s and "A" <= text[s - 1] <= "Z" and (s == 1 or not _WORD_CHAR.match(text, s - 2)):
            pos = s + 1  # an initial: "U.S. forces"
            continue
        if text[s] == "." and (_ENTITY_BEFORE.search(text, max(0, s - 10), s) or _abbreviation(text, s, m.end())):
            pos = s + 1
            continue
        out.append((s, m.end()))
        pos = m.end()
    return out


def sentence_spans(text: str) -> list[Span]:
    """Non-empty sentences, trimmed of surrounding white space."""
    spans: list[Span] = []
    start = 0
    for s, e in _ends(text):
        _add(text, start, e if text[s] != "\n" else s, spans)
        start = e
    _add(text, start, len(text), spans)
    return spans


def _add(text: str, s: int, e: int, spans: list[Span]) -> None:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e > s:
        spans.append(Span(s, e))


def sentence_of(spans: list[Span], offset: int) -> Span:
    """The sentence holding a character offset (the nearest one before it otherwise)."""
    lo, hi = 0, len(spans) - 1
    best = spans[0] if spans else Span(0, 0)
    while lo <= hi:
        mid = (lo + hi) // 2
        if spans[mid].start <= offset:
            best = spans[mid]
            lo = mid + 1
        else:
            hi = mid - 1
    return best
