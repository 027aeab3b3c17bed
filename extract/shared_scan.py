"""One pass over a text for every lexicon of the language data.

Actors, triggers, cue phrases, months and road words are each a `matching.Lexicon`; read
one at a time, a short text was walked a dozen times. The lexicons built once per process
(`Lexicon.build`) register here; their automata are merged into one whose values name the
lexicon, and the first lexicon asked about a text has the merged automaton walk it once and
sort every hit to its lexicon (kept in `text_memo` for the rest of the text). A lexicon
registered after a text was walked reads that text on its own, as before.
"""

from __future__ import annotations

import threading
from typing import Any

from extract.text_memo import text_memo
from geodata.names import NormText
from geodata.phrase_index import PhraseIndex, merged_automaton

Hit = tuple[int, int]  # (end offset in the normalised text, the lexicon's own automaton value)

_lock = threading.Lock()
_indexes: list[PhraseIndex] = []
_merged: list[Any] = [None, 0]  # the merged automaton and how many indexes it covers


def register(index: PhraseIndex) -> int:
    """Add a lexicon's index to the shared pass; its number."""
    with _lock:
        _indexes.append(index)
        return len(_indexes) - 1


def hits(number: int, nt: NormText) -> list[Hit] | None:
    """The hits of lexicon `number` in the text, or None when it joined after the text was walked."""
    memo = text_memo(nt)
    got: tuple[int, dict[int, list[Hit]]] | None = memo.get("shared hits")
    if got is None:
        got = memo["shared hits"] = _walk(nt.norm)
    covered, found = got
    return found.get(number, []) if number < covered else None


def _walk(norm: str) -> tuple[int, dict[int, list[Hit]]]:
    automaton, covered = _automaton()
    found: dict[int, list[Hit]] = {}
    if automaton is not None:
        for end, values in automaton.iter(norm):
            for number, value in values:
                got = found.get(number)
                if got is None:
                    found[number] = [(end, value)]
                else:
                    got.append((end, value))
    return covered, found


def _automaton() -> tuple[Any, int]:
    with _lock:
        if _merged[1] < len(_indexes):
            _merged[:] = [merged_automaton(_indexes), len(_indexes)]
        return _merged[0], _merged[1]
