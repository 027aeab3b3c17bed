"""Dates in Arabic and English text, resolved against the article date.

Explicit dates in both Arabic month systems (سبتمبر/أيلول) and English,
Eastern Arabic digits, weekdays ("يوم الجمعة", "on Monday" = the latest such
day on or before the article date), relative words (أمس, "last week") and
ranges ("منذ سبتمبر 2014" = 2014-09-01 up to the article date).
dateparser was tried and left out: it misses the Levantine months, "X
الماضي" and splits "سبتمبر 2014" (see STACK.md); these rules are small.
"""

from __future__ import annotations

import bisect
import calendar
import re
from datetime import date, timedelta
from functools import cache

from extract.context import token
from extract.lexicons import dates_data, words
from extract.matching import Lexicon
from extract.types import DateRef, Span
from geodata.names import NormText, normalize_name

_YEAR = re.compile(r"^(19[5-9]\d|20[0-4]\d)$")
_DAY = re.compile(r"^([1-9]|[12]\d|3[01])(st|nd|rd|th)?$")
_SLASH = re.compile(r"\s*[/(]\s*")  # between a month's two names: "أكتوبر/تشرين الأول", "أيار (مايو)"
_ISO = re.compile(r"\b(19[5-9]\d|20[0-4]\d)-(\d{1,2})-(\d{1,2})\b")
MONTH, WEEKDAY, REL_DAY, REL_WEEK, REL_MONTH = range(5)


@cache
def _lexicon() -> tuple[Lexicon, list[tuple[int, int]]]:
    d = dates_data()
    items: list[tuple[int, int]] = []
    phrases: list[tuple[str, int]] = []
    for kind, table in (
        (MONTH, d["months"]),
        (WEEKDAY, d["weekdays"]),
        (REL_DAY, d["relative_days"]),
        (REL_WEEK, d["relative_weeks"]),
        (REL_MONTH, d["relative_months"]),
    ):
        for phrase, value in table.items():
            phrases.append((phrase, len(items)))
            items.append((kind, value))
    return Lexicon.build(phrases), items


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


@cache
def _month_keys() -> dict[str, int]:
    """Every month name, normalised, with its month."""
    return {normalize_name(k): v for k, v in dates_data()["months"].items()}


def _other_name(text: str, nt: NormText, last: int, month: int) -> int:
    """The last token of the same month named again right after token `last` in the other calendar
    ("أكتوبر/تشرين الأول", "أيار/مايو"), else `last`."""
    gap = text[nt.orig_ends[last] : nt.orig_starts[last + 1]] if last + 1 < len(nt.tokens) else ""
    if not _SLASH.fullmatch(gap):
        return last
    keys = _month_keys()
    for width in (2, 1):
        if keys.get(" ".join(token(nt, last + 1 + j) for j in range(width))) == month:
            return last + width
    return last


def _explicit(text: str, nt: NormText, first: int, last: int, month: int, *, published: date | None) -> DateRef | None:
    """'19 نوفمبر 2015', 'November 19, 2015', 'سبتمبر 2014', '19 November'.

    A month name that is also a common word (أب "father", مارس "exerted") needs a
    day, a year or a cue before it (شهر آب)."""
    day = year = None
    last = _other_name(text, nt, last, month)  # "16 أكتوبر/تشرين الأول 2016": one month in two calendars' names
    s_tok, e_tok = first, last
    prev, nxt, nxt2 = token(nt, first - 1), token(nt, last + 1), token(nt, last + 2)
    if day_before := _DAY.match(prev):
        day, s_tok = int(day_before.group(1)), first - 1
    elif (day_after := _DAY.match(nxt)) and not _YEAR.match(nxt):
        day, e_tok = int(day_after.group(1)), last + 1
        nxt = nxt2
    if _YEAR.match(nxt):
        year, e_tok = int(nxt), e_tok + 1
    if day is None and year is None and _word_like(nt, first, last):
        return None
    if year is None:  # "19 November" in an article of 2015-11-20: the latest such date
        if published is None:
            return None
        year = published.year if (month, day or 1) <= (published.month, published.day) else published.year - 1
    span = Span(nt.orig_starts[s_tok], nt.orig_ends[e_tok])
    try:
        if day:
            d = date(year, month, day)
            return DateRef(d, "day", d, d, span)
        start = date(year, month, 1)
        return DateRef(start, "month", start, _month_end(year, month), span)
    except ValueError:
        return None


def _word_like(nt: NormText, first: int, last: int) -> bool:
    """Whether the month name at first..last may be a common word here: no cue before
    it (شهر آب) and no 'last' after it (آب الماضي)."""
    name = " ".join(token(nt, k) for k in range(first, last + 1))
    return (
        name in _date_words("word_like_months")
        and token(nt, first - 1) not in _date_words("month_cues")
        and token(nt, last + 1) not in _date_words("last_words")
    )


