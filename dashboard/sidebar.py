"""The Map page's filters, in the sidebar: widgets in, the store's `Filters` out."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

import streamlit as st

from geodata.countries import country_name
from geodata.store import Facets
from geodata.store.filters import Filters

KIND_CHOICES = {"event": "Events", "movement": "Movements", "route": "Routes", "place": "Places"}
DEFAULT_KINDS = ("event", "movement", "route")
FILTER_KEYS = ("f_dates", "f_actors", "f_types", "f_kinds", "f_countries", "f_text", "f_sources")


def _reset() -> None:
    for key in FILTER_KEYS:
        st.session_state.pop(key, None)


def _dates(facets: Facets) -> tuple[date | None, date | None]:
    if not (facets.date_min and facets.date_max):
        return None, None
    lo, hi = date.fromisoformat(facets.date_min[:10]), date.fromisoformat(facets.date_max[:10])
    picked = st.date_input(
        "Dates",
        value=(lo, hi),
        min_value=lo,
        max_value=hi,
        key="f_dates",
        help="Features whose period overlaps these dates. Undated features are shown only "
        "while the whole span is selected.",
    )
    if not isinstance(picked, (tuple, list)) or len(picked) != 2:
        return None, None  # the user is still picking the end date
    start, end = picked
    if (start, end) == (lo, hi):
        return None, None  # the whole span: keep undated features too
    return start, end


def filter_widgets(facets: Facets) -> Filters:
    """Draw the filters in the sidebar and return what they select."""
    with st.sidebar:
        st.subheader("Filters")
        date_from, date_to = _dates(facets)
        kinds = st.multiselect(
            "Show",
            list(KIND_CHOICES),
            default=list(DEFAULT_KINDS),
            key="f_kinds",
            format_func=KIND_CHOICES.__getitem__,
            help="Places are every place an article mentions, drawn as small dots.",
        )
        actors = st.multiselect(
            "Actors", facets.actors, key="f_actors", help="Events' actors, movements' actor, who controls a route."
        )
        types = st.multiselect(
            "Event types",
            sorted({*facets.event_types, *facets.sub_event_types}),
            key="f_types",
            help="ACLED event type or sub-event type (events only).",
        )
        countries = st.multiselect(
            "Countries", facets.countries, key="f_countries", format_func=lambda c: f"{country_name(c) or c} ({c})"
        )
        text = st.text_input("Text in the evidence", key="f_text", placeholder="e.g. الموصل, convoy, Baaj")
        sources = st.multiselect("Sources", facets.sources, key="f_sources")
        st.button("Reset filters", on_click=_reset, width="stretch")
    return Filters(
        date_from=date_from,
        date_to=date_to,
        actors=tuple(actors),
        event_types=tuple(types),
        kinds=tuple(kinds) or tuple(KIND_CHOICES),
        countries=tuple(countries),
        text=text.strip(),
        sources=tuple(sources),
    )


def hidden_by_show(filters: Filters, stored: Mapping[str, int]) -> dict[str, int]:
    """The kinds the store holds that the sidebar's **Show** leaves off the map, with how many are stored."""
    return {kind: stored[kind] for kind in KIND_CHOICES if kind not in filters.kinds and stored.get(kind, 0) > 0}
