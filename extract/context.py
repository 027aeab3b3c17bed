"""Context rules that tell a place name from the same letters used otherwise.

The words themselves (cues, titles, first names, homographs, clitics) live in
`data/context.json`; this module only applies them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from extract.datafiles import load_json
from extract.wordforms import word_forms
from geodata.names import NormText, normalize_name

_WORDS = re.compile(r"[^\W\d_]+")
_SENTENCE_END = '.!?:;\n"«»“”()[]|•–—-'


@dataclass(frozen=True)
class Rules:
    cues: frozenset[str]
    strong_cues: frozenset[str]
    titles: frozenset[str]
    first_names: frozenset[str]
    common_words: frozenset[str]
    homographs: dict[str, str]
    articles: frozenset[str]
    actor_verbs: frozenset[str]
    actor_heads: frozenset[str]
    list_intros: frozenset[str]
    before_place: frozenset[str]
    place_words_after: frozenset[str]
    seat_words_after: frozenset[str]  # "London-based": where an organisation sits, not a place of the story
    homograph_followers: frozenset[str]
    locatives: frozenset[str]  # "in Iraq": a country after them is a place, not an actor
    joiners: frozenset[str]  # as written between two coordinated names: ",", "and", "و"
    conjunctions: frozenset[str]
    genitive: frozenset[str]  # "the town of Hit"
    list_articles: frozenset[str]


def _norm_set(words: list[str]) -> frozenset[str]:
    return frozenset(normalize_name(w) for w in words if normalize_name(w))


def _both(d: dict[str, list[str]]) -> frozenset[str]:
    return _norm_set(d.get("ar", []) + d.get("en", []))


@cache
def rules() -> Rules:
    """The context word lists, normalised like the text they are compared to."""
    raw = load_json("context.json")
    homo = {**raw["homographs"]["ar"], **raw["homographs"]["en"]}
    return Rules(
        cues=_both(raw["place_cues"]),
        strong_cues=_both(raw["strong_place_cues"]),
        titles=_both(raw["person_titles"]),
        first_names=_both(raw["first_names"]),
        common_words=_norm_set(raw["common_words_en"]),
        homographs={normalize_name(k): v for k, v in homo.items() if not k.startswith("_")},
        articles=_norm_set(raw["name_articles"]),
        actor_verbs=_norm_set(raw["country_as_actor"]["verbs_after_en"]),
        actor_heads=_norm_set(raw["country_as_actor"]["heads_before_of_en"]),
        list_intros=_norm_set(raw["country_as_actor"]["list_intros_en"]),
        before_place=_norm_set(raw["capitalised_before_place_en"]) | _both(raw["place_cues"]),
        place_words_after=_both(raw["place_words_after"]),
        seat_words_after=_norm_set(raw["seat_words_after_en"]),
        homograph_followers=_both(raw["homograph_followers"]),
        locatives=_norm_set(raw["locatives_en"]),
        joiners=frozenset(raw["joiners"]),
        conjunctions=_norm_set(raw["conjunctions"]),
        genitive=_norm_set(raw["genitive_en"]),
        list_articles=_norm_set(raw["list_articles_en"]),
    )


def token(nt: NormText, i: int) -> str:
    """The normalised token i ("" outside the text)."""
    if i < 0 or i >= len(nt.tokens):
        return ""
    return nt.tokens[i]


def is_capitalised(surface: str) -> bool:
    """A Latin surface is written as a name: its one word capitalised, or, for
    several words, some word after a lowercase direction ("northern Iraq")."""
    words = [w for w in _WORDS.findall(surface) if w.lower() not in rules().articles]
    if not words:
        return False
    return words[0][0].isupper() or (len(words) > 1 and any(w[0].isupper() for w in words[1:]))


def sentence_initial(text: str, start: int) -> bool:
    """Nothing but punctuation or a line start between the previous sentence and here."""
    i = start - 1
    while i >= 0 and text[i] in " \t'\"‘“«(":
        i -= 1
    return i < 0 or text[i] in _SENTENCE_END


def title_case_line(text: str, start: int) -> bool:
    """Whether the line holding `start` is a headline in Title Case or CAPS."""
    ls = text.rfind("\n", 0, start) + 1
    le = text.find("\n", start)
    line = text[ls : le if le >= 0 else len(text)]
    words = [w for w in _WORDS.findall(line) if len(w) > 3]
    if len(words) < 3:
        return False
    return sum(w[0].isupper() for w in words) / len(words) >= 0.75


def cue_before(nt: NormText, tok_first: int, *, strong: bool) -> bool:
    """A place cue (in, near, town of, مدينة, باتجاه ...) just before the name."""
    r = rules()
    want = r.strong_cues if strong else r.cues
    prev = token(nt, tok_first - 1)
    if word_forms(prev) & want:
        return True
    # "the town of Hit", "the city of al-Bab"
    return prev in r.genitive and token(nt, tok_first - 2) in want
