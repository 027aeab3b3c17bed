"""An extracted article made ready for the store where it was extracted.

A worker (a forked process of `python -m geodata ingest --jobs`, a Dask worker
of `--engine dask`) turns its article's records into the store's rows
(`geodata.store.bulk.prepare`) and sends those: plain rows cost the process
that stores several times less to receive than the records, and that one
process is what every worker waits on.
"""

from __future__ import annotations

from dataclasses import replace

from extract.inputs import RawArticle
from extract.records import extraction_records
from extract.types import Extraction
from geodata.errors import InputError, Problem
from geodata.store.bulk import NewDocument, prepare

# The article (its text left out: the rows hold it), its rows, and whether a place was found in it.
Ready = tuple[RawArticle, NewDocument, bool]


def ready_for_store(raw: RawArticle, ex: Extraction) -> Ready | Problem:
    """The rows of an extracted article, or the problem that keeps it out of the store."""
    records = extraction_records(ex)
    try:
        new = prepare(ex.doc.record(), records, None)
    except InputError as exc:  # a record the store cannot hold: the article is refused, as the store would
        return raw.problem(exc.problem.reason)
    return replace(raw, text=""), new, any(r.kind == "place" for r in records)
