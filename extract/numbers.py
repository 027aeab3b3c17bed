"""Counts ("70 عائلة", "عشرة صهاريج", "30,000 civilians") and fatalities."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from extract.lexicons import numbers_data, words
from geodata.context import token
from geodata.normalize import NormText, normalize_name

_NUMBER = re.compile(r"^\d{1,3}(?:[,.]\d{3})+$|^\d+$")


@dataclass(frozen=True, slots=True)
class Count:
    value: int | None  # None for vague quantities (عشرات, dozens)
    unit: str
    start: int
    end: int
    tok_first: int
    tok_last: int


@cache
def _tables() -> tuple[dict[str, int], dict[str, int], dict[str, str], frozenset[str]]:
    d = numbers_data()
    nums = {normalize_name(k): v for k, v in d["words"].items()}
    scales = {normalize_name(k): v for k, v in d["scales"].items()}
    units = {normalize_name(k): v for k, v in d["units"].items()}
    return nums, scales, units, words(d["vague"])


def _value(nt: NormText, i: int) -> tuple[int | None, int] | None:
    """The number starting at token i and the index of its last token."""
    nums, scales, _, vague = _tables()
    tok = token(nt, i)
    if tok in vague:
        return None, i
    if _NUMBER.match(tok):
        digits = tok
        while (len(token(nt, i + 1)) == 3 and token(nt, i + 1).isdigit()
               and nt.orig_starts[i + 1] - nt.orig_ends[i] == 1):  # "30,000" is split at the comma
            i += 1
            digits += token(nt, i)
        v = int(re.sub(r"[,.]", "", digits))
    elif tok in nums:
        v = nums[tok]
        two = tok + " " + token(nt, i + 1)
        if two in nums:
            return nums[two], i + 1
    else:
        return None
    nxt = token(nt, i + 1)
    if nxt in scales:
        return v * scales[nxt], i + 1
    return v, i


def counts_in(nt: NormText, first: int, last: int) -> list[Count]:
    """Number + unit pairs among tokens first..last (unit within two tokens)."""
    _, _, units, _ = _tables()
    out = []
    i = first
    while i <= last:
        got = _value(nt, i)
        if got is None:
            i += 1
            continue
        value, end = got
        for j in (end + 1, end + 2):
            tok = token(nt, j)
            unit = units.get(tok) or (units.get(tok[2:]) if tok.startswith("ال") else None)
            if unit:
                out.append(Count(value, unit, nt.orig_starts[i], nt.orig_ends[j], i, j))
                break
        i = end + 1
    return out


def fatalities_in(nt: NormText, first: int, last: int) -> int | None:
    """Deaths a sentence reports ('killed 23', 'مقتل 5', '19 قتيلا')."""
    killed = words(numbers_data()["killed_words"])
    best = None
    for c in counts_in(nt, first, last):
        if c.unit == "killed" and c.value:
            best = max(best or 0, c.value)
    for i in range(first, last + 1):
        if token(nt, i) in killed:
            for j in (i + 1, i + 2, i - 1, i - 2):
                got = _value(nt, j) if first <= j <= last else None
                if got and got[0]:
                    best = max(best or 0, got[0])
                    break
    return best
