"""The Map page's filters, in the sidebar: widgets in, the store's `Filters` out.

The widgets' values live in the session and, where they differ from their defaults, in the URL
(`dashboard.url_state`): a link opens the page with its filters set, and **Reset filters** puts every
widget back to its default and takes the filters out of the URL. Other query parameters are left alone.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from functools import partial
from typing import Any

import streamlit as st

from dashboard import actor_groups, timeline
from dashboard.url_state import (
    DATE_FROM,
    DATE_TO,
    PARAM_KEYS,
    Choices,
    FilterValues,
    defaults_of,
    from_params,
    ignored_message,
    to_params,
)
from geodata.countries import country_name
from geodata.store import Facets
from geodata.store.filters import Filters

KIND_CHOICES = {"event": "Events", "movement": "Movements", "route": "Routes", "place": "Places"}
DEFAULT_KINDS = ("event", "movement", "route")
# Widget key -> the `FilterValues` field it holds.
FIELDS = {
    "f_dates": "dates",
    "f_kinds": "kinds",
    "f_actors": "actors",
    "f_types": "types",
    "f_countries": "countries",
    "f_text": "text",
    "f_sources": "sources",
    "f_precise": "precise",
    "f_review": "review",
}
FILTER_KEYS = tuple(FIELDS)
# No "Select all N matches" entry in a picker: it stood first, so Enter picked every match (with the actors'
# other names in their labels, "ISIS" matched most of them); now Enter picks the best match, one.
PICKING: dict[str, Any] = {"select_all": False}
IGNORED_KEY = "f_url_ignored"  # the line saying which of the link's values were ignored


def choices_of(facets: Facets) -> Choices:
    """What the sidebar's widgets offer for these facets."""
    span = None
    if facets.date_min and facets.date_max:
        span = date.fromisoformat(facets.date_min[:10]), date.fromisoformat(facets.date_max[:10])
    return Choices(
        dates=span,
        kinds=tuple(KIND_CHOICES),
        actors=actor_groups.options(tuple(facets.actors)),  # the actors, then the legend's groups
        types=tuple(sorted({*facets.event_types, *facets.sub_event_types})),
        countries=tuple(facets.countries),
        sources=tuple(facets.sources),
    )


def _state_value(name: str, value: Any) -> Any:
    """A `FilterValues` field as its widget holds it: multiselects hold lists."""
    return list(value) if isinstance(value, tuple) and name != "dates" else value


def _put(values: FilterValues, *, only_missing: bool = False) -> None:
    """Set the widgets' values (before they are drawn, or in a callback); dates only when the store has some."""
    for key, name in FIELDS.items():
        value = getattr(values, name)
        if (name == "dates" and value is None) or (only_missing and key in st.session_state):
            continue
        st.session_state[key] = _state_value(name, value)


def _reset(defaults: FilterValues) -> None:
    """**Reset filters**: every widget to its default (set, not popped: the browser is told), the URL cleared,
    the timeline's brushed range too."""
    _put(defaults)
    timeline.clear()
    st.session_state.pop(IGNORED_KEY, None)
    for key in PARAM_KEYS:
        if key in st.query_params:
            del st.query_params[key]


def _start(choices: Choices, defaults: FilterValues) -> None:
    """Give every widget a value before it is drawn: on the page's first run in a session (no filter
    widget yet) the URL's filters, valid ones only; later, a default for a widget that has none."""
    if any(key in st.session_state for key in FILTER_KEYS):
        _put(defaults, only_missing=True)
        return
    params = {key: st.query_params.get_all(key) for key in PARAM_KEYS if key in st.query_params}
    values, ignored = from_params(params, choices, defaults)
    _put(values)
    if ignored:
        st.session_state[IGNORED_KEY] = ignored_message(ignored)
    else:
        st.session_state.pop(IGNORED_KEY, None)


def _sync_url(values: FilterValues, defaults: FilterValues, *, keep: tuple[str, ...] = ()) -> None:
    """Write the filters that differ from their defaults to the URL and take the others out of it
    (the keys in `keep` are left as they are). A parameter is written only when it changes."""
    wanted = to_params(values, defaults)
    for key in PARAM_KEYS:
        if key in keep:
            continue
        if key in wanted:
            if st.query_params.get_all(key) != wanted[key]:
                st.query_params[key] = wanted[key]
        elif key in st.query_params:
            del st.query_params[key]


