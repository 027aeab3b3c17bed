"""Cached resources and queries: the store and gazetteer once per process,
query results once per (store contents, filters).

The store is the one `Store.open()` picks (env KHAREETA_DB, else
data/khareeta.sqlite), cached per URL. Every cached query is keyed by
`store_version`, which changes whenever a document is added, replaced or
deleted (by this app or by the CLI), so no page ever shows stale results.
"""

from __future__ import annotations

import gc
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from types import MappingProxyType
from typing import Any, TypeVar

import streamlit as st

from dashboard.live import Live, MapRows, Popups
from dashboard.markup import DocMeta
from geodata import gazetteer as gazetteer_mod
from geodata.gazetteer import Gazetteer
from geodata.records import KINDS, REVIEW_STATUSES, PlaceRef, Record
from geodata.store import Facets, Resolution, Store, UnresolvedName, resolve_url
from geodata.store.filters import HIDDEN, Filters

T = TypeVar("T")


@st.cache_resource(show_spinner=False)
def _open_store(url: str) -> Store:
    return Store.open(url)


def store() -> Store:
    """The store of this process (env KHAREETA_DB, else data/khareeta.sqlite)."""
    return _open_store(resolve_url(None))


@st.cache_resource(show_spinner="Loading the gazetteer…", max_entries=1)
def _gazetteer(fingerprint: str) -> Gazetteer:
    return gazetteer_mod.get()


def gazetteer() -> Gazetteer:
    """The compiled gazetteer, reloaded when one of its source files (say, your aliases) changed."""
    return _gazetteer(gazetteer_mod.fingerprint(gazetteer_mod.source_files()))


def store_version() -> tuple[Any, ...]:
    """Changes whenever the store's contents change: documents, feature counts, latest addition, and the
    revision that counts features changed in place (names re-resolved)."""
    return (*store().contents(), store().last_change())  # the last: the reviews, caught up with in place (`live`)


def _contents(version: tuple[Any, ...]) -> tuple[Any, ...]:
    """The store's contents but its reviews: what the records, popups and rows are read and made for."""
    return version[:-1]


@st.cache_data(show_spinner=False, max_entries=4)
def _stored_counts(version: tuple[Any, ...]) -> dict[str, int]:
    return dict(store().stats().features)


def stored_counts(version: tuple[Any, ...]) -> dict[str, int]:
    """How many features of each kind the store holds, whatever the filters."""
    return _stored_counts(version)


# --- queries: cached per store contents and `Filters` (frozen, so it is the cache key itself) ---------------------


# Resources, not data: 100,000 records are shared, not unpickled on every rerun. They are frozen.
@st.cache_resource(show_spinner=False, max_entries=2)
def _live(contents: tuple[Any, ...]) -> Live:
    """Every stored feature by id, in the store's order, whatever its review (the rejected and merged too):
    read once per store contents, then kept up to date with the reviews (`live.Live`)."""
    change = store().last_change()  # before reading: a review saved meanwhile is caught up with after
    return _long_lived(Live({r.feature_id: r for r in store().query(Filters(review=REVIEW_STATUSES))}, change))


def _everything(version: tuple[Any, ...]) -> dict[str, Record]:
    live = _live(_contents(version))
    live.catch_up(store(), version[-1])
    return live.records


def _long_lived(value: T) -> T:
    """`value`, kept for as long as the store does not change: out of the garbage collector's sight
    (`gc.freeze`). Streamlit collects every generation after each run of a page, and 100,000 records
    (their rows, their popups) would take it half a second each time; they hold no cycles to collect."""
    gc.freeze()
    return value


@st.cache_resource(show_spinner=False, max_entries=16)
def _query(version: tuple[Any, ...], filters: Filters) -> list[Record]:
    everything = _everything(version)
    if filters.is_empty:  # all but what the analysts rejected or merged into another event
        return [r for r in everything.values() if r.review is None or r.review.status not in HIDDEN]
    # The store says which (SQL does the filtering); the records are those read once for all filters. An id
    # not among them was stored since this version was read: the next rerun has a new version.
    return [r for fid in store().query_ids(filters) if (r := everything.get(fid)) is not None]


@st.cache_data(show_spinner=False, max_entries=2)
def _duplicates(version: tuple[Any, ...]) -> list[Any]:
    return store().duplicates()


def duplicates(version: tuple[Any, ...]) -> list[Any]:
    """Pairs of events that may be one (see `Store.duplicates`), found once per store contents."""
    return _duplicates(version)


