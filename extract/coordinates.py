"""Coordinates written in the text ("33°47′N 44°30′E", "35.0325°N 43.6463889°E",
"35.0325; 43.6463889"): a place at exactly that point, named as written."""

from __future__ import annotations

import re

from extract.types import Place

_DEG = r"(\d{1,3}(?:\.\d+)?)\s*°"
_MIN = r"(?:\s*(\d{1,2}(?:\.\d+)?)\s*[′'’])?"
_SEC = r"(?:\s*(\d{1,2}(?:\.\d+)?)\s*(?:″|''|\"|”))?"
_DMS = re.compile(_DEG + _MIN + _SEC + r"\s*([NS])[\s,;]+" + _DEG + _MIN + _SEC + r"\s*([EW])\b")
_DECIMAL_PAIR = re.compile(r"(?<![\d.])(-?\d{1,2}\.\d{3,})\s*[;,]\s*(-?\d{1,3}\.\d{3,})(?![\d.])")
_DECIMAL_HINT = re.compile(r"\d\.\d{3}")
COORDINATE_CONFIDENCE = 0.99


def _dms(deg: str, minutes: str | None, seconds: str | None, hemi: str) -> float:
    value = float(deg) + float(minutes or 0) / 60 + float(seconds or 0) / 3600
    return -value if hemi in "SW" else value


def _place(text: str, start: int, end: int, lat: float, lon: float) -> Place | None:
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    surface = text[start:end]
    return Place(
        start=start,
        end=end,
        surface=surface,
        gazetteer_id="",
        name=surface,
        name_ar="",
        feature_type="place",
        country_code="",
        lat=round(lat, 6),
        lon=round(lon, 6),
        confidence=COORDINATE_CONFIDENCE,
    )


def coordinates_in(text: str) -> list[Place]:
    """Every coordinate pair of the text as a place at that point."""
    out: list[Place] = []
    if "°" not in text and not _DECIMAL_HINT.search(text):
        return out  # most texts give none: one quick look
    for m in _DMS.finditer(text) if "°" in text else ():
        lat = _dms(m.group(1), m.group(2), m.group(3), m.group(4))
        lon = _dms(m.group(5), m.group(6), m.group(7), m.group(8))
        if (p := _place(text, m.start(), m.end(), lat, lon)) is not None:
            out.append(p)
    for m in _DECIMAL_PAIR.finditer(text):
        if (p := _place(text, m.start(), m.end(), float(m.group(1)), float(m.group(2)))) is not None:
            out.append(p)
    return out
