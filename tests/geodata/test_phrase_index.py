"""geodata/phrase_index.py: sorted keys, merged payloads, acronyms only when always in capitals,
the Arabic lam-contracted variant ("للموصل"), and an index that survives pickling."""

from __future__ import annotations

import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

from geodata.names import lam_contracted, normalize_name
from geodata.phrase_index import VARIANT, PhraseIndex, build_index

MISSING = object()


def _value(index: PhraseIndex, phrase: str) -> object:
    """The automaton's value for a phrase as stored (with its trailing space), MISSING when absent."""
    return index.automaton.get(phrase + " ", MISSING)


def _found(index: PhraseIndex, norm_text: str) -> list[tuple[int, int]]:
    """(end offset, value) of every match in a normalised text (which starts and ends with a space)."""
    return sorted(index.automaton.iter(norm_text)) if index.keys else []


# Keys as the gazetteer gives them, Arabic and English side by side.
#   Arabic name        English name
NAMES = [
    ("الموصل", "Mosul"),
    ("الرقة", "Raqqa"),
    ("دير الزور", "Deir ez-Zor"),
    ("تل أبيض", "Tal Abyad"),
]


def test_keys_are_sorted_and_payloads_of_equal_keys_merged() -> None:
    entries = [(normalize_name(n), i, False) for i, pair in enumerate(NAMES) for n in pair]
    entries += [(normalize_name("الموصل"), 9, False), (normalize_name("Mosul"), 9, False), ("mosul", 0, False)]
    index = build_index(entries)
    assert index.keys == sorted({k for k, _, _ in entries})
    assert index.lookup(normalize_name("الموصل")) == (0, 9)
    assert index.lookup("mosul") == (0, 9)  # the same payload twice is kept once
    assert index.lookup(normalize_name("Tal Abyad")) == (3,)
    assert index.lookup("no such key") == ()
    assert all(index.key_index[k] == i for i, k in enumerate(index.keys))


def test_payloads_of_a_key_are_sorted() -> None:
    index = build_index([("raqa", 7, False), ("raqa", 2, False), ("raqa", -1, None), ("raqa", 5, True)])
    assert index.lookup("raqa") == (-1, 2, 5, 7)


def test_empty_keys_are_skipped() -> None:
    index = build_index([("", 1, True), ("mosul", 2, False), ("", 3, None)])
    assert index.keys == ["mosul"]
    assert _value(index, "") is MISSING
    assert index.acronyms == frozenset()


def test_nothing_to_index_gives_an_empty_index() -> None:
    index = build_index([("", 1, False)])
    assert (index.keys, index.payloads, index.acronyms) == ([], [], frozenset())
    assert index.lookup("mosul") == ()


def test_every_key_is_found_at_a_word_boundary_with_its_index() -> None:
    index = build_index([("raqa", 0, False), ("mosul", 1, False), ("dir alzur", 2, False)])
    i_raqa, i_mosul, i_dir = (index.key_index[k] for k in ("raqa", "mosul", "dir alzur"))
    text = " from raqa to mosul via dir alzur and raqaa "
    assert [v for _, v in _found(index, text)] == [i_raqa * 2, i_mosul * 2, i_dir * 2]  # not the "raqa" of "raqaa"


# --- acronyms -----------------------------------------------------------------------------------------------------

#   case                                   entries for the key "uae"                                acronym?
ACRONYMS = [
    ("always in capitals", [("uae", 1, True)], True),
    ("capitals twice", [("uae", 1, True), ("uae", 2, True)], True),
    ("once in capitals, once not", [("uae", 1, True), ("uae", 2, False)], False),
    ("never in capitals", [("uae", 1, False)], False),
    ("capitals and a None flag", [("uae", 1, True), ("uae", -1, None)], True),
    ("a None flag and capitals", [("uae", -1, None), ("uae", 1, True)], True),
    ("a None flag alone", [("uae", -1, None)], False),
    ("lower case and a None flag", [("uae", 1, False), ("uae", -1, None)], False),
]


@pytest.mark.parametrize(("entries", "acronym"), [row[1:] for row in ACRONYMS], ids=[row[0] for row in ACRONYMS])
def test_acronym_only_when_every_spelling_was_in_capitals(entries: list, acronym: bool) -> None:
    index = build_index([*entries, ("mosul", 5, False), ("is", 6, True)])
    assert (index.key_index["uae"] in index.acronyms) is acronym
    assert index.key_index["is"] in index.acronyms
    assert index.key_index["mosul"] not in index.acronyms


# --- the lam-contracted variant -----------------------------------------------------------------------------------

