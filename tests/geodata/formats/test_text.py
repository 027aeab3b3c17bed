"""geodata/formats/text.py: bytes -> text (encodings), binary data refused with a message naming it."""

from __future__ import annotations

import codecs

import pytest

from geodata.errors import InputError
from geodata.formats.text import decode, stream_encoding, without_surrogates

AR = "سيطر تنظيم داعش على الموصل، وفرّت عائلات نحو الرقة."
EN = "Iraqi forces entered Mosul; families fled toward Raqqa."


# --- encodings: Arabic and English side by side -------------------------------------
#   encoding           Arabic bytes                                 English bytes
ENCODINGS = [
    ("utf-8", AR.encode("utf-8"), EN.encode("utf-8")),
    ("utf-8 BOM", codecs.BOM_UTF8 + AR.encode("utf-8"), codecs.BOM_UTF8 + EN.encode("utf-8")),
    ("utf-16-le BOM", codecs.BOM_UTF16_LE + AR.encode("utf-16-le"), codecs.BOM_UTF16_LE + EN.encode("utf-16-le")),
    ("utf-16-be BOM", codecs.BOM_UTF16_BE + AR.encode("utf-16-be"), codecs.BOM_UTF16_BE + EN.encode("utf-16-be")),
    ("utf-16 native", AR.encode("utf-16"), EN.encode("utf-16")),
    ("windows-1256", AR.encode("cp1256"), EN.encode("cp1256")),
]


def _encoding_params():
    for enc, ar, en in ENCODINGS:
        yield pytest.param(ar, AR, id=f"ar:{enc}")
        yield pytest.param(en, EN, id=f"en:{enc}")


@pytest.mark.parametrize(("data", "expected"), list(_encoding_params()))
def test_decode(data: bytes, expected: str) -> None:
    assert decode(data, "article.txt") == expected


def test_windows_1256_specific_letters() -> None:
    # shadda, Persian letters and a dash: bytes that are invalid UTF-8 and that
    # Latin-1 would turn into accented letters
    text = "الفلّوجة والأنبار — گزارش پژوهش چهار"
    assert decode(text.encode("cp1256"), "a.txt") == text


def test_latin_1_text_is_not_read_as_arabic() -> None:
    assert decode("Café in Düsseldorf".encode("latin-1"), "a.txt") == "Café in Düsseldorf"


def test_utf16_without_bom_english() -> None:
    assert decode("Mosul fell in June.".encode("utf-16-le"), "a.txt") == "Mosul fell in June."
    assert decode("Mosul fell in June.".encode("utf-16-be"), "a.txt") == "Mosul fell in June."


# --- binary refusal ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 8, "executable"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG"),
        (b"PK\x03\x04\x14\x00\x06\x00", "ZIP"),
        (b"\x1f\x8b\x08\x00", "gzip"),
        (b"abc\x00\x01\x02\x03def" * 20, "binary"),
    ],
)
def test_binary_input_is_refused_with_a_message_naming_it(data: bytes, what: str) -> None:
    with pytest.raises(InputError) as exc:
        decode(data, "report-2016.bin")
    msg = str(exc.value)
    assert msg.startswith("report-2016.bin:")
    assert what in msg
    assert "text" in msg  # says what to do instead


def test_binary_refusal_names_the_input_as_a_field() -> None:
    with pytest.raises(InputError) as exc:
        decode(b"%PDF-1.7", "scan.pdf")
    assert exc.value.problem.source == "scan.pdf" and exc.value.problem.line is None
    assert exc.value.problem.reason.startswith("this is a PDF document, not text")


@pytest.mark.parametrize(
    ("head", "codec"),
    [
        (codecs.BOM_UTF8 + b'{"id": 1}', "utf-8-sig"),
        (codecs.BOM_UTF16_LE + '{"id"'.encode("utf-16-le"), "utf-16"),
        ('{"id": 1, "text": "x"}'.encode("utf-16-le"), "utf-16-le"),
        ('{"id": 1, "text": "x"}'.encode("utf-16-be"), "utf-16-be"),
    ],
)
def test_stream_encoding_from_the_first_bytes(head: bytes, codec: str) -> None:
    assert stream_encoding(head, "feed.jsonl") == codec


def test_lone_surrogates_become_replacement_characters() -> None:
    assert without_surrogates("a\ud800b") == "a\ufffdb"
    assert without_surrogates("الموصل") == "الموصل"