def any_feature(version: tuple[Any, ...], feature_id: str) -> Record | None:
    """A stored feature by id whatever the filters (a rejected one too); None when not stored."""
    return _everything(version).get(str(feature_id))


def features(version: tuple[Any, ...], filters: Filters) -> list[Record]:
    """The feature records the filters select (cached per store contents)."""
    return _query(version, filters)


@st.cache_data(show_spinner=False, max_entries=4)
def _facets(version: tuple[Any, ...]) -> Facets:
    return store().facets()


def facets(version: tuple[Any, ...]) -> Facets:
    return _facets(version)


@st.cache_resource(show_spinner=False, max_entries=4)  # shared, not unpickled on every run: 2,000 of them
def _docs(version: tuple[Any, ...]) -> dict[str, DocMeta]:
    return {d.doc_id: DocMeta(d.title, d.source, d.date, d.name) for d in store().documents()}


def doc_meta(version: tuple[Any, ...]) -> dict[str, DocMeta]:
    """Title, source, date and name of every stored document, by id."""
    return _docs(version)


@st.cache_data(show_spinner=False, max_entries=4)
def _unresolved(version: tuple[Any, ...]) -> list[UnresolvedName]:
    return store().unresolved()


def unresolved(version: tuple[Any, ...]) -> list[UnresolvedName]:
    """The names the gazetteer lacked, with the stored features that name them (cached per store contents)."""
    return _unresolved(version)


def place_stored(place: PlaceRef, names: Sequence[str]) -> Resolution:
    """Move the stored features that named one of `names` unresolved to `place` (a new gazetteer entry)."""
    done = store().resolve(place, names)
    clear_after_write()
    return done


def clear_after_write() -> None:
    """Forget cached query results after this app wrote to the store."""
    _live.clear()
    _query.clear()
    _popups_made.clear()
    _rows_made.clear()
    _unresolved.clear()
    _by_id.clear()
    _counts.clear()
    _timeline.clear()
    _facets.clear()
    _docs.clear()
    _stored_counts.clear()
    _published.clear()


def summary_counts(records: Sequence[Record]) -> Mapping[str, int]:
    """How many features of each kind."""
    counts = dict.fromkeys(KINDS, 0)
    counts.update(Counter(r.kind for r in records))
    return counts


@st.cache_resource(show_spinner=False, max_entries=16)
def _counts(version: tuple[Any, ...], filters: Filters) -> Mapping[str, int]:
    records = _query(version, filters)
    return MappingProxyType({**summary_counts(records), "articles": len({r.doc for r in records})})


def counts(version: tuple[Any, ...], filters: Filters) -> Mapping[str, int]:
    """How many features of each kind the filters select, and from how many articles ("articles")."""
    return _counts(version, filters)


@st.cache_resource(show_spinner=False, max_entries=16)
def _timeline(version: tuple[Any, ...], filters: Filters) -> Any:
    from dashboard.timeline import summarise

    return summarise(_query(version, filters))


def timeline_summary(version: tuple[Any, ...], filters: Filters) -> Any:
    """The timeline's weekly counts, undated count and latest day of what the filters select
    (`timeline.summarise`, made once per store contents and filters)."""
    return _timeline(version, filters)


@st.cache_resource(show_spinner=False, max_entries=16)
def _by_id(version: tuple[Any, ...], filters: Filters) -> dict[str, Record]:
    return {r.feature_id: r for r in _query(version, filters)}


def features_by_id(version: tuple[Any, ...], filters: Filters) -> dict[str, Record]:
    """The records the filters select, by feature id (what a click on the map reports)."""
    return _by_id(version, filters)


def _publisher(base_path: str) -> Callable[[Any, str], str]:
    from dashboard import offline

    return lambda value, prefix: offline.publish_json(value, prefix=prefix, base_path=base_path)


@st.cache_resource(show_spinner=False, max_entries=2)
def _popups_made(contents: tuple[Any, ...], base_path: str) -> Popups:
    from dashboard.payload import popup_pages

    live = _live(contents)
    with live.lock:  # the records as of one review change
        change, numbers, pages = live.change, *popup_pages(live.records.values())
    publish = _publisher(base_path)
    return _long_lived(Popups(numbers, pages, [publish(page, "popups-") for page in pages], change))


def _popup_files(version: tuple[Any, ...], base_path: str) -> tuple[dict[str, int], list[str]]:
    """Every stored feature's popup, made and published once per store contents (whatever the filters), those
    of the features reviewed since made again: (each feature's number among them, the URLs of their pages)."""
    popups = _popups_made(_contents(version), base_path)
    _everything(version)  # caught up with the reviews
    popups.catch_up(_live(_contents(version)), _publisher(base_path))
    return popups.numbers, popups.urls


