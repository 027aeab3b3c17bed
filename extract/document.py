"""Build a `Document` from raw text: language, header metadata, dateline.

Headers like the seed's (title line, time line, date line, then a body that
opens with `CITY-SOURCE-`) and English datelines (`CITY, Country (Agency) -`,
`CITY (Agency) -`) are parsed; the text itself is never changed. Without a
date of its own in the header, an article is dated by the first full date at
the head of its body ("Posted on July 2 2016 by ...").
"""

from __future__ import annotations

import re
from datetime import date

from extract.dates import dates_in
from extract.types import Document, Span
from geodata.names import normalize_text

_ARABIC = re.compile(r"[\u0600-\u06FF]")
_LETTER = re.compile(r"[^\W\d_]")
_TIME_LINE = re.compile(r"^\s*\d{1,2}:\d{2}(\s*[APap][Mm])?\s*$")
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DMY_DATE = re.compile(r"^\s*(\d{1,2})[/.](\d{1,2})[/.](\d{4})\s*$")
# "الموصل-الشروق العربي-": a city of at most three words, a source of at most five.
_DATELINE_AR = re.compile(
    r"([^\s\-–—:،.]+(?: [^\s\-–—:،.]+){0,2})\s*[-–—]\s*([^\s\-–—:،.]+(?: [^\s\-–—:،.]+){0,4})"
    r"\s*[-–—]\s*(?=\S)"
)
_DATELINE_EN = re.compile(
    r"([A-Z][A-Za-z'’.\-/ ]{1,40}?)(?:,\s*([A-Z][A-Za-z .]{1,30}?))?\s*(?:\(([^)\n]{2,40})\))?"
    r"\s*(?:[-–—]{1,2}|//)\s+(?=\S)"
)
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


def detect_lang(text: str) -> str:
    """'ar' when a fair share of the letters are Arabic, else 'en'."""
    sample = text[:5000]
    letters = len(_LETTER.findall(sample))
    return "ar" if letters and len(_ARABIC.findall(sample)) / letters > 0.3 else "en"


def parse_date(value: str | None) -> date | None:
    """An ISO (YYYY-MM-DD) or D/M/YYYY date, else None."""
    if not value:
        return None
    value = value.translate(_DIGITS)
    m = _ISO_DATE.search(value)
    try:
        if m:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        m = _DMY_DATE.match(value)
        if m:
            return date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    except ValueError:
        return None
    return None


def _lines(text: str) -> list[tuple[int, int, str]]:
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line), line))
        pos += len(line) + 1
    return out


def _header(text: str) -> tuple[str, date | None, int]:
    """Title, header date and where the body starts (0 when there is no header)."""
    lines = [ln for ln in _lines(text) if ln[2].strip()][:4]
    if len(lines) < 2:
        return "", None, 0
    title, published, body = "", None, 0
    for i, (_start, e, line) in enumerate(lines):
        stripped = line.strip()
        if _TIME_LINE.match(stripped):
            body = e + 1
        elif len(stripped) <= 40 and parse_date(stripped) and not _LETTER.search(stripped.translate(_DIGITS)):
            published, body = parse_date(stripped), e + 1
        elif i == 0 and len(stripped) < 200 and not stripped.endswith((".", "。")):
            title = stripped
        else:
            break
    if not body:  # a title line alone is a header only when the body follows a blank line
        first = lines[0]
        if title and text[first[1] : first[1] + 2] == "\n\n":
            body = first[1] + 1
        else:
            title = ""
    while body < len(text) and text[body] in "\n \t":
        body += 1
    return title, published, body


def _dateline(text: str, body: int, lang: str) -> tuple[Span | None, str]:
    head = text[body : body + 120]
    if lang == "ar":
        m = _DATELINE_AR.match(head)
        if m:
            return Span(body + m.start(1), body + m.end(1)), m.group(2).strip()
        return None, ""
    m = _DATELINE_EN.match(head)
    if m and (m.group(3) or m.group(2) or m.group(1).isupper()):
        return Span(body + m.start(1), body + m.end(1)), (m.group(3) or "").strip()
    return None, ""


_LEAD = 200  # characters of the body in which a full date is the article's ("Posted on July 2 2016 by ...")


def _lead_date(text: str, body: int) -> date | None:
    """The first full date (day, month and year) at the head of the body: "Date of publication
    30 September 2017 ...", "AFP Friday 10 Oct 2014", "نشر في 5 أيلول 2017"."""
    head = text[body : body + _LEAD]
    days = [d for d in dates_in(head, normalize_text(head), None) if d.precision == "day"]
    return days[0].value if days else None


def _as_date(value: str | date | None) -> date | None:
    return value if isinstance(value, date) else parse_date(value)


def make_document(
    text: str,
    *,
    doc_id: str,
    lang: str | None = None,
    title: str | None = None,
    published: str | date | None = None,
    source: str | None = None,
    default_date: str | date | None = None,
) -> Document:
    """Parse a raw article into a Document; explicit arguments beat the header,
    and the header beats `default_date`."""
    lang = lang if lang in ("ar", "en") else detect_lang(text)
    h_title, h_date, body = _header(text)
    dateline, dl_source = _dateline(text, body, lang)
    pub = _as_date(published) or h_date or _lead_date(text, body) or _as_date(default_date)
    return Document(
        doc_id=doc_id,
        text=text,
        lang=lang,
        title=title or h_title,
        published=pub,
        source=source or dl_source,
        dateline=dateline,
        body_start=body,
    )
