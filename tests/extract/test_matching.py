"""geodata/match.py: one-pass matching, Arabic proclitics, longest match, blocked phrases."""

from __future__ import annotations

import itertools
import unicodedata

import pytest

from extract.matching import find_matches
from extract.places import places_in_text
from geodata.gazetteer import BLOCK, read_blocked
from geodata.names import is_arabic, normalize_name, normalize_text


def _mentions(gaz, text: str) -> list[tuple[str, str, str]]:
    """(surface, proclitic, matched key) of every unblocked raw match."""
    nt = normalize_text(text)
    return [
        (text[m.start : m.end], m.prefix, gaz.index.keys[m.key_index])
        for m in find_matches(gaz.index, nt, text, blocked=BLOCK)
    ]


# --- Arabic proclitics -------------------------------------------------------
# و and, ف so, ب in/by, ل to/for, ك like, stacked (وب, فب ...), and ل + ال = لل.
#   text            surface    clitic   English gloss for the reader
CLITICS = [
    ("وبالموصل", "الموصل", "وب"),  # and in Mosul
    ("فالحسكة", "الحسكة", "ف"),  # so Hasakah
    ("بمنبج", "منبج", "ب"),  # in Manbij
    ("وسنجار", "سنجار", "و"),  # and Sinjar
    ("كالموصل", "الموصل", "ك"),  # like Mosul
    ("لمنبج", "منبج", "ل"),  # to Manbij
    ("فبالرقة", "الرقة", "فب"),  # so in Raqqa
    ("بدير الزور", "دير الزور", "ب"),  # in Deir ez-Zor (clitic on a two-word name)
]


@pytest.mark.parametrize(("text", "surface", "clitic"), CLITICS)
def test_proclitic_is_split_off_the_name(gaz, text: str, surface: str, clitic: str) -> None:
    assert _mentions(gaz, text) == [(surface, clitic, normalize_name(surface))]


@pytest.mark.parametrize(
    ("text", "expected_cc"),
    [("وبالموصل", "IQ"), ("للرقة", "SY"), ("فالحسكة", "SY"), ("بمنبج", "SY"), ("وسنجار", "IQ"), ("كالموصل", "IQ")],
)
def test_clitic_forms_resolve_like_the_bare_name(gaz, text: str, expected_cc: str) -> None:
    places = places_in_text(f"وصلت القوات {text} أمس", gaz)
    assert [p.country_code for p in places] == [expected_cc]
    p = places[0]
    assert f"وصلت القوات {text} أمس"[p.start : p.end] == p.surface


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("للرقة", "لرقة"),  # to Raqqa: the first ل is the preposition, the second the article
        ("وللرقة", "لرقة"),  # and to Raqqa
        ("فللحسكة", "لحسكة"),  # so to Hasakah
    ],
)
def test_lam_plus_article_keeps_only_the_articles_lam(gaz, text: str, surface: str) -> None:
    # Mention docstring: offsets exclude the proclitic; match.py: "the ل that
    # stands for the article's ال stays in the surface" -- one ل, not two.
    found = _mentions(gaz, text)
    assert [s for s, _, _ in found] == [surface]


def test_harakat_on_a_clitic_stay_out_of_the_surface(gaz) -> None:
    text = "وصلوا لِلرَّقَّةِ أمس"
    places = places_in_text(text, gaz)
    assert len(places) == 1
    surface = places[0].surface
    assert unicodedata.category(surface[0]) != "Mn", f"surface starts with a combining mark: {surface!r}"
    assert surface == "لرَّقَّةِ"


def test_harakat_after_a_clitic_belong_to_the_clitic(gaz) -> None:
    text = "وَبِالْمَوْصِلِ"
    assert _mentions(gaz, text) == [("الْمَوْصِلِ", "وب", "الموصل")]


@pytest.mark.parametrize(
    "text",
    [
        "تالموصل",  # ت is no proclitic
        "سالرقة",  # nor is س
        "الموصلي",  # a longer word (al-Mosuli, a surname) is not the name
        "الرقاوي",  # Raqqawi
        "Mosuli",
        "Raqqawi",
        "منبجي",
    ],
)
def test_names_only_match_whole_words_or_after_a_real_clitic(gaz, text: str) -> None:
    assert _mentions(gaz, text) == []


def test_english_names_take_no_clitic(gaz) -> None:
    assert _mentions(gaz, "bMosul wMosul") == []


