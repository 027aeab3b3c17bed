"""Articles pasted or uploaded in the dashboard -> extractions ready to preview and store.

Reading is `extract.inputs`, the one reader every part of the project uses
(encoding detection, one size limit, HTML pages, JSON Lines); extraction is
`extract.pipeline`. Nothing here parses text itself. An upload is all or
nothing: one unreadable article refuses the whole upload, with every reason.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from extract.document import make_document
from extract.inputs import BATCH_SUFFIXES, RawArticle, read_pasted, read_upload
from extract.pipeline import extract_document
from extract.records import extraction_records
from extract.types import Extraction
from geodata.errors import InputError, Problem, describe
from geodata.gazetteer import Gazetteer
from geodata.records import Record
from geodata.store import Store

UPLOAD_TYPES = tuple(s.lstrip(".") for s in BATCH_SUFFIXES)


@dataclass(frozen=True, slots=True)
class Prepared:
    """One article read and extracted, not stored yet."""

    extraction: Extraction
    records: tuple[Record, ...]

    @property
    def name(self) -> str:
        return self.extraction.doc.doc_id

    def counts(self) -> dict[str, int]:
        ex = self.extraction
        return {
            "place": len(ex.places),
            "event": len(ex.events),
            "movement": len(ex.movements),
            "route": len(ex.routes),
        }


def from_text(text: str) -> list[RawArticle]:
    """A pasted article."""
    return [read_pasted(text)]


def from_upload(name: str, data: bytes) -> list[RawArticle]:
    """The articles of an uploaded .txt, .html or .jsonl file; any bad part refuses it all."""
    read = read_upload(name, data)
    problems = [r for r in read if isinstance(r, Problem)]
    articles = [r for r in read if isinstance(r, RawArticle)]
    if len(problems) == 1 and not articles:
        raise InputError.from_problem(problems[0])
    if problems:
        shown = "; ".join(describe(p) for p in problems[:5])
        more = f"; and {len(problems) - 5} more" if len(problems) > 5 else ""
        raise InputError(f"{len(problems)} line(s) cannot be read, so nothing was taken from this file: {shown}{more}")
    if not articles:
        raise InputError('no article in the file (each line must be a JSON object with "id" and "text").', source=name)
    return articles


def prepare(
    raw: RawArticle,
    gaz: Gazetteer,
    *,
    published: date | None = None,
    title: str = "",
    source: str = "",
    default_date: date | None = None,
) -> Prepared:
    """Extract one article; the form's date, title and source beat what the text says."""
    doc = make_document(
        raw.text,
        doc_id=raw.doc_id,
        lang=raw.lang,
        title=title.strip() or raw.title,
        published=published or raw.date,
        source=source.strip() or None,
        default_date=default_date,
    )
    ex = extract_document(doc, gaz)
    return Prepared(ex, tuple(extraction_records(ex)))


def prepare_all(
    raws: Sequence[RawArticle], gaz: Gazetteer, *, article_date: date | None = None, title: str = "", source: str = ""
) -> list[Prepared]:
    """Extract every article; with several (JSON Lines), the form's date and title are only defaults."""
    if len(raws) == 1:
        return [prepare(raws[0], gaz, published=article_date, title=title, source=source)]
    return [prepare(r, gaz, default_date=article_date, source=source) for r in raws]


def save(store: Store, prepared: Sequence[Prepared]) -> list[tuple[str, str]]:
    """Store each article in its own transaction; (name, 'added' | 'unchanged') per article."""
    return [(p.name, store.add_document(p.extraction.doc.record(), p.records)) for p in prepared]
