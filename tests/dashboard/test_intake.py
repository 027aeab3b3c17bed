"""Reading pasted and uploaded articles: the extractor's readers, all-or-nothing uploads."""

from __future__ import annotations

import json
from datetime import date

import pytest

from dashboard import intake
from geodata.errors import InputError
from geodata.gazetteer import Gazetteer


def test_html_upload_keeps_the_text_and_drops_scripts() -> None:
    page = (
        b"<html><head><title>Raqqa</title><script>alert(1)</script></head>"
        b"<body><p>Airstrikes hit Raqqa.</p></body></html>"
    )
    [raw] = intake.from_upload("raqqa.html", page)
    assert "Airstrikes hit Raqqa." in raw.text and "alert" not in raw.text and raw.doc_id == "raqqa.html"


@pytest.mark.parametrize(
    ("name", "data", "says"),
    [
        ("a.pdf", b"%PDF-1.4", "cannot be read"),
        ("a.txt", b"", "empty"),
        ("a.txt", b"\x7fELF\x02\x01", "executable"),
        ("a.jsonl", b"\n\n", "no article"),
        ("a.jsonl", b'{"id": 1}\n', "text"),
    ],
)
def test_bad_uploads_are_refused_with_the_reason(name: str, data: bytes, says: str) -> None:
    with pytest.raises(InputError, match=says):
        intake.from_upload(name, data)


def test_windows_1256_arabic_is_decoded() -> None:
    [raw] = intake.from_upload("ar.txt", "اشتباكات في الموصل".encode("cp1256"))
    assert raw.text == "اشتباكات في الموصل"


def test_form_date_is_the_date_of_one_article_and_a_default_for_many(gaz: Gazetteer) -> None:
    one = intake.from_text("Clashes in Mosul on Monday.")
    [p] = intake.prepare_all(one, gaz, article_date=date(2016, 10, 17), title="T", source="S")
    assert (p.extraction.doc.published, p.extraction.doc.title, p.extraction.doc.source) == (
        date(2016, 10, 17),
        "T",
        "S",
    )
    lines = "\n".join(
        json.dumps(r)
        for r in (
            {"id": "a", "text": "Clashes in Mosul.", "date": "2017-01-02"},
            {"id": "b", "text": "Clashes in Raqqa."},
        )
    )
    many = intake.prepare_all(intake.from_upload("x.jsonl", lines.encode()), gaz, article_date=date(2016, 5, 5))
    assert [p.extraction.doc.published for p in many] == [date(2017, 1, 2), date(2016, 5, 5)]
    assert all(p.counts()["place"] == 1 for p in many)
