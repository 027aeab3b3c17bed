"""extract/dates.py: dates in Arabic and English text, resolved against the article date.

Every case runs against the same article date, Thursday 2015-11-19 (the seed's
date). Each row of a table holds the Arabic and the English form of one date
side by side, with the phrase the date span must cover in each.
"""

from __future__ import annotations

from datetime import date

import pytest

from extract.dates import dates_in
from extract.types import DateRef
from geodata.names import normalize_text

PUBLISHED = date(2015, 11, 19)  # a Thursday
D = date.fromisoformat


def _dates(text: str, published: date | None = PUBLISHED) -> list[DateRef]:
    return dates_in(text, normalize_text(text), published)


def _one(text: str) -> DateRef:
    found = _dates(text)
    assert len(found) == 1, f"{text!r}: expected one date, got {found}"
    return found[0]


def _sides(rows: list[tuple]) -> list:
    """Split rows of (id, ar text, ar span, en text, en span, *expected) into one case per language."""
    out = []
    for case_id, ar, ar_span, en, en_span, *expected in rows:
        out.append(pytest.param(ar, ar_span, *expected, id=f"{case_id}-ar"))
        out.append(pytest.param(en, en_span, *expected, id=f"{case_id}-en"))
    return out


# (id, Arabic text, Arabic date phrase, English text, English date phrase, value, precision, start, end)
DAY_ROWS = [
    (
        "explicit",
        "قتل في 19 نوفمبر 2015 قرب الموصل",
        "19 نوفمبر 2015",
        "was killed on November 19, 2015 near Mosul",
        "November 19, 2015",
        "2015-11-19",
        "day",
        "2015-11-19",
        "2015-11-19",
    ),
    (
        "levantine-month",
        "قتل في 19 تشرين الثاني 2015",
        "19 تشرين الثاني 2015",
        "was killed on 19 November 2015",
        "19 November 2015",
        "2015-11-19",
        "day",
        "2015-11-19",
        "2015-11-19",
    ),
    (
        "the-past-two-days",  # a count of the days just past: the day before the article's
        "شن الطيران أكثر من ستين غارة خلال اليومين الماضيين",
        "اليومين الماضيين",
        "jets carried out more than sixty strikes over the past two days",
        "the past two days",
        "2015-11-18",
        "day",
        "2015-11-18",
        "2015-11-18",
    ),
    (
        "the-past-hours",
        "نفذ طيران التحالف ضربات على المدينة خلال الساعات الماضية",
        "الساعات الماضية",
        "coalition jets struck the town in the past 24 hours",
        "the past 24 hours",
        "2015-11-19",
        "day",
        "2015-11-19",
        "2015-11-19",
    ),
    (
        "one-month-in-both-calendars",  # one date, as Al Jazeera and Al-Araby write it (English: one name)
        "الجزيرة نت، 16 أكتوبر/تشرين الأول 2016",
        "16 أكتوبر/تشرين الأول 2016",
        "Enab Baladi, 16 October 2016",
        "16 October 2016",
        "2016-10-16",
        "day",
        "2016-10-16",
        "2016-10-16",
    ),
    (
        "aylul",
        "بدأت الغارات في 3 أيلول 2014",
        "3 أيلول 2014",
        "the strikes began on 3 September 2014",
        "3 September 2014",
        "2014-09-03",
        "day",
        "2014-09-03",
        "2014-09-03",
    ),
    (
        "eastern-digits",
        "قتل في ١٩ نوفمبر ٢٠١٥",
        "١٩ نوفمبر ٢٠١٥",
        "was killed on Nov 19, 2015",
        "Nov 19, 2015",
        "2015-11-19",
        "day",
        "2015-11-19",
        "2015-11-19",
    ),
    (
        "eastern-digits-aylul",
        "في ٣ أيلول ٢٠١٤",
        "٣ أيلول ٢٠١٤",
        "on Sept. 3, 2014",
        "Sept. 3, 2014",
        "2014-09-03",
        "day",
        "2014-09-03",
        "2014-09-03",
    ),
    (
        "no-year-latest-before",
        "في 19 ديسمبر",
        "19 ديسمبر",
        "on December 19",
        "December 19",
        "2014-12-19",
        "day",
        "2014-12-19",
        "2014-12-19",
    ),
    (
        "iso",
        "بتاريخ 2015-11-12",
        "2015-11-12",
        "dated 2015-11-12",
        "2015-11-12",
        "2015-11-12",
        "day",
        "2015-11-12",
        "2015-11-12",
    ),
    (
        "weekday-friday",
        "هاجموا القرية يوم الجمعة",
        "الجمعة",
        "they attacked the village on Friday",
        "Friday",
        "2015-11-13",
        "day",
        "2015-11-13",
        "2015-11-13",
    ),
    (
        "weekday-same-day",
        "وصلوا يوم الخميس",
        "الخميس",
        "they arrived on Thursday",
        "Thursday",
        "2015-11-19",
        "day",
        "2015-11-19",
        "2015-11-19",
    ),
    (
        "weekday-monday",
        "انسحبوا مساء الاثنين",
        "الاثنين",
        "they withdrew on Monday",
        "Monday",
        "2015-11-16",
        "day",
        "2015-11-16",
        "2015-11-16",
    ),
    (
        "weekday-last",
        "الجمعة الماضية",
        "الجمعة",
        "last Friday",
        "Friday",
        "2015-11-13",
        "day",
        "2015-11-13",
        "2015-11-13",
    ),
    (
        "yesterday",
        "قال مصدر أمس",
        "أمس",
        "a source said yesterday",
        "yesterday",
        "2015-11-18",
        "day",
        "2015-11-18",
        "2015-11-18",
    ),
    (
        "day-before-yesterday",
        "وقع الهجوم أول أمس",
        "أول أمس",
        "the attack came the day before yesterday",
        "the day before yesterday",
        "2015-11-17",
        "day",
        "2015-11-17",
        "2015-11-17",
    ),
    ("today", "أعلن اليوم", "اليوم", "announced today", "today", "2015-11-19", "day", "2015-11-19", "2015-11-19"),
]

