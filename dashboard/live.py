"""What the map holds of every stored feature, kept up to date with the analysts' reviews in place.

Reading 100,000 features, making their popups and rows takes the dashboard half a minute; a review changes
one feature (a merge a few). So the records, popups and rows made for a store's contents (`state`, keyed
by that contents without the review changes) are brought up to date with the changes made since, feature
by feature (`Store.changed_since`): the changed records read again, their popups and rows made again, the
pages and the rows file that hold them published again. A document added or deleted, or a name
re-resolved, still makes them all again.

Each holder is shared by every session of the app; one lock per holder makes its catching up happen once.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from dashboard.palette import record_color
from dashboard.payload import ROW_PARTS, _popup, _Rows, _summary, rows_of
from geodata.records import Record
from geodata.store import Store

Publish = Callable[[Any, str], str]  # (JSON value, file name prefix) -> its URL


@dataclass(eq=False)
class Live:
    """Every stored feature by id, up to review change `change`; `touched`: feature id -> the last change
    to it caught up with."""

    records: dict[str, Record]
    change: int
    touched: dict[str, int] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def catch_up(self, store: Store, change: int) -> None:
        """Read again the features the review changes after ours touched (up to at least `change`)."""
        if change <= self.change:
            return
        with self.lock:
            if change <= self.change:
                return
            touched = store.changed_since(self.change)
            fresh = store.features([fid for fid in touched if fid in self.records])
            self.records.update(fresh)  # known ids only: a reader iterating meanwhile sees no new key
            self.touched.update(touched)
            self.change = max(change, *touched.values()) if touched else change

    def changed_after(self, change: int) -> list[str]:
        return [fid for fid, n in self.touched.items() if n > change]


@dataclass(eq=False)
class Popups:
    """Every feature's popup by number, in pages, and the URLs of the published pages."""

    numbers: dict[str, int]
    pages: list[list[str]]
    urls: list[str]
    change: int
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def catch_up(self, live: Live, publish: Publish) -> None:
        """Make again the popups of the features changed since, and publish again the pages holding them."""
        if live.change <= self.change:
            return
        with self.lock:
            if live.change <= self.change:
                return
            size = len(self.pages[0]) if self.pages else 1
            dirty = set()
            for fid in live.changed_after(self.change):
                if (n := self.numbers.get(fid)) is not None and (r := live.records.get(fid)) is not None:
                    self.pages[n // size][n % size] = _popup(r, record_color(r))
                    dirty.add(n // size)
            for page in sorted(dirty):
                self.urls[page] = publish(self.pages[page], "popups-")
            self.change = live.change


@dataclass(eq=False)
class MapRows:
    """The map's rows of every feature (`payload.map_payload`), where each feature's row is, its file's URL."""

    payload: dict[str, Any]
    where: dict[str, tuple[str, int]]
    url: str
    change: int
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def catch_up(self, live: Live, numbers: Mapping[str, int], publish: Publish) -> None:
        """Make again the rows of the features changed since, the legend's counts, and publish the file."""
        if live.change <= self.change:
            return
        with self.lock:
            if live.change <= self.change:
                return
            changed = [r for fid in live.changed_after(self.change) if (r := live.records.get(fid)) is not None]
            renew_rows(self.payload, self.where, changed, live.records.values(), numbers)
            self.url = publish(rows_of(self.payload), "map-")
            self.change = live.change


def renew_rows(
    payload: dict[str, Any],
    where: Mapping[str, tuple[str, int]],
    records: Iterable[Record],
    everything: Iterable[Record],
    numbers: Mapping[str, int],
) -> None:
    """Put the rows of `records` (changed since `payload` was made of `everything`) in place of theirs, each
    pointing at the same document and popup number, and count the legend again over `everything`."""
    rows = _Rows({}, numbers)
    rows.types = {t[0]: i for i, t in enumerate(payload["types"])}
    rows.names = {name: i for i, name in enumerate(payload["names"])}
    for r in records:
        if (at := where.get(r.feature_id)) is None:
            continue
        part, i = at
        old = payload[part][i]
        doc = old[6] if part == "events" else old[2] if part == "places" else old["d"]
        rows.refs.index[r.doc] = doc  # the row's document stays the one it points at
        rows.rows = {p: [] for p in ROW_PARTS}
        rows.add(r)
        if rows.rows[part]:
            payload[part][i] = rows.rows[part][0]
    payload["names"] = list(rows.names)
    payload.update(_summary({p: payload[p] for p in ROW_PARTS}, list(rows.types), list(everything)))
