"""text -> Document -> places (-> events, movements, routes): `step(doc)`."""

from __future__ import annotations

from extract.document import make_document
from extract.inputs import RawArticle
from extract.places import places_from_doc
from extract.sentences import sentence_spans
from extract.types import Document, Extraction
from geodata import gazetteer as gazetteer_mod
from geodata.gazetteer import Gazetteer


def extract_document(doc: Document, gaz: Gazetteer | None = None) -> Extraction:
    """Everything the tool extracts from one document."""
    gaz = gaz or gazetteer_mod.get()
    places = tuple(places_from_doc(doc, gaz))
    return Extraction(doc=doc, places=places, sentences=tuple(sentence_spans(doc.text)))


def extract_article(raw: RawArticle, *, default_date: str | None = None, gaz: Gazetteer | None = None) -> Extraction:
    """Parse and extract one raw article."""
    doc = make_document(raw.text, doc_id=raw.doc_id, lang=raw.lang, title=raw.title,
                        published=raw.date, default_date=default_date)
    return extract_document(doc, gaz)