PERIOD_ROWS = [
    (
        "last-week",
        "وقعت الغارات الأسبوع الماضي",
        "الأسبوع الماضي",
        "the strikes took place last week",
        "last week",
        "2015-11-12",
        "week",
        "2015-11-09",
        "2015-11-15",
    ),
    (
        "last-month",
        "سقطت القرية الشهر الماضي",
        "الشهر الماضي",
        "the village fell last month",
        "last month",
        "2015-10-01",
        "month",
        "2015-10-01",
        "2015-10-31",
    ),
    (
        "month-year",
        "في مايو 2015",
        "مايو 2015",
        "in May 2015",
        "May 2015",
        "2015-05-01",
        "month",
        "2015-05-01",
        "2015-05-31",
    ),
    (
        "levantine-month-year",
        "في أيار 2015",
        "أيار 2015",
        "in May 2015",
        "May 2015",
        "2015-05-01",
        "month",
        "2015-05-01",
        "2015-05-31",
    ),
    (
        "february-leap",
        "في شباط 2016",
        "شباط 2016",
        "in February 2016",
        "February 2016",
        "2016-02-01",
        "month",
        "2016-02-01",
        "2016-02-29",
    ),
]

RANGE_ROWS = [
    (
        "since-september",
        "استهدفت 8000 غارة منذ سبتمبر 2014 أصول داعش",
        "سبتمبر 2014",
        "8,000 strikes since September 2014",
        "September 2014",
        "2014-09-01",
        "range",
        "2014-09-01",
        "2015-11-19",
    ),
    (
        "since-aylul",
        "منذ أيلول 2014",
        "أيلول 2014",
        "since September 2014",
        "September 2014",
        "2014-09-01",
        "range",
        "2014-09-01",
        "2015-11-19",
    ),
    (
        "since-june",
        "منذ حزيران 2014",
        "حزيران 2014",
        "since June 2014",
        "June 2014",
        "2014-06-01",
        "range",
        "2014-06-01",
        "2015-11-19",
    ),
    (
        "since-day",
        "منذ 10 حزيران 2014",
        "10 حزيران 2014",
        "since June 10, 2014",
        "June 10, 2014",
        "2014-06-10",
        "range",
        "2014-06-10",
        "2015-11-19",
    ),
    (
        "since-start-of",
        "منذ بداية سبتمبر 2014",
        "سبتمبر 2014",
        "since early September 2014",
        "September 2014",
        "2014-09-01",
        "range",
        "2014-09-01",
        "2015-11-19",
    ),
    (
        "since-last-week",
        "منذ الأسبوع الماضي",
        "الأسبوع الماضي",
        "since last week",
        "last week",
        "2015-11-09",
        "range",
        "2015-11-09",
        "2015-11-19",
    ),
    (
        "since-weekday",
        "منذ يوم الجمعة",
        "الجمعة",
        "since Friday",
        "Friday",
        "2015-11-13",
        "range",
        "2015-11-13",
        "2015-11-19",
    ),
]


