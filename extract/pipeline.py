"""text -> Document -> places -> routes, movements, events: `step(doc)`."""

from __future__ import annotations

from datetime import timedelta

from extract.actors import actors_in
from extract.annotated import Annotated, PlaceTok
from extract.dates import dates_in
from extract.document import make_document
from extract.events import events_in
from extract.inputs import RawArticle
from extract.movements import movements_in
from extract.nominals import nominal_places
from extract.places import places_from_doc
from extract.routes import routes_in
from extract.sentences import sentence_spans
from extract.types import DateRef, Document, Extraction, Place
from geodata import gazetteer as gazetteer_mod
from geodata.errors import KhareetaError, Problem
from geodata.gazetteer import Gazetteer
from geodata.names import NormText, normalize_text


def _article_date(doc: Document) -> DateRef | None:
    """Events the text does not date took place in the week up to publication."""
    if doc.published is None:
        return None
    return DateRef(doc.published, "week", doc.published - timedelta(days=6), doc.published, None)


def annotate(doc: Document, places: list[Place], nt: NormText | None = None) -> Annotated:
    nt = nt or normalize_text(doc.text)
    ann = Annotated(doc, nt, (), (), (), ())
    toks = tuple(PlaceTok(p, ann.tok_of(p.start), ann.tok_of(p.end - 1)) for p in places)
    return Annotated(doc, nt, toks, tuple(actors_in(doc.text, nt)), tuple(dates_in(doc.text, nt, doc.published)),
                     tuple(sentence_spans(doc.text)))


def extract_document(doc: Document, gaz: Gazetteer | None = None) -> Extraction:
    """Everything the tool extracts from one document."""
    gaz = gaz or gazetteer_mod.get()
    nt = normalize_text(doc.text)
    places = places_from_doc(doc, gaz, nt)
    ann = annotate(doc, places, nt)
    default = _article_date(doc)
    nominal = nominal_places(ann)
    all_places = tuple(sorted([*places, *nominal], key=lambda p: p.start))
    return Extraction(doc=doc, places=all_places, events=tuple(events_in(ann, default)),
                      movements=tuple(movements_in(ann, default)), routes=tuple(routes_in(ann)),
                      sentences=ann.sentences)


def extract_article(raw: RawArticle, *, default_date: str | None = None, gaz: Gazetteer | None = None) -> Extraction:
    """Parse and extract one raw article."""
    doc = make_document(raw.text, doc_id=raw.doc_id, lang=raw.lang, title=raw.title,
                        published=raw.date, default_date=default_date)
    return extract_document(doc, gaz)


def try_extract(raw: RawArticle, *, default_date: str | None = None, gaz: Gazetteer | None = None,
                ) -> Extraction | Problem:
    """`extract_article`, or the problem that stands in its place: one article never costs a batch."""
    try:
        return extract_article(raw, default_date=default_date, gaz=gaz)
    except KhareetaError as exc:
        return raw.problem(exc.problem.reason)
    except Exception as exc:  # a bug, not the input's fault: reported as one line, the batch goes on
        return raw.problem(f"unexpected error ({type(exc).__name__}: {exc}); please report it.")
