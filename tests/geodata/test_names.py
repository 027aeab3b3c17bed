"""geodata/normalize.py: spelling variants meet on one key; offsets survive."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from geodata.names import (
    is_arabic,
    name_keys,
    norm_token,
    normalize_name,
    normalize_text,
    text_key,
    written_with_article,
)

# One row per rule: an Arabic variant and its plain form, beside a Latin
# variant and its plain form. Both sides of a row must meet on one key.
#   rule                            Arabic variant   Arabic plain     Latin variant      Latin plain
FOLDING = [
    ("hamza-above | macron", "أربيل", "اربيل", "Arbīl", "Arbil"),
    ("hamza-below | acute", "إدلب", "ادلب", "Idlíb", "Idlib"),
    ("madda | circumflex", "آمرلي", "امرلي", "Âmirli", "Amirli"),
    ("alef-wasla | dot-below", "ٱلموصل", "الموصل", "Mọsul", "Mosul"),
    ("taa-marbuta | -ah ending", "الرقة", "الرقه", "Raqqah", "Raqqa"),
    ("taa-marbuta | -eh ending", "حماة", "حماه", "Hameh", "Hama"),
    ("alef-maqsura | cedilla-h", "المثنى", "المثني", "Ḩasakah", "Hasakah"),
    ("hamza-on-waw | dieresis", "مؤتة", "موتة", "Kobanî", "Kobani"),
    ("hamza-on-ya | ring", "رئيس", "رييس", "Ålborg", "Alborg"),
    ("lone-hamza | ogonek/stroke", "سامراء", "سامرا", "Łódź", "Lodz"),
    ("harakat | breve", "المَوْصِلُ", "الموصل", "Sinjăr", "Sinjar"),
    ("shadda+tanwin | caron", "الرَّقَّةً", "الرقة", "Tikrīt", "Tikrit"),
    ("tatweel | ayn ʿ", "الموصـــل", "الموصل", "Baʿaj", "Baaj"),
    ("tatweel+harakat | hamza ʾ", "حـَلـَب", "حلب", "Raʾs al-Ayn", "Ras al-Ayn"),
    ("persian kaf | right quote ’", "کركوك", "كركوك", "Ba’aj", "Baaj"),
    ("persian gaf | left quote ‘", "گركوك", "كركوك", "Ba‘aj", "Baaj"),
    ("arabic-indic digits | ascii '", "حي ١٧ تموز", "حي 17 تموز", "Ba'aj", "Baaj"),
    ("alef-maqsura vs ya | doubled", "دمشقى", "دمشقي", "Tall Afar", "Tal Afar"),
    ("taa-marbuta+harakat | doubled", "الحَسَكَةُ", "الحسكه", "Raqqa", "Raqa"),
    ("ta-marbuta | -ah after double", "الفلوجة", "الفلوجه", "Fallujah", "Falluja"),
]


def _side_by_side(rows):
    for rule, ar_variant, ar_plain, en_variant, en_plain in rows:
        yield pytest.param(ar_variant, ar_plain, id=f"ar:{rule.split('|')[0].strip()}")
        yield pytest.param(en_variant, en_plain, id=f"en:{rule.split('|')[1].strip()}")


@pytest.mark.parametrize(("variant", "plain"), list(_side_by_side(FOLDING)))
def test_variant_and_plain_spelling_share_a_key(variant: str, plain: str) -> None:
    assert normalize_name(variant) == normalize_name(plain)
    assert normalize_name(variant)  # never folded away to nothing


# Transliterated Arabic articles (al-, ar-, as-, ash-, ad-, ...) and the sun-letter
# assimilation written without a hyphen: every spelling of a row meets on one key.
#   Arabic spellings                          Latin spellings
ARTICLES = [
    (("دير الزور", "دير الزُّور"), ("Deir ez-Zor", "Deir Ezzor", "Deir al-Zor", "Deir el-Zor", "Deir ez Zor")),
    (("الرقة", "الرقه"), ("Raqqa", "ar-Raqqa", "Ar Raqqah", "al-Raqqa", "Arraqqa", "Raqqeh")),
    (("السخنة", "السخنه"), ("Sukhnah", "as-Sukhnah", "As Sukhnah", "al-Sukhna")),
    (("الشدادي", "الشدّادي"), ("Shaddadi", "ash-Shaddadi", "Ash Shaddadi", "al-Shaddadi")),
    (("الدانا", "الدّانا"), ("Dana", "ad-Dana", "Ad Dana", "al-Dana")),
    (("الطبقة", "الطَّبَقَة"), ("Tabqa", "al-Tabqa", "At-Tabqah", "Al Tabqa", "el-Tabqa")),
    (("الحسكة", "الحَسَكة"), ("Hasakah", "Al-Hasakah", "Al Ḩasakah", "al Hasaka")),
]


@pytest.mark.parametrize(("arabic", "latin"), ARTICLES, ids=[row[1][0] for row in ARTICLES])
def test_article_spellings_share_a_key(arabic: tuple[str, ...], latin: tuple[str, ...]) -> None:
    assert len({normalize_name(s) for s in arabic}) == 1, {s: normalize_name(s) for s in arabic}
    # A gazetteer name is indexed under all its keys (the assimilated "Ezzor"
    # form too); every spelling read in a text must hit one of the first's keys.
    keys = name_keys(latin[0]) | name_keys(latin[1])
    assert all(normalize_name(s) in keys for s in latin), {s: normalize_name(s) for s in latin}


# Folding must not merge different places.
#   Arabic pair            Latin pair
DISTINCT = [
    (("الموصل", "الرقة"), ("Mosul", "Raqqa")),
    (("حلب", "حماة"), ("Aleppo", "Hama")),
    (("عنه", "هيت"), ("Hit", "Haditha")),
    (("تل أبيض", "تل عفر"), ("Tal Abyad", "Tal Afar")),
    (("منبج", "جرابلس"), ("Manbij", "Jarablus")),
]


@pytest.mark.parametrize(("arabic", "latin"), DISTINCT, ids=[row[1][0] for row in DISTINCT])
def test_different_names_keep_different_keys(arabic: tuple[str, str], latin: tuple[str, str]) -> None:
    assert normalize_name(arabic[0]) != normalize_name(arabic[1])
    assert normalize_name(latin[0]) != normalize_name(latin[1])


@pytest.mark.parametrize(
    ("token", "expected"),
    [
        # Arabic                       # Latin
        ("الرقة", "الرقه"),
        ("Raqqah", "raqa"),
        ("أربيل", "اربيل"),
        ("Erbīl", "erbil"),
        ("المَوْصِلُ", "الموصل"),
        ("Mosul’s", "mosul"),
        ("الموصـــل", "الموصل"),
        ("MOSUL", "mosul"),
        ("٢٠١٤", "2014"),
        ("Düsseldorf", "duseldorf"),
    ],
)
def test_norm_token(token: str, expected: str) -> None:
    assert norm_token(token) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("الموصل", True), ("Mosul", False), ("Mosul الموصل", True), ("", False), ("2014 ،", True), ("ـ", True)],
)
def test_is_arabic(text: str, expected: bool) -> None:
    assert is_arabic(text) is expected


def _tokens(text: str, **kw) -> list[tuple[str, str]]:
    """(normalised token, original slice) pairs of a text."""
    nt = normalize_text(text, **kw)
    out = []
    for i, s in enumerate(nt.norm_starts):
        out.append((nt.norm[s : nt.norm.index(" ", s)], text[nt.orig_starts[i] : nt.orig_ends[i]]))
    return out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Arabic: harakat and tatweel stay inside the original span
        ("في المَوْصِلِ اليوم", [("في", "في"), ("الموصل", "المَوْصِلِ"), ("اليوم", "اليوم")]),
        ("دير الزور، حلب", [("دير", "دير"), ("الزور", "الزور"), ("حلب", "حلب")]),
        ("وبالموصـــل.", [("وبالموصل", "وبالموصـــل")]),
        # English: a hyphenated article is folded into the name it stands before
        ("in al-Tabqa today", [("in", "in"), ("tabqa", "al-Tabqa"), ("today", "today")]),
        ("in al_Tabqa today", [("in", "in"), ("tabqa", "al_Tabqa"), ("today", "today")]),  # as some feeds write it
        ("in al\u2010Tabqa today", [("in", "in"), ("tabqa", "al\u2010Tabqa"), ("today", "today")]),  # a Unicode hyphen
        ("Deir ez-Zor", [("deir", "Deir"), ("zor", "ez-Zor")]),
        ("near Ar Raqqah.", [("near", "near"), ("raqa", "Ar Raqqah")]),
        ("near al Tabqa", [("near", "near"), ("tabqa", "al Tabqa")]),
        # ... but an English word that only looks like an article is not
        ("as well as", [("as", "as"), ("wel", "well"), ("as", "as")]),
        ("at noon", [("at", "at"), ("non", "noon")]),
        ("Mosul's mayor", [("mosul", "Mosul's"), ("mayor", "mayor")]),
    ],
)
def test_normalize_text_tokens_and_spans(text: str, expected: list[tuple[str, str]]) -> None:
    assert _tokens(text) == expected


@pytest.mark.parametrize(
    ("text", "word"),
    [
        # English "As"/"At"/"An" open sentences; the Arabic article they spell is
        # assimilated only before its own sun letter (as-S, at-T, an-N, ar-R, ad-D, az-Z).
        ("As Mosul fell, troops fled.", "Mosul"),
        ("At Raqqa, fighting raged.", "Raqqa"),
        ("An Iraqi official said so.", "Iraqi"),
        ("As Kirkuk burned, talks stalled.", "Kirkuk"),
    ],
)
def test_english_word_before_capitalised_name_is_not_an_article(text: str, word: str) -> None:
    slices = [orig for _, orig in _tokens(text)]
    assert word in slices, slices


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a lowercase assimilated article inside a name, between capitalised words, is an article ...
        ("Salah ad Din Province", ["Salah", "ad Din", "Province"]),
        ("Dayr az Zawr, Syria", ["Dayr", "az Zawr", "Syria"]),
        ("Abu ash Shamat", ["Abu", "ash Shamat"]),
        # ... when it is no English word, and only before its own sun letter, after a capitalised word
        ("Homs at Tanf", ["Homs", "at", "Tanf"]),
        ("Raqqa as Syria burned", ["Raqqa", "as", "Syria", "burned"]),
        ("Salah ad Karim", ["Salah", "ad", "Karim"]),
        ("the ad Din", ["the", "ad", "Din"]),
        ("Salah ad din", ["Salah", "ad", "din"]),
    ],
)
def test_lowercase_assimilated_article_inside_a_name(text: str, expected: list[str]) -> None:
    assert [o for _, o in _tokens(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a scholarly transliteration marks the article's letters; it is still the article
        ("Jaysh aṭ-Ṭāʼifa", ["Jaysh", "aṭ-Ṭāʼifa"]),
        ("Tal aḍ-Ḍahab", ["Tal", "aḍ-Ḍahab"]),
        ("aṣ-Ṣanamayn", ["aṣ-Ṣanamayn"]),
    ],
)
def test_article_written_with_diacritics(text: str, expected: list[str]) -> None:
    assert [o for _, o in _tokens(text)] == expected
    assert normalize_name(expected[-1]) == normalize_name(expected[-1].split("-", 1)[1])


def test_article_is_folded_only_before_its_sun_letter() -> None:
    # positive control for the test above: genuine assimilated articles still fold
    assert [o for _, o in _tokens("As Sukhnah and At Tabqah and Ar Rutbah")] == [
        "As Sukhnah",
        "and",
        "At Tabqah",
        "and",
        "Ar Rutbah",
    ]


def test_gazetteer_names_drop_every_article_running_text_only_safe_ones() -> None:
    # In a name ("ar raqqah" written in lower case) the article goes; in running
    # text a lower-case "ar" before a space may be a word and stays.
    assert normalize_name("ar raqqah") == normalize_name("Raqqa")
    assert [n for n, _ in _tokens("ar raqqah")] == ["ar", "raqa"]


def test_normtext_layout() -> None:
    nt = normalize_text("  Raqqa,  الرقة!  ")
    assert nt.norm == " raqa الرقه "
    assert nt.norm_starts == (1, 6)
    assert nt.orig_starts == (2, 10)
    assert nt.orig_ends == (7, 15)


@pytest.mark.parametrize("text", ["", "   ", "...!?", "\n\n", "ـــ", "''’"])
def test_text_without_words_has_no_tokens(text: str) -> None:
    nt = normalize_text(text)
    assert nt.norm == " "
    assert nt.norm_starts == nt.orig_starts == nt.orig_ends == ()


@pytest.mark.parametrize("text", ["x ͺ y", "Mosͺul الموصل"])
def test_no_token_contains_white_space(text: str) -> None:
    # NormText is "tokens joined by single spaces": a token that itself holds a
    # space (U+037A GREEK YPOGEGRAMMENI decomposes to " ͅ") breaks the layout.
    nt = normalize_text(text)
    for s in nt.norm_starts:
        tok = nt.norm[s : nt.norm.index(" ", s)]
        assert tok, (text, nt)
    assert nt.norm.split() == [nt.norm[s : nt.norm.index(" ", s)] for s in nt.norm_starts]


# --- offsets: a property over random text -----------------------------------

_ARABIC_LETTERS = [chr(c) for c in range(0x0621, 0x064B)]
_HARAKAT = [chr(c) for c in range(0x064B, 0x0653)]
_TATWEEL = ["\u0640"]
_LATIN = list("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") + list("āīūḥṣṭḍẓʿʾ’‘'éèüöçğışñÅØßÆŁ")
_PUNCT = [*' .,;:!?-–—()[]«»"،؛؟…/\\\t', "\n", "\r\n", "  "]
_DIGITS = list("0123456789٠١٢٣٤٥٦٧٨٩")

mixed_text = st.lists(
    st.sampled_from(_ARABIC_LETTERS + _HARAKAT + _TATWEEL + _LATIN + _PUNCT + _DIGITS + ["al-", "ez-", "Ar "]),
    max_size=80,
).map("".join)


@given(st.one_of(mixed_text, st.text(max_size=80)))
def test_token_spans_are_in_the_text_in_order_and_disjoint(text: str) -> None:
    nt = normalize_text(text)
    n = len(nt.norm_starts)
    assert len(nt.orig_starts) == len(nt.orig_ends) == n
    prev_end = 0
    for i in range(n):
        s, e = nt.orig_starts[i], nt.orig_ends[i]
        assert 0 <= s < e <= len(text)
        assert s >= prev_end  # in order, not overlapping
        prev_end = e
    assert list(nt.norm_starts) == sorted(set(nt.norm_starts))
    assert nt.norm.startswith(" ") and nt.norm.endswith(" ")


@given(mixed_text)
def test_each_norm_token_is_the_normalised_original_slice(text: str) -> None:
    # Without articles in play, token i is exactly norm_token(text[span i]).
    text = text.replace("-", " ")
    nt = normalize_text(text)
    for i, s in enumerate(nt.norm_starts):
        tok = nt.norm[s : nt.norm.index(" ", s)]
        orig = text[nt.orig_starts[i] : nt.orig_ends[i]]
        if " " in orig:  # a spaced article folded into the next word ("Ar Raqqah")
            continue
        assert tok == norm_token(orig)


_NAMES = ["الموصل", "الرقة", "Mosul", "Deir ez-Zor", "al-Tabqa", "حلب"]


@given(st.lists(st.sampled_from(_NAMES), min_size=1, max_size=5))
def test_normalize_name_is_idempotent(names: list[str]) -> None:
    name = " ".join(names)
    once = normalize_name(name)
    assert normalize_name(once) == once


@given(st.one_of(mixed_text, st.text(max_size=80)))
def test_text_key_is_the_normalised_text(text: str) -> None:
    # the store's search key (geodata/store/text_search.py): the same words as the full normaliser's
    assert text_key(text) == normalize_text(text).norm


@pytest.mark.parametrize("text", ["Fighters left Ar-Raqqah for al Tabqa.", "As Mosul fell", "قرب الرَّقَّة", ""])
def test_text_key_drops_articles_as_running_text_does(text: str) -> None:
    assert text_key(text) == normalize_text(text).norm


@pytest.mark.parametrize(
    ("surface", "expected"),
    [
        ("al-Bab", True),
        ("Al-Bab", True),
        ("el\u2011Bab", True),  # a non-breaking hyphen
        ("al_Bab", True),  # as some feeds write it
        ("Al Tal", True),
        ("Ar-Raqqah", True),
        ("Ar Raqqah", False),  # a spaced article other than al/el may be a word: the tokenizer decides
        ("Albab", False),
        ("Bab", False),
        ("al", False),
        ("", False),
    ],
)
def test_written_with_article(surface: str, expected: bool) -> None:
    assert written_with_article(surface) is expected
