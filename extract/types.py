"""The data model: frozen dataclasses passed between every module.

Character offsets into `Document.text` are the truth: for any span,
`doc.text[start:end]` is exactly what the user sees highlighted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from geodata.records import DateRef, DocumentRecord, Span

__all__ = [
    "HARM_TYPES",
    "VIOLENT_TYPES",
    "ActorMention",
    "DateRef",
    "Document",
    "Event",
    "Extraction",
    "Movement",
    "Place",
    "Route",
    "Span",
]

# ACLED's event types of political violence, and those of them that strike from afar or at civilians
VIOLENT_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
HARM_TYPES = frozenset({"Explosions/Remote violence", "Violence against civilians"})
TAKING_TYPES = frozenset({"Government regains territory", "Non-state actor overtakes territory"})  # sub-event types


@dataclass(frozen=True, slots=True)
class Document:
    """An article as read; metadata parsed from its header where present."""

    doc_id: str
    text: str
    lang: str  # "ar" | "en"
    title: str = ""
    published: date | None = None
    source: str = ""
    dateline: Span | None = None  # the city named at the opening of the body
    body_start: int = 0

    def record(self) -> DocumentRecord:
        """The document as the store keeps it."""
        return DocumentRecord(
            name=self.doc_id,
            text=self.text,
            lang=self.lang,
            title=self.title,
            published=self.published,
            source=self.source,
        )


@dataclass(frozen=True, slots=True)
class Place:
    """A place mention resolved to a gazetteer entry, or, when the gazetteer lacks
    the name (`resolved` False, `gazetteer_id` ""), placed at the administrative
    unit the text puts it in (`placed_at`), as ACLED codes an unknown village."""

    start: int
    end: int
    surface: str
    gazetteer_id: str
    name: str
    name_ar: str
    feature_type: str
    country_code: str
    lat: float
    lon: float
    confidence: float
    geo_precision: int = 1  # 1 the place itself, 2 its district or sub-district, 3 its province or larger
    resolved: bool = True
    placed_at: str = ""  # the unit an unresolved place is placed at ("Hajin Subdistrict")


@dataclass(frozen=True, slots=True)
class ActorMention:
    """A canonical actor (data/actors.csv) as named at `start:end` (tokens `tok_first..tok_last`)."""

    actor_id: str
    name: str
    actor_type: str
    family: str
    start: int
    end: int
    tok_first: int
    tok_last: int


def actor_name(actor: ActorMention | None) -> str:
    """The canonical name of an actor, "" for none."""
    return actor.name if actor else ""


@dataclass(frozen=True, slots=True)
class Event:
    """One ACLED-typed event tied to a place, in one sentence."""

    event_type: str
    sub_event_type: str
    place: Place
    geo_precision: int
    start: int  # the evidence sentence
    end: int
    trigger: Span
    actor1: ActorMention | None = None
    actor2: ActorMention | None = None
    date: DateRef | None = None
    fatalities: int | None = None
    injured: int | None = None
    count: int | None = None
    unit: str = ""


@dataclass(frozen=True, slots=True)
class Movement:
    """An ordered journey: waypoints in travel order."""

    waypoints: tuple[Place, ...]
    start: int  # the evidence sentence
    end: int
    trigger: Span | None = None  # the movement word
    actor: ActorMention | None = None
    count: int | None = None
    unit: str = ""
    date: DateRef | None = None


@dataclass(frozen=True, slots=True)
class Route:
    """A named road, through its endpoints or anchor town."""

    name: str
    via: tuple[Place, ...]
    start: int  # the evidence sentence
    end: int
    road: Span | None = None  # the road as the text names it
    controlled_by: ActorMention | None = None
    status: str = ""


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything extracted from one document."""

    doc: Document
    places: tuple[Place, ...] = ()
    events: tuple[Event, ...] = ()
    movements: tuple[Movement, ...] = ()
    routes: tuple[Route, ...] = ()
    sentences: tuple[Span, ...] = field(default=())
