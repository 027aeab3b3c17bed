"""Names the gazetteer lacked, and placing the features that name them once it has them.

A place the gazetteer lacked ("the village of Kafr Halab, in Al-Bab subdistrict") is stored as a
place feature with `resolved` false, placed at the unit around it (`placed_at`, geo_precision 2 or
3, as ACLED does); an event, journey or road there names it by a `PlaceRef` without a gazetteer id.
`unresolved_names` lists those names, grouped by their normalised key (`geodata.names`), with every
feature that names them and its evidence. `resolve_named` moves every stored feature that names one
of a new gazetteer entry's names, unresolved, to that entry (resolved, geo_precision 1), in the
caller's transaction. Imported events (ACLED, UCDP) keep the coordinates their dataset gave.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from geodata.geometry import km
from geodata.names import normalize_name
from geodata.records import KINDS, EventRecord, MovementRecord, PlaceRecord, PlaceRef, Record, RouteRecord, Span
from geodata.store.row_reader import RowReader
from geodata.store.rows import located_columns
from geodata.store.schema import TABLES, meta, read_columns

if TYPE_CHECKING:
    from geodata.gazetteer.sources import GazEntry

REVISION = "revision"  # the meta key counting changes made to stored features in place


@dataclass(frozen=True, slots=True)
class Mention:
    """A stored feature that names an unresolved place, the sentence it was read from, and where in
    that sentence the name is (`mark`, offsets into `evidence`; None when not known)."""

    kind: str
    feature_id: str
    doc_id: str
    evidence: str
    mark: Span | None = None
    lang: str = ""


@dataclass(frozen=True, slots=True)
class UnresolvedName:
    """A name the gazetteer lacked: its spellings, where it is placed for now, the features naming it."""

    key: str  # normalize_name of the name
    name: str  # the spelling written most often
    spellings: tuple[str, ...]
    placed_at: tuple[str, ...]  # the units it is placed at, the most frequent first
    lat: float  # where the most frequent unit is
    lon: float
    country_code: str
    geo_precision: int | None
    mentions: tuple[Mention, ...]  # places first, then events, movements and routes, each in stored order

    @property
    def count(self) -> int:
        """How many stored features name it."""
        return len(self.mentions)

    @property
    def documents(self) -> tuple[str, ...]:
        """The stored documents that name it, in the order of their first mention."""
        return tuple(dict.fromkeys(m.doc_id for m in self.mentions))


@dataclass(frozen=True, slots=True)
class Resolution:
    """What placing a name at a gazetteer entry changed: how many stored features of each kind."""

    place: PlaceRef
    updated: Mapping[str, int]

    @property
    def total(self) -> int:
        return sum(self.updated.values())


def place_of_entry(entry: GazEntry) -> PlaceRef:
    """A gazetteer entry as the place a resolved feature is at."""
    return PlaceRef(
        entry.name or entry.name_ar,
        entry.lat,
        entry.lon,
        gazetteer_id=entry.gid,
        name_ar=entry.name_ar,
        country_code=entry.country_code,
        feature_type=entry.feature_type,
    )


def _keys(names: Iterable[str]) -> set[str]:
    return {k for n in names if n and (k := normalize_name(n))}


def _unresolved(r: Record) -> Iterator[tuple[int, PlaceRef, set[str]]]:
    """(position, place, keys of its names) of each place of a record that the gazetteer lacked."""
    if isinstance(r, PlaceRecord):
        if not r.resolved:
            yield 0, r.place, _keys((r.place.name, r.surface, r.place.name_ar))
        return
    for i, p in enumerate(r.vertices):
        if not p.gazetteer_id:
            yield i, p, _keys((p.name, p.name_ar))


def _stored(conn: Connection) -> Iterator[tuple[sa.Table, int, str | None, Record]]:
    """(table, row id, countries, record) of every stored feature that may name a place the gazetteer
    lacked: unresolved places, extracted events without a gazetteer id, every journey and road."""
    for kind, table in TABLES.items():
        c = table.c
        stmt = sa.select(*read_columns(table)).order_by(c.id)
        if kind == "place":
            stmt = stmt.where(c.resolved == sa.false())
        elif kind == "event":
            stmt = stmt.where(sa.func.coalesce(c.gazetteer_id, "") == "", sa.func.coalesce(c.source_dataset, "") == "")
        reader = RowReader(kind)
        at_id, at_countries = reader.at["id"], reader.at["countries"]
        for row in conn.execute(stmt).all():
            r = reader.record(row, {})
            if r is not None:
                yield table, row[at_id], row[at_countries], r


def _mention(r: Record, span: Span | None) -> Mention:
    """A feature as a mention, the name's span made relative to its sentence when it lies inside it."""
    sentence, mark = r.evidence_span, None
    inside = span and sentence and sentence.start <= span.start < span.end <= sentence.end
    if span and sentence and inside and sentence.end - sentence.start == len(r.evidence):
        mark = Span(span.start - sentence.start, span.end - sentence.start)
    return Mention(r.kind, r.feature_id, r.doc, r.evidence, mark, r.lang)


