"""extract/places.py: place mentions of a text, with exact character offsets.

Golden file: tests/extract/golden/mosul-2015-11-19-ar.places.json was written
by running the extractor once on seeds/mosul-2015-11-19-ar.txt and checked by
hand: every entry is a real place mention (the decoys of the gold annotation,
media names and ship names, are absent). To update it after a deliberate
change, re-run the extractor, re-check every entry by hand, and commit.
"""

from __future__ import annotations

import itertools
import json
import math
import random
import unicodedata
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from extract.places import places_from_doc, places_in_text
from extract.types import Document, Place

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SEED = ROOT / "seeds" / "mosul-2015-11-19-ar.txt"
GOLDEN = HERE / "golden" / "mosul-2015-11-19-ar.places.json"

# Names in the seed that are no places (gold/seed.json "decoys"): a TV channel,
# a newspaper, an aircraft carrier and a frigate.
DECOYS = ["سكاي نيوز عربية", "الشروق العربي", "هاري ترمان", "تشارل ديغول"]


def _row(p: Place) -> tuple[str, int, int, str, str]:
    return (p.surface, p.start, p.end, p.name, p.country_code)


@pytest.fixture(scope="module")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def seed_places(gaz, seed_text: str) -> list[Place]:
    return places_in_text(seed_text, gaz)


def test_seed_matches_the_golden_file(seed_places: list[Place]) -> None:
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    expected = [(g["surface"], g["start"], g["end"], g["name"], g["country_code"]) for g in golden]
    assert [_row(p) for p in seed_places] == expected


def test_golden_file_is_consistent_with_the_seed(seed_text: str) -> None:
    # guards the golden file itself: every entry's offsets point at its surface
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert len(golden) >= 30
    for g in golden:
        assert seed_text[g["start"] : g["end"]] == g["surface"], g


def test_seed_has_no_decoys(seed_text: str, seed_places: list[Place]) -> None:
    for decoy in DECOYS:
        s = seed_text.index(decoy)
        e = s + len(decoy)
        assert not [p for p in seed_places if p.start < e and p.end > s], decoy


@pytest.mark.parametrize(
    ("surface", "count", "cc", "lat", "lon"),
    [
        ("الموصل", 11, "IQ", 36.34, 43.12),
        ("الرقة", 5, "SY", 35.95, 39.01),
        ("الحسكة", 1, "SY", 36.50, 40.75),
        ("البعاج", 2, "IQ", 36.04, 41.72),
        ("سنجار", 1, "IQ", 36.32, 41.88),
        ("باريس", 1, "FR", 48.85, 2.35),
    ],
)
def test_seed_towns_all_found_and_placed(seed_places, surface, count, cc, lat, lon) -> None:
    found = [p for p in seed_places if surface in p.surface]
    assert len(found) == count
    for p in found:
        assert p.country_code == cc
        assert abs(p.lat - lat) < 0.1 and abs(p.lon - lon) < 0.1


def test_seed_gold_required_places_within_radius(shared_dir: Path, gaz) -> None:
    gold = json.loads((shared_dir / "gold" / "seed.json").read_text(encoding="utf-8"))
    case = next(c for c in gold if c["file"] == SEED.name)
    shared_seed = shared_dir / "seeds" / SEED.name
    if shared_seed.exists():
        assert shared_seed.read_text(encoding="utf-8") == SEED.read_text(encoding="utf-8")
    places = places_in_text(SEED.read_text(encoding="utf-8"), gaz)
    missing = []
    for want in case["places"]:
        if not want["required"]:
            continue
        lat, lon = want["at"]
        if not any(_km(p.lat, p.lon, lat, lon) <= want["r"] for p in places):
            missing.append(want["name"])
    assert missing == []
    surfaces = " ".join(p.surface for p in places)
    assert not [d for d in case["decoys"] if d in surfaces]


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371 * math.asin(min(1.0, math.sqrt(h)))


