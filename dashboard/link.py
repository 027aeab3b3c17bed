"""The rest of the Map page's view in its URL, beside the filters (`url_state`) and the brushed range
(`timeline`): the map's centre and zoom, `?view=LAT,LON,ZOOM`, and the chosen feature, `?f=ID`.

The map writes its view into the page's URL itself after every pan or zoom (khareeta.js, with
`history.replaceState`: no rerun, no new history entry for each pan); the page's next run receives it
with the rest of the URL. The page writes `f` whenever the chosen feature changes. A link opened in a new
session draws the map at its view, for as long as the filters are those the link gave (a filter
changed, the map fits what it then draws, as always), and opens its feature beside the map, brought into
view and opened on it as a row chosen in the table is. A view that is not three numbers in range is
ignored: the map fits its data.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, MutableMapping
from typing import Any

from dashboard import selection
from geodata.store.filters import Filters

Session = Any  # st.session_state, or a dict in tests
View = tuple[float, float, float]  # latitude, longitude, zoom

VIEW, FEATURE = "view", "f"
MAX_ZOOM = 20
_READ = "link_read"  # session: the link it was opened with has been read
_VIEW = "link_view"  # session: (the link's view, the filters it goes with; None until the first run's)


def parse_view(value: object) -> View | None:
    """`LAT,LON,ZOOM` (as the map writes it) -> (lat, lon, zoom); None when it is not that, in range."""
    if not isinstance(value, str):
        return None
    try:
        lat, lon, zoom = (float(v) for v in value.split(","))
    except ValueError:
        return None
    if not all(math.isfinite(v) for v in (lat, lon, zoom)):
        return None
    if abs(lat) > 90 or abs(lon) > 180 or not 0 <= zoom <= MAX_ZOOM:
        return None
    return lat, lon, zoom


def read_link(session: Session, params: Mapping[str, Any]) -> None:
    """Once per session: the view and the feature of the URL the session was opened with."""
    if session.get(_READ):
        return
    session[_READ] = True
    view = parse_view(params.get(VIEW))
    if view is not None:
        session[_VIEW] = (view, None)
    feature = params.get(FEATURE)
    if isinstance(feature, str) and feature.strip():
        selection.choose_linked(session, feature.strip())


def link_view(session: Session, filters: Filters) -> View | None:
    """The link's view while the filters are the first ones the page ran with; None (the map fits its
    data) once they changed, or when the link gave none."""
    kept = session.get(_VIEW)
    if not kept:
        return None
    view, with_filters = kept
    if with_filters is None:
        session[_VIEW] = (view, filters)
        return view
    if with_filters == filters:
        return view
    session[_VIEW] = None
    return None


def sync_feature(params: MutableMapping[str, Any], chosen: str | None) -> None:
    """`f` in the URL: the chosen feature's id (removed when none is chosen); written only when it changes."""
    if chosen:
        if params.get(FEATURE) != chosen:
            params[FEATURE] = chosen
    elif FEATURE in params:
        del params[FEATURE]
