"""A small phrase index (actors, trigger words) on the gazetteer's matcher.

Phrases are normalised like place names and found with the same one-pass
automaton, Arabic proclitics and longest-match rule (`geodata.match`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import ahocorasick

from geodata.gazetteer import VARIANT
from geodata.match import Mention, find_mentions
from geodata.normalize import NormText, is_arabic, normalize_name, normalize_text


@dataclass
class Lexicon:
    """Normalised phrases -> payload ids, matched like gazetteer names."""

    keys: list[str]
    cands: list[tuple[int, ...]]
    automaton: ahocorasick.Automaton
    acronyms: frozenset[int] = frozenset()

    @classmethod
    def build(cls, phrases: Iterable[tuple[str, int]]) -> Lexicon:
        key_map: dict[str, set[int]] = {}
        caps: set[str] = set()
        cased: set[str] = set()
        for phrase, payload in phrases:
            key = normalize_name(phrase)
            if key:
                key_map.setdefault(key, set()).add(payload)
                (caps if phrase.isupper() and not is_arabic(phrase) else cased).add(key)
        keys = sorted(key_map)
        auto = ahocorasick.Automaton()
        for i, k in enumerate(keys):
            auto.add_word(k + " ", i * 2)
            if k.startswith("ال") and "ل" + k[2:] not in key_map:
                auto.add_word("ل" + k[2:] + " ", i * 2 + VARIANT)
        if keys:
            auto.make_automaton()
        acronyms = frozenset(i for i, k in enumerate(keys) if k in caps and k not in cased)
        return cls(keys, [tuple(sorted(key_map[k])) for k in keys], auto, acronyms)

    def find(self, text: str, nt: NormText | None = None) -> list[Mention]:
        """Longest, non-overlapping matches; acronyms only where written in capitals."""
        if not self.keys:
            return []
        nt = nt or normalize_text(text)
        return [m for m in find_mentions(self, nt, text)  # type: ignore[arg-type]
                if m.key_index not in self.acronyms or text[m.start:m.end].isupper()]

    def payloads(self, m: Mention) -> tuple[int, ...]:
        return self.cands[m.key_index]