def _weekday(nt: NormText, first: int, wd: int, published: date, span: Span) -> DateRef | None:
    cue = token(nt, first - 1)
    if not (
        cue in _date_words("weekday_cues_ar")
        or cue in _date_words("weekday_cues_en")
        or token(nt, first + 1) in _date_words("last_words")
        or not nt.norm[nt.norm_starts[first]].isalpha()
        or nt.norm[nt.norm_starts[first]].isascii()
    ):
        return None
    back = (published.weekday() - wd) % 7
    if not back and (
        token(nt, first - 1) in _date_words("past_weekday_words")
        or token(nt, first + 1) in _date_words("past_weekday_words")
    ):
        back = 7  # "last Sunday" in Sunday's paper, "يوم الأحد الماضي": a week before
    value = published - timedelta(days=back)
    return DateRef(value, "day", value, value, span)


def dates_in(text: str, nt: NormText, published: date | None) -> list[DateRef]:
    """Every date the text gives, in text order."""
    lex, items = _lexicon()
    since = _since_in(nt)
    out: list[DateRef] = []
    for iso in _ISO.finditer(text):
        try:
            d = date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
        except ValueError:
            continue
        out.append(DateRef(d, "day", d, d, Span(iso.start(), iso.end())))
    for m in lex.find(text, nt):
        if text[m.start].isascii() and text[m.start].islower() and text[m.start].isalpha():
            kind = items[lex.payloads(m)[0]][0]
            if kind in (MONTH, WEEKDAY):
                continue  # "they may attack" is no month
        kind, value = items[lex.payloads(m)[0]]
        span = Span(m.start, m.end)
        ref: DateRef | None = None
        if kind == MONTH:
            ref = _explicit(text, nt, m.tok_first, m.tok_last, value, published=published)
        elif published is None:
            continue
        elif kind == WEEKDAY:
            ref = _weekday(nt, m.tok_first, value, published, span)
        elif kind == REL_DAY:
            v = published + timedelta(days=value)
            ref = DateRef(v, "day", v, v, span)
        elif kind == REL_WEEK:
            v = published + timedelta(days=value)
            ref = DateRef(
                v, "week", v - timedelta(days=v.weekday()), v - timedelta(days=v.weekday()) + timedelta(6), span
            )
        elif kind == REL_MONTH:
            y, mo = divmod(published.year * 12 + published.month - 1 + value, 12)
            v = date(y, mo + 1, 1)
            ref = DateRef(v, "month", v, _month_end(y, mo + 1), span)
        if ref and not _overlaps(ref, out):  # "تشرين الأول" of "أكتوبر/تشرين الأول": one date
            out.append(_as_range(nt, ref, published) if since else ref)
    return sorted(out, key=lambda r: r.span.start if r.span else 0)


def _overlaps(ref: DateRef, found: list[DateRef]) -> bool:
    """The date is written inside one found already."""
    s = ref.span
    return s is not None and any(r.span is not None and r.span.start < s.end and s.start < r.span.end for r in found)


def _since_in(nt: NormText) -> bool:
    """The text has a 'since' word somewhere: without one no date is a range (a date follows a 'since'
    word only where its words stand in the normalised text, between spaces)."""
    return any(f" {p} " in nt.norm for p in _date_words("since_words"))


def _as_range(nt: NormText, ref: DateRef, published: date | None) -> DateRef:
    """'منذ سبتمبر 2014' / 'since September 2014': from then to the article date."""
    if published is None or ref.span is None:
        return ref
    if _after_since(nt, bisect.bisect_left(nt.orig_starts, ref.span.start)) and ref.start < published:
        return DateRef(ref.start, "range", ref.start, published, ref.span)
    return ref


@cache
def _date_words(key: str) -> frozenset[str]:
    """A word list of dates.json, normalised (once per process)."""
    return words(dates_data()[key])


def _after_since(nt: NormText, i: int) -> bool:
    """Whether token i follows a 'since' word, maybe across modifiers ('since early',
    'منذ بداية', 'منذ يوم')."""
    since, modifiers = _date_words("since_words"), _date_words("since_modifiers")
    while i > 0:
        before = {n: " ".join(token(nt, k) for k in range(i - n, i)) for n in (3, 2, 1) if i - n >= 0}
        if any(p in since for p in before.values()):
            return True
        skip = next((n for n, p in before.items() if p in modifiers), 0)
        if not skip:
            return False
        i -= skip
    return False
