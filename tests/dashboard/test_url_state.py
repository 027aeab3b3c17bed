"""The Map page's filters <-> query parameters (pure functions)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dashboard.url_state import (
    PARAM_KEYS,
    WINDOW_KEYS,
    Choices,
    FilterValues,
    defaults_of,
    from_params,
    ignored_message,
    to_params,
    window_from_params,
    window_to_params,
)

SPAN = (date(2014, 6, 4), date(2017, 11, 3))
CHOICES = Choices(
    dates=SPAN,
    kinds=("event", "movement", "route", "place"),
    actors=("ISIS", "SDF (Syrian Democratic Forces)", "قوات سوريا الديمقراطية"),
    types=("Battles", "Protests"),
    countries=("IQ", "SY"),
    sources=("Northern Wire", "وكالة دجلة الإخبارية"),
)
DEFAULTS = defaults_of(CHOICES, ("event", "movement", "route"))


def test_the_defaults_are_not_in_the_url() -> None:
    assert FilterValues(dates=SPAN, kinds=("event", "movement", "route")) == DEFAULTS
    assert to_params(DEFAULTS, DEFAULTS) == {}
    assert from_params({}, CHOICES, DEFAULTS) == (DEFAULTS, [])


@pytest.mark.parametrize(
    ("changes", "params"),
    [
        ({"dates": (date(2016, 1, 1), date(2016, 12, 31))}, {"from": ["2016-01-01"], "to": ["2016-12-31"]}),
        ({"dates": (date(2016, 1, 1), SPAN[1])}, {"from": ["2016-01-01"]}),
        ({"dates": (SPAN[0], date(2015, 2, 1))}, {"to": ["2015-02-01"]}),
        ({"kinds": ("place",)}, {"kind": ["place"]}),
        ({"kinds": ()}, {"kind": [""]}),  # nothing in Show: every kind is drawn
        ({"actors": ("ISIS", "قوات سوريا الديمقراطية")}, {"actor": ["ISIS", "قوات سوريا الديمقراطية"]}),
        ({"types": ("Battles",), "countries": ("SY",)}, {"type": ["Battles"], "country": ["SY"]}),
        ({"text": "الموصل"}, {"q": ["الموصل"]}),
        ({"sources": ("وكالة دجلة الإخبارية",)}, {"source": ["وكالة دجلة الإخبارية"]}),
        ({"precise": True}, {"precise": ["1"]}),
    ],
)
def test_a_changed_filter_goes_to_the_url_and_back(changes: dict[str, Any], params: dict[str, list[str]]) -> None:
    values = FilterValues(**{**_fields(DEFAULTS), **changes})
    assert to_params(values, DEFAULTS) == params
    assert from_params(params, CHOICES, DEFAULTS) == (values, [])


def _fields(values: FilterValues) -> dict[str, Any]:
    return {name: getattr(values, name) for name in FilterValues.__slots__}


@pytest.mark.parametrize(
    ("params", "changes", "ignored"),
    [
        ({"actor": ["Nobody"]}, {}, ["actor 'Nobody'"]),
        ({"actor": ["Nobody", "ISIS"]}, {"actors": ("ISIS",)}, ["actor 'Nobody'"]),
        ({"kind": ["tank"]}, {}, ["kind 'tank'"]),  # only unknown kinds: Show keeps its default
        ({"country": ["Syria"]}, {}, ["country 'Syria'"]),
        ({"from": ["2016-13-01"]}, {}, ["from '2016-13-01'"]),
        ({"to": ["yesterday"], "from": ["2016-01-01"]}, {"dates": (date(2016, 1, 1), SPAN[1])}, ["to 'yesterday'"]),
        ({"from": ["2010-01-01"]}, {}, ["from '2010-01-01' (outside 2014-06-04 – 2017-11-03)"]),
        ({"from": ["2017-01-01"], "to": ["2016-01-01"]}, {}, ["from 2017-01-01 after to 2016-01-01"]),
        ({"q": ["  "], "type": [""]}, {}, []),  # blank: the default
        ({"actor": ["ISIS", "ISIS"]}, {"actors": ("ISIS",)}, []),
        ({"precise": ["yes"]}, {"precise": True}, []),
        ({"precise": ["0"]}, {}, []),
        ({"precise": ["maybe"]}, {}, ["precise 'maybe'"]),
    ],
)
def test_values_the_store_does_not_offer_are_ignored_and_named(
    params: dict[str, list[str]], changes: dict[str, Any], ignored: list[str]
) -> None:
    values = FilterValues(**{**_fields(DEFAULTS), **changes})
    assert from_params(params, CHOICES, DEFAULTS) == (values, ignored)


def test_dates_without_a_dated_feature_are_ignored() -> None:
    choices = Choices(None, CHOICES.kinds, (), (), (), ())
    defaults = defaults_of(choices, ("event",))
    assert from_params({"from": ["2016-01-01"]}, choices, defaults) == (
        defaults,
        ["from '2016-01-01' (no dated feature)"],
    )


def test_the_message_names_every_ignored_value() -> None:
    assert ignored_message(["actor 'Nobody'", "kind 'tank'"]) == "Ignored in the link: actor 'Nobody', kind 'tank'."


def _subsets(items: tuple[str, ...]) -> st.SearchStrategy[tuple[str, ...]]:
    return st.lists(st.sampled_from(items), unique=True).map(tuple)


@given(
    dates=st.tuples(st.dates(SPAN[0], SPAN[1]), st.dates(SPAN[0], SPAN[1])).map(lambda d: tuple(sorted(d))),
    kinds=_subsets(CHOICES.kinds),
    actors=_subsets(CHOICES.actors),
    types=_subsets(CHOICES.types),
    countries=_subsets(CHOICES.countries),
    text=st.text(max_size=12).filter(lambda t: t.strip()),
    sources=_subsets(CHOICES.sources),
    precise=st.booleans(),
)
def test_any_filters_survive_the_round_trip(
    dates: tuple[date, date],
    kinds: tuple[str, ...],
    actors: tuple[str, ...],
    types: tuple[str, ...],
    countries: tuple[str, ...],
    text: str,
    sources: tuple[str, ...],
    precise: bool,
) -> None:
    values = FilterValues(dates, kinds, actors, types, countries, text, sources, precise)
    assert from_params(to_params(values, DEFAULTS), CHOICES, DEFAULTS) == (values, [])


# --- the timeline's brushed range: t0/t1 (dashboard.timeline) -------------------------------------------------------


@pytest.mark.parametrize(
    ("window", "params"),
    [
        (None, {}),
        ((date(2016, 3, 7), date(2016, 5, 22)), {"t0": ["2016-03-07"], "t1": ["2016-05-22"]}),
        (SPAN, {"t0": ["2014-06-04"], "t1": ["2017-11-03"]}),  # the whole span, brushed, is a range too
    ],
)
def test_the_brushed_range_goes_to_the_url_and_back(window: tuple[date, date] | None, params: dict) -> None:
    assert window_to_params(window) == params
    assert window_from_params(params, SPAN) == (window, [])


@pytest.mark.parametrize(
    ("params", "window", "ignored"),
    [
        ({"t0": ["2016-03-07"]}, (date(2016, 3, 7), SPAN[1]), []),
        ({"t0": ["2016-13-01"], "t1": ["2016-05-22"]}, (SPAN[0], date(2016, 5, 22)), ["t0 '2016-13-01'"]),
        ({"t1": ["2030-01-01"]}, None, ["t1 '2030-01-01' (outside 2014-06-04 – 2017-11-03)"]),
        ({"t0": ["2017-01-01"], "t1": ["2016-01-01"]}, None, ["t0 2017-01-01 after t1 2016-01-01"]),
    ],
)
def test_a_brushed_range_the_store_cannot_hold_is_ignored_and_named(
    params: dict, window: tuple[date, date] | None, ignored: list[str]
) -> None:
    assert window_from_params(params, SPAN) == (window, ignored)
    assert window_from_params({"t0": ["2016-01-01"]}, None) == (None, ["t0 '2016-01-01' (no dated feature)"])


def test_the_brushed_range_is_not_a_sidebar_parameter() -> None:
    """`_sync_url` of the sidebar rewrites PARAM_KEYS: t0/t1 must not be among them, or it would drop them."""
    assert not set(WINDOW_KEYS) & set(PARAM_KEYS)
    assert from_params({"t0": ["2016-01-01"]}, CHOICES, DEFAULTS) == (DEFAULTS, [])
