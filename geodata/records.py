"""The typed records that cross the floors: documents and features.

Extraction (`extract`) makes them, the store keeps and returns them, the
dashboard renders them; they become GeoJSON, CSV or GeoPackage only at the
edges (`geodata.formats`). Character offsets into the document's text are the
truth: for every `Span`, `text[start:end]` is what the user sees highlighted.

Every feature has a stable id (`feature_id`: the document's content hash and
what the feature is anchored on, so re-extracting the same text gives the
same ids), its evidence sentence with its offsets, and the span of its
mention or trigger. Places it names (an event's location, a journey's
waypoints, a road's towns) are `PlaceRef`s with their own spans; actors are
`ActorRef`s with their canonical id and family from `extract/data/actors.csv`.
"""

from __future__ import annotations

import calendar
import hashlib
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, ClassVar

KINDS: tuple[str, ...] = ("place", "event", "movement", "route")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Span:
    """Character offsets into a document's text: `text[start:end]`."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class DateRef:
    """A date: `value` and its precision (day, week, month, year, range); `start`..`end` is the
    period it stands for; `span` is where the text gives it (None when inferred)."""

    value: date
    precision: str
    start: date
    end: date
    span: Span | None = None


def dated(value: date, precision: str = "day") -> DateRef:
    """A date and the days its precision stands for: a week is the date and the six days after, a
    month or a year the whole of it (ACLED's and UCDP's reading of their own precisions)."""
    if precision == "week":
        return DateRef(value, precision, value, value + timedelta(days=6))
    if precision == "month":
        return DateRef(
            value,
            precision,
            value.replace(day=1),
            date(value.year, value.month, calendar.monthrange(value.year, value.month)[1]),
        )
    if precision == "year":
        return DateRef(value, precision, date(value.year, 1, 1), date(value.year, 12, 31))
    return DateRef(value, precision, value, value)


@dataclass(frozen=True, slots=True)
class DocumentRecord:
    """A document as stored: its text exactly as read, and what is known of it."""

    name: str  # file name, JSON Lines id, or the imported file's name
    text: str
    lang: str
    title: str = ""
    published: date | None = None
    source: str = ""
    origin: str = "article"  # article | import

    @property
    def doc_id(self) -> str:
        return document_id(self.text)


def document_id(text: str) -> str:
    """Content hash: sha256 of the NFC text with whitespace runs collapsed, first 16 hex chars."""
    norm = _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()
    return hashlib.sha256(norm.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def feature_id(doc_key: str, kind: str, *anchor: object) -> str:
    """A stable feature id: the document's key, the kind's letter, a hash of what the
    feature is anchored on (its spans and places), so the same text gives the same id."""
    digest = hashlib.sha1("|".join(map(str, (kind, *anchor))).encode("utf-8", "surrogatepass")).hexdigest()
    return f"{doc_key}-{kind[0]}{digest[:10]}"


@dataclass(frozen=True, slots=True)
class PlaceRef:
    """A place a feature is at or passes through, and where the text names it."""

    name: str
    lat: float
    lon: float
    gazetteer_id: str = ""
    name_ar: str = ""
    country_code: str = ""
    feature_type: str = ""
    span: Span | None = None


@dataclass(frozen=True, slots=True)
class ActorRef:
    """An actor: its canonical name, id and family (actors.csv), and where the text names it.
    Imported datasets give only the name."""

    name: str
    actor_id: str = ""
    family: str = ""
    span: Span | None = None


REVIEW_STATUSES: tuple[str, ...] = ("unreviewed", "accepted", "corrected", "rejected", "merged")


@dataclass(frozen=True, slots=True)
class Source:
    """One report of a feature: a merged event lists every one (ACLED joins its sources with '; ')."""

    feature_id: str
    doc: str
    source: str = ""
    evidence: str = ""


@dataclass(frozen=True, slots=True)
class Review:
    """An analyst's decision on a feature: its status (accepted, corrected, rejected, merged into another),
    who made the last change and when, the version an editor must have read to change it again, the
    reason of a rejection, and the sources of a merged event."""

    status: str
    by: str = ""
    at: str = ""  # ISO 8601, UTC
    version: int = 0
    reason: str = ""
    merged_into: str = ""
    sources: tuple[Source, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class FeatureRecord:
    """What every feature has. `doc` is the document's name as extracted and its store id once
    stored; `span` is the mention (place), the trigger (event), the movement word or the road."""

    kind: ClassVar[str] = ""
    feature_id: str
    doc: str
    lang: str = ""
    evidence: str = ""
    evidence_span: Span | None = None
    span: Span | None = None
    confidence: float | None = None
    source: str = ""  # the document's source (a news agency, "ACLED"), filled in by the store
    period: tuple[date, date] | None = None  # the days it covers, filled in by the store
    extra: Mapping[str, Any] = field(default_factory=dict, compare=False)  # imported datasets' own columns
    review: Review | None = field(default=None, compare=False)  # what an analyst decided (the store fills it in)

    @property
    def vertices(self) -> tuple[PlaceRef, ...]:
        """The places its geometry runs through, in order."""
        raise NotImplementedError

    @property
    def actors(self) -> tuple[ActorRef, ...]:
        return ()

    @property
    def when(self) -> DateRef | None:
        return None


@dataclass(frozen=True, slots=True, kw_only=True)
class PlaceRecord(FeatureRecord):
    """A place mention resolved to a gazetteer entry; or a name the gazetteer lacks
    (`resolved` False, `place.gazetteer_id` ""), placed at the unit around it."""

    kind: ClassVar[str] = "place"
    place: PlaceRef
    surface: str = ""
    geo_precision: int | None = None  # 1 the place itself, 2 district / sub-district, 3 province or larger
    resolved: bool = True
    placed_at: str = ""  # the unit an unresolved place is placed at

    @property
    def vertices(self) -> tuple[PlaceRef, ...]:
        return (self.place,)


@dataclass(frozen=True, slots=True, kw_only=True)
class EventRecord(FeatureRecord):
    """An event in ACLED's taxonomy at one place."""

    kind: ClassVar[str] = "event"
    event_type: str
    sub_event_type: str = ""
    place: PlaceRef
    geo_precision: int | None = None
    actor1: ActorRef | None = None
    actor2: ActorRef | None = None
    date: DateRef | None = None
    fatalities: int | None = None
    injured: int | None = None  # kept apart from the dead
    count: int | None = None
    unit: str = ""

    @property
    def vertices(self) -> tuple[PlaceRef, ...]:
        return (self.place,)

    @property
    def actors(self) -> tuple[ActorRef, ...]:
        return tuple(a for a in (self.actor1, self.actor2) if a is not None)

    @property
    def when(self) -> DateRef | None:
        return self.date


