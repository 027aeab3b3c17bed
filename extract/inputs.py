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

from geodata._errors import InputError
from geodata.settings import MAX_TEXT_CHARS

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
_ARABIC_LETTERS = re.compile(r"[\u0621-\u064A]")
_MOJIBAKE = re.compile(r"[ÃØÙÚÛÐ][\x80-\xBF\u0080-\u02FF]")


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
    """Text from bytes: UTF-8 (with or without BOM), UTF-16, Windows-1256."""
    what = _looks_binary(data)
    if what:
        msg = f"{name}: this is {what}, not text; save the article as plain text (.txt) or HTML first."
        raise InputError(msg)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if _utf16_without_bom(data[:4096]):
        even, odd = data[0:4096:2], data[1:4096:2]
        big_endian = even.count(0) + even.count(6) > odd.count(0) + odd.count(6)
        return data.decode("utf-16-be" if big_endian else "utf-16-le", errors="replace")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    text = data.decode("cp1256", errors="replace")
    if _ARABIC_LETTERS.search(text):
        return text
    return data.decode("latin-1")


def check_text(text: str, name: str) -> str:
    """Refuse empty or oversized texts with a message that says why."""
    if not text.strip():
        msg = f"{name}: the article is empty."
        raise InputError(msg)
    if len(text) > MAX_TEXT_CHARS:
        msg = (f"{name}: the article has {len(text):,} characters, more than the limit of "
               f"{MAX_TEXT_CHARS:,}; split it into smaller files.")
        raise InputError(msg)
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
    if size > MAX_TEXT_CHARS * 4:
        msg = f"{name}: {size:,} bytes is more than the limit of {MAX_TEXT_CHARS * 4:,}; split the file."
        raise InputError(msg)
    text = decode(path.read_bytes(), name)
    if path.suffix.lower() in (".html", ".htm") or text.lstrip()[:15].lower().startswith(("<!doctype", "<html")):
        from extract.html import html_to_text

        text = html_to_text(text)
    return RawArticle(doc_id=path.name, text=check_text(text, name))


def parse_jsonl_line(line: str, where: str) -> RawArticle:
    """One JSON Lines record: {"id", "text", "date"?, "title"?, "lang"?}."""
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        msg = f"{where}: not valid JSON ({exc.msg} at column {exc.colno}); each line must be one JSON object."
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
    opt = {k: (str(obj[k]) if obj.get(k) is not None else None) for k in ("date", "title", "lang")}
    return RawArticle(doc_id=str(doc_id), text=check_text(text, f"{where} (id {doc_id})"), **opt)


def iter_jsonl(lines: Iterator[str], name: str) -> Iterator[RawArticle | InputError]:
    """Records of a JSON Lines stream; a bad line yields its error and the rest go on."""
    for no, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            yield parse_jsonl_line(line, f"{name}:{no}")
        except InputError as exc:
            yield exc
