"""geodata/store/bulk.py: a batch written in one go (COPY on PostgreSQL) gives back every text as it was
(tabs, newlines, backslashes, COPY's own markers, quotes, Arabic, emoji, separators), on both backends
(see conftest.py); U+0000, which PostgreSQL text cannot hold, becomes U+FFFD on both, one character for
one; JSON keeps it."""

from __future__ import annotations

import pytest

from geodata.records import ActorRef, DocumentRecord, EventRecord, MovementRecord, PlaceRef, Span
from geodata.store import Store
from geodata.store.bulk import prepare

AWKWARD = [
    "tab\there",
    "new\nline",
    "cr\rlf\r\n",
    "back\\slash \\N \\t",
    "\\.",
    "line\n\\.\nafter COPY's end marker",
    "\\",
    "quotes ' \" `",
    "الموصل، ٢٠١٦",
    "emoji 🗺️ and \u2028\u2029 separators",
    "",
    "  ",
]


def _records(doc: DocumentRecord, text: str) -> list[EventRecord | MovementRecord]:
    here = PlaceRef(text or "x", 36.3, 43.1, gazetteer_id=text, name_ar=text, span=Span(0, 1))
    there = PlaceRef("Raqqa", 35.95, 39.0)
    return [
        EventRecord(
            feature_id=f"{doc.doc_id}-e",
            doc=doc.name,
            evidence=text,
            event_type=text,
            place=here,
            actor1=ActorRef(text or "a", text),
            unit=text,
            extra={"notes": text, text: [text, {"k": text}]},
        ),
        MovementRecord(feature_id=f"{doc.doc_id}-m", doc=doc.name, waypoints=(here, there), unit=text),
    ]


def test_awkward_text_comes_back_as_it_went_in(db_url: str) -> None:
    batch = []
    for i, text in enumerate(AWKWARD):
        doc = DocumentRecord(name=f"{i}:{text}", text=f"{i} {text}", lang="ar", title=text, source=text)
        batch.append((doc, _records(doc, text)))
    with Store.open(db_url) as store:
        assert store.add_documents(batch) == ["added"] * len(AWKWARD)
        got = {r.feature_id: r for r in store.query()}
        for doc, records in batch:
            assert store.document_text(doc.doc_id) == doc.text
            for r in records:
                stored = got[r.feature_id]
                assert stored.evidence == r.evidence
                assert [p.name for p in stored.vertices] == [p.name for p in r.vertices]
                assert stored.extra == r.extra
        info = {d.name: d for d in store.documents()}
        assert {(d.title, d.source) for d in info.values()} == {(t, t) for t in AWKWARD}


@pytest.mark.parametrize("many", [False, True], ids=["one", "batch"])
def test_nul_becomes_the_replacement_character_on_every_backend(db_url: str, many: bool) -> None:
    text = "Clashes\x00 in Mosul\x00."
    doc = DocumentRecord(name="nul\x00.txt", text=text, lang="en", title="t\x00")
    records = _records(doc, "a\x00b")
    with Store.open(db_url) as store:
        if many:
            assert store.add_documents([(doc, records)]) == ["added"]
        else:
            assert store.add_document(doc, records) == "added"
        stored = store.document_text(doc.doc_id)
        assert stored == text.replace("\x00", "\ufffd") and len(stored) == len(text)  # offsets stay true
        (info,) = store.documents()
        assert (info.name, info.title) == ("nul\ufffd.txt", "t\ufffd")
        event = store.query()[0]
        assert isinstance(event, EventRecord)
        assert (event.evidence, event.event_type, event.unit) == ("a\ufffdb",) * 3
        assert event.extra == {"notes": "a\x00b", "a\x00b": ["a\x00b", {"k": "a\x00b"}]}  # JSON escapes it


def test_rows_without_nul_are_left_as_they_are() -> None:
    doc = DocumentRecord(name="a.txt", text="Clashes in Mosul.", lang="en")
    new = prepare(doc, _records(doc, "plain"), None)
    assert new.doc_row["text"] == "Clashes in Mosul." and new.rows["event"][0]["evidence"] == "plain"
