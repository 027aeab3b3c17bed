"""Names the gazetteer lacked, for the Gazetteer page: table rows, the sentences that name them,
the form's first values, the unit they are placed at on the map, a click on the map. Pure functions."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from dashboard.markup import DocMeta, highlight, source_html
from dashboard.tables import EVIDENCE_CHARS
from geodata.names import is_arabic
from geodata.records import PlaceRecord, PlaceRef
from geodata.store import UnresolvedName

PLACE_MARK = "kh-m"
MENTIONS_SHOWN = 12


@dataclass(frozen=True, slots=True)
class NewPlace:
    """What the form to add a name starts with: the name in its script, the unit's country."""

    name: str
    name_ar: str
    country_code: str


def _short(text: str, limit: int = EVIDENCE_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def placed_text(u: UnresolvedName) -> str:
    """'Hajin Subdistrict (SY), geo precision 2'."""
    unit = " / ".join(u.placed_at) or "the region around it"
    cc = f" ({u.country_code})" if u.country_code else ""
    gp = f", geo precision {u.geo_precision}" if u.geo_precision else ""
    return f"{unit}{cc}{gp}"


def name_rows(names: Sequence[UnresolvedName]) -> list[dict[str, Any]]:
    """One row per name (plain text: the data grid never interprets HTML)."""
    return [
        {
            "name": u.name,
            "features": u.count,
            "articles": len(u.documents),
            "placed at": placed_text(u),
            "other spellings": ", ".join(u.spellings[1:]),
            "evidence": _short(u.mentions[0].evidence) if u.mentions else "",
        }
        for u in names
    ]


def label(u: UnresolvedName) -> str:
    """The name in the chooser: 'Tell Xyzabad — 3 features, placed at Hajin Subdistrict (SY), ...'."""
    return f"{u.name} — {u.count} feature{'s' if u.count != 1 else ''}, placed at {placed_text(u)}"


def mentions_html(u: UnresolvedName, docs: Mapping[str, DocMeta], *, limit: int = MENTIONS_SHOWN) -> str:
    """The sentences that name it, escaped, the name marked, each with its article (the first `limit`)."""
    parts = []
    for m in u.mentions[:limit]:
        marks = [(m.mark.start, m.mark.end, PLACE_MARK)] if m.mark else []
        parts.append(
            highlight(m.evidence, marks, lang=m.lang or None, tag="blockquote") + source_html(docs.get(m.doc_id))
        )
    more = len(u.mentions) - limit
    if more > 0:
        parts.append(f'<div class="kh-meta">… and {more} more</div>')
    return "".join(parts)


def new_place(u: UnresolvedName) -> NewPlace:
    """The form's first values: an Arabic name as the Arabic name, any other as the Latin one."""
    arabic = is_arabic(u.name)
    return NewPlace("" if arabic else u.name, u.name if arabic else "", u.country_code)


def unit_records(u: UnresolvedName) -> list[PlaceRecord]:
    """Where the name is placed for now, as a record to draw (the analyst clicks where it really is)."""
    place = PlaceRef(u.name, u.lat, u.lon, country_code=u.country_code, feature_type="village")
    unit = " / ".join(u.placed_at)
    return [
        PlaceRecord(
            feature_id=f"unresolved-{u.key}", doc="", place=place, surface=u.name, resolved=False, placed_at=unit
        )
    ]


def clicked_point(out: Mapping[str, Any] | None) -> tuple[float, float] | None:
    """(lat, lon) of the last click on a map (streamlit-folium's `last_clicked`), rounded to 5 decimals."""
    click = (out or {}).get("last_clicked")
    if not isinstance(click, Mapping):
        return None
    lat, lon = click.get("lat"), click.get("lng")
    if not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in (lat, lon)):
        return None
    assert isinstance(lat, (int, float)) and isinstance(lon, (int, float))
    if not (-90 <= lat <= 90):
        return None
    return round(float(lat), 5), round((float(lon) + 180) % 360 - 180, 5)  # a world copied east or west