@pytest.mark.parametrize(
    ("text", "phrase", "value", "precision", "start", "end"), _sides(DAY_ROWS + PERIOD_ROWS + RANGE_ROWS)
)
def test_date_value_precision_and_bounds(
    text: str, phrase: str, value: str, precision: str, start: str, end: str
) -> None:
    ref = _one(text)
    assert (ref.value, ref.precision) == (D(value), precision), text
    assert (ref.start, ref.end) == (D(start), D(end)), text


@pytest.mark.parametrize(
    ("text", "phrase", "value", "precision", "start", "end"), _sides(DAY_ROWS + PERIOD_ROWS + RANGE_ROWS)
)
def test_date_span_is_the_date_phrase(text: str, phrase: str, value: str, precision: str, start: str, end: str) -> None:
    ref = _one(text)
    assert ref.span is not None
    assert 0 <= ref.span.start < ref.span.end <= len(text)
    assert text[ref.span.start : ref.span.end] == phrase


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("they may attack the town", id="may-verb-en"),
        pytest.param("They may withdraw soon, and they march on Mosul", id="march-verb-en"),
        pytest.param("قد يهاجمون البلدة", id="may-verb-ar"),
        pytest.param("قتل أب وابنه في القصف", id="ab-father-ar"),  # أب (father) is no آب (August)
        pytest.param("مارس التنظيم ضغوطا على السكان", id="maras-verb-ar"),  # مارس "exerted", not March
        pytest.param("قال أحد المسؤولين", id="ahad-one-ar"),  # أحد "one of", not Sunday
        pytest.param("the United States and Turkey", id="no-date-en"),
    ],
)
def test_words_that_only_look_like_dates_give_none(text: str) -> None:
    assert _dates(text) == []


@pytest.mark.parametrize(
    ("text", "values"),
    [
        pytest.param("سيطروا على القرية يوم السبت 14 نوفمبر", ["2015-11-14", "2015-11-14"], id="weekday+date-ar"),
        pytest.param(
            "On Friday, November 13, 2015, gunmen attacked Paris", ["2015-11-13", "2015-11-13"], id="weekday+date-en"
        ),
        pytest.param("بين 19 نوفمبر 2015 والشهر الماضي", ["2015-11-19", "2015-10-01"], id="text-order-ar"),
        pytest.param("on Sunday and on Monday", ["2015-11-15", "2015-11-16"], id="text-order-en"),
        pytest.param("قتل 3 أيار/مايو 2014 وفي أيار", ["2014-05-03", "2015-05-01"], id="two-calendars-then-a-month-ar"),
        pytest.param("fighting in August\n\nAugust 13 2015", ["2015-08-01", "2015-08-13"], id="a-month-then-a-date-en"),
    ],
)
def test_several_dates_in_text_order(text: str, values: list[str]) -> None:
    found = _dates(text)
    assert [r.value for r in found] == [D(v) for v in values]
    assert [r.span.start for r in found if r.span] == sorted(r.span.start for r in found if r.span)


