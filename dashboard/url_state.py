"""The Map page's filters in the URL: what the sidebar's widgets hold <-> query parameters.

Pure functions over plain values; `dashboard.sidebar` reads and writes `st.query_params` with them.
A filter at its default is not in the URL; a multiselect is a repeated key
(`?actor=ISIS&actor=SDF`); an empty **Show** is `?kind=` (nothing picked: every kind is drawn); **Precise
places only** is `?precise=1`.
Example: `?from=2016-01-01&to=2016-12-31&kind=event&actor=ISIS&country=SY&q=Mosul&precise=1`; the review
statuses shown are `?review=rejected&review=corrected` (none: all but the rejected and merged).

The Map page's timeline keeps its brushed range apart, as `t0`/`t1` (`WINDOW_KEYS`, written by
`dashboard.timeline`): `from`/`to` are the sidebar's dates, `t0`/`t1` the range brushed inside them
(`?from=2016-01-01&t0=2016-10-03&t1=2016-11-27`). Neither is in the URL when not set.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date

from extract.actors import canonical_actor_names
from geodata.records import REVIEW_STATUSES

DATE_FROM, DATE_TO, TEXT, PRECISE = "from", "to", "q", "precise"
# Query parameter -> the `FilterValues` field of a multiselect.
MULTI = {
    "kind": "kinds",
    "actor": "actors",
    "type": "types",
    "country": "countries",
    "source": "sources",
    "review": "review",
}
PARAM_KEYS = (DATE_FROM, DATE_TO, *MULTI, TEXT, PRECISE)
_YES, _NO = ("1", "true", "yes", "on"), ("0", "false", "no", "off", "")
WINDOW_FROM, WINDOW_TO = "t0", "t1"  # the timeline's brushed range (`dashboard.timeline`)
WINDOW_KEYS = (WINDOW_FROM, WINDOW_TO)


@dataclass(frozen=True, slots=True)
class FilterValues:
    """What the sidebar's widgets hold. `dates` is the picked range; None when the store has no dates."""

    dates: tuple[date, date] | None = None
    kinds: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    text: str = ""
    sources: tuple[str, ...] = ()
    precise: bool = False
    review: tuple[str, ...] = ()  # review statuses; none: all but the rejected and merged


@dataclass(frozen=True, slots=True)
class Choices:
    """What each widget offers: `dates` is the store's whole span (None: no dated feature)."""

    dates: tuple[date, date] | None
    kinds: tuple[str, ...]
    actors: tuple[str, ...]
    types: tuple[str, ...]
    countries: tuple[str, ...]
    sources: tuple[str, ...]
    review: tuple[str, ...] = REVIEW_STATUSES


def defaults_of(choices: Choices, kinds: Sequence[str]) -> FilterValues:
    """The widgets' defaults: the whole span, `kinds` shown, nothing else picked."""
    return FilterValues(dates=choices.dates, kinds=tuple(kinds))


def to_params(values: FilterValues, defaults: FilterValues) -> dict[str, list[str]]:
    """The query parameters of the filters that differ from their defaults (keys of `PARAM_KEYS`)."""
    params: dict[str, list[str]] = {}
    if values.dates and defaults.dates and values.dates != defaults.dates:
        for key, picked, default in zip((DATE_FROM, DATE_TO), values.dates, defaults.dates, strict=True):
            if picked != default:
                params[key] = [picked.isoformat()]
    for key, name in MULTI.items():
        picked = getattr(values, name)
        if picked != getattr(defaults, name):
            params[key] = list(picked) or [""]  # `?kind=`: nothing picked
    if values.text.strip() and values.text != defaults.text:
        params[TEXT] = [values.text]
    if values.precise != defaults.precise:
        params[PRECISE] = ["1" if values.precise else "0"]
    return params


def from_params(
    params: Mapping[str, Sequence[str]], choices: Choices, defaults: FilterValues
) -> tuple[FilterValues, list[str]]:
    """The filters the query parameters set (others at their defaults) and the values ignored, as
    `key 'value'` phrases: unknown choices, dates that are not YYYY-MM-DD or fall outside the span."""
    ignored: list[str] = []
    values = defaults
    for key, name in MULTI.items():
        if key not in params:
            continue
        allowed = getattr(choices, name)
        given = [v.strip() for v in params[key]]
        if name == "actors":  # ?actor=داعش: the stored name it stands for
            given = [
                v if not v or v in allowed else next((c for c in canonical_actor_names(v) if c in allowed), v)
                for v in given
            ]
        ignored += [f"{key} {v!r}" for v in given if v and v not in allowed]
        picked = tuple(dict.fromkeys(v for v in given if v in allowed))
        if picked or all(not v for v in given):  # `?kind=` clears; only unknown values keep the default
            values = replace(values, **{name: picked})  # type: ignore[arg-type]  # `name` is a tuple field
    text = [v for v in params.get(TEXT, ()) if v.strip()]
    if text:
        values = replace(values, text=text[0])
    for flag in params.get(PRECISE, ())[:1]:
        if flag.strip().lower() in (*_YES, *_NO):
            values = replace(values, precise=flag.strip().lower() in _YES)
        else:
            ignored.append(f"{PRECISE} {flag!r}")
    dates, bad = _dates_from(params, choices.dates)
    return (replace(values, dates=dates) if dates else values), ignored + bad


def window_to_params(window: tuple[date, date] | None) -> dict[str, list[str]]:
    """The timeline's brushed range as `t0`/`t1` (both, or nothing when no range is brushed)."""
    if window is None:
        return {}
    return {WINDOW_FROM: [window[0].isoformat()], WINDOW_TO: [window[1].isoformat()]}


def window_from_params(
    params: Mapping[str, Sequence[str]], span: tuple[date, date] | None
) -> tuple[tuple[date, date] | None, list[str]]:
    """The range `t0`/`t1` brush inside the store's `span` (a missing or ignored end is the span's; None when
    neither is usable: no range is brushed) and the ignored values."""
    picked, ignored = _dates_from(params, span, keys=WINDOW_KEYS)
    given = [key for key in WINDOW_KEYS if params.get(key)]
    return (picked if len(ignored) < len(given) else None), ignored


def _dates_from(
    params: Mapping[str, Sequence[str]], span: tuple[date, date] | None, *, keys: tuple[str, str] = (DATE_FROM, DATE_TO)
) -> tuple[tuple[date, date] | None, list[str]]:
    """The range `keys` (`from`/`to`) pick inside `span` (None: neither is usable) and the ignored values."""
    given = {key: params[key][-1].strip() for key in keys if params.get(key)}
    if not given:
        return None, []
    if span is None:
        return None, [f"{key} {v!r} (no dated feature)" for key, v in given.items()]
    picked, ignored = list(span), []
    for i, key in enumerate(keys):
        if key not in given:
            continue
        try:
            day = date.fromisoformat(given[key])
        except ValueError:
            ignored.append(f"{key} {given[key]!r}")
            continue
        if span[0] <= day <= span[1]:
            picked[i] = day
        else:
            ignored.append(f"{key} {given[key]!r} (outside {span[0]} – {span[1]})")
    if picked[0] > picked[1]:
        return None, [*ignored, f"{keys[0]} {picked[0]} after {keys[1]} {picked[1]}"]
    return (picked[0], picked[1]), ignored


def ignored_message(ignored: Sequence[str]) -> str:
    """One line saying which of the link's filter values were ignored."""
    return f"Ignored in the link: {', '.join(ignored)}."
