"""Arabic names glued to a neighbour in titles: split where the remainder is a known piece."""

from __future__ import annotations

import pytest

from extract.places import places_in_text
from geodata.gazetteer import Gazetteer

GLUED = [
    ("inner-article", "غارات على معرةالنعمان فجر اليوم", "معرةالنعمان", "Maarat al-Numan"),
    ("inner-article-city", "وصلت التعزيزات إلى ديرالزور", "ديرالزور", "Deir ez-Zor"),
    ("trailing-waw", "قصف اعزازو تل رفعت", "اعزاز", "Azaz"),
    ("both-waws", "غارات على مارع واعزازو تل رفعت", "اعزاز", "Azaz"),
]


@pytest.mark.parametrize(("text", "surface", "name"), [c[1:] for c in GLUED], ids=[c[0] for c in GLUED])
def test_a_glued_name_is_found_with_its_own_letters(gaz: Gazetteer, text: str, surface: str, name: str) -> None:
    found = {p.surface: p.name for p in places_in_text(text, gaz)}
    assert found.get(surface) == name
    start = text.index(surface)
    assert text[start : start + len(surface)] == surface


NOT_GLUED = [
    ("person-names", "قال عبدالله وعبدالرحمن ونورالدين إن الوضع هادئ"),
    ("verb-ending-waw", "ذهبو إلى البيت وعادو مساء"),
    ("organisation", "أعلن جيشالاسلام مسؤوليته"),
]


@pytest.mark.parametrize("text", [c[1] for c in NOT_GLUED], ids=[c[0] for c in NOT_GLUED])
def test_words_that_only_look_glued_are_no_places(gaz: Gazetteer, text: str) -> None:
    assert places_in_text(text, gaz) == []