def test_places_from_doc_uses_the_whole_text(gaz, seed_text: str, seed_places: list[Place]) -> None:
    doc = Document(doc_id="seed", text=seed_text, lang="ar")
    assert places_from_doc(doc, gaz) == seed_places


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Arabic                                                   # English
        ("فر مقاتلو داعش من الرقة باتجاه الحسكة ثم إلى الموصل", [("الرقة", "SY"), ("الحسكة", "SY"), ("الموصل", "IQ")]),
        (
            "ISIS fighters fled Raqqa toward Hasakah and then to Mosul.",
            [("Raqqa", "SY"), ("Hasakah", "SY"), ("Mosul", "IQ")],
        ),
        ("سيطرت القوات الكردية على الطريق الذي يربط الرقة بالموصل", [("الرقة", "SY"), ("الموصل", "IQ")]),
        ("Kurdish forces control the highway linking Raqqa and Mosul.", [("Raqqa", "SY"), ("Mosul", "IQ")]),
    ],
)
def test_places_in_design_examples(gaz, text: str, expected: list[tuple[str, str]]) -> None:
    assert [(p.surface, p.country_code) for p in places_in_text(text, gaz)] == expected


def test_place_fields_are_filled(gaz) -> None:
    (p,) = places_in_text("Fighting went on in Mosul.", gaz)
    assert p.gazetteer_id
    assert p.feature_type == "city"
    assert p.name_ar == "الموصل"
    assert -90 <= p.lat <= 90 and -180 <= p.lon <= 180


# --- properties: offsets hold for any text ------------------------------------

_PLACES_AR = ["الموصل", "الرقة", "الحسكة", "دير الزور", "سنجار", "منبج", "الباب", "تدمر", "عنه", "القائم", "حلب"]
_WORDS_AR = ["في", "من", "إلى", "على", "مدينة", "باتجاه", "قال", "القوات", "عنه", "الطبقة", "سكاي", "نيوز", "عربية"]
_PLACES_EN = ["Mosul", "Raqqa", "Deir ez-Zor", "al-Bab", "Hit", "Jordan", "Paris", "Athens", "Georgia", "Sinjar"]
_WORDS_EN = ["in", "the", "town", "of", "said", "As", "At", "Al", "Jazeera", "hit", "near", "and", "Arrest"]
_CLITICS = ["", "", "", "و", "ف", "ب", "ل", "ك", "وب", "وال", "ول", "فب", "لل", "ولل"]
_HARAKAT = [chr(c) for c in range(0x064B, 0x0653)] + ["\u0640"]
_SEPS = [" ", " ", " ", "، ", ", ", ". ", "\n", "-", "—", "(", ")", "«", "»", " و"]


@st.composite
def arabic_word(draw) -> str:
    word = draw(st.sampled_from(_PLACES_AR + _WORDS_AR))
    if word.startswith("ال") and draw(st.booleans()):
        word = word[2:]  # the clitic may bring its own article ("لل", "وال")
    word = draw(st.sampled_from(_CLITICS)) + word
    out = []
    for ch in word:
        out.append(ch)
        if draw(st.integers(0, 2)) == 0:
            out.append(draw(st.sampled_from(_HARAKAT)))
    return "".join(out)


@st.composite
def news_text(draw) -> str:
    words = draw(st.lists(st.one_of(arabic_word(), st.sampled_from(_PLACES_EN + _WORDS_EN)), max_size=30))
    seps = draw(st.lists(st.sampled_from(_SEPS), min_size=len(words), max_size=len(words)))
    return "".join(w + s for w, s in zip(words, seps, strict=True))


any_text = st.one_of(
    st.text(max_size=200),
    news_text(),
    st.text(alphabet=st.sampled_from([*"الموصلرقةحسكبنج ", *_HARAKAT, "-", "\n"]), max_size=200),
)


