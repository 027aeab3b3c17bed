"""extract/sentences.py: sentences as trimmed spans into the original text."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extract.sentences import sentence_of, sentence_spans
from extract.types import Span


def _sentences(text: str) -> list[str]:
    return [text[s.start : s.end] for s in sentence_spans(text)]


# Arabic and English side by side: one row per rule.
#   Arabic text / sentences                                  English text / sentences
CASES = [
    (
        "end marks",
        "سقطت الموصل. هل سقطت الرقة؟ نعم! سقطت",
        ["سقطت الموصل.", "هل سقطت الرقة؟", "نعم!", "سقطت"],
        "Mosul fell. Did Raqqa fall? Yes! It fell",
        ["Mosul fell.", "Did Raqqa fall?", "Yes!", "It fell"],
    ),
    (
        "a semicolon joins clauses",
        "تقدمت القوات من محورين؛ الأول من الشمال.",
        ["تقدمت القوات من محورين؛ الأول من الشمال."],
        "The forces advanced on two axes; the first from the north.",
        ["The forces advanced on two axes; the first from the north."],
    ),
    (
        "line breaks",
        "الموصل\nالرقة\n\nالحسكة",
        ["الموصل", "الرقة", "الحسكة"],
        "Mosul\nRaqqa\n\nHasakah",
        ["Mosul", "Raqqa", "Hasakah"],
    ),
    (
        "ellipsis",
        "سيطر داعش على الموصل… ثم الرقة.",
        ["سيطر داعش على الموصل…", "ثم الرقة."],
        "Wait... really?",
        ["Wait...", "really?"],
    ),
    (
        "white space trimmed",
        "  سقطت الموصل.  \n\n  ثم الرقة  ",
        ["سقطت الموصل.", "ثم الرقة"],
        "  lead space.  \n\n second line  ",
        ["lead space.", "second line"],
    ),
    (
        "decimals and initials",
        "تقدمت القوات 2.5 كم. ثم توقفت.",
        ["تقدمت القوات 2.5 كم.", "ثم توقفت."],
        "The U.S. army moved 2.5 km. Then it stopped.",
        ["The U.S. army moved 2.5 km.", "Then it stopped."],
    ),
    (
        "sentence ending in a number",
        "سقطت الموصل في عام 2014. ثم سقطت الرقة.",
        ["سقطت الموصل في عام 2014.", "ثم سقطت الرقة."],
        "Mosul fell in 2014. Raqqa fell later.",
        ["Mosul fell in 2014.", "Raqqa fell later."],
    ),
    (
        "count before the full stop",
        "قتل 25. وجرح آخرون.",
        ["قتل 25.", "وجرح آخرون."],
        "The dead numbered 25. Many more were hurt.",
        ["The dead numbered 25.", "Many more were hurt."],
    ),
    (
        "a character reference whose semicolon a scraper turned into a dot",
        "قال المرصد &#8220. إن الغارات مستمرة&#8221. في حلب. وجرح آخرون.",
        ["قال المرصد &#8220. إن الغارات مستمرة&#8221. في حلب.", "وجرح آخرون."],
        "A massacre by regime&#8217. s warplanes in Aleppo&amp. its countryside. ISIS mobilised.",
        ["A massacre by regime&#8217. s warplanes in Aleppo&amp. its countryside.", "ISIS mobilised."],
    ),
]


def _params():
    for rule, ar, ar_s, en, en_s in CASES:
        yield pytest.param(ar, ar_s, id=f"ar:{rule}")
        yield pytest.param(en, en_s, id=f"en:{rule}")


@pytest.mark.parametrize(("text", "expected"), list(_params()))
def test_sentence_spans(text: str, expected: list[str]) -> None:
    assert _sentences(text) == expected


@pytest.mark.parametrize("text", ["", "   ", "\n\n\n", " \t\n "])
def test_blank_text_has_no_sentence(text: str) -> None:
    assert sentence_spans(text) == []


def test_sentence_of_finds_the_holding_sentence() -> None:
    text = "One. Two. Three."
    spans = sentence_spans(text)
    assert sentence_of(spans, 0) == Span(0, 4)
    assert sentence_of(spans, 6) == Span(5, 9)
    assert sentence_of(spans, 4) == Span(0, 4)  # the gap belongs to the sentence before
    assert sentence_of(spans, 100) == Span(10, 16)  # past the end: the last sentence


def test_sentence_of_without_sentences() -> None:
    assert sentence_of([], 3) == Span(0, 0)


_ALPHABET = st.sampled_from([*"abc XYZ الموصلرقة 2014", ".", "!", "?", "؟", "؛", "…", "\n", " ", "\t"])


@given(st.lists(_ALPHABET, max_size=120).map("".join))
def test_sentences_are_trimmed_ordered_disjoint_and_cover_every_word(text: str) -> None:
    spans = sentence_spans(text)
    prev = 0
    for s in spans:
        assert prev <= s.start < s.end <= len(text)
        chunk = text[s.start : s.end]
        assert chunk == chunk.strip()
        assert "\n" not in chunk
        prev = s.end
    covered = "".join(text[s.start : s.end] for s in spans)
    assert "".join(text.split()) == "".join(covered.split())  # nothing but white space is dropped


# English abbreviations (data/sentences.json; Arabic writes none with a full stop): a month's before a day, a
# title's before a name; the same words end a sentence elsewhere.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "ISIS overran Sinjar on Aug. 3 after the peshmerga withdrew. Days later it seized Qaraqosh.",
            ["ISIS overran Sinjar on Aug. 3 after the peshmerga withdrew.", "Days later it seized Qaraqosh."],
            id="month-before-a-day",
        ),
        pytest.param(
            "Maj. Gen. Ismail al-Mahlawi said the town was clear. Troops moved in.",
            ["Maj. Gen. Ismail al-Mahlawi said the town was clear.", "Troops moved in."],
            id="titles-before-a-name",
        ),
        pytest.param(
            "They left in Aug. The next day they came back.",
            ["They left in Aug.", "The next day they came back."],
            id="a-month-ending-a-sentence",
        ),
        pytest.param("Strikes hit Raqqa on Sept. 30, 2015.", ["Strikes hit Raqqa on Sept. 30, 2015."], id="sept"),
    ],
)
def test_an_abbreviation_ends_no_sentence(text: str, expected: list[str]) -> None:
    assert _sentences(text) == expected
