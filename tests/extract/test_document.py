"""extract/document.py: language, header (title / time / date) and dateline."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from extract.document import detect_lang, make_document, parse_date

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def _dateline(doc) -> str | None:
    return doc.text[doc.dateline.start : doc.dateline.end] if doc.dateline else None


# --- the seeds: every header and dateline, Arabic and English side by side ---------
#   file                               lang  date          dateline     source
SEED_HEADERS = [
    ("mosul-2015-11-19-ar.txt", "ar", "2015-11-19", "الموصل", "الشروق العربي"),
    ("aleppo-2016-12-15-en.txt", "en", "2016-12-15", "ALEPPO", "Meridian News"),
    ("deirezzor-2017-09-05-ar.txt", "ar", "2017-09-05", "دير الزور", "وكالة الشرق للأنباء"),
    ("ramadi-2015-12-28-en.txt", "en", "2015-12-28", "RAMADI", "Crescent News"),
    ("kobani-2014-10-06-ar.txt", "ar", "2014-10-06", "عين العرب", "المرصد الإخباري"),
    ("raqqa-2017-10-17-en.txt", "en", "2017-10-17", "RAQQA", "Meridian News"),
]


@pytest.mark.parametrize(("name", "lang", "published", "dateline", "source"), SEED_HEADERS)
def test_seed_header_and_dateline(name: str, lang: str, published: str, dateline: str, source: str) -> None:
    path = SEEDS / name
    if not path.exists():
        pytest.skip(f"seed {name} is not in this checkout")
    text = path.read_text(encoding="utf-8")
    doc = make_document(text, doc_id=name)
    assert doc.text == text  # the text is never changed
    assert doc.lang == lang
    assert doc.published == date.fromisoformat(published)
    assert _dateline(doc) == dateline
    assert doc.source == source
    assert doc.title and doc.title == text.split("\n", 1)[0].strip()
    assert text[doc.body_start :].startswith(dateline)


def test_mosul_seed_offsets() -> None:
    text = (SEEDS / "mosul-2015-11-19-ar.txt").read_text(encoding="utf-8")
    doc = make_document(text, doc_id="mosul")
    assert doc.title == "الموصل... ملاذ دواعش الرقة وجبهة حرب جديدة"
    assert (doc.dateline.start, doc.dateline.end) == (63, 69)
    assert doc.body_start == 63


# --- datelines without a header ----------------------------------------------------
#   Arabic                                       English
DATELINES = [
    (
        "الموصل-رويترز-قالت مصادر إن",
        "الموصل",
        "رويترز",
        "MOSUL, Iraq (Reuters) - Iraqi forces advanced.",
        "MOSUL",
        "Reuters",
    ),
    ("الرقة - المرصد - قالت مصادر", "الرقة", "المرصد", "BEIRUT (AP) — Syrian troops moved.", "BEIRUT", "AP"),
    ("دير الزور–سانا–أعلنت القوات", "دير الزور", "سانا", "ALEPPO -- Fighting raged overnight.", "ALEPPO", ""),
    ("حلب - عنب بلدي - قال ناشطون", "حلب", "عنب بلدي", "BAGHDAD // Gunmen stormed a camp.", "BAGHDAD", ""),
    (
        "حمص - سانا - أعلنت القوات",
        "حمص",
        "سانا",
        "BEIRUT/WASHINGTON (Reuters) - The coalition bombed a column.",
        "BEIRUT/WASHINGTON",
        "Reuters",
    ),
]


def _dateline_params():
    for ar, ar_city, ar_src, en, en_city, en_src in DATELINES:
        yield pytest.param(ar, ar_city, ar_src, id=f"ar:{ar_city}")
        yield pytest.param(en, en_city, en_src, id=f"en:{en_city}")


@pytest.mark.parametrize(("text", "city", "source"), list(_dateline_params()))
def test_dateline_city_and_source(text: str, city: str, source: str) -> None:
    doc = make_document(text, doc_id="x")
    assert _dateline(doc) == city
    assert doc.source == source


@pytest.mark.parametrize(
    "text",
    [
        # Arabic                                              # English
        "سيطر داعش على الموصل اليوم.",
        "Fighting continued in Raqqa - a city - today.",
        "قالت مصادر محلية إن القتال مستمر",
        "The war goes on. Nothing here.",
    ],
)
def test_no_dateline(text: str) -> None:
    doc = make_document(text, doc_id="x")
    assert doc.dateline is None
    assert doc.source == ""


# --- header parsing ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "title", "published"),
    [
        ("عنوان الخبر\n\n16:19\n\n2015-11-19\n\nالموصل-رويترز-نص", "عنوان الخبر", date(2015, 11, 19)),
        ("Headline here\n\n9:05 PM\n\n19/11/2015\n\nMOSUL (AP) - Text.", "Headline here", date(2015, 11, 19)),
        ("عنوان\n١٩/١١/٢٠١٥\nنص الخبر هنا.", "عنوان", date(2015, 11, 19)),
        ("Mosul falls\n\nIraqi forces lost Mosul today.", "Mosul falls", None),
        ("Iraqi forces lost Mosul today.", "", None),
        ("One sentence.\nAnother sentence.", "", None),
    ],
)
def test_header_title_and_date(text: str, title: str, published: date | None) -> None:
    doc = make_document(text, doc_id="x")
    assert doc.title == title
    assert doc.published == published


def test_body_start_skips_the_header() -> None:
    text = "Headline\n\n16:19\n\n2015-11-19\n\nMOSUL (AP) - Text."
    doc = make_document(text, doc_id="x")
    assert text[doc.body_start :] == "MOSUL (AP) - Text."


def test_no_header_means_body_starts_at_zero() -> None:
    assert make_document("Iraqi forces lost Mosul today.", doc_id="x").body_start == 0


# --- explicit values beat the header, the header beats --date --------------------------


def test_explicit_arguments_beat_the_header() -> None:
    text = (SEEDS / "mosul-2015-11-19-ar.txt").read_text(encoding="utf-8")
    doc = make_document(text, doc_id="s", published="2016-01-02", title="T", source="S", default_date="2010-01-01")
    assert (doc.published, doc.title, doc.source) == (date(2016, 1, 2), "T", "S")


def test_header_date_beats_default_date() -> None:
    text = "عنوان\n\n2015-11-19\n\nالموصل-رويترز-نص"
    assert make_document(text, doc_id="x", default_date="2010-01-01").published == date(2015, 11, 19)


@pytest.mark.parametrize("default", ["2014-06-10", date(2014, 6, 10)])
def test_default_date_where_the_text_has_none(default) -> None:
    assert make_document("Fighting in Mosul.", doc_id="x", default_date=default).published == date(2014, 6, 10)


@pytest.mark.parametrize(
    ("text", "given", "expected"),
    [("Fighting in Mosul.", "ar", "ar"), ("القتال في الموصل", "en", "en"), ("القتال في الموصل", "xx", "ar")],
)
def test_explicit_language_wins_when_valid(text: str, given: str, expected: str) -> None:
    assert make_document(text, doc_id="x", lang=given).lang == expected


# --- helpers -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # Arabic                                # English
        ("القتال في الموصل", "ar"),
        ("Fighting in Mosul", "en"),
        ("قال مسؤول Reuters إن الموصل", "ar"),
        ("Mosul (الموصل) fell in June", "en"),
        ("", "en"),
        ("2015 12:30", "en"),
    ],
)
def test_detect_lang(text: str, lang: str) -> None:
    assert detect_lang(text) == lang


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        # Arabic-Indic digits                   # ASCII digits
        ("٢٠١٥-١١-١٩", date(2015, 11, 19)),
        ("2015-11-19", date(2015, 11, 19)),
        ("١٩/١١/٢٠١٥", date(2015, 11, 19)),
        ("19/11/2015", date(2015, 11, 19)),
        ("۱۹.۱۱.۲۰۱۵", date(2015, 11, 19)),
        ("19.11.2015", date(2015, 11, 19)),
        ("٢٠١٥-٠٢-٣٠", None),
        ("2015-02-30", None),
        ("أمس", None),
        ("yesterday", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_date(value, expected) -> None:
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    ("text", "published"),
    [
        pytest.param(
            "Title of the page\n\nPosted on July 2 2016 by a news desk. Fighting in Mosul.",
            date(2016, 7, 2),
            id="posted-on-en",
        ),
        pytest.param(
            "Strikes on Idlib\n\nAFP Friday 10 Oct 2014 The Syrian observatory said.",
            date(2014, 10, 10),
            id="agency-day-en",
        ),
        pytest.param("قصف على إدلب\n\nنشر في 5 أيلول 2017 قتل ثلاثة مدنيين.", date(2017, 9, 5), id="published-ar"),
        # no year: no date of the article (a day without its year is read from the article's date)
        pytest.param("Strikes on Idlib\n\nOn Saturday 30 September jets struck.", None, id="no-year-en"),
    ],
)
def test_a_full_date_at_the_head_of_the_body_dates_the_article(text: str, published: date | None) -> None:
    assert make_document(text, doc_id="x").published == published


def test_a_header_date_beats_a_date_in_the_body() -> None:
    text = "عنوان\n\n2015-11-19\n\nنشر في 5 أيلول 2017 قتل ثلاثة مدنيين."
    assert make_document(text, doc_id="x").published == date(2015, 11, 19)