def _check_spans(text: str, places: list[Place]) -> None:
    for p in places:
        assert 0 <= p.start < p.end <= len(text), p
        assert text[p.start : p.end] == p.surface, p


# The gazetteer comes from the session fixture; the property itself is an inner
# function so that hypothesis reports only the text, not the gazetteer.


def test_places_in_any_text_have_exact_offsets(gaz) -> None:
    @given(any_text)
    def check(text: str) -> None:
        _check_spans(text, places_in_text(text, gaz))

    check()


def test_places_are_ordered_and_disjoint(gaz) -> None:
    @given(news_text())
    def check(text: str) -> None:
        places = places_in_text(text, gaz)
        for a, b in itertools.pairwise(places):
            assert a.end <= b.start, (a, b)

    check()


def test_surface_never_starts_with_a_combining_mark(gaz) -> None:
    @given(news_text())
    @example("وصلوا لِلرَّقَّةِ أمس")
    def check(text: str) -> None:
        for p in places_in_text(text, gaz):
            assert unicodedata.category(p.surface[0]) != "Mn", (p.surface, p.start)

    check()


def test_very_long_single_line(gaz) -> None:
    @settings(max_examples=10)
    @given(st.integers(min_value=0, max_value=2**32 - 1))
    def check(seed: int) -> None:
        rnd = random.Random(seed)
        pool = [*_PLACES_AR, *_WORDS_AR, *_PLACES_EN, *_WORDS_EN, "بالموصل", "للرقة", "وَبِالْمَوْصِلِ"]
        text = " ".join(rnd.choice(pool) for _ in range(3000))  # ~20,000 characters, no line break
        places = places_in_text(text, gaz)
        _check_spans(text, places)
        assert len(places) > 100

    check()


def test_long_line_without_spaces_does_not_raise(gaz) -> None:
    text = "الموصل" * 5000 + "Mosul" * 5000 + "ـ" * 5000
    _check_spans(text, places_in_text(text, gaz))


# A name a quarter's word goes with names a quarter: not the province, district or region of that name
# elsewhere (Iraq's Salah al-Din, the Midan sub-district near Baghdad). A unit around it places it; with
# none it is left out. The same name without a quarter's word keeps its unit.
QUARTERS = [
    (
        "A device went off in Aleppo. Details of the blast in the Salaheddin neighborhood were few.",
        [("Aleppo", "Aleppo", "SY", 1)],
    ),
    (
        "Regime forces shelled the Salah al-Din neighbourhood in Aleppo city.",
        [("Salah al-Din", "Salah al-Din", "SY", 2), ("Aleppo city", "Aleppo", "SY", 1)],
    ),
    ("قصفت الطائرات حي الميدان في حلب", [("الميدان", "الميدان", "SY", 2), ("حلب", "Aleppo", "SY", 1)]),
    ("Troops entered Salaheddin province.", [("Salaheddin", "Salah al-Din Governorate", "IQ", 1)]),
]


@pytest.mark.parametrize(("text", "expected"), QUARTERS, ids=[t for t, _ in QUARTERS])
def test_a_quarter_is_no_province_of_its_name(gaz, text: str, expected) -> None:
    got = [(p.surface, p.name, p.country_code, p.geo_precision) for p in places_in_text(text, gaz)]
    assert got == expected


@pytest.mark.parametrize(
    "text",
    [
        "قتل ثلاثة جنود أتراك وجرح جندياً تركياً آخر في اشتباكات قرب إدلب.",
        "سيّرت القوات الروسية والتركية دورية مشتركة على الطريق الدولي.",
        "قدر فريق منسقو استجابة سوريا عدد النازحين بمليون شخص.",
    ],
)
def test_words_that_only_look_like_a_country_or_a_town_are_none(gaz, text: str) -> None:
    # an adjective with its case ending ("تركياً"), a verb ("سيّرت", not Siirt), an organisation's name
    assert {p.name for p in places_in_text(text, gaz)} <= {"Idlib"}
