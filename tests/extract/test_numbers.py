"""extract/numbers.py: counts ("70 عائلة", "ten tankers") and fatalities in a sentence.

Rows hold the Arabic and the English form side by side; a vague quantity
(عشرات, dozens, hundreds) has the value None but keeps its unit.
"""

from __future__ import annotations

import pytest

from extract.numbers import Count, counts_in, fatalities_in
from geodata.names import normalize_text


def _counts(text: str) -> list[Count]:
    nt = normalize_text(text)
    return counts_in(nt, 0, len(nt.norm_starts) - 1)


def _fatalities(text: str) -> int | None:
    nt = normalize_text(text)
    return fatalities_in(nt, 0, len(nt.norm_starts) - 1)


def _sides(rows: list[tuple]) -> list:
    out = []
    for case_id, ar, en, *expected in rows:
        out.append(pytest.param(ar, *expected, id=f"{case_id}-ar"))
        out.append(pytest.param(en, *expected, id=f"{case_id}-en"))
    return out


# (id, Arabic, English, value, unit)
COUNT_ROWS = [
    ("families-digits", "وصول قرابة 70 عائلة إلى المدينة", "about 70 families reached the city", 70, "families"),
    ("tankers-word", "رتل مكون من عشرة صهاريج للنفط", "a convoy of ten tankers", 10, "tankers"),
    ("strikes", "استهدفت نحو 8000 غارة جوية", "some 8000 airstrikes hit", 8000, "air strikes"),
    ("thousands-separator", "فر 30,000 مدني", "30,000 civilians fled", 30000, "civilians"),
    ("eastern-digits", "نزوح ٧٠ عائلة", "70 families were displaced", 70, "families"),
    ("thousand-scale", "نزح ثلاثة آلاف مدني", "three thousand civilians fled", 3000, "civilians"),
    ("digit-scale", "نزح 3 آلاف مدني", "3 thousand civilians fled", 3000, "civilians"),
    ("twelve", "اعتقال اثنا عشر مدنيا", "twelve civilians were detained", 12, "civilians"),
    ("fifty", "عادت خمسين عائلة", "fifty families returned", 50, "families"),
    ("hundred", "مئة عائلة", "a hundred families", 100, "families"),
    ("two-thousand", "ألفي شخص", "2,000 people", 2000, "people"),
    ("soldiers", "مقتل أربعة جنود", "four soldiers died", 4, "soldiers"),
    ("fighters", "انسحب 5000 عنصر", "5000 fighters withdrew", 5000, "fighters"),
    ("vehicles", "دمرت 6 آليات", "6 vehicles were destroyed", 6, "vehicles"),
    ("million", "نزوح 2 مليون شخص", "2 million people fled", 2_000_000, "people"),
    ("decimal-million", "نزوح 1.5 مليون شخص", "1.5 million people fled", 1_500_000, "people"),
    ("vague-tens", "عشرات العائلات", "dozens of families", None, "families"),
    ("vague-tens-min", "العشرات من عائلات عناصر التنظيم", "dozens of families of fighters", None, "families"),
    ("vague-hundreds", "مئات المقاتلين", "hundreds of fighters", None, "fighters"),
    ("vague-several-hundred", "بضع مئات من المقاتلين", "several hundred fighters", None, "fighters"),
]


@pytest.mark.parametrize(("text", "value", "unit"), _sides(COUNT_ROWS))
def test_count_value_and_unit(text: str, value: int | None, unit: str) -> None:
    found = _counts(text)
    assert [(c.value, c.unit) for c in found] == [(value, unit)], text


@pytest.mark.parametrize(("text", "value", "unit"), _sides(COUNT_ROWS))
def test_count_span_starts_at_the_number_and_ends_at_the_unit(text: str, value: int | None, unit: str) -> None:
    found = _counts(text)
    assert found, text
    for c in found:
        surface = text[c.start : c.end]
        assert 0 <= c.start < c.end <= len(text)
        assert surface == surface.strip()
        assert c.tok_first <= c.tok_last
        # the span is a whole phrase: it does not cut a word, and it ends with the unit's word
        assert c.start == 0 or not (text[c.start - 1].isalnum() or text[c.start - 1] in ".,"), surface
        assert c.end == len(text) or not text[c.end].isalnum(), surface


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("قال المتحدث إن القوات تقدمت", id="no-number-ar"),
        pytest.param("the spokesman said troops advanced", id="no-number-en"),
        pytest.param("في عام 2014", id="year-no-unit-ar"),
        pytest.param("in 2014 the group", id="year-no-unit-en"),
    ],
)
def test_no_count_without_number_and_unit(text: str) -> None:
    assert _counts(text) == []


