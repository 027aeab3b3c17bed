"""Word forms: the one place that reads Arabic clitics, from `data/clitics_ar.json`.

Arabic writes conjunctions and prepositions onto the next word (و ف ب ل:
"وفي", "بمدينة", "للسيطرة") and inflects verbs ("انسحبوا"). Every step that
compares a word of the text with a word list asks `word_forms` for the word's
readings; the matcher asks `proclitic_allowed` whether what stands before a
name inside a token may be written there. Latin words have no such forms.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache

from extract.datafiles import load_json


@dataclass(frozen=True, slots=True)
class _Clitics:
    proclitics: dict[str, int]  # letter -> letters that must remain after it
    article: str
    article_rest: int
    endings: tuple[str, ...]
    ending_rest: int
    before_names: frozenset[str]
    before_contracted_article: frozenset[str]
    pronoun_suffixes: tuple[str, ...]
    pronoun_rest: int


@cache
def _clitics() -> _Clitics:
    raw = load_json("clitics_ar.json")
    names = raw["before_names"]
    return _Clitics(
        proclitics={k: v for k, v in raw["proclitics"].items() if not k.startswith("_")},
        article=raw["article"],
        article_rest=raw["article_min_rest"],
        endings=tuple(raw["verb_endings"]),
        ending_rest=raw["verb_ending_min_rest"],
        before_names=frozenset(names["plain"]),
        before_contracted_article=frozenset(names["contracted_article"]),
        pronoun_suffixes=tuple(raw["pronoun_suffixes"]["suffixes"]),
        pronoun_rest=raw["pronoun_suffixes"]["min_rest"],
    )


def owned(written: str) -> bool:
    """An Arabic word as written ends with a possessive pronoun ("سيطرتها", "دخولهم"; not "سيطرة")."""
    c = _clitics()
    return any(written.endswith(s) and len(written) - len(s) >= c.pronoun_rest for s in c.pronoun_suffixes)


@lru_cache(maxsize=262_144)
def word_forms(word: str, *, article: bool = False, endings: bool = False) -> frozenset[str]:
    """A normalised word and its readings without one proclitic ("وفي" -> في, "بمدينة" -> مدينة, "و5" -> 5);
    with `article`, also without the article ("بالخروج" -> خروج); with `endings`, also without a verb
    ending ("انسحبوا" -> انسحب)."""
    c = _clitics()
    forms = {word}
    if proclitic(word):
        forms.add(word[1:])
    if article:
        forms |= {
            f[len(c.article) :]
            for f in list(forms)
            if f.startswith(c.article) and len(f) - len(c.article) >= c.article_rest
        }
    if endings:
        forms |= {
            f[: -len(e)] for f in list(forms) for e in c.endings if f.endswith(e) and len(f) - len(e) >= c.ending_rest
        }
    return frozenset(forms)


@dataclass(frozen=True, slots=True)
class _Members:
    """The words already looked at for one list: those that are its words, and those that are not."""

    want: frozenset[str]
    yes: set[str]
    no: set[str]


_MEMBERS: dict[tuple[str, bool, bool], _Members] = {}
TABLE_SIZE = 262_144  # words kept per list; a longer stream of new words starts it afresh


def words_of(
    words: Iterable[str], name: str, want: frozenset[str], *, article: bool = False, endings: bool = False
) -> set[str]:
    """Those of `words` that are words of the list `want` (named `name`; with clitics, and the article or
    verb endings when asked). News repeats its words: each is looked at once per list and process, and a
    text's words are sorted into the known ones by set operations."""
    key = (name, article, endings)
    got = _MEMBERS.get(key)
    if got is None or (got.want is not want and got.want != want) or len(got.yes) + len(got.no) > TABLE_SIZE:
        got = _MEMBERS[key] = _Members(want, set(), set())
    seen = words if isinstance(words, (set, frozenset)) else set(words)  # (a dict's keys minus a set walk the set)
    for w in seen - got.yes - got.no:
        (got.yes if not want.isdisjoint(word_forms(w, article=article, endings=endings)) else got.no).add(w)
    return set(seen & got.yes)


def proclitic(word: str) -> str:
    """The proclitic a word starts with ("ل" in "لقطع"), "" when it has none."""
    c = _clitics()
    need = c.proclitics.get(word[:1])
    return word[0] if need is not None and (len(word) - 1 >= need or word[1:].isdigit()) else ""


def proclitic_sets() -> tuple[frozenset[str], frozenset[str], int]:
    """What may be written onto a name (plain, after a contracted article) and the longest of it:
    `proclitic_allowed` for a loop over many matches."""
    c = _clitics()
    return c.before_names, c.before_contracted_article, _longest_prefix()


@cache
def _longest_prefix() -> int:
    c = _clitics()
    return max((len(p) for p in c.before_names | c.before_contracted_article), default=0)


def proclitic_allowed(prefix: str, *, contracted_article: bool = False) -> bool:
    """Whether `prefix` may be written onto a name ("وب" in "وبالموصل"); after a contracted
    article ("للموصل" = ل + الموصل) only a lam, alone or after a conjunction, may."""
    c = _clitics()
    return prefix in (c.before_contracted_article if contracted_article else c.before_names)


_POSSESSIVES = ("'s", "’s")


def owns_next(text: str, end: int, start: int) -> bool:
    """The name ending at `end` is the possessor of the one starting at `start` ("Syria's Quneitra province",
    "Daraa's Jassim"), its "'s" inside its span or between them."""
    gap = text[end:start]
    return (gap == " " and text[end - 2 : end] in _POSSESSIVES) or gap in ("'s ", "’s ")
