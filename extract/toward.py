"""A village said to lie in a direction from a provincial capital: "Al-Sahwah town east of Daraa", "قرية X
شمال حمص". It lies out in that capital's countryside toward the direction, not in the city: the unknown
village is placed at that countryside (`geodata.gazetteer.countrysides`, about where the nearer villages of
that countryside lie), still with geo_precision 2. A quarter of the town ("حي X شرقي حلب", "the X
neighbourhood in eastern Aleppo") stays in the town; so does every village of a town that has no such
countryside. The words: English direction words of data/countrysides.json followed by "of", the Arabic
ones of data/admin_context.json `toward`.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from extract.admin_words import words
from extract.datafiles import load_json
from extract.wordforms import word_forms
from geodata.gazetteer.countrysides import countryside_name, direction_words_en
from geodata.gazetteer.sources import GazEntry
from geodata.names import NormText, is_arabic, normalize_name

Lookup = Callable[[str], list[GazEntry]]
MAX_WORDS = 3  # of one direction ("north east of", "شمال شرقي")


@cache
def _directions() -> dict[str, str]:
    """Normalised direction phrase -> direction key, in both languages."""
    out = {normalize_name(w): key for w, key in direction_words_en().items()}
    for key, phrases in load_json("admin_context.json")["toward"]["ar"].items():
        out.update((normalize_name(p), key) for p in phrases)
    return out


def _direction(nt: NormText, first: int, last: int) -> str | None:
    """The direction the words first..last name toward the town after them: English words then "of"
    ("east of", "north-east of"), or Arabic ones right before the town ("شمال شرقي")."""
    table, tokens = _directions(), nt.tokens
    for a in range(first, last + 1):
        for b in range(min(last, a + MAX_WORDS - 1), a - 1, -1):
            key = table.get(" ".join(tokens[a : b + 1]))
            if key is None:
                continue
            if is_arabic(tokens[a]) and b == last:
                return key
            if not is_arabic(tokens[a]) and b + 1 <= last and tokens[b + 1] == "of":
                return key
    return None


def toward(
    nt: NormText, name_last: int, unit_first: int, target: tuple[GazEntry, str] | None, lookup: Lookup
) -> tuple[GazEntry, str] | None:
    """Where a village near the town `target` lies when the words between its name (ending at token
    `name_last`) and the town (from token `unit_first`) give a direction: the town's countryside that
    way, when the gazetteer has one; else the town itself."""
    if target is None or any(
        word_forms(nt.tokens[t]) & words().quarter_heads for t in range(max(0, name_last - 4), unit_first)
    ):
        return target
    key = _direction(nt, name_last + 1, unit_first - 1)
    name = countryside_name(target[0], key) if key else ""
    found = [e for e in lookup(name) if e.feature_type == "countryside"] if name else []
    return (found[0], target[1]) if found else target