def test_several_counts_in_text_order() -> None:
    text = "نزحت 70 عائلة و300 شخص، وعاد 20 جنديا"
    found = _counts(text)
    assert [(c.value, c.unit) for c in found][:1] == [(70, "families")]
    assert (20, "soldiers") in [(c.value, c.unit) for c in found]
    assert [c.start for c in found] == sorted(c.start for c in found)


# (id, Arabic, English, fatalities)
FATALITY_ROWS = [
    ("killing-n", "ما أسفر عن مقتل 23 شخصا", "the blast killed 23 people", 23),
    ("n-dead", "سقط 19 قتيلا", "19 dead were counted", 19),
    ("killed-civilians", "مقتل 5 مدنيين", "killing 5 civilians", 5),
    ("soldiers-killed", "قتل 7 جنود", "7 soldiers were killed", 7),
    ("killed-word-number", "لقي ثلاثة جنود مصرعهم", "three soldiers were killed", 3),
    ("killed-and-wounded", "قتل 7 جنود وأصيب 3 آخرون", "7 soldiers were killed and 3 wounded", 7),
    ("wounded-then-killed", "20 جريحا و5 قتلى", "20 wounded and 5 killed", 5),
    ("approx", "مقتل نحو 12 مدنيا", "killing at least 12 civilians", 12),
    ("vague", "مقتل عشرات المدنيين", "dozens of civilians were killed", None),
    ("no-deaths", "نزوح 70 عائلة", "70 families fled", None),
    ("dual-after", "ما أدى إلى مقتل عنصرين", "which killed two fighters", 2),
    ("martyrs-and-wounded", "ما أسفر عن سقوط 15 شهيداً و30 جريحاً", "leaving 15 dead and 30 wounded", 15),
    ("martyrdom", "أسفر الانفجار عن استشهاد 7 مدنيين", "the blast killed 7 civilians", 7),
    ("dual-before", "قتل شخصان بانفجار عبوة", "two people were killed by a mine", 2),
    ("dual-with-wounded", "مقتل طفلين وإصابة خمسة أشخاص", "two children were killed and five wounded", 2),
]


# Arabic duals count two of their unit; a plural spelled like a dual ("مدنيين") does not.
@pytest.mark.parametrize(
    ("text", "counts"),
    [
        pytest.param("نزحت عائلتين من البلدة", [(2, "families")], id="families"),
        pytest.param("وشن الطيران غارتين على البلدة", [(2, "air strikes")], id="proclitic-strikes"),
        pytest.param("قتل مدنيين في القصف", [], id="plural-not-dual"),
        pytest.param("مقتل مدنيين اثنين", [], id="plural-then-number"),  # the number's unit comes before it
    ],
)
def test_arabic_duals_count_two(text: str, counts: list[tuple[int, str]]) -> None:
    assert [(c.value, c.unit) for c in _counts(text)] == counts


@pytest.mark.parametrize(("text", "fatalities"), _sides(FATALITY_ROWS))
def test_fatalities(text: str, fatalities: int | None) -> None:
    assert _fatalities(text) == fatalities, text


@pytest.mark.parametrize(
    ("text", "first", "fatalities"),
    [
        pytest.param("نزحت عائلات. مقتل 5 مدنيين", 0, None, id="outside-the-range-ar"),
        pytest.param("Families fled. 5 civilians were killed", 0, None, id="outside-the-range-en"),
    ],
)
def test_fatalities_only_count_the_given_tokens(text: str, first: int, fatalities: int | None) -> None:
    nt = normalize_text(text)
    assert fatalities_in(nt, first, 1) == fatalities