#   Arabic key with the article    its contracted form (after the preposition lam: "للموصل")
CONTRACTED = [
    ("الموصل", "لموصل"),
    ("الرقه", "لرقه"),
    ("الحسكه", "لحسكه"),
    ("دير الزور", ""),  # the article is not at the start of the key
    ("ادلب", ""),
]


@pytest.mark.parametrize(("key", "variant"), CONTRACTED)
def test_lam_contracted(key: str, variant: str) -> None:
    assert lam_contracted(key) == variant


@pytest.mark.parametrize("key", ["alraqa", "al mosul", "aleppo"])
def test_latin_keys_have_no_contracted_form(key: str) -> None:
    assert lam_contracted(key) == ""


def test_an_arabic_key_with_the_article_gets_its_contracted_variant() -> None:
    index = build_index([("الموصل", 1, False), ("الرقه", 2, False), ("mosul", 1, False), ("دير الزور", 3, False)])
    for key in ("الموصل", "الرقه"):
        i = index.key_index[key]
        assert _value(index, key) == i * 2
        assert _value(index, lam_contracted(key)) == i * 2 + VARIANT == i * 2 + 1
    assert _value(index, "لموصل") != _value(index, "لرقه")
    # keys without an article at their start, and Latin keys, get no variant
    assert sorted(v for _, v in index.automaton.items()) == sorted(
        [*(i * 2 for i in range(len(index.keys))), index.key_index["الموصل"] * 2 + 1, index.key_index["الرقه"] * 2 + 1]
    )
    # "للموصل" is normalised as one token: the variant is found in it, after its first lam
    assert [v for _, v in _found(index, " وصلوا للموصل ")] == [index.key_index["الموصل"] * 2 + 1]


def test_no_variant_when_the_contracted_form_is_itself_a_key() -> None:
    index = build_index([("الموصل", 1, False), ("لموصل", 2, False)])
    own = index.key_index["لموصل"]
    assert _value(index, "لموصل") == own * 2  # the key's own value, not the variant of "الموصل"
    assert index.lookup("لموصل") == (2,)
    assert not any(v % 2 == VARIANT for _, v in index.automaton.items())


# --- pickling -----------------------------------------------------------------------------------------------------


def _sample_index() -> PhraseIndex:
    entries = [(normalize_name(n), i, n.isupper()) for i, pair in enumerate(NAMES) for n in pair]
    return build_index([*entries, ("uae", 9, True), (normalize_name("الإمارات"), 9, False)])


def test_pickling_round_trips() -> None:
    index = _sample_index()
    back = pickle.loads(pickle.dumps(index, protocol=pickle.HIGHEST_PROTOCOL))
    assert back.keys == index.keys
    assert back.payloads == index.payloads
    assert back.acronyms == index.acronyms == frozenset({index.key_index["uae"]})
    assert back.key_index == index.key_index
    for key in index.keys:
        assert back.lookup(key) == index.lookup(key)
    text = " من الموصل الي لرقه عبر دير الزور from mosul to uae "
    assert _found(back, text) == _found(index, text)
    at = back.key_index
    assert {v for _, v in _found(back, text)} == {
        at["الموصل"] * 2,
        at["الموصل"] * 2 + VARIANT,  # the automaton also sees "لموصل " inside "الموصل": the matcher decides
        at["الرقه"] * 2 + VARIANT,
        at["دير الزور"] * 2,
        at["mosul"] * 2,
        at["uae"] * 2,
    }


@given(
    st.lists(
        st.tuples(
            st.text(st.sampled_from("المصرقهوب mosuraq"), max_size=8),
            st.integers(-1, 50),
            st.sampled_from([True, False, None]),
        ),
        max_size=30,
    )
)
def test_index_holds_every_non_empty_key_with_all_its_payloads(entries: list[tuple[str, int, bool | None]]) -> None:
    index = build_index(entries)
    expected: dict[str, set[int]] = {}
    for key, payload, _ in entries:
        if key:
            expected.setdefault(key, set()).add(payload)
    assert index.keys == sorted(expected)
    for key, payloads in expected.items():
        assert index.lookup(key) == tuple(sorted(payloads))
        assert _value(index, key) == index.key_index[key] * 2
    flags = {k: {c for kk, _, c in entries if kk == k} for k in expected}
    assert {index.keys[i] for i in index.acronyms} == {k for k, f in flags.items() if True in f and False not in f}
    back = pickle.loads(pickle.dumps(index))
    assert back.keys == index.keys
    assert [back.lookup(k) for k in back.keys] == [index.lookup(k) for k in index.keys]
