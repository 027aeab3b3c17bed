"""The words of data/admin_context.json that put a place inside a unit or mark a name as a place's
(connectors, heads, near words), normalised once, and the test of tokens against them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from extract.context import rules
from extract.datafiles import load_json
from extract.lexicons import cue_union
from extract.numbers import number_at
from extract.wordforms import word_forms
from geodata.names import NormText, is_arabic, normalize_name


@dataclass(frozen=True)
class Words:
    connectors: frozenset[str]
    widen: frozenset[str]
    heads_before: frozenset[str]
    heads_after: frozenset[str]
    not_names: frozenset[str]
    near: frozenset[str]
    quarter_heads: frozenset[str]
    appositives: frozenset[str]
    joined_conjunctions: frozenset[str]
    not_joined: tuple[str, ...]  # how words that open with a conjunction's letter begin ("واد": وادي)
    name_prepositions: frozenset[str]  # written onto a common word, they end a name: "قرية X بعدة غارات"
    rare_name_heads: frozenset[str]  # "محور كبانة": heads whose names are rare words (not "محور المقاومة")
    unit_heads: frozenset[str]  # "ناحية X", "X district": the unit, not the town it is named after
    settlement_heads: frozenset[str]  # "قرية X", "the village of X": a sub-district's seat, not the unit
    list_openers: frozenset[str]  # "struck X, Y and Z": a list of places, like one after "in"
    town_parts: frozenset[str]  # "the X district of Aleppo": a quarter, when no unit follows
    quarter_list_heads: frozenset[
        str
    ]  # "the districts of X and Y", "X and Y areas": with quarter_heads, a list of quarters
    nearby: frozenset[str]  # "X and the nearby villages of Y and Z": villages near the town X
    shared_countryside: frozenset[str]  # "ريفي حماة وإدلب", "the countrysides of Hama and Idlib"
    countryside_of: dict[str, str]  # by language: the singular a shared head stands for ("ريف {}")
    toward: dict[str, Any]  # Arabic direction words, units of distance and the farthest distance (`extract.toward`)


def any_word(nt: NormText, toks: Iterable[int], wanted: frozenset[str]) -> bool:
    """Whether one of these tokens (those inside the text) is, in one of its forms, a word of `wanted`."""
    return any(0 <= t < len(nt.tokens) and word_forms(nt.tokens[t]) & wanted for t in toks)


def opened_by(nt: NormText, last: int, heads: frozenset[str], reach: int) -> bool:
    """A head word of `heads` opens the name that ends at token `last`, up to `reach` tokens before it, with
    no word of a journey's way between ("حي X باتجاه عين عيسى": the quarter's head opens X, not Ain Issa)."""
    ways = cue_union("from_words", "to_words", "via_words")
    for t in range(last - 1, max(-1, last - reach - 1), -1):
        forms = word_forms(nt.tokens[t])
        if forms & heads:
            return True
        if forms & ways:
            return False
    return False


def _norm(words: list[str]) -> frozenset[str]:
    return frozenset(k for w in words if (k := normalize_name(w)))


@cache
def words() -> Words:
    raw = load_json("admin_context.json")

    def both(key: str) -> frozenset[str]:
        return _norm(raw[key]["en"] + raw[key]["ar"])

    return Words(
        both("connectors"),
        both("widen"),
        both("heads_before"),
        both("heads_after"),
        frozenset(raw["not_names_en"]),
        both("near"),
        both("quarter_heads"),
        both("appositives"),
        frozenset(raw["joined_conjunctions"]["ar"]),
        tuple(sorted(_norm(raw["not_joined"]["ar"]))),
        frozenset(raw["name_prepositions"]["ar"]),
        both("rare_name_heads"),
        both("unit_heads"),
        both("settlement_heads"),
        both("list_openers"),
        both("town_parts"),
        both("quarter_list_heads") | both("quarter_heads"),
        both("nearby"),
        both("shared_countryside"),
        dict(raw["countryside_of"]),
        dict(raw["toward"]),
    )


def connecting(nt: NormText, t: int) -> frozenset[str] | None:
    """The forms of token t when it may stand between a place and its unit: a connector word, or a number
    in digits or words ("X, some 30 km west of Y", "على بعد ثمانية كيلومترات"). None when it may not, and
    for an Arabic name's qualifier right after a word that is no connector: it closes that name
    ("بلدة الغارية الغربية بريف درعا")."""
    forms = word_forms(nt.tokens[t])
    if (
        t > 0
        and is_arabic(nt.tokens[t])
        and forms & rules().name_qualifiers
        and not word_forms(nt.tokens[t - 1]) & words().connectors
    ):
        return None
    return forms if forms & words().connectors or nt.tokens[t].isdigit() or number_at(nt, t) else None
