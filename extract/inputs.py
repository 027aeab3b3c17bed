"""Read articles from bytes: detect the encoding, refuse what is not text.

Every refusal is an `InputError` whose message names the input and says what
to do; the CLI and the dashboard turn it into one line for the user.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from extract.document import parse_date
from geodata._errors import InputError
from geodata.settings import MAX_FILE_BYTES, MAX_TEXT_CHARS

_BINARY_MAGIC = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive (or a Word/Excel file)",
    b"\x7fELF": "an executable",
    b"MZ": "a Windows executable",
    b"\x1f\x8b": "a gzip archive",
    b"\xd0\xcf\x11\xe0": "an old Microsoft Office file",
}
_ARABIC_WORD = re.compile(r"[\u0621-\u064A]{2}")
_ACCENTED = re.compile(r"[\u00C0-\u00FF]")
_MOJIBAKE = re.compile(r"[ÃØÙÚÛÐ][\x80-\xBF\u0080-\u02FF]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_HTML_TAG = re.compile(r"<(?:!doctype\s+html|html[\s>])", re.I)


@dataclass(frozen=True, slots=True)
class RawArticle:
    """One article as read: its id, its text and what the input said of it."""

    doc_id: str
    text: str
    date: str | None = None
    title: str | None = None
    lang: str | None = None


def _looks_binary(data: bytes) -> str | None:
    for magic, what in _BINARY_MAGIC.items():
        if data.startswith(magic):
            return what
    sample = data[:4096]
    if b"\x00" in sample and not (data.startswith((b"\xff\xfe", b"\xfe\xff")) or _utf16_without_bom(sample)):
        return "binary data"
    return None


def _utf16_without_bom(sample: bytes) -> bool:
    """UTF-16 text has one byte of each pair that is mostly 0 (Latin) or
    0x06 (Arabic block U+06xx)."""
    even, odd = sample[0::2], sample[1::2]
    if not sample:
        return False

    def high(half: bytes) -> float:
        return (half.count(0) + half.count(6)) / max(len(half), 1)

    return high(even) > 0.6 or high(odd) > 0.6


def decode(data: bytes, name: str) -> str:
    """Text from bytes: UTF-8 (with or without BOM), UTF-16, Windows-1256, ISO-8859-6."""
    what = _looks_binary(data)
    if what:
        msg = f"{name}: this is {what}, not text; save the article as plain text (.txt) or HTML first."
        raise InputError(msg)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # a cut-off last byte or a lone surrogate becomes U+FFFD
        return data.decode("utf-16", errors="replace")
    if _utf16_without_bom(data[:4096]):
        even, odd = data[0:4096:2], data[1:4096:2]
        big_endian = even.count(0) + even.count(6) > odd.count(0) + odd.count(6)
        return data.decode("utf-16-be" if big_endian else "utf-16-le", errors="replace")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8-sig", errors="replace")
    non_ascii = len(text) - len(text.encode("ascii", errors="ignore"))
    # UTF-8 with a stray or cut-off byte stays UTF-8; in Windows-1256 or Latin-1 text read as UTF-8
    # nearly every non-ASCII character is an error.
    if text.count("\ufffd") * 3 <= non_ascii:
        return text
    return _decode_8bit(data)


def stream_encoding(head: bytes, name: str) -> str:
    """The codec to read a stream with, from its first bytes: UTF-16 (BOM or not) or UTF-8 (a BOM
    dropped); refuses binary data like `decode`."""
    what = _looks_binary(head)
    if what:
        msg = f"{name}: this is {what}, not text; give a UTF-8 JSON Lines file."
        raise InputError(msg)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    if _utf16_without_bom(head[:4096]):
        even, odd = head[0:4096:2], head[1:4096:2]
        return "utf-16-be" if even.count(0) + even.count(6) > odd.count(0) + odd.count(6) else "utf-16-le"
    return "utf-8-sig"


def _decode_8bit(data: bytes) -> str:
    """Windows-1256, else ISO-8859-6 when that reads as more "ال" or fewer accented Latin letters (the
    same bytes on the other code page: its lam is cp1256's nun, its waw cp1256's "è"); else Latin-1."""
    text = data.decode("cp1256", errors="replace")
    try:
        iso = data.decode("iso-8859-6")
    except UnicodeDecodeError:  # bytes ISO-8859-6 leaves undefined: not that code page
        iso = ""
    if _ARABIC_WORD.search(iso) and (iso.count("ال"), 0) > (text.count("ال"), -len(_ACCENTED.findall(text))):
        return iso
    if _ARABIC_WORD.search(text):
        return text
    return data.decode("latin-1")


def check_text(text: str, name: str) -> str:
    """Refuse empty or oversized texts with a message that says why."""
    if not text.strip():
        msg = f"{name}: the article is empty; put the article's text in it or leave it out."
        raise InputError(msg)
    if len(text) > MAX_TEXT_CHARS:
        msg = (f"{name}: the article has {len(text):,} characters, more than the limit of "
               f"{MAX_TEXT_CHARS:,}; split it into smaller files.")
        raise InputError(msg)
    if _SURROGATE.search(text):  # from JSON "\ud800" escapes: cannot be written as UTF-8; one for one
        text = _SURROGATE.sub("\ufffd", text)
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def read_file(path: Path) -> RawArticle:
    """One article file (plain text or HTML)."""
    name = str(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        msg = f"{name}: no such file."
        raise InputError(msg) from None
    except OSError as exc:
        msg = f"{name}: cannot be read ({exc.strerror})."
        raise InputError(msg) from None
    if path.is_dir():
        msg = f"{name}: is a folder; give the article files inside it."
        raise InputError(msg)
    if size > MAX_FILE_BYTES:  # refused before reading: memory stays bounded whatever the file
        msg = f"{name}: {size:,} bytes is more than the limit of {MAX_FILE_BYTES:,} bytes; split the file."
        raise InputError(msg)
    text = decode(path.read_bytes(), name)
    if path.suffix.lower() in (".html", ".htm") or looks_like_html(text):
        text = _html_text(text)
    return RawArticle(doc_id=path.name, text=check_text(text, name))


def looks_like_html(text: str) -> bool:
    """A web page whatever its file name: <!DOCTYPE html> or <html>, after an XML declaration or comments
    ("<!-- saved from url=... -->")."""
    head = text[:4096].lstrip()
    if head.startswith("<?xml"):
        head = head[head.find(">") + 1:].lstrip()
    while head.startswith("<!--") and (end := head.find("-->", 4)) >= 0:  # a loop: no regex backtracking
        head = head[end + 3:].lstrip()
    return _HTML_TAG.match(head) is not None


def _html_text(page: str) -> str:
    from extract.html import html_to_text

    return html_to_text(page)


def parse_jsonl_line(line: str, where: str) -> RawArticle:
    """One JSON Lines record: {"id", "text", "date"?, "title"?, "lang"?}."""
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        msg = f"{where}: not valid JSON ({exc.msg} at column {exc.colno}); each line must be one JSON object."
        raise InputError(msg) from None
    except (ValueError, RecursionError) as exc:  # a number of 5,000 digits, arrays nested 100,000 deep
        why = "nested too deeply" if isinstance(exc, RecursionError) else str(exc).split(":")[0]
        msg = f"{where}: not usable JSON ({why}); each line must be one JSON object."
        raise InputError(msg) from None
    if not isinstance(obj, dict):
        msg = f"{where}: expected a JSON object with \"id\" and \"text\"."
        raise InputError(msg)
    text = obj.get("text")
    if not isinstance(text, str):
        msg = f"{where}: the \"text\" field is missing or not a string."
        raise InputError(msg)
    doc_id = obj.get("id")
    if doc_id is None or isinstance(doc_id, (dict, list)):
        msg = f"{where}: the \"id\" field is missing or not a string/number."
        raise InputError(msg)
    opt = {k: (_SURROGATE.sub("\ufffd", str(obj[k])) if obj.get(k) not in (None, "") else None)
           for k in ("date", "title", "lang")}
    doc_id = _SURROGATE.sub("\ufffd", str(doc_id))
    who = f"{where} (id {doc_id if doc_id.isprintable() and len(doc_id) <= 60 else repr(doc_id[:60])})"
    if opt["date"] is not None and parse_date(opt["date"]) is None:  # not dropped silently
        msg = f"{who}: the \"date\" field {opt['date'][:40]!r} is not a date like 2015-11-19; fix it or leave it out."
        raise InputError(msg)
    text = check_text(text, who)
    if looks_like_html(text):  # a scraper's raw page
        text = check_text(_html_text(text), who)
    return RawArticle(doc_id=doc_id, text=text, **opt)


def iter_jsonl(lines: Iterator[str], name: str) -> Iterator[RawArticle | InputError]:
    """Records of a JSON Lines stream; a bad line yields its error and the rest go on."""
    for no, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            yield parse_jsonl_line(line, f"{name}:{no}")
        except InputError as exc:
            yield exc
