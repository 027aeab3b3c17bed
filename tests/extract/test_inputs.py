"""extract/inputs.py: bytes -> text (encodings), refusals, JSON Lines records."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from extract.inputs import RawArticle, check_text, decode, iter_jsonl, parse_jsonl_line, read_file
from geodata._errors import InputError

AR = "سيطر تنظيم داعش على الموصل، وفرّت عائلات نحو الرقة."
EN = "Iraqi forces entered Mosul; families fled toward Raqqa."


# --- encodings: Arabic and English side by side -------------------------------------
#   encoding           Arabic bytes                                 English bytes
ENCODINGS = [
    ("utf-8",          AR.encode("utf-8"),                          EN.encode("utf-8")),
    ("utf-8 BOM",      codecs.BOM_UTF8 + AR.encode("utf-8"),        codecs.BOM_UTF8 + EN.encode("utf-8")),
    ("utf-16-le BOM",  codecs.BOM_UTF16_LE + AR.encode("utf-16-le"), codecs.BOM_UTF16_LE + EN.encode("utf-16-le")),
    ("utf-16-be BOM",  codecs.BOM_UTF16_BE + AR.encode("utf-16-be"), codecs.BOM_UTF16_BE + EN.encode("utf-16-be")),
    ("utf-16 native",  AR.encode("utf-16"),                         EN.encode("utf-16")),
    ("windows-1256",   AR.encode("cp1256"),                         EN.encode("cp1256")),
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


def test_read_file_refuses_a_pdf_by_name(tmp_path: Path) -> None:
    path = tmp_path / "article.pdf"
    path.write_bytes(b"%PDF-1.4\n...")
    with pytest.raises(InputError, match=r"article\.pdf.*PDF"):
        read_file(path)


# --- read_file ---------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "data"), [("ar.txt", AR.encode("cp1256")), ("en.txt", codecs.BOM_UTF8 + EN.encode())])
def test_read_file(tmp_path: Path, name: str, data: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    art = read_file(path)
    assert art == RawArticle(doc_id=name, text=AR if name == "ar.txt" else EN)


def test_read_file_normalises_line_ends(tmp_path: Path) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes("عنوان\r\n\r\nالموصل\rالرقة".encode())
    assert read_file(path).text == "عنوان\n\nالموصل\nالرقة"


@pytest.mark.parametrize("content", [b"", b"   \n\t\n", codecs.BOM_UTF8, codecs.BOM_UTF16_LE])
def test_empty_file_is_refused(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    with pytest.raises(InputError, match=r"empty\.txt: the article is empty"):
        read_file(path)


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.txt"
    with pytest.raises(InputError, match=r"nowhere\.txt: no such file"):
        read_file(path)


def test_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a folder"):
        read_file(tmp_path)


def test_html_file_is_read_as_text(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><title>سقوط الموصل</title><script>var x = 'الرقة';</script></head>"
        "<body><p>سيطر داعش على <b>الموصل</b>.</p><p>Second para.</p></body></html>",
        encoding="utf-8",
    )
    text = read_file(path).text
    assert "سيطر داعش على الموصل." in text
    assert "Second para." in text
    assert "var x" not in text and "<p>" not in text


def test_check_text_limits(monkeypatch) -> None:
    import extract.inputs as inputs

    monkeypatch.setattr(inputs, "MAX_TEXT_CHARS", 10)
    with pytest.raises(InputError, match=r"big\.txt: .*more than the limit"):
        check_text("x" * 11, "big.txt")
    assert check_text("x" * 10, "ok.txt") == "x" * 10


# --- JSON Lines ----------------------------------------------------------------------------

def test_parse_jsonl_line_good() -> None:
    line = '{"id": 7, "text": "القتال في الموصل", "date": "2015-11-19", "title": "T", "lang": "ar"}'
    assert parse_jsonl_line(line, "f.jsonl:1") == RawArticle("7", "القتال في الموصل", "2015-11-19", "T", "ar")


@pytest.mark.parametrize(
    ("line", "fragment"),
    [
        ("not json", "not valid JSON"),
        ('{"id": 1, "text": "x"', "not valid JSON"),
        ('{"id": 2}', '"text" field is missing'),
        ('{"id": 3, "text": 42}', '"text" field is missing or not a string'),
        ('{"text": "القتال في الموصل"}', '"id" field is missing'),
        ('{"id": [1], "text": "x"}', '"id" field'),
        ("[1, 2]", "expected a JSON object"),
        ('"just a string"', "expected a JSON object"),
        ("null", "expected a JSON object"),
        ('{"id": 4, "text": "   "}', "the article is empty"),
    ],
)
def test_parse_jsonl_line_errors_name_the_line(line: str, fragment: str) -> None:
    with pytest.raises(InputError) as exc:
        parse_jsonl_line(line, "batch.jsonl:12")
    assert str(exc.value).startswith("batch.jsonl:12")
    assert fragment in str(exc.value)


def test_iter_jsonl_bad_lines_do_not_stop_the_good_ones() -> None:
    lines = [
        '{"id": "a", "text": "Iraqi forces entered Mosul."}\n',
        "not json\n",
        '{"id": "b"}\n',
        "\n",
        "[1, 2]\n",
        '{"id": "c", "text": "القتال في الرقة", "lang": "ar"}\n',
    ]
    out = list(iter_jsonl(iter(lines), "batch.jsonl"))
    assert [type(x).__name__ for x in out] == ["RawArticle", "InputError", "InputError", "InputError", "RawArticle"]
    assert [x.doc_id for x in out if isinstance(x, RawArticle)] == ["a", "c"]
    errors = [str(x) for x in out if isinstance(x, InputError)]
    # line numbers count blank lines too, so they match an editor's
    assert [e.split(":")[1] for e in errors] == ["2", "3", "5"]
    assert all(e.startswith("batch.jsonl:") for e in errors)
