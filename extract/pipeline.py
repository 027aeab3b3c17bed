"""The pipeline: text -> Document -> an annotated document, one step after another.

As in spaCy, every step is `step(doc) -> doc`: it reads the layers the steps
before it added to the `Annotated` document and returns it with its own layer
added (sentences, places, actors, dates, sites, events, movements, routes).
`steps(gaz)` is the ordered list; a new step goes into it where its inputs
are ready.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from functools import lru_cache, partial

from extract.actors import actors_in
from extract.annotated import Annotated, PlaceTok
from extract.dates import dates_in
from extract.document import make_document
from extract.event_frames import complete_events
from extract.events import events_in
from extract.inputs import RawArticle
from extract.lexicons import event_cues
from extract.movements import movements_in
from extract.nominals import nominal_places
from extract.places import places_in_text
from extract.referring import referring_actors
from extract.routes import routes_in
from extract.sentences import sentence_spans
from extract.types import ActorMention, DateRef, Document, Extraction
from extract.wordforms import word_forms
from geodata import gazetteer as gazetteer_mod
from geodata.errors import KhareetaError, Problem
from geodata.gazetteer import Gazetteer
from geodata.names import normalize_text

Step = Callable[[Annotated], Annotated]


def article_week(doc: Document) -> DateRef | None:
    """Events the text does not date took place in the week up to publication."""
    return None if doc.published is None else _week_to(doc.published)


@lru_cache(maxsize=4096)
def _week_to(published: date) -> DateRef:
    """The week up to a day (a frozen value: the events and movements of a day's articles share it)."""
    return DateRef(published, "week", published - timedelta(days=6), published, None)


def with_sentences(ann: Annotated) -> Annotated:
    return ann.adding(sentences=tuple(sentence_spans(ann.doc.text)))


def with_places(ann: Annotated, *, gaz: Gazetteer) -> Annotated:
    places = places_in_text(ann.doc.text, gaz, ann.nt)
    return ann.adding(places=tuple(PlaceTok(p, ann.tok_of(p.start), ann.tok_of(p.end - 1)) for p in places))


def with_actors(ann: Annotated) -> Annotated:
    found = actors_in(ann.doc.text, ann.nt, ann.country())
    # Only a place of two words or more holds a longer name than an actor's: most actors stand in none.
    held = {t for p in ann.places if p.tok_last > p.tok_first for t in range(p.tok_first, p.tok_last + 1)}
    named = [
        a for a in found if (a.tok_first not in held or not _part_of_a_place(ann, a)) and not _across_border(ann, a)
    ]
    return ann.adding(actors=tuple(sorted([*named, *referring_actors(ann, named)], key=lambda a: a.start)))


def _part_of_a_place(ann: Annotated, a: ActorMention) -> bool:
    """'Al-Assad Suburb': an actor's name inside a longer place name is the place's."""
    return any(
        p.tok_first <= a.tok_first and a.tok_last <= p.tok_last and p.tok_last - p.tok_first > a.tok_last - a.tok_first
        for p in ann.places_in(max(0, a.tok_first - 4), a.tok_last + 4)
    )


def _across_border(ann: Annotated, a: ActorMention) -> bool:
    """'the border town of Tal Abyad on the border with Turkey', 'الحدودية مع تركيا': the country over a border is
    a place there, not an actor (event_cues.json `border_words`, `border_links`)."""
    cue = event_cues()
    return ann.word(a.tok_first - 1) in cue["border_links"] and bool(
        word_forms(ann.word(a.tok_first - 2)) & cue["border_words"]
        or word_forms(ann.word(a.tok_first - 3)) & cue["border_words"]
    )


def with_dates(ann: Annotated) -> Annotated:
    return ann.adding(dates=tuple(dates_in(ann.doc.text, ann.nt, ann.doc.published)))


def with_sites(ann: Annotated) -> Annotated:
    return ann.adding(sites=tuple(nominal_places(ann)))


def with_events(ann: Annotated) -> Annotated:
    return ann.adding(events=tuple(complete_events(ann, events_in(ann, article_week(ann.doc)))))


def with_movements(ann: Annotated) -> Annotated:
    return ann.adding(movements=tuple(movements_in(ann, article_week(ann.doc))))


def with_routes(ann: Annotated) -> Annotated:
    return ann.adding(routes=tuple(routes_in(ann)))


def steps(gaz: Gazetteer) -> tuple[Step, ...]:
    """The steps in the order they run."""
    return (
        with_sentences,
        partial(with_places, gaz=gaz),
        with_actors,
        with_dates,
        with_sites,
        with_events,
        with_movements,
        with_routes,
    )


def extract_document(doc: Document, gaz: Gazetteer | None = None) -> Extraction:
    """Everything the tool extracts from one document."""
    ann = Annotated(doc, normalize_text(doc.text))
    for step in steps(gaz or gazetteer_mod.get()):
        ann = step(ann)
    return ann.extraction()


def extract_article(raw: RawArticle, *, default_date: str | None = None, gaz: Gazetteer | None = None) -> Extraction:
    """Parse and extract one raw article."""
    doc = make_document(
        raw.text, doc_id=raw.doc_id, lang=raw.lang, title=raw.title, published=raw.date, default_date=default_date
    )
    return extract_document(doc, gaz)


def try_extract(
    raw: RawArticle,
    *,
    default_date: str | None = None,
    gaz: Gazetteer | None = None,
) -> Extraction | Problem:
    """`extract_article`, or the problem that stands in its place: one article never costs a batch."""
    try:
        return extract_article(raw, default_date=default_date, gaz=gaz)
    except KhareetaError as exc:
        return raw.problem(exc.problem.reason)
    except Exception as exc:  # a bug, not the input's fault: reported as one line, the batch goes on
        return raw.problem(f"unexpected error ({type(exc).__name__}: {exc}); please report it.")
