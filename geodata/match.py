"""Find gazetteer names in a text in one pass (Aho-Corasick).

find -> filter: `find_mentions` returns every longest, non-overlapping match
at word boundaries (Arabic proclitics allowed before a name); `context.py`
then rejects homographs, persons and common words.
"""

from __future__ import annotations

from dataclasses import dataclass

from geodata.context import rules
from geodata.gazetteer import BLOCK, VARIANT, Gazetteer
from geodata.normalize import NormText, is_arabic, norm_arabic_token


@dataclass(frozen=True, slots=True)
class Mention:
    """A name found in a text, before resolution.

    `start`/`end` are offsets into the original text (proclitics excluded);
    `tok_first`/`tok_last` index the tokens of the `NormText`.
    """

    start: int
    end: int
    tok_first: int
    tok_last: int
    key_index: int
    prefix: str
    blocked: bool


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


def _raw_matches(gaz: Gazetteer, nt: NormText, text: str) -> list[Mention]:
    norm = nt.norm
    start_tok = {s: i for i, s in enumerate(nt.norm_starts)}
    end_tok = {s + len(tok): i for i, (s, tok) in enumerate(zip(nt.norm_starts, nt.tokens, strict=True))}
    clitics = rules().clitics_ar
    lam_clitics = rules().clitics_ar_lam
    out = []
    for end_idx, value in gaz.automaton.iter(norm):
        key_i, variant = divmod(value, 2)
        key = gaz.keys[key_i]
        plen = len(key) if variant == VARIANT else len(key) + 1
        start = end_idx - plen + 1
        tok_last = end_tok.get(end_idx)
        if tok_last is None:
            continue
        if start in start_tok and variant != VARIANT:
            tok_first, prefix = start_tok[start], ""
        else:
            if not is_arabic(key):
                continue
            ts = norm.rfind(" ", 0, start) + 1
            prefix = norm[ts:start]
            allowed = lam_clitics if variant == VARIANT else clitics
            if prefix not in allowed:
                continue
            tok_first = start_tok[ts]
        o_start = nt.orig_starts[tok_first]
        if prefix:
            o_start = _prefix_end(text, o_start, prefix)
        out.append(Mention(o_start, nt.orig_ends[tok_last], tok_first, tok_last, key_i, prefix,
                           BLOCK in gaz.cands[key_i]))
    return out


def _longest(matches: list[Mention]) -> list[Mention]:
    """Keep the longest matches; among equals the one without a proclitic."""
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


def find_mentions(gaz: Gazetteer, nt: NormText, text: str) -> list[Mention]:
    """Longest non-overlapping name matches; known non-places win and drop out."""
    return [m for m in _longest(_raw_matches(gaz, nt, text)) if not m.blocked]
