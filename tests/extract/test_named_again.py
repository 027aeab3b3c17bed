"""extract/named_again.py (through places_in_text): a name we do not know, once read as a place,
is the same place wherever the text writes it again."""

from __future__ import annotations

import pytest

from extract.places import places_in_text
from geodata.gazetteer import Gazetteer


def _unknown(gaz: Gazetteer, text: str, name: str) -> list[tuple[int, str, str]]:
    """(start, placed_at, country) of each unknown place written `name`."""
    return [
        (p.start, p.placed_at, p.country_code)
        for p in places_in_text(text, gaz)
        if p.surface == name and not p.resolved
    ]


# Each row: a text, the unknown name, how many times the text names it as a place.
AGAIN = [
    ("ISIS attacked the village of al-Shaheel in Deir ez-Zor province. In al-Shaheel, people fled.", "al-Shaheel", 2),
    ("Residents of al-Shaheel fled. ISIS attacked the village of al-Shaheel in Deir ez-Zor province.", "al-Shaheel", 2),
    ("Jets struck the village of Umm Jurn near Raqqa. Umm Jurn lies on the road north.", "Umm Jurn", 2),
    ("غارة على قرية الصالحية في ريف الرقة الشمالي. وقتل عمال في الصالحية.", "الصالحية", 2),
    ("قتل عمال في الصالحية. وكانت غارة قد استهدفت قرية الصالحية في ريف الرقة الشمالي.", "الصالحية", 2),
    # written as a longer name or as a word, it is not the place
    ("ISIS attacked the village of al-Shaheel in Deir ez-Zor province. Tell al-Shaheel was quiet.", "al-Shaheel", 1),
    ("قصفت الطائرات قرية الجديدة في ريف إدلب. وقالت المصادر إن الحكومة الجديدة رفضت.", "الجديدة", 1),
]


@pytest.mark.parametrize(("text", "name", "times"), [pytest.param(*row, id=row[0]) for row in AGAIN])
def test_an_unknown_place_named_again_is_the_same_place(gaz: Gazetteer, text: str, name: str, times: int) -> None:
    found = _unknown(gaz, text, name)
    assert len(found) == times, found
    assert len({(at, cc) for _, at, cc in found}) == 1  # one place: the unit of the mention that placed it
    assert found[0][1] and found[0][2] == "SY"


def test_a_lowercase_word_is_not_the_name_again(gaz: Gazetteer) -> None:
    text = "Troops shelled the village of Mahmoudli in Raqqa province. The mahmoudli shelling went on."
    assert [s for s, _, _ in _unknown(gaz, text, "Mahmoudli")] == [text.index("Mahmoudli")]
    assert _unknown(gaz, text, "mahmoudli") == []