def _dates(span: tuple[date, date] | None) -> tuple[date, date] | None:
    """The picked range; None while the user is still picking the end date, or when the store has no dates."""
    if span is None:
        return None
    lo, hi = span
    picked = st.date_input(
        "Dates",
        min_value=lo,
        max_value=hi,
        key="f_dates",
        help="Features whose period overlaps these dates. Undated features are shown only "
        "while the whole span is selected.",
    )
    if not isinstance(picked, (tuple, list)) or len(picked) != 2:
        return None  # the user is still picking the end date
    return picked[0], picked[1]


def filter_widgets(facets: Facets) -> Filters:
    """Draw the filters in the sidebar (started from the URL), keep the URL in step, return what they select."""
    choices = choices_of(facets)
    defaults = defaults_of(choices, DEFAULT_KINDS)
    _start(choices, defaults)
    with st.sidebar:
        st.subheader("Filters")
        if IGNORED_KEY in st.session_state:
            st.info(st.session_state[IGNORED_KEY], icon=":material/link_off:")
        values = _widgets(choices)
        st.button("Reset filters", on_click=_reset, args=(defaults,), width="stretch")
    picking = choices.dates is not None and values.dates is None  # the URL keeps its dates meanwhile
    _sync_url(values, defaults, keep=(DATE_FROM, DATE_TO) if picking else ())
    date_from, date_to = values.dates if values.dates and values.dates != choices.dates else (None, None)
    return Filters(
        date_from=date_from,  # the whole span: None, to keep undated features too
        date_to=date_to,
        actors=actor_groups.expand(values.actors, choices.actors),  # a group: its members
        event_types=values.types,
        kinds=values.kinds or tuple(KIND_CHOICES),
        countries=values.countries,
        text=values.text.strip(),
        sources=values.sources,
        precise=values.precise,
        review=values.review,
    )


def _widgets(choices: Choices) -> FilterValues:
    """Draw the filter widgets (their values are in the session already) and return what they hold."""
    dates = _dates(choices.dates)
    kinds = st.multiselect(
        "Show",
        list(choices.kinds),
        key="f_kinds",
        format_func=KIND_CHOICES.__getitem__,
        help="Places are every place an article mentions, drawn as small dots.",
    )
    actors = st.multiselect(
        "Actors",
        list(choices.actors),
        key="f_actors",
        **PICKING,
        format_func=partial(actor_groups.label, names=choices.actors),  # other names: داعش or Daesh finds ISIS
        help="Events' actors, movements' actor, who controls a route. Type a name in either language, or "
        "pick a group of the legend (Kurdish forces, Iraqi government...) for all its actors.",
    )
    types = st.multiselect(
        "Event types",
        list(choices.types),
        key="f_types",
        help="ACLED event type or sub-event type (events only).",
        **PICKING,
    )
    countries = st.multiselect(
        "Countries",
        list(choices.countries),
        key="f_countries",
        format_func=lambda c: f"{country_name(c) or c} ({c})",
        **PICKING,
    )
    text = st.text_input("Text in the evidence", key="f_text", placeholder="e.g. الموصل, convoy, Baaj")
    sources = st.multiselect("Sources", list(choices.sources), key="f_sources", **PICKING)
    precise = st.toggle(
        "Precise places only",
        key="f_precise",
        help="Leave out the events and places placed at the district or the province around a place the "
        "gazetteer lacks (geo precision 2 and 3, drawn as soft halos): only those placed at the place named.",
    )
    review = st.multiselect(
        "Review status",
        list(choices.review),
        key="f_review",
        placeholder="All but rejected and merged",
        help="What the analysts decided. Left empty: every feature but those rejected as false positives and "
        "the duplicates merged into another event. Pick **rejected** to see (and restore) them.",
    )
    return FilterValues(
        dates=dates,
        kinds=tuple(kinds),
        actors=tuple(actors),
        types=tuple(types),
        countries=tuple(countries),
        text=text,
        sources=tuple(sources),
        precise=bool(precise),
        review=tuple(review),
    )


def hidden_by_show(filters: Filters, stored: Mapping[str, int]) -> dict[str, int]:
    """The kinds the store holds that the sidebar's **Show** leaves off the map, with how many are stored."""
    return {kind: stored[kind] for kind in KIND_CHOICES if kind not in filters.kinds and stored.get(kind, 0) > 0}