@pytest.mark.parametrize(
    ("text", "value", "precision"),
    [
        pytest.param("قتل في 19 نوفمبر 2015", "2015-11-19", "day", id="explicit-ar"),
        pytest.param("killed on November 19, 2015", "2015-11-19", "day", id="explicit-en"),
        pytest.param("منذ سبتمبر 2014", "2014-09-01", "month", id="since-ar"),
        pytest.param("since September 2014", "2014-09-01", "month", id="since-en"),
    ],
)
def test_without_article_date_explicit_dates_stay_and_ranges_stay_open(text: str, value: str, precision: str) -> None:
    # no article date: nothing to close a range with, so "since September 2014" is that month
    found = _dates(text, published=None)
    assert [(r.value, r.precision) for r in found] == [(D(value), precision)]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("أمس", id="yesterday-ar"),
        pytest.param("yesterday", id="yesterday-en"),
        pytest.param("يوم الجمعة", id="weekday-ar"),
        pytest.param("on Friday", id="weekday-en"),
        pytest.param("الأسبوع الماضي", id="last-week-ar"),
        pytest.param("last week", id="last-week-en"),
        pytest.param("في 19 ديسمبر", id="no-year-ar"),
        pytest.param("on December 19", id="no-year-en"),
    ],
)
def test_relative_dates_need_the_article_date(text: str) -> None:
    assert _dates(text, published=None) == []


@pytest.mark.parametrize(
    ("published", "text", "value"),
    [
        pytest.param("2016-10-17", "يوم الاثنين", "2016-10-17", id="monday-on-a-monday-ar"),
        pytest.param("2016-10-17", "on Monday", "2016-10-17", id="monday-on-a-monday-en"),
        pytest.param("2016-10-17", "يوم الأحد", "2016-10-16", id="sunday-before-monday-ar"),
        pytest.param("2016-10-17", "on Sunday", "2016-10-16", id="sunday-before-monday-en"),
        pytest.param("2016-10-17", "يوم الثلاثاء", "2016-10-11", id="tuesday-a-week-back-ar"),
        pytest.param("2016-10-17", "on Tuesday", "2016-10-11", id="tuesday-a-week-back-en"),
        pytest.param("2016-10-17", "يوم الاثنين الماضي", "2016-10-10", id="last-monday-on-a-monday-ar"),
        pytest.param("2016-10-17", "last Monday", "2016-10-10", id="last-monday-on-a-monday-en"),
        pytest.param("2016-10-17", "الأحد الماضي", "2016-10-16", id="last-sunday-before-monday-ar"),
        pytest.param("2016-10-17", "last Sunday", "2016-10-16", id="last-sunday-before-monday-en"),
        pytest.param("2016-01-01", "أمس", "2015-12-31", id="yesterday-across-a-year-ar"),
        pytest.param("2016-01-01", "yesterday", "2015-12-31", id="yesterday-across-a-year-en"),
    ],
)
def test_weekdays_are_the_latest_such_day_on_or_before_the_article_date(published: str, text: str, value: str) -> None:
    found = _dates(text, published=D(published))
    assert [r.value for r in found] == [D(value)]
    assert found[0].value <= D(published)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        pytest.param("الشهر الماضي", "2015-12-01", "2015-12-31", id="last-month-ar"),
        pytest.param("last month", "2015-12-01", "2015-12-31", id="last-month-en"),
        pytest.param("الأسبوع الماضي", "2015-12-28", "2016-01-03", id="last-week-ar"),
        pytest.param("last week", "2015-12-28", "2016-01-03", id="last-week-en"),
    ],
)
def test_relative_periods_cross_the_year(text: str, start: str, end: str) -> None:
    (ref,) = _dates(text, published=D("2016-01-07"))
    assert (ref.start, ref.end) == (D(start), D(end))