@st.cache_resource(show_spinner=False, max_entries=2)
def _rows_made(contents: tuple[Any, ...], base_path: str) -> MapRows:
    from dashboard.payload import map_payload, row_index, rows_of

    popups = _popups_made(contents, base_path)
    live = _live(contents)
    with live.lock:
        change, records = live.change, list(live.records.values())
    payload = map_payload(records, docs=_docs(contents), popups=popups.numbers)  # numbers: of every feature
    url = _publisher(base_path)(rows_of(payload), "map-")
    return _long_lived(MapRows(payload, row_index(payload), url, change))


def _all_rows(version: tuple[Any, ...], base_path: str) -> tuple[dict[str, Any], dict[str, tuple[str, int]], str]:
    """The map's rows of every stored feature (made and published once per store contents, those of the
    features reviewed since made again), where each feature's is, and the URL of their file."""
    numbers, _urls = _popup_files(version, base_path)
    rows = _rows_made(_contents(version), base_path)
    rows.catch_up(_live(_contents(version)), numbers, _publisher(base_path))
    return rows.payload, rows.where, rows.url


@st.cache_data(show_spinner=False, max_entries=16)
def _published(version: tuple[Any, ...], filters: Filters, base_path: str) -> tuple[Any, dict[str, Any]]:
    from dashboard.bitmaps import pick_bits
    from dashboard.layers import DataFiles
    from dashboard.payload import ROW_PARTS, picked, positions, without_rows

    _numbers, pages = _popup_files(version, base_path)
    everything, where, rows_url = _all_rows(version, base_path)
    records = _query(version, filters)
    if filters.is_empty and len(records) == len(_everything(version)):  # none rejected or merged: all of it
        return DataFiles(rows_url, pages), without_rows(everything)
    # The filters' rows are those of every feature that they keep: the browser, which has the file of
    # every feature's rows, is told which (a bitmap of their positions, sent with the map); nothing is made again.
    at = positions(where, records)
    payload = picked(everything, where, records, at)
    bits = pick_bits(at, {part: len(everything[part]) for part in ROW_PARTS})
    return DataFiles(rows_url, pages, pick=bits), without_rows(payload)


def map_data(version: tuple[Any, ...], filters: Filters, base_path: str = "") -> tuple[Any, dict[str, Any]]:
    """Where the map's rows and popups are (`layers.DataFiles`, files the app serves) and the
    payload without them."""
    from dashboard import offline

    files, light = _published(version, filters, base_path)
    if not offline.keep_alive([files.rows, *files.popups]):  # in use now; one removed (by hand, or pruned idle)
        _popups_made.clear()
        _rows_made.clear()
        _published.clear()
        files, light = _published(version, filters, base_path)
    return files, light


@st.cache_resource(show_spinner=False, max_entries=4)
def _place_labels_url(base_path: str, fingerprint: str) -> str:
    from dashboard import basemap, offline, place_labels

    rows = place_labels.label_rows(_gazetteer(fingerprint), basemap.capitals())
    return offline.publish_json(rows, prefix="labels-", base_path=base_path)


def place_labels_url(base_path: str = "") -> str:
    """The URL of the map's town and governorate names (published once per process and gazetteer)."""
    from dashboard import offline

    fingerprint = gazetteer_mod.fingerprint(gazetteer_mod.source_files())
    url = _place_labels_url(base_path, fingerprint)
    if not offline.published(url):
        _place_labels_url.clear()
        url = _place_labels_url(base_path, fingerprint)
    return url


@st.cache_resource(show_spinner=False, max_entries=4)
def _countries_url(base_path: str, labels_url: str) -> str:
    from dashboard import basemap, offline

    # The borders file says where the names are (a foreign member of the FeatureCollection): every
    # map that draws the borders names the towns too, whatever page built it.
    return offline.publish_json({**basemap.borders(), "labels": labels_url}, prefix="countries-", base_path=base_path)


def countries_url(base_path: str = "") -> str:
    """The URL of the country borders, 1:10m when `make assets` fetched them (published once per process),
    which names the file of the town names (`place_labels_url`)."""
    from dashboard import offline

    labels = place_labels_url(base_path)
    url = _countries_url(base_path, labels)
    if not offline.published(url):
        _countries_url.clear()
        url = _countries_url(base_path, labels)
    return url