# --- longest match -----------------------------------------------------------
#   text                                 surface                        name
LONGEST = [
    ("القتال في دير الزور", "دير الزور", "Deir ez-Zor"),
    ("Fighting in Deir ez-Zor today", "Deir ez-Zor", "Deir ez-Zor"),
    ("بدعم من الولايات المتحدة الأميركية", "الولايات المتحدة الأميركية", "United States"),
    ("troops from the United States", "United States", "United States"),
    ("سيطروا على سد الموصل", "سد الموصل", "Mosul Dam"),
    ("they seized the Mosul Dam", "Mosul Dam", "Mosul Dam"),
]


@pytest.mark.parametrize(("text", "surface", "name"), LONGEST)
def test_longest_match_wins(gaz, text: str, surface: str, name: str) -> None:
    places = places_in_text(text, gaz)
    assert [(p.surface, p.name) for p in places] == [(surface, name)]


def test_longest_match_at_the_mention_level(gaz) -> None:
    # "دير الزور" holds no shorter name match beside it; neither does "Deir ez-Zor".
    assert _mentions(gaz, "دير الزور") == [("دير الزور", "", "دير الزور")]
    assert _mentions(gaz, "Deir ez-Zor") == [("Deir ez-Zor", "", "deir zor")]


def test_adjacent_names_stay_separate(gaz) -> None:
    found = _mentions(gaz, "الموصل الرقة")
    assert [s for s, _, _ in found] == ["الموصل", "الرقة"]


def test_large_city_whose_key_looks_like_a_frequent_word_is_still_found(gaz) -> None:
    # "Essen" normalises to "sen", the key of the frequent word "seen"; the
    # city (pop. ~590,000) must still be found.
    places = places_in_text("Protesters gathered in Essen, Germany, on Sunday.", gaz)
    assert ("Essen", "DE") in [(p.surface, p.country_code) for p in places]


# --- blocked phrases (data/not_places.csv) ------------------------------------
#   Arabic                      English
BLOCKED = [
    ("سكاي نيوز عربية", "Sky News Arabia"),
    ("الشروق العربي", "Al Jazeera"),
    ("هاري ترمان", "Al-Jazeera"),
    ("تشارل ديغول", "Al Arabiya"),
    ("تلفزيون سوريا", "Syria TV"),  # media named after a place of the war
    ("وكالة قاسيون", "Deir Ezzor 24"),
]


def _blocked_params():
    for ar, en in BLOCKED:
        yield pytest.param(f"وأفادت {ar} أن القصف استمر", ar, id=ar)
        yield pytest.param(f"According to {en}, the shelling went on.", en, id=en)


@pytest.mark.parametrize(("text", "phrase"), list(_blocked_params()))
def test_blocked_phrase_produces_no_place(gaz, text: str, phrase: str) -> None:
    assert places_in_text(text, gaz) == []
    assert _mentions(gaz, text) == []
    assert phrase in text


def test_blocked_phrase_does_not_hide_a_real_place_next_to_it(gaz) -> None:
    text = "وأفادت مصادر سكاي نيوز عربية من داخل مدينة الموصل"
    assert [p.name for p in places_in_text(text, gaz)] == ["Mosul"]
    text = "Al Jazeera said fighting went on in Mosul."
    assert [p.name for p in places_in_text(text, gaz)] == ["Mosul"]


def test_every_phrase_of_not_places_csv_is_blocked(gaz) -> None:
    phrases = read_blocked()
    assert len(phrases) > 50
    leaks = []
    for phrase in phrases:
        text = f"وقالت {phrase} إن الوضع هادئ" if is_arabic(phrase) else f"According to {phrase}, all was calm."
        s = text.index(phrase)
        e = s + len(phrase)
        leaks += [(phrase, p.surface, p.name) for p in places_in_text(text, gaz) if p.start < e and p.end > s]
    assert leaks == []


def test_mentions_are_sorted_and_disjoint(gaz) -> None:
    text = "من الرقة باتجاه الحسكة ومن ثم إلى البعاج ثم وصلوا إلى الموصل. From Raqqa to Hasakah, then Baaj and Mosul."
    nt = normalize_text(text)
    ms = find_matches(gaz.index, nt, text, blocked=BLOCK)
    assert len(ms) == 8
    for a, b in itertools.pairwise(ms):
        assert a.end <= b.start
        assert a.tok_last < b.tok_first
