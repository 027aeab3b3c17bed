"""Untrusted text as safe HTML: escaping, evidence highlighting, popups.

Every string that comes from an article, an import or the gazetteer goes
through `esc` before it reaches a popup, a table cell or a highlight; markup
is only ever built here, around escaped text. Arabic text is wrapped in
`dir="rtl" lang="ar"` so it reads right to left inside left-to-right pages.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

Feature = dict[str, Any]
Span = tuple[int, int, str]  # start, end (relative to the text shown), CSS class

_ARABIC = re.compile(r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]")
_LETTER = re.compile(r"[^\W\d_]")

GEO_PRECISION = {1: "the town itself", 2: "near a town or part of a region", 3: "a province or larger region"}
KIND_LABELS = {"event": "Event", "movement": "Movement", "route": "Route", "place": "Place"}


def esc(value: object) -> str:
    """Text as HTML: `&`, `<`, `>`, `"` and `'` escaped; None is empty."""
    return "" if value is None else html.escape(str(value), quote=True)


def is_rtl(text: str | None, lang: str | None = None) -> bool:
    """Arabic text (by `lang`, else by a fair share of Arabic letters) reads right to left."""
    if lang:
        return lang.split("-")[0].lower() in ("ar", "fa", "ur", "he", "ku")
    sample = (text or "")[:400]
    letters = len(_LETTER.findall(sample))
    return bool(letters) and len(_ARABIC.findall(sample)) / letters > 0.3


def dir_attrs(text: str | None, lang: str | None = None) -> str:
    """`dir` and `lang` attributes for a block of text."""
    if is_rtl(text, lang):
        return ' dir="rtl" lang="ar"'
    return ' dir="ltr"' + (f' lang="{esc(lang)}"' if lang else "")


def _clean_spans(spans: Iterable[Span], length: int) -> list[Span]:
    """Spans clipped to the text, sorted, overlaps dropped (the earlier, longer one wins)."""
    out: list[Span] = []
    for raw_start, raw_end, cls in sorted(spans, key=lambda s: (s[0], -(s[1] - s[0]))):
        start, end = max(0, int(raw_start)), min(length, int(raw_end))
        if end <= start or (out and start < out[-1][1]):
            continue
        out.append((start, end, cls))
    return out


def highlight(text: str, spans: Iterable[Span], *, lang: str | None = None, tag: str = "span",
              cls: str = "kh-evidence") -> str:
    """`text` escaped, with each (start, end, class) span in a `<mark>`; direction set for Arabic."""
    parts: list[str] = []
    pos = 0
    for start, end, mark_cls in _clean_spans(spans, len(text)):
        parts.append(esc(text[pos:start]))
        parts.append(f'<mark class="{esc(mark_cls)}">{esc(text[start:end])}</mark>')
        pos = end
    parts.append(esc(text[pos:]))
    return f'<{tag} class="{cls}"{dir_attrs(text, lang)}>{"".join(parts)}</{tag}>'


# --- what a feature says, as plain text (escaped when rendered) ------------------------------------------------


def _join(*parts: object, sep: str = " · ") -> str:
    return sep.join(str(p) for p in parts if p not in (None, "", [], ()))


def when_text(p: Mapping[str, Any]) -> str:
    """'2016-12-15 (day)', 'week of 2016-12-15', '2014-09-01 – 2015-11-19 (range)'."""
    date, precision = p.get("date"), p.get("date_precision")
    start, end = p.get("date_start"), p.get("date_end")
    if precision == "range" or (not date and start):
        if start and end and start != end:
            return f"{start} – {end} (range)"
        return f"{start or date} (day)"
    if not date:
        return "undated"
    if precision == "week":
        return f"week of {date}" + (f" ({start} – {end})" if start and end and start != end else "")
    return f"{date} ({precision})" if precision else str(date)


def where_text(p: Mapping[str, Any]) -> str:
    kind = p.get("kind")
    if kind == "event":
        names = _join(p.get("location"), p.get("location_ar"), sep=" / ")
        gp = p.get("geo_precision")
        return _join(names, f"geo precision {gp}: {GEO_PRECISION[gp]}" if gp in GEO_PRECISION else "")
    if kind == "movement":
        return " → ".join(map(str, p.get("waypoints") or ()))
    if kind == "route":
        return " – ".join(map(str, p.get("via") or ()))
    conf = p.get("confidence")
    return _join(_join(p.get("name"), p.get("name_ar"), sep=" / "), p.get("country_code"),
                 f"confidence {conf:.2f}" if isinstance(conf, (int, float)) else "")


def what_text(p: Mapping[str, Any]) -> str:
    kind = p.get("kind")
    if kind == "event":
        what = _join(p.get("event_type"), p.get("sub_event_type"), sep=" — ")
        if p.get("fatalities"):
            what += f" · {p['fatalities']} killed"
        if p.get("count"):
            what += f" · {p['count']} {p.get('unit') or ''}".rstrip()
        return what
    if kind == "movement":
        return _join("Movement", f"{p['count']} {p.get('unit') or ''}".strip() if p.get("count") else "")
    if kind == "route":
        return _join(p.get("name") or "Road", p.get("status"))
    return _join(f"Place mentioned as “{p.get('surface')}”" if p.get("surface") else "Place", p.get("feature_type"))


def who_text(p: Mapping[str, Any]) -> str:
    kind = p.get("kind")
    if kind == "event":
        return _join(p.get("actor1"), p.get("actor2"), sep=" vs ") or "unnamed actor"
    if kind == "movement":
        return p.get("actor") or "unnamed actor"
    if kind == "route":
        return f"held by {p['controlled_by']}" if p.get("controlled_by") else "control not stated"
    return ""


@dataclass(frozen=True, slots=True)
class DocMeta:
    """The article a feature came from."""

    title: str = ""
    source: str = ""
    date: str | None = None
    name: str = ""


def source_html(doc: DocMeta | None) -> str:
    if doc is None:
        return ""
    title = doc.title or doc.name
    meta = " · ".join(part for part in (f"<bdi{dir_attrs(doc.source)}>{esc(doc.source)}</bdi>" if doc.source else "",
                                        f'<bdi dir="ltr">{esc(doc.date)}</bdi>' if doc.date else "") if part)
    return (f'<div class="kh-src"><div{dir_attrs(title)}>{esc(title)}</div>'
            + (f'<div class="kh-meta" dir="ltr">{meta}</div>' if meta else "") + "</div>")


def _rows(p: Mapping[str, Any]) -> list[tuple[str, str]]:
    rows = [("What", what_text(p)), ("Who", who_text(p)), ("When", when_text(p)), ("Where", where_text(p))]
    return [(k, v) for k, v in rows if v]


def popup_html(f: Feature, evidence_html: str, doc: DocMeta | None = None, *, color: str = "#555") -> str:
    """The popup of one feature: kind, what/who/when/where, the evidence, the article.

    `evidence_html` must come from `highlight`; everything else is escaped here.
    """
    p = f.get("properties") or {}
    kind = p.get("kind", "")
    head = f'<div class="kh-kind" style="border-color:{esc(color)}">{esc(KIND_LABELS.get(kind, kind))}</div>'
    rows = "".join(f"<tr><th>{k}</th><td{dir_attrs(v)}>{esc(v)}</td></tr>" for k, v in _rows(p))
    ref = f'<div class="kh-ref">ref {esc(f.get("id"))}</div>' if f.get("id") is not None else ""
    return f'{head}<table class="kh-rows">{rows}</table>{evidence_html}{source_html(doc)}{ref}'


def feature_rows(f: Feature) -> list[tuple[str, str]]:
    """(label, text) pairs for a details panel."""
    return _rows(f.get("properties") or {})


def text_with_mentions(text: str, spans: Sequence[Span], *, lang: str | None = None) -> str:
    """A whole article with its mentions highlighted (the `kh-article` style keeps its line breaks)."""
    return highlight(text, spans, lang=lang, tag="div", cls="kh-article")
