"""The one phrase-matching core, for gazetteer names, actors, triggers, cue phrases and months.

find -> filter: `find_matches` walks a `geodata.phrase_index.PhraseIndex`
over the normalised text in one pass and keeps the longest, non-overlapping
matches at word boundaries, with Arabic proclitics allowed before a key
(`wordforms.proclitic_allowed`); keys only ever written in capitals must be
written so in the text. What a match means (a place, an actor) is decided by
the step that asked (`places.py` then filters places by context).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

from extract.context import marked_as_place
from extract.shared_scan import Hit, hits, register
from extract.text_memo import text_memo
from extract.wordforms import proclitic_sets
from geodata.names import NormText, is_arabic, norm_arabic_token, normalize_name, normalize_text
from geodata.phrase_index import VARIANT, PhraseIndex, build_index


@dataclass(frozen=True, slots=True)
class Match:
    """A key found in a text.

    `start`/`end` are offsets into the original text (proclitics excluded);
    `tok_first`/`tok_last` index the tokens of the `NormText`; `prefix` is the
    normalised proclitic written onto the first token ("" when none).
    """

    start: int
    end: int
    tok_first: int
    tok_last: int
    key_index: int
    prefix: str


def _prefix_end(text: str, tok_start: int, prefix: str) -> int:
    """Original offset where a normalised Arabic prefix ends inside a token."""
    want = len(prefix)
    i = tok_start
    seen = 0
    while seen < want and i < len(text):
        seen += len(norm_arabic_token(text[i]))
        i += 1
    while i < len(text) and text[i] and not norm_arabic_token(text[i]):
        i += 1  # harakat/tatweel after the clitic belong to it
    return i


def _token_maps(nt: NormText) -> tuple[dict[int, int], dict[int, int]]:
    """Token index by the offset where it starts and where it ends in `nt.norm` (once per text:
    every lexicon of a document reads them)."""
    memo = text_memo(nt)
    if "token maps" not in memo:
        start_tok = {s: i for i, s in enumerate(nt.norm_starts)}
        end_tok = {s + len(tok): i for i, (s, tok) in enumerate(zip(nt.norm_starts, nt.tokens, strict=True))}
        memo["token maps"] = (start_tok, end_tok)
    maps: tuple[dict[int, int], dict[int, int]] = memo["token maps"]
    return maps


def _raw_matches(index: PhraseIndex, nt: NormText, text: str, found: Iterable[Hit] | None = None) -> list[Match]:
    """Every key that ends at the end of a token (the automaton also reports keys ending inside
    words: they are dropped first, as most are), with its first token and proclitic; `found`: the
    automaton's hits when the shared pass has them."""
    norm, keys = nt.norm, index.keys
    start_tok, end_tok = _token_maps(nt)
    orig_starts, orig_ends = nt.orig_starts, nt.orig_ends
    plain, contracted, longest = proclitic_sets()
    out = []
    for end_idx, value in index.automaton.iter(norm) if found is None else found:
        tok_last = end_tok.get(end_idx)
        if tok_last is None:
            continue
        key_i, variant = value >> 1, value & VARIANT
        key = keys[key_i]
        start = end_idx - len(key) + variant  # the key is stored with its trailing space
        if not variant and (tok_first := start_tok.get(start)) is not None:
            out.append(Match(orig_starts[tok_first], orig_ends[tok_last], tok_first, tok_last, key_i, ""))
            continue
        # A key ending a word it does not start: only an Arabic name with a proclitic written onto it
        # ("وبالموصل"); most are the end of another word ("Baghdad" holds "dad") and go at once.
        ts = norm.rfind(" ", 0, start) + 1
        if start - ts > longest:
            continue
        prefix = norm[ts:start]
        if prefix not in (contracted if variant else plain) or not is_arabic(key):
            continue
        tok_first = start_tok[ts]
        o_start = _prefix_end(text, orig_starts[tok_first], prefix) if prefix else orig_starts[tok_first]
        out.append(Match(o_start, orig_ends[tok_last], tok_first, tok_last, key_i, prefix))
    return out


def _longest(matches: list[Match]) -> list[Match]:
    """Keep the longest matches; among equals the one without a proclitic. Matches side by side
    in text order (most texts, most lexicons) have nothing to choose from: they stay as they are."""
    if all(b.tok_first > a.tok_last for a, b in pairwise(matches)):
        return matches
    ranked = sorted(matches, key=lambda m: (m.tok_first - m.tok_last, -(m.end - m.start), len(m.prefix), m.start))
    taken: set[int] = set()
    keep = []
    for m in ranked:
        toks = range(m.tok_first, m.tok_last + 1)
        if any(t in taken for t in toks):
            continue
        taken.update(toks)
        keep.append(m)
    return sorted(keep, key=lambda m: m.start)


def _blocked_out(index: PhraseIndex, m: Match, nt: NormText, text: str, blocked: int | None) -> bool:
    """A phrase known not to be a place ("Al-Mayadeen" the channel) drops out, unless it also names
    a place and a feature word says the text means that place ("al-Mayadeen city")."""
    payloads = index.payloads[m.key_index]
    if blocked is None or blocked not in payloads:
        return False
    return len(payloads) == 1 or not marked_as_place(nt, text, m.tok_first, m.tok_last)


def find_matches(
    index: PhraseIndex, nt: NormText, text: str, *, blocked: int | None = None, found: Iterable[Hit] | None = None
) -> list[Match]:
    """Longest non-overlapping matches, in text order. A key whose payloads hold `blocked` (a phrase
    known not to be a place) wins the overlap and then drops out, unless a feature word marks the
    place of the same name; an acronym-only key ("UAE", "IS") counts only where the text writes it
    in capitals."""
    kept = _longest(_raw_matches(index, nt, text, found))
    if blocked is None and not index.acronyms:
        return kept  # nothing could drop out
    return [
        m
        for m in kept
        if not _blocked_out(index, m, nt, text, blocked)
        and (m.key_index not in index.acronyms or text[m.start : m.end].isupper())
    ]


class Lexicon:
    """A list of phrases of the language data (actors, triggers, cue phrases), matched like
    gazetteer names; each phrase carries integer payloads."""

    def __init__(self, index: PhraseIndex, *, shared: bool = False) -> None:
        self.index = index
        self.number = register(index) if shared and index.keys else -1

    @classmethod
    def build(cls, phrases: Iterable[tuple[str, int]]) -> Lexicon:
        """A lexicon of the language data, built once per process: it joins the shared pass
        (`extract.shared_scan`)."""
        return cls(
            build_index((normalize_name(p), payload, p.isupper() and not is_arabic(p)) for p, payload in phrases),
            shared=True,
        )

    def find(self, text: str, nt: NormText | None = None) -> list[Match]:
        """Matches in the text, in text order."""
        if not self.index.keys:
            return []
        nt = nt or normalize_text(text)
        found = hits(self.number, nt) if self.number >= 0 else None
        if found is not None and not found:
            return []  # the shared walk met none of its phrases: most lexicons in a short text
        return find_matches(self.index, nt, text, found=found)

    def payloads(self, m: Match) -> tuple[int, ...]:
        return self.index.payloads[m.key_index]
