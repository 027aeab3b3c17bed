"""extract/wordforms.py: the one function that reads Arabic clitics (data in
`extract/data/clitics_ar.json`), and a contract on the source tree that no other
module strips a proclitic or the article by hand."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extract.wordforms import owned, proclitic, proclitic_allowed, word_forms
from geodata.names import normalize_name

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("extract", "geodata", "dashboard")
THE_ONE_PLACE = "extract/wordforms.py"


def forms(word: str, **kw: bool) -> frozenset[str]:
    """The forms of a word as the text gives it (normalised first, as every caller does)."""
    return word_forms(normalize_name(word), **kw)


def n(*words: str) -> set[str]:
    return {normalize_name(w) for w in words}


# --- word_forms ---------------------------------------------------------------------------------------------------

# A word as written, its forms exactly (normalised: ة -> ه, أ -> ا, ى -> ي).
#   case                                   word          options                          forms
EXACT = [
    ("conjunction on a preposition", "وفي", {}, n("وفي", "في")),
    ("one letter would remain", "فر", {}, n("فر")),
    ("preposition on a noun", "بمدينة", {}, n("بمدينة", "مدينة")),
    ("too short for a clitic", "بل", {}, n("بل")),
    ("lam needs three letters after it", "لكن", {}, n("لكن")),
    ("lam with three letters after it", "لقطع", {}, n("لقطع", "قطع")),
    ("a clitic on a number", "و5", {}, n("و5", "5")),
    ("a clitic on an Arabic-Indic number", "و٥", {}, n("و5", "5")),
    ("only one proclitic comes off", "وبالموصل", {}, n("وبالموصل", "بالموصل")),
    ("no proclitic", "قصف", {}, n("قصف")),
    ("article only when asked", "بالخروج", {}, n("بالخروج", "الخروج")),
    ("article after a proclitic", "بالخروج", {"article": True}, n("بالخروج", "الخروج", "خروج")),
    ("article on the word itself", "الموصل", {"article": True}, n("الموصل", "موصل")),
    ("article needs three letters after it", "الحي", {"article": True}, n("الحي")),
    ("endings only when asked", "انسحبوا", {}, n("انسحبوا")),
    ("a verb ending", "انسحبوا", {"endings": True}, n("انسحبوا", "انسحبو", "انسحب")),
    ("an ending needs three letters left", "قالوا", {"endings": True}, n("قالوا", "قالو", "قال")),
    (
        "endings after a proclitic",
        "وانسحبوا",
        {"endings": True},
        n("وانسحبوا", "وانسحبو", "وانسحب", "انسحبوا", "انسحبو", "انسحب"),
    ),
]


@pytest.mark.parametrize(("word", "options", "expected"), [r[1:] for r in EXACT], ids=[r[0] for r in EXACT])
def test_word_forms(word: str, options: dict[str, bool], expected: set[str]) -> None:
    assert forms(word, **options) == expected


# Words that must (or must not) have a reading, Arabic beside its English counterpart, which
# has only itself whatever the options: English has no clitics ("wall", "fall", "ball" and
# "lost" start with the Latin letters of و ف ب ل).
#   Arabic word     an Arabic reading it has     English word    options
READINGS = [
    ("وفي", "في", "with", {}),
    ("بمدينة", "مدينة", "wall", {}),
    ("و5", "5", "w5", {}),
    ("بالخروج", "خروج", "ballroom", {"article": True}),
    ("انسحبوا", "انسحب", "withdrew", {"endings": True}),
    ("فانسحبوا", "انسحب", "falls", {"article": True, "endings": True}),
    ("للسيطرة", "لسيطرة", "lost", {"article": True, "endings": True}),
]


@pytest.mark.parametrize(
    ("arabic", "reading", "options"), [(r[0], r[1], r[3]) for r in READINGS], ids=[r[0] for r in READINGS]
)
def test_arabic_word_has_the_reading(arabic: str, reading: str, options: dict[str, bool]) -> None:
    assert normalize_name(reading) in forms(arabic, **options)


@pytest.mark.parametrize(("english", "options"), [(r[2], r[3]) for r in READINGS], ids=[r[2] for r in READINGS])
def test_english_word_has_only_itself(english: str, options: dict[str, bool]) -> None:
    assert forms(english, **options) == {normalize_name(english)}
    assert forms(english, article=True, endings=True) == {normalize_name(english)}


@given(st.text(st.sampled_from("وفبلكالموصلرقهحسنيتا5"), min_size=1, max_size=9), st.booleans(), st.booleans())
def test_every_form_is_the_word_or_a_part_of_it(word: str, article: bool, endings: bool) -> None:
    found = word_forms(word, article=article, endings=endings)
    assert word in found
    assert all(f and f in word for f in found)
    assert word_forms(word) <= found  # options only ever add readings


@given(st.text(st.characters(categories=["Ll", "Lu", "Nd"], max_codepoint=0x24F), min_size=1, max_size=12))
def test_latin_words_have_only_themselves(word: str) -> None:
    key = normalize_name(word)
    if key:
        assert word_forms(key, article=True, endings=True) == {key}


# --- proclitic, proclitic_allowed ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "clitic"),
    [("لقطع", "ل"), ("قطع", ""), ("وفي", "و"), ("فر", ""), ("بمدينه", "ب"), ("بل", ""), ("و5", "و"), ("", "")],
)
def test_proclitic(word: str, clitic: str) -> None:
    assert proclitic(word) == clitic


#   prefix   before a name   before a contracted article ("للموصل" = ل + الموصل)
PREFIXES = [
    ("و", True, False),
    ("ب", True, False),
    ("ل", True, True),
    ("وب", True, False),
    ("فب", True, False),
    ("لل", True, False),
    ("ولل", True, False),
    ("ول", True, True),
    ("فل", True, True),
    ("وف", False, False),
    ("بب", False, False),
    ("", False, False),
    ("w", False, False),
]


@pytest.mark.parametrize(("prefix", "plain", "contracted"), PREFIXES, ids=[r[0] or "empty" for r in PREFIXES])
def test_proclitic_allowed(prefix: str, plain: bool, contracted: bool) -> None:
    assert proclitic_allowed(prefix) is plain
    assert proclitic_allowed(prefix, contracted_article=True) is contracted


# --- the one place: no other module strips a clitic by hand ------------------------------------------------------

# A slice dropping a word's first letter, e.g. `tok[1:]`, `word[1:]`, `w[1:]`.
_DROP_FIRST = re.compile(r"\b\w+\[1:\]")
# A test on Arabic letters: `in "وف"`, `in ("و", "ف")`, `startswith("و")`, `startswith(("ب", "ل"))`.
_ARABIC_TEST = re.compile(r"""(?:\bin\s+|startswith\(\s*)[(\[{]?\s*["'][\u0600-\u06FF]""")
# The article tested for and then cut off: `startswith("ال")` beside `[2:]` or `[len(...):]`.
_ARTICLE_TEST = re.compile(r"""startswith\(\s*["']ال["']""")
_CUT_TWO = re.compile(r"\[\s*(?:2|len\([^]]*\))\s*:\s*\]")
_NEAR = 2  # lines either side that count as "next to"

# Code that matches the patterns but reads no clitic, each with why.
EXEMPT = {
    ("geodata/names.py", "lam_contracted"): (
        "spells an index key as written after the preposition lam (ال -> ل, for 'للموصل'); it adds a key to "
        "the ground floor's phrase index, which cannot ask extract, and reads no clitic off a word"
    ),
}


def clitic_cuts(source: str) -> list[int]:
    """Line numbers (1-based) where a proclitic or the article is cut off by hand.

    Deliberately simple, line-based: a line is flagged when a slice dropping the first
    letter (`tok[1:]`) stands within two lines of a test on Arabic letters (`in "وف"`,
    `startswith("ب")`), or `startswith("ال")` within two lines of a slice that cuts two
    letters (`[2:]`, `[len(article):]`). `extract/wordforms.py` reads its letters from
    data, so even it does not match; anything that does match is a second, hand-written
    clitic reader that `word_forms` should replace."""
    lines = source.splitlines()
    hits = []
    for i, line in enumerate(lines):
        near = "\n".join(lines[max(0, i - _NEAR) : i + _NEAR + 1])
        if (_DROP_FIRST.search(line) and _ARABIC_TEST.search(near)) or (
            _ARTICLE_TEST.search(line) and _CUT_TWO.search(near)
        ):
            hits.append(i + 1)
    return hits


def _function_at(tree: ast.Module, line: int) -> str:
    """The innermost function holding a line ("" at module level)."""
    holding = [
        node
        for node in ast.walk(tree)
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.lineno <= line <= (node.end_lineno or 0)
    ]
    return min(holding, key=lambda f: (f.end_lineno or 0) - f.lineno).name if holding else ""


# Hand-written clitic readers (flagged) beside code that only looks alike (not flagged).
#   case                             source                                                      flagged
SNIPPETS = [
    ("waw/fa cut", 'rest = tok[1:] if tok[0] in "وف" else tok', True),
    ("letters in a tuple", 'if w[:1] in ("و", "ف", "ب", "ل"):\n    w = w[1:]', True),
    ("four letters", 'stem = word[1:] if word and word[0] in "وفبل" else word', True),
    ("startswith a letter", 'if tok.startswith("ب"):\n    tok = tok[1:]', True),
    ("test two lines above", 'if token[0] in "بولف":\n    x = 1\n    token = token[1:]', True),
    ("article cut", 'name = name[2:] if name.startswith("ال") else name', True),
    ("article cut by its length", 'if k.startswith("ال"):\n    k = k[len("ال"):]', True),
    ("list tail, no Arabic test", "rest = via[1:]", False),
    ("capitals test", "any(w[0].isupper() for w in words[1:])", False),
    ("choosing a name with the article", 'name_ar = next((n for n in alts if n.startswith("ال")), "")', False),
    ("Latin letters", 'x = w[1:] if w[0] in "wf" else w', False),
    ("far apart", 'a = tok[1:]\n\n\n\n\nb = c in "وف"', False),
]


@pytest.mark.parametrize(("source", "flagged"), [r[1:] for r in SNIPPETS], ids=[r[0] for r in SNIPPETS])
def test_the_check_flags_hand_written_clitic_readers(source: str, flagged: bool) -> None:
    assert bool(clitic_cuts(source)) is flagged


def test_the_check_flags_a_reader_planted_in_a_real_module() -> None:
    planted = (ROOT / "extract" / "events.py").read_text(encoding="utf-8")
    planted += '\n\ndef _strip(tok: str) -> str:\n    return tok[1:] if tok[0] in "وف" else tok\n'
    hits = clitic_cuts(planted)
    assert [_function_at(ast.parse(planted), line) for line in hits] == ["_strip"]


def test_only_wordforms_strips_proclitics_or_the_article() -> None:
    offenders = []
    for pkg in PACKAGES:
        for path in sorted((ROOT / pkg).rglob("*.py")):
            rel = path.relative_to(ROOT).as_posix()
            if rel == THE_ONE_PLACE:
                continue
            source = path.read_text(encoding="utf-8")
            tree = ast.parse(source)
            lines = source.splitlines()
            for line in clitic_cuts(source):
                if (rel, _function_at(tree, line)) not in EXEMPT:
                    offenders.append(f"{rel}:{line}: {lines[line - 1].strip()}")
    assert not offenders, "clitics read outside extract/wordforms.py (use word_forms):\n" + "\n".join(offenders)


def test_the_exemptions_are_still_needed() -> None:
    """An exemption whose code no longer matches is stale: remove it."""
    for rel, function in EXEMPT:
        source = (ROOT / rel).read_text(encoding="utf-8")
        tree = ast.parse(source)
        assert function in {_function_at(tree, line) for line in clitic_cuts(source)}, (rel, function)


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("سيطرتها", True),
        ("سيطرته", True),
        ("دخولهم", True),
        ("سيطرة", False),  # a taa marbuta is no pronoun, though it normalises to ه
        ("منه", False),  # too short to be a noun with a pronoun
        ("control", False),
    ],
)
def test_owned_by_a_pronoun(written: str, expected: bool) -> None:
    assert owned(written) is expected
