"""dashboard/selection.py: the feature shown beside the map is the last one chosen, on the map or in the
table; the map is told to fly only when a row is chosen."""

from __future__ import annotations

from typing import Any

from dashboard import selection


def drawn(session: dict[str, Any], ids: list[str], row: int | None = None) -> None:
    """The table as drawn on a run, and (for the next run) the row the user then chose."""
    selection.remember_rows(session, ids)
    session[selection.TABLE_KEY] = {"selection": {"rows": [] if row is None else [row], "columns": []}}


def test_the_choice_that_changed_since_the_last_run_wins() -> None:
    s: dict[str, Any] = {}
    assert selection.chosen(s, None, None) == (None, "")
    assert selection.chosen(s, "e1", None) == ("e1", "map")  # a click on the map
    drawn(s, ["e1", "e2", "e3"], row=2)
    row = selection.table_choice(s)
    assert row == "e3" and selection.chosen(s, "e1", row) == ("e3", "table")  # then a row: the map click is old
    assert selection.chosen(s, "e1", row) == ("e3", "table")  # nothing changed: it stays
    assert selection.chosen(s, "e2", row) == ("e2", "map")  # a new click on the map wins over the old row


def test_the_map_flies_only_to_a_newly_chosen_row_and_stays_there() -> None:
    s: dict[str, Any] = {}
    assert selection.focus(s, None) is None
    drawn(s, ["e1", "e2"], row=1)
    assert selection.focus(s, selection.table_choice(s)) == "e2"
    selection.chosen(s, None, "e2")
    assert selection.focus(s, "e2") == "e2"  # same row: the same map, not drawn again
    selection.chosen(s, "e1", "e2")
    assert selection.focus(s, "e2") == "e2"  # a click on the map changes nothing the map is drawn from


def test_a_row_index_is_read_against_the_rows_as_drawn() -> None:
    s: dict[str, Any] = {}
    drawn(s, ["a", "b"], row=5)  # the table got shorter since
    assert selection.table_choice(s) is None
    assert selection.table_choice({}) is None
