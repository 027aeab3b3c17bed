"""The text filter: evidence found across spellings, and across languages for a place's name.

Every feature row keeps `evidence_key`, its evidence sentence as normalised words (`geodata.names`, the
normalisation the gazetteer uses: case, diacritics, harakat, hamza and alef forms, taa marbuta, doubled
letters, -ah endings, transliterated articles) joined by single spaces, with a space at each end
(" قال مصدر غارات ... raqa to mosul road "). A query is normalised the same way and looked for on word
boundaries, `LIKE '% <key> %'`: "الرقه" finds "الرقة", "Raqqah" finds "Raqqa", "MOSUL ROAD" finds
"Mosul road", but "Mos" finds nothing. An Arabic key may also carry what is written onto a word before
it (`data/search_ar.json`: و ف ب ل ك and their stacks, ل + ال = لل): "الموصل" finds "بالموصل", "للموصل".

Expansion through the gazetteer (`place_names`): when the whole query is a name the gazetteer knows, the
filter also looks for that place's English and Arabic names ("Mosul" finds "الموصل" and "الموصل" finds
"Mosul"). Of the places with that name, those in the focus countries (Iraq, Syria; at most
`MAX_PLACES`, the most populous first) are taken, else the single most populous one: "Damascus" adds
"دمشق", not the names of its American namesakes. A phrase that is not a name ("Raqqa road") is looked
for as written, without expansion; a gazetteer that cannot be loaded leaves every query unexpanded.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from geodata import gazetteer, settings
from geodata.errors import GazetteerError
from geodata.names import is_arabic, lam_contracted, normalize_name, normalize_text, text_key

KEY_COLUMN = "evidence_key"
MAX_PLACES = 2  # focus-country places whose names one query adds
_BATCH = 5_000  # rows keyed per UPDATE when an older store is migrated


def evidence_key(evidence: str | None) -> str | None:
    """ " w1 w2 ... ": the evidence's normalised words with a space at each end; None without evidence."""
    if not evidence:
        return None
    return text_key(evidence)


def keyed_rows(rows: Iterable[dict[str, Any]]) -> None:
    """Give each row its `evidence_key` (a sentence shared by several features is normalised once)."""
    seen: dict[str | None, str | None] = {}
    for row in rows:
        ev = row.get("evidence")
        if ev not in seen:
            seen[ev] = evidence_key(ev)
        row[KEY_COLUMN] = seen[ev]


def place_names(query: str) -> tuple[str, ...]:
    """The English and Arabic names of the place `query` names (see the module's doc); () when the
    gazetteer knows no place by that name or cannot be loaded."""
    try:
        entries = gazetteer.get().candidates(query)
    except (GazetteerError, OSError):
        return ()
    focus = [e for e in entries if e.country_code in settings.FOCUS_COUNTRIES]
    chosen = sorted(focus or entries, key=lambda e: -e.population)[: MAX_PLACES if focus else 1]
    return tuple(n for e in chosen for n in (e.name, e.name_ar) if n)


def query_keys(query: str) -> tuple[str, ...]:
    """The keys a text filter looks for: the query's own (as running text and as a name, "ar raqqah"
    -> "ar raqa", "raqa"), then those of the names of the place it names."""
    own = [normalize_text(query).norm.strip(), normalize_name(query)]
    if not any(own):
        return ()
    named = [normalize_text(n).norm.strip() for n in place_names(query)]
    return tuple(dict.fromkeys(k for k in (*own, *named) if k))


@cache
def _before_arabic() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """What may be written onto an Arabic word (`data/search_ar.json`): before any word, before the
    article's contracted form."""
    raw = json.loads((settings.DATA_FILES / "search_ar.json").read_text(encoding="utf-8"))["before_names"]
    return tuple(raw["plain"]), tuple(raw["contracted_article"])


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _key_clause(column: Any, key: str) -> Any:
    """`column` holds `key` on word boundaries; an Arabic key also behind what may be written onto it.
    An Arabic row must first hold the key's end at a word's end (one LIKE), then one of its forms."""
    k = _escape(key)
    if not is_arabic(key):
        return column.like(f"% {k} %", escape="\\")
    plain, contracted = _before_arabic()
    forms = [f"% {p}{k} %" for p in ("", *plain)]
    short = lam_contracted(key)  # "الموصل" -> "لموصل", the end of the key too
    if short:
        forms += [f"% {p}{_escape(short)} %" for p in contracted]
    any_end = column.like(f"%{_escape(short or key)} %", escape="\\")
    return sa.and_(any_end, sa.or_(*(column.like(f, escape="\\") for f in forms)))


def text_clause(table: sa.Table, query: str) -> Any:
    """The condition that selects the table's rows whose search key holds the query (see the module's
    doc). A query without a word ("?!") is looked for in the evidence as written, as it always was."""
    keys = query_keys(query)
    if not keys:
        return sa.func.lower(table.c.evidence).like(f"%{_escape(query.lower())}%", escape="\\")
    column = table.c[KEY_COLUMN]
    return sa.or_(*(_key_clause(column, k) for k in keys))


def fill_keys(conn: Connection, table: sa.Table) -> None:
    """Write the search key of every row of the table that has evidence: the migration to schema 5."""
    c = table.c
    rows = conn.execute(sa.select(c.id, c.evidence).where(c.evidence.is_not(None)).order_by(c.id)).all()
    update = sa.update(table).where(c.id == sa.bindparam("row_id")).values({KEY_COLUMN: sa.bindparam("key")})
    keys: dict[str, str | None] = {}
    for start in range(0, len(rows), _BATCH):
        batch = []
        for row_id, ev in rows[start : start + _BATCH]:
            if ev not in keys:
                keys[ev] = evidence_key(ev)
            batch.append({"row_id": row_id, "key": keys[ev]})
        conn.execute(update, batch)