@dataclass(frozen=True, slots=True, kw_only=True)
class MovementRecord(FeatureRecord):
    """A journey: its waypoints in travel order."""

    kind: ClassVar[str] = "movement"
    waypoints: tuple[PlaceRef, ...]
    actor: ActorRef | None = None
    count: int | None = None
    unit: str = ""
    date: DateRef | None = None

    @property
    def vertices(self) -> tuple[PlaceRef, ...]:
        return self.waypoints

    @property
    def actors(self) -> tuple[ActorRef, ...]:
        return (self.actor,) if self.actor else ()

    @property
    def when(self) -> DateRef | None:
        return self.date


@dataclass(frozen=True, slots=True, kw_only=True)
class RouteRecord(FeatureRecord):
    """A road through its towns, and who holds it."""

    kind: ClassVar[str] = "route"
    name: str
    via: tuple[PlaceRef, ...]
    controlled_by: ActorRef | None = None
    status: str = ""

    @property
    def vertices(self) -> tuple[PlaceRef, ...]:
        return self.via

    @property
    def actors(self) -> tuple[ActorRef, ...]:
        return (self.controlled_by,) if self.controlled_by else ()


Record = PlaceRecord | EventRecord | MovementRecord | RouteRecord
RECORD_TYPES: dict[str, type[FeatureRecord]] = {
    "place": PlaceRecord,
    "event": EventRecord,
    "movement": MovementRecord,
    "route": RouteRecord,
}
