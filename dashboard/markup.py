"""Untrusted text as safe HTML: escaping, evidence highlighting, popups.

Every string that comes from an article, an import or the gazetteer goes
through `esc` before it reaches a popup, a table cell or a highlight; markup
is only ever built here, around escaped text. Arabic text is wrapped in
`dir="rtl" lang="ar"` so it reads right to left inside left-to-right pages.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from geodata.records import (
    ActorRef,
    EventRecord,
    FeatureRecord,
    MovementRecord,
    PlaceRecord,
    PlaceRef,
    Review,
    RouteRecord,
)

Mark = tuple[int, int, str]  # start, end (relative to the text shown), CSS class

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


def _clean_spans(spans: Iterable[Mark], length: int) -> list[Mark]:
    """Spans clipped to the text, sorted, overlaps dropped (the earlier, longer one wins)."""
    out: list[Mark] = []
    for raw_start, raw_end, cls in sorted(spans, key=lambda s: (s[0], -(s[1] - s[0]))):
        start, end = max(0, int(raw_start)), min(length, int(raw_end))
        if end <= start or (out and start < out[-1][1]):
            continue
        out.append((start, end, cls))
    return out


def highlight(
    text: str, spans: Iterable[Mark], *, lang: str | None = None, tag: str = "span", cls: str = "kh-evidence"
) -> str:
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


def _names(place: PlaceRef) -> str:
    return _join(place.name, place.name_ar, sep=" / ")


def when_text(record: FeatureRecord) -> str:
    """'2016-12-15 (day)', 'week of 2016-12-15', '2014-09-01 – 2015-11-19 (range)'; an undated feature
    the store placed on its article's date: '2016-12-15 (article date)'."""
    d = record.when
    if d is None:
        if record.period is None:
            return "undated"
        start, end = record.period
        return f"{start} (article date)" if start == end else f"{start} – {end} (range)"
    if d.precision == "range":
        return f"{d.start} – {d.end} (range)" if d.start != d.end else f"{d.start} (day)"
    if d.precision == "week":
        return f"week of {d.value}" + (f" ({d.start} – {d.end})" if d.start != d.end else "")
    return f"{d.value} ({d.precision})" if d.precision else str(d.value)


def where_text(record: FeatureRecord) -> str:
    if isinstance(record, EventRecord):
        gp = record.geo_precision
        return _join(_names(record.place), f"geo precision {gp}: {GEO_PRECISION[gp]}" if gp in GEO_PRECISION else "")
    if isinstance(record, MovementRecord):
        return " → ".join(p.name for p in record.waypoints)
    if isinstance(record, RouteRecord):
        return " – ".join(p.name for p in record.via)
    if isinstance(record, PlaceRecord):
        conf = record.confidence
        return _join(
            _names(record.place),
            record.place.country_code,
            "" if record.resolved else f"not in the gazetteer: placed at {record.placed_at or 'the unit around it'}",
            f"confidence {conf:.2f}" if isinstance(conf, (int, float)) else "",
        )
    return ""


def _counted(count: int | None, unit: str) -> str:
    return f"{count} {unit}".strip() if count else ""


def what_text(record: FeatureRecord) -> str:
    if isinstance(record, EventRecord):
        killed = f"{record.fatalities} killed" if record.fatalities else ""
        injured = f"{record.injured} injured" if record.injured else ""
        return _join(
            _join(record.event_type, record.sub_event_type, sep=" — "),
            killed,
            injured,
            _counted(record.count, record.unit),
        )
    if isinstance(record, MovementRecord):
        return _join("Movement", _counted(record.count, record.unit))
    if isinstance(record, RouteRecord):
        return _join(record.name or "Road", record.status)
    if isinstance(record, PlaceRecord):
        return _join(f"Place mentioned as “{record.surface}”" if record.surface else "Place", record.place.feature_type)
    return ""


def _name(actor: ActorRef | None) -> str:
    return actor.name if actor else ""


def who_text(record: FeatureRecord) -> str:
    if isinstance(record, EventRecord):
        return _join(_name(record.actor1), _name(record.actor2), sep=" vs ") or "unnamed actor"
    if isinstance(record, MovementRecord):
        return _name(record.actor) or "unnamed actor"
    if isinstance(record, RouteRecord):
        holder = _name(record.controlled_by)
        return f"held by {holder}" if holder else "control not stated"
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
    meta = " · ".join(
        part
        for part in (
            f"<bdi{dir_attrs(doc.source)}>{esc(doc.source)}</bdi>" if doc.source else "",
            f'<bdi dir="ltr">{esc(doc.date)}</bdi>' if doc.date else "",
        )
        if part
    )
    return (
        f'<div class="kh-src"><div{dir_attrs(title)}>{esc(title)}</div>'
        + (f'<div class="kh-meta" dir="ltr">{meta}</div>' if meta else "")
        + "</div>"
    )


def detail_rows(record: FeatureRecord) -> list[tuple[str, str]]:
    """(label, text) pairs of a popup or a details panel: what, who, when, where (the empty ones left out)."""
    rows = [
        ("What", what_text(record)),
        ("Who", who_text(record)),
        ("When", when_text(record)),
        ("Where", where_text(record)),
    ]
    return [(k, v) for k, v in rows if v]


REVIEW_WORDS = {"accepted": "Accepted", "corrected": "Corrected", "rejected": "Rejected", "merged": "Merged"}


def review_html(review: Review | None) -> str:
    """What an analyst decided, by whom and when ("Corrected by amal, 2026-12-02"); a merged event's reports."""
    if review is None or review.status not in REVIEW_WORDS:
        return ""
    line = f"{REVIEW_WORDS[review.status]} by {review.by}" + (f", {review.at[:10]}" if review.at else "")
    if review.merged_into:
        line += f" into {review.merged_into}"
    if review.reason:
        line += f": {review.reason}"
    reports = ""
    if len(review.sources) > 1:
        items = "".join(f"<li>{esc(s.source or s.doc)}: {esc(s.evidence)}</li>" for s in review.sources)
        n = len(review.sources)
        reports = f'<details class="kh-sources"><summary>{n} reports</summary><ul>{items}</ul></details>'
    return f'<div class="kh-review kh-review-{esc(review.status)}">{esc(line)}</div>{reports}'


def popup_html(record: FeatureRecord, evidence_html: str, doc: DocMeta | None = None, *, color: str = "#555") -> str:
    """The popup of one feature: kind, what/who/when/where, the evidence, the article, its ref.

    `evidence_html` must come from `highlight`; everything else is escaped here.
    """
    kind = record.kind
    head = f'<div class="kh-kind" style="border-color:{esc(color)}">{esc(KIND_LABELS.get(kind, kind))}</div>'
    rows = "".join(f"<tr><th>{k}</th><td{dir_attrs(v)}>{esc(v)}</td></tr>" for k, v in detail_rows(record))
    ref = f'<div class="kh-ref">ref {esc(record.feature_id)}</div>' if record.feature_id else ""
    review = review_html(record.review)
    return f'{head}{review}<table class="kh-rows">{rows}</table>{evidence_html}{source_html(doc)}{ref}'


def text_with_mentions(text: str, spans: Sequence[Mark], *, lang: str | None = None) -> str:
    """A whole article with its mentions highlighted (the `kh-article` style keeps its line breaks)."""
    return highlight(text, spans, lang=lang, tag="div", cls="kh-article")
