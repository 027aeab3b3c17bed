"""Articles pasted or uploaded in the dashboard -> extractions ready to preview and store.

Reading goes through `extract.inputs` (encoding detection, binary and empty
inputs refused with a message, JSON Lines) and `extract.html`; extraction
through `extract.pipeline`. Nothing here parses text itself. An upload is
all or nothing: one unreadable article refuses the whole upload.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import PurePath
from typing import Any

from extract.document import make_document
from extract.geojson import extraction_features
from extract.html import html_to_text
from extract.inputs import RawArticle, check_text, decode, iter_jsonl
from extract.pipeline import extract_document
from extract.types import Extraction
from geodata._errors import InputError
from geodata.gazetteer import Gazetteer
from geodata.settings import MAX_TEXT_CHARS
from geodata.store import Store, document_id

Feature = dict[str, Any]
UPLOAD_TYPES = ("txt", "html", "htm", "jsonl")


@dataclass(frozen=True, slots=True)
class Prepared:
    """One article read and extracted, not stored yet."""

    extraction: Extraction
    features: tuple[Feature, ...]

    @property
    def name(self) -> str:
        return self.extraction.doc.doc_id

    def counts(self) -> dict[str, int]:
        ex = self.extraction
        return {"place": len(ex.places), "event": len(ex.events), "movement": len(ex.movements),
                "route": len(ex.routes)}


def from_text(text: str) -> list[RawArticle]:
    """A pasted article."""
    name = f"pasted-{document_id(text)[:8]}" if text.strip() else "pasted text"
    return [RawArticle(doc_id=name, text=check_text(text, "the pasted text"))]


def from_upload(name: str, data: bytes) -> list[RawArticle]:
    """The articles of an uploaded .txt, .html or .jsonl file; any bad part refuses it all."""
    name = PurePath(name).name or "upload"
    suffix = PurePath(name).suffix.lower().lstrip(".")
    if suffix not in UPLOAD_TYPES:
        msg = f"{name}: files of type .{suffix or '?'} cannot be read; upload .txt, .html or .jsonl."
        raise InputError(msg)
    if not data:
        msg = f"{name}: the file is empty."
        raise InputError(msg)
    if len(data) > MAX_TEXT_CHARS * 4:
        msg = f"{name}: {len(data):,} bytes is more than the limit of {MAX_TEXT_CHARS * 4:,}; split the file."
        raise InputError(msg)
    text = decode(data, name)
    if suffix == "jsonl":
        return _jsonl(text, name)
    if suffix in ("html", "htm") or text.lstrip()[:15].lower().startswith(("<!doctype", "<html")):
        text = html_to_text(text)
    return [RawArticle(doc_id=name, text=check_text(text, name))]


def _jsonl(text: str, name: str) -> list[RawArticle]:
    articles, errors = [], []
    for rec in iter_jsonl(iter(text.splitlines()), name):
        (errors if isinstance(rec, InputError) else articles).append(rec)
    if errors:
        shown = "; ".join(str(e) for e in errors[:5]) + (f"; and {len(errors) - 5} more" if len(errors) > 5 else "")
        msg = f"{len(errors)} line(s) cannot be read, so nothing was taken from this file: {shown}"
        raise InputError(msg)
    if not articles:
        msg = f"{name}: no article in the file (each line must be a JSON object with \"id\" and \"text\")."
        raise InputError(msg)
    return articles


def prepare(raw: RawArticle, gaz: Gazetteer, *, published: date | None = None, title: str = "",
            source: str = "", default_date: date | None = None) -> Prepared:
    """Extract one article; the form's date, title and source beat what the text says."""
    doc = make_document(raw.text, doc_id=raw.doc_id, lang=raw.lang, title=title.strip() or raw.title,
                        published=published or raw.date, source=source.strip() or None, default_date=default_date)
    ex = extract_document(doc, gaz)
    return Prepared(ex, tuple(extraction_features(ex)))


def prepare_all(raws: Sequence[RawArticle], gaz: Gazetteer, *, article_date: date | None = None, title: str = "",
                source: str = "") -> list[Prepared]:
    """Extract every article; with several (JSON Lines), the form's date and title are only defaults."""
    if len(raws) == 1:
        return [prepare(raws[0], gaz, published=article_date, title=title, source=source)]
    return [prepare(r, gaz, default_date=article_date, source=source) for r in raws]


def save(store: Store, prepared: Sequence[Prepared]) -> list[tuple[str, str]]:
    """Store each article in its own transaction; (name, 'added' | 'unchanged') per article."""
    return [(p.name, store.add_document(p.extraction.doc, list(p.features))) for p in prepared]
