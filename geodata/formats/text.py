"""Text from bytes: detect the encoding, refuse what is not text.

UTF-8 (with or without BOM), UTF-16 (with or without BOM), Windows-1256 and
ISO-8859-6 are read; PDFs, images, archives, executables and other binary
data are refused with an `InputError` that names the input and says what to
do. Lone surrogates (which no file or database can hold) become U+FFFD.
"""

from __future__ import annotations

import re

from geodata.errors import InputError

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
_SURROGATE = re.compile("[\ud800-\udfff]")


def without_surrogates(text: str) -> str:
    """Lone surrogates (from JSON "\\ud800" escapes or broken UTF-16) as U+FFFD, one for one."""
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


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
    if not sample:
        return False
    even, odd = sample[0::2], sample[1::2]

    def high(half: bytes) -> float:
        return (half.count(0) + half.count(6)) / max(len(half), 1)

    return high(even) > 0.6 or high(odd) > 0.6


def _utf16_codec(head: bytes) -> str:
    """'utf-16' (BOM), 'utf-16-be' or 'utf-16-le' (no BOM: told by where the zero/0x06 bytes are)."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    even, odd = head[0:4096:2], head[1:4096:2]
    return "utf-16-be" if even.count(0) + even.count(6) > odd.count(0) + odd.count(6) else "utf-16-le"


def _refuse_binary(data: bytes, name: str, advice: str) -> None:
    what = _looks_binary(data)
    if what:
        raise InputError(f"this is {what}, not text; {advice}", source=name)


def decode(data: bytes, name: str) -> str:
    """Text from bytes: UTF-8 (with or without BOM), UTF-16, Windows-1256, ISO-8859-6."""
    _refuse_binary(data, name, "save the article as plain text (.txt) or HTML first.")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or _utf16_without_bom(data[:4096]):
        return data.decode(_utf16_codec(data), errors="replace")  # a cut-off last byte becomes U+FFFD
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
    _refuse_binary(head, name, "give a UTF-8 JSON Lines file.")
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or _utf16_without_bom(head[:4096]):
        return _utf16_codec(head)
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
