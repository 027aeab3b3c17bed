"""extract/event_seats.py (through the pipeline): where a deed's attacker is based, or where it was told, is not
where the deed happened, in Arabic and English side by side."""

from __future__ import annotations

import pytest

from extract.document import make_document
from extract.pipeline import extract_document

# Each row: an id, the Arabic text, the English text, and the places the deeds happened at.
ROWS = [
    (
        "based-near",  # the attacker's base is not where it struck
        "قصفت المدفعية التركية المتمركزة قرب تل أبيض بلدة عين عيسى يوم الأحد.",
        "Turkish artillery based near Tal Abyad shelled Ain Issa on Sunday.",
        ["Ain Issa"],
    ),
    (
        "based-in-and-attacked-there",  # troops based in a town and attacked: the town is where it happened
        "هاجم مسلحو داعش القوات المتمركزة في الموصل.",
        "Troops based in Mosul were attacked by ISIS.",
        ["Mosul"],
    ),
    (
        "told-in",  # where it was told is not where it happened
        "قال مصدر أمني في بغداد إن غارة جوية استهدفت الفلوجة.",
        "A security source in Baghdad said an air strike hit Fallujah.",
        ["Fallujah"],
    ),
]


def _places(gaz, text: str) -> list[str]:
    ex = extract_document(make_document(text, doc_id="t", default_date="2017-06-01"), gaz)
    return sorted({e.place.name for e in ex.events})


@pytest.mark.parametrize(
    ("text", "places"),
    [pytest.param(t, want, id=f"{rid}-{lang}") for rid, ar, en, want in ROWS for lang, t in (("ar", ar), ("en", en))],
)
def test_a_deed_happened_where_it_struck_not_where_it_was_based_or_told(gaz, text: str, places: list[str]) -> None:
    assert _places(gaz, text) == places
