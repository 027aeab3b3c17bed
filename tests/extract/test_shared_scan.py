"""The shared pass: every lexicon of the language data finds in one walk of the text what it
would find walking the text alone, also a lexicon that joined after the text was walked."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from extract.matching import Lexicon, find_matches
from extract.shared_scan import hits
from geodata.names import normalize_text

PHRASES_A = [("air strike", 0), ("الغارات الجوية", 1), ("clashes", 2), ("اشتباكات", 3)]
PHRASES_B = [("Mosul road", 0), ("طريق الموصل", 1), ("air", 2)]
LEX_A, LEX_B = Lexicon.build(PHRASES_A), Lexicon.build(PHRASES_B)
WORDS = ["air", "strike", "clashes", "Mosul", "road", "near", "طريق", "الموصل", "اشتباكات", "وبالغارات", "الجوية"]


def _alone(lex: Lexicon, text: str) -> list[tuple[int, int, int]]:
    nt = normalize_text(text)
    return [(m.start, m.end, m.key_index) for m in find_matches(lex.index, nt, text)]


def _shared(lex: Lexicon, text: str, nt: object) -> list[tuple[int, int, int]]:
    return [(m.start, m.end, m.key_index) for m in lex.find(text, nt)]  # type: ignore[arg-type]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=12))
def test_the_shared_walk_finds_what_each_lexicon_finds_alone(words: list[str]) -> None:
    a, b = LEX_A, LEX_B
    text = " ".join(words)
    nt = normalize_text(text)
    assert _shared(a, text, nt) == _alone(a, text)
    assert _shared(b, text, nt) == _alone(b, text)


def test_a_lexicon_built_after_the_walk_reads_the_text_itself() -> None:
    first = Lexicon.build(PHRASES_A)
    text = "clashes near the Mosul road after air strike"
    nt = normalize_text(text)
    assert _shared(first, text, nt)  # the text is walked now
    late = Lexicon.build([("Mosul road", 0)])
    assert hits(late.number, nt) is None  # not in this text's walk
    assert _shared(late, text, nt) == [(text.index("Mosul"), text.index(" after"), 0)]


def test_a_lexicon_not_shared_never_joins() -> None:
    lex = Lexicon(Lexicon.build(PHRASES_A).index)
    assert lex.number == -1
    text = "clashes"
    assert _shared(lex, text, normalize_text(text)) == _alone(lex, text)
