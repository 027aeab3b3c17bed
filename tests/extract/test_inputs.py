"""extract/inputs.py: the one reader of articles (files, folders, JSON Lines, uploads, pasted text)."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from extract.inputs import (
    RawArticle,
    check_text,
    count_articles,
    jsonl_records,
    parse_jsonl_line,
    read_file,
    read_pasted,
    read_paths,
    read_upload,
)
from geodata.errors import InputError, Problem

AR = "سيطر تنظيم داعش على الموصل، وفرّت عائلات نحو الرقة."
EN = "Iraqi forces entered Mosul; families fled toward Raqqa."


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
    assert art == RawArticle(doc_id=name, text=AR if name == "ar.txt" else EN, source=str(path))


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
    assert parse_jsonl_line(line, "f.jsonl", 1) == RawArticle(
        "7", "القتال في الموصل", "2015-11-19", "T", "ar", source="f.jsonl", line=1
    )


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
        parse_jsonl_line(line, "batch.jsonl", 12)
    assert str(exc.value).startswith("batch.jsonl:12")
    assert fragment in str(exc.value)
    assert (exc.value.problem.source, exc.value.problem.line) == ("batch.jsonl", 12)


def test_jsonl_bad_lines_do_not_stop_the_good_ones() -> None:
    lines = [
        '{"id": "a", "text": "Iraqi forces entered Mosul."}\n',
        "not json\n",
        '{"id": "b"}\n',
        "\n",
        "[1, 2]\n",
        '{"id": "c", "text": "القتال في الرقة", "lang": "ar"}\n',
    ]
    out = list(jsonl_records(lines, "batch.jsonl"))
    assert [type(x).__name__ for x in out] == ["RawArticle", "Problem", "Problem", "Problem", "RawArticle"]
    assert [x.doc_id for x in out if isinstance(x, RawArticle)] == ["a", "c"]
    errors = [x for x in out if isinstance(x, Problem)]
    # line numbers count blank lines too, so they match an editor's
    assert [e.line for e in errors] == [2, 3, 5]
    assert all(e.source == "batch.jsonl" and str(e).startswith(f"batch.jsonl:{e.line}: ") for e in errors)


def test_a_bad_date_names_the_record_by_its_id() -> None:
    with pytest.raises(InputError) as exc:
        parse_jsonl_line('{"id": "a7", "text": "Clashes in Mosul.", "date": "yesterday"}', "feed.jsonl", 3)
    assert (exc.value.problem.line, exc.value.problem.item) == (3, "a7")
    assert str(exc.value).startswith('feed.jsonl:3 (id a7): the "date" field')


# --- batches: files, folders, JSON Lines -------------------------------------------------------


def _batch(tmp_path: Path) -> Path:
    folder = tmp_path / "batch"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text(EN, encoding="utf-8")
    (folder / "sub" / "b.html").write_text(f"<html><body><p>{AR}</p></body></html>", encoding="utf-8")
    (folder / "feed.jsonl").write_text(
        '{"id": "j1", "text": "Clashes in Raqqa."}\nnot json\n\n{"id": "j2", "text": "اشتباكات في الحسكة"}\n',
        encoding="utf-8",
    )
    (folder / "notes.md").write_text("ignored", encoding="utf-8")
    (folder / ".hidden.txt").write_text("ignored", encoding="utf-8")
    return folder


def test_read_paths_walks_folders_and_reads_json_lines_by_suffix(tmp_path: Path) -> None:
    folder = _batch(tmp_path)
    out = list(read_paths([folder, tmp_path / "missing.txt"]))
    got = [(x.doc_id, x.line) if isinstance(x, RawArticle) else (x.source, x.line) for x in out]
    assert got == [
        ("a.txt", None),
        ("j1", 1),
        (str(folder / "feed.jsonl"), 2),
        ("j2", 4),
        ("b.html", None),
        (str(tmp_path / "missing.txt"), None),
    ]
    assert [x.label for x in out if isinstance(x, RawArticle)] == [
        str(folder / "a.txt"),
        f"{folder / 'feed.jsonl'}#j1",
        f"{folder / 'feed.jsonl'}#j2",
        str(folder / "sub/b.html"),
    ]
    assert out[-1].reason == "no such file or folder."
    assert count_articles([folder, tmp_path / "missing.txt"]) == len(out)


def test_read_paths_reports_a_binary_json_lines_file_once(tmp_path: Path) -> None:
    path = tmp_path / "photo.jsonl"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    [problem] = read_paths([path])
    assert isinstance(problem, Problem) and "PNG image" in problem.reason and problem.source == str(path)


# --- uploads and pasted text use the same checks ---------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "says"),
    [
        ("a.pdf", b"%PDF-1.4", "cannot be read"),
        ("a.txt", b"", "empty"),
        ("a.txt", b"%PDF-1.4", "PDF document"),
        ("a.jsonl", b'{"id": 1}\n', '"text" field'),
    ],
)
def test_upload_problems_name_the_upload(name: str, data: bytes, says: str) -> None:
    [problem] = read_upload(f"/some/where/{name}", data)
    assert isinstance(problem, Problem) and problem.source == name and says in problem.reason


def test_upload_size_limit_is_the_file_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    import extract.inputs as inputs

    monkeypatch.setattr(inputs, "MAX_FILE_BYTES", 100)
    [problem] = read_upload("big.txt", b"x" * 101)
    assert isinstance(problem, Problem) and "more than the limit of 100 bytes" in problem.reason
    [ok] = read_upload("small.txt", b"x" * 100)
    assert isinstance(ok, RawArticle)


def test_pasted_text_is_named_after_its_content() -> None:
    a, b = read_pasted("Clashes in Mosul.\r\n"), read_pasted("Clashes in Mosul.\n")
    assert a.doc_id == b.doc_id and a.doc_id.startswith("pasted-") and a.text == "Clashes in Mosul.\n"
    with pytest.raises(InputError, match="the pasted text: the article is empty"):
        read_pasted("  \n")


# --- JSON Lines error positions: one reader, the column of the line as the user sees it ---------------------

BAD_LINES = (
    '{"id": "a", "text": "Clashes in Mosul."}\n'
    '{"id": "b", "text": "Shelling near Raqqa."\n'  # the closing brace forgotten: the line ends too soon
    '{"id": "c" "text": "x"}\n'  # a comma forgotten after column 11
    '{"id": "d", "text": "a tab\there"}\n'
    '\ufeff{"id": "e", "text": "Files joined with their BOM, Sinjar."}\n'
    '{"id": "f", "text": "Kept: \u2028 a line separator inside a string, Baaj."}\n'
)


def _reasons(reads: list) -> dict[int | None, str]:
    return {r.line: r.reason for r in reads if isinstance(r, Problem)}


def test_jsonl_error_columns_are_the_same_for_a_file_stdin_and_an_upload(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import io
    import sys

    from extract.inputs import read_jsonl

    path = tmp_path / "feed.jsonl"
    path.write_text(BAD_LINES, encoding="utf-8")
    from_file = list(read_jsonl(str(path)))
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(BAD_LINES.encode())))
    from_stdin = list(read_jsonl("-"))
    from_upload = read_upload("feed.jsonl", BAD_LINES.encode())
    assert _reasons(from_file) == _reasons(from_stdin) == _reasons(from_upload)
    reasons = _reasons(from_file)
    assert set(reasons) == {2, 3, 4}
    assert "the line ends at column 43 before the JSON object is closed" in reasons[2]
    assert "Expecting ',' delimiter at column 12" in reasons[3]
    assert "Invalid control character at column 27" in reasons[4]  # never "at at"
    for reads in (from_file, from_stdin, from_upload):
        ok = {r.doc_id: r.text for r in reads if isinstance(r, RawArticle)}
        assert sorted(ok) == ["a", "e", "f"] and "\u2028" in ok["f"]
