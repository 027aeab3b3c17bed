"""geodata/errors.py: one formatter for every problem, location kept as fields, and
`located` filling in only what an error does not already say."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from geodata.errors import GazetteerError, InputError, KhareetaError, Problem, StoreError, describe

REASON = 'the "text" field is missing or not a string.'
REASON_AR = "المقال فارغ؛ ضع نص المقال فيه."

# How a problem is located, and the line the user reads. Arabic and English reasons alike.
#   case                    problem                                                      the user's line
DESCRIBED = [
    ("file, line and id", Problem(REASON, "feed.jsonl", 3, "a7"), f"feed.jsonl:3 (id a7): {REASON}"),
    ("file and line", Problem(REASON, "feed.jsonl", 3), f"feed.jsonl:3: {REASON}"),
    ("file alone", Problem("no such file.", "file.txt"), "file.txt: no such file."),
    ("line 0 is a line", Problem(REASON, "feed.jsonl", 0), f"feed.jsonl:0: {REASON}"),
    ("id alone", Problem(REASON, item="a7"), f"id a7: {REASON}"),
    ("reason alone", Problem(REASON), REASON),
    ("arabic reason, file", Problem(REASON_AR, "الموصل.txt"), f"الموصل.txt: {REASON_AR}"),
    ("arabic id", Problem(REASON_AR, "feed.jsonl", 7, "خبر-٧"), f"feed.jsonl:7 (id خبر-٧): {REASON_AR}"),
    ("arabic reason alone", Problem(REASON_AR), REASON_AR),
]


@pytest.mark.parametrize(("problem", "line"), [row[1:] for row in DESCRIBED], ids=[row[0] for row in DESCRIBED])
def test_describe(problem: Problem, line: str) -> None:
    assert describe(problem) == line
    assert str(problem) == line


@pytest.mark.parametrize(
    ("problem", "where"),
    [
        (Problem(REASON, "feed.jsonl", 3, "a7"), "feed.jsonl:3 (id a7)"),
        (Problem(REASON, "article.txt"), "article.txt"),
        (Problem(REASON, "<stdin>", 12), "<stdin>:12"),
        (Problem(REASON, item="a7"), "id a7"),
        (Problem(REASON), ""),
    ],
)
def test_where(problem: Problem, where: str) -> None:
    assert problem.where() == where


@pytest.mark.parametrize(
    ("item", "shown"),
    [
        ("a\nb", repr("a\nb")),  # a line break would split the user's line
        ("tab\there", repr("tab\there")),
        ("\x00\x1b[31m", repr("\x00\x1b[31m")),  # control characters, a terminal escape
        ("x" * 61, repr("x" * 60)),  # too long: cut to 60 characters
        ("ب" * 80, repr("ب" * 60)),
        ("x" * 60, "x" * 60),  # 60 printable characters are shown as they are
    ],
    ids=["line-break", "tab", "control", "long-latin", "long-arabic", "sixty"],
)
def test_a_non_printable_or_long_id_is_shown_with_repr_and_cut_to_60(item: str, shown: str) -> None:
    assert Problem(REASON, "feed.jsonl", 3, item).where() == f"feed.jsonl:3 (id {shown})"
    assert Problem(REASON, item=item).where() == f"id {shown}"


@given(st.text(max_size=200))
def test_the_user_line_never_breaks_and_never_shows_more_than_60_characters_of_an_id(item: str) -> None:
    where = Problem(REASON, "feed.jsonl", 3, item).where()
    assert where.splitlines() == [where]  # no line break of any kind (\n, \r, \u2028, \x85...)
    assert len(where) <= len("feed.jsonl:3 (id )") + len(repr(item[:60]))


# --- KhareetaError ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("cls", [KhareetaError, InputError, GazetteerError, StoreError])
def test_an_error_keeps_its_fields_and_reads_as_its_problem(cls: type[KhareetaError]) -> None:
    exc = cls(REASON, source="feed.jsonl", line=3, item="a7")
    assert exc.problem == Problem(REASON, "feed.jsonl", 3, "a7")
    assert str(exc) == describe(exc.problem) == f"feed.jsonl:3 (id a7): {REASON}"


def test_an_error_without_a_location_is_its_reason() -> None:
    exc = InputError(REASON_AR)
    assert exc.problem == Problem(REASON_AR)
    assert str(exc) == REASON_AR


def test_input_error_is_also_a_value_error() -> None:
    with pytest.raises(ValueError, match="no such file"):
        raise InputError("no such file.", source="file.txt")


def test_from_problem_round_trips() -> None:
    p = Problem(REASON, "feed.jsonl", 3, "a7")
    exc = StoreError.from_problem(p)
    assert type(exc) is StoreError
    assert exc.problem == p


# --- located ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given_", "located", "expected"),
    [
        # nothing known: everything filled in
        ({}, {"source": "feed.jsonl", "line": 3, "item": "a7"}, Problem(REASON, "feed.jsonl", 3, "a7")),
        # a source already known is kept; the missing line and id are filled in
        (
            {"source": "inner.txt"},
            {"source": "feed.jsonl", "line": 3, "item": "a7"},
            Problem(REASON, "inner.txt", 3, "a7"),
        ),
        # a line already known (even line 0) is kept
        ({"line": 0}, {"source": "feed.jsonl", "line": 3}, Problem(REASON, "feed.jsonl", 0)),
        # an id already known is kept
        ({"item": "b2"}, {"item": "a7"}, Problem(REASON, item="b2")),
        # nothing given: nothing changes
        ({"source": "feed.jsonl", "line": 3}, {}, Problem(REASON, "feed.jsonl", 3)),
    ],
    ids=["fills-all", "keeps-source", "keeps-line-0", "keeps-item", "no-op"],
)
def test_located_fills_only_missing_fields(given_: dict, located: dict, expected: Problem) -> None:
    exc = InputError(REASON, **given_).located(**located)
    assert exc.problem == expected
    assert str(exc) == describe(expected)


@pytest.mark.parametrize("cls", [KhareetaError, InputError, GazetteerError, StoreError])
def test_located_keeps_the_subclass(cls: type[KhareetaError]) -> None:
    exc = cls(REASON_AR).located(source="الموصل.txt")
    assert type(exc) is cls
    assert str(exc) == f"الموصل.txt: {REASON_AR}"


def test_located_input_error_is_still_caught_as_value_error() -> None:
    with pytest.raises(ValueError) as info:
        raise InputError(REASON).located(source="feed.jsonl", line=3)
    assert isinstance(info.value, InputError)
    assert str(info.value) == f"feed.jsonl:3: {REASON}"


def test_located_leaves_the_original_alone() -> None:
    exc = InputError(REASON)
    exc.located(source="feed.jsonl")
    assert exc.problem == Problem(REASON)
