"""The one phrase index: normalised keys -> payloads, in one Aho-Corasick automaton.

The gazetteer's names and the language data's phrases (actors, triggers, cue
words, months) are indexed here alike; `extract.matching` finds them in a
text. A key is a normalised phrase (`geodata.names`); it is stored with a
trailing space, so a match ends at a word boundary. An Arabic key written with
the article also gets its contracted form after the preposition lam
(`names.lam_contracted`: "الموصل" -> "لموصل", as in "للموصل"), marked as a
variant: the matcher accepts it only after a lam clitic.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import ahocorasick

from geodata.names import lam_contracted

# Automaton values are key_index * 2 + VARIANT for the contracted "ل+ال -> لل" form.
VARIANT = 1


@dataclass
class PhraseIndex:
    """Normalised keys (sorted), the payloads of each key, and the automaton over them.

    `acronyms` holds the keys only ever written in capitals ("UAE", "IS"): a text
    must write them in capitals too."""

    keys: list[str]
    payloads: list[tuple[int, ...]]
    automaton: ahocorasick.Automaton
    acronyms: frozenset[int] = frozenset()

    def __post_init__(self) -> None:
        self.key_index = {k: i for i, k in enumerate(self.keys)}

    def __getstate__(self) -> tuple[list[str], list[tuple[int, ...]], ahocorasick.Automaton, frozenset[int]]:
        return self.keys, self.payloads, self.automaton, self.acronyms

    def __setstate__(
        self, state: tuple[list[str], list[tuple[int, ...]], ahocorasick.Automaton, frozenset[int]]
    ) -> None:
        self.keys, self.payloads, self.automaton, self.acronyms = state
        self.__post_init__()

    def lookup(self, key: str) -> tuple[int, ...]:
        """The payloads of an exact normalised key (empty when unknown)."""
        i = self.key_index.get(key)
        return () if i is None else self.payloads[i]


def build_index(entries: Iterable[tuple[str, int, bool | None]]) -> PhraseIndex:
    """Index (normalised key, payload, written in capitals) triples; empty keys are skipped.
    A capitals flag of None leaves the key's case alone (a phrase that blocks others)."""
    key_map: dict[str, set[int]] = {}
    caps: set[str] = set()
    cased: set[str] = set()
    for key, payload, capitals in entries:
        if key:
            key_map.setdefault(key, set()).add(payload)
            if capitals is not None:
                (caps if capitals else cased).add(key)
    keys = sorted(key_map)
    automaton = ahocorasick.Automaton()
    for i, k in enumerate(keys):
        automaton.add_word(k + " ", i * 2)
    for i, k in enumerate(keys):
        variant = lam_contracted(k)
        if variant and variant not in key_map:
            automaton.add_word(variant + " ", i * 2 + VARIANT)
    if keys:
        automaton.make_automaton()
    acronyms = frozenset(i for i, k in enumerate(keys) if k in caps and k not in cased)
    return PhraseIndex(keys, [tuple(sorted(key_map[k])) for k in keys], automaton, acronyms)


def merged_automaton(indexes: list[PhraseIndex]) -> ahocorasick.Automaton | None:
    """One automaton over the words of several indexes; a word's value is the tuple of
    (index number, its value in that index) of every index that holds it. None when all are empty."""
    table: dict[str, list[tuple[int, int]]] = {}
    for number, index in enumerate(indexes):
        if index.keys:
            for word, value in index.automaton.items():
                table.setdefault(word, []).append((number, value))
    if not table:
        return None
    automaton = ahocorasick.Automaton()
    for word, values in table.items():
        automaton.add_word(word, tuple(values))
    automaton.make_automaton()
    return automaton