def unresolved_names(conn: Connection) -> list[UnresolvedName]:
    """Every name an unresolved place feature has, with the features that name it; most named first."""
    stored = [r for *_, r in _stored(conn)]
    places: dict[str, list[PlaceRecord]] = {}
    for r in stored:
        if isinstance(r, PlaceRecord) and not r.resolved and (key := normalize_name(r.place.name or r.surface)):
            places.setdefault(key, []).append(r)
    mentions: dict[str, list[Mention]] = {key: [] for key in places}
    for r in stored:
        named: dict[str, Span | None] = {}
        for _, p, keys in _unresolved(r):
            named.update((k, p.span) for k in keys & mentions.keys() if k not in named)
        for key, span in named.items():
            mentions[key].append(_mention(r, span))
    out = [_named(key, found, mentions[key]) for key, found in places.items()]
    return sorted(out, key=lambda u: (-u.count, u.key))


def _named(key: str, places: list[PlaceRecord], mentions: list[Mention]) -> UnresolvedName:
    spellings = Counter(p.place.name or p.surface for p in places)
    units = Counter(p.placed_at for p in places if p.placed_at)
    unit = units.most_common(1)[0][0] if units else ""
    first = next((p for p in places if p.placed_at == unit), places[0])
    return UnresolvedName(
        key=key,
        name=spellings.most_common(1)[0][0],
        spellings=tuple(s for s, _ in spellings.most_common()),
        placed_at=tuple(u for u, _ in units.most_common()),
        lat=first.place.lat,
        lon=first.place.lon,
        country_code=first.place.country_code,
        geo_precision=first.geo_precision,
        mentions=tuple(mentions),
    )


def _at(old: PlaceRef, new: PlaceRef) -> PlaceRef:
    """The place a feature named, now at the gazetteer's entry (where the text names it is kept)."""
    return replace(
        new,
        name_ar=new.name_ar or old.name_ar,
        country_code=new.country_code or old.country_code,
        feature_type=new.feature_type or old.feature_type,
        span=old.span,
    )


SAME_NAME_KM = 250.0  # an unknown village is placed at its unit's seat or provincial capital, never farther


def _same_place(named: PlaceRef, place: PlaceRef) -> bool:
    """A village of that name placed at a unit this near may be the new place; one of the same name
    in another province is another village. (Distance only: a country code typed by hand may be a form's
    default.)"""
    return km(named.lat, named.lon, place.lat, place.lon) <= SAME_NAME_KM


def _moved(r: Record, place: PlaceRef, keys: set[str]) -> Record | None:
    """The record with its places of these names at `place`; None when it names none of them."""
    hits = {i for i, p, names in _unresolved(r) if names & keys and _same_place(p, place)}
    if not hits:
        return None
    if isinstance(r, PlaceRecord):
        return replace(r, place=_at(r.place, place), geo_precision=1, resolved=True, placed_at="")
    if isinstance(r, EventRecord):
        return replace(r, place=_at(r.place, place), geo_precision=1)
    moved = tuple(_at(p, place) if i in hits else p for i, p in enumerate(r.vertices))
    if isinstance(r, MovementRecord):
        return replace(r, waypoints=moved)
    assert isinstance(r, RouteRecord)
    return replace(r, via=moved)


def resolve_named(conn: Connection, place: PlaceRef, names: Iterable[str]) -> Resolution:
    """Place every stored feature that names one of `names` (compared normalised), unresolved, at
    `place`: its coordinates, gazetteer id and names; places resolved, places and events at precision 1."""
    keys = _keys(names)
    updated = dict.fromkeys(KINDS, 0)
    for table, row_id, countries, r in list(_stored(conn)) if keys else ():
        moved = _moved(r, place, keys)
        if moved is not None:
            conn.execute(sa.update(table).where(table.c.id == row_id).values(**located_columns(moved, countries)))
            updated[r.kind] += 1
    if any(updated.values()):
        bump_revision(conn)
    return Resolution(place, updated)


def revision(conn: Connection) -> int:
    """How many times stored features were changed in place (0 when never)."""
    value: Any = conn.execute(sa.select(meta.c.value).where(meta.c.key == REVISION)).scalar()
    return int(value) if value else 0


def bump_revision(conn: Connection) -> None:
    n = revision(conn)
    if n:
        conn.execute(sa.update(meta).where(meta.c.key == REVISION).values(value=str(n + 1)))
    else:
        conn.execute(sa.insert(meta).values(key=REVISION, value="1"))
