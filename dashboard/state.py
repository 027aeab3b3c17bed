"""Cached resources and queries: the store and gazetteer once per process,
query results once per (store contents, filters).

The store is the one `Store.open()` picks (env KHAREETA_DB, else
data/khareeta.sqlite), cached per URL. Every cached query is keyed by
`store_version`, which changes whenever a document is added, replaced or
deleted (by this app or by the CLI), so no page ever shows stale results.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import streamlit as st

from dashboard.layers import Mention
from dashboard.markup import DocMeta
from geodata import gazetteer as gazetteer_mod
from geodata.gazetteer import Gazetteer
from geodata.store import Facets, Store, resolve_url
from geodata.store.filters import Filters

Feature = dict[str, Any]


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
    """Changes whenever the store's contents change: documents, feature counts, latest addition."""
    docs = store().documents()
    stats = store().stats()
    return stats.url, len(docs), tuple(sorted(stats.features.items())), max((d.added_at for d in docs), default="")


# --- filters ----------------------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class FilterKey:
    """What the sidebar asks for, as hashable values (the cache key and the `Filters` it makes)."""

    date_from: date | None = None
    date_to: date | None = None
    actors: tuple[str, ...] = ()
    event_types: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    text: str = ""
    sources: tuple[str, ...] = ()

    def filters(self) -> Filters:
        return Filters(date_from=self.date_from, date_to=self.date_to, actors=self.actors,
                       event_types=self.event_types, kinds=self.kinds, countries=self.countries, text=self.text,
                       sources=self.sources)

    def as_tuple(self) -> tuple[Any, ...]:
        return (self.date_from, self.date_to, self.actors, self.event_types, self.kinds, self.countries, self.text,
                self.sources)


# A resource, not data: 10,000 features are shared, not unpickled on every rerun. Never mutate them.
@st.cache_resource(show_spinner=False, max_entries=16)
def _query(version: tuple[Any, ...], key: tuple[Any, ...]) -> list[Feature]:
    return store().query(FilterKey(*key).filters())


def features(version: tuple[Any, ...], key: FilterKey) -> list[Feature]:
    """The features the filters select (cached per store contents; read-only)."""
    return _query(version, key.as_tuple())


@st.cache_data(show_spinner=False, max_entries=4)
def _facets(version: tuple[Any, ...]) -> Facets:
    return store().facets()


def facets(version: tuple[Any, ...]) -> Facets:
    return _facets(version)


@st.cache_data(show_spinner=False, max_entries=4)
def _docs(version: tuple[Any, ...]) -> dict[str, DocMeta]:
    return {d.doc_id: DocMeta(d.title, d.source, d.date, d.name) for d in store().documents()}


def doc_meta(version: tuple[Any, ...]) -> dict[str, DocMeta]:
    """Title, source, date and name of every stored document, by id."""
    return _docs(version)


@st.cache_data(show_spinner=False, max_entries=4)
def _mentions(version: tuple[Any, ...], doc_ids: tuple[str, ...]) -> dict[str, list[Mention]]:
    out: dict[str, list[Mention]] = {}
    if not doc_ids:
        return out
    for f in store().query(Filters(kinds=("place",), doc_ids=doc_ids)):
        p = f["properties"]
        if isinstance(p.get("start"), int) and isinstance(p.get("end"), int):
            out.setdefault(p["doc"], []).append(Mention(p["start"], p["end"], p.get("gazetteer_id") or "",
                                                        p.get("name") or ""))
    return out


def mentions(version: tuple[Any, ...], doc_ids: Sequence[str]) -> dict[str, list[Mention]]:
    """Place mentions of these documents (all of them, whatever the filters)."""
    return _mentions(version, tuple(sorted(set(doc_ids))))


@st.cache_data(show_spinner=False, max_entries=4)
def _texts(version: tuple[Any, ...], doc_ids: tuple[str, ...]) -> dict[str, str]:
    s = store()
    return {d: t for d in doc_ids if (t := s.document_text(d)) is not None}


def texts(version: tuple[Any, ...], doc_ids: Sequence[str]) -> dict[str, str]:
    """Document texts, for finding where an evidence sentence starts."""
    return _texts(version, tuple(sorted(set(doc_ids))))


def docs_needing_text(feats: Sequence[Feature]) -> list[str]:
    """Documents whose place features need the text to place their evidence sentence."""
    return sorted({f["properties"]["doc"] for f in feats if f["properties"].get("kind") == "place"})


def clear_after_write() -> None:
    """Forget cached query results after this app wrote to the store."""
    _query.clear()
    _facets.clear()
    _docs.clear()
    _payload.clear()
    _published.clear()


def summary_counts(feats: Sequence[Feature]) -> Mapping[str, int]:
    counts = {"event": 0, "movement": 0, "route": 0, "place": 0}
    for f in feats:
        kind = f["properties"].get("kind")
        if kind in counts:
            counts[kind] += 1
    return counts


@st.cache_data(show_spinner=False, max_entries=8)
def _payload(version: tuple[Any, ...], key: tuple[Any, ...]) -> dict[str, Any]:
    from dashboard.layers import map_payload

    feats = _query(version, key)
    linked = sorted({f["properties"]["doc"] for f in feats if f["properties"].get("kind") != "place"})
    return map_payload(feats, docs=_docs(version), texts=_texts(version, tuple(docs_needing_text(feats))),
                       mentions=_mentions(version, tuple(linked)))


@st.cache_data(show_spinner=False, max_entries=16)
def _published(version: tuple[Any, ...], key: tuple[Any, ...], base_path: str) -> tuple[Any, dict[str, Any]]:
    from dashboard import offline
    from dashboard.layers import DataFiles, split_popups, without_rows

    payload = _payload(version, key)
    rows, popups = split_popups(payload)
    files = DataFiles(offline.publish_json(rows, prefix="map-", base_path=base_path),
                      {part: [offline.publish_json(c, prefix="popups-", base_path=base_path) for c in chunks]
                       for part, chunks in popups.items()})
    return files, without_rows(payload)


def map_data(version: tuple[Any, ...], key: FilterKey, base_path: str = "") -> tuple[Any, dict[str, Any]]:
    """Where the map's rows and popups are (`layers.DataFiles`, files the app serves) and the
    payload without them."""
    from dashboard import offline

    files, light = _published(version, key.as_tuple(), base_path)
    urls = [files.rows, *(u for chunks in files.popups.values() for u in chunks)]
    if not all(offline.published(u) for u in urls):  # pruned, or removed by hand: write them again
        _published.clear()
        files, light = _published(version, key.as_tuple(), base_path)
    return files, light


@st.cache_resource(show_spinner=False)
def _countries_url(base_path: str) -> str:
    from dashboard import basemap, offline

    return offline.publish_json(basemap.countries(), prefix="countries-", base_path=base_path)


def countries_url(base_path: str = "") -> str:
    """The URL of the country borders (published once per process)."""
    from dashboard import offline

    url = _countries_url(base_path)
    if not offline.published(url):
        _countries_url.clear()
        url = _countries_url(base_path)
    return url
