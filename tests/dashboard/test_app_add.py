"""The Add articles page (AppTest): preview, then save; a bad upload stores nothing."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from geodata.store.filters import Filters
from tests.dashboard.conftest import SEEDS, new_app, open_store

PAGE = "views/add_articles.py"
ENGLISH = (
    "Clashes in Mosul\n\n2016-10-20\n\nMOSUL, Iraq (Test Wire) - Iraqi forces clashed with ISIS fighters "
    "near Mosul on Thursday. About 40 families fled from Hawija toward Kirkuk.\n"
)
XSS = (
    "<script>window.__xss=1</script> Siege news\n\n2016-10-21\n\nMOSUL, Iraq (Wire) - Iraqi forces clashed "
    'with ISIS fighters in Mosul <img src=x onerror="window.__xss=2"> on Friday.\n'
)


def n_docs(db: Path) -> int:
    with open_store(db) as s:
        return s.stats().documents


def html_bodies(at) -> str:
    return "\n".join(el.proto.body for el in at.get("html"))


def preview(at):
    next(b for b in at.button if b.label == "Preview").click().run()
    assert not at.exception, at.exception
    return at


def save(at):
    next(b for b in at.button if b.label == "Save to the store").click().run()
    assert not at.exception, at.exception
    return at


def test_pasted_article_is_previewed_with_mentions_then_stored(app_db: Path) -> None:
    before = n_docs(app_db)
    at = new_app(PAGE)
    at.text_area(key="add_text").set_value(ENGLISH).run()
    preview(at)
    metrics = {m.label: int(m.value) for m in at.metric}
    assert metrics["Places"] >= 3 and metrics["Events"] >= 1
    body = html_bodies(at)
    assert '<mark class="kh-m">Mosul</mark>' in body and '<mark class="kh-m">Kirkuk</mark>' in body
    assert n_docs(app_db) == before  # a preview stores nothing
    save(at)
    assert any("Saved 1 article" in s.value for s in at.success)
    assert n_docs(app_db) == before + 1
    with open_store(app_db) as s:
        doc = next(d for d in s.documents() if d.title == "Clashes in Mosul")
        assert (doc.date, doc.source) == ("2016-10-20", "Test Wire")
        assert s.query(Filters(doc_ids=(doc.doc_id,), kinds=("event",)))


def test_an_article_without_places_is_flagged_in_the_preview(app_db: Path) -> None:
    at = new_app(PAGE)
    at.text_area(key="add_text").set_value("The minister said on Monday that the talks would go on.\n").run()
    preview(at)
    [warning] = [w.value for w in at.warning]
    assert warning.startswith("No places found in 1 of 1 article(s), so nothing of it will be on the map: pasted-")
    at.text_area(key="add_text").set_value(ENGLISH).run()
    preview(at)
    assert not at.warning  # places found: no warning


def test_saving_the_same_article_again_changes_nothing(app_db: Path) -> None:
    at = new_app(PAGE)
    at.text_area(key="add_text").set_value(ENGLISH).run()
    save(preview(at))
    count = n_docs(app_db)
    save(preview(at))
    assert any("Already in the store" in i.value for i in at.info)
    assert n_docs(app_db) == count


def test_uploaded_file_takes_the_forms_date_title_and_source(app_db: Path) -> None:
    at = new_app(PAGE)
    at.radio(key="add_mode").set_value("Upload a file").run()
    body = "Ramadi\n\nIraqi forces retook the centre of Ramadi from ISIS fighters, officials said.\n"
    at.file_uploader(key="add_file").upload("ramadi.txt", body.encode(), "text/plain")
    at.date_input(key="add_date").set_value(date(2015, 12, 28))
    at.text_input(key="add_title").set_value("Ramadi retaken")
    at.text_input(key="add_source").set_value("Desk")
    save(preview(at.run()))
    with open_store(app_db) as s:
        doc = next(d for d in s.documents() if d.name == "ramadi.txt")
    assert (doc.title, doc.date, doc.source) == ("Ramadi retaken", "2015-12-28", "Desk")


def test_jsonl_upload_stores_every_article(app_db: Path) -> None:
    before = n_docs(app_db)
    lines = [
        json.dumps({"id": "a1", "text": "Airstrikes hit Raqqa and Tabqa.", "date": "2017-06-01"}),
        json.dumps({"id": "a2", "text": "قصفت طائرات التحالف مواقع في الموصل.", "date": "2017-06-02"}),
    ]
    at = new_app(PAGE)
    at.radio(key="add_mode").set_value("Upload a file").run()
    at.file_uploader(key="add_file").upload("batch.jsonl", "\n".join(lines).encode(), "application/json")
    save(preview(at.run()))
    assert n_docs(app_db) == before + 2


@pytest.mark.parametrize(
    ("name", "data", "says"),
    [
        ("report.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3 binary", "PDF"),
        ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        ("blank.txt", b"   \n\n  ", "empty"),
        ("nothing.txt", b"", "empty"),
        ("mixed.jsonl", b'{"id": "ok", "text": "Clashes in Mosul."}\n{not json\n', "not valid JSON"),
    ],
)
def test_a_bad_upload_says_why_and_stores_nothing(app_db: Path, name: str, data: bytes, says: str) -> None:
    before = n_docs(app_db)
    at = new_app(PAGE)
    at.radio(key="add_mode").set_value("Upload a file").run()
    at.file_uploader(key="add_file").upload(name, data, "application/octet-stream")
    preview(at.run())
    errors = [e.value for e in at.error]
    assert errors and says in errors[0] and "Nothing was stored" in errors[0]
    assert not [b for b in at.button if b.label == "Save to the store"]
    assert n_docs(app_db) == before


def test_empty_paste_is_refused(app_db: Path) -> None:
    at = new_app(PAGE)
    at.text_area(key="add_text").set_value("   ").run()
    preview(at)
    assert at.error and "empty" in at.error[0].value


def test_markup_in_an_article_is_shown_as_text_never_as_markup(app_db: Path) -> None:
    at = new_app(PAGE)
    at.text_area(key="add_text").set_value(XSS).run()
    preview(at)
    body = html_bodies(at)
    assert "&lt;script&gt;window.__xss=1&lt;/script&gt;" in body
    assert "&lt;img src=x onerror=&quot;window.__xss=2&quot;&gt;" in body
    assert "<script" not in body and "<img" not in body
    save(at)
    with open_store(app_db) as s:
        assert any(d.title.startswith("<script>") for d in s.documents())  # stored as written, shown escaped


def test_seed_file_upload_finds_its_movement(app_db: Path) -> None:
    seed = SEEDS / "mosul-2015-11-19-ar.txt"
    at = new_app(PAGE)
    at.radio(key="add_mode").set_value("Upload a file").run()
    at.file_uploader(key="add_file").upload(seed.name, seed.read_bytes(), "text/plain")
    preview(at.run())
    metrics = {m.label: int(m.value) for m in at.metric}
    assert metrics["Movements"] >= 1 and metrics["Routes"] >= 1
    assert 'dir="rtl" lang="ar"' in html_bodies(at)
