"""Split a text into sentences, as spans into the original text."""

from __future__ import annotations

import re

from extract.types import Span

# A sentence ends at . ! ? ؟ ؛ … (not inside numbers like 2.5 or initials
# like "U.S.") or at a line break.
_END = re.compile(r"(?<!\b[A-Z])[.!?؟؛…]+(?=\s|$)|\n+")


def sentence_spans(text: str) -> list[Span]:
    """Non-empty sentences, trimmed of surrounding white space."""
    spans: list[Span] = []
    start = 0
    for m in _END.finditer(text):
        _add(text, start, m.end() if text[m.start()] != "\n" else m.start(), spans)
        start = m.end()
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
