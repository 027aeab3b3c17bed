"""Counts ("70 عائلة", "عشرة صهاريج", "30,000 civilians") and fatalities."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache, lru_cache

from extract.context import token
from extract.lexicons import numbers_data, words
from extract.text_memo import text_memo
from extract.wordforms import TABLE_SIZE, word_forms, words_of
from geodata.names import NormText, normalize_name

_CLITIC_LETTERS = frozenset("وفبلك")  # only these letters are written onto a number ("و5", "وثلاثة")
_NUMBER = re.compile(r"^\d{1,3}(?:[,.]\d{3})+$|^\d+$")


@dataclass(frozen=True, slots=True)
class Count:
    value: int | None  # None for vague quantities (عشرات, dozens)
    unit: str
    start: int
    end: int
    tok_first: int
    tok_last: int


@dataclass(frozen=True, slots=True)
class _Tables:
    nums: dict[str, int]
    scales: dict[str, int]
    units: dict[str, str]
    vague: frozenset[str]
    teens: frozenset[str]  # "عشر" in "ثلاثة عشر": adds ten to the number before it
    approx: frozenset[str]
    killed: frozenset[str]
    injured: frozenset[str]
    victims: frozenset[str]  # units that can be the dead (civilians, soldiers), not "wounded"
    duals: dict[str, str]  # an Arabic dual: two of its unit ("عنصرين")


@cache
def _tables() -> _Tables:
    d = numbers_data()
    return _Tables(
        nums={normalize_name(k): v for k, v in d["words"].items()},
        scales={normalize_name(k): v for k, v in d["scales"].items()},
        units={normalize_name(k): v for k, v in d["units"].items()},
        vague=words(d["vague"]),
        teens=words(d["teens"]),
        approx=words(d["approx"]),
        killed=words(d["killed_words"]),
        injured=words(d["injured_words"]),
        victims=frozenset(d["victim_units"]),
        duals={normalize_name(k): v for k, v in d["duals"].items()},
    )


def _bare(tok: str, t: _Tables) -> str:
    """A number token without a conjunction written onto it ('و5' -> '5'); other tokens as they are."""
    if tok in t.nums or tok.isdigit() or tok[:1] not in _CLITIC_LETTERS:
        return tok
    return next((f for f in word_forms(tok) if f.isdigit() or f in t.nums), tok)


def _unit(tok: str, units: dict[str, str]) -> str | None:
    """The unit a word names, also with a proclitic or the article ('العائلات', 'والمدنيين')."""
    forms = sorted(word_forms(tok, article=True), key=lambda f: (-len(f), f))  # the word itself first
    return next((units[f] for f in forms if f in units), None)


def _digits_value(nt: NormText, i: int, tok: str, t: _Tables) -> tuple[float, int]:
    """'30,000' (split at the comma into 30 / 000) and '1.5 million' (split at the point)."""
    digits = tok
    while len(token(nt, i + 1)) == 3 and token(nt, i + 1).isdigit() and nt.orig_starts[i + 1] - nt.orig_ends[i] == 1:
        i += 1
        digits += token(nt, i)
    frac = token(nt, i + 1)
    # The separator itself is gone from the normalised text, so a decimal is told by its
    # shape: 1-3 digits, one character, 1-2 digits, then a scale word ("1.5 مليون").
    if (
        digits == tok
        and len(tok) <= 3
        and 1 <= len(frac) <= 2
        and frac.isdigit()
        and nt.orig_starts[i + 1] - nt.orig_ends[i] == 1
        and token(nt, i + 2) in t.scales
    ):
        return int(tok) + int(frac) / 10 ** len(frac), i + 1
    return int(digits), i


def _word_value(nt: NormText, i: int, tok: str, t: _Tables) -> tuple[int, int] | None:
    """'اثنا عشر', 'ثلاثة عشر', 'خمسة وعشرون', 'twenty five', 'ten'."""
    two = tok + " " + token(nt, i + 1)
    if two in t.nums:
        return t.nums[two], i + 1
    if tok not in t.nums:
        return None
    v, nxt = t.nums[tok], token(nt, i + 1)
    if v < 10 and nxt in t.teens:
        return v + 10, i + 1
    nv = t.nums.get(_bare(nxt, t))
    if nv is not None and {v < 10, nv < 10} == {True, False} and max(v, nv) in range(20, 100, 10):
        return v + nv, i + 1  # a unit and a tens word, in either order
    return v, i


def _value(nt: NormText, i: int) -> tuple[int | None, int] | None:
    """The number starting at token i and the index of its last token."""
    memo = text_memo(nt)
    if i not in memo:
        memo[i] = _read_value(nt, i)
    got: tuple[int | None, int] | None = memo[i]
    return got


@cache
def _first_words() -> frozenset[str]:
    """The first words of the number words written in two ("اثنا عشر")."""
    return frozenset(k.split()[0] for k in _tables().nums if " " in k)


def _read_value(nt: NormText, i: int) -> tuple[int | None, int] | None:
    t = _tables()
    tok = _bare(token(nt, i), t)
    if not tok[:1].isdigit() and tok not in t.nums and tok not in t.vague and tok not in _first_words():
        return None  # most words: no number starts here
    if tok in t.vague:  # "several hundred", "عشرات الآلاف": one vague quantity
        while token(nt, i + 1) in t.vague or token(nt, i + 1) in t.scales or token(nt, i + 1) in t.nums:
            i += 1
        return None, i
    got: tuple[float, int] | None
    got = _digits_value(nt, i, tok, t) if _NUMBER.match(tok) else _word_value(nt, i, tok, t)
    if got is None:
        return None
    v, i = got
    while token(nt, i + 1) in t.scales:  # "3 آلاف", "1.5 million", "three hundred thousand"
        i += 1
        v *= t.scales[token(nt, i)]
    return round(v), i


def counts_in(nt: NormText, first: int, last: int) -> list[Count]:
    """Number + unit pairs among tokens first..last (unit within two tokens)."""
    memo, key = text_memo(nt), ("counts", first, last)
    if key not in memo:
        memo[key] = _read_counts(nt, first, last)
    return list(memo[key])


@cache
def _starters() -> frozenset[str]:
    """The words a number may start with: number words, vague quantities, first words of two."""
    t = _tables()
    return frozenset(t.nums) | t.vague | _first_words() | frozenset(t.duals)


def _may_start(tok: str, starters: frozenset[str]) -> bool:
    """A cheap test that lets through every token a number may start at (`_read_value` decides)."""
    if tok[:1].isdigit() or tok in starters:
        return True
    return tok[:1] in _CLITIC_LETTERS and (tok[1:2].isdigit() or tok[1:] in starters)


_MAY_START: dict[str, bool] = {}  # the words met so far: news repeats its words


def _candidates(nt: NormText) -> list[int]:
    """The tokens of the text a number may start at, once per text."""
    memo = text_memo(nt)
    got: list[int] | None = memo.get("number starts")
    if got is None:
        starters, seen = _starters(), _MAY_START
        if len(seen) > TABLE_SIZE:
            seen.clear()
        got = []
        for i, tok in enumerate(nt.tokens):
            may = seen.get(tok)
            if may is None:
                may = seen[tok] = _may_start(tok, starters)
            if may:
                got.append(i)
        memo["number starts"] = got
    return got


def _dual(tok: str, duals: dict[str, str]) -> str | None:
    """The unit of an Arabic dual ("عنصرين", "وشخصين"), two of it."""
    return next((duals[f] for f in word_forms(tok) if f in duals), None)


def _read_counts(nt: NormText, first: int, last: int) -> tuple[Count, ...]:
    t = _tables()
    units = t.units
    out = []
    starts = _candidates(nt)
    k, n = bisect.bisect_left(starts, first), len(starts)
    while k < n and starts[k] <= last:
        i = starts[k]
        k += 1
        if (dual := _dual(nt.tokens[i], t.duals)) is not None:
            out.append(Count(2, dual, nt.orig_starts[i], nt.orig_ends[i], i, i))
            continue
        got = _value(nt, i)
        if got is None:
            continue
        value, end = got
        for j in (end + 1, end + 2):
            tok = token(nt, j)
            unit = _unit(tok, units)
            if unit:
                out.append(Count(value, unit, nt.orig_starts[i], nt.orig_ends[j], i, j))
                break
        while k < n and starts[k] <= end:  # the words of this number start none
            k += 1
    return tuple(out)


@lru_cache(maxsize=65_536)
def _normalized(phrase: str) -> str:
    return normalize_name(phrase)


def _skip_approx(nt: NormText, j: int) -> int:
    """The token after any 'at least' / 'نحو' starting at j."""
    approx = _tables().approx
    for n in (2, 1):
        if _normalized(" ".join(token(nt, k) for k in range(j, j + n))) in approx:
            return j + n
    return j


def _victims_near(nt: NormText, k: int, counts: list[Count], first: int, last: int) -> tuple[bool, int | None]:
    """The number of dead next to the killed word at token k: first just after it
    ('killed 23 people', 'مقتل نحو 12 مدنيا'), then just before it ('7 soldiers were
    killed'). A number counting something else ('3 wounded') is not taken."""
    t = _tables()
    claimed = {j for c in counts for j in range(c.tok_first, c.tok_last + 1)}
    after = _skip_approx(nt, k + 1)
    for j in (after, after + 1):
        counted = [c for c in counts if c.tok_first == j]
        if counted and counted[0].unit in t.victims:
            return True, counted[0].value
        got = _value(nt, j) if first <= j <= last and j not in claimed else None
        if counted or got:  # a count of something else ('3 wounded') ends the look after
            if got:
                return True, got[0]
            break
    for c in sorted(counts, key=lambda c: -c.tok_last):
        if k - 3 <= c.tok_last < k and c.unit in t.victims:
            return True, c.value
    for j in (k - 1, k - 2):
        got = _value(nt, j) if first <= j <= last and j not in claimed else None
        if got:
            return True, got[0]
    return False, None


def _toll(nt: NormText, first: int, last: int, toll_words: frozenset[str], unit: str) -> int | None:
    """The largest number the tokens give of `unit` ('19 قتيلا') or next to one of the words."""
    memo, key = text_memo(nt), ("toll", first, last, unit)
    if key not in memo:
        memo[key] = _read_toll(nt, first, last, toll_words, unit)
    got: int | None = memo[key]
    return got


def _toll_tokens(nt: NormText, toll_words: frozenset[str], unit: str) -> list[int]:
    """The tokens of the text that are words of `unit` ("وإصابة", "وجرح" as much as "إصابة")."""
    memo, key = text_memo(nt), ("toll words", unit)
    if key not in memo:
        toll = words_of(set(nt.tokens), "toll " + unit, toll_words)
        memo[key] = [k for k, tok in enumerate(nt.tokens) if tok in toll]
    found: list[int] = memo[key]
    return found


def _read_toll(nt: NormText, first: int, last: int, toll_words: frozenset[str], unit: str) -> int | None:
    counts = counts_in(nt, first, last)
    best = None
    for c in counts:
        if c.unit == unit and c.value:
            best = max(best or 0, c.value)
    words = _toll_tokens(nt, toll_words, unit)
    for k in words[bisect.bisect_left(words, first) : bisect.bisect_right(words, last)]:
        found, value = _victims_near(nt, k, counts, first, last)
        if found and value:
            best = max(best or 0, value)
    return best


def fatalities_in(nt: NormText, first: int, last: int) -> int | None:
    """Deaths a sentence reports ('killed 23', 'مقتل 5', '19 قتيلا', '7 soldiers were killed')."""
    return _toll(nt, first, last, _tables().killed, "killed")


def injured_in(nt: NormText, first: int, last: int) -> int | None:
    """The wounded a sentence reports, kept apart from the dead ('and five wounded', 'إصابة 7')."""
    return _toll(nt, first, last, _tables().injured, "wounded")


def words_value_at(nt: NormText, i: int) -> tuple[int, int] | None:
    """The number written in words that starts at token i ("eight", "ثمانية", "twenty five") and its last token."""
    if token(nt, i)[:1].isdigit():
        return None
    got = _value(nt, i)
    return (got[0], got[1]) if got is not None and got[0] is not None else None


def number_at(nt: NormText, i: int) -> bool:
    """A number (digits, words, or a vague quantity) starts at token i."""
    return 0 <= i < len(nt.norm_starts) and _value(nt, i) is not None
