"""The rows a filter keeps, sent with the map as a bitmap per part (`dashboard.bitmaps`)."""

from __future__ import annotations

import base64

import pytest

from dashboard.bitmaps import bits_positions, pick_bits


@pytest.mark.parametrize("n", [0, 1, 7, 8, 9, 100_000])
def test_the_bitmap_of_rows_to_draw_marks_exactly_those_rows(n: int) -> None:
    """One bit a row, as long as the part (17 kB for 100,000 rows), read back to exactly the positions kept."""
    sizes = {"events": n, "movements": 3, "routes": 3, "places": 3}
    kept = {
        "events": [i for i in range(n) if i % 3 == 0 or i == n - 1],
        "movements": [2],
        "routes": [],
        "places": [0, 1, 2],
    }
    bits = pick_bits(kept, sizes)
    assert bits_positions(bits) == {p: sorted(set(v)) for p, v in kept.items()}
    assert len(base64.b64decode(bits["events"])) == (n + 7) // 8
    assert len(bits["events"]) <= 17_000


def test_a_part_not_given_is_all_zeros_and_a_part_not_sized_is_not_sent() -> None:
    bits = pick_bits({"events": [1], "extra": [0]}, {"events": 4, "places": 9})
    assert set(bits) == {"events", "places"}
    assert bits_positions(bits) == {"events": [1], "places": []}
