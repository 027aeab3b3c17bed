"""geodata/store/text_search.py: the text filter finds evidence across spellings (case, harakat, hamza,
taa marbuta, doubled letters, -ah), Arabic words behind a clitic, and a place's name in the other
language; on both backends (conftest.py). A store of schema 4 gets the search key of every row when
opened. The sentences are our own."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from geodata.records import DocumentRecord, EventRecord, PlaceRef, Span
from geodata.store import Store, resolve_url
from geodata.store.filters import Filters
from geodata.store.schema import SCHEMA_VERSION, TABLES
from geodata.store.text_search import KEY_COLUMN, evidence_key, place_names, query_keys

# feature -> its evidence sentence
SENTENCES = {
    "raqqa-ar": "قصفت الطائرات مواقع في مدينة الرقّة صباح اليوم",  # with a shadda
    "raqqa-en": "Shelling was reported on the outskirts of Raqqa on Monday.",
    "raqqa-translit": "Fighters left Ar-Raqqah toward the north at dawn.",
    "mosul-ar": "وصلت قافلة من الشاحنات إلى الموصل بعد ظهر الأحد",
    "mosul-en": "A convoy of trucks reached Mosul on Sunday afternoon.",
    "mosul-lam": "نزحت عائلات كثيرة للموصل من القرى المجاورة",  # ل + الموصل = للموصل
    "mosul-bi": "اندلعت اشتباكات عنيفة بالموصل القديمة ليلا",  # ب + الموصل
    "mosuli": "Mosuli traders reopened their shops in the market.",  # another word
    "erbil-ar": "اجتمع المسؤولون في أربيل لبحث ملف النازحين",  # with hamza
}
RAQQA = {"raqqa-ar", "raqqa-en", "raqqa-translit"}
MOSUL = {"mosul-ar", "mosul-en", "mosul-lam", "mosul-bi"}
SPOT = PlaceRef("Somewhere", 36.0, 40.0, country_code="SY", feature_type="town")


def _event(fid: str, evidence: str) -> EventRecord:
    return EventRecord(
        feature_id=fid,
        doc="search.txt",
        lang="ar" if fid.endswith(("-ar", "-lam", "-bi")) else "en",
        evidence=evidence,
        evidence_span=Span(0, len(evidence)),
        event_type="Battles",
        place=SPOT,
    )


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    with Store.open(db_url) as s:
        doc = DocumentRecord(name="search.txt", text="\n".join(SENTENCES.values()), lang="ar")
        assert s.add_document(doc, [_event(fid, ev) for fid, ev in SENTENCES.items()]) == "added"
        yield s


def found(store: Store, text: str) -> set[str]:
    return {r.feature_id for r in store.query(Filters(text=text))}


CASES = [
    # query, the features it finds: each case found nothing or something else as a plain substring
    ("الرقه", RAQQA),  # taa marbuta written as haa; Raqqa in English too
    ("الرَّقَّة", RAQQA),  # harakat in the query
    ("Raqqah", RAQQA),  # -ah, the doubled q; Arabic too
    ("raqqa", RAQQA),
    ("Mosul", MOSUL),  # in Arabic, behind ل and ب; not "Mosuli"
    ("الموصل", MOSUL),
    ("Mosul's", MOSUL),  # the possessive
    ("إربيل", {"erbil-ar"}),  # hamza on the alef, written differently
    ("Erbil", {"erbil-ar"}),
    ("مدينه الرقة", RAQQA),  # "the city of Raqqa", a name of Raqqa
    ("مواقع في مدينه", {"raqqa-ar"}),  # a phrase: its words in order
    ("Raq", set()),  # whole words only
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_the_text_filter_finds_every_spelling_and_language(store: Store, text: str, expected: set[str]) -> None:
    assert found(store, text) == expected


def test_the_text_filter_still_combines_with_the_others(store: Store) -> None:
    assert {r.feature_id for r in store.query(Filters(text="Mosul", kinds=("place",)))} == set()
    assert len(store.query(Filters(text="Mosul"), limit=3)) == 3  # of the four, across languages


# --- the keys -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("evidence", "key"),
    [
        ("Raqqa's  ROAD, al-Raqqah.", " raqa road raqa "),
        ("الرَّقَّة وأبو كمال", " الرقه وابو كمال "),
        ("", None),
    ],
)
def test_the_evidence_key_is_its_normalised_words_between_spaces(evidence: str, key: str | None) -> None:
    assert evidence_key(evidence) == key


@pytest.mark.parametrize(
    ("query", "keys"),
    [
        ("Mosul", ("mosul", "الموصل")),
        ("الموصل", ("الموصل", "mosul")),
        ("Kobani", ("kobani", "عين العرب")),
        ("Mosul road", ("mosul road",)),  # not a name: as written
        ("?!", ()),
    ],
)
def test_a_query_is_expanded_to_the_names_of_the_place_it_names(query: str, keys: tuple[str, ...]) -> None:
    assert query_keys(query) == keys


def test_the_expansion_takes_the_focus_countries_place_not_its_namesakes() -> None:
    assert place_names("Damascus") == ("Damascus", "دمشق")  # not the American towns
    assert place_names("Paris") == ("Paris", "باريس")  # no place in Iraq or Syria: the most populous
    assert place_names("convoy of trucks") == ()


def test_the_clitics_before_a_word_are_those_extraction_reads() -> None:
    """geodata/data/search_ar.json repeats extract/data/clitics_ar.json's `before_names` (the ground floor
    cannot read the first floor's data): the two must not drift apart."""
    root = Path(__file__).resolve().parents[3]
    ours = json.loads((root / "geodata" / "data" / "search_ar.json").read_text(encoding="utf-8"))
    theirs = json.loads((root / "extract" / "data" / "clitics_ar.json").read_text(encoding="utf-8"))
    for part in ("plain", "contracted_article"):
        assert ours["before_names"][part] == theirs["before_names"][part]


# --- schema 4 -> 5: the search key of the rows already stored --------------------------------------------------------


def drop_the_search_key(db: str) -> None:
    """The store as schema 4 left it: today's tables without the search key."""
    engine = sa.create_engine(resolve_url(db), poolclass=sa.pool.NullPool)
    try:
        with engine.begin() as conn:
            for table in TABLES.values():
                conn.exec_driver_sql(f"ALTER TABLE {table.name} DROP COLUMN {KEY_COLUMN}")
            conn.exec_driver_sql("UPDATE meta SET value = '4' WHERE key = 'schema_version'")
    finally:
        engine.dispose()


def test_a_schema_4_store_gets_the_search_key_of_every_row(new_db: Callable[..., str]) -> None:
    db = new_db("v4")
    with Store.open(db) as s:
        doc = DocumentRecord(name="search.txt", text="\n".join(SENTENCES.values()), lang="ar")
        s.add_document(doc, [_event(fid, ev) for fid, ev in SENTENCES.items()])
        before = s.query()
    drop_the_search_key(db)
    with Store.open(db) as s:
        assert s.query() == before  # every row kept
        assert found(s, "Mosul") == MOSUL
        assert found(s, "الرقه") == RAQQA
        with s.engine.connect() as conn:
            events = TABLES["event"]
            rows = conn.execute(sa.select(events.c.evidence, events.c[KEY_COLUMN])).all()
            version = conn.exec_driver_sql("SELECT value FROM meta WHERE key = 'schema_version'").scalar()
    assert len(rows) == len(SENTENCES)
    assert all(key == evidence_key(ev) and key for ev, key in rows)
    assert version == str(SCHEMA_VERSION) == "6"
