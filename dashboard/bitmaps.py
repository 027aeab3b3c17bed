"""The rows a filter keeps, as the browser is sent them with the map (no file to fetch): per part of the
map's rows, a bitmap (bit i of byte i // 8, least significant first: row i is drawn), base64-encoded, one
bit a row whatever the filters keep (100,000 rows in 17 kB). khareeta.js reads it back (`picked`)."""

from __future__ import annotations

import base64
from collections.abc import Mapping, Sequence

import numpy as np


def pick_bits(at: Mapping[str, Sequence[int]], sizes: Mapping[str, int]) -> dict[str, str]:
    """The bitmap of each part of `sizes` (its number of rows) with the positions `at` gives it set."""
    out = {}
    for part, size in sizes.items():
        drawn = np.zeros(size, dtype=bool)
        drawn[np.asarray(at.get(part, ()), dtype=np.int64)] = True
        out[part] = base64.b64encode(np.packbits(drawn, bitorder="little").tobytes()).decode("ascii")
    return out


def bits_positions(bits: Mapping[str, str]) -> dict[str, list[int]]:
    """The positions a `pick_bits` bitmap marks, in order (what khareeta.js draws)."""
    unpacked = {
        part: np.unpackbits(np.frombuffer(base64.b64decode(b), dtype=np.uint8), bitorder="little")
        for part, b in bits.items()
    }
    return {part: np.flatnonzero(u).tolist() for part, u in unpacked.items()}
